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
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from pydantic import Field

from demoforge.spec.base import SpecModel
from demoforge.spec.issues import At, SpecIssue
from demoforge.spec.tables import TableSpec

MetricUnit = Literal["currency", "count", "percent", "ratio", "hours", "days", "minutes",
                     "quantity", "score"]
MetricFormat = Literal["integer", "decimal", "currency", "percent"]
DimensionKind = Literal["time", "geography", "offering", "segment", "channel", "status",
                        "staff", "other"]
TimeGrain = Literal["day", "week", "month", "quarter", "year"]

_IDENT = re.compile(r"^[a-z][a-z0-9_]*$")
# Column references in an expression or filter: bare identifiers that are not SQL words,
# function names (followed by "(") or string literals.
_WORD = re.compile(r"'(?:[^']|'')*'|\b([A-Za-z_][A-Za-z0-9_]*)\b(\s*\()?")
_SQL_WORDS = frozenset(
    """AND OR NOT IN IS NULL TRUE FALSE CASE WHEN THEN ELSE END AS DISTINCT BETWEEN LIKE
    INTERVAL DAY WEEK MONTH QUARTER YEAR HOUR MINUTE SECOND DATE TIMESTAMP INT64 FLOAT64
    NUMERIC STRING BOOL""".split()  # noqa: SIM905
)


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


class Dimension(SpecModel):
    name: str = Field(min_length=1, max_length=64)
    label: str = Field(min_length=1, max_length=80)
    table: str
    column: str
    kind: DimensionKind = "other"
    grains: list[TimeGrain] = Field(default_factory=list)  # for kind == "time"
    parent: str | None = None  # the coarser dimension of a hierarchy (category > product)
    synonyms: list[str] = Field(default_factory=list, max_length=10)


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


def metric_sql(metric: Metric, *, grain: TimeGrain | None = None,
               by: Dimension | None = None, extra_filters: Sequence[str] = ()) -> str:
    """BigQuery SQL for a metric, optionally per time grain and/or by a dimension of the
    metric's own table: the one place a metric's definition becomes SQL."""
    select: list[str] = []
    group: list[str] = []
    if grain is not None:
        if metric.time_column is None:
            raise ValueError(f"metric {metric.name} has no time column for a {grain} grain")
        # The alias is not the grain's keyword (MONTH, YEAR ...), which engines reserve.
        select.append(f"DATE_TRUNC(DATE({metric.time_column}), {grain.upper()}) AS {grain}_start")
        group.append(f"{grain}_start")
    if by is not None:
        if by.table != metric.table:
            raise ValueError(f"dimension {by.name} is on {by.table}, not on {metric.table}")
        select.append(f"{by.column} AS {by.name}")
        group.append(by.name)
    select.append(f"{metric.expression} AS {metric.name}")
    sql = f"SELECT {', '.join(select)} FROM {metric.table}"
    where = metric_where(metric, extra_filters)
    if where:
        sql += f" {where}"
    if group:
        sql += f" GROUP BY {', '.join(group)} ORDER BY {', '.join(group)}"
    return sql


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
        if m.unit == "currency" and not m.currency:
            issues.append(at.issue("semantic", f"metric {m.name!r} is money: give its currency"))
    dims = {d.name for d in layer.dimensions}
    for d in layer.dimensions:
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
