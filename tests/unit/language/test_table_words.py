"""Every table of every template shape has a description and a grain in each offline
language, built from what the table holds (``TableAbout``) with the language's grammar;
metric units, industries and the data-model diagram have their words too."""

from __future__ import annotations

import re

import pytest

from demoforge.domain import industries
from demoforge.language import OFFLINE
from demoforge.language.lexicon_tables import table_noun
from demoforge.language.tables import (
    MissingWord,
    TableContext,
    describe,
    er_words,
    industry_name,
    table_text,
    unit_name,
)
from demoforge.spec.semantic import MetricUnit
from demoforge.spec.tables import TableAbout, TableSpec
from demoforge.synth.templates import get_template
from demoforge.synth.templates.shapes import SHAPES

FOREIGN = ("de", "fr", "es")
GRAIN_START = {"de": "eine Zeile je ", "fr": "une ligne par ", "es": "una fila por "}
CTX = TableContext(company="Acme", country="DE", currency="EUR")
# English words a German, French or Spanish description must not contain.
_ENGLISH = re.compile(r"\b(the|of|and|with|every|each|one row|per|who|where|which|their|on a)\b")


@pytest.fixture(scope="module")
def shape_tables() -> list[tuple[str, TableSpec]]:
    return [(s.key, t) for s in SHAPES for t in get_template(s.key).tables]


def test_all_41_shapes_are_covered(shape_tables: list[tuple[str, TableSpec]]) -> None:
    assert len(SHAPES) == 41
    assert {k for k, _ in shape_tables} == {s.key for s in SHAPES}


@pytest.mark.parametrize("lang", FOREIGN)
def test_every_table_of_every_shape_has_a_description_and_grain(
        shape_tables: list[tuple[str, TableSpec]], lang: str) -> None:
    problems = []
    for key, t in shape_tables:
        if t.about is None:
            problems.append(f"{key}.{t.name}: no about")
            continue
        try:
            text = describe(t.about, lang, CTX)
        except MissingWord as e:
            problems.append(f"{key}.{t.name}: {e}")
            continue
        if not (text.description[:1].isupper() and text.description.endswith(".")):
            problems.append(f"{key}.{t.name}: not a sentence: {text.description!r}")
        if not text.grain.startswith(GRAIN_START[lang]):
            problems.append(f"{key}.{t.name}: grain {text.grain!r}")
        if m := _ENGLISH.search(f"{text.description} {text.grain}"):
            problems.append(f"{key}.{t.name}: English {m.group(0)!r} in {text.description!r} / {text.grain!r}")
        for word in (t.about.entity, t.about.of):
            if word and table_noun(word, lang) is None:
                problems.append(f"{key}.{t.name}: no {lang} noun for {word!r}")
    assert not problems, "\n".join(problems)


def test_a_word_the_vocabulary_lacks_fails_clearly() -> None:
    about = TableAbout(role="child", entity="flux_capacitor", of="order")
    with pytest.raises(MissingWord, match="no de noun for 'flux_capacitor'.*lexicon_tables.ROWS"):
        describe(about, "de", CTX)


@pytest.mark.parametrize(("about", "lang", "description", "grain"), [
    # German: jeder/jede/jedes by gender, genitive after "jeder", dative plural after "zu".
    (TableAbout(role="customers", entity="customer"), "de",
     "Jeder Kunde von Acme: Ort, Segment, Registrierung und Abwanderung.", "eine Zeile je Kunde"),
    (TableAbout(role="transactions", entity="order"), "de",
     "Jede Bestellung von Acme: wer, wo, wann, über welchen Kanal und mit welchem Ergebnis.", "eine Zeile je Bestellung"),
    (TableAbout(role="transactions", entity="subscription"), "de",
     "Jedes Abonnement von Acme: wer, wo, wann, über welchen Kanal und mit welchem Ergebnis.",
     "eine Zeile je Abonnement"),
    (TableAbout(role="lines", entity="treatment", of="appointment"), "de",
     "Die Behandlungen jedes Termins: Menge, Preis in Euro und Betrag.", "eine Zeile je Behandlung eines Termins"),
    (TableAbout(role="child", entity="claim_payment", of="claim"), "de",
     "Die Schadenzahlungen zu den Schadenfällen.", "eine Zeile je Schadenzahlung"),
    (TableAbout(role="staff", entity="practitioner", of="practice"), "de",
     "Die Ärzte von Acme, jeweils mit ihrer Praxis.", "eine Zeile je Arzt"),
    (TableAbout(role="places", entity="city", of="customer"), "de",
     "Die realen Städte der Kunden (Deutschland), mit Region und Einwohnerzahl.", "eine Zeile je Stadt"),
    # French: elision of the company, agreement of "proposé", "d'un"/"d'une".
    (TableAbout(role="offerings", entity="listing"), "fr",
     "Les annonces proposées par Acme, avec catégorie et prix catalogue en euros.", "une ligne par annonce"),
    (TableAbout(role="lines", entity="product", of="order"), "fr",
     "Les produits de chaque commande\u00a0: quantité, prix en euros et montant.", "une ligne par produit d'une commande"),
    (TableAbout(role="locations", entity="store"), "fr",
     "Chaque magasin d'Acme, avec sa ville et sa région.", "une ligne par magasin"),
    # Spanish: articles by gender, "de los"/"de las", "el que"/"la que".
    (TableAbout(role="staff", entity="employee", of="store"), "es",
     "Los empleados de Acme y la tienda en la que trabajan.", "una fila por empleado"),
    (TableAbout(role="child", entity="review", of="order"), "es", "Las reseñas de los pedidos.", "una fila por reseña"),
    (TableAbout(role="lines", entity="product", of="booking"), "es",
     "Los productos de cada reserva: cantidad, precio en euros e importe.", "una fila por producto de una reserva"),
])
def test_descriptions_follow_each_languages_grammar(about: TableAbout, lang: str, description: str, grain: str) -> None:
    text = describe(about, lang, CTX)
    assert (text.description, text.grain) == (description, grain)


def _table(about: TableAbout | None, name: str = "orders") -> TableSpec:
    return TableSpec(name=name, description="Every order of Acme.", grain="one row per order", about=about,
                     columns=[{"name": "order_id", "type": "INT64", "description": "Id."}])


def test_english_is_the_specs_own_and_a_free_form_table_is_marked_foreign() -> None:
    t = _table(TableAbout(role="transactions", entity="order"))
    assert table_text(t, "en", CTX).description == "Every order of Acme."
    assert table_text(t, "de", CTX).description.startswith("Jede Bestellung")
    free = table_text(_table(None), "de", CTX)  # an LLM's spec: no about
    assert free.foreign and free.description == "Every order of Acme." and free.grain == "eine Zeile je Bestellung"
    unknown = table_text(_table(None, name="widgets_x"), "fr", CTX)
    assert unknown.foreign and unknown.grain == "one row per order"
    # A shape's word the vocabulary lacks: the English, marked, never a failed report.
    odd = table_text(_table(TableAbout(role="child", entity="flux_capacitor", of="order")), "de", CTX)
    assert odd.foreign and odd.description == "Every order of Acme." and odd.grain == "eine Zeile je Bestellung"
    # A language without offline words keeps the English, marked.
    assert table_text(t, "ja", CTX).foreign


@pytest.mark.parametrize(("unit", "currency", "expected"), [
    ("count", None, {"en": "count", "de": "Anzahl", "fr": "nombre", "es": "número"}),
    ("ratio", None, {"en": "share", "de": "Anteil", "fr": "part", "es": "proporción"}),
    ("hours", None, {"en": "hours", "de": "Stunden", "fr": "heures", "es": "horas"}),
    ("days", None, {"en": "days", "de": "Tage", "fr": "jours", "es": "días"}),
    ("currency", "EUR", {"en": "euros", "de": "Euro", "fr": "euros", "es": "euros"}),
])
def test_units_are_named_in_each_language(unit: MetricUnit, currency: str | None, expected: dict[str, str]) -> None:
    assert {lang: unit_name(unit, lang, currency) for lang in OFFLINE} == expected


def test_every_unit_has_a_word_in_every_language() -> None:
    units = MetricUnit.__args__  # type: ignore[attr-defined]
    for lang in OFFLINE:
        for unit in units:
            name = unit_name(unit, lang, "USD")
            same = lang == "en" or (lang, unit) == ("fr", "minutes")  # the same word in the language
            assert name and (name != unit or same), (lang, unit)


def test_every_industry_and_the_diagram_have_words_in_every_language() -> None:
    for lang in FOREIGN:
        for code, entry in industries.REGISTRY.items():
            assert industry_name(code, entry.label, lang) != entry.label or entry.label in ("Agriculture",), (lang, code)
        assert er_words(lang) != er_words("en")
        assert "{n}" in er_words(lang)["more"]
