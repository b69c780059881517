"""The Anthropic key read from Secret Manager at run time, with the real
``google-cloud-secret-manager`` client (REST transport) against a local server speaking the
service's wire format, and the real ``anthropic`` SDK against ``FakeAnthropic``.

What a first deploy relies on: no version -> the offline path with a clear event on the job;
a version added later reaches a warm instance (same ``Container``) with no restart; a rotated key
is picked up on the 401 of the old one; a revoked key with no replacement fails clearly.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from google.auth.credentials import AnonymousCredentials
from google.cloud import secretmanager_v1

from demoforge.adapters.anthropic_llm import AnthropicLLM
from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.adapters.secret_manager import SecretManagerSecret
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.bootstrap import Container
from demoforge.domain.errors import LLMUnavailable, PermanentError, TransientError
from demoforge.domain.job import JobDoc, Phase
from demoforge.phases import research
from demoforge.service.phase import PhaseContext
from demoforge.settings import Settings
from tests.integration.deploy.secret_manager_server import SecretManagerServer
from tests.support.fake_anthropic import FakeAnthropic
from tests.support.fake_fetcher import FakeFetcher, page

pytestmark = pytest.mark.integration

SECRET = "projects/demo-project/secrets/demoforge-anthropic-api-key"
URL = "https://www.example-shop.de/"
SHOP = page("Example Shop", "<p>Online-Shop: in den Warenkorb, versandkostenfrei ab 50 €, "
            "Zahlungsarten PayPal und Klarna, Preis 19,99 € inkl. MwSt zzgl. Versand.</p>", lang="de")
CLAUDE_ANSWER = {
    "company_name": "Example Shop GmbH", "industry": "retail_ecommerce", "business_model": "B2C",
    "confidence": 0.92, "language": "de", "products_services": ["Wein"],
    "evidence": [{"quote": "versandkostenfrei ab 50 €", "source_url": URL}], "alternatives": [],
}
SCHEMA = {"type": "object", "properties": {"x": {"type": "integer"}}, "required": ["x"]}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def server() -> Iterator[SecretManagerServer]:
    with SecretManagerServer() as srv:
        srv.create_secret(SECRET)
        yield srv


@pytest.fixture
def fake() -> Iterator[FakeAnthropic]:
    with FakeAnthropic() as f:
        yield f


def sent_key(headers: dict[str, str]) -> str | None:
    """The key a request carried (SDK versions differ on the header)."""
    auth = headers.get("authorization", "")
    return headers.get("x-api-key") or (auth[7:] if auth.startswith("Bearer ") else None)


def add_version(server: SecretManagerServer, value: str) -> str:
    """What `gcloud secrets versions add` does, through the real client."""
    client = secretmanager_v1.SecretManagerServiceClient(
        credentials=AnonymousCredentials(), transport="rest",
        client_options={"api_endpoint": server.endpoint})
    return client.add_secret_version(
        parent=SECRET, payload=secretmanager_v1.SecretPayload(data=value.encode())).name


def settings(server: SecretManagerServer, **over: object) -> Settings:
    return Settings().with_(
        project="demo-project", anthropic_secret=SECRET, secretmanager_endpoint=server.endpoint,
        secret_ttl_s=300,
    ).with_(**over)


# ------------------------------------------------------------- the adapter on its own


def test_reads_latest_caches_for_the_ttl_then_sees_a_new_version(server: SecretManagerServer) -> None:
    clock = Clock()
    add_version(server, "sk-one\n")  # a trailing newline, as `echo key | gcloud ...` leaves
    secret = SecretManagerSecret(settings(server), clock=clock)
    assert secret.current() == "sk-one"
    assert add_version(server, "sk-two").endswith("/versions/2")
    clock.now += 299
    assert secret.current() == "sk-one" and server.accesses[SECRET] == 1  # still cached
    clock.now += 2
    assert secret.current() == "sk-two" and server.accesses[SECRET] == 2
    assert secret.refresh() == "sk-two" and server.accesses[SECRET] == 3  # bypasses the cache


def test_no_version_is_none_cached_like_a_value(server: SecretManagerServer) -> None:
    clock = Clock()
    secret = SecretManagerSecret(settings(server), clock=clock)
    assert secret.current() is None
    assert secret.current() is None and server.accesses[SECRET] == 1
    add_version(server, "sk-late")
    clock.now += 301
    assert secret.current() == "sk-late"


def test_a_disabled_newest_version_is_none(server: SecretManagerServer) -> None:
    add_version(server, "sk-one")
    client = secretmanager_v1.SecretManagerServiceClient(
        credentials=AnonymousCredentials(), transport="rest",
        client_options={"api_endpoint": server.endpoint})
    client.disable_secret_version(name=f"{SECRET}/versions/1")
    assert SecretManagerSecret(settings(server)).current() is None  # FAILED_PRECONDITION


def test_permission_denied_names_the_role_to_grant(server: SecretManagerServer) -> None:
    server.fail_next(403)
    with pytest.raises(PermanentError, match="roles/secretmanager.secretAccessor") as ei:
        SecretManagerSecret(settings(server)).current()
    assert ei.value.code == "secret_forbidden"


def test_an_outage_keeps_the_last_good_key_else_is_transient(server: SecretManagerServer) -> None:
    clock = Clock()
    add_version(server, "sk-one")
    secret = SecretManagerSecret(settings(server), clock=clock, timeout_s=1.0)
    assert secret.current() == "sk-one"
    server.fail_next(503, times=1000)
    clock.now += 301
    assert secret.current() == "sk-one"  # stale beats no Claude during a blip
    with pytest.raises(TransientError, match="Secret Manager"):
        secret.refresh()  # a rejected key must not be served again from the cache
    fresh = SecretManagerSecret(settings(server), timeout_s=1.0)
    with pytest.raises(TransientError):
        fresh.current()  # nothing cached: redeliver later
    server.clear_faults()
    assert fresh.current() == "sk-one"


def test_refuses_a_pinned_version_name() -> None:
    with pytest.raises(ValueError, match="versions/latest"):
        SecretManagerSecret(Settings(), f"{SECRET}/versions/3")


# ------------------------------------------------ through Container and the research phase


def run_research(deps: Container, job_id: str) -> tuple[str, list[str]]:
    job = JobDoc(job_id=job_id, customer_url=URL)
    deps.store.create(job)
    out = research.run(PhaseContext(job=job, phase=Phase.RESEARCH, services=deps))
    events, _ = deps.store.events(job_id)
    return str(out.summary["source"]), [e.message for e in events]


def test_no_version_runs_offline_with_a_clear_event_then_a_warm_instance_uses_claude(
    server: SecretManagerServer, fake: FakeAnthropic, tmp_path: Path,
) -> None:
    s = settings(server, home=tmp_path, anthropic_base_url=fake.base_url,
                 anthropic_model="claude-test", secret_ttl_s=0, llm_max_retries=0)
    # One Container = one warm instance: built once, reused for both deliveries.
    deps = Container(s, store=SQLiteJobStore(tmp_path / "jobs.sqlite"),
                artifacts=LocalArtifactStore(tmp_path), fetcher=FakeFetcher({URL: SHOP}))

    source, messages = run_research(deps, "job-before")
    assert source == "offline"
    off = [m for m in messages if m.startswith("Claude is off")]
    assert off == [
        "Claude is off: no enabled version of secret demoforge-anthropic-api-key; add one "
        "(gcloud secrets versions add demoforge-anthropic-api-key --data-file=-) to enable it, "
        "no redeploy needed. Using the offline path."
    ]
    assert fake.requests == []

    add_version(server, "sk-live")
    fake.enqueue_tool_use(CLAUDE_ANSWER)
    source, messages = run_research(deps, "job-after")
    assert source == "claude"
    assert not any(m.startswith("Claude is off") for m in messages)
    assert sent_key(fake.headers[0]) == "sk-live"


def test_the_env_key_overrides_the_secret(server: SecretManagerServer, fake: FakeAnthropic,
                                          tmp_path: Path) -> None:
    s = settings(server, home=tmp_path, anthropic_api_key="sk-env", anthropic_base_url=fake.base_url)
    deps = Container(s)
    assert deps.llm_key is None and deps.llm is not None and deps.llm_off_reason is None
    assert server.accesses[SECRET] == 0  # the secret is never read


# ------------------------------------------------------------------ key rotation (401)


def _call(llm: AnthropicLLM) -> dict[str, object]:
    return llm.structured(system="s", messages=[{"role": "user", "content": "hi"}],
                          tool_name="record", schema=SCHEMA, max_tokens=64)


def test_a_rejected_key_is_read_again_once_and_the_new_version_used(
    server: SecretManagerServer, fake: FakeAnthropic,
) -> None:
    add_version(server, "sk-old")
    s = settings(server, anthropic_base_url=fake.base_url, llm_max_retries=0)
    secret = SecretManagerSecret(s)
    llm = AnthropicLLM(s, key=secret)
    fake.enqueue_tool_use({"x": 1})
    assert _call(llm) == {"x": 1}

    add_version(server, "sk-new")  # rotated; the instance still caches sk-old (TTL 300 s)
    fake.enqueue_error(401, "authentication_error", "invalid x-api-key")
    fake.enqueue_tool_use({"x": 2})
    assert _call(llm) == {"x": 2}
    assert [sent_key(h) for h in fake.headers] == ["sk-old", "sk-old", "sk-new"]
    fake.enqueue_tool_use({"x": 3})
    assert _call(llm) == {"x": 3} and sent_key(fake.headers[-1]) == "sk-new"


def test_a_rejected_key_without_a_replacement_fails_clearly(
    server: SecretManagerServer, fake: FakeAnthropic,
) -> None:
    add_version(server, "sk-revoked")
    s = settings(server, anthropic_base_url=fake.base_url, llm_max_retries=0)
    llm = AnthropicLLM(s, key=SecretManagerSecret(s))
    fake.enqueue_error(401, "authentication_error", "invalid x-api-key")
    with pytest.raises(PermanentError, match="add a valid one") as ei:
        _call(llm)
    assert ei.value.code == "llm_auth" and len(fake.requests) == 1


def test_a_version_disabled_mid_phase_turns_claude_off_not_a_crash(
    server: SecretManagerServer, fake: FakeAnthropic,
) -> None:
    add_version(server, "sk-old")
    s = settings(server, anthropic_base_url=fake.base_url, llm_max_retries=0)
    llm = AnthropicLLM(s, key=SecretManagerSecret(s))
    client = secretmanager_v1.SecretManagerServiceClient(
        credentials=AnonymousCredentials(), transport="rest",
        client_options={"api_endpoint": server.endpoint})
    client.disable_secret_version(name=f"{SECRET}/versions/1")
    fake.enqueue_error(401, "authentication_error", "invalid x-api-key")
    with pytest.raises(LLMUnavailable, match="Claude is off"):
        _call(llm)  # phases catch LLMUnavailable and take their offline path
