"""Typed results phases hand to each other (stored in ``JobDoc.results[phase]``).

They are small by design: the job document must stay readable and far below 1 MiB.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl  # noqa: F401

from demoforge.domain.industries import IndustryCode

# The registry's codes as a type (``domain.industries`` checks both name the same codes).
Industry = IndustryCode

BusinessModel = Literal["B2B", "B2C", "B2B2C", "marketplace", "public"]


class Evidence(BaseModel):
    model_config = ConfigDict(extra="forbid")
    quote: str = Field(max_length=400)
    source_url: str = Field(max_length=2048)


class ResearchResult(BaseModel):
    """What research learned about the prospect (validated; LLM output never trusted raw)."""

    model_config = ConfigDict(extra="forbid")
    company_name: str = Field(min_length=1, max_length=200)
    industry: Industry
    sub_industry: str = Field(default="", max_length=200)
    business_model: BusinessModel = "B2C"
    products_services: list[str] = Field(default_factory=list, max_length=30)
    key_entities: list[str] = Field(default_factory=list, max_length=30)
    kpis: list[str] = Field(default_factory=list, max_length=30)
    evidence: list[Evidence] = Field(default_factory=list, max_length=20)
    confidence: float = Field(ge=0.0, le=1.0)
    language: str = Field(default="en", max_length=16)
    # Top candidates with scores, best first: shown when a person is asked to confirm.
    candidates: list[tuple[Industry, float]] = Field(default_factory=list, max_length=5)
    source: Literal["claude", "offline", "answer", "hint"] = "offline"
    pages: list[str] = Field(default_factory=list, max_length=10)  # URLs read
    # A person's note when they answered the clarifying question (jobs.answer_job).
    notes: str | None = Field(default=None, max_length=2000)


class GoldenQuery(BaseModel):
    """A question with BigQuery SQL that was executed and checked by the content phase."""

    model_config = ConfigDict(extra="ignore")
    question: str
    sql: str
    difficulty: Literal["simple", "medium", "hard", "expert"] = "simple"
    status: Literal["passed", "failed", "dropped", "pending"] = "pending"
    row_count: int = 0
    preview: list[dict[str, Any]] = Field(default_factory=list)
    answer: str = ""
    pattern: str | None = None  # which planted story it reveals
    reason: str | None = None  # why it failed / was dropped
