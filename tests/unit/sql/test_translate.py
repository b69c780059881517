"""BigQuery -> DuckDB translation, checked by running the result on DuckDB."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from demoforge.sql import to_duckdb


def run(sql: str) -> list[tuple]:
    con = duckdb.connect()
    con.execute("CREATE SCHEMA ds; CREATE TABLE ds.t AS SELECT CAST(DATE '2024-01-01' + i::INTEGER AS DATE) AS d, "
                "TIMESTAMP '2024-01-01 10:00:00' + to_days(i::INTEGER) AS ts FROM range(7) r(i)")
    return con.execute(to_duckdb(sql)).fetchall()


def test_dayofweek_matches_bigquery_sunday_is_one() -> None:
    rows = run("SELECT d, EXTRACT(DAYOFWEEK FROM d) AS dow FROM `p-1.ds.t` ORDER BY d")
    # BigQuery: 1 = Sunday ... 7 = Saturday; 2024-01-01 was a Monday.
    expected = {d.isoweekday() % 7 + 1 for d, _ in rows}
    assert [dow for _, dow in rows] == [d.isoweekday() % 7 + 1 for d, _ in rows]
    assert rows[0][1] == 2 and expected == set(range(1, 8))


def test_dayofweek_on_timestamps_too() -> None:
    rows = run("SELECT EXTRACT(DAYOFWEEK FROM ts) FROM ds.t ORDER BY ts")
    assert [r[0] for r in rows] == [2, 3, 4, 5, 6, 7, 1]


@pytest.mark.parametrize("unit", ["MONTH", "YEAR", "QUARTER", "WEEK"])
def test_date_trunc_on_a_date_stays_a_date(unit: str) -> None:
    rows = run(f"SELECT DATE_TRUNC(d, {unit}) AS m FROM ds.t ORDER BY d LIMIT 1")
    value = rows[0][0]
    assert type(value) is dt.date  # not a datetime, as BigQuery returns DATE


def test_month_trunc_value() -> None:
    assert run("SELECT DATE_TRUNC(DATE '2024-03-17', MONTH) FROM ds.t LIMIT 1")[0][0] == dt.date(2024, 3, 1)


def test_project_is_dropped_and_dataset_kept_as_schema() -> None:
    sql = to_duckdb("SELECT COUNT(*) FROM `my-proj.ds.t`")
    assert "my-proj" not in sql and "ds" in sql
    assert run("SELECT COUNT(*) FROM `my-proj.ds.t`") == [(7,)]
    assert run("SELECT COUNT(*) FROM `my-proj`.ds.t") == [(7,)]


def test_format_date_with_quarter() -> None:
    assert run("SELECT FORMAT_DATE('%Y-Q%Q', DATE '2024-05-02') FROM ds.t LIMIT 1") == [("2024-Q2",)]
    assert run("SELECT FORMAT_DATE('Q%Q', DATE '2024-12-31') FROM ds.t LIMIT 1") == [("Q4",)]


def test_bigquery_functions_run() -> None:
    rows = run(
        "SELECT COUNTIF(EXTRACT(DAYOFWEEK FROM d) IN (1, 7)) AS weekend, "
        "SAFE_DIVIDE(COUNT(*), 0) AS nothing, FORMAT_DATE('%Y-%m', MIN(d)) AS ym FROM ds.t"
    )
    assert rows == [(2, None, "2024-01")]


def test_timestamp_diff_counts_whole_intervals_like_bigquery() -> None:
    rows = run(
        "SELECT TIMESTAMP_DIFF(TIMESTAMP '2024-01-01 12:10:00', TIMESTAMP '2024-01-01 10:50:00', HOUR) AS h, "
        "TIMESTAMP_DIFF(TIMESTAMP '2024-01-03 09:10:00', TIMESTAMP '2024-01-01 10:50:00', DAY) AS d, "
        "DATE_DIFF(DATE '2024-01-03', DATE '2024-01-01', DAY) AS dd, "
        "DATE_DIFF(DATE '2024-02-01', DATE '2024-01-31', MONTH) AS mm FROM ds.t LIMIT 1")
    assert rows == [(1, 1, 2, 1)]  # BigQuery's answers for the same expressions


def test_week_numbers_follow_bigquery() -> None:
    # Expected values are BigQuery's (checked against local-bigquery): WEEK counts Sunday-started
    # weeks with days before the first Sunday in week 0; ISOWEEK is the ISO week.
    rows = run(
        "SELECT EXTRACT(WEEK FROM x) AS w, EXTRACT(WEEK(MONDAY) FROM x) AS wm, EXTRACT(ISOWEEK FROM x) AS iw "
        "FROM UNNEST([DATE '2023-12-31', DATE '2024-01-01', DATE '2024-01-07', DATE '2025-01-05']) AS x ORDER BY x")
    assert rows == [(53, 52, 52), (0, 1, 1), (1, 1, 1), (1, 0, 1)]


def test_date_add_and_sub_stay_dates() -> None:
    rows = run("SELECT DATE_ADD(DATE '2024-01-31', INTERVAL 1 MONTH), DATE_SUB(DATE '2024-03-01', INTERVAL 1 DAY) FROM ds.t LIMIT 1")
    assert rows == [(dt.date(2024, 2, 29), dt.date(2024, 2, 29))]
    assert all(type(v) is dt.date for v in rows[0])
