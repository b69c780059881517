"""Offline analyser: a deterministic industry classifier over extracted page signals.

Used without an Anthropic key and as the fallback when Claude is unavailable. Signals:
multilingual lexicon terms (``research.lexicon``) counted per field with field weights
(title and URL say more than body text), schema.org JSON-LD types, URL cues, and the
business's own name from the profile (a strong term in it weighs like schema.org types:
who speaks, not what the page talks about). Each term contributes
``weight * log(1 + weighted count)`` so many different industry words beat one word
repeated fifty times.

Confidence is meant to be honest, not flattering: it is the winner's share of the
(sharpened) top scores, discounted when there is little evidence at all. A page with
three weak cues is never "90% sure". The constants were set once for calibration (mean
confidence close to measured accuracy), not per page.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
import urllib.parse
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from demoforge.domain.industries import INDUSTRY_CODES, REGISTRY
from demoforge.domain.profile import Fact
from demoforge.domain.results import Evidence, ResearchResult
from demoforge.research import places, profile
from demoforge.research.extract import PageExtract
from demoforge.research.lexicon import JSONLD_TYPES, LEXICON
from demoforge.research.products import sub_industry
from demoforge.research.quotes import ELLIPSIS, sentence_quote

# How much one occurrence in each field counts. ``name`` is the business's own name from
# the profile (structured data, og:site_name, logo, copyright line), read as the title is.
# (The profile's offerings were tried as a field too and left out: on the dev pages they
# move a wine shop to food and a fire brigade to its vehicles.)
FIELD_WEIGHTS: dict[str, float] = {
    "url": 3.0, "title": 3.0, "og": 2.0, "description": 2.0, "headings": 1.5,
    "nav": 1.0, "footer": 0.5, "text": 1.0, "name": 3.0,
}
JSONLD_BONUS = 6.0
# A strong term (weight 3: "Ministerium", "Hospital", "Werbeagentur") in the business's own
# name says what the business is, as schema.org types do (two of them give 2 x 6): who
# speaks, not what the page talks about (a ministry's consumer advice on energy contracts
# is still a ministry).
NAME_BONUS = 12.0
SHARPEN = 2.0  # exponent on scores before taking shares
EVIDENCE_SCALE = 6.0  # score at which evidence counts as ~63% "enough"
MIN_SCORE = 1.5  # below this nothing is known: industry "other"


@dataclass(frozen=True)
class _Term:
    industry: str
    term: str
    weight: float


@dataclass
class _Matcher:
    exact: re.Pattern[str] | None
    prefix: re.Pattern[str] | None
    inner: re.Pattern[str] | None
    table: dict[tuple[str, str], list[_Term]] = field(default_factory=dict)

    def spans(self, text: str) -> list[tuple[int, int, tuple[str, str]]]:
        """Leftmost-longest, non-overlapping matches: one word counts once, so ``=shop``
        and ``*shop`` do not both score "shop", and ``ferienwohnung`` (travel) is not
        also read as ``*wohnung`` (real estate)."""
        found: list[tuple[int, int, tuple[str, str]]] = []
        for mode, pattern in (("=", self.exact), ("", self.prefix), ("*", self.inner)):
            if pattern is not None:
                found += [(m.start(), m.end(), (mode, " ".join(m.group(0).split())))
                          for m in pattern.finditer(text)]
        found.sort(key=lambda s: (s[0], s[0] - s[1]))
        out: list[tuple[int, int, tuple[str, str]]] = []
        last_end = -1
        for span in found:
            if span[0] >= last_end:
                out.append(span)
                last_end = span[1]
        return out

    def find(self, text: str) -> Iterable[_Term]:
        for _, _, key in self.spans(text):
            yield from self.table.get(key, ())


def _norm(s: str) -> str:
    return unicodedata.normalize("NFC", s).lower()


def _alternation(terms: Iterable[str]) -> str:
    ordered = sorted(set(terms), key=len, reverse=True)  # longest first: most specific wins
    return "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in ordered)


@functools.lru_cache(maxsize=1)
def matcher() -> _Matcher:
    table: dict[tuple[str, str], list[_Term]] = defaultdict(list)
    for industry, spec in LEXICON.items():
        for raw in spec.split():
            weight = 1.0
            if "^" in raw:
                raw, w = raw.rsplit("^", 1)
                weight = float(w)
            mode = raw[0] if raw[0] in "=*" else ""
            term = _norm(raw.lstrip("=*").replace("_", " "))
            if term:
                table[(mode, term)].append(_Term(industry, f"{mode}{term}", weight))
    by_mode: dict[str, list[str]] = defaultdict(list)
    for mode, term in table:
        by_mode[mode].append(term)
    w = r"[^\W_]"  # a letter or digit
    exact = re.compile(rf"(?<!{w})(?:{_alternation(by_mode['='])})(?!{w})") if by_mode["="] else None
    prefix = re.compile(rf"(?<!{w})(?:{_alternation(by_mode[''])})") if by_mode[""] else None
    inner = re.compile(rf"(?:{_alternation(by_mode['*'])})") if by_mode["*"] else None
    return _Matcher(exact, prefix, inner, dict(table))


def _url_text(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    path = urllib.parse.unquote(parts.path)
    return re.sub(r"[-_./?=&+%0-9]+", " ", f"{host.rsplit('.', 1)[0]} {path}")


def _fields(page: PageExtract) -> dict[str, str]:
    return {
        "url": _url_text(page.url),
        "title": page.title,
        "og": " . ".join(v for k, v in page.og.items() if k in ("title", "site_name")),
        "description": page.description or page.og.get("description", ""),
        "headings": " . ".join(page.headings),
        "nav": " . ".join(page.nav_links),
        "footer": " . ".join(page.footer_links),
        "text": page.text,
    }


@dataclass
class Scores:
    """Per-industry scores and what produced them (for evidence and debugging)."""

    scores: dict[str, float]
    term_hits: dict[str, dict[str, float]]  # industry -> term -> weighted count
    jsonld: dict[str, list[str]]  # industry -> schema.org types seen

    def ranked(self) -> list[tuple[str, float]]:
        return sorted(((k, v) for k, v in self.scores.items() if v > 0), key=lambda kv: (-kv[1], kv[0]))


_CART = re.compile(
    r"warenkorb|shopping[ -]?(?:cart|bag|basket)|\bcart\b|\bbasket\b|\bcheckout\b|panier|carrito|carrello|winkelwagen",
    re.I,
)
_PRICE = re.compile(r"(?:[€$£]|\b(?:eur|chf|usd|gbp))\s?\d{1,5}(?:[.,]\d{2})?\b|\b\d{1,5}[.,]\d{2}\s?(?:[€$£]|eur\b|chf\b)", re.I)


def _commerce_signal(page: PageExtract) -> float:
    """An online shop shows its mechanics: a cart and prices. Both together are a strong
    retail cue whatever is being sold (wine, ink, jackets)."""
    chrome = " ".join([*page.nav_links, *page.footer_links, page.title])
    # Cart links are often icons without text: their URL still says "cart".
    # ``has_cart`` is read at extraction from link URLs and kept in the cache (the links
    # themselves are not), so a cached page scores like a fresh one.
    has_cart = page.has_cart or bool(_CART.search(chrome) or _CART.search(page.text))
    if not has_cart:
        return 0.0
    prices = len(_PRICE.findall(page.text)) + len(_PRICE.findall(chrome))
    return 4.0 + 2.0 * math.log1p(prices)


def score_pages(pages: Sequence[PageExtract], *, name: str = "", weights: Mapping[str, float] = FIELD_WEIGHTS,
                name_bonus: float = NAME_BONUS) -> Scores:
    """Industry scores of ``pages`` and of the business's ``name`` (from the profile)."""
    m = matcher()
    fields = [*(_fields(page) for page in pages), {"name": name}]
    weighted: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    term_weight: dict[tuple[str, str], float] = {}
    jsonld: dict[str, list[str]] = defaultdict(list)
    for page_fields in fields:
        for key, text in page_fields.items():
            fw = weights[key]
            if not text or not fw:
                continue
            for hit in m.find(_norm(text)):
                weighted[hit.industry][hit.term] += fw
                term_weight[(hit.industry, hit.term)] = hit.weight
    for page in pages:
        for t in page.jsonld_types:
            industry = JSONLD_TYPES.get(t)
            if industry and t not in jsonld[industry]:
                jsonld[industry].append(t)
    scores = {i: 0.0 for i in INDUSTRY_CODES if i != "other"}
    for industry, terms in weighted.items():
        scores[industry] = sum(term_weight[(industry, t)] * math.log1p(c) for t, c in terms.items())
    for industry, types in jsonld.items():
        scores[industry] += JSONLD_BONUS * min(len(types), 2)
    scores["retail_ecommerce"] += sum(_commerce_signal(p) for p in pages)
    for industry in {t.industry for t in m.find(_norm(name)) if t.weight >= 3}:
        scores[industry] += name_bonus
    return Scores(scores, {k: dict(v) for k, v in weighted.items()}, dict(jsonld))


def confidence_of(ranked: Sequence[tuple[str, float]]) -> list[tuple[str, float]]:
    """Probabilities for the top candidates: sharpened shares times an evidence factor."""
    top = [(k, v) for k, v in ranked[:5] if v > 0]
    if not top:
        return []
    total = sum(v**SHARPEN for _, v in top)
    evidence = 1.0 - math.exp(-top[0][1] / EVIDENCE_SCALE)
    return [(k, round((v**SHARPEN / total) * evidence, 3)) for k, v in top]


# ------------------------------------------------------------------- result building
# Entities and KPIs an analytics demo for the industry would typically show (from the
# industry registry); modeling refines them. Kept short: they seed, they do not decide.
PROFILES: dict[str, tuple[list[str], list[str]]] = {
    code: (list(ind.entities), list(ind.kpis)) for code, ind in REGISTRY.items()
}




def quote_around(source: str, start: int, end: int, limit: int = 300) -> str:
    """``source[start:end]`` widened or narrowed to whole words, with an ellipsis where
    the quote cuts the source: a quote cut mid-word ("technical j") looks broken."""
    start, end = max(0, start), min(len(source), end)
    if start > 0 and not source[start - 1].isspace():
        # Inside a word: skip to the next word start.
        while start < end and not source[start].isspace():
            start += 1
    if end < len(source) and not source[end].isspace():
        while end > start and not source[end - 1].isspace():
            end -= 1
    body = " ".join(source[start:end].split())
    if len(body) > limit - 2:
        body = body[: limit - 2].rsplit(" ", 1)[0]
        end = len(source)  # force the trailing ellipsis below
        cut_end = True
    else:
        cut_end = end < len(source) and bool(source[end:].strip())
    if not body:
        return ""
    cut_start = start > 0 and bool(source[:start].strip())
    return f"{ELLIPSIS if cut_start else ''}{body}{ELLIPSIS if cut_end else ''}"


def _evidence(pages: Sequence[PageExtract], industry: str, hits: dict[str, float], limit: int = 3) -> list[Evidence]:
    m = matcher()
    top_terms = {t for t, _ in sorted(hits.items(), key=lambda kv: -kv[1])[:8]}
    out: list[Evidence] = []
    for page in pages:
        for source in (page.title, page.description, page.text):
            if not source:
                continue
            norm = _norm(source)
            quoted = False  # one quote per source text: quotes of one paragraph overlap
            for pattern in (m.exact, m.prefix, m.inner):
                if pattern is None or quoted:
                    continue
                for hit in pattern.finditer(norm):
                    terms = {t.term for t in m.table.get(("", " ".join(hit.group(0).split())), [])}
                    terms |= {t.term for mode in "=*" for t in m.table.get((mode, " ".join(hit.group(0).split())), [])}
                    if not terms & top_terms:
                        continue
                    # The hit's whole sentence(s), clean of list and emphasis marks; a hit
                    # in a list item or a line of figures quotes nothing: try the next.
                    quote = sentence_quote(source, hit.start(), hit.end())
                    core = quote.strip(ELLIPSIS)
                    if not core:
                        continue
                    if all(core[:60] not in e.quote and e.quote.strip(ELLIPSIS)[:60] not in core for e in out):
                        out.append(Evidence(quote=quote, source_url=page.url[:2048]))
                        quoted = True
                    break
                if len(out) > len(pages) * 2:
                    break
            if len(out) >= limit:
                return out
    return out


def industry_of(scores: Scores) -> tuple[str, float, list[tuple[str, float]]]:
    """(industry, confidence, candidates). ``other`` only when no industry has any
    evidence at all; weak evidence gives its industry with a confidence that asks a person."""
    probs = confidence_of(scores.ranked())
    if not probs:
        return "other", 0.0, []
    industry, confidence = probs[0]
    if scores.ranked()[0][1] < MIN_SCORE:
        confidence = min(confidence, 0.3)
    return industry, confidence, probs[:3]


def analyse(pages: Sequence[PageExtract], *, company_name: str | None = None) -> ResearchResult:
    """The offline prospect profile for the crawled pages (home page first)."""
    facts: dict[str, Fact] = {}
    if company_name:
        company = company_name[:200]
        facts["company_name"] = Fact(value=company, confidence=1.0, signals=["given by the customer engineer"])
    else:
        company, facts["company_name"] = profile.company(pages)
    language, languages, facts["language"] = profile.languages(pages)
    where = places.infer(profile.place_inputs(pages))
    facts.update(where.facts)
    selection = profile.offerings(pages, company, where.country)
    locations = places.with_named_places(where.locations, selection.places, where.country)
    # The industry reads the profile too: what the business calls itself.
    scores = score_pages(pages, name=company)
    industry, confidence, candidates = industry_of(scores)
    entities, kpis = PROFILES.get(industry, PROFILES["other"])
    specific = scores.jsonld.get(industry, [])
    sub = sub_industry(specific, pages)[:200]
    shape, facts["shape"] = profile.shape_of(industry, pages, len(where.locations))
    customer, business_model = profile.customer_type(industry, shape, pages)
    phones = sum(len(places.phone_countries(p.place_text)) for p in pages[:3])
    facts["industry"] = Fact(value=industry, confidence=confidence,
                             signals=[f"{t} ({c:.1f})" for t, c in sorted(scores.term_hits.get(industry, {}).items(),
                                                                            key=lambda kv: -kv[1])[:6]]
                             + [f"schema.org {t}" for t in specific[:3]])
    warnings = [w for w in (profile.few_offerings_warning(len(selection.offerings), profile.typical_of(industry, sub)),)
                if w]
    return ResearchResult(
        company_name=company,
        industry=industry,
        sub_industry=sub,
        business_model=business_model,
        products_services=[o.name for o in selection.offerings][:30],
        key_entities=list(entities),
        kpis=list(kpis),
        evidence=_evidence(pages, industry, scores.term_hits.get(industry, {})),
        confidence=confidence,
        language=language,
        candidates=candidates,
        source="offline",
        pages=[p.url for p in pages][:10],
        offerings=selection.offerings,
        rejected=selection.rejected,
        country=where.country,
        currency=where.currency,
        locations=locations,
        languages=languages,
        shape=shape,
        customer_type=customer,
        channels=profile.channels(pages, len(where.locations), phones, shape),
        facts=facts,
        warnings=warnings,
    )

