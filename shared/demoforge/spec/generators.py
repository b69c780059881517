"""The generator kinds: how the synth engine produces each column's values. A column's
``generator`` is a discriminated union on ``kind``; ``GENERATOR_TYPES`` says which BigQuery
types each kind can produce. The engine's one function per kind lives in
``demoforge.synth.columns``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from demoforge.spec.base import NUMERIC_TYPES, Scalar, SpecModel
from demoforge.spec.conditions import Condition


class SequenceGen(SpecModel):
    """Ids ``start, start+step, ...``; STRING columns get ``prefix`` + zero-padded number."""

    kind: Literal["sequence"] = "sequence"
    start: int = 1
    step: int = Field(default=1, ge=1)
    prefix: str = Field(default="", max_length=20)
    width: int = Field(default=0, ge=0, le=20)


class UuidGen(SpecModel):
    """Random (seeded) RFC 4122 version-4 UUID strings."""

    kind: Literal["uuid"] = "uuid"


class Match(SpecModel):
    """The parent must have ``parent_column`` equal to this row's ``column`` (an order's
    employee works at the order's store: ``Match(column="store_id", parent_column="store_id")``)."""

    column: str
    parent_column: str


class StartedBy(SpecModel):
    """The parent must have started (``parent_column``, e.g. an employee's hire date) on or
    before this row's time ``column``."""

    column: str
    parent_column: str


class ForeignKeyGen(SpecModel):
    """A reference to the parent's key (declared in the table's ``foreign_keys``).
    ``zipf`` makes a few parents popular (Pareto-style); ``uniform`` spreads evenly. When the
    table's ``children_per_parent`` names this column, children are generated per parent
    instead and this distribution is not used.

    Consistency rules on the reference: ``match`` (the parent agrees with this row on a
    column), ``started_by`` (the parent existed at the row's time) and ``exclude_parents``
    (parents on which every condition holds get no children: no shipment for a cancelled
    order). Conditions of ``exclude_parents`` read the parent's own columns (no ``via``)."""

    kind: Literal["foreign_key"] = "foreign_key"
    # "cycle": row i references parent i mod n (every parent gets its share: staff spread
    # over the locations so each has some).
    distribution: Literal["uniform", "zipf", "cycle"] = "uniform"
    zipf_a: float = Field(default=1.0, gt=0.0, le=4.0)
    # A numeric column of the parent whose values weight the draw (customers live in a
    # city in proportion to its population).
    weights_column: str | None = None
    match: Match | None = None
    started_by: StartedBy | None = None
    exclude_parents: list[Condition] = Field(default_factory=list, max_length=5)


class ValueCase(SpecModel):
    """Where every condition holds (on this row, or the parent's via a foreign key), the
    value is one of ``values`` (with ``weights``): a payment under a cancelled order is
    'voided' or 'failed', never 'captured'. The first matching case of a column wins."""

    when: list[Condition] = Field(min_length=1, max_length=5)
    values: list[Scalar] = Field(min_length=1, max_length=1000)
    weights: list[float] | None = None


class CategoricalGen(SpecModel):
    """One of ``values`` with optional ``weights``; ``cycle`` assigns ``values[i % n]`` to row
    i (named members of a dimension: regions, products) so ids and names line up."""

    kind: Literal["categorical"] = "categorical"
    values: list[Scalar] = Field(min_length=1, max_length=10_000)
    weights: list[float] | None = None
    cycle: bool = False
    # Values conditioned on other columns (a child's status on its parent's); enforced
    # after planted-story effects, so a story can never break a consistency rule.
    cases: list[ValueCase] = Field(default_factory=list, max_length=10)
    # REPEATED columns only: each row gets this many distinct values (weighted, no repeats).
    items_min: int = Field(default=1, ge=0, le=50)
    items_max: int = Field(default=3, ge=1, le=50)


class NumericGen(SpecModel):
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


class BooleanGen(SpecModel):
    kind: Literal["boolean"] = "boolean"
    probability: float = Field(default=0.5, ge=0.0, le=1.0)


class HolidaySpike(SpecModel):
    """Every year, ``days`` days starting at month/day get ``factor`` times the volume."""

    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    days: int = Field(default=1, ge=1, le=60)
    factor: float = Field(gt=0.0, le=50.0)
    name: str = ""


class DateFactor(SpecModel):
    """One calendar day with ``factor`` times the volume (a public holiday: 0.2 in a store
    chain that closes, 1.5 for a web shop people browse at home)."""

    date: dt.date
    factor: float = Field(ge=0.0, le=50.0)
    name: str = Field(default="", max_length=80)


class After(SpecModel):
    """Make the value later than a reference: a column of the same table, or (with
    ``parent_column``) the parent's column reached through the FK column ``column``.
    With ``mean_hours`` the delay is ``min_hours`` + exponential(mean_hours); without it the
    value follows the generator's seasonal profile, conditioned on being after the reference.

    ``until`` (with ``parent_column``) is the parent's column the value may not pass (a
    churned customer's churn date; NULL means open). ``by`` names a categorical column of
    this row (or, with ``by_via``, of the parent through that foreign key) whose value picks
    the mean delay from ``mean_hours_by`` (per-channel lags), ``mean_hours`` otherwise."""

    column: str
    parent_column: str | None = None
    min_hours: float = Field(default=0.0, ge=0.0)
    mean_hours: float | None = Field(default=None, gt=0.0)
    until: str | None = None
    by: str | None = None
    by_via: str | None = None
    mean_hours_by: dict[str, float] = Field(default_factory=dict, max_length=30)


class TimestampGen(SpecModel):
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
    # Specific days (the country's public holidays in the window) and their volume factor.
    dates: list[DateFactor] = Field(default_factory=list, max_length=400)
    after: After | None = None


class DerivedGen(SpecModel):
    """Arithmetic over this table's numeric columns, e.g. ``quantity * unit_price``.
    Allowed: + - * / //, %, numbers, round(x, n), abs, min, max, floor, ceil."""

    kind: Literal["derived"] = "derived"
    expression: str = Field(min_length=1, max_length=500)


class LookupGen(SpecModel):
    """Copy a parent's column through the FK column ``via`` (e.g. the product's list price)."""

    kind: Literal["lookup"] = "lookup"
    via: str
    column: str


FakeField = Literal[
    "first_name", "last_name", "name", "company", "email", "phone", "street_address", "city",
    "state", "country", "country_code", "postcode", "job", "word",
]


class FakeGen(SpecModel):
    """People, companies, contact details and places by locale. A library (Faker) builds a
    pool of ``pool_size`` values once; rows sample the pool vectorised. ``email`` is unique
    per row and, with ``source`` (a name column of this table), matches the person's name."""

    kind: Literal["fake"] = "fake"
    field: FakeField
    locale: str = Field(default="en_US", pattern=r"^[a-z]{2}(_[A-Z]{2})?$")
    pool_size: int = Field(default=1000, ge=1, le=100_000)
    source: str | None = None


class TextCase(SpecModel):
    """Templates and slots for rows where every condition holds: review text that agrees
    with the rating (``rating`` at most 2 -> complaints). The first matching case wins."""

    when: list[Condition] = Field(min_length=1, max_length=5)
    templates: list[str] = Field(min_length=1, max_length=100)
    slots: dict[str, list[str]] = Field(default_factory=dict)


class TextGen(SpecModel):
    """Free text from templates: ``"{adj} delivery, {issue}"`` with ``slots`` vocabularies;
    ``cases`` condition the text on other columns (see ``TextCase``)."""

    kind: Literal["text"] = "text"
    templates: list[str] = Field(min_length=1, max_length=100)
    slots: dict[str, list[str]] = Field(default_factory=dict)
    cases: list[TextCase] = Field(default_factory=list, max_length=10)


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
