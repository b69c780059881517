"""Bounded crawl: the home page plus a few same-site pages an analyst would open.

Links are ranked by what their text or URL says (about, products, services, solutions,
pricing, industries, customers; in English, German, French, Spanish, Italian and Dutch),
one per kind first so five "product" sub-pages do not crowd out the "about" page; the
imprint, contact and locations pages are chosen too (they name the business's address). Pages
are fetched concurrently through the ``Fetcher`` port with a per-host limit (politeness:
a prospect's small web server must not notice us). A sub-page that fails is skipped and
reported; only a failing home page fails the crawl.
"""

from __future__ import annotations

import re
import threading
import urllib.parse
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from demoforge.domain.errors import DemoforgeError
from demoforge.research.extract import Link, PageExtract, extract, same_site
from demoforge.service.ports import Fetcher

PER_HOST_LIMIT = 2

# kind -> words in link text or URL path. Order of kinds = preference when scores tie.
KINDS: dict[str, tuple[str, ...]] = {
    "about": ("about", "about us", "about-us", "who we are", "our story", "company", "über uns",
              "ueber uns", "uber uns", "ueber-uns", "wir über uns", "unternehmen", "das unternehmen",
              "firma", "profil", "qui sommes-nous", "qui sommes nous", "à propos", "a propos",
              "a-propos", "notre histoire", "quiénes somos", "quienes somos", "sobre nosotros",
              "chi siamo", "over ons", "geschichte", "history"),
    "products": ("products", "product", "produkte", "produkt", "produits", "produit", "productos",
                 "prodotti", "producten", "sortiment", "katalog", "catalog", "catalogue", "shop",
                 "boutique", "tienda", "collection", "kollektion", "menu", "speisekarte", "carte"),
    "services": ("services", "service", "leistungen", "dienstleistungen", "leistungsspektrum",
                 "angebot", "unser angebot", "prestations", "nos services", "servicios", "servizi",
                 "diensten", "what we do", "was wir tun", "expertise", "kompetenzen"),
    "solutions": ("solutions", "lösungen", "loesungen", "soluciones", "soluzioni", "oplossingen",
                  "platform", "plattform", "features", "funktionen", "fonctionnalités"),
    "pricing": ("pricing", "prices", "plans", "preise", "preis", "tarife", "konditionen", "tarifs",
                "prix", "precios", "prezzi", "prijzen"),
    "industries": ("industries", "branchen", "secteurs", "industrias", "settori", "sectoren",
                   "markets", "märkte", "sectors", "who we serve"),
    # Pages that reveal where the business is (addresses, legal name, phone): the profile's
    # country, currency and locations come from them.
    "imprint": ("impressum", "imprint", "legal notice", "mentions légales", "mentions legales", "aviso legal",
                "note legali", "colofon", "colophon", "legal-notice", "mentions-legales"),
    "contact": ("contact", "contact us", "kontakt", "contacto", "contatti", "contato", "contacts", "anfahrt"),
    "locations": ("locations", "our locations", "standorte", "filialen", "stores", "our stores", "store locator",
                  "find a store", "magasins", "nos magasins", "tiendas", "negozi", "winkels", "lojas", "praxen",
                  "cliniques", "branches", "niederlassungen"),
    "customers": ("customers", "clients", "kunden", "referenzen", "references", "références",
                  "case studies", "case-studies", "success stories", "clientes", "clienti", "klanten",
                  "projekte", "projects", "projets", "portfolio"),
}
_SKIP = re.compile(
    r"login|log-in|sign-?in|signup|register|account|konto|cart|warenkorb|panier|checkout|"
    r"privacy|datenschutz|cookie|agb|terms|jobs|karriere|career|"
    r"newsletter|search|suche|wp-admin|feed|\.(?:pdf|jpe?g|png|gif|svg|zip|docx?|xlsx?|mp4|mp3)$",
    re.I,
)


_PLACE_KINDS = frozenset({"imprint", "contact", "locations"})


def _words(s: str) -> str:
    return " " + re.sub(r"[\W_]+", " ", s.lower()).strip() + " "


def _kind_score(link: Link) -> tuple[str, float] | None:
    text = _words(link.text)
    path = urllib.parse.unquote(urllib.parse.urlsplit(link.href).path)
    path_words = _words(path)
    depth = path.strip("/").count("/")
    best: tuple[str, float] | None = None
    for kind, words in KINDS.items():
        score = 0.0
        for w in words:
            ww = _words(w)
            if ww in text:
                score = max(score, 3.0 if text.strip() == ww.strip() else 2.0)
            if ww in path_words:
                score = max(score, 1.5)
        if score:
            score -= 0.3 * depth  # top-level sections describe the business; deep pages detail it
            if kind in _PLACE_KINDS:
                score -= 2.0  # read when slots remain after the pages about the business itself
            if best is None or score > best[1]:
                best = (kind, score)
    return best


def choose_links(home: PageExtract, limit: int) -> list[str]:
    """Up to ``limit`` same-site URLs, one per kind first, then by score."""
    home_key = home.url.rstrip("/")
    ranked: list[tuple[float, int, str, str]] = []
    seen: set[str] = set()
    for i, link in enumerate(home.links):
        url = link.href.split("#", 1)[0]
        key = url.rstrip("/")
        if key == home_key or key in seen or not same_site(url, home.url):
            continue
        if _SKIP.search(urllib.parse.urlsplit(url).path) or _SKIP.search(link.text or "x-none"):
            continue
        scored = _kind_score(link)
        if scored is None:
            continue
        seen.add(key)
        ranked.append((scored[1], -i, scored[0], url))
    ranked.sort(reverse=True)
    chosen: list[str] = []
    kinds_taken: set[str] = set()
    for _, _, kind, url in ranked:  # best of each kind first
        if kind not in kinds_taken and len(chosen) < limit:
            chosen.append(url)
            kinds_taken.add(kind)
    for _, _, _, url in ranked:  # then fill with the next best
        if len(chosen) >= limit:
            break
        if url not in chosen:
            chosen.append(url)
    return chosen


@dataclass
class CrawlResult:
    pages: list[PageExtract]  # home first
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)


class _HostLimiter:
    def __init__(self, per_host: int) -> None:
        self._per_host = per_host
        self._sems: dict[str, threading.Semaphore] = {}
        self._lock = threading.Lock()

    def __call__(self, url: str) -> threading.Semaphore:
        host = (urllib.parse.urlsplit(url).hostname or "").lower()
        with self._lock:
            return self._sems.setdefault(host, threading.Semaphore(self._per_host))


def crawl(
    fetcher: Fetcher, url: str, *, max_pages: int, per_host: int = PER_HOST_LIMIT,
    log: Callable[[str], None] | None = None,
) -> CrawlResult:
    """Home page (errors propagate) plus up to ``max_pages`` chosen sub-pages."""
    home_page = fetcher.fetch(url)
    home = extract(home_page.text, home_page.url)
    if max_pages <= 0:
        return CrawlResult([home])
    targets = choose_links(home, max_pages)
    limiter = _HostLimiter(per_host)

    def one(target: str) -> PageExtract | tuple[str, str]:
        with limiter(target):
            try:
                page = fetcher.fetch(target)
            except DemoforgeError as e:
                # A broken or refused sub-page costs us one page, not the research.
                return (target, f"{e.code}: {e.message}")
        if not same_site(page.url, home.url):
            return (target, f"redirected off-site to {page.url}")
        try:
            return extract(page.text, page.url)
        except Exception as e:  # noqa: BLE001 - reported below as an event, never silent
            # Extraction is built not to raise; if a hostile sub-page still breaks it, the
            # page is skipped and reported (the job goes on with the pages it has).
            return (target, f"unreadable page ({type(e).__name__}: {str(e)[:200]})")

    result = CrawlResult([home])
    if not targets:
        return result
    with ThreadPoolExecutor(max_workers=max(1, per_host), thread_name_prefix="crawl") as pool:
        outcomes: Sequence[PageExtract | tuple[str, str]] = list(pool.map(one, targets))
    seen = {home.url.rstrip("/")}
    for outcome in outcomes:
        if isinstance(outcome, PageExtract):
            if outcome.url.rstrip("/") not in seen:  # two links may redirect to one page
                seen.add(outcome.url.rstrip("/"))
                result.pages.append(outcome)
        else:
            result.skipped.append(outcome)
            if log:
                log(f"skipped {outcome[0]}: {outcome[1]}")
    return result
