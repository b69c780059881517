"""Which columns of a query result are labels and which one is the measure the question asks about.

The chart, the one-sentence answer (and through it the demo script) all describe a
result by one measure and one label column; choosing them in one place keeps the three
consistent. The measure is the numeric column whose name shares the most words with
the question ("lowest average review rating" -> ``avg_rating``, not ``review_count``);
the label is the first text column, or a numeric column named like a dimension
(``month_of_year``, ``customer_id``) when every column is numeric. Formatting lives here
too because it depends on the column: a ``*_pct`` column reads as "25.5%", a month
number as "December", an integer-valued float without ".00".
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from demoforge.content.values import fmt, is_number
from demoforge.language.values import value_label

Rows = Sequence[Mapping[str, Any]]

# Numeric columns that name a position, period or key rather than measure something.
_DIM_NAME = re.compile(
    r"(^|_)(year|month|quarter|week|day|hour|dow|id|rank|quintile|decile|percentile|bucket|"
    r"number|num|no|cohort|tier|level|grade|age|score_band)(_|$)|_of_"
)
# ... unless the name says it is an aggregate ("avg_age", "number_of_orders", "order_count").
_MEASURE_NAME = re.compile(
    r"^(avg|average|mean|median|total|sum|min|max|count|num_of|number_of|n|pct|share)_|"
    r"_(count|rate|ratio|pct|percent|share|total|sum|avg|amount|revenue|value|orders|customers)$"
)
_MONTH_NAME = re.compile(r"(^|_)month(_of_year)?$")
_PERCENT_POINTS = re.compile(r"(^|_)(pct|percent|percentage)(_|$)")
_FRACTION_NAME = re.compile(r"(^|_)(rate|ratio|share|fraction|proportion)(_|$)")

# Words that say which kind of number is asked for weigh more than subject words.
_KIND_WORDS = frozenset({"rat", "ratio", "shar", "pct", "avg", "median", "growth", "margin", "count", "scor",
                         "revenu", "conversion", "churn"})
_STOP_TEXT = """a an the of in on at by per for to from with and or is are was were be been do does did
what which who whom when where why how most more least less highest lowest top bottom each every our
we us you your their them they it its this that these those have has had than over across show list
give tell me all any some one much"""
_STOP = frozenset(_STOP_TEXT.split())
# Question phrases and words mapped to the token a column name would use.
_PHRASES = (("how many", " count "), ("number of", " count "), ("year over year", " yoy growth "),
            ("year-over-year", " yoy growth "), ("%", " pct "))
_SYNONYMS = {"rating": "score", "ratings": "score", "rated": "score",  # not a "rate"
             "average": "avg", "mean": "avg", "percent": "pct", "percentage": "pct", "sales": "revenue",
             "busiest": "count", "busy": "count", "volume": "count", "often": "rate", "frequently": "rate",
             "likely": "rate", "frequency": "rate", "proportion": "share", "fraction": "share",
             "change": "growth", "grew": "growth", "grow": "growth", "changed": "growth",
             "quantity": "count", "qty": "count", "cnt": "count", "n": "count", "num": "count"}
_HOW_MANY_UNITS = re.compile(r"\bhow many (seconds|minutes|hours|days|weeks|months|years)\b")
_SUFFIXES = ("ations", "ation", "ions", "ion", "ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "s", "y")


def _stem(word: str) -> str:
    w = _SYNONYMS.get(word, word)
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            break
    return w[:-1] if w.endswith("e") and len(w) > 3 else w


def _tokens(text: str) -> set[str]:
    # "How many hours..." asks for hours, not a count.
    text = _HOW_MANY_UNITS.sub(r" \1 ", f" {text.lower()} ")
    for phrase, token in _PHRASES:
        text = text.replace(phrase, token)
    return {_stem(w) for w in re.split(r"[^a-z0-9]+", text) if w and w not in _STOP}


def is_numeric_column(rows: Rows, column: str) -> bool:
    return (any(is_number(r.get(column)) for r in rows)
            and all(r.get(column) is None or is_number(r.get(column)) for r in rows))


def _looks_like_dimension(column: str) -> bool:
    name = column.lower()
    return bool(_DIM_NAME.search(name)) and not _MEASURE_NAME.search(name)


@dataclasses.dataclass(frozen=True)
class Shape:
    """A result's label columns (most telling first), its measures and the chosen one."""

    dims: list[str]
    measures: list[str]
    metric: str | None
    # How the metric's values are written: "points" (already a percentage), "fraction"
    # (0..1, shown x100 as a percentage), or "" (plain); and decimals for plain floats.
    percent: str = ""
    decimals: int = 2
    month_dims: frozenset[str] = frozenset()

    @property
    def label(self) -> str | None:
        return self.dims[0] if self.dims else None

    @property
    def metric_label(self) -> str:
        return measure_label(self.metric or "")

    def value(self, v: Any) -> str:
        """A metric value as a person would say it."""
        if not is_number(v):
            return fmt(v)
        f = float(v)
        if self.percent:
            return _percent(f * 100 if self.percent == "fraction" else f)
        if self.decimals == 0 or abs(f) >= 1000:
            return f"{round(f):,}"
        if abs(f) < 1 and f:
            return f"{f:.3g}"
        return f"{f:,.{self.decimals}f}"

    def key(self, column: str, v: Any) -> str:
        """A label value: months by name, numbers as written (a year is 2024, not 2,024), a
        code by its English label ("mobile_app" -> "Mobile app"; these sentences are English)."""
        if column in self.month_dims and is_number(v):
            return calendar.month_name[int(v)]
        if is_number(v) and float(v) == int(v):
            return str(int(v))
        text = fmt(v)
        return value_label(text, "en") if isinstance(v, str) else text


def _percent(p: float) -> str:
    if p == 0:
        return "0%"
    return f"{p:.1f}%" if abs(p) >= 1 else f"{p:.2g}%"


def _decimals(values: list[float]) -> int:
    """0, 1 or 2: as many as the column's values need (57.2 stays 57.2, 203.70 keeps 2)."""
    need = 0
    for f in values:
        for d in (0, 1, 2):
            if abs(f - round(f, d)) < 1e-9 * max(1.0, abs(f)):
                need = max(need, d)
                break
        else:
            return 2
    return need


def measure_label(column: str) -> str:
    """``avg_rating`` -> "average rating", ``cancellation_rate_pct`` -> "cancellation rate"."""
    words = [w for w in column.split("_") if w]
    if len(words) > 1:
        words = [w for w in words if w.lower() not in ("pct", "percent", "percentage")] or words
    return " ".join("average" if w.lower() == "avg" else w for w in words)


def _same(a: str, b: str) -> bool:
    # Stems differ across word forms ("resolve"/"resolution", "satisfied"/"satisfaction"):
    # five shared leading letters count as the same word.
    return a == b or (len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5])


def _score(column: str, asked: set[str]) -> float:
    return sum(2.0 if t in _KIND_WORDS else 1.0
               for t in _tokens(column.replace("_", " ")) if any(_same(t, q) for q in asked))


def _number_style(rows: Rows, column: str) -> tuple[str, int]:
    """(percent kind, decimals) for a numeric column: see ``Shape.percent``."""
    values = [float(r[column]) for r in rows if is_number(r.get(column))]
    name, percent = column.lower(), ""
    if _PERCENT_POINTS.search(name):
        percent = "points"
    elif _FRACTION_NAME.search(name) and values and all(-1 <= f <= 1 for f in values):
        percent = "fraction"
    return percent, (0 if all(f.is_integer() for f in values) else _decimals(values))


def column_formatter(rows: Rows, column: str) -> Callable[[Any], str]:
    """How a result table writes ``column``: like the chart would if it were the measure."""
    if not is_numeric_column(rows, column):
        return fmt
    percent, decimals = _number_style(rows, column)
    return Shape(dims=[], measures=[column], metric=column, percent=percent, decimals=decimals).value


def mentions(text: str, column: str) -> bool:
    """Whether ``text`` speaks of what ``column`` measures ("cancelled" for cancellation_rate)."""
    return _score(column, _tokens(text)) > 0


def result_shape(rows: Rows, question: str | None = None, order_by: str | None = None) -> Shape:
    """Label columns and the measure for ``rows`` (non-empty) answering ``question``.

    The measure is the numeric column sharing the most (weighted) words with the
    question; on a tie, or with no question, the column the query sorts on, then the
    last numeric column (queries list counts first and the asked-for rate last).
    """
    if not rows:
        return Shape(dims=[], measures=[], metric=None)
    cols = list(rows[0].keys())
    numeric = [c for c in cols if is_numeric_column(rows, c)]
    numeric_dims = [c for c in numeric if _looks_like_dimension(c)]
    measures = [c for c in numeric if c not in numeric_dims]
    # Text labels first: "region" names a row better than "year" does.
    dims = [c for c in cols if c not in numeric] + numeric_dims
    if not measures and numeric_dims and len(dims) >= 2:
        measures = [numeric_dims[-1]]  # e.g. (region, number_no): a measure after all
        dims.remove(numeric_dims[-1])
    if not dims and len(measures) >= 2:
        dims, measures = measures[:1], measures[1:]  # (6, 300): the leading number is a key
    metric = None
    if measures:
        asked = _tokens(question) if question else set()
        metric = max(measures, key=lambda c: (_score(c, asked), c == order_by, measures.index(c)))
    percent, decimals = _number_style(rows, metric) if metric is not None else ("", 2)
    months = frozenset(
        d for d in dims if _MONTH_NAME.search(d.lower()) and all(
            is_number(r.get(d)) and float(r[d]).is_integer() and 1 <= int(r[d]) <= 12 for r in rows))
    return Shape(dims=dims, measures=measures, metric=metric, percent=percent, decimals=decimals,
                 month_dims=months)

