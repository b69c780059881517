"""A table's description and grain in the job's language, built from what the table holds.

The template shapes record what each table is (``TableAbout``: its role and the English
singular of one row and of what it belongs to); each language here puts the nouns of
those words (``lexicon_tables.table_noun``) into its own sentence with its own grammar:
German cases and ``jeder``/``jede``/``jedes``, French and Spanish articles, contractions
and agreement. English is the spec's own ``description`` and ``grain`` (what BigQuery and
the agent read). A table without ``about`` (a free-form spec) gets a grain from its name
when the vocabulary knows it, and its English description marked ``foreign``.

Country and currency names come from babel in the language (``Deutschland``, ``euro``).
"""

from __future__ import annotations

import dataclasses

from babel import Locale
from babel.numbers import get_currency_name
from babel.units import get_unit_name

from demoforge.language import OFFLINE, de, es, fr
from demoforge.language.base import capitalise
from demoforge.language.lexicon_tables import ER, INDUSTRIES, UNITS, table_noun
from demoforge.language.nouns import Noun
from demoforge.spec.tables import TableAbout, TableSpec


@dataclasses.dataclass(frozen=True)
class TableText:
    description: str
    grain: str
    foreign: bool = False  # the description is the spec's English (no words for it in the language)


@dataclasses.dataclass(frozen=True)
class TableContext:
    """What a description names besides the table's own words."""

    company: str
    country: str | None = None  # ISO 3166 code
    currency: str | None = None  # ISO 4217 code


class MissingWord(LookupError):
    """A table's ``about`` names a thing the vocabulary has no noun for in a language."""


def _noun(key: str, lang: str) -> Noun:
    n = table_noun(key, lang)
    if n is None:
        raise MissingWord(f"no {lang} noun for {key!r}: add it to language.lexicon_tables.ROWS")
    return n


def _country(code: str | None, lang: str) -> str:
    if not code:
        return ""
    return str(Locale.parse(lang).territories.get(code.upper(), code))


def _currency(code: str | None, lang: str) -> str:
    # French and Spanish name the currency of a price in the plural ("en euros"), German not.
    return get_currency_name(code, count=1 if lang == "de" else 2, locale=lang) if code else ""


# --- German --------------------------------------------------------------------------

def _de_grain(about: TableAbout) -> str:
    n = _noun(about.entity, "de")
    if about.role == "lines" and about.of:
        o = _noun(about.of, "de")
        article = "einer" if o.gender == "f" else "eines"
        return f"eine Zeile je {n.sg} {article} {de.noun_form(o, 'gen', 'sg')}"
    return f"eine Zeile je {n.sg}"


def _de(about: TableAbout, c: TableContext) -> str:
    n = _noun(about.entity, "de")
    of = _noun(about.of, "de") if about.of else None
    every = capitalise(de.np(n, "nom", "jeder", "sg"))
    money = _currency(c.currency, "de")
    role = about.role
    if role == "places":
        whose = f" {de.np(of, 'gen', number='pl')}" if of else ""
        land = f" ({_country(c.country, 'de')})" if c.country else ""
        return f"Die realen Städte{whose}{land}, mit Region und Einwohnerzahl."
    if role == "locations":
        return f"{every} von {c.company}, mit Stadt und Region."
    if role == "sellers":
        what = of.pl if of else "Angebote"
        return f"Unternehmen und Personen, die auf {c.company} {what} anbieten."
    if role == "customers":
        return f"{every} von {c.company}: Ort, Segment, Registrierung und Abwanderung."
    if role == "offerings":
        price = f" in {money}" if money else ""
        return f"{capitalise(de.np(n, 'nom', number='pl'))} von {c.company}, mit Kategorie und Listenpreis{price}."
    if role == "staff":
        where = f", jeweils mit {'ihrer' if of.gender == 'f' else 'ihrem'} {de.noun_form(of, 'dat', 'sg')}" if of else ""
        return f"{capitalise(de.np(n, 'nom', number='pl'))} von {c.company}{where}."
    if role == "transactions":
        return f"{every} von {c.company}: wer, wo, wann, über welchen Kanal und mit welchem Ergebnis."
    if role == "lines":
        price = f" in {money}" if money else ""
        whose = de.np(of, "gen", "jeder", "sg") if of else ""
        return f"{capitalise(de.np(n, 'nom', number='pl'))} {whose}: Menge, Preis{price} und Betrag."
    # a child table: the rows that follow another table's rows
    to = f" zu {de.np(of, 'dat', number='pl')}" if of else ""
    return f"{capitalise(de.np(n, 'nom', number='pl'))}{to}."


# --- French --------------------------------------------------------------------------

_NNBSP = "\u00a0"  # French puts a no-break space before a colon


def _fr_grain(about: TableAbout) -> str:
    n = _noun(about.entity, "fr")
    if about.role == "lines" and about.of:
        o = _noun(about.of, "fr")
        return f"une ligne par {n.sg} d'{'une' if o.gender == 'f' else 'un'} {o.sg}"
    return f"une ligne par {n.sg}"


def _fr(about: TableAbout, c: TableContext) -> str:
    n = _noun(about.entity, "fr")
    of = _noun(about.of, "fr") if about.of else None
    company = fr.de_name(c.company)
    money = _currency(c.currency, "fr")
    role = about.role
    if role == "places":
        whose = f" {fr.de(of, 'pl')}" if of else ""
        land = f" ({_country(c.country, 'fr')})" if c.country else ""
        return f"Les villes réelles{whose}{land}, avec leur région et leur population."
    if role == "locations":
        return f"Chaque {n.sg} {company}, avec sa ville et sa région."
    if role == "sellers":
        what = f"des {of.pl}" if of else "des offres"
        return f"Entreprises et particuliers qui proposent {what} sur {c.company}."
    if role == "customers":
        return f"Chaque {n.sg} {company}{_NNBSP}: lieu, segment, inscription et départ."
    if role == "offerings":
        offered = fr.agree(("proposé", "proposée", "proposés", "proposées"), n, "pl")
        price = f" en {money}" if money else ""
        return f"{capitalise(fr.article(n, 'pl'))} {offered} par {c.company}, avec catégorie et prix catalogue{price}."
    if role == "staff":
        they = fr.pronoun(n, "pl")
        where = f" et {fr.article(of, 'sg')} où {they} travaillent" if of else ""
        return f"{capitalise(fr.article(n, 'pl'))} {company}{where}."
    if role == "transactions":
        return f"Chaque {n.sg} {company}{_NNBSP}: qui, où, quand, par quel canal et avec quel résultat."
    if role == "lines":
        price = f" en {money}" if money else ""
        whose = f" de chaque {of.sg}" if of else ""
        return f"{capitalise(fr.article(n, 'pl'))}{whose}{_NNBSP}: quantité, prix{price} et montant."
    to = f" {fr.de(of, 'pl')}" if of else ""
    return f"{capitalise(fr.article(n, 'pl'))}{to}."


# --- Spanish -------------------------------------------------------------------------

def _es_grain(about: TableAbout) -> str:
    n = _noun(about.entity, "es")
    if about.role == "lines" and about.of:
        o = _noun(about.of, "es")
        return f"una fila por {n.sg} de {'una' if o.gender == 'f' else 'un'} {o.sg}"
    return f"una fila por {n.sg}"


def _es(about: TableAbout, c: TableContext) -> str:
    n = _noun(about.entity, "es")
    of = _noun(about.of, "es") if about.of else None
    money = _currency(c.currency, "es")
    role = about.role
    if role == "places":
        whose = f" {es.de(of, 'pl')}" if of else ""
        land = f" ({_country(c.country, 'es')})" if c.country else ""
        return f"Las ciudades reales{whose}{land}, con su región y su población."
    if role == "locations":
        return f"Cada {n.sg} de {c.company}, con su ciudad y su región."
    if role == "sellers":
        what = of.pl if of else "ofertas"
        return f"Empresas y particulares que publican {what} en {c.company}."
    if role == "customers":
        return f"Cada {n.sg} de {c.company}: ubicación, segmento, alta y baja."
    if role == "offerings":
        price = f" en {money}" if money else ""
        return f"{capitalise(es.article(n, 'pl'))} que ofrece {c.company}, con categoría y precio de catálogo{price}."
    if role == "staff":
        where = f" y {es.article(of, 'sg')} en {'la' if of.gender == 'f' else 'el'} que trabajan" if of else ""
        return f"{capitalise(es.article(n, 'pl'))} de {c.company}{where}."
    if role == "transactions":
        return f"Cada {n.sg} de {c.company}: quién, dónde, cuándo, por qué canal y con qué resultado."
    if role == "lines":
        price = f" en {money}" if money else ""
        whose = f" de cada {of.sg}" if of else ""
        return f"{capitalise(es.article(n, 'pl'))}{whose}: cantidad, precio{price} e importe."
    to = f" {es.de(of, 'pl')}" if of else ""
    return f"{capitalise(es.article(n, 'pl'))}{to}."


_BUILD = {"de": (_de, _de_grain), "fr": (_fr, _fr_grain), "es": (_es, _es_grain)}


def describe(about: TableAbout, lang: str, context: TableContext) -> TableText:
    """``about`` worded in ``lang`` (de, fr, es); raises ``MissingWord`` for a noun the
    vocabulary lacks (the completeness test runs every shape through this)."""
    build, grain = _BUILD[lang]
    return TableText(description=build(about, context), grain=grain(about))


def _name_grain(table: TableSpec, lang: str) -> str | None:
    """A free-form table's grain from its name ("orders" -> one row per order), if known."""
    n = table_noun(table.name, lang)
    if n is None or lang == "en":
        return None
    return {"de": f"eine Zeile je {n.sg}", "fr": f"une ligne par {n.sg}", "es": f"una fila por {n.sg}"}[lang]


def table_text(table: TableSpec, lang: str, context: TableContext) -> TableText:
    """What the report says about ``table`` in ``lang``: the spec's English for English and
    for languages without offline words; built from ``table.about`` otherwise."""
    if lang == "en" or lang not in OFFLINE:
        return TableText(description=table.description, grain=table.grain, foreign=lang != "en")
    about = table.about
    # A word the vocabulary lacks (the completeness test names any of the shapes') leaves
    # the table its English description, marked, rather than the report failing.
    if about is not None and all(table_noun(w, lang) for w in (about.entity, about.of) if w):
        return describe(about, lang, context)
    grain = _name_grain(table, lang)
    return TableText(description=table.description, grain=grain or table.grain, foreign=True)


def unit_name(unit: str, lang: str, currency: str | None = None) -> str:
    """A metric's unit as the metric table shows it: "Euro", "Stunden", "Anteil"."""
    lang = lang if lang in OFFLINE else "en"
    if unit == "currency" and currency:
        return _currency(currency, lang)
    if unit in ("hours", "days", "minutes"):
        key = f"duration-{unit[:-1]}"
        # CLDR lacks some long names (Spanish "hour"): the short one is the word then.
        return str(get_unit_name(key, length="long", locale=lang) or get_unit_name(key, length="short", locale=lang))
    return UNITS[lang].get(unit, unit)


def industry_name(code: str, english: str, lang: str) -> str:
    """The registry's industry label in ``lang`` (``english`` is the registry's own)."""
    return INDUSTRIES.get(lang, {}).get(code, english)


def er_words(lang: str) -> dict[str, str]:
    return ER.get(lang) or ER["en"]
