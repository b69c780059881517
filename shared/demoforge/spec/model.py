"""``DatasetSpec``: the declarative description of a demo dataset (the pack's spec.json).

Modeling produces it (from a template or Claude), warehouse generates and loads it,
content runs its golden queries, agent describes its tables to the data agent.

Every column carries a typed *generator* (a discriminated union on ``kind``) that the
vectorised engine in ``demoforge.synth`` executes. A spec that exists as an object is a
valid spec: ``DatasetSpec`` validates itself on construction (BigQuery naming rules and
reserved words, unique names, foreign keys that point at keys, no foreign-key cycles
except self-references, row and size bounds, type/generator compatibility) and every error
names the table and column to fix, so the message can be shown to a person or fed back
to Claude for a repair round.
"""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import math
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

BQType = Literal["STRING", "INT64", "FLOAT64", "NUMERIC", "BOOL", "DATE", "TIMESTAMP", "STRUCT"]
Mode = Literal["NULLABLE", "REQUIRED", "REPEATED"]
Scalar = str | int | float | bool

# Size bounds: a demo dataset must load in minutes and cost cents.
MAX_TABLES = 30
MAX_COLUMNS = 100
MAX_TABLE_ROWS = 100_000_000
MAX_TOTAL_ROWS = 200_000_000
MAX_TOTAL_CELLS = 3_000_000_000

# https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#reserved_keywords
BQ_RESERVED = frozenset(
    """ALL AND ANY ARRAY AS ASC ASSERT_ROWS_MODIFIED AT BETWEEN BY CASE CAST COLLATE CONTAINS
    CREATE CROSS CUBE CURRENT DEFAULT DEFINE DESC DISTINCT ELSE END ENUM ESCAPE EXCEPT EXCLUDE
    EXISTS EXTRACT FALSE FETCH FOLLOWING FOR FROM FULL GROUP GROUPING GROUPS HASH HAVING IF
    IGNORE IN INNER INTERSECT INTERVAL INTO IS JOIN LATERAL LEFT LIKE LIMIT LOOKUP MERGE NATURAL
    NEW NO NOT NULL NULLS OF ON OR ORDER OUTER OVER PARTITION PRECEDING PROTO QUALIFY RANGE
    RECURSIVE RESPECT RIGHT ROLLUP ROWS SELECT SET SOME STRUCT TABLESAMPLE THEN TO TREAT TRUE
    UNBOUNDED UNION UNNEST USING WHEN WHERE WINDOW WITH WITHIN""".split()  # noqa: SIM905
)
# Column-name prefixes BigQuery reserves for pseudo-columns.
BQ_RESERVED_PREFIXES = ("_TABLE_", "_FILE_", "_PARTITION", "_ROW_TIMESTAMP", "__ROOT__", "_COLIDENTIFIER")
_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
NUMERIC_TYPES = ("INT64", "FLOAT64", "NUMERIC")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- generators


class SequenceGen(_Model):
    """Ids ``start, start+step, ...``; STRING columns get ``prefix`` + zero-padded number."""

    kind: Literal["sequence"] = "sequence"
    start: int = 1
    step: int = Field(default=1, ge=1)
    prefix: str = Field(default="", max_length=20)
    width: int = Field(default=0, ge=0, le=20)


class UuidGen(_Model):
    """Random (seeded) RFC 4122 version-4 UUID strings."""

    kind: Literal["uuid"] = "uuid"


class ForeignKeyGen(_Model):
    """A reference to the parent's key (declared in the table's ``foreign_keys``).
    ``zipf`` makes a few parents popular (Pareto-style); ``uniform`` spreads evenly. When the
    table's ``children_per_parent`` names this column, children are generated per parent
    instead and this distribution is not used."""

    kind: Literal["foreign_key"] = "foreign_key"
    distribution: Literal["uniform", "zipf"] = "uniform"
    zipf_a: float = Field(default=1.0, gt=0.0, le=4.0)


class CategoricalGen(_Model):
    """One of ``values`` with optional ``weights``; ``cycle`` assigns ``values[i % n]`` to row
    i (named members of a dimension: regions, products) so ids and names line up."""

    kind: Literal["categorical"] = "categorical"
    values: list[Scalar] = Field(min_length=1, max_length=10_000)
    weights: list[float] | None = None
    cycle: bool = False
    # REPEATED columns only: each row gets this many distinct values (weighted, no repeats).
    items_min: int = Field(default=1, ge=0, le=50)
    items_max: int = Field(default=3, ge=1, le=50)


class NumericGen(_Model):
    """normal(mean, std) | lognormal(median, sigma) | uniform(low, high) | poisson(mean) |
    zipf(a) | exponential(mean); then clipped to [min, max] and rounded to ``round`` decimals."""

    kind: Literal["numeric"] = "numeric"
    distribution: Literal["normal", "lognormal", "uniform", "poisson", "zipf", "exponential"]
    mean: float = 0.0
    std: float = Field(default=1.0, ge=0.0)
    median: float = Field(default=1.0, gt=0.0)
    sigma: float = Field(default=0.5, ge=0.0)
    low: float = 0.0
    high: float = 1.0
    a: float = Field(default=2.0, gt=1.0)
    min: float | None = None
    max: float | None = None
    round: int | None = Field(default=None, ge=0, le=9)


class BooleanGen(_Model):
    kind: Literal["boolean"] = "boolean"
    probability: float = Field(default=0.5, ge=0.0, le=1.0)


class HolidaySpike(_Model):
    """Every year, ``days`` days starting at month/day get ``factor`` times the volume."""

    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    days: int = Field(default=1, ge=1, le=60)
    factor: float = Field(gt=0.0, le=50.0)
    name: str = ""


class After(_Model):
    """Make the value later than a reference: a column of the same table, or (with
    ``parent_column``) the parent's column reached through the FK column ``column``.
    With ``mean_hours`` the delay is ``min_hours`` + exponential(mean_hours); without it the
    value follows the generator's seasonal profile, conditioned on being after the reference."""

    column: str
    parent_column: str | None = None
    min_hours: float = Field(default=0.0, ge=0.0)
    mean_hours: float | None = Field(default=None, gt=0.0)


class TimestampGen(_Model):
    """Dates/timestamps between ``start`` and ``end`` with a yearly growth trend, month,
    weekday (Monday first) and hour-of-day profiles, and holiday spikes."""

    kind: Literal["timestamp"] = "timestamp"
    start: dt.date
    end: dt.date
    growth: float = Field(default=0.0, ge=-0.9, le=10.0)
    monthly: list[float] | None = Field(default=None, min_length=12, max_length=12)
    weekday: list[float] | None = Field(default=None, min_length=7, max_length=7)
    hourly: list[float] | None = Field(default=None, min_length=24, max_length=24)
    holidays: list[HolidaySpike] = Field(default_factory=list, max_length=30)
    after: After | None = None


class DerivedGen(_Model):
    """Arithmetic over this table's numeric columns, e.g. ``quantity * unit_price``.
    Allowed: + - * / //, %, numbers, round(x, n), abs, min, max, floor, ceil."""

    kind: Literal["derived"] = "derived"
    expression: str = Field(min_length=1, max_length=500)


class LookupGen(_Model):
    """Copy a parent's column through the FK column ``via`` (e.g. the product's list price)."""

    kind: Literal["lookup"] = "lookup"
    via: str
    column: str


FakeField = Literal[
    "first_name", "last_name", "name", "company", "email", "phone", "street_address", "city",
    "state", "country", "country_code", "postcode", "job", "word",
]


class FakeGen(_Model):
    """People, companies, contact details and places by locale. A library (Faker) builds a
    pool of ``pool_size`` values once; rows sample the pool vectorised. ``email`` is unique
    per row and, with ``source`` (a name column of this table), matches the person's name."""

    kind: Literal["fake"] = "fake"
    field: FakeField
    locale: str = Field(default="en_US", pattern=r"^[a-z]{2}(_[A-Z]{2})?$")
    pool_size: int = Field(default=1000, ge=1, le=100_000)
    source: str | None = None


class TextGen(_Model):
    """Free text from templates: ``"{adj} delivery, {issue}"`` with ``slots`` vocabularies."""

    kind: Literal["text"] = "text"
    templates: list[str] = Field(min_length=1, max_length=100)
    slots: dict[str, list[str]] = Field(default_factory=dict)


Generator = Annotated[
    SequenceGen | UuidGen | ForeignKeyGen | CategoricalGen | NumericGen | BooleanGen
    | TimestampGen | DerivedGen | LookupGen | FakeGen | TextGen,
    Field(discriminator="kind"),
]

# Which BigQuery types each generator can produce.
GENERATOR_TYPES: dict[str, tuple[str, ...]] = {
    "sequence": ("INT64", "STRING"),
    "uuid": ("STRING",),
    "foreign_key": ("INT64", "STRING"),
    "categorical": ("STRING", "INT64", "FLOAT64", "NUMERIC", "BOOL"),
    "numeric": NUMERIC_TYPES,
    "boolean": ("BOOL",),
    "timestamp": ("DATE", "TIMESTAMP"),
    "derived": NUMERIC_TYPES,
    "lookup": ("STRING", "INT64", "FLOAT64", "NUMERIC", "BOOL", "DATE", "TIMESTAMP"),
    "fake": ("STRING",),
    "text": ("STRING",),
}


# --------------------------------------------------------------------------- tables


class ColumnSpec(_Model):
    name: str
    type: BQType
    mode: Mode = "NULLABLE"
    description: str
    nullable: float = Field(default=0.0, ge=0.0, le=1.0)  # fraction of NULLs
    generator: Generator | None = None  # None: a default for the type (see synth.generate)
    # What the column means to customisation (e.g. "product_name" gets the prospect's names).
    role: str | None = None

    @field_validator("generator", mode="before")
    @classmethod
    def _empty_is_none(cls, v: Any) -> Any:
        return None if v == {} else v


class ForeignKey(_Model):
    column: str
    references_table: str
    references_column: str


class ChildrenPerParent(_Model):
    """Row count as a distribution of children per parent row (through FK ``foreign_key``):
    poisson(mean) | zipf(a) | fixed(mean) | uniform(min..max), clipped to [min, max]."""

    foreign_key: str
    distribution: Literal["poisson", "zipf", "fixed", "uniform"] = "poisson"
    mean: float = Field(default=3.0, ge=0.0, le=10_000)
    a: float = Field(default=2.0, gt=1.0)
    min: int = Field(default=0, ge=0)
    max: int | None = Field(default=None, ge=0)


class Condition(_Model):
    """A row filter: ``column`` of this table, or of the parent reached via FK column ``via``.
    Give one of: ``equals``, ``in_values``, ``months`` (1-12, for dates/timestamps),
    ``date_from``/``date_to`` (inclusive), ``min``/``max``."""

    column: str
    via: str | None = None
    equals: Scalar | None = None
    in_values: list[Scalar] | None = None
    months: list[int] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    min: float | None = None
    max: float | None = None


class Effect(_Model):
    """Plant a story: where every condition holds, multiply ``target`` by ``multiply`` or set
    it to ``set_value`` (with ``probability``)."""

    target: str
    when: list[Condition] = Field(min_length=1, max_length=5)
    multiply: float | None = None
    set_value: Scalar | None = None
    probability: float = Field(default=1.0, ge=0.0, le=1.0)
    story: str | None = None  # StoryPattern.name this effect implements


class TableSpec(_Model):
    name: str
    description: str
    grain: str
    row_count: int | None = None
    primary_key: str | None = None
    foreign_keys: list[ForeignKey] = Field(default_factory=list)
    columns: list[ColumnSpec]
    children_per_parent: ChildrenPerParent | None = None
    effects: list[Effect] = Field(default_factory=list, max_length=20)
    # Dimension tables with named members (regions, products) keep their size when scaling.
    fixed_size: bool = False

    def column(self, name: str) -> ColumnSpec:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def fk(self, column: str) -> ForeignKey | None:
        for f in self.foreign_keys:
            if f.column == column:
                return f
        return None


class GlossaryTerm(_Model):
    term: str
    definition: str
    synonyms: list[str] = Field(default_factory=list)


class StoryPattern(_Model):
    name: str
    kind: Literal["regional_hotspot", "churn_cohort", "product_anomaly", "seasonal_peak", "other"]
    description: str
    params: dict[str, Any] = Field(default_factory=dict)
    # The value the revealing golden query's first row must contain (realism check).
    expected_top: str | None = None


class SpecQuery(_Model):
    question: str
    sql: str  # BigQuery SQL; table names unqualified or `{dataset}.table`
    difficulty: Literal["simple", "medium", "hard", "expert"]
    pattern: str | None = None


class DatasetSpec(_Model):
    name: str
    industry: str
    description: str
    seed: int = 42
    tables: list[TableSpec]
    glossary: list[GlossaryTerm] = Field(default_factory=list)
    stories: list[StoryPattern] = Field(default_factory=list)
    golden_queries: list[SpecQuery] = Field(default_factory=list)
    kpis: list[str] = Field(default_factory=list)

    def table(self, name: str) -> TableSpec:
        for t in self.tables:
            if t.name == name:
                return t
        raise KeyError(name)

    @model_validator(mode="after")
    def _validate(self) -> DatasetSpec:
        errors = spec_errors(self)
        if errors:
            raise ValueError(
                f"{len(errors)} problem(s) in dataset spec:\n- " + "\n- ".join(errors)
            )
        return self

    def table_order(self) -> list[str]:
        """Parents before children (self-references ignored)."""
        return _topo_order(self) or [t.name for t in self.tables]

    def expected_rows(self) -> dict[str, int]:
        """Planned rows per table (children-per-parent tables: parents x expected children)."""
        out: dict[str, int] = {}
        for name in self.table_order():
            t = self.table(name)
            if t.children_per_parent is not None:
                cpp = t.children_per_parent
                fk = t.fk(cpp.foreign_key)
                parent_rows = out.get(fk.references_table, 0) if fk else 0
                out[name] = int(round(parent_rows * expected_children(cpp)))
            else:
                out[name] = t.row_count if t.row_count is not None else DEFAULT_ROWS
        return out

    def planned_rows(self) -> int:
        return sum(self.expected_rows().values())


DEFAULT_ROWS = 1000


def expected_children(cpp: ChildrenPerParent) -> float:
    """Expected children per parent after clipping to [min, max] (exact sums, no sampling)."""
    lo, hi = cpp.min, cpp.max
    if cpp.distribution == "fixed":
        n = float(round(cpp.mean))
        return min(max(n, lo), hi if hi is not None else n)
    if cpp.distribution == "uniform":
        top = hi if hi is not None else max(lo, int(round(cpp.mean * 2 - lo)))
        return (lo + top) / 2
    cap = hi if hi is not None else 10_000
    if cpp.distribution == "poisson":
        lam = cpp.mean
        total, p = 0.0, math.exp(-lam) if lam < 700 else 0.0
        if p == 0.0:
            return min(max(lam, lo), cap)
        for k in range(0, int(lam * 4 + 50) + 1):
            total += min(max(k, lo), cap) * p
            p *= lam / (k + 1)
        return total
    # zipf(a) on 1..inf, truncated at cap
    norm = sum(k ** -cpp.a for k in range(1, 10_001))
    return sum(min(max(k, lo), cap) * k ** -cpp.a for k in range(1, 10_001)) / norm


# --------------------------------------------------------------------------- validation


def _name_errors(kind: str, name: str, where: str) -> list[str]:
    errs: list[str] = []
    if not _NAME_RE.match(name):
        errs.append(
            f"{where}: name {name!r} is not a valid BigQuery {kind} name (use letters, digits "
            "and underscores, starting with a letter or underscore)"
        )
    elif len(name) > (1024 if kind == "table" else 300):
        errs.append(f"{where}: name is too long for a BigQuery {kind}")
    elif name.upper() in BQ_RESERVED:
        errs.append(
            f"{where}: {name!r} is a BigQuery reserved word; rename it (e.g. {name.lower()}_value)"
        )
    elif kind == "column" and name.upper().startswith(BQ_RESERVED_PREFIXES):
        errs.append(f"{where}: column names may not start with {name.split('_')[1]!r} (reserved)")
    return errs


_DERIVED_FUNCS = {"round", "abs", "min", "max", "floor", "ceil"}
_DERIVED_NODES = (
    ast.Expression, ast.BinOp, ast.UnaryOp, ast.Name, ast.Constant, ast.Call, ast.Load,
    ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.USub, ast.UAdd, ast.Pow,
)


def derived_names(expression: str) -> set[str]:
    """Column names a derived expression reads; raises ValueError when it is not allowed."""
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError as e:
        raise ValueError(f"expression {expression!r} does not parse: {e.msg}") from None
    names: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, _DERIVED_NODES):
            raise ValueError(
                f"expression {expression!r} uses {type(node).__name__}; only arithmetic on "
                f"columns, numbers and {sorted(_DERIVED_FUNCS)} is allowed"
            )
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in _DERIVED_FUNCS:
                raise ValueError(
                    f"expression {expression!r} calls an unknown function; allowed: "
                    f"{sorted(_DERIVED_FUNCS)}"
                )
        elif isinstance(node, ast.Constant) and not isinstance(node.value, int | float):
            raise ValueError(f"expression {expression!r} contains a non-numeric constant")
        elif isinstance(node, ast.Name) and node.id not in _DERIVED_FUNCS:
            names.add(node.id)
    return names


def column_dependencies(table: TableSpec, col: ColumnSpec) -> set[str]:
    """Same-table columns that must be generated before ``col``."""
    deps: set[str] = set()
    g = col.generator
    if isinstance(g, DerivedGen):
        # A bad expression is reported by spec_errors; its dependencies are irrelevant then.
        with contextlib.suppress(ValueError):
            deps |= derived_names(g.expression)
    elif isinstance(g, LookupGen):
        deps.add(g.via)
    elif isinstance(g, TimestampGen) and g.after is not None:
        deps.add(g.after.column)
    elif isinstance(g, FakeGen) and g.source:
        deps.add(g.source)
    for e in table.effects:
        if e.target == col.name:
            for c in e.when:
                deps.add(c.via or c.column)
    deps.discard(col.name)
    return deps


def column_order(table: TableSpec) -> list[str]:
    """Generation order inside a table (dependencies first); raises ValueError on a cycle."""
    cols = {c.name: c for c in table.columns}
    deps = {c.name: column_dependencies(table, c) & cols.keys() for c in table.columns}
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(n: str, path: list[str]) -> None:
        if state.get(n) == 2:
            return
        if state.get(n) == 1:
            raise ValueError(" -> ".join([*path, n]))
        state[n] = 1
        for d in sorted(deps[n]):
            visit(d, [*path, n])
        state[n] = 2
        order.append(n)

    for c in table.columns:
        visit(c.name, [])
    return order


def _topo_order(spec: DatasetSpec) -> list[str] | None:
    names = {t.name for t in spec.tables}
    parents = {
        t.name: {f.references_table for f in t.foreign_keys if f.references_table != t.name}
        & names
        for t in spec.tables
    }
    order: list[str] = []
    done: set[str] = set()
    remaining = [t.name for t in spec.tables]
    while remaining:
        ready = [n for n in remaining if parents[n] <= done]
        if not ready:
            return None
        for n in ready:
            order.append(n)
            done.add(n)
            remaining.remove(n)
    return order


def _scalar_fits(v: Scalar, bq_type: str) -> bool:
    if bq_type == "STRING":
        return isinstance(v, str)
    if bq_type == "BOOL":
        return isinstance(v, bool)
    if bq_type == "INT64":
        return isinstance(v, int) and not isinstance(v, bool)
    if bq_type in ("FLOAT64", "NUMERIC"):
        return isinstance(v, int | float) and not isinstance(v, bool)
    return False


def spec_errors(spec: DatasetSpec) -> list[str]:
    """Every problem in the spec, each naming its table (and column) and what to do."""
    errs: list[str] = []
    if not spec.tables:
        return ["spec: add at least one table"]
    if len(spec.tables) > MAX_TABLES:
        errs.append(f"spec: {len(spec.tables)} tables; at most {MAX_TABLES} are allowed")
    seen_tables: set[str] = set()
    by_name: dict[str, TableSpec] = {}
    for t in spec.tables:
        errs += _name_errors("table", t.name, f"table {t.name!r}")
        if t.name.lower() in seen_tables:
            errs.append(f"table {t.name!r}: duplicate table name (names are case-insensitive)")
        seen_tables.add(t.name.lower())
        by_name[t.name] = t
    for t in spec.tables:
        errs += _table_errors(t, by_name)
    order = _topo_order(spec)
    if order is None:
        errs.append(
            "spec: foreign keys form a cycle between tables "
            f"{sorted(_cycle_tables(spec))}; only self-references are allowed. Remove one "
            "foreign key of the cycle (e.g. keep the reference on the child side only)"
        )
    elif not any("row" in e for e in errs):
        rows = spec.expected_rows()
        total = sum(rows.values())
        cells = sum(rows[t.name] * len(t.columns) for t in spec.tables)
        for t in spec.tables:
            if rows[t.name] > MAX_TABLE_ROWS:
                errs.append(
                    f"table {t.name!r}: about {rows[t.name]:,} rows planned; at most "
                    f"{MAX_TABLE_ROWS:,} per table (lower row_count or children_per_parent)"
                )
        if total > MAX_TOTAL_ROWS:
            errs.append(f"spec: about {total:,} rows planned in total; at most {MAX_TOTAL_ROWS:,}")
        if cells > MAX_TOTAL_CELLS:
            errs.append(f"spec: about {cells:,} cells planned in total; at most {MAX_TOTAL_CELLS:,}")
    story_names = {s.name for s in spec.stories}
    for i, q in enumerate(spec.golden_queries):
        if q.pattern is not None and q.pattern not in story_names:
            errs.append(
                f"golden query {i + 1}: pattern {q.pattern!r} is not a story name "
                f"({sorted(story_names)})"
            )
    return errs


def _cycle_tables(spec: DatasetSpec) -> set[str]:
    parents = {
        t.name: {f.references_table for f in t.foreign_keys if f.references_table != t.name}
        for t in spec.tables
    }
    changed = True
    alive = set(parents)
    while changed:  # peel off tables with no remaining parents/children in the set
        changed = False
        for n in list(alive):
            has_parent = bool(parents[n] & alive)
            has_child = any(n in parents[m] for m in alive)
            if not has_parent or not has_child:
                alive.discard(n)
                changed = True
    return alive


def _table_errors(t: TableSpec, tables: dict[str, TableSpec]) -> list[str]:
    errs: list[str] = []
    where = f"table {t.name!r}"
    if not t.columns:
        return [f"{where}: add at least one column"]
    if len(t.columns) > MAX_COLUMNS:
        errs.append(f"{where}: {len(t.columns)} columns; at most {MAX_COLUMNS}")
    cols: dict[str, ColumnSpec] = {}
    lower: dict[str, str] = {}
    for c in t.columns:
        cw = f"{where} column {c.name!r}"
        errs += _name_errors("column", c.name, cw)
        if c.name.lower() in lower:
            errs.append(
                f"{cw}: duplicate of column {lower[c.name.lower()]!r} (names are case-insensitive)"
            )
        lower.setdefault(c.name.lower(), c.name)
        cols[c.name] = c
    # rows
    if t.children_per_parent is None:
        if t.row_count is not None and not 1 <= t.row_count <= MAX_TABLE_ROWS:
            errs.append(f"{where}: row_count {t.row_count} must be between 1 and {MAX_TABLE_ROWS:,}")
    else:
        cpp = t.children_per_parent
        if t.fk(cpp.foreign_key) is None:
            errs.append(
                f"{where} column {cpp.foreign_key!r}: children_per_parent.foreign_key must be a "
                "column listed in foreign_keys"
            )
        elif t.fk(cpp.foreign_key).references_table == t.name:  # type: ignore[union-attr]
            errs.append(f"{where} column {cpp.foreign_key!r}: children_per_parent cannot use a self-reference")
        if cpp.max is not None and cpp.max < cpp.min:
            errs.append(f"{where}: children_per_parent.max must be >= min")
        if cpp.max is not None and cpp.max > 100_000:
            errs.append(f"{where}: children_per_parent.max must be <= 100000")
    # primary key
    if t.primary_key is not None:
        pk = cols.get(t.primary_key)
        if pk is None:
            errs.append(f"{where} column {t.primary_key!r}: primary_key is not a column of the table")
        else:
            if pk.nullable > 0:
                errs.append(f"{where} column {pk.name!r}: a primary key cannot be nullable (set nullable 0)")
            if pk.generator is not None and not isinstance(pk.generator, SequenceGen | UuidGen):
                errs.append(
                    f"{where} column {pk.name!r}: a primary key needs a 'sequence' or 'uuid' "
                    f"generator (unique by construction), not {pk.generator.kind!r}"
                )
            if pk.type not in ("INT64", "STRING"):
                errs.append(f"{where} column {pk.name!r}: a primary key must be INT64 or STRING")
    # foreign keys
    fk_cols: set[str] = set()
    for f in t.foreign_keys:
        cw = f"{where} column {f.column!r}"
        if f.column in fk_cols:
            errs.append(f"{cw}: declared twice in foreign_keys")
        fk_cols.add(f.column)
        col = cols.get(f.column)
        if col is None:
            errs.append(f"{cw}: foreign key column is not a column of the table")
            continue
        parent = tables.get(f.references_table)
        if parent is None:
            errs.append(
                f"{cw}: references table {f.references_table!r}, which is not in the spec "
                f"(tables: {sorted(tables)})"
            )
            continue
        if parent.primary_key is None or f.references_column != parent.primary_key:
            errs.append(
                f"{cw}: references {f.references_table}.{f.references_column}, which is not "
                f"the primary key of {f.references_table!r} (its key is {parent.primary_key!r})"
            )
            continue
        pcol = next((c for c in parent.columns if c.name == parent.primary_key), None)
        if pcol is not None and pcol.type != col.type:
            errs.append(
                f"{cw}: type {col.type} differs from {f.references_table}.{pcol.name} ({pcol.type})"
            )
        if col.generator is not None and not isinstance(col.generator, ForeignKeyGen):
            errs.append(
                f"{cw}: a foreign key column needs the 'foreign_key' generator, not "
                f"{col.generator.kind!r}"
            )
        if f.references_table == t.name and pcol is not None and not (
            pcol.generator is None or isinstance(pcol.generator, SequenceGen)
        ):
            errs.append(f"{cw}: a self-reference needs a 'sequence' primary key")
    # columns
    for c in t.columns:
        errs += _column_errors(t, c, cols, tables, fk_cols)
    # effects
    for i, e in enumerate(t.effects):
        errs += _effect_errors(t, i, e, cols, tables)
    if not any("column" in e for e in errs):
        try:
            column_order(t)
        except ValueError as e:
            errs.append(f"{where}: columns depend on each other in a cycle: {e}")
    return errs


def _column_errors(
    t: TableSpec, c: ColumnSpec, cols: dict[str, ColumnSpec], tables: dict[str, TableSpec],
    fk_cols: set[str],
) -> list[str]:
    cw = f"table {t.name!r} column {c.name!r}"
    errs: list[str] = []
    if c.type == "STRUCT":
        errs.append(
            f"{cw}: STRUCT columns are not generated; model the nested data as a child table "
            "with a foreign key (it also keeps questions simple for the data agent)"
        )
        return errs
    if not c.description.strip():
        errs.append(f"{cw}: add a description (the data agent reads it)")
    if c.mode == "REPEATED":
        return errs + _repeated_errors(t, c, cw)
    if c.mode == "REQUIRED" and c.nullable > 0:
        errs.append(f"{cw}: mode REQUIRED cannot have nullable > 0")
    g = c.generator
    if g is None:
        return errs
    if c.type not in GENERATOR_TYPES[g.kind]:
        errs.append(
            f"{cw}: generator {g.kind!r} cannot produce {c.type}; it produces "
            f"{'/'.join(GENERATOR_TYPES[g.kind])}"
        )
        return errs
    if isinstance(g, ForeignKeyGen) and c.name not in fk_cols:
        errs.append(f"{cw}: 'foreign_key' generator but the column is not listed in foreign_keys")
    elif isinstance(g, CategoricalGen):
        bad = [v for v in g.values if not _scalar_fits(v, c.type)]
        if bad:
            errs.append(f"{cw}: categorical values {bad[:3]!r} are not {c.type} values")
        if g.weights is not None:
            if len(g.weights) != len(g.values):
                errs.append(f"{cw}: {len(g.weights)} weights for {len(g.values)} values")
            elif any(w < 0 for w in g.weights) or sum(g.weights) <= 0:
                errs.append(f"{cw}: weights must be >= 0 with a positive sum")
    elif isinstance(g, NumericGen):
        if g.min is not None and g.max is not None and g.min > g.max:
            errs.append(f"{cw}: numeric min {g.min} is greater than max {g.max}")
        if g.distribution == "uniform" and g.low > g.high:
            errs.append(f"{cw}: uniform low {g.low} is greater than high {g.high}")
        if g.distribution in ("poisson", "exponential") and g.mean < 0:
            errs.append(f"{cw}: {g.distribution} mean must be >= 0")
    elif isinstance(g, SequenceGen):
        if c.type == "INT64" and (g.prefix or g.width):
            errs.append(f"{cw}: prefix/width only apply to STRING sequences")
    elif isinstance(g, TimestampGen):
        if g.end < g.start:
            errs.append(f"{cw}: timestamp end {g.end} is before start {g.start}")
        elif (g.end - g.start).days > 366 * 30:
            errs.append(f"{cw}: timestamp range longer than 30 years")
        for name, prof in (("monthly", g.monthly), ("weekday", g.weekday), ("hourly", g.hourly)):
            if prof is not None and (any(w < 0 for w in prof) or sum(prof) <= 0):
                errs.append(f"{cw}: {name} profile needs weights >= 0 with a positive sum")
        if g.after is not None:
            a = g.after
            if a.parent_column is None:
                ref = cols.get(a.column)
                if ref is None or ref.type not in ("DATE", "TIMESTAMP"):
                    errs.append(
                        f"{cw}: after.column {a.column!r} must be a DATE/TIMESTAMP column of "
                        f"{t.name!r} (or give parent_column to follow a foreign key)"
                    )
            else:
                errs += _via_errors(t, cw, a.column, a.parent_column, tables, ("DATE", "TIMESTAMP"))
    elif isinstance(g, DerivedGen):
        try:
            names = derived_names(g.expression)
        except ValueError as e:
            errs.append(f"{cw}: {e}")
        else:
            for n in sorted(names):
                ref = cols.get(n)
                if ref is None:
                    errs.append(f"{cw}: expression uses {n!r}, which is not a column of {t.name!r}")
                elif ref.type not in (*NUMERIC_TYPES, "BOOL"):
                    errs.append(f"{cw}: expression uses {n!r} of type {ref.type}; only numbers")
    elif isinstance(g, LookupGen):
        errs += _via_errors(t, cw, g.via, g.column, tables, None)
        f = t.fk(g.via)
        if f is not None and f.references_table in tables:
            pc_ = next((x for x in tables[f.references_table].columns if x.name == g.column), None)
            if pc_ is not None and pc_.type != c.type:
                errs.append(f"{cw}: lookup of {pc_.name} ({pc_.type}) into a {c.type} column")
    elif isinstance(g, FakeGen) and g.source is not None:
        src = cols.get(g.source)
        if src is None or src.type != "STRING":
            errs.append(f"{cw}: source {g.source!r} must be a STRING column of {t.name!r}")
        elif g.field != "email":
            errs.append(f"{cw}: source only applies to the 'email' field")
    elif isinstance(g, TextGen):
        for tpl in g.templates:
            for slot in re.findall(r"{(\w*)}", tpl):
                if slot not in g.slots or not g.slots[slot]:
                    errs.append(f"{cw}: template {tpl!r} uses slot {{{slot}}} with no values in slots")
    return errs


MAX_REPEATED_VALUES = 50


def _repeated_errors(t: TableSpec, c: ColumnSpec, cw: str) -> list[str]:
    """REPEATED is supported for tag-like lists: a categorical STRING/INT64 generator whose
    rows get items_min..items_max distinct values. Anything richer belongs in a child table."""
    g = c.generator
    errs: list[str] = []
    if not isinstance(g, CategoricalGen) or c.type not in ("STRING", "INT64"):
        return [
            f"{cw}: REPEATED columns need a 'categorical' generator and STRING or INT64 type "
            "(a list of tags); model anything richer as a child table with a foreign key"
        ]
    if c.nullable > 0:
        errs.append(f"{cw}: a REPEATED column is never NULL in BigQuery; set nullable 0 and items_min 0 for empty lists")
    if len(g.values) > MAX_REPEATED_VALUES:
        errs.append(f"{cw}: REPEATED columns take at most {MAX_REPEATED_VALUES} distinct values")
    if g.items_min > g.items_max or g.items_max > len(g.values):
        errs.append(f"{cw}: need items_min <= items_max <= number of values ({len(g.values)})")
    bad = [v for v in g.values if not _scalar_fits(v, c.type)]
    if bad:
        errs.append(f"{cw}: categorical values {bad[:3]!r} are not {c.type} values")
    if t.primary_key == c.name or t.fk(c.name) is not None:
        errs.append(f"{cw}: a REPEATED column cannot be a key")
    for other in t.columns:
        if other is not c and c.name in column_dependencies(t, other):
            errs.append(f"{cw}: column {other.name!r} cannot read a REPEATED column")
    if any(e.target == c.name for e in t.effects):
        errs.append(f"{cw}: effects cannot target a REPEATED column")
    return errs


def _via_errors(
    t: TableSpec, cw: str, via: str, column: str, tables: dict[str, TableSpec],
    types: tuple[str, ...] | None,
) -> list[str]:
    f = t.fk(via)
    if f is None:
        return [f"{cw}: {via!r} must be a foreign key column of {t.name!r}"]
    parent = tables.get(f.references_table)
    if parent is None:
        return []  # reported on the foreign key itself
    pcol = next((x for x in parent.columns if x.name == column), None)
    if pcol is None:
        return [f"{cw}: {f.references_table!r} has no column {column!r}"]
    if f.references_table == t.name:
        return [f"{cw}: cannot read parent columns through the self-reference {via!r}"]
    if pcol.mode == "REPEATED":
        return [f"{cw}: {f.references_table}.{column} is REPEATED and cannot be read from a child"]
    if types is not None and pcol.type not in types:
        return [f"{cw}: {f.references_table}.{column} is {pcol.type}, need {'/'.join(types)}"]
    return []


def _effect_errors(
    t: TableSpec, i: int, e: Effect, cols: dict[str, ColumnSpec], tables: dict[str, TableSpec]
) -> list[str]:
    ew = f"table {t.name!r} column {e.target!r} (effect {i + 1})"
    errs: list[str] = []
    target = cols.get(e.target)
    if target is None:
        return [f"{ew}: effect target is not a column of {t.name!r}"]
    if (e.multiply is None) == (e.set_value is None):
        errs.append(f"{ew}: give exactly one of multiply or set_value")
    if e.multiply is not None and target.type not in NUMERIC_TYPES:
        errs.append(f"{ew}: multiply needs a numeric target, {e.target!r} is {target.type}")
    if e.set_value is not None and not _scalar_fits(e.set_value, target.type):
        errs.append(f"{ew}: set_value {e.set_value!r} is not a {target.type} value")
    if isinstance(target.generator, SequenceGen | UuidGen | ForeignKeyGen) or t.primary_key == e.target:
        errs.append(f"{ew}: keys cannot be changed by effects")
    for c in e.when:
        given = (c.equals, c.in_values, c.months, c.date_from, c.date_to, c.min, c.max)
        if all(x is None for x in given):
            errs.append(f"{ew}: condition on {c.column!r} needs equals, in_values, months, dates or min/max")
        if c.via is None:
            ref = cols.get(c.column)
            if ref is None:
                errs.append(f"{ew}: condition column {c.column!r} is not a column of {t.name!r}")
                continue
            if c.column == e.target:
                errs.append(f"{ew}: a condition cannot read the effect's own target")
            ctype = ref.type
        else:
            verr = _via_errors(t, ew, c.via, c.column, tables, None)
            if verr:
                errs += verr
                continue
            f = t.fk(c.via)
            parent = tables.get(f.references_table) if f else None
            if parent is None:
                continue
            ctype = next(x.type for x in parent.columns if x.name == c.column)
        for v in [c.equals, *(c.in_values or [])]:
            if v is not None and not _scalar_fits(v, ctype):
                errs.append(f"{ew}: condition value {v!r} is not a {ctype} value of {c.column!r}")
        if (c.min is not None or c.max is not None) and ctype not in NUMERIC_TYPES:
            errs.append(f"{ew}: min/max conditions need a numeric column, {c.column!r} is {ctype}")
        if (c.months or c.date_from or c.date_to) and ctype not in ("DATE", "TIMESTAMP"):
            errs.append(f"{ew}: months/dates conditions need a DATE/TIMESTAMP column, {c.column!r} is {ctype}")
        if c.months and any(not 1 <= m <= 12 for m in c.months):
            errs.append(f"{ew}: months must be 1-12")
    return errs
