"""The semantic layer: metric definitions become SQL in one place, and every reference is
checked against the spec's tables."""

from __future__ import annotations

import copy
from typing import Any

import duckdb
import pytest
from pydantic import ValidationError

from demoforge.spec.issues import issues_of
from demoforge.spec.model import DatasetSpec
from demoforge.spec.semantic import (
    Dimension,
    Metric,
    SemanticLayer,
    metric_sql,
    referenced_columns,
)
from demoforge.sql.translate import to_duckdb
from tests.unit.synth.conftest import every_generator_dict

REVENUE = Metric(name="revenue", label="revenue", description="Paid order value.",
                 table="orders", expression="SUM(amount)",
                 filters=["status NOT IN ('cancelled', 'voided')"], time_column="ordered_at",
                 unit="currency", currency="EUR", format="currency")
STATUS = Dimension(name="status", label="order status", table="orders", column="status",
                   kind="status")


def _spec(semantic: SemanticLayer) -> dict[str, Any]:
    d = copy.deepcopy(every_generator_dict())  # orders has amount, status and ordered_at
    d["semantic"] = semantic.model_dump()
    return d


def test_referenced_columns_skip_functions_keywords_and_literals() -> None:
    assert referenced_columns("SUM(amount) / NULLIF(COUNT(DISTINCT order_id), 0)") == {
        "amount", "order_id"}
    assert referenced_columns("status NOT IN ('cancelled', 'voided') AND paid IS TRUE") == {
        "status", "paid"}


def test_metric_sql_applies_the_definition_at_every_grain() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE orders AS SELECT * FROM (VALUES "
                "(1, 10.0, 'paid', TIMESTAMP '2025-01-05'), (2, 5.0, 'cancelled', TIMESTAMP '2025-01-06'),"
                "(3, 7.0, 'paid', TIMESTAMP '2025-02-01')) t(order_id, amount, status, ordered_at)")
    whole = con.execute(to_duckdb(metric_sql(REVENUE))).fetchall()[0][0]
    monthly = con.execute(to_duckdb(metric_sql(REVENUE, grain="month"))).fetchall()
    yearly = con.execute(to_duckdb(metric_sql(REVENUE, grain="year"))).fetchall()
    assert whole == 17.0  # the cancelled order is not revenue
    assert sum(r[1] for r in monthly) == whole == sum(r[1] for r in yearly)
    by_status = con.execute(to_duckdb(metric_sql(REVENUE, by=STATUS))).fetchall()
    assert by_status == [("paid", 17.0)]


def test_a_valid_layer_is_accepted() -> None:
    spec = DatasetSpec.model_validate(_spec(SemanticLayer(metrics=[REVENUE], dimensions=[STATUS])))
    assert spec.semantic.metric("revenue").currency == "EUR"


@pytest.mark.parametrize(("change", "needle"), [
    ({"expression": "SUM(price)"}, "column 'price'"),
    ({"table": "invoices"}, "unknown table 'invoices'"),
    ({"time_column": "paid_at"}, "time column 'paid_at'"),
    ({"currency": None}, "give its currency"),
    ({"filters": ["state = 'x'"]}, "column 'state'"),
])
def test_bad_references_are_refused_naming_metric_and_column(change: dict[str, Any], needle: str) -> None:
    bad = REVENUE.model_copy(update=change)
    with pytest.raises(ValidationError) as e:
        DatasetSpec.model_validate(_spec(SemanticLayer(metrics=[bad])))
    issues = issues_of(e.value)
    assert issues and all(i.kind == "semantic" for i in issues)
    assert any(needle in i.message and "revenue" in i.message for i in issues)


def test_a_dimension_on_another_table_cannot_slice_a_metric() -> None:
    other = STATUS.model_copy(update={"table": "customers"})
    with pytest.raises(ValueError, match="not on orders"):
        metric_sql(REVENUE, by=other)
