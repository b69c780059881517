"""The demo pack's agent.json after the REAL warehouse and content phases (DuckDB, local
agent): every table, every passed golden query (as content wrote golden_queries.json) as
an example query, a system instruction naming the company and its KPIs, and a local
check that passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.adapters.memory_bus import MemoryBus
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.bootstrap import Container
from demoforge.domain.job import JobDoc, JobStatus, Phase, PhaseMessage, PhaseStatus
from demoforge.domain.results import GoldenQuery
from demoforge.service.runner import Runner
from demoforge.settings import Settings
from tests.support import agent_inputs as ai

pytestmark = pytest.mark.integration


def test_pack_agent_json_after_real_warehouse_and_content(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    store = SQLiteJobStore(tmp_path / "jobs.sqlite")
    artifacts = LocalArtifactStore(tmp_path)
    deps = Container(settings, store=store, bus=MemoryBus(), artifacts=artifacts)
    spec = ai.spec().model_dump(mode="json")
    # Spec-style golden queries: placeholders, as templates write them.
    spec["golden_queries"] = [
        {"question": q, "difficulty": d,
         "sql": s.replace(f"{ai.PROJECT}.{ai.DATASET}", "{project}.{dataset}")}
        for d, q, s in ai.GOLDEN_SQL
    ]
    job = JobDoc(job_id="packjob123", customer_url="https://alpine.example/")
    for p in (Phase.RESEARCH, Phase.MODELING):
        job.phase(p).status = PhaseStatus.DONE
    job.results[Phase.RESEARCH.value] = ai.research().model_dump(mode="json")
    store.create(job)
    artifacts.put(job.job_id, "spec.json", json.dumps(spec).encode())

    runner = Runner(deps, deps.body_for)
    for phase in (Phase.WAREHOUSE, Phase.CONTENT, Phase.AGENT):
        runner.handle(PhaseMessage(job_id=job.job_id, phase=phase), f"d-{phase.value}")
    done = store.get(job.job_id)
    assert done is not None and done.status == JobStatus.COMPLETED, done and done.error

    golden = [GoldenQuery.model_validate(g)
              for g in json.loads(artifacts.get(job.job_id, "golden_queries.json"))]
    passed = [g for g in golden if g.status == "passed"]
    assert passed, "content must pass at least the count query"
    pack = json.loads((artifacts.workdir(job.job_id) / "agent.json").read_text())
    ctx = pack["dataAgent"]["dataAnalyticsAgent"]["publishedContext"]
    wh = done.results[Phase.WAREHOUSE.value]
    refs = ctx["datasourceReferences"]["bq"]["tableReferences"]
    assert [(r["projectId"], r["datasetId"], r["tableId"]) for r in refs] == [
        (wh["project"], wh["dataset"], t["name"]) for t in spec["tables"]]
    assert [(e["naturalLanguageQuestion"], e["sqlQuery"]) for e in ctx["exampleQueries"]] == [
        (g.question, g.sql) for g in passed]  # content's SQL is already fully qualified
    si = ctx["systemInstruction"]
    assert "Alpine Outfitters" in si
    for kpi in {*spec["kpis"], *ai.research().kpis}:
        assert f"- {kpi}:" in si
    test = done.results[Phase.AGENT.value]["test"]
    assert (test["mode"], test["verdict"]) == ("local_check", "passed")
