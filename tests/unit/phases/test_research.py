"""The research phase body with fakes: clarification below the threshold, hints, results
kept small, artifacts, cache, fallbacks and error kinds."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pytest

from demoforge.bootstrap import Container
from demoforge.domain import artifacts
from demoforge.domain.errors import LLMUnavailable, PermanentError, TransientError, UnsafeUrl
from demoforge.domain.job import JobDoc, JobStatus, Phase
from demoforge.domain.results import ResearchResult
from demoforge.phases import research
from demoforge.service.jobs import AnswerRequest, answer_job
from demoforge.service.phase import PhaseContext
from tests.support.fake_fetcher import FakeFetcher, page

URL = "https://www.example-shop.de/"
CLEAR = page("Example Shop", "<p>Online-Shop: in den Warenkorb, versandkostenfrei ab 50 €, "
             "Lieferzeit 2 Tage, Zahlungsarten PayPal und Klarna, Gutschein, Sale, Bestseller, "
             "Neuheiten, Wunschliste. Preis 19,99 € inkl. MwSt zzgl. Versand.</p>", lang="de")
AMBIGUOUS = page("Willkommen", "<p>Willkommen auf unserer Seite. Hotel Zimmer buchen, und unser "
                 "Restaurant mit Speisekarte und Küche.</p>", lang="de")


def _ctx(deps: Container, **job: Any) -> PhaseContext:
    doc = JobDoc(job_id="job1", customer_url=job.pop("url", URL), **job)
    deps.store.create(doc)
    return PhaseContext(job=doc, phase=Phase.RESEARCH, services=deps)


def test_confident_result_completes_without_question(make_deps: Callable[..., Container]) -> None:
    deps = make_deps(FakeFetcher({URL: CLEAR}))
    out = research.run(_ctx(deps))
    assert out.waiting is None
    r = ResearchResult.model_validate(out.result)
    assert r.industry == "retail_ecommerce" and r.confidence >= 0.7 and r.source == "offline"
    assert out.summary["industry"] == "retail_ecommerce" and out.summary["pages"] == 1


def test_low_confidence_waits_with_top3_candidates(make_deps: Callable[..., Container]) -> None:
    deps = make_deps(FakeFetcher({URL: AMBIGUOUS}))
    out = research.run(_ctx(deps))
    assert out.waiting is not None
    r = ResearchResult.model_validate(out.result)
    assert r.confidence < deps.settings.confidence_threshold
    assert out.waiting.candidates == [c for c, _ in r.candidates[:3]]
    assert {"travel_hospitality", "restaurants_food"} <= set(out.waiting.candidates)
    assert len(out.waiting.candidates) <= 3
    assert "industry" in out.waiting.question


def test_threshold_is_configurable(make_deps: Callable[..., Container]) -> None:
    deps = make_deps(FakeFetcher({URL: AMBIGUOUS}), confidence_threshold=0.05)
    assert research.run(_ctx(deps)).waiting is None


def test_industry_hint_skips_the_question(make_deps: Callable[..., Container]) -> None:
    deps = make_deps(FakeFetcher({URL: AMBIGUOUS}))
    out = research.run(_ctx(deps, industry_hint="restaurants_food", company_name="Gasthof Post"))
    assert out.waiting is None
    r = ResearchResult.model_validate(out.result)
    assert (r.industry, r.confidence, r.source) == ("restaurants_food", 1.0, "hint")
    assert r.company_name == "Gasthof Post"
    # The facts say how each value was reached, the hint included.
    assert r.facts["industry"].value == "restaurants_food" and r.facts["industry"].signals == [
        "given by the customer engineer"]
    assert out.summary["facts"]["industry"] == {"value": "restaurants_food", "confidence": 1.0}


def test_result_is_small_and_pages_go_to_an_artifact(make_deps: Callable[..., Container]) -> None:
    body = "<p>" + "Warenkorb Versand Bestseller. " * 3000 + "</p>"
    deps = make_deps(FakeFetcher({URL: page("Shop", body)}))
    out = research.run(_ctx(deps))
    assert len(json.dumps(out.result)) < 10_000
    stored = json.loads(deps.artifacts.get("job1", artifacts.RESEARCH_PAGES))
    assert stored["pages"][0]["url"] == URL and len(stored["pages"][0]["text"]) > 10_000


def test_second_run_uses_the_cache(make_deps: Callable[..., Container]) -> None:
    fetcher = FakeFetcher({URL: CLEAR})
    deps = make_deps(fetcher)
    first = research.run(_ctx(deps))
    deps.store.create(JobDoc(job_id="job2", customer_url=URL))
    second = research.run(PhaseContext(job=deps.store.get("job2"), phase=Phase.RESEARCH, services=deps))  # type: ignore[arg-type]
    # Only the first run fetched (the home page and its imprint, read for the address).
    assert fetcher.calls == [URL, URL + "impressum"]
    assert second.summary["cached"] is True and second.result == first.result


def test_unsafe_url_is_permanent_with_code(make_deps: Callable[..., Container]) -> None:
    deps = make_deps(FakeFetcher({URL: UnsafeUrl("refusing to fetch 10.0.0.1: private address")}))
    with pytest.raises(PermanentError) as ei:
        research.run(_ctx(deps))
    assert ei.value.code == "unsafe_url" and "10.0.0.1" in ei.value.message


@pytest.mark.parametrize("error", [TransientError("timed out", code="fetch_timeout"),
                                   PermanentError("cannot resolve", code="dns_failure")])
def test_fetch_errors_keep_their_kind(make_deps: Callable[..., Container], error: Exception) -> None:
    deps = make_deps(FakeFetcher({URL: error}))  # type: ignore[dict-item]
    with pytest.raises(type(error)):
        research.run(_ctx(deps))


class ScriptedLLM:
    def __init__(self, *answers: dict[str, Any] | Exception) -> None:
        self.answers = list(answers)
        self.calls: list[dict[str, Any]] = []

    def structured(self, *, system: str, messages: Sequence[Mapping[str, Any]], tool_name: str,
                   schema: Mapping[str, Any], max_tokens: int = 4096) -> dict[str, Any]:
        self.calls.append({"system": system, "messages": list(messages)})
        a = self.answers.pop(0)
        if isinstance(a, Exception):
            raise a
        return a


def test_llm_unavailable_falls_back_to_offline(make_deps: Callable[..., Container]) -> None:
    llm = ScriptedLLM(LLMUnavailable("overloaded"))
    deps = make_deps(FakeFetcher({URL: CLEAR}), llm=llm)
    out = research.run(_ctx(deps))
    assert out.result["source"] == "offline" and out.result["industry"] == "retail_ecommerce"
    events, _ = deps.store.events("job1")
    assert any("Claude unavailable" in e.message for e in events)


def test_llm_result_used_when_valid(make_deps: Callable[..., Container]) -> None:
    llm = ScriptedLLM({"company_name": "Example Shop GmbH", "industry": "retail_ecommerce",
                       "business_model": "B2C", "confidence": 0.93, "language": "de",
                       "evidence": [{"quote": "versandkostenfrei ab 50 €", "source_url": URL}],
                       "alternatives": [{"industry": "restaurants_food", "probability": 0.03}]})
    deps = make_deps(FakeFetcher({URL: CLEAR}), llm=llm)
    out = research.run(_ctx(deps))
    r = ResearchResult.model_validate(out.result)
    assert (r.source, r.company_name, r.confidence) == ("claude", "Example Shop GmbH", 0.93)
    assert r.candidates[0] == ("retail_ecommerce", 0.93) and out.waiting is None


def test_answer_after_waiting_still_validates(make_deps: Callable[..., Container]) -> None:
    """The lead's answer_job edits results["research"]; the stored dict must stay a valid
    ResearchResult for later phases."""
    deps = make_deps(FakeFetcher({URL: AMBIGUOUS}))
    ctx = _ctx(deps)
    out = research.run(ctx)
    assert out.waiting is not None

    def to_waiting(job: JobDoc | None) -> tuple[JobDoc | None, None]:
        assert job is not None
        job.status, job.clarification = JobStatus.WAITING, out.waiting
        job.results[Phase.RESEARCH.value] = out.result
        return job, None

    deps.store.transact("job1", to_waiting)
    job = answer_job(deps, "job1", AnswerRequest(industry="restaurants_food", notes="a Gasthof"))
    r = ResearchResult.model_validate(job.results["research"])
    assert (r.industry, r.source, r.notes) == ("restaurants_food", "answer", "a Gasthof")


def test_thin_page_still_offers_three_candidates(make_deps: Callable[..., Container]) -> None:
    deps = make_deps(FakeFetcher({URL: page("Welcome", "<p>Welcome. We are a team. Learn more.</p>")}))
    out = research.run(_ctx(deps))
    assert out.waiting is not None and len(out.waiting.candidates) == 3
    assert len(set(out.waiting.candidates)) == 3 and "other" not in out.waiting.candidates
    # The stored result stays honest: only evidence-backed candidates with their scores.
    assert len(out.result["candidates"]) < 3
