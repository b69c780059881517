"""The phase runner every phase function uses.

Pub/Sub delivers at least once, sometimes twice, sometimes late. For each delivery:

1. **claim** in a transaction: skip if the job is gone/cancelled/failed or the previous
   phase is not done; if the phase is already done, re-publish the next message (outbox
   style: a crash between commit and publish heals on redelivery); if another delivery
   holds a live lease, raise ``LeaseHeld`` so Pub/Sub redelivers later; fail the job when
   the attempt budget is spent; otherwise take the lease and count the attempt.
2. **run** the phase body.
3. **complete** in a transaction (summary, result, timings, progress), then publish the
   next phase. A ``PermanentError`` fails the job and acks; anything else releases the
   lease, records the error and re-raises so Pub/Sub redelivers.

The state transitions are pure functions over ``JobDoc`` so they are tested directly and
behave identically on every ``JobStore``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import time
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING

from demoforge.domain.errors import LeaseHeld, PermanentError
from demoforge.domain.job import (
    Event,
    EventLevel,
    JobDoc,
    JobError,
    JobStatus,
    Phase,
    PhaseMessage,
    PhaseStatus,
)
from demoforge.service.phase import PhaseBody, PhaseContext, PhaseOutput

if TYPE_CHECKING:
    from demoforge.bootstrap import Deps


class Claim(enum.StrEnum):
    CLAIMED = "claimed"
    ALREADY_DONE = "already_done"
    BUSY = "busy"
    STOPPED = "stopped"  # cancelled, deleted or failed job: nothing to do
    NOT_READY = "not_ready"  # previous phase not done: a stray or early message
    WAITING = "waiting"  # waiting for a person's answer
    GONE = "gone"
    EXHAUSTED = "exhausted"


@dataclasses.dataclass(frozen=True)
class ClaimResult:
    outcome: Claim
    job: JobDoc | None
    # For ALREADY_DONE: the message to re-publish (None when the job is complete).
    republish: PhaseMessage | None = None


def _fail(job: JobDoc, phase: Phase, code: str, message: str, now: dt.datetime) -> None:
    ps = job.phase(phase)
    ps.status = PhaseStatus.FAILED
    ps.lease_owner = None
    ps.lease_expires_at = None
    ps.finished_at = now
    ps.last_error = message
    job.status = JobStatus.FAILED
    job.current_phase = phase
    job.error = JobError(phase=phase, code=code, message=message)
    job.updated_at = now


def next_message(job: JobDoc, phase: Phase) -> PhaseMessage | None:
    nxt = phase.next
    if nxt is None or job.status in (JobStatus.WAITING,) or job.status.terminal:
        return None
    return PhaseMessage(job_id=job.job_id, phase=nxt)


def claim(
    job: JobDoc | None,
    phase: Phase,
    owner: str,
    now: dt.datetime,
    lease_s: int,
    max_attempts: int,
) -> tuple[JobDoc | None, ClaimResult]:
    if job is None:
        return None, ClaimResult(Claim.GONE, None)
    if job.status in (JobStatus.CANCELLED, JobStatus.DELETED, JobStatus.FAILED):
        return None, ClaimResult(Claim.STOPPED, job)
    ps = job.phase(phase)
    if ps.status == PhaseStatus.DONE:
        return None, ClaimResult(Claim.ALREADY_DONE, job, next_message(job, phase))
    if ps.status == PhaseStatus.WAITING or job.status == JobStatus.WAITING:
        return None, ClaimResult(Claim.WAITING, job)
    prev = phase.previous
    if prev is not None and job.phase(prev).status != PhaseStatus.DONE:
        return None, ClaimResult(Claim.NOT_READY, job)
    if (
        ps.status == PhaseStatus.RUNNING
        and ps.lease_expires_at is not None
        and ps.lease_expires_at > now
    ):
        return None, ClaimResult(Claim.BUSY, job)
    if ps.attempts >= max_attempts:
        last = f" Last error: {ps.last_error}" if ps.last_error else ""
        _fail(
            job,
            phase,
            "attempts_exhausted",
            f"The {phase.value} phase did not succeed in {ps.attempts} attempts.{last}",
            now,
        )
        return job, ClaimResult(Claim.EXHAUSTED, job)
    ps.status = PhaseStatus.RUNNING
    ps.attempts += 1
    ps.started_at = now
    ps.finished_at = None
    ps.duration_s = None
    ps.lease_owner = owner
    ps.lease_expires_at = now + dt.timedelta(seconds=lease_s)
    job.status = JobStatus.RUNNING
    job.current_phase = phase
    job.updated_at = now
    return job, ClaimResult(Claim.CLAIMED, job)


def complete(
    job: JobDoc | None, phase: Phase, output: PhaseOutput, now: dt.datetime
) -> tuple[JobDoc | None, PhaseMessage | None]:
    """Record success. Returns the next message to publish (None: nothing to publish)."""
    if job is None or job.status in (JobStatus.CANCELLED, JobStatus.DELETED, JobStatus.FAILED):
        return None, None
    ps = job.phase(phase)
    if ps.status == PhaseStatus.DONE:
        # A concurrent delivery finished first; its (identical, deterministic) result stands.
        return None, next_message(job, phase)
    ps.finished_at = now
    if ps.started_at is not None:
        ps.duration_s = round((now - ps.started_at).total_seconds(), 3)
    ps.summary = output.summary
    ps.lease_owner = None
    ps.lease_expires_at = None
    ps.last_error = None
    job.results[phase.value] = output.result
    job.updated_at = now
    if output.waiting is not None:
        ps.status = PhaseStatus.WAITING
        job.status = JobStatus.WAITING
        job.clarification = output.waiting
        job.recompute_progress()
        return job, None
    ps.status = PhaseStatus.DONE
    job.recompute_progress()
    nxt = phase.next
    if nxt is None:
        job.status = JobStatus.COMPLETED
        job.current_phase = None
        return job, None
    job.status = JobStatus.RUNNING
    job.current_phase = nxt
    return job, PhaseMessage(job_id=job.job_id, phase=nxt)


def release(
    job: JobDoc | None, phase: Phase, error: str, now: dt.datetime, max_attempts: int
) -> tuple[JobDoc | None, bool]:
    """A transient failure: free the lease for the redelivery. Returns True when the
    attempt budget is spent and the job was failed instead (the message is then acked)."""
    if job is None or job.status.terminal:
        return None, False
    ps = job.phase(phase)
    if ps.status != PhaseStatus.RUNNING:
        return None, False
    if ps.attempts >= max_attempts:
        _fail(
            job,
            phase,
            "attempts_exhausted",
            f"The {phase.value} phase did not succeed in {ps.attempts} attempts. Last error: {error}",
            now,
        )
        return job, True
    ps.status = PhaseStatus.PENDING
    ps.lease_owner = None
    ps.lease_expires_at = None
    ps.last_error = error
    job.updated_at = now
    return job, False


def fail(
    job: JobDoc | None, phase: Phase, code: str, message: str, now: dt.datetime
) -> tuple[JobDoc | None, None]:
    if job is None or job.status.terminal:
        return None, None
    _fail(job, phase, code, message, now)
    return job, None


@dataclasses.dataclass
class Runner:
    deps: Deps
    body_for: Callable[[Phase], PhaseBody]

    def _now(self) -> dt.datetime:
        return self.deps.clock()

    def _event(self, job_id: str, phase: Phase, message: str, level: EventLevel = EventLevel.INFO,
               **data: object) -> None:
        self.deps.store.add_event(
            job_id, Event(phase=phase, level=level, message=message, data=dict(data))
        )

    def handle(self, msg: PhaseMessage, delivery_id: str) -> Claim:
        """Process one delivery. Returns normally to ack; raises to have it redelivered."""
        s = self.deps.settings
        store = self.deps.store
        phase = msg.phase
        result = store.transact(
            msg.job_id,
            lambda j: claim(j, phase, delivery_id, self._now(), s.lease_seconds, s.max_attempts),
        )
        if result.outcome == Claim.ALREADY_DONE:
            if result.republish is not None:
                # Outbox: the previous delivery may have crashed after committing but
                # before publishing; publishing again is safe because claims dedupe.
                self.deps.bus.publish(result.republish)
            return result.outcome
        if result.outcome == Claim.BUSY:
            raise LeaseHeld(f"{phase.value} for job {msg.job_id} is held by another delivery")
        if result.outcome == Claim.EXHAUSTED:
            self._event(msg.job_id, phase, "attempt budget spent; job failed", EventLevel.ERROR)
            return result.outcome
        if result.outcome == Claim.NOT_READY:
            self._event(msg.job_id, phase, "ignored a message that arrived before its turn",
                        EventLevel.WARNING, delivery_id=delivery_id)
            return result.outcome
        if result.outcome != Claim.CLAIMED:
            return result.outcome

        job = result.job
        assert job is not None
        attempt = job.phase(phase).attempts
        self._event(job.job_id, phase, f"{phase.value} started (attempt {attempt})")
        started = time.monotonic()
        ctx = PhaseContext(job=job.model_copy(deep=True), phase=phase, deps=self.deps, attempt=attempt)
        try:
            output = self.body_for(phase)(ctx)
        except PermanentError as e:
            code, message = e.code, e.message
            store.transact(msg.job_id, lambda j: fail(j, phase, code, message, self._now()))
            self._event(job.job_id, phase, f"{phase.value} failed: {message}", EventLevel.ERROR,
                        code=code)
            return Claim.STOPPED
        except Exception as e:
            # Transient or unexpected: keep the message for redelivery. Unexpected errors
            # are bounded by the attempt budget, after which the job fails visibly.
            text = f"{type(e).__name__}: {e}"
            exhausted = store.transact(
                msg.job_id, lambda j: release(j, phase, text, self._now(), s.max_attempts)
            )
            self._event(job.job_id, phase, f"{phase.value} attempt {attempt} failed: {text}",
                        EventLevel.ERROR if exhausted else EventLevel.WARNING,
                        traceback=traceback.format_exc(limit=8)[-4000:])
            if exhausted:
                return Claim.EXHAUSTED
            raise
        nxt = store.transact(msg.job_id, lambda j: complete(j, phase, output, self._now()))
        self._event(job.job_id, phase,
                    f"{phase.value} {'waiting for an answer' if output.waiting else 'done'} "
                    f"in {time.monotonic() - started:.2f}s", summary=output.summary)
        if nxt is not None:
            self.deps.bus.publish(nxt)
        return Claim.CLAIMED

