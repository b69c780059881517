"""How the story library's kinds are planted: the mechanisms, a few ways an ``Effect``
can move a metric (``stories.kinds`` lists which kind uses which):

- ``event`` / ``event_after``: set a rate's event value on a member's rows (after a date);
- ``drop_event_after``: set the opposite value (a good rate falls after a date);
- ``scale`` / ``scale_after`` / ``shrink_after``: multiply the column an average or sum
  aggregates, for a member (after a date);
- ``season``: multiply it in the months of a season where the prospect is (hemisphere);
- ``shift_after``: re-assign the member of a categorical column after a date (a channel
  shift in a count);
- ``cannibalise``: lift one offering and sink a sibling during a promotion window;
- ``margin``: raise a margin's cost column for a member after a date;
- ``cohort``: set a rate's event for rows whose own date falls in one quarter.

Each mechanism returns the effects and the ``StoryCheck`` (detection question and
expectation) or None when the spec cannot carry it; ``try_plant`` plants a kind on one of
its options (drawn by the prospect's seed, the prospect's own names first).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random
from collections.abc import Callable, Sequence

import demoforge.stories.anatomy as anatomy
from demoforge.language.words import metric_words
from demoforge.spec.base import Scalar
from demoforge.spec.generators import LookupGen, TimestampGen
from demoforge.spec.model import DatasetSpec
from demoforge.spec.semantic import Dimension, DimensionFilter, Metric, MetricQuery
from demoforge.spec.tables import Condition, Effect
from demoforge.stories.kinds import Kind, Planted, options
from demoforge.stories.model import Expectation, StoryCheck
from demoforge.stories.volume import cached, cluster_size, member_rows, value_cv


@dataclasses.dataclass(frozen=True)
class Choice:
    """What a kind is planted on: the metric, the dimension and its member."""

    metric: Metric
    dimension: Dimension | None
    member: Scalar | None


@dataclasses.dataclass
class Setting:
    spec: DatasetSpec
    rng: random.Random
    country: str | None
    offerings: Sequence[str]
    places: Sequence[str]


def _cond(r: anatomy.Reach, **kw: object) -> Condition:
    return Condition.model_validate({"column": r.column, "via": r.via, **kw})


def _month(d: dt.date) -> str:
    return d.strftime("%B %Y")


def _draw(k: Kind, s: Setting) -> float:
    lo, hi = k.factor
    return round(s.rng.uniform(lo, hi), 2)


def _where(d: Dimension, member: Scalar) -> list[DimensionFilter]:
    return [DimensionFilter(dimension=d.name, op="=", values=[member])]


def _growth(spec: DatasetSpec, r: anatomy.Reach) -> float:
    """The yearly growth the time generator behind ``r`` gives the whole business (a
    looked-up time is its parent's)."""
    tables = {x.name: x for x in spec.tables}
    table, column, via = tables.get(r.table), r.column, r.via
    for _ in range(4):
        if table is not None and via is not None:
            fk = table.fk(via)
            table = tables.get(fk.references_table) if fk is not None else None
        col = next((c for c in table.columns if c.name == column), None) if table is not None else None
        g = col.generator if col is not None else None
        if isinstance(g, TimestampGen):
            return max(0.0, g.growth)
        if not isinstance(g, LookupGen):
            return 0.0
        column, via = g.column, g.via
    return 0.0


def _months_before(d: dt.date, months: int) -> dt.date:
    m = d.month - 1 - months
    return dt.date(d.year + m // 12, m % 12 + 1, 1)


def growth_date(end: dt.date) -> dt.date:
    """The start of the data's last twelve complete months: a change planted there shows
    in the growth question (last twelve months against the twelve before) of every member."""
    nxt = end + dt.timedelta(days=1)
    first = dt.date(nxt.year, nxt.month, 1) if nxt.day == 1 else dt.date(end.year, end.month, 1)
    return _months_before(first, 12)


def _after_date(s: Setting, start: dt.date, end: dt.date) -> dt.date:
    return anatomy.date_between(start, end, s.rng.uniform(0.55, 0.72))


def _story(k: Kind, s: Setting, c: Choice, effects: list[tuple[str, Effect]], detect: MetricQuery,
           expect: Expectation, follow_up: MetricQuery | None, factor: float, *, detect_kind: str | None = None,
           follow_up_kind: str | None = None, **words: str) -> Planted:
    subject = "" if c.member is None else str(c.member)
    pct = f"{abs(round((factor - 1) * 100))}%" if factor > 0 else ""
    description = k.description.format(subject=subject, factor=f"{factor:.1f}", pct=pct,
                                       **{"date": "", "other": "", "period": "", "season": "", "months": "",
                                          "weekday": "", **words})
    check = StoryCheck(kind=k.name, tone=k.tone, detect=detect, detect_kind=detect_kind, expect=expect,
                       follow_up=follow_up, follow_up_kind=follow_up_kind,
                       subject=subject or None, subject_dimension=c.dimension.name if c.dimension else None,
                       factor=factor, season=words.get("season") or None)
    top = str(expect.member) if expect.kind == "top" and expect.member is not None else None
    q = _question(c, detect)
    # Where the members come from: a region copied from the branch is the branch's.
    tables = ({c.dimension.name: anatomy.origin_table(s.spec, c.dimension.table, c.dimension.column)}
              if c.dimension is not None else {})
    return Planted(kind=k, effects=effects, check=check, description=description, expected_top=top, question=q,
                   dimension_tables=tables)


def _question(c: Choice, q: MetricQuery) -> str:
    """An English question for the spec's golden queries (content rewords it)."""
    m = metric_words(c.metric, "en").noun.form()
    if q.cycle == "month_of_year":
        return f"In which month of the year is {m} highest for {c.member}?"
    if q.grain is not None:
        where = f" for {c.member}" if q.where else ""
        return f"How has {m}{where} developed month by month?"
    if q.by and c.dimension is not None:
        return f"Which {c.dimension.label} has the highest {m}?"
    return f"What is our overall {m}?"


# --------------------------------------------------------------------------- mechanisms

def _member_choice(s: Setting, c: Choice) -> Choice:
    return c


def plant_event(k: Kind, s: Setting, c: Choice, *, after: bool = False, opposite: bool = False) -> Planted | None:
    spec, m, d = s.spec, c.metric, c.dimension
    if d is None or c.member is None:
        return None
    target = anatomy.event_target(spec, m)
    reach_d = anatomy.dimension_reach(spec, m, d)
    if target is None or reach_d is None or reach_d.column == target.column and reach_d.via is None:
        return None
    value = target.opposite if opposite else target.value
    if value is None:
        return None
    p = _draw(k, s)
    when = [_cond(reach_d, equals=c.member)]
    words: dict[str, str] = {}
    follow: MetricQuery | None
    if after or opposite:
        t = anatomy.time_reach(spec, m)
        if t is None:
            return None
        reach_t, start, end = t
        date = _after_date(s, start, end)
        when.append(_cond(reach_t, date_from=date))
        words["date"] = _month(date)
        detect = MetricQuery(metric=m.name, grain="month", where=_where(d, c.member))
        expect = Expectation(kind="drop_after" if opposite else "rise_after", after=date, min_ratio=1.15)
        follow = MetricQuery(metric=m.name, by=[d.name], since=date, order="metric_asc" if opposite else "metric_desc",
                             min_rows=30)
    else:
        detect = MetricQuery(metric=m.name, by=[d.name], order="metric_desc", min_rows=rate_rows(k, spec, m))
        expect = Expectation(kind="top", member=c.member)
        # Quarters: a month of one member's rows is too few for a steady series.
        follow = MetricQuery(metric=m.name, grain="quarter", where=_where(d, c.member)) \
            if anatomy.has_time(spec, m) else None
    effect = Effect(target=target.column, when=when, set_value=value, probability=p, story=None)
    return _story(k, s, c, [(m.table, effect)], detect, expect, follow, 1 + p, **words)


def plant_scale(k: Kind, s: Setting, c: Choice, *, after: bool = False) -> Planted | None:
    spec, m, d = s.spec, c.metric, c.dimension
    if d is None or c.member is None:
        return None
    target = anatomy.numeric_target(spec, m, shrink=k.factor[1] < 1)
    reach_d = anatomy.dimension_reach(spec, m, d)
    if target is None or reach_d is None:
        return None
    f = _draw(k, s)
    when = [_cond(reach_d, equals=c.member)]
    words: dict[str, str] = {}
    follow: MetricQuery | None
    detect_kind = None
    if after:
        t = anatomy.time_reach(spec, m)
        if t is None:
            return None
        reach_t, start, end = t
        up = f >= 1
        if m.additive:
            # A sum also moves with the member's size, the business's growth and the
            # seasons: asked as growth, the planted change stands out against every member.
            date = growth_date(end)
            if date <= _months_before(dt.date(start.year, start.month, 1), -12):
                return None
            if not up:
                # The whole business grows (``growth`` a year): a member cut to f of its
                # course still grows by (1 + growth) * f - 1. A story that says it is
                # losing business must lose it: at least 15 % down on the year before.
                f = min(f, round(0.85 / (1 + _growth(spec, reach_t)), 2))
            when.append(_cond(reach_t, date_from=date))
            detect = MetricQuery(metric=m.name, by=[d.name], order="metric_desc", min_rows=growth_rows(k))
            expect = Expectation(kind="grows_most" if up else "shrinks_most", member=c.member, after=date)
            follow = MetricQuery(metric=m.name, grain="month", where=_where(d, c.member))
            effect = Effect(target=target, when=when, multiply=f)
            return _story(k, s, c, [(m.table, effect)], detect, expect, follow, f, detect_kind="growth",
                          date=_month(date))
        date = _after_date(s, start, end)
        when.append(_cond(reach_t, date_from=date))
        words["date"] = _month(date)
        detect = MetricQuery(metric=m.name, grain="month", where=_where(d, c.member))
        ratio = 1 + abs(f - 1) / 2 if up else 1 / (1 - (1 - f) / 2)
        expect = Expectation(kind="rise_after" if up else "drop_after", after=date, min_ratio=round(ratio, 3))
        many = len(anatomy.members(spec, d)) > 10
        follow = MetricQuery(metric=m.name, by=[d.name], since=date, order="metric_desc" if up else "metric_asc",
                             limit=10 if many else None)
    else:
        if m.additive:
            return None  # a sum ranks by volume too: only averages show a plain lift reliably
        detect = MetricQuery(metric=m.name, by=[d.name], order="metric_desc", min_rows=30)
        expect = Expectation(kind="top", member=c.member)
        # Quarters: a month of one member's rows is too few for a steady series.
        follow = MetricQuery(metric=m.name, grain="quarter", where=_where(d, c.member)) \
            if anatomy.has_time(spec, m) else None
    effect = Effect(target=target, when=when, multiply=f)
    return _story(k, s, c, [(m.table, effect)], detect, expect, follow, f, detect_kind=detect_kind, **words)


def plant_season(k: Kind, s: Setting, c: Choice) -> Planted | None:
    spec, m, d = s.spec, c.metric, c.dimension
    if d is None or c.member is None or not m.additive:
        return None
    target = anatomy.numeric_target(spec, m)
    reach_d = anatomy.dimension_reach(spec, m, d)
    t = anatomy.time_reach(spec, m)
    if target is None or reach_d is None or t is None:
        return None
    reach_t, start, end = t
    if (end - start).days < 420 or anatomy.follows_parent(spec, m):
        # A bill's month follows how many contracts are running (which ramps up from the
        # data's start): its busiest month is not the calendar's, whatever is planted.
        return None
    season = k.season or "summer"
    months = anatomy.season_months(season, s.country)
    f = _draw(k, s)
    # The data's own seasons (a December peak) must not hide the planted one: the season's
    # quietest month has to beat the busiest other month with room for growth and noise.
    w = anatomy.month_weights(spec, m)
    needed = 1.35 * max(w[i] for i in range(12) if i + 1 not in months) / min(w[x - 1] for x in months)
    if needed > MAX_SEASON:
        return None  # the data's own season is too strong for a planted one to show
    f = round(max(f, needed), 2)
    effect = Effect(target=target, when=[_cond(reach_d, equals=c.member), _cond(reach_t, months=months)], multiply=f)
    detect = MetricQuery(metric=m.name, cycle="month_of_year", where=_where(d, c.member), order="metric_desc")
    expect = Expectation(kind="peak_months", months=months)
    follow = MetricQuery(metric=m.name, by=[d.name], order="metric_desc",
                         limit=10 if len(anatomy.members(spec, d)) > 10 else None)
    names = ", ".join(dt.date(2000, x, 1).strftime("%B") for x in months)
    return _story(k, s, c, [(m.table, effect)], detect, expect, follow, f, season=season, months=names)


def plant_shift(k: Kind, s: Setting, c: Choice) -> Planted | None:
    spec, m, d = s.spec, c.metric, c.dimension
    if d is None or c.member is None:
        return None
    values = anatomy.categorical_on_table(spec, m, d)
    t = anatomy.time_reach(spec, m)
    if not values or c.member not in values or t is None or len(values) < 2:
        return None
    reach_t, start, end = t
    date = growth_date(end)
    if date <= _months_before(dt.date(start.year, start.month, 1), -12):
        return None
    p = _draw(k, s)
    effect = Effect(target=d.column, when=[_cond(reach_t, date_from=date)], set_value=c.member, probability=p)
    detect = MetricQuery(metric=m.name, by=[d.name], order="metric_desc", min_rows=growth_rows(k))
    expect = Expectation(kind="grows_most", member=c.member, after=date)
    follow = MetricQuery(metric=m.name, by=[d.name], grain="quarter")
    return _story(k, s, c, [(m.table, effect)], detect, expect, follow, 1 + p, detect_kind="growth",
                  date=_month(date))


def plant_cannibalise(k: Kind, s: Setting, c: Choice) -> Planted | None:
    spec, m, d = s.spec, c.metric, c.dimension
    if d is None or c.member is None:
        return None
    target = anatomy.numeric_target(spec, m)
    reach_d = anatomy.dimension_reach(spec, m, d)
    t = anatomy.time_reach(spec, m)
    others = [x for x in anatomy.members(spec, d) if x != c.member and enough_rows(k, spec, m, d, x)]
    if target is None or reach_d is None or t is None or not others:
        return None
    reach_t, start, end = t
    date = growth_date(end)
    if date <= _months_before(dt.date(start.year, start.month, 1), -12):
        return None
    other = s.rng.choice(others)
    f = _draw(k, s)
    if anatomy.numeric_target(spec, m, shrink=True) is None:
        return None  # the sibling's fall would round away on an integer count
    since = _cond(reach_t, date_from=date)
    effects = [(m.table, Effect(target=target, when=[_cond(reach_d, equals=c.member), since], multiply=f)),
               (m.table, Effect(target=target, when=[_cond(reach_d, equals=other), since],
                                multiply=round(1 / f, 3)))]
    detect = MetricQuery(metric=m.name, by=[d.name], order="metric_desc", min_rows=growth_rows(k))
    expect = Expectation(kind="grows_most", member=c.member, other=other, after=date)
    # The sibling month by month: where its sales went.
    follow = MetricQuery(metric=m.name, grain="month", where=_where(d, other))
    return _story(k, s, c, effects, detect, expect, follow, f, detect_kind="growth", date=_month(date),
                  other=str(other))


def plant_margin(k: Kind, s: Setting, c: Choice) -> Planted | None:
    spec, m, d = s.spec, c.metric, c.dimension
    if d is None or c.member is None:
        return None
    cost = anatomy.cost_target(spec, m)
    reach_d = anatomy.dimension_reach(spec, m, d)
    t = anatomy.time_reach(spec, m)
    if cost is None or reach_d is None or t is None:
        return None
    reach_t, start, end = t
    # From the start of the last twelve months: the follow-up's growth question then shows
    # this member's margin falling furthest (a plain ranking would show the member with the
    # lowest margin anyway, a gift voucher at cost).
    date = growth_date(end)
    if date <= _months_before(dt.date(start.year, start.month, 1), -12):
        return None
    f = _draw(k, s)
    effect = Effect(target=cost, when=[_cond(reach_d, equals=c.member), _cond(reach_t, date_from=date)], multiply=f)
    detect = MetricQuery(metric=m.name, grain="month", where=_where(d, c.member))
    expect = Expectation(kind="drop_after", after=date, min_ratio=1.08)
    follow = MetricQuery(metric=m.name, by=[d.name], order="metric_desc", min_rows=30)
    return _story(k, s, c, [(m.table, effect)], detect, expect, follow, f, follow_up_kind="growth",
                  date=_month(date))


def plant_cohort(k: Kind, s: Setting, c: Choice) -> Planted | None:
    spec, m = s.spec, c.metric
    target = anatomy.event_target(spec, m)
    t = anatomy.time_reach(spec, m)
    # The rows' own date (a customer's sign-up): a cohort is when they joined, so the time
    # must be on the metric's table, not a parent's.
    if target is None or t is None or t[0].via is not None or t[0].table != m.table:
        return None
    reach_t, start, end = t
    # Each quarter's rate is read on its own: a quarter of a handful of sign-ups swings
    # further than the planted churn.
    if table_rows(spec, m) * 3 / _months(spec, m) < COHORT_ROWS_PER_QUARTER:
        return None
    q0 = anatomy.date_between(start, end, s.rng.uniform(0.3, 0.6))
    q0 = dt.date(q0.year, 3 * ((q0.month - 1) // 3) + 1, 1)
    q1 = dt.date(q0.year + (q0.month + 2) // 12, (q0.month + 2) % 12 + 1, 1)
    p = _draw(k, s)
    effect = Effect(target=target.column, when=[_cond(reach_t, date_from=q0, date_to=q1 - dt.timedelta(days=1))],
                    set_value=target.value, probability=p)
    # Quarters of a few sign-ups (the first ones) are left out, as a rate's ranking leaves
    # out small groups: their rate is noise.
    detect = MetricQuery(metric=m.name, grain="quarter", min_rows=30)
    expect = Expectation(kind="peak_in", after=q0, until=q1)
    # Within the cohort: which segment or channel churned most (a dimension of its own table).
    own = next((d for d in spec.semantic.dimensions if d.table == m.table and d.kind in ("segment", "channel")
                and anatomy.members(spec, d)), None)
    follow = (MetricQuery(metric=m.name, by=[own.name], since=q0, until=q1, order="metric_desc", min_rows=10)
              if own is not None else MetricQuery(metric=m.name, grain="month", since=q0, until=q1))
    period = f"Q{(q0.month - 1) // 3 + 1} {q0.year}"
    choice = Choice(metric=m, dimension=None, member=None)
    return _story(k, s, choice, [(m.table, effect)], detect, expect, follow, 1 + p, period=period)


def plant_weekday(k: Kind, s: Setting, c: Choice) -> Planted | None:
    # Effects cannot condition on the day of the week yet (``Condition`` has no weekday
    # field): the kind is in the library and plants as soon as the engine supports it.
    if "weekdays" not in Condition.model_fields:
        return None
    return None


MECHANISMS: dict[str, Callable[[Kind, Setting, Choice], Planted | None]] = {
    "event": lambda k, s, c: plant_event(k, s, c),
    "event_after": lambda k, s, c: plant_event(k, s, c, after=True),
    "drop_event_after": lambda k, s, c: plant_event(k, s, c, opposite=True),
    "scale": lambda k, s, c: plant_scale(k, s, c),
    "scale_after": lambda k, s, c: plant_scale(k, s, c, after=True),
    "shrink_after": lambda k, s, c: plant_scale(k, s, c, after=True),
    "season": plant_season,
    "shift_after": plant_shift,
    "cannibalise": plant_cannibalise,
    "margin": plant_margin,
    "cohort": plant_cohort,
    "weekday": plant_weekday,
}


# How many rows a member needs for its story to stand out of the noise of its own rows
# (and of its peers'): a growth question compares two twelve-month windows, whose ratio
# swings by about sqrt(2 / n) for n rows a window; the planted change must be Z of
# those swings. A season compares twelve calendar months; a ranking needs its rows.
Z = 2.5
SEASON_ROWS_PER_MONTH = 40.0
ROWS_IN_TOTAL = 60.0
COHORT_ROWS_PER_QUARTER = 40.0
BEFORE = 0.55  # the least share of the data before an "after" story's date
EVENTS_BEFORE = 3.0  # events expected before it (none in about one case in twenty)
MAX_SEASON = 4.0  # a season beyond four times the rest of the year is not believable
# An average's rows vary by themselves (a price mix of a few tariffs, a long tail of big
# baskets). A member's mean over n rows swings by about CV / sqrt(n), so a planted
# multiplier of f must be Z of those swings above its peers; where the generators do not
# tell the spread (volume.value_cv), it is taken as large as the mean.
AVERAGE_CV = 1.0


def _test_of(k: Kind, m: Metric) -> str:
    """How a kind's detection question reads the member's rows."""
    # A change on one member's rows (or a share of everyone's moved to it) must beat the
    # swings of its peers.
    if k.mechanism in ("cannibalise", "shift_after") or k.mechanism in ("scale_after", "shrink_after") and m.additive:
        return "growth"
    if k.mechanism == "season":
        return "season"
    return "total"


def rate_rows(k: Kind, spec: DatasetSpec, m: Metric) -> int:
    """Rows a member needs for an event story's rate to top the ranking: a rate over n rows
    swings by sqrt(p (1 - p) / n) around the base share p, and the planted lift (1 - p) * e
    must be Z of those swings, or a small peer's luck tops the ranking instead. The ranking
    asks only about members with that many rows."""
    share = anatomy.event_share(spec, m)
    p = share if share is not None and 0 < share < 1 else 0.5
    lift = (1 - p) * k.factor[0]
    return max(30, math.ceil(Z * Z * p * (1 - p) / (lift * lift)))


def growth_rows(k: Kind) -> int:
    """Rows a twelve-month window needs for the kind's weakest change to beat the noise
    (the growth question asks only about members with that many rows)."""
    lo, hi = k.factor
    change = lo if k.mechanism == "shift_after" else min(abs(lo - 1), abs(hi - 1))
    if k.mechanism == "cannibalise":  # the sibling falls by 1 - 1/f, less than the lift
        change = min(change, 1 - 1 / lo)
    return max(30, math.ceil(2 * (Z / change) ** 2))


def table_rows(spec: DatasetSpec, m: Metric) -> float:
    """Expected rows of the metric's table."""
    memo = cached(spec)
    if "rows" not in memo:
        memo["rows"] = spec.expected_rows()
    return float(memo["rows"].get(m.table, 0))


def _months(spec: DatasetSpec, m: Metric) -> float:
    t = anatomy.time_reach(spec, m)
    return max(1.0, (t[2] - t[1]).days / 30.44) if t is not None else 24.0


def enough_rows(k: Kind, spec: DatasetSpec, m: Metric, d: Dimension, member: Scalar) -> bool:
    """Whether ``member`` of ``d`` has enough of the metric's rows to show kind ``k``."""
    memo = cached(spec)
    key = ("enough", k.name, m.name, d.name, member)
    if key not in memo:
        memo[key] = _enough_rows(k, spec, m, d, member)
    found: bool = memo[key]
    return found


def _enough_rows(k: Kind, spec: DatasetSpec, m: Metric, d: Dimension, member: Scalar) -> bool:
    everyone = anatomy.members(spec, d)
    # Rows that share a member draw (a policy's bills) count once: they move together.
    per = cluster_size(spec, m, d)
    rows = member_rows(spec, m, d, member, len(everyone)) / per
    test = _test_of(k, m)
    if test == "growth":
        # A margin for the metric's filters (cancelled rows do not count); after a decline
        # the member has fewer rows and must keep enough in the last window.
        need = 1.25 * growth_rows(k)
        per_year = 12 / _months(spec, m)
        kept = min(1.0, k.factor[0]) if k.mechanism == "shrink_after" else 1.0
        # Growth is a comparison: at least two peers must be asked about as well; a shift
        # of share takes it from the others, so one peer mirrors it.
        shift = k.mechanism == "shift_after"
        # A shift takes up to its share from the peers: they must keep enough rows.
        left = 1 - k.factor[1] if shift else 1.0
        peers = sum(1 for v in everyone if v != member
                    and member_rows(spec, m, d, v, len(everyone)) / per * per_year * left >= need)
        return rows * per_year * kept >= need and peers >= (1 if shift else 2)
    if test == "season":
        return rows / 12 >= SEASON_ROWS_PER_MONTH
    if k.mechanism in ("event_after", "drop_event_after"):
        # The rate before the date is the yardstick: a rare event (3 % of rows) on a small
        # member may not happen at all before it, and nothing is compared with nothing.
        share = anatomy.event_share(spec, m)
        if share is not None and rows * BEFORE * share < EVENTS_BEFORE:
            return False
    if k.mechanism == "event":
        return rows >= max(ROWS_IN_TOTAL, 1.25 * rate_rows(k, spec, m))
    if k.mechanism == "scale" and not m.additive:
        # An average lifted by f stands out of its own rows' spread only with enough rows.
        cv = value_cv(spec, m)
        return rows >= max(ROWS_IN_TOTAL, (Z * (AVERAGE_CV if cv is None else cv) / (k.factor[0] - 1)) ** 2)
    return rows >= ROWS_IN_TOTAL


def try_plant(k: Kind, s: Setting, names: Sequence[str] = (), *, only_own: str | None = None) -> Planted | None:
    """Plant ``k`` on one of its options (drawn by the seed, the prospect's names first);
    ``only_own`` ("offering", "geography"): only on one of the prospect's own offerings or
    places."""
    opts = options(k, s.spec)
    s.rng.shuffle(opts)
    for m, d in opts:
        if only_own is not None and (d is None or d.kind != only_own):
            continue
        if d is None:
            planted = MECHANISMS[k.mechanism](k, s, Choice(m, None, None))
        else:
            every = anatomy.members(s.spec, d)
            values = [v for v in every if enough_rows(k, s.spec, m, d, v)]
            prefer = s.places if d.kind == "geography" else s.offerings if d.kind == "offering" else ()
            wanted = {n.casefold() for n in prefer}
            own = [v for v in every if isinstance(v, str) and v.casefold() in wanted]
            # The prospect's own place or offering, or none: a story about someone else's
            # region would not be theirs, and a member without the rows cannot show it.
            if not values or own and not any(v in values for v in own):
                continue
            ordered = anatomy.preferred(values, [*prefer, *names])
            named = [v for v in ordered if isinstance(v, str) and v.casefold() in {n.casefold() for n in prefer}]
            if only_own is not None and not named:
                continue
            pool = named or ordered
            member = s.rng.choice(pool[: max(1, min(len(pool), 5))]) if not named else s.rng.choice(named)
            planted = MECHANISMS[k.mechanism](k, s, Choice(m, d, member))
        if planted is not None:
            return planted
    return None
