"""The BigQuery -> DuckDB translation gives BigQuery's answers: the same expressions run
on the local BigQuery server and, translated, on DuckDB, over dates chosen around week and
year boundaries and a leap day."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

import duckdb
import pytest

from demoforge.adapters.bigquery_warehouse import BigQueryWarehouse
from demoforge.service.ports import DatasetRef
from demoforge.settings import Settings
from demoforge.sql import to_duckdb

pytestmark = pytest.mark.integration

EXPRESSIONS = {
    "dow": "EXTRACT(DAYOFWEEK FROM d)", "week": "EXTRACT(WEEK FROM d)",
    "week_mon": "EXTRACT(WEEK(MONDAY) FROM d)", "isoweek": "EXTRACT(ISOWEEK FROM d)",
    "trunc_month": "DATE_TRUNC(d, MONTH)", "trunc_week": "DATE_TRUNC(d, WEEK)",
    "trunc_quarter": "DATE_TRUNC(d, QUARTER)", "quarter_label": "FORMAT_DATE('%Y-Q%Q', d)",
    "month_label": "FORMAT_DATE('%Y-%m', d)", "add_month": "DATE_ADD(d, INTERVAL 1 MONTH)",
    "sub_day": "DATE_SUB(d, INTERVAL 3 DAY)", "last_day": "LAST_DAY(d)",
    "diff_week": "DATE_DIFF(d, DATE '2024-01-01', WEEK)", "diff_month": "DATE_DIFF(d, DATE '2023-11-30', MONTH)",
    "hours": "TIMESTAMP_DIFF(TIMESTAMP_ADD(TIMESTAMP(d), INTERVAL 130 MINUTE), TIMESTAMP(d), HOUR)",
    "days": "TIMESTAMP_DIFF(TIMESTAMP_ADD(TIMESTAMP(d), INTERVAL 47 HOUR), TIMESTAMP(d), DAY)",
    "safe_div": "SAFE_DIVIDE(x, x - x)", "countif": "COUNTIF(x > 2) OVER ()",
    "round_half": "ROUND(x + 0.5, 0)", "ts_week": "TIMESTAMP_TRUNC(TIMESTAMP(d), WEEK)",
}
DAYS = ["2023-12-31", "2024-01-01", "2024-01-06", "2024-01-07", "2024-02-29", "2024-12-30", "2025-01-05"]


def _norm(v: Any) -> Any:
    if isinstance(v, decimal.Decimal | int | float) and not isinstance(v, bool):
        return round(float(v), 9)
    if isinstance(v, dt.datetime):
        return v.astimezone(dt.UTC).replace(tzinfo=None).isoformat()
    return v.isoformat() if isinstance(v, dt.date) else v


def test_translated_expressions_answer_like_bigquery(local_bigquery: Any, tmp_path) -> None:
    rows = ", ".join(f"STRUCT(DATE '{d}' AS d, {i} AS x)" for i, d in enumerate(DAYS))
    sql = (f"SELECT d, {', '.join(f'{e} AS {k}' for k, e in EXPRESSIONS.items())} "
           f"FROM UNNEST([{rows}]) ORDER BY d")
    wh = BigQueryWarehouse(Settings(home=tmp_path, project="demo-proj", bigquery_endpoint=local_bigquery.endpoint))
    on_bq = wh.query(DatasetRef("demo-proj", "unused", "parity"), sql, max_bytes_billed=10**9)
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    cur = con.execute(to_duckdb(sql))
    cols = [c[0] for c in cur.description]
    on_duck = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    assert len(on_bq) == len(on_duck) == len(DAYS)
    for name in EXPRESSIONS:
        assert [_norm(r[name]) for r in on_duck] == [_norm(r[name]) for r in on_bq], name
