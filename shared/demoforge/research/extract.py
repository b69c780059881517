"""Extraction: from one HTML page to the signals research reasons over.

Main text comes from trafilatura (boilerplate removal measured far better than a bare
``get_text``); structure comes from BeautifulSoup: title, meta description, OpenGraph,
JSON-LD schema.org types and names (of the business and of what it offers), headings,
body lists with the heading they sit under, nav and footer link texts, the page
language and same-site links (for the crawl). Everything is capped so a hostile or
enormous page cannot blow up memory, the cache or the LLM prompt.
"""

from __future__ import annotations

import logging
import re
import urllib.parse
import warnings
from collections.abc import Iterable
from typing import Any

import trafilatura
from bs4 import BeautifulSoup, Tag, XMLParsedAsHTMLWarning
from pydantic import BaseModel, Field

from demoforge.research import blocks, structured
from demoforge.research.blocks import Candidate
from demoforge.research.bounds import Budget, flatten
from demoforge.research.money import find_prices
from demoforge.research.structured import Node

MAX_TEXT_CHARS = 20_000
MAX_LINKS = 200
MAX_LINK_TEXTS = 80
MAX_HEADINGS = 30
MAX_ITEM_LISTS = 20
MAX_LIST_ITEMS = 25
MAX_OFFERS = 40
# Bumped when extraction changes what it reads: cached extracts of an older version are
# re-crawled, so a cached page never gives another verdict than a fresh one.
EXTRACT_VERSION = 4

# trafilatura logs every page it finds thin at WARNING; that is not our problem.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
# XHTML pages served as HTML are normal on the web; lxml's HTML parser reads them fine.
warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)


class Link(BaseModel):
    text: str
    href: str  # absolute URL


class ItemList(BaseModel):
    """A run of sibling items in the page body with the heading it sits under: the
    ``li`` of a ``ul``/``ol`` (source "list"), or the sub-headings under one heading
    (source "headings"). Product and service ranges are usually laid out this way."""

    heading: str = ""
    items: list[str] = Field(default_factory=list)
    source: str = "list"


class PageExtract(BaseModel):
    """What research keeps of one page (cached, stored as an artifact, shown to Claude)."""

    url: str
    title: str = ""
    description: str = ""
    og: dict[str, str] = Field(default_factory=dict)
    jsonld_types: list[str] = Field(default_factory=list)
    jsonld_names: list[str] = Field(default_factory=list)
    # Names of schema.org Product/Service/Offer/... nodes: what the site says it sells.
    jsonld_offers: list[str] = Field(default_factory=list)
    headings: list[str] = Field(default_factory=list)
    nav_links: list[str] = Field(default_factory=list)
    footer_links: list[str] = Field(default_factory=list)
    item_lists: list[ItemList] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    language: str = ""
    text: str = ""
    # --- version 3: what the prospect profile reads ----------------------------------
    version: int = 0
    declared_language: str = ""  # <html lang> as written ("de-CH")
    alternate_languages: list[str] = Field(default_factory=list)  # hreflang alternates
    nodes: list[Node] = Field(default_factory=list)  # typed schema.org nodes, any syntax
    candidates: list[Candidate] = Field(default_factory=list)
    place_text: str = ""  # address, contact and footer lines
    copyright: str = ""
    logo_alt: str = ""
    currencies: list[str] = Field(default_factory=list)  # currencies of prices, as written
    has_cart: bool = False  # a cart/basket/checkout link or control
    notes: list[str] = Field(default_factory=list)  # bounds applied, steps skipped

    def capped(self, text_chars: int) -> PageExtract:
        """A copy with the main text cut to ``text_chars`` (cache and artifact budgets)."""
        return self.model_copy(update={"text": self.text[:text_chars]})


_WS = re.compile(r"\s+")


def _clean(s: str | None, limit: int = 300) -> str:
    return _WS.sub(" ", s or "").strip()[:limit]


def _dedupe(items: Iterable[str], limit: int) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for it in items:
        key = it.lower()
        if it and key not in seen:
            seen.add(key)
            out.append(it)
            if len(out) >= limit:
                break
    return out


# Node types whose "name" is the company's name. Any more specific business type (Dentist,
# InsuranceAgency, Restaurant ...) counts too; a WebSite's name is only a last resort.
_ORG_TYPES = {"Organization", "Corporation", "LocalBusiness", "OnlineStore", "Store", "NGO",
              "GovernmentOrganization", "EducationalOrganization", "Brand"}
_NOT_ORG = {"WebSite", "WebPage", "BreadcrumbList", "ListItem", "ImageObject", "SearchAction",
            "Person", "Product", "Offer", "Question", "Answer", "FAQPage", "CollectionPage",
            "Thing", "Article", "BlogPosting", "VideoObject", "Event", "Review", "Rating",
            "AggregateRating", "PostalAddress", "GeoCoordinates", "ContactPoint", "EntryPoint",
            "SiteNavigationElement", "Place", "OpeningHoursSpecification", "Country", "City"}


# Node types whose "name" is something the business sells.
_OFFER_TYPES = {"Product", "ProductGroup", "ProductModel", "IndividualProduct", "Service", "Offer",
                "OfferCatalog", "AggregateOffer", "MenuItem", "MenuSection", "Course", "FinancialProduct",
                "LoanOrCredit", "BankAccount", "InsurancePolicy", "MedicalProcedure", "MedicalTherapy",
                "TherapeuticProcedure", "Vehicle", "Car", "HotelRoom", "Suite", "Trip", "TouristTrip",
                "BroadcastService", "CableOrSatelliteService", "FoodService", "ProfessionalService"}


def _meta(soup: BeautifulSoup, *, name: str | None = None, prop: str | None = None) -> str:
    attrs: dict[str, Any] = (
        {"name": re.compile(f"^{re.escape(name)}$", re.I)} if name else {"property": prop}
    )
    tag = soup.find("meta", attrs=attrs)
    if isinstance(tag, Tag):
        return _clean(str(tag.get("content") or ""))
    return ""


def _link_texts(containers: Iterable[Tag], limit: int) -> list[str]:
    texts = []
    for c in containers:
        for a in c.find_all("a"):
            t = _clean(a.get_text(" "), 80)
            if 1 < len(t) <= 80:
                texts.append(t)
    return _dedupe(texts, limit)


_NAV_HINT = re.compile(r"(^|[-_ ])(nav|navbar|navigation|menu|mainmenu|main-menu|megamenu)($|[-_ ])", re.I)


def _nav_containers(soup: BeautifulSoup) -> list[Tag]:
    found: list[Tag] = list(soup.find_all(["nav", "header"]))
    found += [t for t in soup.find_all(True, attrs={"role": "navigation"}) if isinstance(t, Tag)]
    for t in soup.find_all(["ul", "div"], limit=3000):
        if not isinstance(t, Tag):
            continue
        ident = " ".join([str(t.get("id") or ""), " ".join(t.get("class") or [])])
        if ident.strip() and _NAV_HINT.search(ident):
            found.append(t)
    return found


_CHROME = frozenset(["nav", "header", "footer", "aside", "form", "select", "button"])
_HEADING_LEVEL = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}


def _in_chrome(tag: Tag) -> bool:
    for parent in tag.parents:
        if not isinstance(parent, Tag):
            continue
        if parent.name in _CHROME or parent.get("role") in ("navigation", "banner", "contentinfo"):
            return True
        ident = " ".join([str(parent.get("id") or ""), " ".join(parent.get("class") or [])])
        if ident.strip() and (_NAV_HINT.search(ident) or re.search(r"footer|breadcrumb|cookie", ident, re.I)):
            return True
    return False


def _item_lists(soup: BeautifulSoup) -> list[ItemList]:
    """Body lists and sub-heading runs with their heading, outside navigation chrome."""
    out: list[ItemList] = []
    for ul in soup.find_all(["ul", "ol"], limit=400):
        if not isinstance(ul, Tag) or ul.find_parent("li") is not None or _in_chrome(ul):
            continue
        items = [_clean(li.get_text(" "), 160) for li in ul.find_all("li", recursive=False)]
        items = [i for i in items if i][:MAX_LIST_ITEMS]
        if len(items) < 2:
            continue
        head = ul.find_previous(["h1", "h2", "h3", "h4"])
        heading = _clean(head.get_text(" "), 160) if isinstance(head, Tag) else ""
        out.append(ItemList(heading=heading, items=items, source="list"))
        if len(out) >= MAX_ITEM_LISTS:
            return out
    # Sub-headings grouped under their parent heading: "Products" > "Boots", "Jackets"...
    body_headings = [(h, _HEADING_LEVEL[h.name]) for h in soup.find_all(list(_HEADING_LEVEL), limit=300)
                     if isinstance(h, Tag) and not _in_chrome(h)]
    for i, (h, level) in enumerate(body_headings):
        subs: list[str] = []
        for other, other_level in body_headings[i + 1:]:
            if other_level <= level:
                break
            if other_level == level + 1:
                text = _clean(other.get_text(" "), 160)
                if text:
                    subs.append(text)
        if len(subs) >= 2:
            out.append(ItemList(heading=_clean(h.get_text(" "), 160), items=subs[:MAX_LIST_ITEMS], source="headings"))
            if len(out) >= MAX_ITEM_LISTS:
                break
    return out


# Function words per language: cheap, dependency-free language identification for pages
# whose <html lang> is missing or wrong (common on old CMS templates).
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(["the", "and", "of", "to", "in", "is", "for", "with", "our", "you", "your", "are", "we", "that", "on", "this", "from"]),
    "de": frozenset(["der", "die", "das", "und", "ist", "für", "mit", "wir", "sie", "nicht", "auf", "ein", "eine", "den", "dem", "zu", "von", "im", "in", "sind", "auch"]),
    "fr": frozenset(["le", "la", "les", "et", "des", "est", "pour", "avec", "nous", "vous", "une", "un", "du", "sur", "dans", "qui", "au"]),
    "es": frozenset(["el", "la", "los", "las", "y", "es", "para", "con", "nosotros", "una", "un", "del", "en", "que", "por", "su"]),
    "it": frozenset(["il", "la", "le", "e", "di", "è", "per", "con", "noi", "una", "un", "del", "che", "nel", "della", "sono"]),
    "nl": frozenset(["de", "het", "en", "van", "een", "is", "voor", "met", "wij", "u", "niet", "op", "zijn", "ons", "uw"]),
}


def language_scores(text: str) -> dict[str, int]:
    """Function-word hits per language in the first 5,000 characters ({} if too short)."""
    words = re.findall(r"[a-zàâäçéèêëîïôöùûüß]+", text[:5000].lower())
    if len(words) < 20:
        return {}
    return {lang: sum(w in sw for w in words) for lang, sw in _STOPWORDS.items()}


def guess_language(text: str) -> str:
    scores = language_scores(text)
    if not scores:
        return ""
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    return lang if best >= 3 else ""


def _declared_language(soup: BeautifulSoup) -> str:
    html = soup.find("html")
    raw = ""
    if isinstance(html, Tag):
        raw = str(html.get("lang") or html.get("xml:lang") or "")
    if not raw:
        raw = _meta(soup, prop="og:locale") or _meta(soup, name="language")
        tag = soup.find("meta", attrs={"http-equiv": re.compile("^content-language$", re.I)})
        if not raw and isinstance(tag, Tag):
            raw = str(tag.get("content") or "")
    return raw.strip().lower().replace("_", "-").split("-")[0][:8]


def _declared_tag(soup: BeautifulSoup) -> str:
    """``<html lang>`` exactly as written (with its region: "de-CH")."""
    html = soup.find("html")
    if isinstance(html, Tag):
        return str(html.get("lang") or html.get("xml:lang") or "").strip()[:16]
    return ""


_CART_HINT = re.compile(r"warenkorb|shopping[ -]?(?:cart|bag|basket)|\bcart\b|\bbasket\b|\bcheckout\b|panier|"
                        r"carrito|carrello|winkelwagen|carrinho", re.I)


def same_site(a: str, b: str) -> bool:
    """Same registrable-ish host: equal after dropping a leading ``www.``."""
    ha = (urllib.parse.urlsplit(a).hostname or "").removeprefix("www.")
    hb = (urllib.parse.urlsplit(b).hostname or "").removeprefix("www.")
    return bool(ha) and ha == hb


def extract(html: str, url: str) -> PageExtract:
    """All signals of one page. Never raises on odd HTML: a page that cannot be parsed
    yields an extract with whatever could be read."""
    budget = Budget()
    html, notes = flatten(html)
    soup = BeautifulSoup(html, "lxml")
    title_tag = soup.find("title")
    title = _clean(title_tag.get_text(" ") if isinstance(title_tag, Tag) else "")
    og = {}
    for key in structured.OG_KEYS:
        v = _meta(soup, prop=key) or _meta(soup, name=key)
        if v:
            og[key.removeprefix("og:")] = v
    description = _meta(soup, name="description") or og.get("description", "")

    scripts = (script.string or script.get_text() or "" for script in
               soup.find_all("script", attrs={"type": re.compile(r"ld\+json", re.I)}))
    nodes, ld_notes = structured.jsonld(scripts)
    notes += ld_notes
    if budget.allows("microdata/RDFa"):
        nodes += structured.embedded(html, url)
    og_node = structured.opengraph_product(og)
    if og_node is not None:
        nodes.append(og_node)
    types: list[str] = []
    names: list[str] = []
    site_names: list[str] = []
    offers: list[str] = []
    for node in nodes:
        types += node.types
        if not node.name:
            continue
        if _OFFER_TYPES.intersection(node.types) or (node.in_list and "ListItem" in node.types):
            offers.append(node.name)
        if _ORG_TYPES.intersection(node.types) or (node.types and not _NOT_ORG.issuperset(node.types)):
            names.append(node.name)
        elif "WebSite" in node.types:
            site_names.append(node.name)

    headings = _dedupe((_clean(h.get_text(" "), 160) for h in soup.find_all(["h1", "h2", "h3"])), MAX_HEADINGS)
    nav_links = _link_texts(_nav_containers(soup), MAX_LINK_TEXTS)
    footer = list(soup.find_all("footer"))
    footer += [t for t in soup.find_all(True, attrs={"id": re.compile("footer", re.I)}) if isinstance(t, Tag)]
    footer_links = _link_texts(footer, MAX_LINK_TEXTS)
    item_lists = _item_lists(soup)

    links: list[Link] = []
    seen: set[str] = set()
    for a in soup.find_all("a", href=True):
        href = str(a.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        absolute = urllib.parse.urljoin(url, href).split("#", 1)[0]
        if absolute in seen or not absolute.startswith(("http://", "https://")):
            continue
        seen.add(absolute)
        links.append(Link(text=_clean(a.get_text(" ") or str(a.get("title") or ""), 120), href=absolute))
        if len(links) >= MAX_LINKS:
            break

    # Teasers' dates are read in the page's language (the full guess needs the main text).
    early_language = _declared_language(soup) or guess_language(" . ".join([title, description, *headings]))
    candidates = blocks.candidates(soup, url, early_language) if budget.allows("offering candidates") else []
    text = ""
    try:
        if not budget.allows("main text (trafilatura)"):
            raise TimeoutError("page budget spent")
        text = trafilatura.extract(
            html, url=url, include_comments=False, include_tables=True, favor_recall=True
        ) or ""
    except (ValueError, TypeError, AttributeError, RecursionError, TimeoutError) as e:
        # trafilatura is robust but not total on hostile markup; fall back below.
        logging.getLogger(__name__).debug("trafilatura failed on %s: %s", url, e)
    if len(text) < 200:
        body = soup.find("body")
        if isinstance(body, Tag):
            for t in body.find_all(["script", "style", "noscript", "template"]):
                t.decompose()
            fallback = _clean(body.get_text(" "), MAX_TEXT_CHARS)
            text = text + "\n" + fallback if text else fallback
    text = text.strip()[:MAX_TEXT_CHARS]

    currencies = [n.currency for n in nodes if n.currency][:20]
    currencies += [p.written_currency for p in find_prices(text, limit=40)]
    currencies += [p.written_currency for c in candidates if c.price for p in find_prices(c.price, limit=1)]
    link_paths = " ".join(urllib.parse.urlsplit(link.href).path for link in links)
    has_cart = bool(_CART_HINT.search(link_paths) or _CART_HINT.search(" ".join(c.text for c in candidates if c.zone != "main")))
    alternates = _dedupe((str(t.get("hreflang") or "").split("-")[0].lower() for t in soup.find_all("link", hreflang=True)
                          if isinstance(t, Tag)), 12)
    notes += [f"skipped (page time budget): {step}" for step in budget.skipped]

    # Title, description and headings first: the main text can be a calendar or a table.
    sample = " . ".join([title, description, *headings])
    if max(language_scores(sample).values(), default=0) < 5:
        sample = " . ".join([sample, text])
    declared, guessed = _declared_language(soup), guess_language(sample)
    # Old CMS templates often declare the template's language, not the content's; but a
    # page in its declared language with some English in it (reviews, product names)
    # keeps its declaration as long as that language is well represented in the text.
    scores = language_scores(sample)
    keeps_declared = declared in scores and scores[declared] * 2 >= max(scores.values(), default=0)
    language = declared if keeps_declared else (guessed if guessed and declared != guessed else (declared or guessed))
    return PageExtract(
        url=url, title=title, description=description, og=og,
        jsonld_types=_dedupe(types, 30), jsonld_names=_dedupe(names + site_names, 10),
        jsonld_offers=_dedupe(offers, MAX_OFFERS), headings=headings, item_lists=item_lists,
        nav_links=nav_links, footer_links=footer_links, links=links, language=language, text=text,
        version=EXTRACT_VERSION, declared_language=_declared_tag(soup), alternate_languages=[a for a in alternates if a],
        nodes=nodes[:60], candidates=candidates, place_text=blocks.place_lines(soup),
        copyright=blocks.copyright_holder(soup), logo_alt=blocks.logo_alt(soup),
        currencies=_dedupe(currencies, 20), has_cart=has_cart, notes=notes[:10],
    )
