"""Each structured-data source becomes offerings with its price and currency: JSON-LD
(Product with offers, Service, MenuItem in a Menu, ItemList entries), microdata and RDFa
(through extruct), OpenGraph product tags; hostile JSON-LD depth is skipped, not raised."""

from __future__ import annotations

import json
import time

from demoforge.research.extract import extract
from demoforge.research.offline import analyse
from tests.support.fake_fetcher import page

URL = "https://www.shop.example/"


def _offerings(html: str) -> dict[str, tuple[str, float | None, str | None, str]]:
    r = analyse([extract(html, URL)])
    return {o.name: (o.kind, o.price, o.currency, o.source) for o in r.offerings}


def test_json_ld_product_service_menu_and_list() -> None:
    data = [
        {"@context": "https://schema.org", "@type": "Product", "name": "SIDAMO Bio Bohnen",
         "offers": {"@type": "Offer", "price": "27.90", "priceCurrency": "EUR"}},
        {"@type": "Service", "name": "Kaffeeseminar", "offers": {"price": "89", "priceCurrency": "EUR"}},
        {"@type": "Restaurant", "name": "Röstwerk Café", "hasMenu": {"@type": "Menu", "hasMenuSection": {
            "@type": "MenuSection", "name": "Getränke", "hasMenuItem": [{"@type": "MenuItem", "name": "Flat White",
                                                                          "offers": {"price": "3.80"}}]}}},
        {"@type": "ItemList", "itemListElement": [{"@type": "ListItem", "position": 1, "name": "Espresso Classico"}]},
        {"@type": "BreadcrumbList", "itemListElement": [{"@type": "ListItem", "name": "Startseite"}]},
    ]
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    got = _offerings(page("Röstwerk", "<p>Kaffee</p>", head=head, lang="de"))
    assert got["SIDAMO Bio Bohnen"] == ("product", 27.9, "EUR", "json-ld")
    assert got["Kaffeeseminar"][0] == "service" and got["Kaffeeseminar"][1] == 89.0
    assert got["Flat White"][:2] == ("product", 3.8)
    assert "Getränke" not in got  # a menu section groups offerings, it is none itself
    assert "Espresso Classico" in got and "Startseite" not in got


def test_microdata_product() -> None:
    body = ('<div itemscope itemtype="https://schema.org/Product"><h2 itemprop="name">Pieps Pro BT</h2>'
            '<div itemprop="offers" itemscope itemtype="https://schema.org/Offer">'
            '<span itemprop="price" content="445.00">445 CHF</span><meta itemprop="priceCurrency" content="CHF">'
            '</div></div>')
    got = _offerings(page("Bergsport", body, lang="de"))
    assert got["Pieps Pro BT"] == ("product", 445.0, "CHF", "microdata")


def test_rdfa_product() -> None:
    body = ('<div vocab="https://schema.org/" typeof="Product"><span property="name">Villa Galaxy</span>'
            '<div property="offers" typeof="Offer"><span property="price">2400</span>'
            '<span property="priceCurrency">USD</span></div></div>')
    got = _offerings(page("Villas", body))
    assert got["Villa Galaxy"] == ("product", 2400.0, "USD", "rdfa")


def test_opengraph_product_tags() -> None:
    head = ('<meta property="og:type" content="product"><meta property="og:title" content="MinusL Joghurt mild">'
            '<meta property="product:price:amount" content="1.29"><meta property="product:price:currency" content="EUR">')
    got = _offerings(page("MinusL", "<p>Joghurt</p>", head=head, lang="de"))
    assert got["MinusL Joghurt mild"] == ("product", 1.29, "EUR", "opengraph")


def test_structured_names_still_pass_the_furniture_filter() -> None:
    data = {"@type": "ItemList", "itemListElement": [
        {"@type": "ListItem", "name": "Warenkorb"}, {"@type": "ListItem", "name": "Impressum"},
        {"@type": "ListItem", "name": "Sidamo"}]}
    html = page("Shop", "<p>x</p>", head=f'<script type="application/ld+json">{json.dumps(data)}</script>')
    r = analyse([extract(html, URL)])
    assert [o.name for o in r.offerings] == ["Sidamo"]
    assert {x.name for x in r.rejected} >= {"Warenkorb", "Impressum"}


def test_deep_json_ld_and_deep_html_are_bounded() -> None:
    deep = '<script type="application/ld+json">' + '{"a":' * 5000 + "1" + "}" * 5000 + "</script>"
    html = page("Deep", "<div>" * 200_000 + "<p>Kaffee</p>" + "</div>" * 200_000, head=deep)
    started = time.monotonic()
    e = extract(html, URL)
    assert time.monotonic() - started < 20
    assert any("JSON-LD nested too deeply" in n for n in e.notes)
    assert any("flattened" in n for n in e.notes)
