"""Metering one phase attempt: what it used of Claude and BigQuery, priced.

The runner hands the phase body ``metered(services, meter)``: the same services, with
``llm`` and ``warehouse`` wrapped so every call is counted in ``meter`` (thread-safe:
content runs queries from a pool). Token counts come from adapters that report them
(``ReportsLLMUsage``), query bytes from ``ReportsQueryUsage``, loaded bytes from the
Parquet files handed to ``load_table``. Prices are ``Settings`` values; BigQuery bytes
are priced only on the BigQuery warehouse (DuckDB's estimates cost nothing).
"""

from __future__ import annotations

import builtins
import datetime as dt
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from demoforge.domain.cost import Usage
from demoforge.service.events import EventLog
from demoforge.service.ports import (
    LLM,
    ArtifactStore,
    Bus,
    CallerIdentity,
    DataAgents,
    DatasetRef,
    Fetcher,
    JobStore,
    ReportsLLMUsage,
    ReportsQueryUsage,
    ResearchCache,
    SynthEngine,
    Warehouse,
)
from demoforge.service.services import Services
from demoforge.settings import Settings

if TYPE_CHECKING:
    from demoforge.spec.model import TableSpec

TIB = 2**40


class Meter:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._used = Usage()

    def llm(self, input_tokens: int, output_tokens: int) -> None:
        s = self.settings
        usd = (input_tokens * s.llm_usd_per_mtok_input
               + output_tokens * s.llm_usd_per_mtok_output) / 1_000_000
        self._add(Usage(llm_calls=1, llm_input_tokens=input_tokens,
                        llm_output_tokens=output_tokens, llm_usd=usd))

    def query(self, bytes_processed: int, bytes_billed: int) -> None:
        usd = (bytes_billed / TIB * self.settings.bq_usd_per_tib
               if self.settings.warehouse == "bigquery" else 0.0)
        self._add(Usage(bq_queries=1, bq_bytes_processed=bytes_processed,
                        bq_bytes_billed=bytes_billed, bq_usd=usd))

    def loaded(self, nbytes: int) -> None:
        self._add(Usage(bq_bytes_loaded=nbytes))  # batch loads are free

    def _add(self, usage: Usage) -> None:
        with self._lock:
            self._used = self._used.plus(usage)

    def usage(self) -> Usage:
        with self._lock:
            return self._used


class MeteredLLM:
    def __init__(self, inner: LLM, meter: Meter) -> None:
        self.inner = inner
        self.meter = meter

    def structured(
        self, *, system: str, messages: Sequence[Mapping[str, Any]], tool_name: str,
        schema: Mapping[str, Any], max_tokens: int = 4096, timeout_s: float | None = None,
    ) -> dict[str, Any]:
        if not isinstance(self.inner, ReportsLLMUsage):
            return self.inner.structured(system=system, messages=messages, tool_name=tool_name,
                                         schema=schema, max_tokens=max_tokens, timeout_s=timeout_s)
        answer, used = self.inner.structured_with_usage(
            system=system, messages=messages, tool_name=tool_name, schema=schema,
            max_tokens=max_tokens, timeout_s=timeout_s)
        self.meter.llm(used.input_tokens, used.output_tokens)
        return answer


class MeteredWarehouse:
    def __init__(self, inner: Warehouse, meter: Meter) -> None:
        self.inner = inner
        self.meter = meter

    def ensure_dataset(
        self, ref: DatasetRef, *, labels: Mapping[str, str], description: str, ttl_days: int
    ) -> None:
        self.inner.ensure_dataset(ref, labels=labels, description=description, ttl_days=ttl_days)

    def load_table(self, ref: DatasetRef, table: TableSpec, parquet: Path) -> int:
        rows = self.inner.load_table(ref, table, parquet)
        self.meter.loaded(Path(parquet).stat().st_size)
        return rows

    def row_count(self, ref: DatasetRef, table: str) -> int:
        return self.inner.row_count(ref, table)

    def dry_run(self, ref: DatasetRef, sql: str) -> int:
        return self.inner.dry_run(ref, sql)  # free on BigQuery

    def query(self, ref: DatasetRef, sql: str, *, max_bytes_billed: int) -> builtins.list[dict[str, Any]]:
        if not isinstance(self.inner, ReportsQueryUsage):
            return self.inner.query(ref, sql, max_bytes_billed=max_bytes_billed)
        rows, used = self.inner.query_with_usage(ref, sql, max_bytes_billed=max_bytes_billed)
        self.meter.query(used.bytes_processed, used.bytes_billed)
        return rows

    def delete_dataset(self, ref: DatasetRef) -> None:
        self.inner.delete_dataset(ref)


class MeteredServices:
    """``Services`` with a metered ``llm`` and ``warehouse``; everything else as is."""

    def __init__(self, inner: Services, meter: Meter) -> None:
        self.inner = inner
        self.meter = meter
        self._warehouse: MeteredWarehouse | None = None

    @property
    def settings(self) -> Settings:
        return self.inner.settings

    @property
    def clock(self) -> Callable[[], dt.datetime]:
        return self.inner.clock

    @property
    def store(self) -> JobStore:
        return self.inner.store

    @property
    def events(self) -> EventLog:
        return self.inner.events

    @property
    def bus(self) -> Bus:
        return self.inner.bus

    @property
    def artifacts(self) -> ArtifactStore:
        return self.inner.artifacts

    @property
    def warehouse(self) -> Warehouse:
        if self._warehouse is None:  # built on first use: research never touches it
            self._warehouse = MeteredWarehouse(self.inner.warehouse, self.meter)
        return self._warehouse

    @property
    def llm(self) -> LLM | None:
        llm = self.inner.llm
        return MeteredLLM(llm, self.meter) if llm is not None else None

    @property
    def llm_off_reason(self) -> str | None:
        return self.inner.llm_off_reason

    @property
    def identity(self) -> CallerIdentity:
        return self.inner.identity

    @property
    def fetcher(self) -> Fetcher:
        return self.inner.fetcher

    @property
    def agents(self) -> DataAgents:
        return self.inner.agents

    @property
    def research_cache(self) -> ResearchCache:
        return self.inner.research_cache

    @property
    def synth(self) -> SynthEngine:
        return self.inner.synth


def metered(services: Services, meter: Meter) -> Services:
    return MeteredServices(services, meter)
