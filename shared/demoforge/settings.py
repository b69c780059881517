"""The one configuration object. ``Settings.from_env()`` is called once, by the
composition root (``bootstrap``) or the CLI; nothing else in the package reads
``os.environ``. Every field is listed in the README's configuration table.

``from_env`` validates every value as it reads it (adapter choices against their
literal set, numbers strictly and within a range, flags as true/false): a bad value
fails at start-up with ``SettingsError`` naming the variable, never mid-phase, where it
would look transient and burn the attempt budget. Adding a field: one line in the class,
one line in ``from_env`` with the reader matching its type.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, TypeVar, get_args

Mode = Literal["local", "cloud"]
JobStoreKind = Literal["sqlite", "firestore"]
BusKind = Literal["memory", "pubsub"]
WarehouseKind = Literal["duckdb", "bigquery"]
AgentsKind = Literal["local", "cloud"]
ArtifactsKind = Literal["local", "gcs"]

MODES: tuple[Mode, ...] = get_args(Mode)
JOB_STORES: tuple[JobStoreKind, ...] = get_args(JobStoreKind)
BUSES: tuple[BusKind, ...] = get_args(BusKind)
WAREHOUSES: tuple[WarehouseKind, ...] = get_args(WarehouseKind)
AGENTS: tuple[AgentsKind, ...] = get_args(AgentsKind)
ARTIFACTS: tuple[ArtifactsKind, ...] = get_args(ArtifactsKind)

C = TypeVar("C", bound=str)
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


class SettingsError(ValueError):
    """A configuration value is invalid; the message names the variable."""


class _Env:
    """Strict readers over the environment; an empty value counts as unset."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env

    def _raw(self, name: str) -> str | None:
        v = self.env.get(name)
        return None if v is None or not v.strip() else v.strip()

    def text(self, name: str, default: str) -> str:
        return self.env.get(name, default)

    def choice(self, name: str, choices: tuple[C, ...], default: C) -> C:
        raw = self._raw(name)
        if raw is None:
            return default
        found = next((c for c in choices if c == raw), None)
        if found is None:
            raise SettingsError(f"{name} must be one of {', '.join(choices)}, not {raw!r}")
        return found

    def integer(self, name: str, default: int, lo: int, hi: int) -> int:
        raw = self._raw(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            value = None
        if value is None or not lo <= value <= hi:
            raise SettingsError(f"{name} must be an integer from {lo} to {hi}, not {raw!r}")
        return value

    def number(self, name: str, default: float, lo: float, hi: float) -> float:
        raw = self._raw(name)
        if raw is None:
            return default
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if not lo <= value <= hi:  # NaN fails every comparison
            raise SettingsError(f"{name} must be a number from {lo:g} to {hi:g}, not {raw!r}")
        return value

    def flag(self, name: str, default: bool) -> bool:
        raw = self._raw(name)
        if raw is None:
            return default
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        raise SettingsError(f"{name} must be true or false (also 1/0, yes/no, on/off), not {raw!r}")


# Secret Manager ids: letters, digits, - and _, at most 255 characters.
_SECRET_ID = r"[A-Za-z0-9_-]{1,255}"


def _secret_name(raw: str) -> str:
    raw = raw.strip()
    if raw and not re.fullmatch(rf"(projects/[a-z0-9.:-]+/secrets/)?{_SECRET_ID}", raw):
        raise SettingsError(
            "DEMOFORGE_ANTHROPIC_SECRET must be a secret id or projects/PROJECT/secrets/ID "
            f"(no /versions/...: the newest version is always read), not {raw!r}")
    return raw


def _audiences(raw: str) -> tuple[str, ...]:
    values = tuple(a.strip() for a in raw.split(",") if a.strip())
    for a in values:
        if not (a.startswith("https://") or a.endswith(".apps.googleusercontent.com")):
            raise SettingsError(
                "DEMOFORGE_API_AUDIENCES must list the api's https:// URLs (and OAuth client "
                f"ids ending .apps.googleusercontent.com), comma-separated; not {a!r}")
    return values


def _admins(raw: str) -> tuple[str, ...]:
    values = tuple(a.strip() for a in raw.split(",") if a.strip())
    for a in values:
        if "@" not in a or any(c.isspace() for c in a) or a.count("@") != 1:
            raise SettingsError(
                f"DEMOFORGE_ADMINS must list caller emails, comma-separated; not {a!r}")
    return values


@dataclasses.dataclass(frozen=True)
class Settings:
    # Which adapters to wire. "local" = embedded (SQLite, in-process bus, DuckDB, files);
    # "cloud" = Firestore, Pub/Sub, BigQuery, GCS, Gemini Data Analytics.
    mode: Mode = "local"
    job_store: JobStoreKind = "sqlite"
    bus: BusKind = "memory"
    warehouse: WarehouseKind = "duckdb"
    agents: AgentsKind = "local"
    artifacts: ArtifactsKind = "local"

    project: str = "demoforge-local"
    region: str = "europe-west1"
    bq_location: str = "EU"
    agent_location: str = "global"
    firestore_database: str = "(default)"
    artifacts_bucket: str = ""
    home: Path = Path.home() / ".demoforge"

    # Endpoint overrides: local BigQuery / Data Analytics servers in tests and `demoforge up`.
    bigquery_endpoint: str = ""
    dataagents_endpoint: str = ""
    gcs_endpoint: str = ""  # a local GCS JSON-API server (tests); anonymous credentials
    firestore_emulator_host: str = ""
    pubsub_emulator_host: str = ""

    anthropic_api_key: str = ""  # local override: wins over the secret below
    # The key in Secret Manager (`projects/P/secrets/NAME` or a bare NAME in `project`), read
    # at run time when Claude is first needed and re-read after `secret_ttl_s`.
    anthropic_secret: str = ""
    secret_ttl_s: int = 300
    secretmanager_endpoint: str = ""  # a local Secret Manager REST server (tests)
    anthropic_base_url: str = ""
    anthropic_model: str = "claude-sonnet-4-6"
    llm_timeout_s: float = 60.0
    llm_max_retries: int = 2

    allow_private_network: bool = False
    fetch_max_bytes: int = 3_000_000
    fetch_timeout_s: float = 15.0
    crawl_max_pages: int = 5
    research_cache_ttl_s: int = 3600
    confidence_threshold: float = 0.7

    max_attempts: int = 5
    # A claimed phase's lease, renewed by a heartbeat every third of it while the phase
    # runs (``demoforge.service.lease``): a dead delivery is taken over about a lease later.
    lease_seconds: int = 90
    # How long a delivery may renew its lease: the function's timeout (after it the
    # platform has given up on the delivery).
    phase_deadline_s: int = 540
    job_ttl_days: int = 30
    dataset_ttl_days: int = 14
    max_bytes_billed: int = 1_000_000_000
    # Bounds on every executed query (golden queries, repairs, checks): wall time (BigQuery
    # job_timeout_ms, DuckDB interrupt), rows fetched, DuckDB memory; and how many golden
    # queries one demo validates.
    query_timeout_s: float = 60.0
    query_max_rows: int = 10_000
    query_memory_mb: int = 512
    max_golden_queries: int = 40
    agent_python_analysis: bool = False
    # Budget for the whole streamed answer to the agent's test question.
    agent_chat_timeout_s: float = 300.0
    trust_platform_identity: bool = False
    # Caller identity on the api: ID tokens must name one of these audiences (the api's URLs).
    api_audiences: tuple[str, ...] = ()
    id_token_certs_url: str = "https://www.googleapis.com/oauth2/v1/certs"
    behind_iap: bool = False  # only then is X-Goog-Authenticated-User-Email believed
    # Principals (caller emails) who see and act on every job; everyone else only on their own.
    admins: tuple[str, ...] = ()

    # The janitor (scheduled sweeper): jobs handled per kind and run, and how long the
    # record of an expired demo stays once its dataset, agent and artifacts are gone.
    janitor_batch: int = 25
    expired_record_days: int = 7

    # Prices for the cost of a demo (US dollars): Claude per million input and output
    # tokens (the configured model's list price) and BigQuery on-demand per TiB billed.
    llm_usd_per_mtok_input: float = 3.0
    llm_usd_per_mtok_output: float = 15.0
    bq_usd_per_tib: float = 6.25

    def __post_init__(self) -> None:
        # Literal types are checked statically; this catches ``with_(warehouse="x")``.
        for name, choices in (("mode", MODES), ("job_store", JOB_STORES), ("bus", BUSES),
                              ("warehouse", WAREHOUSES), ("agents", AGENTS),
                              ("artifacts", ARTIFACTS)):
            if getattr(self, name) not in choices:
                raise SettingsError(
                    f"Settings.{name} must be one of {', '.join(choices)}, not {getattr(self, name)!r}")

    @property
    def claude_enabled(self) -> bool:
        """A key is configured (it may still have no version yet: see ``bootstrap``)."""
        return bool(self.anthropic_api_key or self.anthropic_secret)

    @property
    def anthropic_secret_version(self) -> str:
        """Resource name of the key's newest version, or "" when no secret is configured."""
        if not self.anthropic_secret:
            return ""
        base = (self.anthropic_secret if self.anthropic_secret.startswith("projects/")
                else f"projects/{self.project}/secrets/{self.anthropic_secret}")
        return f"{base}/versions/latest"

    def with_(self, **changes: object) -> Settings:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        e = _Env(os.environ if env is None else env)
        mode = e.choice("DEMOFORGE_MODE", MODES, "local")
        cloud = mode == "cloud"
        d = cls()
        return cls(
            mode=mode,
            job_store=e.choice("DEMOFORGE_JOB_STORE", JOB_STORES, "firestore" if cloud else "sqlite"),
            bus=e.choice("DEMOFORGE_BUS", BUSES, "pubsub" if cloud else "memory"),
            warehouse=e.choice("DEMOFORGE_WAREHOUSE", WAREHOUSES, "bigquery" if cloud else "duckdb"),
            agents=e.choice("DEMOFORGE_AGENTS", AGENTS, "cloud" if cloud else "local"),
            artifacts=e.choice("DEMOFORGE_ARTIFACTS", ARTIFACTS, "gcs" if cloud else "local"),
            project=e.text("GOOGLE_CLOUD_PROJECT", e.text("GCP_PROJECT", d.project)),
            region=e.text("DEMOFORGE_REGION", d.region),
            bq_location=e.text("DEMOFORGE_BQ_LOCATION", d.bq_location),
            agent_location=e.text("DEMOFORGE_AGENT_LOCATION", d.agent_location),
            firestore_database=e.text("DEMOFORGE_FIRESTORE_DATABASE", d.firestore_database),
            artifacts_bucket=e.text("DEMOFORGE_ARTIFACTS_BUCKET", ""),
            home=Path(e.text("DEMOFORGE_HOME", str(d.home))),
            bigquery_endpoint=e.text("DEMOFORGE_BIGQUERY_ENDPOINT", ""),
            dataagents_endpoint=e.text("DEMOFORGE_DATAAGENTS_ENDPOINT", ""),
            gcs_endpoint=e.text("DEMOFORGE_GCS_ENDPOINT", ""),
            firestore_emulator_host=e.text("FIRESTORE_EMULATOR_HOST", ""),
            pubsub_emulator_host=e.text("PUBSUB_EMULATOR_HOST", ""),
            anthropic_api_key=e.text("ANTHROPIC_API_KEY", ""),
            anthropic_secret=_secret_name(e.text("DEMOFORGE_ANTHROPIC_SECRET", "")),
            secret_ttl_s=e.integer("DEMOFORGE_SECRET_TTL_S", d.secret_ttl_s, 0, 86_400),
            secretmanager_endpoint=e.text("DEMOFORGE_SECRETMANAGER_ENDPOINT", ""),
            anthropic_base_url=e.text("ANTHROPIC_BASE_URL", ""),
            anthropic_model=e.text("DEMOFORGE_ANTHROPIC_MODEL", d.anthropic_model),
            llm_timeout_s=e.number("DEMOFORGE_LLM_TIMEOUT_S", d.llm_timeout_s, 0.1, 3600),
            llm_max_retries=e.integer("DEMOFORGE_LLM_MAX_RETRIES", d.llm_max_retries, 0, 10),
            allow_private_network=e.flag("DEMOFORGE_ALLOW_PRIVATE_NETWORK", False),
            fetch_max_bytes=e.integer("DEMOFORGE_FETCH_MAX_BYTES", d.fetch_max_bytes, 1_000, 100_000_000),
            fetch_timeout_s=e.number("DEMOFORGE_FETCH_TIMEOUT_S", d.fetch_timeout_s, 0.1, 600),
            crawl_max_pages=e.integer("DEMOFORGE_CRAWL_MAX_PAGES", d.crawl_max_pages, 0, 50),
            research_cache_ttl_s=e.integer("DEMOFORGE_RESEARCH_CACHE_TTL_S", d.research_cache_ttl_s, 0, 30 * 86_400),
            confidence_threshold=e.number("DEMOFORGE_CONFIDENCE_THRESHOLD", d.confidence_threshold, 0, 1),
            max_attempts=e.integer("DEMOFORGE_MAX_ATTEMPTS", d.max_attempts, 1, 100),
            lease_seconds=e.integer("DEMOFORGE_LEASE_SECONDS", d.lease_seconds, 10, 3600),
            phase_deadline_s=e.integer("DEMOFORGE_PHASE_DEADLINE_S", d.phase_deadline_s, 10, 86_400),
            job_ttl_days=e.integer("DEMOFORGE_JOB_TTL_DAYS", d.job_ttl_days, 1, 3650),
            dataset_ttl_days=e.integer("DEMOFORGE_DATASET_TTL_DAYS", d.dataset_ttl_days, 0, 3650),
            max_bytes_billed=e.integer("DEMOFORGE_MAX_BYTES_BILLED", d.max_bytes_billed, 1, 10**15),
            query_timeout_s=e.number("DEMOFORGE_QUERY_TIMEOUT_S", d.query_timeout_s, 0.1, 6 * 3600),
            query_max_rows=e.integer("DEMOFORGE_QUERY_MAX_ROWS", d.query_max_rows, 1, 10_000_000),
            query_memory_mb=e.integer("DEMOFORGE_QUERY_MEMORY_MB", d.query_memory_mb, 16, 65_536),
            max_golden_queries=e.integer("DEMOFORGE_MAX_GOLDEN_QUERIES", d.max_golden_queries, 1, 1000),
            agent_python_analysis=e.flag("DEMOFORGE_AGENT_PYTHON_ANALYSIS", False),
            agent_chat_timeout_s=e.number("DEMOFORGE_AGENT_CHAT_TIMEOUT_S", d.agent_chat_timeout_s, 0.1, 3600),
            trust_platform_identity=e.flag("DEMOFORGE_TRUST_PLATFORM_IDENTITY", cloud),
            api_audiences=_audiences(e.text("DEMOFORGE_API_AUDIENCES", "")),
            id_token_certs_url=e.text("DEMOFORGE_ID_TOKEN_CERTS_URL", d.id_token_certs_url),
            behind_iap=e.flag("DEMOFORGE_BEHIND_IAP", False),
            admins=_admins(e.text("DEMOFORGE_ADMINS", "")),
            janitor_batch=e.integer("DEMOFORGE_JANITOR_BATCH", d.janitor_batch, 1, 500),
            expired_record_days=e.integer("DEMOFORGE_EXPIRED_RECORD_DAYS", d.expired_record_days, 0, 3650),
            llm_usd_per_mtok_input=e.number("DEMOFORGE_LLM_USD_PER_MTOK_INPUT",
                                            d.llm_usd_per_mtok_input, 0, 10_000),
            llm_usd_per_mtok_output=e.number("DEMOFORGE_LLM_USD_PER_MTOK_OUTPUT",
                                             d.llm_usd_per_mtok_output, 0, 10_000),
            bq_usd_per_tib=e.number("DEMOFORGE_BQ_USD_PER_TIB", d.bq_usd_per_tib, 0, 10_000),
        )
