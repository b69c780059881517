"""Names derived from company names: the dataset and the spec use the same slug."""

from __future__ import annotations

from demoforge.domain.naming import slug
from demoforge.phases.warehouse import dataset_name
from demoforge.synth.templates import customise, get_template


def test_slug_folds_accents_and_falls_back() -> None:
    assert slug("Café Müller & Söhne GmbH") == "cafe_muller_sohne_gmbh"
    assert slug("***") == "company" and slug("***", default="demo") == "demo"
    assert len(slug("x" * 100)) == 40


def test_dataset_and_spec_names_agree() -> None:
    research = {"company_name": "Café Müller", "industry": "restaurants_food", "confidence": 0.9}
    spec = customise(get_template("restaurants_food"), research, scale="small")
    assert spec.name == "cafe_muller_restaurants_food"
    assert dataset_name("Café Müller", "abcdef123456") == "demo_cafe_muller_abcdef12"
