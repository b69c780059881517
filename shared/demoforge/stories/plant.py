"""``plant(spec, seed, profile)``: 3-5 stories from the library, planted in the spec.

The kinds that fit the spec's semantic layer are grouped into slots of kinds that would
blur each other, and slots are drawn in an order derived from the seed (so two prospects
of one shape get different stories, and the same prospect the same ones), at most half
of them (at least three) per demo, so no kind dominates a shape. A story on a dimension
with the prospect's own members is on one of them, and each demo has one on the
prospect's own offerings and one on their own places when the data can show it (told
first); sizes and dates are drawn from the seed. The spec's earlier planted stories are replaced: their effects, patterns
and revealing golden queries go, the library's take their place.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Mapping, Sequence
from typing import Any

import demoforge.stories.anatomy as anatomy
from demoforge.language import OFFLINE
from demoforge.language.words import dimension_words, metric_words
from demoforge.spec.model import DatasetSpec, SpecQuery, StoryPattern
from demoforge.spec.semantic import MetricQuery, SemanticLayer, query_sql
from demoforge.stories.kinds import KINDS, Kind, Planted, options
from demoforge.stories.mechanisms import Setting, try_plant
from demoforge.stories.model import LIBRARY
from demoforge.stories.volume import cached

MIN_STORIES, MAX_STORIES = 3, 5
# Mechanisms whose effect depends on time: they blur any other story on the same column.
TIME_SHAPED = frozenset({"event_after", "drop_event_after", "scale_after", "shrink_after", "season",
                         "shift_after", "cannibalise", "margin", "cohort", "weekday"})


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


def how_many(n_slots: int, rng: random.Random) -> int:
    """3-5 stories, and at most half the independent slots (when there are six or more),
    so that no kind is in most demos of a shape."""
    cap = max(MIN_STORIES, min(MAX_STORIES, n_slots // 2))
    return min(n_slots, rng.randint(MIN_STORIES, cap))


def _touched(spec: DatasetSpec, p: Planted) -> set[tuple[str, str]]:
    """The columns a story's effects change, with every column made from them."""
    memo = cached(spec)
    out: set[tuple[str, str]] = set()
    for t, e in p.effects:
        key = ("downstream", t, e.target)
        if key not in memo:
            memo[key] = anatomy.downstream(spec, t, e.target)
        out |= memo[key]
    return out


def _structural_clash(a: Planted, b: Planted, spec: DatasetSpec) -> bool:
    """Whether two kinds can never share a demo: one metric and dimension, or a change over
    time on a column the other also changes, directly or through a column made from it (a
    seasonal peak inside a decline, a policy's season in its premiums); two plain hotspots
    on one column (a region, a channel) can."""
    if (a.check.detect.metric, a.check.subject_dimension) == (b.check.detect.metric, b.check.subject_dimension):
        return True
    ta, tb = _touched(spec, a), _touched(spec, b)
    if not (ta & tb and (a.kind.mechanism in TIME_SHAPED or b.kind.mechanism in TIME_SHAPED)):
        return False
    return not _compose(a, b)


def _whole_years(p: Planted) -> bool:
    """Whether the story is read over whole years: a growth question (the last twelve
    months against the twelve before) or a month-of-year profile."""
    return p.check.detect_kind == "growth" or p.check.expect.kind == "peak_months"


def _steady(p: Planted) -> bool:
    """Whether the story's effect is the same at every time (a segment's higher spend)."""
    return p.kind.mechanism in ("scale", "event") and p.check.expect.kind == "top"


def _compose(a: Planted, b: Planted) -> bool:
    """Whether two changes of one column leave each other's detection alone: each read
    over whole years or the same at every time, on dimensions of different tables (a
    product and a region), and not two seasons. A change from the start of the last
    twelve months moves every month of that year, a season the same months of both years
    and a steady lift every month alike, so none tilts the other's growth ranking, month
    profile or ranking (a product's lift is spread over every region alike); two seasons
    would add up in the shared months, and two members of one table (a product and its
    line) would be one story."""
    if not ((_whole_years(a) or _steady(a)) and (_whole_years(b) or _steady(b))):
        return False
    if a.check.expect.kind == "peak_months" and b.check.expect.kind == "peak_months":
        return False
    da, db = a.check.subject_dimension, b.check.subject_dimension
    if da is None or db is None:
        return False
    ta, tb = a.dimension_tables.get(da), b.dimension_tables.get(db)
    return ta is not None and tb is not None and ta != tb


def _said(q: MetricQuery, layer: SemanticLayer) -> set[tuple[str, str, str, str | None]]:
    """What a question says in words, in each offline language: two dimensions with one
    name (the customer's region and the location's region) make one question to the
    prospect, and content asks only one of them."""
    metric, by, grain = q.triple
    m = layer.metric(metric)
    dims = [layer.dimension(b) for b in (by or "").split(",") if b]
    return {(lang, metric_words(m, lang).noun.sg, ",".join(dimension_words(d, lang).noun.sg for d in dims),
             grain) for lang in OFFLINE}


def _clash(a: Planted, b: Planted, spec: DatasetSpec) -> bool:
    """Whether two planted stories would blur each other or ask the same question."""
    layer = spec.semantic
    if _structural_clash(a, b, spec):
        return True
    qa = {q.triple for q in (a.check.detect, a.check.follow_up) if q is not None}
    qb = {q.triple for q in (b.check.detect, b.check.follow_up) if q is not None}
    if qa & qb:
        return True
    sa = {w for q in (a.check.detect, a.check.follow_up) if q is not None for w in _said(q, layer)}
    sb = {w for q in (b.check.detect, b.check.follow_up) if q is not None for w in _said(q, layer)}
    if sa & sb:
        return True
    if a.check.subject is not None and (a.check.subject_dimension, a.check.subject) == (
            b.check.subject_dimension, b.check.subject):
        return True
    # Two hotspots on one column through dimensions of one table (a location and its
    # region) overlap systematically: the region's story would top the locations' ranking.
    if {(t, e.target) for t, e in a.effects} & {(t, e.target) for t, e in b.effects}:
        da, db = a.check.subject_dimension, b.check.subject_dimension
        if da and db and da != db and _dim_table(a, da) == _dim_table(b, db):
            return True
    return False


def _dim_table(p: Planted, name: str) -> str | None:
    return p.dimension_tables.get(name)


def slots(spec: DatasetSpec, country: str | None = None) -> list[list[Kind]]:
    """The plantable kinds grouped into slots of kinds that all clash with each other (one
    of them per demo). Found with a fixed probe, so they do not depend on the seed. Kinds
    of different slots may still clash (a season with a product's decline and with a
    region's, which do not clash with each other): ``plant`` then hands the turn on."""
    memo = cached(spec)
    if ("slots", country) not in memo:
        memo[("slots", country)] = _slots(spec, country)
    found: list[list[Kind]] = memo[("slots", country)]
    return [list(g) for g in found]


def _slots(spec: DatasetSpec, country: str | None) -> list[list[Kind]]:
    probe = Setting(spec=spec, rng=random.Random("probe"), country=country, offerings=(), places=())
    found = [(k, p) for k in applicable(spec) if (p := try_plant(k, probe)) is not None]
    groups: list[list[tuple[Kind, Planted]]] = []
    for k, p in found:
        home = next((g for g in groups if all(_structural_clash(p, q, spec) for _, q in g)), None)
        if home is None:
            groups.append([(k, p)])
        else:
            home.append((k, p))
    return [[k for k, _ in g] for g in groups]


def _spread_index(seed: int, n: int) -> int:
    """The seed-th of ``n`` combinations by a golden-ratio stride: any run of consecutive
    seeds visits the combinations evenly (lexicographic order would repeat the first slot)."""
    stride = max(1, round(n * 0.6180339887))
    while math.gcd(stride, n) != 1:
        stride += 1
    return (abs(seed) * stride) % n


def plant(spec: DatasetSpec, seed: int, profile: Any = None) -> DatasetSpec:
    """``spec`` with 3-5 library stories planted (unchanged when it has no semantic layer).

    The slots are chosen as the ``seed``-th combination of the right size, so over many
    prospects every slot is chosen equally often; a kind inside each slot, the members,
    sizes and dates are drawn from the seed."""
    if not spec.semantic.metrics:
        return spec
    country, offerings, places = _profile_view(profile)
    rng = random.Random(f"stories:{seed}")
    groups = slots(spec, country)
    if not groups:
        return spec
    want = how_many(len(groups), rng)
    combos = list(itertools.combinations(range(len(groups)), want))
    first = list(combos[_spread_index(seed, len(combos))])
    rest = [i for i in range(len(groups)) if i not in first]
    rng.shuffle(rest)
    setting = Setting(spec=spec, rng=rng, country=country, offerings=offerings, places=places)
    planted: list[Planted] = []
    # The chosen slots first; a slot whose kinds all clash with the stories already planted
    # (the same member, the same question) hands its turn to the next slot.
    for i in [*first, *rest]:
        if len(planted) >= want:
            break
        kinds = list(groups[i])
        rng.shuffle(kinds)
        for k in kinds:
            p = try_plant(k, setting)
            if p is not None and not any(_clash(p, q, spec) for q in planted):
                planted.append(p)
                break
    planted = _tie_to_prospect(planted, groups, setting)
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


def _owned(p: Planted, spec: DatasetSpec, kind: str, names: Sequence[str]) -> bool:
    """Whether the story is about one of the prospect's own offerings (places)."""
    c = p.check
    if c.subject is None or c.subject_dimension is None:
        return False
    d = next((x for x in spec.semantic.dimensions if x.name == c.subject_dimension), None)
    return d is not None and d.kind == kind and c.subject.casefold() in {n.casefold() for n in names}


def _tie_to_prospect(planted: list[Planted], groups: list[list[Kind]], s: Setting) -> list[Planted]:
    """The stories with at least one on the prospect's own offerings and one on their own
    places, when the data has them as members and such a story can be planted: added
    while there is room, else in place of a story that is about neither, and told first
    (the script follows the first three). The kind is drawn by the seed from every slot,
    so the tie does not favour one kind."""
    spec = s.spec
    out = list(planted)
    first: list[Planted] = []
    for kind, names in (("offering", s.offerings), ("geography", s.places)):
        if not names or any(_owned(p, spec, kind, names) for p in out):
            continue
        spare = [p for p in out if not (_owned(p, spec, "offering", s.offerings)
                                        or _owned(p, spec, "geography", s.places))]
        candidates = [k for g in groups for k in g]
        s.rng.shuffle(candidates)
        for k in candidates:
            p = try_plant(k, s, only_own=kind)
            if p is None:
                continue
            if len(out) < MAX_STORIES and not any(_clash(p, q, spec) for q in out):
                out.append(p)
                first.append(p)
                break
            gone = next((old for old in reversed(spare)
                         if not any(_clash(p, q, spec) for q in out if q is not old)), None)
            if gone is not None:
                out = [*(q for q in out if q is not gone), p]
                first.append(p)
                break
    return [*first, *(p for p in out if p not in first)]


def _strip_old(spec: DatasetSpec) -> dict[str, Any]:
    """The spec as JSON without its earlier stories (their effects and revealing queries)."""
    old = {s.name for s in spec.stories}
    raw = spec.model_dump(mode="json")
    for t in raw["tables"]:
        t["effects"] = [e for e in t.get("effects", []) if e.get("story") not in old]
    raw["stories"] = []
    raw["golden_queries"] = [q for q in raw.get("golden_queries", []) if q.get("pattern") not in old]
    return raw


def plantable(spec: DatasetSpec, country: str | None = None) -> list[Kind]:
    """Every kind that can be planted in ``spec``."""
    return [k for g in slots(spec, country) for k in g]


def planted_kinds(spec: DatasetSpec) -> list[str]:
    return [str(s.params.get("kind")) for s in spec.stories if s.params.get("library") == LIBRARY]


def kind_names() -> Sequence[str]:
    return [k.name for k in KINDS]
