"""The engine generates the consistency rules vectorised and exactly: a case holds even
where a planted story set a forbidden value, excluded parents get no children, staff are
of the row's location and hired before it, churned customers stop at their churn date,
per-channel lags differ, closed holidays have no rows, weights and cycles are followed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from demoforge.spec.model import DatasetSpec
from demoforge.synth.generate import generate_dataset
from demoforge.synth.realism import check


def c(name: str, type_: str, gen: dict[str, Any] | None = None, **kw: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "type": type_, "description": f"the {name}"}
    if gen is not None:
        out["generator"] = gen
    return out | kw


def ref(col: str, table: str) -> dict[str, str]:
    return {"column": col, "references_table": table, "references_column": f"{table[:-1]}_id"}


def ts(start: str, end: str, **kw: Any) -> dict[str, Any]:
    return {"kind": "timestamp", "start": start, "end": end, **kw}


SPEC: dict[str, Any] = {
    "name": "rules", "industry": "other", "description": "every rule", "seed": 11, "as_of": "2025-12-31",
    "tables": [
        {"name": "stores", "description": "stores", "grain": "store", "row_count": 4, "primary_key": "store_id",
         "time_column": "opened_on", "columns": [
             c("store_id", "INT64", {"kind": "sequence"}),
             c("size", "INT64", {"kind": "categorical", "values": [1, 1, 6, 2], "cycle": True}),
             c("opened_on", "DATE", ts("2010-01-01", "2012-12-31"))]},
        {"name": "staffs", "description": "staff", "grain": "employee", "row_count": 24, "primary_key": "staff_id",
         "time_column": "hired_on", "foreign_keys": [ref("store_id", "stores")], "columns": [
             c("staff_id", "INT64", {"kind": "sequence"}),
             c("store_id", "INT64", {"kind": "foreign_key", "distribution": "cycle"}),
             c("hired_on", "DATE", ts("2014-01-01", "2025-06-30"))]},
        {"name": "customers", "description": "customers", "grain": "customer", "row_count": 3000, "primary_key": "customer_id",
         "time_column": "signed_up_at", "foreign_keys": [ref("store_id", "stores")], "columns": [
             c("customer_id", "INT64", {"kind": "sequence"}),
             c("store_id", "INT64", {"kind": "foreign_key", "weights_column": "size"}),
             c("signed_up_at", "TIMESTAMP", ts("2023-01-01", "2025-12-31")),
             c("status", "STRING", {"kind": "categorical", "values": ["active", "churned"], "weights": [60, 40]}),
             c("churned_at", "TIMESTAMP", ts("2023-01-01", "2025-12-31", after={"column": "signed_up_at", "mean_hours": 2000}),
               only_when=[{"column": "status", "equals": "churned"}])]},
        {"name": "orders", "description": "orders", "grain": "order", "row_count": 20000, "primary_key": "order_id",
         "time_column": "ordered_at",
         "foreign_keys": [ref("customer_id", "customers"), ref("store_id", "stores"), ref("staff_id", "staffs")], "columns": [
             c("order_id", "INT64", {"kind": "sequence"}),
             c("customer_id", "INT64", {"kind": "foreign_key"}),
             c("ordered_at", "TIMESTAMP", ts("2024-01-01", "2025-12-31", dates=[{"date": "2024-12-25", "factor": 0}],
                                           after={"column": "customer_id", "parent_column": "signed_up_at", "until": "churned_at"})),
             c("store_id", "INT64", {"kind": "foreign_key", "distribution": "zipf", "zipf_a": 0.5}),
             c("staff_id", "INT64", {"kind": "foreign_key", "match": {"column": "store_id", "parent_column": "store_id"},
                                     "started_by": {"column": "ordered_at", "parent_column": "hired_on"}}),
             c("channel", "STRING", {"kind": "categorical", "values": ["store", "web"]}),
             c("status", "STRING", {"kind": "categorical", "values": ["completed", "cancelled"], "weights": [90, 10]})],
         "effects": [{"target": "status", "set_value": "cancelled", "probability": 0.5, "when": [{"column": "channel", "equals": "web"}]}]},
        {"name": "payments", "description": "payments", "grain": "payment", "primary_key": "payment_id", "time_column": "paid_at",
         "children_per_parent": {"foreign_key": "order_id", "distribution": "fixed", "mean": 1},
         "foreign_keys": [ref("order_id", "orders")], "columns": [
             c("payment_id", "INT64", {"kind": "sequence"}),
             c("order_id", "INT64", {"kind": "foreign_key"}),
             c("paid_at", "TIMESTAMP", ts("2024-01-01", "2025-12-31", after={
                 "column": "order_id", "parent_column": "ordered_at", "mean_hours": 10, "by": "channel", "by_via": "order_id",
                 "mean_hours_by": {"store": 0.1, "web": 48}})),
             c("status", "STRING", {"kind": "categorical", "values": ["captured", "failed"], "weights": [95, 5],
                                    "cases": [{"when": [{"column": "status", "via": "order_id", "in_values": ["cancelled"]}],
                                               "values": ["voided", "failed"]}]})],
         # A story that would capture payments of cancelled orders: the case wins.
         "effects": [{"target": "status", "set_value": "captured", "when": [{"column": "paid_at", "months": [3]}]}]},
        {"name": "shipments", "description": "shipments", "grain": "shipment", "primary_key": "shipment_id", "time_column": "shipped_at",
         "children_per_parent": {"foreign_key": "order_id", "distribution": "poisson", "mean": 1.5, "min": 1, "max": 3},
         "foreign_keys": [ref("order_id", "orders")], "columns": [
             c("shipment_id", "INT64", {"kind": "sequence"}),
             c("order_id", "INT64", {"kind": "foreign_key", "exclude_parents": [{"column": "status", "equals": "cancelled"}]}),
             c("shipped_at", "TIMESTAMP", ts("2024-01-01", "2025-12-31", after={"column": "order_id", "parent_column": "ordered_at", "mean_hours": 30}))]},
        {"name": "reviews", "description": "reviews", "grain": "review", "row_count": 4000, "primary_key": "review_id",
         "time_column": "reviewed_at", "foreign_keys": [ref("order_id", "orders")], "columns": [
             c("review_id", "INT64", {"kind": "sequence"}),
             c("order_id", "INT64", {"kind": "foreign_key", "exclude_parents": [{"column": "status", "equals": "cancelled"}]}),
             c("reviewed_at", "TIMESTAMP", ts("2024-01-01", "2025-12-31", after={"column": "order_id", "parent_column": "ordered_at", "mean_hours": 90})),
             c("rating", "INT64", {"kind": "numeric", "distribution": "uniform", "low": 1, "high": 5}),
             c("review_text", "STRING", {"kind": "text", "templates": ["It was {m}."], "slots": {"m": ["fine", "okay"]},
                                        "cases": [{"when": [{"column": "rating", "max": 2}], "templates": ["Bad {x}."], "slots": {"x": ["service", "quality"]}},
                                                  {"when": [{"column": "rating", "min": 4}], "templates": ["Great!"]}]})]},
    ],
}


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> tuple[DatasetSpec, Path, duckdb.DuckDBPyConnection]:
    spec = DatasetSpec.model_validate(SPEC)
    out = tmp_path_factory.mktemp("rules")
    generate_dataset(spec, out, chunk_rows=4096)  # several chunks: rules hold across chunk edges
    con = duckdb.connect()
    for t in spec.tables:
        con.execute(f"CREATE VIEW {t.name} AS SELECT * FROM '{out}/{t.name}.parquet'")
    return spec, out, con


def one(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    row = con.execute(sql).fetchone()
    assert row is not None
    return row[0]


def test_every_realism_check_passes(data: tuple[DatasetSpec, Path, duckdb.DuckDBPyConnection]) -> None:
    spec, out, _ = data
    results = check(spec, out, queries=False)
    kinds = {r.name.split(":")[0] for r in results}
    assert {"case", "text_case", "only_when", "exclude", "match", "started", "until", "repeat", "status_flow",
            "staff_location", "time_order", "churn", "run_date"} <= kinds
    failed = [r for r in results if not r.passed]
    assert not failed, failed


def test_cases_beat_stories(data: tuple[DatasetSpec, Path, duckdb.DuckDBPyConnection]) -> None:
    _, _, con = data
    bad = one(con, "SELECT COUNT(*) FROM payments p JOIN orders o USING (order_id) WHERE o.status = 'cancelled' AND p.status = 'captured'")
    voided = one(con, "SELECT COUNT(*) FROM payments p JOIN orders o USING (order_id) WHERE o.status = 'cancelled' AND p.status = 'voided'")
    march = one(con, "SELECT COUNT(*) FROM payments p JOIN orders o USING (order_id) WHERE o.status = 'completed' AND month(p.paid_at) = 3 AND p.status != 'captured'")
    assert bad == 0 and voided > 500 and march == 0  # the story still applies where it may


def test_no_children_under_excluded_parents(data: tuple[DatasetSpec, Path, duckdb.DuckDBPyConnection]) -> None:
    _, _, con = data
    assert one(con, "SELECT COUNT(*) FROM shipments s JOIN orders o USING (order_id) WHERE o.status = 'cancelled'") == 0
    assert one(con, "SELECT COUNT(*) FROM reviews r JOIN orders o USING (order_id) WHERE o.status = 'cancelled'") == 0
    per = one(con, "SELECT AVG(n) FROM (SELECT order_id, COUNT(*) n FROM shipments GROUP BY 1)")
    assert 1.5 < per < 2.2  # poisson(1.5) clipped to 1..3 among the orders that ship


def test_staff_belong_to_the_store_and_were_hired_before(data: tuple[DatasetSpec, Path, duckdb.DuckDBPyConnection]) -> None:
    _, _, con = data
    assert one(con, "SELECT COUNT(*) FROM orders o JOIN staffs s USING (staff_id) WHERE s.store_id != o.store_id") == 0
    assert one(con, "SELECT COUNT(*) FROM orders o JOIN staffs s USING (staff_id) WHERE CAST(o.ordered_at AS DATE) < s.hired_on") == 0
    assert one(con, "SELECT COUNT(DISTINCT staff_id) FROM orders") > 15  # not one person per store


def test_churned_customers_stop_and_only_they_have_a_churn_date(data: tuple[DatasetSpec, Path, duckdb.DuckDBPyConnection]) -> None:
    _, _, con = data
    assert one(con, "SELECT COUNT(*) FROM customers WHERE churned_at IS NOT NULL AND status <> 'churned'") == 0
    # A churned customer without a churn date is one whose churn (months after the sign-up)
    # is not due by the run date: few, and recent sign-ups (timestamps.pending).
    row = con.execute(
        "SELECT AVG(CASE WHEN churned_at IS NULL THEN 1 ELSE 0 END), MEDIAN(signed_up_at) FILTER (WHERE churned_at IS NULL), "
        "MEDIAN(signed_up_at) FILTER (WHERE churned_at IS NOT NULL) FROM customers WHERE status = 'churned'").fetchone()
    assert row is not None
    pending, late_signup, dated_signup = row
    assert pending < 0.15 and (late_signup - dated_signup).days > 180
    assert one(con, "SELECT COUNT(*) FROM orders o JOIN customers c USING (customer_id) WHERE o.ordered_at > c.churned_at") == 0
    assert one(con, "SELECT COUNT(*) FROM orders o JOIN customers c USING (customer_id) WHERE o.ordered_at < c.signed_up_at") == 0


def test_lags_differ_per_channel_and_holidays_are_closed(data: tuple[DatasetSpec, Path, duckdb.DuckDBPyConnection]) -> None:
    _, _, con = data
    lag = dict(con.execute("SELECT o.channel, AVG(epoch(p.paid_at) - epoch(o.ordered_at)) / 3600 FROM payments p "
                           "JOIN orders o USING (order_id) WHERE o.status = 'completed' GROUP BY 1").fetchall())
    assert lag["store"] < 1 and 30 < lag["web"] < 70
    assert one(con, "SELECT COUNT(*) FROM orders WHERE CAST(ordered_at AS DATE) = DATE '2024-12-25'") == 0


def test_weights_and_cycles_are_followed(data: tuple[DatasetSpec, Path, duckdb.DuckDBPyConnection]) -> None:
    _, _, con = data
    share = dict(con.execute("SELECT store_id, COUNT(*) / 3000 FROM customers GROUP BY 1").fetchall())
    assert 0.5 < share[3] < 0.7 and share[1] < 0.15  # weights 1, 1, 6, 2
    assert {r[0] for r in con.execute("SELECT COUNT(*) FROM staffs GROUP BY store_id").fetchall()} == {6}


def test_review_text_agrees_with_the_rating(data: tuple[DatasetSpec, Path, duckdb.DuckDBPyConnection]) -> None:
    _, _, con = data
    rows = con.execute("SELECT rating, review_text FROM reviews").fetchall()
    assert all(t.startswith("Bad ") for r, t in rows if r <= 2)
    assert all(t == "Great!" for r, t in rows if r >= 4)
    assert all(t.startswith("It was ") for r, t in rows if r == 3)
