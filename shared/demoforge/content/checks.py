"""Proof that every number a demo shows means what its metric says.

- ``answer_problems``: an executed golden question is checked against its own plan: the
  metric's column is in the result and numeric, the SQL carries every one of the metric's
  defining filters (revenue really excludes cancelled rows), the grain's periods are
  periods of that grain in order, the dimensions are the result's columns, a ranking is
  ordered by the metric, and the answer text names the metric and quotes the result's
  headline value.
- ``consistency``: for every additive metric, the whole equals the sum over each time
  grain (day, week, month, quarter, year) and over each dimension that slices it, on the
  loaded data. Two answers about revenue can then never disagree by 12.7 %.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import sqlglot
from sqlglot import exp

from demoforge.content.facts import value_formatter
from demoforge.content.questions import Plan
from demoforge.language.base import Phrasebook
from demoforge.language.words import metric_words, surface_forms
from demoforge.spec.model import DatasetSpec
from demoforge.spec.semantic import Metric, TimeGrain, metric_sql, reachable, time_source

Rows = Sequence[Mapping[str, Any]]
GRAINS: tuple[TimeGrain, ...] = ("day", "week", "month", "quarter", "year")
REL_TOLERANCE = 1e-6


def _num(v: Any) -> float | None:
    if isinstance(v, bool) or v is None:
        return None
    return float(v) if isinstance(v, int | float | decimal.Decimal) else None


def _strip_tables(node: exp.Expression) -> exp.Expression:
    if isinstance(node, exp.Column) and node.table:
        return exp.column(node.name)
    return node


def _canon(sql_fragment: str) -> str:
    tree = sqlglot.parse_one(sql_fragment, read="bigquery")
    return tree.transform(_strip_tables).sql(dialect="bigquery").lower()


def _conjuncts(tree: exp.Expression) -> set[str]:
    out: set[str] = set()
    for where in tree.find_all(exp.Where):
        stack = [where.this]
        while stack:
            node = stack.pop()
            if isinstance(node, exp.And):
                stack += [node.left, node.right]
            elif isinstance(node, exp.Paren):
                stack.append(node.this)
            else:
                out.add(node.transform(_strip_tables).sql(dialect="bigquery").lower())
    return out


def filters_applied(metric: Metric, sql: str) -> list[str]:
    """The metric's defining filters that ``sql`` does not apply (as written in the layer)."""
    try:
        tree = sqlglot.parse_one(sql, read="bigquery")
    except sqlglot.errors.ParseError:
        return list(metric.filters)
    have = _conjuncts(tree) if isinstance(tree, exp.Expression) else set()
    missing = []
    for f in metric.filters:
        # A filter written "a AND b" is applied when each of its parts is.
        part_tree = sqlglot.parse_one(f, read="bigquery")
        parts = _conjuncts(exp.select("1").where(part_tree)) if isinstance(part_tree, exp.Expression) else {_canon(f)}
        if not parts <= have:
            missing.append(f)
    return missing


def _is_period_start(d: dt.date, grain: str) -> bool:
    if grain == "month":
        return d.day == 1
    if grain == "quarter":
        return d.day == 1 and d.month in (1, 4, 7, 10)
    if grain == "year":
        return d.day == 1 and d.month == 1
    if grain == "week":
        return d.weekday() == 0
    return True


def _as_date(v: Any) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v[:10])
        except ValueError:
            return None
    return None


def answer_problems(p: Plan, sql: str, rows: Rows, answer: str, spec: DatasetSpec, pb: Phrasebook) -> list[str]:
    """Why an executed question does not answer what it asks ([] when it does)."""
    problems: list[str] = []
    q = p.query
    m = spec.semantic.metric(q.metric)
    if not rows:
        return ["no rows"]
    cols = set(rows[0])
    if m.name not in cols:
        return [f"the result has no {m.name} column"]
    if all(_num(r.get(m.name)) is None for r in rows):
        problems.append(f"{m.name} is never a number")
    missing = filters_applied(m, sql)
    if missing:
        problems.append(f"the SQL does not apply the metric's filters: {missing}")
    for d in q.by:
        if d not in cols:
            problems.append(f"the result has no {d} column")
    if q.grain is not None:
        col = f"{q.grain}_start"
        dates = [_as_date(r.get(col)) for r in rows]
        if col not in cols or any(d is None for d in dates):
            problems.append(f"the result has no {q.grain} periods")
        elif not all(_is_period_start(d, q.grain) for d in dates if d is not None):
            problems.append(f"{col} holds dates that do not start a {q.grain}")
        elif p.kind == "trend" and [d for d in dates if d] != sorted(d for d in dates if d):
            problems.append(f"the {q.grain}s are not in order")
    if q.cycle is not None:
        hi = 12 if q.cycle == "month_of_year" else 7
        if not all((k := _num(r.get(q.cycle))) is not None and 1 <= k <= hi for r in rows):
            problems.append(f"{q.cycle} values are not in 1..{hi}")
    if p.kind == "ranking":
        vals = [v for r in rows if (v := _num(r.get(m.name))) is not None]
        if vals != sorted(vals, reverse=not p.lowest):
            problems.append("the ranking is not ordered by the metric")
    words = metric_words(m, pb.code)
    if not any(form.lower() in answer.lower() for form in surface_forms(words)):
        problems.append(f"the answer does not name the metric ({surface_forms(words)[0]!r})")
    headline = _headline(p, rows, m, pb)
    if headline is not None and headline not in answer:
        problems.append(f"the answer does not quote the result's value {headline!r}")
    return problems


def _headline(p: Plan, rows: Rows, m: Metric, pb: Phrasebook) -> str | None:
    """The value an answer must quote: the total, the top of a ranking, the peak of a trend."""
    write = value_formatter(m, pb, rows)
    vals = [(r, v) for r in rows if (v := _num(r.get(m.name))) is not None]
    if not vals:
        return None
    if p.kind in ("total", "ranking", "top_per_group"):
        return write(vals[0][1])
    if p.kind in ("trend", "cycle"):
        return write(max(v for _, v in vals))
    return None


# --------------------------------------------------------------------------- consistency

@dataclasses.dataclass(frozen=True)
class Consistency:
    metric: str
    sliced_by: str  # a grain ("month") or a dimension name
    whole: float
    total: float
    ok: bool

    @property
    def detail(self) -> str:
        return f"{self.metric}: whole {self.whole:.6g}, sum by {self.sliced_by} {self.total:.6g}"


def consistency_queries(spec: DatasetSpec) -> list[tuple[str, str]]:
    """(metric, SQL) for every additive metric: one query whose rows are the whole
    (``sliced_by`` = "whole") and the sum over every grain and dimension, each computed
    from ``metric_sql``'s own result for that slicing."""
    layer, tables = spec.semantic, spec.tables
    out: list[tuple[str, str]] = []
    for m in layer.metrics:
        if not m.additive:
            continue
        parts = [("whole", metric_sql(m))]
        src = time_source(m, layer, tables)
        if src is not None:
            parts += [(g, metric_sql(m, grain=g, tables=tables, time=src)) for g in GRAINS]
        parts += [(d.name, metric_sql(m, by=d, tables=tables)) for d in layer.dimensions
                  if d.kind != "time" and reachable(m, d, tables)]
        union = " UNION ALL ".join(f"SELECT '{name}' AS sliced_by, SUM({m.name}) AS total FROM ({sql}) AS s{i}"
                                   for i, (name, sql) in enumerate(parts))
        out.append((m.name, union))
    return out


def consistency(spec: DatasetSpec, run: Callable[[str], Rows]) -> list[Consistency]:
    """Execute the consistency queries with ``run`` (SQL -> rows) and compare the sums."""
    results: list[Consistency] = []
    for metric, sql in consistency_queries(spec):
        totals = {str(r.get("sliced_by")): _num(r.get("total")) or 0.0 for r in run(sql)}
        whole = totals.pop("whole", 0.0)
        for sliced, total in totals.items():
            ok = abs(total - whole) <= REL_TOLERANCE * max(1.0, abs(whole))
            results.append(Consistency(metric, sliced, whole, total, ok))
    return results
