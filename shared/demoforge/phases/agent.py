"""Agent phase: create (or update) the job's data agent and test it before handoff.

Reads research (who the company is), ``spec.json`` (tables, glossary, KPIs), the
warehouse result (where the tables are, row counts) and ``golden_queries.json`` (only
``passed`` queries become example queries). Builds one definition
(``demoforge.agent.definition``), hands it to the ``DataAgents`` adapter, then asks the
agent one golden question and judges the answer against the golden result. The verdict
is recorded, not enforced: a shaky answer is something the CE should know before the
demo, not a reason to throw the whole demo away.
"""

from __future__ import annotations

from demoforge.agent.definition import agent_name_for, build_create_request, passed_only
from demoforge.agent.types import DateCoverage
from demoforge.agent.verdict import AgentTest, judge, pick_test_query, skipped
from demoforge.domain.errors import DemoforgeError
from demoforge.domain.job import EventLevel, JobDoc
from demoforge.domain.results import AgentResult, ResearchResult, WarehouseResult
from demoforge.language import choose_language
from demoforge.phases import inputs
from demoforge.service.phase import PhaseContext, PhaseOutput
from demoforge.service.ports import DatasetRef
from demoforge.service.services import Services
from demoforge.spec.model import DatasetSpec

MAX_COVERAGE_COLUMNS = 3


def _coverage(ctx: PhaseContext, spec: DatasetSpec, wh: WarehouseResult) -> list[DateCoverage]:
    """Min/max of the main date columns, so the agent anchors "last month" in the data
    rather than in today's calendar (synthetic data may end before today)."""
    ref = DatasetRef(project=wh.project, dataset=wh.dataset, job_id=ctx.job_id)
    # The biggest tables first: they are the facts, and their dates are the business
    # events people ask about ("last month's orders"); one column per table.
    tables = sorted(spec.tables, key=lambda t: (-wh.tables.get(t.name, 0), spec.tables.index(t)))
    cols: list[tuple[str, str]] = []
    for t in tables:
        first = next((c.name for c in t.columns if c.type in ("DATE", "TIMESTAMP")), None)
        if first is not None:
            cols.append((t.name, first))
    out: list[DateCoverage] = []
    for table, col in cols[:MAX_COVERAGE_COLUMNS]:
        sql = (f"SELECT MIN(`{col}`) AS min_value, MAX(`{col}`) AS max_value "
               f"FROM `{wh.project}.{wh.dataset}.{table}`")
        try:
            rows = ctx.services.warehouse.query(ref, sql, max_bytes_billed=ctx.settings.max_bytes_billed)
        except DemoforgeError as e:
            # Optional context: the agent works without it, so note it and go on.
            ctx.log(f"could not read the date range of {table}.{col}: {e.message}",
                    EventLevel.WARNING)
            continue
        if rows and rows[0].get("min_value") is not None:
            lo, hi = rows[0]["min_value"], rows[0]["max_value"]
            out.append(DateCoverage(table=table, column=col, min=str(lo)[:19], max=str(hi)[:19]))
    return out


def run(ctx: PhaseContext) -> PhaseOutput:
    research = ctx.result(ResearchResult)
    spec = inputs.load_spec(ctx)
    wh = ctx.result(WarehouseResult)
    golden = inputs.load_golden(ctx)
    passed = passed_only(golden)
    if len(passed) < len(golden):
        ctx.log(f"{len(golden) - len(passed)} golden queries not passed are left out of the agent",
                passed=len(passed), total=len(golden))
    missing = [t.name for t in spec.tables if wh.tables and t.name not in wh.tables]
    if missing:
        ctx.log(f"tables without a load count from the warehouse phase: {', '.join(missing)}",
                EventLevel.WARNING)

    asked_for = choose_language(getattr(ctx.job.options, "language", None), research.language)
    request = build_create_request(
        settings=ctx.settings, job_id=ctx.job_id, created_by=ctx.job.created_by,
        research=research, notes=research.notes, spec=spec, warehouse=wh, golden=passed,
        coverage=_coverage(ctx, spec, wh),
        # Offline texts exist for a few languages; any other is asked for by name in English.
        language=asked_for,
    )
    info = ctx.services.agents.ensure_agent(ctx.job_id, request)
    context = request["dataAgent"]["dataAnalyticsAgent"]["publishedContext"]
    ctx.log(f"data agent {info.action}: {info.name}", agent=info.name,
            tables=len(context["datasourceReferences"]["bq"]["tableReferences"]),
            example_queries=len(context.get("exampleQueries", [])))

    test: AgentTest
    q = pick_test_query(passed)
    if q is None:
        test = skipped("no passed golden query with a result to test the agent with")
    else:
        outcome = ctx.services.agents.ask(info, q.question)
        test = judge(outcome, q)
    level = EventLevel.INFO if test.verdict == "passed" else EventLevel.WARNING
    ctx.log(f"agent test ({test.mode}): {test.verdict}: {test.question or test.detail}", level,
            detail=test.detail, seconds=test.seconds)

    n_examples = len(context.get("exampleQueries", []))
    summary = {
        "agent": info.name,
        "agent_action": info.action,
        "mode": info.mode,
        "conversation": test.conversation,
        "test_verdict": test.verdict,
        "test_mode": test.mode,
        "test_seconds": test.seconds,
        "example_queries": n_examples,
        "tables": len(spec.tables),
    }
    result = AgentResult(
        agent_name=info.name,
        agent_id=info.agent_id,
        mode=info.mode,
        conversation_name=test.conversation,
        example_queries=n_examples,
        # Timing stays out of the result: results are identical for identical inputs, so
        # a redelivered or retried phase leaves the same job document (summary has it).
        test=test.model_dump(mode="json", exclude={"seconds"}),
    )
    return PhaseOutput(summary=summary, result=result.model_dump(mode="json"))


def remove_outputs(services: Services, job: JobDoc) -> dict[str, dict[str, object]]:
    """After a deletion: the agent (and its test conversation) this phase may have created
    after the teardown removed it."""
    name = agent_name_for(services.settings, job.job_id)
    return {"agents": {name: services.agents.delete_agent(name).model_dump(mode="json")}}
