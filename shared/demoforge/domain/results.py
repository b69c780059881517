"""Typed results phases hand to each other (stored in ``JobDoc.results[phase]``).

They are small by design: the job document must stay readable and far below 1 MiB.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl  # noqa: F401

from demoforge.domain.industries import IndustryCode
from demoforge.domain.profile import BusinessModel, Evidence, ProspectProfile

# The registry's codes as a type (``domain.industries`` checks both name the same codes).
Industry = IndustryCode

__all__ = ["BusinessModel", "Evidence", "GoldenQuery", "Industry", "ProspectProfile", "ResearchResult"]

# The research result is the prospect profile (``domain.profile``); the old name stays
# for the phases that read it.
ResearchResult = ProspectProfile


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
