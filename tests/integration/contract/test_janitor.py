"""The janitor on both job stores (SQLite, and Firestore on its emulator): stalled jobs
are failed without anyone reading them, expired demos are torn down (agent, dataset) and
marked ``expired``, a deleted job's half-done teardown is finished at its TTL, each run is
bounded by ``janitor_batch``, and a second run changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.adapters.memory_bus import MemoryBus
from demoforge.bootstrap import Container
from demoforge.domain.job import JobDoc, JobStatus, Phase, PhaseStatus
from demoforge.service import janitor, jobs
from demoforge.service.ports import DatasetRef, JobStore
from demoforge.settings import Settings

pytestmark = pytest.mark.integration

T0 = dt.datetime(2026, 5, 1, 8, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


class Agents:
    """A DataAgents fake recording deletes (the ports' contract: idempotent)."""

    def __init__(self) -> None:
        self.deleted: list[str] = []

    def ensure_agent(self, job_id: str, request: object) -> object:
        raise AssertionError("the janitor never creates agents")

    def ask(self, agent: object, question: str) -> object:
        raise AssertionError("the janitor never chats")

    def delete_agent(self, agent_name: str) -> object:
        from demoforge.agent.types import AgentDeletion

        self.deleted.append(agent_name)
        return AgentDeletion(agent="deleted", conversations_deleted=1)


class Warehouse:
    def __init__(self) -> None:
        self.deleted: list[str] = []

    def delete_dataset(self, ref: DatasetRef) -> None:
        self.deleted.append(ref.dataset)


def make_job(job_id: str, status: JobStatus, *, updated: dt.datetime, expire: dt.datetime,
             dataset: str | None = None) -> JobDoc:
    job = JobDoc(job_id=job_id, customer_url=f"https://{job_id}.example.com/", company_name="Acme",
                 status=status, created_at=updated, updated_at=updated, expire_at=expire)
    if status == JobStatus.RUNNING:
        job.current_phase = Phase.MODELING
        job.phase(Phase.RESEARCH).status = PhaseStatus.DONE
    if dataset:
        job.results["warehouse"] = {"dataset": dataset, "project": "p", "tables": {"t": 1}}
    return job


@pytest.fixture
def env(store: JobStore, tmp_path: Path) -> tuple[Container, Clock, Agents, Warehouse]:
    clock = Clock()
    agents, wh = Agents(), Warehouse()
    deps = Container(Settings(home=tmp_path, janitor_batch=2, expired_record_days=7), store=store,
                     bus=MemoryBus(), artifacts=LocalArtifactStore(tmp_path), clock=clock,
                     agents=agents, warehouse=wh)  # type: ignore[arg-type]
    return deps, clock, agents, wh


def test_janitor_fails_stalled_jobs_and_expires_demos_idempotently(env) -> None:
    deps, clock, agents, wh = env
    stall = jobs.stall_after(deps)
    store = deps.store
    long_ago = T0 - stall - dt.timedelta(minutes=5)
    later = T0 + dt.timedelta(days=30)
    store.create(make_job("stalled-1", JobStatus.RUNNING, updated=long_ago, expire=later))
    store.create(make_job("stalled-2", JobStatus.QUEUED, updated=long_ago - dt.timedelta(hours=1),
                          expire=later))
    store.create(make_job("stalled-3", JobStatus.RUNNING, updated=long_ago + dt.timedelta(seconds=1),
                          expire=later))
    store.create(make_job("fresh", JobStatus.RUNNING, updated=T0 - dt.timedelta(seconds=30), expire=later))
    store.create(make_job("done", JobStatus.COMPLETED, updated=long_ago, expire=T0 + dt.timedelta(days=20),
                          dataset="demo_done"))
    store.create(make_job("expired-1", JobStatus.COMPLETED, updated=T0 - dt.timedelta(days=31),
                          expire=T0 - dt.timedelta(days=1), dataset="demo_e1"))
    store.create(make_job("expired-2", JobStatus.FAILED, updated=T0 - dt.timedelta(days=31),
                          expire=T0 - dt.timedelta(hours=1), dataset="demo_e2"))
    deleted = make_job("deleted-old", JobStatus.DELETED, updated=T0 - dt.timedelta(days=40),
                       expire=T0 - dt.timedelta(days=10), dataset="demo_del")
    store.create(deleted)

    first = janitor.sweep(deps)
    # Bounded: two of each kind, oldest first.
    assert first.stalled == ["stalled-2", "stalled-1"]
    assert first.expired == ["deleted-old", "expired-1"]
    assert first.errors == {}
    s1 = store.get("stalled-1")
    assert s1 is not None and s1.status == JobStatus.FAILED and s1.error is not None
    assert s1.error.code == "stalled" and s1.error.phase == Phase.MODELING
    e1 = store.get("expired-1")
    assert e1 is not None and e1.status == JobStatus.EXPIRED
    assert e1.purge_at == T0 + dt.timedelta(days=7)
    assert e1.results["teardown"]["dataset"] == "p.demo_e1"
    gone = store.get("deleted-old")
    assert gone is not None and gone.status == JobStatus.DELETED and gone.purge_at is not None
    assert wh.deleted == ["demo_del", "demo_e1"]
    evs, _ = store.events("expired-1")
    assert any("demo expired" in e.message for e in evs)

    second = janitor.sweep(deps)
    assert second.stalled == ["stalled-3"] and second.expired == ["expired-2"]
    third = janitor.sweep(deps)
    assert third.stalled == [] and third.expired == [] and third.errors == {}
    assert wh.deleted == ["demo_del", "demo_e1", "demo_e2"]
    fresh = store.get("fresh")
    done = store.get("done")
    assert fresh is not None and fresh.status == JobStatus.RUNNING
    assert done is not None and done.status == JobStatus.COMPLETED and done.purge_at is None
    # An expired job refuses what a live one accepts.
    e2 = jobs.get_job(deps, "expired-2")
    assert e2.status == JobStatus.EXPIRED and e2.finished
    # ... and the done job expires once its own TTL comes.
    clock.now = T0 + dt.timedelta(days=20)
    assert janitor.sweep(deps).expired == ["done"]
    assert "demo_done" in wh.deleted


def test_a_failed_teardown_is_reported_and_retried_next_run(env) -> None:
    deps, clock, agents, wh = env
    from demoforge.domain.errors import TransientError

    calls = {"n": 0}
    real = wh.delete_dataset

    def flaky(ref: DatasetRef) -> None:
        calls["n"] += 1
        if calls["n"] == 1:
            raise TransientError("BigQuery said 503")
        real(ref)

    wh.delete_dataset = flaky
    deps.store.create(make_job("exp", JobStatus.COMPLETED, updated=T0 - dt.timedelta(days=31),
                               expire=T0 - dt.timedelta(days=1), dataset="demo_x"))
    first = janitor.sweep(deps)
    assert first.expired == [] and "503" in first.errors["exp"]
    job = deps.store.get("exp")
    assert job is not None and job.status == JobStatus.EXPIRED and job.purge_at is None
    second = janitor.sweep(deps)
    assert second.expired == ["exp"] and second.errors == {}
    assert wh.deleted == ["demo_x"]
