"""Every categorical code a template shape generates has a label in each offline language,
two members of one dimension never read the same, names stay as stored, and unknown codes
are humanised in English."""

from __future__ import annotations

import datetime as dt
import functools
import re

import pytest

from demoforge.language import OFFLINE
from demoforge.language.values import (
    KNOWN_CODES,
    PROPER_KINDS,
    glossary,
    humanise,
    is_code,
    missing,
    value_label,
    value_noun,
)
from demoforge.spec.model import DatasetSpec
from demoforge.spec.semantic import dimension_members
from demoforge.synth.templates import get_template
from demoforge.synth.templates.shapes import SHAPES

AS_OF = dt.date(2026, 6, 30)
_LITERAL = re.compile(r"'([^']*)'")


@functools.cache
def _spec(key: str) -> DatasetSpec:
    return get_template(key, as_of=AS_OF)


def _coded_members(spec: DatasetSpec) -> dict[str, list[str]]:
    """dimension name -> its string members, for the dimensions whose members are codes."""
    out: dict[str, list[str]] = {}
    for d in spec.semantic.dimensions:
        if d.kind in PROPER_KINDS:
            continue
        members = [v for v in dimension_members(spec.tables, d) or [] if isinstance(v, str)]
        if members:
            out[d.name] = members
    return out


def _filter_codes(spec: DatasetSpec) -> list[str]:
    """The string literals metric filters compare with (status = 'cancelled')."""
    return sorted({lit for m in spec.semantic.metrics for f in m.filters for lit in _LITERAL.findall(f)})


@pytest.mark.parametrize("key", [s.key for s in SHAPES])
def test_every_coded_member_and_filter_value_of_a_shape_has_a_label_in_each_language(key: str) -> None:
    spec = _spec(key)
    members = _coded_members(spec)
    assert members, "every shape groups by some code (channel, status, segment)"
    values = sorted({v for vs in members.values() for v in vs} | set(_filter_codes(spec)))
    assert {lang: missing(values, lang) for lang in OFFLINE} == {lang: [] for lang in OFFLINE}


@pytest.mark.parametrize("key", [s.key for s in SHAPES])
def test_two_members_of_a_dimension_never_read_the_same(key: str) -> None:
    clashes = []
    for name, vs in _coded_members(_spec(key)).items():
        for lang in OFFLINE:
            labels = [value_label(v, lang) for v in vs]
            clashes += [(name, lang, x) for x in sorted(set(labels)) if labels.count(x) > 1]
    assert clashes == []


def test_every_label_is_written_out_and_parses_in_each_language() -> None:
    for code in KNOWN_CODES:
        for lang in OFFLINE:
            noun = value_noun(code, lang)
            assert noun is not None and noun.sg.strip(), (code, lang)
            assert not is_code(noun.sg) or noun.sg.isupper(), (code, lang, noun.sg)  # never the code itself
            assert noun.sg[:1] == noun.sg[:1].upper(), (code, lang, noun.sg)  # read as a name


def test_german_french_and_spanish_labels_carry_their_gender() -> None:
    assert value_noun("mobile_app", "de").gender == "f"  # type: ignore[union-attr]
    assert value_noun("web", "de").gender == "n"  # type: ignore[union-attr]
    assert value_noun("phone", "fr").gender == "m"  # type: ignore[union-attr]
    assert value_noun("card", "es").gender == "f"  # type: ignore[union-attr]
    assert value_noun("regular", "de").weak  # type: ignore[union-attr]  # des Stammkunden


def test_known_codes_read_in_the_language_and_the_stored_form_is_matched_loosely() -> None:
    assert value_label("mobile_app", "en", kind="channel") == "Mobile app"
    assert value_label("mobile_app", "de", kind="channel") == "Mobile App"
    assert value_label("cancelled", "fr", kind="status") == "Annulé"
    assert value_label("Key account", "es", kind="segment") == value_label("key_account", "es", kind="channel")
    assert value_label("Regular", "de", kind="segment") == "Stammkunde"


def test_names_of_places_offerings_and_people_stay_as_stored() -> None:
    # "Web" is a channel code, but a product called "Web" is a name.
    assert value_label("web", "de", kind="offering") == "web"
    assert value_label("Nordrhein-Westfalen", "fr", kind="geography") == "Nordrhein-Westfalen"
    assert value_label("Anna Schmidt", "es", kind="staff") == "Anna Schmidt"
    # Not written like a code and not known: a segment an LLM named in the prospect's language.
    assert value_label("Stammkunden", "de", kind="segment") == "Stammkunden"


def test_an_unknown_code_is_humanised_and_reported_missing_outside_english() -> None:
    assert humanise("organic_search") == "Organic search"
    assert value_label("organic_search", "en", kind="channel") == "Organic search"
    assert missing(["organic_search", "web"], "en") == []
    assert missing(["organic_search", "web"], "de") == ["organic_search"]


def test_language_country_and_currency_codes_are_named_by_cldr() -> None:
    assert value_label("de", "fr", column="guide_language") == "Allemand"
    assert value_label("es", "de", column="guide_language") == "Spanisch"
    assert value_label("AT", "es", column="country") == "Austria"
    assert value_label("CHF", "en", column="currency") == "Swiss Franc"


def test_the_agent_glossary_pairs_each_relabelled_code_with_its_label_once() -> None:
    assert glossary(["mobile_app", "web", "mobile_app", "Nordvik"], "de", kind="channel") == [
        ("mobile_app", "Mobile App"), ("web", "Web")]
