"""Frozen copy of the offline analyser as it was before the prospect profile
(``offline.analyse_legacy`` and its helpers, moved out of the package): the baseline
``research_profile.py`` compares today's profile against. Benchmark-only: not part of the
package, not in any function zip, and it must not follow the library (what it measures is
how research read pages *then*).

Company from JSON-LD, og:site_name or the title segment that looks like the domain;
language by a vote of the pages' detected languages; business model from a few B2B and
marketplace cues. The industry still comes from the library's classifier
(``offline.score_pages``): the profile benchmark does not score the industry, so the
baseline's company, language and product figures depend only on frozen code
(``legacy_extract``, ``legacy_products``, this file).
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from collections import defaultdict
from collections.abc import Sequence

import legacy_products

from demoforge.domain.results import ResearchResult
from demoforge.research.extract import PageExtract
from demoforge.research.offline import MIN_SCORE, PROFILES, confidence_of, score_pages
from demoforge.research.products import sub_industry


def _norm(s: str) -> str:
    return unicodedata.normalize("NFC", s).lower()


_B2B = re.compile(r"\b(b2b|for businesses|for companies|für unternehmen|geschäftskunden|firmenkunden|"
                  r"pour les entreprises|professionnels|enterprise|industrie|industrial|großhandel|wholesale|"
                  r"oem|manufacturers|hersteller)\b", re.I)
# Industries whose customers are mostly other businesses.
_B2B_INDUSTRIES = frozenset({"manufacturing", "professional_services", "construction_engineering",
                             "logistics_transport", "saas_software", "pharma_life_sciences"})
_MARKETPLACE = re.compile(r"\b(marketplace|marktplatz|place de marché|sellers|verkäufer werden|become a seller)\b", re.I)


def business_model(industry: str, pages: Sequence[PageExtract]) -> str:
    if industry in ("government_public", "nonprofit"):
        return "public"
    blob = " ".join(f"{p.title} {p.description} {' '.join(p.nav_links)} {p.text[:5000]}" for p in pages)
    if len(_MARKETPLACE.findall(blob)) >= 2:
        return "marketplace"
    if industry in _B2B_INDUSTRIES:
        return "B2B"
    # Elsewhere consumers are the default customers unless the site keeps addressing firms.
    return "B2B" if len(_B2B.findall(blob)) >= 3 else "B2C"


_TITLE_SPLIT = re.compile(r"\s+[|\-–—:•·»]\s+|\s*\|\s*")


def guess_company_name(pages: Sequence[PageExtract]) -> str:
    """JSON-LD organisation name, else og:site_name, else the title segment that looks
    like the domain, else the domain itself."""
    if not pages:
        return "Unknown company"
    home = pages[0]
    for p in pages:
        if p.jsonld_names:
            return p.jsonld_names[0][:200]
    for p in pages:
        if p.og.get("site_name"):
            return p.og["site_name"][:200]
    host = (urllib.parse.urlsplit(home.url).hostname or "").removeprefix("www.")
    stem = host.split(".")[0] if host else ""
    segments = [s.strip() for s in _TITLE_SPLIT.split(home.title) if s.strip()]
    squash = re.sub(r"[^a-z0-9]", "", stem.lower())
    for seg in segments:
        seg_squash = re.sub(r"[^a-z0-9]", "", _norm(seg))
        if squash and seg_squash and (seg_squash in squash or squash in seg_squash) and len(seg) <= 60:
            return seg[:200]
    is_ip = bool(re.fullmatch(r"[0-9.]+|\[?[0-9a-f:]+\]?", host))
    if len(segments) >= 2:
        # "Page title | Brand" is the most common title pattern.
        return segments[-1][:200]
    if stem and not is_ip:
        return stem.replace("-", " ").title()[:200]
    return (segments[0] if segments else "Unknown company")[:200]


def language(pages: Sequence[PageExtract]) -> str:
    votes: dict[str, int] = defaultdict(int)
    for i, p in enumerate(pages):
        if p.language:
            votes[p.language] += 3 if i == 0 else 1
    return max(votes.items(), key=lambda kv: kv[1])[0] if votes else "en"


def analyse(pages: Sequence[PageExtract], *, company_name: str | None = None) -> ResearchResult:
    """The analyser as it was before the prospect profile: industry, company from the
    title, products from the frozen ``legacy_products`` (navigation filler and the filter
    of that time), no offerings, country or currency (demos were placed in the US, in USD).
    No evidence quotes: the benchmark does not score them."""
    scores = score_pages(pages)
    probs = confidence_of(scores.ranked())
    if not probs or scores.ranked()[0][1] < MIN_SCORE:
        industry, confidence = "other", round(probs[0][1], 3) if probs else 0.0
        confidence = min(confidence, 0.3)
    else:
        industry, confidence = probs[0]
    entities, kpis = PROFILES.get(industry, PROFILES["other"])
    company = (company_name or guess_company_name(pages))[:200]
    return ResearchResult(
        company_name=company,
        industry=industry,
        sub_industry=sub_industry(scores.jsonld.get(industry, []), pages)[:200],
        business_model=business_model(industry, pages),
        products_services=legacy_products.products(pages, company=company),
        key_entities=list(entities),
        kpis=list(kpis),
        evidence=[],
        confidence=confidence,
        language=language(pages),
        candidates=[(k, p) for k, p in probs[:3]],
        source="offline",
        pages=[p.url for p in pages][:10],
    )
