"""The industry registry is the one home of what an industry is: its label, and whether it
sells goods or offers services (how the script and the report say what the business does)."""

from __future__ import annotations

from demoforge.content.industry import opening_sentence
from demoforge.domain import industries


def test_goods_are_sold_and_services_offered() -> None:
    assert industries.sells_goods("retail_ecommerce") and industries.sells_goods("restaurants_food")
    assert not industries.sells_goods("healthcare") and not industries.sells_goods("saas_software")
    assert not industries.sells_goods("no such industry")
    assert {c for c in industries.INDUSTRY_CODES if industries.sells_goods(c)} >= {"manufacturing", "automotive"}


def test_the_opening_sentence_sells_goods_and_offers_services() -> None:
    shop = opening_sentence("Alpine", {"industry": "retail_ecommerce", "products_services": ["Boots", "Jackets"]})
    clinic = opening_sentence("Nordvik", {"industry": "healthcare", "products_services": ["Cardiology"]})
    assert "selling boots and jackets" in shop and "offering cardiology" in clinic
