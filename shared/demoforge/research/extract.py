"""Extraction: from one HTML page to the signals research reasons over.

Main text comes from trafilatura (boilerplate removal measured far better than a bare
``get_text``); structure comes from BeautifulSoup: title, meta description, OpenGraph,
JSON-LD schema.org types and names, headings, nav and footer link texts, the page
language and same-site links (for the crawl). Everything is capped so a hostile or
enormous page cannot blow up memory, the cache or the LLM prompt.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.parse
import warnings
from collections.abc import Iterable, Iterator
from typing import Any

import trafilatura
from bs4 import BeautifulSoup, Tag, XMLParsedAsHTMLWarning
from pydantic import BaseModel, Field

MAX_TEXT_CHARS = 20_000
MAX_LINKS = 200
MAX_LINK_TEXTS = 80
MAX_HEADINGS = 30

# trafilatura logs every page it finds thin at WARNING; that is not our problem.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
# XHTML pages served as HTML are normal on the web; lxml's HTML parser reads them fine.
warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)


class Link(BaseModel):
    text: str
    href: str  # absolute URL


class PageExtract(BaseModel):
    """What research keeps of one page (cached, stored as an artifact, shown to Claude)."""

    url: str
    title: str = ""
    description: str = ""
    og: dict[str, str] = Field(default_factory=dict)
    jsonld_types: list[str] = Field(default_factory=list)
    jsonld_names: list[str] = Field(default_factory=list)
    headings: list[str] = Field(default_factory=list)
    nav_links: list[str] = Field(default_factory=list)
    footer_links: list[str] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    language: str = ""
    text: str = ""

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


def _jsonld_nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Walk JSON-LD (objects, lists, @graph) yielding every typed node."""
    stack = [data]
    seen = 0
    while stack and seen < 500:  # hostile documents can nest deeply: bound the walk
        node = stack.pop(0)  # document order: the first organisation named is the site's
        seen += 1
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            if "@type" in node:
                yield node
            for v in node.values():
                if isinstance(v, dict | list):
                    stack.append(v)


def _types(node: dict[str, Any]) -> list[str]:
    t = node.get("@type")
    raw = t if isinstance(t, list) else [t]
    out = []
    for x in raw:
        if isinstance(x, str) and x:
            out.append(x.rsplit("/", 1)[-1].rsplit(":", 1)[-1])  # schema:Store, https://schema.org/Store
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


# Function words per language: cheap, dependency-free language identification for pages
# whose <html lang> is missing or wrong (common on old CMS templates).
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(["the", "and", "of", "to", "in", "is", "for", "with", "our", "you", "your", "are", "we", "that", "on", "this", "from"]),
    "de": frozenset(["der", "die", "das", "und", "ist", "für", "mit", "wir", "sie", "nicht", "auf", "ein", "eine", "den", "dem", "zu", "von", "im"]),
    "fr": frozenset(["le", "la", "les", "et", "des", "est", "pour", "avec", "nous", "vous", "une", "un", "du", "sur", "dans", "qui", "au"]),
    "es": frozenset(["el", "la", "los", "las", "y", "es", "para", "con", "nosotros", "una", "un", "del", "en", "que", "por", "su"]),
    "it": frozenset(["il", "la", "le", "e", "di", "è", "per", "con", "noi", "una", "un", "del", "che", "nel", "della", "sono"]),
    "nl": frozenset(["de", "het", "en", "van", "een", "is", "voor", "met", "wij", "u", "niet", "op", "zijn", "ons", "uw"]),
}


def guess_language(text: str) -> str:
    words = re.findall(r"[a-zàâäçéèêëîïôöùûüß]+", text[:5000].lower())
    if len(words) < 20:
        return ""
    scores = {lang: sum(w in sw for w in words) for lang, sw in _STOPWORDS.items()}
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


def same_site(a: str, b: str) -> bool:
    """Same registrable-ish host: equal after dropping a leading ``www.``."""
    ha = (urllib.parse.urlsplit(a).hostname or "").removeprefix("www.")
    hb = (urllib.parse.urlsplit(b).hostname or "").removeprefix("www.")
    return bool(ha) and ha == hb


def extract(html: str, url: str) -> PageExtract:
    """All signals of one page. Never raises on odd HTML: a page that cannot be parsed
    yields an extract with whatever could be read."""
    soup = BeautifulSoup(html, "lxml")
    title_tag = soup.find("title")
    title = _clean(title_tag.get_text(" ") if isinstance(title_tag, Tag) else "")
    og = {}
    for key in ("og:title", "og:site_name", "og:description", "og:type", "og:url"):
        v = _meta(soup, prop=key)
        if v:
            og[key.removeprefix("og:")] = v
    description = _meta(soup, name="description") or og.get("description", "")

    types: list[str] = []
    names: list[str] = []
    site_names: list[str] = []
    for script in soup.find_all("script", attrs={"type": re.compile(r"ld\+json", re.I)}):
        try:
            data = json.loads(script.string or script.get_text() or "null")
        except ValueError:
            continue  # broken JSON-LD is common; other signals remain
        for node in _jsonld_nodes(data):
            node_types = _types(node)
            types += node_types
            name = node.get("name")
            if isinstance(name, str) and name.strip():
                if _ORG_TYPES.intersection(node_types) or (node_types and not _NOT_ORG.issuperset(node_types)):
                    names.append(_clean(name, 120))
                elif "WebSite" in node_types:
                    site_names.append(_clean(name, 120))

    headings = _dedupe((_clean(h.get_text(" "), 160) for h in soup.find_all(["h1", "h2", "h3"])), MAX_HEADINGS)
    nav_links = _link_texts(_nav_containers(soup), MAX_LINK_TEXTS)
    footer = list(soup.find_all("footer"))
    footer += [t for t in soup.find_all(True, attrs={"id": re.compile("footer", re.I)}) if isinstance(t, Tag)]
    footer_links = _link_texts(footer, MAX_LINK_TEXTS)

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

    text = ""
    try:
        text = trafilatura.extract(
            html, url=url, include_comments=False, include_tables=True, favor_recall=True
        ) or ""
    except (ValueError, TypeError, AttributeError, RecursionError) as e:
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

    declared, guessed = _declared_language(soup), guess_language(text)
    # Old CMS templates often declare the template's language, not the content's.
    language = guessed if guessed and declared != guessed else (declared or guessed)
    return PageExtract(
        url=url, title=title, description=description, og=og,
        jsonld_types=_dedupe(types, 30), jsonld_names=_dedupe(names + site_names, 10), headings=headings,
        nav_links=nav_links, footer_links=footer_links, links=links, language=language, text=text,
    )
