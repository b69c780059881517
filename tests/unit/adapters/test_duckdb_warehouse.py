"""DuckDBWarehouse: one file per job, dataset = schema, BigQuery SQL in, overwrite on reload."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from demoforge.adapters.duckdb_warehouse import DuckDBWarehouse
from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.domain.errors import PermanentError
from demoforge.service.ports import DatasetRef
from demoforge.settings import Settings
from tests.support.demo_dataset import make_spec, write_parquet

REF = DatasetRef(project="demo-proj", dataset="demo_shop_abcd1234", job_id="job-1")


@pytest.fixture
def loaded(tmp_path: Path):
    art = LocalArtifactStore(tmp_path)
    wh = DuckDBWarehouse(Settings(home=tmp_path), art)
    spec = make_spec(orders=300)
    files = write_parquet(spec, tmp_path / "parquet")
    wh.ensure_dataset(REF, labels={"app": "demoforge"}, description="d", ttl_days=14)
    counts = {t.name: wh.load_table(REF, t, files[t.name][0]) for t in spec.tables}
    return wh, spec, files, counts


def test_file_lives_in_the_job_folder_and_counts_match(loaded, tmp_path: Path) -> None:
    wh, spec, files, counts = loaded
    assert wh.path(REF) == tmp_path / "jobs" / "job-1" / "warehouse.duckdb"
    assert counts == {n: rows for n, (_, rows) in files.items()}
    assert all(wh.row_count(REF, n) == rows for n, (_, rows) in files.items())


def test_types_and_descriptions_follow_the_spec(loaded) -> None:
    wh, spec, _, _ = loaded
    con = duckdb.connect(str(wh.path(REF)), read_only=True)
    try:
        comment = con.execute(
            "SELECT comment FROM duckdb_tables() WHERE schema_name = ? AND table_name = 'orders'",
            [REF.dataset]).fetchone()
        cols = dict(con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = ? "
            "AND table_name = 'products'", [REF.dataset]).fetchall())
        col_comment = con.execute(
            "SELECT comment FROM duckdb_columns() WHERE schema_name = ? AND table_name = 'orders' "
            "AND column_name = 'status'", [REF.dataset]).fetchone()
    finally:
        con.close()
    assert comment == (spec.table("orders").description,)
    assert col_comment == (spec.table("orders").column("status").description,)
    assert cols["unit_price"] == "DECIMAL(38,9)" and cols["product_id"] == "BIGINT"


def test_reload_overwrites_instead_of_appending(loaded) -> None:
    wh, spec, files, _ = loaded
    before = wh.query(REF, "SELECT * FROM orders ORDER BY order_id", max_bytes_billed=10**9)
    assert wh.load_table(REF, spec.table("orders"), files["orders"][0]) == files["orders"][1]
    after = wh.query(REF, "SELECT * FROM orders ORDER BY order_id", max_bytes_billed=10**9)
    assert after == before


def test_query_takes_qualified_bigquery_sql(loaded) -> None:
    wh, _, _, _ = loaded
    rows = wh.query(
        REF,
        f"SELECT DATE_TRUNC(order_date, MONTH) AS m, EXTRACT(DAYOFWEEK FROM MIN(order_date)) AS dow, "
        f"COUNT(*) AS n FROM `{REF.project}.{REF.dataset}.orders` GROUP BY m ORDER BY m LIMIT 2",
        max_bytes_billed=10**9,
    )
    assert isinstance(rows[0]["m"], dt.date) and not isinstance(rows[0]["m"], dt.datetime)
    assert 1 <= rows[0]["dow"] <= 7 and rows[0]["n"] > 0


def test_queries_cannot_write(loaded) -> None:
    wh, _, _, _ = loaded
    with pytest.raises(PermanentError):
        wh.query(REF, f"DELETE FROM {REF.dataset}.orders WHERE TRUE", max_bytes_billed=10**9)
    assert wh.row_count(REF, "orders") > 0


def test_dry_run_estimates_and_rejects_bad_sql(loaded) -> None:
    wh, _, _, _ = loaded
    assert wh.dry_run(REF, f"SELECT COUNT(*) FROM {REF.dataset}.orders") > 0
    with pytest.raises(PermanentError, match="dry run failed"):
        wh.dry_run(REF, f"SELECT no_such_column FROM {REF.dataset}.orders")


def test_bytes_limit_is_enforced(loaded) -> None:
    wh, _, _, _ = loaded
    with pytest.raises(PermanentError, match="limit"):
        wh.query(REF, f"SELECT * FROM {REF.dataset}.orders", max_bytes_billed=10)


def test_parquet_not_matching_the_spec_is_a_clear_error(loaded, tmp_path: Path) -> None:
    wh, spec, files, _ = loaded
    with pytest.raises(PermanentError, match="orders"):
        wh.load_table(REF, spec.table("orders"), files["customers"][0])
    with pytest.raises(PermanentError, match="not found"):
        wh.load_table(REF, spec.table("orders"), tmp_path / "missing.parquet")


def test_delete_dataset_is_idempotent(loaded) -> None:
    wh, _, _, _ = loaded
    wh.delete_dataset(REF)
    wh.delete_dataset(REF)
    with pytest.raises(PermanentError, match="not found"):
        wh.row_count(REF, "orders")
    other = DatasetRef(project="p", dataset="never_made", job_id="job-2")
    wh.delete_dataset(other)  # no file at all: fine
