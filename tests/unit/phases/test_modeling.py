"""Modeling phase: offline template path, Claude's spec (valid, repaired, rejected twice,
unavailable) through a fake ``LLM``, job options, and the stored ``spec.json``."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from demoforge.domain.errors import LLMInvalidOutput, LLMUnavailable, PermanentError
from demoforge.domain.job import JobDoc, JobOptions, Phase
from demoforge.phases import body_for
from demoforge.phases.modeling import query_errors, validate_candidate
from demoforge.service.phase import PhaseContext, PhaseOutput
from demoforge.spec.generators import TimestampGen
from demoforge.spec.model import DatasetSpec
from demoforge.synth.templates import get_template
from tests.support.fake_llm import FakeLLM
from tests.unit.synth.conftest import RESEARCH

JOB = "m0de1000-aaaa-bbbb-cccc-ddddeeeeffff"


def claude_spec() -> dict[str, Any]:
    """What a good answer looks like: a tailored spec (here: the online-shop template renamed)."""
    d = get_template("retail_ecommerce").model_dump(mode="json")
    d["name"] = "summit_claude_design"
    d["description"] = "Designed by Claude for Summit & Trail"
    return d


def broken_spec() -> dict[str, Any]:
    d = claude_spec()
    d["tables"][1]["columns"][1]["name"] = "select"  # reserved word
    return d


def run(deps: Any, options: JobOptions | None = None, research: dict[str, Any] | None = RESEARCH) -> PhaseOutput:
    job = JobDoc(job_id=JOB, customer_url="https://summit.example/", options=options or JobOptions(),
                 results={"research": dict(research)} if research else {})
    deps.store.create(job)
    return body_for(Phase.MODELING)(PhaseContext(job=job, phase=Phase.MODELING, services=deps))


def stored_spec(deps: Any) -> DatasetSpec:
    return DatasetSpec.model_validate(json.loads(deps.artifacts.get(JOB, "spec.json")))


def events(deps: Any) -> list[str]:
    return [e.message for e in deps.store.events(JOB)[0]]


def test_offline_uses_the_customised_template(local_deps) -> None:
    deps = local_deps()
    out = run(deps)
    spec = stored_spec(deps)
    assert out.result == {
        "spec_artifact": "spec.json", "template": "retail_ecommerce", "source": "template",
        "tables": len(spec.tables), "planned_rows": spec.planned_rows(),
    }
    assert spec.industry == "retail_ecommerce" and spec.description.startswith("Summit & Trail Outfitters")
    assert 450_000 <= spec.planned_rows() <= 550_000
    assert out.summary["golden_queries"] >= 12 and len(json.dumps(out.summary)) < 2_000


def test_job_options_size_and_seed_the_spec(local_deps) -> None:
    deps = local_deps()
    run(deps, JobOptions(scale="small", seed=99))
    spec = stored_spec(deps)
    assert 40_000 <= spec.planned_rows() <= 60_000 and spec.seed == 99


def test_the_as_of_option_is_the_day_the_data_ends(local_deps) -> None:
    deps = local_deps()
    run(deps, JobOptions(scale="small", as_of=dt.date(2025, 3, 31)))
    spec = stored_spec(deps)
    ends = [c.generator.end for t in spec.tables for c in t.columns if isinstance(c.generator, TimestampGen)]
    assert spec.as_of == dt.date(2025, 3, 31) and ends and max(ends) == dt.date(2025, 3, 31)


def test_explicit_rows_override_scale(local_deps) -> None:
    deps = local_deps()
    out = run(deps, JobOptions(scale="large", rows=80_000))
    assert abs(out.result["planned_rows"] - 80_000) < 4_000


def test_bad_options_and_missing_research_are_permanent(local_deps) -> None:
    with pytest.raises(PermanentError, match="scale must be one of"):
        run(local_deps(), JobOptions(scale="gigantic"))


def test_missing_research_is_permanent(local_deps) -> None:
    with pytest.raises(PermanentError, match="research result is missing"):
        run(local_deps(), research=None)


def test_claude_valid_spec_is_used(local_deps) -> None:
    llm = FakeLLM([claude_spec()])
    deps = local_deps(llm)
    out = run(deps, JobOptions(scale="small"))
    assert out.result["source"] == "claude"
    spec = stored_spec(deps)
    assert spec.name == "summit_claude_design" and 40_000 <= spec.planned_rows() <= 60_000
    (call,) = llm.calls
    assert call["tool_name"] == "design_dataset" and call["timeout_s"] >= 120  # a spec is a long answer
    assert call["schema"] == DatasetSpec.model_json_schema()
    text = call["messages"][0]["content"]
    assert "Summit & Trail Outfitters" in text and "Alpine Parka" in text
    assert '"name":"order_items"' in text  # the closest template is the worked example


def test_claude_invalid_spec_is_repaired(local_deps) -> None:
    llm = FakeLLM([broken_spec(), claude_spec()])
    deps = local_deps(llm)
    out = run(deps, JobOptions(scale="small"))
    assert out.result["source"] == "claude" and len(llm.calls) == 2
    repair = llm.calls[1]["messages"][0]["content"]
    assert "did not pass validation" in repair and "'select'" in repair and "reserved" in repair
    assert "Claude's dataset spec failed validation (attempt 1)" in events(deps)


def test_claude_invalid_twice_falls_back_to_the_template(local_deps) -> None:
    llm = FakeLLM([broken_spec(), LLMInvalidOutput("no tool call")])
    deps = local_deps(llm)
    out = run(deps)
    assert out.result["source"] == "template" and out.result["template"] == "retail_ecommerce"
    assert len(llm.calls) == 2
    log = events(deps)
    assert "Claude's dataset spec failed validation (attempt 2)" in log
    assert "using the customised industry template" in log
    assert stored_spec(deps).description.startswith("Summit & Trail Outfitters")


def test_claude_unavailable_falls_back(local_deps) -> None:
    llm = FakeLLM([LLMUnavailable("overloaded")])
    deps = local_deps(llm)
    out = run(deps)
    assert out.result["source"] == "template" and len(llm.calls) == 1
    assert "Claude is unavailable; using the customised template" in events(deps)


def test_candidate_queries_must_be_select_over_known_tables() -> None:
    d = claude_spec()
    d["golden_queries"][0]["sql"] = "DELETE FROM orders WHERE TRUE"
    d["golden_queries"][1]["sql"] = "SELECT * FROM other_project.ds.orders"
    d["golden_queries"][2]["sql"] = "SELECT * FROM invoices"
    d["golden_queries"][3]["sql"] = "SELECT 1; SELECT 2"
    errors = query_errors(DatasetSpec.model_validate(d))
    joined = "\n".join(errors)
    # through the same guard as the content phase (sql.guard.check_select)
    assert "golden query 1" in joined and "only SELECT queries are allowed" in joined
    assert "golden query 2" in joined and "another project" in joined
    assert "golden query 3" in joined and "unknown table 'invoices'" in joined
    assert "golden query 4" in joined and "exactly one statement" in joined
    spec, errs = validate_candidate(d, 20_000)
    assert spec is None and errs == errors


def test_candidate_with_empty_query_results_drops_them_or_fails() -> None:
    d = claude_spec()
    n = len(d["golden_queries"])
    d["golden_queries"][5]["sql"] = "SELECT * FROM orders WHERE status = 'never'"
    spec, errors = validate_candidate(d, 20_000)
    assert spec is not None and not errors and len(spec.golden_queries) == n - 1
    for q in d["golden_queries"][:8]:
        q["sql"] = "SELECT * FROM orders WHERE status = 'never'"
    spec, errors = validate_candidate(d, 20_000)
    assert spec is None and any("no rows" in e for e in errors)


def test_pydantic_errors_name_table_and_column() -> None:
    d = claude_spec()
    d["tables"][2]["columns"][3]["generator"]["distribution"] = "gaussian"
    spec, errors = validate_candidate(d, 20_000)
    assert spec is None
    table = d["tables"][2]["name"]
    col = d["tables"][2]["columns"][3]["name"]
    assert any(f"table {table!r}" in e and f"column {col!r}" in e for e in errors), errors


def test_design_calls_fit_the_function_timeout(local_deps) -> None:
    llm = FakeLLM([claude_spec()])
    deps = local_deps(llm)
    deps.settings = deps.settings.with_(phase_deadline_s=300)  # the modeling function's timeout
    run(deps, JobOptions(scale="small"))
    assert llm.calls[0]["timeout_s"] == 120  # two calls + a minute of other work fit in 300 s



