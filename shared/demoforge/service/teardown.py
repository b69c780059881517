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
   removes what that phase creates (``demoforge.service.cleanup``) and marks it
   ``done``. So the dataset never comes back after a teardown reported ``done``.

Calling it again re-runs steps 2-4 (a no-op when everything is gone), which also finishes a
teardown that failed half-way, e.g. on a transient API error.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from demoforge.agent.definition import agent_name_for
from demoforge.domain.job import JobDoc, Phase
from demoforge.domain.results import AgentResult
from demoforge.service.cleanup import TEARDOWN_KEY, dataset_ref, merge, recorded, teardown_record
from demoforge.service.services import Services
from demoforge.service.transact import update

__all__ = ["TEARDOWN_KEY", "WAIT_S", "agent_names", "delete_job", "teardown_record"]

# How long DELETE waits for a running phase to stop before tearing down anyway (the api
# function has 60 s); the phase's own late outputs are then removed when it stops.
WAIT_S = 20.0
_POLL_S = 0.2


def agent_names(services: Services, job: JobDoc) -> list[str]:
    names = [agent_name_for(services.settings, job.job_id)]
    agent = recorded(job, AgentResult)
    if agent is not None and agent.agent_name and agent.agent_name not in names:
        names.append(agent.agent_name)  # created under other settings (project/location)
    return names


def _requested(job: JobDoc, now: dt.datetime) -> None:
    """Step 1: a new teardown cycle; what an earlier DELETE removed is replaced by what
    this one finds."""
    job.mark_deleted(now)
    job.record(TEARDOWN_KEY, {"status": "pending", "requested_at": now.isoformat()}, now)


def _wait_for_phase(services: Services, job: JobDoc, wait_s: float) -> JobDoc:
    deadline = time.monotonic() + wait_s
    while job.live_lease(services.clock()) is not None and time.monotonic() < deadline:
        time.sleep(_POLL_S)
        job = services.store.get(job.job_id) or job
    return job


def _remove_all(services: Services, job: JobDoc) -> dict[str, Any]:
    report: dict[str, Any] = {
        "agents": {name: services.agents.delete_agent(name).model_dump(mode="json")
                   for name in agent_names(services, job)}}
    ref = dataset_ref(services.settings, job)
    if ref is not None:
        services.warehouse.delete_dataset(ref)
    report["dataset"] = ref.qualified if ref is not None else None
    # Last: locally the warehouse file lives in the artifact folder.
    report["artifacts"] = services.artifacts.delete_job(job.job_id)
    return report


def _removed(job: JobDoc, report: dict[str, Any], running: Phase | None, started: dt.datetime,
             now: dt.datetime) -> None:
    """Step 4: done, unless a phase ran while we removed things and has not stopped (and
    cleaned up after itself) since we started."""
    rec = {**merge(teardown_record(job), report), "removed_at": now.isoformat(),
           "at": now.isoformat()}
    stopped = rec.get("phase_stopped_at")
    done = running is None or (stopped is not None and dt.datetime.fromisoformat(stopped) >= started)
    rec["status"] = "done" if done else "pending"
    rec["waiting_for"] = None if done or running is None else running.value
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
    report = _remove_all(services, job)
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
