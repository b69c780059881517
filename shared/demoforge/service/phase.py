"""The contract between the runner and a phase body.

A phase body is ``run(ctx: PhaseContext) -> PhaseOutput``. It reads what earlier
phases left (``ctx.result(WarehouseResult)`` and artifacts through
``demoforge.phases.inputs``), does its work idempotently (deterministic resource names,
overwrite-not-append), and returns a small summary for the job document plus its result
model dumped to JSON, which later phases read back typed. It raises ``TransientError`` for
things worth retrying and ``PermanentError`` for things a person must fix; a missing or
unreadable input is permanent (``input_missing`` / ``input_invalid``). Long loops call
``ctx.checkpoint()`` between steps, so a cancel stops the work within one step.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import ValidationError

from demoforge.domain.errors import Cancelled, PermanentError
from demoforge.domain.job import Clarification, EventLevel, JobDoc, Phase, PhaseStatus
from demoforge.domain.results import PhaseResult
from demoforge.service.services import Services
from demoforge.settings import Settings

R = TypeVar("R", bound=PhaseResult)


@dataclasses.dataclass
class PhaseOutput:
    summary: dict[str, Any] = dataclasses.field(default_factory=dict)
    # The phase's result model as JSON (``model_dump(mode="json")``), stored as
    # ``JobDoc.results[phase]``.
    result: dict[str, Any] = dataclasses.field(default_factory=dict)
    # Set by research when it needs a person to confirm the industry.
    waiting: Clarification | None = None


def input_missing(job_id: str, what: str, producer: Phase) -> PermanentError:
    return PermanentError(
        f"{what} of job {job_id} is missing; the {producer.value} phase must run first",
        code="input_missing",
    )


def input_invalid(job_id: str, what: str, detail: str) -> PermanentError:
    return PermanentError(f"{what} of job {job_id} is invalid: {detail}", code="input_invalid")


@dataclasses.dataclass
class PhaseContext:
    job: JobDoc  # snapshot taken when the phase was claimed
    phase: Phase
    services: Services
    attempt: int = 1
    # The delivery holding the lease (set by the runner); None outside the runner (tests,
    # tools), where ``checkpoint`` has nothing to check against.
    owner: str | None = None

    @property
    def settings(self) -> Settings:
        return self.services.settings

    @property
    def job_id(self) -> str:
        return self.job.job_id

    def result(self, model: type[R]) -> R:
        """An earlier phase's result, typed; ``PermanentError`` when it is missing or does
        not fit the model (the producing phase must run, or run again, first)."""
        p = model.phase.value
        try:
            found = model.stored(self.job)
        except ValidationError as e:
            raise PermanentError(
                f"the {p} result of job {self.job_id} is missing or invalid "
                f"({e.error_count()} problem(s), first: {e.errors()[0]['msg']}); "
                f"the {p} phase must run first",
                code="input_invalid",
            ) from e
        if found is None:
            raise PermanentError(
                f"the {p} result is missing from job {self.job_id}; the {p} phase must run first",
                code="input_missing",
            )
        return found

    def checkpoint(self) -> None:
        """Stop here if the job stopped since the phase started (cancelled, deleted,
        expired) or another delivery took the phase over: raises ``Cancelled``, which
        the runner turns into a quiet ack. One read of the job document."""
        if self.owner is None:
            return
        job = self.services.store.get(self.job_id)
        if job is None or job.finished:
            status = job.status.value if job is not None else "gone"
            raise Cancelled(f"job {self.job_id} is {status}: {self.phase.value} stopped at a checkpoint")
        ps = job.phase(self.phase)
        if ps.status != PhaseStatus.RUNNING or ps.lease_owner != self.owner:
            raise Cancelled(f"{self.phase.value} of job {self.job_id} is no longer held by this "
                            "delivery: stopped at a checkpoint")

    def log(self, message: str, level: EventLevel = EventLevel.INFO, **data: Any) -> None:
        self.services.events.write(self.job_id, message, phase=self.phase, level=level, data=data)


PhaseBody = Callable[[PhaseContext], PhaseOutput]
