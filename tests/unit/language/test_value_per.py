"""An average value per counted thing reads as that thing's value ("Durchschnittswert je
Police"), not as an order's (Bestellwert); and a contract, a property and a subscriber are
their own words, not an insurer's policy, a hotel or the subscription."""

from __future__ import annotations

import datetime as dt

import pytest

from demoforge.language.words import dimension_words, metric_words
from demoforge.synth.templates import get_template

AS_OF = dt.date(2026, 6, 30)


def _metric(shape: str, name: str, lang: str) -> str:
    spec = get_template(shape, as_of=AS_OF)
    return metric_words(spec.semantic.metric(name), lang).noun.sg


@pytest.mark.parametrize(("shape", "lang", "word"), [
    ("insurance.health", "de", "Durchschnittswert je Police"),
    ("telecom.operator", "fr", "valeur moyenne par contrat"),
    ("real_estate.property_manager", "es", "valor medio por contrato de alquiler"),
    ("retail.online_shop", "de", "Bestellwert"),
])
def test_average_value_per_thing(shape: str, lang: str, word: str) -> None:
    assert _metric(shape, "aov", lang) == word


def test_contracts_properties_and_subscribers_are_their_own_words() -> None:
    assert _metric("telecom.operator", "transactions", "de") == "Vertrag"
    assert _metric("telecom.operator", "customers", "de") == "Abonnent"
    spec = get_template("real_estate.property_manager", as_of=AS_OF)
    assert dimension_words(spec.semantic.dimension("location"), "de").noun.sg == "Objekt"
    assert _metric("insurance.health", "transactions", "de") == "Police"
