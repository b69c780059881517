"""The story library: enough kinds, each worded in every offline language, planted 3-5
per demo with no kind in more than 60 % of a shape's demos, tied to the prospect's own
offerings and places, deterministic per seed, and hemisphere-aware."""

from __future__ import annotations

import collections
import datetime as dt

import pytest

from demoforge.domain.profile import Offering, ProspectProfile
from demoforge.language import OFFLINE
from demoforge.language.scripts import TEXTS
from demoforge.spec.model import DatasetSpec
from demoforge.spec.semantic import SemanticLayer, dimension_members
from demoforge.stories import StoryCheck, story_checks
from demoforge.stories.anatomy import season_months, southern
from demoforge.stories.kinds import KINDS
from demoforge.stories.plant import plant, plantable, planted_kinds
from demoforge.synth.templates import SCALES, build_for_profile
from demoforge.synth.templates import SHAPES as TEMPLATE_SHAPES
from tests.support.semantic_fixtures import online_shop_spec, template_with_layer

SEEDS = range(100)
# The product's smallest size (``--scale small``, the CLI's default): the fewest rows a
# story has to show in. Insurance and SaaS keep most rows in their bills and usage, not
# in the policy or subscription that the offering and the channel are on.
SMALL = SCALES["small"]
SHAPES = ["shop", "retail_ecommerce", "insurance", "healthcare", "saas_software", "insurance.pet",
          "insurance.motor", "construction.contractor"]


def _spec(name: str, rows: int = SMALL) -> DatasetSpec:
    if name == "shop":
        return online_shop_spec()
    shape = next(s for s in TEMPLATE_SHAPES if name in (s.key, s.industry))
    profile = ProspectProfile(company_name=f"Northwind {shape.label}", industry=shape.industry, confidence=1.0,
                              country="US", currency="USD", language="en", source="hint")
    return build_for_profile(profile, as_of=dt.date(2026, 11, 30), seed=42, shape=shape.key, rows=rows)


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
    kinds: collections.Counter[str] = collections.Counter()
    for seed in range(30):
        checks = [c for _, c in story_checks(plant(spec, seed, profile))]
        assert 3 <= len(checks) <= 5
        # Every demo has a story on one of their offerings and one on their place.
        assert any(c.subject in ("Kaffeemühle Classic", "Zubehör") for c in checks), seed
        assert any(c.subject == "Sachsen" for c in checks), seed
        for c in checks:
            kinds[c.kind] += 1
            if c.subject_dimension == "state":
                subjects[str(c.subject)] += 1
    assert subjects and set(subjects) == {"Sachsen"}
    assert len(kinds) >= 10 and kinds.most_common(1)[0][1] <= 0.6 * 30 + 3, kinds  # still many kinds


def test_a_prospects_own_offerings_in_the_catalogue_get_a_story() -> None:
    """A wine shop's profile: its wines are catalogue members, so each demo tells a story
    about one of them (a surge, a return spike, a promotion ...), not only about regions."""
    wines = ["Beringer Zinfandel Rose", "Julius Hafner Eiswein", "Primitivo di Manduria", "Rioja Reserva",
             "Chianti Classico", "Grüner Veltliner"]
    profile = ProspectProfile(company_name="Weinhaus", industry="retail_ecommerce", confidence=1.0, country="DE",
                              currency="EUR", language="de", source="hint",
                              offerings=[Offering(name=w, source="json-ld") for w in wines])
    spec = build_for_profile(profile, as_of=dt.date(2026, 11, 30), seed=5, shape="retail.online_shop", rows=SMALL)
    members = {str(v) for d in spec.semantic.dimensions if d.kind == "offering"
               for v in dimension_members(spec.tables, d) or []}
    assert set(wines) <= members
    tied: collections.Counter[str] = collections.Counter()
    for seed in range(20):
        checks = [c for _, c in story_checks(plant(spec, seed, profile))]
        own = [c for c in checks if c.subject in wines]
        assert own, (seed, [(c.kind, c.subject) for c in checks])
        tied.update(c.kind for c in own)
    assert len(tied) >= 3  # different kinds of offering story, not one forced kind


def test_no_kind_is_in_more_than_sixty_percent_of_any_shapes_demos() -> None:
    # Every one of the shapes, over sixty prospects each (the eight above over a hundred).
    over: dict[str, tuple[str, float]] = {}
    for shape in TEMPLATE_SHAPES:
        spec = _spec(shape.key)
        counts: collections.Counter[str] = collections.Counter()
        for seed in range(60):
            counts.update(planted_kinds(plant(spec, seed)))
        kind, n = counts.most_common(1)[0]
        if n / 60 > 0.6:
            over[shape.key] = (kind, n / 60)
    assert over == {}


def test_every_shape_gets_three_to_five_stories_at_the_smallest_size() -> None:
    short: dict[str, list[int]] = {}
    for shape in TEMPLATE_SHAPES:
        spec = _spec(shape.key)
        sizes = [len(planted_kinds(plant(spec, seed))) for seed in range(6)]
        if min(sizes) < 3 or max(sizes) > 5:
            short[shape.key] = sizes
    assert short == {}


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


def test_an_effect_reaches_the_columns_made_from_it() -> None:
    from demoforge.stories.anatomy import downstream

    spec = _spec("insurance")
    down = downstream(spec, "policies", "amount")
    # A premium copies its policy's amount: a season on policies shows in the premiums.
    assert {("policies", "amount"), ("premiums", "parent_amount"), ("premiums", "amount")} <= down
    assert not any(t == "claims" for t, _ in down)


def test_rows_that_share_a_member_count_once() -> None:
    from demoforge.stories.volume import cluster_size

    spec = _spec("insurance")
    layer = spec.semantic
    rows = spec.expected_rows()
    # Every premium of a policy is in the policy's region: they move together.
    per = cluster_size(spec, layer.metric("earned_premium"), layer.dimension("region"))
    assert per == pytest.approx(rows["premiums"] / rows["policies"]) and per > 3
    # A policy's coverage is drawn for each policy on its own.
    assert cluster_size(spec, layer.metric("revenue"), layer.dimension("catalogue_offering")) == 1.0


@pytest.mark.parametrize(("shape", "kinds"), [("insurance", {"fraud_flag_hotspot", "fraud_flag_offering"}),
                                              ("saas_software", {"discount_creep", "premium_segment_spend"})])
def test_insurance_and_saas_tell_stories_of_their_own(shape: str, kinds: set[str]) -> None:
    spec = _spec(shape)
    told = {k for seed in range(20) for k in planted_kinds(plant(spec, seed))}
    assert kinds <= told


@pytest.mark.parametrize(("shape", "told", "not_told"), [
    ("travel_hospitality", "offering_complaints", "product_return_spike"),
    ("healthcare", "offering_complaints", "product_return_spike"),
    ("retail_ecommerce", "product_return_spike", "offering_complaints"),
])
def test_complaints_are_not_told_as_returns(shape: str, told: str, not_told: str) -> None:
    # A room category or a treatment draws complaints; it is not sent back.
    kinds = {k.name for k in plantable(template_with_layer(shape, rows=50_000))}
    assert told in kinds and not_told not in kinds
