"""LLM-written SQL that cannot be processed is dropped with an event and the phase goes
on: 60 nested parentheses in a repair (the guard refuses; no RecursionError), an engine
that raises an unexpected error on one query (e.g. a TypeError while converting its
result). Before, such a query failed the whole content phase and was retried into
``attempts_exhausted``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from demoforge.adapters.duckdb_warehouse import DuckDBWarehouse
from demoforge.domain.job import Phase
from demoforge.service.ports import DatasetRef
from tests.support.demo_dataset import make_spec, run_phase

from .test_content_phase import JOB, FakeLLM, _broken_spec, _prepare

DEEP = "SELECT " + "(" * 60 + "COUNT(*)" + ")" * 60 + " AS n FROM orders"


class BrittleWarehouse(DuckDBWarehouse):
    """The local warehouse, but one query makes the engine raise something unexpected."""

    def query(self, ref: DatasetRef, sql: str, *, max_bytes_billed: int) -> list[dict[str, Any]]:
        if "AVG(amount)" in sql:
            raise TypeError("round() second argument must be int, not decimal.Decimal")
        return super().query(ref, sql, max_bytes_billed=max_bytes_billed)


def _reasons(deps: Any) -> dict[str, str]:
    return {d["question"]: d["reason"] for d in json.loads(deps.artifacts.get(JOB, "golden_queries_dropped.json"))}


def test_a_repair_with_60_nested_parentheses_is_dropped_not_retried(tmp_path: Path) -> None:
    spec = _broken_spec()
    llm = FakeLLM.by_question({q.question: {"sql": DEEP} for q in spec.golden_queries})
    deps = _prepare(tmp_path, spec, llm=llm)
    out = run_phase(deps, JOB, Phase.CONTENT)
    assert out.result["dropped"] == 5
    reasons = _reasons(deps)
    assert "nests deeper than" in reasons["How many orders have been placed?"]
    events, _ = deps.store.events(JOB)
    assert sum(e.message.startswith("dropped golden query") for e in events) == 5


def test_an_unexpected_error_on_one_query_drops_that_query_only(tmp_path: Path) -> None:
    raw = make_spec(orders=300).model_dump()
    raw["golden_queries"].append({"question": "What is the average unit price?",
                                  "sql": "SELECT ROUND(AVG(amount), 2) AS p FROM order_items",
                                  "difficulty": "simple", "pattern": None})
    from demoforge.spec.model import DatasetSpec

    spec = DatasetSpec.model_validate(raw)
    deps = _prepare(tmp_path, spec)
    deps._warehouse = BrittleWarehouse(deps.settings, deps.artifacts)
    deps.__dict__.pop("warehouse", None)
    out = run_phase(deps, JOB, Phase.CONTENT)
    assert out.result["dropped"] == 1 and out.result["passed"] == len(spec.golden_queries) - 1
    reason = _reasons(deps)["What is the average unit price?"]
    assert reason.startswith("could not be processed: TypeError")
