"""The composition root: builds every dependency from one frozen ``Settings``.

Function entry points and the CLI call ``build(Settings.from_env())``; tests call
``Deps(settings, store=..., bus=...)`` to inject fakes or local adapters. Adapters are
built lazily on first use, so the research function never imports the BigQuery client
(cold start) and a local run never imports any cloud SDK.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from demoforge.model import Phase, utcnow
from demoforge.phases.base import PhaseBody
from demoforge.ports import (
    LLM,
    ArtifactStore,
    Bus,
    CallerIdentity,
    DataAgents,
    Fetcher,
    JobStore,
    SecretSource,
    Warehouse,
)
from demoforge.settings import Settings


class Deps:
    def __init__(
        self,
        settings: Settings,
        *,
        store: JobStore | None = None,
        bus: Bus | None = None,
        artifacts: ArtifactStore | None = None,
        warehouse: Warehouse | None = None,
        llm: LLM | None = None,
        fetcher: Fetcher | None = None,
        agents: DataAgents | None = None,
        clock: Callable[[], dt.datetime] = utcnow,
        bodies: dict[Phase, PhaseBody] | None = None,
        llm_disabled: bool = False,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self._given: dict[str, Any] = {
            "store": store, "bus": bus, "artifacts": artifacts, "warehouse": warehouse,
            "llm": llm, "fetcher": fetcher, "agents": agents,
        }
        self._bodies = bodies or {}
        self._llm_disabled = llm_disabled

    def body_for(self, phase: Phase) -> PhaseBody:
        if phase in self._bodies:
            return self._bodies[phase]
        from demoforge.phases import body_for

        return body_for(phase)

    @functools.cached_property
    def store(self) -> JobStore:
        return self._given["store"] or build_store(self.settings)

    @functools.cached_property
    def bus(self) -> Bus:
        return self._given["bus"] or build_bus(self.settings)

    @functools.cached_property
    def artifacts(self) -> ArtifactStore:
        return self._given["artifacts"] or build_artifacts(self.settings)

    @functools.cached_property
    def warehouse(self) -> Warehouse:
        return self._given["warehouse"] or build_warehouse(self.settings, self.artifacts)

    @property
    def llm(self) -> LLM | None:
        """Claude when a key is available now; None means: use the offline path.

        Asked at each first need, not once per instance: with the key in Secret Manager
        (cached for ``secret_ttl_s``) a version added later turns Claude on in warm
        instances, no redeploy. ``llm_off_reason`` says why it is None."""
        if self._given["llm"] is not None:
            return self._given["llm"]
        if self._llm_disabled or not self.settings.claude_enabled:
            return None
        source = self.llm_key
        if source is not None and source.current() is None:
            return None
        return self._anthropic

    @property
    def llm_off_reason(self) -> str | None:
        """Why ``llm`` is None although Claude is configured (the secret has no enabled
        version): a message for the job's events. None when Claude is on or not configured."""
        source = None if self._llm_disabled or self._given["llm"] is not None else self.llm_key
        if source is None or source.current() is not None:
            return None
        from demoforge.adapters.secret_manager import claude_off_message

        return claude_off_message(source)

    @functools.cached_property
    def llm_key(self) -> SecretSource | None:
        """Where the Anthropic key comes from: None for the ANTHROPIC_API_KEY override (or
        no key at all), else the secret in Secret Manager."""
        if self.settings.anthropic_api_key or not self.settings.anthropic_secret:
            return None
        from demoforge.adapters.secret_manager import SecretManagerSecret

        return SecretManagerSecret(self.settings)

    @functools.cached_property
    def _anthropic(self) -> LLM:
        from demoforge.adapters.anthropic_llm import AnthropicLLM

        return AnthropicLLM(self.settings, key=self.llm_key)

    @functools.cached_property
    def identity(self) -> CallerIdentity:
        """Who calls the api: verified ID tokens in the cloud, "local" on a laptop."""
        from demoforge.adapters.identity import GoogleCallerIdentity

        return GoogleCallerIdentity(self.settings)

    @functools.cached_property
    def fetcher(self) -> Fetcher:
        if self._given["fetcher"] is not None:
            return self._given["fetcher"]
        from demoforge.adapters.fetcher import SafeFetcher

        return SafeFetcher(self.settings)

    @functools.cached_property
    def agents(self) -> DataAgents:
        if self._given["agents"] is not None:
            return self._given["agents"]
        if self.settings.agents == "cloud":
            from demoforge.adapters.gemini_agents import GeminiDataAgents

            return GeminiDataAgents(self.settings)
        from demoforge.adapters.local_agents import LocalDataAgents

        return LocalDataAgents(self.settings, self.artifacts, self.warehouse)


def build_store(settings: Settings) -> JobStore:
    if settings.job_store == "firestore":
        from demoforge.adapters.firestore_store import FirestoreJobStore

        return FirestoreJobStore(settings)
    if settings.job_store == "sqlite":
        from demoforge.adapters.sqlite_store import SQLiteJobStore

        return SQLiteJobStore(settings.home / "jobs.sqlite")
    raise ValueError(f"unknown DEMOFORGE_JOB_STORE {settings.job_store!r} (sqlite|firestore)")


def build_bus(settings: Settings) -> Bus:
    if settings.bus == "pubsub":
        from demoforge.adapters.pubsub_bus import PubSubBus

        return PubSubBus(settings)
    if settings.bus == "memory":
        from demoforge.adapters.memory_bus import MemoryBus

        return MemoryBus()
    raise ValueError(f"unknown DEMOFORGE_BUS {settings.bus!r} (memory|pubsub)")


def build_artifacts(settings: Settings) -> ArtifactStore:
    if settings.artifacts == "gcs":
        from demoforge.adapters.gcs_artifacts import GcsArtifactStore

        return GcsArtifactStore(settings)
    if settings.artifacts == "local":
        from demoforge.adapters.local_artifacts import LocalArtifactStore

        return LocalArtifactStore(settings.home)
    raise ValueError(f"unknown DEMOFORGE_ARTIFACTS {settings.artifacts!r} (local|gcs)")


def build_warehouse(settings: Settings, artifacts: ArtifactStore) -> Warehouse:
    if settings.warehouse == "bigquery":
        from demoforge.adapters.bigquery_warehouse import BigQueryWarehouse

        return BigQueryWarehouse(settings)
    if settings.warehouse == "duckdb":
        from demoforge.adapters.duckdb_warehouse import DuckDBWarehouse

        return DuckDBWarehouse(settings, artifacts)
    raise ValueError(f"unknown DEMOFORGE_WAREHOUSE {settings.warehouse!r} (duckdb|bigquery)")


def build(settings: Settings | None = None) -> Deps:
    return Deps(settings or Settings.from_env())
