"""The one configuration object. ``Settings.from_env()`` is called once, by the
composition root (``bootstrap``) or the CLI; nothing else in the package reads
``os.environ``. Every field is listed in the README's configuration table.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Literal


def _bool(v: str | None, default: bool) -> bool:
    if v is None or v == "":
        return default
    return v.strip().lower() in ("1", "true", "yes", "on")


def _int(v: str | None, default: int) -> int:
    return int(v) if v not in (None, "") else default


def _float(v: str | None, default: float) -> float:
    return float(v) if v not in (None, "") else default


def _bounded_int(e: Mapping[str, str], name: str, default: int, lo: int, hi: int) -> int:
    raw = e.get(name, "")
    try:
        value = _int(raw, default)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {raw!r}") from None
    if not lo <= value <= hi:
        raise ValueError(f"{name} must be between {lo} and {hi}, not {value}")
    return value


# Secret Manager ids: letters, digits, - and _, at most 255 characters.
_SECRET_ID = r"[A-Za-z0-9_-]{1,255}"


def _secret_name(raw: str) -> str:
    raw = raw.strip()
    if raw and not re.fullmatch(rf"(projects/[a-z0-9.:-]+/secrets/)?{_SECRET_ID}", raw):
        raise ValueError(
            "DEMOFORGE_ANTHROPIC_SECRET must be a secret id or projects/PROJECT/secrets/ID "
            f"(no /versions/...: the newest version is always read), not {raw!r}")
    return raw


def _audiences(raw: str) -> tuple[str, ...]:
    values = tuple(a.strip() for a in raw.split(",") if a.strip())
    for a in values:
        if not (a.startswith("https://") or a.endswith(".apps.googleusercontent.com")):
            raise ValueError(
                "DEMOFORGE_API_AUDIENCES must list the api's https:// URLs (and OAuth client "
                f"ids ending .apps.googleusercontent.com), comma-separated; not {a!r}")
    return values


@dataclasses.dataclass(frozen=True)
class Settings:
    # Which adapters to wire. "local" = embedded (SQLite, in-process bus, DuckDB, files);
    # "cloud" = Firestore, Pub/Sub, BigQuery, GCS, Gemini Data Analytics.
    mode: Literal["local", "cloud"] = "local"
    job_store: str = "sqlite"  # sqlite | firestore
    bus: str = "memory"  # memory | pubsub
    warehouse: str = "duckdb"  # duckdb | bigquery
    agents: str = "local"  # local | cloud
    artifacts: str = "local"  # local | gcs

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
    lease_seconds: int = 540
    job_ttl_days: int = 30
    dataset_ttl_days: int = 14
    max_bytes_billed: int = 1_000_000_000
    agent_python_analysis: bool = False
    # Budget for the whole streamed answer to the agent's test question.
    agent_chat_timeout_s: float = 300.0
    trust_platform_identity: bool = False
    # Caller identity on the api: ID tokens must name one of these audiences (the api's URLs).
    api_audiences: tuple[str, ...] = ()
    id_token_certs_url: str = "https://www.googleapis.com/oauth2/v1/certs"
    behind_iap: bool = False  # only then is X-Goog-Authenticated-User-Email believed

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
        e = os.environ if env is None else env
        mode = e.get("DEMOFORGE_MODE", "local")
        if mode not in ("local", "cloud"):
            raise ValueError(f"DEMOFORGE_MODE must be 'local' or 'cloud', not {mode!r}")
        cloud = mode == "cloud"
        d = cls()
        return cls(
            mode=mode,  # type: ignore[arg-type]
            job_store=e.get("DEMOFORGE_JOB_STORE", "firestore" if cloud else "sqlite"),
            bus=e.get("DEMOFORGE_BUS", "pubsub" if cloud else "memory"),
            warehouse=e.get("DEMOFORGE_WAREHOUSE", "bigquery" if cloud else "duckdb"),
            agents=e.get("DEMOFORGE_AGENTS", "cloud" if cloud else "local"),
            artifacts=e.get("DEMOFORGE_ARTIFACTS", "gcs" if cloud else "local"),
            project=e.get("GOOGLE_CLOUD_PROJECT", e.get("GCP_PROJECT", d.project)),
            region=e.get("DEMOFORGE_REGION", d.region),
            bq_location=e.get("DEMOFORGE_BQ_LOCATION", d.bq_location),
            agent_location=e.get("DEMOFORGE_AGENT_LOCATION", d.agent_location),
            firestore_database=e.get("DEMOFORGE_FIRESTORE_DATABASE", d.firestore_database),
            artifacts_bucket=e.get("DEMOFORGE_ARTIFACTS_BUCKET", ""),
            home=Path(e.get("DEMOFORGE_HOME", str(d.home))),
            bigquery_endpoint=e.get("DEMOFORGE_BIGQUERY_ENDPOINT", ""),
            dataagents_endpoint=e.get("DEMOFORGE_DATAAGENTS_ENDPOINT", ""),
            gcs_endpoint=e.get("DEMOFORGE_GCS_ENDPOINT", ""),
            firestore_emulator_host=e.get("FIRESTORE_EMULATOR_HOST", ""),
            pubsub_emulator_host=e.get("PUBSUB_EMULATOR_HOST", ""),
            anthropic_api_key=e.get("ANTHROPIC_API_KEY", ""),
            anthropic_secret=_secret_name(e.get("DEMOFORGE_ANTHROPIC_SECRET", "")),
            secret_ttl_s=_bounded_int(e, "DEMOFORGE_SECRET_TTL_S", d.secret_ttl_s, 0, 86_400),
            secretmanager_endpoint=e.get("DEMOFORGE_SECRETMANAGER_ENDPOINT", ""),
            anthropic_base_url=e.get("ANTHROPIC_BASE_URL", ""),
            anthropic_model=e.get("DEMOFORGE_ANTHROPIC_MODEL", d.anthropic_model),
            llm_timeout_s=_float(e.get("DEMOFORGE_LLM_TIMEOUT_S"), d.llm_timeout_s),
            llm_max_retries=_int(e.get("DEMOFORGE_LLM_MAX_RETRIES"), d.llm_max_retries),
            allow_private_network=_bool(e.get("DEMOFORGE_ALLOW_PRIVATE_NETWORK"), False),
            fetch_max_bytes=_int(e.get("DEMOFORGE_FETCH_MAX_BYTES"), d.fetch_max_bytes),
            fetch_timeout_s=_float(e.get("DEMOFORGE_FETCH_TIMEOUT_S"), d.fetch_timeout_s),
            crawl_max_pages=_int(e.get("DEMOFORGE_CRAWL_MAX_PAGES"), d.crawl_max_pages),
            research_cache_ttl_s=_int(e.get("DEMOFORGE_RESEARCH_CACHE_TTL_S"), d.research_cache_ttl_s),
            confidence_threshold=_float(
                e.get("DEMOFORGE_CONFIDENCE_THRESHOLD"), d.confidence_threshold
            ),
            max_attempts=_int(e.get("DEMOFORGE_MAX_ATTEMPTS"), d.max_attempts),
            lease_seconds=_int(e.get("DEMOFORGE_LEASE_SECONDS"), d.lease_seconds),
            job_ttl_days=_int(e.get("DEMOFORGE_JOB_TTL_DAYS"), d.job_ttl_days),
            dataset_ttl_days=_int(e.get("DEMOFORGE_DATASET_TTL_DAYS"), d.dataset_ttl_days),
            max_bytes_billed=_int(e.get("DEMOFORGE_MAX_BYTES_BILLED"), d.max_bytes_billed),
            agent_python_analysis=_bool(e.get("DEMOFORGE_AGENT_PYTHON_ANALYSIS"), False),
            agent_chat_timeout_s=_float(e.get("DEMOFORGE_AGENT_CHAT_TIMEOUT_S"), d.agent_chat_timeout_s),
            trust_platform_identity=_bool(e.get("DEMOFORGE_TRUST_PLATFORM_IDENTITY"), cloud),
            api_audiences=_audiences(e.get("DEMOFORGE_API_AUDIENCES", "")),
            id_token_certs_url=e.get("DEMOFORGE_ID_TOKEN_CERTS_URL", d.id_token_certs_url),
            behind_iap=_bool(e.get("DEMOFORGE_BEHIND_IAP"), False),
        )
