"""Warehouse phase on the local adapters (SQLite store, folder artifacts, DuckDB)."""

from __future__ import annotations

from pathlib import Path

import pytest

from demoforge.domain.errors import PermanentError, TransientError
from demoforge.domain.job import Phase
from demoforge.phases import warehouse as warehouse_phase
from demoforge.service.ports import DatasetRef
from tests.support.demo_dataset import FakeSynthEngine, local_deps, make_spec, new_job, run_phase

JOB = "4f3a9c2e-1111-2222-3333-444455556666"


@pytest.fixture
def deps(tmp_path: Path):
    # The synth engine is another module's job; these tests pin the phase's own logic.
    d = local_deps(tmp_path, synth=FakeSynthEngine())
    new_job(d, JOB, make_spec(orders=300))
    return d


def test_dataset_name_is_deterministic_and_bigquery_safe() -> None:
    assert warehouse_phase.dataset_name("Summit & Trail <Outfitters>", JOB) == "demo_summit_trail_outfitters_4f3a9c2e"
    assert warehouse_phase.dataset_name("Ünïcode Café GmbH", "AB-CD_12x") == "demo_unicode_cafe_gmbh_ab_cd_12"
    assert warehouse_phase.dataset_name("!!!", "abc") == "demo_company_abc"
    assert warehouse_phase.label_value("CE.Name+x@Example.com") == "ce_name_x_example_com"


def test_loads_every_table_and_reports_counts(deps) -> None:
    out = run_phase(deps, JOB, Phase.WAREHOUSE)
    assert out.result["dataset"] == "demo_summit_trail_outfitters_4f3a9c2e"
    assert out.result["project"] == "demo-proj"
    tables = out.result["tables"]
    assert set(tables) == {"regions", "customers", "products", "orders", "order_items"}
    ref = DatasetRef("demo-proj", out.result["dataset"], JOB)
    assert all(deps.warehouse.row_count(ref, t) == n and n > 0 for t, n in tables.items())
    # the local pack keeps the Parquet files as data/<table>.parquet
    pack = deps.artifacts.workdir(JOB)
    assert sorted(p.name for p in (pack / "data").glob("*.parquet")) == sorted(f"{t}.parquet" for t in tables)
    assert (pack / "warehouse.duckdb").is_file()
    assert out.summary["rows"] == sum(tables.values())
    events, _ = deps.store.events(JOB)
    assert any("ready" in e.message for e in events)


def test_running_twice_leaves_identical_tables(deps) -> None:
    first = run_phase(deps, JOB, Phase.WAREHOUSE)
    ref = DatasetRef("demo-proj", first.result["dataset"], JOB)
    snap = {t: deps.warehouse.query(ref, f"SELECT * FROM {ref.dataset}.{t} ORDER BY 1", max_bytes_billed=0)
            for t in first.result["tables"]}
    second = run_phase(deps, JOB, Phase.WAREHOUSE)
    assert second.result == first.result
    again = {t: deps.warehouse.query(ref, f"SELECT * FROM {ref.dataset}.{t} ORDER BY 1", max_bytes_billed=0)
             for t in first.result["tables"]}
    assert again == snap


def test_missing_spec_is_a_permanent_error(tmp_path: Path) -> None:
    d = local_deps(tmp_path)
    new_job(d, "job-nospec", make_spec(orders=50))
    (d.artifacts.workdir("job-nospec") / "spec.json").unlink()
    with pytest.raises(PermanentError, match="modeling"):
        run_phase(d, "job-nospec", Phase.WAREHOUSE)


def test_a_row_count_mismatch_is_retried(deps, monkeypatch: pytest.MonkeyPatch) -> None:
    real = deps.warehouse.row_count
    monkeypatch.setattr(deps.warehouse, "row_count", lambda ref, t: real(ref, t) - (t == "orders"))
    with pytest.raises(TransientError, match="orders: generated"):
        run_phase(deps, JOB, Phase.WAREHOUSE)
