"""The shape every industry template shares, filled in with each industry's vocabulary.

A template is a star schema around a transaction: locations (with regions), customers,
products/services, staff (with a manager self-reference), a transaction header (orders,
visits, claims ...) and its lines, plus 1-3 industry tables (tickets, reviews, payments,
shipments, sessions). Four stories are planted in the data with ``Effect``s and timestamp
profiles, each revealed by a golden query that the realism checks execute:
- regional_hotspot: one region's transactions fail (cancel, deny ...) far more often;
- churn_cohort: customers acquired in one quarter churn at ~4x the base rate;
- product_anomaly: one product is returned/refunded/rejected ~8x more than the others;
- seasonal_peak: the industry's busy month (Black Friday, enrolment, summer travel ...).

The golden queries are BigQuery Standard SQL with unqualified table names, graded simple ->
expert, and avoid constructs sqlglot mistranslates for DuckDB (EXTRACT(DAYOFWEEK),
DATE_TRUNC on DATE): months are FORMAT_TIMESTAMP('%Y-%m', ts) or EXTRACT(MONTH ...).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from demoforge.spec.model import DatasetSpec

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


def _c(name: str, type_: str, description: str, gen: dict[str, Any] | None = None, **kw: Any) -> dict[str, Any]:
    col: dict[str, Any] = {"name": name, "type": type_, "description": description}
    if gen is not None:
        col["generator"] = gen
    col.update(kw)
    return col


def _cat(values: list[Any], weights: list[float] | None = None, cycle: bool = False) -> dict[str, Any]:
    g: dict[str, Any] = {"kind": "categorical", "values": values, "cycle": cycle}
    if weights is not None:
        g["weights"] = weights
    return g


def _fk(a: float | None = None) -> dict[str, Any]:
    return {"kind": "foreign_key", "distribution": "zipf", "zipf_a": a} if a else {"kind": "foreign_key"}


def _ts(start: str = START, end: str = END, **kw: Any) -> dict[str, Any]:
    return {"kind": "timestamp", "start": start, "end": end, **kw}


def _ref(col: str, table: str, key: str) -> dict[str, str]:
    return {"column": col, "references_table": table, "references_column": key}


def build(p: Profile) -> DatasetSpec:
    L, l_ = p.loc
    C, c_ = p.cust
    P, p_ = p.prod
    S, s_ = p.staff
    H, h_ = p.hdr
    LN, i_ = p.line
    lk, ck, pk, sk, hk = f"{l_}_id", f"{c_}_id", f"{p_}_id", f"{s_}_id", f"{h_}_id"
    flag, flag_desc, flag_noun = p.flag
    names = [n for n, _ in p.products]
    anomaly_name = names[p.anomaly]
    cities = [CITIES[i % len(CITIES)] for i in range(p.n_locations)]
    loc_names = [f"{city} {p.loc_kinds[i % len(p.loc_kinds)]}" for i, (city, _) in enumerate(cities)]
    statuses = [s for s, _ in p.statuses]
    channels = [s for s, _ in p.channels]
    tables: list[dict[str, Any]] = []

    tables.append({
        "name": L, "description": f"Every {l_} the business operates, with its city and sales region.",
        "grain": f"one row per {l_}", "row_count": p.n_locations, "primary_key": lk, "fixed_size": True,
        "columns": [
            _c(lk, "INT64", f"Unique id of the {l_}.", {"kind": "sequence"}),
            _c(f"{l_}_name", "STRING", f"Display name of the {l_} (city and format).", _cat(loc_names, cycle=True)),
            _c("city", "STRING", f"City where the {l_} is located.", _cat([c for c, _ in cities], cycle=True)),
            _c("region", "STRING", f"Sales region of the {l_} (Northeast, Midwest, Southeast, Southwest, West).",
               _cat([r for _, r in cities], cycle=True)),
            _c(f"{l_}_format", "STRING", f"Format of the {l_}.", _cat(p.loc_kinds, cycle=True)),
            _c("opened_on", "DATE", f"Date the {l_} opened.", _ts("2008-01-01", "2022-12-31")),
            _c("capacity", "INT64", f"Size of the {l_} (staff seats, beds, bays or square metres / 10, depending on format).",
               {"kind": "numeric", "distribution": "lognormal", "median": 120, "sigma": 0.4, "min": 20}),
        ],
    })
    cust_cols = [
        _c(ck, "INT64", f"Unique id of the {c_}.", {"kind": "sequence"}),
        _c("full_name", "STRING", f"Name of the {c_}" + (" contact person." if p.b2b else "."), {"kind": "fake", "field": "name"}),
    ]
    if p.b2b:
        cust_cols.append(_c("company_name", "STRING", f"Legal name of the {c_} organisation.", {"kind": "fake", "field": "company", "pool_size": 5000}))
    cust_cols += [
        _c("email", "STRING", f"Contact e-mail of the {c_} (unique).", {"kind": "fake", "field": "email", "source": "full_name"}),
        _c("phone", "STRING", "Contact phone number.", {"kind": "fake", "field": "phone"}, nullable=0.08),
        _c("city", "STRING", f"Home city of the {c_}.", {"kind": "fake", "field": "city", "pool_size": 400}),
        _c("segment", "STRING", f"Commercial segment of the {c_}.", _cat([s for s, _ in p.segments], [w for _, w in p.segments])),
        _c("acquisition_channel", "STRING", f"How the {c_} was acquired.",
           _cat(["Organic search", "Paid search", "Referral", "Social", "Partner", "Direct"], [28, 22, 14, 16, 8, 12])),
        _c("signed_up_at", "TIMESTAMP", f"When the {c_} signed up / became a {c_}.",
           _ts(SIGNUP_START, END, growth=0.3, weekday=p.weekday, hourly=p.hourly)),
        _c("status", "STRING", f"Whether the {c_} is still active or has churned.", _cat(["active", "churned"], [89, 11])),
    ]
    tables.append({
        "name": C, "description": f"Every {c_} of the business, with segment, acquisition channel, sign-up date and churn status.",
        "grain": f"one row per {c_}", "row_count": p.n_customers, "primary_key": ck,
        "columns": cust_cols,
        "effects": [{
            "target": "status", "story": "churn_cohort", "set_value": "churned", "probability": 0.4,
            "when": [{"column": "signed_up_at", "date_from": COHORT[0], "date_to": COHORT[1]}],
        }],
    })
    tables.append({
        "name": P, "description": f"The catalogue of {P.replace('_', ' ')} the business sells, with category and list price.",
        "grain": f"one row per {p_}", "row_count": len(p.products), "primary_key": pk, "fixed_size": True,
        "columns": [
            _c(pk, "INT64", f"Unique id of the {p_}.", {"kind": "sequence"}),
            _c(f"{p_}_name", "STRING", f"Name of the {p_}.", _cat(names, cycle=True), role="product_name"),
            _c("category", "STRING", f"Category of the {p_}.", _cat([c for _, c in p.products], cycle=True), role="product_category"),
            _c("list_price", "NUMERIC", f"Current list price of one unit of the {p_}, in USD.",
               {"kind": "numeric", "distribution": "lognormal", "median": p.price[0], "sigma": p.price[1], "min": 1, "round": 2}),
            _c("launched_on", "DATE", f"Date the {p_} was launched.", _ts("2015-01-01", "2022-12-31")),
            _c("is_active", "BOOL", f"Whether the {p_} is still sold.", {"kind": "boolean", "probability": 0.92}),
        ],
    })
    tables.append({
        "name": S, "description": f"Employees who handle {H.replace('_', ' ')} ({', '.join(p.roles[:3])}), with their {l_} and manager.",
        "grain": "one row per employee", "row_count": p.n_staff, "primary_key": sk,
        "foreign_keys": [_ref(lk, L, lk), _ref("manager_id", S, sk)],
        "columns": [
            _c(sk, "INT64", "Unique id of the employee.", {"kind": "sequence"}),
            _c("full_name", "STRING", "Name of the employee.", {"kind": "fake", "field": "name"}),
            _c(lk, "INT64", f"The {l_} the employee works at.", _fk()),
            _c("role", "STRING", "Job role.", _cat(p.roles)),
            _c("manager_id", "INT64", "The employee's manager (the most senior employee is their own manager).", _fk()),
            _c("hired_on", "DATE", "Date the employee was hired.", _ts("2012-01-01", "2024-12-31", growth=0.1)),
        ],
    })
    hotspot_effect = {
        "target": "status", "story": "regional_hotspot", "set_value": p.fail_status, "probability": 0.22,
        "when": [{"column": "region", "via": lk, "equals": p.hotspot}],
    }
    tables.append({
        "name": H, "description": f"Every {h_} placed with the business: who, where, when, through which channel and its outcome.",
        "grain": f"one row per {h_}", "row_count": p.n_headers, "primary_key": hk,
        "foreign_keys": [_ref(ck, C, ck), _ref(lk, L, lk), _ref(sk, S, sk)],
        "columns": [
            _c(hk, "INT64", f"Unique id of the {h_}.", {"kind": "sequence", "start": 100001}),
            _c(ck, "INT64", f"The {c_} who placed the {h_}.", _fk(0.7)),
            _c(lk, "INT64", f"The {l_} that served the {h_}.", _fk(0.4)),
            _c(sk, "INT64", f"The employee who handled the {h_}.", _fk()),
            _c(p.ts, "TIMESTAMP", f"When the {h_} was placed (UTC).", _ts(
                growth=p.growth, monthly=p.monthly, weekday=p.weekday, hourly=p.hourly, holidays=p.holidays,
                after={"column": ck, "parent_column": "signed_up_at"})),
            _c("channel", "STRING", f"Channel through which the {h_} was placed.", _cat(channels, [w for _, w in p.channels])),
            _c("status", "STRING", f"Outcome of the {h_}: {', '.join(statuses)}.", _cat(statuses, [w for _, w in p.statuses])),
            _c("notes", "STRING", f"Free-text note on the {h_}.", {"kind": "text", "templates": ["{a} {h}, {b}.", "{b} - {a} {h}."],
               "slots": {"a": ["Standard", "Priority", "Repeat", "First", "Rush"], "h": [h_], "b": ["no issues", "customer called", "follow-up needed", "handled by phone", "requested update"]}},
               nullable=0.3),
        ],
        "effects": [hotspot_effect],
    })
    tables.append({
        "name": LN, "description": f"The {P.replace('_', ' ')} on each {h_}, with quantity, price and whether it had a {flag_noun}.",
        "grain": f"one row per {p_} on a {h_}", "primary_key": f"{i_}_id",
        "children_per_parent": {"foreign_key": hk, "distribution": "poisson", "mean": p.lines_mean, "min": 1, "max": 12},
        "foreign_keys": [_ref(hk, H, hk), _ref(pk, P, pk)],
        "columns": [
            _c(f"{i_}_id", "INT64", f"Unique id of the {i_.replace('_', ' ')}.", {"kind": "sequence"}),
            _c(hk, "INT64", f"The {h_} this line belongs to.", _fk()),
            _c(pk, "INT64", f"The {p_} on this line.", _fk(0.6)),
            _c("quantity", "INT64", "Units on this line.", {"kind": "numeric", "distribution": "poisson", "mean": p.qty_mean + 1, "min": 1, "max": 20}),
            _c("unit_price", "NUMERIC", f"Price of one unit in USD (the {p_}'s list price).", {"kind": "lookup", "via": pk, "column": "list_price"}),
            _c("amount", "NUMERIC", f"Line {p.money} in USD: quantity x unit price.", {"kind": "derived", "expression": "round(quantity * unit_price, 2)"}),
            _c(flag, "BOOL", flag_desc, {"kind": "boolean", "probability": 0.035}),
        ],
        "effects": [{
            "target": flag, "story": "product_anomaly", "set_value": True, "probability": 0.3,
            "when": [{"column": f"{p_}_name", "via": pk, "equals": anomaly_name}],
        }],
    })
    queries = _core_queries(p, anomaly_name)
    for kind in p.extras:
        table, qs = EXTRAS[kind](p)
        tables.append(table)
        queries += qs
    spec = {
        "name": f"{p.industry}_demo",
        "industry": p.industry,
        "description": f"{p.title}: {p.blurb}",
        "seed": 42,
        "tables": tables,
        "kpis": p.kpis,
        "glossary": _glossary(p),
        "stories": [
            {"name": "regional_hotspot", "kind": "regional_hotspot",
             "description": f"{H.replace('_', ' ').capitalize()} in the {p.hotspot} region end as '{p.fail_status}' about 5x more often than elsewhere.",
             "params": {"region": p.hotspot, "status": p.fail_status}, "expected_top": p.hotspot},
            {"name": "churn_cohort", "kind": "churn_cohort",
             "description": f"{C.replace('_', ' ').capitalize()} who signed up in {COHORT[2]} churned at about 4x the usual rate.",
             "params": {"cohort": COHORT[2]}, "expected_top": COHORT[2]},
            {"name": "product_anomaly", "kind": "product_anomaly",
             "description": f"'{anomaly_name}' has a {flag_noun} rate about 8x higher than any other {p_.replace('_', ' ')}.",
             "params": {"product": anomaly_name}, "expected_top": anomaly_name},
            {"name": "seasonal_peak", "kind": "seasonal_peak",
             "description": f"{H.replace('_', ' ').capitalize()} peak every {MONTH_NAMES[p.peak_month - 1]}.",
             "params": {"month": p.peak_month}, "expected_top": str(p.peak_month)},
        ],
        "golden_queries": queries,
    }
    return DatasetSpec.model_validate(spec)


def _glossary(p: Profile) -> list[dict[str, Any]]:
    H, h_ = p.hdr
    terms = [
        (p.money.capitalize(), f"Sum of line amounts (quantity x unit price) on {H.replace('_', ' ')}.", ["sales", "turnover"]),
        (f"{p.fail_word.replace('_', ' ').capitalize()} rate", f"Share of {H.replace('_', ' ')} whose status is '{p.fail_status}'.", []),
        (f"{p.flag[2].capitalize()} rate", f"Share of {p.line[0].replace('_', ' ')} flagged {p.flag[0]}.", []),
        ("Churned", f"A {p.cust[1]} whose status is 'churned'.", ["lost", "inactive"]),
        ("Cohort", f"{p.cust[0].capitalize()} grouped by the quarter they signed up in.", []),
        (f"Average {h_} value", f"{p.money.capitalize()} divided by the number of {H.replace('_', ' ')}.", ["AOV", "basket size"]),
        ("Region", f"Sales region of the {p.loc[1]}: Northeast, Midwest, Southeast, Southwest or West.", ["territory"]),
    ]
    terms += p.glossary
    return [{"term": t, "definition": d, "synonyms": s} for t, d, s in terms]


def _core_queries(p: Profile, anomaly_name: str) -> list[dict[str, Any]]:
    L, l_ = p.loc
    C, c_ = p.cust
    P, p_ = p.prod
    S, s_ = p.staff
    H, h_ = p.hdr
    LN, _ = p.line
    lk, ck, pk, sk, hk = f"{l_}_id", f"{c_}_id", f"{p_}_id", f"{s_}_id", f"{h_}_id"
    ts, money, flag = p.ts, p.money, p.flag[0]
    fail, flag_noun = p.fail_word.replace("_", " "), p.flag[2]
    flag_slug = re.sub(r"\W+", "_", flag_noun)
    hs, cs, ps = H.replace("_", " "), C.replace("_", " "), P.replace("_", " ")
    join_lines = f"FROM {H} h JOIN {LN} i ON i.{hk} = h.{hk}"
    q = [
        ("simple", f"How many {cs} do we have in each segment?",
         f"SELECT segment, COUNT(*) AS {c_}_count FROM {C} GROUP BY segment ORDER BY {c_}_count DESC", None),
        ("simple", f"What was total {money} per year?",
         f"SELECT EXTRACT(YEAR FROM h.{ts}) AS year, ROUND(SUM(i.amount), 2) AS {money} {join_lines} "
         f"WHERE h.status != '{p.fail_status}' GROUP BY year ORDER BY year", None),
        ("simple", f"Which 10 {ps} bring in the most {money}?",
         f"SELECT p.{p_}_name, ROUND(SUM(i.amount), 2) AS {money} FROM {LN} i JOIN {P} p ON p.{pk} = i.{pk} "
         f"GROUP BY p.{p_}_name ORDER BY {money} DESC LIMIT 10", None),
        ("simple", f"How many {hs} came through each channel?",
         f"SELECT channel, COUNT(*) AS {h_}_count FROM {H} GROUP BY channel ORDER BY {h_}_count DESC", None),
        ("medium", f"How has monthly {money} developed over time?",
         f"SELECT FORMAT_TIMESTAMP('%Y-%m', h.{ts}) AS month, ROUND(SUM(i.amount), 2) AS {money} {join_lines} "
         f"GROUP BY month ORDER BY month", None),
        ("medium", f"Which regions bring in the most {money}?",
         f"SELECT l.region, COUNT(DISTINCT h.{hk}) AS {h_}_count, ROUND(SUM(i.amount), 2) AS {money} {join_lines} "
         f"JOIN {L} l ON l.{lk} = h.{lk} GROUP BY l.region ORDER BY {money} DESC", None),
        ("medium", f"In which month of the year are {hs} busiest?",
         f"SELECT EXTRACT(MONTH FROM {ts}) AS month_of_year, COUNT(*) AS {h_}_count FROM {H} "
         f"GROUP BY month_of_year ORDER BY {h_}_count DESC", "seasonal_peak"),
        ("medium", f"What is the average {h_} value per {c_} segment?",
         f"WITH totals AS (SELECT h.{hk}, h.{ck}, SUM(i.amount) AS total {join_lines} GROUP BY h.{hk}, h.{ck}) "
         f"SELECT c.segment, COUNT(*) AS {h_}_count, ROUND(AVG(t.total), 2) AS avg_{h_}_value "
         f"FROM totals t JOIN {C} c ON c.{ck} = t.{ck} GROUP BY c.segment ORDER BY avg_{h_}_value DESC", None),
        ("hard", f"Which region has the highest {fail} rate?",
         f"SELECT l.region, COUNT(*) AS {h_}_count, ROUND(100 * COUNTIF(h.status = '{p.fail_status}') / COUNT(*), 1) AS {p.fail_word}_rate_pct "
         f"FROM {H} h JOIN {L} l ON l.{lk} = h.{lk} GROUP BY l.region ORDER BY {p.fail_word}_rate_pct DESC", "regional_hotspot"),
        ("hard", f"Which {p_.replace('_', ' ')} has an unusually high {flag_noun} rate?",
         f"SELECT p.{p_}_name, COUNT(*) AS lines, ROUND(100 * COUNTIF(i.{flag}) / COUNT(*), 1) AS {flag_slug}_rate_pct "
         f"FROM {LN} i JOIN {P} p ON p.{pk} = i.{pk} GROUP BY p.{p_}_name HAVING COUNT(*) >= 30 "
         f"ORDER BY {flag_slug}_rate_pct DESC LIMIT 10", "product_anomaly"),
        ("hard", f"Which sign-up cohort of {cs} churned the most?",
         f"WITH cohorts AS (SELECT CONCAT(CAST(EXTRACT(YEAR FROM signed_up_at) AS STRING), '-Q', "
         f"CAST(EXTRACT(QUARTER FROM signed_up_at) AS STRING)) AS cohort, status FROM {C}) "
         f"SELECT cohort, COUNT(*) AS {c_}_count, ROUND(100 * COUNTIF(status = 'churned') / COUNT(*), 1) AS churn_rate_pct "
         f"FROM cohorts GROUP BY cohort HAVING COUNT(*) >= 30 ORDER BY churn_rate_pct DESC", "churn_cohort"),
        ("hard", f"What share of {money} comes from our top 20% of {cs}?",
         f"WITH per_{c_} AS (SELECT h.{ck}, SUM(i.amount) AS {money} {join_lines} GROUP BY h.{ck}), "
         f"ranked AS (SELECT {money}, NTILE(5) OVER (ORDER BY {money} DESC) AS quintile FROM per_{c_}) "
         f"SELECT quintile, COUNT(*) AS {c_}_count, ROUND(SUM({money}), 2) AS {money}, "
         f"ROUND(100 * SUM({money}) / (SELECT SUM({money}) FROM per_{c_}), 1) AS share_pct "
         f"FROM ranked GROUP BY quintile ORDER BY quintile", None),
        ("expert", f"How did {money} in each region change year over year?",
         f"WITH yearly AS (SELECT l.region, EXTRACT(YEAR FROM h.{ts}) AS year, SUM(i.amount) AS {money} {join_lines} "
         f"JOIN {L} l ON l.{lk} = h.{lk} GROUP BY l.region, year) "
         f"SELECT region, year, ROUND({money}, 2) AS {money}, ROUND(100 * ({money} - LAG({money}) OVER (PARTITION BY region ORDER BY year)) "
         f"/ LAG({money}) OVER (PARTITION BY region ORDER BY year), 1) AS yoy_growth_pct FROM yearly ORDER BY region, year", None),
        ("expert", f"Who is the top employee by {money} at each {l_}?",
         f"WITH by_staff AS (SELECT l.{l_}_name, s.full_name, SUM(i.amount) AS {money} {join_lines} "
         f"JOIN {S} s ON s.{sk} = h.{sk} JOIN {L} l ON l.{lk} = s.{lk} GROUP BY l.{l_}_name, s.full_name), "
         f"ranked AS (SELECT {l_}_name, full_name, {money}, RANK() OVER (PARTITION BY {l_}_name ORDER BY {money} DESC) AS rnk FROM by_staff) "
         f"SELECT {l_}_name, full_name AS top_employee, ROUND({money}, 2) AS total_{money} FROM ranked WHERE rnk = 1 ORDER BY total_{money} DESC", None),
        ("expert", f"How many days does it take a {c_} to come back for a second {h_}, by segment?",
         f"WITH seq AS (SELECT {ck}, {ts}, ROW_NUMBER() OVER (PARTITION BY {ck} ORDER BY {ts}) AS n FROM {H}), "
         f"pairs AS (SELECT a.{ck}, TIMESTAMP_DIFF(b.{ts}, a.{ts}, DAY) AS days_to_second FROM seq a "
         f"JOIN seq b ON b.{ck} = a.{ck} AND a.n = 1 AND b.n = 2) "
         f"SELECT c.segment, COUNT(*) AS repeat_{C}, ROUND(AVG(pairs.days_to_second), 1) AS avg_days_to_second "
         f"FROM pairs JOIN {C} c ON c.{ck} = pairs.{ck} GROUP BY c.segment ORDER BY avg_days_to_second", None),
    ]
    return [{"difficulty": d, "question": qq, "sql": sql, "pattern": pat} for d, qq, sql, pat in q]


# --------------------------------------------------------------------------- extra tables


def _tickets(p: Profile) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    C, c_ = p.cust
    ck = f"{c_}_id"
    table = {
        "name": "support_tickets", "description": f"Support requests raised by {C.replace('_', ' ')}, with category, priority, resolution time and satisfaction score.",
        "grain": "one row per support ticket", "row_count": p.n_customers // 2, "primary_key": "ticket_id",
        "foreign_keys": [_ref(ck, C, ck)],
        "columns": [
            _c("ticket_id", "STRING", "Ticket number.", {"kind": "sequence", "prefix": "TCK-", "width": 7}),
            _c(ck, "INT64", f"The {c_} who raised the ticket.", _fk(0.5)),
            _c("opened_at", "TIMESTAMP", "When the ticket was opened (UTC).", _ts(weekday=WEEKDAY_OFFICE, hourly=HOURS_DAY, after={"column": ck, "parent_column": "signed_up_at"})),
            _c("category", "STRING", "What the ticket is about.", _cat(p.ticket_categories)),
            _c("priority", "STRING", "Priority assigned at triage.", _cat(["low", "medium", "high", "urgent"], [40, 35, 20, 5])),
            _c("resolution_hours", "FLOAT64", "Hours from opening to resolution (NULL while open).",
               {"kind": "numeric", "distribution": "lognormal", "median": 14, "sigma": 0.9, "round": 1}, nullable=0.06),
            _c("satisfaction_score", "INT64", "Customer satisfaction survey score 1-5 (NULL when not answered).",
               {"kind": "numeric", "distribution": "normal", "mean": 4.0, "std": 1.0, "min": 1, "max": 5}, nullable=0.35),
        ],
        "effects": [{"target": "resolution_hours", "multiply": 2.6, "when": [{"column": "category", "equals": p.ticket_categories[-1]}]}],
    }
    qs = [{"difficulty": "medium", "pattern": None,
           "question": "Which support ticket categories take the longest to resolve, and how satisfied are customers with them?",
           "sql": "SELECT category, COUNT(*) AS tickets, ROUND(AVG(resolution_hours), 1) AS avg_resolution_hours, "
                  "ROUND(AVG(satisfaction_score), 2) AS avg_satisfaction FROM support_tickets GROUP BY category ORDER BY avg_resolution_hours DESC"}]
    return table, qs


def _reviews(p: Profile) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    C, c_ = p.cust
    P, p_ = p.prod
    ck, pk = f"{c_}_id", f"{p_}_id"
    names = [n for n, _ in p.products]
    table = {
        "name": "reviews", "description": f"Ratings and short reviews {C.replace('_', ' ')} left for {P.replace('_', ' ')}.",
        "grain": "one row per review", "row_count": p.n_customers // 2, "primary_key": "review_id",
        "foreign_keys": [_ref(pk, P, pk), _ref(ck, C, ck)],
        "columns": [
            _c("review_id", "INT64", "Unique id of the review.", {"kind": "sequence"}),
            _c(pk, "INT64", f"The {p_} reviewed.", _fk(0.6)),
            _c(ck, "INT64", f"The {c_} who wrote the review.", _fk(0.5)),
            _c("rating", "INT64", "Star rating 1-5.", {"kind": "numeric", "distribution": "normal", "mean": 4.2, "std": 0.9, "min": 1, "max": 5}),
            _c("reviewed_at", "TIMESTAMP", "When the review was posted (UTC).", _ts(hourly=HOURS_EVENING, after={"column": ck, "parent_column": "signed_up_at"})),
            _c("review_text", "STRING", "Short review text.", {"kind": "text", "templates": ["{a} {n}, {b}.", "{b}; {a} overall."],
               "slots": {"a": ["Great", "Good", "Decent", "Disappointing", "Excellent"], "n": ["value", "quality", "experience", "service"],
                         "b": ["would recommend", "as described", "could be better", "arrived late", "will buy again"]}}),
        ],
        "effects": [{"target": "rating", "story": "product_anomaly", "multiply": 0.55,
                     "when": [{"column": f"{p_}_name", "via": pk, "equals": names[p.anomaly]}]}],
    }
    qs = [{"difficulty": "medium", "pattern": "product_anomaly",
           "question": f"Which {P.replace('_', ' ')} have the lowest average review rating?",
           "sql": f"SELECT p.{p_}_name, COUNT(*) AS review_count, ROUND(AVG(r.rating), 2) AS avg_rating FROM reviews r "
                  f"JOIN {P} p ON p.{pk} = r.{pk} GROUP BY p.{p_}_name HAVING COUNT(*) >= 20 ORDER BY avg_rating LIMIT 10"}]
    return table, qs


def _payments(p: Profile) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    H, h_ = p.hdr
    hk = f"{h_}_id"
    methods = [m for m, _ in p.payment_methods]
    table = {
        "name": "payments", "description": f"Payments collected for {H.replace('_', ' ')}: method, outcome and timing.",
        "grain": f"one row per payment attempt for a {h_}", "primary_key": "payment_id",
        "children_per_parent": {"foreign_key": hk, "distribution": "fixed", "mean": 1},
        "foreign_keys": [_ref(hk, H, hk)],
        "columns": [
            _c("payment_id", "STRING", "Unique id of the payment.", {"kind": "uuid"}),
            _c(hk, "INT64", f"The {h_} paid for.", _fk()),
            _c("method", "STRING", "Payment method.", _cat(methods, [w for _, w in p.payment_methods])),
            _c("payment_status", "STRING", "Outcome of the payment.", _cat(["captured", "failed", "refunded"], [93, 4, 3])),
            _c("paid_at", "TIMESTAMP", f"When the payment was taken (after the {h_}).", _ts(after={"column": hk, "parent_column": p.ts, "mean_hours": 20})),
        ],
        "effects": [{"target": "payment_status", "set_value": "failed", "probability": 0.12, "when": [{"column": "method", "equals": methods[-1]}]}],
    }
    qs = [{"difficulty": "medium", "pattern": None,
           "question": "How do payment methods compare on volume and failure rate?",
           "sql": "SELECT method, COUNT(*) AS payment_count, ROUND(100 * COUNTIF(payment_status = 'failed') / COUNT(*), 1) AS failure_rate_pct "
                  "FROM payments GROUP BY method ORDER BY payment_count DESC"},
          {"difficulty": "hard", "pattern": None,
           "question": f"How many hours after the {h_} is payment taken, by channel?",
           "sql": f"SELECT h.channel, COUNT(*) AS payment_count, ROUND(AVG(TIMESTAMP_DIFF(pay.paid_at, h.{p.ts}, HOUR)), 1) AS avg_hours_to_pay "
                  f"FROM payments pay JOIN {H} h ON h.{hk} = pay.{hk} GROUP BY h.channel ORDER BY avg_hours_to_pay DESC"}]
    return table, qs


def _shipments(p: Profile) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    H, h_ = p.hdr
    hk = f"{h_}_id"
    table = {
        "name": "shipments", "description": f"Deliveries of {H.replace('_', ' ')}: carrier, dispatch and delivery times.",
        "grain": f"one row per shipment of a {h_}", "primary_key": "shipment_id",
        "children_per_parent": {"foreign_key": hk, "distribution": "poisson", "mean": 0.9, "min": 0, "max": 3},
        "foreign_keys": [_ref(hk, H, hk)],
        "columns": [
            _c("shipment_id", "INT64", "Unique id of the shipment.", {"kind": "sequence"}),
            _c(hk, "INT64", f"The {h_} shipped.", _fk()),
            _c("carrier", "STRING", "Carrier that delivered the shipment.", _cat(p.carriers)),
            _c("shipped_at", "TIMESTAMP", f"When the shipment left (after the {h_}).", _ts(after={"column": hk, "parent_column": p.ts, "mean_hours": 26})),
            _c("delivered_at", "TIMESTAMP", "When the shipment was delivered (NULL if in transit or lost).",
               _ts(after={"column": "shipped_at", "mean_hours": 52, "min_hours": 6}), nullable=0.03),
        ],
    }
    qs = [{"difficulty": "hard", "pattern": None,
           "question": "Which carrier delivers fastest, in hours from dispatch to delivery?",
           "sql": "SELECT carrier, COUNT(*) AS shipment_count, ROUND(AVG(TIMESTAMP_DIFF(delivered_at, shipped_at, HOUR)), 1) AS avg_delivery_hours "
                  "FROM shipments WHERE delivered_at IS NOT NULL GROUP BY carrier ORDER BY avg_delivery_hours"}]
    return table, qs


def _sessions(p: Profile) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    C, c_ = p.cust
    ck = f"{c_}_id"
    devices = [d for d, _ in p.devices]
    table = {
        "name": "web_sessions", "description": f"Visits of known {C.replace('_', ' ')} to the website or app, with device, pages viewed and conversion.",
        "grain": "one row per session", "row_count": p.n_customers * 2, "primary_key": "session_id",
        "foreign_keys": [_ref(ck, C, ck)],
        "columns": [
            _c("session_id", "STRING", "Unique id of the session.", {"kind": "uuid"}),
            _c(ck, "INT64", f"The signed-in {c_}.", _fk(0.6)),
            _c("started_at", "TIMESTAMP", "When the session started (UTC).", _ts(growth=0.3, hourly=HOURS_EVENING, after={"column": ck, "parent_column": "signed_up_at"})),
            _c("device", "STRING", "Device type.", _cat(devices, [w for _, w in p.devices])),
            _c("pages_viewed", "INT64", "Pages viewed in the session.", {"kind": "numeric", "distribution": "lognormal", "median": 4, "sigma": 0.7, "min": 1}),
            _c("converted", "BOOL", "Whether the session ended in a purchase/booking.", {"kind": "boolean", "probability": 0.06}),
        ],
        "effects": [{"target": "converted", "set_value": False, "probability": 0.5, "when": [{"column": "device", "equals": devices[-1]}]}],
    }
    qs = [{"difficulty": "medium", "pattern": None,
           "question": "What is the conversion rate by device?",
           "sql": "SELECT device, COUNT(*) AS sessions, ROUND(100 * COUNTIF(converted) / COUNT(*), 2) AS conversion_rate_pct, "
                  "ROUND(AVG(pages_viewed), 1) AS avg_pages FROM web_sessions GROUP BY device ORDER BY conversion_rate_pct DESC"}]
    return table, qs


def _usage(p: Profile) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    C, c_ = p.cust
    ck = f"{c_}_id"
    metrics = [m for m, _ in p.usage_metrics]
    table = {
        "name": "usage_events", "description": f"Daily metered usage per {c_} (one row per {c_}, day and metric).",
        "grain": f"one row per {c_}, day and usage metric", "row_count": p.n_customers * 2, "primary_key": "usage_id",
        "foreign_keys": [_ref(ck, C, ck)],
        "columns": [
            _c("usage_id", "INT64", "Unique id of the usage record.", {"kind": "sequence"}),
            _c(ck, "INT64", f"The {c_} whose usage this is.", _fk(0.7)),
            _c("usage_date", "DATE", "Day of the usage (UTC).", _ts(growth=0.3, after={"column": ck, "parent_column": "signed_up_at"})),
            _c("metric", "STRING", f"What was metered: {', '.join(metrics)}.", _cat(metrics)),
            _c("quantity", "FLOAT64", "Amount used that day in the metric's unit.",
               {"kind": "numeric", "distribution": "lognormal", "median": 10, "sigma": 0.8, "round": 2}),
            _c("is_billable", "BOOL", "Whether the usage is billed (outside the plan's allowance).", {"kind": "boolean", "probability": 0.3}),
        ],
        "effects": [
            {"target": "quantity", "multiply": m, "when": [{"column": "metric", "equals": name}]}
            for name, m in p.usage_metrics
        ],
    }
    qs = [{"difficulty": "medium", "pattern": None,
           "question": f"Which {c_} segments use the most, per usage metric?",
           "sql": f"SELECT c.segment, u.metric, COUNT(DISTINCT u.{ck}) AS active_{c_}_count, ROUND(SUM(u.quantity), 1) AS total_usage "
                  f"FROM usage_events u JOIN {C} c ON c.{ck} = u.{ck} GROUP BY c.segment, u.metric ORDER BY total_usage DESC"}]
    return table, qs


def _inventory(p: Profile) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    L, l_ = p.loc
    P, p_ = p.prod
    lk, pk = f"{l_}_id", f"{p_}_id"
    names = [n for n, _ in p.products]
    table = {
        "name": "inventory_snapshots", "description": f"Weekly stock counts of each {p_.replace('_', ' ')} at each {l_}.",
        "grain": f"one row per {p_}, {l_} and count date", "row_count": p.n_customers, "primary_key": "snapshot_id",
        "foreign_keys": [_ref(pk, P, pk), _ref(lk, L, lk)],
        "columns": [
            _c("snapshot_id", "INT64", "Unique id of the stock count.", {"kind": "sequence"}),
            _c(pk, "INT64", f"The {p_.replace('_', ' ')} counted.", _fk()),
            _c(lk, "INT64", f"The {l_} where stock was counted.", _fk()),
            _c("counted_on", "DATE", "Date of the stock count.", _ts(weekday=[1, 0, 0, 0, 0, 0, 0])),
            _c("is_stockout", "BOOL", "Whether the item was out of stock at the count.", {"kind": "boolean", "probability": 0.04}),
            _c("on_hand", "INT64", "Units on hand at the count (0 when out of stock).",
               {"kind": "numeric", "distribution": "poisson", "mean": 40, "min": 1}),
        ],
        "effects": [
            {"target": "is_stockout", "story": "product_anomaly", "set_value": True, "probability": 0.25,
             "when": [{"column": f"{p_}_name", "via": pk, "equals": names[p.anomaly]}]},
            {"target": "on_hand", "set_value": 0, "when": [{"column": "is_stockout", "equals": True}]},
        ],
    }
    qs = [{"difficulty": "hard", "pattern": None,
           "question": f"Which {P.replace('_', ' ')} are out of stock most often, and in which region?",
           "sql": f"SELECT p.{p_}_name, l.region, COUNT(*) AS stock_counts, ROUND(100 * COUNTIF(s.is_stockout) / COUNT(*), 1) AS stockout_rate_pct "
                  f"FROM inventory_snapshots s JOIN {P} p ON p.{pk} = s.{pk} JOIN {L} l ON l.{lk} = s.{lk} "
                  f"GROUP BY p.{p_}_name, l.region HAVING COUNT(*) >= 20 ORDER BY stockout_rate_pct DESC LIMIT 10"}]
    return table, qs


def _campaigns(p: Profile) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    C, c_ = p.cust
    ck = f"{c_}_id"
    table = {
        "name": "campaign_touches", "description": f"Marketing messages sent to {C.replace('_', ' ')}: campaign, channel, opens and clicks.",
        "grain": "one row per message sent", "row_count": p.n_customers * 2, "primary_key": "touch_id",
        "foreign_keys": [_ref(ck, C, ck)],
        "columns": [
            _c("touch_id", "INT64", "Unique id of the message.", {"kind": "sequence"}),
            _c(ck, "INT64", f"The {c_} the message was sent to.", _fk(0.4)),
            _c("campaign", "STRING", "Marketing campaign name.", _cat(p.campaigns)),
            _c("channel", "STRING", "Channel the message went out on.", _cat(["email", "sms", "push", "direct_mail"], [60, 15, 20, 5])),
            _c("sent_at", "TIMESTAMP", "When the message was sent (UTC).", _ts(hourly=HOURS_DAY, after={"column": ck, "parent_column": "signed_up_at"})),
            _c("opened", "BOOL", "Whether the message was opened.", {"kind": "boolean", "probability": 0.28}),
            _c("clicked", "BOOL", "Whether a link in the message was clicked.", {"kind": "boolean", "probability": 0.2}),
        ],
        "effects": [
            {"target": "opened", "set_value": True, "probability": 0.3, "when": [{"column": "campaign", "equals": p.campaigns[-1]}]},
            {"target": "clicked", "set_value": False, "when": [{"column": "opened", "equals": False}]},
        ],
    }
    qs = [{"difficulty": "medium", "pattern": None,
           "question": "Which campaigns and channels get the best open and click-through rates?",
           "sql": "SELECT campaign, channel, COUNT(*) AS messages, ROUND(100 * COUNTIF(opened) / COUNT(*), 1) AS open_rate_pct, "
                  "ROUND(100 * COUNTIF(clicked) / COUNT(*), 1) AS click_rate_pct FROM campaign_touches "
                  "GROUP BY campaign, channel HAVING COUNT(*) >= 20 ORDER BY click_rate_pct DESC"}]
    return table, qs


EXTRAS = {
    "support_tickets": _tickets,
    "reviews": _reviews,
    "payments": _payments,
    "shipments": _shipments,
    "web_sessions": _sessions,
    "usage_events": _usage,
    "inventory_snapshots": _inventory,
    "campaign_touches": _campaigns,
}
