"""``DatasetSpec``: the declarative description of a demo dataset (the pack's spec.json).

Modeling produces it (from a template or Claude), warehouse generates and loads it,
content runs its golden queries, agent describes its tables to the data agent.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

BQType = Literal["STRING", "INT64", "FLOAT64", "NUMERIC", "BOOL", "DATE", "TIMESTAMP", "STRUCT"]
Mode = Literal["NULLABLE", "REQUIRED", "REPEATED"]


class ColumnSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    type: BQType
    mode: Mode = "NULLABLE"
    description: str
    nullable: float = Field(default=0.0, ge=0.0, le=1.0)
    generator: dict[str, Any] = Field(default_factory=dict)


class ForeignKey(BaseModel):
    model_config = ConfigDict(extra="forbid")
    column: str
    references_table: str
    references_column: str


class TableSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    description: str
    grain: str
    row_count: int | None = None
    primary_key: str | None = None
    foreign_keys: list[ForeignKey] = Field(default_factory=list)
    columns: list[ColumnSpec]


class GlossaryTerm(BaseModel):
    model_config = ConfigDict(extra="forbid")
    term: str
    definition: str
    synonyms: list[str] = Field(default_factory=list)


class StoryPattern(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    kind: Literal["regional_hotspot", "churn_cohort", "product_anomaly", "seasonal_peak", "other"]
    description: str
    params: dict[str, Any] = Field(default_factory=dict)


class SpecQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str
    sql: str  # BigQuery SQL; table names unqualified or `{dataset}.table`
    difficulty: Literal["simple", "medium", "hard", "expert"]
    pattern: str | None = None


class DatasetSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
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
