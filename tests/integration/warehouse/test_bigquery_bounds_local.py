"""Query bounds against a real local BigQuery-API server (local-bigquery, GoogleSQL on
DuckDB) through the official client: a cartesian query is cancelled when the client wait
expires -- the server records the job as stopped with the ``jobTimeoutMs`` it was given --
and a large result is fetched only up to ``query_max_rows``."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from demoforge.adapters.bigquery_warehouse import BigQueryWarehouse
from demoforge.domain.errors import PermanentError
from demoforge.service.ports import DatasetRef
from demoforge.settings import Settings

pytestmark = pytest.mark.integration

PROJECT = "demo-proj"
REF = DatasetRef(PROJECT, "demo_bounds_0001", "job-bounds-local")
# ~10^12 combinations: runs for minutes on the local engine unless it is stopped.
CARTESIAN = ("SELECT COUNT(*) AS n FROM UNNEST(GENERATE_ARRAY(1, 10000)) AS a "
             "CROSS JOIN UNNEST(GENERATE_ARRAY(1, 10000)) AS b "
             "CROSS JOIN UNNEST(GENERATE_ARRAY(1, 10000)) AS c WHERE MOD(a + b + c, 7) = 3")


def _warehouse(server: Any, tmp: Path, **settings: object) -> BigQueryWarehouse:
    return BigQueryWarehouse(Settings(home=tmp, project=PROJECT, warehouse="bigquery",
                                      bigquery_endpoint=server.endpoint, bq_location="EU")
                             .with_(**settings))


def test_a_query_past_its_timeout_is_cancelled_on_the_server(local_bigquery: Any,
                                                              tmp_path: Path) -> None:
    wh = _warehouse(local_bigquery, tmp_path, query_timeout_s=2.0)
    start = time.monotonic()
    with pytest.raises(PermanentError) as e:
        wh.query(REF, CARTESIAN, max_bytes_billed=10**9)
    assert e.value.code == "query_timeout", e.value.message
    waited = time.monotonic() - start
    print(f"timed out and cancelled after {waited:.1f} s")
    assert waited < 6  # 2 s budget + the server holding jobs.insert up to 1 s
    job_id = e.value.message.split("job ")[1].split()[0]
    job = wh.client.get_job(job_id, project=PROJECT)
    assert job.state == "DONE"
    assert job.error_result and job.error_result["reason"] == "stopped"
    assert int(job.configuration.job_timeout_ms) == 2_000  # the server keeps it as a string
    # The engine is free again: the next query runs at once.
    start = time.monotonic()
    assert wh.query(REF, "SELECT 1 AS one", max_bytes_billed=10**9) == [{"one": 1}]
    print(f"next query after {time.monotonic() - start:.1f} s")


def test_a_large_result_is_fetched_only_up_to_the_row_cap(local_bigquery: Any,
                                                          tmp_path: Path) -> None:
    wh = _warehouse(local_bigquery, tmp_path, query_max_rows=25)
    rows = wh.query(REF, "SELECT x FROM UNNEST(GENERATE_ARRAY(1, 100000)) AS x ORDER BY x",
                    max_bytes_billed=10**9)
    assert [r["x"] for r in rows] == list(range(1, 26))
