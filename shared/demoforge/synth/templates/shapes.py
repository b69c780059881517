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
    per_customer: tuple[str, float, int, int | None]  # transactions per customer
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

SHAPES: tuple[Shape, ...] = (
    # retail & e-commerce
    Shape("retail.online_shop", "retail_ecommerce", "Online shop", "a web shop selling to consumers: orders, items, payments, shipments and reviews.",
          ("online_shop",), E("customers", "customer"), E("products", "product"), "fashion", _SHOP, "ordered_at",
          _RETAIL_STATUS, ("cancelled",), (("web", 70, 26), ("mobile_app", 30, 22)), ("zipf", 0, 1, 40),
          lines=E("order_items", "order_item"), children=(payments(), shipments(), reviews()),
          monthly=XMAS, weekday=WEEK_ONLINE, hourly=HOURS_ONLINE, holiday_factor=1.3, n_customers=45_000,
          kpis=("revenue", "transactions", "aov", "flag_rate", "customers")),
    Shape("retail.store_chain", "retail_ecommerce", "Store chain", "stores (and a web shop) selling to consumers: receipts, items, staff and payments.",
          ("store_chain",), E("customers", "customer"), E("products", "product"), "fashion", _SHOP, "ordered_at",
          _RETAIL_STATUS, ("cancelled",), (("in_store", 78, 0.1), ("click_and_collect", 12, 20), ("web", 10, 28)), ("zipf", 0, 1, 60),
          location=E("stores", "store"), n_locations=18, staff=E("employees", "employee"), staff_roles=("Sales associate", "Cashier", "Store manager"),
          lines=E("order_items", "order_item"), children=(payments(),), monthly=XMAS, holiday_factor=0.1, n_customers=45_000,
          kpis=("revenue", "transactions", "aov", "flag_rate", "customers")),
    Shape("retail.marketplace", "retail_ecommerce", "Marketplace", "a platform where sellers list goods and buyers order them: listings, orders, commission, payments, shipments.",
          ("marketplace",), E("buyers", "buyer"), E("listings", "listing"), "marketplace", _SHOP, "ordered_at",
          _RETAIL_STATUS, ("cancelled",), (("web", 55, 40), ("mobile_app", 45, 36)), ("zipf", 0, 1, 30),
          sellers=E("sellers", "seller"), lines=E("order_items", "order_item"), children=(payments(), shipments(), reviews(0.15)),
          monthly=XMAS, weekday=WEEK_ONLINE, hourly=HOURS_ONLINE, holiday_factor=1.2, n_customers=50_000,
          kpis=("gmv", "commission", "transactions", "aov", "flag_rate")),
    # restaurants & food
    Shape("restaurants.chain", "restaurants_food", "Restaurant chain", "restaurants serving guests in, out and delivered: orders, menu items, staff and payments.",
          ("restaurant_cafe",), E("guests", "guest"), E("menu_items", "menu_item"), "restaurant_menu", _SHOP, "ordered_at",
          _w(("completed", 93), ("voided", 3), ("refunded", 2), ("open", 2)), ("voided",), (("dine_in", 60, 0.2), ("takeaway", 22, 0.3), ("delivery", 18, 0.6)),
          ("zipf", 0, 1, 80), location=E("restaurants", "restaurant"), n_locations=12, staff=E("staff", "staff_member"),
          staff_roles=("Server", "Chef", "Shift manager", "Host"), lines=E("order_items", "order_item"), quantity=(0.2, 4), cues=("restaurant", "bistro", "pizzeria", "gastro"),
          children=(payments(),), monthly=SUMMER, weekday=WEEK_LEISURE, hourly=HOURS_MEALS, holiday_factor=1.25, n_customers=40_000,
          kpis=("revenue", "transactions", "aov", "customers")),
    Shape("restaurants.cafe_bakery", "restaurants_food", "Café / bakery", "a café or bakery with a few shops: small tickets many times a week, items and payments.",
          ("restaurant_cafe",), E("guests", "guest"), E("products", "product"), "bakery", E("receipts", "receipt"), "sold_at",
          _w(("completed", 96), ("voided", 2), ("refunded", 2)), ("voided",), (("counter", 85, 0.05), ("preorder", 15, 12)),
          ("zipf", 0, 1, 200), location=E("shops", "shop"), n_locations=3, staff=E("staff", "staff_member"), staff_roles=("Barista", "Baker", "Sales assistant"),
          n_staff_per_location=6, lines=E("receipt_items", "receipt_item"), quantity=(0.3, 6), cues=("cafe", "café", "bakery", "bäckerei", "konditorei", "coffee shop"),
          children=(payments(refunds=False),), monthly=WINTER, weekday=WEEK_SHOP, hourly=HOURS_CAFE, holiday_factor=0.3, n_customers=15_000,
          kpis=("revenue", "transactions", "aov")),
    Shape("restaurants.d2c_brand", "restaurants_food", "D2C food & drink brand", "a producer's own web shop with one-off orders and subscriptions: orders, items, subscriptions, shipments, reviews.",
          ("d2c_brand",), E("customers", "customer"), E("products", "product"), "coffee", _SHOP, "ordered_at",
          _RETAIL_STATUS, ("cancelled",), (("web", 75, 20), ("subscription", 25, 12)), ("zipf", 0, 1, 60),
          lines=E("order_items", "order_item"), quantity=(0.4, 6), cues=("roast", "rösterei", "coffee", "kaffee", "tea", "wine", "brand"),
          children=(payments(), shipments(), reviews(0.15), subscriptions()), monthly=XMAS, weekday=WEEK_ONLINE, hourly=HOURS_ONLINE,
          holiday_factor=1.2, n_customers=30_000, kpis=("revenue", "transactions", "aov", "subscriptions", "flag_rate")),
    Shape("restaurants.producer", "restaurants_food", "Food producer selling to retailers", "a producer selling to shops and wholesalers: B2B orders by the case, shipments and invoices.",
          ("producer_farm",), E("retailers", "retailer"), E("products", "product"), "food_products", E("wholesale_orders", "wholesale_order"), "ordered_at",
          _w(("delivered", 90), ("cancelled", 4), ("pending", 6)), ("cancelled",), (("field_sales", 40, 48), ("portal", 45, 36), ("edi", 15, 24)),
          ("poisson", 14, 1, 120), b2b=True, lines=E("order_lines", "order_line"), quantity=(23, 400), quantity_word="units",
          segments=(("Independent shop", 45), ("Supermarket chain", 30), ("Wholesaler", 15), ("Online retailer", 10)),
          children=(shipments(), payments(lagged=False)), monthly=XMAS, weekday=WEEK_OFFICE, hourly=HOURS_OFFICE, n_customers=900,
          kpis=("revenue", "transactions", "aov")),
    # healthcare
    Shape("healthcare.practice", "healthcare", "Practice", "one practice where patients book appointments for treatments billed to them or their insurer.",
          ("practice_clinic",), E("patients", "patient"), E("treatments", "treatment"), "general_practice", E("appointments", "appointment"), "appointment_at",
          _w(("completed", 86), ("no_show", 6), ("cancelled", 8)), ("no_show", "cancelled"), (("online_booking", 45, 48), ("phone", 45, 48), ("walk_in", 10, 2)),
          ("poisson", 2.5, 1, 30), location=E("practices", "practice"), n_locations=1, single_site=True, staff=E("practitioners", "practitioner"),
          staff_roles=("Physician", "Dentist", "Assistant", "Hygienist"), n_staff_per_location=9, lines=E("appointment_treatments", "appointment_treatment"),
          quantity=(0.0, 1), segments=(("Statutory insurance", 70), ("Private insurance", 20), ("Self-pay", 10)), flag=("is_complaint", "Whether the patient complained about the treatment.", "complaint rate"),
          children=(payments(lagged=False),), monthly=COLD_SEASON, weekday=WEEK_OFFICE, hourly=HOURS_OFFICE, holiday_factor=0.0, n_customers=6_000,
          kpis=("revenue", "transactions", "void_rate", "customers")),
    Shape("healthcare.clinic_group", "healthcare", "Clinic group", "clinics where patients book visits for consultations, diagnostics and procedures.",
          ("practice_clinic",), E("patients", "patient"), E("treatments", "treatment"), "general_practice", E("appointments", "appointment"), "appointment_at",
          _w(("completed", 86), ("no_show", 6), ("cancelled", 8)), ("no_show", "cancelled"), (("online_booking", 50, 48), ("phone", 40, 48), ("referral", 10, 72)),
          ("poisson", 2.2, 1, 40), location=E("clinics", "clinic"), n_locations=8, staff=E("clinicians", "clinician"),
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
