"""Offerings from structure first, never site furniture, every rejection explained.

Sources, most trusted first (each accepted offering says which one it came from):

1. structured data: schema.org Product, Offer, AggregateOffer, Service, MenuItem, Course,
   Event, Vehicle, Accommodation, FinancialProduct ... nodes (JSON-LD, microdata, RDFa)
   and OpenGraph product tags;
2. priced items: a name beside a price in a card, list item or table row of the body;
3. list items and sub-headings under a heading that announces offerings ("Produkte",
   "Our services", "Tarife"), or anywhere on a page whose URL or title is one;
4. navigation links in a menu labelled as an offering section ("Produkte" > "Stromspeicher");
5. enumerations in the title/description and plan names before a recurring price.

Every candidate then passes the one offering filter (``domain.offerings.reason``) at the
trust its source gives it: structured data ``structured``, priced items ``priced``, the
rest ``listed`` (furniture vocabulary in seven languages, what it links to, language
names; for listed names also no calls to action, slogans, questions, pronouns). Body
strings repeated on most of the site's pages are chrome too. Rejections keep their reason
for ``demoforge research --explain``.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field

import pycountry

from demoforge.domain.offerings import (
    ABOUT_LABELS,
    Trust,
    clean,
    fold,
    norm,
    reason,
    repeated_chrome,
)
from demoforge.domain.offerings import furniture as furniture_reason
from demoforge.domain.profile import Offering, OfferingKind, OfferingSource, Rejected
from demoforge.research import places, sites
from demoforge.research.blocks import Candidate
from demoforge.research.extract import PageExtract
from demoforge.research.money import find_prices, iso_currency, parse_amount
from demoforge.research.places import country_code
from demoforge.research.products import (
    _OFFER_CUE,
    _PLAN,
    _PLAN_STOP,
    _SPLIT_CONJ,
    _cap,
    _enumerations,
    _head,
    _is_offer_page,
    _key,
    _plan_name,
)
from demoforge.research.structured import Node

MAX_OFFERINGS = 60
MAX_REJECTED = 80

_KIND_BY_TYPE: dict[str, OfferingKind] = {
    **dict.fromkeys(("Product", "ProductGroup", "ProductModel", "IndividualProduct", "Offer", "AggregateOffer",
                     "MenuItem", "Vehicle", "Car", "Motorcycle", "Drug", "DietarySupplement", "Book", "Wine",
                     "LoanOrCredit", "MortgageLoan", "BankAccount", "CreditCard", "InvestmentOrDeposit",
                     "FinancialProduct", "SoftwareApplication", "WebApplication", "MobileApplication",
                     "MusicAlbum", "Movie", "VideoGame"), "product"),
    **dict.fromkeys(("Service", "ProfessionalService", "FoodService", "BroadcastService", "CableOrSatelliteService",
                     "MedicalProcedure", "MedicalTherapy", "TherapeuticProcedure", "InsurancePolicy",
                     "TaxiService", "GovernmentService"), "service"),
    **dict.fromkeys(("Course", "CourseInstance", "EducationalOccupationalProgram", "Event", "Trip", "TouristTrip"),
                    "programme"),
    **dict.fromkeys(("Accommodation", "HotelRoom", "Suite", "Room", "Apartment", "House", "SingleFamilyResidence",
                     "Residence", "RealEstateListing", "VacationRental"), "listing"),
}
# Where a bare place name is read as a location: menus, headings and text. Structured
# data and priced items name what is sold even when it carries a place's name ("Barolo").
_WEAK_SOURCES = frozenset({"section-list", "section-heading", "nav-section", "text"})
# MenuSection and OfferCatalog group offerings ("Getränke", "Kaffee"): categories, not offerings.
_CONFIDENCE: dict[str, float] = {"json-ld": 0.9, "microdata": 0.9, "rdfa": 0.85, "opengraph": 0.85,
                                 "priced-item": 0.8, "section-list": 0.65, "section-heading": 0.6,
                                 "nav-section": 0.6, "text": 0.45}
# Section headings that announce offerings beyond ``products._OFFER_CUE``: a firm's focus
# areas and fields of activity, a range, a programme list.
_MORE_OFFER_CUE = re.compile(r"schwerpunkt|tätigkeitsbereich|tätigkeitsfeld|leistungsspektrum|leistungsangebot|"
                             r"fachgebiet|focus areas|areas of expertise|our work|domaines d'intervention|"
                             r"áreas de práctica|aree di attività|werkgebieden", re.I)
# Choice-list names (``<select name=...>`` and its first entry) that list offerings.
_OPTION_LIST = re.compile(r"villa|ferienhaus|apartment|wohnung|objekt|property|properties|listing|unit|room|zimmer|"
                          r"product|produkt|produit|course|kurs|cours|service|leistung|treatment|behandlung|"
                          r"(?:^|[_\s-])type(?:$|[_\s-])|kategorie|category|catégorie", re.I)
_LISTING_LIST = re.compile(r"villa|ferienhaus|apartment|wohnung|objekt|property|properties|listing|unit|room|zimmer", re.I)
_RECURRING = re.compile(r"/\s*(?:mo|month|monat|mois|mes|mese|maand|year|yr|jahr|an|año|anno|jaar)\b|"
                        r"\b(?:per|pro|par|al|a|im|por)\s+(?:month|monat|mois|mes|mese|maand|year|jahr|an|año)\b|"
                        r"monatlich|monthly|mensuel|mensual|mensile|maandelijks", re.I)
_SERVICE_CUE = re.compile(r"servic|leistung|prestation|servizi|diensten|beratung|consult|therap|treatment|"
                          r"behandlung|rechtsgebiet|practice area|expertise|kompetenz", re.I)
_PROGRAMME_CUE = re.compile(r"course|kurs|cours|curso|corso|training|seminar|programm|program|ausbildung|"
                            r"formation|workshop|studieng", re.I)


@dataclass
class Selection:
    offerings: list[Offering] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    keys: list[tuple[str, ...]] = field(default_factory=list)
    # Towns named as if offerings ("Kastelbell-Tschars"): the profile's locations.
    places: list[str] = field(default_factory=list)

    def reject(self, name: str, reason: str, source: str) -> None:
        if len(self.rejected) < MAX_REJECTED and all(r.name != name[:160] for r in self.rejected):
            self.rejected.append(Rejected(name=name[:160], reason=reason[:200], source=source[:40]))


def _currency(written: str, country: str | None) -> str | None:
    code = iso_currency(written, country) if written else None
    return code if code and pycountry.currencies.get(alpha_3=code) else None


def _kind_for(name: str, context: str, default: OfferingKind) -> OfferingKind:
    if _RECURRING.search(context):
        return "plan"
    if default == "product" and _PROGRAMME_CUE.search(name):
        return "programme"
    return default


class _Builder:
    def __init__(self, pages: Sequence[PageExtract], company: str, country: str | None) -> None:
        self.pages = pages
        self.company = company
        self.country = country
        self.sel = Selection()
        chrome_per_page = [{c.text for c in p.candidates if c.zone == "main" and c.role in ("item", "heading")}
                           for p in pages]
        # Body strings on most pages of the site (teasers, footers drawn in the body).
        self.repeated = (repeated_chrome(chrome_per_page, max(2, (len(pages) + 1) // 2 + 1))
                         if len(pages) >= 3 else set())

    def add(self, name: str, *, source: OfferingSource, kind: OfferingKind, url: str, evidence: str = "",
            price: float | None = None, currency: str | None = None, category: str = "", href: str = "",
            trust: Trust = "listed", confidence: float | None = None, editorial: str = "") -> bool:
        name = _cap(clean(name))[:120]
        why = reason(name, self.company, href=href, trust=trust, plan=kind == "plan")
        if why is None and editorial:
            why = editorial  # a headline, post or press item (``research.editorial``)
        if why is None and fold(name) in self.repeated:
            why = "repeated on most of the site's pages (site chrome)"
        if why is None and price is None and source in _WEAK_SOURCES:
            place = places.local_place(name, self.country)
            if place is not None:
                why = f"a place in {self.country} (where the business is, not what it sells)"
                if place[1] and place[0] not in self.sel.places:
                    self.sel.places.append(place[0])  # a town is a location; a state is not a city
        if why is not None:
            self.sel.reject(name, why, source)
            return False
        key = _key(name)
        if key in self.sel.keys:
            return False  # the same name again (plural or case aside)
        if len(self.sel.offerings) >= MAX_OFFERINGS:
            return False
        self.sel.keys.append(key)
        self.sel.offerings.append(Offering(
            name=name, kind=kind, price=price, currency=currency if price is not None else None,
            category=category[:120] or None, source=source, evidence=(evidence or name)[:300], url=url[:2048],
            confidence=confidence if confidence is not None else _CONFIDENCE[source],
        ))
        return True

    # -- sources ---------------------------------------------------------------------
    def structured(self) -> None:
        for page in self.pages:
            for node in page.nodes:
                self._node(node, page.url)

    def _node(self, node: Node, url: str) -> None:
        kind = next((_KIND_BY_TYPE[t] for t in node.types if t in _KIND_BY_TYPE), None)
        if kind is None and not (node.in_list and "ListItem" in node.types):
            return
        if not node.name:
            return
        price = parse_amount(node.price)
        currency = _currency(node.currency, self.country) if node.currency else None
        source: OfferingSource = node.source if node.source in ("json-ld", "microdata", "rdfa", "opengraph") else "json-ld"  # type: ignore[assignment]
        self.add(node.name, source=source, kind=kind or "product", url=url, price=price, currency=currency,
                 category=node.category, evidence=node.description or node.name, trust="structured")

    def priced(self) -> None:
        for page in self.pages:
            for c in page.candidates:
                if c.role not in ("card", "row") or not c.price:
                    continue
                match = find_prices(c.price, limit=1)
                price = match[0].amount if match else None
                currency = _currency(match[0].written_currency, self.country) if match else None
                kind = _kind_for(c.text, c.context, "product")
                name = _plan_name(c.text, page.language) if kind == "plan" and len(c.text.split()) == 1 else c.text
                self.add(name, source="priced-item", kind=kind, url=page.url, price=price, currency=currency,
                         evidence=c.context, href=c.href, trust="priced",
                         category=c.heading if _OFFER_CUE.search(c.heading) else "")

    def subject(self) -> None:
        """A page whose URL names its title or one of its first headings ("/tragwerksplanung"
        titled "Tragwerksplanung | RS Ingenieure", "/produkte/minusl-fruchtjoghurt-erdbeere/")
        is about one offering: that one. (The first headings are often the logo and the
        tagline, so three are read.)"""
        for page in self.pages:
            slug = urllib.parse.unquote(urllib.parse.urlsplit(page.url).path.rstrip("/").rsplit("/", 1)[-1])
            slug_key = _squash(slug.rsplit(".", 1)[0] if "." in slug[-6:] else slug)
            if len(slug_key) < 4:
                continue
            title_head = _TITLE_SEP.split(page.title, maxsplit=1)[0] if page.title else ""
            for heading in [*page.headings[:3], title_head]:
                if heading and _squash(heading) == slug_key:
                    self.add(heading, source="section-heading", kind=self._default_kind(page.title), url=page.url,
                             evidence=f"{page.title} ({page.url})", confidence=0.55)
                    break

    def sections(self) -> None:
        for page in self.pages:
            offer_page = _is_offer_page(page)
            orphan_runs = sum(1 for c in page.candidates if c.role == "heading" and not c.heading
                              and len(c.text.split()) <= 5)
            for c in page.candidates:
                if c.zone != "main" or c.role not in ("item", "heading"):
                    continue
                under_offer = bool(_OFFER_CUE.search(c.heading) or _MORE_OFFER_CUE.search(c.heading)) \
                    and not c.heading.strip().endswith("?")
                if c.role == "item" and (under_offer or offer_page):
                    if c.price:
                        continue  # read as a priced item already
                    kind = self._default_kind(c.heading or page.title)
                    self.add(_item_name(c.text, c.href, page.language), source="section-list", kind=kind, url=page.url, href=c.href,
                             evidence=f"{c.heading}: {c.context}" if c.heading else c.context,
                             category=c.heading if under_offer else "", editorial=c.editorial)
                elif c.role == "heading" and not c.heading and c.href and not offer_page and _same_site(c.href, page.url) \
                        and c.href.rstrip("/") != page.url.rstrip("/"):
                    # A top-level heading that links to a page of its own is a teaser for
                    # a section or an offering; the listed-name check keeps slogans out.
                    self.add(c.text, source="section-heading", kind=self._default_kind(c.text), url=page.url,
                             href=c.href, evidence=c.text, confidence=0.45, editorial=c.editorial)
                elif c.role == "heading" and not c.heading and orphan_runs >= 3 and not _is_h1(c, page):
                    # A run of short headings with no section above them (a portfolio of
                    # genres, featured routes): each passes the listed-name check on its own.
                    self.add(c.text, source="section-heading", kind=self._default_kind(c.text), url=page.url,
                             href=c.href, evidence=c.text, confidence=0.4, editorial=c.editorial)
                elif c.role == "heading" and c.heading and (under_offer or (offer_page and not _is_h1(c, page))):
                    kind = self._default_kind(c.heading or page.title)
                    self.add(c.text, source="section-heading", kind=kind, url=page.url, href=c.href,
                             evidence=f"{c.heading} › {c.text}",
                             category=c.heading if under_offer else "", editorial=c.editorial)

    def navigation(self) -> None:
        """Navigation links by the menu they hang under: an offering menu ("Produkte") or a
        business line whose own menu has an offering section (Hochbau > Leistungen) gives
        offerings; business lines whose menus repeat the same sub-pages give themselves, not
        those facets; a menu about the site or the company gives furniture; other top-level
        links that read like a range fill in with low confidence."""
        for page in self.pages:
            links = [c for c in page.candidates if c.role == "link"]
            site = sites.own_sites(page.url, (c.href for c in page.candidates if c.href),
                                  also=[page.og.get("url", "")], title=page.title)
            children: dict[str, list[str]] = {}
            labels: dict[str, str] = {}
            for c in links:
                if c.heading:
                    children.setdefault(norm(c.heading), []).append(c.text)
                    labels.setdefault(norm(c.heading), c.heading)
            lines = self._business_lines(children, labels)
            for c in links:
                label = c.heading
                own = children.get(norm(c.text), [])
                if label and norm(label) == norm(c.text):
                    self.sel.reject(c.text, "the menu's own overview link", c.zone)
                elif label and norm(label) in lines:
                    self.sel.reject(c.text, f"a facet of the business line {label!r} (its menu repeats "
                                            f"the sub-pages of another: {lines[norm(label)]})", c.zone)
                elif norm(c.text) in lines:
                    self.add(c.text, source="nav-section", kind=self._default_kind(c.text), url=page.url,
                             href=c.href, evidence=f"menu {c.text} › {lines[norm(c.text)]} (a business line's "
                                                   f"sub-pages)", confidence=0.5, editorial=c.editorial)
                elif label:
                    if norm(label) in _SECTION_LABELS or (_OFFER_CUE.search(label) and furniture_reason(label) is None):
                        self.add(c.text, source="nav-section", kind=self._default_kind(label), url=page.url,
                                 href=c.href, evidence=f"menu {label} › {c.text}", category=label, editorial=c.editorial)
                    elif fold(label) in ABOUT_LABELS or furniture_reason(label) is not None:
                        why = furniture_reason(c.text, c.href)
                        self.sel.reject(c.text, why or f"in the {label!r} menu (about the site, not its range)", c.zone)
                    elif sites.external(c.href, site):
                        # The furniture reason first: "social" says more than "another site".
                        self.sel.reject(c.text, furniture_reason(c.text, c.href) or
                                        f"in the {label!r} menu, a link to another organisation's site "
                                        f"({sites.host(c.href)})", c.zone)
                    else:
                        self.add(c.text, source="nav-section", kind=self._default_kind(label), url=page.url,
                                 href=c.href, evidence=f"menu {label} › {c.text}", category=label,
                                 confidence=0.45, editorial=c.editorial)
                elif any(norm(x) in _SECTION_LABELS for x in own):
                    self.add(c.text, source="nav-section", kind="service", url=page.url, href=c.href,
                             evidence=f"menu {c.text} › {', '.join(own[:3])}", editorial=c.editorial)
                elif own:
                    # A menu label: the category above its items. Measured on the dev pages,
                    # accepting labels (even those with a page of their own) gained little
                    # and brought in info sections ("Fahrzeuge", "Einsätze"): left out.
                    self.sel.reject(c.text, "a menu label (its items are read instead)", c.zone)
                elif c.zone in ("nav", "header", "main", "aside") and sites.external(c.href, site):
                    place = places.local_place(c.text, self.country)
                    if place is not None and place[1] and place[0] not in self.sel.places:
                        self.sel.places.append(place[0])  # the municipality's site: where the business is
                    self.sel.reject(c.text, furniture_reason(c.text, c.href) or
                                    f"a link to another organisation's site ({sites.host(c.href)}), "
                                    "not under an offering menu", c.zone)
                elif c.zone in ("nav", "header", "main", "aside"):
                    self.add(c.text, source="nav-section", kind="product", url=page.url, href=c.href,
                             evidence=f"navigation: {c.text}", confidence=0.35, editorial=c.editorial)
                else:
                    why = furniture_reason(c.text, c.href)
                    self.sel.reject(c.text, why or f"{c.zone} link (not under an offering menu)", c.zone)

    def _business_lines(self, children: dict[str, list[str]], labels: dict[str, str]) -> dict[str, str]:
        """Menus built from one template: two menus that share at least two sub-pages, at
        least half of each one's items ("Tauchen" and "Bootsdienst" each with "Ausbildung",
        "Technik"; products each with "Features", "Pricing", "Docs"), under labels that
        read like offerings. Their labels are business lines and their items facets of
        each (training, equipment, prices), not offerings. Label -> the shared items."""
        items = {k: {norm(t) for t in v} for k, v in children.items()}
        out: dict[str, str] = {}
        keys = list(items)
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                shared = items[a] & items[b]
                if len(shared) < 2 or 2 * len(shared) < max(len(items[a]), len(items[b])):
                    continue
                if any(reason(labels[k], self.company, trust="listed") is not None for k in (a, b)):
                    continue  # "for Android" / "for Desktop" share items as audiences, not lines
                names = ", ".join(t for t in children[a] if norm(t) in shared)
                out.setdefault(a, names)
                out.setdefault(b, names)
        return out

    def options(self) -> None:
        """Choice lists whose name says they list offerings (a villa, product, course or
        property-type list in a search form); others (sort order, sizes, countries) not."""
        for page in self.pages:
            for c in page.candidates:
                if c.role != "option":
                    continue
                if _OPTION_LIST.search(c.heading):
                    if country_code(c.text) is not None:
                        self.sel.reject(c.text, "a country in a choice list", "option")
                        continue
                    self.add(c.text, source="section-list", kind="listing" if _LISTING_LIST.search(c.heading)
                             else self._default_kind(c.heading), url=page.url, evidence=f"choice list {c.heading}",
                             confidence=0.45)

    def text(self) -> None:
        for page in [*self.pages[:1], *[p for p in self.pages[1:] if _is_offer_page(p)]]:
            for source in (page.title, page.description, page.og.get("description", "")):
                for item in _enumerations(source, proper_nouns_ok=True):
                    self.add(item, source="text", kind=self._default_kind(source), url=page.url,
                             evidence=source[:300])
            for m in _PLAN.finditer(page.text[:20_000]):
                if norm(m.group(1).split()[0]) in _PLAN_STOP:
                    continue
                prices = find_prices(m.group(0), limit=1)
                self.add(_plan_name(m.group(1), page.language), source="text", kind="plan", url=page.url,
                         evidence=m.group(0), price=prices[0].amount if prices else None,
                         currency=_currency(prices[0].written_currency, self.country) if prices else None)

    @staticmethod
    def _default_kind(context: str) -> OfferingKind:
        if _PROGRAMME_CUE.search(context):
            return "programme"
        if _SERVICE_CUE.search(context):
            return "service"
        return "product"


# Menu labels that name an offering section outright, even when the furniture
# vocabulary lists the bare word as navigation ("Produkte", "Services", "Shop").
_SECTION_LABELS = {norm(s) for s in (
    "products", "produkte", "produits", "productos", "prodotti", "producten", "produtos", "services",
    "leistungen", "dienstleistungen", "prestations", "servicios", "servizi", "diensten", "serviços", "shop",
    "sortiment", "solutions", "lösungen", "angebot", "unser angebot", "our products", "our services",
    "unsere produkte", "unsere leistungen", "nos produits", "nos services", "catalogue", "katalog",
    "speisekarte", "carte", "tarife", "pricing", "kurse", "courses", "formations", "cursos", "corsi",
)}


def _same_site(a: str, b: str) -> bool:
    return host_of(a) == host_of(b) != ""


def _item_name(text: str, href: str = "", language: str = "") -> str:
    """A list item's name is its head: "Cardiology: ECG, stress tests" -> "Cardiology",
    "Pediatrics and vaccinations" -> "Pediatrics" (the rest describes it); a short name
    joined by "&" is one name ("Arts & culture", "Zimmer & Suiten"). A conjunction is part
    of the name too when the words after it are: the shared ending of a compound
    ("Erbschafts- und Schenkungsteuer", "Ein- und Verkauf"), the address of the page the
    item links to spells them ("Joinery and Carpentry" -> /joinery-carpentry), or every word
    is capitalised in a language that does not capitalise common nouns ("Roofing and
    Roofline": a title, not a name and its description)."""
    if "&" in text and len(text.split()) <= 4 and not re.search(r"[:,]", text):
        return clean(text)
    parts = _SPLIT_CONJ.split(text, maxsplit=1)
    if len(parts) == 2 and not re.search(r"[:,;()]|\s[–—-]\s", text) and len(text.split()) <= 8:
        before, after = parts
        later = [x for x in re.findall(r"\w+", after) if len(x) >= 4]
        path = _squash(urllib.parse.unquote(urllib.parse.urlsplit(href).path)) if href else ""
        titled = language not in _NOUN_CAPITALISING and all(x[:1].isupper() for x in text.split() if len(x) > 3)
        if before.rstrip().endswith("-") or (later and path and all(_squash(x)[:8] in path for x in later)) \
                or titled:
            return clean(text)
    return _head(text)


_TITLE_SEP = re.compile(r"\s+[|–—-]\s+|\s*\|\s*|:\s+")
# Languages that capitalise every noun: a capital says nothing about a title there.
_NOUN_CAPITALISING = frozenset({"de", "lb"})
_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e", "à": "a", "ç": "c"})


def _squash(s: str) -> str:
    """Letters and digits only, umlauts as a URL writes them ("Prüfungen" -> "pruefungen")."""
    return re.sub(r"[^a-z0-9]", "", fold(s).translate(_TRANSLIT))


def _is_h1(c: Candidate, page: PageExtract) -> bool:
    return bool(page.headings) and c.text == page.headings[0]


def select(pages: Sequence[PageExtract], *, company: str = "", country: str | None = None) -> Selection:
    """Offerings of the crawled pages (home first) with every rejected candidate."""
    b = _Builder(pages, company, country)
    b.structured()
    b.priced()
    b.subject()
    b.sections()
    b.navigation()
    b.options()
    if len(b.sel.offerings) < 6:
        b.text()  # running text and titles only fill a short list
    return b.sel


def few_offerings_warning(n: int, typical_of: str) -> str | None:
    """The warning a person sees when the site shows few offerings: we say so rather than
    invent any (the template's catalogue fills the rest)."""
    if n >= 3:
        return None
    found = "No offerings" if n == 0 else f"{n} offering{'s' if n != 1 else ''}"
    return f"{found} found on the site; the rest of the catalogue is typical of {typical_of}"


def host_of(url: str) -> str:
    return (urllib.parse.urlsplit(url).hostname or "").removeprefix("www.")
