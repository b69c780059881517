"""What a metric or dimension is called in a language, with the grammar its phrases need.

The words come from the spec's ``terms`` for the language when given, else from the
business vocabulary (``lexicon``) matched on the metric's label, name and synonyms
("avg_delivery_hours" -> average delivery time), else the label itself marked ``foreign``
(the caller logs it: a spec can add ``terms``). A metric's *kind* decides how questions
are put: counts ask "how many orders", amounts "how much revenue", rates and averages
"how high".
"""

from __future__ import annotations

import dataclasses
import re
from typing import Literal

from demoforge.language import OFFLINE, lexicon
from demoforge.language.nouns import Noun
from demoforge.spec.semantic import Dimension, Metric, Term

MetricKind = Literal["amount", "count", "rate", "average"]

# The "average" attribute per language: English and German before the noun (German
# declines it), French and Spanish after it, agreeing with the noun.
_AVERAGE = {"fr": ("moyen", "moyenne", "moyens", "moyennes"), "es": ("medio", "media", "medios", "medias")}
_AVG_PREFIX = re.compile(r"^(avg|average|mean|median)\s+")
_COUNT_WORDS = re.compile(r"^(number of|count of|total|#)\s+|\s+(count|total|number)$")
_LOWER_IS_BETTER = re.compile(
    r"cancel|return|churn|no.?show|default|reject|denial|refund|fail|late|delay|complaint|stockout|defect|"
    r"readmission|dropout|fraud|loss|cost|wait|resolution|processing|lead time|delivery time|time on market|"
    r"days on market|attrition|discount|abandon|vacan|lapse|declin|void|lost|overdraft|arrears|dispute|"
    r"chargeback|escalat")


@dataclasses.dataclass(frozen=True)
class MetricWords:
    noun: Noun  # what the metric is called (for counts: the counted thing, plural)
    kind: MetricKind
    money: bool = False
    duration_unit: str | None = None  # "hours", "days", "minutes" for averaged durations
    lower_is_better: bool = False
    foreign: bool = False


@dataclasses.dataclass(frozen=True)
class DimensionWords:
    noun: Noun
    kind: str  # the dimension's kind (geography, offering, ...)
    foreign: bool = False
    # A single thing (a product under a category, a person) rather than a group or a
    # place: "beim Produkt X" / "for product X", not "in der Kategorie X" / "in Tents".
    at: bool = False


def _term_noun(t: Term) -> Noun:
    return Noun(sg=t.label if t.number == "singular" else (t.plural or t.label),
                pl=t.plural or t.label, gender=t.gender or "m",
                number="pl" if t.number == "plural" else "sg")


def metric_kind(m: Metric) -> MetricKind:
    expr = m.expression.strip().upper()
    if m.format == "percent" or m.unit in ("percent", "ratio"):
        return "rate"
    if expr.startswith("COUNT(") or expr.startswith("COUNTIF("):
        return "count"
    if expr.startswith("AVG(") or m.unit in ("score", "hours", "days", "minutes"):
        return "average"
    return "amount"


def _candidates(name: str, label: str, synonyms: list[str]) -> list[str]:
    out = [label, name.replace("_", " "), *synonyms]
    return [lexicon.normalise(c) for c in out if c]


def _average(noun: Noun, lang: str) -> Noun:
    """``noun`` with the language's "average" attribute."""
    if noun.adj or lang not in ("en", "de", "fr", "es"):
        return noun
    if lang == "en":
        return dataclasses.replace(noun, sg=f"average {noun.sg}", pl=f"average {noun.pl}")
    if lang == "de":
        return noun.with_adj("durchschnittlich")
    m, f, mpl, fpl = _AVERAGE[lang]
    sg = f if noun.gender == "f" else m
    pl = fpl if noun.gender == "f" else mpl
    return dataclasses.replace(noun, sg=f"{noun.sg} {sg}", pl=f"{noun.pl} {pl}")


def metric_words(m: Metric, lang: str) -> MetricWords:
    kind = metric_kind(m)
    if kind == "average" and m.expression.strip().upper().startswith("SUM("):
        # Summed hours ("billable hours") are an amount in words: not "average billable
        # hours", never "the longest" (the stories keep ``metric_kind``'s reading).
        kind = "amount"
    money = m.unit == "currency"
    duration = m.unit if m.unit in ("hours", "days", "minutes") and kind == "average" else None
    text = " ".join([m.name.replace("_", " "), m.label, *m.synonyms])
    lower = bool(_LOWER_IS_BETTER.search(text.lower()))
    common = {"kind": kind, "money": money, "duration_unit": duration, "lower_is_better": lower}
    term = m.terms.get(lang)
    if term is not None:
        return MetricWords(noun=_term_noun(term), **common)  # type: ignore[arg-type]
    lang = lang if lang in OFFLINE else "en"  # the vocabulary has the offline languages
    quantity = _quantity(m)
    if quantity is not None:
        # A summed count of things is asked like a count ("how many seats"); a unit
        # count without a thing of its own ("Stückzahl": no English plural) like an amount.
        thing = quantity.words[lang]
        mass = quantity.words["en"].pl == quantity.words["en"].sg
        return MetricWords(noun=thing if mass else thing.as_number("pl"),
                           **{**common, "kind": "amount" if mass else "count"})  # type: ignore[arg-type]
    # A ratio of two sums named as an average ("average order value": SUM / COUNT) is
    # asked and answered as an average: it has no total and is never "brought in".
    average = _value_per(m, kind, lang) or _named_average(m, kind, lang)
    if average is not None:
        return MetricWords(noun=average, **{**common, "kind": "average"})  # type: ignore[arg-type]
    noun = _lexicon_metric(m, kind, lang)
    if noun is not None:
        return MetricWords(noun=noun, **common)  # type: ignore[arg-type]
    label = m.label if kind != "count" else m.label
    return MetricWords(noun=Noun(sg=label, pl=label, gender="m", mass=kind == "amount", foreign=lang != "en"),
                       **common)  # type: ignore[arg-type]


_VALUE_PER = re.compile(r"^average (.+?) value$")


def _value_per(m: Metric, kind: MetricKind, lang: str) -> Noun | None:
    """"average policy value": the average value per thing, for any counted thing but an
    order (whose average value has its own word: Bestellwert, panier moyen)."""
    found = _VALUE_PER.match(lexicon.normalise(m.label)) if kind in ("average", "amount") else None
    if found is None:
        return None
    e = lexicon.lookup(found.group(1), ("entity",)) or lexicon.lookup(lexicon.singular(found.group(1)), ("entity",))
    if e is None or e.key == "order":
        return None
    thing = e.words[lang].sg
    if lang == "de":
        return Noun(sg=f"Durchschnittswert je {thing}", pl=f"Durchschnittswerte je {thing}", gender="m",
                    gen_sg=f"Durchschnittswerts je {thing}")
    if lang == "fr":
        return Noun(sg=f"valeur moyenne par {thing}", pl=f"valeurs moyennes par {thing}", gender="f")
    if lang == "es":
        return Noun(sg=f"valor medio por {thing}", pl=f"valores medios por {thing}", gender="m")
    return Noun(sg=f"average {thing} value", pl=f"average {thing} values", gender="m")


def _quantity(m: Metric) -> lexicon.Entry | None:
    """A summed quantity's word: by "<label> on <table>" first (the same label counts
    different things on different tables: "units" of a treatment, of a lease), then by
    its label and synonyms; goods' "units" have none here (they are units sold)."""
    if m.unit != "quantity":
        return None
    table = m.table.replace("_", " ")
    for c in [f"{m.label} on {table}", m.label, *m.synonyms]:
        e = lexicon.lookup(c, ("quantity",))
        if e is not None:
            return e
    return None


def _named_average(m: Metric, kind: MetricKind, lang: str) -> Noun | None:
    """An amount whose label or name is a named average (aov, ADR, ARPU)."""
    if kind != "amount":
        return None
    for c in _candidates(m.name, m.label, list(m.synonyms)):
        e = lexicon.lookup(c, ("average",))
        if e is not None:
            return e.words[lang]
    return None


def _lexicon_metric(m: Metric, kind: MetricKind, lang: str) -> Noun | None:
    cands = _candidates(m.name, m.label, list(m.synonyms))
    if kind == "count":
        for c in cands:
            stripped = _COUNT_WORDS.sub("", c).strip()
            for text in (c, stripped, lexicon.singular(stripped)):
                e = lexicon.lookup(text, ("entity",))
                if e is not None:
                    return e.words[lang].as_number("pl")
        e = lexicon.lookup(lexicon.singular(m.table), ("entity",))
        return e.words[lang].as_number("pl") if e is not None else None
    if kind == "rate":
        for c in cands:
            e = lexicon.lookup(c, ("rate",))
            if e is not None:
                return e.words[lang]
        return None
    # amounts and averages: a named average first, then "average" + an amount/duration/score;
    # "<label> on <table>" first where one label is two things ("fees" of a public office
    # are not a payment processor's).
    qualified = lexicon.lookup(f"{m.label} on {m.table.replace('_', ' ')}", ("amount",))
    if qualified is not None:
        return qualified.words[lang]
    for c in cands:
        e = lexicon.lookup(c, ("average",)) if kind == "average" else None
        if e is not None:
            return e.words[lang]
        base = _AVG_PREFIX.sub("", c)
        e = lexicon.lookup(base, ("amount", "duration", "score", "average"))
        if e is None:
            continue
        noun = e.words[lang]
        if kind == "average" and e.kind != "average" and not (e.kind == "score" and lang == "en" and
                                                               noun.sg.startswith("average")):
            return _average(noun, lang)
        return noun
    return None


def dimension_words(d: Dimension, lang: str) -> DimensionWords:
    at = d.kind in ("staff", "other") or (d.kind == "offering" and d.parent is not None)
    term = d.terms.get(lang)
    if term is not None:
        return DimensionWords(noun=_term_noun(term).as_number("sg"), kind=d.kind, at=at)
    lang = lang if lang in OFFLINE else "en"
    for c in _candidates(d.name, d.label, list(d.synonyms)) + [lexicon.normalise(d.column.replace("_", " "))]:
        for text in (c, lexicon.singular(c), re.sub(r"\s+name$", "", c)):
            e = lexicon.lookup(text, ("entity",))
            if e is not None:
                return DimensionWords(noun=e.words[lang], kind=d.kind, at=at)
    label = d.label
    return DimensionWords(noun=Noun(sg=label, pl=label, gender="f" if lang == "de" else "m",
                                    foreign=lang != "en"), kind=d.kind, at=at)


def surface_forms(words: MetricWords) -> list[str]:
    """The strings an answer that "speaks of" the metric contains (any one of them)."""
    n = words.noun
    return [f for f in {n.sg, n.pl} if f]
