"""Two metrics of one demo never read the same in any offline language: the prospect
cannot tell "Umsatz" from "Umsatz". Checked over every template shape's semantic layer,
by the name the script and report show and by the phrase a question asks with."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter

import pytest

from demoforge.language import OFFLINE
from demoforge.language.base import Ask
from demoforge.language.render import phrasebook
from demoforge.language.words import metric_words
from demoforge.spec.model import DatasetSpec
from demoforge.synth.templates import get_template
from demoforge.synth.templates.shapes import SHAPES

AS_OF = dt.date(2026, 6, 30)


@functools.cache
def _spec(key: str) -> DatasetSpec:
    return get_template(key, as_of=AS_OF)


def _twice(names: list[str]) -> list[str]:
    return sorted(n for n, k in Counter(x.casefold() for x in names).items() if k > 1)


@pytest.mark.parametrize("lang", OFFLINE)
@pytest.mark.parametrize("key", [s.key for s in SHAPES])
def test_no_two_metrics_of_a_shape_share_a_name(key: str, lang: str) -> None:
    pb = phrasebook(lang)
    metrics = _spec(key).semantic.metrics
    assert _twice([pb.metric_name(metric_words(m, lang)) for m in metrics]) == []
    # The question's own words: "Wie hoch war der Umsatz insgesamt?" twice is one question.
    totals = [pb.question(Ask(kind="total", metric=metric_words(m, lang))) for m in metrics]
    assert _twice(totals) == []


def test_billed_revenue_is_not_the_recurring_or_contracted_revenue() -> None:
    saas = _spec("saas.subscriptions").semantic
    telecom = _spec("telecom.operator").semantic
    de = phrasebook("de")
    assert de.metric_name(metric_words(saas.metric("billings"), "de")) == "abgerechneter Umsatz"
    assert de.metric_name(metric_words(saas.metric("revenue"), "de")) == "monatlich wiederkehrender Neuumsatz"
    assert de.metric_name(metric_words(telecom.metric("revenue"), "de")) == "Monatsumsatz"
    assert [metric_words(telecom.metric("billed_revenue"), lang).noun.sg for lang in ("fr", "es")] == [
        "chiffre d'affaires facturé", "ingresos facturados"]
