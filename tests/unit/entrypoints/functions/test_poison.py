"""Poison and foreign messages reach a phase function: each is acknowledged (the handler
returns, so the framework answers 200 and Pub/Sub stops redelivering) with a log line,
and an id that can never be a job (Firestore's reserved ``__x__``/``__main__``, a path)
never reaches a store call (Firestore answers those with an error, so they looped for ever)."""

from __future__ import annotations

import base64
import json
import logging
from pathlib import Path
from typing import Any

import pytest

from demoforge.adapters.memory_bus import MemoryBus
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.bootstrap import Container
from demoforge.domain.job import JobDoc, Phase
from demoforge.entrypoints.functions import phase_handler
from demoforge.settings import Settings


class ReservedIdStore(SQLiteJobStore):
    """Refuses what Firestore refuses: document ids ``__.*__`` (and records every call)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.calls: list[str] = []

    def transact(self, job_id: str, fn: Any) -> Any:
        self.calls.append(job_id)
        if job_id.startswith("__") and job_id.endswith("__"):
            raise ValueError(f"400 Document name 'jobs/{job_id}' is invalid: reserved id")
        return super().transact(job_id, fn)


class Event:
    """What functions-framework hands the handler: attributes by key, the body as ``data``."""

    def __init__(self, attributes: dict[str, str], data: dict[str, Any]) -> None:
        self.attributes, self.data = attributes, data

    def __getitem__(self, key: str) -> str:
        return self.attributes[key]


def event(payload: bytes, mid: str = "m-1") -> Event:
    return Event({"type": "google.cloud.pubsub.topic.v1.messagePublished",
                  "source": "//pubsub.googleapis.com/projects/p/topics/demoforge-research",
                  "id": mid},
                 {"message": {"data": base64.b64encode(payload).decode(), "messageId": mid},
                  "subscription": "projects/p/subscriptions/s"})


@pytest.fixture
def store(tmp_path: Path) -> ReservedIdStore:
    return ReservedIdStore(tmp_path / "jobs.sqlite")


def handler(tmp_path: Path, store: ReservedIdStore, phase: Phase = Phase.RESEARCH) -> Any:
    return phase_handler(phase, lambda: Container(Settings(home=tmp_path), store=store,
                                                  bus=MemoryBus()))


@pytest.mark.parametrize("payload", [
    b'{"job_id": "__x__", "phase": "research"}',
    b'{"job_id": "__main__", "phase": "research"}',
    b'{"job_id": "../../x", "phase": "research"}',
    b'{"job_id": "' + b"a" * 65 + b'", "phase": "research"}',
    b'{"job_id": "job1", "phase": "sweep"}',
    b'{"job_id": "job1"}',
    b'["job1", "research"]',
    b"not json at all",
    b"\xff\xfe",
])
def test_unreadable_payloads_are_acked_without_a_store_call(
        payload: bytes, tmp_path: Path, store: ReservedIdStore,
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        handler(tmp_path, store)(event(payload))  # returns: acknowledged
    assert store.calls == []
    assert any("dropping unreadable event" in r.getMessage() for r in caplog.records)


def test_unknown_job_and_wrong_phase_are_acked_with_a_log_line(
        tmp_path: Path, store: ReservedIdStore, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        handler(tmp_path, store)(event(b'{"job_id": "nosuchjob1", "phase": "research"}'))
        handler(tmp_path, store, Phase.AGENT)(event(b'{"job_id": "nosuchjob1", "phase": "modeling"}'))
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "unknown job nosuchjob1" in text
    assert "dropping message for modeling delivered to the agent function" in text
    assert store.calls == ["nosuchjob1"]


def test_an_unreadable_job_document_is_acked_with_an_event(
        tmp_path: Path, store: ReservedIdStore, caplog: pytest.LogCaptureFixture) -> None:
    store.create(JobDoc(job_id="brokenjob1", customer_url="https://e.com/"))
    doc = json.loads(store._conn().execute("SELECT doc FROM jobs").fetchone()[0])
    doc["status"] = "exploded"  # edited by hand in the console, or written by another version
    store._conn().execute("UPDATE jobs SET doc = ?", (json.dumps(doc),))
    with caplog.at_level(logging.ERROR):
        handler(tmp_path, store)(event(b'{"job_id": "brokenjob1", "phase": "research"}'))
    assert any("is unreadable" in r.getMessage() for r in caplog.records)
    events, _ = store.events("brokenjob1")
    assert [e.message for e in events][-1].startswith("a research message was acknowledged unprocessed")
