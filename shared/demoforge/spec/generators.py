"""The generator kinds: how the synth engine produces each column's values. A column's
``generator`` is a discriminated union on ``kind``; ``GENERATOR_TYPES`` says which BigQuery
types each kind can produce. The engine's one function per kind lives in
``demoforge.synth.columns``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from demoforge.spec.base import NUMERIC_TYPES, Scalar, SpecModel


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


class ForeignKeyGen(SpecModel):
    """A reference to the parent's key (declared in the table's ``foreign_keys``).
    ``zipf`` makes a few parents popular (Pareto-style); ``uniform`` spreads evenly. When the
    table's ``children_per_parent`` names this column, children are generated per parent
    instead and this distribution is not used."""

    kind: Literal["foreign_key"] = "foreign_key"
    distribution: Literal["uniform", "zipf"] = "uniform"
    zipf_a: float = Field(default=1.0, gt=0.0, le=4.0)


class CategoricalGen(SpecModel):
    """One of ``values`` with optional ``weights``; ``cycle`` assigns ``values[i % n]`` to row
    i (named members of a dimension: regions, products) so ids and names line up."""

    kind: Literal["categorical"] = "categorical"
    values: list[Scalar] = Field(min_length=1, max_length=10_000)
    weights: list[float] | None = None
    cycle: bool = False
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


class After(SpecModel):
    """Make the value later than a reference: a column of the same table, or (with
    ``parent_column``) the parent's column reached through the FK column ``column``.
    With ``mean_hours`` the delay is ``min_hours`` + exponential(mean_hours); without it the
    value follows the generator's seasonal profile, conditioned on being after the reference."""

    column: str
    parent_column: str | None = None
    min_hours: float = Field(default=0.0, ge=0.0)
    mean_hours: float | None = Field(default=None, gt=0.0)


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


class TextGen(SpecModel):
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
