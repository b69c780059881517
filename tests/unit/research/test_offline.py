"""The offline analyser: multilingual lexicons, JSON-LD, URL cues and honest confidence."""

from __future__ import annotations

import pytest

from demoforge.domain.results import ResearchResult
from demoforge.research.extract import extract
from demoforge.research.offline import analyse, matcher, score_pages
from tests.support.fake_fetcher import page

CASES = [
    ("https://www.muster-versicherung.de/", "de", "Muster Versicherung AG",
     "Ihre Krankenversicherung, Haftpflicht und Hausratversicherung. Im Schadensfall hilft unser "
     "Team schnell. Vergleichen Sie Tarife und Prämien, Selbstbeteiligung frei wählbar.", "insurance"),
    ("https://www.chez-paul.fr/", "fr", "Chez Paul — Restaurant",
     "Notre restaurant vous accueille pour le déjeuner et le dîner. Découvrez la carte du chef, "
     "nos recettes de saison et notre cuisine maison. Réservation de table en ligne.", "restaurants_food"),
    ("https://www.fleetco.com/", "en", "Fleetco Logistics",
     "Freight forwarding, warehousing and last mile delivery. Track your shipment, book air freight "
     "and sea freight, customs clearance and pallet storage across our supply chain network.",
     "logistics_transport"),
    ("https://www.brightschool.org/", "en", "Bright School",
     "Our school offers courses for students of all ages. Teachers support pupils through the "
     "curriculum, exams and diploma. Enrolment for the new term is open.", "education"),
    ("https://www.bauer-bau.de/", "de", "Bauer Bau GmbH",
     "Ihr Bauunternehmen für Hochbau, Tiefbau und Sanierung. Wir übernehmen Rohbau, Umbau und "
     "Bauleitung als Generalunternehmer für Ihr Bauprojekt.", "construction_engineering"),
]


@pytest.mark.parametrize(("url", "lang", "title", "body", "expected"), CASES)
def test_industry_from_general_vocabulary(url: str, lang: str, title: str, body: str, expected: str) -> None:
    r = analyse([extract(page(title, f"<p>{body}</p>", lang=lang), url)])
    assert r.industry == expected
    assert r.candidates[0][0] == expected
    assert r.language == lang
    assert r.source == "offline"
    ResearchResult.model_validate(r.model_dump(mode="json"))  # round-trips as stored


def test_jsonld_type_is_a_strong_signal() -> None:
    head = '<script type="application/ld+json">{"@type":"Dentist","name":"Smile Co"}</script>'
    r = analyse([extract(page("Welcome", "<p>Welcome to our practice in town.</p>", head=head),
                         "https://smile.example/")])
    assert r.industry == "healthcare" and r.sub_industry == "dentist"
    assert r.company_name == "Smile Co"


def test_empty_page_is_other_with_low_confidence() -> None:
    r = analyse([extract("<html><body><p>Welcome.</p></body></html>", "https://x.example/")])
    assert r.industry == "other" and r.confidence <= 0.3


def test_confidence_grows_with_evidence_and_is_lower_for_mixed_pages() -> None:
    thin = analyse([extract(page("Home", "<p>We sell shoes.</p>"), "https://a.example/")])
    rich = analyse([extract(page(
        "Shoe Shop", "<p>Online shop: add to cart, free shipping, checkout with PayPal. Sale on shoes, "
        "new arrivals, bestseller brands, wishlist.</p>"), "https://b.example/")])
    mixed = analyse([extract(page(
        "Hotel and Restaurant", "<p>Our hotel rooms and suites for your holiday; book now. Our restaurant "
        "serves lunch and dinner, the chef's menu and wine.</p>"), "https://c.example/")])
    assert rich.industry == "retail_ecommerce"
    assert rich.confidence > thin.confidence
    assert mixed.confidence < rich.confidence
    assert {c for c, _ in mixed.candidates[:2]} == {"travel_hospitality", "restaurants_food"}
    assert all(a[1] >= b[1] for a, b in zip(mixed.candidates, mixed.candidates[1:], strict=False))
    assert len(mixed.candidates) <= 3


def test_a_word_counts_once_even_if_several_terms_match_it() -> None:
    spans = matcher().spans("webshop shop")
    assert [(s, e) for s, e, _ in spans] == [(0, 7), (8, 12)]


def test_compound_words_match_german_roots() -> None:
    s = score_pages([extract(page("x", "<p>Krankenversicherung Zahnarztpraxis</p>", lang="de"),
                             "https://x.example/")])
    assert s.term_hits["insurance"] and s.term_hits["healthcare"]


def test_url_path_is_a_cue() -> None:
    s = score_pages([extract("<html><body><p>Willkommen</p></body></html>",
                             "https://kanzlei-example.de/steuerberatung/")])
    assert s.ranked()[0][0] == "professional_services"


def test_evidence_quotes_come_from_the_page() -> None:
    html = page("Muster Versicherung", "<p>Wir bieten Haftpflichtversicherung für Familien an.</p>", lang="de")
    r = analyse([extract(html, "https://m.example/")])
    assert r.evidence and all(e.source_url == "https://m.example/" for e in r.evidence)
    # A sentence of the page, not its two-word title.
    assert [e.quote for e in r.evidence] == ["Wir bieten Haftpflichtversicherung für Familien an."]


def test_company_name_given_wins() -> None:
    r = analyse([extract(page("A | B", "<p>x</p>"), "https://a.example/")], company_name="Given Inc")
    assert r.company_name == "Given Inc"


@pytest.mark.parametrize(("title", "body", "expected"), [
    ("Stadt Musterstadt", "<p>Die Stadtverwaltung und das Bürgerservice der Gemeinde, Behörde und Amt.</p>", "public"),
    ("Shoe Shop", "<p>Add to cart, free shipping, checkout, sale, wishlist.</p>", "B2C"),
    ("Bauer Bau", "<p>Bauunternehmen für Hochbau, Tiefbau, Sanierung und Bauleitung.</p>", "B2B"),
    ("Marketplace", "<p>Our marketplace connects sellers and buyers. Become a seller on the marketplace. "
     "Add to cart and checkout.</p>", "marketplace"),
])
def test_business_model(title: str, body: str, expected: str) -> None:
    r = analyse([extract(page(title, body), "https://x.example/")])
    assert r.business_model == expected


_ENERGY_ADVICE = ("<h2>Wohnen &amp; Energie</h2><p>Strom, Gas und Fernwärme: was Verbraucher beim Wechsel des "
                  "Energieversorgers und bei Preiserhöhungen ihres Stromtarifs und Gastarifs wissen sollten. "
                  "Energie sparen, Strompreis, Gaspreis, Versorger.</p>")


def test_who_speaks_outweighs_what_the_page_talks_about() -> None:
    # A ministry's consumer advice on energy contracts: its own name (og:site_name) says
    # it is a public body, and that outweighs the energy vocabulary of the topic.
    head = '<meta property="og:site_name" content="Bundesministerium der Justiz">'
    ministry = analyse([extract(page("Konsum", _ENERGY_ADVICE, head=head, lang="de"),
                                "https://www.example.org/konsum")])
    assert ministry.company_name == "Bundesministerium der Justiz"
    assert ministry.industry == "government_public"
    # Without that name the same page reads as what it talks about.
    anonymous = analyse([extract(page("Konsum", _ENERGY_ADVICE, lang="de"),
                                 "https://www.example.org/konsum")])
    assert anonymous.industry == "energy_utilities"


def test_only_a_strong_term_in_the_name_counts_like_a_type() -> None:
    pages = [extract(page("x", "<p>Willkommen</p>", lang="de"), "https://x.example/")]
    strong = score_pages(pages, name="Zahnarztpraxis Weber", name_bonus=12.0)
    weak = score_pages(pages, name="Fundraising Skills", name_bonus=12.0)
    none = score_pages(pages, name="Zahnarztpraxis Weber", name_bonus=0.0)
    assert strong.scores["healthcare"] >= none.scores["healthcare"] + 12.0
    assert max(weak.scores.values()) < 12.0  # "fundraising" is a weak, ambiguous cue
