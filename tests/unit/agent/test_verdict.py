"""Judging the agent's answer: value-based row comparison (floats, own column names, any
order), the verdicts, and which golden question is used for the test."""

from __future__ import annotations

import datetime as dt
import decimal

import pytest

from demoforge.agent.types import ChatOutcome
from demoforge.agent.verdict import compare_rows, judge, pick_test_query
from demoforge.domain.results import GoldenQuery

GOLDEN_ROWS = [
    {"region": "North", "revenue": 1234.56, "orders": 17},
    {"region": "South", "revenue": 987.1, "orders": 9},
]


def _gq(rows: list[dict], total: int | None = None, **kw: object) -> GoldenQuery:
    args: dict = dict(question="Revenue by region?", sql="SELECT 1", status="passed",
                      row_count=len(rows) if total is None else total, preview=rows)
    args.update(kw)
    return GoldenQuery(**args)


def test_floats_other_names_and_order_still_match() -> None:
    agent = [
        {"orders_count": 9.0, "total_revenue": 987.1, "sales_region": "south"},
        {"orders_count": 17.0, "total_revenue": 1234.5649, "sales_region": "North"},
    ]
    assert compare_rows(GOLDEN_ROWS, 2, agent)[0] == "match"


def test_numbers_as_strings_decimals_and_dates_match() -> None:
    golden = [{"month": "2024-01-01", "n": decimal.Decimal("3"), "at": dt.datetime(2024, 1, 2, 3, 4)}]
    agent = [{"m": "2024-01-01T00:00:00Z", "count": "3", "ts": "2024-01-02T03:04:00Z"}]
    assert compare_rows(golden, 1, agent)[0] == "match"


@pytest.mark.parametrize(
    ("agent", "expected"),
    [
        ([{"r": "North", "v": 1234.56, "o": 17.0}, {"r": "South", "v": 999.0, "o": 9.0}], "partial"),
        ([{"r": "North", "v": 1234.56, "o": 17.0}, {"r": "South", "v": 987.1, "o": 9.0},
          {"r": "East", "v": 1.0, "o": 1.0}], "partial"),
        ([{"r": "North", "v": 1240.0, "o": 17.0}, {"r": "South", "v": 980.0, "o": 9.0}], "mismatch"),
        ([{"r": "North", "v": 1234.56}], "mismatch"),  # a golden value is missing entirely
        ([], "mismatch"),
    ],
)
def test_wrong_or_extra_data_is_not_a_match(agent: list[dict], expected: str) -> None:
    assert compare_rows(GOLDEN_ROWS, 2, agent)[0] == expected


def test_truncated_golden_preview_matches_when_all_preview_rows_are_found() -> None:
    agent = [{"r": f"R{i}", "v": float(i)} for i in range(50)]
    preview = [{"region": f"R{i}", "value": i} for i in range(20)]
    assert compare_rows(preview, 50, agent)[0] == "match"
    assert compare_rows(preview, 20, agent)[0] == "partial"  # complete golden, extra agent rows


def _outcome(**kw: object) -> ChatOutcome:
    args: dict = dict(mode="cloud", question="Revenue by region?")
    args.update(kw)
    return ChatOutcome(**args)


AGENT_OK = [{"a": "North", "b": 1234.56, "c": 17.0}, {"a": "South", "b": 987.1, "c": 9.0}]


@pytest.mark.parametrize(
    ("outcome", "verdict"),
    [
        (_outcome(final_text="North leads.", rows=AGENT_OK), "passed"),
        (_outcome(final_text="North leads.", rows=AGENT_OK[:1]), "partial"),
        (_outcome(final_text="North leads.", rows=[{"a": "West", "b": 1.0}]), "data_mismatch"),
        (_outcome(final_text="North leads."), "answered_no_data"),
        (_outcome(rows=AGENT_OK), "no_final_answer"),
        (_outcome(), "no_answer"),
        (_outcome(errors=["quota"]), "error"),
    ],
)
def test_verdicts(outcome: ChatOutcome, verdict: str) -> None:
    t = judge(outcome, _gq(GOLDEN_ROWS))
    assert t.verdict == verdict
    assert t.answered == bool(outcome.final_text)
    assert t.has_data == bool(outcome.rows)


def test_verdict_is_small_enough_for_the_job_document() -> None:
    t = judge(_outcome(final_text="x" * 50_000, generated_sql="y" * 50_000,
                       errors=["e" * 5000] * 10, rows=AGENT_OK), _gq(GOLDEN_ROWS))
    assert len(t.model_dump_json()) < 4000


def test_pick_prefers_simple_small_complete_results() -> None:
    qs = [
        _gq([{"x": 1}] * 20, total=500, question="big simple", difficulty="simple"),
        _gq([{"x": 1}], question="one-row medium", difficulty="medium"),
        _gq([{"x": 1}] * 3, question="three-row simple", difficulty="simple"),
        _gq([{"x": 1}], question="failed simple", difficulty="simple", status="failed"),
        _gq([], total=0, question="empty simple", difficulty="simple"),
    ]
    assert pick_test_query(qs).question == "three-row simple"  # type: ignore[union-attr]
    assert pick_test_query(qs[:1]).question == "big simple"  # type: ignore[union-attr]
    assert pick_test_query(qs[3:]) is None
