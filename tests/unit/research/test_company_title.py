"""The company's name from a page title: the brand segment of "<slogan> <sep> <brand>" or
"<brand> <sep> <slogan>", in several languages, with and without a domain to match; a
title where nothing stands out keeps the safe fallback."""

from __future__ import annotations

import pytest

from demoforge.research.extract import extract
from demoforge.research.offline import analyse
from demoforge.research.profile import title_brand

DEV = "http://127.0.0.1:8765/page.html"  # a dev run: no domain to match the name with


def _html(title: str, body: str = "<p>Willkommen.</p>", lang: str = "en") -> str:
    return f'<html lang="{lang}"><head><title>{title}</title></head><body><main>{body}</main></body></html>'


def _company(title: str, url: str = DEV, lang: str = "en", body: str = "<p>Hello.</p>") -> str:
    return analyse([extract(_html(title, body, lang), url)]).company_name


@pytest.mark.parametrize(("title", "lang", "brand"), [
    ("Project Management software, collaborate online: VisionProject", "en", "VisionProject"),  # slogan first
    ("Boulangerie Dupont – Le pain artisanal depuis 1950", "fr", "Boulangerie Dupont"),  # brand first
    ("Müller Bäckerei — Frisches Brot jeden Tag", "de", "Müller Bäckerei"),
    ("Reparamos tu coche en el día | TallerGarcía", "es", "TallerGarcía"),
    ("ToledoCars.com -- Price Quotes, Research", "en", "ToledoCars.com"),
])
def test_the_brand_segment_not_the_slogan(title: str, lang: str, brand: str) -> None:
    assert _company(title, lang=lang) == brand


def test_the_domain_still_wins_when_it_is_known() -> None:
    assert _company("Psychologist Perth | Kaye Barr", url="https://kayebarr.com.au/") == "Kaye Barr"
    assert _company("Kaye Barr | Psychologist Perth", url="https://kayebarr.com.au/") == "Kaye Barr"


def test_a_name_the_site_gives_elsewhere_picks_the_segment() -> None:
    # Brand first, the slogan without tell-tale words: the copyright line names the brand.
    assert title_brand(["Kaye Barr", "Psychologist Perth"], ["© 2024 Kaye Barr"], []) == (
        "Kaye Barr", "matches the site's name elsewhere")


def test_a_segment_recurring_across_the_site_titles_is_the_brand() -> None:
    pages = [extract(_html(t, lang="de"), f"http://127.0.0.1:8765/{i}.html") for i, t in enumerate(
        ["Leistungen – Hofmann Design", "Kontakt – Hofmann Design", "Über uns – Hofmann Design"])]
    assert analyse(pages).company_name == "Hofmann Design"
    assert title_brand(["Leistungen", "Hofmann Design"], [], ["Kontakt – Hofmann Design"]) == (
        "Hofmann Design", "recurs in the site's page titles")


def test_no_segment_stands_out_keeps_the_fallback() -> None:
    assert title_brand(["Startseite", "Willkommen"], [], []) is None
    r = analyse([extract(_html("Startseite | Willkommen", lang="de"), DEV)])
    assert r.company_name in {"Startseite", "Willkommen"}  # a title segment, never the whole title
    assert r.facts["company_name"].confidence <= 0.45  # and said to be a guess
    # One segment only: the title itself, as before.
    assert _company("Bumm Film GmbH") == "Bumm Film GmbH"


@pytest.mark.parametrize(("footer", "url", "name"), [
    ("© 2024 BlueDogInk.com Ink Cartridges, Toners, Printers", "https://www.bluedogink.com/", "BlueDogInk.com"),
    ("© 2024 Complete Building, Gloucester", "https://complete-building.co.uk/", "Complete Building"),
    ("© 2024 Bächli Bergsport AG", "https://www.baechli-bergsport.ch/", "Bächli Bergsport AG"),  # the site's legal form stays
])
def test_a_tagline_after_the_name_is_dropped_a_legal_suffix_is_not(footer: str, url: str, name: str) -> None:
    html = _html("Home | Welcome", "<p>We sell things.</p>").replace("</body>", f"<footer><p>{footer}</p></footer></body>")
    assert analyse([extract(html, url)]).company_name == name


def test_what_in_a_place_is_a_description_not_the_name() -> None:
    assert _company("Acme Dental | Dentist in Springfield") == "Acme Dental"
    assert _company("Zahnarzt in München | Praxis Weber", lang="de") == "Praxis Weber"
