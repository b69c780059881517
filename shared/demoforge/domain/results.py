"""Typed results phases hand to each other, one model per phase.

A phase returns its model dumped to plain JSON (``JobDoc.results[phase]`` stays a map a
person reads in the Firestore console); later phases read it back typed with
``ctx.result(WarehouseResult)``. They are small by design: the job document must stay
readable and far below 1 MiB.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, HttpUrl  # noqa: F401

from demoforge.domain.job import INDUSTRIES, JobDoc, Phase

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

Industry = Literal[
    "retail_ecommerce", "saas_software", "financial_services", "insurance", "healthcare",
    "pharma_life_sciences", "manufacturing", "logistics_transport", "travel_hospitality",
    "restaurants_food", "media_entertainment", "education", "real_estate",
    "energy_utilities", "telecom", "automotive", "professional_services",
    "government_public", "nonprofit", "agriculture", "construction_engineering", "other",
]
assert set(INDUSTRIES) == set(Industry.__args__)  # type: ignore[attr-defined]

BusinessModel = Literal["B2B", "B2C", "B2B2C", "marketplace", "public"]


class Evidence(BaseModel):
    model_config = ConfigDict(extra="forbid")
    quote: str = Field(max_length=400)
    source_url: str = Field(max_length=2048)


class ResearchResult(PhaseResult):
    """What research learned about the prospect (validated; LLM output never trusted raw)."""

    phase: ClassVar[Phase] = Phase.RESEARCH
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
