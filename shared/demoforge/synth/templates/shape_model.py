"""What a dataset shape is made of: the ``Shape`` and ``Child`` records, the weekday,
hour and month profiles they use, and the reusable children (payments, shipments,
reviews, subscriptions) the shape families share.

A ``Shape`` names the business's own entities (stores, patients, policies, matters ...),
says which of the reusable table parts it has (locations, staff, sellers, line items) and
which child tables (``Child``: payments, shipments, reviews, premiums, claims, repayments,
installed base, service contracts, time entries, usage ...) follow its transactions, and
gives the numbers that make it recognisable: purchase frequency per customer, price and
quantity scale (its catalogue), statuses with the ones that void a transaction, channels
with their lags, season, weekday and hour profiles, and what a public holiday does to it.
"""

from __future__ import annotations

import dataclasses

Weighted = tuple[tuple[str, float], ...]

# Profiles (Monday first; hours 0-23).
WEEK_SHOP = (0.9, 0.9, 0.95, 1.0, 1.15, 1.35, 1.05)
WEEK_ONLINE = (1.1, 1.05, 1.0, 1.0, 0.95, 0.9, 1.1)
WEEK_OFFICE = (1.2, 1.2, 1.2, 1.15, 1.05, 0.25, 0.15)
WEEK_LEISURE = (0.8, 0.8, 0.9, 1.0, 1.3, 1.5, 1.2)
WEEK_ALL = (1.0,) * 7
HOURS_SHOP = (0.0,) * 8 + (0.6, 1.0, 1.4, 1.6, 1.7, 1.6, 1.5, 1.5, 1.6, 1.7, 1.5, 1.0, 0.3) + (0.0,) * 3
HOURS_ONLINE = (0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 0.7, 0.9, 1.0, 1.0, 1.1, 1.2, 1.1, 1.0, 1.0, 1.0, 1.1, 1.3, 1.6, 1.8, 1.7, 1.2, 0.6)
HOURS_OFFICE = (0.0,) * 7 + (0.4, 1.2, 1.8, 1.9, 1.8, 1.2, 1.5, 1.8, 1.7, 1.4, 0.8, 0.3) + (0.0,) * 5
HOURS_MEALS = (0.0,) * 7 + (0.5, 0.9, 0.6, 0.5, 1.4, 2.2, 1.6, 0.6, 0.5, 0.7, 1.2, 2.0, 2.3, 1.8, 0.9, 0.3, 0.0)
HOURS_CAFE = (0.0,) * 6 + (0.6, 1.8, 2.2, 1.8, 1.4, 1.3, 1.6, 1.4, 1.3, 1.4, 1.2, 0.8, 0.3) + (0.0,) * 5
HOURS_ALWAYS = (1.0,) * 24

# Northern-hemisphere month profiles (January first).
FLAT = (1.0,) * 12
XMAS = (0.85, 0.8, 0.9, 0.95, 0.95, 0.9, 0.9, 0.95, 1.0, 1.05, 1.35, 1.7)
SUMMER = (0.7, 0.75, 0.9, 1.0, 1.15, 1.35, 1.55, 1.5, 1.1, 0.9, 0.75, 0.8)
WINTER = (1.4, 1.3, 1.1, 0.9, 0.8, 0.7, 0.7, 0.75, 0.9, 1.05, 1.2, 1.4)
SPRING = (0.9, 1.0, 1.3, 1.35, 1.25, 1.05, 0.85, 0.8, 1.0, 1.0, 0.9, 0.8)
AUTUMN_TERM = (1.2, 0.9, 0.8, 0.8, 0.7, 0.6, 0.5, 1.1, 1.9, 1.3, 0.9, 0.7)
Q4_BUDGET = (0.8, 0.85, 1.0, 0.95, 0.95, 1.0, 0.8, 0.75, 1.05, 1.1, 1.15, 1.6)
RENEWALS = (1.6, 1.1, 1.0, 0.95, 0.9, 0.9, 0.85, 0.85, 0.95, 1.0, 1.05, 0.95)
COLD_SEASON = (1.35, 1.3, 1.1, 0.95, 0.9, 0.8, 0.75, 0.8, 0.95, 1.05, 1.15, 1.1)
YEAR_END_GIVING = (0.8, 0.7, 0.8, 0.8, 0.8, 0.8, 0.7, 0.7, 0.9, 1.0, 1.4, 2.0)
# Profiles driven by the climate (and the school year) move by six months south of the
# equator; calendar-driven ones (Christmas, budgets, renewals, year-end giving) do not.
CLIMATE = frozenset({SUMMER, WINTER, SPRING, COLD_SEASON, AUTUMN_TERM})


@dataclasses.dataclass(frozen=True)
class E:
    """An entity's table name and singular noun: ``E("stores", "store")``."""

    table: str
    one: str


@dataclasses.dataclass(frozen=True)
class Child:
    """A table whose rows follow a parent's (the transaction, a customer, or an earlier
    child): how many per parent, when (lag after the parent, per channel), with which
    status, amount and categorical attributes.

    ``under_void``: the status values a row may have under a voided parent (a payment under
    a cancelled order is voided or failed); without it, voided parents get no rows at all
    (no shipment for a cancelled order). ``ends``: the statuses that end the row, giving
    it an end date only when it ended (a cancelled subscription's ``ended_at``)."""

    table: str
    one: str
    parent: str = "header"  # "header", "customer" or an earlier child's table
    per_parent: tuple[str, float, int, int | None] = ("fixed", 1.0, 0, None)  # distribution, mean, min, max
    ts: str = "created_at"
    lag_hours: float = 24.0
    channel_lags: bool = False  # lag per header channel (header children only)
    statuses: Weighted = ()
    under_void: Weighted | None = None
    only_under: tuple[str, ...] = ()  # rows only under parents with these statuses (an order only for a won quote)
    void: tuple[str, ...] = ()  # this table's statuses that void its own children
    ends: tuple[str, ...] = ()
    amount: tuple[str, float, float] | None = None  # (column, lognormal median, sigma)
    parent_amount: tuple[str, float] | None = None  # (column, share of the parent's amount)
    money_when: tuple[str, ...] = ()  # statuses with money (amount NULL otherwise)
    attributes: tuple[tuple[str, str, Weighted], ...] = ()  # (column, description, values)
    offering: bool = False  # names a catalogue item (a subscription's plan)
    rating: bool = False  # a review: rating with text that agrees with it
    refunds: bool = False  # a payment: refunded_at after paid_at, only for refunds
    done: tuple[str, float] | None = None  # (column, mean hours): a completion time after ts (delivered_at)
    ship_to: bool = False  # carries the customer's city (where a shipment goes)
    metric: tuple[str, str, str, str] | None = None  # (name, label, expression, kind: currency|count|quantity|hours)


@dataclasses.dataclass(frozen=True)
class Shape:
    key: str
    industry: str
    label: str
    blurb: str
    profile_shapes: tuple[str, ...]
    customer: E
    offering: E
    catalogue: str
    header: E
    ts: str
    statuses: Weighted  # first = the normal outcome
    void: tuple[str, ...]  # statuses after which nothing is paid, shipped or settled
    channels: tuple[tuple[str, float, float], ...]  # (channel, weight, lag hours to fulfil)
    # Transactions per customer: (distribution, mean, min, max). A mean up to 0.7 is a
    # one-off purchase (a car, a policy: at least one each, right after sign-up); above it,
    # customers buy repeatedly at a rate, "zipf" making some customers far more frequent.
    per_customer: tuple[str, float, int, int | None]
    cues: tuple[str, ...] = ()
    b2b: bool = False
    location: E | None = None
    n_locations: int = 0  # default count for a chain (the profile's locations come first)
    staff: E | None = None
    staff_roles: tuple[str, ...] = ()
    n_staff_per_location: int = 8
    sellers: E | None = None  # marketplace: who lists the offerings
    lines: E | None = None  # line items; None: one offering per transaction
    quantity: tuple[float, int] = (0.3, 6)  # 1 + poisson(mean), capped
    quantity_word: str = "units"
    price_spread: float = 0.03  # negotiated/variant price around the list price
    # A transaction's value drawn around (median, sigma) instead of the catalogue price
    # (a payment processor's transactions, a donation).
    amount_model: tuple[float, float] | None = None
    commission: tuple[str, float] | None = None  # (column, rate of the amount): a platform's take, a broker's fee
    # Ratios of two metrics people ask for per year: (name, label, numerator, denominator).
    ratios: tuple[tuple[str, str, str, str], ...] = ()
    flag: tuple[str, str, str] = ("is_returned", "Whether the item was returned.", "return rate")
    money: str = "revenue"
    segments: Weighted = (("Regular", 60), ("Loyal", 25), ("Occasional", 15))
    children: tuple[Child, ...] = ()
    monthly: tuple[float, ...] = FLAT
    weekday: tuple[float, ...] = WEEK_SHOP
    hourly: tuple[float, ...] = HOURS_SHOP
    holiday_factor: float = 1.0  # what a public holiday does to volume
    growth: float = 0.2
    kpis: tuple[str, ...] = ()  # metric names, in the order a CE would show them
    n_customers: int = 40_000
    single_site: bool = False  # always one location (a practice, a hotel)


def _w(*pairs: tuple[str, float]) -> Weighted:
    return tuple(pairs)


# --- reusable children ------------------------------------------------------------------
def payments(lagged: bool = True, parent: str = "header", refunds: bool = True) -> Child:
    return Child(
        "payments", "payment", parent=parent, ts="paid_at", lag_hours=2.0, channel_lags=lagged,
        statuses=_w(("captured", 92), ("failed", 4), ("refunded", 4)), under_void=_w(("voided", 80), ("failed", 20)),
        parent_amount=("amount", 1.0), money_when=("captured", "refunded"), refunds=refunds,
        attributes=(("method", "Payment method.", _w(("card", 55), ("wallet", 20), ("bank_transfer", 15), ("invoice", 10))),),
        metric=("captured_payments", "captured payments", "SUM(amount)", "currency"),
    )


def shipments() -> Child:
    return Child(
        "shipments", "shipment", ts="shipped_at", lag_hours=30.0, channel_lags=True,
        per_parent=("fixed", 1.0, 0, None), done=("delivered_at", 44.0), ship_to=True,
        attributes=(("carrier", "Carrier that delivered the shipment.", _w(("DHL", 40), ("UPS", 25), ("DPD", 20), ("GLS", 15))),),
        metric=("shipments", "shipments", "COUNT(*)", "count"),
    )


def reviews(share: float = 0.2) -> Child:
    return Child("reviews", "review", ts="reviewed_at", lag_hours=120.0, per_parent=("poisson", share, 0, 1), rating=True,
                 metric=("reviews", "reviews", "COUNT(*)", "count"))


def subscriptions(table: str = "subscriptions", one: str = "subscription", per: float = 0.35) -> Child:
    return Child(
        table, one, parent="customer", ts="started_at", lag_hours=300.0, per_parent=("poisson", per, 0, 2), offering=True,
        statuses=_w(("active", 70), ("paused", 8), ("ended", 22)), ends=("ended",),
        attributes=(("billing_interval", "How often the subscription renews.", _w(("monthly", 70), ("quarterly", 18), ("yearly", 12))),),
        metric=("subscriptions", "subscriptions", "COUNT(*)", "count"),
    )


_RETAIL_STATUS = _w(("completed", 90), ("cancelled", 4), ("returned", 3), ("pending", 3))
_SHOP = E("orders", "order")
