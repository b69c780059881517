"""Answers and degenerate-result checks are computed from the rows."""

from __future__ import annotations

import datetime as dt
import decimal

from demoforge.content.answers import answer_sentence, degenerate_reason
from demoforge.content.values import json_safe


def test_degenerate_results() -> None:
    assert degenerate_reason([]) == "the query returned no rows"
    assert "NULL" in (degenerate_reason([{"a": None}, {"a": None}]) or "")
    assert "zeros" in (degenerate_reason([{"n": 0, "m": decimal.Decimal(0)}]) or "")
    assert "identical" in (degenerate_reason([{"a": "x", "n": 1}, {"a": "x", "n": 1}]) or "")
    assert degenerate_reason([{"region": "North", "n": 0}]) is None  # a label makes it meaningful
    assert degenerate_reason([{"n": 3}]) is None
    assert degenerate_reason([{"a": "x", "n": 1}, {"a": "y", "n": 1}]) is None


def test_single_value() -> None:
    assert answer_sentence([{"orders": 1500}]) == "Orders: 1,500."
    assert answer_sentence([{"avg_order_value": 123.456, "orders": 10}]) == "Avg order value: 123.46; orders: 10."


def test_ranking_uses_the_order_by_metric() -> None:
    rows = [{"cohort": "2023-Q1", "customers": 33, "churn_rate": 1.0},
            {"cohort": "2024-Q1", "customers": 40, "churn_rate": 0.1}]
    text = answer_sentence(rows, order_by="churn_rate")
    # A rate between 0 and 1 is a fraction: said as a percentage.
    assert text == "2023-Q1 comes first with churn rate of 100.0%, 10.0x the next (2024-Q1, 10.0%); 2 rows in total."


def test_time_series_describes_trend_and_peak() -> None:
    rows = [{"month": dt.date(2024, m, 1), "revenue": v} for m, v in ((1, 10.0), (2, 50.0), (3, 20.0))]
    assert answer_sentence(rows) == (
        "Across 3 periods revenue went from 10 (2024-01-01) to 20 (2024-03-01), "
        "peaking at 50 in 2024-02-01.")  # whole numbers without ".00"


def test_numeric_dimension_is_named() -> None:
    rows = [{"day_of_week": 6, "orders": 300}, {"day_of_week": 2, "orders": 100}]
    assert answer_sentence(rows).startswith("Day of week 6 comes first with orders of 300, 3.0x the next (day of week 2, 100)")


def test_json_safe_values() -> None:
    row = {"d": dt.date(2024, 1, 2), "ts": dt.datetime(2024, 1, 2, 3, tzinfo=dt.UTC),
           "n": decimal.Decimal("2.50"), "i": decimal.Decimal("3"), "f": float("nan"), "b": b"\x00", "l": [decimal.Decimal("1.5")]}
    assert json_safe(row) == {"d": "2024-01-02", "ts": "2024-01-02T03:00:00+00:00", "n": 2.5, "i": 3,
                              "f": None, "b": "AA==", "l": [1.5]}
