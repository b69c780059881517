"""The one writer of job events (``jobs/{id}/events``): the runner, the job services,
teardown and phase bodies (through ``PhaseContext.log``) all log through ``EventLog``.

An event is one timestamped line with the phase it belongs to (None for job-level
events), a level, a message a person reads, and small structured data.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from demoforge.domain.job import Event, EventLevel, Phase
from demoforge.service.ports import JobStore

# Each event is also a log line of the process that wrote it (a function's log, locally
# and in Cloud Logging), so a job can be followed from the logs too.
log = logging.getLogger("demoforge.events")
_LEVELS = {EventLevel.DEBUG: logging.DEBUG, EventLevel.INFO: logging.INFO,
           EventLevel.WARNING: logging.WARNING, EventLevel.ERROR: logging.ERROR}


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
        log.log(_LEVELS[level], "job %s%s: %s", job_id, f" {phase.value}" if phase else "", message)
