"""Consistency rules in the spec: a spec whose tables could contradict each other is
refused before generation with a message naming the tables and columns, and rules that
read what does not exist are refused too. Each test removes one rule from a real shape."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

from demoforge.spec.issues import issues_of
from demoforge.spec.model import DatasetSpec
from demoforge.synth.templates import get_template

AS_OF = dt.date(2026, 12, 1)


def shape(name: str) -> dict[str, Any]:
    return get_template(name, as_of=AS_OF).model_dump(mode="json")


def table(d: dict[str, Any], name: str) -> dict[str, Any]:
    return next(t for t in d["tables"] if t["name"] == name)


def column(d: dict[str, Any], t: str, c: str) -> dict[str, Any]:
    return next(x for x in table(d, t)["columns"] if x["name"] == c)


def refused(d: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationError) as e:
        DatasetSpec.model_validate(d)
    return [str(i) for i in issues_of(e.value)]


def _no_payment_case(d: dict[str, Any]) -> None:
    column(d, "payments", "status")["generator"]["cases"] = []


def _shipments_under_cancelled(d: dict[str, Any]) -> None:
    column(d, "shipments", "order_id")["generator"] = {"kind": "foreign_key"}


def _no_churn_end(d: dict[str, Any]) -> None:
    column(d, "orders", "ordered_at")["generator"]["after"].pop("until")


def _orders_before_signup(d: dict[str, Any]) -> None:
    column(d, "orders", "ordered_at")["generator"].pop("after")


def _reviews_ignore_rating(d: dict[str, Any]) -> None:
    column(d, "reviews", "review_text")["generator"]["cases"] = []


def _refund_for_anything(d: dict[str, Any]) -> None:
    column(d, "payments", "refunded_at").pop("only_when")


def _past_the_run_date(d: dict[str, Any]) -> None:
    column(d, "reviews", "reviewed_at")["generator"]["end"] = "2027-03-01"


@pytest.mark.parametrize("mutate,expected", [
    (_no_payment_case, ["table 'payments' column 'status'", "orders row whose status is ['cancelled']", "'captured'"]),
    (_shipments_under_cancelled, ["table 'shipments' column 'order_id'", "exclude_parents"]),
    (_no_churn_end, ["table 'orders' column 'ordered_at'", "customers.churned_at", "until"]),
    (_orders_before_signup, ["table 'orders' column 'ordered_at'", "customers.signed_up_at"]),
    (_reviews_ignore_rating, ["table 'reviews' column 'review_text'", "'rating'"]),
    (_refund_for_anything, ["table 'payments' column 'refunded_at'", "only_when"]),
    (_past_the_run_date, ["table 'reviews' column 'reviewed_at'", "run date 2026-12-01"]),
])
def test_online_shop_without_a_rule_is_refused(mutate: Callable[[dict[str, Any]], None], expected: list[str]) -> None:
    d = shape("retail.online_shop")
    DatasetSpec.model_validate(d)  # as built: valid
    mutate(d)
    messages = "\n".join(refused(d))
    for part in expected:
        assert part in messages, (part, messages)


def test_staff_of_another_store_is_refused() -> None:
    d = shape("retail.store_chain")
    column(d, "orders", "employee_id")["generator"].pop("match")
    messages = "\n".join(refused(d))
    assert "table 'orders' column 'employee_id'" in messages
    assert "employees.store_id" in messages and "match" in messages


def test_staff_hired_after_the_order_is_refused() -> None:
    d = shape("retail.store_chain")
    column(d, "orders", "employee_id")["generator"].pop("started_by")
    column(d, "employees", "hired_on")["generator"]["end"] = "2026-11-01"  # hires during the window
    messages = "\n".join(refused(d))
    assert "orders.ordered_at can precede employees.hired_on" in messages


def test_claim_payments_under_denied_claims_are_refused() -> None:
    d = shape("insurance.pet")
    column(d, "claim_payments", "claim_id")["generator"] = {"kind": "foreign_key"}
    messages = "\n".join(refused(d))
    assert "table 'claim_payments' column 'claim_id'" in messages and "denied" in messages


@pytest.mark.parametrize("mutate,where,what", [
    (lambda d: column(d, "payments", "status")["generator"]["cases"][0]["when"][0].update(column="nope"),
     "table 'payments' column 'status'", "'orders' has no column 'nope'"),
    (lambda d: column(d, "payments", "status")["generator"]["cases"][0].update(values=[1]),
     "table 'payments' column 'status'", "not STRING values"),
    (lambda d: column(d, "customers", "churned_at")["only_when"][0].update(equals=3),
     "table 'customers' column 'churned_at'", "not a STRING value"),
    (lambda d: column(d, "orders", "ordered_at")["generator"]["after"].update(until="status"),
     "table 'orders' column 'ordered_at'", "DATE/TIMESTAMP column of the parent"),
    (lambda d: column(d, "customers", "place_id")["generator"].update(weights_column="city"),
     "table 'customers' column 'place_id'", "numeric column"),
    (lambda d: column(d, "shipments", "shipped_at")["generator"]["after"].update(by="nope"),
     "table 'shipments' column 'shipped_at'", "after.by 'nope'"),
    (lambda d: table(d, "orders").update(time_column="status"),
     "table 'orders' column 'status'", "time_column must be a DATE/TIMESTAMP"),
])
def test_rules_that_read_nothing_are_refused(mutate: Callable[[dict[str, Any]], None], where: str, what: str) -> None:
    d = shape("retail.online_shop")
    mutate(d)
    messages = "\n".join(refused(d))
    assert where in messages and what in messages, messages


def test_match_and_started_by_are_checked() -> None:
    d = shape("retail.store_chain")
    column(d, "orders", "employee_id")["generator"]["match"]["parent_column"] = "role"
    messages = "\n".join(refused(d))
    assert "match compares orders.store_id (INT64) with employees.role (STRING)" in messages
