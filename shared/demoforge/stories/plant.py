"""``plant(spec, seed, profile)``: 3-5 stories from the library, planted in the spec.

The kinds that fit the spec's semantic layer are drawn in an order derived from the seed
(so two prospects of one shape get different stories, and the same prospect the same
ones), at most half of them (at least three) per demo, so no kind dominates a shape. Each
is tied to one of the prospect's offerings or places when the data has them (the
profile's offerings and locations are preferred members), with its size and date drawn
from the seed. The spec's earlier planted stories are replaced: their effects, patterns
and revealing golden queries go, the library's take their place.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

from demoforge.spec.model import DatasetSpec, SpecQuery, StoryPattern
from demoforge.spec.semantic import query_sql
from demoforge.stories.kinds import KINDS, Kind, Planted, Setting, options, try_plant
from demoforge.stories.model import LIBRARY

MIN_STORIES, MAX_STORIES = 3, 5


def _profile_view(profile: Any) -> tuple[str | None, list[str], list[str]]:
    """(country, offering names, place names) of a prospect profile (model or mapping)."""
    if profile is None:
        return None, [], []
    data: Mapping[str, Any] = profile if isinstance(profile, Mapping) else profile.model_dump(mode="json")
    offerings = [str(o.get("name")) for o in data.get("offerings") or [] if isinstance(o, Mapping) and o.get("name")]
    offerings += [str(p) for p in data.get("products_services") or []]
    places: list[str] = []
    for loc in data.get("locations") or []:
        if isinstance(loc, Mapping):
            places += [str(loc[k]) for k in ("city", "region") if loc.get(k)]
    country = data.get("country")
    return (str(country) if country else None), offerings, places


def applicable(spec: DatasetSpec) -> list[Kind]:
    """The library's kinds that have at least one metric (and dimension) to go on."""
    return [k for k in KINDS if options(k, spec)]


def plantable(spec: DatasetSpec, country: str | None = None) -> list[Kind]:
    """The applicable kinds whose mechanism can actually plant them in ``spec`` (found with
    a fixed probe, so the set does not depend on the prospect's seed)."""
    probe = Setting(spec=spec, rng=random.Random("probe"), country=country, offerings=(), places=())
    return [k for k in applicable(spec) if try_plant(k, probe) is not None]


def how_many(n_kinds: int, rng: random.Random) -> int:
    """3-5 stories, and at most half the kinds that can be planted (when there are six or
    more), so that no kind is in most demos of a shape."""
    cap = max(MIN_STORIES, min(MAX_STORIES, n_kinds // 2))
    return min(n_kinds, rng.randint(MIN_STORIES, cap))


def _strip_old(spec: DatasetSpec) -> dict[str, Any]:
    old = {s.name for s in spec.stories}
    raw = spec.model_dump(mode="json")
    for t in raw["tables"]:
        t["effects"] = [e for e in t.get("effects", []) if e.get("story") not in old]
    raw["stories"] = []
    raw["golden_queries"] = [q for q in raw.get("golden_queries", []) if q.get("pattern") not in old]
    return raw


def plant(spec: DatasetSpec, seed: int, profile: Any = None) -> DatasetSpec:
    """``spec`` with 3-5 library stories planted (unchanged when it has no semantic layer)."""
    if not spec.semantic.metrics:
        return spec
    country, offerings, places = _profile_view(profile)
    rng = random.Random(f"stories:{seed}")
    kinds = plantable(spec, country)
    rng.shuffle(kinds)
    want = how_many(len(kinds), rng)
    setting = Setting(spec=spec, rng=rng, country=country, offerings=offerings, places=places)
    planted: list[Planted] = []
    used: set[tuple[str, str | None]] = set()
    triples: set[tuple[str, str | None, str | None]] = set()
    subjects: set[tuple[str | None, str | None]] = set()
    changed: set[tuple[str, str]] = set()
    for k in kinds:
        if len(planted) >= want:
            break
        p = try_plant(k, setting)
        if p is None:
            continue
        # One story per metric and dimension, and no two story questions on one
        # metric x dimension x grain.
        key = (p.check.detect.metric, p.check.subject_dimension)
        subject = (p.check.subject_dimension, p.check.subject)
        mine = {q.triple for q in (p.check.detect, p.check.follow_up) if q is not None}
        targets = {(table, e.target) for table, e in p.effects}
        # Two stories on one member, or changing one column, would blur each other (a
        # seasonal peak inside a decline, two seasons in one sum).
        if (key in used or mine & triples or (p.check.subject is not None and subject in subjects)
                or targets & changed):
            continue
        used.add(key)
        subjects.add(subject)
        triples |= mine
        changed |= targets
        planted.append(p)
    if not planted:
        return spec
    raw = _strip_old(spec)
    by_table = {t["name"]: t for t in raw["tables"]}
    for i, p in enumerate(planted, 1):
        name = f"{p.kind.name}_{i}"
        for table, effect in p.effects:
            effects = by_table[table].setdefault("effects", [])
            effects.append({**effect.model_dump(mode="json", exclude_none=True), "story": name})
        raw["stories"].append(StoryPattern(
            name=name, kind="other", description=p.description,
            params={"library": LIBRARY, "kind": p.kind.name, "check": p.check.model_dump(mode="json")},
            expected_top=p.expected_top,
        ).model_dump(mode="json"))
        raw["golden_queries"].append(SpecQuery(
            question=p.question, sql=query_sql(spec.semantic, spec.tables, p.check.detect),
            difficulty="hard", pattern=name).model_dump(mode="json"))
    return DatasetSpec.model_validate(raw)


def planted_kinds(spec: DatasetSpec) -> list[str]:
    return [str(s.params.get("kind")) for s in spec.stories if s.params.get("library") == LIBRARY]


def kind_names() -> Sequence[str]:
    return [k.name for k in KINDS]
