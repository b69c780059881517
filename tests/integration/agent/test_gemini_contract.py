"""Contract tests: the real ``google-cloud-geminidataanalytics`` client (REST transport)
against the local fake server. Assertions are on what went over the wire: ids, request
ids, bodies (equal to the pack's agent.json), update masks, chat requests, and on how
HTTP errors are mapped for the runner."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from demoforge.adapters.gemini_agents import REQUIRED_ROLES, GeminiDataAgents
from demoforge.agent.definition import build_create_request
from demoforge.agent.types import AgentInfo
from demoforge.agent.verdict import judge
from demoforge.domain.errors import PermanentError, TransientError
from demoforge.domain.job import JobStatus, Phase, PhaseMessage
from demoforge.domain.results import WarehouseResult
from demoforge.service.runner import Runner
from demoforge.service.teardown import TEARDOWN_KEY, delete_job
from demoforge.settings import Settings
from tests.support import agent_inputs as ai
from tests.support.agent_inputs import make_env
from tests.support.fake_gda_server import FakeGDAServer, chat_messages

pytestmark = pytest.mark.integration

JOB = "job1234abcd"
AGENT = f"projects/{ai.PROJECT}/locations/global/dataAgents/demoforge-{JOB}"
CONV = f"projects/{ai.PROJECT}/locations/global/conversations/demoforge-{JOB}-test"


@pytest.fixture(scope="module")
def golden() -> list:
    return ai.golden_queries(ai.DuckWarehouse())


def _request(settings: Settings, golden: list) -> dict[str, Any]:
    return build_create_request(
        settings=settings, job_id=JOB, created_by="ce@example.com", research=ai.research(),
        notes=None, spec=ai.spec(),
        warehouse=WarehouseResult(project=ai.PROJECT, dataset=ai.DATASET, tables={"orders": 300}),
        golden=golden,
    )


def _as_agent_rows(preview: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the API would return for the golden result: own column names, numbers as
    floats (Struct has only doubles), reversed row order."""
    out = []
    for row in reversed(preview):
        out.append({f"col_{i}": float(v) if isinstance(v, int | float) else v
                    for i, v in enumerate(row.values())})
    return out


def _answering(golden: list, wrong: bool = False):
    by_q = {g.question: g for g in golden if g.status == "passed"}

    def respond(body: dict[str, Any]) -> list[dict[str, Any]]:
        q = body["messages"][-1]["userMessage"]["text"]
        g = by_q[q]
        rows = _as_agent_rows(g.preview)
        if wrong:
            rows = [{k: (v + 7.0 if isinstance(v, float) else v) for k, v in r.items()} for r in rows]
        return chat_messages(q, rows=rows, final_text=f"Here is the answer: {rows[0]}", sql=g.sql)

    return respond


# -- create / update -------------------------------------------------------------------


def test_create_sends_the_definition_with_deterministic_ids(
    gda: FakeGDAServer, cloud: GeminiDataAgents, cloud_settings: Settings, golden: list
) -> None:
    req = _request(cloud_settings, golden)
    info = cloud.ensure_agent(JOB, req)
    assert (info.name, info.action, info.mode) == (AGENT, "created", "cloud")
    [call] = gda.calls("POST", r":createSync$")
    assert call.path == f"/v1/projects/{ai.PROJECT}/locations/global/dataAgents:createSync"
    assert call.query["dataAgentId"] == f"demoforge-{JOB}"
    assert call.query["requestId"] == req["requestId"]
    assert call.body == req["dataAgent"]  # exactly the JSON the local pack writes
    ctx = call.body["dataAnalyticsAgent"]["publishedContext"]
    assert [t["tableId"] for t in ctx["datasourceReferences"]["bq"]["tableReferences"]] == [
        "customers", "products", "orders"]
    assert all(t["schema"]["fields"] for t in ctx["datasourceReferences"]["bq"]["tableReferences"])
    assert [e["naturalLanguageQuestion"] for e in ctx["exampleQueries"]] == [
        g.question for g in golden if g.status == "passed"]
    assert "Alpine Outfitters" in ctx["systemInstruction"]
    assert ctx["options"]["datasource"]["bigQueryMaxBilledBytes"] == str(
        cloud_settings.max_bytes_billed)


def test_redelivery_reuses_the_request_id_and_makes_no_second_agent(
    gda: FakeGDAServer, cloud: GeminiDataAgents, cloud_settings: Settings, golden: list
) -> None:
    req = _request(cloud_settings, golden)
    cloud.ensure_agent(JOB, req)
    cloud.ensure_agent(JOB, req)
    calls = gda.calls("POST", r":createSync$")
    assert len(calls) == 2 and calls[0].query["requestId"] == calls[1].query["requestId"]
    assert list(gda.agents) == [AGENT]
    assert gda.calls("PATCH", r":updateSync$") == []


def test_existing_agent_is_updated_with_a_field_mask(
    gda: FakeGDAServer, cloud: GeminiDataAgents, cloud_settings: Settings, golden: list
) -> None:
    cloud.ensure_agent(JOB, _request(cloud_settings, golden))
    changed = _request(cloud_settings, golden[:1])  # content re-ran: fewer examples
    info = cloud.ensure_agent(JOB, changed)
    assert info.action == "updated"
    [patch] = gda.calls("PATCH", r":updateSync$")
    assert patch.path == f"/v1/{AGENT}:updateSync"
    assert patch.query["updateMask"].split(",") == [
        "displayName", "description", "labels", "dataAnalyticsAgent.publishedContext"]
    assert patch.query["requestId"] not in (changed["requestId"], "")
    assert patch.body["dataAnalyticsAgent"] == changed["dataAgent"]["dataAnalyticsAgent"]
    stored = gda.agents[AGENT]["dataAnalyticsAgent"]["publishedContext"]
    assert len(stored["exampleQueries"]) == 1
    assert list(gda.agents) == [AGENT]


def test_conflict_that_is_not_already_exists_is_transient(
    gda: FakeGDAServer, cloud: GeminiDataAgents, cloud_settings: Settings, golden: list
) -> None:
    gda.fail("POST", r":createSync$", 409, "concurrent modification", grpc_status="ABORTED")
    with pytest.raises(TransientError):
        cloud.ensure_agent(JOB, _request(cloud_settings, golden))
    assert gda.calls("PATCH", r":updateSync$") == []


# -- error mapping ---------------------------------------------------------------------


def test_permission_denied_is_permanent_and_names_the_roles(
    gda: FakeGDAServer, cloud: GeminiDataAgents, cloud_settings: Settings, golden: list
) -> None:
    gda.fail("POST", r":createSync$", 403, "Permission 'geminidataanalytics.dataAgents.create' denied")
    with pytest.raises(PermanentError) as e:
        cloud.ensure_agent(JOB, _request(cloud_settings, golden))
    assert e.value.code == "agent_permission_denied"
    for role in REQUIRED_ROLES:
        assert role in e.value.message
    assert "dataAgents.create" in e.value.message  # the API's own words are kept


@pytest.mark.parametrize("status", [429, 503, 504, 500])
def test_quota_unavailable_and_deadline_are_transient(
    gda: FakeGDAServer, cloud: GeminiDataAgents, cloud_settings: Settings, golden: list,
    status: int,
) -> None:
    gda.fail("POST", r":createSync$", status)
    with pytest.raises(TransientError):
        cloud.ensure_agent(JOB, _request(cloud_settings, golden))
    # ...and the redelivery succeeds without creating a duplicate.
    assert cloud.ensure_agent(JOB, _request(cloud_settings, golden)).action == "created"
    assert list(gda.agents) == [AGENT]


def test_bad_request_is_permanent(
    gda: FakeGDAServer, cloud: GeminiDataAgents, cloud_settings: Settings, golden: list
) -> None:
    gda.fail("POST", r":createSync$", 400, "table reference invalid")
    with pytest.raises(PermanentError) as e:
        cloud.ensure_agent(JOB, _request(cloud_settings, golden))
    assert "table reference invalid" in e.value.message


def test_unreachable_endpoint_is_transient(cloud_settings: Settings, golden: list) -> None:
    dead = GeminiDataAgents(cloud_settings.with_(dataagents_endpoint="http://127.0.0.1:9"))
    with pytest.raises(TransientError):
        dead.ensure_agent(JOB, _request(cloud_settings, golden))


# -- chat ------------------------------------------------------------------------------


def _info() -> AgentInfo:
    return AgentInfo(name=AGENT, agent_id=f"demoforge-{JOB}", job_id=JOB, mode="cloud",
                     action="created")


def test_ask_streams_the_answer_and_data_as_floats(
    gda: FakeGDAServer, cloud: GeminiDataAgents, cloud_settings: Settings, golden: list
) -> None:
    cloud.ensure_agent(JOB, _request(cloud_settings, golden))
    gda.responder = _answering(golden)
    g = next(q for q in golden if q.question == "What is revenue by region?")
    out = cloud.ask(_info(), g.question)

    [conv] = gda.calls("POST", r"/conversations$")
    assert conv.query["conversationId"] == f"demoforge-{JOB}-test"
    assert conv.body["agents"] == [AGENT]
    assert conv.body["labels"] == {"app": "demoforge", "job_id": JOB}
    [chat] = gda.calls("POST", r":chat$")
    assert chat.body == {
        "messages": [{"userMessage": {"text": g.question}}],
        "conversationReference": {"conversation": CONV, "dataAgentContext": {
            "dataAgent": AGENT, "contextVersion": 2}},  # PUBLISHED (numeric enums on REST)
    }
    assert out.conversation == CONV
    assert out.final_text.startswith("Here is the answer")
    assert out.generated_sql == g.sql
    assert len(out.rows) == g.row_count
    assert all(isinstance(v, float) for r in out.rows for k, v in r.items() if k != "col_0")
    assert out.message_count == 8
    assert judge(out, g).verdict == "passed"

    # Asking again reuses the conversation (409 on create) instead of failing.
    cloud.ask(_info(), g.question)
    assert len(gda.conversations) == 1


def test_wrong_data_is_reported_not_hidden(
    gda: FakeGDAServer, cloud: GeminiDataAgents, cloud_settings: Settings, golden: list
) -> None:
    cloud.ensure_agent(JOB, _request(cloud_settings, golden))
    gda.responder = _answering(golden, wrong=True)
    g = next(q for q in golden if q.question == "What is revenue by region?")
    assert judge(cloud.ask(_info(), g.question), g).verdict == "data_mismatch"


def test_chat_over_budget_is_transient(
    gda: FakeGDAServer, cloud_settings: Settings, golden: list
) -> None:
    slow = GeminiDataAgents(cloud_settings.with_(agent_chat_timeout_s=0.3))
    slow.ensure_agent(JOB, _request(cloud_settings, golden))
    gda.responder = _answering(golden)
    gda.chat_delay_s = 0.15
    with pytest.raises(TransientError, match="did not finish"):
        slow.ask(_info(), "What is revenue by region?")


def test_answer_stream_cut_off_is_transient(
    gda: FakeGDAServer, cloud: GeminiDataAgents, cloud_settings: Settings, golden: list
) -> None:
    cloud.ensure_agent(JOB, _request(cloud_settings, golden))
    gda.responder = _answering(golden)
    gda.chat_cut_after = 3
    with pytest.raises(TransientError, match="cut off"):
        cloud.ask(_info(), "What is revenue by region?")


@pytest.mark.parametrize(("status", "error"), [(403, PermanentError), (429, TransientError),
                                               (503, TransientError)])
def test_chat_errors_are_mapped(
    gda: FakeGDAServer, cloud: GeminiDataAgents, cloud_settings: Settings, golden: list,
    status: int, error: type[Exception],
) -> None:
    cloud.ensure_agent(JOB, _request(cloud_settings, golden))
    gda.fail("POST", r":chat$", status)
    with pytest.raises(error):
        cloud.ask(_info(), "What is revenue by region?")


# -- delete ----------------------------------------------------------------------------


def test_delete_removes_agent_and_all_its_conversations_idempotently(
    gda: FakeGDAServer, cloud: GeminiDataAgents, cloud_settings: Settings, golden: list
) -> None:
    cloud.ensure_agent(JOB, _request(cloud_settings, golden))
    cloud.ask(_info(), "What is revenue by region?")
    parent = f"projects/{ai.PROJECT}/locations/global"
    # More than one page of conversations: 130 of this agent, 40 of another agent.
    for i in range(170):
        name = f"{parent}/conversations/c{i:03d}"
        gda.conversations[name] = {"name": name, "agents": [AGENT if i < 130 else f"{AGENT}-other"]}

    first = cloud.delete_agent(AGENT)
    assert (first.agent, first.conversations_deleted) == ("deleted", 131)
    assert AGENT not in gda.agents
    assert len(gda.conversations) == 40  # other agents' conversations are untouched
    assert len(gda.calls("GET", r"/conversations$")) == 2  # followed nextPageToken
    assert gda.calls("DELETE", r":deleteSync$")[0].path == f"/v1/{AGENT}:deleteSync"

    second = cloud.delete_agent(AGENT)
    assert (second.agent, second.conversations_deleted) == ("absent", 0)


def test_delete_with_agent_gone_but_conversation_left(
    gda: FakeGDAServer, cloud: GeminiDataAgents, cloud_settings: Settings, golden: list
) -> None:
    cloud.ensure_agent(JOB, _request(cloud_settings, golden))
    cloud.ask(_info(), "What is revenue by region?")
    del gda.agents[AGENT]
    out = cloud.delete_agent(AGENT)
    assert (out.agent, out.conversations_deleted) == ("absent", 1)
    assert gda.conversations == {}


def test_delete_permission_denied_names_roles(gda: FakeGDAServer, cloud: GeminiDataAgents) -> None:
    gda.fail("GET", r"/conversations$", 403)
    with pytest.raises(PermanentError, match="roles/geminidataanalytics.dataAgentCreator"):
        cloud.delete_agent(AGENT)


# -- the phase and teardown on the cloud adapter -----------------------------------------


def test_phase_and_teardown_on_the_cloud_adapter_match_the_local_pack(
    tmp_path: Path, gda: FakeGDAServer, cloud_settings: Settings, golden: list
) -> None:
    cloud_env = make_env(tmp_path / "cloud", agents=GeminiDataAgents(cloud_settings),
                         settings=cloud_settings.with_(home=tmp_path / "cloud"))
    local_env = make_env(tmp_path / "local", settings=cloud_settings.with_(home=tmp_path / "local",
                                                                           dataagents_endpoint=""))
    gda.responder = _answering(cloud_env.golden)
    for env in (cloud_env, local_env):
        Runner(env.deps, env.deps.body_for).handle(
            PhaseMessage(job_id=JOB, phase=Phase.AGENT), "d1")

    job = cloud_env.store.get(JOB)
    assert job is not None and job.status == JobStatus.COMPLETED, job and job.error
    res = job.results[Phase.AGENT.value]
    assert res["agent_name"] == AGENT and res["conversation_name"] == CONV
    assert res["test"]["verdict"] == "passed" and res["test"]["mode"] == "cloud"
    # The pack's agent.json is exactly the request the cloud adapter sent.
    pack = json.loads(local_env.artifacts.get(JOB, "agent.json"))
    [create] = gda.calls("POST", r":createSync$")
    assert create.body == pack["dataAgent"]
    assert create.query["dataAgentId"] == pack["dataAgentId"]
    assert create.query["requestId"] == pack["requestId"]

    for _ in range(2):  # teardown twice in a row
        deleted = delete_job(cloud_env.deps, JOB)
        assert deleted.status == JobStatus.DELETED
    assert gda.agents == {} and gda.conversations == {}
    agents = deleted.results[TEARDOWN_KEY]["agents"]
    assert agents[AGENT] == {"agent": "absent", "conversations_deleted": 0}
    assert len(gda.calls("DELETE", r":deleteSync$")) == 2
