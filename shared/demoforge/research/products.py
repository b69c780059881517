"""Offline products/services extraction: what a prospect sells, as short noun phrases.

The names end up in the synthetic catalogue, the demo script and planted stories, so a
wrong name is worse than a missing one. Candidates come from page structure, most
trusted first:

1. JSON-LD Product/Service/Offer names; lists and sub-headings under a products /
   services / pricing heading, or on a page whose URL or title says it is one;
2. enumerations in the title and meta description ("accounting platform: invoicing,
   expenses, bank feeds and reports");
3. plan names anchored on a recurring price ("Growth: $49/month" -> "Growth plan");
4. navigation links and enumerations in the main text (home and offer pages), only to
   fill a short list.

Every candidate must then pass the one offering filter as a bare name
(``domain.offerings.is_plausible``: at most five words, no call to action, question,
pronoun, slogan cue or site furniture, not the company name). This is the extractor as it
was before the prospect profile (``research.offerings``), kept for the legacy comparison
in ``bench/research_profile.py``; its section cues and text readers are shared.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from collections.abc import Iterable, Iterator, Sequence

from demoforge.domain.offerings import PRONOUNS, clean, is_plausible, norm
from demoforge.research.extract import PageExtract


def _words(text: str) -> frozenset[str]:
    return frozenset(norm(w) for w in text.split())


# Headings and URL words that announce a products / services / pricing section or page.
_OFFER_CUE = re.compile(
    r"product|produkt|produit|prodott|producto|shop|store|boutique|sortiment|catalog|katalog|"
    r"collection|categor|kategor|servic|serviz|leistung|prestation|dienst|angebot|offre|offer|"
    r"practice areas|rechtsgebiet|fachgebiet|tätigkeitsfeld|kompetenz|expertise|domaines|\brooms\b|zimmer|"
    r"chambres|programs|programmes|studieng|therap|"
    r"pricing|preise|tarif|plans|solution|lösung|solucion|soluzion|feature|funktion|"
    r"speisekarte|\bcarte\b|\bmenu|treatment|behandlung|traitement|specialt|fachbereich|"
    r"spécialit|courses|kurse|\bcours\b|\brange\b|what we (?:do|offer|sell)|was wir|ce que nous",
    re.I,
)
_NOT_OFFER_PAGE = re.compile(r"about|über|ueber|a-propos|à propos|team|history|geschichte|career|karriere|"
                             r"jobs|contact|kontakt|impressum|privacy|datenschutz|blog|news", re.I)

_SPLIT_CONJ = re.compile(r"\s+(?:and|und|et|y|e|or|oder|ou|sowie|as well as|&|\+)\s+", re.I)
_HEAD_SEP = re.compile(r"\s*(?::|\s[–—-]\s)\s*")
_LEAD_IN = re.compile(
    r"(?:.*[:])|(?:.*\b(?:with|including|incl\.?|such as|like|offers?|offering|provides?|sells?|from|"
    r"mit|wie|inklusive|darunter|sowie|avec|comme|dont|notamment|con|como|incluyendo|tra cui|"
    r"zoals|met)\b)",
    re.I,
)
_CLAUSE = re.compile(r"(?<!\b[a-z])[.;!?\n]+(?:\s|$)|\s[–—]\s|\(|\)")
_PRICE = r"(?i:[$€£]\s?\d[\d.,]*|\d[\d.,]*\s?(?:€|eur\b|chf\b|usd\b|gbp\b|£|\$|kr\b))"
# A capitalised name right before a recurring price: "Growth: $49/month", "Basis 9 € pro Monat".
_PLAN = re.compile(
    r"(?<![\w$€£])([A-ZÄÖÜÉ][\w+-]*(?:\s[A-ZÄÖÜÉ][\w+-]*){0,2})\s*:?\s*(?i:from\s|ab\s|à partir de\s)?"
    + _PRICE + r"\s*(?i:/|per|pro|par|al|a|an|im)?\s*(?i:month|mo|monat|mois|mes|mese|maand|year|yr|jahr|an|año|"
    r"anno|user|seat|nutzer|utilisateur)\b"
)
_PLAN_STOP = _words("only from ab dès just now starting plans plan pricing price preis prix desde nur "
                    "für pour per save free then und and et")


# A bare plan name ("Starter") reads as a word, not an offer, in a catalogue or a script.
_PLAN_WORD = {"en": "plan", "de": "Tarif", "fr": "formule", "es": "plan", "it": "piano", "nl": "abonnement"}
_HAS_PLAN_WORD = re.compile(r"plan|tarif|paket|package|pack|edition|abo|formule|formula|tier|subscription|"
                            r"licen[cs]e|piano|bundle", re.I)


def _plan_name(name: str, language: str) -> str:
    if _HAS_PLAN_WORD.search(name) or len(name.split()) > 2:
        return name
    return f"{name} {_PLAN_WORD.get(language, 'plan')}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def _head(item: str) -> str:
    """The name part of a list item: before a colon or dash, first of a comma/"and" list.
    "Cardiology: ECG, stress tests" -> "Cardiology"; "Pediatrics and vaccinations" -> "Pediatrics"."""
    item = _HEAD_SEP.split(item, maxsplit=1)[0]
    item = item.split(",")[0]
    return clean(_SPLIT_CONJ.split(item, maxsplit=1)[0])


def _enumerations(text: str, *, proper_nouns_ok: bool, need_lead_in: bool = False) -> Iterator[str]:
    """Items of comma lists with at least three members in ``text``:
    "platform: invoicing, expenses, bank feeds and reports" -> invoicing, expenses, ..."""
    for clause in _CLAUSE.split(text[:20_000]):
        parts = [p.strip() for p in clause.split(",")]
        if len(parts) < 2:
            continue
        last = _SPLIT_CONJ.split(parts[-1], maxsplit=1)
        if len(last) != 2 or len(parts) + 1 < 3:
            continue
        first = parts[0]
        lead = _LEAD_IN.match(first)
        if lead:
            first = first[lead.end():]
        elif need_lead_in:
            continue  # running text: only lists the sentence introduces ("such as", ":")
        elif len(first.split()) > 3:
            first = ""  # the sentence's subject, not a list member
        items = [first, *parts[1:-1], *last]
        items = [clean(i) for i in items]
        if len([i for i in items if i]) < 3:
            continue
        for item in items:
            n = len(item.split())
            if not item or n > 4:
                continue
            # Mid-sentence capitals in languages that do not capitalise nouns: a place or brand.
            if not proper_nouns_ok and item[:1].isupper() and not item.split()[0].isupper():
                continue
            yield _cap(item)


_NON_LATIN = _words("ru uk bg sr mk be el ar fa he ur hi bn th ja zh ko ka hy")


def _latin(text: str) -> bool:
    """Only Latin-script letters (accents allowed)."""
    return all(not c.isalpha() or ("LATIN" in unicodedata.name(c, "")) for c in text)


def _is_offer_page(page: PageExtract) -> bool:
    path = urllib.parse.unquote(urllib.parse.urlsplit(page.url).path)
    return bool(_OFFER_CUE.search(path) or (_OFFER_CUE.search(page.title) and not _NOT_OFFER_PAGE.search(path)))


def _key(name: str) -> tuple[str, ...]:
    """Comparison key: case-folded words, simple plural -s dropped, hyphens as spaces."""
    words = norm(name).replace("-", " ").split()
    return tuple(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)


def _duplicate(key: tuple[str, ...], taken: Iterable[tuple[str, ...]]) -> bool:
    for other in taken:
        if key == other:
            return True
        short, long_ = (key, other) if len(key) < len(other) else (other, key)
        if long_[: len(short)] == short and key is long_:
            return True  # "Ski touring skis" after "Ski touring"
        if len(other) < len(key) and other[-1] == key[-1]:
            return True  # "Rain jackets" after "Jackets"
    return False


def _candidates(pages: Sequence[PageExtract]) -> list[list[str]]:
    """Candidate names per trust tier (see the module docstring)."""
    subheadings: list[str] = []
    structural: list[str] = []
    described: list[str] = []
    plans: list[str] = []
    filler: list[str] = []
    for i, page in enumerate(pages):
        offer_page = _is_offer_page(page)
        structural += page.jsonld_offers
        for block in page.item_lists:
            under_offer = bool(_OFFER_CUE.search(block.heading)) and not block.heading.strip().endswith("?")
            if under_offer or (offer_page and block.source == "headings"):
                # Sub-headings first: they name categories; list items tend to be finer-grained.
                (subheadings if block.source == "headings" else structural).extend(_head(i) for i in block.items)
        latin_caps = page.language in ("de", "lb")  # German capitalises every noun
        latin_page = page.language not in _NON_LATIN
        for source in (page.title, page.description, page.og.get("description", "")):
            described += _enumerations(source, proper_nouns_ok=True)
        plans += [_plan_name(m.group(1), page.language) for m in _PLAN.finditer(page.text[:20_000])
                  if norm(m.group(1).split()[0]) not in _PLAN_STOP]
        # Language switchers list names in other scripts ("Pусский", "日本語").
        # A nav link naming a section ("Practice areas", "Zimmer & Suiten") is a label, not an item.
        filler += [t for t in page.nav_links if (not latin_page or _latin(t)) and not _OFFER_CUE.search(t)]
        if i == 0 or offer_page:
            filler += _enumerations(page.text, proper_nouns_ok=latin_caps, need_lead_in=True)
    return [subheadings + structural, described, plans, filler]


def products(pages: Sequence[PageExtract], *, company: str = "", limit: int = 10, fill_to: int = 6) -> list[str]:
    """Product and service names for ``pages`` (home page first), best first."""
    out: list[str] = []
    keys: list[tuple[str, ...]] = []
    for tier, names in enumerate(_candidates(pages)):
        if tier == 3 and len(out) >= fill_to:
            break  # navigation and running text only fill a short list
        for raw in names:
            name = _cap(clean(raw))
            if not is_plausible(name, company, plan=tier == 2):
                continue
            key = _key(name)
            if _duplicate(key, keys):
                continue
            keys.append(key)
            out.append(name)
            if len(out) >= limit:
                return out
    return out


# ------------------------------------------------------------------ sub-industry phrase
_READABLE_TYPES = {
    "SoftwareApplication": "software", "WebApplication": "web application", "MobileApplication": "mobile app",
    "OnlineStore": "online store", "OnlineBusiness": "online business", "LocalBusiness": "local business",
    "MedicalBusiness": "medical practice", "MedicalOrganization": "medical organisation",
    "ProfessionalService": "professional services firm", "FinancialService": "financial services firm",
    "FoodEstablishment": "food business", "LodgingBusiness": "lodging business",
    "NGO": "non-profit organisation", "GovernmentOrganization": "government organisation",
}
_SOFTWARE_KIND = re.compile(
    r"\b([a-zäöüéè][\w-]{2,}(?:\s[a-zäöüéè][\w-]{2,})?)\s(?:software|platform|app|saas|tool|system)\b", re.I)
_SOFTWARE_FILLER = _words("cloud online web the a an our your best leading simple easy modern smart saas "
                          "all-in-one business small powerful free new")


def readable_type(schema_type: str) -> str:
    """A schema.org type as words: "OnlineStore" -> "online store", "MedicalClinic" ->
    "medical clinic", acronyms kept ("NGO")."""
    if schema_type in _READABLE_TYPES:
        return _READABLE_TYPES[schema_type]
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", schema_type)
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in spaced.split())


def sub_industry(schema_types: Sequence[str], pages: Sequence[PageExtract]) -> str:
    """A readable sub-industry from the most specific schema.org type, refined for
    software by the page's own words ("cloud accounting software" -> "accounting software")."""
    if not schema_types:
        return ""
    phrase = readable_type(schema_types[0])
    if phrase in ("software", "web application", "mobile app"):
        for page in pages:
            for source in (page.title, page.og.get("title", ""), page.description):
                for m in _SOFTWARE_KIND.finditer(source):
                    words = [w for w in m.group(1).split() if norm(w) not in _SOFTWARE_FILLER]
                    if words and not any(norm(w) in PRONOUNS for w in words):
                        return f"{' '.join(words).lower()} software"
        return "business software" if phrase == "software" else phrase
    return phrase
