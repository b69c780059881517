"""A one-sentence answer computed from a query result, and the degenerate-result check.

The sentence is built from the rows the warehouse returned (the first row is the
headline because golden queries order their result), so the demo script and the sample
Q&A quote real numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from demoforge.content.values import fmt, is_number, label

Rows = Sequence[dict[str, Any]]


def degenerate_reason(rows: Rows) -> str | None:
    """Why a result is not worth showing, or None if it is fine."""
    if not rows:
        return "the query returned no rows"
    values = [v for r in rows for v in r.values()]
    if all(v is None for v in values):
        return "every value in the result is NULL"
    numbers = [v for v in values if is_number(v)]
    if len(rows) == 1 and numbers and all(float(v) == 0 for v in numbers) and len(numbers) == len(
        [v for v in values if v is not None]
    ):
        return "the single result row is all zeros"
    if len(rows) > 1:
        first = tuple(rows[0].values())
        if all(tuple(r.values()) == first for r in rows[1:]):
            return "every result row is identical"
    return None


def _is_time(v: Any) -> bool:
    if isinstance(v, dt.date):
        return True
    return isinstance(v, str) and len(v) >= 7 and v[:4].isdigit() and v[4:5] == "-"


def _columns(rows: Rows) -> tuple[list[str], list[str]]:
    cols = list(rows[0].keys())
    numeric = [c for c in cols if any(is_number(r.get(c)) for r in rows)
               and all(r.get(c) is None or is_number(r.get(c)) for r in rows)]
    dims = [c for c in cols if c not in numeric]
    if not dims and len(numeric) >= 2:
        # e.g. (day_of_week, orders): the leading number is the dimension.
        dims, numeric = numeric[:1], numeric[1:]
    return dims, numeric


def answer_sentence(rows: Rows, order_by: str | None = None) -> str:
    """One sentence that answers the question from ``rows`` (assumed non-empty).

    ``order_by``: the result column the query sorts on first; it is the metric the
    question is about (a ranking by churn rate is about churn rate, not head count).
    """
    if not rows:
        return "No rows matched."
    dims, numeric = _columns(rows)
    if order_by in numeric:
        numeric.remove(order_by)
        numeric.insert(0, order_by)
    elif order_by in dims:
        dims.remove(order_by)
        dims.insert(0, order_by)
    first = rows[0]
    n = len(rows)
    if n == 1:
        text = "; ".join(f"{label(c)}: {fmt(first[c])}" for c in list(first)[:4])
        return text[:1].upper() + text[1:] + "."
    metric = numeric[0] if numeric else None
    dim = dims[0] if dims else None
    if metric is None:
        shown = ", ".join(fmt(r[list(r)[0]]) for r in rows[:3])
        return f"{n} results, starting with {shown}."
    keys = [r.get(dim) for r in rows if r.get(dim) is not None] if dim else []
    if (dim is not None and keys and order_by in (None, dim) and all(_is_time(k) for k in keys)
            and [str(k) for k in keys] == sorted(map(str, keys))):
        # A time series in chronological order: describe the trend and the peak.
        series = [(r[dim], r[metric]) for r in rows if r.get(metric) is not None]
        if not series:
            return f"{n} periods, none with a {label(metric)}."
        peak = max(series, key=lambda p: float(p[1]))
        start, end = series[0], series[-1]
        return (f"Across {n} periods {label(metric)} went from {fmt(start[1])} ({fmt(start[0])}) "
                f"to {fmt(end[1])} ({fmt(end[0])}), peaking at {fmt(peak[1])} in {fmt(peak[0])}.")
    if dim is None:
        return f"{n} rows; the first has {label(metric)} {fmt(first[metric])}."
    second = rows[1]
    d: str = dim

    def name(v: Any) -> str:
        return f"{label(d)} {fmt(v)}" if is_number(v) or v is None else fmt(v)

    extra = ""
    if is_number(first.get(metric)) and is_number(second.get(metric)) and float(second[metric]):
        ratio = float(first[metric]) / float(second[metric])
        if ratio >= 1.05:
            extra = f", {ratio:.1f}x the next ({name(second[d])}, {fmt(second[metric])})"
        else:
            extra = f", ahead of {name(second[d])} ({fmt(second[metric])})"
    text = (f"{name(first[d])} comes first with {label(metric)} of {fmt(first[metric])}{extra}; "
            f"{n} rows in total.")
    # Capitalise our own words ("day of week 6"), never a data value ("iPhone", "web").
    return text[:1].upper() + text[1:] if is_number(first[d]) or first[d] is None else text
