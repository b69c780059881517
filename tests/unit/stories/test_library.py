"""The story library: enough kinds, each worded in every offline language, planted 3-5
per demo with no kind in more than 60 % of a shape's demos, tied to the prospect's own
offerings and places, deterministic per seed, and hemisphere-aware."""

from __future__ import annotations

import collections
import datetime as dt

import pytest

from demoforge.language import OFFLINE
from demoforge.language.scripts import TEXTS
from demoforge.spec.model import DatasetSpec
from demoforge.spec.semantic import SemanticLayer
from demoforge.stories import StoryCheck, story_checks
from demoforge.stories.anatomy import season_months, southern
from demoforge.stories.kinds import KINDS
from demoforge.stories.plant import plant, plantable, planted_kinds
from tests.support.semantic_fixtures import online_shop_spec, template_with_layer

SEEDS = range(100)
# Shapes whose header names the offering itself (a policy's coverage, a subscription's
# plan) have 4-5 independent story slots: at 3 stories a demo, one slot is in more than
# 60 % of their demos. Known gap (issue 13): the shrink stories need a fractional column,
# and these headers count one unit each.
FEW_SLOTS = pytest.mark.xfail(strict=True, reason="4-5 independent story slots: a slot is in >60% of demos")
SHAPES = ["shop", "retail_ecommerce", pytest.param("insurance", marks=FEW_SLOTS), "healthcare",
          pytest.param("saas_software", marks=FEW_SLOTS)]


def _spec(name: str) -> DatasetSpec:
    return online_shop_spec() if name == "shop" else template_with_layer(name)


def test_the_library_has_thirty_kinds_each_worded_in_every_language() -> None:
    names = [k.name for k in KINDS]
    assert len(names) >= 30 and len(set(names)) == len(names)
    mechanisms = {k.mechanism for k in KINDS}
    assert len(mechanisms) >= 10
    for lang in OFFLINE:
        missing = [n for n in names if f"story_{n}" not in TEXTS[lang] or f"impl_{n}" not in TEXTS[lang]]
        assert missing == [], (lang, missing)


@pytest.mark.parametrize("shape", SHAPES)
def test_no_kind_is_in_more_than_sixty_percent_of_a_shapes_demos(shape: str) -> None:
    spec = _spec(shape)
    counts: collections.Counter[str] = collections.Counter()
    sizes = []
    for seed in SEEDS:
        kinds = planted_kinds(plant(spec, seed))
        sizes.append(len(kinds))
        counts.update(kinds)
    assert min(sizes) >= 3 and max(sizes) <= 5
    kind, n = counts.most_common(1)[0]
    assert n / len(SEEDS) <= 0.6, (kind, n)
    assert len(counts) >= 6  # the shape's demos tell many different stories


def test_planting_is_deterministic_per_seed_and_replaces_the_template_stories() -> None:
    base = template_with_layer("retail_ecommerce")
    old = {s.name for s in base.stories}
    a, b = plant(base, 7), plant(base, 7)
    assert a.model_dump() == b.model_dump()
    assert not old & {s.name for s in a.stories}
    assert all(e.story in {s.name for s in a.stories} for t in a.tables for e in t.effects if e.story)
    patterns = {q.pattern for q in a.golden_queries if q.pattern}
    assert patterns == {s.name for s in a.stories}  # each story has its revealing query
    assert [s.params["kind"] for s in plant(base, 8).stories] != [s.params["kind"] for s in a.stories] or \
        [s.params["check"] for s in plant(base, 8).stories] != [s.params["check"] for s in a.stories]


def test_stories_are_tied_to_the_prospects_places_and_offerings() -> None:
    spec = online_shop_spec()
    profile = {"country": "DE", "locations": [{"city": "Leipzig", "region": "Sachsen"}],
               "offerings": [{"name": "Kaffeemühle Classic"}, {"name": "Zubehör"}]}
    subjects: collections.Counter[str] = collections.Counter()
    for seed in range(30):
        for _, check in story_checks(plant(spec, seed, profile)):
            if check.subject_dimension == "state":
                subjects[str(check.subject)] += 1
    assert subjects and set(subjects) == {"Sachsen"}


def test_checks_validate_and_name_members_that_exist() -> None:
    spec = plant(online_shop_spec(), 3)
    checks = story_checks(spec)
    assert 3 <= len(checks) <= 5
    for _, c in checks:
        assert isinstance(c, StoryCheck)
        if c.subject_dimension is not None:
            from demoforge.spec.semantic import dimension_members

            members = dimension_members(spec.tables, spec.semantic.dimension(c.subject_dimension)) or []
            assert c.subject in [str(m) for m in members]


def test_seasons_follow_the_hemisphere() -> None:
    assert southern("AU") and southern("nz") and southern("AR") and not southern("DE") and not southern(None)
    assert season_months("summer", "DE") == [6, 7, 8]
    assert season_months("summer", "AU") == [12, 1, 2]
    spec = online_shop_spec()
    months = {tuple(c.expect.months or ()) for seed in range(40)
              for _, c in story_checks(plant(spec, seed, {"country": "AU"})) if c.kind == "seasonal_offering_peak"}
    assert months == {(12, 1, 2)}


def test_a_spec_without_a_semantic_layer_is_left_alone() -> None:
    from demoforge.synth.templates import get_template

    spec = get_template("retail_ecommerce")
    spec = spec.model_copy(update={"semantic": SemanticLayer()})  # the shapes come with one
    assert plant(spec, 1) is spec
    assert plantable(template_with_layer("retail_ecommerce"))


def test_growth_stories_start_where_the_growth_question_compares() -> None:
    from demoforge.stories.mechanisms import growth_date

    assert growth_date(dt.date(2025, 12, 31)) == dt.date(2025, 1, 1)
    assert growth_date(dt.date(2026, 3, 14)) == dt.date(2025, 3, 1)
