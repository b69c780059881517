"""After a phase of a deleted job stops: remove what it wrote since the teardown began.

``DELETE /jobs/{id}`` (``demoforge.service.teardown``) removes a demo's agent, dataset and
artifacts. A phase still running then may write again before it notices (a table load in
flight); its delivery drops its lease when it stops, and the runner calls
``after_phase_stopped``: the job's artifacts go again, and so does what that phase
creates, through the phase module's ``remove_outputs`` (the warehouse phase its dataset,
the agent phase its agent). Each phase function removes only what its own phase makes, with
the services (and the IAM roles) it already has. The teardown record on the job
(``results.teardown``) says ``pending`` until then and ``done`` after.

Also the teardown record's shape and the names a teardown derives, shared with
``demoforge.service.teardown``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import ValidationError

from demoforge.domain.errors import LeaseHeld
from demoforge.domain.job import JobDoc, JobStatus, Phase
from demoforge.domain.naming import dataset_name
from demoforge.domain.results import PhaseResult, ResearchResult, WarehouseResult
from demoforge.service.ports import DatasetRef
from demoforge.service.services import Services
from demoforge.service.transact import update
from demoforge.settings import Settings

TEARDOWN_KEY = "teardown"
R = TypeVar("R", bound=PhaseResult)
# A phase module's ``remove_outputs(services, job)``: delete what the phase creates
# outside the artifact store (idempotent) and say what, for the teardown record.
OutputRemover = Callable[[Services, JobDoc], dict[str, Any]]


def recorded(job: JobDoc, model: type[R]) -> R | None:
    """What a phase recorded, if it got that far and the record is readable: a teardown
    must also work on a job whose phases failed half-way."""
    try:
        return model.stored(job)
    except ValidationError:
        return None


def dataset_ref(settings: Settings, job: JobDoc) -> DatasetRef | None:
    wh = recorded(job, WarehouseResult)
    if wh is not None:
        return DatasetRef(project=wh.project, dataset=wh.dataset, job_id=job.job_id)
    # The warehouse phase may have created the dataset and failed before recording it;
    # its name is deterministic, so derive it (deleting an absent dataset is a no-op).
    research = recorded(job, ResearchResult)
    company = research.company_name if research is not None else job.company_name
    if not company:
        return None  # research never finished: no dataset name was ever chosen
    return DatasetRef(project=settings.project, dataset=dataset_name(company, job.job_id),
                      job_id=job.job_id)


def teardown_record(job: JobDoc) -> dict[str, Any]:
    return dict(job.results.get(TEARDOWN_KEY) or {})


def merge(rec: dict[str, Any], report: dict[str, Any]) -> dict[str, Any]:
    """Fold what one remover found into the cycle's record (DELETE and the runner may both
    have removed parts): counts add up, an agent deleted by either stays deleted."""
    out = dict(rec)
    for key, value in report.items():
        if key == "artifacts":
            out[key] = int(out.get(key) or 0) + int(value)
        elif key == "agents":
            agents = dict(out.get(key) or {})
            for name, gone in value.items():
                before = agents.get(name) or {"agent": "absent", "conversations_deleted": 0}
                agents[name] = {
                    "agent": "deleted" if "deleted" in (before["agent"], gone["agent"]) else gone["agent"],
                    "conversations_deleted": before["conversations_deleted"] + gone["conversations_deleted"],
                }
            out[key] = agents
        elif value is not None or key not in out:
            out[key] = value
    return out


def _phase_stopped(job: JobDoc, report: dict[str, Any], now: dt.datetime) -> None:
    rec = merge(teardown_record(job), report)
    rec["phase_stopped_at"] = now.isoformat()
    if rec.get("removed_at"):  # the full teardown finished: nothing can come back now
        rec["status"], rec["waiting_for"] = "done", None
    job.record(TEARDOWN_KEY, rec, now)


def after_phase_stopped(services: Services, job_id: str, phase: Phase,
                        remove_outputs: OutputRemover | None, *, ran_it: bool) -> JobDoc | None:
    """The runner: ``phase`` of a deleted job has stopped. Remove what it wrote after the
    teardown began and mark the teardown done. ``ran_it``: this delivery ran the phase and
    just dropped its lease, so it removes its outputs even when the teardown already says
    done (its lease may have expired while it still wrote). Otherwise (a redelivery, e.g.
    of a killed delivery) a no-op unless the teardown is pending, and ``LeaseHeld`` while a
    delivery still holds a phase: Pub/Sub tries again once the lease ran out. Returns the
    job when it did something."""
    job = services.store.get(job_id)
    if job is None or job.status != JobStatus.DELETED:
        return None
    if not ran_it:
        if teardown_record(job).get("status") == "done":
            return None
        running = job.live_lease(services.clock())
        if running is not None:
            raise LeaseHeld(f"the teardown of job {job_id} waits for its {running.value} phase to stop")
    report = remove_outputs(services, job) if remove_outputs is not None else {}
    # Last: locally the warehouse file lives in the artifact folder.
    report["artifacts"] = services.artifacts.delete_job(job_id)
    done, _ = update(services.store, job_id,
                     lambda j: _phase_stopped(j, report, services.clock()))
    services.events.write(
        job_id, f"removed what the {phase.value} phase wrote after the job was deleted "
        f"({', '.join(report)})", phase=phase, data=report)
    return done
