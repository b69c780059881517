"""Teardown: agent, conversations and dataset deleted, job marked deleted; twice in a row,
with parts already gone, after a half-finished attempt, and via ``demoforge delete``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from demoforge.agent.definition import agent_name_for
from demoforge.agent.types import AgentDeletion, AgentInfo, ChatOutcome
from demoforge.domain.errors import NotFound, TransientError
from demoforge.domain.job import JobDoc, JobStatus, Phase, PhaseMessage
from demoforge.domain.naming import dataset_name
from demoforge.entrypoints import cli
from demoforge.service.ports import DataAgents
from demoforge.service.runner import Claim, Runner
from demoforge.service.teardown import TEARDOWN_KEY, delete_job
from tests.support import agent_inputs as ai
from tests.support.agent_inputs import AgentEnv, make_env


class FakeAgents(DataAgents):
    """Server-side agents and conversations as sets; deletes are idempotent like the API."""

    def __init__(self) -> None:
        self.agents: set[str] = set()
        self.conversations: dict[str, str] = {}  # conversation -> agent
        self.fail_next_delete: Exception | None = None
        self.delete_calls: list[str] = []

    def ensure_agent(self, job_id: str, request: Mapping[str, Any]) -> AgentInfo:
        name = f"{request['parent']}/dataAgents/{request['dataAgentId']}"
        self.agents.add(name)
        return AgentInfo(name=name, agent_id=request["dataAgentId"], job_id=job_id,
                         mode="cloud", action="created")

    def ask(self, agent: AgentInfo, question: str) -> ChatOutcome:
        conv = agent.name.replace("dataAgents", "conversations") + "-test"
        self.conversations[conv] = agent.name
        return ChatOutcome(mode="cloud", question=question, conversation=conv, final_text="ok")

    def delete_agent(self, agent_name: str) -> AgentDeletion:
        self.delete_calls.append(agent_name)
        if self.fail_next_delete is not None:
            e, self.fail_next_delete = self.fail_next_delete, None
            raise e
        convs = [c for c, a in self.conversations.items() if a == agent_name]
        for c in convs:
            del self.conversations[c]
        if agent_name in self.agents:
            self.agents.remove(agent_name)
            return AgentDeletion(agent="deleted", conversations_deleted=len(convs))
        return AgentDeletion(agent="absent", conversations_deleted=len(convs))


@pytest.fixture
def fenv(tmp_path: Path) -> tuple[AgentEnv, FakeAgents]:
    agents = FakeAgents()
    env = make_env(tmp_path, agents=agents)
    Runner(env.deps, env.deps.body_for).handle(
        PhaseMessage(job_id=env.job.job_id, phase=Phase.AGENT), "d1")
    assert len(agents.agents) == 1 and len(agents.conversations) == 1
    return env, agents


def test_delete_twice_in_a_row(fenv: tuple[AgentEnv, FakeAgents]) -> None:
    env, agents = fenv
    first = delete_job(env.deps, env.job.job_id)
    assert first.status == JobStatus.DELETED
    assert agents.agents == set() and agents.conversations == {}
    assert (ai.PROJECT, ai.DATASET) not in env.warehouse.datasets
    report = first.results[TEARDOWN_KEY]
    name = agent_name_for(env.settings, env.job.job_id)
    assert report["agents"][name] == {"agent": "deleted", "conversations_deleted": 1}
    assert report["dataset"] == f"{ai.PROJECT}.{ai.DATASET}"

    second = delete_job(env.deps, env.job.job_id)
    assert second.status == JobStatus.DELETED
    assert second.results[TEARDOWN_KEY]["agents"][name] == {"agent": "absent",
                                                             "conversations_deleted": 0}
    assert len(env.warehouse.deleted) == 2  # the dataset delete is repeated, harmlessly
    events = [e.message for e in env.store.events(env.job.job_id, limit=500)[0]]
    assert sum(m.startswith("job deleted") for m in events) == 2
    # Phase results survive: the job document still tells what the demo was.
    assert second.results[Phase.AGENT.value]["agent_name"] == name


def test_parts_already_gone(fenv: tuple[AgentEnv, FakeAgents]) -> None:
    env, agents = fenv
    agents.agents.clear()
    agents.conversations.clear()
    env.warehouse.datasets.clear()
    job = delete_job(env.deps, env.job.job_id)
    assert job.status == JobStatus.DELETED
    assert next(iter(job.results[TEARDOWN_KEY]["agents"].values()))["agent"] == "absent"


def test_job_that_never_reached_the_warehouse(tmp_path: Path) -> None:
    agents = FakeAgents()
    env = make_env(tmp_path, agents=agents)

    def tx(job: JobDoc | None) -> tuple[JobDoc | None, None]:
        assert job is not None
        job.results.clear()
        return job, None
    env.store.transact(env.job.job_id, tx)
    job = delete_job(env.deps, env.job.job_id)
    assert job.status == JobStatus.DELETED
    assert job.results[TEARDOWN_KEY]["dataset"] is None
    assert env.warehouse.deleted == []


def test_dataset_name_is_derived_when_the_warehouse_result_is_missing(
    fenv: tuple[AgentEnv, FakeAgents],
) -> None:
    env, _ = fenv

    def tx(job: JobDoc | None) -> tuple[JobDoc | None, None]:
        assert job is not None
        del job.results[Phase.WAREHOUSE.value]  # crashed after creating, before recording
        return job, None
    env.store.transact(env.job.job_id, tx)
    delete_job(env.deps, env.job.job_id)
    assert env.warehouse.deleted[-1].dataset == dataset_name("Alpine Outfitters", env.job.job_id)


def test_half_finished_teardown_is_completed_by_calling_again(
    fenv: tuple[AgentEnv, FakeAgents],
) -> None:
    env, agents = fenv
    agents.fail_next_delete = TransientError("503 from the API")
    with pytest.raises(TransientError):
        delete_job(env.deps, env.job.job_id)
    job = env.store.get(env.job.job_id)
    assert job is not None and job.status == JobStatus.DELETED  # no phase may run any more
    assert agents.agents  # not yet removed
    delete_job(env.deps, env.job.job_id)
    assert agents.agents == set()


def test_deleted_job_does_not_run_queued_phases(tmp_path: Path) -> None:
    agents = FakeAgents()
    env = make_env(tmp_path, agents=agents)
    delete_job(env.deps, env.job.job_id)
    outcome = Runner(env.deps, env.deps.body_for).handle(
        PhaseMessage(job_id=env.job.job_id, phase=Phase.AGENT), "late-delivery")
    assert outcome == Claim.STOPPED
    assert agents.agents == set()  # the late message did not recreate the agent


def test_unknown_job(tmp_path: Path) -> None:
    env = make_env(tmp_path, agents=FakeAgents())
    with pytest.raises(NotFound):
        delete_job(env.deps, "nope")


def test_cli_delete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                    capsys: pytest.CaptureFixture[str]) -> None:
    for k in ("DEMOFORGE_MODE", "DEMOFORGE_AGENTS", "DEMOFORGE_WAREHOUSE", "DEMOFORGE_JOB_STORE",
              "DEMOFORGE_ARTIFACTS", "GOOGLE_CLOUD_PROJECT", "GCP_PROJECT"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("DEMOFORGE_HOME", str(tmp_path))
    from demoforge.adapters.sqlite_store import SQLiteJobStore

    SQLiteJobStore(tmp_path / "jobs.sqlite").create(ai.job_ready_for_agent("clijob1"))
    assert cli.main(["delete", "clijob1"]) == 0
    out = capsys.readouterr().out
    assert "clijob1: deleted" in out and "agent projects/" in out
    assert cli.main(["delete", "clijob1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "deleted"
    assert cli.main(["delete", "missing-job"]) == 2
    assert "not found" in capsys.readouterr().err


def test_delete_removes_the_artifacts_too(fenv: tuple[AgentEnv, FakeAgents]) -> None:
    env, _ = fenv
    assert {"spec.json", "golden_queries.json"} <= set(env.artifacts.list(env.job.job_id))
    job = delete_job(env.deps, env.job.job_id)
    report = job.results[TEARDOWN_KEY]
    assert report["status"] == "done" and report["artifacts"] >= 2
    assert env.artifacts.list(env.job.job_id) == []
    with pytest.raises(NotFound):
        env.artifacts.get(env.job.job_id, "spec.json")
    events = [e.message for e in env.store.events(env.job.job_id, limit=500)[0]]
    assert any("artifact(s)" in m and m.startswith("job deleted") for m in events)
