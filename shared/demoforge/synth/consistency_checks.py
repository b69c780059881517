"""Realism checks for the consistency rules, over the generated Parquet files (DuckDB).

Two families, so a rule holds whether it was declared or not:
- *declared*: every rule the spec states is verified on the data: ``case:`` (conditioned
  values), ``text_case:`` (text agrees with what it is conditioned on, e.g. the rating),
  ``only_when:``, ``exclude:`` (no child under an excluded parent), ``match:`` (the staff
  member works at the row's location), ``started:`` (hired before the row), ``until:`` (no
  transaction after the churn date), ``repeat:`` (children per parent as planned: the
  shape's purchase frequency), ``window:`` (no time before its generator's start);
- *implied*, from the same vocabulary the spec validator uses (``spec.consistency``):
  ``status_flow:`` (nothing captured, shipped or settled under a cancelled, voided, no-show
  or denied parent), ``staff_location:``, ``time_order:`` (a row is not earlier than the
  row it names), ``churn:``, ``run_date:`` (nothing after ``as_of``).
Each failing check names the table and column and counts the offending rows."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from demoforge.spec.conditions import Condition
from demoforge.spec.consistency import (
    _CHURN_DATE,
    _FULFILMENT_TABLE,
    FULFILMENT_VALUES,
    _void_columns,
    is_staff,
    possible_values,
    time_column,
)
from demoforge.spec.model import (
    CategoricalGen,
    DatasetSpec,
    ForeignKeyGen,
    TableSpec,
    TextGen,
    TimestampGen,
)
from demoforge.spec.planning import expected_children
from demoforge.synth.check_result import CheckResult

if TYPE_CHECKING:
    import duckdb

_SLOT = re.compile(r"{(\w*)}")


def _q(name: str) -> str:
    return f'"{name}"'


def _lit(v: object) -> str:
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int | float):
        return repr(v)
    return "'" + str(v).replace("'", "''") + "'"


class _Query:
    """FROM clause of a table with LEFT JOINs to the parents conditions read through."""

    def __init__(self, spec: DatasetSpec, t: TableSpec, alias: str = "c") -> None:
        self.spec, self.t, self.alias = spec, t, alias
        self.joins: dict[str, str] = {}

    def ref(self, column: str, via: str | None) -> tuple[str, str]:
        """(SQL for the column, its BigQuery type)."""
        if via is None:
            return f"{self.alias}.{_q(column)}", self.t.column(column).type
        alias = self.joins.setdefault(via, f"p{len(self.joins)}")
        fk = self.t.fk(via)
        assert fk is not None
        return f"{alias}.{_q(column)}", self.spec.table(fk.references_table).column(column).type

    def cond(self, c: Condition) -> str:
        col, ctype = self.ref(c.column, c.via)
        parts = []
        if c.equals is not None:
            parts.append(f"{col} = {_lit(c.equals)}")
        if c.in_values is not None:
            parts.append(f"{col} IN ({', '.join(_lit(v) for v in c.in_values)})")
        if c.months:
            parts.append(f"EXTRACT(MONTH FROM {col}) IN ({', '.join(map(str, c.months))})")
        if c.date_from:
            parts.append(f"CAST({col} AS DATE) >= DATE '{c.date_from}'")
        if c.date_to:
            parts.append(f"CAST({col} AS DATE) <= DATE '{c.date_to}'")
        if c.min is not None:
            parts.append(f"{col} >= {c.min!r}")
        if c.max is not None:
            parts.append(f"{col} <= {c.max!r}")
        return "(" + " AND ".join(parts or ["TRUE"]) + ")"

    def conds(self, cs: list[Condition]) -> str:
        return "(" + " AND ".join(self.cond(c) for c in cs) + ")"

    def from_(self) -> str:
        sql = f"FROM {_q(self.t.name)} c"
        for via, alias in self.joins.items():
            fk = self.t.fk(via)
            assert fk is not None
            sql += (f" LEFT JOIN {_q(fk.references_table)} {alias} "
                    f"ON c.{_q(via)} = {alias}.{_q(fk.references_column)}")
        return sql


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _result(name: str, bad: int, what: str) -> CheckResult:
    return CheckResult(name, bad == 0, f"{bad} {what}")


def template_regex(templates: list[str], slots: dict[str, list[str]]) -> str:
    """A regular expression matching exactly the texts the templates can render."""
    alts = []
    for tpl in templates:
        parts = _SLOT.split(tpl)
        out = []
        for i, part in enumerate(parts):
            if i % 2 == 0:
                out.append(re.escape(part))
            else:
                out.append("(?:" + "|".join(re.escape(v) for v in slots[part]) + ")")
        alts.append("".join(out))
    return "^(?:" + "|".join(alts) + ")$"


def consistency_checks(spec: DatasetSpec, con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    out: list[CheckResult] = []
    for t in spec.tables:
        out += _declared(spec, t, con)
        out += _implied(spec, t, con)
    return out


def _declared(spec: DatasetSpec, t: TableSpec, con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    out: list[CheckResult] = []
    for c in t.columns:
        g = c.generator
        col = f"c.{_q(c.name)}"
        if isinstance(g, CategoricalGen) and g.cases and c.mode != "REPEATED":
            earlier: list[str] = []
            for k, case in enumerate(g.cases, 1):
                q = _Query(spec, t)
                here = q.conds(case.when)
                prior = [q.conds(x.when) for x in g.cases[: k - 1]]
                guard = " AND ".join(f"NOT COALESCE({p}, FALSE)" for p in prior) or "TRUE"
                sql = (f"SELECT COUNT(*) {q.from_()} WHERE {here} AND {guard} AND {col} IS NOT NULL "
                       f"AND {col} NOT IN ({', '.join(_lit(v) for v in case.values)})")
                out.append(_result(f"case:{t.name}.{c.name}#{k}", _count(con, sql),
                                   f"rows where case {k} holds carry a value it does not allow"))
                earlier.append(here)
        elif isinstance(g, TextGen) and g.cases:
            for k, tcase in enumerate(g.cases, 1):
                q = _Query(spec, t)
                here = q.conds(tcase.when)
                prior = [q.conds(x.when) for x in g.cases[: k - 1]]
                guard = " AND ".join(f"NOT COALESCE({p}, FALSE)" for p in prior) or "TRUE"
                pattern = template_regex(tcase.templates, tcase.slots)
                sql = (f"SELECT COUNT(*) {q.from_()} WHERE {here} AND {guard} AND {col} IS NOT NULL "
                       f"AND NOT regexp_full_match({col}, {_lit(pattern)})")
                out.append(_result(f"text_case:{t.name}.{c.name}#{k}", _count(con, sql),
                                   f"texts disagree with what text case {k} is conditioned on"))
        if c.only_when:
            q = _Query(spec, t)
            sql = f"SELECT COUNT(*) {q.from_()} WHERE {col} IS NOT NULL AND NOT COALESCE({q.conds(c.only_when)}, FALSE)"
            out.append(_result(f"only_when:{t.name}.{c.name}", _count(con, sql), "values on rows only_when excludes"))
        if isinstance(g, ForeignKeyGen):
            out += _fk_rules(spec, t, c.name, g, con)
        if isinstance(g, TimestampGen):
            early = _count(con, f"SELECT COUNT(*) FROM {_q(t.name)} c WHERE CAST({col} AS DATE) < DATE '{g.start}'")
            out.append(_result(f"window:{t.name}.{c.name}", early, f"rows before the column's window start {g.start}"))
        if isinstance(g, TimestampGen) and g.after and g.after.until and g.after.parent_column:
            fk = t.fk(g.after.column)
            assert fk is not None
            sql = (f"SELECT COUNT(*) FROM {_q(t.name)} c JOIN {_q(fk.references_table)} p "
                   f"ON c.{_q(fk.column)} = p.{_q(fk.references_column)} "
                   f"WHERE {_later(spec, t, c.name, fk.references_table, g.after.until)}")
            out.append(_result(f"until:{t.name}.{c.name}", _count(con, sql),
                               f"rows later than {fk.references_table}.{g.after.until}"))
    cpp = t.children_per_parent
    if cpp is not None:
        fk = t.fk(cpp.foreign_key)
        assert fk is not None
        parents, children, most = con.execute(
            f"SELECT (SELECT COUNT(*) FROM {_q(fk.references_table)}), COUNT(*), "
            f"(SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM {_q(t.name)} GROUP BY {_q(fk.column)})) "
            f"FROM {_q(t.name)}"
        ).fetchone() or (0, 0, 0)
        fk_gen = t.column(cpp.foreign_key).generator
        excluded = 0
        if isinstance(fk_gen, ForeignKeyGen) and fk_gen.exclude_parents:
            pq = _Query(spec, spec.table(fk.references_table))
            excluded = _count(con, f"SELECT COUNT(*) {pq.from_()} WHERE {pq.conds(fk_gen.exclude_parents)}")
        eligible = max(parents - excluded, 0)
        want = expected_children(cpp)
        seen = children / eligible if eligible else 0.0
        # With an exposure, counts are rescaled per parent before the min/max clip: looser.
        rel = 0.25 if cpp.exposure_start else 0.1
        tol = rel * want + 4 * math.sqrt(max(want, 0.01) / max(eligible, 1)) + 0.02
        ok = eligible < 30 or (abs(seen - want) <= tol and (cpp.max is None or (most or 0) <= cpp.max))
        out.append(CheckResult(f"repeat:{t.name}", bool(ok),
                               f"{seen:.2f} {t.name} per {fk.references_table} (planned {want:.2f}), at most {most}"))
    return out


def _later(spec: DatasetSpec, t: TableSpec, col: str, parent: str, pcol: str) -> str:
    """SQL: the child's ``col`` is later than the parent's ``pcol`` (a DATE ends at midnight)."""
    ptype = spec.table(parent).column(pcol).type
    if ptype == "DATE":
        return f"CAST(c.{_q(col)} AS DATE) > p.{_q(pcol)}"
    if t.column(col).type == "DATE":
        return f"c.{_q(col)} > CAST(p.{_q(pcol)} AS DATE)"
    return f"CAST(c.{_q(col)} AS TIMESTAMP) > CAST(p.{_q(pcol)} AS TIMESTAMP)"


def _earlier(spec: DatasetSpec, t: TableSpec, col: str, parent: str, pcol: str) -> str:
    """SQL: the child's ``col`` is earlier than the parent's ``pcol`` (days for DATEs)."""
    if "DATE" in (t.column(col).type, spec.table(parent).column(pcol).type):
        return f"CAST(c.{_q(col)} AS DATE) < CAST(p.{_q(pcol)} AS DATE)"
    return f"CAST(c.{_q(col)} AS TIMESTAMP) < CAST(p.{_q(pcol)} AS TIMESTAMP)"


def _fk_rules(spec: DatasetSpec, t: TableSpec, name: str, g: ForeignKeyGen, con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    fk = t.fk(name)
    if fk is None or fk.references_table == t.name:
        return []
    parent = spec.table(fk.references_table)
    join = (f"FROM {_q(t.name)} c JOIN {_q(parent.name)} p "
            f"ON c.{_q(name)} = p.{_q(fk.references_column)}")
    out: list[CheckResult] = []
    if g.exclude_parents:
        conds = _Query(spec, parent, alias="p").conds(g.exclude_parents)
        out.append(_result(f"exclude:{t.name}.{name}", _count(con, f"SELECT COUNT(*) {join} WHERE {conds}"),
                           f"rows under excluded {parent.name} rows"))
    if g.match:
        m = g.match
        sql = (f"SELECT COUNT(*) {join} WHERE c.{_q(m.column)} IS NOT NULL "
               f"AND c.{_q(m.column)} IS DISTINCT FROM p.{_q(m.parent_column)}")
        out.append(_result(f"match:{t.name}.{name}", _count(con, sql),
                           f"rows whose {parent.name}.{m.parent_column} differs from {m.column}"))
    if g.started_by:
        sb = g.started_by
        sql = f"SELECT COUNT(*) {join} WHERE {_earlier(spec, t, sb.column, parent.name, sb.parent_column)}"
        out.append(_result(f"started:{t.name}.{name}", _count(con, sql),
                           f"rows before their {parent.name}.{sb.parent_column}"))
    return out


def _implied(spec: DatasetSpec, t: TableSpec, con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    out: list[CheckResult] = []
    tables = {x.name: x for x in spec.tables}
    for f in t.foreign_keys:
        parent = tables.get(f.references_table)
        if parent is None or parent.name == t.name:
            continue
        join = (f"FROM {_q(t.name)} c JOIN {_q(parent.name)} p "
                f"ON c.{_q(f.column)} = p.{_q(f.references_column)}")
        for pcol, void in _void_columns(parent):
            in_void = f"p.{_q(pcol)} IN ({', '.join(_lit(v) for v in sorted(map(str, void)))})"
            has_status = False
            for c in t.columns:
                if c.type != "STRING" or not isinstance(c.generator, CategoricalGen):
                    continue
                fulfil = sorted(str(v) for v in possible_values(t, c) if str(v).lower() in FULFILMENT_VALUES)
                if not fulfil:
                    continue
                has_status = True
                sql = f"SELECT COUNT(*) {join} WHERE {in_void} AND c.{_q(c.name)} IN ({', '.join(map(_lit, fulfil))})"
                out.append(_result(f"status_flow:{t.name}.{c.name}", _count(con, sql),
                                   f"{t.name} rows {fulfil} under {parent.name}.{pcol} in {sorted(map(str, void))}"))
            if not has_status and _FULFILMENT_TABLE.search(t.name):
                out.append(_result(f"status_flow:{t.name}.{f.column}", _count(con, f"SELECT COUNT(*) {join} WHERE {in_void}"),
                                   f"{t.name} rows under {parent.name}.{pcol} in {sorted(map(str, void))}"))
        # staff at the row's location
        by_target = {x.references_table: x.column for x in t.foreign_keys}
        for sf in parent.foreign_keys if is_staff(parent) else []:
            loc_col = by_target.get(sf.references_table)
            if loc_col is not None and sf.references_table not in (t.name, parent.name):
                sql = (f"SELECT COUNT(*) {join} WHERE c.{_q(loc_col)} IS NOT NULL "
                       f"AND c.{_q(loc_col)} IS DISTINCT FROM p.{_q(sf.column)}")
                out.append(_result(f"staff_location:{t.name}.{f.column}", _count(con, sql),
                                   f"rows whose {parent.name} works at another {sf.references_table} row"))
        tc, pc = time_column(t), time_column(parent)
        if tc is not None and pc is not None:
            sql = f"SELECT COUNT(*) {join} WHERE {_earlier(spec, t, tc, parent.name, pc)}"
            out.append(_result(f"time_order:{t.name}.{tc}", _count(con, sql),
                               f"rows earlier than {parent.name}.{pc} of the row they name"))
            for c in parent.columns:
                if c.type in ("DATE", "TIMESTAMP") and c.only_when and _CHURN_DATE.search(c.name):
                    sql = f"SELECT COUNT(*) {join} WHERE {_later(spec, t, tc, parent.name, c.name)}"
                    out.append(_result(f"churn:{t.name}.{tc}", _count(con, sql),
                                       f"rows after {parent.name}.{c.name}"))
    if spec.as_of is not None:
        end = f"TIMESTAMP '{spec.as_of} 23:59:59.999999'"
        for c in t.columns:
            if c.type in ("DATE", "TIMESTAMP"):
                sql = f"SELECT COUNT(*) FROM {_q(t.name)} c WHERE CAST(c.{_q(c.name)} AS TIMESTAMP) > {end}"
                out.append(_result(f"run_date:{t.name}.{c.name}", _count(con, sql), f"rows after the run date {spec.as_of}"))
    return out
