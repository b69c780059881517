"""The composition root: builds every dependency from one frozen ``Settings``.

``Container`` implements ``demoforge.service.services.Services``, the protocol phases and
services depend on. Function entry points and the CLI call ``build(Settings.from_env())``;
tests call ``Container(settings, store=..., bus=...)`` to inject fakes or local adapters.
Adapters are built lazily on first use, so the research function never imports the
BigQuery client (cold start) and a local run never imports any cloud SDK. Which body runs
a phase is decided here too (``body_for``), so the runner only runs what it is given.
Nothing below this module imports it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, assert_never

from demoforge.domain.job import Phase, utcnow
from demoforge.service.events import EventLog
from demoforge.service.phase import PhaseBody
from demoforge.service.ports import (
    LLM,
    ArtifactStore,
    Bus,
    CallerIdentity,
    DataAgents,
    Fetcher,
    JobStore,
    ResearchCache,
    SecretSource,
    SynthEngine,
    Warehouse,
)
from demoforge.settings import Settings

if TYPE_CHECKING:
    from demoforge.adapters.memory_bus import MemoryBus
    from demoforge.service.cleanup import OutputRemover
    from demoforge.service.runner import Runner


class Container:
    """The ``Services`` of one process. Every adapter given is used as is; every one not
    given is built from ``settings`` the first time something asks for it."""

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
        research_cache: ResearchCache | None = None,
        synth: SynthEngine | None = None,
        clock: Callable[[], dt.datetime] = utcnow,
        bodies: dict[Phase, PhaseBody] | None = None,
        llm_disabled: bool = False,
        identity: CallerIdentity | None = None,
    ) -> None:
        self.settings = settings
        self.clock = clock
        # Phase bodies to use instead of ``demoforge.phases`` (tests script them).
        self.bodies: dict[Phase, PhaseBody] = dict(bodies or {})
        self._store = store
        self._bus = bus
        self._artifacts = artifacts
        self._warehouse = warehouse
        self._llm = llm
        self._fetcher = fetcher
        self._agents = agents
        self._research_cache = research_cache
        self._synth = synth
        self._llm_disabled = llm_disabled
        self._identity = identity

    def body_for(self, phase: Phase) -> PhaseBody:
        if phase in self.bodies:
            return self.bodies[phase]
        from demoforge.phases import body_for

        return body_for(phase)

    def outputs_for(self, phase: Phase) -> OutputRemover | None:
        from demoforge.phases import outputs_for

        return outputs_for(phase)

    def runner(self) -> Runner:
        from demoforge.service.runner import Runner

        return Runner(self, self.body_for, self.outputs_for)

    @functools.cached_property
    def store(self) -> JobStore:
        return self._store if self._store is not None else build_store(self.settings)

    @functools.cached_property
    def events(self) -> EventLog:
        return EventLog(self.store)

    @functools.cached_property
    def bus(self) -> Bus:
        return self._bus if self._bus is not None else build_bus(self.settings)

    @functools.cached_property
    def artifacts(self) -> ArtifactStore:
        return self._artifacts if self._artifacts is not None else build_artifacts(self.settings)

    @functools.cached_property
    def warehouse(self) -> Warehouse:
        if self._warehouse is not None:
            return self._warehouse
        # Only DuckDB keeps its files in the artifact store: BigQuery must not build the GCS
        # adapter (the janitor's zip has no google-cloud-storage).
        return build_warehouse(self.settings, lambda: self.artifacts)

    @property
    def llm(self) -> LLM | None:
        """Claude when a key is available now; None means: use the offline path.

        Asked at each first need, not once per instance: with the key in Secret Manager
        (cached for ``secret_ttl_s``) a version added later turns Claude on in warm
        instances, no redeploy. ``llm_off_reason`` says why it is None."""
        if self._llm is not None:
            return self._llm
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
        source = None if self._llm_disabled or self._llm is not None else self.llm_key
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
        if self._identity is not None:
            return self._identity
        from demoforge.adapters.identity import GoogleCallerIdentity

        return GoogleCallerIdentity(self.settings)

    @functools.cached_property
    def fetcher(self) -> Fetcher:
        if self._fetcher is not None:
            return self._fetcher
        from demoforge.adapters.fetcher import SafeFetcher

        return SafeFetcher(self.settings)

    @functools.cached_property
    def agents(self) -> DataAgents:
        if self._agents is not None:
            return self._agents
        if self.settings.agents == "cloud":
            from demoforge.adapters.gemini_agents import GeminiDataAgents

            return GeminiDataAgents(self.settings)
        from demoforge.adapters.local_agents import LocalDataAgents

        return LocalDataAgents(self.settings, self.artifacts, self.warehouse)

    @functools.cached_property
    def research_cache(self) -> ResearchCache:
        if self._research_cache is not None:
            return self._research_cache
        if self.settings.job_store == "firestore":
            from demoforge.adapters.firestore_store import FirestoreJobStore, FirestoreResearchCache

            store = self.store
            client = store.client if isinstance(store, FirestoreJobStore) else None
            return FirestoreResearchCache(self.settings, client=client)
        from demoforge.adapters.sqlite_store import SQLiteResearchCache

        return SQLiteResearchCache(self.settings.home / "jobs.sqlite")

    @functools.cached_property
    def synth(self) -> SynthEngine:
        if self._synth is not None:
            return self._synth
        from demoforge.adapters.synth_engine import LocalSynthEngine

        return LocalSynthEngine()


def build_store(settings: Settings) -> JobStore:
    match settings.job_store:
        case "firestore":
            from demoforge.adapters.firestore_store import FirestoreJobStore

            return FirestoreJobStore(settings)
        case "sqlite":
            from demoforge.adapters.sqlite_store import SQLiteJobStore

            return SQLiteJobStore(settings.home / "jobs.sqlite")
        case other:
            assert_never(other)


def build_bus(settings: Settings) -> Bus:
    match settings.bus:
        case "pubsub":
            from demoforge.adapters.pubsub_bus import PubSubBus

            return PubSubBus(settings)
        case "memory":
            from demoforge.adapters.memory_bus import MemoryBus

            return MemoryBus()
        case other:
            assert_never(other)


def build_artifacts(settings: Settings) -> ArtifactStore:
    match settings.artifacts:
        case "gcs":
            from demoforge.adapters.gcs_artifacts import GcsArtifactStore

            return GcsArtifactStore(settings)
        case "local":
            from demoforge.adapters.local_artifacts import LocalArtifactStore

            return LocalArtifactStore(settings.home)
        case other:
            assert_never(other)


def build_warehouse(settings: Settings, artifacts: Callable[[], ArtifactStore]) -> Warehouse:
    match settings.warehouse:
        case "bigquery":
            from demoforge.adapters.bigquery_warehouse import BigQueryWarehouse

            return BigQueryWarehouse(settings)
        case "duckdb":
            from demoforge.adapters.duckdb_warehouse import DuckDBWarehouse

            return DuckDBWarehouse(settings, artifacts())
        case other:
            assert_never(other)


def build(settings: Settings | None = None) -> Container:
    return Container(settings or Settings.from_env())


@dataclasses.dataclass(frozen=True)
class LocalRun:
    """``demoforge run``: the embedded adapters, the in-process bus the CLI drains, and the
    demo pack folder the job's artifacts are written to."""

    services: Container
    bus: MemoryBus


def _embedded(settings: Settings) -> Settings:
    return settings.with_(mode="local", job_store="sqlite", bus="memory", warehouse="duckdb",
                          agents="local", artifacts="local")


def local_services(settings: Settings) -> Container:
    """The embedded adapters ``demoforge run`` uses, e.g. to list its jobs."""
    return Container(_embedded(settings))


def local_pack(settings: Settings, job_id: str) -> Path:
    """The demo pack folder a local job writes to (``run --out``, remembered per job)."""
    from demoforge.adapters.local_artifacts import LocalArtifactStore

    return LocalArtifactStore(settings.home).workdir(job_id)


def build_local_run(settings: Settings, *, job_id: str, pack: Path) -> LocalRun:
    """The whole pipeline in one process: SQLite, in-process bus, DuckDB, local data agent
    and files, whatever the environment says about adapters; ``job_id``'s artifacts go to
    ``pack``."""
    from demoforge.adapters.local_artifacts import LocalArtifactStore
    from demoforge.adapters.memory_bus import MemoryBus

    local = _embedded(settings)
    artifacts = LocalArtifactStore(local.home)
    artifacts.link(job_id, pack)
    bus = MemoryBus()
    return LocalRun(Container(local, bus=bus, artifacts=artifacts), bus)
