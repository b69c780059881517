"""A one-sentence answer computed from a query result, and the degenerate-result check.

The sentence is built from the rows the warehouse returned (the first row is the
headline because golden queries order their result), so the demo script and the sample
Q&A quote real numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
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


# Numeric columns that name a position, period or key rather than measure something.
_DIM_NAME = re.compile(
    r"(^|_)(year|month|quarter|week|day|hour|dow|id|rank|quintile|decile|percentile|bucket|"
    r"number|num|no|cohort|tier|level|grade|age|score_band)(_|$)|_of_"
)
_TIME_NAME = re.compile(r"(^|_)(year|month|quarter|week|day|date|hour|period)(_|$)")


def _is_time(v: Any) -> bool:
    if isinstance(v, dt.date):
        return True
    return isinstance(v, str) and len(v) >= 7 and v[:4].isdigit() and v[4:5] == "-"


def _columns(rows: Rows) -> tuple[list[str], list[str]]:
    cols = list(rows[0].keys())
    numeric = [c for c in cols if any(is_number(r.get(c)) for r in rows)
               and all(r.get(c) is None or is_number(r.get(c)) for r in rows)]
    numeric_dims = [c for c in numeric if _DIM_NAME.search(c.lower())]
    dims = [c for c in cols if c not in numeric or c in numeric_dims]
    numeric = [c for c in numeric if c not in numeric_dims]
    if not numeric and len(dims) >= 2 and dims[-1] in numeric_dims:
        numeric = [dims.pop()]  # e.g. (region, number_of_orders): measure after all
    if not dims and len(numeric) >= 2:
        dims, numeric = numeric[:1], numeric[1:]  # (6, 300): the leading number is a key
    return dims, numeric


def _key(v: Any) -> str:
    """A dimension value: numbers as written (a year is 2024, not 2,024)."""
    if is_number(v) and float(v) == int(v):
        return str(int(v))
    return fmt(v)


def _cap(text: str, starts_with_data: bool) -> str:
    # Capitalise our own words ("day of week 6"), never a data value ("iPhone", "web").
    return text if starts_with_data else text[:1].upper() + text[1:]


def answer_sentence(rows: Rows, order_by: str | None = None) -> str:
    """One sentence that answers the question from ``rows`` (assumed non-empty).

    ``order_by`` is the result column the query sorts on first. Sorted by a measure, the
    result is a ranking ("X comes first"); otherwise the measure is the last numeric
    column (queries list counts first and the asked-for rate or share last) and the
    sentence reports its extremes, or the trend when the rows are a time series.
    """
    if not rows:
        return "No rows matched."
    dims, numeric = _columns(rows)
    first = rows[0]
    n = len(rows)
    if n == 1:
        text = "; ".join(f"{label(c)}: {fmt(first[c])}" for c in list(first)[:4])
        return _cap(text, False) + "."
    if not numeric:
        shown = ", ".join(_key(r[list(r)[0]]) for r in rows[:3])
        return f"{n} results, starting with {shown}."
    if order_by is None:  # not known: a measure sorted high to low makes it a ranking
        order_by = next((c for c in numeric if _descending([r.get(c) for r in rows])), None)
    ranking = order_by in numeric
    metric = order_by if ranking and order_by is not None else numeric[-1]
    if not dims:
        return f"{n} rows; the first has {label(metric)} {fmt(first[metric])}."

    def name(r: Mapping[str, Any]) -> str:
        # One or two dimension values identify a row ("Midwest, 2024").
        parts = []
        for d in dims[:2]:
            v = r.get(d)
            parts.append(f"{label(d)} {_key(v)}" if is_number(v) or v is None else _key(v))
        return ", ".join(parts) if len({_key(x.get(dims[0])) for x in rows}) < n else parts[0]

    dim = dims[0]
    keys = [r.get(dim) for r in rows]
    time_like = all(k is not None and (_is_time(k) or (_TIME_NAME.search(dim.lower()) and is_number(k)))
                    for k in keys)
    if (not ranking and time_like and len(set(map(str, keys))) == n
            and [_sortable(k) for k in keys] == sorted(_sortable(k) for k in keys)):
        series = [(r[dim], r[metric]) for r in rows if is_number(r.get(metric))]
        if not series:
            return f"{n} periods, none with a {label(metric)}."
        peak = max(series, key=lambda p: float(p[1]))
        (k0, v0), (k1, v1) = series[0], series[-1]
        return (f"Across {n} periods {label(metric)} went from {fmt(v0)} ({_key(k0)}) "
                f"to {fmt(v1)} ({_key(k1)}), peaking at {fmt(peak[1])} in {_key(peak[0])}.")
    valued = [r for r in rows if is_number(r.get(metric))]
    if not valued:
        return f"{n} rows, none with a {label(metric)}."
    if ranking:
        top, second = valued[0], (valued[1] if len(valued) > 1 else None)
        extra = ""
        if second is not None and float(second[metric]):
            ratio = float(top[metric]) / float(second[metric])
            extra = (f", {ratio:.1f}x the next ({name(second)}, {fmt(second[metric])})" if ratio >= 1.05
                     else f", ahead of {name(second)} ({fmt(second[metric])})")
        text = f"{name(top)} comes first with {label(metric)} of {fmt(top[metric])}{extra}; {n} rows in total."
        return _cap(text, not (is_number(top.get(dim)) or top.get(dim) is None))
    hi = max(valued, key=lambda r: float(r[metric]))
    lo = min(valued, key=lambda r: float(r[metric]))
    return (f"The highest {label(metric)} is {fmt(hi[metric])} ({name(hi)}) and the lowest "
            f"{fmt(lo[metric])} ({name(lo)}), across {n} rows.")


def _descending(values: list[Any]) -> bool:
    nums = [float(v) for v in values if is_number(v)]
    return len(nums) == len(values) and len(set(nums)) > 1 and nums == sorted(nums, reverse=True)


def _sortable(v: Any) -> str:
    return f"{float(v):020.6f}" if is_number(v) else str(v)
