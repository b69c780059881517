"""Fault tolerance with the real phase bodies: a chaotic delivery (every message twice,
shuffled, late duplicates) ends with the same job document and the same warehouse
contents as a clean run; a transient failure heals; retry resumes a failed job."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from typing import Any

import duckdb
import pytest

from demoforge.adapters.memory_bus import MemoryBus
from demoforge.bootstrap import Container
from demoforge.domain.errors import LeaseHeld, TransientError
from demoforge.domain.job import PHASE_ORDER, JobStatus, Phase, PhaseMessage
from demoforge.service.runner import Runner

from .conftest import drain, start_job

pytestmark = pytest.mark.e2e


def warehouse_fingerprint(deps: Container, job_id: str) -> dict[str, str]:
    path = deps.artifacts.workdir(job_id) / "warehouse.duckdb"
    con = duckdb.connect(str(path), read_only=True)
    try:
        out = {}
        for schema, table in con.execute(
                "SELECT table_schema, table_name FROM information_schema.tables "
                "WHERE table_schema NOT IN ('main', 'information_schema', 'pg_catalog')").fetchall():
            rows = con.execute(f'SELECT * FROM "{schema}"."{table}" ORDER BY ALL').fetchall()
            out[f"{schema}.{table}"] = hashlib.sha256(repr(rows).encode()).hexdigest()
        return out
    finally:
        con.close()


def stable_view(deps: Container, job_id: str) -> dict[str, Any]:
    job = deps.store.get(job_id)
    assert job is not None
    return {"status": job.status, "progress": job.progress, "results": job.results,
            "phases": {p.value: job.phase(p).status for p in PHASE_ORDER}}


def test_chaotic_delivery_matches_a_clean_run(make_local: Callable[..., Container], sample_url: str) -> None:
    clean = make_local("clean")
    start_job(clean, sample_url)
    drain(clean)
    assert clean.store.get("e2ejob0001").status == JobStatus.COMPLETED  # type: ignore[union-attr]

    chaos = make_local("chaos")
    start_job(chaos, sample_url)
    bus = chaos.bus
    assert isinstance(bus, MemoryBus)
    runner = Runner(chaos, chaos.body_for)
    rng = random.Random(3)
    for _ in range(100):
        item = bus.pop()
        if item is None:
            break
        pending = [*bus.queue, (item[0] + "-dup", item[1])]
        rng.shuffle(pending)
        bus.queue.clear()
        bus.queue.extend(pending)
        try:
            runner.handle(item[1], item[0])
        except LeaseHeld:
            bus.queue.append(item)
    for p in PHASE_ORDER:  # late duplicates after completion
        runner.handle(PhaseMessage(job_id="e2ejob0001", phase=p), f"late-{p.value}")
    drain(chaos)

    assert stable_view(chaos, "e2ejob0001") == stable_view(clean, "e2ejob0001")
    fp = warehouse_fingerprint(chaos, "e2ejob0001")
    assert fp and fp == warehouse_fingerprint(clean, "e2ejob0001")
    for name in ("spec.json", "golden_queries.json", "agent.json"):
        assert chaos.artifacts.get("e2ejob0001", name) == clean.artifacts.get("e2ejob0001", name), name


def test_transient_failure_in_a_real_phase_heals(make_local: Callable[..., Container], sample_url: str) -> None:
    deps = make_local()
    real = deps.body_for(Phase.WAREHOUSE)
    calls = {"n": 0}

    def flaky(ctx):  # the warehouse fails once mid-load, then the redelivery succeeds
        calls["n"] += 1
        out = real(ctx)
        if calls["n"] == 1:
            raise TransientError("load job: 503 backend error")
        return out

    deps.bodies[Phase.WAREHOUSE] = flaky
    start_job(deps, sample_url)
    drain(deps)
    job = deps.store.get("e2ejob0001")
    assert job is not None and job.status == JobStatus.COMPLETED
    assert job.phase(Phase.WAREHOUSE).attempts == 2 and calls["n"] == 2
