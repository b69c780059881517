"""The agent is told which code each label people use stands for: a section of its
instruction in the job's language and a glossary term per relabelled code, so a question
that says "Mobile App" filters ``channel = 'mobile_app'``."""

from __future__ import annotations

import datetime as dt

from demoforge.agent.definition import semantic_glossary
from demoforge.agent.instructions import build_system_instruction, values_section
from demoforge.prompts.agent import for_language
from demoforge.synth.templates import get_template
from tests.support import agent_inputs as ai

SPEC = get_template("retail.online_shop", as_of=dt.date(2026, 6, 30))


def test_the_values_section_pairs_each_stored_code_with_its_label_in_the_language() -> None:
    de = values_section(SPEC, "de", for_language("de"))
    assert de.startswith("Die Daten speichern Codes")
    assert "- Kanal (orders.channel, order_items.channel): 'web' = Web; 'mobile_app' = Mobile App" in de
    assert "'cancelled' = Storniert" in de and "'Regular' = Stammkunde" in de
    fr = values_section(SPEC, "fr", for_language("fr"))
    assert "'mobile_app' = Application mobile" in fr and "'cancelled' = Annulé" in fr
    # Names are not codes: regions and products are not listed.
    assert "Bavaria" not in de and "customers.region" not in de and "product_name" not in de


def test_english_lists_only_codes_people_read_differently() -> None:
    en = values_section(SPEC, "en")
    assert "'mobile_app' = Mobile app" in en
    assert "'Regular'" not in en  # "Regular" reads as stored


def test_the_instruction_carries_the_section_and_the_glossary_a_term_per_label() -> None:
    text = build_system_instruction(research=ai.research(), notes=None, spec=SPEC, project="p", dataset="d",
                                    rows={}, golden=[], language="es")
    assert "## Los valores tal como se nombran" in text and "'mobile_app' = Aplicación móvil" in text
    terms = {t["displayName"]: t for t in semantic_glossary(SPEC, "es")}
    assert terms["Aplicación móvil"]["description"] == "orders.channel = 'mobile_app'"
    assert terms["Aplicación móvil"]["labels"] == ["mobile_app"]
    assert terms["Cancelado"]["description"].endswith("status = 'cancelled'")


def test_a_spec_without_coded_members_has_no_values_section() -> None:
    spec = SPEC.model_copy(update={"semantic": SPEC.semantic.model_copy(update={"dimensions": [
        d for d in SPEC.semantic.dimensions if d.kind in ("geography", "offering", "time")]})})
    assert values_section(spec, "de") == ""
    text = build_system_instruction(research=ai.research(), notes=None, spec=spec, project="p", dataset="d",
                                    rows={}, golden=[], language="de")
    assert "## Werte, wie sie genannt werden" not in text
