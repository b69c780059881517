"""Tearing a demo down: ``DELETE /jobs/{id}`` and ``demoforge delete JOB``.

Deletes the job's data agent (with its conversations) and its dataset, and marks the job
``deleted``. Order matters:

1. The job is marked ``deleted`` first, in a transaction. The runner refuses to claim or
   complete phases of a deleted job, so a phase still queued cannot recreate what is
   being removed.
2. The agent and the dataset are deleted. Names are deterministic, so the agent is found
   even if the agent phase crashed before recording it. Both deletes are idempotent.
3. What was removed is recorded on the job and in its events.

Calling it again re-runs step 2 (a no-op when everything is gone), which also finishes a
teardown that failed half-way, e.g. on a transient API error.
"""

from __future__ import annotations

from typing import Any

from demoforge.agent.definition import agent_name_for
from demoforge.bootstrap import Deps
from demoforge.domain.errors import NotFound
from demoforge.domain.job import Event, EventLevel, JobDoc, JobStatus, Phase
from demoforge.phases.warehouse import dataset_name
from demoforge.service.ports import DatasetRef

TEARDOWN_KEY = "teardown"


def _mark_deleted(deps: Deps, job_id: str) -> JobDoc:
    def tx(job: JobDoc | None) -> tuple[JobDoc | None, JobDoc]:
        if job is None:
            raise NotFound(f"job {job_id} not found")
        if job.status == JobStatus.DELETED:
            return None, job
        job.status = JobStatus.DELETED
        job.updated_at = deps.clock()
        return job, job

    return deps.store.transact(job_id, tx)


def _agent_names(deps: Deps, job: JobDoc) -> list[str]:
    names = [agent_name_for(deps.settings, job.job_id)]
    recorded = job.results.get(Phase.AGENT.value, {}).get("agent_name")
    if isinstance(recorded, str) and recorded and recorded not in names:
        names.append(recorded)  # created under other settings (project/location)
    return names


def _dataset(deps: Deps, job: JobDoc) -> DatasetRef | None:
    wh = job.results.get(Phase.WAREHOUSE.value, {})
    project, dataset = wh.get("project"), wh.get("dataset")
    if isinstance(project, str) and isinstance(dataset, str) and project and dataset:
        return DatasetRef(project=project, dataset=dataset, job_id=job.job_id)
    # The warehouse phase may have created the dataset and failed before recording it;
    # its name is deterministic, so derive it (deleting an absent dataset is a no-op).
    company = job.results.get(Phase.RESEARCH.value, {}).get("company_name") or job.company_name
    if not company:
        return None  # research never finished: no dataset name was ever chosen
    return DatasetRef(project=deps.settings.project,
                      dataset=dataset_name(str(company), job.job_id), job_id=job.job_id)


def delete_job(deps: Deps, job_id: str) -> JobDoc:
    """Delete the job's agent, conversations and dataset; mark it deleted. Idempotent.

    Raises ``NotFound`` for an unknown job; adapter errors (``TransientError``,
    ``PermanentError``) propagate after the job is already marked deleted, so calling
    again completes the teardown."""
    job = _mark_deleted(deps, job_id)
    report: dict[str, Any] = {"agents": {}, "dataset": None}
    for name in _agent_names(deps, job):
        gone = deps.agents.delete_agent(name)
        report["agents"][name] = gone.model_dump(mode="json")
    ref = _dataset(deps, job)
    if ref is not None:
        deps.warehouse.delete_dataset(ref)
        report["dataset"] = ref.qualified
    now = deps.clock()

    def record(j: JobDoc | None) -> tuple[JobDoc | None, JobDoc]:
        if j is None:
            raise NotFound(f"job {job_id} not found")
        j.results[TEARDOWN_KEY] = {**report, "at": now.isoformat()}
        j.updated_at = now
        return j, j

    done = deps.store.transact(job_id, record)
    conversations = sum(a["conversations_deleted"] for a in report["agents"].values())
    deps.store.add_event(job_id, Event(
        level=EventLevel.INFO,
        message=(f"job deleted: agent(s) {', '.join(a['agent'] for a in report['agents'].values())}, "
                 f"{conversations} conversation(s), dataset {report['dataset'] or 'none recorded'}"),
        data=report,
    ))
    return done
