"""The kinds of story the library plants, and how each is planted and detected.

A kind says what it needs (a metric of some kind whose words match, a dimension of some
kind, time), how big its effect is (a range the prospect's seed draws from) and which
*mechanism* plants it. Mechanisms are the few ways an ``Effect`` can move a metric:

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
expectation) or None when the spec cannot carry it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
from collections.abc import Callable, Sequence
from typing import Literal

import demoforge.stories.anatomy as anatomy
from demoforge.language.words import MetricKind, metric_kind, metric_words
from demoforge.spec.base import Scalar
from demoforge.spec.model import DatasetSpec
from demoforge.spec.semantic import Dimension, DimensionFilter, Metric, MetricQuery
from demoforge.spec.tables import Condition, Effect
from demoforge.stories.model import Expectation, StoryCheck, Tone

Mechanism = Literal["event", "event_after", "drop_event_after", "scale", "scale_after", "shrink_after",
                    "season", "shift_after", "cannibalise", "margin", "cohort", "weekday"]


@dataclasses.dataclass(frozen=True)
class Need:
    metric_kinds: tuple[MetricKind, ...]
    metric_words: str | None = None  # regex over the metric's name, label and synonyms
    lower_is_better: bool | None = None
    money: bool | None = None
    additive: bool | None = None
    dim_kinds: tuple[str, ...] = ()
    dim_words: str | None = None  # regex over the dimension's name, label, column, synonyms
    leaf: bool | None = None  # offering level: True = has a parent (a product), False = a top level


@dataclasses.dataclass(frozen=True)
class Kind:
    name: str
    mechanism: Mechanism
    need: Need
    factor: tuple[float, float]  # multiplier, or probability for event mechanisms
    tone: Tone
    description: str  # English, for spec.stories (the script words it in the job's language)
    season: str | None = None


@dataclasses.dataclass(frozen=True)
class Planted:
    kind: Kind
    effects: list[tuple[str, Effect]]  # (table, effect)
    check: StoryCheck
    description: str
    expected_top: str | None
    question: str  # English question for the spec's golden queries (realism checks)
    dimension_tables: dict[str, str] = dataclasses.field(default_factory=dict)  # subject dimension -> its table


_LOCATION = r"store|shop|location|branch|restaurant|clinic|practice|hotel|site|caf|outlet|office|venue|property"
_STAFF = ("staff",)
_GEO = ("geography",)

KINDS: tuple[Kind, ...] = (
    Kind("margin_erosion_product_line", "margin",
         Need(("rate", "amount"), r"margin|profit", dim_kinds=("offering",), leaf=False),
         (1.25, 1.45), "problem", "Margins on {subject} have eroded since {date}: costs rose by about {pct} while prices stayed put."),
    Kind("delivery_delays_region", "scale_after",
         Need(("average",), r"deliver|ship|transit|dispatch|lead", dim_kinds=_GEO),
         (1.6, 2.2), "problem", "Deliveries to {subject} have taken about {factor}x as long since {date}."),
    Kind("carrier_delays", "scale",
         Need(("average",), r"deliver|ship|transit", dim_words=r"carrier|courier|shipping|logistics"),
         (1.5, 2.0), "problem", "{subject} takes about {factor}x as long to deliver as the other carriers."),
    Kind("late_deliveries_region", "event_after",
         Need(("rate",), r"late|delay", dim_kinds=_GEO),
         (0.15, 0.3), "problem", "Since {date}, far more deliveries to {subject} arrive late."),
    Kind("promotion_cannibalisation", "cannibalise",
         Need(("amount",), r"revenue|sales|quantity|units|volume|turnover|amount", additive=True,
              dim_kinds=("offering",), leaf=True),
         (1.8, 2.4), "problem", "The {subject} promotion from {date} lifted its sales but took them from {other}."),
    Kind("churn_after_price_change", "event_after",
         Need(("rate",), r"churn|cancel|lapse|attrition|terminat",
              dim_words=r"plan|tier|package|tariff|subscription|membership|product|offering|policy"),
         (0.15, 0.3), "problem", "Churn on {subject} has climbed steeply since the price change in {date}."),
    Kind("churn_cohort", "cohort",
         Need(("rate",), r"churn|attrition|lapse"),
         (0.25, 0.4), "problem", "Customers who signed up in {period} churned far more often than any other cohort."),
    Kind("segment_churn", "event",
         Need(("rate",), r"churn|attrition|lapse", dim_kinds=("segment",)),
         (0.18, 0.3), "problem", "{subject} customers churn far more often than the others."),
    Kind("channel_shift", "shift_after",
         Need(("count", "amount"), additive=True, dim_kinds=("channel",)),
         (0.3, 0.45), "opportunity", "Since {date}, a much larger share of business comes through {subject}."),
    Kind("seasonal_offering_peak", "season",
         Need(("amount",), r"revenue|sales|quantity|units|volume|turnover|bookings|amount", additive=True,
              dim_kinds=("offering",), leaf=False),
         (1.8, 2.5), "opportunity", "{subject} peaks every {season} ({months}).", season="summer"),
    Kind("winter_offering_peak", "season",
         Need(("amount",), r"revenue|sales|quantity|units|volume|turnover|bookings|amount", additive=True,
              dim_kinds=("offering",), leaf=False),
         (1.8, 2.5), "opportunity", "{subject} peaks every {season} ({months}).", season="winter"),
    Kind("local_seasonal_peak", "season",
         Need(("amount",), r"revenue|sales|turnover|bookings|amount|premium|donation", additive=True,
              dim_kinds=_GEO),
         (1.7, 2.3), "opportunity", "{subject} has its own busy season every {season} ({months}).", season="spring"),
    Kind("supplier_quality_problem", "event",
         Need(("rate",), r"return|defect|complaint|quality|reject|damage|refund|warranty",
              dim_words=r"supplier|vendor|brand|manufacturer|roaster|producer|maker|farm|mill"),
         (0.15, 0.3), "problem", "Goods from {subject} come back far more often than anyone else's: a quality problem."),
    Kind("location_refit_uplift", "scale_after",
         Need(("amount",), money=True, additive=True, dim_kinds=_GEO, dim_words=_LOCATION),
         (1.35, 1.7), "opportunity", "{subject} has sold about {pct} more since its refit in {date}."),
    Kind("location_decline", "shrink_after",
         Need(("amount",), money=True, additive=True, dim_kinds=_GEO),
         (0.55, 0.75), "problem", "{subject} has lost about {pct} of its business since {date}: a competitor opened nearby."),
    Kind("bestseller_surge", "scale_after",
         Need(("amount",), r"revenue|sales|quantity|units|volume|turnover|amount", additive=True,
              dim_kinds=("offering",), leaf=True),
         (1.6, 2.2), "opportunity", "{subject} took off in {date} and has sold about {factor}x as much since."),
    Kind("product_line_decline", "shrink_after",
         Need(("amount",), r"revenue|sales|quantity|units|volume|turnover|amount", additive=True,
              dim_kinds=("offering",), leaf=False),
         (0.6, 0.75), "problem", "{subject} has been losing about {pct} of its sales since {date}."),
    Kind("price_increase_volume_drop", "shrink_after",
         Need(("amount",), r"quantity|units|volume|kg|kilo|litre|liter|items|pieces", additive=True,
              dim_kinds=("offering",)),
         (0.55, 0.75), "problem", "After the price increase in {date}, {subject} sells about {pct} fewer units."),
    Kind("regional_basket_size", "scale",
         Need(("average",), money=True, dim_kinds=_GEO),
         (1.3, 1.6), "opportunity", "Customers in {subject} spend about {factor}x the average each time."),
    Kind("premium_segment_spend", "scale",
         Need(("average",), money=True, dim_kinds=("segment",)),
         (1.3, 1.6), "opportunity", "{subject} customers spend about {factor}x the others each time."),
    Kind("top_performer", "scale",
         Need(("average",), money=True, dim_kinds=_STAFF),
         (1.3, 1.7), "opportunity", "{subject} closes deals worth about {factor}x the team's average."),
    Kind("regional_failure_hotspot", "event",
         Need(("rate",), r"cancel|void|fail|reject|deni|declin|no.?show", lower_is_better=True, dim_kinds=_GEO),
         (0.12, 0.25), "problem", "Far more business in {subject} ends cancelled or failed than anywhere else."),
    Kind("channel_failure_hotspot", "event",
         Need(("rate",), r"cancel|void|fail|reject|refund|return", lower_is_better=True, dim_kinds=("channel",)),
         (0.1, 0.2), "problem", "Orders through {subject} fail far more often than through the other channels."),
    Kind("payment_failures_by_method", "event",
         Need(("rate",), r"payment|fail|declin|chargeback", lower_is_better=True,
              dim_words=r"payment|method|provider|card|wallet|tender|gateway"),
         (0.18, 0.3), "problem", "Payments by {subject} fail far more often than the rest."),
    Kind("product_return_spike", "event",
         Need(("rate",), r"return|refund|complaint", dim_kinds=("offering",), leaf=True),
         (0.2, 0.35), "problem", "{subject} comes back far more often than anything else in the range."),
    Kind("claims_fraud_cluster", "scale_after",
         Need(("amount", "average"), r"claim|loss|payout|settle",
              dim_words=r"region|city|state|partner|repair|workshop|garage|agent|broker|provider|clinic|vet|postcode"),
         (1.8, 2.6), "problem", "Since {date}, claims from {subject} cost about {factor}x as much: a cluster worth a fraud review."),
    Kind("claims_severity_line", "scale",
         Need(("average",), r"claim|loss|payout|settle",
              dim_words=r"line|coverage|cover|product|policy|plan|species|vehicle|model"),
         (1.5, 2.0), "problem", "Claims on {subject} cost about {factor}x the average claim."),
    Kind("noshow_hotspot", "event",
         Need(("rate",), r"no.?show|missed|dna|absence|did not attend", dim_kinds=("geography", "staff")),
         (0.12, 0.25), "problem", "Far more appointments at {subject} end as no-shows."),
    Kind("noshow_weekday", "weekday",
         Need(("rate",), r"no.?show|missed|dna|absence|cancel"),
         (0.12, 0.25), "problem", "{weekday} appointments end as no-shows far more often than on other days."),
    Kind("upgrade_funnel", "event",
         Need(("rate",), r"upgrade|upsell|expansion|convert|conversion|trial", lower_is_better=False,
              dim_words=r"plan|tier|channel|source|segment|device|campaign"),
         (0.08, 0.18), "opportunity", "{subject} converts far better than the rest of the funnel."),
    Kind("lead_source_quality", "event",
         Need(("rate",), r"win|won|close|accept|quote|deal", lower_is_better=False,
              dim_words=r"source|channel|campaign|referral|partner|segment"),
         (0.1, 0.2), "opportunity", "Deals from {subject} are won far more often than the others."),
    Kind("staff_error_hotspot", "event",
         Need(("rate",), r"refund|cancel|void|complaint|error|reject|return|no.?show", lower_is_better=True,
              dim_kinds=_STAFF),
         (0.12, 0.25), "problem", "{subject}'s share of cancelled or refunded business is far above the team's."),
    Kind("slow_resolution_category", "scale",
         Need(("average",), r"resolution|resolve|handling|response|processing|settle|decision|turnaround",
              dim_kinds=("other", "segment", "offering", "status", "channel")),
         (1.6, 2.4), "problem", "{subject} cases take about {factor}x as long to close as the others."),
    Kind("long_waits_location", "scale",
         Need(("average",), r"wait|processing|stay|queue|turnaround|days to|lead time", dim_kinds=_GEO),
         (1.5, 2.0), "problem", "People at {subject} wait about {factor}x as long as elsewhere."),
    Kind("occupancy_dip_after_date", "drop_event_after",
         Need(("rate",), r"occupan|utili|attendance|on.?time|retention|renewal|conversion|approval|show rate",
              lower_is_better=False, dim_kinds=_GEO),
         (0.2, 0.35), "problem", "Since {date}, {subject} has fallen well behind on this rate."),
    Kind("campaign_response", "scale",
         Need(("average",), r"donation|gift|amount|order value|basket|pledge",
              dim_words=r"campaign|appeal|promotion|event|source"),
         (1.4, 1.9), "opportunity", "{subject} brings in about {factor}x the average gift."),
)


def _text(*parts: str) -> str:
    return " ".join(p for p in parts if p).lower()


def metric_fits(m: Metric, need: Need) -> bool:
    if metric_kind(m) not in need.metric_kinds:
        return False
    words = metric_words(m, "en")
    text = _text(m.name.replace("_", " "), m.label, *m.synonyms)
    if need.metric_words and not re.search(need.metric_words, text):
        return False
    if need.lower_is_better is not None and words.lower_is_better != need.lower_is_better:
        return False
    if need.money is not None and (m.unit == "currency") != need.money:
        return False
    return not (need.additive is not None and m.additive != need.additive)


def dim_fits(d: Dimension, need: Need) -> bool:
    if d.kind == "time":
        return False
    if need.dim_kinds and d.kind not in need.dim_kinds:
        return False
    text = _text(d.name.replace("_", " "), d.label, d.column.replace("_", " "), *d.synonyms)
    if need.dim_words and not re.search(need.dim_words, text):
        return False
    return not (need.leaf is not None and d.kind == "offering" and (d.parent is not None) != need.leaf)


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
    tables = {c.dimension.name: c.dimension.table} if c.dimension is not None else {}
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
        detect = MetricQuery(metric=m.name, by=[d.name], order="metric_desc", min_rows=30)
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
            when.append(_cond(reach_t, date_from=date))
            detect = MetricQuery(metric=m.name, by=[d.name], order="metric_desc", min_rows=30)
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
    if (end - start).days < 420:
        return None
    season = k.season or "summer"
    months = anatomy.season_months(season, s.country)
    f = _draw(k, s)
    # The data's own seasons (a December peak) must not hide the planted one: the season's
    # quietest month has to beat the busiest other month with room for growth and noise.
    w = anatomy.month_weights(spec, m)
    needed = 1.35 * max(w[i] for i in range(12) if i + 1 not in months) / min(w[x - 1] for x in months)
    f = round(min(4.0, max(f, needed)), 2)
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
    detect = MetricQuery(metric=m.name, by=[d.name], order="metric_desc")
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
    others = [x for x in anatomy.members(spec, d) if x != c.member]
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
    detect = MetricQuery(metric=m.name, by=[d.name], order="metric_desc", min_rows=30)
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
    if target is None or t is None or m.time_column is None:
        return None
    reach_t, start, end = t
    q0 = anatomy.date_between(start, end, s.rng.uniform(0.3, 0.6))
    q0 = dt.date(q0.year, 3 * ((q0.month - 1) // 3) + 1, 1)
    q1 = dt.date(q0.year + (q0.month + 2) // 12, (q0.month + 2) % 12 + 1, 1)
    p = _draw(k, s)
    effect = Effect(target=target.column, when=[_cond(reach_t, date_from=q0, date_to=q1 - dt.timedelta(days=1))],
                    set_value=target.value, probability=p)
    detect = MetricQuery(metric=m.name, grain="quarter")
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


def _needs_dimension(k: Kind) -> bool:
    return k.mechanism not in ("cohort", "weekday")


def options(k: Kind, spec: DatasetSpec) -> list[tuple[Metric, Dimension | None]]:
    """(metric, dimension) pairs the kind could be planted on in ``spec``."""
    out: list[tuple[Metric, Dimension | None]] = []
    for m in spec.semantic.metrics:
        if not metric_fits(m, k.need):
            continue
        if not _needs_dimension(k):
            out.append((m, None))
            continue
        for d in spec.semantic.dimensions:
            if dim_fits(d, k.need) and anatomy.dimension_reach(spec, m, d) is not None and anatomy.members(spec, d):
                out.append((m, d))
    return out


def try_plant(k: Kind, s: Setting, names: Sequence[str] = ()) -> Planted | None:
    """Plant ``k`` on one of its options (drawn by the seed, the prospect's names first)."""
    opts = options(k, s.spec)
    s.rng.shuffle(opts)
    for m, d in opts:
        if d is None:
            planted = MECHANISMS[k.mechanism](k, s, Choice(m, None, None))
        else:
            values = anatomy.members(s.spec, d)
            prefer = s.places if d.kind == "geography" else s.offerings if d.kind == "offering" else ()
            ordered = anatomy.preferred(values, [*prefer, *names])
            named = [v for v in ordered if isinstance(v, str) and v.casefold() in {n.casefold() for n in prefer}]
            pool = named or ordered
            member = s.rng.choice(pool[: max(1, min(len(pool), 5))]) if not named else s.rng.choice(named)
            planted = MECHANISMS[k.mechanism](k, s, Choice(m, d, member))
        if planted is not None:
            return planted
    return None
