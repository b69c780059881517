"""The frozen pre-profile analyser in ``bench/legacy_analyse.py``: the baseline of the
profile benchmark, outside the package, still reading pages as it did then."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from demoforge.research import offline
from demoforge.research.extract import extract
from tests.support.fake_fetcher import page

BENCH = Path(__file__).resolve().parents[3] / "bench"
sys.path.insert(0, str(BENCH))  # the benchmarks import their siblings by name

import legacy_analyse  # noqa: E402


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [("Dentist in Goodyear AZ | A SoftCare Dental", "http://127.0.0.1:8000/", "A SoftCare Dental"),
     ("Home", "https://www.acme-tools.com/", "Acme Tools"),
     ("Acme Tools - Home", "https://www.acmetools.com/", "Acme Tools")],
)
def test_company_name_guess(title: str, url: str, expected: str) -> None:
    assert legacy_analyse.guess_company_name([extract(page(title, "<p>x</p>"), url)]) == expected


def test_the_baseline_has_no_place_and_lists_products_with_navigation_filler() -> None:
    html = page("Shoe Shop", "<h2>Products</h2><ul><li>Running shoes</li><li>Hiking boots</li></ul>"
                "<p>Add to cart, free shipping, checkout, sale, wishlist.</p>")
    r = legacy_analyse.analyse([extract(html, "https://shoes.example/")])
    assert r.company_name == "Shoe Shop" and r.business_model == "B2C" and r.language == "en"
    assert {"Running shoes", "Hiking boots"} <= set(r.products_services)
    assert r.offerings == [] and r.country is None


def test_the_legacy_path_left_the_library() -> None:
    for name in ("analyse_legacy", "guess_company_name", "_business_model", "_language", "_products"):
        assert not hasattr(offline, name), name
