"""``AnthropicLLM`` with the real ``anthropic`` SDK against ``FakeAnthropic`` on loopback:
forced tool use, SDK retries, and the error mapping phases rely on for their fallbacks."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from demoforge.adapters.anthropic_llm import AnthropicLLM
from demoforge.domain.errors import LLMInvalidOutput, LLMUnavailable, PermanentError
from demoforge.settings import Settings
from tests.support.fake_anthropic import FakeAnthropic

pytestmark = pytest.mark.integration

SCHEMA = {"type": "object", "properties": {"x": {"type": "integer"}}, "required": ["x"]}


@pytest.fixture
def fake() -> Iterator[FakeAnthropic]:
    with FakeAnthropic() as f:
        yield f


def _llm(fake: FakeAnthropic, **overrides: object) -> AnthropicLLM:
    s = Settings().with_(
        anthropic_api_key="sk-test", anthropic_base_url=fake.base_url,
        anthropic_model="claude-test", llm_timeout_s=2.0, llm_max_retries=1,
    ).with_(**overrides)
    return AnthropicLLM(s)


def _call(llm: AnthropicLLM) -> dict[str, object]:
    return llm.structured(
        system="sys", messages=[{"role": "user", "content": "hello"}],
        tool_name="record", schema=SCHEMA, max_tokens=256,
    )


def test_forces_the_tool_and_returns_its_input(fake: FakeAnthropic) -> None:
    fake.enqueue_tool_use({"x": 7})
    assert _call(_llm(fake)) == {"x": 7}
    req = fake.requests[0]
    assert req["tool_choice"] == {"type": "tool", "name": "record"}
    assert req["tools"][0]["input_schema"] == SCHEMA
    assert req["model"] == "claude-test"
    assert req["system"] == "sys"
    h = fake.headers[0]
    # SDK versions differ on the auth header; either way the configured key is sent.
    assert h.get("x-api-key") == "sk-test" or h.get("authorization") == "Bearer sk-test"


def test_429_then_success_is_retried_by_the_sdk(fake: FakeAnthropic) -> None:
    fake.enqueue_error(429, "rate_limit_error", "slow down", retry_after=0.01)
    fake.enqueue_tool_use({"x": 1})
    assert _call(_llm(fake)) == {"x": 1}
    assert len(fake.requests) == 2


def test_529_overloaded_after_retries_is_llm_unavailable(fake: FakeAnthropic) -> None:
    for _ in range(2):
        fake.enqueue_error(529, "overloaded_error", "Overloaded", retry_after=0.01)
    with pytest.raises(LLMUnavailable, match="529"):
        _call(_llm(fake))
    assert len(fake.requests) == 2  # first try + llm_max_retries=1


def test_500_after_retries_is_llm_unavailable(fake: FakeAnthropic) -> None:
    fake.enqueue_error(500, "api_error", "boom", retry_after=0.01)
    with pytest.raises(LLMUnavailable):
        _call(_llm(fake, llm_max_retries=0))


def test_timeout_is_llm_unavailable(fake: FakeAnthropic) -> None:
    fake.enqueue_delay(5, {"x": 1})
    t0 = time.monotonic()
    with pytest.raises(LLMUnavailable, match="did not answer"):
        _call(_llm(fake, llm_timeout_s=0.3, llm_max_retries=0))
    assert time.monotonic() - t0 < 3


def test_connection_refused_is_llm_unavailable() -> None:
    with FakeAnthropic() as f:
        url = f.base_url
    s = Settings().with_(
        anthropic_api_key="k", anthropic_base_url=url, anthropic_model="claude-test", llm_max_retries=0
    )
    with pytest.raises(LLMUnavailable, match="cannot reach"):
        _call(AnthropicLLM(s))


@pytest.mark.parametrize(
    ("status", "etype", "code"),
    [(401, "authentication_error", "llm_auth"), (400, "invalid_request_error", "llm_bad_request"),
     (404, "not_found_error", "llm_not_found")],
)
def test_client_errors_are_permanent_with_a_clear_code(
    fake: FakeAnthropic, status: int, etype: str, code: str
) -> None:
    fake.enqueue_error(status, etype, "nope")
    with pytest.raises(PermanentError) as ei:
        _call(_llm(fake))
    assert not isinstance(ei.value, LLMUnavailable)
    assert ei.value.code == code
    assert str(status) in ei.value.message
    assert len(fake.requests) == 1  # not retried


def test_answer_without_tool_call_is_invalid_output(fake: FakeAnthropic) -> None:
    fake.enqueue_text("I think it is retail.")
    with pytest.raises(LLMInvalidOutput, match="without calling"):
        _call(_llm(fake))


def test_truncated_tool_call_is_invalid_output(fake: FakeAnthropic) -> None:
    from tests.support.fake_anthropic import Scripted

    body = {"id": "msg_x", "type": "message", "role": "assistant", "model": "claude-test",
            "content": [{"type": "tool_use", "id": "toolu_x", "name": "record", "input": {"x": 1}}],
            "stop_reason": "max_tokens", "stop_sequence": None,
            "usage": {"input_tokens": 1, "output_tokens": 256}}
    fake.enqueue(Scripted(body=body))
    with pytest.raises(LLMInvalidOutput, match="cut off"):
        _call(_llm(fake))


def test_reports_the_tokens_each_call_used(fake: FakeAnthropic) -> None:
    # The cost of a demo counts Claude's own usage numbers (the fake answers 10 and 10).
    fake.enqueue_tool_use({"x": 1})
    answer, used = _llm(fake).structured_with_usage(
        system="sys", messages=[{"role": "user", "content": "hello"}],
        tool_name="record", schema=SCHEMA, max_tokens=256)
    assert answer == {"x": 1}
    assert (used.input_tokens, used.output_tokens) == (10, 10)
