"""Offline products/services: navigation, calls to action and slogans are dropped, real
product and service names kept (en, de, fr snippets, JSON-LD, plans, the bundled samples)."""

from __future__ import annotations

import re

import pytest

from demoforge.devtools import samples
from demoforge.research.extract import extract
from demoforge.research.offline import analyse, quote_around
from demoforge.research.products import products, readable_type, sub_industry
from tests.support.fake_fetcher import page

# Independent of the implementation's word lists: what a prospect must never read as a product.
_BAD = re.compile(
    r"^(?:shop|buy|browse|discover|explore|learn|find|get|start|book|order|see|view|jetzt|mehr|entdecken|"
    r"kaufen|découvrir|découvrez|acheter|réservez|why|warum|pourquoi)\b|\b(?:we|our|us|you|your|wir|unser\w*|"
    r"nous|notre|nos|vous|votre|every|all products|by category|store locator|locations?|new arrivals|sale|"
    r"gift cards?|jetzt|kaufen|vereinbaren|filialen)\b|[?!]$",
    re.I,
)


def _names(html: str, url: str = "https://shop.example/") -> list[str]:
    return products([extract(html, url)])


def test_english_cta_nav_and_slogans_dropped_products_kept() -> None:
    body = """
    <header><nav><a href="/">Home</a><a href="/all">Shop all products</a><a href="/stores">Store locator</a>
      <a href="/new">New arrivals</a><a href="/gift">Gift cards</a><a href="/sale">Sale</a></nav></header>
    <main><h1>Brew better coffee every morning</h1>
    <h2>Our range</h2>
    <ul><li>Espresso machines</li><li>Coffee grinders: burr and blade</li><li>Milk frothers and jugs</li>
        <li>Shop now</li><li>Why buy from us?</li><li>Learn more about our beans</li></ul>
    <h2>Why choose us</h2><ul><li>Free delivery over $50</li><li>Friendly experts</li></ul>
    </main>"""
    names = _names(page("Bean Co | Coffee equipment", body))
    assert names[:3] == ["Espresso machines", "Coffee grinders", "Milk frothers"]
    assert not [n for n in names if _BAD.search(n)], names
    assert "Friendly experts" not in names  # a list under "Why choose us" is not the range


def test_german_leistungen_kept_cta_dropped() -> None:
    body = """
    <nav><a href="/">Startseite</a><a href="/ueber">Über uns</a><a href="/kauf">Jetzt kaufen</a>
      <a href="/mehr">Mehr erfahren</a><a href="/filialen">Filialen</a></nav>
    <h1>Wir sind für Sie da</h1>
    <h2>Unsere Leistungen</h2>
    <ul><li>Steuerberatung</li><li>Lohnbuchhaltung: monatlich und digital</li><li>Jahresabschluss und Bilanz</li>
        <li>Termin vereinbaren</li><li>Warum wir?</li></ul>"""
    names = _names(page("Muster Steuer GmbH", body, lang="de"), "https://muster-steuer.example/")
    assert names[:3] == ["Steuerberatung", "Lohnbuchhaltung", "Jahresabschluss"]
    assert not [n for n in names if _BAD.search(n)], names


def test_french_prestations_kept_cta_dropped() -> None:
    body = """
    <nav><a href="/">Accueil</a><a href="/rdv">Réservez en ligne</a><a href="/decouvrir">Découvrez nos offres</a></nav>
    <h1>Bienvenue chez vous</h1>
    <h2>Nos prestations</h2>
    <ul><li>Coupe femme</li><li>Coloration et mèches</li><li>Soins du visage</li>
        <li>Pourquoi nous choisir ?</li><li>Découvrir la carte</li></ul>"""
    names = _names(page("Salon Lila", body, lang="fr"), "https://salon-lila.example/")
    assert names[:3] == ["Coupe femme", "Coloration", "Soins du visage"]
    assert not [n for n in names if _BAD.search(n)], names


def test_subheadings_on_a_products_page_are_categories() -> None:
    body = """<nav><a href="/">Home</a><a href="/products">Shop</a></nav>
    <h1>Shop all products</h1><h2>Road bikes</h2><p>From $999.</p><h2>Helmets</h2><p>...</p>
    <h2>Bike lights</h2><p>...</p>"""
    names = _names(page("Products | Spoke", body), "https://spoke.example/products")
    assert names == ["Road bikes", "Helmets", "Bike lights"]


def test_jsonld_offers_kept_breadcrumbs_ignored() -> None:
    head = """<script type="application/ld+json">[
      {"@type": "BreadcrumbList", "itemListElement": [{"@type": "ListItem", "name": "Home"},
                                                     {"@type": "ListItem", "name": "Catalogue"}]},
      {"@type": "ItemList", "itemListElement": [{"@type": "ListItem", "name": "Wool socks"}]},
      {"@type": "Product", "name": "Merino base layer", "offers": {"@type": "Offer", "price": "59"}},
      {"@type": "Service", "name": "Ski rental"}]</script>"""
    p = extract(page("Peak Store", "<p>Outdoor clothing.</p>", head=head), "https://peak.example/")
    assert p.jsonld_offers == ["Merino base layer", "Ski rental", "Wool socks"]
    assert set(products([p])) >= {"Merino base layer", "Ski rental", "Wool socks"}
    assert "Home" not in products([p]) and "Catalogue" not in products([p])


def test_described_enumeration_and_priced_plans() -> None:
    html = page(
        "Tally | Invoicing software", "<h1>Bookkeeping that runs itself</h1>"
        "<p>Tally is the easiest way for you and your team to send quotes and get paid on time. "
        "Choose the plan that fits: Basic $9 per month, Team $29 per month, Business: $79/month. "
        "You can cancel any time and we will keep your data for thirty days.</p>",
        head='<meta name="description" content="Tally is a cloud platform: quotes, time tracking, '
             'payroll and tax returns. Try it free.">')
    names = _names(html, "https://tally.example/")
    assert names == ["Quotes", "Time tracking", "Payroll", "Tax returns", "Basic plan", "Team plan", "Business plan"]


def test_readable_sub_industry() -> None:
    assert readable_type("OnlineStore") == "online store"
    assert readable_type("MedicalClinic") == "medical clinic"
    assert readable_type("HVACBusiness") == "HVAC business"
    ledger = extract(page("Books | Cloud accounting software for freelancers", "<p>x</p>"), "https://b.example/")
    assert sub_industry(["SoftwareApplication"], [ledger]) == "accounting software"
    plain = extract(page("Books", "<p>x</p>"), "https://b.example/")
    assert sub_industry(["SoftwareApplication"], [plain]) == "business software"
    assert sub_industry([], [plain]) == ""


def test_quotes_cut_at_word_boundaries_with_ellipsis() -> None:
    source = "We sell hiking boots, technical jackets and ropes to climbers across the Alps every day."
    quote = quote_around(source, 10, 47)  # both ends fall inside words
    assert quote == "…boots, technical jackets and…"  # narrowed to whole words, never widened
    assert quote_around(source, 0, len(source)) == source
    long = quote_around("word " * 200, 0, 1000, limit=50)
    assert len(long) <= 50 and long.endswith("…") and not long.rstrip("…").endswith(" ")


@pytest.mark.parametrize(("name", "expected"), [
    ("alpine-outfitters", {"Hiking boots", "Jackets", "Backpacks", "Camping", "Climbing"}),
    ("nordvik-clinic", {"Family medicine", "Pediatrics", "Cardiology", "Dermatology", "Urgent care"}),
    ("ledgerly", {"Invoicing", "Expenses", "Bank feeds", "Starter plan", "Growth plan", "Scale plan"}),
])
def test_bundled_samples(name: str, expected: set[str]) -> None:
    folder = samples.ROOT / name
    files = sorted(folder.glob("*.html"), key=lambda f: (f.name != "index.html", f.name))
    pages = [extract(f.read_text(encoding="utf-8"), f"http://127.0.0.1:8000/{f.name}") for f in files]
    r = analyse(pages)
    assert len(r.products_services) >= 4
    assert expected <= set(r.products_services), r.products_services
    assert not [n for n in r.products_services if _BAD.search(n) or len(n.split()) > 5], r.products_services
    assert r.company_name not in r.products_services
    assert r.sub_industry and r.sub_industry[0].islower()  # a phrase, not a schema.org type
    texts = {p.url: " ".join(f"{p.title} {p.description} {p.text}".split()) for p in pages}
    for e in r.evidence:  # every quote starts and ends on a whole word of its page
        core = e.quote.strip("…")
        source = texts[e.source_url]
        at = source.find(core)
        assert at >= 0, e.quote
        assert not source[at - 1:at].isalnum() and not source[at + len(core):at + len(core) + 1].isalnum(), e.quote


def test_nav_section_labels_and_contact_links_are_not_items() -> None:
    body = """<nav><a href="/">Inicio</a><a href="/s">Nuestros servicios</a><a href="/c">Pide tu cita</a>
      <a href="/contacto">Contacto</a><a href="/faq">Preguntas frecuentes</a></nav>
    <h1>Tu sonrisa, nuestra pasión</h1>
    <h2>Servicios</h2><ul><li>Implantes dentales</li><li>Ortodoncia invisible</li><li>Blanqueamiento</li>
      <li>Descubre más</li></ul>"""
    names = _names(page("Clínica Sol", body, lang="es"), "https://clinica-sol.example/")
    assert names == ["Implantes dentales", "Ortodoncia invisible", "Blanqueamiento"]
