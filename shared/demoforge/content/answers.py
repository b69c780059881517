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

from demoforge.content.shape import measure_label, result_shape
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


_TIME_NAME = re.compile(r"(^|_)(year|month|quarter|week|day|date|hour|period)(_|$)")


def _is_time(v: Any) -> bool:
    if isinstance(v, dt.date):
        return True
    return isinstance(v, str) and len(v) >= 7 and v[:4].isdigit() and v[4:5] == "-"


def _cap(text: str, starts_with_data: bool) -> str:
    # Capitalise our own words ("day of week 6"), never a data value ("iPhone", "web").
    return text if starts_with_data else text[:1].upper() + text[1:]


def answer_sentence(rows: Rows, order_by: str | None = None, question: str | None = None) -> str:
    """One sentence that answers ``question`` from ``rows`` (assumed non-empty).

    The measure and label columns come from :func:`result_shape` (the same choice the
    report's chart makes). ``order_by`` is the result column the query sorts on first:
    sorted by the measure, the result is a ranking ("X comes first", or "X is lowest"
    when sorted ascending); otherwise the sentence reports the extremes, or the trend
    when the rows are a time series.
    """
    if not rows:
        return "No rows matched."
    shape = result_shape(rows, question, order_by)
    dims, metric = shape.dims, shape.metric
    first = rows[0]
    n = len(rows)
    if n == 1:
        text = "; ".join(f"{measure_label(c)}: {shape.value(first[c])}" if c == metric
                         else f"{label(c)}: {fmt(first[c])}" for c in list(first)[:4])
        return _cap(text, False) + "."
    if metric is None:
        shown = ", ".join(shape.key(list(r)[0], r[list(r)[0]]) for r in rows[:3])
        return f"{n} results, starting with {shown}."
    what = shape.metric_label
    if not dims:
        return f"{n} rows; the first has {what} {shape.value(first[metric])}."

    def name(r: Mapping[str, Any]) -> str:
        # One or two dimension values identify a row ("Midwest, 2024").
        parts = []
        for d in dims[:2]:
            v = r.get(d)
            key = shape.key(d, v)
            parts.append(f"{label(d)} {key}" if (is_number(v) and d not in shape.month_dims) or v is None else key)
        return ", ".join(parts) if len({shape.key(dims[0], x.get(dims[0])) for x in rows}) < n else parts[0]

    def data_first(r: Mapping[str, Any]) -> bool:
        v = r.get(dims[0])
        return not ((is_number(v) and dims[0] not in shape.month_dims) or v is None)

    dim = dims[0]
    keys = [r.get(dim) for r in rows]
    values = [r.get(metric) for r in rows]
    time_like = all(k is not None and (_is_time(k) or (_TIME_NAME.search(dim.lower()) and is_number(k)))
                    for k in keys)
    series_order = (time_like and len(set(map(str, keys))) == n
                    and [_sortable(k) for k in keys] == sorted(_sortable(k) for k in keys))
    if order_by is None:  # not known: a measure sorted high to low (or low to high) makes it a ranking
        ranking = _monotonic(values, reverse=True) or (not series_order and _monotonic(values, reverse=False))
    else:
        ranking = order_by == metric
    if not ranking and series_order:
        series = [(r[dim], r[metric]) for r in rows if is_number(r.get(metric))]
        if not series:
            return f"{n} periods, none with a {what}."
        peak = max(series, key=lambda p: float(p[1]))
        (k0, v0), (k1, v1) = series[0], series[-1]
        return (f"Across {n} periods {what} went from {shape.value(v0)} ({shape.key(dim, k0)}) "
                f"to {shape.value(v1)} ({shape.key(dim, k1)}), peaking at {shape.value(peak[1])} "
                f"in {shape.key(dim, peak[0])}.")
    valued = [r for r in rows if is_number(r.get(metric))]
    if not valued:
        return f"{n} rows, none with a {what}."
    if ranking:
        top, second = valued[0], (valued[1] if len(valued) > 1 else None)
        if second is not None and float(top[metric]) < float(second[metric]):
            text = (f"{name(top)} has the lowest {what}, {shape.value(top[metric])}, "
                    f"then {name(second)} ({shape.value(second[metric])}); {n} rows in total.")
            return _cap(text, data_first(top))
        extra = ""
        if second is not None and float(second[metric]) > 0:
            ratio = float(top[metric]) / float(second[metric])
            extra = (f", {ratio:.1f}x the next ({name(second)}, {shape.value(second[metric])})" if ratio >= 1.05
                     else f", ahead of {name(second)} ({shape.value(second[metric])})")
        text = f"{name(top)} comes first with {what} of {shape.value(top[metric])}{extra}; {n} rows in total."
        return _cap(text, data_first(top))
    hi = max(valued, key=lambda r: float(r[metric]))
    lo = min(valued, key=lambda r: float(r[metric]))
    return (f"The highest {what} is {shape.value(hi[metric])} ({name(hi)}) and the lowest "
            f"{shape.value(lo[metric])} ({name(lo)}), across {n} rows.")


def _monotonic(values: list[Any], *, reverse: bool) -> bool:
    nums = [float(v) for v in values if is_number(v)]
    return len(nums) == len(values) and len(set(nums)) > 1 and nums == sorted(nums, reverse=reverse)


def _sortable(v: Any) -> str:
    return f"{float(v):020.6f}" if is_number(v) else str(v)
