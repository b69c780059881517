"""Only computable KPIs are announced: each KPI research or the spec names is mapped to a
metric of the semantic layer, or dropped with a note the CE sees ("food cost %" without a
cost column, "occupancy" for a broker without listings' occupancy).

A KPI matches a metric when it is the metric's label, name or a synonym, when both are the
same concept of the business vocabulary ("customer churn" and "churn rate"), or when every
specific word of the KPI appears in the metric's words ("order value" in "average order
value").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from demoforge.language import lexicon
from demoforge.spec.semantic import Metric, SemanticLayer

# Words that say what kind of number a KPI is, not what it is about.
_GENERIC = frozenset({"rate", "ratio", "share", "total", "number", "count", "avg", "average", "mean", "per",
                      "of", "the", "a", "by", "in", "percentage", "percent", "pct", "kpi", "value", "amount"})


@dataclasses.dataclass(frozen=True)
class KpiMapping:
    announced: list[tuple[str, Metric]]
    dropped: list[str]

    @property
    def metrics(self) -> list[Metric]:
        out: list[Metric] = []
        for _, m in self.announced:
            if all(m.name != x.name for x in out):
                out.append(m)
        return out


def _words(text: str) -> set[str]:
    return {lexicon.singular(w) for w in re.split(r"[^a-z0-9]+", text.lower()) if w}


def _concepts(texts: Iterable[str]) -> set[str]:
    out = set()
    for t in texts:
        e = lexicon.lookup(t)
        if e is not None:
            out.add(e.key)
    return out


def _metric_texts(m: Metric) -> list[str]:
    return [m.label, m.name.replace("_", " "), *m.synonyms]


def match(kpi: str, layer: SemanticLayer) -> Metric | None:
    norm = lexicon.normalise(kpi)
    if not norm:
        return None
    for m in layer.metrics:
        if norm in {lexicon.normalise(t) for t in _metric_texts(m)}:
            return m
    concept = _concepts([kpi])
    if concept:
        for m in layer.metrics:
            if concept & _concepts(_metric_texts(m)):
                return m
    specific = _words(kpi) - _GENERIC
    if specific:
        for m in layer.metrics:
            if specific <= set().union(*(_words(t) for t in _metric_texts(m))):
                return m
    return None


def map_kpis(kpis: Iterable[str], layer: SemanticLayer) -> KpiMapping:
    seen: set[str] = set()
    announced: list[tuple[str, Metric]] = []
    dropped: list[str] = []
    for k in kpis:
        key = lexicon.normalise(k)
        if not key or key in seen:
            continue
        seen.add(key)
        m = match(k, layer)
        if m is None:
            dropped.append(k.strip())
        else:
            announced.append((k.strip(), m))
    return KpiMapping(announced=announced, dropped=dropped)
