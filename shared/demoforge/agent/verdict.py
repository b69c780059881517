"""Judging the agent's answer to one golden question (pure code, no SDK).

The agent answers in its own words, with its own column names and order, and the API
returns numbers as floats (``google.protobuf.Struct`` has one number type), sometimes
as strings. So results are compared by *values*: each row of the golden result must
find a row of the agent's result that contains all its values (numbers within the
golden value's rounding), regardless of column names and row order.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import math
import re
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from demoforge.agent.types import ChatOutcome
from demoforge.domain.results import GoldenQuery

Match = Literal["match", "partial", "mismatch"]
Verdict = Literal[
    "passed", "partial", "data_mismatch", "answered_no_data", "no_final_answer",
    "no_answer", "error", "skipped",
]
_DIFFICULTY = {"simple": 0, "medium": 1, "hard": 2, "expert": 3}
_NUM = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]00:00:00(\.0+)?(Z|[+-]00:?00| UTC)?$")
_TS_SUFFIX = re.compile(r"(Z|[+-]00:?00| UTC)$")


class AgentTest(BaseModel):
    """The test verdict stored in the job document (small: excerpts only)."""

    model_config = ConfigDict(extra="forbid")
    verdict: Verdict
    mode: Literal["cloud", "local_check", "none"]
    question: str = ""
    answered: bool = False
    has_data: bool = False
    data_match: Match | None = None
    detail: str = ""
    conversation: str | None = None
    rows: int = 0
    expected_rows: int = 0
    answer_excerpt: str = ""
    generated_sql: str = ""
    errors: list[str] = Field(default_factory=list)
    seconds: float = 0.0


def pick_test_query(golden: Sequence[GoldenQuery]) -> GoldenQuery | None:
    """The passed query whose full result is known (the preview holds every row), simplest
    and smallest first: the test checks the wiring end to end, and a complete small result
    can be compared exactly."""
    usable = [q for q in golden if q.status == "passed" and q.preview]
    if not usable:
        return None
    complete = [q for q in usable if 0 < q.row_count <= len(q.preview)] or usable
    ranked = sorted(
        enumerate(complete),
        key=lambda iq: (_DIFFICULTY.get(iq[1].difficulty, 9), iq[1].row_count, iq[0]),
    )
    return ranked[0][1]


def _norm(v: Any) -> tuple[str, Any]:
    if v is None:
        return ("null", None)
    if isinstance(v, bool):
        return ("bool", v)
    if isinstance(v, int | float | decimal.Decimal):
        return ("num", float(v))
    if isinstance(v, dt.datetime):
        v = v.isoformat(sep=" ")
    elif isinstance(v, dt.date):
        v = v.isoformat()
    if isinstance(v, dict | list):
        return ("str", json.dumps(v, sort_keys=True, default=str))
    s = str(v).strip()
    if _NUM.match(s):
        return ("num", float(s))
    if s.lower() in ("true", "false"):
        return ("bool", s.lower() == "true")
    m = _MIDNIGHT.match(s)
    if m:
        return ("str", m.group(1))
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", s):
        s = _TS_SUFFIX.sub("", s.replace("T", " "))
        s = re.sub(r"\.0+$", "", s)
    return ("str", s.casefold())


def _decimals(v: Any) -> int:
    """How many decimals the golden value was given with (its rounding tolerance)."""
    if isinstance(v, int) and not isinstance(v, bool):
        return 0
    s = repr(v) if isinstance(v, float) else str(v).strip()
    if "e" in s.lower() or "." not in s:
        return 0 if "e" not in s.lower() else 6
    return min(len(s.split(".", 1)[1]), 6)


def _same(expected: Any, actual: Any) -> bool:
    e, a = _norm(expected), _norm(actual)
    if e[0] == "num" and a[0] == "num":
        tol = 0.5 * 10 ** -_decimals(expected)
        return math.isclose(e[1], a[1], rel_tol=1e-6, abs_tol=tol)
    return e == a


def _row_contains(expected: dict[str, Any], actual: dict[str, Any]) -> bool:
    pool = list(actual.values())
    for ev in expected.values():
        for i, av in enumerate(pool):
            if _same(ev, av):
                del pool[i]
                break
        else:
            return False
    return True


def compare_rows(
    expected: Sequence[dict[str, Any]], expected_total: int, actual: Sequence[dict[str, Any]]
) -> tuple[Match, str]:
    """Compare the golden result (``expected``: its preview; ``expected_total``: its full
    row count) with the agent's rows."""
    if not expected:
        return "mismatch", "the golden query has no result to compare with"
    remaining = list(actual)
    found = 0
    for row in expected:
        for i, arow in enumerate(remaining):
            if _row_contains(row, arow):
                del remaining[i]
                found += 1
                break
    complete = expected_total <= len(expected)
    detail = f"{found}/{len(expected)} golden rows found in {len(actual)} agent rows"
    if found == len(expected) and (not complete or len(actual) == len(expected)):
        return "match", detail
    if found == len(expected) or found * 2 >= len(expected):
        return "partial", detail
    return "mismatch", detail


def judge(outcome: ChatOutcome, golden: GoldenQuery) -> AgentTest:
    data_match: Match | None = None
    detail = ""
    if outcome.has_data:
        data_match, detail = compare_rows(golden.preview, golden.row_count, outcome.rows)
    verdict: Verdict
    if not outcome.answered and not outcome.has_data:
        verdict = "error" if outcome.errors else "no_answer"
    elif not outcome.has_data:
        verdict = "answered_no_data"
    elif data_match == "mismatch":
        verdict = "data_mismatch"
    elif not outcome.answered:
        verdict = "no_final_answer"
    else:
        verdict = "passed" if data_match == "match" else "partial"
    return AgentTest(
        verdict=verdict,
        mode=outcome.mode,
        question=golden.question,
        answered=outcome.answered,
        has_data=outcome.has_data,
        data_match=data_match,
        detail=detail,
        conversation=outcome.conversation,
        rows=len(outcome.rows),
        expected_rows=golden.row_count,
        answer_excerpt=outcome.final_text.strip()[:500],
        generated_sql=outcome.generated_sql.strip()[:1500],
        errors=[e[:300] for e in outcome.errors[:3]],
        seconds=round(outcome.seconds, 2),
    )


def skipped(reason: str) -> AgentTest:
    return AgentTest(verdict="skipped", mode="none", detail=reason)
