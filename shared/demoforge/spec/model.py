"""``DatasetSpec``: the declarative description of a demo dataset (the pack's spec.json).

Modeling produces it (from a template or Claude), warehouse generates and loads it,
content runs its golden queries, agent describes its tables to the data agent.

Every column carries a typed *generator* (a discriminated union on ``kind``) that the
vectorised engine in ``demoforge.synth`` executes. A spec that exists as an object is a
valid spec: ``DatasetSpec`` validates itself on construction (see ``spec.validate``) and
raises ``SpecInvalid`` with structured issues that each name the table and column to fix,
so the message can be shown to a person or fed back to Claude for a repair round.

This module is the one import point for spec types; the parts are defined in
``spec.generators`` (generator kinds) and ``spec.tables`` (columns, keys, effects, tables,
glossary, stories, queries), below the rules that check them.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from demoforge.spec.base import NUMERIC_TYPES, BQType, Mode, Scalar, SpecModel
from demoforge.spec.consistency import consistency_issues
from demoforge.spec.generators import (
    GENERATOR_TYPES,
    After,
    BooleanGen,
    CategoricalGen,
    DateFactor,
    DerivedGen,
    FakeField,
    FakeGen,
    ForeignKeyGen,
    Generator,
    HolidaySpike,
    LookupGen,
    Match,
    NumericGen,
    SequenceGen,
    StartedBy,
    TextCase,
    TextGen,
    TimestampGen,
    UuidGen,
    ValueCase,
)
from demoforge.spec.graph import column_order, table_order
from demoforge.spec.issues import SpecInvalid, SpecIssue
from demoforge.spec.planning import DEFAULT_ROWS, expected_rows
from demoforge.spec.semantic import Dimension, Metric, SemanticLayer, semantic_issues
from demoforge.spec.tables import (
    ChildrenPerParent,
    ColumnSpec,
    Condition,
    Effect,
    ForeignKey,
    GlossaryTerm,
    SpecQuery,
    StoryPattern,
    TableSpec,
)
from demoforge.spec.validate import spec_issues

__all__ = [
    "DEFAULT_ROWS", "GENERATOR_TYPES", "NUMERIC_TYPES", "After", "BQType", "BooleanGen",
    "CategoricalGen", "ChildrenPerParent", "ColumnSpec", "Condition", "DatasetSpec", "DerivedGen",
    "Dimension", "Metric", "SemanticLayer",
    "Effect", "FakeField", "FakeGen", "ForeignKey", "ForeignKeyGen", "Generator", "GlossaryTerm",
    "HolidaySpike", "LookupGen", "Mode", "NumericGen", "Scalar", "SequenceGen", "SpecInvalid",
    "SpecIssue", "SpecQuery", "StoryPattern", "TableSpec", "TextGen", "TimestampGen", "UuidGen",
    "column_order", "DateFactor", "Match", "StartedBy", "TextCase", "ValueCase",
]


class DatasetSpec(SpecModel):
    name: str
    industry: str
    description: str
    seed: int = 42
    tables: list[TableSpec]
    glossary: list[GlossaryTerm] = Field(default_factory=list)
    stories: list[StoryPattern] = Field(default_factory=list)
    golden_queries: list[SpecQuery] = Field(default_factory=list)
    kpis: list[str] = Field(default_factory=list)
    # Metrics and dimensions: the one definition every query, story, chart and script
    # number is built from (``spec.semantic``).
    semantic: SemanticLayer = Field(default_factory=SemanticLayer)
    # Where and when the data is set: the prospect's country (ISO 3166-1 alpha-2), the
    # currency of every money column (ISO 4217), the language of free text (ISO 639-1),
    # the locale of names, phones and addresses, the run date the data ends at, and the
    # business shape the spec was built for.
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    language: str = Field(default="en", pattern=r"^[a-z]{2}$")
    locale: str | None = Field(default=None, pattern=r"^[a-z]{2}(_[A-Z]{2})?$")
    as_of: dt.date | None = None
    shape: str | None = Field(default=None, max_length=64)

    def table(self, name: str) -> TableSpec:
        for t in self.tables:
            if t.name == name:
                return t
        raise KeyError(name)

    @model_validator(mode="after")
    def _validate(self) -> DatasetSpec:
        issues = spec_issues(self)
        if not issues:
            issues = semantic_issues(self.semantic, self.tables) + consistency_issues(self)
        if issues:
            raise SpecInvalid(issues)
        return self

    def table_order(self) -> list[str]:
        """Parents before children (self-references ignored)."""
        return table_order(self.tables) or [t.name for t in self.tables]

    def expected_rows(self) -> dict[str, int]:
        """Planned rows per table (children-per-parent tables: parents x expected children)."""
        return expected_rows(self.tables)

    def planned_rows(self) -> int:
        return sum(self.expected_rows().values())
