"""The parts of a dataset spec around its columns' generators: columns, keys, children
per parent, planted-story effects and their conditions, tables, glossary terms, stories and
golden queries."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, field_validator

from demoforge.spec.base import BQType, Mode, Scalar, SpecModel
from demoforge.spec.conditions import Condition
from demoforge.spec.generators import Generator

__all__ = ["ChildrenPerParent", "ColumnSpec", "Condition", "Effect", "ForeignKey", "GlossaryTerm",
           "SpecQuery", "StoryPattern", "TableAbout", "TableRole", "TableSpec"]


class ColumnSpec(SpecModel):
    name: str
    type: BQType
    mode: Mode = "NULLABLE"
    description: str
    nullable: float = Field(default=0.0, ge=0.0, le=1.0)  # fraction of NULLs
    generator: Generator | None = None  # None: a default for the type (see synth.generate)
    # What the column means to customisation (e.g. "product_name" gets the prospect's names).
    role: str | None = None
    # The column is NULL on every row where these conditions do not all hold (a churn date
    # only for churned customers, a refund time only for refunded payments).
    only_when: list[Condition] | None = Field(default=None, min_length=1, max_length=5)
    # ISO 4217 code of a money column (shown beside the column to people and the agent).
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")

    @field_validator("generator", mode="before")
    @classmethod
    def _empty_is_none(cls, v: Any) -> Any:
        return None if v == {} else v


class ForeignKey(SpecModel):
    column: str
    references_table: str
    references_column: str


class ChildrenPerParent(SpecModel):
    """Row count as a distribution of children per parent row (through FK ``foreign_key``):
    poisson(mean) | zipf(a) | fixed(mean) | uniform(min..max), clipped to [min, max]."""

    foreign_key: str
    distribution: Literal["poisson", "zipf", "fixed", "uniform"] = "poisson"
    mean: float = Field(default=3.0, ge=0.0, le=10_000)
    a: float = Field(default=2.0, gt=1.0)
    min: int = Field(default=0, ge=0)
    max: int | None = Field(default=None, ge=0)
    # Children in proportion to how long the parent was active inside the window
    # [window_from, window_to]: from its ``exposure_start`` to its ``exposure_end`` (NULL:
    # still active). A customer who joined last month has fewer orders than one who
    # joined two years ago, so volume follows the season, not the sign-up dates. The
    # average number of children stays ``mean``.
    exposure_start: str | None = None
    exposure_end: str | None = None
    window_from: dt.date | None = None
    window_to: dt.date | None = None


class Effect(SpecModel):
    """Plant a story: where every condition holds, multiply ``target`` by ``multiply`` or set
    it to ``set_value`` (with ``probability``)."""

    target: str
    when: list[Condition] = Field(min_length=1, max_length=5)
    multiply: float | None = None
    set_value: Scalar | None = None
    probability: float = Field(default=1.0, ge=0.0, le=1.0)
    story: str | None = None  # StoryPattern.name this effect implements


TableRole = Literal["places", "locations", "sellers", "customers", "offerings", "staff", "transactions", "lines",
                    "child"]


class TableAbout(SpecModel):
    """What a table holds, as typed words rather than a sentence: its part in the shape and
    the English singular of what one row is (``entity``) and of what it belongs to or is
    about (``of``: a line's order, a payment's order, the customers of the places, the
    offerings a seller lists, the location staff work at). The report words a table in the
    job's language from this (``language.tables``); ``description`` stays the English one
    BigQuery and the agent read."""

    role: TableRole
    entity: str = Field(min_length=1, max_length=64)
    of: str | None = Field(default=None, max_length=64)


class TableSpec(SpecModel):
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
    # The DATE/TIMESTAMP column that says when the row happened (an order's time, a
    # customer's sign-up, an employee's hire): the time consistency rules read it.
    time_column: str | None = None
    about: TableAbout | None = None  # set by the template shapes; None for a free-form spec

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


class GlossaryTerm(SpecModel):
    term: str
    definition: str
    synonyms: list[str] = Field(default_factory=list)


class StoryPattern(SpecModel):
    name: str
    kind: Literal["regional_hotspot", "churn_cohort", "product_anomaly", "seasonal_peak", "other"]
    description: str
    params: dict[str, Any] = Field(default_factory=dict)
    # The value the revealing golden query's first row must contain (realism check).
    expected_top: str | None = None


class SpecQuery(SpecModel):
    question: str
    sql: str  # BigQuery SQL; table names unqualified or `{dataset}.table`
    difficulty: Literal["simple", "medium", "hard", "expert"]
    pattern: str | None = None
