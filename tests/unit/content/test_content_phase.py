"""Content phase on DuckDB: executed golden queries, repair/drop, script, Q&A and report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from demoforge.domain.errors import LLMUnavailable, PermanentError
from demoforge.domain.job import Phase
from demoforge.domain.results import GoldenQuery
from demoforge.spec.model import DatasetSpec
from tests.support.demo_dataset import FakeSynthEngine, local_deps, make_spec, new_job, run_phase
from tests.support.fake_llm import FakeLLM

JOB = "c0ffee00-aaaa-bbbb-cccc-ddddeeeeffff"
DATASET = "demo_summit_trail_outfitters_c0ffee00"


def _prepare(tmp: Path, spec: DatasetSpec, llm: Any = None):
    deps = local_deps(tmp, llm=llm, synth=FakeSynthEngine())
    new_job(deps, JOB, spec)
    run_phase(deps, JOB, Phase.WAREHOUSE)
    return deps


def _golden(deps) -> list[GoldenQuery]:
    raw = json.loads(deps.artifacts.get(JOB, "golden_queries.json"))
    return [GoldenQuery.model_validate(q) for q in raw]


def test_all_golden_queries_pass_and_artifacts_are_written(tmp_path) -> None:
    spec = make_spec(orders=600)
    deps = _prepare(tmp_path, spec)
    out = run_phase(deps, JOB, Phase.CONTENT)
    assert out.result["passed"] == len(spec.golden_queries) >= 12 and out.result["dropped"] == 0
    assert out.result["golden_artifact"] == "golden_queries.json" and out.result["report"] == "index.html"
    golden = _golden(deps)
    assert len(golden) >= 12 and all(q.status == "passed" and q.row_count > 0 for q in golden)
    ranks = ["simple", "medium", "hard", "expert"]
    assert [ranks.index(q.difficulty) for q in golden] == sorted(ranks.index(q.difficulty) for q in golden)
    for q in golden:
        assert f"`demo-proj`.{DATASET}." in q.sql or f"demo-proj.{DATASET}." in q.sql  # qualified BigQuery SQL
        assert "EXTRACT(DAYOFWEEK" in q.sql or "DAYOFWEEK" not in q.sql.upper()  # never the DuckDB text
        assert 0 < len(q.preview) <= 20 and q.answer
        json.dumps(q.preview)
    by_q = {q.question: q for q in golden}
    # the answers come from the data: the planted stories are what the queries found
    assert by_q["Which region brings in the most revenue?"].answer.startswith("North-East comes first")
    assert by_q["Which product has the highest return rate?"].answer.startswith("Headlamp comes first")
    assert by_q["How many orders have been placed?"].answer == "Orders: 600."
    months = by_q["What is the revenue by month?"]
    assert months.row_count > 20 and len(months.preview) == 20
    # script, Q&A and report
    art = deps.artifacts.workdir(JOB)
    script = (art / "demo_script.md").read_text()
    steps = [line for line in script.splitlines() if line.startswith("### ")]
    assert 5 <= len(steps) <= 7
    # the company name is shown as written, never as HTML (escaped in Markdown too)
    assert "Summit &amp; Trail &lt;Outfitters&gt;" in script and "<Outfitters>" not in script
    assert "## Objection handling" in script and "## Close" in script
    assert by_q["Which region brings in the most revenue?"].answer in script
    qa = json.loads((art / "sample_qa.json").read_text())
    assert 5 <= len(qa) <= 8 and all(item["answer"] == by_q[item["question"]].answer for item in qa)
    html = (art / "index.html").read_text()
    assert html.count('class="chart"') == 3 and 'id="er-diagram"' in html
    assert "Summit &amp; Trail &lt;Outfitters&gt;" in html and "<Outfitters>" not in html
    job = deps.store.get(JOB)
    assert job.results["content"]["passed"] == len(golden)


def _broken_spec() -> DatasetSpec:
    raw = make_spec(orders=300).model_dump()
    raw["golden_queries"][0]["sql"] = "SELECT COUNT(*) AS n FROM ordres"  # typo: no such table
    raw["golden_queries"].append({"question": "Delete everything?", "sql": "DELETE FROM orders WHERE TRUE",
                                  "difficulty": "simple", "pattern": None})
    raw["golden_queries"].append({"question": "Peek at another dataset?", "sql": "SELECT * FROM other.secrets",
                                  "difficulty": "simple", "pattern": None})
    raw["golden_queries"].append({"question": "Orders in 1990?", "sql":
                                  "SELECT COUNT(*) AS n FROM orders WHERE order_date < DATE '1990-01-01'",
                                  "difficulty": "simple", "pattern": None})
    raw["golden_queries"].append({"question": "Average of a missing column?", "sql":
                                  "SELECT AVG(no_such_column) AS a FROM orders",
                                  "difficulty": "medium", "pattern": None})
    return DatasetSpec.model_validate(raw)


def test_failures_are_dropped_with_reasons_when_no_llm(tmp_path) -> None:
    spec = _broken_spec()
    deps = _prepare(tmp_path, spec)
    out = run_phase(deps, JOB, Phase.CONTENT)
    assert out.result["dropped"] == 5 and out.result["passed"] == len(spec.golden_queries) - 5
    assert out.summary["dropped"] == 5 and out.summary["below_target"] is False
    assert all(q.status == "passed" for q in _golden(deps))
    dropped = json.loads(deps.artifacts.get(JOB, "golden_queries_dropped.json"))
    reasons = {d["question"]: d["reason"] for d in dropped}
    assert "ordres" in reasons["How many orders have been placed?"]
    assert reasons["Delete everything?"].startswith("guard:")
    assert "outside dataset" in reasons["Peek at another dataset?"]
    assert "all zeros" in reasons["Orders in 1990?"]
    events, _ = deps.store.events(JOB)
    logged = [e for e in events if e.message.startswith("dropped golden query")]
    assert "no_such_column" in reasons["Average of a missing column?"]
    assert len(logged) == 5 and all(e.data.get("reason") for e in logged)


def test_one_llm_repair_round(tmp_path) -> None:
    spec = _broken_spec()
    llm = FakeLLM.by_question({
        "How many orders have been placed?": {"sql": "SELECT COUNT(*) AS orders FROM orders",
                                              "explanation": "table name typo"},  # fixed
        "Delete everything?": {"sql": "SELECT 1 AS x FROM orders; DROP TABLE orders"},  # unsafe
        "Peek at another dataset?": LLMUnavailable("overloaded"),  # unavailable: dropped
        "Orders in 1990?": {"not_sql": True},  # invalid output: dropped
        "Average of a missing column?": PermanentError("invalid API key"),  # dropped, job goes on
    })
    deps = _prepare(tmp_path, spec, llm=llm)
    out = run_phase(deps, JOB, Phase.CONTENT)
    assert len(llm.calls) == 5  # exactly one round per failing query
    assert out.result["passed"] == len(spec.golden_queries) - 4 and out.result["dropped"] == 4
    assert out.summary["repaired"] == 1
    first = next(c for c in llm.calls if "ordres" in c["messages"][0]["content"])
    assert first["tool_name"] == "repair_query" and "Error:" in first["messages"][0]["content"]
    assert "order_items" in first["messages"][0]["content"]  # the schema is given
    fixed = next(q for q in _golden(deps) if q.question == "How many orders have been placed?")
    assert fixed.answer == "Orders: 300." and DATASET in fixed.sql
    reasons = {d["question"]: d["reason"] for d in json.loads(deps.artifacts.get(JOB, "golden_queries_dropped.json"))}
    assert "after repair" in reasons["Delete everything?"]
    assert "repair unavailable" in reasons["Peek at another dataset?"]
    assert "repair invalid" in reasons["Orders in 1990?"]
    assert "repair failed: invalid API key" in reasons["Average of a missing column?"]


def test_rerun_overwrites_artifacts_identically(tmp_path) -> None:
    deps = _prepare(tmp_path, make_spec(orders=300))
    run_phase(deps, JOB, Phase.CONTENT)
    art = deps.artifacts.workdir(JOB)
    first = {n: (art / n).read_bytes() for n in ("golden_queries.json", "demo_script.md", "index.html", "sample_qa.json")}
    run_phase(deps, JOB, Phase.CONTENT)
    assert {n: (art / n).read_bytes() for n in first} == first
