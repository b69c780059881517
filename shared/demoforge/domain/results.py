"""Typed results phases hand to each other, one model per phase.

A phase returns its model dumped to plain JSON (``JobDoc.results[phase]`` stays a map a
person reads in the Firestore console); later phases read it back typed with
``ctx.result(WarehouseResult)``. They are small by design: the job document must stay
readable and far below 1 MiB.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, HttpUrl  # noqa: F401

from demoforge.domain.industries import IndustryCode
from demoforge.domain.job import JobDoc, Phase
from demoforge.domain.profile import BusinessModel, Evidence, ProspectProfile

# A demo needs at least this many proven questions: modeling asks Claude for them and
# refuses a design with fewer; content warns when fewer pass.
MIN_GOLDEN_QUERIES = 12


class PhaseResult(BaseModel):
    """Base of every phase's result; ``phase`` says under which key it is stored."""

    phase: ClassVar[Phase]

    @classmethod
    def stored(cls, job: JobDoc) -> Self | None:
        """The result as recorded on ``job``; None when the phase recorded none. Raises
        ``pydantic.ValidationError`` when what is recorded does not fit the model."""
        raw = job.results.get(cls.phase.value)
        if raw is None:
            return None
        # A document written by an older version may carry fields since dropped.
        return cls.model_validate({k: v for k, v in raw.items() if k in cls.model_fields})


# The registry's codes as a type (``domain.industries`` checks both name the same codes).
Industry = IndustryCode

__all__ = [
    "AgentResult", "BusinessModel", "ContentResult", "Evidence", "GoldenQuery", "Industry",
    "ModelingResult", "PhaseResult", "ProspectProfile", "ResearchResult", "WarehouseResult",
]

class ResearchResult(ProspectProfile, PhaseResult):
    """The research phase's result: the prospect profile (``domain.profile``), stored under
    the research key; later phases read it as ``ctx.result(ResearchResult)``."""

    phase: ClassVar[Phase] = Phase.RESEARCH


class ModelingResult(PhaseResult):
    """Which dataset spec modeling stored (the spec itself is the ``spec.json`` artifact)."""

    phase: ClassVar[Phase] = Phase.MODELING
    model_config = ConfigDict(extra="forbid")
    spec_artifact: str
    template: str
    source: Literal["template", "claude"]
    tables: int
    planned_rows: int


class WarehouseResult(PhaseResult):
    """Where the tables are and how many rows each has."""

    phase: ClassVar[Phase] = Phase.WAREHOUSE
    model_config = ConfigDict(extra="forbid")
    dataset: str = Field(min_length=1)
    project: str = Field(min_length=1)
    tables: dict[str, int] = Field(default_factory=dict)


class ContentResult(PhaseResult):
    """How many golden queries passed, and the names of the artifacts content wrote."""

    phase: ClassVar[Phase] = Phase.CONTENT
    model_config = ConfigDict(extra="forbid")
    golden_artifact: str
    passed: int
    dropped: int
    report: str
    script: str
    sample_qa: str


class AgentResult(PhaseResult):
    """The data agent and the verdict of its test question."""

    phase: ClassVar[Phase] = Phase.AGENT
    model_config = ConfigDict(extra="forbid")
    agent_name: str
    agent_id: str
    mode: Literal["cloud", "local"]
    conversation_name: str | None = None
    example_queries: int = 0
    # ``demoforge.agent.verdict.AgentTest`` as JSON, without its timing: results are
    # identical for identical inputs, so a redelivered phase leaves the same document.
    test: dict[str, Any] = Field(default_factory=dict)


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
