"""A trend whose peak is its first or last period says so instead of naming the period
twice ("to 25.7% in Q3 2026, peaking at 25.7% in Q3 2026"), in every offline language."""

from __future__ import annotations

import datetime as dt

import pytest

from demoforge.content.facts import answer_text
from demoforge.content.questions import Plan
from demoforge.language.render import phrasebook
from demoforge.spec.semantic import MetricQuery
from tests.support.semantic_fixtures import online_shop_spec

PLAN = Plan(kind="trend", query=MetricQuery(metric="orders", grain="quarter"), difficulty="simple")
QUARTERS = [dt.date(2025, 1, 1), dt.date(2025, 4, 1), dt.date(2025, 7, 1), dt.date(2025, 10, 1)]


def _answer(values: list[int], lang: str) -> str:
    rows = [{"quarter_start": q, "orders": v} for q, v in zip(QUARTERS, values, strict=True)]
    text = answer_text(PLAN, rows, online_shop_spec(), phrasebook(lang))
    assert text
    return text


@pytest.mark.parametrize(("lang", "last", "first", "middle"), [
    ("en", "its highest in the period", "after peaking at the start", "peaking at"),
    ("de", "so hoch wie nie zuvor", "gleich zu Beginn", "am höchsten war"),
    ("fr", "son plus haut niveau sur la période", "après un pic en début de période", "avec un pic à"),
    ("es", "su máximo del periodo", "tras un máximo al inicio del periodo", "con un máximo"),
])
def test_a_peak_at_either_end_is_named_once(lang: str, last: str, first: str, middle: str) -> None:
    rising = _answer([100, 120, 130, 150], lang)
    assert last in rising and middle not in rising and rising.count("150") == 1
    falling = _answer([150, 120, 130, 100], lang)
    assert first in falling and falling.count("150") == 1
    bump = _answer([100, 170, 130, 150], lang)
    assert middle in bump and "170" in bump
