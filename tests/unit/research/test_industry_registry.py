"""The industry registry is the one home of industry codes: the job vocabulary, the typed
result literal, research's lexicon and schema.org index derive from it, and every entry
names a synth template that exists."""

from __future__ import annotations

import typing

from demoforge.domain import industries
from demoforge.domain.job import INDUSTRIES
from demoforge.domain.results import Industry, ResearchResult
from demoforge.research.lexicon import JSONLD_TYPES, LEXICON
from demoforge.synth.templates import template_names


def test_codes_derive_from_the_registry() -> None:
    assert INDUSTRIES == industries.INDUSTRY_CODES == tuple(industries.REGISTRY)
    assert set(typing.get_args(Industry)) == set(INDUSTRIES)
    assert set(LEXICON) == set(INDUSTRIES)
    assert all(LEXICON[c].split() for c in INDUSTRIES if c != "other")


def test_each_entry_is_complete_and_has_a_template() -> None:
    templates = set(template_names())
    for code, ind in industries.REGISTRY.items():
        assert ind.label and ind.shape and ind.entities and ind.kpis, code
        assert ind.template_name in templates, code


def test_schema_type_index_names_one_industry_per_type() -> None:
    assert JSONLD_TYPES["Dentist"] == "healthcare" and JSONLD_TYPES["AutoDealer"] == "automotive"
    assert "Organization" not in JSONLD_TYPES and "Product" not in JSONLD_TYPES
    assert industries.get("no_such_code").code == "other"


def test_results_accept_registry_codes_only() -> None:
    ok = ResearchResult(company_name="X", industry="insurance", confidence=0.5)
    assert ok.industry == "insurance"
    try:
        ResearchResult.model_validate({"company_name": "X", "industry": "spaceships", "confidence": 0.5})
    except ValueError as e:
        assert "industry" in str(e)
    else:
        raise AssertionError("an unknown industry code was accepted")
