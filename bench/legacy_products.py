"""Frozen copy of ``demoforge.research.products`` as it was before the one offering filter
(``domain.offerings``) took over its plausibility check, so ``research_profile.py`` measures
today's product list with today's filter in the same run (the shared filter is stricter:
using it for the baseline would flatter the "before" column). Benchmark-only: not part of
the package, not in any function zip.


Offline products/services extraction: what a prospect sells, as short noun phrases.

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

Every candidate must then look like a product or service category: at most five words,
no call to action (imperatives in several languages), no question or "why" line, no
pronoun (we/your/wir/Ihr/nous/vous...), no slogan cue ("every", "that", digits, "!"),
no site furniture ("store locator", "new arrivals", "gift cards", "about us"), and not
the company name. The vocabulary is general and multilingual on purpose: it is not
tuned to any one site.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from collections.abc import Iterable, Iterator, Sequence

from demoforge.research.extract import PageExtract

MAX_WORDS = 5


def _norm(s: str) -> str:
    return unicodedata.normalize("NFC", s).casefold()


def _words(text: str) -> frozenset[str]:
    return frozenset(_norm(w) for w in text.split())


# Words that open (or, in German, close) a call to action. Only unambiguous verbs: "order",
# "book", "track", "store" are nouns too ("Order management") and are handled below.
_CTA_VERBS = _words("""
    browse discover explore learn find get start see view read try join send connect download
    subscribe register contact visit click choose create build make add enjoy experience unlock
    boost grow let go take stay keep meet shop buy sign log request schedule compare apply watch
    call discover upgrade claim save grab reserve check
    jetzt entdecken entdecke kaufen kaufe bestellen bestelle buchen buche mehr erfahren erfahre
    anfragen anfrage ansehen anschauen finden finde shoppen stöbern sichern sichere testen teste
    vergleichen vereinbaren anrufen kontaktieren informieren registrieren anmelden starten
    hier weiter zum zur mieten herunterladen suchen anfordern anzeigen zeigen lesen weiterlesen
    abonnieren bewerben berechnen sparen downloaden gewinnen
    offers provides delivers helps bietet bieten propose proposons ofrece offre
    découvrir découvrez découvre acheter achetez commander commandez réserver réservez voir
    voyez contactez contacter inscrivez trouver trouvez profitez demander demandez essayer
    essayez explorer explorez obtenir obtenez savoir
    comprar compra compre descubre descubrir ver reservar reserva reserve explorar explora
    contacta contactar solicita solicitar encuentra encontrar
    scopri scoprire acquista acquistare compra prenota prenotare vedi esplora trova contattaci
    bekijk ontdek koop bestel boek vind probeer
""")
# Verbs that are also nouns: a call to action only when followed by a determiner,
# pronoun or adverb ("Order now", "Book an appointment", "Shop by category").
_VERB_NOUNS = _words("order book track store search view shop sign log call compare save")
_CTA_FOLLOWERS = _words("""
    now all by our your the a an more in up out online today here this these my
    now jetzt alle unsere ihre den die das einen ein eine
""")
_PRONOUNS = _words("""
    we our ours us you your yours i my me
    wir unser unsere unseren unserem unserer uns ihr ihre ihren ihrem ihrer sie dein deine dich dir mein meine
    nous notre nos vous votre vos je mon ma mes tu ton ta tes
    nosotros nuestro nuestra nuestros nuestras tu tus usted mi mis
    noi nostro nostra nostri nostre voi vostro vostra tuo tua mio mia
    wij ons onze jij jouw uw mijn
""")
_QUESTION_STARTS = _words("""
    why how what who when where which warum wieso weshalb wie was wer wo pourquoi comment quoi
    qui quand où por porqué qué cómo perché come cosa waarom hoe wat
""")
# Slogan cues: quantifiers, relative clauses and the little words of a tagline.
_SLOGAN_WORDS = _words("""
    every each all any that which who whose to by up close welcome best better new more most free
    kostenlos gratis gratuit gratuito
    jede jeder jedes alle ganz willkommen beste besten neu neue mehr
    chaque tous toutes tout bienvenue meilleur meilleure nouveau nouvelle plus
    cada todo todos bienvenido mejor nuevo ogni tutti benvenuto nuovo elke alle welkom nieuw
""")
# A category name does not open with an article, a preposition or "overview".
_LEADING_STOP = _words("""
    the a an their its this these those of at on in with from into over under about overview
    der die das den dem des ein eine einen einem einer am im in bei auf über mit zu zum zur vom von
    übersicht le la les l un une des du au aux dans à aperçu el los las lo un una del al en
    il gli i uno una di da nel nella het een de op and und et y or oder ou
""")
# Section labels and site furniture: never a product themselves.
_FURNITURE = {" ".join(_norm(s).split()) for s in """
    home|start|startseite|accueil|inicio|about|about us|company|unternehmen|über uns|qui sommes-nous|team|
    history|geschichte|historie|profil|profile|partner|partners|references|referenzen|références|testimonials|
    reviews|bewertungen|avis|customers|kunden|clients|case studies|success stories|press|presse|media|
    blog|news|aktuelles|actualités|events|veranstaltungen|jobs|careers|karriere|stellenangebote|emplois|
    contact|kontakt|support|help|hilfe|aide|faq|faqs|service|downloads|resources|ressourcen|ressources|
    ratgeber|guide|guides|magazine|magazin|login|log in|sign in|sign up|register|account|my account|
    konto|mein konto|mon compte|cart|warenkorb|panier|basket|checkout|kasse|search|suche|recherche|menu|
    language|sprache|langue|impressum|imprint|legal|datenschutz|privacy|terms|agb|cookies|sitemap|
    newsletter|facebook|twitter|instagram|linkedin|youtube|xing|pinterest|tiktok|overview|übersicht|
    aperçu|more|mehr|all|alle|show all|view all|see all|alle zeigen|alle anzeigen|tout voir|
    pricing|prices|price|preise|tarife|tarifs|plans|plans and pricing|product|products|produkte|produkt|
    produits|produit|productos|prodotti|producten|services|leistungen|dienstleistungen|prestations|
    servicios|servizi|diensten|solutions|lösungen|soluciones|soluzioni|features|funktionen|
    fonctionnalités|categories|category|kategorien|catégories|shop|store|stores|online shop|webshop|
    boutique|tienda|negozio|winkel|sortiment|range|catalogue|catalog|katalog|collections|collection|
    locations|standorte|filialen|store locator|store finder|find a store|filialfinder|new arrivals|
    new in|neuheiten|nouveautés|sale|sales|outlet|clearance|deals|offers|angebote|offres|aktionen|
    gift cards|gift card|gift vouchers|vouchers|gutscheine|gutschein|cartes cadeaux|bestseller|
    bestsellers|best sellers|top sellers|brands|marken|marques|shipping|delivery|versand|lieferung|
    livraison|returns|rückgabe|retoure|retouren|size guide|größentabelle|wishlist|wunschliste|
    merkzettel|favourites|favorites|compare|all products|all categories|
    security|status|api docs|documentation|docs|
    integrations|enterprise|trial|free trial|demo|get started|pricing plans|our services|
    specialties|spezialitäten|unsere leistungen|nos services|nuestros servicios|i nostri servizi|
    deutsch|english|français|francais|español|italiano|nederlands|português|polski|česky|čeština|dansk|
    svenska|norsk|suomi|magyar|türkçe|română|hrvatski|slovenčina|slovenščina|русский|ελληνικά|
    projects|projekte|projets|portfolio|aktuell|vita|über|videos|video|mail|e-mail|email|policies|
    karte|map|detail|details|menü|sicherheit|overview page|more info|mehr infos|plus d'infos|
    back|zurück|retour|previous|next|précédent|suivant|top|nach oben|reservations|reservation|
    reservierung|reservierungen|réservation|réservations|reservas|prenotazioni|contacto|contatti|
    contactos|anreise|anfahrt|directions|getting here|find us|lageplan|plan d'accès
""".replace("\n", " ").split("|") if s.strip()}
_FURNITURE_PARTS = re.compile(
    r"\b(?:all products|by category|by brand|store locator|store finder|new arrivals|gift cards?|"
    r"locations?|sale|opening hours|öffnungszeiten|horaires|shipping|versand|newsletter|"
    r"cookie|privacy|datenschutz|login|log in|sign in|sign up|account|konto|questions?|fragen|preguntas|domande|vragen|faqs?|"
    r"cart|warenkorb|basket|checkout|panier|contact|kontakt)\b",
    re.I,
)
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


_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


# A bare plan name ("Starter") reads as a word, not an offer, in a catalogue or a script.
_PLAN_WORD = {"en": "plan", "de": "Tarif", "fr": "formule", "es": "plan", "it": "piano", "nl": "abonnement"}
_HAS_PLAN_WORD = re.compile(r"plan|tarif|paket|package|pack|edition|abo|formule|formula|tier|subscription|"
                            r"licen[cs]e|piano|bundle", re.I)


def _plan_name(name: str, language: str) -> str:
    if _HAS_PLAN_WORD.search(name) or len(name.split()) > 2:
        return name
    return f"{name} {_PLAN_WORD.get(language, 'plan')}"


def _clean(text: str) -> str:
    text = " ".join(text.translate(_INVISIBLE).split()).strip(" \t-–—|:•·»«›‹<>/,;.►▸▶→←")
    return text


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def is_plausible(name: str, company: str = "", *, furniture_ok: bool = False) -> bool:
    """Whether ``name`` reads like a product or service category, not site furniture,
    a call to action or a slogan. ``furniture_ok`` for names with a price attached
    ("Team $29 per month" is a plan, not the team page)."""
    name = _clean(name)
    key = _norm(name)
    words = key.replace("/", " ").split()
    if not words or not 3 <= len(name) <= 60 or len(words) > MAX_WORDS:
        return False
    if sum(c.isalpha() for c in name) < 3 or name.endswith(("?", "!")) or "@" in name or "://" in name:
        return False
    if any(c.isdigit() for c in name):  # prices, phone numbers, "Trusted by 40,000 businesses"
        return False
    if not furniture_ok and (key in _FURNITURE or _FURNITURE_PARTS.search(key)):
        return False
    first = words[0]
    if first in _QUESTION_STARTS or (first in _CTA_VERBS and first not in _VERB_NOUNS):
        return False
    if first in _VERB_NOUNS and (len(words) == 1 or words[1] in _CTA_FOLLOWERS):
        return False
    if len(words) > 1 and words[-1] in _CTA_VERBS and words[-1].endswith(("en", "ern")):
        return False  # German CTAs end in the verb: "Termin vereinbaren", "Villa mieten"
    if "jetzt" in words or any(w in _PRONOUNS for w in re.split(r"[\s'’-]+", key)):  # "Contactez-nous"
        return False
    if any(w in _SLOGAN_WORDS for w in words):
        return False
    if first in ("for", "für", "pour", "para", "per", "voor"):  # audiences: "For patients"
        return False
    if first in _LEADING_STOP and not (len(first) > 1 and name.split()[0].isupper()):
        return False
    if company:
        ckey = _norm(company)
        stem = re.sub(r"\b(inc|ltd|llc|gmbh|ag|sa|sas|srl|bv|plc|co|corp|limited)\.?$", "", ckey).strip(" ,.")
        if key in (ckey, stem) or (stem and key.startswith(stem + " ") and len(words) <= len(stem.split()) + 1):
            return False
    # "KOMPETENZEN", "A LA UNE": all-caps words are section labels, not names.
    return not (name.isupper() and len(name) > 5)


def _head(item: str) -> str:
    """The name part of a list item: before a colon or dash, first of a comma/"and" list.
    "Cardiology: ECG, stress tests" -> "Cardiology"; "Pediatrics and vaccinations" -> "Pediatrics"."""
    item = _HEAD_SEP.split(item, maxsplit=1)[0]
    item = item.split(",")[0]
    return _clean(_SPLIT_CONJ.split(item, maxsplit=1)[0])


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
        items = [_clean(i) for i in items]
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
    words = _norm(name).replace("-", " ").split()
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
                  if _norm(m.group(1).split()[0]) not in _PLAN_STOP]
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
            name = _cap(_clean(raw))
            if not is_plausible(name, company, furniture_ok=tier == 2):
                continue
            key = _key(name)
            if _duplicate(key, keys):
                continue
            keys.append(key)
            out.append(name)
            if len(out) >= limit:
                return out
    return out
