"""Whether a name reads like something a business sells: the one plausibility filter for
product and service names, used wherever names enter a demo (research's extraction from
pages, templates' customisation with research's or Claude's list).

A plausible offering is a short noun phrase: at most five words, no call to action
(imperatives in several languages), no question or "why" line, no pronoun
(we/your/wir/Ihr/nous/vous...), no slogan cue ("every", "that", digits, "!"), no site
furniture ("store locator", "new arrivals", "gift cards", "about us"), and not the company
name. The vocabulary is general and multilingual on purpose: it is not tuned to any one
site. Pure functions over the standard library.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_WORDS = 5


def norm(s: str) -> str:
    """Comparison form of a name: NFC, case-folded."""
    return unicodedata.normalize("NFC", s).casefold()


def _words(text: str) -> frozenset[str]:
    return frozenset(norm(w) for w in text.split())


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
PRONOUNS = _words("""
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
_FURNITURE = {" ".join(norm(s).split()) for s in """
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

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def clean(text: str) -> str:
    """A name as shown: invisible characters dropped, spaces collapsed, list bullets,
    separators and trailing punctuation stripped."""
    return " ".join(text.translate(_INVISIBLE).split()).strip(" \t-–—|:•·»«›‹<>/,;.►▸▶→←")


def is_plausible(name: str, company: str = "", *, furniture_ok: bool = False) -> bool:
    """Whether ``name`` reads like a product or service category, not site furniture,
    a call to action or a slogan. ``furniture_ok`` for names with a price attached
    ("Team $29 per month" is a plan, not the team page)."""
    name = clean(name)
    key = norm(name)
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
    if "jetzt" in words or any(w in PRONOUNS for w in re.split(r"[\s'’-]+", key)):  # "Contactez-nous"
        return False
    if any(w in _SLOGAN_WORDS for w in words):
        return False
    if first in ("for", "für", "pour", "para", "per", "voor"):  # audiences: "For patients"
        return False
    if first in _LEADING_STOP and not (len(first) > 1 and name.split()[0].isupper()):
        return False
    if company:
        ckey = norm(company)
        stem = re.sub(r"\b(inc|ltd|llc|gmbh|ag|sa|sas|srl|bv|plc|co|corp|limited)\.?$", "", ckey).strip(" ,.")
        if key in (ckey, stem) or (stem and key.startswith(stem + " ") and len(words) <= len(stem.split()) + 1):
            return False
    # "KOMPETENZEN", "A LA UNE": all-caps words are section labels, not names.
    return not (name.isupper() and len(name) > 5)


def plausible_offerings(names: Iterable[str], company: str = "") -> list[str]:
    """The plausible names of ``names``, cleaned, in order, without repeats: research's or
    Claude's product list without navigation items and slogans ("Shop by category",
    "Accounting software that runs itself")."""
    out: list[str] = []
    for raw in names:
        name = clean(raw)
        if is_plausible(name, company):
            out.append(name)
    return list(dict.fromkeys(out))
