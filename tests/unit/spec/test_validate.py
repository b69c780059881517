"""Structured spec validation: issues carry kind, table and column, are rendered to text
only by ``str``, and rules that used to be skipped when a table had any other error (the
column-cycle check) always run."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from demoforge.spec.issues import SpecInvalid, SpecIssue, issues_of, render
from demoforge.spec.model import DatasetSpec
from tests.unit.synth.conftest import every_generator_dict


def _col(d: dict[str, Any], table: str, col: str) -> dict[str, Any]:
    t = next(t for t in d["tables"] if t["name"] == table)
    return next(c for c in t["columns"] if c["name"] == col)


def _issues(d: dict[str, Any]) -> list[SpecIssue]:
    with pytest.raises(ValidationError) as err:
        DatasetSpec.model_validate(d)
    issues = issues_of(err.value)
    assert issues, str(err.value)
    assert render(issues) in str(err.value)  # the text people and Claude read
    return issues


def _cyclic() -> dict[str, Any]:
    """orders.amount reads orders.total, which reads amount."""
    d = copy.deepcopy(every_generator_dict())
    _col(d, "orders", "amount")["generator"] = {"kind": "derived", "expression": "total / items"}
    return d


def test_a_column_cycle_is_refused_naming_table_and_columns() -> None:
    (issue,) = _issues(_cyclic())
    assert issue.kind == "column_cycle" and issue.table == "orders"
    assert issue.column in ("amount", "total")
    assert "amount -> total -> amount" in str(issue) or "total -> amount -> total" in str(issue)
    assert str(issue).startswith(f"table 'orders' column {issue.column!r}: columns depend on each other")


def test_a_column_cycle_is_refused_next_to_other_column_errors() -> None:
    # Before structured issues, any error text containing "column" skipped the cycle check,
    # so a repair round fixed the other error and only then met the cycle.
    d = _cyclic()
    _col(d, "orders", "note")["description"] = " "
    kinds = {(i.kind, i.column) for i in _issues(d)}
    assert ("description", "note") in kinds
    assert any(kind == "column_cycle" for kind, _ in kinds), kinds


def test_a_timestamp_cycle_is_refused() -> None:
    d = copy.deepcopy(every_generator_dict())
    _col(d, "orders", "ordered_at")["generator"]["after"] = {"column": "order_date"}
    issues = [i for i in _issues(d) if i.kind == "column_cycle"]
    assert issues and issues[0].table == "orders"
    assert "order_date" in issues[0].message and "ordered_at" in issues[0].message


@pytest.mark.parametrize(("expression", "why"), [
    ("round(quantity, quantity)", "whole number"),
    ("round(quantity, 2.5)", "whole number"),
    ("round(quantity, 1, 2)", "takes 1 or 2 argument(s), not 3"),
    ("min(quantity)", "takes 2 argument(s), not 1"),
    ("max(quantity, 1, 2)", "takes 2 argument(s), not 3"),
    ("abs(x=quantity)", "no keyword arguments"),
    ("floor + 1", "as a value"),
])
def test_expression_arguments_are_type_checked_at_validation(expression: str, why: str) -> None:
    d = copy.deepcopy(every_generator_dict())
    orders = next(t for t in d["tables"] if t["name"] == "orders")
    orders["columns"].append({"name": "quantity", "type": "INT64", "description": "units",
                              "generator": {"kind": "numeric", "distribution": "poisson", "mean": 2}})
    _col(d, "orders", "total")["generator"]["expression"] = expression
    (issue,) = _issues(d)
    assert (issue.kind, issue.table, issue.column) == ("expression", "orders", "total")
    assert why in issue.message


def test_issue_locations_render_like_the_rules_read() -> None:
    assert str(SpecIssue("spec", None, None, "add at least one table")) == "spec: add at least one table"
    assert str(SpecIssue("size", "orders", None, "too big")) == "table 'orders': too big"
    assert str(SpecIssue("name", "orders", "select", "reserved")) == "table 'orders' column 'select': reserved"
    effect = SpecIssue("effect", "orders", "amount", "no", effect=2)
    assert str(effect) == "table 'orders' column 'amount' (effect 2): no"
    assert str(SpecIssue("golden_query", None, None, "bad", query=3)) == "golden query 3: bad"
    invalid = SpecInvalid([effect])
    assert invalid.issues == (effect,) and str(invalid) == "1 problem(s) in dataset spec:\n- " + str(effect)


def test_issues_are_structured_for_every_rule() -> None:
    d = copy.deepcopy(every_generator_dict())
    _col(d, "orders", "status")["name"] = "select"
    next(t for t in d["tables"] if t["name"] == "orders")["effects"][0]["when"][0]["column"] = "nope"
    d["golden_queries"] = [{"question": "q", "sql": "SELECT 1", "difficulty": "simple", "pattern": "nope"}]
    found = {(i.kind, i.table, i.column, i.effect, i.query) for i in _issues(d)}
    assert ("name", "orders", "select", None, None) in found
    assert ("reference", "orders", "amount", 1, None) in found  # the condition reads "nope" via customer_id
    assert ("golden_query", None, None, None, 1) in found


def test_pydantic_shape_errors_carry_no_spec_issues() -> None:
    d = copy.deepcopy(every_generator_dict())
    d["tables"][0]["surprise"] = 1  # refused by pydantic before the spec rules run
    with pytest.raises(ValidationError) as err:
        DatasetSpec.model_validate(d)
    assert issues_of(err.value) == []


def test_a_self_reference_needs_a_sequence_key_even_by_default() -> None:
    # A STRING key without a generator defaults to uuid; the engine cannot point a
    # self-reference at an earlier row's uuid, which used to fail mid-generation.
    columns: list[dict[str, Any]] = [{"name": "staff_id", "type": "STRING", "description": "id"},
                                     {"name": "manager_id", "type": "STRING", "description": "manager"}]
    d = {"name": "x", "industry": "other", "description": "d", "tables": [{
        "name": "staff", "description": "s", "grain": "g", "row_count": 10, "primary_key": "staff_id",
        "foreign_keys": [{"column": "manager_id", "references_table": "staff", "references_column": "staff_id"}],
        "columns": columns}]}
    (issue,) = _issues(d)
    assert (issue.kind, issue.table, issue.column) == ("foreign_key", "staff", "manager_id")
    assert "self-reference needs a 'sequence' primary key" in issue.message
    columns[0]["generator"] = {"kind": "sequence", "prefix": "E-"}
    DatasetSpec.model_validate(d)
