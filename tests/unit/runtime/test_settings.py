"""Settings: one frozen object read from the environment, with cloud defaults in cloud mode."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from demoforge.settings import Settings


def test_local_defaults_use_embedded_adapters() -> None:
    s = Settings.from_env({})
    assert (s.job_store, s.bus, s.warehouse, s.agents, s.artifacts) == (
        "sqlite", "memory", "duckdb", "local", "local")
    assert not s.claude_enabled and not s.allow_private_network and not s.trust_platform_identity


def test_cloud_mode_switches_every_adapter_and_trusts_platform_identity() -> None:
    s = Settings.from_env({"DEMOFORGE_MODE": "cloud", "GOOGLE_CLOUD_PROJECT": "p1",
                           "DEMOFORGE_MAX_ATTEMPTS": "7", "DEMOFORGE_HOME": "/x",
                           "DEMOFORGE_ALLOW_PRIVATE_NETWORK": "yes", "ANTHROPIC_API_KEY": "k"})
    assert (s.job_store, s.bus, s.warehouse, s.agents, s.artifacts) == (
        "firestore", "pubsub", "bigquery", "cloud", "gcs")
    assert s.project == "p1" and s.max_attempts == 7 and s.home == Path("/x")
    assert s.allow_private_network and s.trust_platform_identity and s.claude_enabled


def test_bad_values_are_refused_and_settings_are_frozen() -> None:
    with pytest.raises(ValueError, match="DEMOFORGE_MODE"):
        Settings.from_env({"DEMOFORGE_MODE": "prod"})
    with pytest.raises(ValueError):
        Settings.from_env({"DEMOFORGE_MAX_ATTEMPTS": "many"})
    s = Settings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.max_attempts = 1  # type: ignore[misc]
    assert s.with_(max_attempts=2).max_attempts == 2 and s.max_attempts == 5
