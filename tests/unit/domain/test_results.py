"""Typed phase results: stored as plain JSON on the job, read back by model."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from demoforge.domain.job import JobDoc, Phase
from demoforge.domain.results import AgentResult, ModelingResult, ResearchResult, WarehouseResult


def job_with(**results: dict[str, object]) -> JobDoc:
    return JobDoc(job_id="j1", customer_url="https://e.com/", results=dict(results))


def test_each_result_reads_its_own_phase() -> None:
    assert [m.phase for m in (ResearchResult, ModelingResult, WarehouseResult, AgentResult)] == [
        Phase.RESEARCH, Phase.MODELING, Phase.WAREHOUSE, Phase.AGENT]
    job = job_with(warehouse={"dataset": "demo_x_j1", "project": "p", "tables": {"orders": 3}})
    wh = WarehouseResult.stored(job)
    assert wh == WarehouseResult(dataset="demo_x_j1", project="p", tables={"orders": 3})
    assert WarehouseResult.stored(job_with()) is None
    assert ResearchResult.stored(job) is None


def test_a_result_round_trips_as_the_dict_the_console_shows() -> None:
    wh = WarehouseResult(dataset="d", project="p", tables={"a": 1})
    assert wh.model_dump(mode="json") == {"dataset": "d", "project": "p", "tables": {"a": 1}}
    assert WarehouseResult.stored(job_with(warehouse=wh.model_dump(mode="json"))) == wh


def test_fields_of_older_documents_are_ignored_but_wrong_values_are_not() -> None:
    job = job_with(warehouse={"dataset": "d", "project": "p", "retired_field": True})
    assert WarehouseResult.stored(job) == WarehouseResult(dataset="d", project="p")
    with pytest.raises(ValidationError):
        WarehouseResult.stored(job_with(warehouse={"dataset": "", "project": "p"}))
    with pytest.raises(ValidationError):
        ResearchResult.stored(job_with(research={}))
