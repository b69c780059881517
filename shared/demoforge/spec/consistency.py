"""Rules the data must obey so its tables agree with each other, checked on the spec
before anything is generated (template or Claude-written alike). Each finding is a
``SpecIssue`` of kind ``consistency`` naming the tables and columns and what to declare:

- **status flow**: a child of a parent that can be cancelled, voided, a no-show, denied ...
  may not be captured, shipped, settled ... under such a parent: the child's status column
  needs a ``case`` on the parent's status, or the reference ``exclude_parents`` them
  (fulfilment tables such as shipments and payments without a status need the latter);
- **staff at the location**: a row naming a location and a staff member (a table of
  employees, agents, clinicians ... or one with a hire date) of that location type needs
  ``match`` on the staff reference;
- **time order**: a row's time follows its parent's (``after``) or the parent had started
  (``started_by``, e.g. the employee's hire date), unless the parent's times all precede
  the row's;
- **churn**: children of a parent with a churn/end date stop at it (``after.until``);
- **reviews**: free text beside a rating is conditioned on the rating (text ``cases``);
- **refunds**: a refund time comes after the payment and exists only for refunds;
- **run date**: no time after the spec's ``as_of``.

The vocabulary of statuses and names is multilingual-neutral snake_case English, the
language specs are written in (values people read are localised labels elsewhere)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Protocol

from demoforge.spec.base import Scalar
from demoforge.spec.generators import CategoricalGen, ForeignKeyGen, TextGen, TimestampGen
from demoforge.spec.issues import At, SpecIssue
from demoforge.spec.tables import ColumnSpec, TableSpec

# Outcomes after which nothing is paid, shipped or settled.
VOID_STATUSES = frozenset({
    "cancelled", "canceled", "voided", "void", "no_show", "noshow", "denied", "declined",
    "rejected", "withdrawn", "lost", "abandoned",
})
# Child values that mean money moved or goods left.
FULFILMENT_VALUES = frozenset({
    "captured", "paid", "settled", "shipped", "delivered", "fulfilled", "refunded", "dispatched",
    "in_transit", "succeeded", "collected", "paid_out",
})
_FULFILMENT_TABLE = re.compile(r"(^|_)(shipments?|deliver(y|ies)|fulfil+ments?|dispatch(es)?|payouts?|settlements?|payments?)($|_)")
_CHURN_DATE = re.compile(r"(churn|cancel|closed|ended|lapsed|terminat|left_at|lost_at)")
_RATING = re.compile(r"(^|_)(rating|stars|nps|satisfaction)(_|$)")
_FREE_TEXT = re.compile(r"(^|_)(text|comment|comments|review|feedback|body)($|_)")
_REFUND_TIME = re.compile(r"^refund")
# People who work for the business (a staff table): rows they handle happen where they work.
_STAFF_TABLE = re.compile(
    r"(employee|staff|agent|adviser|advisor|clinician|practitioner|physician|doctor|nurse|dentist|"
    r"therapist|(^|_)reps?($|_)|consultant|caseworker|driver|manager|officer|instructor|teacher|"
    r"tutor|professional|banker|cashier|stylist|technician|worker|crew|personnel)")
_HIRE_DATE = re.compile(r"(hire|hiring|employed|employment_start)")


def is_staff(t: TableSpec) -> bool:
    """Whether a table lists the business's staff (by its name or a hire-date column)."""
    return bool(_STAFF_TABLE.search(t.name)) or any(
        c.type in ("DATE", "TIMESTAMP") and _HIRE_DATE.search(c.name) for c in t.columns)
_DATES = ("DATE", "TIMESTAMP")


class SpecParts(Protocol):
    @property
    def tables(self) -> Sequence[TableSpec]: ...

    @property
    def as_of(self) -> dt.date | None: ...


def time_column(t: TableSpec) -> str | None:
    """When the row happened: ``time_column``, else its first generated TIMESTAMP, else
    its first generated DATE column."""
    if t.time_column is not None:
        return t.time_column
    for wanted in ("TIMESTAMP", "DATE"):
        for c in t.columns:
            if c.type == wanted and (c.generator is None or isinstance(c.generator, TimestampGen)):
                return c.name
    return None


def possible_values(t: TableSpec, c: ColumnSpec) -> set[Scalar]:
    """Every value a categorical column can take: its values, its cases', effects' set values."""
    g = c.generator
    out: set[Scalar] = set()
    if isinstance(g, CategoricalGen):
        out |= set(g.values)
        for case in g.cases:
            out |= set(case.values)
    for e in t.effects:
        if e.target == c.name and e.set_value is not None:
            out.add(e.set_value)
    return out


def consistency_issues(spec: SpecParts) -> list[SpecIssue]:
    tables = {t.name: t for t in spec.tables}
    issues: list[SpecIssue] = []
    for t in spec.tables:
        issues += _status_flow(t, tables)
        issues += _staff_location(t, tables)
        issues += _time_order(t, tables)
        issues += _reviews(t)
        issues += _refunds(t)
        if spec.as_of is not None:
            issues += _run_date(t, spec.as_of)
    return issues


def _void_columns(parent: TableSpec) -> list[tuple[str, set[Scalar]]]:
    out = []
    for c in parent.columns:
        if c.type == "STRING":
            void = {v for v in possible_values(parent, c) if str(v).lower() in VOID_STATUSES}
            if void:
                out.append((c.name, void))
    return out


def _guarded_by_case(g: CategoricalGen, via: str, column: str, void: set[Scalar]) -> bool:
    """Some case of ``g`` covers every void value of the parent's column, without fulfilment values."""
    covered: set[Scalar] = set()
    for case in g.cases:
        if any(str(v).lower() in FULFILMENT_VALUES for v in case.values):
            continue
        for cond in case.when:
            if cond.via == via and cond.column == column and len(case.when) == 1:
                covered |= set(cond.in_values or []) | ({cond.equals} if cond.equals is not None else set())
    return void <= covered


def _excluded(g: ForeignKeyGen | None, column: str, void: set[Scalar]) -> bool:
    if g is None:
        return False
    covered: set[Scalar] = set()
    for cond in g.exclude_parents:
        if cond.column == column:
            covered |= set(cond.in_values or []) | ({cond.equals} if cond.equals is not None else set())
    return void <= covered


def _status_flow(t: TableSpec, tables: dict[str, TableSpec]) -> list[SpecIssue]:
    issues: list[SpecIssue] = []
    for f in t.foreign_keys:
        parent = tables.get(f.references_table)
        if parent is None or parent.name == t.name:
            continue
        fk_col = next((c for c in t.columns if c.name == f.column), None)
        fk_gen = fk_col.generator if fk_col is not None and isinstance(fk_col.generator, ForeignKeyGen) else None
        for pcol, void in _void_columns(parent):
            if _excluded(fk_gen, pcol, void):
                continue
            void_list = sorted(map(str, void))
            has_status = False
            for c in t.columns:
                g = c.generator
                if not isinstance(g, CategoricalGen) or c.type != "STRING":
                    continue
                fulfil = sorted(str(v) for v in possible_values(t, c) if str(v).lower() in FULFILMENT_VALUES)
                if not fulfil:
                    continue
                has_status = True
                if not _guarded_by_case(g, f.column, pcol, void):
                    issues.append(At(t.name, c.name).issue(
                        "consistency",
                        f"{t.name}.{c.name} can be {fulfil} under a {parent.name} row whose {pcol} is "
                        f"{void_list}: add a case (when {parent.name}.{pcol} via {f.column} in {void_list}) "
                        f"whose values exclude {fulfil}, or exclude_parents on {t.name}.{f.column}",
                    ))
            if not has_status and _FULFILMENT_TABLE.search(t.name):
                issues.append(At(t.name, f.column).issue(
                    "consistency",
                    f"{t.name} rows (a fulfilment) can exist under a {parent.name} row whose {pcol} is "
                    f"{void_list}: add exclude_parents ({pcol} in {void_list}) to {t.name}.{f.column}",
                ))
    return issues


def _staff_location(t: TableSpec, tables: dict[str, TableSpec]) -> list[SpecIssue]:
    issues: list[SpecIssue] = []
    by_target = {f.references_table: f.column for f in t.foreign_keys}
    for f in t.foreign_keys:
        staff = tables.get(f.references_table)
        if staff is None or staff.name == t.name or not is_staff(staff):
            continue
        for sf in staff.foreign_keys:
            loc_col = by_target.get(sf.references_table)
            if loc_col is None or sf.references_table in (t.name, staff.name):
                continue
            col = next((c for c in t.columns if c.name == f.column), None)
            g = col.generator if col is not None else None
            m = g.match if isinstance(g, ForeignKeyGen) else None
            if m is None or m.column != loc_col or m.parent_column != sf.column:
                issues.append(At(t.name, f.column).issue(
                    "consistency",
                    f"{t.name} names a {sf.references_table} row ({loc_col}) and a {staff.name} row "
                    f"({f.column}) who belongs to a {sf.references_table} row ({staff.name}.{sf.column}): "
                    f"give {t.name}.{f.column} match {{column: {loc_col}, parent_column: {sf.column}}}",
                ))
    return issues


def _latest(g: TimestampGen) -> dt.date | None:
    """The latest date a timestamp generator can produce, None when it follows a reference."""
    return None if g.after is not None else g.end


def _earliest(g: TimestampGen) -> dt.date | None:
    """The earliest date a timestamp generator can produce: its start (the engine keeps
    lags after an older reference inside the window too)."""
    return g.start


def _time_order(t: TableSpec, tables: dict[str, TableSpec]) -> list[SpecIssue]:
    tc = time_column(t)
    if tc is None:
        return []
    col = t.column(tc)
    g = col.generator
    if not isinstance(g, TimestampGen):
        return []
    issues: list[SpecIssue] = []
    for f in t.foreign_keys:
        parent = tables.get(f.references_table)
        if parent is None or parent.name == t.name:
            continue
        pc = time_column(parent)
        if pc is None:
            continue
        pg = parent.column(pc).generator
        if not isinstance(pg, TimestampGen):
            continue
        latest, earliest = _latest(pg), _earliest(g)
        if latest is not None and earliest is not None and latest < earliest:
            continue  # every parent time precedes every row time
        fk_col = t.column(f.column)
        fk_gen = fk_col.generator if isinstance(fk_col.generator, ForeignKeyGen) else None
        follows = g.after is not None and g.after.column == f.column and g.after.parent_column == pc
        started = fk_gen is not None and fk_gen.started_by is not None and (
            fk_gen.started_by.column == tc and fk_gen.started_by.parent_column == pc)
        if not (follows or started):
            issues.append(At(t.name, tc).issue(
                "consistency",
                f"{t.name}.{tc} can precede {parent.name}.{pc} of the row it names ({f.column}): give "
                f"{t.name}.{tc} after {{column: {f.column}, parent_column: {pc}}} or "
                f"{t.name}.{f.column} started_by {{column: {tc}, parent_column: {pc}}}",
            ))
        if follows:
            issues += _churn(t, tc, g, parent, f.column)
    return issues


def _churn(t: TableSpec, tc: str, g: TimestampGen, parent: TableSpec, fk: str) -> list[SpecIssue]:
    assert g.after is not None
    for c in parent.columns:
        if c.type in _DATES and c.only_when and _CHURN_DATE.search(c.name) and g.after.until != c.name:
            return [At(t.name, tc).issue(
                "consistency",
                f"{t.name}.{tc} can fall after {parent.name}.{c.name} (the {parent.name} row has ended): "
                f"give {t.name}.{tc} after.until {c.name!r}",
            )]
    return []


def _reviews(t: TableSpec) -> list[SpecIssue]:
    ratings = [c.name for c in t.columns if _RATING.search(c.name) and c.type in ("INT64", "FLOAT64", "NUMERIC")]
    if not ratings:
        return []
    issues: list[SpecIssue] = []
    for c in t.columns:
        g = c.generator
        if isinstance(g, TextGen) and _FREE_TEXT.search(c.name):
            reads = {cond.column for case in g.cases for cond in case.when if cond.via is None}
            if not reads & set(ratings):
                issues.append(At(t.name, c.name).issue(
                    "consistency",
                    f"{t.name}.{c.name} is free text beside {ratings[0]!r} but does not depend on it: "
                    f"add text cases on {ratings[0]} (low ratings complain, high ones praise)",
                ))
    return issues


def _refunds(t: TableSpec) -> list[SpecIssue]:
    issues: list[SpecIssue] = []
    for c in t.columns:
        if c.type in _DATES and _REFUND_TIME.search(c.name):
            g = c.generator
            if not (isinstance(g, TimestampGen) and g.after is not None) or not c.only_when:
                issues.append(At(t.name, c.name).issue(
                    "consistency",
                    f"{t.name}.{c.name} must come after the payment (after) and exist only for refunds (only_when)",
                ))
    return issues


def _run_date(t: TableSpec, as_of: dt.date) -> list[SpecIssue]:
    issues: list[SpecIssue] = []
    for c in t.columns:
        g = c.generator
        if isinstance(g, TimestampGen) and g.end > as_of:
            issues.append(At(t.name, c.name).issue(
                "consistency", f"{t.name}.{c.name} ends {g.end}, after the run date {as_of}: end it at {as_of}",
            ))
    return issues
