"""The content phase's path for a spec with a semantic layer: golden questions generated
from the metrics, executed, and proven.

1. The time coverage of every metric's time source is read from the loaded data.
2. The consistency check runs (every additive metric sums to the same whole by every
   grain and dimension); questions about a metric that fails it are not offered.
3. Every planted story's detection question and its follow-up come first, then the
   generated questions (``questions.plan_questions``), each in the job's language.
4. Each question is executed through the same guard, dry run and bounds as any golden
   query, its answer is written from the rows by the plan (``facts``), and it is checked
   against its own metric, grain and filters (``checks.answer_problems``); a story's
   detection question is verified against the story's expectation. A question that fails
   any of these is dropped with its reason: the demo shows only proven numbers.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import ConfigDict

from demoforge.content.checks import Consistency, answer_problems, consistency
from demoforge.content.facts import answer_text, question_text
from demoforge.content.golden import QueryFailed
from demoforge.content.questions import (
    Context,
    Coverage,
    Plan,
    complete_until,
    growth_windows,
    kind_of,
    plan_questions,
    plan_sql,
    target_count,
    time_key,
)
from demoforge.content.values import json_safe
from demoforge.domain.results import GoldenQuery
from demoforge.language.base import Phrasebook
from demoforge.spec.model import DatasetSpec
from demoforge.spec.semantic import MetricQuery, time_source
from demoforge.stories import Evidence, StoryCheck, story_checks, verify

PREVIEW_ROWS = 20
WORKERS = 4
SPARE = 4  # questions planned beyond the target, so one that finds no rows does not shrink the list
Run = Callable[[str], tuple[str, list[dict[str, Any]]]]  # unqualified SQL -> (executed SQL, rows)


class CheckedQuery(GoldenQuery):
    """A golden query generated from the semantic layer, with what it was checked against."""

    model_config = ConfigDict(extra="ignore")
    kind: str = ""
    metric: str = ""
    dimensions: list[str] = []
    grain: str | None = None
    filters: list[str] = []  # the metric's defining filters, applied in ``sql``
    follow_up: bool = False
    story_verified: bool | None = None


@dataclasses.dataclass
class Asked:
    plan: Plan
    query: CheckedQuery
    rows: list[dict[str, Any]]


@dataclasses.dataclass
class StoryResult:
    name: str
    check: StoryCheck
    evidence: Evidence
    detect: Asked | None
    follow_up: Asked | None


@dataclasses.dataclass
class SemanticContent:
    asked: list[Asked]
    stories: list[StoryResult]
    consistency: list[Consistency]
    coverage: dict[str, Coverage]

    @property
    def passed(self) -> list[CheckedQuery]:
        return [a.query for a in self.asked if a.query.status == "passed"]

    @property
    def dropped(self) -> list[CheckedQuery]:
        return [a.query for a in self.asked if a.query.status != "passed"]

    def rows_for(self, question: str) -> list[dict[str, Any]]:
        return next((a.rows for a in self.asked if a.query.question == question), [])


def _date(v: Any) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str) and len(v) >= 10:
        return dt.date.fromisoformat(v[:10])
    return None


def read_coverage(spec: DatasetSpec, run: Run) -> dict[str, Coverage]:
    """First and last day of each metric's time source in the loaded data."""
    out: dict[str, Coverage] = {}
    for m in spec.semantic.metrics:
        key = time_key(m, spec)
        src = time_source(m, spec.semantic, spec.tables)
        if key is None or src is None or key in out:
            continue
        _, rows = run(f"SELECT MIN(DATE({src.column})) AS first_day, MAX(DATE({src.column})) AS last_day "
                      f"FROM {src.table}")
        lo, hi = _date(rows[0].get("first_day")), _date(rows[0].get("last_day"))
        if lo is not None and hi is not None:
            out[key] = Coverage(lo, hi)
    return out


def _complete(q: MetricQuery, spec: DatasetSpec, coverage: Mapping[str, Coverage]) -> MetricQuery:
    """A story's series without a last period the data does not cover to its end (a
    month of the year counts complete months only: a last day's rows are not a month)."""
    grain = q.grain or ("month" if q.cycle == "month_of_year" else None)
    if grain is None or q.until is not None:
        return q
    cov = coverage.get(time_key(spec.semantic.metric(q.metric), spec) or "")
    return q.model_copy(update={"until": complete_until(cov, grain)}) if cov else q


def story_plans(spec: DatasetSpec, coverage: Mapping[str, Coverage]
                ) -> list[tuple[str, StoryCheck, Plan, Plan | None]]:
    out = []
    for name, check in story_checks(spec):
        cov = coverage.get(time_key(spec.semantic.metric(check.detect.metric), spec) or "")
        windows = growth_windows(cov) if cov else None
        if windows is None and "growth" in (check.detect_kind, check.follow_up_kind):
            continue  # not two years of data: the story cannot be shown
        windows_detect = None if check.detect_kind != "growth" else windows
        detect = Plan(kind="growth" if windows_detect else kind_of(check.detect),
                      query=_complete(check.detect, spec, coverage), difficulty="hard", story=name, score=10.0,
                      lowest=check.detect.order == "metric_asc", windows=windows_detect)
        grows = check.follow_up_kind == "growth"
        follow = (Plan(kind="growth" if grows else kind_of(check.follow_up),
                       query=_complete(check.follow_up, spec, coverage), difficulty="expert", story=name,
                       follow_up=True, score=9.0, lowest=check.follow_up.order == "metric_asc",
                       windows=windows if grows else None)
                  if check.follow_up is not None else None)
        out.append((name, check, detect, follow))
    return out


def _ask(p: Plan, spec: DatasetSpec, pb: Phrasebook, run: Run, coverage: Mapping[str, Coverage],
         check: StoryCheck | None) -> tuple[Asked, Evidence | None]:
    question = question_text(p, spec, pb)
    m = spec.semantic.metric(p.query.metric)
    _, dims, grain = p.triple  # what the question is about: metric x dimension x grain
    base = {"question": question, "difficulty": p.difficulty, "pattern": p.story, "kind": p.kind,
            "metric": m.name, "dimensions": dims.split(",") if dims else [], "grain": grain,
            "filters": list(m.filters), "follow_up": p.follow_up}
    sql = plan_sql(p, spec)
    try:
        final, rows = run(sql)
    except QueryFailed as e:
        return Asked(p, CheckedQuery(sql=sql, status="dropped", reason=str(e), **base), []), None
    answer = answer_text(p, rows, spec, pb, coverage) or ""
    problems = answer_problems(p, final, rows, answer, spec, pb) if answer else ["no answer could be written"]
    evidence = None
    if check is not None and not p.follow_up:
        baseline = None
        if check.expect.kind in ("rise_after", "drop_after") and p.query.where:
            # The same series for everything else: growth and seasons move both alike.
            others = [f.model_copy(update={"op": "!="}) for f in p.query.where]
            try:
                baseline = run(plan_sql(dataclasses.replace(p, query=p.query.model_copy(update={"where": others})),
                                        spec))[1]
            except QueryFailed as e:
                problems.append(f"the story's baseline failed: {e}")
        evidence = verify(check, rows, baseline)
    if evidence is not None and not evidence.ok:
        problems.append(f"the story did not show: {evidence.detail}")
    status = "dropped" if problems else "passed"
    q = CheckedQuery(sql=final, status=status, row_count=len(rows), preview=[json_safe(r) for r in rows[:PREVIEW_ROWS]],
                     answer=answer, reason="; ".join(problems) or None,
                     story_verified=evidence.ok if evidence is not None else None, **base)
    return Asked(p, q, rows), evidence


def build(spec: DatasetSpec, pb: Phrasebook, run: Run, *, seed: int, log: Callable[[str], None],
          target: int | None = None) -> SemanticContent:
    """Plan, execute and check the golden questions of a spec with a semantic layer."""
    coverage = read_coverage(spec, run)

    def rows_of(sql: str) -> Sequence[Mapping[str, Any]]:
        return run(sql)[1]

    checked = consistency(spec, rows_of)
    broken = {c.metric for c in checked if not c.ok}
    for c in checked:
        if not c.ok:
            log(f"metric {c.metric} does not add up: {c.detail}")
    stories = [s for s in story_plans(spec, coverage) if s[2].query.metric not in broken]
    story_list = [p for _, _, d, f in stories for p in (d, f) if p is not None]
    ctx = Context(spec=spec, coverage=coverage, seed=seed)
    want = target or target_count(spec.semantic)
    plans = [p for p in plan_questions(ctx, story_list, want + SPARE) if p.query.metric not in broken]
    checks = {name: check for name, check, _, _ in stories}

    def one(p: Plan) -> tuple[Asked, Evidence | None]:
        return _ask(p, spec, pb, run, coverage, checks.get(p.story or "") if p.story else None)

    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        done = list(pool.map(one, plans))
    # Spares that were not needed are left out (not dropped): the lowest-scored first.
    spare = sum(1 for a, _ in done if a.query.status == "passed") - want
    if spare > 0:
        extra = sorted((a for a, _ in done if a.query.status == "passed" and not a.plan.story),
                       key=lambda a: a.plan.score)[:spare]
        done = [(a, e) for a, e in done if all(a is not x for x in extra)]
    asked = [a for a, _ in done]
    results: list[StoryResult] = []
    for name, check, _, _ in stories:
        d = next(((a, e) for a, e in done if a.plan.story == name and not a.plan.follow_up), None)
        f = next((a for a, _ in done if a.plan.story == name and a.plan.follow_up), None)
        evidence = d[1] if d is not None and d[1] is not None else Evidence(False, "the detection question was not asked")
        results.append(StoryResult(name, check, evidence, d[0] if d else None, f))
    for a in asked:
        if a.query.status != "passed":
            log(f"dropped generated question {a.query.question!r}: {a.query.reason}")
    return SemanticContent(asked=asked, stories=results, consistency=checked, coverage=coverage)
