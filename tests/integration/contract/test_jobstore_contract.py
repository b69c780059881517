"""One contract for every ``JobStore`` (and ``ResearchCache``): the embedded SQLite store
and Firestore (on the official emulator) must behave the same for everything the runner,
API and phases use."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest

from demoforge.domain.errors import Conflict
from demoforge.domain.job import (
    Event,
    EventLevel,
    JobDoc,
    JobStatus,
    Phase,
    PhaseStatus,
)
from demoforge.service.ports import JobStore, ResearchCache

pytestmark = pytest.mark.integration

T0 = dt.datetime(2026, 3, 1, 12, 0, 0, 123456, tzinfo=dt.UTC)


def make_job(job_id: str, created_at: dt.datetime = T0) -> JobDoc:
    job = JobDoc(job_id=job_id, customer_url=f"https://{job_id}.example.com/",
                 company_name="Acme", created_at=created_at, updated_at=created_at)
    return job


def test_create_get_roundtrip_and_conflict(store: JobStore) -> None:
    job = make_job("job-a")
    # A realistic mid-pipeline document: timestamps in the phase map, nested summaries.
    ps = job.phase(Phase.RESEARCH)
    ps.status = PhaseStatus.DONE
    ps.attempts = 2
    ps.started_at = T0
    ps.finished_at = T0 + dt.timedelta(seconds=3, microseconds=250)
    ps.duration_s = 3.00025
    ps.summary = {"industry": "retail_ecommerce", "pages": 3, "tags": ["a", "b"],
                  "nested": {"ok": True, "ratio": 0.5, "none": None},
                  # A table preview: arrays inside arrays (Firestore cannot store them as is).
                  "preview": [["region", "revenue"], ["EMEA", 12.5], [[1, [2]], []]]}
    job.results["research"] = {"company": "Acme", "confidence": 0.9}
    job.status = JobStatus.RUNNING
    job.current_phase = Phase.MODELING
    job.expire_at = T0 + dt.timedelta(days=30)

    store.create(job)
    got = store.get("job-a")
    assert got is not None
    assert got.to_json() == job.to_json()
    assert got.phase(Phase.RESEARCH).finished_at == job.phase(Phase.RESEARCH).finished_at
    assert store.get("job-missing") is None

    with pytest.raises(Conflict):
        store.create(make_job("job-a"))
    # The conflicting create did not overwrite the stored document.
    again = store.get("job-a")
    assert again is not None and again.status == JobStatus.RUNNING


def test_list_newest_first_with_cursor(store: JobStore) -> None:
    ids = []
    for i in range(5):
        jid = f"job-{i}"
        store.create(make_job(jid, T0 + dt.timedelta(minutes=i)))
        ids.append(jid)
    # Two jobs created in the same microsecond: the job id breaks the tie, stably.
    store.create(make_job("job-tie-a", T0 + dt.timedelta(minutes=2)))
    store.create(make_job("job-tie-b", T0 + dt.timedelta(minutes=2)))
    expected = ["job-4", "job-3", "job-tie-b", "job-tie-a", "job-2", "job-1", "job-0"]

    first, _ = store.list(limit=100)
    assert [j.job_id for j in first] == expected

    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        page, cursor = store.list(limit=2, cursor=cursor)
        pages += 1
        assert len(page) <= 2
        seen.extend(j.job_id for j in page)
        if cursor is None:
            break
    assert seen == expected
    assert pages == 4

    exact, nxt = store.list(limit=7)
    assert len(exact) == 7 and nxt is None


def test_transact_read_modify_write(store: JobStore) -> None:
    store.create(make_job("job-t"))

    def bump(job: JobDoc | None) -> tuple[JobDoc | None, int]:
        assert job is not None
        job.progress += 15
        job.phase(Phase.RESEARCH).status = PhaseStatus.DONE
        job.updated_at = T0 + dt.timedelta(hours=1)
        return job, job.progress

    assert store.transact("job-t", bump) == 15
    assert store.transact("job-t", bump) == 30
    got = store.get("job-t")
    assert got is not None
    assert got.progress == 30
    assert got.phase(Phase.RESEARCH).status == PhaseStatus.DONE
    assert got.updated_at == T0 + dt.timedelta(hours=1)


def test_transact_none_writes_nothing(store: JobStore) -> None:
    store.create(make_job("job-n"))
    before = store.get("job-n")

    def look(job: JobDoc | None) -> tuple[JobDoc | None, str]:
        assert job is not None
        job.progress = 99  # mutated, but not returned for writing
        return None, job.status.value

    assert store.transact("job-n", look) == "queued"
    after = store.get("job-n")
    assert before is not None and after is not None
    assert after.to_json() == before.to_json()

    # A missing document is passed as None and stays missing.
    calls: list[JobDoc | None] = []

    def absent(job: JobDoc | None) -> tuple[JobDoc | None, None]:
        calls.append(job)
        return None, None

    store.transact("job-nope", absent)
    assert calls and all(c is None for c in calls)
    assert store.get("job-nope") is None


def test_transact_can_create_missing_document(store: JobStore) -> None:
    def create(job: JobDoc | None) -> tuple[JobDoc | None, bool]:
        return (make_job("job-new") if job is None else None), job is None

    assert store.transact("job-new", create) is True
    assert store.transact("job-new", create) is False
    got = store.get("job-new")
    assert got is not None and got.customer_url == "https://job-new.example.com/"


def test_exception_in_transaction_writes_nothing(store: JobStore) -> None:
    store.create(make_job("job-x"))

    def broken(job: JobDoc | None) -> tuple[JobDoc | None, None]:
        assert job is not None
        job.status = JobStatus.FAILED
        raise RuntimeError("boom inside the transaction")

    with pytest.raises(RuntimeError, match="boom"):
        store.transact("job-x", broken)
    got = store.get("job-x")
    assert got is not None and got.status == JobStatus.QUEUED
    # The store is still usable after a failed transaction on the same document.
    store.transact("job-x", lambda j: (j, None))


def test_concurrent_transactions_do_not_lose_updates(store: JobStore) -> None:
    store.create(make_job("job-c"))
    # Few writers on purpose: the emulator resolves each lock conflict with a ~2 s timeout.
    writers, per_writer = 3, 2
    barrier = threading.Barrier(writers)
    errors: list[BaseException] = []

    def incr(job: JobDoc | None) -> tuple[JobDoc | None, int]:
        assert job is not None
        counter = job.results.setdefault("counter", {"n": 0})
        counter["n"] = int(counter["n"]) + 1
        return job, counter["n"]

    def worker() -> None:
        try:
            barrier.wait(timeout=30)
            for _ in range(per_writer):
                store.transact("job-c", incr)
        except BaseException as e:  # noqa: BLE001  (reported by the main thread)
            errors.append(e)

    threads = [threading.Thread(target=worker) for _ in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    got = store.get("job-c")
    assert got is not None
    assert got.results["counter"]["n"] == writers * per_writer


def test_events_oldest_first_with_pagination(store: JobStore) -> None:
    store.create(make_job("job-e"))
    store.create(make_job("job-other"))
    # Added out of order: the store sorts by the event's own timestamp.
    order = [3, 0, 4, 1, 2]
    for i in order:
        store.add_event("job-e", Event(at=T0 + dt.timedelta(seconds=i), phase=Phase.RESEARCH,
                                       level=EventLevel.INFO, message=f"line {i}",
                                       data={"i": i, "rows": [[i, "x"], []]}))
    store.add_event("job-other", Event(at=T0, message="not mine", level=EventLevel.WARNING))

    all_events, nxt = store.events("job-e")
    assert [e.message for e in all_events] == [f"line {i}" for i in range(5)]
    assert nxt is None
    assert all_events[0].phase == Phase.RESEARCH
    assert all_events[0].data == {"i": 0, "rows": [[0, "x"], []]}
    assert all_events[0].at == T0

    seen: list[str] = []
    cursor: str | None = None
    while True:
        page, cursor = store.events("job-e", limit=2, cursor=cursor)
        seen.extend(e.message for e in page)
        if cursor is None:
            break
    assert seen == [f"line {i}" for i in range(5)]

    other, _ = store.events("job-other")
    assert [(e.message, e.level) for e in other] == [("not mine", EventLevel.WARNING)]
    assert store.events("job-none") == ([], None)


def test_cache_ttl(cache: ResearchCache) -> None:
    key = "https://www.example.com/a/b?c=d#research:v1"
    assert cache.get(key) is None
    cache.put(key, {"industry": "retail_ecommerce", "pages": ["/", "/about"]}, ttl_s=300)
    assert cache.get(key) == {"industry": "retail_ecommerce", "pages": ["/", "/about"]}
    # Overwrite, not append.
    cache.put(key, {"industry": "telecom"}, ttl_s=300)
    assert cache.get(key) == {"industry": "telecom"}
    # A very long key (longer than Firestore's document-id limit) still works.
    long_key = "https://example.com/" + "x" * 2000
    cache.put(long_key, {"v": 1}, ttl_s=300)
    assert cache.get(long_key) == {"v": 1}
    # Arbitrary JSON, including nested arrays (which a Firestore map field cannot hold).
    cache.put("nested", {"rows": [[1, "a"], [2, None]], "m": {"k": [{"x": 1.5}]}}, 300)
    assert cache.get("nested") == {"rows": [[1, "a"], [2, None]], "m": {"k": [{"x": 1.5}]}}

    cache.put("short-lived", {"v": 2}, ttl_s=1)
    assert cache.get("short-lived") == {"v": 2}
    time.sleep(1.2)
    assert cache.get("short-lived") is None
    assert cache.get(key) == {"industry": "telecom"}


def test_list_by_owner_newest_first_with_cursor(store: JobStore) -> None:
    for i in range(5):
        job = make_job(f"own-{i}", T0 + dt.timedelta(minutes=i))
        job.created_by = "alice@x.example" if i % 2 == 0 else "bob@x.example"
        store.create(job)
    page, nxt = store.list(limit=2, owner="alice@x.example")
    assert [j.job_id for j in page] == ["own-4", "own-2"] and nxt is not None
    rest, last = store.list(limit=2, cursor=nxt, owner="alice@x.example")
    assert [j.job_id for j in rest] == ["own-0"] and last is None
    assert [j.job_id for j in store.list(owner="bob@x.example")[0]] == ["own-3", "own-1"]
    assert store.list(owner="nobody@x.example") == ([], None)
    assert len(store.list(limit=10)[0]) == 5
