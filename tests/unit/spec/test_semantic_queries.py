"""Metric queries across tables: many-to-one joins, time grains and cycles, member filters
and date windows, all written by ``metric_sql``; run on DuckDB with rows that a careless
join would drop or double."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pytest

from demoforge.spec.semantic import (
    Dimension,
    DimensionFilter,
    Metric,
    MetricQuery,
    SemanticLayer,
    dimension_members,
    join_path,
    metric_sql,
    query_sql,
    restriction,
    time_source,
)
from demoforge.spec.tables import ColumnSpec, ForeignKey, TableSpec
from demoforge.sql.translate import to_duckdb


def _t(name: str, cols: list[str], fks: list[tuple[str, str, str]] = ()) -> TableSpec:  # type: ignore[assignment]
    return TableSpec(name=name, description=name, grain=name,
                     columns=[ColumnSpec(name=c, type="STRING", description=c) for c in cols],
                     foreign_keys=[ForeignKey(column=a, references_table=b, references_column=c) for a, b, c in fks])


TABLES = [
    _t("stores", ["store_id", "region"]),
    _t("orders", ["order_id", "store_id", "status", "ordered_at"], [("store_id", "stores", "store_id")]),
    _t("order_items", ["item_id", "order_id", "amount", "status"], [("order_id", "orders", "order_id")]),
]
REVENUE = Metric(name="revenue", label="revenue", description="Line amounts.", table="order_items",
                 expression="SUM(amount)", filters=["status != 'void'"], unit="currency", currency="EUR")
REGION = Dimension(name="region", label="region", table="stores", column="region", kind="geography")
ORDER_STATUS = Dimension(name="order_status", label="order status", table="orders", column="status", kind="status")
DAY = Dimension(name="order_day", label="order date", table="orders", column="ordered_at", kind="time",
                grains=["day", "week", "month", "quarter", "year"])
LAYER = SemanticLayer(metrics=[REVENUE], dimensions=[REGION, ORDER_STATUS, DAY])


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    c.execute("CREATE TABLE stores AS SELECT * FROM (VALUES (1, 'North'), (2, 'South')) t(store_id, region)")
    # order 13 names a store that does not exist, order 14 none at all: LEFT JOINs keep them
    c.execute("CREATE TABLE orders AS SELECT * FROM (VALUES "
              "(10, 1, 'ok', TIMESTAMP '2024-12-30 10:00'), (11, 2, 'ok', TIMESTAMP '2025-01-05 09:00'), "
              "(12, 2, 'cancelled', TIMESTAMP '2025-02-01 09:00'), (13, 9, 'ok', TIMESTAMP '2025-03-31 23:00'), "
              "(14, NULL, 'ok', TIMESTAMP '2025-04-01 00:30')) t(order_id, store_id, status, ordered_at)")
    c.execute("CREATE TABLE order_items AS SELECT * FROM (VALUES "
              "(1, 10, 5.0, 'ok'), (2, 10, 7.0, 'ok'), (3, 11, 11.0, 'ok'), (4, 12, 13.0, 'ok'), "
              "(5, 13, 17.0, 'ok'), (6, 14, 19.0, 'ok'), (7, 11, 100.0, 'void')) t(item_id, order_id, amount, status)")
    return c


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cur = con.execute(to_duckdb(sql))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def test_join_path_follows_many_to_one_keys_only() -> None:
    path = join_path(TABLES, "order_items", "stores")
    assert [(child, fk.column) for child, fk in path or []] == [("order_items", "order_id"), ("orders", "store_id")]
    assert join_path(TABLES, "stores", "order_items") is None  # one-to-many would count rows twice
    assert join_path(TABLES, "orders", "orders") == []


def test_a_dimension_two_keys_away_keeps_every_row_and_the_total(con: duckdb.DuckDBPyConnection) -> None:
    whole = _rows(con, metric_sql(REVENUE))[0]["revenue"]
    by_region = _rows(con, metric_sql(REVENUE, by=REGION, tables=TABLES))
    assert whole == 72.0  # the void line is not revenue
    assert {r["region"]: r["revenue"] for r in by_region} == {"North": 12.0, "South": 24.0, None: 36.0}
    assert sum(r["revenue"] for r in by_region) == whole


def test_columns_of_joined_tables_are_qualified_so_equal_names_do_not_clash(con: duckdb.DuckDBPyConnection) -> None:
    sql = metric_sql(REVENUE, by=ORDER_STATUS, tables=TABLES)
    assert "order_items.status != 'void'" in sql and "orders.status AS order_status" in sql
    rows = {r["order_status"]: r["revenue"] for r in _rows(con, sql)}
    assert rows == {"ok": 59.0, "cancelled": 13.0}


@pytest.mark.parametrize("grain", ["day", "week", "month", "quarter", "year"])
def test_every_grain_through_a_time_dimension_sums_to_the_whole(con: duckdb.DuckDBPyConnection, grain: str) -> None:
    rows = _rows(con, metric_sql(REVENUE, grain=grain, tables=TABLES, time=DAY))  # type: ignore[arg-type]
    assert sum(r["revenue"] for r in rows) == 72.0
    starts = [r[f"{grain}_start"] for r in rows]
    assert starts == sorted(starts)
    if grain == "week":  # ISO weeks: 2025-01-05 is the Sunday of the week of Monday 2024-12-30
        assert starts == [dt.date(2024, 12, 30), dt.date(2025, 1, 27), dt.date(2025, 3, 31)]


def test_time_source_is_the_own_column_or_a_reachable_time_dimension() -> None:
    assert time_source(REVENUE) is None
    assert time_source(REVENUE, LAYER, TABLES) == DAY
    with pytest.raises(ValueError, match="no time column"):
        metric_sql(REVENUE, grain="month")


def test_filters_windows_cycles_and_rankings(con: duckdb.DuckDBPyConnection) -> None:
    q = MetricQuery(metric="revenue", by=["region"], where=[DimensionFilter(dimension="order_status", values=["ok"])],
                    since=dt.date(2025, 1, 1), until=dt.date(2025, 4, 1), order="metric_desc", limit=1)
    rows = _rows(con, query_sql(LAYER, TABLES, q))
    assert rows == [{"region": None, "revenue": 17.0}]  # order 13: an unknown store, still counted
    cyc = _rows(con, metric_sql(REVENUE, cycle="month_of_year", tables=TABLES, time=DAY, order="metric_desc"))
    assert cyc[0] == {"month_of_year": 4, "revenue": 19.0} and sum(r["revenue"] for r in cyc) == 72.0
    assert q.triple == ("revenue", "region", None)
    trend = MetricQuery(metric="revenue", grain="month", where=[DimensionFilter(dimension="region", values=["North"])])
    assert trend.triple == ("revenue", "region", "month")  # a member's series is about that dimension
    r = restriction(LAYER, DimensionFilter(dimension="region", op="in", values=["North", "It's"]))
    assert "IN ('North', 'It\\'s')" in metric_sql(REVENUE, where=[r], tables=TABLES)


def test_min_rows_leaves_out_thin_groups(con: duckdb.DuckDBPyConnection) -> None:
    sql = metric_sql(REVENUE, by=REGION, tables=TABLES, min_rows=2)
    assert {r["region"] for r in _rows(con, sql)} == {"North", "South", None}
    sql = metric_sql(REVENUE, by=REGION, tables=TABLES, min_rows=3)
    assert _rows(con, sql) == []


def test_members_come_from_categoricals_booleans_and_lookups() -> None:
    from tests.support.semantic_fixtures import online_shop_spec

    spec = online_shop_spec(orders=500)
    layer = spec.semantic
    assert dimension_members(spec.tables, layer.dimension("channel")) == ["Webshop", "App", "Marktplatz", "Telefon"]
    # orders.shipping_state is a lookup of customers.state
    assert "Bayern" in (dimension_members(spec.tables, layer.dimension("state")) or [])
    assert dimension_members(spec.tables, layer.dimension("order_date")) is None
