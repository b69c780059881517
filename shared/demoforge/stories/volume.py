"""How many rows a story's member will have: the share of a metric's rows each member of
a dimension gets, read from the generators (a weighted categorical, a cycled catalogue,
a lookup through a key weighted by a parent's column such as a city's population).

A story planted on a member with a few dozen rows is noise, not a finding: a region with
three orders a month cannot show a 30 % decline, a product line sold twice a month has
no season. ``member_rows`` lets the planner keep to members whose rows carry the story.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from demoforge.spec.base import Scalar
from demoforge.spec.generators import (
    CategoricalGen,
    DerivedGen,
    ForeignKeyGen,
    LookupGen,
    NumericGen,
    TimestampGen,
)
from demoforge.spec.model import DatasetSpec, TableSpec
from demoforge.spec.semantic import Dimension, Metric

Shares = dict[Scalar, float]

# The planner asks for the same spec's shares thousands of times (every kind, option and
# member of one plant() call, and a probe per slot). Specs are treated as values (changed
# only by model_copy/model_validate), so answers are kept per spec object; the entry holds
# the spec itself, so its id cannot be reused while it is cached.
_MEMO: dict[int, tuple[DatasetSpec, dict[Any, Any]]] = {}
_MEMO_SPECS = 8


def _memo(spec: DatasetSpec) -> dict[Any, Any]:
    hit = _MEMO.get(id(spec))
    if hit is None or hit[0] is not spec:
        if len(_MEMO) >= _MEMO_SPECS:
            _MEMO.clear()
        hit = (spec, {})
        _MEMO[id(spec)] = hit
    return hit[1]


def cached(spec: DatasetSpec) -> dict[Any, Any]:
    """The planner's answers kept for ``spec`` (see ``_memo``)."""
    return _memo(spec)


def _table(spec: DatasetSpec, name: str) -> TableSpec | None:
    return next((t for t in spec.tables if t.name == name), None)


def _generator(t: TableSpec, column: str) -> object | None:
    col = next((c for c in t.columns if c.name == column), None)
    return col.generator if col is not None else None


def _normal(w: Mapping[Scalar, float]) -> Shares | None:
    total = sum(w.values())
    return {k: v / total for k, v in w.items()} if total > 0 else None


def _row_weights(parent: TableSpec, fk_gen: object) -> list[float] | None:
    """Weights of a fixed-size parent's rows as a key picks them (its ``weights_column``)."""
    n = parent.row_count
    if not n:
        return None
    wc = fk_gen.weights_column if isinstance(fk_gen, ForeignKeyGen) else None
    g = _generator(parent, wc) if wc else None
    if isinstance(g, CategoricalGen) and g.cycle:
        vals = [float(v) if isinstance(v, int | float) and not isinstance(v, bool) else 1.0 for v in g.values]
        return [vals[i % len(vals)] for i in range(n)]
    return [1.0] * n


def _least_popular(n: int, a: float, values: list[Scalar]) -> Shares:
    """Shares when a key picks the rows by a zipf popularity drawn at random: which row is
    popular is not known before the data is made, so each value is given the least
    popular ranks (the share it is sure to have)."""
    ranks = sorted(1 / (r + 1) ** a for r in range(n))
    total = sum(ranks)
    counts: dict[Scalar, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return {v: sum(ranks[:c]) / total for v, c in counts.items()}


def column_shares(spec: DatasetSpec, table: str, column: str, fk_gen: object = None, depth: int = 0) -> Shares | None:
    """Share of ``table``'s rows per value of ``column`` (rows picked through ``fk_gen``
    when a child reads the table through a key), or None when the generators do not say."""
    t = _table(spec, table)
    if t is None or depth > 3:
        return None
    g = _generator(t, column)
    if isinstance(g, CategoricalGen):
        if g.cycle:
            if isinstance(fk_gen, ForeignKeyGen) and fk_gen.distribution == "zipf" and t.row_count:
                return _least_popular(t.row_count, fk_gen.zipf_a, [g.values[i % len(g.values)]
                                                                   for i in range(t.row_count)])
            rows = _row_weights(t, fk_gen)
            if rows is None:
                return None
            out: dict[Scalar, float] = {}
            for i, w in enumerate(rows):
                v = g.values[i % len(g.values)]
                out[v] = out.get(v, 0.0) + w
            return _normal(out)
        weights = g.weights if g.weights and len(g.weights) == len(g.values) else [1.0] * len(g.values)
        acc: dict[Scalar, float] = {}
        for v, w in zip(g.values, weights, strict=True):
            acc[v] = acc.get(v, 0.0) + float(w)
        return _normal(acc)
    if isinstance(g, LookupGen):
        fk = t.fk(g.via)
        if fk is None:
            return None
        return column_shares(spec, fk.references_table, g.column, _generator(t, g.via), depth + 1)
    return None


def member_shares(spec: DatasetSpec, m: Metric, d: Dimension) -> Shares | None:
    """Share of the metric's rows per member of ``d`` (None when it cannot be told)."""
    memo = _memo(spec)
    key = ("shares", m.table, d.table, d.column)
    if key not in memo:
        memo[key] = _member_shares(spec, m, d)
    found: Shares | None = memo[key]
    return found


def _member_shares(spec: DatasetSpec, m: Metric, d: Dimension) -> Shares | None:
    t = _table(spec, m.table)
    if t is None:
        return None
    if d.table == m.table:
        return column_shares(spec, m.table, d.column)
    for fk in t.foreign_keys:
        if fk.references_table == d.table:
            return column_shares(spec, d.table, d.column, _generator(t, fk.column))
    return None


def member_rows(spec: DatasetSpec, m: Metric, d: Dimension, member: Scalar, n_members: int) -> float:
    """Expected rows of the metric's table for ``member`` (an even split when the
    generators do not tell the shares)."""
    memo = _memo(spec)
    if "rows" not in memo:
        memo["rows"] = spec.expected_rows()
    rows = float(memo["rows"].get(m.table, 0))
    shares = member_shares(spec, m, d)
    share = shares.get(member, 0.0) if shares is not None else 1.0 / max(1, n_members)
    return rows * share


def cluster_size(spec: DatasetSpec, m: Metric, d: Dimension) -> float:
    """How many of the metric's rows share one member draw: a dimension read through the
    key that spawns the rows (a premium's region is its policy's), or whose time they
    follow, gives every child of one parent the same member, so a member's sum moves by whole parents (how many bills fall
    in a year), and its noise is that of the parents' count, not of the rows'. 1 when each
    row draws its member on its own (a line's product)."""
    t = _table(spec, m.table)
    if t is None or d.table == m.table:
        return 1.0
    # The parent the rows come from: the one that spawns them, else the one whose time
    # they follow (a merchant's payments start when it signs up: a region grows by the
    # merchants that joined it, each bringing its own stream of payments).
    key = t.children_per_parent.foreign_key if t.children_per_parent is not None else None
    if key is None:
        key = next((g.after.column for c in t.columns if isinstance(g := c.generator, TimestampGen)
                    and c.name == t.time_column and g.after is not None and g.after.parent_column), None)
    fk = t.fk(key) if key is not None else None
    if fk is None:
        return 1.0
    # The member is the spawning parent's, or a table the parent reads it from.
    parent = _table(spec, fk.references_table)
    if fk.references_table != d.table and not (parent is not None and any(
            f.references_table == d.table for f in parent.foreign_keys)):
        return 1.0
    memo = _memo(spec)
    if "rows" not in memo:
        memo["rows"] = spec.expected_rows()
    rows, parents = memo["rows"].get(m.table, 0), memo["rows"].get(fk.references_table, 0)
    return max(1.0, rows / parents) if parents else 1.0


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def value_cv(spec: DatasetSpec, m: Metric) -> float | None:
    """How much the values an average metric sums vary from row to row, as a coefficient
    of variation (standard deviation over mean), read from the generators: a price looked
    up from a catalogue of a few tariffs (75 to 14,500) varies far more than a basket. The
    largest of the columns the summed expression reads (a product's spread is at least
    its widest factor's); None when the generators do not tell."""
    memo = _memo(spec)
    key = ("cv", m.table, m.expression)
    if key not in memo:
        t = _table(spec, m.table)
        inner = m.expression.split("/")[0]  # SUM(x) / COUNT(...): the spread of x
        memo[key] = _expression_cv(spec, t, inner, 0) if t is not None else None
    found: float | None = memo[key]
    return found


def _expression_cv(spec: DatasetSpec, t: TableSpec, expression: str, depth: int) -> float | None:
    names = {c.name for c in t.columns}
    cvs = [cv for n in dict.fromkeys(_NAME.findall(expression)) if n in names
           and (cv := _column_cv(spec, t, n, depth)) is not None]
    return max(cvs) if cvs else None


def _column_cv(spec: DatasetSpec, t: TableSpec, column: str, depth: int) -> float | None:
    if depth > 3:
        return None
    g = _generator(t, column)
    if isinstance(g, DerivedGen):
        return _expression_cv(spec, t, g.expression, depth + 1)
    if isinstance(g, NumericGen):
        return _numeric_cv(g)
    if isinstance(g, CategoricalGen | LookupGen):
        shares = column_shares(spec, t.name, column)
        if not shares or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in shares):
            return None
        mean = sum(float(v) * s for v, s in shares.items())
        var = sum(s * (float(v) - mean) ** 2 for v, s in shares.items())
        return math.sqrt(var) / mean if mean > 0 else None
    return None


def _numeric_cv(g: NumericGen) -> float | None:
    if g.distribution == "lognormal":
        return math.sqrt(math.exp(g.sigma ** 2) - 1)
    if g.distribution == "normal":
        return g.std / g.mean if g.mean > 0 else None
    if g.distribution == "uniform":
        mid = (g.low + g.high) / 2
        return (g.high - g.low) / math.sqrt(12) / mid if mid > 0 else None
    if g.distribution in ("exponential", "poisson"):
        return 1.0 if g.distribution == "exponential" else (1 / math.sqrt(g.mean) if g.mean > 0 else None)
    return None
