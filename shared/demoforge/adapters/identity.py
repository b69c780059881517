"""``CallerIdentity`` for the api: who created a job, from what can be verified.

Behind Cloud Run IAM the platform checks one header before our code runs:
``X-Serverless-Authorization`` when the caller sent it, else ``Authorization``. Whatever
the *other* header carries is the caller's free choice, so only the checked one is read,
``X-Serverless-Authorization`` first. Its ID token is

- verified with google-auth's verifier (signature against Google's certificates, expiry,
  audience = one of ``settings.api_audiences``, the api's URLs, issuer Google) when it
  carries a signature;
- taken as the platform verified it when the platform removed the signature (only with
  ``settings.trust_platform_identity``: the api is deployed behind Cloud Run IAM).

``X-Goog-Authenticated-User-Email`` is Identity-Aware Proxy's header, not Cloud Run's: a
client can send it, so it is ignored unless ``settings.behind_iap`` says IAP sits in front
(IAP strips client copies and sets its own). Anything unverifiable gives "unknown" and a
log line saying why: attribution must never be spoofable, and the caller was already
authenticated by the platform, so refusing the request would add no security.

Certificates are fetched from ``settings.id_token_certs_url`` and cached per their
``Cache-Control: max-age`` (Google rotates them over days), not fetched per request.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from demoforge.settings import Settings

log = logging.getLogger("demoforge.identity")

GOOGLE_ISSUERS = ("accounts.google.com", "https://accounts.google.com")
PLATFORM_HEADERS = ("X-Serverless-Authorization", "Authorization")  # the order Cloud Run checks
IAP_EMAIL_HEADER = "X-Goog-Authenticated-User-Email"
DEFAULT_CERTS_TTL_S = 3600.0
MAX_CERTS_TTL_S = 6 * 3600.0
UNKNOWN = "unknown"
MAX_EMAIL = 320


class GoogleCallerIdentity:
    def __init__(
        self, settings: Settings, *, request: Any = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self._request = request  # a google.auth.transport.Request (built lazily)
        self._clock = clock
        self._certs: _CertsCache | None = None

    def caller(self, headers: Mapping[str, str]) -> str:
        s = self.settings
        if s.behind_iap:
            email = _header(headers, IAP_EMAIL_HEADER)
            if email:
                # "accounts.google.com:user@example.com"
                return email.split(":", 1)[-1][:MAX_EMAIL]
        if not s.trust_platform_identity:
            return "local"  # a laptop run: no platform verified anybody
        for name in PLATFORM_HEADERS:
            value = _header(headers, name)
            if value:
                return self._from_token(name, value)
        log.warning("no identity token in %s: created_by=unknown", " or ".join(PLATFORM_HEADERS))
        return UNKNOWN

    # -- tokens

    def _from_token(self, header: str, value: str) -> str:
        m = re.fullmatch(r"(?i)bearer\s+(\S+)", value.strip())
        if not m:
            log.warning("%s is not a bearer token: created_by=unknown", header)
            return UNKNOWN
        token = m.group(1)
        parts = token.split(".")
        if len(parts) != 3:
            log.warning("%s does not hold a JWT: created_by=unknown", header)
            return UNKNOWN
        if parts[2] == "":
            # The platform verified this very header and removed the signature before
            # handing it to us, so its claims are what it checked.
            claims = _unverified_claims(parts[1])
        else:
            claims = self._verified_claims(header, token)
        if claims is None:
            return UNKNOWN
        who = claims.get("email") or claims.get("sub")
        if not isinstance(who, str) or not who:
            log.warning("%s token names nobody (no email or sub): created_by=unknown", header)
            return UNKNOWN
        return who[:MAX_EMAIL]

    def _verified_claims(self, header: str, token: str) -> dict[str, Any] | None:
        from google.auth import exceptions as gauth_exc
        from google.oauth2 import id_token

        audiences = list(self.settings.api_audiences)
        if not audiences:
            # Verifying without an audience would accept a token minted for any service.
            log.warning("DEMOFORGE_API_AUDIENCES is not set: cannot verify %s; created_by=unknown",
                        header)
            return None
        try:
            claims = dict(id_token.verify_token(
                token, self._transport(), audience=audiences,
                certs_url=self.settings.id_token_certs_url, clock_skew_in_seconds=10,
            ))
        except (ValueError, gauth_exc.GoogleAuthError) as e:
            # ValueError: bad signature, expired, wrong audience, malformed (google-auth's
            # verifier raises it for every rejected token).
            log.warning("%s token rejected (%s): created_by=unknown", header, e)
            return None
        if claims.get("iss") not in GOOGLE_ISSUERS:
            log.warning("%s token issued by %r, not Google: created_by=unknown", header,
                        claims.get("iss"))
            return None
        return claims

    def _transport(self) -> Any:
        if self._certs is None:
            inner = self._request
            if inner is None:
                import google.auth.transport.requests

                inner = google.auth.transport.requests.Request()
            self._certs = _CertsCache(inner, self._clock)
        return self._certs


class _CertsCache:
    """A ``google.auth.transport.Request`` that keeps GET answers (the certificate list)
    for their ``Cache-Control: max-age``; google-auth's verifier fetches on every call."""

    def __init__(self, inner: Any, clock: Callable[[], float]) -> None:
        self._inner = inner
        self._clock = clock
        self._lock = threading.Lock()
        self._cached: dict[str, tuple[float, Any]] = {}

    def __call__(self, url: str, method: str = "GET", body: Any = None,
                 headers: Any = None, timeout: Any = None, **kwargs: Any) -> Any:
        if method != "GET":
            return self._inner(url, method=method, body=body, headers=headers, timeout=timeout, **kwargs)
        with self._lock:
            hit = self._cached.get(url)
            if hit is not None and self._clock() < hit[0]:
                return hit[1]
            resp = self._inner(url, method="GET", headers=headers, timeout=timeout or 10, **kwargs)
            if resp.status == 200:
                self._cached[url] = (self._clock() + _max_age(resp.headers), resp)
            return resp


def _max_age(headers: Mapping[str, str]) -> float:
    cc = next((v for k, v in headers.items() if k.lower() == "cache-control"), "")
    m = re.search(r"max-age=(\d+)", cc)
    return min(float(m.group(1)), MAX_CERTS_TTL_S) if m else DEFAULT_CERTS_TTL_S


def _header(headers: Mapping[str, str], name: str) -> str:
    value = headers.get(name)
    if value is None:  # plain dicts in tests: match case-insensitively like HTTP does
        value = next((v for k, v in headers.items() if k.lower() == name.lower()), "")
    return value.strip()


def _unverified_claims(payload: str) -> dict[str, Any] | None:
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (ValueError, binascii.Error) as e:
        log.warning("unreadable token payload (%s): created_by=unknown", e)
        return None
    return claims if isinstance(claims, dict) else None
