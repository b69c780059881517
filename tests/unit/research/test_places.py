"""Places and money from maintained data: prices and currency symbols (CLDR, price-parser),
phone numbers (phonenumbers), addresses and cities (GeoNames), TLDs and language tags
(pycountry), combined into country, currency and locations with their signals."""

from __future__ import annotations

import pytest

from demoforge.research import money, places
from demoforge.research.places import PlaceInputs


@pytest.mark.parametrize(("text", "amount", "written"), [
    ("SIDAMO Bio Bohnen 27,90 €", 27.9, "€"), ("ab 1.299,00 EUR", 1299.0, "EUR"), ("only $49/month", 49.0, "$"),
    ("CHF 129.-", 129.0, "CHF"), ("£1,250.00", 1250.0, "£"), ("149 kr", 149.0, "kr"), ("A$ 89", 89.0, "A$"),
])
def test_prices_in_text(text: str, amount: float, written: str) -> None:
    [found] = money.find_prices(text)
    assert (found.amount, found.written_currency) == (amount, written)


def test_no_prices_in_numbers_without_a_currency() -> None:
    assert money.find_prices("20 Stück, seit 2004, Telefon 089 1234567, tausend Dank") == []


@pytest.mark.parametrize(("written", "country", "iso"), [
    ("€", None, "EUR"), ("$", "AU", "AUD"), ("$", "CA", "CAD"), ("$", None, "USD"), ("kr", "SE", "SEK"),
    ("kr", "NO", "NOK"), ("£", None, "GBP"), ("CHF", None, "CHF"), ("zł", None, "PLN"),
])
def test_currency_symbols_resolved_with_the_country(written: str, country: str | None, iso: str) -> None:
    assert money.iso_currency(written, country) == iso


def test_country_currency_from_cldr() -> None:
    assert [money.country_currency(c) for c in ("CH", "AT", "GB", "SE", "US")] == ["CHF", "EUR", "GBP", "SEK", "USD"]


@pytest.mark.parametrize(("text", "region"), [
    ("Tel. +49 89 1234567", "DE"), ("Telefon: 0041 44 668 18 00", "CH"), ("+43 1 588 58 0", "AT"),
    ("Call +44 20 7946 0958", "GB"), ("+61 2 9374 4000", "AU"),
])
def test_international_phone_numbers(text: str, region: str) -> None:
    assert places.phone_countries(text)[0][0] == region


def test_national_phone_numbers_read_in_the_language_country() -> None:
    assert places.phone_countries("Call (212) 555-0100 today", region="US")[0][0] == "US"
    assert places.phone_countries("Call (212) 555-0100 today") == []  # no region, no guess


@pytest.mark.parametrize(("url", "country"), [
    ("https://www.baeckerei.de/", "DE"), ("https://shop.co.uk/", "GB"), ("https://x.ch/", "CH"),
    ("https://app.io/", None), ("https://example.com/", None),
])
def test_tld_country(url: str, country: str | None) -> None:
    assert places.tld_country(url) == country


def test_language_tags_and_country_names() -> None:
    assert places.lang_region("de-CH") == ("de", "CH") and places.lang_region("fr") == ("fr", None)
    assert places.country_code("Deutschland") == "DE" and places.country_code("Schweiz") == "CH"
    assert places.country_code("Germany") == "DE" and places.country_code("AUT") == "AT"
    assert places.likely_region("en") == "US" and places.likely_region("de") == "DE"


def test_cities_after_postal_codes() -> None:
    found = places.address_cities("Röstwerk GmbH, Domstraße 1, 50667 Köln | CH-8001 Zürich | © 2014 Florida Hospital")
    assert [(c, cc) for c, cc, _ in found] == [("Köln", "DE"), ("Zürich", "CH")]  # 2014 is a year
    us = places.address_cities("1435 North McDowell Blvd, Petaluma, CA 94954")
    assert [(c, cc) for c, cc, _ in us] == [("Petaluma", "US")]


def test_infer_combines_signals_with_confidence() -> None:
    swiss = PlaceInputs(url="https://www.bergsport.com/", declared_lang="de-CH", language="de",
                        addresses=[("Zürich", "", "CH", "json-ld address")], text="Tel. +41 44 123 45 67",
                        currencies=["CHF", "CHF"])
    result = places.infer([swiss])
    assert (result.country, result.currency) == ("CH", "CHF")
    assert result.locations[0].city == "Zürich" and result.locations[0].country == "CH"
    assert result.facts["country"].confidence > 0.8 and any("phone" in s for s in result.facts["country"].signals)
    bare = places.infer([PlaceInputs(url="https://example.com/", language="en")])
    assert (bare.country, bare.currency) == ("US", "USD") and bare.facts["country"].confidence < 0.3
