"""A long Claude call (modeling's whole dataset spec) must fit the function's timeout: a
call given ``timeout_s`` treats it as the budget including retries. Before, the SDK's own
retries made it 240 s x (1 + 2 retries) per round, x 2 rounds, past the 540 s timeout of
the modeling function, which Cloud Run then killed mid-answer."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import hcl2
import pytest

from demoforge.adapters.anthropic_llm import AnthropicLLM
from demoforge.domain.errors import LLMUnavailable
from demoforge.phases import modeling
from demoforge.settings import Settings
from tests.support.fake_anthropic import FakeAnthropic

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[3]
SCHEMA = {"type": "object", "properties": {"x": {"type": "integer"}}, "required": ["x"]}


@pytest.fixture
def fake() -> Iterator[FakeAnthropic]:
    with FakeAnthropic() as f:
        yield f


def _llm(fake: FakeAnthropic) -> AnthropicLLM:
    s = Settings().with_(anthropic_api_key="sk", anthropic_base_url=fake.base_url,
                         anthropic_model="claude-test", llm_timeout_s=30.0, llm_max_retries=2)
    return AnthropicLLM(s)


def _call(llm: AnthropicLLM, budget: float) -> dict[str, object]:
    return llm.structured(system="s", messages=[{"role": "user", "content": "spec"}],
                          tool_name="record", schema=SCHEMA, max_tokens=64, timeout_s=budget)


def test_a_timed_out_long_call_is_not_retried_past_its_budget(fake: FakeAnthropic) -> None:
    for _ in range(3):
        fake.enqueue_delay(4.0, {"x": 1})
    t0 = time.monotonic()
    with pytest.raises(LLMUnavailable, match="did not answer"):
        _call(_llm(fake), budget=1.0)
    assert time.monotonic() - t0 < 2.5
    assert len(fake.requests) == 1  # llm_max_retries=2 would have made it 3 x the budget


def test_a_fast_overload_is_retried_inside_the_budget(fake: FakeAnthropic) -> None:
    fake.enqueue_error(529, "overloaded_error", "Overloaded")
    fake.enqueue_tool_use({"x": 2})
    assert _call(_llm(fake), budget=10.0) == {"x": 2}
    assert len(fake.requests) == 2


def test_modeling_design_rounds_fit_the_deployed_function_timeout() -> None:
    with (ROOT / "terraform" / "locals.tf").open() as f:
        phases = hcl2.load(f)["locals"][0]["phases"]
    timeout = int(phases["modeling"]["timeout"])
    # modeling.design: two rounds (design + repair), each a budgeted call, plus a minute for
    # reading the research, trial generation and validation.
    assert timeout >= 2 * modeling.DESIGN_TIMEOUT_S + 60
