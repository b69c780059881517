"""Run a ``JobDoc`` transition atomically on the stored job.

``update(store, job_id, lambda j: j.cancel(now))`` reads the job in a transaction,
applies the (pure) transition and writes the document back only when it changed, so a
call that changes nothing (a duplicate delivery, a second cancel) costs no write and
leaves ``updated_at`` alone. The transition may run more than once: Firestore re-runs a
transaction on contention, each time on a fresh copy of the document.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from demoforge.domain.errors import NotFound
from demoforge.domain.job import JobDoc
from demoforge.service.ports import JobStore

R = TypeVar("R")


def update_if_present(
    store: JobStore, job_id: str, change: Callable[[JobDoc], R]
) -> tuple[JobDoc, R] | None:
    """(the job after ``change``, what ``change`` returned), or None when there is no
    such job. Exceptions from ``change`` abort the transaction and propagate."""

    def tx(job: JobDoc | None) -> tuple[JobDoc | None, tuple[JobDoc, R] | None]:
        if job is None:
            return None, None
        before = job.model_copy(deep=True)
        value = change(job)
        return (job if job != before else None), (job, value)

    return store.transact(job_id, tx)


def update(store: JobStore, job_id: str, change: Callable[[JobDoc], R]) -> tuple[JobDoc, R]:
    """Like ``update_if_present``; raises ``NotFound`` when there is no such job."""
    found = update_if_present(store, job_id, change)
    if found is None:
        raise NotFound(f"job {job_id} not found")
    return found
