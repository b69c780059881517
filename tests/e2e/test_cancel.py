"""Cancel stops work: the real runner and the real phase bodies on the embedded adapters.

A cancel arriving while the warehouse generates data stops the phase at its next
checkpoint (no table is loaded, nothing completes, no phase shows ``running``); a cancel
while content proves its golden queries stops the queries still to come. ``:retry``
then resumes from the interrupted phase, keeping every phase done before it."""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from demoforge.adapters.duckdb_warehouse import DuckDBWarehouse
from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.adapters.memory_bus import MemoryBus
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.adapters.synth_engine import LocalSynthEngine
from demoforge.bootstrap import Container
from demoforge.domain.job import PHASE_ORDER, JobStatus, Phase, PhaseStatus
from demoforge.service import jobs
from demoforge.service.ports import DatasetRef, GeneratedTable, SynthEngine, Warehouse
from demoforge.settings import Settings

from .conftest import drain, start_job


class CancellingSynth:
    """The real generator; the job is cancelled while it runs (as a CE clicks Cancel),
    on the first call only."""

    def __init__(self) -> None:
        self.deps: Container | None = None
        self.inner = LocalSynthEngine()

    def generate(self, spec: Any, out_dir: Path, *, seed: int) -> Mapping[str, GeneratedTable]:
        out = self.inner.generate(spec, out_dir, seed=seed)
        if self.deps is not None:
            jobs.cancel_job(self.deps, "e2ejob0001")
            self.deps = None
        return out


class CountingWarehouse:
    """The real (DuckDB) warehouse, counting loads and queries; optionally cancelling the
    job on the first golden query."""

    def __init__(self, inner: Warehouse) -> None:
        self.inner = inner
        self.deps: Container | None = None  # set: cancel the job on the first query
        self.loads = 0
        self.queries = 0
        self._lock = threading.Lock()

    def ensure_dataset(self, ref: DatasetRef, **kw: Any) -> None:
        self.inner.ensure_dataset(ref, **kw)

    def row_count(self, ref: DatasetRef, table: str) -> int:
        return self.inner.row_count(ref, table)

    def dry_run(self, ref: DatasetRef, sql: str) -> int:
        return self.inner.dry_run(ref, sql)

    def delete_dataset(self, ref: DatasetRef) -> None:
        self.inner.delete_dataset(ref)

    def load_table(self, ref: DatasetRef, table: Any, parquet: Path) -> int:
        with self._lock:
            self.loads += 1
        return self.inner.load_table(ref, table, parquet)

    def query(self, ref: DatasetRef, sql: str, *, max_bytes_billed: int) -> list[dict[str, Any]]:
        with self._lock:
            self.queries += 1
            first = self.queries == 1
        if first and self.deps is not None:
            jobs.cancel_job(self.deps, ref.job_id)
        return self.inner.query(ref, sql, max_bytes_billed=max_bytes_billed)


def build(home: Path, synth: SynthEngine | None = None) -> tuple[Container, CountingWarehouse]:
    settings = Settings(home=home, allow_private_network=True)
    artifacts = LocalArtifactStore(home)
    wh = CountingWarehouse(DuckDBWarehouse(settings, artifacts))
    deps = Container(settings, store=SQLiteJobStore(home / "jobs.sqlite"), bus=MemoryBus(),
                     artifacts=artifacts, warehouse=wh, synth=synth, llm_disabled=True)
    return deps, wh


def assert_nothing_running(deps: Container) -> None:
    job = deps.store.get("e2ejob0001")
    assert job is not None
    running = [p.value for p in PHASE_ORDER if job.phase(p).status == PhaseStatus.RUNNING]
    assert running == [], running


def messages(deps: Container) -> list[str]:
    evs, _ = deps.store.events("e2ejob0001", limit=1000)
    return [e.message for e in evs]


def test_cancel_during_warehouse_stops_before_any_load_and_retry_resumes_there(
        tmp_path: Path, sample_url: str) -> None:
    synth = CancellingSynth()
    deps, wh = build(tmp_path, synth)
    synth.deps = deps
    start_job(deps, sample_url)
    drain(deps)

    job = deps.store.get("e2ejob0001")
    assert job is not None and job.status == JobStatus.CANCELLED
    assert job.phase(Phase.WAREHOUSE).status == PhaseStatus.CANCELLED
    assert wh.loads == 0, "the checkpoint after generation must stop every load"
    assert "warehouse" not in job.results
    assert_nothing_running(deps)
    log = messages(deps)
    assert not any(m.startswith("warehouse done") for m in log)
    assert any("warehouse stopped at a checkpoint" in m for m in log)

    # :retry resumes at warehouse: research and modeling are not run again.
    jobs.retry_job(deps, "e2ejob0001")
    drain(deps)
    job = deps.store.get("e2ejob0001")
    assert job is not None and job.status == JobStatus.COMPLETED, job and job.error
    assert job.phase(Phase.RESEARCH).attempts == 1 and job.phase(Phase.MODELING).attempts == 1
    assert sum(m.startswith("research started") for m in messages(deps)) == 1
    assert wh.loads == len(job.results["warehouse"]["tables"])
    # What it cost, on the job: DuckDB's bytes (estimated, priced at 0), offline: no tokens.
    assert job.cost is not None and job.cost.bq_bytes_loaded > 0 and job.cost.total_usd == 0
    assert job.cost.llm_calls == 0


def test_cancel_during_content_stops_the_queries_still_to_come(tmp_path: Path, sample_url: str) -> None:
    deps, wh = build(tmp_path)
    wh.deps = deps
    start_job(deps, sample_url)
    drain(deps)

    job = deps.store.get("e2ejob0001")
    assert job is not None and job.status == JobStatus.CANCELLED
    assert job.phase(Phase.WAREHOUSE).status == PhaseStatus.DONE
    assert job.phase(Phase.CONTENT).status == PhaseStatus.CANCELLED
    assert "content" not in job.results
    assert_nothing_running(deps)
    golden = json.loads(deps.artifacts.get("e2ejob0001", "spec.json"))["golden_queries"]
    # Four queries run at once: only those already past their checkpoint still ran.
    assert 1 <= wh.queries <= 4 < len(golden), (wh.queries, len(golden))
    assert not any(m.startswith("content done") for m in messages(deps))
    assert Phase.AGENT.value not in job.results
