"""``SecretSource`` on Google Secret Manager (``google-cloud-secret-manager``).

Reads ``projects/P/secrets/NAME/versions/latest`` when the value is first needed, keeps it
for ``settings.secret_ttl_s`` (300 s by default) and reads again after that, so a version
added with ``gcloud secrets versions add`` reaches instances that are already warm, with no
redeploy and no restart. ``refresh()`` bypasses the cache: the LLM adapter calls it once
when the cached key is rejected (rotated or revoked), before failing.

Outcomes of a read:
- a version: its value (checksum-verified, surrounding whitespace removed);
- no version, or the newest one disabled/destroyed (NOT_FOUND, FAILED_PRECONDITION), or an
  empty value: ``None`` — callers take the offline path and say why;
- PERMISSION_DENIED / UNAUTHENTICATED (HTTP 403 / 401): ``PermanentError`` naming the role to grant;
- quota, 5xx, deadlines: the last good value if there is one (a Secret Manager blip should
  not stop Claude), else ``TransientError`` so the delivery is retried.

``settings.secretmanager_endpoint`` points the REST transport at a local server (tests),
with anonymous credentials.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from demoforge.domain.errors import PermanentError, TransientError
from demoforge.service.ports import SecretSource
from demoforge.settings import Settings

if TYPE_CHECKING:
    from google.cloud.secretmanager_v1 import SecretManagerServiceClient

log = logging.getLogger("demoforge.secret_manager")

CALL_TIMEOUT_S = 10.0  # a small read: never let it eat a phase's time budget


def claude_off_message(source: SecretSource) -> str:
    """What a job is told while the Anthropic key's secret has no usable version."""
    secret = source.name.removeprefix("secret ")
    return (f"Claude is off: no enabled version of {source.name}; add one "
            f"(gcloud secrets versions add {secret} --data-file=-) to enable it, no redeploy "
            "needed. Using the offline path.")


class SecretManagerSecret:
    """The newest version of one secret, cached for ``settings.secret_ttl_s`` seconds."""

    def __init__(
        self, settings: Settings, version_name: str | None = None, *,
        client: SecretManagerServiceClient | None = None,
        clock: Callable[[], float] = time.monotonic, timeout_s: float = CALL_TIMEOUT_S,
    ) -> None:
        self.version_name = version_name or settings.anthropic_secret_version
        if not self.version_name.endswith("/versions/latest"):
            raise ValueError(f"expected .../secrets/NAME/versions/latest, not {self.version_name!r}")
        secret_id = self.version_name.split("/secrets/", 1)[1].split("/", 1)[0]
        self.name = f"secret {secret_id}"
        self.secret_id = secret_id
        self._settings = settings
        self._ttl_s = settings.secret_ttl_s
        self._clock = clock
        self._timeout_s = timeout_s  # the client retries UNAVAILABLE within it
        self._client = client
        self._lock = threading.Lock()
        self._value: str | None = None
        self._read_at: float | None = None  # monotonic time of the last completed read

    # -- SecretSource

    def current(self) -> str | None:
        with self._lock:
            if self._read_at is not None and self._clock() - self._read_at < self._ttl_s:
                return self._value
            return self._read(stale_ok=True)

    def refresh(self) -> str | None:
        with self._lock:
            return self._read(stale_ok=False)

    # -- internals

    @property
    def client(self) -> SecretManagerServiceClient:
        if self._client is None:
            from google.cloud import secretmanager_v1

            if self._settings.secretmanager_endpoint:
                from google.auth.credentials import AnonymousCredentials

                self._client = secretmanager_v1.SecretManagerServiceClient(
                    credentials=AnonymousCredentials(), transport="rest",
                    client_options={"api_endpoint": self._settings.secretmanager_endpoint},
                )
            else:
                self._client = secretmanager_v1.SecretManagerServiceClient()
        return self._client

    def _retry(self) -> Any:
        """The client's own retry of UNAVAILABLE/5xx/429, bounded by ``timeout_s`` in total
        (its default keeps trying for 60 s, a good part of a phase's budget)."""
        from google.api_core import retry as retries

        return retries.Retry(predicate=retries.if_transient_error, initial=0.25, maximum=2.0,
                             multiplier=2.0, timeout=self._timeout_s)

    def _read(self, *, stale_ok: bool) -> str | None:
        from google.api_core import exceptions as gexc

        from demoforge.adapters.google_errors import TRANSIENT

        try:
            resp = self.client.access_secret_version(
                name=self.version_name, timeout=self._timeout_s, retry=self._retry())
        except (gexc.NotFound, gexc.FailedPrecondition, gexc.BadRequest) as e:
            if isinstance(e, gexc.BadRequest) and _rpc_status(e) != "FAILED_PRECONDITION":
                raise PermanentError(f"Secret Manager refused to read {self.version_name}: {e}",
                                     code="secret_invalid") from e
            # No version yet, or the newest is disabled/destroyed: Claude stays off until one
            # is added. Cached like a value, so this costs one read per TTL, not per call.
            log.info("%s has no enabled version: %s", self.name, e)
            return self._remember(None)
        except (gexc.Forbidden, gexc.Unauthorized) as e:  # gRPC PERMISSION_DENIED, UNAUTHENTICATED
            raise PermanentError(
                f"cannot read {self.name} ({self.version_name}): grant this function's service "
                f"account roles/secretmanager.secretAccessor on it ({e})", code="secret_forbidden",
            ) from e
        except TRANSIENT as e:
            if stale_ok and self._read_at is not None and self._value is not None:
                log.warning("Secret Manager unavailable, keeping the cached %s: %s", self.name, e)
                return self._value
            raise TransientError(f"Secret Manager: reading {self.name}: {e}") from e
        value = _payload_text(resp, self.name)
        if value is None:
            log.warning("%s: the newest version is empty", self.name)
        return self._remember(value)

    def _remember(self, value: str | None) -> str | None:
        self._value = value
        self._read_at = self._clock()
        return value


def _rpc_status(e: Exception) -> str:
    """The google.rpc status name. Over gRPC it picks the exception class; over REST the
    class follows the HTTP code (FAILED_PRECONDITION arrives as 400 BadRequest), so read
    the status from the error body."""
    from google.api_core import exceptions as gexc

    if isinstance(e, gexc.FailedPrecondition):
        return "FAILED_PRECONDITION"
    response = getattr(e, "response", None)
    try:
        status = response.json()["error"]["status"] if response is not None else ""
    except (ValueError, KeyError, TypeError, AttributeError):
        return ""
    return str(status)


def _payload_text(resp: Any, name: str) -> str | None:
    """The version's data as text; None when empty. A checksum mismatch is transient (the
    bytes were damaged on the way: reading again fixes it)."""
    import google_crc32c

    data: bytes = resp.payload.data
    # data_crc32c is an optional field: compare only when the server sent one.
    if "data_crc32c" in resp.payload and int(resp.payload.data_crc32c) != google_crc32c.value(data):
        raise TransientError(f"Secret Manager: {name}: payload checksum mismatch")
    try:
        text = data.decode("utf-8").strip()
    except UnicodeDecodeError as e:
        raise PermanentError(f"{name} is not UTF-8 text: {e}", code="secret_invalid") from e
    return text or None
