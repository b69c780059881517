"""DuckDBWarehouse runs queries sandboxed and bounded: no file, URL or extension access
(even for SQL that never went through the guard), an interrupt after the query timeout,
a memory limit, and at most ``query_max_rows`` rows fetched."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from demoforge.adapters.duckdb_warehouse import DuckDBWarehouse
from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.domain.errors import PermanentError
from demoforge.service.ports import DatasetRef
from demoforge.settings import Settings
from tests.support.demo_dataset import make_spec, write_parquet

REF = DatasetRef(project="demo-proj", dataset="demo_shop_abcd1234", job_id="job-bounds")


@pytest.fixture
def warehouse(tmp_path: Path):
    def make(**settings: object) -> DuckDBWarehouse:
        art = LocalArtifactStore(tmp_path)
        wh = DuckDBWarehouse(Settings(home=tmp_path).with_(**settings), art)
        spec = make_spec(orders=300)
        files = write_parquet(spec, tmp_path / "parquet")
        wh.ensure_dataset(REF, labels={}, description="d", ttl_days=1)
        for t in spec.tables:
            wh.load_table(REF, t, files[t.name][0])
        return wh

    return make


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT content FROM read_blob('/etc/passwd')",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_parquet('/tmp/does-not-matter.parquet')",
        "SELECT * FROM read_json_auto('/etc/os-release')",
        "SELECT * FROM read_csv('https://example.com/x.csv')",
    ],
)
def test_file_functions_fail_even_without_the_guard(warehouse, sql: str) -> None:
    wh = warehouse()
    with pytest.raises(PermanentError) as e:
        wh.query(REF, sql, max_bytes_billed=0)
    assert "disabled by configuration" in e.value.message or "Permission" in e.value.message


def test_the_sandbox_cannot_be_switched_off_or_escaped(warehouse, tmp_path: Path) -> None:
    wh = warehouse()
    target = tmp_path / "leak.csv"
    for sql in ("SET enable_external_access = true", "SET lock_configuration = false",
                f"COPY (SELECT 1) TO '{target}'", f"ATTACH '{tmp_path / 'other.duckdb'}' AS o",
                "INSTALL httpfs", "LOAD httpfs"):
        with pytest.raises(PermanentError):
            wh.query(REF, sql, max_bytes_billed=0)
    assert not target.exists() and not (tmp_path / "other.duckdb").exists()
    # ... and ordinary queries still work on the same file afterwards.
    assert wh.query(REF, "SELECT COUNT(*) AS n FROM orders", max_bytes_billed=0) == [{"n": 300}]


def test_a_cartesian_query_is_interrupted_at_the_timeout(warehouse) -> None:
    wh = warehouse(query_timeout_s=0.5)
    start = time.monotonic()
    with pytest.raises(PermanentError) as e:
        wh.query(REF, "SELECT COUNT(*) AS n FROM orders a, orders b, orders c, orders d, orders e",
                 max_bytes_billed=0)
    assert e.value.code == "query_timeout" and "0.5 s" in e.value.message
    assert time.monotonic() - start < 5
    # The interrupt does not leak into the next query.
    assert wh.query(REF, "SELECT COUNT(*) AS n FROM orders", max_bytes_billed=0) == [{"n": 300}]


def test_at_most_query_max_rows_rows_are_fetched(warehouse) -> None:
    wh = warehouse(query_max_rows=7)
    rows = wh.query(REF, "SELECT order_id FROM orders ORDER BY order_id", max_bytes_billed=0)
    assert len(rows) == 7
    assert [r["order_id"] for r in rows] == sorted(r["order_id"] for r in rows)


def test_a_query_above_the_memory_limit_fails_clearly(warehouse) -> None:
    wh = warehouse(query_memory_mb=64)
    sql = ("SELECT x, REPEAT('x', 300) AS s FROM UNNEST(GENERATE_ARRAY(1, 2000000)) AS x "
           "CROSS JOIN orders ORDER BY s, x DESC")
    with pytest.raises(PermanentError) as e:
        wh.query(REF, sql, max_bytes_billed=0)
    assert e.value.code == "query_too_large" and "64 MB" in e.value.message


def test_bounds_are_validated_settings() -> None:
    s = Settings.from_env({})
    assert (s.query_timeout_s, s.query_max_rows, s.max_golden_queries) == (60.0, 10_000, 40)
    s = Settings.from_env({"DEMOFORGE_QUERY_TIMEOUT_S": "2.5", "DEMOFORGE_QUERY_MAX_ROWS": "50",
                           "DEMOFORGE_QUERY_MEMORY_MB": "128", "DEMOFORGE_MAX_GOLDEN_QUERIES": "12"})
    assert (s.query_timeout_s, s.query_max_rows, s.query_memory_mb, s.max_golden_queries) == (2.5, 50, 128, 12)
    for name, value in (("DEMOFORGE_QUERY_TIMEOUT_S", "0"), ("DEMOFORGE_QUERY_MAX_ROWS", "-3"),
                        ("DEMOFORGE_QUERY_TIMEOUT_S", "nan"), ("DEMOFORGE_MAX_GOLDEN_QUERIES", "0")):
        with pytest.raises(ValueError, match=name):
            Settings.from_env({name: value})


def test_concurrent_queries_share_the_sandboxed_instance(warehouse) -> None:
    # Read-only connections to one file share a DuckDB instance and its (locked) settings;
    # queries overlapping in threads (content, the local agent) must all still run.
    from concurrent.futures import ThreadPoolExecutor

    wh = warehouse()
    sql = "SELECT COUNT(*) AS n FROM orders a CROSS JOIN orders b WHERE a.order_id <= b.order_id"
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda _: wh.query(REF, sql, max_bytes_billed=0), range(12)))
    assert results == [[{"n": 300 * 301 // 2}]] * 12
