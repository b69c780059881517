"""Per-column rules of a dataset spec: each generator's settings against the column's type
and the columns it reads, REPEATED (tag list) columns, and planted-story effects with their
conditions. Table-level and spec-level rules are in ``validate``."""

from __future__ import annotations

import re

from demoforge.spec.base import NUMERIC_TYPES, scalar_fits
from demoforge.spec.expressions import ExpressionError, parse
from demoforge.spec.generators import (
    GENERATOR_TYPES,
    CategoricalGen,
    DerivedGen,
    FakeGen,
    ForeignKeyGen,
    LookupGen,
    NumericGen,
    SequenceGen,
    TextGen,
    TimestampGen,
    UuidGen,
)
from demoforge.spec.graph import column_dependencies
from demoforge.spec.issues import At, SpecIssue
from demoforge.spec.tables import ColumnSpec, Effect, TableSpec

MAX_REPEATED_VALUES = 50
MAX_TIMESTAMP_DAYS = 366 * 30
_DATES = ("DATE", "TIMESTAMP")


def column_issues(
    t: TableSpec, c: ColumnSpec, cols: dict[str, ColumnSpec], tables: dict[str, TableSpec],
    fk_cols: set[str],
) -> list[SpecIssue]:
    at = At(t.name, c.name)
    if c.type == "STRUCT":
        return [at.issue(
            "unsupported",
            "STRUCT columns are not generated; model the nested data as a child table with a "
            "foreign key (it also keeps questions simple for the data agent)",
        )]
    issues: list[SpecIssue] = []
    if not c.description.strip():
        issues.append(at.issue("description", "add a description (the data agent reads it)"))
    if c.mode == "REPEATED":
        return issues + _repeated_issues(t, c, at)
    if c.mode == "REQUIRED" and c.nullable > 0:
        issues.append(at.issue("generator", "mode REQUIRED cannot have nullable > 0"))
    g = c.generator
    if g is None:
        return issues
    if c.type not in GENERATOR_TYPES[g.kind]:
        issues.append(at.issue(
            "type",
            f"generator {g.kind!r} cannot produce {c.type}; it produces {'/'.join(GENERATOR_TYPES[g.kind])}",
        ))
        return issues
    if isinstance(g, ForeignKeyGen) and c.name not in fk_cols:
        issues.append(at.issue("foreign_key", "'foreign_key' generator but the column is not listed in foreign_keys"))
    elif isinstance(g, CategoricalGen):
        issues += _categorical_issues(g, c, at)
    elif isinstance(g, NumericGen):
        if g.min is not None and g.max is not None and g.min > g.max:
            issues.append(at.issue("generator", f"numeric min {g.min} is greater than max {g.max}"))
        if g.distribution == "uniform" and g.low > g.high:
            issues.append(at.issue("generator", f"uniform low {g.low} is greater than high {g.high}"))
        if g.distribution in ("poisson", "exponential") and g.mean < 0:
            issues.append(at.issue("generator", f"{g.distribution} mean must be >= 0"))
    elif isinstance(g, SequenceGen):
        if c.type == "INT64" and (g.prefix or g.width):
            issues.append(at.issue("generator", "prefix/width only apply to STRING sequences"))
    elif isinstance(g, TimestampGen):
        issues += _timestamp_issues(t, g, cols, tables, at)
    elif isinstance(g, DerivedGen):
        issues += _derived_issues(t, g, cols, at)
    elif isinstance(g, LookupGen):
        issues += _via_issues(t, at, g.via, g.column, tables, None)
        f = t.fk(g.via)
        if f is not None and f.references_table in tables:
            pc_ = next((x for x in tables[f.references_table].columns if x.name == g.column), None)
            if pc_ is not None and pc_.type != c.type:
                issues.append(at.issue("type", f"lookup of {pc_.name} ({pc_.type}) into a {c.type} column"))
    elif isinstance(g, FakeGen) and g.source is not None:
        src = cols.get(g.source)
        if src is None or src.type != "STRING":
            issues.append(at.issue("reference", f"source {g.source!r} must be a STRING column of {t.name!r}"))
        elif g.field != "email":
            issues.append(at.issue("generator", "source only applies to the 'email' field"))
    elif isinstance(g, TextGen):
        for tpl in g.templates:
            for slot in re.findall(r"{(\w*)}", tpl):
                if slot not in g.slots or not g.slots[slot]:
                    issues.append(at.issue("generator", f"template {tpl!r} uses slot {{{slot}}} with no values in slots"))
    return issues


def _categorical_issues(g: CategoricalGen, c: ColumnSpec, at: At) -> list[SpecIssue]:
    issues: list[SpecIssue] = []
    bad = [v for v in g.values if not scalar_fits(v, c.type)]
    if bad:
        issues.append(at.issue("type", f"categorical values {bad[:3]!r} are not {c.type} values"))
    if g.weights is not None:
        if len(g.weights) != len(g.values):
            issues.append(at.issue("generator", f"{len(g.weights)} weights for {len(g.values)} values"))
        elif any(w < 0 for w in g.weights) or sum(g.weights) <= 0:
            issues.append(at.issue("generator", "weights must be >= 0 with a positive sum"))
    return issues


def _timestamp_issues(
    t: TableSpec, g: TimestampGen, cols: dict[str, ColumnSpec], tables: dict[str, TableSpec], at: At
) -> list[SpecIssue]:
    issues: list[SpecIssue] = []
    if g.end < g.start:
        issues.append(at.issue("generator", f"timestamp end {g.end} is before start {g.start}"))
    elif (g.end - g.start).days > MAX_TIMESTAMP_DAYS:
        issues.append(at.issue("generator", "timestamp range longer than 30 years"))
    for name, prof in (("monthly", g.monthly), ("weekday", g.weekday), ("hourly", g.hourly)):
        if prof is not None and (any(w < 0 for w in prof) or sum(prof) <= 0):
            issues.append(at.issue("generator", f"{name} profile needs weights >= 0 with a positive sum"))
    a = g.after
    if a is None:
        return issues
    if a.parent_column is None:
        ref = cols.get(a.column)
        if ref is None or ref.type not in _DATES:
            issues.append(at.issue(
                "reference",
                f"after.column {a.column!r} must be a DATE/TIMESTAMP column of {t.name!r} (or "
                "give parent_column to follow a foreign key)",
            ))
    else:
        issues += _via_issues(t, at, a.column, a.parent_column, tables, _DATES)
    return issues


def _derived_issues(t: TableSpec, g: DerivedGen, cols: dict[str, ColumnSpec], at: At) -> list[SpecIssue]:
    try:
        names = parse(g.expression).names
    except ExpressionError as e:
        return [at.issue("expression", str(e))]
    issues: list[SpecIssue] = []
    for n in sorted(names):
        ref = cols.get(n)
        if ref is None:
            issues.append(at.issue("expression", f"expression uses {n!r}, which is not a column of {t.name!r}"))
        elif ref.type not in (*NUMERIC_TYPES, "BOOL"):
            issues.append(at.issue("expression", f"expression uses {n!r} of type {ref.type}; only numbers"))
    return issues


def _repeated_issues(t: TableSpec, c: ColumnSpec, at: At) -> list[SpecIssue]:
    """REPEATED is supported for tag-like lists: a categorical STRING/INT64 generator whose
    rows get items_min..items_max distinct values. Anything richer belongs in a child table."""
    g = c.generator
    if not isinstance(g, CategoricalGen) or c.type not in ("STRING", "INT64"):
        return [at.issue(
            "repeated",
            "REPEATED columns need a 'categorical' generator and STRING or INT64 type (a list "
            "of tags); model anything richer as a child table with a foreign key",
        )]
    issues: list[SpecIssue] = []
    if c.nullable > 0:
        issues.append(at.issue(
            "repeated", "a REPEATED column is never NULL in BigQuery; set nullable 0 and items_min 0 for empty lists"
        ))
    if len(g.values) > MAX_REPEATED_VALUES:
        issues.append(at.issue("repeated", f"REPEATED columns take at most {MAX_REPEATED_VALUES} distinct values"))
    if g.items_min > g.items_max or g.items_max > len(g.values):
        issues.append(at.issue("repeated", f"need items_min <= items_max <= number of values ({len(g.values)})"))
    bad = [v for v in g.values if not scalar_fits(v, c.type)]
    if bad:
        issues.append(at.issue("type", f"categorical values {bad[:3]!r} are not {c.type} values"))
    if t.primary_key == c.name or t.fk(c.name) is not None:
        issues.append(at.issue("repeated", "a REPEATED column cannot be a key"))
    for other in t.columns:
        if other is not c and c.name in column_dependencies(t, other):
            issues.append(at.issue("repeated", f"column {other.name!r} cannot read a REPEATED column"))
    if any(e.target == c.name for e in t.effects):
        issues.append(at.issue("repeated", "effects cannot target a REPEATED column"))
    return issues


def _via_issues(
    t: TableSpec, at: At, via: str, column: str, tables: dict[str, TableSpec],
    types: tuple[str, ...] | None,
) -> list[SpecIssue]:
    """Problems reading ``column`` of the parent reached through the foreign key ``via``."""
    f = t.fk(via)
    if f is None:
        return [at.issue("reference", f"{via!r} must be a foreign key column of {t.name!r}")]
    parent = tables.get(f.references_table)
    if parent is None:
        return []  # reported on the foreign key itself
    pcol = next((x for x in parent.columns if x.name == column), None)
    if pcol is None:
        return [at.issue("reference", f"{f.references_table!r} has no column {column!r}")]
    if f.references_table == t.name:
        return [at.issue("reference", f"cannot read parent columns through the self-reference {via!r}")]
    if pcol.mode == "REPEATED":
        return [at.issue("reference", f"{f.references_table}.{column} is REPEATED and cannot be read from a child")]
    if types is not None and pcol.type not in types:
        return [at.issue("reference", f"{f.references_table}.{column} is {pcol.type}, need {'/'.join(types)}")]
    return []


def effect_issues(
    t: TableSpec, i: int, e: Effect, cols: dict[str, ColumnSpec], tables: dict[str, TableSpec]
) -> list[SpecIssue]:
    at = At(t.name, e.target, effect=i + 1)
    target = cols.get(e.target)
    if target is None:
        return [at.issue("effect", f"effect target is not a column of {t.name!r}")]
    issues: list[SpecIssue] = []
    if (e.multiply is None) == (e.set_value is None):
        issues.append(at.issue("effect", "give exactly one of multiply or set_value"))
    if e.multiply is not None and target.type not in NUMERIC_TYPES:
        issues.append(at.issue("effect", f"multiply needs a numeric target, {e.target!r} is {target.type}"))
    if e.set_value is not None and not scalar_fits(e.set_value, target.type):
        issues.append(at.issue("effect", f"set_value {e.set_value!r} is not a {target.type} value"))
    if isinstance(target.generator, SequenceGen | UuidGen | ForeignKeyGen) or t.primary_key == e.target:
        issues.append(at.issue("effect", "keys cannot be changed by effects"))
    for c in e.when:
        given = (c.equals, c.in_values, c.months, c.date_from, c.date_to, c.min, c.max)
        if all(x is None for x in given):
            issues.append(at.issue("effect", f"condition on {c.column!r} needs equals, in_values, months, dates or min/max"))
        if c.via is None:
            ref = cols.get(c.column)
            if ref is None:
                issues.append(at.issue("effect", f"condition column {c.column!r} is not a column of {t.name!r}"))
                continue
            if c.column == e.target:
                issues.append(at.issue("effect", "a condition cannot read the effect's own target"))
            ctype = ref.type
        else:
            via_issues = _via_issues(t, at, c.via, c.column, tables, None)
            if via_issues:
                issues += via_issues
                continue
            f = t.fk(c.via)
            parent = tables.get(f.references_table) if f else None
            if parent is None:
                continue
            ctype = next(x.type for x in parent.columns if x.name == c.column)
        for v in [c.equals, *(c.in_values or [])]:
            if v is not None and not scalar_fits(v, ctype):
                issues.append(at.issue("effect", f"condition value {v!r} is not a {ctype} value of {c.column!r}"))
        if (c.min is not None or c.max is not None) and ctype not in NUMERIC_TYPES:
            issues.append(at.issue("effect", f"min/max conditions need a numeric column, {c.column!r} is {ctype}"))
        if (c.months or c.date_from or c.date_to) and ctype not in _DATES:
            issues.append(at.issue(
                "effect", f"months/dates conditions need a DATE/TIMESTAMP column, {c.column!r} is {ctype}"
            ))
        if c.months and any(not 1 <= m <= 12 for m in c.months):
            issues.append(at.issue("effect", "months must be 1-12"))
    return issues
