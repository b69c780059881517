"""DELETE while a phase runs: the job is marked deleted at once, the phase's outcome is
refused, and once the phase has stopped nothing it wrote is left — not the dataset it
loaded tables into after DELETE returned, not its artifacts. On the real DuckDB
warehouse and local artifact folders, with the real runner in a second thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from demoforge.adapters.duckdb_warehouse import DuckDBWarehouse
from demoforge.adapters.local_agents import LocalDataAgents
from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.adapters.memory_bus import MemoryBus
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.bootstrap import Container
from demoforge.domain.errors import LeaseHeld, TransientError
from demoforge.domain.job import JobDoc, JobStatus, Phase, PhaseMessage, PhaseStatus
from demoforge.domain.naming import dataset_name
from demoforge.domain.results import WarehouseResult
from demoforge.service import teardown
from demoforge.service.phase import PhaseContext, PhaseOutput
from demoforge.service.ports import DatasetRef
from demoforge.service.runner import Claim, Runner
from demoforge.settings import Settings
from tests.support import agent_inputs as ai

from .conftest import Clock

JOB = "racejob0001"
MSG = PhaseMessage(job_id=JOB, phase=Phase.WAREHOUSE)


def make(tmp_path: Path, clock: Callable[[], object] | None = None) -> Container:
    settings = Settings(home=tmp_path, project=ai.PROJECT)
    artifacts = LocalArtifactStore(tmp_path)
    warehouse = DuckDBWarehouse(settings, artifacts)
    kw = {"clock": clock} if clock is not None else {}
    deps = Container(settings, store=SQLiteJobStore(tmp_path / "jobs.sqlite"), bus=MemoryBus(),
                     artifacts=artifacts, warehouse=warehouse,
                     agents=LocalDataAgents(settings, artifacts, warehouse), **kw)  # type: ignore[arg-type]
    job = JobDoc(job_id=JOB, customer_url="https://alpine.example/")
    for p in (Phase.RESEARCH, Phase.MODELING):
        job.phase(p).status = PhaseStatus.DONE
    job.results[Phase.RESEARCH.value] = ai.research().model_dump(mode="json")
    job.current_phase = Phase.WAREHOUSE
    deps.store.create(job)
    artifacts.put(JOB, "spec.json", ai.spec().model_dump_json().encode())
    return deps


def ref(deps: Container) -> DatasetRef:
    return DatasetRef(ai.PROJECT, dataset_name("Alpine Outfitters", JOB), JOB)


def load(ctx: PhaseContext, table: str) -> None:
    """Write ``table``'s Parquet file and load it, as the warehouse phase does."""
    spec = ai.spec()
    folder = ctx.services.artifacts.workdir(ctx.job_id) / "data"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{table}.parquet"
    cols = {"customers": "1::BIGINT AS customer_id, 'North' AS region, DATE '2024-01-01' AS signup_date",
            "products": "1::BIGINT AS product_id, 'Ice Axe' AS product_name, 'gear' AS category",
            "orders": "1::BIGINT AS order_id, 1::BIGINT AS customer_id, 1::BIGINT AS product_id, "
                      "TIMESTAMP '2024-01-01' AS order_ts, 9.5::DOUBLE AS order_value, "
                      "'completed' AS status"}[table]
    duckdb.sql(f"COPY (SELECT {cols} FROM range(50)) TO '{path}' (FORMAT parquet)")
    wh = ctx.services.warehouse
    wh.ensure_dataset(ref(ctx.services), labels={}, description="", ttl_days=1)  # type: ignore[arg-type]
    wh.load_table(ref(ctx.services), spec.table(table), path)  # type: ignore[arg-type]


def schemas(deps: Container) -> set[str]:
    path = deps.settings.home / "jobs" / JOB / "warehouse.duckdb"
    if not path.exists():
        return set()
    con = duckdb.connect(str(path))
    try:
        rows = con.execute("SELECT schema_name FROM information_schema.schemata").fetchall()
        return {r[0] for r in rows}
    finally:
        con.close()


def test_a_phase_that_loads_tables_after_delete_returned_leaves_no_dataset(tmp_path: Path) -> None:
    deps = make(tmp_path)
    first_loaded, delete_returned = threading.Event(), threading.Event()

    def warehouse(ctx: PhaseContext) -> PhaseOutput:
        load(ctx, "customers")
        first_loaded.set()
        assert delete_returned.wait(30)
        for table in ("products", "orders"):  # loads after DELETE answered: no checkpoint here
            load(ctx, table)
        return PhaseOutput(summary={"tables": 3}, result=WarehouseResult(
            dataset=ref(deps).dataset, project=ai.PROJECT, tables={}).model_dump(mode="json"))

    deps.bodies[Phase.WAREHOUSE] = warehouse
    outcome: dict[str, Claim] = {}
    runner = threading.Thread(target=lambda: outcome.setdefault(
        "claim", Runner(deps, deps.body_for, deps.outputs_for).handle(MSG, "delivery-1")))
    runner.start()
    assert first_loaded.wait(30)
    assert ref(deps).dataset in schemas(deps)
    deleted = teardown.delete_job(deps, JOB, wait_s=0.3)
    assert deleted.status == JobStatus.DELETED
    assert teardown.teardown_record(deleted)["status"] == "pending"
    assert teardown.teardown_record(deleted)["waiting_for"] == "warehouse"
    delete_returned.set()
    runner.join(30)

    assert outcome["claim"] == Claim.STOPPED
    job = deps.store.get(JOB)
    assert job is not None and job.status == JobStatus.DELETED
    assert teardown.teardown_record(job)["status"] == "done"
    assert "warehouse" not in job.results  # the phase's result was refused
    ps = job.phase(Phase.WAREHOUSE)
    assert (ps.status, ps.lease_owner) == (PhaseStatus.PENDING, None)
    assert ref(deps).dataset not in schemas(deps)  # the dataset did not come back
    assert not (tmp_path / "jobs" / JOB).exists()  # nor the pack folder
    events = [e.message for e in deps.store.events(JOB, limit=200)[0]]
    assert any("warehouse phase was still running" in m for m in events)
    assert any("removed what the warehouse phase wrote after the job was deleted" in m for m in events)


def test_delete_waits_for_a_phase_that_stops_at_its_checkpoint(tmp_path: Path) -> None:
    deps = make(tmp_path)
    started = threading.Event()

    def warehouse(ctx: PhaseContext) -> PhaseOutput:
        load(ctx, "customers")
        started.set()
        for _ in range(300):  # a checkpoint between tables: stop once the job is finished
            job = ctx.services.store.get(ctx.job_id)
            if job is not None and job.finished:
                return PhaseOutput()
            threading.Event().wait(0.05)
        raise AssertionError("the job was never deleted")

    deps.bodies[Phase.WAREHOUSE] = warehouse
    runner = threading.Thread(target=lambda: Runner(deps, deps.body_for, deps.outputs_for).handle(MSG, "d1"))
    runner.start()
    assert started.wait(30)
    deleted = teardown.delete_job(deps, JOB, wait_s=20)
    runner.join(30)
    record = teardown.teardown_record(deleted)
    assert record["status"] == "done" and record["waiting_for"] is None
    assert record["dataset"] == f"{ai.PROJECT}.{ref(deps).dataset}"
    assert ref(deps).dataset not in schemas(deps)
    assert record["artifacts"] >= 2  # spec.json, the Parquet file, the warehouse file


def test_a_killed_delivery_is_cleaned_up_by_the_redelivery(tmp_path: Path) -> None:
    clock = Clock()
    deps = make(tmp_path, clock)
    now = clock()
    # The delivery claimed the phase, loaded a table, and was killed (-9): its lease stays.
    deps.store.transact(JOB, lambda j: (j, j.claim(Phase.WAREHOUSE, "killed", now, lease_s=60,  # type: ignore[union-attr]
                                                     max_attempts=5)))
    ctx = PhaseContext(job=deps.store.get(JOB), phase=Phase.WAREHOUSE, services=deps)  # type: ignore[arg-type]
    load(ctx, "customers")
    deleted = teardown.delete_job(deps, JOB, wait_s=0)
    assert teardown.teardown_record(deleted)["status"] == "pending"
    assert ref(deps).dataset not in schemas(deps)
    with pytest.raises(LeaseHeld, match="waits for its warehouse phase"):
        Runner(deps, deps.body_for, deps.outputs_for).handle(MSG, "killed")  # redelivered within the lease
    clock.advance(61)
    assert Runner(deps, deps.body_for, deps.outputs_for).handle(MSG, "killed") == Claim.STOPPED
    job = deps.store.get(JOB)
    assert job is not None and teardown.teardown_record(job)["status"] == "done"


class FlakyDeletes(DuckDBWarehouse):
    """The local warehouse whose second dataset delete answers 503 (an outage)."""

    deletes = 0

    def delete_dataset(self, ref: DatasetRef) -> None:
        type(self).deletes += 1
        if type(self).deletes == 2:
            raise TransientError("BigQuery: 503 backend error")
        super().delete_dataset(ref)


def test_a_failed_cleanup_after_the_phase_stopped_is_redelivered_not_dropped(tmp_path: Path) -> None:
    deps = make(tmp_path)
    deps._warehouse = FlakyDeletes(deps.settings, deps.artifacts)
    deps.__dict__.pop("warehouse", None)
    first_loaded, delete_returned = threading.Event(), threading.Event()

    def warehouse(ctx: PhaseContext) -> PhaseOutput:
        load(ctx, "customers")
        first_loaded.set()
        assert delete_returned.wait(30)
        load(ctx, "orders")
        return PhaseOutput()

    deps.bodies[Phase.WAREHOUSE] = warehouse
    errors: list[BaseException] = []

    def deliver() -> None:
        try:
            Runner(deps, deps.body_for, deps.outputs_for).handle(MSG, "d1")
        except TransientError as e:
            errors.append(e)

    runner = threading.Thread(target=deliver)
    runner.start()
    assert first_loaded.wait(30)
    teardown.delete_job(deps, JOB, wait_s=0.3)
    delete_returned.set()
    runner.join(30)
    assert len(errors) == 1  # the cleanup failed: the message is redelivered, not acked
    job = deps.store.get(JOB)
    assert job is not None and teardown.teardown_record(job)["status"] == "pending"
    assert Runner(deps, deps.body_for, deps.outputs_for).handle(MSG, "d1") == Claim.STOPPED
    job = deps.store.get(JOB)
    assert job is not None and teardown.teardown_record(job)["status"] == "done"
    assert ref(deps).dataset not in schemas(deps)


def test_a_delivery_whose_lease_expired_while_it_wrote_still_cleans_up(tmp_path: Path) -> None:
    """The teardown saw no live lease (it had expired: a slow phase) and reported done; the
    phase then loaded more tables. When it stops, it removes them anyway."""
    clock = Clock()
    deps = make(tmp_path, clock)

    def warehouse(ctx: PhaseContext) -> PhaseOutput:
        load(ctx, "customers")
        clock.advance(deps.settings.lease_seconds + 1)
        done = teardown.delete_job(deps, JOB, wait_s=0)
        assert teardown.teardown_record(done)["status"] == "done"
        load(ctx, "orders")  # after the teardown reported done
        return PhaseOutput()

    deps.bodies[Phase.WAREHOUSE] = warehouse
    assert Runner(deps, deps.body_for, deps.outputs_for).handle(MSG, "slow") == Claim.STOPPED
    assert ref(deps).dataset not in schemas(deps)
    assert not (tmp_path / "jobs" / JOB).exists()
