"""Content phase: prove the golden queries by execution, then write the demo materials.

With a semantic layer in the spec (``spec.semantic.metrics``), the golden questions are
generated from it in the job's language, executed and checked against their metric,
grain and filters, the metrics' consistency is proven and every planted story verified
(``demoforge.content.generated``); the demo script is a 20-minute talk track
(``content.talk``). Without one (older specs), each spec query is guarded, dry-run and
executed on the job's dataset (see ``demoforge.content.golden``); failures get one LLM
repair round when Claude is available and are otherwise dropped with the reason in the
job events. Artifacts: ``golden_queries.json`` (passed queries only, qualified BigQuery
SQL), ``demo_script.md``, ``sample_qa.json`` and the self-contained report ``index.html``.
"""

from __future__ import annotations

import concurrent.futures
import json
import time
from typing import Any, TypeVar

from demoforge.content import generated
from demoforge.content.golden import Outcome, execute, validate_query
from demoforge.content.kpis import map_kpis
from demoforge.content.report import choose_charts, render_report, render_semantic_report
from demoforge.content.script import DIFFICULTY_RANK, build_script, to_markdown
from demoforge.content.talk import build_talk_track
from demoforge.content.talk import to_markdown as talk_markdown
from demoforge.content.translate import translate, translated_phrasebook
from demoforge.domain import artifacts
from demoforge.domain.errors import LLMInvalidOutput, LLMUnavailable, PermanentError
from demoforge.domain.job import EventLevel
from demoforge.domain.results import (
    MIN_GOLDEN_QUERIES,
    ContentResult,
    GoldenQuery,
    ResearchResult,
    WarehouseResult,
)
from demoforge.language import OFFLINE, choose_language, region_of
from demoforge.language.base import Phrasebook
from demoforge.language.render import has_builder, phrasebook
from demoforge.phases import inputs
from demoforge.service.phase import PhaseContext, PhaseOutput
from demoforge.service.ports import DatasetRef
from demoforge.spec.model import DatasetSpec, SpecQuery
from demoforge.stories import story_checks

SAMPLE_QUESTIONS = 8  # how many golden queries sample_qa.json shows
QUERY_WORKERS = 4


def run(ctx: PhaseContext) -> PhaseOutput:
    spec = inputs.load_spec(ctx)
    research_result = ctx.result(ResearchResult)
    company = research_result.company_name
    research = research_result.model_dump(mode="json")
    wh = ctx.result(WarehouseResult)
    ref = DatasetRef(project=wh.project, dataset=wh.dataset, job_id=ctx.job_id)
    row_counts = dict(wh.tables)
    if not row_counts:
        row_counts = {t.name: ctx.services.warehouse.row_count(ref, t.name) for t in spec.tables}
    if spec.semantic.metrics:
        return _run_semantic(ctx, spec, research_result, ref, row_counts)
    if not spec.golden_queries:
        raise PermanentError("the dataset spec has no golden queries", code="no_golden_queries")

    queries = sorted(spec.golden_queries, key=lambda q: DIFFICULTY_RANK.get(q.difficulty, 9))
    t0 = time.perf_counter()
    llm = ctx.services.llm
    if llm is None and (why := ctx.services.llm_off_reason):
        ctx.log(why, EventLevel.WARNING)

    def check(q: SpecQuery) -> Outcome:
        ctx.checkpoint()  # a cancel stops the queries still to come
        return validate_query(
            q, wh=ctx.services.warehouse, ref=ref, spec=spec, llm=llm,
            max_bytes_billed=ctx.settings.max_bytes_billed,
            log=lambda msg: ctx.log(msg, level=EventLevel.INFO),
        )

    # Queries are independent; on BigQuery each is two round trips (dry run + run), so a
    # few run at once. Results keep the spec's simple -> expert order.
    with concurrent.futures.ThreadPoolExecutor(QUERY_WORKERS) as pool:
        outcomes = list(pool.map(check, queries))
    for out in outcomes:
        if out.query.status != "passed":
            ctx.log(f"dropped golden query {out.query.question!r}: {out.query.reason}",
                    level=EventLevel.WARNING, question=out.query.question, reason=out.query.reason)
    seconds = time.perf_counter() - t0

    passed = [o.query for o in outcomes if o.query.status == "passed"]
    dropped = [o.query for o in outcomes if o.query.status != "passed"]
    repaired = sum(1 for o in outcomes if o.repaired)
    if not passed:
        raise PermanentError(
            f"none of the {len(outcomes)} golden queries passed; first reason: {dropped[0].reason}",
            code="no_golden_queries",
        )
    if len(passed) < MIN_GOLDEN_QUERIES:
        ctx.log(f"only {len(passed)} golden queries passed (target {MIN_GOLDEN_QUERIES})",
                level=EventLevel.WARNING, passed=len(passed))

    art = ctx.services.artifacts
    art.put(ctx.job_id, artifacts.GOLDEN_QUERIES, _json([q.model_dump(mode="json") for q in passed]))
    art.put(ctx.job_id, artifacts.DROPPED_QUERIES, _json([q.model_dump(mode="json") for q in dropped]))

    script = build_script(
        company=company, research=research, spec=spec, passed=passed, row_counts=row_counts,
        dataset=ref.qualified, max_bytes_billed=ctx.settings.max_bytes_billed,
    )
    art.put(ctx.job_id, artifacts.DEMO_SCRIPT, to_markdown(script).encode(), "text/markdown")
    qa = [{"question": q.question, "answer": q.answer, "difficulty": q.difficulty,
           "pattern": q.pattern, "sql": q.sql, "row_count": q.row_count,
           "result": q.preview[:5]}
          for q in _spread(passed, SAMPLE_QUESTIONS)]
    art.put(ctx.job_id, artifacts.SAMPLE_QA, _json(qa))

    rows_by_question = {o.query.question: o.rows for o in outcomes if o.query.status == "passed"}
    charts = choose_charts(spec, passed, rows_by_question)
    html = render_report(
        company=company, research=research, spec=spec, dataset=ref.qualified,
        row_counts=row_counts, golden=passed, dropped=len(dropped), charts=charts, script=script,
    )
    art.put(ctx.job_id, artifacts.REPORT, html.encode(), "text/html; charset=utf-8")
    ctx.log(f"{len(passed)}/{len(outcomes)} golden queries passed ({repaired} repaired, "
            f"{len(dropped)} dropped) in {seconds:.2f}s",
            passed=len(passed), dropped=len(dropped), repaired=repaired, seconds=round(seconds, 3))
    return PhaseOutput(
        summary={"passed": len(passed), "dropped": len(dropped), "repaired": repaired,
                 "queries_s": round(seconds, 2), "charts": len(charts),
                 "below_target": len(passed) < MIN_GOLDEN_QUERIES},
        result=ContentResult(golden_artifact=artifacts.GOLDEN_QUERIES, passed=len(passed),
                             dropped=len(dropped), report=artifacts.REPORT,
                             script=artifacts.DEMO_SCRIPT, sample_qa=artifacts.SAMPLE_QA,
                             ).model_dump(mode="json"),
    )


def job_language(ctx: PhaseContext, research: ResearchResult) -> str:
    """The job's ``options.language``, else the prospect's language from research, else en."""
    return choose_language(getattr(ctx.job.options, "language", None), research.language)


def _run_semantic(ctx: PhaseContext, spec: DatasetSpec, research_result: ResearchResult, ref: DatasetRef,
                  row_counts: dict[str, int]) -> PhaseOutput:
    research = research_result.model_dump(mode="json")
    asked_for = job_language(ctx, research_result)
    country = research.get("country") or region_of(getattr(ctx.job.options, "language", None))
    pb, language = _phrasebook_for(ctx, spec, asked_for, country)
    wh = ctx.services.warehouse
    bound = ctx.settings.max_bytes_billed

    def run_sql(sql: str) -> tuple[str, list[dict[str, Any]]]:
        ctx.checkpoint()  # a cancel stops the questions and story checks still to come
        return execute(wh, ref, sql, max_bytes_billed=bound)

    t0 = time.perf_counter()
    content = generated.build(spec, pb, run_sql, seed=spec.seed,
                              log=lambda msg: ctx.log(msg, level=EventLevel.WARNING))
    seconds = time.perf_counter() - t0
    if language not in OFFLINE and ctx.services.llm is not None:
        _translate_questions(ctx, content, language)
    passed, dropped = content.passed, content.dropped
    if not passed:
        reason = dropped[0].reason if dropped else "the semantic layer gave no question to ask"
        raise PermanentError(f"none of the generated golden questions passed; first reason: {reason}",
                             code="no_golden_queries")
    if len(passed) < MIN_GOLDEN_QUERIES:
        ctx.log(f"only {len(passed)} golden queries passed (target {MIN_GOLDEN_QUERIES})",
                level=EventLevel.WARNING, passed=len(passed))
    kpis = map_kpis([*spec.kpis, *research_result.kpis], spec.semantic)
    if kpis.dropped:
        ctx.log(f"KPIs the data cannot compute are not announced: {', '.join(kpis.dropped)}",
                level=EventLevel.WARNING, kpis_dropped=kpis.dropped)
    for s in content.stories:
        level = EventLevel.INFO if s.evidence.ok else EventLevel.WARNING
        ctx.log(f"story {s.name}: {'shown' if s.evidence.ok else 'not shown'} ({s.evidence.detail})", level=level,
                story=s.name, verified=s.evidence.ok)

    art = ctx.services.artifacts
    art.put(ctx.job_id, artifacts.GOLDEN_QUERIES, _json([q.model_dump(mode="json") for q in passed]))
    art.put(ctx.job_id, artifacts.DROPPED_QUERIES, _json([q.model_dump(mode="json") for q in dropped]))
    track = build_talk_track(company=research_result.company_name, research=research, spec=spec, content=content,
                             kpis=kpis, pb=pb, row_counts=row_counts, dataset=ref.qualified, max_bytes_billed=bound)
    art.put(ctx.job_id, artifacts.DEMO_SCRIPT, talk_markdown(track, pb).encode(), "text/markdown")
    qa = [{"question": q.question, "answer": q.answer, "difficulty": q.difficulty, "pattern": q.pattern,
           "metric": q.metric, "sql": q.sql, "row_count": q.row_count, "result": q.preview[:5]}
          for q in _spread(list(passed), SAMPLE_QUESTIONS)]
    art.put(ctx.job_id, artifacts.SAMPLE_QA, _json(qa))
    html = render_semantic_report(company=research_result.company_name, research=research, spec=spec,
                                  dataset=ref.qualified, row_counts=row_counts, content=content, kpis=kpis,
                                  track=track, pb=pb)
    art.put(ctx.job_id, artifacts.REPORT, html.encode(), "text/html; charset=utf-8")
    shown = sum(1 for s in content.stories if s.evidence.ok)
    consistent = all(c.ok for c in content.consistency)
    ctx.log(f"{len(passed)}/{len(content.asked)} generated questions passed in {seconds:.2f}s; "
            f"{shown}/{len(content.stories)} stories shown; metrics consistent: {consistent}",
            passed=len(passed), dropped=len(dropped), seconds=round(seconds, 3), language=language)
    return PhaseOutput(
        summary={"passed": len(passed), "dropped": len(dropped), "repaired": 0, "queries_s": round(seconds, 2),
                 "charts": min(3, shown), "below_target": len(passed) < MIN_GOLDEN_QUERIES, "language": language,
                 "stories_shown": shown, "stories": len(content.stories), "metrics_consistent": consistent,
                 "consistency_checks": len(content.consistency), "kpis_dropped": kpis.dropped},
        result=ContentResult(golden_artifact=artifacts.GOLDEN_QUERIES, passed=len(passed), dropped=len(dropped),
                             report=artifacts.REPORT, script=artifacts.DEMO_SCRIPT, sample_qa=artifacts.SAMPLE_QA,
                             ).model_dump(mode="json"),
    )


Q = TypeVar("Q", bound=GoldenQuery)


def _phrasebook_for(ctx: PhaseContext, spec: DatasetSpec, language: str, country: str | None
                    ) -> tuple[Phrasebook, str]:
    """The offline phrase builder of ``language``; for another language Claude's translation
    of the fixed sentences (English grammar, the language's number and date formats); English
    when Claude is unavailable."""
    if has_builder(language):
        return phrasebook(language, country=country), language
    llm = ctx.services.llm
    if llm is not None:
        kinds = [c.kind for _, c in story_checks(spec)]
        try:
            return translated_phrasebook(llm, language, country, kinds), language
        except (LLMUnavailable, LLMInvalidOutput) as e:
            ctx.log(f"could not translate into {language!r} ({e.message}): questions and script are in English",
                    level=EventLevel.WARNING, language=language)
            return phrasebook("en", country=country), "en"
    ctx.log(f"no offline phrase builder for language {language!r} and no Claude: questions and script are in "
            "English", level=EventLevel.WARNING, language=language)
    return phrasebook("en", country=country), "en"


def _translate_questions(ctx: PhaseContext, content: generated.SemanticContent, language: str) -> None:
    """Questions and answers into ``language`` (Claude); a failure leaves them English."""
    llm = ctx.services.llm
    assert llm is not None
    asked = [a for a in content.asked if a.query.status == "passed"]
    texts = [x for a in asked for x in (a.query.question, a.query.answer)]
    try:
        done = translate(llm, texts, language)
    except (LLMUnavailable, LLMInvalidOutput) as e:
        ctx.log(f"could not translate the questions into {language!r}: {e.message}", level=EventLevel.WARNING)
        return
    for i, a in enumerate(asked):
        a.query.question, a.query.answer = done[2 * i], done[2 * i + 1]


def _spread(passed: list[Q], n: int) -> list[Q]:
    """Up to ``n`` queries spread evenly over the (simple -> expert ordered) list."""
    if len(passed) <= n:
        return list(passed)
    step = len(passed) / n
    return [passed[int(i * step)] for i in range(n)]


def _json(value: object) -> bytes:
    return json.dumps(value, indent=2, ensure_ascii=False).encode()
