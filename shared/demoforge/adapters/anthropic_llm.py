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
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import anthropic

from demoforge.domain.errors import LLMInvalidOutput, LLMUnavailable, PermanentError
from demoforge.settings import Settings

# Status codes worth retrying later (the SDK already retried them a few times).
_TRANSIENT_STATUS = {408, 409, 429, 500, 502, 503, 504, 529}

_PERMANENT_HINTS: dict[int, tuple[str, str]] = {
    400: ("llm_bad_request", "Claude rejected the request as invalid"),
    401: ("llm_auth", "Claude rejected the API key: check ANTHROPIC_API_KEY"),
    403: ("llm_forbidden", "the API key may not use this model or endpoint: check ANTHROPIC_API_KEY"),
    404: ("llm_not_found", "unknown model or endpoint: check DEMOFORGE_ANTHROPIC_MODEL and ANTHROPIC_BASE_URL"),
    413: ("llm_request_too_large", "the request to Claude was too large"),
}


def _error_detail(e: anthropic.APIStatusError) -> str:
    body = e.body
    if isinstance(body, dict):
        err = body.get("error")
        if isinstance(err, dict):
            return f"{err.get('type', 'error')}: {err.get('message', '')}".strip()
    return str(e.message)


class AnthropicLLM:
    """Claude via tool use. One client per adapter (it pools connections)."""

    def __init__(self, settings: Settings, client: anthropic.Anthropic | None = None) -> None:
        self.settings = settings
        self.model = settings.anthropic_model
        self._client = client or anthropic.Anthropic(
            api_key=settings.anthropic_api_key or None,
            base_url=settings.anthropic_base_url or None,
            timeout=settings.llm_timeout_s,
            max_retries=settings.llm_max_retries,
        )

    def structured(
        self, *, system: str, messages: Sequence[Mapping[str, Any]], tool_name: str,
        schema: Mapping[str, Any], max_tokens: int = 4096, timeout_s: float | None = None,
    ) -> dict[str, Any]:
        timeout = timeout_s if timeout_s is not None else self.settings.llm_timeout_s
        # Typed as Any: the SDK's TypedDict unions add nothing over the schema we pass through.
        tool: Any = {
            "name": tool_name,
            "description": "Record the answer. Always answer by calling this tool exactly once.",
            "input_schema": dict(schema),
        }
        wire_messages: Any = [dict(m) for m in messages]
        try:
            resp = self._client.messages.create(
                model=self.model,
                max_tokens=max_tokens,
                system=system,
                messages=wire_messages,
                tools=[tool],
                tool_choice={"type": "tool", "name": tool_name},
                timeout=timeout,
            )
        except anthropic.APITimeoutError as e:
            raise LLMUnavailable(
                f"Claude did not answer within {timeout:g}s "
                f"(after {self.settings.llm_max_retries} retries)"
            ) from e
        except anthropic.APIConnectionError as e:
            raise LLMUnavailable(f"cannot reach Claude: {e}") from e
        except anthropic.APIStatusError as e:
            status = e.status_code
            detail = _error_detail(e)
            if status in _TRANSIENT_STATUS or status >= 500:
                raise LLMUnavailable(
                    f"Claude is unavailable (HTTP {status} {detail}) after "
                    f"{self.settings.llm_max_retries} retries"
                ) from e
            code, hint = _PERMANENT_HINTS.get(status, ("llm_error", "Claude refused the request"))
            raise PermanentError(f"{hint} (HTTP {status} {detail})", code=code) from e

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
