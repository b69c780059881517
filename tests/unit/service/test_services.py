"""The service layer's small parts: transitions run atomically and write only on change,
typed phase inputs fail clearly, one event writer, and the composition root stays lazy."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.bootstrap import Container
from demoforge.domain import artifacts
from demoforge.domain.errors import Conflict, NotFound, PermanentError
from demoforge.domain.job import EventLevel, JobDoc, JobStatus, Phase
from demoforge.domain.results import ResearchResult, WarehouseResult
from demoforge.phases import inputs
from demoforge.service.phase import PhaseContext
from demoforge.service.transact import update, update_if_present
from demoforge.settings import Settings

T0 = dt.datetime(2026, 5, 4, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def services(tmp_path: Path) -> Container:
    return Container(Settings(home=tmp_path), store=SQLiteJobStore(tmp_path / "jobs.sqlite"),
                     artifacts=LocalArtifactStore(tmp_path), clock=lambda: T0)


def stored(services: Container, **results: dict[str, object]) -> JobDoc:
    job = JobDoc(job_id="job1", customer_url="https://e.com/", created_at=T0, updated_at=T0,
                 results=dict(results))
    services.store.create(job)
    return job


def test_update_writes_the_transition_and_only_when_it_changed_something(services: Container) -> None:
    stored(services)
    later = T0 + dt.timedelta(minutes=5)
    job, value = update(services.store, "job1", lambda j: j.cancel(later))
    assert value is None and job.status == JobStatus.CANCELLED
    again_at = T0 + dt.timedelta(minutes=9)
    job, _ = update(services.store, "job1", lambda j: j.cancel(again_at))  # idempotent: no write
    on_disk = services.store.get("job1")
    assert on_disk is not None and on_disk.updated_at == later == job.updated_at


def test_a_refused_transition_writes_nothing(services: Container) -> None:
    stored(services)
    before = services.store.get("job1")
    with pytest.raises(Conflict):
        update(services.store, "job1", lambda j: j.answer("insurance", None, T0))
    assert services.store.get("job1") == before


def test_a_missing_job(services: Container) -> None:
    assert update_if_present(services.store, "nope", lambda j: j.cancel(T0)) is None
    with pytest.raises(NotFound, match="job nope not found"):
        update(services.store, "nope", lambda j: j.cancel(T0))


def ctx(services: Container, job: JobDoc, phase: Phase = Phase.CONTENT) -> PhaseContext:
    return PhaseContext(job=job, phase=phase, services=services)


def test_typed_results_fail_clearly_when_missing_or_invalid(services: Container) -> None:
    c = ctx(services, stored(services, warehouse={"dataset": "d"}))
    with pytest.raises(PermanentError) as missing:
        c.result(ResearchResult)
    assert missing.value.code == "input_missing"
    assert missing.value.message == ("the research result is missing from job job1; "
                                     "the research phase must run first")
    with pytest.raises(PermanentError) as invalid:
        c.result(WarehouseResult)
    assert invalid.value.code == "input_invalid"
    assert "the warehouse result of job job1 is missing or invalid" in invalid.value.message


def test_one_spec_loader_with_one_error_code_per_problem(services: Container) -> None:
    c = ctx(services, stored(services))
    with pytest.raises(PermanentError) as missing:
        inputs.load_spec(c)
    assert (missing.value.code, missing.value.message) == (
        "input_missing", "spec.json of job job1 is missing; the modeling phase must run first")
    services.artifacts.put("job1", artifacts.SPEC, json.dumps({"name": "x"}).encode())
    with pytest.raises(PermanentError) as invalid:
        inputs.load_spec(c)
    assert invalid.value.code == "input_invalid"
    assert invalid.value.message.startswith("spec.json of job job1 is invalid: ")


def test_phase_logs_go_through_the_one_event_writer(services: Container) -> None:
    c = ctx(services, stored(services), Phase.WAREHOUSE)
    c.log("loaded 3 tables", EventLevel.DEBUG, tables=3)
    services.events.write("job1", "job-level line", data={"k": "v"})
    events, _ = services.store.events("job1")
    assert [(e.phase, e.level, e.message, e.data) for e in events] == [
        (Phase.WAREHOUSE, EventLevel.DEBUG, "loaded 3 tables", {"tables": 3}),
        (None, EventLevel.INFO, "job-level line", {"k": "v"}),
    ]


def test_the_composition_root_builds_adapters_lazily(tmp_path: Path) -> None:
    """What the research function touches never imports BigQuery, DuckDB or the synth
    engine's numpy/pyarrow (cold start); each adapter is built once."""
    code = f"""
import sys
from pathlib import Path
from demoforge.bootstrap import Container
from demoforge.entrypoints.functions import phase_handler
from demoforge.phases import research
from demoforge.settings import Settings
c = Container(Settings(home=Path({str(tmp_path)!r})))
assert c.store is c.store and c.research_cache is c.research_cache
c.events, c.fetcher, c.llm, c.artifacts, c.bus
heavy = [m for m in ("google.cloud.bigquery", "duckdb", "pyarrow", "numpy", "demoforge.synth.generate")
         if m in sys.modules]
print(heavy)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stderr
