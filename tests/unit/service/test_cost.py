"""Cost per demo: the runner meters what each phase attempt used through the services it
hands the body (LLM tokens, BigQuery bytes processed, billed and loaded), prices it with
the settings' price table, and charges it to the phase and to the job's total, failed
attempts included; the api exposes it as ``cost``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.adapters.memory_bus import MemoryBus
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.bootstrap import Container
from demoforge.domain.errors import TransientError
from demoforge.domain.job import JobStatus, Phase
from demoforge.entrypoints.http import create_app
from demoforge.service import jobs
from demoforge.service.phase import PhaseContext, PhaseOutput
from demoforge.service.ports import DatasetRef, LLMUsage, QueryUsage
from demoforge.settings import Settings

GIB = 2**30
REF = DatasetRef(project="p", dataset="d", job_id="c1")


class MeteredFakeLLM:
    def __init__(self) -> None:
        self.calls = 0

    def structured(self, **kw: Any) -> dict[str, Any]:
        return self.structured_with_usage(**kw)[0]

    def structured_with_usage(
        self, *, system: str, messages: Sequence[Mapping[str, Any]], tool_name: str,
        schema: Mapping[str, Any], max_tokens: int = 4096, timeout_s: float | None = None,
    ) -> tuple[dict[str, Any], LLMUsage]:
        self.calls += 1
        return {"ok": True}, LLMUsage(input_tokens=1_000, output_tokens=200)


class BilledWarehouse:
    def ensure_dataset(self, ref: DatasetRef, **kw: Any) -> None: ...

    def load_table(self, ref: DatasetRef, table: Any, parquet: Path) -> int:
        return 10

    def row_count(self, ref: DatasetRef, table: str) -> int:
        return 10

    def dry_run(self, ref: DatasetRef, sql: str) -> int:
        return GIB

    def query(self, ref: DatasetRef, sql: str, *, max_bytes_billed: int) -> list[dict[str, Any]]:
        return self.query_with_usage(ref, sql, max_bytes_billed=max_bytes_billed)[0]

    def query_with_usage(self, ref: DatasetRef, sql: str, *,
                         max_bytes_billed: int) -> tuple[list[dict[str, Any]], QueryUsage]:
        return [{"n": 1}], QueryUsage(bytes_processed=GIB, bytes_billed=GIB)

    def delete_dataset(self, ref: DatasetRef) -> None: ...


def ask(ctx: PhaseContext) -> None:
    assert ctx.services.llm is not None
    ctx.services.llm.structured(system="s", messages=[], tool_name="t", schema={})


@pytest.fixture
def deps(tmp_path: Path) -> Container:
    state = {"content": 0}
    parquet = tmp_path / "t.parquet"
    parquet.write_bytes(b"x" * 5_000)

    def research(ctx: PhaseContext) -> PhaseOutput:
        ask(ctx)
        ask(ctx)
        return PhaseOutput()

    def warehouse(ctx: PhaseContext) -> PhaseOutput:
        ctx.services.warehouse.load_table(REF, None, parquet)  # type: ignore[arg-type]  # the fake ignores the table
        ctx.services.warehouse.query(REF, "SELECT 1", max_bytes_billed=10 * GIB)
        ctx.services.warehouse.dry_run(REF, "SELECT 1")  # free: not charged
        return PhaseOutput()

    def content(ctx: PhaseContext) -> PhaseOutput:
        state["content"] += 1
        ask(ctx)
        if state["content"] == 1:
            raise TransientError("Claude said 529")  # this attempt's tokens were paid too
        return PhaseOutput()

    empty = lambda ctx: PhaseOutput()  # noqa: E731
    settings = Settings(home=tmp_path, warehouse="bigquery", llm_usd_per_mtok_input=3.0,
                        llm_usd_per_mtok_output=15.0, bq_usd_per_tib=6.25)
    return Container(settings, store=SQLiteJobStore(tmp_path / "jobs.sqlite"), bus=MemoryBus(),
                     artifacts=LocalArtifactStore(tmp_path), llm=MeteredFakeLLM(),
                     warehouse=BilledWarehouse(),
                     bodies={Phase.RESEARCH: research, Phase.MODELING: empty,
                             Phase.WAREHOUSE: warehouse, Phase.CONTENT: content, Phase.AGENT: empty})


def test_cost_per_phase_and_total_on_the_job(deps: Container) -> None:
    jobs.create_job(deps, jobs.parse(jobs.CreateJobRequest, {"customer_url": "https://e.com"}),
                    job_id="c1")
    runner = deps.runner()
    bus = deps.bus
    assert isinstance(bus, MemoryBus)
    bus.drain(lambda m, mid: runner.handle(m, mid))
    job = deps.store.get("c1")
    assert job is not None and job.status == JobStatus.COMPLETED
    research = job.phase(Phase.RESEARCH).cost
    assert research is not None
    assert (research.llm_calls, research.llm_input_tokens, research.llm_output_tokens) == (2, 2000, 400)
    assert research.llm_usd == pytest.approx(2 * (1000 * 3 + 200 * 15) / 1e6, abs=1e-6)
    wh = job.phase(Phase.WAREHOUSE).cost
    assert wh is not None
    assert (wh.bq_queries, wh.bq_bytes_processed, wh.bq_bytes_billed, wh.bq_bytes_loaded) == (
        1, GIB, GIB, 5_000)
    assert wh.bq_usd == pytest.approx(6.25 / 1024, abs=1e-6)  # kept to a millionth of a dollar
    content = job.phase(Phase.CONTENT).cost
    assert content is not None and content.llm_calls == 2  # both attempts
    assert job.phase(Phase.MODELING).cost is None  # used nothing
    total = job.cost
    assert total is not None
    assert total.llm_calls == 4 and total.llm_input_tokens == 4000
    assert total.total_usd == pytest.approx(4 * 0.006 + 6.25 / 1024, abs=1e-6)
    assert total.total_usd == pytest.approx(total.llm_usd + total.bq_usd, abs=1e-6)

    view = create_app(lambda: deps).test_client().get("/jobs/c1").get_json()
    assert view["cost"]["total_usd"] == pytest.approx(total.total_usd)
    assert view["phases"]["research"]["cost"]["llm_input_tokens"] == 2000


def test_bigquery_bytes_cost_nothing_on_duckdb(tmp_path: Path) -> None:
    from demoforge.service.metering import Meter

    meter = Meter(Settings(home=tmp_path, warehouse="duckdb"))
    meter.query(GIB, GIB)
    assert meter.usage().bq_bytes_processed == GIB and meter.usage().bq_usd == 0


def test_price_settings_are_validated() -> None:
    s = Settings.from_env({"DEMOFORGE_LLM_USD_PER_MTOK_INPUT": "1", "DEMOFORGE_BQ_USD_PER_TIB": "5"})
    assert (s.llm_usd_per_mtok_input, s.bq_usd_per_tib) == (1.0, 5.0)
    with pytest.raises(ValueError, match="DEMOFORGE_LLM_USD_PER_MTOK_OUTPUT"):
        Settings.from_env({"DEMOFORGE_LLM_USD_PER_MTOK_OUTPUT": "cheap"})
