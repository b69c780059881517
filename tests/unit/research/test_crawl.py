"""Bounded crawl: which links an analyst would open, limits, concurrency, failures."""

from __future__ import annotations

import pytest

from demoforge.domain.errors import PermanentError, TransientError
from demoforge.research.crawl import choose_links, crawl
from demoforge.research.extract import extract
from tests.support.fake_fetcher import FakeFetcher, page

HOME = "https://www.acme.example/"


def _home(links: str) -> str:
    return page("Acme", "<p>Welcome</p>", links=links)


def test_chooses_one_page_per_kind_in_several_languages() -> None:
    links = (
        '<a href="/ueber-uns">Über uns</a><a href="/produkte">Produkte</a>'
        '<a href="/produkte/a">Produkt A</a><a href="/produkte/b">Produkt B</a>'
        '<a href="/leistungen">Leistungen</a><a href="/preise">Preise</a>'
        '<a href="/kunden">Referenzen</a><a href="/blog/post-1">Neuigkeiten</a>'
        '<a href="/impressum">Impressum</a><a href="/login">Login</a><a href="/files/x.pdf">Produkte PDF</a>'
        '<a href="https://other.example/about">About them</a><a href="/">Home</a>'
    )
    chosen = choose_links(extract(_home(links), HOME), 5)
    assert chosen == [
        "https://www.acme.example/ueber-uns", "https://www.acme.example/produkte",
        "https://www.acme.example/leistungen", "https://www.acme.example/preise",
        "https://www.acme.example/kunden",
    ]


@pytest.mark.parametrize(("text", "href"), [
    ("Qui sommes-nous", "/qui-sommes-nous"), ("Nos produits", "/fr/catalogue"), ("Solutions", "/solutions"),
    ("Lösungen", "/loesungen"), ("Branchen", "/branchen"), ("Chi siamo", "/chi-siamo"),
    ("", "/about-us"), ("Industries", "/industries/"),
])
def test_recognises_section_names(text: str, href: str) -> None:
    chosen = choose_links(extract(_home(f'<a href="{href}">{text}</a>'), HOME), 5)
    # The section first; the footer's imprint (where the address is) fills a free slot.
    assert chosen == [f"https://www.acme.example{href}", "https://www.acme.example/impressum"]


def test_same_site_includes_www_variant_and_respects_limit() -> None:
    links = "".join(f'<a href="https://acme.example/products/{i}">Products {i}</a>' for i in range(9))
    assert len(choose_links(extract(_home(links), HOME), 3)) == 3
    assert choose_links(extract(_home(links), HOME), 0) == []


def test_crawl_fetches_home_and_chosen_pages_concurrently_with_a_per_host_limit() -> None:
    links = "".join(f'<a href="/{k}">{k}</a>' for k in ("about", "products", "services", "pricing", "customers"))
    pages = {HOME: _home(links)} | {f"{HOME}{k}": page(k, f"<p>{k} page</p>") for k in
                                    ("about", "products", "services", "pricing", "customers")}
    f = FakeFetcher(pages, delay_s=0.05)
    result = crawl(f, HOME, max_pages=5, per_host=2)
    assert [p.url for p in result.pages][0] == HOME
    assert len(result.pages) == 6 and not result.skipped
    assert f.calls[0] == HOME
    assert f.peak == 2  # concurrent, but never more than the per-host limit


def test_failing_sub_page_is_skipped_and_reported() -> None:
    links = '<a href="/about">About</a><a href="/products">Products</a>'
    f = FakeFetcher({HOME: _home(links), HOME + "about": page("About", "<p>About us</p>"),
                     HOME + "products": TransientError("timed out", code="fetch_timeout")})
    logged: list[str] = []
    result = crawl(f, HOME, max_pages=5, log=logged.append)
    assert [p.url for p in result.pages] == [HOME, HOME + "about"]
    assert result.skipped[0] == (HOME + "products", "fetch_timeout: timed out")
    assert logged and "products" in logged[0]


def test_sub_page_that_breaks_extraction_is_skipped_with_an_event() -> None:
    """A sub-page whose JSON-LD nests 5,000 deep and whose body nests 300,000 divs is read
    (bounded), and even a page extraction cannot read costs one page, not the crawl."""
    deep_ld = '<script type="application/ld+json">' + "[" * 5000 + "]" * 5000 + "</script>"
    deep_div = "<div>" * 300_000 + "Produkte" + "</div>" * 300_000
    links = '<a href="/about">About</a><a href="/products">Products</a>'
    f = FakeFetcher({HOME: _home(links), HOME + "about": page("About", deep_div, head=deep_ld),
                     HOME + "products": page("Products", "<p>Boots</p>")})
    logged: list[str] = []
    result = crawl(f, HOME, max_pages=2, log=logged.append)
    assert [p.url for p in result.pages] == [HOME, HOME + "about", HOME + "products"]
    about = result.pages[1]
    assert any("JSON-LD nested too deeply" in n for n in about.notes)
    assert any("flattened" in n for n in about.notes)


def test_failing_home_page_fails_the_crawl() -> None:
    f = FakeFetcher({HOME: PermanentError("nope", code="http_404")})
    with pytest.raises(PermanentError):
        crawl(f, HOME, max_pages=5)
