"""A story's check reads the detection rows as the story words them: a member that "has
been losing business" must have lost it, not merely grown least."""

from __future__ import annotations

import datetime as dt

import pytest

import demoforge.stories.anatomy as anatomy
from demoforge.spec.generators import TimestampGen
from demoforge.spec.model import DatasetSpec
from demoforge.spec.semantic import MetricQuery
from demoforge.stories import plant
from demoforge.stories.model import Expectation, StoryCheck
from demoforge.stories.verify import verify
from tests.support.semantic_fixtures import template_with_layer


def _check(kind: str) -> StoryCheck:
    return StoryCheck(kind="location_decline", detect=MetricQuery(metric="revenue", by=["region"]),
                      detect_kind="growth", expect=Expectation(kind=kind, member="California",
                                                               after=dt.date(2025, 12, 1)))


def _rows(changes: dict[str, float]) -> list[dict[str, object]]:
    return [{"region": k, "revenue": 1000.0, "change_vs_previous": v} for k, v in changes.items()]


def test_a_decline_must_be_a_loss_and_a_surge_a_gain() -> None:
    growing = _rows({"Texas": 0.436, "New York": 0.2, "California": 0.047})
    assert not verify(_check("shrinks_most"), growing).ok  # last, but it grew
    falling = _rows({"Texas": 0.3, "New York": 0.1, "California": -0.18})
    assert verify(_check("shrinks_most"), falling).ok
    assert not verify(_check("grows_most"), _rows({"California": -0.01, "Texas": -0.2})).ok
    assert verify(_check("grows_most"), _rows({"California": 0.6, "Texas": 0.1})).ok


def _growth(spec: DatasetSpec, metric: str) -> float:
    """The yearly growth of the time a metric is read by (its row's or a parent's)."""
    reach = anatomy.time_reach(spec, spec.semantic.metric(metric))
    assert reach is not None
    r = reach[0]
    table = next(x for x in spec.tables if x.name == r.table)
    if r.via is not None:
        fk = table.fk(r.via)
        assert fk is not None
        table = next(x for x in spec.tables if x.name == fk.references_table)
    g = next(c.generator for c in table.columns if c.name == r.column)
    assert isinstance(g, TimestampGen)
    return g.growth


@pytest.mark.parametrize("shape", ["retail_ecommerce", "restaurants_food", "healthcare"])
def test_a_planted_decline_outruns_the_business_growth(shape: str) -> None:
    # A member cut to f of its course still grows by (1 + growth) * f - 1: a decline story
    # is planted deep enough to be a loss on the year before.
    spec = template_with_layer(shape, rows=50_000)
    seen = 0
    for seed in range(40):
        planted = plant(spec, seed)
        for st in planted.stories:
            if st.params.get("kind") not in ("location_decline", "product_line_decline", "price_increase_volume_drop"):
                continue
            check = StoryCheck.model_validate(st.params["check"])
            for t in planted.tables:
                for e in t.effects:
                    if e.story == st.name and e.multiply is not None:
                        seen += 1
                        assert (1 + _growth(planted, check.detect.metric)) * e.multiply <= 0.86, (seed, st.name, e.multiply)
    assert seen
