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

from typing import Any, TypeVar

from pydantic import ValidationError

from demoforge.agent.definition import agent_name_for
from demoforge.domain.job import JobDoc
from demoforge.domain.naming import dataset_name
from demoforge.domain.results import AgentResult, PhaseResult, ResearchResult, WarehouseResult
from demoforge.service.ports import DatasetRef
from demoforge.service.services import Services
from demoforge.service.transact import update

TEARDOWN_KEY = "teardown"
R = TypeVar("R", bound=PhaseResult)


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


def delete_job(services: Services, job_id: str) -> JobDoc:
    """Delete the job's agent, conversations and dataset; mark it deleted. Idempotent.

    Raises ``NotFound`` for an unknown job; adapter errors (``TransientError``,
    ``PermanentError``) propagate after the job is already marked deleted, so calling
    again completes the teardown."""
    job, _ = update(services.store, job_id, lambda j: j.mark_deleted(services.clock()))
    report: dict[str, Any] = {"agents": {}, "dataset": None}
    for name in _agent_names(services, job):
        gone = services.agents.delete_agent(name)
        report["agents"][name] = gone.model_dump(mode="json")
    ref = _dataset(services, job)
    if ref is not None:
        services.warehouse.delete_dataset(ref)
        report["dataset"] = ref.qualified
    now = services.clock()
    done, _ = update(services.store, job_id,
                     lambda j: j.record(TEARDOWN_KEY, {**report, "at": now.isoformat()}, now))
    conversations = sum(a["conversations_deleted"] for a in report["agents"].values())
    services.events.write(
        job_id,
        f"job deleted: agent(s) {', '.join(a['agent'] for a in report['agents'].values())}, "
        f"{conversations} conversation(s), dataset {report['dataset'] or 'none recorded'}",
        data=report,
    )
    return done
