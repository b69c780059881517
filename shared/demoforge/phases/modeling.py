"""Modeling phase: prospect profile -> ``spec.json`` (the dataset to generate).

1. Build the dataset shaped like the prospect's business (``synth.templates``: the shape
   chosen from the profile, their offerings, places, currency and language, data ending on
   the run date), sized by the job's options (scale small/default/large or rows). The
   run date is the job's ``as_of`` option when given, else today by the injected clock;
   the seed is the job's, else derived from the prospect (URL and company).
2. With Claude (``ctx.services.llm``), ask for a tailored DatasetSpec through the schema, with
   the template as the worked example; validate it (schema, naming, keys, generators,
   golden-query SQL, and a small trial generation in which every golden query must return
   rows, and a trial in which every consistency rule holds); on failure, one repair round
   with the errors (each naming tables and columns); then fall back to step 1's spec.
   ``LLMUnavailable`` also falls back. Offline (no key) step 1's spec is used directly.
3. Store ``spec.json`` and return a small result for later phases.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any, Literal

import sqlglot
from pydantic import ValidationError
from sqlglot import exp

from demoforge.domain import artifacts
from demoforge.domain.errors import InvalidInput, LLMInvalidOutput, LLMUnavailable
from demoforge.domain.job import EventLevel, Phase
from demoforge.domain.profile import ProspectProfile
from demoforge.domain.results import MIN_GOLDEN_QUERIES, ModelingResult, ResearchResult
from demoforge.prompts import modeling as prompts
from demoforge.service.phase import PhaseContext, PhaseOutput, input_invalid
from demoforge.spec.model import DatasetSpec
from demoforge.sql.guard import UnsafeQuery, check_select
from demoforge.stories import plant
from demoforge.synth.templates import (
    build_for_profile,
    profile_of,
    prospect_seed,
    resize,
    target_rows,
)

# Realism checks whose failure makes a designed spec unusable: keys, time order and every
# consistency rule (a statistical check such as seasonality only warns).
BLOCKING_CHECKS = frozenset({
    "pk", "fk", "after", "case", "text_case", "only_when", "exclude", "match", "started", "until",
    "status_flow", "staff_location", "time_order", "churn", "run_date", "window",
})

TRIAL_ROWS = 20_000  # trial generation size: enough for every golden query to find rows
# A whole DatasetSpec is ~5-8k output tokens: minutes, not the default per-call seconds.
# Two calls (design + repair) must still fit the function's timeout (phase_deadline_s),
# so each call gets at most half of it minus a minute for everything else.
DESIGN_TIMEOUT_S = 240.0


def read_profile(ctx: PhaseContext) -> ProspectProfile:
    """Research's result as a prospect profile (an older research result gets the profile's
    defaults for what it lacks)."""
    raw = ctx.job.results.get(Phase.RESEARCH.value)
    if raw is None:
        ctx.result(ResearchResult)  # raises: research must run first
    try:
        return profile_of(raw or {})
    except ValidationError as e:
        raise input_invalid(ctx.job_id, "the research result", str(e.errors()[0]["msg"])) from e


def run_date(ctx: PhaseContext) -> dt.date:
    """The date the data ends on: the job's ``as_of`` option, else today (injected clock)."""
    return ctx.job.options.as_of or ctx.services.clock().date()


def run(ctx: PhaseContext) -> PhaseOutput:
    profile = read_profile(ctx)
    opts = ctx.job.options
    try:
        total = target_rows(opts.scale, opts.rows)
    except ValueError as e:
        raise InvalidInput(str(e), code="invalid_scale") from e
    as_of = run_date(ctx)
    seed = opts.seed if opts.seed is not None else prospect_seed(ctx.job.customer_url, profile.company_name)
    fallback = build_for_profile(profile, as_of=as_of, url=ctx.job.customer_url, seed=seed,
                                 scale=opts.scale, rows=opts.rows)
    template_name = fallback.industry  # the template (one per industry); the shape is in the summary

    spec = fallback
    source: Literal["template", "claude"] = "template"
    llm = ctx.services.llm
    if llm is None and (why := ctx.services.llm_off_reason):
        ctx.log(why, EventLevel.WARNING)
    if llm is not None:
        try:
            designed = design(ctx, profile, fallback, total)
        except LLMUnavailable as e:
            ctx.log("Claude is unavailable; using the customised template", EventLevel.WARNING, error=str(e))
            designed = None
        if designed is not None:
            spec, source = designed, "claude"
        else:
            ctx.log("using the customised industry template", EventLevel.INFO, template=template_name)
    if spec.seed != seed:
        spec = spec.model_copy(update={"seed": seed})
    # 3-5 stories from the library, chosen by the prospect's seed and tied to their own
    # offerings and places; each comes with its detection query, verified in content.
    spec = plant(spec, spec.seed, profile)

    ctx.services.artifacts.put(ctx.job_id, artifacts.SPEC, spec.model_dump_json(indent=1).encode())
    planned = spec.planned_rows()
    result = ModelingResult(
        spec_artifact=artifacts.SPEC, template=template_name, source=source,
        tables=len(spec.tables), planned_rows=planned,
    )
    summary = {
        "template": template_name, "source": source, "tables": len(spec.tables),
        "planned_rows": planned, "golden_queries": len(spec.golden_queries),
        "stories": [s.name for s in spec.stories], "shape": spec.shape, "country": spec.country,
        "currency": spec.currency, "language": spec.language, "as_of": str(spec.as_of or as_of),
        "metrics": len(spec.semantic.metrics),
    }
    return PhaseOutput(summary=summary, result=result.model_dump(mode="json"))


def design(
    ctx: PhaseContext, profile: ProspectProfile, template: DatasetSpec, total_rows: int
) -> DatasetSpec | None:
    """Claude's spec (validated, sized), or None after a failed repair round."""
    llm = ctx.services.llm
    if llm is None:  # the key's version was disabled a moment ago
        return None
    schema = DatasetSpec.model_json_schema()
    message = prompts.design_message(
        research=profile.model_dump(mode="json", exclude={"evidence", "pages", "candidates", "rejected", "facts"}),
        template=template.model_dump(mode="json", exclude_defaults=True), target_rows=total_rows,
        setting={"as_of": str(template.as_of), "country": template.country, "currency": template.currency,
                 "language": template.language, "locale": template.locale},
    )
    previous: dict[str, Any] = {}
    # Two rounds must fit the delivery's deadline (the lease is renewed while it runs).
    timeout_s = min(DESIGN_TIMEOUT_S, max(30.0, (ctx.settings.phase_deadline_s - 60) / 2))
    for attempt in (1, 2):
        try:
            raw = llm.structured(
                system=prompts.DESIGN_SYSTEM, messages=[{"role": "user", "content": message}],
                tool_name=prompts.DESIGN_TOOL, schema=schema, max_tokens=32_000,
                timeout_s=timeout_s,
            )
        except LLMInvalidOutput as e:
            raw, errors = {}, [str(e)]
        else:
            spec, errors = validate_candidate(_with_setting(raw, template), total_rows)
            if spec is not None:
                ctx.log("Claude designed the dataset", EventLevel.INFO, attempt=attempt, tables=len(spec.tables))
                return spec
            previous = raw
        ctx.log(
            f"Claude's dataset spec failed validation (attempt {attempt})", EventLevel.WARNING,
            errors=errors[:20],
        )
        message = prompts.repair_message(previous=previous, errors=errors)
    return None


def _with_setting(raw: dict[str, Any], template: DatasetSpec) -> dict[str, Any]:
    """Claude's spec set where the prospect is (run date, country, currency, language,
    locale, seed) unless it says otherwise; validation then refuses timestamps past the run date."""
    out = dict(raw)
    for key in ("as_of", "country", "currency", "language", "locale", "shape", "seed"):
        value = getattr(template, key)
        if out.get(key) is None and value is not None:
            out[key] = value.isoformat() if isinstance(value, dt.date) else value
    return out


def validate_candidate(raw: dict[str, Any], total_rows: int) -> tuple[DatasetSpec | None, list[str]]:
    """(spec sized to ``total_rows``, []) or (None, errors naming table and column)."""
    try:
        spec = DatasetSpec.model_validate(raw)
    except ValidationError as e:
        return None, pydantic_errors(e, raw)
    errors: list[str] = []
    if not 3 <= len(spec.tables) <= 15:
        errors.append(f"spec: {len(spec.tables)} tables; design 6 to 15")
    errors += query_errors(spec)
    if len(spec.golden_queries) < MIN_GOLDEN_QUERIES:
        errors.append(f"spec: {len(spec.golden_queries)} golden queries; at least {MIN_GOLDEN_QUERIES} are needed")
    if errors:
        return None, errors
    try:
        sized = resize(spec, total_rows)
    except ValidationError as e:
        return None, pydantic_errors(e, raw)
    trial_errors, failing = trial_run(sized)
    if trial_errors:
        return None, trial_errors
    if failing:
        # Drop queries that return nothing on the data, if enough remain to make a demo.
        kept = [q for i, q in enumerate(sized.golden_queries, 1) if i not in failing]
        if len(kept) < MIN_GOLDEN_QUERIES:
            return None, [failing[i] for i in sorted(failing)]
        sized = sized.model_copy(update={"golden_queries": kept})
    return sized, []


def pydantic_errors(e: ValidationError, raw: Any) -> list[str]:
    """Pydantic errors with list indices replaced by the table/column names they point at."""
    out: list[str] = []
    for err in e.errors()[:40]:
        loc = list(err.get("loc", ()))
        where: list[str] = []
        node: Any = raw
        for i, part in enumerate(loc):
            prev = loc[i - 1] if i else None
            if isinstance(part, int) and isinstance(node, list) and part < len(node):
                node = node[part]
                name = node.get("name") if isinstance(node, dict) else None
                label = {"tables": "table", "columns": "column"}.get(str(prev), str(prev))
                where.append(f"{label} {name!r}" if name else f"{label} #{part + 1}")
            else:
                if not isinstance(part, int) and part not in ("tables", "columns"):
                    where.append(str(part))
                node = node.get(part) if isinstance(node, dict) else None
        msg = str(err.get("msg", "invalid"))
        out.append(f"{' '.join(where) or 'spec'}: {msg}")
    return out


def query_errors(spec: DatasetSpec) -> list[str]:
    """Golden queries must be one read-only SELECT over this spec's unqualified tables."""
    tables = {t.name.lower() for t in spec.tables}
    errors: list[str] = []
    for i, q in enumerate(spec.golden_queries, 1):
        where = f"golden query {i} ({q.question[:60]!r})"
        try:
            # The guard the content phase applies (functions, depth, statements, scope).
            check_select(q.sql, dataset="spec")
        except UnsafeQuery as e:
            errors.append(f"{where}: {e.message}")
            continue
        try:
            statements = [s for s in sqlglot.parse(q.sql, read="bigquery") if s is not None]
        except sqlglot.errors.ParseError as e:
            errors.append(f"{where}: does not parse as BigQuery SQL: {str(e).splitlines()[0]}")
            continue
        if len(statements) != 1 or not isinstance(statements[0], exp.Query):
            errors.append(f"{where}: must be exactly one SELECT statement")
            continue
        stmt = statements[0]
        ctes = {c.alias_or_name.lower() for c in stmt.find_all(exp.CTE)}
        for t in stmt.find_all(exp.Table):
            if t.args.get("db") or t.args.get("catalog"):
                errors.append(f"{where}: table {t.sql(dialect='bigquery')} must be unqualified")
            elif t.name.lower() not in tables and t.name.lower() not in ctes:
                errors.append(f"{where}: unknown table {t.name!r} (tables: {sorted(tables)})")
    return errors


def trial_run(spec: DatasetSpec) -> tuple[list[str], dict[int, str]]:
    """Generate a small sample and run the realism checks: (blocking errors, {query number:
    why it failed}). Keys or foreign keys that do not hold are blocking."""
    from demoforge.synth.generate import generate_dataset  # numpy-heavy: only on this path
    from demoforge.synth.realism import check

    small = resize(spec, min(TRIAL_ROWS, spec.planned_rows()))
    with tempfile.TemporaryDirectory(prefix="demoforge-trial-") as tmp:
        try:
            generate_dataset(small, Path(tmp))
        except ValueError as e:
            return [f"spec: generation failed: {e}"], {}
        results = check(small, Path(tmp))
    blocking = [
        f"{r.name}: {r.detail}" for r in results
        if not r.passed and r.name.split(":")[0] in BLOCKING_CHECKS
    ]
    failing = {
        int(r.name.split(":")[1]): f"golden query {r.name.split(':')[1]}: {r.detail}"
        for r in results if not r.passed and r.name.startswith("query:")
    }
    return blocking, failing

