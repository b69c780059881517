"""Fixtures for the agent area: a job whose earlier phases are done (inputs built by
``tests.support.agent_inputs``), embedded adapters, and the local data agent."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from demoforge.adapters.local_agents import LocalDataAgents
from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.adapters.memory_bus import MemoryBus
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.bootstrap import Deps
from demoforge.model import JobDoc
from demoforge.ports import DataAgents
from demoforge.results import GoldenQuery
from demoforge.settings import Settings
from tests.support import agent_inputs as ai


@dataclasses.dataclass
class AgentEnv:
    settings: Settings
    deps: Deps
    store: SQLiteJobStore
    artifacts: LocalArtifactStore
    warehouse: ai.DuckWarehouse
    golden: list[GoldenQuery]
    job: JobDoc


def make_env(tmp_path: Path, agents: DataAgents | None = None,
             settings: Settings | None = None) -> AgentEnv:
    settings = settings or Settings(project=ai.PROJECT, home=tmp_path)
    store = SQLiteJobStore(tmp_path / "jobs.sqlite")
    artifacts = LocalArtifactStore(tmp_path)
    wh = ai.DuckWarehouse()
    golden = ai.golden_queries(wh)
    deps = Deps(settings, store=store, bus=MemoryBus(), artifacts=artifacts, warehouse=wh,
                agents=agents or LocalDataAgents(settings, artifacts, wh))
    job = ai.job_ready_for_agent()
    store.create(job)
    artifacts.put(job.job_id, "spec.json", ai.spec().model_dump_json().encode())
    artifacts.put(job.job_id, "golden_queries.json", ai.golden_json(golden))
    return AgentEnv(settings, deps, store, artifacts, wh, golden, job)


@pytest.fixture
def env(tmp_path: Path) -> AgentEnv:
    return make_env(tmp_path)
