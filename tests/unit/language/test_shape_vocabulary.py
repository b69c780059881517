"""Every template shape speaks German, French and Spanish: each metric and dimension of its
semantic layer has a word in the vocabulary (no English label as a foreign fallback), and
the golden questions planned for it carry no English label words."""

from __future__ import annotations

import datetime as dt
import functools
import re

import pytest

from demoforge.content.facts import question_text
from demoforge.content.questions import Context, Coverage, plan_questions, time_key
from demoforge.language import lexicon
from demoforge.language.nouns import Noun
from demoforge.language.render import phrasebook
from demoforge.language.words import dimension_words, metric_words
from demoforge.spec.model import DatasetSpec
from demoforge.synth.templates import get_template
from demoforge.synth.templates.shapes import SHAPES

LANGS = ("de", "fr", "es")
AS_OF = dt.date(2026, 6, 30)
COVER = Coverage(dt.date(2024, 7, 1), dt.date(2026, 6, 30))
_WORD = re.compile(r"[^\W\d_]+")
# Words the phrasebook itself writes that are spelt like an English label word: French
# "part" (a share: "quelle part du chiffre d'affaires") is not the English "part".
_OWN = {"de": set(), "fr": {"part"}, "es": set()}


@functools.cache
def _spec(key: str) -> DatasetSpec:
    return get_template(key, as_of=AS_OF)


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _forms(n: Noun) -> str:
    return f"{n.sg} {n.pl} {n.gen_sg or ''} {n.adj or ''}"


@pytest.mark.parametrize("key", [s.key for s in SHAPES])
def test_every_metric_and_dimension_of_a_shape_has_a_word_in_each_language(key: str) -> None:
    layer = _spec(key).semantic
    foreign = [(lang, m.label) for lang in LANGS for m in layer.metrics if metric_words(m, lang).noun.foreign]
    foreign += [(lang, d.label) for lang in LANGS for d in layer.dimensions if dimension_words(d, lang).noun.foreign]
    assert foreign == []


@pytest.mark.parametrize("key", [s.key for s in SHAPES])
def test_a_shapes_questions_carry_no_english_label_words(key: str) -> None:
    spec = _spec(key)
    layer = spec.semantic
    cov = {k: COVER for m in layer.metrics if (k := time_key(m, spec))}
    plans = plan_questions(Context(spec=spec, coverage=cov, seed=1))
    assert plans
    labels = [m.label for m in layer.metrics] + [d.label for d in layer.dimensions]
    for lang in LANGS:
        pb = phrasebook(lang)
        # A label word the language writes the same ("Segment", "hotel", "plan") is its own;
        # a fallback's English label is not.
        nouns = [metric_words(m, lang).noun for m in layer.metrics]
        nouns += [dimension_words(d, lang).noun for d in layer.dimensions]
        own = _words(" ".join(_forms(n) for n in nouns if not n.foreign))
        english = {w for label in labels for w in _words(label) if len(w) > 3} - own - _OWN[lang]
        for p in plans:
            q = question_text(p, spec, pb)
            assert not _words(q) & english, (lang, q, _words(q) & english)


def test_a_dated_dimension_is_a_noun_of_its_language_not_the_day() -> None:
    # "order date" is the order's date ("Bestelldatum"), not the calendar day entry's "date".
    spec = _spec("retail.online_shop")
    time = next(d for d in spec.semantic.dimensions if d.kind == "time" and d.label == "order date")
    assert [dimension_words(time, lang).noun.sg for lang in ("de", "fr", "es")] == [
        "Bestelldatum", "date de commande", "fecha de pedido"]


def test_shape_words_join_the_index_and_extra_keys_reach_an_existing_entry() -> None:
    registrations = lexicon.lookup("event registrations", ("entity",))
    assert registrations is not None and registrations.words["de"].gender == "f"
    assert registrations.words["fr"].pl == "inscriptions aux événements"
    rent = lexicon.lookup("rent collected", ("amount",))
    assert rent is not None and rent.key == "rental income"
    assert lexicon.lookup("port-in rate", ("rate",)) is not None
    assert lexicon.lookup("port-in rate", ("entity",)) is None  # a rate is no counted thing
