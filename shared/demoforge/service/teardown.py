"""Tearing a demo down: ``DELETE /jobs/{id}`` and ``demoforge delete JOB``.

Deletes the job's data agent (with its conversations), its dataset and its artifacts,
and marks the job ``deleted``. Order matters, and a phase may still be running:

1. The job is marked ``deleted`` first, in a transaction (``teardown.status = pending``).
   From then on the runner claims no phase and refuses every outcome of a phase that is
   still running (``JobDoc.complete``/``release``/``fail`` on a finished job only drop
   the delivery's lease), so nothing new starts and nothing is recorded.
2. If a delivery still holds a phase's lease, wait (bounded, ``wait_s``) for it to stop:
   it notices the deletion at its next checkpoint, or finishes, and drops its lease.
3. The agent, the dataset and the artifacts are deleted. Names are deterministic, so the
   agent and dataset are found even if their phase crashed before recording them. Every
   delete is idempotent.
4. What was removed is recorded on the job and in its events. If a phase was still
   running when step 3 began, it may have written again afterwards (a table load in
   flight): the teardown stays ``pending`` and the runner, once that phase has stopped,
   removes what that phase creates (``after_phase_stopped``) and marks it ``done``. So
   the dataset never comes back after a teardown reported ``done``.

Calling it again re-runs steps 2-4 (a no-op when everything is gone), which also finishes a
teardown that failed half-way, e.g. on a transient API error.
"""

from __future__ import annotations

import datetime as dt
import enum
import time
from typing import Any, TypeVar

from pydantic import ValidationError

from demoforge.agent.definition import agent_name_for
from demoforge.domain.errors import LeaseHeld
from demoforge.domain.job import JobDoc, JobStatus, Phase
from demoforge.domain.naming import dataset_name
from demoforge.domain.results import AgentResult, PhaseResult, ResearchResult, WarehouseResult
from demoforge.service.ports import DatasetRef
from demoforge.service.services import Services
from demoforge.service.transact import update

TEARDOWN_KEY = "teardown"
# How long DELETE waits for a running phase to stop before tearing down anyway (the api
# function has 60 s); the phase's own late outputs are then removed when it stops.
WAIT_S = 20.0
_POLL_S = 0.2
R = TypeVar("R", bound=PhaseResult)


class Part(enum.StrEnum):
    AGENT = "agent"
    DATASET = "dataset"
    ARTIFACTS = "artifacts"


# What each phase creates, so what may reappear if it was still running during a teardown
# (and what its service account, the creator, may delete again). Every phase writes artifacts.
PHASE_PARTS: dict[Phase, tuple[Part, ...]] = {
    Phase.RESEARCH: (Part.ARTIFACTS,),
    Phase.MODELING: (Part.ARTIFACTS,),
    Phase.WAREHOUSE: (Part.DATASET, Part.ARTIFACTS),
    Phase.CONTENT: (Part.ARTIFACTS,),
    Phase.AGENT: (Part.AGENT, Part.ARTIFACTS),
}


def _recorded(job: JobDoc, model: type[R]) -> R | None:
    """What a phase recorded, if it got that far and the record is readable: a teardown
    must also work on a job whose phases failed half-way."""
    try:
        return model.stored(job)
    except ValidationError:
        return None


def _agent_names(services: Services, job: JobDoc) -> list[str]:
    names = [agent_name_for(services.settings, job.job_id)]
    agent = _recorded(job, AgentResult)
    if agent is not None and agent.agent_name and agent.agent_name not in names:
        names.append(agent.agent_name)  # created under other settings (project/location)
    return names


def _dataset(services: Services, job: JobDoc) -> DatasetRef | None:
    wh = _recorded(job, WarehouseResult)
    if wh is not None:
        return DatasetRef(project=wh.project, dataset=wh.dataset, job_id=job.job_id)
    # The warehouse phase may have created the dataset and failed before recording it;
    # its name is deterministic, so derive it (deleting an absent dataset is a no-op).
    research = _recorded(job, ResearchResult)
    company = research.company_name if research is not None else job.company_name
    if not company:
        return None  # research never finished: no dataset name was ever chosen
    return DatasetRef(project=services.settings.project,
                      dataset=dataset_name(company, job.job_id), job_id=job.job_id)


def teardown_record(job: JobDoc) -> dict[str, Any]:
    return dict(job.results.get(TEARDOWN_KEY) or {})


def _requested(job: JobDoc, now: dt.datetime) -> None:
    """Step 1: a new teardown cycle; what an earlier DELETE removed is replaced by what
    this one finds."""
    job.mark_deleted(now)
    job.record(TEARDOWN_KEY, {"status": "pending", "requested_at": now.isoformat()}, now)


def _merge(rec: dict[str, Any], report: dict[str, Any]) -> dict[str, Any]:
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


def _wait_for_phase(services: Services, job: JobDoc, wait_s: float) -> JobDoc:
    deadline = time.monotonic() + wait_s
    while job.live_lease(services.clock()) is not None and time.monotonic() < deadline:
        time.sleep(_POLL_S)
        job = services.store.get(job.job_id) or job
    return job


def _remove(services: Services, job: JobDoc, parts: tuple[Part, ...]) -> dict[str, Any]:
    report: dict[str, Any] = {}
    if Part.AGENT in parts:
        report["agents"] = {name: services.agents.delete_agent(name).model_dump(mode="json")
                            for name in _agent_names(services, job)}
    if Part.DATASET in parts:
        ref = _dataset(services, job)
        if ref is not None:
            services.warehouse.delete_dataset(ref)
        report["dataset"] = ref.qualified if ref is not None else None
    if Part.ARTIFACTS in parts:
        # Last: locally the warehouse file lives in the artifact folder.
        report["artifacts"] = services.artifacts.delete_job(job.job_id)
    return report


def _removed(job: JobDoc, report: dict[str, Any], running: Phase | None, started: dt.datetime,
             now: dt.datetime) -> None:
    """Step 4 of ``delete_job``: done, unless a phase ran while we removed things and has
    not stopped (and cleaned up after itself) since we started."""
    rec = {**_merge(teardown_record(job), report), "removed_at": now.isoformat(),
           "at": now.isoformat()}
    stopped = rec.get("phase_stopped_at")
    done = running is None or (stopped is not None and dt.datetime.fromisoformat(stopped) >= started)
    rec["status"] = "done" if done else "pending"
    rec["waiting_for"] = None if done or running is None else running.value
    job.record(TEARDOWN_KEY, rec, now)


def _phase_stopped(job: JobDoc, report: dict[str, Any], now: dt.datetime) -> None:
    rec = _merge(teardown_record(job), report)
    rec["phase_stopped_at"] = now.isoformat()
    if rec.get("removed_at"):  # the full teardown finished: nothing can come back now
        rec["status"], rec["waiting_for"] = "done", None
    job.record(TEARDOWN_KEY, rec, now)


def delete_job(services: Services, job_id: str, *, wait_s: float = WAIT_S) -> JobDoc:
    """Delete the job's agent, conversations, dataset and artifacts; mark it deleted.
    Idempotent. ``results.teardown.status`` is ``done``, or ``pending`` while a phase that
    was still running has not stopped (the runner then finishes it).

    Raises ``NotFound`` for an unknown job; adapter errors (``TransientError``,
    ``PermanentError``) propagate after the job is already marked deleted, so calling
    again completes the teardown."""
    job, _ = update(services.store, job_id, lambda j: _requested(j, services.clock()))
    job = _wait_for_phase(services, job, wait_s)
    started = services.clock()
    running = job.live_lease(started)
    report = _remove(services, job, (Part.AGENT, Part.DATASET, Part.ARTIFACTS))
    done, _ = update(services.store, job_id,
                     lambda j: _removed(j, report, running, started, services.clock()))
    conversations = sum(a["conversations_deleted"] for a in report["agents"].values())
    message = (f"job deleted: agent(s) {', '.join(a['agent'] for a in report['agents'].values())}, "
               f"{conversations} conversation(s), dataset {report['dataset'] or 'none recorded'}, "
               f"{report['artifacts']} artifact(s)")
    waiting_for = teardown_record(done).get("waiting_for")
    if waiting_for:
        message += (f"; the {waiting_for} phase was still running: what it writes is removed "
                    "once it stops")
    services.events.write(job_id, message, data=report)
    return done


def after_phase_stopped(services: Services, job_id: str, phase: Phase) -> JobDoc | None:
    """The runner: ``phase`` of a deleted job has stopped (its delivery dropped its
    lease). Remove what that phase creates, written after the teardown began, and mark
    the teardown done. A no-op unless the job is deleted with its teardown pending;
    ``LeaseHeld`` while a delivery still holds a phase (a redelivery of a killed one:
    Pub/Sub tries again once the lease ran out). Returns the job when it did something."""
    job = services.store.get(job_id)
    if job is None or job.status != JobStatus.DELETED or teardown_record(job).get("status") == "done":
        return None
    running = job.live_lease(services.clock())
    if running is not None:
        raise LeaseHeld(f"the teardown of job {job_id} waits for its {running.value} phase to stop")
    report = _remove(services, job, PHASE_PARTS[phase])
    done, _ = update(services.store, job_id,
                     lambda j: _phase_stopped(j, report, services.clock()))
    services.events.write(
        job_id, f"removed what the {phase.value} phase wrote after the job was deleted "
        f"({', '.join(report)})", phase=phase, data=report)
    return done
