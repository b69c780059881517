"""Ports: the small interfaces phases and the runner depend on.

Adapters in ``demoforge.adapters`` implement them for the cloud (Firestore, Pub/Sub,
BigQuery, GCS, Anthropic, Gemini Data Analytics) and for embedded local runs (SQLite,
in-process bus, DuckDB, files, the synth engine). Tests use the same local adapters or
fakes; nothing here imports a cloud SDK. ``demoforge.service.services.Services`` bundles
them for phases and services.
"""

from __future__ import annotations

import builtins
import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, runtime_checkable

from demoforge.domain.job import Event, JobDoc, PhaseMessage

if TYPE_CHECKING:
    from demoforge.agent.types import AgentDeletion, AgentInfo, ChatOutcome
    from demoforge.spec.model import DatasetSpec, TableSpec

R = TypeVar("R")

# A transaction body: given the current document (None if absent) return the document to
# write (None = write nothing) and a value for the caller. It may be called more than once
# (Firestore retries on contention), so it must be pure.
TxFn = Callable[[JobDoc | None], tuple[JobDoc | None, R]]


class JobStore(Protocol):
    def create(self, job: JobDoc) -> None:
        """Insert a new job; raise ``Conflict`` if the id exists."""

    def get(self, job_id: str) -> JobDoc | None: ...

    def list(
        self, limit: int = 20, cursor: str | None = None, *, owner: str | None = None
    ) -> tuple[builtins.list[JobDoc], str | None]:
        """Newest first; only jobs ``created_by`` ``owner`` when given. ``cursor`` is
        opaque; the second value is the next page's cursor."""
        ...

    def transact(self, job_id: str, fn: TxFn[R]) -> R:
        """Read-modify-write the job document atomically."""
        ...

    def stalled_candidates(self, before: dt.datetime, limit: int) -> builtins.list[JobDoc]:
        """For the janitor: queued or running jobs last updated before ``before``, oldest
        first, at most ``limit`` (whether one is really stalled is ``JobDoc.is_stalled``'s call)."""
        ...

    def expired_candidates(self, now: dt.datetime, limit: int) -> builtins.list[JobDoc]:
        """For the janitor: jobs whose ``expire_at`` is not after ``now`` and that are not
        torn down yet (``purge_at`` unset), soonest expired first, at most ``limit``."""
        ...

    def add_event(self, job_id: str, event: Event) -> None: ...

    def events(
        self, job_id: str, limit: int = 100, cursor: str | None = None
    ) -> tuple[builtins.list[Event], str | None]:
        """Oldest first."""
        ...


class ResearchCache(Protocol):
    """A small TTL cache of research extraction per normalised URL (Firestore's
    ``research_cache`` collection in the cloud, a SQLite table locally)."""

    def get(self, key: str) -> dict[str, Any] | None:
        """A live (not expired) entry, or None."""
        ...

    def put(self, key: str, value: dict[str, Any], ttl_s: int) -> None:
        """Store (overwrite) ``value`` under ``key`` for ``ttl_s`` seconds."""
        ...


class Bus(Protocol):
    def publish(self, msg: PhaseMessage) -> str:
        """Publish to the phase's topic; returns a message id."""
        ...


class ArtifactStore(Protocol):
    """Per-job files too big for the job document (spec.json, parquet, golden queries)."""

    def put(self, job_id: str, name: str, data: bytes, content_type: str = "application/json") -> str:
        """Store (overwrite) ``name``; returns a reference string (path or gs:// URI)."""
        ...

    def get(self, job_id: str, name: str) -> bytes:
        """Raise ``NotFound`` if absent."""
        ...

    def list(self, job_id: str) -> builtins.list[str]: ...

    def workdir(self, job_id: str) -> Path:
        """A local directory for files a phase builds before storing them."""
        ...

    def delete_job(self, job_id: str) -> int:
        """Remove every artifact of the job and its work folder (teardown); returns how
        many files or objects went. Idempotent: nothing left is fine."""
        ...


@dataclasses.dataclass(frozen=True)
class DatasetRef:
    project: str
    dataset: str
    job_id: str

    @property
    def qualified(self) -> str:
        return f"{self.project}.{self.dataset}"


class Warehouse(Protocol):
    """BigQuery in the cloud, DuckDB locally. SQL given to it is BigQuery SQL."""

    def ensure_dataset(
        self, ref: DatasetRef, *, labels: Mapping[str, str], description: str, ttl_days: int
    ) -> None: ...

    def load_table(self, ref: DatasetRef, table: TableSpec, parquet: Path) -> int:
        """Create/replace the table from the spec's table (descriptions included) and load
        the Parquet file with WRITE_TRUNCATE semantics; returns the row count loaded."""
        ...

    def row_count(self, ref: DatasetRef, table: str) -> int: ...

    def dry_run(self, ref: DatasetRef, sql: str) -> int:
        """Validate the query; returns the bytes it would process."""
        ...

    def query(self, ref: DatasetRef, sql: str, *, max_bytes_billed: int) -> builtins.list[dict[str, Any]]: ...

    def delete_dataset(self, ref: DatasetRef) -> None:
        """Idempotent: absent datasets are fine."""
        ...


class GeneratedTable(Protocol):
    """One table the synth engine wrote."""

    @property
    def name(self) -> str: ...

    @property
    def path(self) -> Path: ...

    @property
    def rows(self) -> int: ...


class SynthEngine(Protocol):
    """Generates a dataset spec's rows as Parquet (``demoforge.synth`` locally and in
    the warehouse function; tests inject a small fake)."""

    def generate(self, spec: DatasetSpec, out_dir: Path, *, seed: int) -> Mapping[str, GeneratedTable]:
        """Write ``out_dir/<table>.parquet`` for every table (overwriting); by table name."""
        ...


class LLM(Protocol):
    """A model that returns JSON matching a schema (Claude via tool use)."""

    def structured(
        self, *, system: str, messages: Sequence[Mapping[str, Any]], tool_name: str,
        schema: Mapping[str, Any], max_tokens: int = 4096, timeout_s: float | None = None,
    ) -> dict[str, Any]:
        """``timeout_s`` overrides the configured timeout for one long answer (a dataset spec)."""
        ...


@dataclasses.dataclass(frozen=True)
class LLMUsage:
    input_tokens: int
    output_tokens: int


@runtime_checkable
class ReportsLLMUsage(Protocol):
    """An ``LLM`` that also says what each call used (Claude's ``usage``), for the cost
    of a demo (``demoforge.service.metering``). Optional: fakes need not implement it."""

    def structured_with_usage(
        self, *, system: str, messages: Sequence[Mapping[str, Any]], tool_name: str,
        schema: Mapping[str, Any], max_tokens: int = 4096, timeout_s: float | None = None,
    ) -> tuple[dict[str, Any], LLMUsage]: ...


@dataclasses.dataclass(frozen=True)
class QueryUsage:
    bytes_processed: int
    bytes_billed: int  # what on-demand pricing charges (0 where nothing is billed)


@runtime_checkable
class ReportsQueryUsage(Protocol):
    """A ``Warehouse`` whose queries also say the bytes they processed and billed.
    Optional, like ``ReportsLLMUsage``."""

    def query_with_usage(
        self, ref: DatasetRef, sql: str, *, max_bytes_billed: int
    ) -> tuple[builtins.list[dict[str, Any]], QueryUsage]: ...


@dataclasses.dataclass(frozen=True)
class FetchedPage:
    """One HTML page as the safe fetcher returned it (decoded, size-capped)."""

    url: str  # final URL after redirects
    requested_url: str
    status: int
    content_type: str
    charset: str
    text: str
    bytes_read: int  # body bytes after decompression
    truncated: bool = False  # the body hit the byte cap and was cut
    redirects: tuple[str, ...] = ()
    address: str = ""  # the IP actually connected to
    elapsed_s: float = 0.0


class Fetcher(Protocol):
    def fetch(self, url: str) -> FetchedPage:
        """Fetch one HTML page safely (SSRF-checked at connect time, robots.txt honoured,
        size- and time-capped). Raises ``UnsafeUrl`` for refused targets,
        ``TransientError`` for timeouts/5xx, ``PermanentError`` for DNS failures, 4xx and
        non-HTML answers."""
        ...


class DataAgents(Protocol):
    """Conversational Analytics data agents: Gemini Data Analytics in the cloud; locally a
    stand-in that writes ``agent.json`` and answers with the golden SQL."""

    def ensure_agent(self, job_id: str, request: Mapping[str, Any]) -> AgentInfo:
        """Create, or update when it exists, the agent described by ``request`` (the
        ``CreateDataAgentRequest`` JSON from ``demoforge.agent.definition``). Idempotent."""
        ...

    def ask(self, agent: AgentInfo, question: str) -> ChatOutcome:
        """Put one question to the agent in its test conversation; streamed answer reduced
        to text, generated SQL and the last data result."""
        ...

    def delete_agent(self, agent_name: str) -> AgentDeletion:
        """Delete the agent and its conversations. Idempotent: absent parts are fine."""
        ...


class SecretSource(Protocol):
    """A secret read at run time (the Anthropic key in Secret Manager), so a new version
    reaches instances that are already warm."""

    name: str  # what to name in messages, e.g. "secret demoforge-anthropic-api-key"

    def current(self) -> str | None:
        """The value, cached up to a TTL; None while the secret has no enabled version."""
        ...

    def refresh(self) -> str | None:
        """Read again now, bypassing the cache: the cached value was just rejected."""
        ...


class CallerIdentity(Protocol):
    """Who is calling the api, from what the platform or a signature vouches for."""

    def caller(self, headers: Mapping[str, str]) -> str:
        """The caller's email (``created_by``); "unknown" when nothing verifiable was sent."""
        ...
