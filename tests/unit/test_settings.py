"""Settings: one frozen object read from the environment, with cloud defaults in cloud mode."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from demoforge.settings import Settings, SettingsError


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


@pytest.mark.parametrize(("env", "message"), [
    ({"DEMOFORGE_WAREHOUSE": "duckbd"},
     "DEMOFORGE_WAREHOUSE must be one of duckdb, bigquery, not 'duckbd'"),
    ({"DEMOFORGE_JOB_STORE": "postgres"}, "DEMOFORGE_JOB_STORE must be one of sqlite, firestore"),
    ({"DEMOFORGE_BUS": "kafka"}, "DEMOFORGE_BUS must be one of memory, pubsub"),
    ({"DEMOFORGE_AGENTS": "gemini"}, "DEMOFORGE_AGENTS must be one of local, cloud"),
    ({"DEMOFORGE_ARTIFACTS": "s3"}, "DEMOFORGE_ARTIFACTS must be one of local, gcs"),
    ({"DEMOFORGE_MAX_ATTEMPTS": "0"}, "DEMOFORGE_MAX_ATTEMPTS must be an integer from 1 to 100, not '0'"),
    ({"DEMOFORGE_LEASE_SECONDS": "9.5"}, "DEMOFORGE_LEASE_SECONDS must be an integer"),
    ({"DEMOFORGE_CONFIDENCE_THRESHOLD": "1.5"}, "DEMOFORGE_CONFIDENCE_THRESHOLD must be a number from 0 to 1"),
    ({"DEMOFORGE_FETCH_TIMEOUT_S": "nan"}, "DEMOFORGE_FETCH_TIMEOUT_S must be a number"),
    ({"DEMOFORGE_ALLOW_PRIVATE_NETWORK": "maybe"}, "DEMOFORGE_ALLOW_PRIVATE_NETWORK must be true or false"),
])
def test_every_bad_value_names_its_variable(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError) as e:
        Settings.from_env(env)
    assert message in str(e.value)


def test_values_are_parsed_strictly_and_empty_means_unset() -> None:
    s = Settings.from_env({"DEMOFORGE_ALLOW_PRIVATE_NETWORK": "Off", "DEMOFORGE_AGENT_PYTHON_ANALYSIS": "ON",
                           "DEMOFORGE_CONFIDENCE_THRESHOLD": "0.55", "DEMOFORGE_WAREHOUSE": " ",
                           "DEMOFORGE_MODE": "", "DEMOFORGE_DATASET_TTL_DAYS": "0"})
    assert not s.allow_private_network and s.agent_python_analysis
    assert s.confidence_threshold == 0.55 and s.dataset_ttl_days == 0
    assert s.mode == "local" and s.warehouse == "duckdb"


def test_an_unknown_adapter_is_refused_in_code_too() -> None:
    with pytest.raises(SettingsError, match="Settings.warehouse must be one of duckdb, bigquery"):
        Settings().with_(warehouse="duckbd")


def test_the_cli_reports_a_bad_value_and_exits_2(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from demoforge.entrypoints import cli

    monkeypatch.setenv("DEMOFORGE_WAREHOUSE", "duckbd")
    assert cli.main(["delete", "some-job"]) == 2
    err = capsys.readouterr().err
    assert "demoforge delete: DEMOFORGE_WAREHOUSE must be one of duckdb, bigquery, not 'duckbd'" in err


def test_a_function_with_a_bad_value_fails_at_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """Building the handler (importing ``main.py``) fails, before any delivery could be
    taken as transient and burn the attempt budget."""
    from demoforge.domain.job import Phase
    from demoforge.entrypoints.functions import phase_handler
    from demoforge.entrypoints.http import http_handler

    monkeypatch.setenv("DEMOFORGE_WAREHOUSE", "duckbd")
    with pytest.raises(SettingsError, match="DEMOFORGE_WAREHOUSE"):
        phase_handler(Phase.WAREHOUSE)
    with pytest.raises(SettingsError, match="DEMOFORGE_WAREHOUSE"):
        http_handler()
