"""Dataset shapes: how each kind of business is modelled, declared as data.

A ``Shape`` names the business's own entities (stores, patients, policies, matters ...),
says which of the reusable table parts it has (locations, staff, sellers, line items) and
which child tables (``Child``: payments, shipments, reviews, premiums, claims, repayments,
installed base, service contracts, time entries, usage ...) follow its transactions, and
gives the numbers that make it recognisable: purchase frequency per customer, price and
quantity scale (its catalogue), statuses with the ones that void a transaction, channels
with their lags, season, weekday and hour profiles, and what a public holiday does to it.
``compose`` turns a shape and a prospect into a ``DatasetSpec``; nothing here is code.

Shapes are chosen from the profile's ``shape`` and industry, then by cue words in its
sub-industry and offerings (``choose``)."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Sequence

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


# --- the shapes --------------------------------------------------------------------------
_RETAIL_STATUS = _w(("completed", 90), ("cancelled", 4), ("returned", 3), ("pending", 3))
_SHOP = E("orders", "order")

_CORE: tuple[Shape, ...] = (
    # retail & e-commerce
    Shape("retail.online_shop", "retail_ecommerce", "Online shop", "a web shop selling to consumers: orders, items, payments, shipments and reviews.",
          ("online_shop",), E("customers", "customer"), E("products", "product"), "fashion", _SHOP, "ordered_at",
          _RETAIL_STATUS, ("cancelled",), (("web", 70, 26), ("mobile_app", 30, 22)), ("zipf", 2.2, 0, None),
          lines=E("order_items", "order_item"), children=(payments(), shipments(), reviews()),
          monthly=XMAS, weekday=WEEK_ONLINE, hourly=HOURS_ONLINE, holiday_factor=1.3, n_customers=45_000,
          kpis=("revenue", "transactions", "aov", "flag_rate", "customers")),
    Shape("retail.store_chain", "retail_ecommerce", "Store chain", "stores (and a web shop) selling to consumers: receipts, items, staff and payments.",
          ("store_chain",), E("customers", "customer"), E("products", "product"), "fashion", _SHOP, "ordered_at",
          _RETAIL_STATUS, ("cancelled",), (("in_store", 78, 0.1), ("click_and_collect", 12, 20), ("web", 10, 28)), ("zipf", 3.5, 0, None),
          location=E("stores", "store"), n_locations=18, staff=E("employees", "employee"), staff_roles=("Sales associate", "Cashier", "Store manager"),
          lines=E("order_items", "order_item"), children=(payments(),), monthly=XMAS, holiday_factor=0.1, n_customers=45_000,
          kpis=("revenue", "transactions", "aov", "flag_rate", "customers")),
    Shape("retail.marketplace", "retail_ecommerce", "Marketplace", "a platform where sellers list goods and buyers order them: listings, orders, commission, payments, shipments.",
          ("marketplace",), E("buyers", "buyer"), E("listings", "listing"), "marketplace", _SHOP, "ordered_at",
          _RETAIL_STATUS, ("cancelled",), (("web", 55, 40), ("mobile_app", 45, 36)), ("zipf", 2.0, 0, None),
          sellers=E("sellers", "seller"), commission=("commission", 0.12), lines=E("order_items", "order_item"), children=(payments(), shipments(), reviews(0.15)),
          monthly=XMAS, weekday=WEEK_ONLINE, hourly=HOURS_ONLINE, holiday_factor=1.2, n_customers=50_000,
          kpis=("gmv", "commission", "transactions", "aov", "flag_rate")),
    # restaurants & food
    Shape("restaurants.chain", "restaurants_food", "Restaurant chain", "restaurants serving guests in, out and delivered: orders, menu items, staff and payments.",
          ("restaurant_cafe",), E("guests", "guest"), E("menu_items", "menu_item"), "restaurant_menu", _SHOP, "ordered_at",
          _w(("completed", 93), ("voided", 3), ("refunded", 2), ("open", 2)), ("voided",), (("dine_in", 60, 0.2), ("takeaway", 22, 0.3), ("delivery", 18, 0.6)),
          ("zipf", 3.0, 0, None), location=E("restaurants", "restaurant"), n_locations=12, staff=E("staff", "staff_member"),
          staff_roles=("Server", "Chef", "Shift manager", "Host"), lines=E("order_items", "order_item"), quantity=(0.2, 4), cues=("restaurant", "bistro", "pizzeria", "gastro"),
          children=(payments(),), monthly=SUMMER, weekday=WEEK_LEISURE, hourly=HOURS_MEALS, holiday_factor=1.25, n_customers=40_000,
          kpis=("revenue", "transactions", "aov", "customers")),
    Shape("restaurants.cafe_bakery", "restaurants_food", "Café / bakery", "a café or bakery with a few shops: small tickets many times a week, items and payments.",
          ("restaurant_cafe",), E("guests", "guest"), E("products", "product"), "bakery", E("receipts", "receipt"), "sold_at",
          _w(("completed", 96), ("voided", 2), ("refunded", 2)), ("voided",), (("counter", 85, 0.05), ("preorder", 15, 12)),
          ("zipf", 8.0, 0, None), location=E("shops", "shop"), n_locations=3, staff=E("staff", "staff_member"), staff_roles=("Barista", "Baker", "Sales assistant"),
          n_staff_per_location=6, lines=E("receipt_items", "receipt_item"), quantity=(0.3, 6), cues=("cafe", "café", "bakery", "bäckerei", "konditorei", "coffee shop"),
          children=(payments(refunds=False),), monthly=WINTER, weekday=WEEK_SHOP, hourly=HOURS_CAFE, holiday_factor=0.3, n_customers=15_000,
          kpis=("revenue", "transactions", "aov")),
    Shape("restaurants.d2c_brand", "restaurants_food", "D2C food & drink brand", "a producer's own web shop with one-off orders and subscriptions: orders, items, subscriptions, shipments, reviews.",
          ("d2c_brand",), E("customers", "customer"), E("products", "product"), "coffee", _SHOP, "ordered_at",
          _RETAIL_STATUS, ("cancelled",), (("web", 75, 20), ("subscription", 25, 12)), ("zipf", 3.0, 0, None),
          lines=E("order_items", "order_item"), quantity=(0.4, 6), cues=("roast", "rösterei", "coffee", "kaffee", "tea", "wine", "brand"),
          children=(payments(), shipments(), reviews(0.15), subscriptions()), monthly=XMAS, weekday=WEEK_ONLINE, hourly=HOURS_ONLINE,
          holiday_factor=1.2, n_customers=30_000, kpis=("revenue", "transactions", "aov", "subscriptions", "flag_rate")),
    Shape("restaurants.producer", "restaurants_food", "Food producer selling to retailers", "a producer selling to shops and wholesalers: B2B orders by the case, shipments and invoices.",
          ("producer_farm",), E("retailers", "retailer"), E("products", "product"), "food_products", E("wholesale_orders", "wholesale_order"), "ordered_at",
          _w(("delivered", 90), ("cancelled", 4), ("pending", 6)), ("cancelled",), (("field_sales", 40, 48), ("portal", 45, 36), ("edi", 15, 24)),
          ("poisson", 14, 0, None), b2b=True, lines=E("order_lines", "order_line"), quantity=(23, 400), quantity_word="units",
          segments=(("Independent shop", 45), ("Supermarket chain", 30), ("Wholesaler", 15), ("Online retailer", 10)),
          children=(shipments(), payments(lagged=False)), monthly=XMAS, weekday=WEEK_OFFICE, hourly=HOURS_OFFICE, n_customers=900,
          kpis=("revenue", "transactions", "aov")),
    # healthcare
    Shape("healthcare.practice", "healthcare", "Practice", "one practice where patients book appointments for treatments billed to them or their insurer.",
          ("practice_clinic",), E("patients", "patient"), E("treatments", "treatment"), "general_practice", E("appointments", "appointment"), "appointment_at",
          _w(("completed", 86), ("no_show", 6), ("cancelled", 8)), ("no_show", "cancelled"), (("online_booking", 45, 48), ("phone", 45, 48), ("walk_in", 10, 2)),
          ("poisson", 2.5, 0, None), location=E("practices", "practice"), n_locations=1, single_site=True, staff=E("practitioners", "practitioner"),
          staff_roles=("Physician", "Dentist", "Assistant", "Hygienist"), n_staff_per_location=9, lines=E("appointment_treatments", "appointment_treatment"),
          quantity=(0.0, 1), segments=(("Statutory insurance", 70), ("Private insurance", 20), ("Self-pay", 10)), flag=("is_complaint", "Whether the patient complained about the treatment.", "complaint rate"),
          children=(payments(lagged=False),), monthly=COLD_SEASON, weekday=WEEK_OFFICE, hourly=HOURS_OFFICE, holiday_factor=0.0, n_customers=6_000,
          kpis=("revenue", "transactions", "void_rate", "customers")),
    Shape("healthcare.clinic_group", "healthcare", "Clinic group", "clinics where patients book visits for consultations, diagnostics and procedures.",
          ("practice_clinic",), E("patients", "patient"), E("treatments", "treatment"), "general_practice", E("appointments", "appointment"), "appointment_at",
          _w(("completed", 86), ("no_show", 6), ("cancelled", 8)), ("no_show", "cancelled"), (("online_booking", 50, 48), ("phone", 40, 48), ("referral", 10, 72)),
          ("poisson", 2.2, 0, None), location=E("clinics", "clinic"), n_locations=8, staff=E("clinicians", "clinician"),
          staff_roles=("Physician", "Nurse practitioner", "Therapist", "Radiographer"), lines=E("appointment_treatments", "appointment_treatment"),
          quantity=(0.0, 1), segments=(("Statutory insurance", 65), ("Private insurance", 25), ("Self-pay", 10)),
          flag=("is_complaint", "Whether the patient complained about the treatment.", "complaint rate"),
          children=(payments(lagged=False),), monthly=COLD_SEASON, weekday=WEEK_OFFICE, hourly=HOURS_OFFICE, holiday_factor=0.05, n_customers=40_000,
          kpis=("revenue", "transactions", "void_rate", "customers")),
    Shape("healthcare.hospital", "healthcare", "Hospital", "a hospital admitting patients to departments for procedures: admissions, procedures, length of stay and billing.",
          ("hospital",), E("patients", "patient"), E("procedures", "procedure"), "hospital", E("admissions", "admission"), "admitted_at",
          _w(("discharged", 91), ("transferred", 4), ("cancelled", 5)), ("cancelled",), (("emergency", 40, 0.5), ("elective", 45, 72), ("referral", 15, 24)),
          ("poisson", 0.4, 1, 12), location=E("hospitals", "hospital"), n_locations=1, single_site=True, staff=E("physicians", "physician"),
          staff_roles=("Consultant", "Resident", "Surgeon", "Anaesthetist"), n_staff_per_location=120, lines=E("admission_procedures", "admission_procedure"),
          quantity=(0.0, 1), cues=("hospital", "klinikum", "krankenhaus"), segments=(("Statutory insurance", 72), ("Private insurance", 20), ("Self-pay", 8)),
          flag=("is_readmission", "Whether the patient was readmitted within 30 days.", "readmission rate"),
          children=(Child("discharges", "discharge", ts="discharged_at", lag_hours=110.0, amount=("length_of_stay_days", 4.0, 0.6),
                          attributes=(("discharge_to", "Where the patient went after discharge.", _w(("home", 80), ("rehabilitation", 12), ("care_home", 8))),),
                          metric=("discharges", "discharges", "COUNT(*)", "count")),),
          monthly=COLD_SEASON, weekday=WEEK_ALL, hourly=HOURS_ALWAYS, holiday_factor=0.8, n_customers=60_000,
          kpis=("revenue", "transactions", "customers")),
)


def _insurer(line: str, label: str, catalogue: str, claim: float, claims_per_policy: float, monthly: tuple[float, ...], cues: tuple[str, ...],
             customer: E = E("policyholders", "policyholder")) -> Shape:
    return Shape(
        f"insurance.{line}", "insurance", f"{label} insurer", f"{label.lower()} insurance: policies, monthly premiums, claims and claim payments (loss ratio computable).",
        ("insurer",), customer, E("coverages", "coverage"), catalogue, E("policies", "policy"), "issued_at",
        _w(("active", 74), ("lapsed", 14), ("declined", 7), ("pending", 5)), ("declined",),
        (("online", 45, 1), ("agent", 35, 1), ("phone", 20, 1)), ("poisson", 0.25, 1, 4), cues=cues,
        quantity=(0.0, 1), quantity_word="policies", price_spread=0.08, money="annualised premium",
        flag=("is_fraud_flagged", "Whether special investigations flagged the policy.", "fraud flag rate"),
        children=(
            Child("premiums", "premium", ts="due_at", lag_hours=3000.0, per_parent=("poisson", 9.0, 1, 36),
                  statuses=_w(("paid", 94), ("overdue", 6)), parent_amount=("amount", 1.0), money_when=("paid",),
                  metric=("earned_premium", "earned premium", "SUM(amount)", "currency")),
            Child("claims", "claim", ts="filed_at", lag_hours=4000.0, per_parent=("poisson", claims_per_policy, 0, 4),
                  statuses=_w(("settled", 70), ("denied", 12), ("open", 12), ("withdrawn", 6)), void=("denied", "withdrawn"),
                  amount=("claimed_amount", claim, 1.0),
                  attributes=(("cause", "What the claim is for.", _w(("accident", 40), ("illness", 25), ("damage", 20), ("theft", 10), ("other", 5))),),
                  metric=("claims", "claims", "COUNT(*)", "count")),
            Child("claim_payments", "claim_payment", parent="claims", ts="paid_at", lag_hours=500.0, per_parent=("fixed", 1.0, 0, None),
                  parent_amount=("claimed_amount", 0.82),
                  attributes=(("method", "How the claim was paid.", _w(("bank_transfer", 85), ("cheque", 10), ("direct_to_provider", 5))),),
                  metric=("claims_paid", "claims paid", "SUM(amount)", "currency")),
        ),
        monthly=monthly, weekday=WEEK_OFFICE, hourly=HOURS_OFFICE, holiday_factor=0.2, growth=0.12, n_customers=40_000,
        segments=(("Individual", 65), ("Family", 25), ("Small business", 10)),
        ratios=(("loss_ratio", "loss ratio", "claims_paid", "earned_premium"),),
        kpis=("earned_premium", "claims_paid", "claims", "transactions", "void_rate"),
    )


_MORE: tuple[Shape, ...] = (
    _insurer("health", "Health", "health_insurance", 380, 0.9, COLD_SEASON, ("health", "kranken", "dental", "zahn", "santé", "salud", "medical")),
    _insurer("pet", "Pet", "pet_insurance", 290, 0.5, SUMMER, ("pet", "tier", "hund", "katze", "dog", "cat", "animal")),
    _insurer("motor", "Motor", "motor_insurance", 2600, 0.2, WINTER, ("motor", "kfz", "auto", "car", "vehicle", "fahrzeug")),
    _insurer("property", "Home and property", "property_insurance", 3200, 0.12, WINTER, ("home", "hausrat", "property", "gebäude", "wohn", "household")),
    _insurer("life", "Life", "life_insurance", 60000, 0.01, RENEWALS, ("life", "leben", "vie", "vida", "funeral", "disability")),
    # real estate
    Shape("real_estate.brokerage", "real_estate", "Real-estate brokerage", "agents selling homes for owners: listings, viewings, sales and commission.",
          ("real_estate_agency",), E("clients", "client"), E("listings", "listing"), "property_listings", E("sales", "sale"), "agreed_at",
          _w(("completed", 78), ("withdrawn", 12), ("pending", 10)), ("withdrawn",), (("portal", 55, 1), ("referral", 25, 1), ("office", 20, 1)),
          ("poisson", 0.05, 1, 2), location=E("offices", "office"), n_locations=5, staff=E("agents", "agent"), staff_roles=("Agent", "Senior agent", "Office manager"),
          n_staff_per_location=6, quantity=(0.0, 1), quantity_word="properties", price_spread=0.08, commission=("commission", 0.03), money="sales volume",
          cues=("makler", "broker", "agent", "verkauf", "kaufen"), flag=("is_price_reduced", "Whether the asking price was cut before the sale.", "price reduction rate"),
          children=(Child("viewings", "viewing", parent="customer", ts="viewed_at", lag_hours=800.0, per_parent=("poisson", 2.5, 0, 12), offering=True,
                          attributes=(("outcome", "What the client said after the viewing.", _w(("interested", 35), ("not_interested", 50), ("offer_made", 15))),),
                          metric=("viewings", "viewings", "COUNT(*)", "count")),),
          monthly=SPRING, weekday=WEEK_OFFICE, hourly=HOURS_OFFICE, holiday_factor=0.1, n_customers=12_000,
          kpis=("revenue", "commission", "transactions", "viewings")),
    Shape("real_estate.rental_marketplace", "real_estate", "Rental marketplace", "a platform matching tenants with landlords: listings, tenancies, commission and payments.",
          ("marketplace",), E("tenants", "tenant"), E("listings", "listing"), "rental_listings", E("tenancies", "tenancy"), "signed_at",
          _w(("signed", 70), ("rejected", 16), ("withdrawn", 14)), ("rejected", "withdrawn"), (("web", 60, 2), ("mobile_app", 40, 2)),
          ("poisson", 0.15, 1, 3), sellers=E("landlords", "landlord"), quantity=(0.0, 1), quantity_word="tenancies", money="monthly rent",
          commission=("platform_fee", 0.1), cues=("rent", "miete", "wohnung", "rental", "location"),
          flag=("is_disputed", "Whether the tenancy ended in a dispute.", "dispute rate"),
          children=(payments(lagged=False),), monthly=AUTUMN_TERM, weekday=WEEK_ONLINE, hourly=HOURS_ONLINE, n_customers=40_000,
          kpis=("revenue", "commission", "transactions", "void_rate")),
    Shape("real_estate.property_manager", "real_estate", "Property manager", "buildings with units let to tenants: leases, monthly rent payments and maintenance requests.",
          ("real_estate_agency",), E("tenants", "tenant"), E("unit_types", "unit_type"), "rental_listings", E("leases", "lease"), "signed_at",
          _w(("active", 72), ("ended", 23), ("cancelled", 5)), ("cancelled",), (("portal", 50, 1), ("office", 35, 1), ("referral", 15, 1)),
          ("poisson", 0.1, 1, 3), location=E("properties", "property"), n_locations=14, staff=E("property_managers", "property_manager"),
          staff_roles=("Property manager", "Caretaker", "Leasing agent"), n_staff_per_location=3, quantity=(0.0, 1), quantity_word="units",
          money="monthly rent", cues=("hausverwaltung", "property management", "verwaltung", "landlord", "vermiet"),
          flag=("is_in_arrears", "Whether the tenant fell behind on rent.", "arrears rate"),
          children=(Child("rent_payments", "rent_payment", ts="due_at", lag_hours=4000.0, per_parent=("poisson", 11.0, 1, 36),
                          statuses=_w(("paid", 92), ("late", 6), ("missed", 2)), parent_amount=("amount", 1.0), money_when=("paid", "late"),
                          metric=("rent_collected", "rent collected", "SUM(amount)", "currency")),
                    Child("maintenance_requests", "maintenance_request", ts="reported_at", lag_hours=3000.0, per_parent=("poisson", 1.2, 0, 10),
                          statuses=_w(("resolved", 80), ("open", 15), ("rejected", 5)), amount=("repair_cost", 180, 0.9), money_when=("resolved",),
                          attributes=(("category", "What needs fixing.", _w(("plumbing", 30), ("heating", 25), ("electrical", 15), ("appliances", 15), ("other", 15))),),
                          metric=("maintenance_requests", "maintenance requests", "COUNT(*)", "count"))),
          monthly=AUTUMN_TERM, weekday=WEEK_OFFICE, hourly=HOURS_OFFICE, holiday_factor=0.1, n_customers=8_000,
          kpis=("rent_collected", "transactions", "maintenance_requests", "flag_rate")),
    # manufacturing
    Shape("manufacturing.equipment_maker", "manufacturing", "B2B equipment maker", "machines quoted and sold to businesses, installed at their sites and kept running under service contracts.",
          ("b2b_maker_distributor",), E("accounts", "account"), E("machines", "machine"), "industrial_equipment", E("quotes", "quote"), "quoted_at",
          _w(("won", 38), ("lost", 37), ("open", 15), ("expired", 10)), ("lost",), (("field_sales", 60, 1), ("partner", 25, 1), ("web_inquiry", 15, 1)),
          ("poisson", 2.5, 0, None), b2b=True, quantity=(0.3, 5), quantity_word="machines", price_spread=0.1, money="quoted value",
          segments=(("Key account", 15), ("Mid-size manufacturer", 45), ("Small workshop", 30), ("Distributor", 10)),
          cues=("machine", "maschinen", "anlagen", "equipment", "industrial", "cnc", "laser"),
          flag=("is_discount_escalated", "Whether the quote needed management approval for its discount.", "escalation rate"),
          children=(Child("sales_orders", "sales_order", ts="ordered_at", lag_hours=400.0, only_under=("won",), parent_amount=("amount", 1.0),
                          statuses=_w(("delivered", 78), ("in_production", 17), ("cancelled", 5)), void=("cancelled",),
                          metric=("order_revenue", "order revenue", "SUM(amount)", "currency")),
                    Child("installed_base", "installation", parent="sales_orders", ts="installed_at", lag_hours=1500.0,
                          statuses=_w(("in_service", 88), ("decommissioned", 12)),
                          attributes=(("site_type", "Where the machine runs.", _w(("plant", 60), ("workshop", 30), ("lab", 10))),),
                          metric=("installations", "installed machines", "COUNT(*)", "count")),
                    Child("service_contracts", "service_contract", parent="installed_base", ts="started_at", lag_hours=600.0, per_parent=("poisson", 0.6, 0, 1),
                          statuses=_w(("active", 70), ("expired", 30)), amount=("annual_fee", 6500, 0.5),
                          attributes=(("level", "Service level.", _w(("basic", 40), ("standard", 40), ("premium", 20))),),
                          metric=("service_revenue", "service contract revenue", "SUM(annual_fee)", "currency"))),
          monthly=Q4_BUDGET, weekday=WEEK_OFFICE, hourly=HOURS_OFFICE, holiday_factor=0.05, growth=0.1, n_customers=3_000,
          kpis=("order_revenue", "transactions", "void_rate", "installations", "service_revenue")),
    Shape("manufacturing.consumer_goods", "manufacturing", "Consumer goods maker", "branded goods sold to retailers and distributors by the case: orders, lines, shipments, payments.",
          ("b2b_maker_distributor", "d2c_brand"), E("retail_customers", "retail_customer"), E("products", "product"), "consumer_goods",
          E("orders", "order"), "ordered_at", _w(("delivered", 90), ("cancelled", 4), ("pending", 6)), ("cancelled",),
          (("key_account", 45, 48), ("distributor", 35, 72), ("portal", 20, 36)), ("poisson", 18, 0, None), b2b=True,
          lines=E("order_lines", "order_line"), quantity=(40, 800), cues=("consumer", "household", "cosmetic", "detergent", "brand"),
          segments=(("Supermarket chain", 35), ("Drugstore", 25), ("Wholesaler", 25), ("Online retailer", 15)),
          children=(shipments(), payments(lagged=False)), monthly=XMAS, weekday=WEEK_OFFICE, hourly=HOURS_OFFICE, n_customers=700,
          kpis=("revenue", "transactions", "aov", "units")),
    # automotive
    Shape("automotive.dealer_group", "automotive", "Car dealer group", "dealerships selling new and used cars and servicing them: vehicle sales, workshop visits, payments.",
          ("dealer_workshop",), E("customers", "customer"), E("vehicles", "vehicle"), "vehicles", E("vehicle_sales", "vehicle_sale"), "sold_at",
          _w(("delivered", 88), ("cancelled", 7), ("pending", 5)), ("cancelled",), (("showroom", 70, 1), ("online", 20, 1), ("fleet", 10, 1)),
          ("poisson", 0.08, 1, 3), location=E("dealerships", "dealership"), n_locations=6, staff=E("sales_advisers", "sales_adviser"),
          staff_roles=("Sales adviser", "Service adviser", "Dealer principal"), n_staff_per_location=10, quantity=(0.0, 1), quantity_word="vehicles",
          price_spread=0.08, cues=("autohaus", "dealer", "car", "auto", "vehicle", "gebraucht", "used"),
          flag=("is_warranty_claim", "Whether the car came back under warranty.", "warranty claim rate"),
          children=(payments(lagged=False, refunds=False),
                    Child("service_visits", "service_visit", parent="customer", ts="visited_at", lag_hours=3000.0, per_parent=("poisson", 1.6, 0, 12),
                          statuses=_w(("completed", 93), ("no_show", 7)), void=("no_show",), amount=("invoice_amount", 320, 0.7), money_when=("completed",),
                          attributes=(("service_type", "What the workshop did.", _w(("inspection", 35), ("repair", 30), ("tyres", 20), ("warranty", 15))),),
                          metric=("service_revenue", "workshop revenue", "SUM(invoice_amount)", "currency"))),
          monthly=SPRING, weekday=WEEK_SHOP, hourly=HOURS_SHOP, holiday_factor=0.0, growth=0.05, n_customers=30_000,
          kpis=("revenue", "transactions", "service_revenue", "flag_rate")),
    Shape("automotive.parts", "automotive", "Parts retailer", "car parts sold to workshops and drivers at branches and online: orders, lines, payments.",
          ("store_chain", "online_shop"), E("customers", "customer"), E("parts", "part"), "auto_parts", _SHOP, "ordered_at",
          _RETAIL_STATUS, ("cancelled",), (("counter", 50, 0.2), ("web", 35, 24), ("phone", 15, 8)), ("zipf", 4.0, 0, None),
          location=E("branches", "branch"), n_locations=8, staff=E("counter_staff", "counter_employee"), staff_roles=("Counter sales", "Driver", "Branch manager"),
          n_staff_per_location=5, lines=E("order_items", "order_item"), quantity=(0.6, 8), cues=("parts", "teile", "ersatzteil", "tyre", "reifen"),
          segments=(("Workshop", 55), ("Private driver", 35), ("Fleet", 10)), children=(payments(),),
          monthly=WINTER, holiday_factor=0.0, n_customers=20_000, kpis=("revenue", "transactions", "aov", "flag_rate")),
    # travel & hospitality
    Shape("travel.hotel", "travel_hospitality", "Hotel", "a hotel's room bookings by channel: stays, nights, cancellations, payments and guest reviews.",
          ("hotel_lodging",), E("guests", "guest"), E("room_types", "room_type"), "hotel_rooms", E("bookings", "booking"), "booked_at",
          _w(("checked_out", 80), ("cancelled", 14), ("no_show", 6)), ("cancelled", "no_show"), (("direct", 35, 1), ("booking_platform", 50, 1), ("travel_agent", 15, 1)),
          ("poisson", 0.3, 1, 10), location=E("hotels", "hotel"), n_locations=1, staff=E("hotel_staff", "hotel_employee"),
          staff_roles=("Front desk", "Reservations", "Night auditor"), n_staff_per_location=12, quantity=(1.6, 14), quantity_word="nights",
          cues=("hotel", "resort", "inn", "gasthof", "pension"), flag=("is_complaint", "Whether the guest complained during the stay.", "complaint rate"),
          children=(Child("stays", "stay", ts="checked_in_at", lag_hours=700.0, done=("checked_out_at", 60.0),
                          attributes=(("purpose", "Why the guest travelled.", _w(("leisure", 60), ("business", 30), ("event", 10))),),
                          metric=("stays", "stays", "COUNT(*)", "count")),
                    payments(lagged=False), reviews(0.3)),
          monthly=SUMMER, weekday=WEEK_LEISURE, hourly=HOURS_ONLINE, holiday_factor=1.3, n_customers=30_000,
          kpis=("revenue", "transactions", "void_rate", "units", "average_rating")),
    Shape("travel.holiday_rentals", "travel_hospitality", "Holiday-rental portal", "hosts list holiday homes and guests book them: bookings, nights, commission, payments, reviews.",
          ("hotel_lodging", "marketplace"), E("guests", "guest"), E("listings", "listing"), "holiday_rentals", E("bookings", "booking"), "booked_at",
          _w(("completed", 82), ("cancelled", 15), ("no_show", 3)), ("cancelled", "no_show"), (("web", 60, 1), ("mobile_app", 40, 1)),
          ("poisson", 0.3, 1, 8), sellers=E("hosts", "host"), quantity=(4, 21), quantity_word="nights", commission=("commission", 0.15),
          cues=("ferienwohnung", "holiday", "vacation", "rental", "chalet", "apartment", "ferienhaus"),
          flag=("is_complaint", "Whether the guest complained about the home.", "complaint rate"),
          children=(payments(lagged=False), reviews(0.35)), monthly=SUMMER, weekday=WEEK_ONLINE, hourly=HOURS_ONLINE, holiday_factor=1.2,
          n_customers=40_000, kpis=("gmv", "commission", "transactions", "void_rate", "average_rating")),
    Shape("travel.tour_operator", "travel_hospitality", "Tour operator", "tours and trips booked by travellers: bookings, departures, payments and reviews.",
          ("hotel_lodging",), E("travellers", "traveller"), E("tours", "tour"), "tours", E("bookings", "booking"), "booked_at",
          _w(("completed", 84), ("cancelled", 14), ("no_show", 2)), ("cancelled", "no_show"), (("web", 55, 1), ("travel_agent", 30, 1), ("phone", 15, 1)),
          ("poisson", 0.25, 1, 6), quantity=(1.0, 8), quantity_word="travellers", cues=("tour", "reise", "trip", "travel", "safari", "excursion"),
          flag=("is_complaint", "Whether the traveller complained about the tour.", "complaint rate"),
          children=(Child("departures", "departure", ts="departed_at", lag_hours=1500.0,
                          attributes=(("guide_language", "Language of the guide.", _w(("en", 50), ("de", 25), ("fr", 15), ("es", 10))),),
                          metric=("departures", "departures", "COUNT(*)", "count")),
                    payments(lagged=False), reviews(0.3)),
          monthly=SPRING, weekday=WEEK_ONLINE, hourly=HOURS_ONLINE, holiday_factor=1.1, n_customers=25_000,
          kpis=("revenue", "transactions", "units", "void_rate", "average_rating")),
    # professional services
    Shape("professional.firm", "professional_services", "Professional services firm", "a firm working for clients on matters and projects: engagements, billable hours and invoices.",
          ("agency_firm",), E("clients", "client"), E("services", "service"), "consulting", E("matters", "matter"), "opened_at",
          _w(("closed", 60), ("active", 30), ("cancelled", 10)), ("cancelled",), (("referral", 45, 1), ("existing_client", 35, 1), ("website", 20, 1)),
          ("poisson", 1.5, 0, None), b2b=True, location=E("offices", "office"), n_locations=3, staff=E("professionals", "professional"),
          staff_roles=("Partner", "Senior associate", "Associate", "Consultant"), n_staff_per_location=15, quantity=(0.0, 1), quantity_word="matters",
          price_spread=0.1, money="fee estimate", segments=(("Enterprise", 25), ("Mid-market", 45), ("Small business", 20), ("Private client", 10)),
          flag=("is_written_off", "Whether part of the fees was written off.", "write-off rate"),
          children=(Child("time_entries", "time_entry", ts="worked_at", lag_hours=700.0, per_parent=("poisson", 35.0, 1, 300), amount=("hours", 2.5, 0.6),
                          attributes=(("billing_type", "Whether the time is billed to the client.", _w(("billable", 78), ("non_billable", 22))),),
                          metric=("billable_hours", "billable hours", "SUM(CASE WHEN billing_type = 'billable' THEN hours ELSE 0 END)", "hours")),
                    Child("invoices", "invoice", ts="invoiced_at", lag_hours=1200.0, per_parent=("poisson", 2.5, 1, 12),
                          statuses=_w(("paid", 85), ("open", 10), ("overdue", 5)), parent_amount=("amount", 0.4), money_when=("paid", "open", "overdue"),
                          metric=("invoiced", "invoiced fees", "SUM(amount)", "currency"))),
          monthly=Q4_BUDGET, weekday=WEEK_OFFICE, hourly=HOURS_OFFICE, holiday_factor=0.05, n_customers=2_500,
          kpis=("invoiced", "billable_hours", "transactions", "customers")),
    # SaaS
    Shape("saas.subscriptions", "saas_software", "SaaS vendor", "software sold as subscriptions with seats: subscriptions, monthly invoices and product usage.",
          ("saas",), E("accounts", "account"), E("plans", "plan"), "saas_plans", E("subscriptions", "subscription"), "started_at",
          _w(("active", 70), ("ended", 24), ("cancelled", 6)), ("cancelled",), (("self_serve", 55, 1), ("sales_led", 35, 1), ("partner", 10, 1)),
          ("poisson", 0.3, 1, 4), b2b=True, quantity=(9, 400), quantity_word="seats", money="monthly recurring revenue",
          segments=(("SMB", 60), ("Mid-market", 28), ("Enterprise", 12)), flag=("is_discounted", "Whether the subscription runs on a special discount.", "discount rate"),
          children=(Child("invoices", "invoice", ts="issued_at", lag_hours=3500.0, per_parent=("poisson", 9.0, 1, 36),
                          statuses=_w(("paid", 90), ("overdue", 6), ("disputed", 4)), parent_amount=("amount", 1.0), money_when=("paid", "overdue", "disputed"),
                          metric=("billings", "billings", "SUM(amount)", "currency")),
                    Child("usage_events", "usage_event", ts="used_at", lag_hours=3000.0, per_parent=("poisson", 25.0, 0, 200), amount=("units", 12, 1.0),
                          attributes=(("feature", "What was used.", _w(("reports", 35), ("api_calls", 30), ("dashboards", 20), ("exports", 15))),),
                          metric=("usage_units", "usage", "SUM(units)", "quantity"))),
          monthly=Q4_BUDGET, weekday=WEEK_OFFICE, hourly=HOURS_OFFICE, holiday_factor=0.3, growth=0.4, n_customers=8_000,
          kpis=("revenue", "billings", "transactions", "usage_units", "void_rate")),
    # nonprofit
    Shape("nonprofit.fundraising", "nonprofit", "Non-profit", "supporters give to programmes and come to events: donations, memberships and event registrations.",
          ("association",), E("supporters", "supporter"), E("programmes", "programme"), "nonprofit_programmes", E("donations", "donation"), "donated_at",
          _w(("received", 94), ("declined", 4), ("refunded", 2)), ("declined",), (("online", 50, 1), ("direct_debit", 30, 1), ("event", 12, 1), ("mail", 8, 1)),
          ("zipf", 2.0, 0, None), quantity=(0.0, 1), quantity_word="gifts", amount_model=(35.0, 1.0), money="donations raised",
          segments=(("Regular giver", 40), ("One-off donor", 45), ("Major donor", 5), ("Member", 10)),
          flag=("is_gift_aided", "Whether tax relief was claimed on the gift.", "tax-relief rate"),
          children=(subscriptions("memberships", "membership", 0.2),
                    Child("event_registrations", "event_registration", parent="customer", ts="registered_at", lag_hours=2500.0, per_parent=("poisson", 0.4, 0, 6),
                          attributes=(("event", "Which event.", _w(("charity_run", 35), ("gala", 15), ("open_day", 30), ("webinar", 20))),),
                          metric=("event_registrations", "event registrations", "COUNT(*)", "count"))),
          monthly=YEAR_END_GIVING, weekday=WEEK_ONLINE, hourly=HOURS_ONLINE, holiday_factor=1.1, n_customers=30_000,
          kpis=("revenue", "transactions", "customers", "memberships", "event_registrations")),
    # public body
    Shape("public.services", "government_public", "Public body", "residents apply for permits and services at service centres: cases, processing, fees.",
          ("public_body",), E("residents", "resident"), E("services", "service"), "public_services", E("cases", "case_record"), "submitted_at",
          _w(("completed", 72), ("open", 15), ("rejected", 8), ("withdrawn", 5)), ("rejected", "withdrawn"),
          (("online", 55, 1), ("service_centre", 35, 1), ("mail", 10, 1)), ("poisson", 0.6, 1, 10), location=E("service_centres", "service_centre"),
          n_locations=5, staff=E("caseworkers", "caseworker"), staff_roles=("Caseworker", "Senior caseworker", "Team lead"), n_staff_per_location=8,
          quantity=(0.0, 1), quantity_word="cases", money="fees", segments=(("Resident", 80), ("Business", 15), ("Association", 5)),
          flag=("is_escalated", "Whether the case was escalated.", "escalation rate"),
          children=(Child("fee_payments", "fee_payment", ts="paid_at", lag_hours=100.0, statuses=_w(("paid", 95), ("waived", 5)),
                          parent_amount=("amount", 1.0), money_when=("paid",), metric=("fees_collected", "fees collected", "SUM(amount)", "currency")),
                    Child("case_updates", "case_update", ts="updated_at", lag_hours=300.0, per_parent=("poisson", 1.8, 0, 10),
                          attributes=(("update_type", "What happened.", _w(("document_requested", 30), ("site_visit", 15), ("decision_drafted", 35), ("resident_contacted", 20))),),
                          metric=("case_updates", "case updates", "COUNT(*)", "count"))),
          monthly=SPRING, weekday=WEEK_OFFICE, hourly=HOURS_OFFICE, holiday_factor=0.0, growth=0.05, n_customers=40_000,
          kpis=("transactions", "fees_collected", "void_rate", "case_updates")),
    # education
    Shape("education.school", "education", "Education provider", "students enrol in courses at campuses: enrolments, tuition payments, assessments.",
          ("school_training",), E("students", "student"), E("courses", "course"), "courses", E("enrolments", "enrolment"), "enrolled_at",
          _w(("completed", 60), ("active", 25), ("withdrawn", 10), ("failed", 5)), ("withdrawn",),
          (("online", 60, 1), ("campus", 30, 1), ("partner", 10, 1)), ("poisson", 1.6, 0, None), location=E("campuses", "campus"), n_locations=3,
          staff=E("instructors", "instructor"), staff_roles=("Lecturer", "Tutor", "Course director"), n_staff_per_location=20,
          quantity=(0.0, 1), quantity_word="enrolments", money="tuition", segments=(("Full-time", 50), ("Part-time", 30), ("Corporate", 20)),
          flag=("is_scholarship", "Whether the student holds a scholarship.", "scholarship rate"),
          children=(payments(lagged=False, refunds=False),
                    Child("assessments", "assessment", ts="assessed_at", lag_hours=1500.0, per_parent=("poisson", 2.5, 0, 8), amount=("score_pct", 72, 0.2),
                          attributes=(("assessment_type", "Kind of assessment.", _w(("exam", 40), ("assignment", 45), ("presentation", 15))),),
                          metric=("assessments", "assessments", "COUNT(*)", "count"))),
          monthly=AUTUMN_TERM, weekday=WEEK_OFFICE, hourly=HOURS_OFFICE, holiday_factor=0.1, n_customers=20_000,
          kpis=("revenue", "transactions", "customers", "void_rate")),
    # telecom
    Shape("telecom.operator", "telecom", "Telecom operator", "subscribers on mobile and broadband plans: contracts, monthly bills and usage, shops.",
          ("telecom_operator",), E("subscribers", "subscriber"), E("plans", "plan"), "telecom_plans", E("contracts", "contract"), "activated_at",
          _w(("active", 72), ("ended", 23), ("cancelled", 5)), ("cancelled",), (("online", 45, 1), ("shop", 40, 1), ("telesales", 15, 1)),
          ("poisson", 0.3, 1, 4), location=E("shops", "shop"), n_locations=10, staff=E("shop_staff", "shop_employee"),
          staff_roles=("Sales consultant", "Shop manager"), n_staff_per_location=5, quantity=(0.0, 1), quantity_word="contracts",
          money="monthly revenue", flag=("is_ported_in", "Whether the number was ported from another operator.", "port-in rate"),
          children=(Child("bills", "bill", ts="billed_at", lag_hours=3500.0, per_parent=("poisson", 10.0, 1, 36),
                          statuses=_w(("paid", 93), ("overdue", 5), ("disputed", 2)), parent_amount=("amount", 1.0), money_when=("paid", "overdue", "disputed"),
                          metric=("billed_revenue", "billed revenue", "SUM(amount)", "currency")),
                    Child("usage_records", "usage_record", ts="used_at", lag_hours=3000.0, per_parent=("poisson", 12.0, 0, 100), amount=("data_gb", 3.0, 0.9),
                          attributes=(("usage_type", "What was used.", _w(("mobile_data", 60), ("roaming", 10), ("calls", 30))),),
                          metric=("data_used", "data used (GB)", "SUM(data_gb)", "quantity"))),
          monthly=XMAS, weekday=WEEK_SHOP, hourly=HOURS_SHOP, holiday_factor=0.6, n_customers=40_000,
          kpis=("billed_revenue", "transactions", "data_used", "void_rate")),
    # financial services
    Shape("financial.lending", "financial_services", "Lender", "loan applications decided, disbursed and repaid: applications, disbursements, repayments.",
          ("bank_lender",), E("borrowers", "borrower"), E("loan_products", "loan_product"), "loans", E("loan_applications", "loan_application"), "applied_at",
          _w(("approved", 68), ("declined", 22), ("withdrawn", 10)), ("declined", "withdrawn"), (("online", 55, 1), ("branch", 30, 1), ("broker", 15, 1)),
          ("poisson", 0.2, 1, 4), location=E("branches", "branch"), n_locations=8, staff=E("loan_officers", "loan_officer"),
          staff_roles=("Loan officer", "Credit analyst", "Branch manager"), n_staff_per_location=5, quantity=(0.0, 1), quantity_word="loans",
          price_spread=0.3, money="loan volume", cues=("kredit", "loan", "credit", "mortgage", "finanz"),
          flag=("is_high_risk", "Whether the applicant was rated high risk.", "high-risk rate"),
          children=(Child("disbursements", "disbursement", ts="disbursed_at", lag_hours=200.0, parent_amount=("amount", 1.0),
                          metric=("disbursed", "disbursed", "SUM(amount)", "currency")),
                    Child("repayments", "repayment", parent="disbursements", ts="due_at", lag_hours=4000.0, per_parent=("poisson", 12.0, 1, 36),
                          statuses=_w(("paid", 93), ("late", 5), ("missed", 2)), parent_amount=("amount", 0.045), money_when=("paid", "late"),
                          metric=("repaid", "repaid", "SUM(amount)", "currency"))),
          monthly=SPRING, weekday=WEEK_OFFICE, hourly=HOURS_OFFICE, holiday_factor=0.2, n_customers=30_000,
          kpis=("revenue", "disbursed", "repaid", "void_rate")),
    Shape("financial.payments", "financial_services", "Payment provider", "merchants take card and online payments: transactions, fees, failures and refunds.",
          ("bank_lender",), E("merchants", "merchant"), E("payment_products", "payment_product"), "payment_plans", E("transactions", "transaction"), "processed_at",
          _w(("succeeded", 94), ("declined", 4), ("refunded", 2)), ("declined",), (("online", 55, 1), ("pos", 40, 1), ("payment_link", 5, 1)),
          ("poisson", 120.0, 0, None), b2b=True, quantity=(0.0, 1), quantity_word="transactions", amount_model=(38.0, 1.1), commission=("fee", 0.019),
          money="payment volume", cues=("payment", "zahlung", "acquir", "checkout", "pos"),
          segments=(("Retail", 40), ("Hospitality", 25), ("E-commerce", 25), ("Services", 10)),
          flag=("is_chargeback", "Whether the cardholder disputed the transaction.", "chargeback rate"),
          monthly=XMAS, weekday=WEEK_ALL, hourly=HOURS_ONLINE, holiday_factor=1.1, growth=0.35, n_customers=2_500,
          kpis=("revenue", "commission", "transactions", "void_rate", "flag_rate")),
    Shape("financial.banking", "financial_services", "Bank", "clients open accounts and cards at branches and online: accounts, fees and account transactions.",
          ("bank_lender",), E("clients", "client"), E("products", "product"), "banking_products", E("accounts", "account"), "opened_at",
          _w(("active", 85), ("closed", 10), ("declined", 5)), ("declined",), (("online", 55, 1), ("branch", 35, 1), ("mobile_app", 10, 1)),
          ("poisson", 0.6, 1, 5), location=E("branches", "branch"), n_locations=10, staff=E("advisers", "adviser"),
          staff_roles=("Client adviser", "Teller", "Branch manager"), n_staff_per_location=6, quantity=(0.0, 1), quantity_word="accounts",
          money="monthly fees", cues=("bank", "konto", "account", "sparkasse", "volksbank"),
          flag=("is_overdrawn", "Whether the account was overdrawn in the last month.", "overdraft rate"),
          children=(Child("account_transactions", "account_transaction", ts="booked_at", lag_hours=3000.0, per_parent=("poisson", 30.0, 0, 300),
                          amount=("amount", 45, 1.1), attributes=(("direction", "Money in or out.", _w(("debit", 70), ("credit", 30))),
                                                                   ("category", "What the money was for.", _w(("groceries", 25), ("rent", 10), ("salary", 12), ("transfer", 28), ("shopping", 25)))),
                          metric=("transaction_volume", "transaction volume", "SUM(amount)", "currency")),),
          monthly=RENEWALS, weekday=WEEK_OFFICE, hourly=HOURS_OFFICE, holiday_factor=0.3, n_customers=40_000,
          kpis=("transactions", "transaction_volume", "revenue", "void_rate")),
    # the other industries
    Shape("pharma.distributor", "pharma_life_sciences", "Pharma distributor", "medicines supplied to pharmacies and hospitals: orders, lines, shipments and payments.",
          ("b2b_maker_distributor",), E("pharmacies", "pharmacy"), E("products", "product"), "pharma_products", E("orders", "order"), "ordered_at",
          _w(("delivered", 92), ("cancelled", 3), ("pending", 5)), ("cancelled",), (("portal", 55, 20), ("field_sales", 25, 30), ("phone", 20, 24)),
          ("poisson", 25, 0, None), b2b=True, lines=E("order_lines", "order_line"), quantity=(8, 200),
          segments=(("Community pharmacy", 60), ("Hospital pharmacy", 25), ("Clinic", 15)), children=(shipments(), payments(lagged=False)),
          monthly=COLD_SEASON, weekday=WEEK_OFFICE, hourly=HOURS_OFFICE, n_customers=1_200, kpis=("revenue", "transactions", "aov", "units")),
    Shape("logistics.carrier", "logistics_transport", "Logistics operator", "shippers book consignments moved through depots: consignments, deliveries and invoices.",
          ("logistics_operator",), E("shippers", "shipper"), E("services", "service"), "logistics_services", E("consignments", "consignment"), "booked_at",
          _w(("delivered", 90), ("in_transit", 4), ("cancelled", 3), ("lost", 1), ("returned", 2)), ("cancelled", "lost"),
          (("api", 50, 6), ("portal", 35, 8), ("phone", 15, 10)), ("poisson", 40, 0, None), b2b=True, location=E("depots", "depot"), n_locations=6,
          staff=E("drivers", "driver"), staff_roles=("Driver", "Dispatcher", "Depot manager"), n_staff_per_location=20, quantity=(2.0, 60), quantity_word="parcels",
          flag=("is_damaged", "Whether goods arrived damaged.", "damage rate"), segments=(("E-commerce", 45), ("Manufacturer", 30), ("Wholesaler", 25)),
          children=(Child("deliveries", "delivery", ts="picked_up_at", lag_hours=8.0, channel_lags=True, done=("delivered_at", 30.0),
                          attributes=(("delivery_type", "How it was delivered.", _w(("doorstep", 70), ("parcel_shop", 20), ("locker", 10))),),
                          metric=("deliveries", "deliveries", "COUNT(*)", "count")),),
          monthly=XMAS, weekday=WEEK_OFFICE, hourly=HOURS_OFFICE, n_customers=2_000, kpis=("revenue", "transactions", "flag_rate", "deliveries")),
    Shape("media.publisher", "media_entertainment", "Media and streaming", "viewers and readers buy titles and subscribe: purchases, subscriptions and reviews.",
          ("publisher_media",), E("viewers", "viewer"), E("titles", "title"), "media_titles", E("purchases", "purchase"), "purchased_at",
          _w(("completed", 94), ("refunded", 3), ("failed", 3)), ("failed",), (("web", 40, 1), ("app", 50, 1), ("smart_tv", 10, 1)),
          ("zipf", 2.5, 0, None), quantity=(0.0, 1), quantity_word="titles", children=(subscriptions(), reviews(0.1)),
          monthly=WINTER, weekday=WEEK_LEISURE, hourly=HOURS_ONLINE, holiday_factor=1.3, n_customers=45_000,
          kpis=("revenue", "transactions", "subscriptions", "average_rating")),
    Shape("energy.supplier", "energy_utilities", "Energy supplier", "households and businesses on energy tariffs: supply contracts, meter readings and bills.",
          ("utility_energy",), E("customers", "customer"), E("tariffs", "tariff"), "energy_tariffs", E("supply_contracts", "supply_contract"), "started_at",
          _w(("active", 75), ("ended", 20), ("cancelled", 5)), ("cancelled",), (("online", 55, 1), ("comparison_site", 30, 1), ("phone", 15, 1)),
          ("poisson", 0.3, 1, 4), quantity=(0.0, 1), quantity_word="contracts", money="monthly instalments",
          flag=("is_smart_meter", "Whether the site has a smart meter.", "smart-meter share"),
          children=(Child("bills", "bill", ts="billed_at", lag_hours=3500.0, per_parent=("poisson", 10.0, 1, 36),
                          statuses=_w(("paid", 93), ("overdue", 7)), parent_amount=("amount", 1.0), money_when=("paid", "overdue"),
                          metric=("billed_revenue", "billed revenue", "SUM(amount)", "currency")),
                    Child("meter_readings", "meter_reading", ts="read_at", lag_hours=3000.0, per_parent=("poisson", 8.0, 0, 60), amount=("kwh", 260, 0.6),
                          metric=("energy_kwh", "energy delivered (kWh)", "SUM(kwh)", "quantity"))),
          monthly=WINTER, weekday=WEEK_ALL, hourly=HOURS_OFFICE, n_customers=40_000, kpis=("billed_revenue", "energy_kwh", "transactions", "void_rate")),
    Shape("agriculture.cooperative", "agriculture", "Agricultural supplier", "farms buy seed, feed and inputs and sell produce through a co-operative: orders, lines, shipments.",
          ("producer_farm",), E("farms", "farm"), E("products", "product"), "agri_products", E("orders", "order"), "ordered_at",
          _w(("delivered", 91), ("cancelled", 4), ("pending", 5)), ("cancelled",), (("field_sales", 45, 48), ("depot", 35, 4), ("portal", 20, 36)),
          ("poisson", 8, 0, None), b2b=True, lines=E("order_lines", "order_line"), quantity=(2, 40), quantity_word="units",
          segments=(("Arable", 40), ("Dairy", 30), ("Mixed", 20), ("Horticulture", 10)), children=(shipments(), payments(lagged=False)),
          monthly=SPRING, weekday=WEEK_OFFICE, hourly=HOURS_OFFICE, n_customers=3_000, kpis=("revenue", "transactions", "aov", "units")),
    Shape("construction.contractor", "construction_engineering", "Contractor", "building and renovation projects for clients: projects, invoices and change orders.",
          ("contractor",), E("clients", "client"), E("work_types", "work_type"), "construction_work", E("projects", "project"), "contracted_at",
          _w(("completed", 60), ("in_progress", 28), ("cancelled", 12)), ("cancelled",), (("referral", 45, 1), ("tender", 30, 1), ("website", 25, 1)),
          ("poisson", 0.2, 1, 5), location=E("regional_offices", "regional_office"), n_locations=3, staff=E("project_managers", "project_manager"),
          staff_roles=("Project manager", "Site manager", "Estimator"), n_staff_per_location=6, quantity=(0.0, 1), quantity_word="projects",
          price_spread=0.12, money="contract value", flag=("is_delayed", "Whether the project finished late.", "delay rate"),
          children=(Child("invoices", "invoice", ts="invoiced_at", lag_hours=1500.0, per_parent=("poisson", 3.0, 1, 12),
                          statuses=_w(("paid", 85), ("open", 10), ("overdue", 5)), parent_amount=("amount", 0.3), money_when=("paid", "open", "overdue"),
                          metric=("invoiced", "invoiced", "SUM(amount)", "currency")),
                    Child("change_orders", "change_order", ts="requested_at", lag_hours=1200.0, per_parent=("poisson", 0.8, 0, 6),
                          statuses=_w(("approved", 70), ("rejected", 30)), amount=("value", 2500, 0.9), money_when=("approved",),
                          metric=("change_orders", "change orders", "COUNT(*)", "count"))),
          monthly=SPRING, weekday=WEEK_OFFICE, hourly=HOURS_OFFICE, holiday_factor=0.0, n_customers=4_000,
          kpis=("revenue", "invoiced", "transactions", "flag_rate")),
    Shape("other.generic", "other", "Business", "customers buy products and services: orders, items and payments.",
          ("other",), E("customers", "customer"), E("products", "product"), "generic", _SHOP, "ordered_at",
          _RETAIL_STATUS, ("cancelled",), (("web", 50, 24), ("phone", 20, 24), ("in_person", 30, 1)), ("zipf", 2.2, 0, None),
          lines=E("order_items", "order_item"), children=(payments(),), monthly=XMAS, weekday=WEEK_SHOP, hourly=HOURS_SHOP, n_customers=30_000,
          kpis=("revenue", "transactions", "aov", "customers")),
)
SHAPES: tuple[Shape, ...] = _CORE + _MORE

# Catalogues of the same line of business a shape may draw its fill items from.
CATALOGUE_GROUPS: dict[str, tuple[str, ...]] = {
    "retail_ecommerce": ("outdoor_apparel", "fashion", "electronics", "home_living", "furniture", "pet_supplies", "beauty", "sports",
                         "books_media", "toys", "jewelry", "grocery", "coffee", "tea", "wine", "auto_parts", "marketplace"),
    "restaurants_food": ("restaurant_menu", "bakery", "coffee", "tea", "wine", "food_products", "grocery"),
    "healthcare": ("general_practice", "dental", "dermatology", "physio", "veterinary", "hospital"),
    "insurance": ("health_insurance", "pet_insurance", "motor_insurance", "property_insurance", "life_insurance"),
    "real_estate": ("property_listings", "rental_listings"),
    "professional_services": ("legal_services", "accounting_services", "consulting", "agency_services"),
    "automotive": ("vehicles", "auto_parts"),
    "travel_hospitality": ("hotel_rooms", "holiday_rentals", "tours"),
    "manufacturing": ("industrial_equipment", "consumer_goods"),
    "financial_services": ("banking_products", "loans", "payment_plans"),
}


def catalogue_choices(shape: Shape) -> tuple[str, ...]:
    """The catalogues a prospect of this shape may be filled from (its own line of business)."""
    if shape.key.startswith("insurance.") or shape.lines is None and shape.industry in ("real_estate", "automotive", "travel_hospitality"):
        return (shape.catalogue,)
    return CATALOGUE_GROUPS.get(shape.industry, (shape.catalogue,))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def choose(profile: object, shapes: Sequence[Shape] = ()) -> Shape:
    """The shape for a prospect profile: among its industry's shapes, the one the profile's
    business shape names, then the one whose cue words its sub-industry and offerings
    use most, then the industry's first (its default). An online-only business (no
    physical locations among its channels) is never given a store table when its industry
    has a shape without one."""
    pool = [s for s in (shapes or SHAPES) if s.industry == getattr(profile, "industry", "other")] or [
        s for s in (shapes or SHAPES) if s.industry == "other"]
    texts = [getattr(profile, "sub_industry", "") or ""]
    texts += [getattr(o, "name", "") for o in getattr(profile, "offerings", [])]
    texts += list(getattr(profile, "products_services", []))
    words = set(re.findall(r"[a-z]+", _fold(" ".join(texts))))
    pshape = getattr(profile, "shape", "other")
    channels = set(getattr(profile, "channels", []) or [])
    online_only = bool(channels) and "physical_locations" not in channels and "web_shop" in channels

    def score(s: Shape) -> float:
        cue = sum(1 for c in s.cues for w in words if w.startswith(_fold(c)))
        points = 3.0 * (pshape in s.profile_shapes) + min(cue, 3)
        if online_only and s.location is not None:
            points -= 2.5
        return points

    best = max(pool, key=lambda s: (score(s), -pool.index(s)))
    return best
