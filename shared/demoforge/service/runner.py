"""The phase runner every phase function uses.

Pub/Sub delivers at least once, sometimes twice, sometimes late. For each delivery:

1. **claim** in a transaction (``JobDoc.claim``): skip if the job is gone or finished or
   the previous phase is not done; if the phase is already done, re-publish the next
   message (outbox style: a crash between commit and publish heals on redelivery); if
   another delivery holds a live lease, raise ``LeaseHeld`` so Pub/Sub redelivers later;
   fail the job when the attempt budget is spent; otherwise take the lease and count the
   attempt.
2. **run** the phase body.
3. **complete** in a transaction (summary, result, timings, progress), then publish the
   next phase. A ``PermanentError`` fails the job and acks; anything else releases the
   lease, records the error and re-raises so Pub/Sub redelivers.

The transitions are methods of ``JobDoc`` (pure, tested directly), so they behave
identically on every ``JobStore``. Which body runs a phase is the composition root's
choice (``body_for``), not the runner's.

While the body runs a heartbeat renews the lease (``service.lease``), so a dead delivery
is taken over about one lease later. A cancel (or delete) stops the body at its next
``ctx.checkpoint()``: ``Cancelled`` is acked quietly and nothing completes. What the
attempt used (LLM tokens, BigQuery bytes, ``service.metering``) is charged to the phase
on every way out, success or not.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from typing import TypeVar

from pydantic import ValidationError

from demoforge.domain.errors import Cancelled, LeaseHeld, LeaseLost, PermanentError
from demoforge.domain.job import (
    Claim,
    EventLevel,
    JobDoc,
    JobStatus,
    Phase,
    PhaseMessage,
    PhaseStatus,
)
from demoforge.service.cleanup import OutputRemover, after_phase_stopped
from demoforge.service.lease import Heartbeat
from demoforge.service.metering import Meter, metered
from demoforge.service.phase import PhaseBody, PhaseContext, PhaseOutput
from demoforge.service.services import Services
from demoforge.service.transact import update_if_present

__all__ = ["Claim", "Runner"]

log = logging.getLogger("demoforge.service.runner")
R = TypeVar("R")


@dataclasses.dataclass
class Runner:
    services: Services
    body_for: Callable[[Phase], PhaseBody]
    # What a phase creates besides artifacts, removed when it stops after a deletion.
    outputs_for: Callable[[Phase], OutputRemover | None] = lambda _: None

    def handle(self, msg: PhaseMessage, delivery_id: str) -> Claim:
        """Process one delivery. Returns normally to ack; raises to have it redelivered."""
        s = self.services.settings
        clock = self.services.clock
        phase = msg.phase
        try:
            claimed = update_if_present(
                self.services.store, msg.job_id,
                lambda j: j.claim(phase, delivery_id, clock(), lease_s=s.lease_seconds,
                                  max_attempts=s.max_attempts),
            )
        except ValidationError as e:
            return self._unreadable(msg, delivery_id, e)
        if claimed is None:
            log.warning("acknowledged a %s message for unknown job %s (delivery %s)",
                        phase.value, msg.job_id, delivery_id)
            return Claim.GONE
        job, outcome = claimed
        if outcome != Claim.CLAIMED:
            return self._not_claimed(job, phase, outcome, delivery_id)

        attempt = job.phase(phase).attempts
        self.services.events.write(job.job_id, f"{phase.value} started (attempt {attempt})",
                                   phase=phase)
        started = time.monotonic()
        meter = Meter(s)
        ctx = PhaseContext(job=job.model_copy(deep=True), phase=phase,
                           services=metered(self.services, meter), attempt=attempt,
                           owner=delivery_id)
        try:
            with Heartbeat(self.services, msg.job_id, phase, delivery_id):
                output = self.body_for(phase)(ctx)
        except Cancelled as e:
            stopped = self._transition(msg, delivery_id, self._charged(
                meter, phase, lambda j: j.stopped(phase, delivery_id, clock())))
            self.services.events.write(job.job_id, e.message, phase=phase, level=EventLevel.WARNING)
            if stopped is not None:
                self._stopped_if_deleted(msg, stopped[0])
            return Claim.STOPPED
        except PermanentError as e:
            return self._failed(msg, delivery_id, e, meter)
        except Exception as e:
            # Transient or unexpected: keep the message for redelivery. Unexpected errors
            # are bounded by the attempt budget, after which the job fails visibly.
            acked = self._released(msg, delivery_id, attempt, f"{type(e).__name__}: {e}", meter)
            if acked is not None:
                return acked
            raise
        return self._completed(msg, delivery_id, attempt, output, time.monotonic() - started, meter)

    @staticmethod
    def _charged(meter: Meter, phase: Phase, change: Callable[[JobDoc], R]) -> Callable[[JobDoc], R]:
        """``change`` plus the attempt's usage charged to the phase, in the same write."""
        def apply(j: JobDoc) -> R:
            j.add_cost(phase, meter.usage())
            return change(j)
        return apply

    def _not_claimed(self, job: JobDoc, phase: Phase, outcome: Claim, delivery_id: str) -> Claim:
        events = self.services.events
        if outcome == Claim.ALREADY_DONE:
            republish = job.next_message(phase)
            if republish is not None:
                # Outbox: the previous delivery may have crashed after committing but
                # before publishing; publishing again is safe because claims dedupe.
                self.services.bus.publish(republish)
        elif outcome == Claim.BUSY:
            raise LeaseHeld(f"{phase.value} for job {job.job_id} is held by another delivery")
        elif outcome == Claim.EXHAUSTED:
            events.write(job.job_id, "attempt budget spent; job failed", phase=phase,
                         level=EventLevel.ERROR)
        elif outcome == Claim.NOT_READY:
            events.write(job.job_id, "ignored a message that arrived before its turn", phase=phase,
                         level=EventLevel.WARNING, data={"delivery_id": delivery_id})
        elif outcome == Claim.STOPPED and job.status == JobStatus.DELETED:
            # A redelivery after the delivery that ran this phase died (kill -9) mid-phase
            # of a job deleted meanwhile: remove what that phase may have left.
            self._after_stop(job.job_id, phase, ran_it=False)
        return outcome

    def _unreadable(self, msg: PhaseMessage, delivery_id: str, e: ValidationError) -> Claim:
        """The job document does not fit the model (edited by hand, written by another
        version): no delivery will ever read it, so acknowledge instead of looping."""
        log.error("acknowledged %s message %s: job %s is unreadable (%d problem(s), first: %s)",
                  msg.phase.value, delivery_id, msg.job_id, e.error_count(), e.errors()[0]["msg"])
        self.services.events.write(
            msg.job_id, f"a {msg.phase.value} message was acknowledged unprocessed: the job "
            "document does not fit the job model", phase=msg.phase, level=EventLevel.ERROR,
            data={"problems": e.error_count(), "delivery_id": delivery_id})
        return Claim.GONE

    def _transition(self, msg: PhaseMessage, delivery_id: str,
                    change: Callable[[JobDoc], R]) -> tuple[JobDoc, R] | None:
        """Record this delivery's outcome; None when the job is gone or the phase was
        taken over by another delivery (the outcome is then discarded and the message
        acknowledged: the new owner does the work)."""
        try:
            found = update_if_present(self.services.store, msg.job_id, change)
        except LeaseLost as e:
            log.warning("%s", e.message)
            self.services.events.write(msg.job_id, e.message, phase=msg.phase,
                                       level=EventLevel.WARNING, data={"delivery_id": delivery_id})
            return None
        return found

    def _stopped_if_deleted(self, msg: PhaseMessage, job: JobDoc) -> None:
        """The job was deleted while this delivery ran its phase: now that the lease is
        dropped, remove what the phase wrote. Outside any error handling, so a failure here
        is redelivered (the redelivery's claim finds the job deleted and tries again)."""
        if job.status == JobStatus.DELETED:
            self._after_stop(msg.job_id, msg.phase, ran_it=True)

    def _after_stop(self, job_id: str, phase: Phase, *, ran_it: bool) -> None:
        after_phase_stopped(self.services, job_id, phase, self.outputs_for(phase), ran_it=ran_it)

    def _failed(self, msg: PhaseMessage, delivery_id: str, e: PermanentError, meter: Meter) -> Claim:
        phase, code, message, clock = msg.phase, e.code, e.message, self.services.clock
        failed = self._transition(msg, delivery_id, self._charged(meter, phase, lambda j: j.fail(
            phase, code, message, clock(), owner=delivery_id)))
        if failed is not None and failed[0].status == JobStatus.FAILED:
            self.services.events.write(msg.job_id, f"{phase.value} failed: {message}", phase=phase,
                                       level=EventLevel.ERROR, data={"code": code})
        if failed is not None:
            self._stopped_if_deleted(msg, failed[0])
        return Claim.STOPPED

    def _released(self, msg: PhaseMessage, delivery_id: str, attempt: int,
                  text: str, meter: Meter) -> Claim | None:
        """Free the lease after a transient error. None: re-raise, so Pub/Sub redelivers;
        else acknowledge with that outcome (the attempt budget is spent, the job finished,
        or another delivery owns the phase now)."""
        phase, s, clock = msg.phase, self.services.settings, self.services.clock
        # The traceback goes to the function's log, never into the events callers read.
        log.warning("%s attempt %d of job %s failed: %s", phase.value, attempt, msg.job_id, text,
                    exc_info=True)
        released = self._transition(msg, delivery_id, self._charged(meter, phase, lambda j: j.release(
            phase, text, clock(), owner=delivery_id, max_attempts=s.max_attempts)))
        if released is None:
            return Claim.BUSY
        job, exhausted = released
        self.services.events.write(msg.job_id, f"{phase.value} attempt {attempt} failed: {text}",
                                   phase=phase,
                                   level=EventLevel.ERROR if exhausted else EventLevel.WARNING)
        if exhausted:
            return Claim.EXHAUSTED
        self._stopped_if_deleted(msg, job)
        return Claim.STOPPED if job.finished else None

    def _completed(self, msg: PhaseMessage, delivery_id: str, attempt: int, output: PhaseOutput,
                   seconds: float, meter: Meter) -> Claim:
        phase, clock = msg.phase, self.services.clock
        try:
            completed = self._transition(msg, delivery_id, self._charged(meter, phase, lambda j: (
                j.phase(phase).status == PhaseStatus.DONE,
                j.complete(phase, clock(), owner=delivery_id, summary=output.summary,
                           result=output.result, waiting=output.waiting))))
        except Exception as e:
            # Saving the result failed (a store outage, a result the store refuses): free
            # the lease with the error recorded, so the job never sits "running" with no
            # error until the lease expires; the redelivery tries again within the budget.
            acked = self._released(msg, delivery_id, attempt,
                                   f"saving the {phase.value} result failed: {type(e).__name__}: {e}",
                                   meter)
            if acked is not None:
                return acked
            raise
        if completed is None:
            return Claim.BUSY
        job, (already_done, nxt) = completed
        if already_done:
            # A delivery that took over after this one's lease expired finished first; its
            # (identical, deterministic) result stands. Publishing again is the outbox.
            self.services.events.write(
                job.job_id, f"{phase.value} was done by another delivery meanwhile; this "
                "delivery's identical result was not recorded", phase=phase,
                level=EventLevel.WARNING, data={"delivery_id": delivery_id})
            self._stopped_if_deleted(msg, job)
        elif job.phase(phase).status not in (PhaseStatus.DONE, PhaseStatus.WAITING):
            self.services.events.write(
                job.job_id, f"{phase.value} stopped after {seconds:.2f}s: the job is "
                f"{job.status.value}, so its result was discarded", phase=phase,
                level=EventLevel.WARNING)
            self._stopped_if_deleted(msg, job)
            return Claim.STOPPED
        else:
            self.services.events.write(
                job.job_id, f"{phase.value} {'waiting for an answer' if output.waiting else 'done'} "
                f"in {seconds:.2f}s", phase=phase, data={"summary": output.summary})
        if nxt is not None:
            self.services.bus.publish(nxt)
        return Claim.CLAIMED
