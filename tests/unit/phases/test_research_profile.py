"""The research phase returns the prospect profile: offerings, places and money, and the
same verdict with or without the cache (the first run analyses what the cache keeps)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from demoforge.bootstrap import Container
from demoforge.domain.job import JobDoc, Phase
from demoforge.domain.results import ResearchResult
from demoforge.phases import research
from demoforge.service.phase import PhaseContext
from tests.support.fake_fetcher import FakeFetcher, page

URL = "https://www.kaffee-roesterei.de/"
# A coffee roaster's shop whose cart is an icon link (no text), with a long page: the
# cache drops links and cuts texts, which used to change the verdict on the second run.
SHOP = page(
    "Röstwerk Kaffee", "<h2>Unsere Kaffees</h2><ul>"
    "<li><h3>SIDAMO Bio Bohnen</h3><span>27,90 €</span></li>"
    "<li><h3>Espresso Classico</h3><span>19,50 €</span></li></ul>"
    + "<p>Frisch geröstet in Köln, Lieferung in 2 Tagen. Kaffee, Espresso und Filterkaffee.</p>" * 300,
    links='<a href="/warenkorb"><img src="cart.svg"></a><a href="/login">Einloggen</a>'
          '<a href="/seite/2">Nächstes</a><a href="/agb">Allgemeine Geschäftsbedingungen</a>',
    head='<meta property="og:site_name" content="Röstwerk">', lang="de",
)


def _run(deps: Container, job_id: str, **job: Any) -> ResearchResult:
    doc = JobDoc(job_id=job_id, customer_url=URL, **job)
    deps.store.create(doc)
    out = research.run(PhaseContext(job=doc, phase=Phase.RESEARCH, services=deps))
    return ResearchResult.model_validate(out.result)


def test_profile_has_priced_offerings_places_and_no_furniture(make_deps: Callable[..., Container]) -> None:
    r = _run(make_deps(FakeFetcher({URL: SHOP})), "p1")
    names = [o.name for o in r.offerings]
    assert names[:2] == ["SIDAMO Bio Bohnen", "Espresso Classico"]
    sidamo = r.offerings[0]
    assert (sidamo.price, sidamo.currency, sidamo.source) == (27.9, "EUR", "priced-item")
    assert not {"Einloggen", "Nächstes", "Allgemeine Geschäftsbedingungen"} & set(names)
    rejected = {x.name: x.reason for x in r.rejected}
    assert "account" in rejected["Einloggen"] and "legal" in rejected["Allgemeine Geschäftsbedingungen"]
    assert (r.country, r.currency, r.language) == ("DE", "EUR", "de")
    assert r.company_name == "Röstwerk" and r.products_services[:2] == names[:2]
    assert r.facts["country"].signals and 0 < r.facts["currency"].confidence <= 1


def test_same_verdict_with_and_without_the_cache(make_deps: Callable[..., Container]) -> None:
    fetcher = FakeFetcher({URL: SHOP})
    deps = make_deps(fetcher)
    first = _run(deps, "c1")
    second = _run(deps, "c2")
    assert fetcher.calls.count(URL) == 1  # the second run read the cache
    assert second.model_dump() == first.model_dump()
    uncached = _run(make_deps(FakeFetcher({URL: SHOP}), research_cache_ttl_s=0), "c3")
    assert (uncached.industry, uncached.candidates) == (first.industry, first.candidates)


def test_few_offerings_warn_and_are_never_invented(make_deps: Callable[..., Container]) -> None:
    html = page("Röstwerk", "<p>Wir rösten Kaffee in Köln.</p><ul><li><b>Hausmischung</b> 12,90 €</li>"
                "<li><b>Espresso</b> 14,90 €</li></ul>", lang="de")
    deps = make_deps(FakeFetcher({URL: html}))
    doc = JobDoc(job_id="w1", customer_url=URL)
    deps.store.create(doc)
    out = research.run(PhaseContext(job=doc, phase=Phase.RESEARCH, services=deps))
    r = ResearchResult.model_validate(out.result)
    assert [o.name for o in r.offerings] == ["Hausmischung", "Espresso"]
    assert r.warnings and r.warnings[0].startswith("2 offerings found on the site; the rest of the catalogue is typical of")
    assert out.summary["warnings"] == r.warnings
    # The job document says how country, currency, language ... were reached.
    facts = out.summary["facts"]
    assert {"company_name", "industry", "country", "currency", "language", "shape"} <= set(facts)
    assert facts["country"]["value"] == "DE" and 0 < facts["country"]["confidence"] <= 1
    assert facts["currency"] == {"value": "EUR", "confidence": r.facts["currency"].confidence}
    events = [e.message for e in deps.store.events("w1")[0]]
    assert any(m.startswith("2 offerings found on the site") for m in events)
