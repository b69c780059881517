"""The catalogue of story kinds the library plants, and what each needs from a spec.

A kind says what it needs (a metric of some kind whose words match, a dimension of some
kind, time), how big its effect is (a range the prospect's seed draws from) and which
*mechanism* plants it (``event``, ``scale``, ``season``, ``shift_after``, ``cannibalise``,
``margin``, ``cohort`` ...; ``stories.mechanisms`` plants them). ``options`` lists the
(metric, dimension) pairs of a spec a kind fits.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Literal

import demoforge.stories.anatomy as anatomy
from demoforge.language.words import MetricKind, metric_kind, metric_words
from demoforge.spec.model import DatasetSpec
from demoforge.spec.semantic import Dimension, Metric
from demoforge.spec.tables import Effect
from demoforge.stories.model import StoryCheck, Tone

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
    # subject dimension -> the table its members come from (a copied region: its source's)
    dimension_tables: dict[str, str] = dataclasses.field(default_factory=dict)


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
    # A price is set per plan or product: a region's or channel's churn is another story.
    Kind("churn_after_price_change", "event_after",
         Need(("rate",), r"churn|cancel|lapse|attrition|terminat",
              dim_kinds=("offering", "segment", "other"),
              dim_words=r"plan|tier|package|tariff|subscription|membership|product|offering|policy"),
         (0.15, 0.3), "problem", "Churn on {subject} has climbed steeply since the price change in {date}."),
    Kind("churn_cohort", "cohort",
         Need(("rate",), r"churn|attrition|lapse"),
         (0.25, 0.4), "problem", "Customers who signed up in {period} churned far more often than any other cohort."),
    Kind("segment_churn", "event",
         Need(("rate",), r"churn|attrition|lapse", dim_kinds=("segment",)),
         (0.18, 0.3), "problem", "{subject} customers churn far more often than the others."),
    # A shift of share shows in how many come through a channel: a sum of a few large
    # amounts swings more from one year to the next than the shift moves it.
    Kind("channel_shift", "shift_after",
         Need(("count",), additive=True, dim_kinds=("channel",)),
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
    # An amount that does not add up is a value per thing (the average policy's premium):
    # a segment has the rows to show it even when that value varies a lot.
    Kind("premium_segment_spend", "scale",
         Need(("average", "amount"), money=True, additive=False, dim_kinds=("segment",)),
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
         Need(("rate",), r"return|refund", dim_kinds=("offering",), leaf=True),
         (0.2, 0.35), "problem", "{subject} comes back far more often than anything else in the range."),
    # A complaint is not a return: a room category or a treatment is not sent back.
    Kind("offering_complaints", "event",
         Need(("rate",), r"complain|complaint|grievance|dissatisf", dim_kinds=("offering",)),
         (0.15, 0.3), "problem", "{subject} draws far more complaints than anything else on offer."),
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
    # A flag raised by the prospect's own checks (fraud, discounts) on the header's rows:
    # enough rows even when the header is small (a policy or subscription with many bills).
    # A fraud ring works one place; a loophole sits in a product or in how it is sold.
    Kind("fraud_flag_hotspot", "event",
         Need(("rate",), r"fraud|suspici|investigat", dim_kinds=_GEO),
         (0.12, 0.22), "problem", "Far more business from {subject} is flagged for fraud than anywhere else."),
    Kind("fraud_flag_offering", "event",
         Need(("rate",), r"fraud|suspici|investigat", dim_kinds=("offering", "channel")),
         (0.12, 0.22), "problem", "Business through {subject} is flagged for fraud far more often than the rest."),
    Kind("risk_flag_hotspot", "event",
         Need(("rate",), r"overdra|arrear|high.?risk|default|delinquen|chargeback|write.?off|written off|dispute|bad debt",
              dim_kinds=("geography", "channel", "offering", "segment")),
         (0.12, 0.22), "problem", "Far more business from {subject} turns into a risk (overdrawn, in arrears, "
                                  "charged back, disputed) than anywhere else."),
    Kind("discount_creep", "event_after",
         Need(("rate",), r"discount|rebate|concession", dim_kinds=("channel", "segment", "geography", "offering")),
         (0.15, 0.3), "problem", "Since {date}, far more business through {subject} runs on a special discount."),
    # How much customers use what they pay for: usage falling in one region is an early
    # warning of churn there (accounts disengage before they cancel).
    Kind("usage_decline_region", "shrink_after",
         Need(("amount",), r"usage|consumption|api|calls|minutes|data volume|streams|logins|sessions", money=False,
              additive=True, dim_kinds=_GEO),
         (0.55, 0.75), "problem", "Usage in {subject} has fallen by about {pct} since {date}: accounts there are disengaging."),
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
