"""``LLM`` port on Claude through the official ``anthropic`` SDK.

Every call forces one tool (``tool_choice={"type": "tool", "name": ...}``) whose input
schema is the JSON schema the caller wants, and returns that tool call's input dict. The
caller validates it (pydantic) before use: this adapter only guarantees "a dict came back".

Error mapping (after the SDK's own retries with backoff, ``settings.llm_max_retries``):
- 408/409/429/5xx/529 overloaded, timeouts, connection errors -> ``LLMUnavailable``
  (transient; phases with an offline path fall back to it);
- 400/401/403/404/413 -> ``PermanentError`` with a message saying what to fix;
- no tool call in the answer (or a truncated one) -> ``LLMInvalidOutput``, which callers
  may answer with one repair round.

The key: ``settings.anthropic_api_key`` (the local override), or a ``SecretSource`` asked
on every call (it caches with a TTL), so a version added in Secret Manager reaches warm
instances. A 401 re-reads the secret once, bypassing the cache, and retries with the new key
before failing: a rotated key never turns into failed jobs.

A call given its own ``timeout_s`` (a whole dataset spec: minutes) treats it as the budget
for the call *including* retries: the SDK's retries would multiply it (240 s x 3 attempts
per round in modeling, past the function's 540 s), so those calls retry only fast failures
(429/5xx/connection) while budget remains, and never after a timeout.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

import anthropic

from demoforge.adapters.secret_manager import claude_off_message
from demoforge.domain.errors import LLMInvalidOutput, LLMUnavailable, PermanentError
from demoforge.service.ports import LLMUsage, SecretSource
from demoforge.settings import Settings

# Status codes worth retrying later (the SDK already retried them a few times).
_TRANSIENT_STATUS = {408, 409, 429, 500, 502, 503, 504, 529}

_PERMANENT_HINTS: dict[int, tuple[str, str]] = {
    400: ("llm_bad_request", "Claude rejected the request as invalid"),
    401: ("llm_auth", "Claude rejected the API key: check ANTHROPIC_API_KEY or the key's secret"),
    403: ("llm_forbidden", "the API key may not use this model or endpoint: check ANTHROPIC_API_KEY"),
    404: ("llm_not_found", "unknown model or endpoint: check DEMOFORGE_ANTHROPIC_MODEL and ANTHROPIC_BASE_URL"),
    413: ("llm_request_too_large", "the request to Claude was too large"),
}


# A budgeted call retries a fast failure only while this share of its budget is left
# (a whole spec needs minutes: a retry with seconds to go would only time out).
MIN_RETRY_SHARE = 0.25


class _KeyRejected(Exception):
    """HTTP 401: the key is wrong, revoked or rotated away."""

    def __init__(self, error: PermanentError) -> None:
        super().__init__(error.message)
        self.error = error


def _error_detail(e: anthropic.APIStatusError) -> str:
    body = e.body
    if isinstance(body, dict):
        err = body.get("error")
        if isinstance(err, dict):
            return f"{err.get('type', 'error')}: {err.get('message', '')}".strip()
    return str(e.message)


class AnthropicLLM:
    """Claude via tool use. One client per key (each pools its connections)."""

    def __init__(
        self, settings: Settings, client: anthropic.Anthropic | None = None,
        *, key: SecretSource | None = None,
    ) -> None:
        self.settings = settings
        self.model = settings.anthropic_model
        self._key = key
        self._fixed_client = client
        self._clients: dict[str, anthropic.Anthropic] = {}

    def _client_for(self, key: str) -> anthropic.Anthropic:
        if self._fixed_client is not None:
            return self._fixed_client
        client = self._clients.get(key)
        if client is None:
            client = anthropic.Anthropic(
                api_key=key or None,
                base_url=self.settings.anthropic_base_url or None,
                timeout=self.settings.llm_timeout_s,
                max_retries=self.settings.llm_max_retries,
            )
            # Rebound, not mutated: content calls from several threads. A rotated key's old
            # client is dropped.
            self._clients = {key: client}
        return client

    def _current_key(self) -> str:
        if self._key is None:
            return self.settings.anthropic_api_key
        key = self._key.current()
        if key is None:  # the version was disabled since the phase started
            raise LLMUnavailable(claude_off_message(self._key))
        return key

    def structured(
        self, *, system: str, messages: Sequence[Mapping[str, Any]], tool_name: str,
        schema: Mapping[str, Any], max_tokens: int = 4096, timeout_s: float | None = None,
    ) -> dict[str, Any]:
        return self.structured_with_usage(system=system, messages=messages, tool_name=tool_name,
                                          schema=schema, max_tokens=max_tokens,
                                          timeout_s=timeout_s)[0]

    def structured_with_usage(
        self, *, system: str, messages: Sequence[Mapping[str, Any]], tool_name: str,
        schema: Mapping[str, Any], max_tokens: int = 4096, timeout_s: float | None = None,
    ) -> tuple[dict[str, Any], LLMUsage]:
        # Typed as Any: the SDK's TypedDict unions add nothing over the schema we pass through.
        tool: Any = {
            "name": tool_name,
            "description": "Record the answer. Always answer by calling this tool exactly once.",
            "input_schema": dict(schema),
        }
        request: dict[str, Any] = {
            "model": self.model, "max_tokens": max_tokens, "system": system,
            "messages": [dict(m) for m in messages], "tools": [tool],
            "tool_choice": {"type": "tool", "name": tool_name},
        }
        key = self._current_key()
        try:
            resp = self._create(key, request, timeout_s)
        except _KeyRejected as rejected:
            if self._key is None:
                raise rejected.error from rejected.__cause__
            fresh = self._key.refresh()
            if fresh is None:
                raise LLMUnavailable(claude_off_message(self._key)) from None
            if fresh == key:
                raise PermanentError(
                    f"{rejected.error.message}; the newest version of {self._key.name} is the "
                    "rejected key: add a valid one", code="llm_auth") from None
            try:
                resp = self._create(fresh, request, timeout_s)
            except _KeyRejected as again:
                raise again.error from again.__cause__
        usage = getattr(resp, "usage", None)
        used = LLMUsage(input_tokens=int(getattr(usage, "input_tokens", 0) or 0),
                        output_tokens=int(getattr(usage, "output_tokens", 0) or 0))
        return _tool_input(resp, tool_name, max_tokens), used

    def _create(self, key: str, request: dict[str, Any], timeout_s: float | None) -> Any:
        client = self._client_for(key)
        if timeout_s is None:  # the SDK retries (with backoff) llm_max_retries times
            try:
                return self._once(client, request, self.settings.llm_timeout_s,
                                  self.settings.llm_max_retries)
            except _FastFailure as e:
                raise e.error from e.__cause__
        # A budgeted call: our retries, each attempt given what is left of the budget.
        deadline = time.monotonic() + timeout_s
        single = client.with_options(max_retries=0)
        attempt = 0
        while True:
            remaining = max(0.1, deadline - time.monotonic())
            try:
                return self._once(single, request, remaining, attempt, budget_s=timeout_s)
            except _FastFailure as e:
                attempt += 1
                pause = min(2.0 ** (attempt - 1), 8.0)
                if (attempt > self.settings.llm_max_retries
                        or deadline - time.monotonic() - pause < MIN_RETRY_SHARE * timeout_s):
                    raise e.error from e.__cause__
                time.sleep(pause)

    def _once(self, client: anthropic.Anthropic, request: dict[str, Any], timeout: float,
              retries: int, *, budget_s: float | None = None) -> Any:
        try:
            return client.messages.create(**request, timeout=timeout)
        except anthropic.APITimeoutError as e:
            raise LLMUnavailable(
                f"Claude did not answer within {budget_s or timeout:g}s (after {retries} retries)"
            ) from e
        except anthropic.APIConnectionError as e:
            raise _FastFailure(LLMUnavailable(f"cannot reach Claude: {e}")) from e
        except anthropic.APIStatusError as e:
            status = e.status_code
            detail = _error_detail(e)
            if status in _TRANSIENT_STATUS or status >= 500:
                raise _FastFailure(LLMUnavailable(
                    f"Claude is unavailable (HTTP {status} {detail}) after {retries} retries"
                )) from e
            code, hint = _PERMANENT_HINTS.get(status, ("llm_error", "Claude refused the request"))
            error = PermanentError(f"{hint} (HTTP {status} {detail})", code=code)
            if status == 401:
                raise _KeyRejected(error) from e
            raise error from e


class _FastFailure(Exception):
    """A failure that came back quickly (status or connection error): worth another try
    inside a budget. ``error`` is what callers see when no try is left."""

    def __init__(self, error: LLMUnavailable) -> None:
        super().__init__(error.message)
        self.error = error


def _tool_input(resp: Any, tool_name: str, max_tokens: int) -> dict[str, Any]:
    for block in resp.content:
        if block.type == "tool_use" and block.name == tool_name:
            if resp.stop_reason == "max_tokens":
                raise LLMInvalidOutput(
                    f"Claude's {tool_name} answer was cut off at max_tokens={max_tokens}"
                )
            if not isinstance(block.input, dict):
                raise LLMInvalidOutput(f"Claude's {tool_name} input is not a JSON object")
            return dict(block.input)
    raise LLMInvalidOutput(
        f"Claude answered without calling the {tool_name} tool (stop_reason={resp.stop_reason})"
    )
