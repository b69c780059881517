"""The semantic layer of a dataset spec: one definition of every measure and dimension.

A **metric** is an aggregate over one base table with the filters that define it
("revenue" = ``SUM(amount)`` over ``orders`` where the order is not cancelled or voided),
its unit, currency and display format, and the words people use for it. A **dimension**
is a column (or expression) of a table that questions slice by: time (with its grains),
geography, the offering hierarchy, segments, channels. Golden queries, story checks,
charts, the demo script and the data agent's glossary are all built from these
definitions, so two answers about "revenue" can never disagree on what revenue is.

``metric_sql`` is the one place a metric becomes SQL; ``semantic_issues`` checks every
reference against the spec's tables (structured ``SpecIssue``s, kind ``semantic``).

A metric is sliced by dimensions of its own table or of a table reached through
many-to-one foreign keys (``order_items -> orders -> stores`` for revenue by region): the
joins are LEFT JOINs along the shortest key path, so every row of the base table is counted
exactly once and an additive metric sums to the same total however it is sliced. Time
grains use the metric's ``time_column``, or a time dimension reached the same way.

``terms`` give a metric's or dimension's words in other languages (``{"de": {"label":
"Umsatz", "gender": "m"}}``) for the generated questions, script and agent glossary; where
they are missing, ``demoforge.language`` uses its own business vocabulary.

Values of a ``format="percent"`` metric are fractions (0.255 is 25.5 %).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import deque
from collections.abc import Sequence
from typing import Literal

from pydantic import Field

from demoforge.spec.base import Scalar, SpecModel
from demoforge.spec.issues import At, SpecIssue
from demoforge.spec.tables import ForeignKey, TableSpec

MetricUnit = Literal["currency", "count", "percent", "ratio", "hours", "days", "minutes",
                     "quantity", "score"]
MetricFormat = Literal["integer", "decimal", "currency", "percent"]
DimensionKind = Literal["time", "geography", "offering", "segment", "channel", "status",
                        "staff", "other"]
TimeGrain = Literal["day", "week", "month", "quarter", "year"]
# Recurring positions in time that questions slice by (seasonality, weekday patterns).
TimeCycle = Literal["month_of_year", "day_of_week"]
Gender = Literal["m", "f", "n"]
FilterOp = Literal["=", "!=", "in", "not_in", ">=", "<="]
MetricOrder = Literal["metric_desc", "metric_asc", "group"]
# BigQuery's DATE_TRUNC part per grain: weeks start on Monday, as the agent is told.
_TRUNC = {"day": "DAY", "week": "WEEK(MONDAY)", "month": "MONTH", "quarter": "QUARTER", "year": "YEAR"}

_IDENT = re.compile(r"^[a-z][a-z0-9_]*$")
# Column references in an expression or filter: bare identifiers that are not SQL words,
# function names (followed by "(") or string literals.
_WORD = re.compile(r"'(?:[^']|'')*'|\b([A-Za-z_][A-Za-z0-9_]*)\b(\s*\()?")
_SQL_WORDS = frozenset(
    """AND OR NOT IN IS NULL TRUE FALSE CASE WHEN THEN ELSE END AS DISTINCT BETWEEN LIKE
    INTERVAL DAY WEEK MONTH QUARTER YEAR HOUR MINUTE SECOND DATE TIMESTAMP INT64 FLOAT64
    NUMERIC STRING BOOL""".split()  # noqa: SIM905
)


class Term(SpecModel):
    """A metric's or dimension's words in one language: the label (singular, or plural when
    ``number`` says so), its grammatical gender and plural form where the language has them."""

    label: str = Field(min_length=1, max_length=80)
    plural: str | None = Field(default=None, max_length=80)
    gender: Gender | None = None
    number: Literal["singular", "plural"] = "singular"


class Metric(SpecModel):
    name: str = Field(min_length=1, max_length=64)  # snake_case id, e.g. net_revenue
    label: str = Field(min_length=1, max_length=80)  # business words: "net revenue"
    description: str = Field(min_length=1, max_length=400)
    table: str  # the base table the aggregate runs over
    expression: str = Field(min_length=1, max_length=400)  # e.g. SUM(amount)
    # Row filters that belong to the definition, ANDed (e.g. status NOT IN ('cancelled')).
    filters: list[str] = Field(default_factory=list, max_length=6)
    time_column: str | None = None  # the timestamp/date column time grains apply to
    unit: MetricUnit = "count"
    currency: str | None = None  # ISO 4217 when unit is currency
    format: MetricFormat = "decimal"
    # True when the metric of a whole equals the sum over its parts (SUM, COUNT); ratios,
    # averages and distinct counts are not.
    additive: bool = True
    synonyms: list[str] = Field(default_factory=list, max_length=10)
    terms: dict[str, Term] = Field(default_factory=dict, max_length=20)  # language -> words


class Dimension(SpecModel):
    name: str = Field(min_length=1, max_length=64)
    label: str = Field(min_length=1, max_length=80)
    table: str
    column: str
    kind: DimensionKind = "other"
    grains: list[TimeGrain] = Field(default_factory=list)  # for kind == "time"
    parent: str | None = None  # the coarser dimension of a hierarchy (category > product)
    synonyms: list[str] = Field(default_factory=list, max_length=10)
    terms: dict[str, Term] = Field(default_factory=dict, max_length=20)  # language -> words


class DimensionFilter(SpecModel):
    """A restriction of a question to some members of a dimension ("in the Northeast")."""

    dimension: str
    op: FilterOp = "="
    values: list[Scalar] = Field(min_length=1, max_length=50)


class SemanticLayer(SpecModel):
    metrics: list[Metric] = Field(default_factory=list, max_length=40)
    dimensions: list[Dimension] = Field(default_factory=list, max_length=40)

    def metric(self, name: str) -> Metric:
        for m in self.metrics:
            if m.name == name:
                return m
        raise KeyError(name)

    def dimension(self, name: str) -> Dimension:
        for d in self.dimensions:
            if d.name == name:
                return d
        raise KeyError(name)

    def time_dimensions(self) -> list[Dimension]:
        return [d for d in self.dimensions if d.kind == "time"]


def referenced_columns(sql_fragment: str) -> set[str]:
    """Identifiers an expression or filter reads as columns (not functions, keywords or
    string literals)."""
    out: set[str] = set()
    for m in _WORD.finditer(sql_fragment):
        name, call = m.group(1), m.group(2)
        if name is None or call or name.upper() in _SQL_WORDS:
            continue
        out.add(name)
    return out


def metric_where(metric: Metric, extra: Sequence[str] = ()) -> str:
    """The WHERE clause of a metric (its defining filters plus ``extra``), or ''."""
    parts = [f"({f})" for f in [*metric.filters, *extra]]
    return f"WHERE {' AND '.join(parts)}" if parts else ""


@dataclasses.dataclass(frozen=True)
class Restriction:
    """A resolved ``DimensionFilter``: the dimension itself with the values kept."""

    dimension: Dimension
    op: FilterOp
    values: tuple[Scalar, ...]


def restriction(layer: SemanticLayer, f: DimensionFilter) -> Restriction:
    return Restriction(layer.dimension(f.dimension), f.op, tuple(f.values))


def join_path(tables: Sequence[TableSpec], start: str, target: str) -> list[tuple[str, ForeignKey]] | None:
    """The shortest chain of many-to-one foreign keys from ``start`` to ``target`` as
    (child table, foreign key) hops; [] when they are the same table, None when ``target``
    cannot be reached that way (one-to-many hops would count a row more than once)."""
    if start == target:
        return []
    by_name = {t.name: t for t in tables}
    seen = {start}
    queue: deque[tuple[str, list[tuple[str, ForeignKey]]]] = deque([(start, [])])
    while queue:
        name, path = queue.popleft()
        table = by_name.get(name)
        if table is None:
            continue
        for fk in table.foreign_keys:
            parent = fk.references_table
            if parent == name or parent in seen:
                continue
            hop = [*path, (name, fk)]
            if parent == target:
                return hop
            seen.add(parent)
            queue.append((parent, hop))
    return None


def time_source(metric: Metric, layer: SemanticLayer | None = None,
                tables: Sequence[TableSpec] | None = None) -> Dimension | None:
    """What time grains of ``metric`` truncate: its own ``time_column``, else the first time
    dimension of ``layer`` reachable from its table (None: the metric has no time)."""
    if metric.time_column is not None:
        return Dimension(name=metric.time_column, label=metric.time_column, table=metric.table,
                         column=metric.time_column, kind="time", grains=["day", "week", "month", "quarter", "year"])
    if layer is None or tables is None:
        return None
    for d in layer.time_dimensions():
        if join_path(tables, metric.table, d.table) is not None:
            return d
    return None


def reachable(metric: Metric, dimension: Dimension, tables: Sequence[TableSpec]) -> bool:
    """Whether ``metric`` can be sliced by ``dimension`` (same table or many-to-one keys)."""
    return join_path(tables, metric.table, dimension.table) is not None


def _qualify(fragment: str, table: str, columns: set[str]) -> str:
    """``fragment`` with each bare reference to a column of ``table`` written ``table.col``
    (the text otherwise untouched: literals, functions and keywords stay as written)."""
    def sub(m: re.Match[str]) -> str:
        name, call = m.group(1), m.group(2)
        if name is None or call or name not in columns:
            return m.group(0)
        before = fragment[max(0, m.start() - 1):m.start()]
        return m.group(0) if before == "." else f"{table}.{m.group(0)}"
    return _WORD.sub(sub, fragment)


def _literal(v: Scalar) -> str:
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int | float):
        return repr(v)
    return "'" + str(v).replace("\\", "\\\\").replace("'", "\\'") + "'"


def _condition(column: str, op: FilterOp, values: Sequence[Scalar]) -> str:
    if op in ("in", "not_in"):
        listed = ", ".join(_literal(v) for v in values)
        return f"{column} {'IN' if op == 'in' else 'NOT IN'} ({listed})"
    return f"{column} {op} {_literal(values[0])}"


def metric_sql(metric: Metric, *, grain: TimeGrain | None = None,
               by: Dimension | Sequence[Dimension] | None = None, extra_filters: Sequence[str] = (),
               tables: Sequence[TableSpec] | None = None, time: Dimension | None = None,
               cycle: TimeCycle | None = None, where: Sequence[Restriction] = (),
               since: dt.date | None = None, until: dt.date | None = None,
               order: MetricOrder = "group", limit: int | None = None,
               min_rows: int | None = None) -> str:
    """BigQuery SQL for a metric, optionally per time grain or cycle (month of year, day of
    week) and/or by dimensions, restricted to some members (``where``) and to a date range
    (``since`` inclusive, ``until`` exclusive): the one place a metric's definition becomes SQL.

    Dimensions of other tables need ``tables`` (the spec's) to find the key path; ``time``
    is the time dimension to use when the metric has no ``time_column`` of its own.
    ``order`` ranks by the metric (``metric_desc``/``metric_asc``) or sorts by the groups;
    ``min_rows`` leaves out groups of fewer rows (a rate over 3 rows ranks nothing).
    """
    dims = [] if by is None else ([by] if isinstance(by, Dimension) else list(by))
    timed = grain is not None or cycle is not None or since is not None or until is not None
    clock = time if time is not None else time_source(metric)
    if timed and clock is None:
        what = grain or cycle or "date range"
        raise ValueError(f"metric {metric.name} has no time column for a {what} grain")
    needed = [d.table for d in dims] + [r.dimension.table for r in where]
    if timed and clock is not None:
        needed.append(clock.table)
    joins: list[tuple[str, ForeignKey]] = []
    for table in needed:
        if table == metric.table:
            continue
        if tables is None:
            raise ValueError(f"dimension on {table} is not on {metric.table}: give the spec's tables")
        path = join_path(tables, metric.table, table)
        if path is None:
            raise ValueError(f"{table} cannot be reached from {metric.table} through many-to-one keys")
        for hop in path:
            if all(hop[1] is not j[1] for j in joins):
                joins.append(hop)
    qualified = bool(joins)
    base_cols = ({c.name for c in next(t for t in tables or () if t.name == metric.table).columns}
                 if qualified else set())

    def col(d: Dimension) -> str:
        return f"{d.table}.{d.column}" if qualified else d.column

    def own(fragment: str) -> str:
        return _qualify(fragment, metric.table, base_cols) if qualified else fragment

    select: list[str] = []
    if grain is not None and clock is not None:
        # The alias is not the grain's keyword (MONTH, YEAR ...), which engines reserve.
        select.append(f"DATE_TRUNC(DATE({col(clock)}), {_TRUNC[grain]}) AS {grain}_start")
    if cycle is not None and clock is not None:
        part = "MONTH" if cycle == "month_of_year" else "DAYOFWEEK"
        select.append(f"EXTRACT({part} FROM {col(clock)}) AS {cycle}")
    for d in dims:
        select.append(f"{col(d)} AS {d.name}")
    n_groups = len(select)
    select.append(f"{own(metric.expression)} AS {metric.name}")
    sql = f"SELECT {', '.join(select)} FROM {metric.table}"
    for child, fk in joins:
        parent = fk.references_table
        sql += f" LEFT JOIN {parent} ON {parent}.{fk.references_column} = {child}.{fk.column}"
    conditions = [own(f) for f in [*metric.filters, *extra_filters]]
    conditions += [_condition(col(r.dimension), r.op, r.values) for r in where]
    if since is not None and clock is not None:
        conditions.append(f"DATE({col(clock)}) >= DATE '{since.isoformat()}'")
    if until is not None and clock is not None:
        conditions.append(f"DATE({col(clock)}) < DATE '{until.isoformat()}'")
    if conditions:
        sql += " WHERE " + " AND ".join(f"({c})" for c in conditions)
    if n_groups:
        positions = ", ".join(str(i) for i in range(1, n_groups + 1))
        # Positions, not names: a dimension alias may also be a column of a joined table.
        sql += f" GROUP BY {positions}"
        if min_rows:
            sql += f" HAVING COUNT(*) >= {int(min_rows)}"
        if order == "metric_desc":
            sql += f" ORDER BY {metric.name} DESC"
        elif order == "metric_asc":
            sql += f" ORDER BY {metric.name} ASC"
        else:
            sql += " ORDER BY " + ", ".join(s.rsplit(" AS ", 1)[1] for s in select[:n_groups])
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return sql


class MetricQuery(SpecModel):
    """A question about one metric in structured form (a semantic layer's saved query):
    sliced by dimensions and/or a time grain or cycle, restricted to members and dates.
    Story checks and golden questions are these; ``query_sql`` makes them SQL."""

    metric: str
    by: list[str] = Field(default_factory=list, max_length=3)  # dimension names
    grain: TimeGrain | None = None
    cycle: TimeCycle | None = None
    where: list[DimensionFilter] = Field(default_factory=list, max_length=4)
    since: dt.date | None = None
    until: dt.date | None = None
    order: MetricOrder = "group"
    limit: int | None = Field(default=None, ge=1, le=1000)
    min_rows: int | None = Field(default=None, ge=1)

    @property
    def triple(self) -> tuple[str, str | None, str | None]:
        """(metric, dimension, grain): what no two golden questions may share. A question
        restricted to one member ("in Bavaria, month by month") is about that dimension."""
        dims = self.by or [f.dimension for f in self.where]
        return (self.metric, ",".join(dims) or None, self.grain or self.cycle)


def query_sql(layer: SemanticLayer, tables: Sequence[TableSpec], q: MetricQuery) -> str:
    """The SQL of a ``MetricQuery`` (names resolved in ``layer``; see ``metric_sql``)."""
    metric = layer.metric(q.metric)
    timed = q.grain is not None or q.cycle is not None or q.since is not None or q.until is not None
    return metric_sql(
        metric, grain=q.grain, by=[layer.dimension(d) for d in q.by], tables=tables,
        time=time_source(metric, layer, tables) if timed else None, cycle=q.cycle,
        where=[restriction(layer, f) for f in q.where], since=q.since, until=q.until,
        order=q.order, limit=q.limit, min_rows=q.min_rows,
    )


def dimension_members(tables: Sequence[TableSpec], d: Dimension) -> list[Scalar] | None:
    """The values a dimension's column is generated from (a categorical's values, both
    booleans, a parent's values through a lookup), or None when they are not known in
    advance (names, free text, numbers): stories and questions name only real members."""
    # Imported here: the generator kinds sit beside this module, not below it.
    from demoforge.spec.generators import BooleanGen, CategoricalGen, LookupGen

    by_name = {t.name: t for t in tables}
    table, column = by_name.get(d.table), d.column
    for _ in range(4):  # lookups of lookups, a few levels at most
        if table is None:
            return None
        col = next((c for c in table.columns if c.name == column), None)
        if col is None:
            return None
        g = col.generator
        if isinstance(g, CategoricalGen) and col.mode != "REPEATED":
            out: list[Scalar] = []
            for v in g.values:
                if v not in out:
                    out.append(v)
            return out
        if isinstance(g, BooleanGen):
            return [True, False]
        if isinstance(g, LookupGen):
            fk = table.fk(g.via)
            if fk is None:
                return None
            table, column = by_name.get(fk.references_table), g.column
            continue
        return None
    return None


def semantic_issues(layer: SemanticLayer, tables: Sequence[TableSpec]) -> list[SpecIssue]:
    """Every reference of the layer checked against the spec's tables and columns."""
    by_name = {t.name: t for t in tables}
    issues: list[SpecIssue] = []
    seen: set[str] = set()
    for m in layer.metrics:
        at = At(table=m.table)
        if not _IDENT.match(m.name):
            issues.append(at.issue("semantic", f"metric name {m.name!r} must be snake_case"))
        if m.name in seen:
            issues.append(at.issue("semantic", f"metric {m.name!r} is defined twice"))
        seen.add(m.name)
        table = by_name.get(m.table)
        if table is None:
            issues.append(at.issue("semantic", f"metric {m.name!r} reads unknown table {m.table!r}"))
            continue
        cols = {c.name for c in table.columns}
        for fragment in [m.expression, *m.filters]:
            for name in sorted(referenced_columns(fragment) - cols):
                issues.append(At(table=m.table, column=name).issue(
                    "semantic", f"metric {m.name!r} reads column {name!r}, which {m.table} lacks"))
        if m.time_column is not None and m.time_column not in cols:
            issues.append(At(table=m.table, column=m.time_column).issue(
                "semantic", f"metric {m.name!r} has time column {m.time_column!r}, which {m.table} lacks"))
        elif m.time_column is not None and table.column(m.time_column).type not in ("DATE", "TIMESTAMP"):
            issues.append(At(table=m.table, column=m.time_column).issue(
                "semantic", f"metric {m.name!r}: time column {m.time_column!r} must be a DATE or TIMESTAMP"))
        if m.unit == "currency" and not m.currency:
            issues.append(at.issue("semantic", f"metric {m.name!r} is money: give its currency"))
    dims = {d.name for d in layer.dimensions}
    seen_dims: set[str] = set()
    for d in layer.dimensions:
        # The name is the result column of every query slicing by it.
        if not _IDENT.match(d.name):
            issues.append(At(table=d.table).issue("semantic", f"dimension name {d.name!r} must be snake_case"))
        if d.name in seen_dims or d.name in seen:
            issues.append(At(table=d.table).issue(
                "semantic", f"dimension {d.name!r} is defined twice (or is also a metric's name)"))
        seen_dims.add(d.name)
        table = by_name.get(d.table)
        if table is None:
            issues.append(At(table=d.table).issue(
                "semantic", f"dimension {d.name!r} reads unknown table {d.table!r}"))
            continue
        if d.column not in {c.name for c in table.columns}:
            issues.append(At(table=d.table, column=d.column).issue(
                "semantic", f"dimension {d.name!r} reads column {d.column!r}, which {d.table} lacks"))
        if d.parent is not None and d.parent not in dims:
            issues.append(At(table=d.table).issue(
                "semantic", f"dimension {d.name!r} names unknown parent {d.parent!r}"))
        if d.kind == "time" and not d.grains:
            issues.append(At(table=d.table, column=d.column).issue(
                "semantic", f"time dimension {d.name!r} needs at least one grain"))
    return issues
