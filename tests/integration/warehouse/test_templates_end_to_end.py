"""Real templates through the synth engine, the warehouse and content phases: every golden
query offered is executed and passes, on DuckDB and on the local BigQuery server, with the
same answers on both."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from demoforge.adapters.bigquery_warehouse import BigQueryWarehouse
from demoforge.domain.job import Phase
from demoforge.service.ports import DatasetRef
from demoforge.settings import Settings
from tests.support.demo_dataset import RESEARCH, local_deps, new_job, run_phase

pytestmark = pytest.mark.integration
templates = pytest.importorskip("demoforge.synth.templates", reason="synth templates not available")

ROWS = 20_000  # small scale: enough customers for the cohort stories to show


def _spec(industry: str) -> Any:
    research = {**RESEARCH, "company_name": "Acme Outdoor", "industry": industry}
    return templates.customise(templates.get_template(industry), research, rows=ROWS), research


def _pack(deps: Any, job: str, industry: str) -> tuple[dict[str, Any], dict[str, Any]]:
    spec, research = _spec(industry)
    new_job(deps, job, spec, research=research)
    run_phase(deps, job, Phase.WAREHOUSE)
    out = run_phase(deps, job, Phase.CONTENT)
    golden = {q["question"]: q for q in json.loads(deps.artifacts.get(job, "golden_queries.json"))}
    return out.result, golden


@pytest.mark.parametrize("industry", ["retail_ecommerce", "saas_software", "healthcare"])
def test_template_golden_queries_all_pass_on_duckdb(industry: str, tmp_path: Path) -> None:
    result, golden = _pack(local_deps(tmp_path), "tpl-" + industry[:10], industry)
    assert result["passed"] >= 12 and result["dropped"] == 0
    assert len(golden) == result["passed"]
    assert all(q["status"] == "passed" and q["row_count"] > 0 and q["answer"] for q in golden.values())


def _canon(rows: list[dict[str, Any]]) -> list[str]:
    def norm(v: Any) -> Any:
        return round(float(v), 6) if isinstance(v, int | float) and not isinstance(v, bool) else v
    return sorted(json.dumps({k: norm(v) for k, v in r.items()}, sort_keys=True) for r in rows)


def test_template_answers_match_on_local_bigquery(local_bigquery: Any, tmp_path: Path) -> None:
    industry, job = "retail_ecommerce", "tpl-bq-retail"
    s = Settings(home=tmp_path, project="demo-proj", warehouse="bigquery",
                 bigquery_endpoint=local_bigquery.endpoint)
    bq_deps = local_deps(tmp_path / "bq", warehouse=BigQueryWarehouse(s), settings=s)
    try:
        bq_result, on_bq = _pack(bq_deps, job, industry)
        _, on_duck = _pack(local_deps(tmp_path / "duck"), job, industry)
    finally:
        done = bq_deps.store.get(job).results.get("warehouse", {})
        if done:
            bq_deps.warehouse.delete_dataset(DatasetRef(done["project"], done["dataset"], job))
    assert bq_result["passed"] >= 12 and bq_result["dropped"] == 0
    assert set(on_bq) == set(on_duck)
    for question, bq in on_bq.items():
        duck = on_duck[question]
        assert bq["row_count"] == duck["row_count"], question
        if bq["row_count"] <= 20:  # whole result present: equal as multisets (ties may reorder)
            assert _canon(bq["preview"]) == _canon(duck["preview"]), question
        if bq["preview"] == duck["preview"]:
            assert bq["answer"] == duck["answer"], question
