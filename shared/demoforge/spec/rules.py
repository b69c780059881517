"""Whether a spec's consistency rules are usable: every condition of a value or text case,
of ``only_when`` and of ``exclude_parents`` reads a real column with values of its type;
``match`` and ``started_by`` name columns that exist on both sides with comparable types;
``after.until`` and per-channel lags read what they say. Whether the rules that the data
*needs* are present is ``spec.consistency``; this module only checks the rules given."""

from __future__ import annotations

import re

from demoforge.spec.base import NUMERIC_TYPES, scalar_fits
from demoforge.spec.conditions import Condition
from demoforge.spec.generators import CategoricalGen, ForeignKeyGen, TextGen, TimestampGen
from demoforge.spec.issues import At, SpecIssue
from demoforge.spec.tables import ColumnSpec, TableSpec

_DATES = ("DATE", "TIMESTAMP")


def condition_type(
    t: TableSpec, cond: Condition, cols: dict[str, ColumnSpec], tables: dict[str, TableSpec],
) -> tuple[str | None, str | None]:
    """(BigQuery type of the column the condition reads, or None; why it cannot be read)."""
    if cond.via is None:
        ref = cols.get(cond.column)
        if ref is None:
            return None, f"condition column {cond.column!r} is not a column of {t.name!r}"
        return ref.type, None
    f = t.fk(cond.via)
    if f is None:
        return None, f"condition via {cond.via!r} is not a foreign key column of {t.name!r}"
    parent = tables.get(f.references_table)
    if parent is None:
        return None, None  # reported on the foreign key itself
    if f.references_table == t.name:
        return None, f"conditions cannot read through the self-reference {cond.via!r}"
    pcol = next((c for c in parent.columns if c.name == cond.column), None)
    if pcol is None:
        return None, f"{f.references_table!r} has no column {cond.column!r}"
    if pcol.mode == "REPEATED":
        return None, f"{f.references_table}.{cond.column} is REPEATED and cannot be a condition"
    return pcol.type, None


def condition_issues(
    t: TableSpec, at: At, cond: Condition, cols: dict[str, ColumnSpec], tables: dict[str, TableSpec],
    what: str,
) -> list[SpecIssue]:
    ctype, why = condition_type(t, cond, cols, tables)
    if why:
        return [at.issue("rule", f"{what}: {why}")]
    if ctype is None:
        return []
    issues: list[SpecIssue] = []
    given = (cond.equals, cond.in_values, cond.months, cond.date_from, cond.date_to, cond.min, cond.max)
    if all(x is None for x in given):
        issues.append(at.issue("rule", f"{what}: condition on {cond.column!r} needs equals, in_values, months, dates or min/max"))
    for v in [cond.equals, *(cond.in_values or [])]:
        if v is not None and not scalar_fits(v, ctype):
            issues.append(at.issue("rule", f"{what}: condition value {v!r} is not a {ctype} value of {cond.column!r}"))
    if (cond.min is not None or cond.max is not None) and ctype not in NUMERIC_TYPES:
        issues.append(at.issue("rule", f"{what}: min/max conditions need a numeric column, {cond.column!r} is {ctype}"))
    if (cond.months or cond.date_from or cond.date_to) and ctype not in _DATES:
        issues.append(at.issue("rule", f"{what}: months/dates conditions need a DATE/TIMESTAMP column, {cond.column!r} is {ctype}"))
    if cond.months and any(not 1 <= m <= 12 for m in cond.months):
        issues.append(at.issue("rule", f"{what}: months must be 1-12"))
    return issues


def _parent_column(t: TableSpec, fk_column: str, column: str, tables: dict[str, TableSpec]) -> ColumnSpec | None:
    f = t.fk(fk_column)
    parent = tables.get(f.references_table) if f else None
    if parent is None:
        return None
    return next((c for c in parent.columns if c.name == column), None)


def rule_issues(
    t: TableSpec, c: ColumnSpec, cols: dict[str, ColumnSpec], tables: dict[str, TableSpec],
) -> list[SpecIssue]:
    """Problems with the consistency rules declared on column ``c`` of ``t``."""
    at = At(t.name, c.name)
    issues: list[SpecIssue] = []
    for cond in c.only_when or []:
        issues += condition_issues(t, at, cond, cols, tables, "only_when")
        if cond.via is None and cond.column == c.name:
            issues.append(at.issue("rule", "only_when cannot read the column itself"))
    if c.only_when and c.mode == "REQUIRED":
        issues.append(at.issue("rule", "a REQUIRED column cannot be NULL where only_when does not hold"))
    if c.currency is not None and c.type not in NUMERIC_TYPES:
        issues.append(at.issue("rule", f"currency {c.currency} on a {c.type} column; only money (numeric) columns carry one"))
    g = c.generator
    if isinstance(g, CategoricalGen):
        for k, case in enumerate(g.cases, 1):
            what = f"case {k}"
            for cond in case.when:
                issues += condition_issues(t, at, cond, cols, tables, what)
                if cond.via is None and cond.column == c.name:
                    issues.append(at.issue("rule", f"{what} cannot read the column itself"))
            bad = [v for v in case.values if not scalar_fits(v, c.type)]
            if bad:
                issues.append(at.issue("rule", f"{what}: values {bad[:3]!r} are not {c.type} values"))
            if case.weights is not None and (len(case.weights) != len(case.values)
                                             or any(w < 0 for w in case.weights) or sum(case.weights) <= 0):
                issues.append(at.issue("rule", f"{what}: need one weight >= 0 per value, with a positive sum"))
        if g.cases and c.mode == "REPEATED":
            issues.append(at.issue("rule", "REPEATED columns cannot have cases"))
        if g.cases and g.cycle:
            issues.append(at.issue("rule", "a cycled dimension column cannot have cases"))
    elif isinstance(g, TextGen):
        for k, tcase in enumerate(g.cases, 1):
            for cond in tcase.when:
                issues += condition_issues(t, at, cond, cols, tables, f"text case {k}")
            for tpl in tcase.templates:
                for slot in re.findall(r"{(\w*)}", tpl):
                    if slot not in tcase.slots or not tcase.slots[slot]:
                        issues.append(at.issue("rule", f"text case {k}: template {tpl!r} uses slot {{{slot}}} with no values"))
        if g.cases and any(e.target == c.name for e in t.effects):
            issues.append(at.issue("rule", "effects cannot target text with cases (the text would no longer agree)"))
    elif isinstance(g, ForeignKeyGen):
        issues += _fk_rule_issues(t, c, g, cols, tables, at)
    elif isinstance(g, TimestampGen) and g.after is not None:
        issues += _after_rule_issues(t, g, cols, tables, at)
    return issues


def _fk_rule_issues(
    t: TableSpec, c: ColumnSpec, g: ForeignKeyGen, cols: dict[str, ColumnSpec], tables: dict[str, TableSpec], at: At,
) -> list[SpecIssue]:
    issues: list[SpecIssue] = []
    f = t.fk(c.name)
    if f is None or f.references_table not in tables:
        return issues  # reported as a foreign key problem
    parent = tables[f.references_table]
    pcols = {x.name: x for x in parent.columns}
    self_ref = f.references_table == t.name
    if self_ref and (g.match or g.started_by or g.exclude_parents or g.weights_column):
        return [at.issue("rule", "a self-reference cannot carry match, started_by or exclude_parents")]
    if g.weights_column is not None:
        w = pcols.get(g.weights_column)
        if w is None or w.type not in NUMERIC_TYPES:
            issues.append(at.issue("rule", f"weights_column {g.weights_column!r} must be a numeric column of {parent.name!r}"))
        elif g.distribution == "zipf" or g.match or g.started_by:
            issues.append(at.issue("rule", "weights_column replaces the distribution; it cannot be combined with zipf, match or started_by"))
    if g.distribution == "cycle" and (g.match or g.started_by or g.weights_column):
        issues.append(at.issue("rule", "a cycled reference cannot also match, follow started_by or use weights"))
    if g.match is not None:
        mine, theirs = cols.get(g.match.column), pcols.get(g.match.parent_column)
        if mine is None:
            issues.append(at.issue("rule", f"match.column {g.match.column!r} is not a column of {t.name!r}"))
        if theirs is None:
            issues.append(at.issue("rule", f"match.parent_column {g.match.parent_column!r} is not a column of {parent.name!r}"))
        if mine is not None and theirs is not None and mine.type != theirs.type:
            issues.append(at.issue("rule", f"match compares {t.name}.{mine.name} ({mine.type}) with {parent.name}.{theirs.name} ({theirs.type})"))
        if g.match.column == c.name:
            issues.append(at.issue("rule", "match.column cannot be the foreign key itself"))
    if g.started_by is not None:
        mine, theirs = cols.get(g.started_by.column), pcols.get(g.started_by.parent_column)
        if mine is None or mine.type not in _DATES:
            issues.append(at.issue("rule", f"started_by.column {g.started_by.column!r} must be a DATE/TIMESTAMP column of {t.name!r}"))
        if theirs is None or theirs.type not in _DATES:
            issues.append(at.issue("rule", f"started_by.parent_column {g.started_by.parent_column!r} must be a DATE/TIMESTAMP column of {parent.name!r}"))
    if (g.match or g.started_by) and t.children_per_parent is not None and t.children_per_parent.foreign_key == c.name:
        issues.append(at.issue("rule", "match/started_by do not apply to the children_per_parent key"))
    for cond in g.exclude_parents:
        if cond.via is not None:
            issues.append(at.issue("rule", "exclude_parents conditions read the parent's own columns; drop 'via'"))
            continue
        issues += condition_issues(parent, At(t.name, c.name), cond, pcols, tables, "exclude_parents")
    return issues


def _after_rule_issues(
    t: TableSpec, g: TimestampGen, cols: dict[str, ColumnSpec], tables: dict[str, TableSpec], at: At,
) -> list[SpecIssue]:
    a = g.after
    assert a is not None
    issues: list[SpecIssue] = []
    if a.until is not None:
        if a.parent_column is None:
            issues.append(at.issue("rule", "after.until needs parent_column (it reads the parent's column)"))
        else:
            pc_ = _parent_column(t, a.column, a.until, tables)
            if pc_ is None or pc_.type not in _DATES:
                issues.append(at.issue("rule", f"after.until {a.until!r} must be a DATE/TIMESTAMP column of the parent"))
    if a.by is not None:
        if a.mean_hours is None:
            issues.append(at.issue("rule", "after.by needs mean_hours (the lag of values not in mean_hours_by)"))
        if a.by_via is None:
            ref = cols.get(a.by)
            if ref is None or ref.type != "STRING":
                issues.append(at.issue("rule", f"after.by {a.by!r} must be a STRING column of {t.name!r}"))
        else:
            if t.fk(a.by_via) is None:
                issues.append(at.issue("rule", f"after.by_via {a.by_via!r} is not a foreign key column of {t.name!r}"))
            else:
                pc_ = _parent_column(t, a.by_via, a.by, tables)
                if pc_ is None or pc_.type != "STRING":
                    issues.append(at.issue("rule", f"after.by {a.by!r} must be a STRING column of the parent"))
    elif a.mean_hours_by or a.by_via:
        issues.append(at.issue("rule", "mean_hours_by/by_via need after.by (the column that picks the lag)"))
    if any(v <= 0 for v in a.mean_hours_by.values()):
        issues.append(at.issue("rule", "mean_hours_by values must be > 0"))
    return issues


def table_rule_issues(t: TableSpec, tables: dict[str, TableSpec] | None = None) -> list[SpecIssue]:
    """The table's own rule fields: ``time_column`` names a DATE/TIMESTAMP column; an
    exposure of children per parent reads date columns of the parent inside a window."""
    issues: list[SpecIssue] = []
    if t.time_column is not None:
        col = next((c for c in t.columns if c.name == t.time_column), None)
        if col is None or col.type not in _DATES:
            issues.append(At(t.name, t.time_column).issue("rule", "time_column must be a DATE/TIMESTAMP column of the table"))
    cpp = t.children_per_parent
    if cpp is not None and (cpp.exposure_start or cpp.exposure_end):
        at = At(t.name, cpp.foreign_key)
        f = t.fk(cpp.foreign_key)
        parent = (tables or {}).get(f.references_table) if f else None
        if cpp.exposure_start is None or cpp.window_from is None or cpp.window_to is None:
            issues.append(at.issue("rule", "an exposure needs exposure_start, window_from and window_to"))
        elif cpp.window_to < cpp.window_from:
            issues.append(at.issue("rule", "window_to is before window_from"))
        if parent is not None:
            pcols = {c.name: c for c in parent.columns}
            for name in (cpp.exposure_start, cpp.exposure_end):
                if name is not None and (name not in pcols or pcols[name].type not in _DATES):
                    issues.append(at.issue("rule", f"exposure column {name!r} must be a DATE/TIMESTAMP column of {parent.name!r}"))
    return issues
