"""The agent definition: deterministic ids, the CreateDataAgentRequest body, the system
instruction and how golden SQL is qualified for the agent."""

from __future__ import annotations

import json
import random
import string
import uuid

import pytest
import sqlglot
from sqlglot import exp

from demoforge.agent import instructions
from demoforge.agent.definition import (
    AGENT_ID_RE,
    agent_id_for,
    build_create_request,
    conversation_id_for,
    qualify_sql,
    request_id_for,
)
from demoforge.agent.types import DateCoverage
from demoforge.domain.results import WarehouseResult
from demoforge.settings import Settings
from tests.support import agent_inputs as ai

WH = WarehouseResult(project=ai.PROJECT, dataset=ai.DATASET,
                   tables={"customers": 40, "products": 4, "orders": 300})


@pytest.fixture(scope="module")
def golden() -> list:
    return ai.golden_queries(ai.DuckWarehouse())


def _request(golden: list, settings: Settings | None = None, **kw: object) -> dict:
    args: dict = dict(
        settings=settings or Settings(project="proj-x", agent_location="global"),
        job_id="job1234abcd", created_by="ce@example.com", research=ai.research(), notes=None,
        spec=ai.spec(), warehouse=WH, golden=golden,
    )
    args.update(kw)
    return build_create_request(**args)


def test_agent_ids_fit_the_api_pattern_and_stay_distinct() -> None:
    rnd = random.Random(3)
    alphabet = string.ascii_letters + string.digits + "_-"
    ids = {"a", "A", "_", "-x-", "job_1", "JOB_1", "job-1", "0" * 64, uuid.uuid4().hex[:20]}
    ids |= {"".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 64))) for _ in range(300)}
    seen: dict[str, str] = {}
    for job_id in ids:
        aid = agent_id_for(job_id)
        assert AGENT_ID_RE.match(aid), (job_id, aid)
        assert AGENT_ID_RE.match(conversation_id_for(aid)), aid
        assert agent_id_for(job_id) == aid  # deterministic
        assert aid not in seen, f"{job_id!r} and {seen.get(aid)!r} collide on {aid}"
        seen[aid] = job_id
    # A well-formed job id stays readable in the console.
    assert agent_id_for("0a1b2c3d4e5f60718293") == "demoforge-0a1b2c3d4e5f60718293"


def test_request_ids_are_uuids_stable_for_same_content_and_new_for_changes() -> None:
    a = request_id_for("j1", "create", {"x": 1, "y": [1, 2]})
    assert uuid.UUID(a)
    assert a == request_id_for("j1", "create", {"y": [1, 2], "x": 1})
    assert a != request_id_for("j1", "create", {"x": 2, "y": [1, 2]})
    assert a != request_id_for("j2", "create", {"x": 1, "y": [1, 2]})
    assert a != request_id_for("j1", "update", {"x": 1, "y": [1, 2]})


def test_request_carries_every_table_with_schema_descriptions(golden: list) -> None:
    req = _request(golden)
    assert req["parent"] == "projects/proj-x/locations/global"
    assert req["dataAgentId"] == "demoforge-job1234abcd"
    ctx = req["dataAgent"]["dataAnalyticsAgent"]["publishedContext"]
    refs = ctx["datasourceReferences"]["bq"]["tableReferences"]
    spec = ai.spec()
    assert [r["tableId"] for r in refs] == [t.name for t in spec.tables]
    for ref, table in zip(refs, spec.tables, strict=True):
        assert (ref["projectId"], ref["datasetId"]) == (ai.PROJECT, ai.DATASET)
        assert ref["schema"]["description"].startswith(table.description)
        assert table.grain in ref["schema"]["description"]
        assert [(f["name"], f["type"], f["description"]) for f in ref["schema"]["fields"]] == [
            (c.name, c.type, c.description) for c in table.columns
        ]


def test_only_passed_golden_queries_become_examples_fully_qualified(golden: list) -> None:
    ctx = _request(golden)["dataAgent"]["dataAnalyticsAgent"]["publishedContext"]
    examples = ctx["exampleQueries"]
    passed = [g for g in golden if g.status == "passed"]
    assert len(passed) < len(golden)  # the fixture does include failed/dropped ones
    assert [e["naturalLanguageQuestion"] for e in examples] == [g.question for g in passed]
    for e in examples:
        assert "{dataset}" not in e["sqlQuery"]
        assert ai.DATASET in e["sqlQuery"]


def test_foreign_keys_become_schema_relationships(golden: list) -> None:
    ctx = _request(golden)["dataAgent"]["dataAnalyticsAgent"]["publishedContext"]
    fqn = f"bigquery.googleapis.com/projects/{ai.PROJECT}/datasets/{ai.DATASET}/tables/"
    got = [(r["leftSchemaPaths"]["tableFqn"].removeprefix(fqn), r["leftSchemaPaths"]["paths"],
            r["rightSchemaPaths"]["tableFqn"].removeprefix(fqn), r["rightSchemaPaths"]["paths"])
           for r in ctx["schemaRelationships"]]
    want = [(t.name, [fk.column], fk.references_table, [fk.references_column])
            for t in ai.spec().tables for fk in t.foreign_keys]
    assert got == want and len(want) == 2


def test_glossary_and_options_follow_spec_and_settings(golden: list) -> None:
    off = _request(golden, Settings(project="p", max_bytes_billed=123_456))
    ctx = off["dataAgent"]["dataAnalyticsAgent"]["publishedContext"]
    assert ctx["options"] == {"datasource": {"bigQueryMaxBilledBytes": "123456"}}
    assert ctx["glossaryTerms"][0] == {
        "displayName": "Revenue", "description": "SUM(orders.order_value) of completed orders.",
        "labels": ["sales", "turnover"],
    }
    assert "labels" not in ctx["glossaryTerms"][1]  # no synonyms: proto3 default left out
    on = _request(golden, Settings(project="p", agent_python_analysis=True))
    assert on["dataAgent"]["dataAnalyticsAgent"]["publishedContext"]["options"]["analysis"] == {
        "python": {"enabled": True}}
    # Labels are valid GCP label values.
    assert off["dataAgent"]["labels"] == {
        "app": "demoforge", "job_id": "job1234abcd", "created_by": "ce-example-com"}


def test_same_inputs_same_request_changed_inputs_new_request_id(golden: list) -> None:
    a, b = _request(golden), _request(golden)
    assert json.dumps(a) == json.dumps(b)
    c = _request(golden[:2])
    assert c["requestId"] != a["requestId"]
    assert c["dataAgentId"] == a["dataAgentId"]


def test_system_instruction_names_company_kpis_grain_joins_and_time(golden: list) -> None:
    cov = [DateCoverage(table="orders", column="order_ts", min="2024-01-01 00:00:00",
                        max="2024-12-30 23:00:00")]
    req = _request(golden, coverage=cov, notes="They care most about the North region.")
    si = req["dataAgent"]["dataAnalyticsAgent"]["publishedContext"]["systemInstruction"]
    assert "Alpine Outfitters" in si
    kpis = si.split("## KPIs and how to compute them\n")[1].split("\n\n")[0].splitlines()
    assert [k.split(":")[0] for k in kpis] == [
        "- Revenue", "- Average order value", "- Refund rate", "- Customer lifetime value"]
    # Revenue's formula comes from the glossary plus the verified example that uses it;
    # AOV (no glossary term) is tied to the order value column.
    assert kpis[0] == ('- Revenue: SUM(orders.order_value) of completed orders; '
                       'as in the example query "What is revenue by region?"')
    assert kpis[1] == "- Average order value: compute from orders.order_value"
    assert kpis[2].startswith("- Refund rate: refunded orders / all orders; as in the example")
    assert "grain: one row per order" in si and "rows: 300" in si
    assert "orders.customer_id = customers.customer_id (many-to-one)" in si
    assert "2024-01-01 00:00:00 to 2024-12-30 23:00:00" in si
    assert "NOT to today's date" in si
    assert "North region" in si
    assert "clarifying question" in si


def test_oversized_instruction_keeps_answering_rules(golden: list) -> None:
    spec = ai.spec().model_copy(deep=True)
    spec.description = "x " * 40_000
    si = instructions.build_system_instruction(
        research=ai.research(), notes=None, spec=spec, project="p", dataset="d",
        rows={}, golden=golden)
    assert len(si) <= instructions.MAX_CHARS
    assert si.rstrip().endswith(instructions.text.WHEN_TO_ASK.rstrip())


def _tables(sql: str) -> list[tuple[str, str, str]]:
    tree = sqlglot.parse_one(sql, read="bigquery")
    return [(t.catalog, t.db, t.name) for t in tree.find_all(exp.Table)]


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM `{project}.{dataset}.orders`",
        "SELECT * FROM `{dataset}.orders`",
        "SELECT * FROM {dataset}.orders",
        "SELECT * FROM d.orders",
        "SELECT * FROM orders",
    ],
)
def test_qualify_sql_completes_placeholders_and_partial_names(sql: str) -> None:
    assert _tables(qualify_sql(sql, ai.spec(), "p-1", "d")) == [("p-1", "d", "orders")]


@pytest.mark.parametrize(
    "sql", ["SELECT * FROM `p-1.d.orders`", "SELECT * FROM other.orders", "SELECT * FROM nope"]
)
def test_qualify_sql_leaves_qualified_or_foreign_sql_untouched(sql: str) -> None:
    assert qualify_sql(sql, ai.spec(), "p-1", "d") == sql


def test_qualify_sql_qualifies_bare_tables_but_not_ctes() -> None:
    sql = ("WITH done AS (SELECT * FROM orders WHERE status = 'completed') "
           "SELECT COUNT(*) FROM done JOIN customers USING (customer_id)")
    out = qualify_sql(sql, ai.spec(), "p-1", "d")
    assert "FROM `p-1`.d.orders" in out
    assert "JOIN `p-1`.d.customers" in out
    assert "FROM done" in out  # the CTE reference stays a CTE reference


def test_kpi_matching_uses_word_stems_and_ignores_a_single_generic_word(golden: list) -> None:
    research = ai.research().model_copy(update={"kpis": ["Customer churn", "Customer happiness"]})
    spec = ai.spec().model_copy(deep=True)
    spec.glossary.append(spec.glossary[0].model_copy(
        update={"term": "Churned", "definition": "A customer with no order in 180 days.",
                "synonyms": []}))
    si = instructions.build_system_instruction(
        research=research, notes=None, spec=spec, project="p", dataset="d", rows={}, golden=[])
    kpis = si.split("## KPIs and how to compute them\n")[1].split("\n\n")[0].splitlines()
    assert "- Customer churn: A customer with no order in 180 days" in kpis
    # "customer" alone links no column (customer_id is a key, nothing else matches twice):
    # the agent is told the data cannot compute it, never to improvise a formula.
    assert "- Customer happiness: not computable from this data; say so if asked" in kpis
    assert "derive" not in si
