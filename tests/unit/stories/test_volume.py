"""Row-level spread of an average metric, read from the generators, and the rows an
average story therefore needs: a tariff catalogue from 75 to 14,500 needs many more rows
before a segment's 1.3x shows than a basket of similar items."""

from __future__ import annotations

import statistics
from pathlib import Path

import duckdb
import pytest

from demoforge.stories import plant, story_checks
from demoforge.stories.kinds import KINDS
from demoforge.stories.mechanisms import enough_rows
from demoforge.stories.volume import member_rows, value_cv
from demoforge.synth.generate import generate_dataset
from tests.support.semantic_fixtures import template_with_layer


def _amounts(tmp: Path, table: str) -> list[float]:
    files = sorted((tmp / table).glob("*.parquet")) if (tmp / table).is_dir() else [tmp / f"{table}.parquet"]
    rows = duckdb.read_parquet([str(f) for f in files]).select("amount").fetchall()
    return [float(r[0]) for r in rows]


@pytest.mark.parametrize("shape", ["energy_utilities", "retail_ecommerce"])
def test_the_spread_read_from_the_generators_is_the_datas(shape: str, tmp_path: Path) -> None:
    spec = template_with_layer(shape, rows=12_000)
    aov = spec.semantic.metric("aov")
    cv = value_cv(spec, aov)
    assert cv is not None
    generate_dataset(spec, tmp_path)
    # The summed column's own spread (the catalogue's prices and their weights). The
    # reading may overstate it (a catalogue's popularity is read as its least popular
    # form: more rows asked, never a story that cannot show), never understate it.
    amounts = _amounts(tmp_path, aov.table)
    seen = statistics.pstdev(amounts) / statistics.fmean(amounts)
    assert seen <= cv * 1.2, (shape, seen, cv)
    if shape == "energy_utilities":  # a cycled catalogue of eight tariffs: read exactly
        assert seen == pytest.approx(cv, rel=0.2), (seen, cv)


def test_an_average_story_needs_rows_in_proportion_to_the_spread() -> None:
    spec = template_with_layer("energy_utilities", rows=12_000)
    kind = next(k for k in KINDS if k.name == "premium_segment_spend")
    aov, segment = spec.semantic.metric("aov"), spec.semantic.dimension("segment")
    rows = member_rows(spec, aov, segment, "Loyal", 3)
    assert 60 <= rows < 400  # enough for a plain ranking, not for a 1.3x lift of a wide price mix
    assert not enough_rows(kind, spec, aov, segment, "Loyal")
    big = template_with_layer("energy_utilities", rows=400_000)
    assert enough_rows(kind, big, big.semantic.metric("aov"), big.semantic.dimension("segment"), "Loyal")


def test_small_wide_spread_demos_plant_no_average_story_they_cannot_show() -> None:
    for seed in range(20):
        spec = plant(template_with_layer("energy_utilities", rows=12_000), seed)
        assert all(c.kind != "premium_segment_spend" for _, c in story_checks(spec)), seed


def test_a_rate_story_ranks_only_members_with_rows_for_its_lift() -> None:
    from demoforge.stories.anatomy import event_share
    from demoforge.stories.mechanisms import rate_rows

    hotspot = next(k for k in KINDS if k.name == "regional_failure_hotspot")  # lift of 12-25 %
    # Lost quotes are common (a high base share): a small region's luck swings its rate by
    # sqrt(p(1-p)/n), so the ranking asks only about regions with many rows.
    spec = template_with_layer("manufacturing", rows=12_000)
    rate = spec.semantic.metric("void_rate")
    p = event_share(spec, rate)
    assert p is not None and p > 0.1
    need = rate_rows(hotspot, spec, rate)
    assert need > 60
    for seed in range(10):
        for _, c in story_checks(plant(spec, seed)):
            if c.kind == "regional_failure_hotspot":
                assert c.detect.min_rows == need
    # A rare event (a few cancelled orders in a hundred) needs no more than the floor.
    shop = template_with_layer("retail_ecommerce", rows=12_000)
    assert rate_rows(hotspot, shop, shop.semantic.metric("void_rate")) == 30
