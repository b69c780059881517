"""Modeling phase against the real ``anthropic`` SDK talking to a local fake Messages API:
valid spec, invalid spec then repair, invalid twice then template fallback, overload."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from demoforge.adapters.anthropic_llm import AnthropicLLM
from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.bootstrap import Container
from demoforge.domain.job import JobDoc, JobOptions, Phase
from demoforge.phases import body_for
from demoforge.service.phase import PhaseContext, PhaseOutput
from demoforge.settings import Settings
from demoforge.spec.model import DatasetSpec
from demoforge.synth.templates import get_template
from tests.support.fake_anthropic import FakeAnthropic
from tests.unit.synth.conftest import RESEARCH

pytestmark = pytest.mark.integration
JOB = "c1aude00-aaaa-bbbb-cccc-ddddeeeeffff"


def _good() -> dict[str, Any]:
    d = get_template("restaurants_food").model_dump(mode="json")
    d["name"] = "summit_cafe_by_claude"
    return d


def _bad() -> dict[str, Any]:
    d = _good()
    orders = next(t for t in d["tables"] if t["name"] == "orders")
    guest = next(f for f in orders["foreign_keys"] if f["column"] == "guest_id")
    guest["references_table"] = "patrons"  # no such table
    return d


@pytest.fixture
def fake() -> Any:
    with FakeAnthropic() as f:
        yield f


def _run(tmp: Path, fake: FakeAnthropic) -> tuple[PhaseOutput, Container]:
    settings = Settings(home=tmp, llm_max_retries=0).with_(anthropic_api_key="test", anthropic_base_url=fake.base_url)
    deps = Container(settings, store=SQLiteJobStore(tmp / "jobs.sqlite"), artifacts=LocalArtifactStore(tmp),
                llm=AnthropicLLM(settings))
    job = JobDoc(job_id=JOB, customer_url="https://summit.example/", options=JobOptions(scale="small"),
                 results={"research": RESEARCH})
    deps.store.create(job)
    return body_for(Phase.MODELING)(PhaseContext(job=job, phase=Phase.MODELING, services=deps)), deps


def _spec(deps: Container) -> DatasetSpec:
    return DatasetSpec.model_validate(json.loads(deps.artifacts.get(JOB, "spec.json")))


def test_valid_spec_from_claude(tmp_path: Path, fake: FakeAnthropic) -> None:
    fake.enqueue_tool_use(_good())
    out, deps = _run(tmp_path, fake)
    assert out.result["source"] == "claude" and _spec(deps).name == "summit_cafe_by_claude"
    (req,) = fake.requests
    assert req["tool_choice"] == {"type": "tool", "name": "design_dataset"}
    assert req["tools"][0]["input_schema"] == DatasetSpec.model_json_schema()
    assert "Summit & Trail Outfitters" in req["messages"][0]["content"]


def test_invalid_spec_then_repair(tmp_path: Path, fake: FakeAnthropic) -> None:
    fake.enqueue_tool_use(_bad())
    fake.enqueue_tool_use(_good())
    out, deps = _run(tmp_path, fake)
    assert out.result["source"] == "claude" and len(fake.requests) == 2
    repair = fake.requests[1]["messages"][0]["content"]
    assert "'patrons'" in repair and "column 'guest_id'" in repair


def test_invalid_twice_falls_back_to_template(tmp_path: Path, fake: FakeAnthropic) -> None:
    fake.enqueue_tool_use(_bad())
    fake.enqueue_tool_use(_bad())
    out, deps = _run(tmp_path, fake)
    assert out.result["source"] == "template" and out.result["template"] == "retail_ecommerce"
    assert _spec(deps).industry == "retail_ecommerce" and len(fake.requests) == 2


def test_overloaded_claude_falls_back(tmp_path: Path, fake: FakeAnthropic) -> None:
    fake.enqueue_error(529, "overloaded_error", "busy")
    out, deps = _run(tmp_path, fake)
    assert out.result["source"] == "template"
    messages = [e.message for e in deps.store.events(JOB)[0]]
    assert "Claude is unavailable; using the customised template" in messages


def test_a_slow_answer_times_out_and_falls_back(tmp_path: Path, fake: FakeAnthropic, monkeypatch: pytest.MonkeyPatch) -> None:
    from demoforge.phases import modeling

    monkeypatch.setattr(modeling, "DESIGN_TIMEOUT_S", 0.5)  # the per-call timeout reaches the SDK
    fake.enqueue_delay(3.0, _good())
    out, deps = _run(tmp_path, fake)
    assert out.result["source"] == "template"
    events = deps.store.events(JOB)[0]
    unavailable = [e for e in events if e.message.startswith("Claude is unavailable")]
    assert unavailable and "0.5s" in unavailable[0].data["error"]

