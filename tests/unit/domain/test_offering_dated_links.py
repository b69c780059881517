"""A link whose address carries a publication date (a post, an article, a dated upload)
or names a news section points to editorial content, not an offering's page."""

from __future__ import annotations

import pytest

from demoforge.domain.offerings import is_dated_address, reason


@pytest.mark.parametrize("url", [
    "https://www.lemonde.fr/economie/article/2016/06/06/loi-travail_4939597_3234.html",
    "https://firm.example/2022/06/22/millionen-anlagen/",
    "/wp-content/uploads/2019/12/flyer.pdf",
    "images/medias/photos/2016/2016_06_14_LHumanite_article.jpg",
    "https://blog.example/2024/5/",
])
def test_dated_addresses(url: str) -> None:
    assert is_dated_address(url)


@pytest.mark.parametrize("url", [
    "https://shop.example/products/iphone-15-pro-128gb",
    "https://shop.example/collection-2024/",
    "https://wine.example/weingut-forster-scheurebe-2015",
    "https://printer.example/okidata-56125801-yellow",
    "https://firm.example/leistungen/2024/",  # a year alone is not a date
    "",
])
def test_undated_addresses(url: str) -> None:
    assert not is_dated_address(url)


def test_a_name_linking_to_a_dated_post_is_editorial_once_a_link_counts() -> None:
    href = "https://firm.example/2022/06/22/solar-park-opens/"
    assert reason("Solar park opens", href=href, trust="listed") == f"editorial (links to {href})"
    assert reason("Solar park opens", href=href, trust="structured") is None  # a node's link is its own page


@pytest.mark.parametrize("href", ["https://union.example/actu/greve-generale", "https://firm.example/newsroom/q3",
                                  "https://firm.example/beitrag/neue-halle"])
def test_news_sections_in_the_address_are_editorial(href: str) -> None:
    assert reason("Grand opening", href=href, trust="listed") == f"editorial (links to {href})"
