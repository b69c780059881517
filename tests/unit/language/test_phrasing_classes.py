"""Classes of wording mistakes a fluent reader flagged, checked over every template shape
and offline language rather than for the one sentence seen: a summed quantity of seats or
contracts is not "Absatz"; an average is not "brought in" nor totalled; no question stacks
two "je", "par" or "por"; a single thing is "bei welcher Behandlung", not "in"; French and
Spanish compare a rate with the low month's rate."""

from __future__ import annotations

import datetime as dt
import functools
import re

import pytest

from demoforge.content.facts import question_text
from demoforge.content.questions import Context, Coverage, Plan, plan_questions, time_key
from demoforge.language.base import Ask, BreakdownFacts, CycleFacts, GrowthFacts, Period, Where
from demoforge.language.nouns import Noun
from demoforge.language.render import phrasebook
from demoforge.language.words import DimensionWords, MetricWords, metric_words
from demoforge.spec.model import DatasetSpec
from demoforge.synth.templates import get_template
from demoforge.synth.templates.shapes import SHAPES

AS_OF = dt.date(2026, 6, 30)
COVER = Coverage(dt.date(2024, 7, 1), dt.date(2026, 6, 30))
KEYS = [s.key for s in SHAPES]
# The goods a shape sells by the piece: their summed quantity is units sold (Absatz).
GOODS = {"units", "vehicles", "machines", "titles"}


@functools.cache
def _spec(key: str) -> DatasetSpec:
    return get_template(key, as_of=AS_OF)


@pytest.mark.parametrize("key", KEYS)
def test_a_quantity_of_things_other_than_goods_is_not_units_sold(key: str) -> None:
    for m in _spec(key).semantic.metrics:
        if m.unit != "quantity" or m.label in GOODS:
            continue
        for lang, sold in (("en", "units sold"), ("de", "Absatz"), ("fr", "volume des ventes"),
                           ("es", "unidades vendidas")):
            assert metric_words(m, lang).noun.sg != sold, (m.label, lang)


@pytest.mark.parametrize("key", KEYS)
def test_an_average_value_is_phrased_as_an_average(key: str) -> None:
    for m in _spec(key).semantic.metrics:
        if m.label.startswith("average") and "/" in m.expression:
            for lang in ("en", "de", "fr", "es"):
                w = metric_words(m, lang)
                assert w.kind == "average", (m.label, lang)
                q = phrasebook(lang).question(Ask(kind="total", metric=w))
                assert "insgesamt" not in q and "au total" not in q and "en total" not in q, q


@functools.cache
def _plans(key: str) -> tuple[Plan, ...]:
    spec = _spec(key)
    cov = {k: COVER for m in spec.semantic.metrics if (k := time_key(m, spec))}
    return tuple(plan_questions(Context(spec=spec, coverage=cov, seed=1)))


def _questions(key: str, lang: str) -> list[str]:
    pb = phrasebook(lang)
    return [question_text(p, _spec(key), pb) for p in _plans(key)]


_STACKED = {"de": re.compile(r"\bje \S+( \S+)? je\b"), "fr": re.compile(r"\bpar [^,?]+ par\b(?! rapport)"),
            "es": re.compile(r"\bpor [^,?]+ por\b")}


@pytest.mark.parametrize("lang", ["de", "fr", "es"])
@pytest.mark.parametrize("key", KEYS)
def test_no_question_stacks_two_per(key: str, lang: str) -> None:
    stacked = [q for q in _questions(key, lang) if _STACKED[lang].search(q)]
    # A question about a metric per thing by a grain is fine ("pro Monat"); two "per" are not.
    assert stacked == []


_TREATMENT = DimensionWords(noun=Noun(sg="Behandlung", pl="Behandlungen", gender="f"), kind="offering", at=True)
_REGION = DimensionWords(noun=Noun(sg="Region", pl="Regionen", gender="f"), kind="geography")
_RATE = MetricWords(noun=Noun(sg="Beschwerdequote", pl="Beschwerdequoten", gender="f"), kind="rate")


def test_a_single_thing_is_asked_with_bei_a_place_with_in() -> None:
    de = phrasebook("de")
    assert de.question(Ask(kind="ranking", metric=_RATE, dims=(_TREATMENT,), variant=1)) == (
        "Bei welcher Behandlung ist die Beschwerdequote am höchsten?")
    assert de.question(Ask(kind="ranking", metric=_RATE, dims=(_REGION,), variant=1)) == (
        "In welcher Region ist die Beschwerdequote am höchsten?")


def test_french_and_spanish_compare_a_rate_with_the_low_months_rate() -> None:
    facts = CycleFacts(peak="mai", peak_value="4,9 %", low="février", low_value="2,6 %", ratio=1.9)
    taux = MetricWords(noun=Noun(sg="taux d'annulation", pl="taux d'annulation"), kind="rate")
    assert "soit 1,9 fois celui du mois le plus bas, février" in phrasebook("fr").answer(
        Ask(kind="cycle", metric=taux, cycle="month_of_year"), facts)
    tasa = MetricWords(noun=Noun(sg="tasa de cancelación", pl="tasas de cancelación", gender="f"), kind="rate")
    assert "1,9 veces la del mes más bajo, " in phrasebook("es").answer(
        Ask(kind="cycle", metric=tasa, cycle="month_of_year"), facts)
    orders = MetricWords(noun=Noun(sg="commande", pl="commandes", gender="f"), kind="count")
    assert "soit 1,9 fois plus que le mois le plus calme" in phrasebook("fr").answer(
        Ask(kind="cycle", metric=orders, cycle="month_of_year"), facts)


def test_french_growth_of_a_count_is_the_change_in_its_number() -> None:
    subs = MetricWords(noun=Noun(sg="abonnement", pl="abonnements"), kind="count")
    seg = DimensionWords(noun=Noun(sg="segment", pl="segments"), kind="segment")
    text = phrasebook("fr").answer(Ask(kind="growth", metric=subs, dims=(seg,)),
                                   GrowthFacts(best="SMB", best_change="+48 %", worst=None, worst_change=None, n=3))
    assert "la variation du nombre d'abonnements la plus élevée" in text


@pytest.mark.parametrize(("lang", "fell", "grew"), [
    ("en", "Plans fell least (−5,1 %)", "Plans grew most (+5,1 %)"),
    ("de", "hat Plans am wenigsten verloren (−5,1 %)", "hat Plans am stärksten zugelegt (+5,1 %)"),
    ("fr", "la plus faible baisse est celle de Plans (−5,1 %)", "la plus forte progression est celle de Plans (+5,1 %)"),
    ("es", "la menor caída fue la de Plans (−5,1 %)", "el mayor crecimiento fue el de Plans (+5,1 %)"),
])
def test_a_breakdown_where_all_fell_names_who_fell_least(lang: str, fell: str, grew: str) -> None:
    pb = phrasebook(lang)
    words = MetricWords(noun=Noun(sg="x", pl="x"), kind="rate")
    seg = DimensionWords(noun=Noun(sg="segment", pl="segments"), kind="segment")
    q3, q4 = Period(dt.date(2026, 7, 1), "quarter"), Period(dt.date(2023, 10, 1), "quarter")
    for change, expected in (("−5,1 %", fell), ("+5,1 %", grew)):
        facts = BreakdownFacts(latest=q3, top="Plans", top_value="1", first=q4, grower="Plans", growth=change)
        assert expected in pb.answer(Ask(kind="breakdown", metric=words, dims=(seg,)), facts)


def test_english_restrictions_read_the_regular_segment_and_the_product() -> None:
    en = phrasebook("en")
    seg = DimensionWords(noun=Noun(sg="segment", pl="segments"), kind="segment")
    product = DimensionWords(noun=Noun(sg="product", pl="products"), kind="offering", at=True)
    rate = MetricWords(noun=Noun(sg="return rate", pl="return rates"), kind="rate")
    assert en.question(Ask(kind="trend", metric=rate, grain="quarter", where=(Where(seg, "Regular"),))) == (
        "How has the return rate in the Regular segment developed quarter by quarter?")
    assert en.question(Ask(kind="trend", metric=rate, grain="quarter", where=(Where(product, "Tents"),))) == (
        "How has the return rate for the product Tents developed quarter by quarter?")


def test_a_german_noun_takes_its_own_preposition_of_place() -> None:
    de = phrasebook("de")
    site = DimensionWords(noun=Noun(sg="Standort", pl="Standorte", gender="m", gen_sg="Standorts", prep="an"),
                          kind="geography")
    assert de.question(Ask(kind="ranking", metric=_RATE, dims=(site,), variant=1)) == (
        "An welchem Standort ist die Beschwerdequote am höchsten?")
    assert "am Standort Nord" in de.question(Ask(kind="trend", metric=_RATE, grain="month",
                                                  where=(Where(site, "Nord"),)))


@pytest.mark.parametrize("key", KEYS)
def test_a_measure_of_money_is_the_highest_not_the_most(key: str) -> None:
    # "le montant des dons le plus élevé", "el importe donado más alto": a measure is not "more of".
    for lang, bad in (("fr", re.compile(r"le plus (de|d')(montant|volume|encours|valeur|prix|coût)\b")),
                      ("es", re.compile(r"\bmás (importe|volumen|valor|precio|coste)\b"))):
        assert [q for q in _questions(key, lang) if bad.search(q)] == []


def test_summed_hours_are_an_amount_not_an_average() -> None:
    hours = _spec("professional.firm").semantic.metric("billable_hours")
    words = {lang: metric_words(hours, lang) for lang in ("en", "de", "fr", "es")}
    assert all(w.kind == "amount" and w.duration_unit is None for w in words.values())
    assert phrasebook("de").metric_name(words["de"]) == "abrechenbare Stunden"
    assert words["fr"].noun.sg == "heures facturables"
