"""The shared vocabulary: phases, job document, phase states, messages and events.

The job document is what a person reads in the Firestore console, so field names are
plain words and every timestamp is a real timestamp. It must stay far below Firestore's
1 MiB document limit: phases store small summaries here and keep large artefacts
(rows, pages, specs) in the artifact store, referenced by name.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from demoforge.domain.industries import INDUSTRY_CODES


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Phase(enum.StrEnum):
    """The pipeline phases, in execution order. One name end to end:
    ``functions/<value>``, topic ``demoforge-<value>``, service account ``fn-<value>``."""

    RESEARCH = "research"
    MODELING = "modeling"
    WAREHOUSE = "warehouse"
    CONTENT = "content"
    AGENT = "agent"

    @property
    def topic(self) -> str:
        return f"demoforge-{self.value}"

    @property
    def position(self) -> int:
        return PHASE_ORDER.index(self)

    @property
    def next(self) -> Phase | None:
        i = self.position
        return PHASE_ORDER[i + 1] if i + 1 < len(PHASE_ORDER) else None

    @property
    def previous(self) -> Phase | None:
        i = self.position
        return PHASE_ORDER[i - 1] if i > 0 else None


PHASE_ORDER: tuple[Phase, ...] = (
    Phase.RESEARCH,
    Phase.MODELING,
    Phase.WAREHOUSE,
    Phase.CONTENT,
    Phase.AGENT,
)

# Share of the overall progress bar each phase represents (sums to 100); warehouse and
# content dominate wall-clock time, so they get the larger slices.
PHASE_WEIGHTS: dict[Phase, int] = {
    Phase.RESEARCH: 15,
    Phase.MODELING: 15,
    Phase.WAREHOUSE: 30,
    Phase.CONTENT: 25,
    Phase.AGENT: 15,
}


# The fixed industry vocabulary research chooses from (also the template names): the
# codes of the industry registry, its one home.
INDUSTRIES: tuple[str, ...] = INDUSTRY_CODES


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    WAITING = "waiting"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"
    DELETED = "deleted"

    @property
    def terminal(self) -> bool:
        return self in (JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.DELETED)


class PhaseStatus(enum.StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    WAITING = "waiting"
    DONE = "done"
    FAILED = "failed"


class _Doc(BaseModel):
    model_config = ConfigDict(extra="ignore", use_enum_values=False)


class PhaseState(_Doc):
    status: PhaseStatus = PhaseStatus.PENDING
    attempts: int = 0
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    duration_s: float | None = None
    summary: dict[str, Any] = Field(default_factory=dict)
    # Which delivery currently owns the phase and until when. A second delivery that
    # finds a live lease backs off (raises, so Pub/Sub redelivers later); an expired
    # lease means the owner crashed and the phase may be claimed again.
    lease_owner: str | None = None
    lease_expires_at: dt.datetime | None = None
    last_error: str | None = None


class JobError(_Doc):
    phase: Phase | None = None
    code: str
    message: str


class Clarification(_Doc):
    """Research was not confident enough: the question a CE answers to resume the job."""

    question: str
    candidates: list[str] = Field(default_factory=list)
    answer: str | None = None
    notes: str | None = None


class JobOptions(_Doc):
    scale: str = "default"  # small | default | large
    rows: int | None = None  # explicit total row budget; overrides scale
    seed: int | None = None


class JobDoc(_Doc):
    job_id: str
    customer_url: str
    industry_hint: str | None = None
    company_name: str | None = None
    options: JobOptions = Field(default_factory=JobOptions)
    status: JobStatus = JobStatus.QUEUED
    current_phase: Phase | None = Phase.RESEARCH
    progress: int = 0
    phases: dict[Phase, PhaseState] = Field(
        default_factory=lambda: {p: PhaseState() for p in PHASE_ORDER}
    )
    error: JobError | None = None
    clarification: Clarification | None = None
    # Small, typed-by-phase outputs (research result, dataset name, agent name ...).
    # Anything big lives in the artifact store and is referenced from here.
    results: dict[str, dict[str, Any]] = Field(default_factory=dict)
    created_by: str = "local"
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    expire_at: dt.datetime | None = None

    def phase(self, phase: Phase) -> PhaseState:
        return self.phases.setdefault(phase, PhaseState())

    def recompute_progress(self) -> None:
        self.progress = sum(
            PHASE_WEIGHTS[p] for p in PHASE_ORDER if self.phase(p).status == PhaseStatus.DONE
        )

    def to_store(self) -> dict[str, Any]:
        """Plain dict with real datetimes (Firestore stores them as timestamps)."""
        return self.model_dump(mode="python")

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class PhaseMessage(_Doc):
    """What travels on Pub/Sub: ids only. State is read from the job store."""

    job_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    phase: Phase


class EventLevel(enum.StrEnum):
    DEBUG = "debug"
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class Event(_Doc):
    """One log line in ``jobs/{id}/events``."""

    at: dt.datetime = Field(default_factory=utcnow)
    phase: Phase | None = None
    level: EventLevel = EventLevel.INFO
    message: str
    data: dict[str, Any] = Field(default_factory=dict)
