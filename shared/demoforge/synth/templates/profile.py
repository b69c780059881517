"""The vocabulary every industry template fills in (``Profile``) and the calendars they
share: cities and their sales regions, month names, season/weekday/hour-of-day profiles and
the data's date range and churn cohort."""

from __future__ import annotations

import dataclasses
from typing import Any

# City -> region; locations cycle through these, so location i is always in the same region.
CITIES: list[tuple[str, str]] = [
    ("Boston", "Northeast"), ("Chicago", "Midwest"), ("Atlanta", "Southeast"),
    ("Phoenix", "Southwest"), ("Seattle", "West"), ("New York", "Northeast"),
    ("Detroit", "Midwest"), ("Miami", "Southeast"), ("Dallas", "Southwest"),
    ("San Francisco", "West"), ("Philadelphia", "Northeast"), ("Minneapolis", "Midwest"),
    ("Charlotte", "Southeast"), ("Houston", "Southwest"), ("Los Angeles", "West"),
    ("Pittsburgh", "Northeast"), ("Columbus", "Midwest"), ("Nashville", "Southeast"),
    ("Albuquerque", "Southwest"), ("Portland", "West"), ("Hartford", "Northeast"),
    ("Kansas City", "Midwest"), ("Orlando", "Southeast"), ("Austin", "Southwest"),
    ("Denver", "West"),
]
MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]


def season(peak: int, height: float = 1.9, shoulder: float = 1.25, trough: int | None = None) -> list[float]:
    """Month weights with a clear peak (month 1-12), shoulders either side, optional trough."""
    w = [1.0] * 12
    w[peak - 1] = height
    if peak != 1:  # volume grows through the year, so a December shoulder would outgrow January
        w[(peak - 2) % 12] = max(w[(peak - 2) % 12], shoulder)
    w[peak % 12] = max(w[peak % 12], shoulder)
    if trough is not None:
        w[trough - 1] = 0.7
    return w


WEEKDAY_RETAIL = [0.9, 0.9, 0.95, 1.0, 1.15, 1.35, 1.2]
WEEKDAY_OFFICE = [1.2, 1.2, 1.2, 1.15, 1.05, 0.35, 0.25]
HOURS_DAY = [0.2] * 7 + [0.8, 1.4, 1.8, 2.0, 2.0, 2.1, 2.0, 1.9, 1.8, 1.7, 1.5, 1.3, 1.0, 0.7, 0.5, 0.3, 0.25]
HOURS_EVENING = [0.3] * 7 + [0.6, 0.8, 1.0, 1.2, 1.6, 1.8, 1.4, 1.2, 1.3, 1.6, 2.0, 2.3, 2.4, 2.1, 1.5, 0.9, 0.5]


@dataclasses.dataclass
class Profile:
    """One industry's vocabulary and numbers; ``build`` turns it into a DatasetSpec."""

    industry: str
    title: str
    company: str
    blurb: str
    loc: tuple[str, str]  # (table, singular), e.g. ("stores", "store")
    loc_kinds: list[str]
    cust: tuple[str, str]
    segments: list[tuple[str, float]]
    prod: tuple[str, str]
    products: list[tuple[str, str]]  # (name, category)
    price: tuple[float, float]  # lognormal median, sigma of the list price
    staff: tuple[str, str]
    roles: list[str]
    hdr: tuple[str, str]
    ts: str  # header timestamp column, e.g. "ordered_at"
    channels: list[tuple[str, float]]
    statuses: list[tuple[str, float]]  # first = the normal outcome
    fail_status: str  # the status the regional hotspot inflates
    fail_word: str  # "cancellation"
    line: tuple[str, str]
    flag: tuple[str, str, str]  # (column, description, noun) e.g. ("is_returned", ..., "return")
    money: str  # "revenue"
    monthly: list[float]
    kpis: list[str]
    extras: list[str]  # names of extra table kinds (see EXTRAS)
    b2b: bool = False
    weekday: list[float] = dataclasses.field(default_factory=lambda: list(WEEKDAY_RETAIL))
    hourly: list[float] = dataclasses.field(default_factory=lambda: list(HOURS_DAY))
    holidays: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    growth: float = 0.25
    hotspot: str = "Northeast"
    anomaly: int = 2  # index into products
    qty_mean: float = 0.6  # quantity = 1 + poisson(qty_mean)
    lines_mean: float = 1.8
    n_locations: int = 25
    n_customers: int = 40_000
    n_headers: int = 140_000
    n_staff: int = 400
    ticket_categories: list[str] = dataclasses.field(
        default_factory=lambda: ["Billing", "Account access", "Product question", "Complaint", "Technical issue"]
    )
    payment_methods: list[tuple[str, float]] = dataclasses.field(
        default_factory=lambda: [("Card", 62), ("Bank transfer", 18), ("Digital wallet", 15), ("Invoice", 5)]
    )
    carriers: list[str] = dataclasses.field(default_factory=lambda: ["UPS", "FedEx", "DHL", "USPS"])
    devices: list[tuple[str, float]] = dataclasses.field(
        default_factory=lambda: [("mobile", 58), ("desktop", 34), ("tablet", 8)]
    )
    glossary: list[tuple[str, str, list[str]]] = dataclasses.field(default_factory=list)
    usage_metrics: list[tuple[str, float]] = dataclasses.field(
        default_factory=lambda: [("Logins", 8.0), ("Transactions", 20.0), ("Data GB", 3.0)]
    )
    campaigns: list[str] = dataclasses.field(
        default_factory=lambda: ["Spring Launch", "Summer Sale", "Back to Business", "Holiday Offers", "Win-back", "Loyalty Rewards"]
    )

    @property
    def peak_month(self) -> int:
        return max(range(12), key=lambda i: self.monthly[i]) + 1


START, END = "2023-01-01", "2025-12-31"
SIGNUP_START = "2021-01-01"
COHORT = ("2024-04-01", "2024-06-30", "2024-Q2")
