"""The prospect profile from extracted pages: company, offerings, places and money,
languages, business shape, customer type, channels and warnings, each inferred value with
its confidence (``ProspectProfile.facts``).

The industry comes from the offline classifier (``offline.score_pages``); everything else
here is read from the pages' structure. The same functions validate Claude's answer
(``research.claude``): its offerings pass the same furniture filter.
"""

from __future__ import annotations

import re
import urllib.parse
from collections import Counter
from collections.abc import Sequence

import pycountry

from demoforge.domain import industries
from demoforge.domain.offerings import CTA_VERBS, fold
from demoforge.domain.offerings import furniture as furniture_reason
from demoforge.domain.profile import Channel, CustomerType, Fact, Shape
from demoforge.research import places
from demoforge.research.extract import _NOT_ORG, _ORG_TYPES, PageExtract
from demoforge.research.offerings import Selection, few_offerings_warning, select

# Title separators: " | ", " - ", " – ", " — ", " · ", " » ", " -- ", " :: " and a colon
# closing a word ("Project management software: VisionProject").
_TITLE_SPLIT = re.compile(r"\s+(?:[|\-–—:•·»]|--|::)\s+|\s*\|\s*|(?<=\w):\s+")
_LEGAL_NAME = re.compile(
    r"\b((?:[A-ZÄÖÜ][\w&'.-]*|&)(?:\s(?:[A-ZÄÖÜ&][\w&'.-]*|&|und|and|et|de|der|von|van)){0,4}\s"
    r"(?:GmbH(?:\s&\sCo\.\sKG)?|AG|KG|OHG|e\.\s?V\.|eG|UG|SE|Ltd\.?|Limited|LLC|Inc\.?|Corp\.?|Corporation|"
    r"S\.?A\.?S?|SARL|S\.r\.l\.|S\.p\.A\.|B\.V\.|N\.V\.|AB|Oy|A/S|ApS|plc|PLC|Pty\.?\sLtd\.?))(?!\w)")


def _squash(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(s))


_SENTENCE_END = re.compile(r"[a-zäöüß]{3,}[.!?]$|[!?]")


def _plausible_company(name: str) -> bool:
    """A name, not a slogan, a sentence or a link word ("Let's build a better future.")."""
    name = name.strip()
    words = name.split()
    if len(words) == 1 and fold(name) in CTA_VERBS:
        return False  # "© Bildrechte anzeigen" leaves "anzeigen"
    return (2 <= len(name) <= 80 and len(words) <= 8 and any(c.isalpha() for c in name)
            and not _SENTENCE_END.search(name) and furniture_reason(name) is None)


def _drop_tagline(name: str, stem: str) -> str:
    """A name field carrying a tagline after a comma ("Complete Building, Gloucester",
    "BlueDogInk.com Ink Cartridges, Toners, Printers"): the words before the comma, and of
    those only the ones that spell the domain when they do ("BlueDogInk.com"). Names with
    no comma are kept as written: "Bächli Bergsport AG" keeps its legal form."""
    if "," not in name:
        return name
    head = name.split(",", 1)[0].strip()
    words = head.split()
    if stem:
        for i in range(1, len(words)):
            if _squash(" ".join(words[:i])).startswith(stem):
                return " ".join(words[:i])
    return head if len(head) >= 2 and _plausible_company(head) else name


def _topics(page: PageExtract) -> set[str]:
    """What the page is about: its first headings and its URL slug, folded."""
    slug = urllib.parse.unquote(urllib.parse.urlsplit(page.url).path.rstrip("/").rsplit("/", 1)[-1])
    return {fold(h) for h in page.headings[:3]} | {fold(re.sub(r"[-_]+", " ", slug))} - {""}


def company(pages: Sequence[PageExtract]) -> tuple[str, Fact]:
    """The business's own name: Organization/LocalBusiness structured data, og:site_name,
    logo alt text, the copyright or imprint line; the page title only as a last resort."""
    home = pages[0]
    host = (urllib.parse.urlsplit(home.url).hostname or "").removeprefix("www.")
    stem = _squash(host.split(".")[0]) if host else ""

    def domain_like(name: str) -> bool:
        sq = _squash(name)
        return bool(stem and sq and (sq in stem or stem in sq))

    options: list[tuple[str, float, str]] = []  # name, confidence, signal
    for p in pages:
        for node in p.nodes:
            if node.name and (_ORG_TYPES.intersection(node.types) or not _NOT_ORG.issuperset(node.types)) \
                    and not {"Product", "Offer", "Service", "ListItem"} & set(node.types):
                options.append((node.name, 0.9, f"{node.source} {'/'.join(node.types[:2])} name"))
    home_topics = _topics(home)
    for p in pages:
        site_name = p.og.get("site_name", "")
        if site_name:
            # A site name equal to the page's topic is a CMS default, not the business.
            topical = fold(site_name) in home_topics
            options.append((site_name, 0.5 if topical else 0.85, "og:site_name" + (" (the page topic)" if topical else "")))
    for p in pages:
        if p.logo_alt:
            # Logo alt texts are often a CMS's placeholder: below the copyright line unless
            # they match the domain (then the boost below puts them first).
            options.append((p.logo_alt, 0.65, "logo alt text"))
    for p in pages:
        if p.copyright:
            options.append((p.copyright, 0.7, "copyright line"))
        m = _LEGAL_NAME.search(p.place_text)
        if m:
            options.append((m.group(1), 0.7, "imprint/contact line"))
    for seg in (s.strip() for s in _TITLE_SPLIT.split(home.title)):
        if seg and domain_like(seg) and len(seg) <= 60:
            # The title is the last resort: even matching the domain it ranks below the
            # name fields ("Naples Dermatology and ..." is the page's topic, not a name).
            options.append((seg, 0.35, "title segment"))
    for i, (name, conf, signal) in enumerate(options):
        # A name that also matches the domain is the brand; others may be a parent or product.
        if domain_like(name):
            options[i] = (name, min(0.97, conf + 0.25), signal + " (matches the domain)")
    title_topic = fold(_TITLE_SPLIT.split(home.title)[0]) if home.title else ""
    good = [o for o in options if _plausible_company(o[0]) and (
        o[2].startswith(("json-ld", "microdata", "rdfa", "og:")) or "matches the domain" in o[2]
        or fold(o[0]) not in home_topics | {title_topic})]
    if good:
        best = max(good, key=lambda o: o[1])  # first of the highest confidence: document order
        if best[0].isupper() and len(best[0]) <= 6 and " " not in best[0]:
            # An acronym ("BMJV") is the short form: a full name from the business's own
            # name fields says more.
            full = [o for o in good if len(o[0].split()) >= 2 and o[2].startswith(("copyright", "imprint", "json-ld",
                                                                                  "microdata", "rdfa", "og:"))]
            if full:
                best = max(full, key=lambda o: o[1])
        name, signal = best[0], best[2]
        trimmed = _drop_tagline(name, stem)
        if trimmed != name:
            name, signal = trimmed, signal + " (its tagline after the comma dropped)"
        return name[:200], Fact(value=name[:200], confidence=best[1], signals=[signal])
    segments = [s.strip() for s in _TITLE_SPLIT.split(home.title) if s.strip()]
    # The title's topic is the page's heading or its URL slug ("Feuerwehr Oldenburg -
    # Ausbildung" on /ausbildung): the other segment names the site.
    named = [seg for seg in segments if fold(seg) not in home_topics]
    topic_dropped = bool(named) and len(named) < len(segments)
    if topic_dropped:
        segments = named
    for seg in segments:
        if domain_like(seg) and len(seg) <= 60:
            return seg[:200], Fact(value=seg[:200], confidence=0.6, signals=["title segment matching the domain"])
    is_ip = bool(re.fullmatch(r"[0-9.]+|\[?[0-9a-f:]+\]?", host))
    if len(segments) >= 2:
        brand = title_brand(segments, [o[0] for o in options], [p.title for p in pages[1:]])
        if brand is not None:
            return brand[0][:200], Fact(value=brand[0][:200], confidence=0.45, signals=[f"title segment ({brand[1]})"])
    if len(segments) >= 2 or topic_dropped:
        name = segments[-1][:200]
        return name, Fact(value=name, confidence=0.4, signals=["last title segment"])
    if host and not is_ip:
        name = host.split(".")[0].replace("-", " ").title()[:200]
        return name, Fact(value=name, confidence=0.35, signals=["domain name"])
    name = (segments[0] if segments else "Unknown company")[:200]
    return name, Fact(value=name, confidence=0.2, signals=["page title"])


_SLOGAN_WORD = re.compile(r"(?<![\w'’-])[a-zäöüßàâçéèêëîïôûùœáíóúñ]{4,}(?![\w'’-])")
_WHAT_IN_PLACE = re.compile(r"^\S+.*\s(?:in|near|à|en|bei|im|a|di|nahe)\s+(\S.*)$", re.I)
_INNER_CAPITAL = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ]|^[A-ZÀ-Þ0-9&]{2,}$")


def title_brand(segments: Sequence[str], names: Sequence[str], other_titles: Sequence[str]) -> tuple[str, str] | None:
    """The title segment that names the brand, with why, when one stands out: it matches a
    name the site gives elsewhere (og:site_name, logo alt, copyright, schema.org, even ones
    too weak to be chosen alone), recurs in the site's other page titles, or reads as a
    name (one to four words, a capital inside a word: "VisionProject", "MinusL") where the
    others read as a slogan (commas, lower-case words). None when no segment stands out:
    the caller keeps its fallback."""
    folded_names = [_squash(n) for n in names if _squash(n)]
    other = [{_squash(x) for x in _TITLE_SPLIT.split(t)} for t in other_titles]
    scored: list[tuple[float, str, str]] = []
    for seg in segments:
        sq = _squash(seg)
        if not sq or not _plausible_company(seg):
            scored.append((-10.0, seg, ""))  # a link word or a sentence: a competitor that never wins
            continue
        score, why = 0.0, ""
        if any(len(min(sq, n, key=len)) >= 3 and (sq in n or n in sq) for n in folded_names):
            score, why = score + 3, "matches the site's name elsewhere"
        if sum(sq in titles for titles in other) >= 1:
            score, why = score + 2, why or "recurs in the site's page titles"
        words = seg.split()
        # A slogan: commas, many words, lower-case words after the first ("software, collaborate online").
        slogan = seg.count(",") + (len(words) > 4) + bool(_SLOGAN_WORD.search(" ".join(words[1:])))
        m = _WHAT_IN_PLACE.search(seg)
        if m and places.city(m.group(1)) is not None:
            slogan += 1  # "Dentist in Springfield": what and where, not a name
        if _INNER_CAPITAL.search(seg.replace(" ", "")) and len(words) <= 4:
            score, why = score + 1, why or "reads as a name"
        scored.append((score - slogan, seg, why or "reads as a name"))
    if len(scored) < 2:
        return None
    scored.sort(key=lambda x: -x[0])
    (top, seg, why), (second, _, _) = scored[0], scored[1]
    # A clear winner only, never a slogan itself, and for a reason: evidence for it or a
    # slogan beside it (beating a link word alone, "Startseite | Willkommen", is none).
    # A tie keeps the caller's fallback.
    return (seg, why) if top > second and (top > 0 or (top == 0 and second > -10)) else None


def languages(pages: Sequence[PageExtract]) -> tuple[str, list[str], Fact]:
    """(primary language, languages of the site, fact): the content's language per page
    (declared, checked against the text), the home page counting most; hreflang
    alternates are the business's other languages."""
    votes: Counter[str] = Counter()
    for i, p in enumerate(pages):
        if p.language:
            votes[p.language] += 3 if i == 0 else 1
    primary = votes.most_common(1)[0][0] if votes else "en"
    langs = [primary, *[lang for lang, _ in votes.most_common() if lang != primary]]
    for p in pages:
        langs += [a for a in p.alternate_languages
                  if len(a) == 2 and a not in langs and pycountry.languages.get(alpha_2=a) is not None]
    langs = [lang for lang in langs if len(lang) == 2 and pycountry.languages.get(alpha_2=lang) is not None] or ["en"]
    total = sum(votes.values()) or 1
    signals = [f"page language {p.language} ({p.url})" for p in pages[:3] if p.language]
    conf = round(0.5 + 0.45 * votes.get(primary, 0) / total, 3) if votes else 0.3
    return primary, langs[:8], Fact(value=primary, confidence=conf, signals=signals or ["default"])


_MARKETPLACE = re.compile(r"\b(marketplace|marktplatz|place de marché|marketplace sellers|verkäufer werden|"
                          r"become a seller|sell on)\b", re.I)
_B2B = re.compile(r"\b(b2b|for businesses|for companies|für unternehmen|geschäftskunden|firmenkunden|"
                  r"pour les entreprises|professionnels|enterprise|industrie|industrial|großhandel|wholesale|"
                  r"oem|manufacturers|hersteller|händler werden|reseller|distributors?)\b", re.I)
_B2C = re.compile(r"\b(privatkunden|for you|für sie|familie|family|families|consumers|verbraucher|particuliers|"
                  r"homeowners|eigenheim|patients|patienten|guests|gäste)\b", re.I)
_APP = re.compile(r"apps\.apple\.com|play\.google\.com|itunes\.apple\.com", re.I)
_DELIVERY = re.compile(r"\b(lieferservice|delivery|lieferung|livraison|versand|shipping|envío|spedizione)\b", re.I)


def _blob(pages: Sequence[PageExtract]) -> str:
    return " ".join(f"{p.title} {p.description} {' '.join(p.nav_links)} {p.text[:5000]}" for p in pages)


def shape_of(industry: str, pages: Sequence[PageExtract], n_locations: int) -> tuple[Shape, Fact]:
    """A closed-list shape: the industry's default, refined by what the site shows (a
    cart, product nodes, a marketplace, hospital or restaurant types, several locations)."""
    blob = _blob(pages)
    types = {t for p in pages for n in p.nodes for t in n.types}
    cart = any(p.has_cart for p in pages)
    signals: list[str] = []
    shape: str = industries.get(industry).shape
    if len(_MARKETPLACE.findall(blob)) >= 2:
        shape, signals = "marketplace", ["marketplace wording"]
    elif industry == "retail_ecommerce":
        if n_locations >= 3 or ({"Store", "LocalBusiness"} & types and not cart):
            shape, signals = "store_chain", [f"{n_locations} locations" if n_locations >= 3 else "store structured data"]
        else:
            shape, signals = "online_shop", ["cart" if cart else "retail vocabulary"]
    elif industry == "restaurants_food":
        if {"Restaurant", "CafeOrCoffeeShop", "BarOrPub", "FoodEstablishment", "Menu", "FastFoodRestaurant"} & types:
            shape, signals = "restaurant_cafe", ["restaurant structured data"]
        elif cart or {"Product"} & types:
            shape, signals = "d2c_brand", ["food products" + (" with a web shop" if cart else "")]
    elif industry == "healthcare" and "Hospital" in types:
        shape, signals = "hospital", ["Hospital structured data"]
    elif industry in ("manufacturing", "pharma_life_sciences") and cart:
        shape, signals = "d2c_brand" if len(_B2C.findall(blob)) > len(_B2B.findall(blob)) else "b2b_maker_distributor", ["web shop"]
    conf = 0.75 if signals else 0.55
    return shape, Fact(value=shape, confidence=conf, signals=signals or [f"typical of {industry}"])  # type: ignore[return-value]


def customer_type(industry: str, shape: str, pages: Sequence[PageExtract]) -> tuple[CustomerType, str]:
    """(B2C/B2B/both, the legacy business_model)."""
    if industry in ("government_public", "nonprofit"):
        return "B2C", "public"
    if shape == "marketplace":
        return "both", "marketplace"
    blob = _blob(pages)
    b2b, b2c = len(_B2B.findall(blob)), len(_B2C.findall(blob))
    if shape in ("b2b_maker_distributor", "saas") or industry in (
            "manufacturing", "professional_services", "construction_engineering", "logistics_transport",
            "saas_software", "pharma_life_sciences"):
        return ("both" if b2c >= 3 else "B2B"), "B2B"
    if b2b >= 3:
        return ("both" if b2c >= 2 else "B2B"), "B2B"
    return "B2C", "B2C"


def channels(pages: Sequence[PageExtract], n_locations: int, phones: int, shape: str) -> list[Channel]:
    out: list[Channel] = []
    if any(p.has_cart for p in pages) or shape == "online_shop":
        out.append("web_shop")
    if n_locations or shape in ("store_chain", "restaurant_cafe", "practice_clinic", "hospital", "hotel_lodging"):
        out.append("physical_locations")
    if phones:
        out.append("phone")
    if any(c.href.startswith("mailto:") for p in pages for c in p.candidates):
        out.append("email")
    if any(_APP.search(c.href) for p in pages for c in p.candidates):
        out.append("app")
    if shape == "marketplace":
        out.append("marketplace")
    if _DELIVERY.search(_blob(pages)[:20_000]) and "web_shop" in out:
        out.append("delivery")
    return out


def place_inputs(pages: Sequence[PageExtract]) -> list[places.PlaceInputs]:
    out = []
    for p in pages:
        addresses = [(n.address.locality, n.address.region, n.address.country, f"{n.source} address")
                     for n in p.nodes if n.address is not None]
        phones = " ".join(n.telephone for n in p.nodes if n.telephone)
        text = " | ".join(x for x in (phones, p.place_text, p.text[:20_000]) if x)
        out.append(places.PlaceInputs(url=p.url, declared_lang=p.declared_language, og_locale=p.og.get("locale", ""),
                                      addresses=addresses, text=text, currencies=list(p.currencies),
                                      language=p.language))
    return out


def offerings(pages: Sequence[PageExtract], company_name: str, country: str | None) -> Selection:
    return select(pages, company=company_name, country=country)


def typical_of(industry: str, sub_industry: str) -> str:
    """What the rest of a thin catalogue is typical of: "an online store" (the
    sub-industry, a kind of business), else the industry itself ("restaurants & food")."""
    if sub_industry:
        return f"{'an' if sub_industry[:1].lower() in 'aeiou' else 'a'} {sub_industry}"
    if industry == "other":
        return "a business of its kind"
    return industries.label(industry).lower()


__all__ = ["channels", "company", "customer_type", "few_offerings_warning", "languages", "offerings",
           "place_inputs", "shape_of", "typical_of"]
