"""BigQueryWarehouse and the warehouse/content phases against a real local BigQuery-API
server (local-bigquery 0.3.1 driven by the official google-cloud-bigquery client)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from demoforge.adapters.bigquery_warehouse import BigQueryWarehouse
from demoforge.domain.errors import PermanentError
from demoforge.domain.job import Phase
from demoforge.domain.naming import dataset_name
from demoforge.service.ports import DatasetRef
from demoforge.settings import Settings
from tests.support.demo_dataset import (
    FakeSynthEngine,
    local_deps,
    make_spec,
    new_job,
    run_phase,
    write_parquet,
)

pytestmark = pytest.mark.integration

PROJECT = "demo-proj"


def _settings(server: Any, tmp: Path) -> Settings:
    return Settings(home=tmp, project=PROJECT, warehouse="bigquery",
                    bigquery_endpoint=server.endpoint, bq_location="EU", dataset_ttl_days=14)


def test_dataset_tables_and_queries(local_bigquery: Any, tmp_path: Path) -> None:
    wh = BigQueryWarehouse(_settings(local_bigquery, tmp_path))
    ref = DatasetRef(PROJECT, "demo_adapter_test_0001", "job-adapter")
    spec = make_spec(orders=200)
    files = write_parquet(spec, tmp_path / "data")
    labels = {"app": "demoforge", "job_id": "job-adapter", "created_by": "ce_example_com"}
    wh.ensure_dataset(ref, labels=labels, description="adapter test", ttl_days=14)
    wh.ensure_dataset(ref, labels=labels, description="adapter test", ttl_days=14)  # idempotent
    ds = wh.client.get_dataset(ref.qualified)
    assert ds.labels == labels and ds.location == "EU" and ds.description == "adapter test"
    assert ds.default_table_expiration_ms == 14 * 86_400_000

    for t in spec.tables:
        assert wh.load_table(ref, t, files[t.name][0]) == files[t.name][1]
        assert wh.row_count(ref, t.name) == files[t.name][1]
    table = wh.client.get_table(f"{ref.qualified}.orders")
    assert table.description == spec.table("orders").description
    described = {f.name: f.description for f in table.schema}
    assert described == {c.name: c.description for c in spec.table("orders").columns}
    types = {f.name: f.field_type for f in wh.client.get_table(f"{ref.qualified}.products").schema}
    assert types["unit_price"] == "NUMERIC" and types["product_id"] in ("INTEGER", "INT64")

    sql = f"SELECT status, COUNT(*) AS n FROM `{ref.qualified}.orders` GROUP BY status ORDER BY n DESC"
    assert wh.dry_run(ref, sql) >= 0
    rows = wh.query(ref, sql, max_bytes_billed=10**9)
    assert sum(r["n"] for r in rows) == files["orders"][1]
    with pytest.raises(PermanentError):
        wh.query(ref, f"SELECT nope FROM `{ref.qualified}.orders`", max_bytes_billed=10**9)

    wh.delete_dataset(ref)
    wh.delete_dataset(ref)  # absent: fine
    with pytest.raises(PermanentError, match="not found"):
        wh.row_count(ref, "orders")


def _snapshot(wh: BigQueryWarehouse, ref: DatasetRef, tables: list[str]) -> dict[str, Any]:
    out = {}
    for t in tables:
        rows = wh.query(ref, f"SELECT * FROM `{ref.qualified}.{t}` ORDER BY 1", max_bytes_billed=10**9)
        schema = [(f.name, f.field_type, f.description) for f in wh.client.get_table(f"{ref.qualified}.{t}").schema]
        out[t] = (schema, rows)
    return out


@pytest.fixture
def emulator_job(local_bigquery: Any, tmp_path: Path):
    s = _settings(local_bigquery, tmp_path)
    deps = local_deps(tmp_path, warehouse=BigQueryWarehouse(s), settings=s, synth=FakeSynthEngine())
    job = "e2e0b0b0-0000-4000-8000-000000000001"
    new_job(deps, job, make_spec(orders=500))
    yield deps, job
    ref = DatasetRef(PROJECT, dataset_name("Summit & Trail <Outfitters>", job), job)
    deps.warehouse.delete_dataset(ref)


def test_warehouse_phase_twice_leaves_identical_tables(emulator_job) -> None:
    deps, job = emulator_job
    first = run_phase(deps, job, Phase.WAREHOUSE)
    ref = DatasetRef(first.result["project"], first.result["dataset"], job)
    tables = list(first.result["tables"])
    before = _snapshot(deps.warehouse, ref, tables)
    second = run_phase(deps, job, Phase.WAREHOUSE)  # a redelivery
    assert second.result == first.result
    after = _snapshot(deps.warehouse, ref, tables)
    assert after == before
    assert {t: len(rows) for t, (_, rows) in after.items()} == first.result["tables"]
    labels = deps.warehouse.client.get_dataset(ref.qualified).labels
    assert labels == {"app": "demoforge", "job_id": job, "created_by": "ce_example_com"}


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, float | int) and isinstance(b, float | int) and not isinstance(a, bool):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    return bool(a == b)


def test_content_answers_match_between_duckdb_and_bigquery(emulator_job, tmp_path: Path) -> None:
    deps, job = emulator_job
    run_phase(deps, job, Phase.WAREHOUSE)
    out = run_phase(deps, job, Phase.CONTENT)
    assert out.result["dropped"] == 0 and out.result["passed"] >= 12
    on_bq = {q["question"]: q for q in json.loads(deps.artifacts.get(job, "golden_queries.json"))}

    local = local_deps(tmp_path / "duck", synth=FakeSynthEngine())
    new_job(local, job, make_spec(orders=500))
    run_phase(local, job, Phase.WAREHOUSE)
    run_phase(local, job, Phase.CONTENT)
    on_duck = {q["question"]: q for q in json.loads(local.artifacts.get(job, "golden_queries.json"))}

    assert set(on_duck) == set(on_bq)
    for question, bq in on_bq.items():
        duck = on_duck[question]
        assert duck["sql"] == bq["sql"]  # stored SQL is the same BigQuery SQL
        assert duck["row_count"] == bq["row_count"], question
        for r1, r2 in zip(duck["preview"], bq["preview"], strict=True):
            assert list(r1) == list(r2), question
            assert all(_close(r1[k], r2[k]) for k in r1), (question, r1, r2)
        assert duck["answer"] == bq["answer"], question
    # the ones that matter, checked on the emulator's own results
    assert on_bq["Which region brings in the most revenue?"]["preview"][0]["region_name"] == "North-East"
    assert on_bq["Which product has the highest return rate?"]["preview"][0]["product_name"] == "Headlamp"
    dow = on_bq["On which day of the week do we get the most orders?"]["preview"]
    assert sorted(r["day_of_week"] for r in dow) == [1, 2, 3, 4, 5, 6, 7]
    month = on_bq["What is the revenue by month?"]["preview"][0]["month"]
    assert month.endswith("-01") and len(month) == 10  # a DATE, not a timestamp


def test_stop_ends_exactly_the_server_it_started(local_bigquery: Any) -> None:
    import httpx

    from demoforge.devtools import localbq

    other = localbq.start(project="other-proj")
    try:
        assert httpx.get(f"{other.endpoint}/bigquery/v2/projects/other-proj/datasets", timeout=10).status_code == 200
    finally:
        localbq.stop(other)
    assert other.process.poll() is not None and not other.data_dir.exists()
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{other.endpoint}/bigquery/v2/projects/other-proj/datasets", timeout=5)
    # the session's server is untouched
    assert httpx.get(f"{local_bigquery.endpoint}/bigquery/v2/projects/{PROJECT}/datasets", timeout=10).status_code == 200
