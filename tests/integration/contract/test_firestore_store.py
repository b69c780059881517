"""Firestore-specific behaviour beyond the shared contract. What a person sees in the
console and what the TTL policies rely on: real timestamps, enum values as strings, phase
names as map keys, ``expire_at`` on events and cache entries, Firestore-safe cache ids.
And how Google API errors surface: contention re-runs the pure function, outages become
``TransientError`` (Pub/Sub redelivers), other errors propagate unchanged."""

from __future__ import annotations

import datetime as dt

import pytest
from google.api_core import exceptions as gexc

from demoforge.adapters.firestore_store import (
    FirestoreJobStore,
    FirestoreResearchCache,
    cache_doc_id,
)
from demoforge.devtools.emulators import Emulator
from demoforge.domain.errors import InvalidInput, TransientError
from demoforge.domain.job import Event, EventLevel, JobDoc, Phase, PhaseStatus
from demoforge.settings import Settings
from tests.support.emulator_fixtures import EMULATOR_PROJECT

pytestmark = pytest.mark.integration

NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def fs(fresh_firestore: Emulator) -> FirestoreJobStore:
    settings = Settings(project=EMULATOR_PROJECT, firestore_emulator_host=fresh_firestore.host,
                        job_ttl_days=7)
    return FirestoreJobStore(settings, clock=lambda: NOW)


def test_job_document_layout(fs: FirestoreJobStore) -> None:
    job = JobDoc(job_id="job-l", customer_url="https://x.example.com/", created_at=NOW,
                 updated_at=NOW, expire_at=NOW + dt.timedelta(days=30))
    job.phase(Phase.RESEARCH).status = PhaseStatus.DONE
    job.phase(Phase.RESEARCH).started_at = NOW
    job.phase(Phase.RESEARCH).summary = {"preview": [["region"], ["EMEA"]]}
    fs.create(job)

    raw = fs.client.collection("jobs").document("job-l").get().to_dict()
    assert raw is not None
    assert raw["status"] == "queued" and raw["current_phase"] == "research"
    assert isinstance(raw["created_at"], dt.datetime) and raw["created_at"] == NOW
    assert isinstance(raw["expire_at"], dt.datetime)
    assert set(raw["phases"]) == {p.value for p in Phase}
    assert raw["phases"]["research"]["status"] == "done"
    assert raw["phases"]["research"]["started_at"] == NOW
    assert raw["phases"]["modeling"]["started_at"] is None
    # Arrays inside arrays are wrapped in maps (Firestore cannot nest arrays directly).
    assert raw["phases"]["research"]["summary"]["preview"] == [
        {"nested_array": ["region"]}, {"nested_array": ["EMEA"]}]


def test_event_and_cache_documents(fs: FirestoreJobStore) -> None:
    fs.add_event("job-l", Event(at=NOW, phase=Phase.MODELING, level=EventLevel.ERROR,
                                message="boom"))
    [snap] = list(fs.client.collection("jobs").document("job-l").collection("events").stream())
    raw = snap.to_dict()
    assert raw is not None
    assert raw["expire_at"] == NOW + dt.timedelta(days=7)
    assert raw["at"] == NOW and raw["level"] == "error" and raw["phase"] == "modeling"
    assert snap.id.startswith("20260301T120000.000000-")

    key = "https://x.example.com/a/b"
    FirestoreResearchCache(fs.settings, client=fs.client, clock=lambda: NOW).put(
        key, {"v": [1, 2]}, ttl_s=60)
    cached = fs.client.collection("research_cache").document(cache_doc_id(key)).get().to_dict()
    assert cached is not None
    assert "/" not in cache_doc_id(key)
    assert cached["key"] == key and cached["expire_at"] == NOW + dt.timedelta(seconds=60)


def test_bad_cursor_is_invalid_input(fs: FirestoreJobStore) -> None:
    with pytest.raises(InvalidInput):
        fs.list(cursor="not-a-cursor")


def test_contention_reruns_the_function_and_outages_are_transient(
    fs: FirestoreJobStore, fresh_firestore: Emulator
) -> None:
    fs.create(JobDoc(job_id="job-f", customer_url="https://x.example.com/", created_at=NOW))
    calls: list[int] = []

    def contended(job: JobDoc | None) -> tuple[JobDoc | None, str]:
        # What a read that loses a lock race looks like: ABORTED from inside the body.
        calls.append(1)
        if len(calls) < 3:
            raise gexc.Aborted("Transaction lock timeout.")
        assert job is not None
        job.progress = 42
        return job, "ok"

    assert fs.transact("job-f", contended) == "ok"
    assert len(calls) == 3
    got = fs.get("job-f")
    assert got is not None and got.progress == 42

    def outage(job: JobDoc | None) -> tuple[JobDoc | None, None]:
        raise gexc.ServiceUnavailable("backend unavailable")

    with pytest.raises(TransientError):
        fs.transact("job-f", outage)

    def bug(job: JobDoc | None) -> tuple[JobDoc | None, None]:
        raise gexc.InvalidArgument("nested arrays are not supported")

    with pytest.raises(gexc.InvalidArgument):
        fs.transact("job-f", bug)

    stubborn = FirestoreJobStore(
        Settings(project=EMULATOR_PROJECT, firestore_emulator_host=fresh_firestore.host),
        max_tx_attempts=2)

    def always_contended(job: JobDoc | None) -> tuple[JobDoc | None, None]:
        raise gexc.Aborted("Transaction lock timeout.")

    with pytest.raises(TransientError, match="contention"):
        stubborn.transact("job-f", always_contended)
