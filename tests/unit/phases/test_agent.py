"""The agent phase with the local data agent: the pack's agent.json, the local check,
the job document, idempotency and clear errors for missing inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from demoforge.agent.types import AgentInfo
from demoforge.agent.verdict import judge
from demoforge.domain.errors import PermanentError
from demoforge.domain.job import JobStatus, Phase, PhaseMessage, PhaseStatus
from demoforge.phases import agent as agent_phase
from demoforge.service.phase import PhaseContext
from demoforge.service.runner import Runner
from tests.support import agent_inputs as ai
from tests.support.agent_inputs import AgentEnv


def _ctx(env: AgentEnv) -> PhaseContext:
    job = env.store.get(env.job.job_id)
    assert job is not None
    return PhaseContext(job=job, phase=Phase.AGENT, services=env.deps)


def _agent_json(env: AgentEnv) -> dict:
    return json.loads(env.artifacts.get(env.job.job_id, "agent.json"))


def test_pack_agent_json_carries_tables_passed_examples_company_and_kpis(env: AgentEnv) -> None:
    Runner(env.deps, env.deps.body_for).handle(
        PhaseMessage(job_id=env.job.job_id, phase=Phase.AGENT), "delivery-1")

    job = env.store.get(env.job.job_id)
    assert job is not None and job.status == JobStatus.COMPLETED, job and job.error
    req = _agent_json(env)
    ctx = req["dataAgent"]["dataAnalyticsAgent"]["publishedContext"]
    spec = ai.spec()
    assert {r["tableId"] for r in ctx["datasourceReferences"]["bq"]["tableReferences"]} == {
        t.name for t in spec.tables}
    passed = [g.question for g in env.golden if g.status == "passed"]
    assert [e["naturalLanguageQuestion"] for e in ctx["exampleQueries"]] == passed
    si = ctx["systemInstruction"]
    assert "Alpine Outfitters" in si
    for kpi in [*spec.kpis, *ai.research().kpis]:
        assert kpi in si
    # The job document records the agent and the test verdict (and stays small).
    res = job.results[Phase.AGENT.value]
    assert res["agent_name"] == f"projects/{ai.PROJECT}/locations/global/dataAgents/demoforge-job1234abcd"
    assert res["test"]["verdict"] == "passed", res["test"]
    assert res["test"]["mode"] == "local_check"
    assert res["test"]["data_match"] == "match"
    assert job.phase(Phase.AGENT).summary["test_verdict"] == "passed"
    assert len(json.dumps(job.to_json())) < 20_000


def test_local_check_runs_the_golden_sql_on_the_warehouse(env: AgentEnv) -> None:
    out = agent_phase.run(_ctx(env))
    q = out.result["test"]["question"]
    sql = next(e["sqlQuery"] for e in _agent_json(env)["dataAgent"]["dataAnalyticsAgent"][
        "publishedContext"]["exampleQueries"] if e["naturalLanguageQuestion"] == q)
    assert sql in env.warehouse.queries  # answered by executing the example's SQL
    assert out.result["test"]["answer_excerpt"].startswith("Local check")
    # The simplest passed golden question with a complete result was used.
    assert q == "How many customers do we have?"


def test_date_coverage_reaches_the_instruction(env: AgentEnv) -> None:
    agent_phase.run(_ctx(env))
    si = _agent_json(env)["dataAgent"]["dataAnalyticsAgent"]["publishedContext"]["systemInstruction"]
    row = env.warehouse.con.execute("SELECT MIN(order_ts), MAX(order_ts) FROM orders").fetchone()
    assert row is not None
    lo, hi = row
    assert f"orders.order_ts: {str(lo)[:19]} to {str(hi)[:19]}" in si
    # The biggest table's dates come first: they are the events people ask about.
    assert si.index("- orders.order_ts:") < si.index("- customers.signup_date:")


def test_rerun_writes_the_identical_agent_json_and_result(env: AgentEnv) -> None:
    first = agent_phase.run(_ctx(env))
    a = env.artifacts.get(env.job.job_id, "agent.json")
    second = agent_phase.run(_ctx(env))
    assert env.artifacts.get(env.job.job_id, "agent.json") == a
    assert first.result == second.result  # no timings or other run-dependent values
    assert "test_seconds" in first.summary


def test_answered_research_notes_are_used_not_rejected(env: AgentEnv) -> None:
    def tx(job):
        job.results[Phase.RESEARCH.value]["notes"] = "Focus on refunds."
        return job, None
    env.store.transact(env.job.job_id, tx)
    agent_phase.run(_ctx(env))
    assert "Focus on refunds." in _agent_json(env)["dataAgent"]["dataAnalyticsAgent"][
        "publishedContext"]["systemInstruction"]


def test_no_passed_golden_query_still_defines_the_agent_and_skips_the_test(env: AgentEnv) -> None:
    failed = [g.model_copy(update={"status": "failed"}) for g in env.golden]
    env.artifacts.put(env.job.job_id, "golden_queries.json", ai.golden_json(failed))
    out = agent_phase.run(_ctx(env))
    assert out.result["test"]["verdict"] == "skipped"
    assert "exampleQueries" not in _agent_json(env)["dataAgent"]["dataAnalyticsAgent"]["publishedContext"]


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        ("spec", "spec.json of job job1234abcd is missing; the modeling phase"),
        ("golden", "golden_queries.json of job job1234abcd is missing; the content phase"),
        ("golden_bad", "golden_queries.json of job job1234abcd is invalid"),
        ("warehouse", "the warehouse phase must run first"),
        ("research", "research result of job job1234abcd is missing or invalid"),
    ],
)
def test_missing_inputs_fail_permanently_with_a_clear_message(
    env: AgentEnv, tmp_path: Path, breakage: str, message: str
) -> None:
    workdir = env.artifacts.workdir(env.job.job_id)
    if breakage == "spec":
        (workdir / "spec.json").unlink()
    elif breakage == "golden":
        (workdir / "golden_queries.json").unlink()
    elif breakage == "golden_bad":
        env.artifacts.put(env.job.job_id, "golden_queries.json", b'[{"sql": 1}]')
    else:
        key = Phase.WAREHOUSE.value if breakage == "warehouse" else Phase.RESEARCH.value

        def tx(job):
            job.results[key] = {}
            return job, None
        env.store.transact(env.job.job_id, tx)
    with pytest.raises(PermanentError) as e:
        agent_phase.run(_ctx(env))
    assert message in e.value.message
    assert "agent.json" not in env.artifacts.list(env.job.job_id)


def test_failed_phase_marks_the_job_failed_with_the_message(env: AgentEnv) -> None:
    (env.artifacts.workdir(env.job.job_id) / "spec.json").unlink()
    Runner(env.deps, env.deps.body_for).handle(
        PhaseMessage(job_id=env.job.job_id, phase=Phase.AGENT), "delivery-1")
    job = env.store.get(env.job.job_id)
    assert job is not None and job.status == JobStatus.FAILED
    assert job.phase(Phase.AGENT).status == PhaseStatus.FAILED
    assert job.error is not None and "spec.json" in job.error.message


def test_local_check_reports_a_broken_or_missing_example_as_an_error(env: AgentEnv) -> None:
    agent_phase.run(_ctx(env))
    req = _agent_json(env)
    ex = req["dataAgent"]["dataAnalyticsAgent"]["publishedContext"]["exampleQueries"][0]
    ex["sqlQuery"] = "SELECT missing_column FROM `demoforge-local.demo_alpine_test1234.orders`"
    env.artifacts.put(env.job.job_id, "agent.json", json.dumps(req).encode())
    agents = env.deps.agents
    info = AgentInfo(name="n", agent_id="a", job_id=env.job.job_id, mode="local", action="written")
    golden = next(g for g in env.golden if g.question == ex["naturalLanguageQuestion"])
    broken = agents.ask(info, ex["naturalLanguageQuestion"])
    assert broken.errors and "example query failed" in broken.errors[0]
    assert judge(broken, golden).verdict == "error"
    missing = agents.ask(info, "A question nobody wrote an example for")
    assert missing.errors == ["local check: no example query matches this question"]
