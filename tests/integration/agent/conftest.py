"""Fixtures for the agent contract tests: the fake Conversational Analytics REST server
(started and stopped per test, in-process) and the real client pointed at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from demoforge.adapters.gemini_agents import GeminiDataAgents
from demoforge.settings import Settings
from tests.support import agent_inputs as ai
from tests.support.fake_gda_server import FakeGDAServer


@pytest.fixture
def gda() -> Iterator[FakeGDAServer]:
    server = FakeGDAServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def cloud_settings(gda: FakeGDAServer) -> Settings:
    return Settings(project=ai.PROJECT, agent_location="global", dataagents_endpoint=gda.url,
                    agent_chat_timeout_s=10.0)


@pytest.fixture
def cloud(cloud_settings: Settings) -> GeminiDataAgents:
    return GeminiDataAgents(cloud_settings)
