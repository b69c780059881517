"""Golden-query validation: every query a CE will be offered is proven by execution.

Pipeline per query: substitute the dataset placeholders, guard (one read-only SELECT, all
tables inside the job's dataset, qualified), dry run, execute with ``maximum_bytes_billed``,
require a non-empty non-degenerate result, compute the one-sentence answer. A failure
gets one repair round from the LLM when available; otherwise the query is dropped with
its reason.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from typing import Any

import sqlglot
from pydantic import ValidationError
from sqlglot import exp

from demoforge.content.answers import answer_sentence, degenerate_reason
from demoforge.content.values import json_safe
from demoforge.domain.errors import (
    DemoforgeError,
    LLMInvalidOutput,
    LLMUnavailable,
    PermanentError,
    TransientError,
)
from demoforge.domain.results import GoldenQuery
from demoforge.prompts.content import (
    REPAIR_SYSTEM,
    REPAIR_TOOL,
    RepairedQuery,
    repair_user_message,
)
from demoforge.service.ports import LLM, DatasetRef, Warehouse
from demoforge.spec.model import DatasetSpec, SpecQuery
from demoforge.sql.determinism import with_tie_breakers
from demoforge.sql.guard import guard

PREVIEW_ROWS = 20
_log = logging.getLogger("demoforge.content.golden")


class QueryFailed(Exception):
    def __init__(self, stage: str, message: str) -> None:
        super().__init__(f"{stage}: {message}")
        self.stage = stage
        self.message = message


@dataclasses.dataclass
class Outcome:
    query: GoldenQuery
    rows: list[dict[str, Any]]  # full result (not stored; used for charts and script)
    repaired: bool = False
    seconds: float = 0.0


def expand_placeholders(sql: str, ref: DatasetRef) -> str:
    """Templates may write ``{dataset}.table`` / ``{project}.{dataset}.table``."""
    return sql.replace("{project}", ref.project).replace("{dataset}", ref.dataset)


def execute(wh: Warehouse, ref: DatasetRef, sql: str, *, max_bytes_billed: int) -> tuple[str, list[dict[str, Any]]]:
    """Guard, dry-run and run ``sql``; returns (qualified BigQuery SQL, rows)."""
    try:
        guarded = guard(expand_placeholders(sql, ref), project=ref.project, dataset=ref.dataset)
    except DemoforgeError as e:
        raise QueryFailed("guard", e.message) from e
    final = with_tie_breakers(guarded.sql)
    try:
        try:
            estimate = wh.dry_run(ref, final)
        except PermanentError:
            if final == guarded.sql:
                raise
            # A tie-breaker column the engine cannot order by (ARRAY, STRUCT): keep the
            # query as written rather than lose it.
            final = guarded.sql
            estimate = wh.dry_run(ref, final)
    except TransientError:
        raise
    except DemoforgeError as e:
        raise QueryFailed("dry_run", e.message) from e
    if max_bytes_billed and estimate > max_bytes_billed:
        raise QueryFailed("dry_run", f"would process {estimate} bytes (> {max_bytes_billed})")
    try:
        rows = wh.query(ref, final, max_bytes_billed=max_bytes_billed)
    except TransientError:
        raise  # quota / outage: the whole phase is retried, nothing is dropped
    except DemoforgeError as e:
        raise QueryFailed("execute", e.message) from e
    reason = degenerate_reason(rows)
    if reason:
        raise QueryFailed("result", reason)
    return final, rows


def order_column(sql: str, columns: list[str]) -> str | None:
    """The result column the outermost ORDER BY sorts on first, if it is one."""
    try:
        tree = sqlglot.parse_one(sql, read="bigquery")
    except sqlglot.errors.ParseError:
        return None
    order = tree.args.get("order")
    if not isinstance(order, exp.Order) or not order.expressions:
        return None
    key = order.expressions[0].this
    if isinstance(key, exp.Literal) and key.is_int:
        i = int(key.this) - 1
        return columns[i] if 0 <= i < len(columns) else None
    name = key.alias_or_name if isinstance(key, exp.Column | exp.Alias) else None
    return name if name in columns else None


def schema_text(spec: DatasetSpec) -> str:
    lines = []
    for t in spec.tables:
        cols = ", ".join(f"{c.name} {c.type}" for c in t.columns)
        lines.append(f"- {t.name} ({t.description}): {cols}")
    return "\n".join(lines)


def _repair(llm: LLM, spec: DatasetSpec, q: SpecQuery, sql: str, error: str) -> str:
    raw = llm.structured(
        system=REPAIR_SYSTEM,
        messages=[{"role": "user", "content": repair_user_message(
            question=q.question, sql=sql, error=error, schema_text=schema_text(spec))}],
        tool_name=REPAIR_TOOL,
        schema=RepairedQuery.model_json_schema(),
        max_tokens=2048,
    )
    try:
        return RepairedQuery.model_validate(raw).sql
    except ValidationError as e:
        raise LLMInvalidOutput(f"repair output invalid: {e.errors()[:2]}") from e


def validate_query(
    q: SpecQuery, *, wh: Warehouse, ref: DatasetRef, spec: DatasetSpec, llm: LLM | None,
    max_bytes_billed: int, log: Callable[[str], None],
) -> Outcome:
    """The query's outcome: passed, or dropped with its reason. Only a transient error
    (the warehouse or Claude unavailable) escapes, so the phase is retried for outages and
    never for LLM-written SQL that cannot be processed."""
    started = time.perf_counter()
    try:
        return _validate_query(q, wh=wh, ref=ref, spec=spec, llm=llm,
                               max_bytes_billed=max_bytes_billed, log=log, started=started)
    except TransientError:
        raise
    except Exception as e:  # noqa: BLE001 - SQL an LLM wrote must never fail the phase
        # Anything else this query's text triggered (a parser or engine error, a result
        # that will not convert): drop the query with the reason, keep the traceback in
        # the function's log, and go on with the others.
        _log.warning("golden query %r could not be processed", q.question, exc_info=True)
        return Outcome(
            query=GoldenQuery(question=q.question, sql=expand_placeholders(q.sql, ref)[:20_000],
                              difficulty=q.difficulty, status="dropped", pattern=q.pattern,
                              reason=f"could not be processed: {type(e).__name__}: {e}"[:1000]),
            rows=[], seconds=time.perf_counter() - started,
        )


def _validate_query(
    q: SpecQuery, *, wh: Warehouse, ref: DatasetRef, spec: DatasetSpec, llm: LLM | None,
    max_bytes_billed: int, log: Callable[[str], None], started: float,
) -> Outcome:
    repaired = False
    try:
        sql, rows = execute(wh, ref, q.sql, max_bytes_billed=max_bytes_billed)
    except QueryFailed as first:
        failure: QueryFailed = first
        sql, rows = "", []
        if llm is not None:
            try:
                fixed = _repair(llm, spec, q, q.sql, str(first))
                sql, rows = execute(wh, ref, fixed, max_bytes_billed=max_bytes_billed)
                repaired = True
                log(f"repaired golden query {q.question!r} after {first}")
            except LLMUnavailable as e:
                failure = QueryFailed(first.stage, f"{first.message} (repair unavailable: {e.message})")
            except LLMInvalidOutput as e:
                failure = QueryFailed(first.stage, f"{first.message} (repair invalid: {e.message})")
            except QueryFailed as second:
                failure = QueryFailed(second.stage, f"{first.message}; after repair: {second.message}")
            except TransientError:
                raise  # the warehouse is unavailable: retry the phase, drop nothing
            except DemoforgeError as e:
                # e.g. the model refused or the key is wrong: the query is dropped, the demo
                # goes on with the queries that passed.
                failure = QueryFailed(first.stage, f"{first.message} (repair failed: {e.message})")
        if not repaired:
            return Outcome(
                query=GoldenQuery(
                    question=q.question, sql=expand_placeholders(q.sql, ref),
                    difficulty=q.difficulty, status="dropped", pattern=q.pattern,
                    reason=str(failure),
                ),
                rows=[], seconds=time.perf_counter() - started,
            )
    gq = GoldenQuery(
        question=q.question, sql=sql, difficulty=q.difficulty, status="passed",
        row_count=len(rows), preview=[json_safe(r) for r in rows[:PREVIEW_ROWS]],
        answer=answer_sentence(rows, order_column(sql, list(rows[0])), q.question), pattern=q.pattern,
    )
    return Outcome(query=gq, rows=rows, repaired=repaired, seconds=time.perf_counter() - started)
