"""The one writer of job events (``jobs/{id}/events``): the runner, the job services,
teardown and phase bodies (through ``PhaseContext.log``) all log through ``EventLog``.

An event is one timestamped line with the phase it belongs to (None for job-level
events), a level, a message a person reads, and small structured data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from demoforge.domain.job import Event, EventLevel, Phase
from demoforge.service.ports import JobStore


class EventLog:
    def __init__(self, store: JobStore) -> None:
        self._store = store

    def write(
        self, job_id: str, message: str, *, phase: Phase | None = None,
        level: EventLevel = EventLevel.INFO, data: Mapping[str, Any] | None = None,
    ) -> None:
        self._store.add_event(
            job_id, Event(phase=phase, level=level, message=message, data=dict(data or {}))
        )
