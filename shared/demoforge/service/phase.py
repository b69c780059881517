"""The contract between the runner and a phase body.

A phase body is ``run(ctx: PhaseContext) -> PhaseOutput``. It reads what earlier
phases left (``ctx.result(Phase.X)`` and artifacts), does its work idempotently
(deterministic resource names, overwrite-not-append), and returns a small summary for the
job document plus a small result dict later phases read. It raises ``TransientError`` for
things worth retrying and ``PermanentError`` for things a person must fix.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from demoforge.domain.job import Clarification, Event, EventLevel, JobDoc, Phase

if TYPE_CHECKING:
    from demoforge.bootstrap import Deps
    from demoforge.settings import Settings


@dataclasses.dataclass
class PhaseOutput:
    summary: dict[str, Any] = dataclasses.field(default_factory=dict)
    result: dict[str, Any] = dataclasses.field(default_factory=dict)
    # Set by research when it needs a person to confirm the industry.
    waiting: Clarification | None = None


@dataclasses.dataclass
class PhaseContext:
    job: JobDoc  # snapshot taken when the phase was claimed
    phase: Phase
    deps: Deps
    attempt: int = 1

    @property
    def settings(self) -> Settings:
        return self.deps.settings

    @property
    def job_id(self) -> str:
        return self.job.job_id

    def result(self, phase: Phase) -> dict[str, Any]:
        """What an earlier phase returned as ``PhaseOutput.result``."""
        return self.job.results.get(phase.value, {})

    def log(self, message: str, level: EventLevel = EventLevel.INFO, **data: Any) -> None:
        self.deps.store.add_event(
            self.job_id, Event(phase=self.phase, level=level, message=message, data=data)
        )


PhaseBody = Callable[[PhaseContext], PhaseOutput]
