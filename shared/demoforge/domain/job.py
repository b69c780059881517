"""The shared vocabulary: phases, job document, phase states, messages and events, and
the job's state machine.

The job document is what a person reads in the Firestore console, so field names are
plain words and every timestamp is a real timestamp. It must stay far below Firestore's
1 MiB document limit: phases store small summaries here and keep large artefacts
(rows, pages, specs) in the artifact store, referenced by name.

Every change of state is a method of ``JobDoc`` (claim, complete, release, fail, cancel,
retry, answer, mark_stalled, mark_deleted): pure, given the time, tested directly, and
run by the services inside ``JobStore.transact`` (see ``demoforge.service.transact``),
so it behaves the same on every store and under Firestore's transaction retries.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from demoforge.domain.cost import Usage
from demoforge.domain.errors import Conflict, LeaseLost
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
    EXPIRED = "expired"  # the janitor tore the demo down at its TTL (``expire_at``)

    @property
    def terminal(self) -> bool:
        """Completed, failed, cancelled, deleted or expired: no phase runs any more."""
        return self in (JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED,
                        JobStatus.DELETED, JobStatus.EXPIRED)


class PhaseStatus(enum.StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    WAITING = "waiting"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"  # was running when the job was cancelled; ``:retry`` resumes here


class Renewal(enum.StrEnum):
    """What a heartbeat found (``JobDoc.renew``)."""

    RENEWED = "renewed"
    STOPPED = "stopped"  # the job finished meanwhile (cancelled, deleted, expired, failed)
    LOST = "lost"  # the lease is not ours any more (expired and taken over)


class Claim(enum.StrEnum):
    """What one delivery of a phase message found (``JobDoc.claim``)."""

    CLAIMED = "claimed"
    ALREADY_DONE = "already_done"
    BUSY = "busy"
    STOPPED = "stopped"  # a finished job (completed, cancelled, deleted, failed): nothing to do
    NOT_READY = "not_ready"  # previous phase not done: a stray or early message
    WAITING = "waiting"  # waiting for a person's answer
    GONE = "gone"  # no such job document
    EXHAUSTED = "exhausted"


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
    cost: Usage | None = None  # summed over attempts (``JobDoc.add_cost``)


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
    language: str | None = None  # BCP 47 tag asked for at creation ("en", "de-CH")
    as_of: dt.date | None = None  # the day the data ends on (default: the day modeling runs)


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
    # LLM and BigQuery usage of every phase so far, priced (``add_cost``).
    cost: Usage | None = None
    # When Firestore's TTL may delete this document: set once the demo is torn down
    # (expired by the janitor), so the record outlives what it describes for a while.
    purge_at: dt.datetime | None = None

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

    # --- the state machine --------------------------------------------------------------
    # Each transition mutates this document and returns what its caller needs; a call
    # that changes nothing leaves the document equal to what it was (nothing is written).

    @property
    def finished(self) -> bool:
        """No phase runs any more (completed, failed, cancelled or deleted)."""
        return self.status.terminal

    def next_message(self, phase: Phase) -> PhaseMessage | None:
        """The message that follows a done ``phase`` (None: the job is waiting, finished,
        or ``phase`` is the last one)."""
        nxt = phase.next
        if nxt is None or self.status == JobStatus.WAITING or self.finished:
            return None
        return PhaseMessage(job_id=self.job_id, phase=nxt)

    def claim(self, phase: Phase, owner: str, now: dt.datetime, *, lease_s: int,
              max_attempts: int) -> Claim:
        """One delivery of ``phase``'s message wants to run it: take the lease unless the
        job is finished, the phase is done, waiting, not yet due or held by a live lease;
        fail the job once the attempt budget is spent."""
        if self.finished:
            return Claim.STOPPED
        ps = self.phase(phase)
        if ps.status == PhaseStatus.DONE:
            return Claim.ALREADY_DONE
        if ps.status == PhaseStatus.WAITING or self.status == JobStatus.WAITING:
            return Claim.WAITING
        prev = phase.previous
        if prev is not None and self.phase(prev).status != PhaseStatus.DONE:
            return Claim.NOT_READY
        if (
            ps.status == PhaseStatus.RUNNING
            and ps.lease_expires_at is not None
            and ps.lease_expires_at > now
        ):
            return Claim.BUSY
        if ps.attempts >= max_attempts:
            self._exhausted(phase, ps.last_error, now)
            return Claim.EXHAUSTED
        ps.status = PhaseStatus.RUNNING
        ps.attempts += 1
        ps.started_at = now
        ps.finished_at = None
        ps.duration_s = None
        ps.lease_owner = owner
        ps.lease_expires_at = now + dt.timedelta(seconds=lease_s)
        self.status = JobStatus.RUNNING
        self.current_phase = phase
        self.updated_at = now
        return Claim.CLAIMED

    def holds_lease(self, phase: Phase, owner: str) -> bool:
        return self.phase(phase).lease_owner == owner

    def live_lease(self, now: dt.datetime) -> Phase | None:
        """The phase some delivery is running right now (its lease has not expired)."""
        return next((p for p, ps in self.phases.items() if ps.status == PhaseStatus.RUNNING
                     and ps.lease_expires_at is not None and ps.lease_expires_at > now), None)

    def _check_owner(self, phase: Phase, owner: str) -> None:
        if not self.holds_lease(phase, owner):
            holder = self.phase(phase).lease_owner
            raise LeaseLost(
                f"{phase.value} of job {self.job_id} is no longer held by delivery {owner} "
                f"({'held by ' + holder if holder else 'reset'}); its outcome is discarded")

    def _drop_lease(self, phase: Phase, owner: str, now: dt.datetime) -> None:
        """The job finished (cancelled, deleted) while ``owner`` ran ``phase``: nothing of
        its outcome is kept, but its lease goes, so the phase shows it is not running and
        a teardown or retry waiting for it can go ahead."""
        ps = self.phase(phase)
        if ps.lease_owner != owner:
            return
        ps.lease_owner = None
        ps.lease_expires_at = None
        if ps.status == PhaseStatus.RUNNING:
            ps.status = PhaseStatus.PENDING
        self.updated_at = now

    def stopped(self, phase: Phase, owner: str, now: dt.datetime) -> None:
        """``owner`` stopped running ``phase`` at a checkpoint (the job was cancelled or
        deleted, or the lease moved): it lets go of its lease, if it still has it."""
        self._drop_lease(phase, owner, now)

    def complete(
        self, phase: Phase, now: dt.datetime, *, owner: str, summary: dict[str, Any],
        result: dict[str, Any], waiting: Clarification | None = None,
    ) -> PhaseMessage | None:
        """Record a phase's success (or its question for a person) by the delivery that
        holds its lease (``LeaseLost`` for any other). Returns the next message to
        publish (None: nothing to publish)."""
        if self.finished:
            self._drop_lease(phase, owner, now)
            return None
        ps = self.phase(phase)
        if ps.status == PhaseStatus.DONE:
            # A concurrent delivery finished first; its (identical, deterministic) result stands.
            return self.next_message(phase)
        self._check_owner(phase, owner)
        ps.finished_at = now
        if ps.started_at is not None:
            ps.duration_s = round((now - ps.started_at).total_seconds(), 3)
        ps.summary = summary
        ps.lease_owner = None
        ps.lease_expires_at = None
        ps.last_error = None
        self.results[phase.value] = result
        self.updated_at = now
        if waiting is not None:
            ps.status = PhaseStatus.WAITING
            self.status = JobStatus.WAITING
            self.clarification = waiting
            self.recompute_progress()
            return None
        ps.status = PhaseStatus.DONE
        self.recompute_progress()
        nxt = phase.next
        if nxt is None:
            self.status = JobStatus.COMPLETED
            self.current_phase = None
            return None
        self.status = JobStatus.RUNNING
        self.current_phase = nxt
        return PhaseMessage(job_id=self.job_id, phase=nxt)

    def release(self, phase: Phase, error: str, now: dt.datetime, *, owner: str,
                max_attempts: int) -> bool:
        """A transient failure: the lease holder frees its lease for the redelivery
        (``LeaseLost`` for any other delivery). Returns True when the attempt budget is
        spent and the job was failed instead (the message is then acked)."""
        if self.finished:
            self._drop_lease(phase, owner, now)
            return False
        ps = self.phase(phase)
        if ps.status != PhaseStatus.RUNNING:
            return False
        self._check_owner(phase, owner)
        if ps.attempts >= max_attempts:
            self._exhausted(phase, error, now)
            return True
        ps.status = PhaseStatus.PENDING
        ps.lease_owner = None
        ps.lease_expires_at = None
        ps.last_error = error
        self.updated_at = now
        return False

    def fail(self, phase: Phase, code: str, message: str, now: dt.datetime, *,
             owner: str | None = None) -> None:
        """A permanent failure: the job fails with ``{phase, code, message}``. With
        ``owner`` (a delivery reporting its phase's error) only the lease holder may."""
        if self.finished:
            if owner is not None:
                self._drop_lease(phase, owner, now)
            return
        if owner is not None:
            self._check_owner(phase, owner)
        ps = self.phase(phase)
        ps.status = PhaseStatus.FAILED
        ps.lease_owner = None
        ps.lease_expires_at = None
        ps.finished_at = now
        ps.last_error = message
        self.status = JobStatus.FAILED
        self.current_phase = phase
        self.error = JobError(phase=phase, code=code, message=message)
        self.updated_at = now

    def _exhausted(self, phase: Phase, last_error: str | None, now: dt.datetime) -> None:
        attempts = self.phase(phase).attempts
        last = f" Last error: {last_error}" if last_error else ""
        self.fail(phase, "attempts_exhausted",
                  f"The {phase.value} phase did not succeed in {attempts} attempts.{last}", now)

    def cancel(self, now: dt.datetime) -> None:
        """Stop the job; phases still queued find it cancelled and do nothing. Idempotent."""
        if self.status == JobStatus.CANCELLED:
            return
        if self.finished:
            raise Conflict(f"job {self.job_id} is {self.status.value} and cannot be cancelled")
        self.status = JobStatus.CANCELLED
        self._stop_running(PhaseStatus.CANCELLED, now)
        self.updated_at = now

    def _stop_running(self, status: PhaseStatus, now: dt.datetime) -> None:
        """A running phase's delivery stops at its next checkpoint (it finds the job
        finished): the document says so at once. The lease stays with that delivery until
        it drops it on its way out (or it expires: the heartbeat stops renewing a finished
        job), so a retry's message cannot run the phase a second time alongside it."""
        for ps in self.phases.values():
            if ps.status == PhaseStatus.RUNNING:
                ps.status = status
                ps.finished_at = now

    def retry(self, now: dt.datetime, *, stuck_after: dt.timedelta) -> Phase:
        """Resume a failed or cancelled job (or one still queued ``stuck_after`` its
        creation: its first message was lost) from its first unfinished phase; done phases
        stay. Returns that phase."""
        stuck = self.status == JobStatus.QUEUED and now - self.created_at > stuck_after
        if self.status not in (JobStatus.FAILED, JobStatus.CANCELLED) and not stuck:
            raise Conflict(
                f"job {self.job_id} is {self.status.value}; only failed, cancelled or stuck "
                "queued jobs can be retried")
        first = next((p for p in PHASE_ORDER if self.phase(p).status != PhaseStatus.DONE), None)
        if first is None:
            raise Conflict(f"job {self.job_id} has every phase done")
        for p in PHASE_ORDER[first.position:]:
            old = self.phase(p)
            fresh = PhaseState()
            if old.lease_owner and old.lease_expires_at and old.lease_expires_at > now:
                # A delivery still runs this phase (cancelled, not yet at a checkpoint):
                # keep its lease, so the retry's message backs off instead of running the
                # phase a second time alongside it; that delivery may still complete it.
                fresh.status, fresh.started_at = PhaseStatus.RUNNING, old.started_at
                fresh.lease_owner, fresh.lease_expires_at = old.lease_owner, old.lease_expires_at
            self.phases[p] = fresh
        self.status = JobStatus.RUNNING
        self.current_phase = first
        self.error = None
        self.updated_at = now
        self.recompute_progress()
        return first

    def answer(self, industry: str, notes: str | None, now: dt.datetime) -> None:
        """A person confirmed the industry: research is done with that answer; modeling next."""
        if self.status != JobStatus.WAITING or self.clarification is None:
            raise Conflict(f"job {self.job_id} is {self.status.value}, not waiting for an answer")
        self.clarification.answer = industry
        self.clarification.notes = notes
        research = dict(self.results.get(Phase.RESEARCH.value, {}))
        research.update(industry=industry, confidence=1.0, source="answer")
        if notes:
            research["notes"] = notes
        self.results[Phase.RESEARCH.value] = research
        ps = self.phase(Phase.RESEARCH)
        ps.status = PhaseStatus.DONE
        ps.summary = {**ps.summary, "industry": industry, "answered": True}
        self.status = JobStatus.RUNNING
        self.current_phase = Phase.MODELING
        self.updated_at = now
        self.recompute_progress()

    def is_stalled(self, now: dt.datetime, *, after: dt.timedelta) -> bool:
        """Queued or running, untouched for longer than ``after``, and no live lease:
        nothing is working on it any more (its message was dead-lettered or lost)."""
        if self.status not in (JobStatus.QUEUED, JobStatus.RUNNING) or now - self.updated_at <= after:
            return False
        return not any(ps.lease_expires_at and ps.lease_expires_at > now for ps in self.phases.values())

    def mark_stalled(self, now: dt.datetime, *, after: dt.timedelta) -> bool:
        """Fail a stalled job visibly (``:retry`` resumes it). Returns True when it did."""
        if not self.is_stalled(now, after=after):
            return False
        phase = self.current_phase or Phase.RESEARCH
        minutes = int((now - self.updated_at).total_seconds() // 60)
        self.status = JobStatus.FAILED
        self.error = JobError(phase=phase, code="stalled", message=(
            f"No progress on the {phase.value} phase for {minutes} minutes: its Pub/Sub message "
            "was dead-lettered or lost. POST /jobs/{id}:retry resumes the job from there."))
        self.updated_at = now
        return True

    def mark_deleted(self, now: dt.datetime) -> None:
        """The first step of a teardown: from now on no phase is claimed or completed, so
        nothing recreates what is being removed. Idempotent."""
        if self.status in (JobStatus.DELETED, JobStatus.EXPIRED):
            return  # an expired demo is torn down by the same steps and stays "expired"
        self.status = JobStatus.DELETED
        self.updated_at = now

    def record(self, key: str, value: dict[str, Any], now: dt.datetime) -> None:
        """Keep a small non-phase result (e.g. what a teardown removed) in ``results``."""
        self.results[key] = value
        self.updated_at = now

    def renew(self, phase: Phase, owner: str, now: dt.datetime, *, lease_s: int) -> Renewal:
        """A heartbeat of the delivery running ``phase``: extend its lease, only while it
        still holds it and the job still runs. ``updated_at`` stays: renewing is
        bookkeeping, not progress."""
        if self.finished:
            return Renewal.STOPPED
        ps = self.phase(phase)
        if ps.status != PhaseStatus.RUNNING or ps.lease_owner != owner:
            return Renewal.LOST
        ps.lease_expires_at = now + dt.timedelta(seconds=lease_s)
        return Renewal.RENEWED

    def add_cost(self, phase: Phase, usage: Usage) -> None:
        """Charge one attempt's usage to ``phase`` and to the job's total. Applies to
        finished jobs too: what a cancelled attempt used was paid for."""
        if usage.empty:
            return
        ps = self.phase(phase)
        ps.cost = (ps.cost or Usage()).plus(usage)
        self.cost = (self.cost or Usage()).plus(usage)

    def mark_expired(self, now: dt.datetime) -> bool:
        """The demo reached its TTL: stop it for good before the janitor tears it down
        (so no phase recreates what is being removed). Returns True when it changed the
        status; a deleted job stays deleted (its teardown is finished all the same)."""
        if self.expire_at is None or self.expire_at > now:
            return False
        if self.status in (JobStatus.DELETED, JobStatus.EXPIRED):
            return False
        self.status = JobStatus.EXPIRED
        self._stop_running(PhaseStatus.CANCELLED, now)
        self.updated_at = now
        return True

    def torn_down(self, now: dt.datetime, *, keep: dt.timedelta) -> None:
        """The teardown of an expired (or deleted) demo is complete: the record may be
        deleted by Firestore's TTL ``keep`` from now."""
        if self.purge_at is None:
            self.purge_at = now + keep


# A job id: letters, digits, ``_`` and ``-``, at most 64, starting with a letter or digit
# (``new_job_id`` makes 20 hex digits). That excludes every id Firestore reserves
# (``__x__``, ``__main__``) and ``.``/``..``, so a foreign id never reaches a store call.
JOB_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"
_JOB_ID = re.compile(JOB_ID_PATTERN)


def is_job_id(text: object) -> bool:
    return isinstance(text, str) and _JOB_ID.fullmatch(text) is not None


class PhaseMessage(_Doc):
    """What travels on Pub/Sub: ids only. State is read from the job store."""

    job_id: str = Field(pattern=JOB_ID_PATTERN)
    phase: Phase


class EventLevel(enum.StrEnum):
    DEBUG = "debug"
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


# The id of an event document, which is also the events page cursor: time-sortable
# ``YYYYMMDDTHHMMSS.ffffff-<8 hex>`` (``adapters.sqlite_store.event_id`` makes them, for
# both stores). A cursor that does not look like this never reaches a store.
EVENT_ID_PATTERN = r"^[0-9]{8}T[0-9]{6}\.[0-9]{6}-[0-9a-f]{8}$"


class Event(_Doc):
    """One log line in ``jobs/{id}/events``."""

    at: dt.datetime = Field(default_factory=utcnow)
    phase: Phase | None = None
    level: EventLevel = EventLevel.INFO
    message: str
    data: dict[str, Any] = Field(default_factory=dict)
