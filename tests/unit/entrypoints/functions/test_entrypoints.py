"""Phase entry points, tested through functions-framework with real event bodies: the
Pub/Sub CloudEvent vectors of the functions-framework conformance suite (legacy and
CloudEvent shapes, structured and binary mode) decode through ``functions/<phase>/main.py``.

The vectors live outside the repo in ``../shared/vectors/pubsub`` (not shipped in a clone).
"""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any

import pytest
from cloudevents.conversion import to_binary, to_structured
from cloudevents.http import CloudEvent
from functions_framework import create_app

from demoforge.adapters.memory_bus import MemoryBus
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.bootstrap import Container
from demoforge.domain.job import Phase
from demoforge.entrypoints.functions import BadEnvelope, decode_pubsub, parse_phase_message
from demoforge.service import jobs
from demoforge.settings import Settings

REPO = Path(__file__).resolve().parents[4]
VECTORS = REPO.parent / "shared" / "vectors" / "pubsub"
CASES = ["pubsub_text", "pubsub_binary", "legacy_pubsub"]

# Only the tests that read the conformance vectors need them; the rest build their events
# with the cloudevents library, as the platform's own tests do.
needs_vectors = pytest.mark.skipif(
    not VECTORS.is_dir(), reason=f"conformance vectors not found at {VECTORS} (only in CI/dev checkouts)"
)


def load(name: str) -> dict[str, Any]:
    return json.loads((VECTORS / name).read_text())


def pubsub_event(payload: str, message_id: str = "m-1") -> CloudEvent:
    """A ``messagePublished`` CloudEvent as Eventarc sends it, carrying ``payload``."""
    return CloudEvent({
        "type": "google.cloud.pubsub.topic.v1.messagePublished",
        "source": "//pubsub.googleapis.com/projects/p/topics/demoforge-modeling",
        "id": message_id,
    }, {"message": {"data": payload, "messageId": message_id,
                    "publishTime": "2026-12-01T10:00:00Z"},
        "subscription": "projects/p/subscriptions/eventarc-demoforge-modeling"})


def app_for(phase: Phase) -> Any:
    return create_app("handle", str(REPO / "functions" / phase.value / "main.py"), "cloudevent")


@needs_vectors
@pytest.mark.parametrize("case", CASES)
def test_vectors_decode_to_the_expected_message(case: str) -> None:
    event = load(f"{case}-cloudevent-input.json")
    expected = load(f"{case}-cloudevent-output.json")["data"]["message"]
    msg = decode_pubsub(event["id"], event["data"])
    assert msg.data == base64.b64decode(expected["data"])
    assert msg.message_id == expected["messageId"]
    assert msg.attributes == expected.get("attributes", {})
    assert msg.publish_time == expected["publishTime"]
    assert msg.subscription == event["data"]["subscription"]
    # Their payloads are not ours: refused with a reason, never crashing.
    with pytest.raises(BadEnvelope):
        parse_phase_message(msg.data)


@pytest.fixture
def configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Container:
    """The function process is configured through the environment, as when deployed; the
    test reads the same SQLite store to see what the function did."""
    monkeypatch.setenv("DEMOFORGE_HOME", str(tmp_path))
    deps = Container(Settings(home=tmp_path), store=SQLiteJobStore(tmp_path / "jobs.sqlite"), bus=MemoryBus())
    return deps


def _ours(job_id: str, phase: Phase) -> str:
    return base64.b64encode(json.dumps({"job_id": job_id, "phase": phase.value}).encode()).decode()


def _delivery_ids(deps: Container, job_id: str) -> list[str]:
    events, _ = deps.store.events(job_id, limit=100)
    return [e.data["delivery_id"] for e in events if "delivery_id" in e.data]


@needs_vectors
@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("shape", ["structured", "binary", "legacy"])
def test_vectors_reach_the_runner_through_the_framework(case: str, shape: str, configured: Container) -> None:
    job = jobs.create_job(configured, jobs.parse(jobs.CreateJobRequest, {"customer_url": "https://e.com"}))
    client = app_for(Phase.MODELING).test_client()
    if shape == "legacy":
        body = copy.deepcopy(load(f"{case}-legacy-input.json"))
        body["data"]["data"] = _ours(job.job_id, Phase.MODELING)
        resp = client.post("/", json=body)
        ctx = body.get("context", body)
        expected_id = ctx.get("eventId")
    else:
        event = copy.deepcopy(load(f"{case}-cloudevent-input.json"))
        event["data"]["message"]["data"] = _ours(job.job_id, Phase.MODELING)
        expected_id = event["data"]["message"]["messageId"]
        if shape == "structured":
            resp = client.post("/", data=json.dumps(event),
                               headers={"Content-Type": "application/cloudevents+json"})
        else:
            headers = {f"ce-{k}": v for k, v in event.items() if k not in ("data", "datacontenttype")}
            headers["Content-Type"] = "application/json"
            resp = client.post("/", data=json.dumps(event["data"]), headers=headers)
    assert resp.status_code == 200, resp.get_data(as_text=True)
    # Modeling before research is done: the runner logs and acks, naming the delivery.
    assert _delivery_ids(configured, job.job_id) == [expected_id]


@pytest.mark.parametrize("encode", [to_structured, to_binary])
def test_events_built_with_cloudevents_reach_the_runner(encode: Any, configured: Container) -> None:
    job = jobs.create_job(configured, jobs.parse(jobs.CreateJobRequest, {"customer_url": "https://e.com"}))
    headers, body = encode(pubsub_event(_ours(job.job_id, Phase.MODELING), "m-42"))
    resp = app_for(Phase.MODELING).test_client().post("/", data=body, headers=headers)
    assert resp.status_code == 200, resp.get_data(as_text=True)
    assert _delivery_ids(configured, job.job_id) == ["m-42"]


@needs_vectors
@pytest.mark.parametrize("case", CASES)
def test_foreign_payloads_are_acked_not_looped(case: str, configured: Container) -> None:
    event = load(f"{case}-cloudevent-input.json")
    resp = app_for(Phase.RESEARCH).test_client().post(
        "/", data=json.dumps(event), headers={"Content-Type": "application/cloudevents+json"})
    assert resp.status_code == 200


def test_message_for_another_phase_is_dropped(configured: Container) -> None:
    job = jobs.create_job(configured, jobs.parse(jobs.CreateJobRequest, {"customer_url": "https://e.com"}))
    headers, body = to_structured(pubsub_event(_ours(job.job_id, Phase.MODELING)))
    resp = app_for(Phase.AGENT).test_client().post("/", data=body, headers=headers)
    assert resp.status_code == 200
    assert _delivery_ids(configured, job.job_id) == []


def test_bad_base64_is_refused() -> None:
    with pytest.raises(BadEnvelope, match="base64"):
        decode_pubsub("1", {"message": {"data": "%%%", "messageId": "1"}})
    with pytest.raises(BadEnvelope):
        decode_pubsub("1", ["not", "an", "object"])
