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

While the body runs a heartbeat renews the lease (``service.lease``), so a dead delivery
is taken over about one lease later. A cancel (or delete) stops the body at its next
``ctx.checkpoint()``: ``Cancelled`` is acked quietly and nothing completes. What the
attempt used (LLM tokens, BigQuery bytes, ``service.metering``) is charged to the phase
on every way out, success or not.

The transitions are methods of ``JobDoc`` (pure, tested directly), so they behave
identically on every ``JobStore``. Which body runs a phase is the composition root's
choice (``body_for``), not the runner's.
"""

from __future__ import annotations

import dataclasses
import time
import traceback
from collections.abc import Callable
from typing import TypeVar

from demoforge.domain.errors import Cancelled, LeaseHeld, PermanentError
from demoforge.domain.job import Claim, EventLevel, JobDoc, Phase, PhaseMessage, PhaseStatus
from demoforge.service.lease import Heartbeat
from demoforge.service.metering import Meter, metered
from demoforge.service.phase import PhaseBody, PhaseContext
from demoforge.service.services import Services
from demoforge.service.transact import update_if_present

__all__ = ["Claim", "Runner"]

R = TypeVar("R")


@dataclasses.dataclass
class Runner:
    services: Services
    body_for: Callable[[Phase], PhaseBody]

    def handle(self, msg: PhaseMessage, delivery_id: str) -> Claim:
        """Process one delivery. Returns normally to ack; raises to have it redelivered."""
        s = self.services.settings
        store = self.services.store
        events = self.services.events
        clock = self.services.clock
        phase = msg.phase
        claimed = update_if_present(
            store, msg.job_id,
            lambda j: j.claim(phase, delivery_id, clock(), lease_s=s.lease_seconds,
                              max_attempts=s.max_attempts),
        )
        if claimed is None:
            return Claim.GONE
        job, outcome = claimed
        if outcome == Claim.ALREADY_DONE:
            republish = job.next_message(phase)
            if republish is not None:
                # Outbox: the previous delivery may have crashed after committing but
                # before publishing; publishing again is safe because claims dedupe.
                self.services.bus.publish(republish)
            return outcome
        if outcome == Claim.BUSY:
            raise LeaseHeld(f"{phase.value} for job {msg.job_id} is held by another delivery")
        if outcome == Claim.EXHAUSTED:
            events.write(msg.job_id, "attempt budget spent; job failed", phase=phase,
                         level=EventLevel.ERROR)
            return outcome
        if outcome == Claim.NOT_READY:
            events.write(msg.job_id, "ignored a message that arrived before its turn", phase=phase,
                         level=EventLevel.WARNING, data={"delivery_id": delivery_id})
            return outcome
        if outcome != Claim.CLAIMED:
            return outcome

        attempt = job.phase(phase).attempts
        events.write(job.job_id, f"{phase.value} started (attempt {attempt})", phase=phase)
        started = time.monotonic()
        meter = Meter(s)
        ctx = PhaseContext(job=job.model_copy(deep=True), phase=phase,
                           services=metered(self.services, meter), attempt=attempt,
                           owner=delivery_id)

        def charged(change: Callable[[JobDoc], R]) -> Callable[[JobDoc], R]:
            def apply(j: JobDoc) -> R:
                j.add_cost(phase, meter.usage())
                return change(j)
            return apply

        try:
            with Heartbeat(self.services, msg.job_id, phase, delivery_id):
                output = self.body_for(phase)(ctx)
        except Cancelled as e:
            update_if_present(store, msg.job_id, charged(lambda j: None))
            events.write(job.job_id, e.message, phase=phase, level=EventLevel.WARNING)
            return Claim.STOPPED
        except PermanentError as e:
            code, message = e.code, e.message
            update_if_present(store, msg.job_id,
                              charged(lambda j: j.fail(phase, code, message, clock())))
            events.write(job.job_id, f"{phase.value} failed: {message}", phase=phase,
                         level=EventLevel.ERROR, data={"code": code})
            return Claim.STOPPED
        except Exception as e:
            # Transient or unexpected: keep the message for redelivery. Unexpected errors
            # are bounded by the attempt budget, after which the job fails visibly.
            text = f"{type(e).__name__}: {e}"
            released = update_if_present(
                store, msg.job_id,
                charged(lambda j: j.release(phase, text, clock(), max_attempts=s.max_attempts)),
            )
            exhausted = released is not None and released[1]
            events.write(job.job_id, f"{phase.value} attempt {attempt} failed: {text}", phase=phase,
                         level=EventLevel.ERROR if exhausted else EventLevel.WARNING,
                         data={"traceback": traceback.format_exc(limit=8)[-4000:]})
            if exhausted:
                return Claim.EXHAUSTED
            raise
        completed = update_if_present(
            store, msg.job_id,
            charged(lambda j: j.complete(phase, clock(), summary=output.summary,
                                         result=output.result, waiting=output.waiting)),
        )
        if completed is None or (completed[0].finished
                                 and completed[0].phase(phase).status != PhaseStatus.DONE):
            # Cancelled (or deleted) after the body's last checkpoint: nothing is recorded.
            status = completed[0].status.value if completed is not None else "gone"
            events.write(job.job_id, f"{phase.value} finished after the job was {status}; "
                         "its result was not recorded", phase=phase, level=EventLevel.WARNING)
            return Claim.STOPPED
        events.write(job.job_id,
                     f"{phase.value} {'waiting for an answer' if output.waiting else 'done'} "
                     f"in {time.monotonic() - started:.2f}s",
                     phase=phase, data={"summary": output.summary})
        nxt = completed[1] if completed is not None else None
        if nxt is not None:
            self.services.bus.publish(nxt)
        return Claim.CLAIMED
