"""Fixtures shared across unit-test folders: for the agent phase (``phases/``) and the
agent teardown (``agent/``), a job whose earlier phases are done (inputs built by
``tests.support.agent_inputs``), embedded adapters, and the local data agent."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.agent_inputs import AgentEnv, make_env


@pytest.fixture
def env(tmp_path: Path) -> AgentEnv:
    return make_env(tmp_path)
