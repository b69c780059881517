"""Research phase: what business is behind the customer URL?

crawl (cached per normalised URL) -> extract -> analyse (Claude when configured, else
or when Claude is unavailable the offline analyser) -> apply the request's hints. Below
the confidence threshold the job waits for a person to pick the industry from the top
candidates (``POST /jobs/{id}:answer``); an ``industry_hint`` skips that question.

The job document receives only the small ``ResearchResult``; the extracted page text goes
to the artifact ``research/pages.json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from demoforge.domain import artifacts
from demoforge.domain.errors import LLMUnavailable, UnsafeUrl
from demoforge.domain.job import Clarification, EventLevel
from demoforge.domain.profile import Fact
from demoforge.domain.results import ResearchResult
from demoforge.research import cache, claude, offline
from demoforge.research.crawl import crawl
from demoforge.research.extract import EXTRACT_VERSION, PageExtract
from demoforge.service.phase import PhaseContext, PhaseOutput
from demoforge.service.services import Services

ARTIFACT_TEXT_CHARS = 20_000
FALLBACK_CANDIDATES = ("retail_ecommerce", "professional_services", "saas_software", "manufacturing")


def read_site(
    services: Services, url: str, *, log: Callable[[str], None] | None = None,
    use_cache: bool = True,
) -> tuple[list[PageExtract], bool]:
    """(pages, from_cache). Fetch errors propagate with their transient/permanent kind;
    a refused URL becomes ``PermanentError`` code ``unsafe_url``."""
    settings = services.settings
    private = settings.allow_private_network
    if use_cache:
        cached = cache.load(services.research_cache, url, private_allowed=private)
        # Extracts of an older extraction version are re-crawled: they lack what the
        # profile reads, and a cached page must give the verdict a fresh one gives.
        if cached and all(p.version == EXTRACT_VERSION for p in cached):
            return cached, True
    try:
        result = crawl(services.fetcher, url, max_pages=settings.crawl_max_pages, log=log)
    except UnsafeUrl as e:
        raise UnsafeUrl(f"refused to research {url}: {e.message}") from e
    if use_cache:
        cache.save(services.research_cache, url, result.pages, settings.research_cache_ttl_s,
                   private_allowed=private)
    return result.pages, False


def as_cached(services: Services, url: str, pages: list[PageExtract]) -> list[PageExtract]:
    """The pages as the cache holds them (without links, texts possibly cut), else as
    crawled. Analysing this view makes the first run reach the verdict every later,
    cached run reaches; analysing the fuller crawl was why a second run in the same home
    could give another industry."""
    stored = cache.load(services.research_cache, url,
                        private_allowed=services.settings.allow_private_network)
    return stored if stored and len(stored) == len(pages) else pages


def analyse(
    services: Services, pages: list[PageExtract], *, company_name: str | None = None,
    log: Callable[[str], None] | None = None,
) -> ResearchResult:
    """Claude when configured (falling back to offline when it is unavailable), else offline."""
    offline_result = offline.analyse(pages, company_name=company_name)
    llm = services.llm
    if llm is None:
        if log and (why := services.llm_off_reason):
            log(why)  # configured but no key yet: say so on the job
        return offline_result
    try:
        result = claude.analyse(llm, pages, offline=offline_result, company_hint=company_name)
    except LLMUnavailable as e:
        if log:
            log(f"Claude unavailable, using the offline analyser: {e.message}")
        return offline_result
    if company_name:
        result = result.model_copy(update={"company_name": company_name})
    return result


def run(ctx: PhaseContext) -> PhaseOutput:
    def warn(msg: str) -> None:
        ctx.log(msg, EventLevel.WARNING)

    pages, from_cache = read_site(ctx.services, ctx.job.customer_url, log=warn)
    ctx.log(
        f"read {len(pages)} page(s) of {ctx.job.customer_url}" + (" (cached)" if from_cache else ""),
        pages=[p.url for p in pages],
    )
    artifact = {"pages": [p.capped(ARTIFACT_TEXT_CHARS).model_dump(mode="json", exclude={"links"}) for p in pages]}
    ctx.services.artifacts.put(
        ctx.job_id, artifacts.RESEARCH_PAGES, json.dumps(artifact, ensure_ascii=False, indent=1).encode()
    )

    view = pages if from_cache else as_cached(ctx.services, ctx.job.customer_url, pages)
    result = analyse(ctx.services, view, company_name=ctx.job.company_name, log=warn)
    waiting: Clarification | None = None
    if ctx.job.industry_hint:
        # The CE told us; keep the analysis for everything else (products, KPIs ...).
        result = result.model_copy(update={
            "industry": ctx.job.industry_hint, "confidence": 1.0, "source": "hint",
            "facts": {**result.facts, "industry": Fact(value=ctx.job.industry_hint, confidence=1.0,
                                                       signals=["given by the customer engineer"])},
        })
        result = ResearchResult.model_validate(result.model_dump())
    elif result.confidence < ctx.settings.confidence_threshold:
        candidates: list[str] = [c for c, _ in result.candidates[:3] if c != "other"]
        # A thin page may support fewer than three industries; the person still gets three
        # choices, topped up with the most common demo industries (they may pick any).
        for fallback in FALLBACK_CANDIDATES:
            if len(candidates) >= 3:
                break
            if fallback not in candidates:
                candidates.append(fallback)
        waiting = Clarification(
            question=(
                f"Which industry best describes {result.company_name} ({ctx.job.customer_url})? "
                f"The site reads most like {result.industry.replace('_', ' ')}, but only with "
                f"{result.confidence:.0%} confidence. Choose one of the candidates or any industry."
            ),
            candidates=candidates,
        )
    ctx.log(
        f"industry {result.industry} ({result.source}, confidence {result.confidence:.2f})"
        + (": asking a person" if waiting else ""),
        candidates=[list(c) for c in result.candidates],
    )
    ctx.log(
        f"profile: {len(result.offerings)} offering(s), {len(result.rejected)} candidate(s) rejected, "
        f"country {result.country or '?'}, currency {result.currency or '?'}, language {result.language}, "
        f"shape {result.shape}",
        offerings=[o.name for o in result.offerings[:10]],
    )
    for warning in result.warnings:
        warn(warning)
    summary = {
        "industry": result.industry, "confidence": result.confidence, "source": result.source,
        "company_name": result.company_name, "pages": len(pages), "cached": from_cache,
        "offerings": len(result.offerings), "country": result.country, "currency": result.currency,
        "warnings": list(result.warnings),
        # How each inferred value was reached, small enough for the job document (the
        # signals behind each are in the result).
        "facts": {k: {"value": f.value, "confidence": f.confidence} for k, f in result.facts.items()},
    }
    return PhaseOutput(summary=summary, result=result.model_dump(mode="json"), waiting=waiting)
