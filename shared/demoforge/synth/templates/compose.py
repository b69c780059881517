"""A ``Shape`` and a prospect -> the ``DatasetSpec`` (as the JSON it is written in).

The tables are composed from reusable parts, each a small function: the places customers
live in (a real gazetteer), the business's locations, sellers, customers, the catalogue,
staff, the transactions (one offering each, or with line items), and the shape's child
tables. Every part declares its consistency rules (conditioned statuses, excluded voided
parents, staff matched to the location and hired before the row, sign-up before the first
transaction, nothing after a churn date or the run date), its metrics and dimensions
(the semantic layer), and the four planted stories come with their revealing queries.
Golden questions are built from the metrics (``metric_sql``) and the stories."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from demoforge.spec.semantic import Dimension, Metric, MetricUnit, metric_sql
from demoforge.synth.templates.calendar import hemisphere, holiday_factors, months_before
from demoforge.synth.templates.catalogues import CatalogueItem
from demoforge.synth.templates.locale import Setting, notes, reviews
from demoforge.synth.templates.places import Place
from demoforge.synth.templates.shape_model import CLIMATE, Child, Shape

J = dict[str, Any]
MONTHS = list(calendar.month_name)[1:]


@dataclasses.dataclass(frozen=True)
class Prospect:
    """What composition needs from the profile, already resolved (places, catalogue)."""

    company: str
    setting: Setting
    as_of: dt.date
    start: dt.date
    seed: int
    catalogue: tuple[CatalogueItem, ...]
    locations: tuple[Place, ...]  # the business's locations (empty: online only)
    customer_places: tuple[Place, ...]
    southern: bool
    sub_industry: str = ""


def col(name: str, type_: str, description: str, gen: J | None = None, **kw: Any) -> J:
    c: J = {"name": name, "type": type_, "description": description}
    if gen is not None:
        c["generator"] = gen
    c.update({k: v for k, v in kw.items() if v is not None})
    return c


def cat(values: list[Any], weights: Sequence[float] | None = None, cycle: bool = False, cases: list[J] | None = None) -> J:
    g: J = {"kind": "categorical", "values": values}
    if weights is not None:
        g["weights"] = list(weights)
    if cycle:
        g["cycle"] = True
    if cases:
        g["cases"] = cases
    return g


def fk(**kw: Any) -> J:
    return {"kind": "foreign_key", **{k: v for k, v in kw.items() if v is not None}}


def ref(column: str, table: str, key: str) -> J:
    return {"column": column, "references_table": table, "references_column": key}


def lookup(via: str, column: str) -> J:
    return {"kind": "lookup", "via": via, "column": column}


def ts(start: dt.date, end: dt.date, **kw: Any) -> J:
    return {"kind": "timestamp", "start": start.isoformat(), "end": end.isoformat(), **{k: v for k, v in kw.items() if v is not None}}


def seq(start: int = 1) -> J:
    return {"kind": "sequence", "start": start} if start != 1 else {"kind": "sequence"}


def is_money(column: str) -> bool:
    """Whether a child's amount column is money (not hours, days, a score or a quantity)."""
    return not any(w in column for w in ("hours", "days", "score", "pct", "units", "kwh", "gb", "quantity", "nights"))


def ranked(sql: str, dim: str, metric: str) -> str:
    """A metric-by-dimension query ordered by the metric, largest first."""
    return sql.replace(f"ORDER BY {dim}", f"ORDER BY {metric} DESC")


def _label(table: str) -> str:
    return table.replace("_", " ")


class Composer:
    """Builds one spec; parts append tables, metrics, dimensions and queries."""

    def __init__(self, shape: Shape, p: Prospect) -> None:
        self.s, self.p = shape, p
        self.cur = p.setting.currency
        self.tables: list[J] = []
        self.metrics: list[Metric] = []
        self.dims: list[Dimension] = []
        self.queries: list[J] = []
        self.stories: list[J] = []
        self.glossary: list[J] = []
        self.glossary_extra: list[J] = []
        self.monthly = hemisphere(list(shape.monthly), p.southern and shape.monthly in CLIMATE)
        # The busiest month stands out clearly (the seasonal-peak story).
        top = max(range(12), key=lambda i: self.monthly[i])
        if max(self.monthly) > min(self.monthly):
            self.monthly[top] *= 1.3
        self.void = list(shape.void)
        self.fail = shape.void[0]
        self.ck = f"{shape.customer.one}_id"
        self.hk = f"{shape.header.one}_id"
        self.ok = f"{shape.offering.one}_id"
        self.lk = f"{shape.location.one}_id" if shape.location and p.locations else None
        self.sk = f"{shape.staff.one}_id" if shape.staff and self.lk else None
        self.fact = shape.lines.table if shape.lines else shape.header.table
        self.amounts: dict[str, str] = {}  # table -> its money column children may copy
        self.holidays = holiday_factors(p.setting.country, p.start, p.as_of, shape.holiday_factor, p.setting.language)
        dist, mean, _, _ = shape.per_customer
        # A customer buys about once (a car, a policy, a home): the first transaction is
        # what makes them a customer, so sign-ups carry the season and it follows them.
        self.one_off = dist == "poisson" and mean <= 0.7
        self.cohort = self._cohort()
        self.region_by_header = "location" if self.lk and len(p.locations) > 1 else "customer"
        self.hotspot = self._hotspot_region()
        own = [i.name for i in p.catalogue if i.own]
        names = [i.name for i in p.catalogue]
        self.anomaly = own[min(2, len(own) - 1)] if own else names[min(2, len(names) - 1)]

    # --- parts -------------------------------------------------------------------------
    def places(self) -> None:
        ps = self.p.customer_places
        self.tables.append({
            "name": "places", "description": f"Real cities of {self.p.setting.country} where customers live, with region and population.",
            "grain": "one row per city", "row_count": len(ps), "primary_key": "place_id", "fixed_size": True,
            "columns": [
                col("place_id", "INT64", "Unique id of the place.", seq()),
                col("city", "STRING", "City name.", cat([x.city for x in ps], cycle=True)),
                col("region", "STRING", "First-level region (state, province, Land, canton) of the city.", cat([x.region for x in ps], cycle=True)),
                col("population", "INT64", "Inhabitants of the city (GeoNames).", cat([x.population for x in ps], cycle=True)),
            ],
        })

    def locations(self) -> None:
        if self.lk is None:
            return
        L = self.s.location
        assert L is not None
        ls = self.p.locations
        names = [self.p.company if len(ls) == 1 else f"{self.p.company} {x.city}" for x in ls]
        opened_end = months_before(self.p.start, 121)  # before any employee was hired
        self.tables.append({
            "name": L.table, "description": f"Every {L.one.replace('_', ' ')} of {self.p.company}, with its city and region.",
            "grain": f"one row per {L.one.replace('_', ' ')}", "row_count": len(ls), "primary_key": self.lk, "fixed_size": True,
            "time_column": "opened_on",
            "columns": [
                col(self.lk, "INT64", f"Unique id of the {L.one.replace('_', ' ')}.", seq()),
                col(f"{L.one}_name", "STRING", f"Name of the {L.one.replace('_', ' ')}.", cat(names, cycle=True)),
                col("city", "STRING", f"City of the {L.one.replace('_', ' ')}.", cat([x.city for x in ls], cycle=True)),
                col("region", "STRING", f"Region of the {L.one.replace('_', ' ')}.", cat([x.region for x in ls], cycle=True)),
                col("opened_on", "DATE", "Date it opened.", ts(months_before(self.p.start, 240), opened_end)),
            ],
        })
        self.dims.append(Dimension(name="location", label=L.one.replace("_", " "), table=L.table, column=f"{L.one}_name", kind="geography"))

    def sellers(self) -> None:
        S = self.s.sellers
        if S is None:
            return
        sk = f"{S.one}_id"
        self.tables.append({
            "name": S.table, "description": f"Businesses and people who list {_label(self.s.offering.table)} on {self.p.company}.",
            "grain": f"one row per {S.one}", "row_count": 400, "primary_key": sk, "fixed_size": True,
            "foreign_keys": [ref("place_id", "places", "place_id")],
            "columns": [
                col(sk, "INT64", f"Unique id of the {S.one}.", seq()),
                col(f"{S.one}_name", "STRING", f"Trading name of the {S.one}.", {"kind": "fake", "field": "company", "locale": self.p.setting.locale, "pool_size": 2000}),
                col("place_id", "INT64", f"Where the {S.one} is based.", fk(weights_column="population")),
                col("city", "STRING", f"City of the {S.one}.", lookup("place_id", "city")),
                col("joined_on", "DATE", f"When the {S.one} joined the platform.", ts(months_before(self.p.start, 72), months_before(self.p.start, 14))),
            ],
        })

    def customers(self) -> None:
        C = self.s.customer
        one = C.one.replace("_", " ")
        name_col = "contact_name" if self.s.b2b else "full_name"
        cols = [col(self.ck, "INT64", f"Unique id of the {one}.", seq())]
        if self.s.b2b:
            cols.append(col("company_name", "STRING", f"Name of the {one}'s business.", {"kind": "fake", "field": "company", "locale": self.p.setting.locale, "pool_size": 5000}))
        cols += [
            col(name_col, "STRING", f"Name of the {one}" + (" contact person." if self.s.b2b else "."), {"kind": "fake", "field": "name", "locale": self.p.setting.locale}),
            col("email", "STRING", "E-mail address (unique).", {"kind": "fake", "field": "email", "locale": self.p.setting.locale, "source": name_col}),
            col("phone", "STRING", "Phone number.", {"kind": "fake", "field": "phone", "locale": self.p.setting.locale}, nullable=0.1),
            col("place_id", "INT64", f"The city the {one} lives in.", fk(weights_column="population")),
            col("city", "STRING", f"City of the {one} (a real place).", lookup("place_id", "city")),
            col("region", "STRING", f"Region of the {one}.", lookup("place_id", "region")),
            col("segment", "STRING", f"Segment of the {one}.", cat([k for k, _ in self.s.segments], [w for _, w in self.s.segments])),
            col("acquisition_channel", "STRING", f"How the {one} was acquired.",
                cat(["organic_search", "paid_search", "referral", "social", "partner", "direct"], [28, 22, 14, 16, 8, 12])),
            col("signed_up_at", "TIMESTAMP", f"When the {one} registered or first bought.", self._signups()),
            col("status", "STRING", f"Whether the {one} is active or has churned.", cat(["active", "churned"], [90, 10])),
            col("churned_at", "TIMESTAMP", f"When the {one} churned (only for churned {_label(C.table)}).",
                ts(months_before(self.p.start, 24), self.p.as_of, after={"column": "signed_up_at", "mean_hours": 4000, "min_hours": 240}),
                only_when=[{"column": "status", "equals": "churned"}]),
        ]
        self.tables.append({
            "name": C.table, "description": f"Every {one} of {self.p.company}: where they live, segment, sign-up and churn.",
            "grain": f"one row per {one}", "row_count": self.s.n_customers, "primary_key": self.ck, "time_column": "signed_up_at",
            "foreign_keys": [ref("place_id", "places", "place_id")], "columns": cols,
            "effects": [{"target": "status", "story": "churn_cohort", "set_value": "churned", "probability": 0.6,
                         "when": [{"column": "signed_up_at", "date_from": self.cohort[0].isoformat(), "date_to": self.cohort[1].isoformat()}]}],
        })
        self.metrics.append(Metric(name="customers", label=_label(C.table), description=f"Number of {_label(C.table)} who signed up.",
                                   table=C.table, expression="COUNT(*)", time_column="signed_up_at", unit="count", format="integer"))
        self.metrics.append(Metric(name="churn_rate", label="churn rate", description=f"Share of {_label(C.table)} who churned.",
                                   table=C.table, expression="AVG(CASE WHEN status = 'churned' THEN 1 ELSE 0 END)",
                                   unit="ratio", format="percent", additive=False))
        self.dims += [
            Dimension(name="segment", label="segment", table=C.table, column="segment", kind="segment"),
            Dimension(name="customer_region", label=f"{one} region", table=C.table, column="region", kind="geography"),
            Dimension(name="signup_time", label="sign-up date", table=C.table, column="signed_up_at", kind="time", grains=["month", "quarter", "year"]),
        ]

    def _signups(self) -> J:
        s = self.s
        if self.one_off:
            return ts(self.p.start, self.p.as_of, growth=s.growth, monthly=self.monthly, weekday=list(s.weekday),
                      hourly=list(s.hourly), dates=self.holidays or None)
        return ts(months_before(self.p.start, 24), self.p.as_of, growth=0.3, weekday=list(s.weekday), hourly=list(s.hourly))

    def exposure(self, cpp: J) -> J:
        """Transactions of a customer in proportion to the time they were a customer in the window."""
        if not self.one_off:
            cpp.update(exposure_start="signed_up_at", exposure_end="churned_at",
                       window_from=self.p.start.isoformat(), window_to=self.p.as_of.isoformat())
        return cpp

    def offerings(self) -> None:
        off = self.s.offering
        one = off.one.replace("_", " ")
        items = self.p.catalogue
        cols = [
            col(self.ok, "INT64", f"Unique id of the {one}.", seq()),
            col(f"{off.one}_name", "STRING", f"Name of the {one}.", cat([i.name for i in items], cycle=True), role="product_name"),
            col("category", "STRING", f"Category of the {one}.", cat([i.category for i in items], cycle=True), role="product_category"),
            col("list_price", "NUMERIC", f"List price of one {one} in {self.cur}.", cat([float(i.price) for i in items], cycle=True), currency=self.cur),
            col("is_own_offering", "BOOL", f"Whether the {one} is listed on {self.p.company}'s website (else typical of the business).", cat([i.own for i in items], cycle=True)),
            col("launched_on", "DATE", f"When the {one} was first offered.",
                ts(months_before(self.p.start, 12 if self.s.sellers else 96), self.p.start - dt.timedelta(days=30))),
        ]
        fks = []
        if self.s.sellers is not None:
            sk = f"{self.s.sellers.one}_id"
            cols.append(col(sk, "INT64", f"The {self.s.sellers.one} who lists it.", fk(distribution="zipf", zipf_a=1.1)))
            fks.append(ref(sk, self.s.sellers.table, sk))
        self.tables.append({
            "name": off.table, "description": f"The {_label(off.table)} {self.p.company} offers, with category and list price in {self.cur}.",
            "grain": f"one row per {one}", "row_count": len(items), "primary_key": self.ok, "fixed_size": True,
            "foreign_keys": fks, "columns": cols,
        })

    def staff(self) -> None:
        if self.sk is None:
            return
        S, L = self.s.staff, self.s.location
        assert S is not None and L is not None and self.lk is not None
        n = max(self.s.n_staff_per_location * len(self.p.locations), 2)
        self.tables.append({
            "name": S.table, "description": f"Employees of {self.p.company} and the {L.one.replace('_', ' ')} they work at.",
            "grain": "one row per employee", "row_count": n, "primary_key": self.sk, "fixed_size": True, "time_column": "hired_on",
            "foreign_keys": [ref(self.lk, L.table, self.lk)],
            "columns": [
                col(self.sk, "INT64", "Unique id of the employee.", seq()),
                col("full_name", "STRING", "Name of the employee.", {"kind": "fake", "field": "name", "locale": self.p.setting.locale}),
                col(self.lk, "INT64", f"The {L.one.replace('_', ' ')} the employee works at.", fk(distribution="cycle")),
                col("role", "STRING", "Job role.", cat(list(self.s.staff_roles))),
                # Hired before the window, after the locations opened: every row of the window
                # can name someone of its own location who already worked there.
                col("hired_on", "DATE", "Date the employee was hired.", ts(months_before(self.p.start, 120), self.p.start - dt.timedelta(days=1), growth=0.05)),
            ],
        })

    def header(self) -> None:
        s, H = self.s, self.s.header
        one = H.one.replace("_", " ")
        dist, mean, lo, hi = s.per_customer
        cpp: J | None = None
        if self.one_off:  # about one each, right after the customer's sign-up
            cpp = {"foreign_key": self.ck, "distribution": dist, "mean": mean, "min": lo}
            if hi is not None:
                cpp["max"] = hi
            customer_fk = fk(exclude_parents=self.gone_before())
        else:
            # Repeat buyers: each transaction's time follows the season exactly and names a
            # customer active then (signed up, not yet churned), some customers more often.
            customer_fk = fk(distribution="zipf", zipf_a=0.35) if dist == "zipf" else fk()
        channels = [c for c, _, _ in s.channels]
        fks = [ref(self.ck, s.customer.table, self.ck)]
        cols = [
            col(self.hk, "INT64", f"Unique id of the {one}.", seq(100001)),
            col(self.ck, "INT64", f"The {s.customer.one.replace('_', ' ')} of the {one}.", customer_fk),
        ]
        if self.lk is not None:
            assert s.location is not None
            fks.append(ref(self.lk, s.location.table, self.lk))
            cols.append(col(self.lk, "INT64", f"The {s.location.one.replace('_', ' ')} of the {one}.", fk(distribution="zipf", zipf_a=0.5)))
        if self.sk is not None:
            assert s.staff is not None
            fks.append(ref(self.sk, s.staff.table, self.sk))
            cols.append(col(self.sk, "INT64", f"The employee who handled the {one} (works at its {s.location.one.replace('_', ' ') if s.location else 'site'}).",
                            fk(match={"column": self.lk, "parent_column": self.lk}, started_by={"column": s.ts, "parent_column": "hired_on"})))
        cols += [
            col(s.ts, "TIMESTAMP", f"When the {one} happened.", ts(self.p.start, self.p.as_of, growth=s.growth, monthly=self.monthly,
                                                                   weekday=list(s.weekday), hourly=list(s.hourly), dates=self.holidays or None,
                                                                   after={"column": self.ck, "parent_column": "signed_up_at", "until": "churned_at",
                                                                          **({"mean_hours": 72.0} if self.one_off else {})})),
            col("channel", "STRING", f"Channel of the {one}.", cat(channels, [w for _, w, _ in s.channels])),
            col("status", "STRING", f"Outcome of the {one}: {', '.join(k for k, _ in s.statuses)}.", cat([k for k, _ in s.statuses], [w for _, w in s.statuses])),
        ]
        if self.region_by_header == "location":
            cols += [col("city", "STRING", f"City of the {one}'s location.", lookup(self.lk or "", "city")),
                     col("region", "STRING", f"Region of the {one}'s location.", lookup(self.lk or "", "region"))]
        else:
            cols += [col("city", "STRING", f"City of the {s.customer.one.replace('_', ' ')}.", lookup(self.ck, "city")),
                     col("region", "STRING", f"Region of the {s.customer.one.replace('_', ' ')}.", lookup(self.ck, "region"))]
        if s.lines is None:
            fks.append(ref(self.ok, s.offering.table, self.ok))
            cols += self._priced(self.ok, own_status=True)
        cols.append(col("notes", "STRING", f"Internal note on the {one} ({self.p.setting.language}).",
                        {"kind": "text", "templates": ["{n}"], "slots": {"n": notes(self.p.setting.language)}}, nullable=0.7))
        self.tables.append({
            "name": H.table, "description": f"Every {one} of {self.p.company}: who, where, when, through which channel and its outcome.",
            "grain": f"one row per {one}", "primary_key": self.hk, "time_column": s.ts,
            **({"children_per_parent": cpp} if cpp else {"row_count": int(round(s.n_customers * mean))}),
            "foreign_keys": fks, "columns": cols,
            "effects": [{"target": "status", "story": "regional_hotspot", "set_value": self.fail, "probability": 0.2,
                         "when": [{"column": "region", "equals": self.hotspot}]}]
            + ([self._anomaly_effect()] if s.lines is None else []),
        })
        if s.lines is None:
            self.amounts[H.table] = "amount"
        void = ", ".join(f"'{v}'" for v in self.void)
        self.metrics += [
            Metric(name="transactions", label=_label(H.table), description=f"Number of {_label(H.table)} that were not {'/'.join(self.void)}.",
                   table=H.table, expression="COUNT(*)", filters=[f"status NOT IN ({void})"], time_column=s.ts, unit="count", format="integer"),
            Metric(name="void_rate", label=f"{self.fail.replace('_', ' ')} rate", description=f"Share of {_label(H.table)} whose status is '{self.fail}'.",
                   table=H.table, expression=f"AVG(CASE WHEN status = '{self.fail}' THEN 1 ELSE 0 END)", time_column=s.ts,
                   unit="ratio", format="percent", additive=False),
        ]
        self.dims += [
            Dimension(name="time", label=f"{one} date", table=H.table, column=s.ts, kind="time", grains=["day", "week", "month", "quarter", "year"]),
            Dimension(name="channel", label="channel", table=H.table, column="channel", kind="channel"),
            Dimension(name="region", label="region", table=H.table, column="region", kind="geography"),
            Dimension(name="status", label="status", table=H.table, column="status", kind="status"),
        ]

    def gone_before(self) -> list[J]:
        """Customers who churned before the window: no transactions in it."""
        return [{"column": "status", "equals": "churned"},
                {"column": "churned_at", "date_to": (self.p.start - dt.timedelta(days=1)).isoformat()}]

    def _priced(self, ok: str, own_status: bool) -> list[J]:
        """Offering, quantity, prices, amount and the anomaly flag of a priced row."""
        s = self.s
        o = s.offering.one.replace("_", " ")
        qmean, qmax = s.quantity
        spread = s.price_spread
        discounts = [0, 2, 5, 10, 15] if spread <= 0.05 else [0, 3, 6, 9, 12]
        weights = [70, 8, 12, 7, 3] if spread <= 0.05 else [30, 25, 22, 15, 8]
        flag, flag_desc, _ = s.flag
        flag_col = col(flag, "BOOL", flag_desc, cat([False, True], [97, 3], cases=[{"when": [{"column": "status", "in_values": self.void}], "values": [False]}]))
        extra = []
        if s.commission is not None:
            name, rate = s.commission
            extra.append(col(name, "NUMERIC", f"{name.replace('_', ' ').capitalize()} in {self.cur} ({rate:.1%} of the amount).",
                             {"kind": "derived", "expression": f"round(amount * {rate}, 2)"}, currency=self.cur))
        if s.amount_model is not None:
            median, sigma = s.amount_model
            return [
                col(ok, "INT64", f"The {o}.", fk(distribution="zipf", zipf_a=0.9)),
                col("amount", "NUMERIC", f"Amount in {self.cur}.", {"kind": "numeric", "distribution": "lognormal", "median": median,
                                                                     "sigma": sigma, "min": 0.5, "round": 2}, currency=self.cur),
                col("quantity", "INT64", f"Number of {s.quantity_word}.", {"kind": "numeric", "distribution": "uniform", "low": 1, "high": 1, "min": 1, "max": 1}),
                *extra, flag_col,
            ]
        return [
            col(ok, "INT64", f"The {o}.", fk(distribution="zipf", zipf_a=0.9)),
            col("quantity", "INT64", f"Number of {s.quantity_word}.",
                {"kind": "numeric", "distribution": "poisson", "mean": qmean + 1, "min": 1, "max": qmax} if qmax > 1
                else {"kind": "numeric", "distribution": "uniform", "low": 1, "high": 1, "min": 1, "max": 1}),
            col("list_price", "NUMERIC", f"List price of the {o} in {self.cur}.", lookup(ok, "list_price"), currency=self.cur),
            col("discount_pct", "INT64", "Discount given, in percent of the list price.", cat(discounts, weights)),
            col("unit_price", "NUMERIC", f"Price paid per unit in {self.cur}.", {"kind": "derived", "expression": "round(list_price * (1 - discount_pct / 100), 2)"}, currency=self.cur),
            col("amount", "NUMERIC", f"Amount in {self.cur}: quantity x unit price.", {"kind": "derived", "expression": "round(quantity * unit_price, 2)"}, currency=self.cur),
            *extra, flag_col,
        ]

    def _anomaly_effect(self) -> J:
        name_col = f"{self.s.offering.one}_name"
        return {"target": self.s.flag[0], "story": "product_anomaly", "set_value": True, "probability": 0.3,
                "when": [{"column": name_col, "via": self.ok, "equals": self.anomaly}]}

    def lines(self) -> None:
        s = self.s
        if s.lines is None:
            return
        LN = s.lines
        one = LN.one.replace("_", " ")
        lk_ = f"{LN.one}_id"
        cols = [
            col(lk_, "INT64", f"Unique id of the {one}.", seq()),
            col(self.hk, "INT64", f"The {s.header.one.replace('_', ' ')} this line belongs to.", fk()),
            col(s.ts, "TIMESTAMP", f"When the {s.header.one.replace('_', ' ')} happened (copied for analysis).", lookup(self.hk, s.ts)),
            col("status", "STRING", f"Status of the {s.header.one.replace('_', ' ')} (copied).", lookup(self.hk, "status")),
            col("channel", "STRING", "Channel (copied).", lookup(self.hk, "channel")),
            col("region", "STRING", "Region (copied).", lookup(self.hk, "region")),
        ]
        cols += self._priced(self.ok, own_status=False)
        cols += [
            col(f"{s.offering.one}_name", "STRING", f"Name of the {s.offering.one.replace('_', ' ')} (copied).", lookup(self.ok, f"{s.offering.one}_name")),
            col("category", "STRING", "Category (copied).", lookup(self.ok, "category")),
        ]
        if s.sellers is not None:
            sk = f"{s.sellers.one}_id"
            cols.append(col(sk, "INT64", f"The {s.sellers.one} who sold it (copied).", lookup(self.ok, sk)))
        lines_mean = 0.8 if s.quantity[1] > 1 else 0.3
        self.tables.append({
            "name": LN.table, "description": f"The {_label(s.offering.table)} on each {s.header.one.replace('_', ' ')}: quantity, price in {self.cur} and amount.",
            "grain": f"one row per {s.offering.one.replace('_', ' ')} on a {s.header.one.replace('_', ' ')}", "primary_key": lk_,
            "children_per_parent": {"foreign_key": self.hk, "distribution": "poisson", "mean": lines_mean, "min": 1, "max": 10},
            "foreign_keys": [ref(self.hk, s.header.table, self.hk), ref(self.ok, s.offering.table, self.ok)],
            "columns": cols, "effects": [self._anomaly_effect()],
        })

    def revenue(self) -> None:
        s = self.s
        void = ", ".join(f"'{v}'" for v in self.void)
        f = [f"status NOT IN ({void})"]
        kind = "net revenue" if s.money == "revenue" else s.money
        self.metrics += [
            Metric(name="revenue", label=kind, description=f"Sum of amounts in {self.cur}, excluding {'/'.join(self.void)} {_label(s.header.table)}.",
                   table=self.fact, expression="SUM(amount)", filters=f, time_column=s.ts, unit="currency", currency=self.cur,
                   format="currency", synonyms=["sales", "turnover"]),
            Metric(name="aov", label=f"average {s.header.one.replace('_', ' ')} value", description=f"Revenue per {s.header.one.replace('_', ' ')} in {self.cur}.",
                   table=self.fact, expression=f"SUM(amount) / COUNT(DISTINCT {self.hk})", filters=f, time_column=s.ts,
                   unit="currency", currency=self.cur, format="currency", additive=False),
            Metric(name="units", label=s.quantity_word, description=f"Number of {s.quantity_word} sold.", table=self.fact,
                   expression="SUM(quantity)", filters=f, time_column=s.ts, unit="quantity", format="integer"),
            Metric(name="flag_rate", label=s.flag[2], description=f"Share of {_label(self.fact)} flagged {s.flag[0]}.", table=self.fact,
                   expression=f"AVG(CASE WHEN {s.flag[0]} THEN 1 ELSE 0 END)", filters=f, time_column=s.ts, unit="ratio", format="percent", additive=False),
        ]
        if s.sellers is not None:
            self.metrics.append(Metric(name="gmv", label="gross merchandise value", description=f"Value of goods sold on the platform in {self.cur}.",
                                       table=self.fact, expression="SUM(amount)", filters=f, time_column=s.ts, unit="currency", currency=self.cur, format="currency"))
        if s.commission is not None:
            name = s.commission[0]
            self.metrics.append(Metric(name="commission", label=name.replace("_", " "), description=f"{name.replace('_', ' ').capitalize()} earned in {self.cur}.",
                                       table=self.fact, expression=f"SUM({name})", filters=f, time_column=s.ts, unit="currency", currency=self.cur, format="currency"))
        if self.fact != s.header.table:
            self.dims += [
                Dimension(name="category", label="category", table=self.fact, column="category", kind="offering"),
                Dimension(name="offering", label=s.offering.one.replace("_", " "), table=self.fact, column=f"{s.offering.one}_name", kind="offering", parent="category"),
                Dimension(name="sales_region", label="region", table=self.fact, column="region", kind="geography"),
                Dimension(name="sales_channel", label="channel", table=self.fact, column="channel", kind="channel"),
            ]

    def children(self) -> None:
        done = {"header": (self.s.header.table, self.hk, self.s.ts, self.void), "customer": (self.s.customer.table, self.ck, "signed_up_at", [])}
        for ch in self.s.children:
            if ch.amount is None and ch.parent_amount is not None and done[ch.parent][0] not in self.amounts:
                ch = dataclasses.replace(ch, parent_amount=None, money_when=(), metric=None if ch.metric and "amount" in ch.metric[2] else ch.metric)
            self._child(ch, done)
            done[ch.table] = (ch.table, f"{ch.one}_id", ch.ts, list(ch.void))

    def _statuses(self, parent: str) -> list[str]:
        if parent == "header":
            return [k for k, _ in self.s.statuses]
        ch = next((c for c in self.s.children if c.table == parent), None)
        return [k for k, _ in ch.statuses] if ch else []

    def _child(self, ch: Child, done: dict[str, tuple[str, str, str, list[str]]]) -> None:
        ptable, pk, pts, pvoid = done[ch.parent]
        key = f"{ch.one}_id"
        one = ch.one.replace("_", " ")
        dist, mean, lo, hi = ch.per_parent
        cpp: J = {"foreign_key": pk, "distribution": dist, "mean": mean, "min": lo}
        if hi is not None:
            cpp["max"] = hi
        if ch.parent == "customer":
            self.exposure(cpp)
        fk_gen = fk(exclude_parents=self.gone_before()) if ch.parent == "customer" else fk()
        if ch.only_under:
            others = [k for k in self._statuses(ch.parent) if k not in ch.only_under]
            fk_gen = fk(exclude_parents=[{"column": "status", "in_values": others}]) if others else fk_gen
        elif pvoid and ch.under_void is None:
            fk_gen = fk(exclude_parents=[{"column": "status", "in_values": pvoid}])
        after: J = {"column": pk, "parent_column": pts, "mean_hours": ch.lag_hours}
        if ch.channel_lags and ch.parent == "header":
            after.update(by="channel", by_via=pk, mean_hours_by={c: max(lag, 0.05) for c, _, lag in self.s.channels})
        if ch.parent == "customer":
            after["until"] = "churned_at"
        cols = [col(key, "INT64", f"Unique id of the {one}.", seq()),
                col(pk, "INT64", f"The {ptable.replace('_', ' ')} row this {one} belongs to.", fk_gen),
                col(ch.ts, "TIMESTAMP", f"When the {one} happened (after its {ptable.replace('_', ' ')} row).", ts(self.p.start, self.p.as_of, after=after))]
        fks = [ref(pk, ptable, pk)]
        if ch.statuses:
            cases = []
            if pvoid and ch.under_void is not None:
                cases = [{"when": [{"column": "status", "via": pk, "in_values": pvoid}],
                          "values": [k for k, _ in ch.under_void], "weights": [w for _, w in ch.under_void]}]
            cols.append(col("status", "STRING", f"Status of the {one}: {', '.join(k for k, _ in ch.statuses)}.",
                            cat([k for k, _ in ch.statuses], [w for _, w in ch.statuses], cases=cases)))
        if ch.ends:
            cols.append(col("ended_at", "TIMESTAMP", f"When the {one} ended (only when it did).",
                            ts(self.p.start, self.p.as_of, after={"column": ch.ts, "mean_hours": 3000, "min_hours": 72}),
                            only_when=[{"column": "status", "in_values": list(ch.ends)}]))
        if ch.offering:
            cols += [col(self.ok, "INT64", f"The {self.s.offering.one.replace('_', ' ')} of the {one}.", fk(distribution="zipf", zipf_a=0.9)),
                     col("price", "NUMERIC", f"Price per period in {self.cur}.", lookup(self.ok, "list_price"), currency=self.cur)]
            fks.append(ref(self.ok, self.s.offering.table, self.ok))
        money_only = [{"column": "status", "in_values": list(ch.money_when)}] if ch.money_when else None
        if ch.parent_amount is not None:
            src, share = ch.parent_amount
            cols += [col("parent_amount", "NUMERIC", f"Amount of the {ptable.replace('_', ' ')} row in {self.cur}.", lookup(pk, self.amounts[ptable]), currency=self.cur),
                     col("amount", "NUMERIC", f"Amount of the {one} in {self.cur}.", {"kind": "derived", "expression": f"round(parent_amount * {share}, 2)"},
                         currency=self.cur, only_when=money_only)]
            self.amounts[ch.table] = "amount"
        elif ch.amount is not None:
            name, median, sigma = ch.amount
            money = is_money(name)
            cols.append(col(name, "NUMERIC" if money else "FLOAT64", f"{name.replace('_', ' ').capitalize()} of the {one}" + (f" in {self.cur}." if money else "."),
                            {"kind": "numeric", "distribution": "lognormal", "median": median, "sigma": sigma, "min": 0.01, "round": 2},
                            currency=self.cur if money else None, only_when=money_only))
            if money:
                self.amounts[ch.table] = name
        for name, desc, values in ch.attributes:
            cols.append(col(name, "STRING", desc, cat([k for k, _ in values], [w for _, w in values])))
        if ch.done is not None:
            dname, dmean = ch.done
            cols.append(col(dname, "TIMESTAMP", f"When the {one} was completed (NULL while under way).",
                            ts(self.p.start, self.p.as_of, after={"column": ch.ts, "mean_hours": dmean, "min_hours": 4}), nullable=0.02))
        if ch.ship_to:
            cols.append(col("ship_to_city", "STRING", f"City the {one} goes to (the {self.s.customer.one.replace('_', ' ')}'s).", lookup(pk, "city")))
        if ch.refunds:
            cols.append(col("refunded_at", "TIMESTAMP", "When the payment was refunded (only for refunds, after the payment).",
                            ts(self.p.start, self.p.as_of, after={"column": ch.ts, "mean_hours": 240, "min_hours": 2}),
                            only_when=[{"column": "status", "equals": "refunded"}]))
        if ch.rating:
            low, mid, high = reviews(self.p.setting.language)
            cols += [
                col("rating", "INT64", "Star rating from 1 to 5.", {"kind": "numeric", "distribution": "normal", "mean": 4.1, "std": 1.1, "min": 1, "max": 5}),
                col("review_text", "STRING", f"What the reviewer wrote ({self.p.setting.language}); agrees with the rating.",
                    {"kind": "text", "templates": ["{t}"], "slots": {"t": mid},
                     "cases": [{"when": [{"column": "rating", "max": 2}], "templates": ["{t}"], "slots": {"t": low}},
                               {"when": [{"column": "rating", "min": 4}], "templates": ["{t}"], "slots": {"t": high}}]}),
            ]
        self.tables.append({
            "name": ch.table, "description": f"{_label(ch.table).capitalize()} of {_label(ptable)}.",
            "grain": f"one row per {one}", "primary_key": key, "time_column": ch.ts, "children_per_parent": cpp,
            "foreign_keys": fks, "columns": cols,
        })
        if ch.metric is not None:
            mname, label, expr, kind = ch.metric
            unit: MetricUnit = {"currency": "currency", "count": "count", "quantity": "quantity", "hours": "hours"}[kind]  # type: ignore[assignment]
            filters = [f"status IN ({', '.join(repr(v) for v in ch.money_when)})"] if ch.money_when and "amount" in expr else []
            self.metrics.append(Metric(name=mname, label=label, description=f"{label.capitalize()} ({_label(ch.table)}).", table=ch.table,
                                       expression=expr, filters=filters, time_column=ch.ts, unit=unit,
                                       currency=self.cur if unit == "currency" else None,
                                       format="currency" if unit == "currency" else "integer"))
        if ch.rating:
            self.metrics.append(Metric(name="average_rating", label="average rating", description="Mean star rating of reviews.",
                                       table=ch.table, expression="AVG(rating)", time_column=ch.ts, unit="score", format="decimal", additive=False))

    # --- stories, queries, glossary ----------------------------------------------------------
    def _cohort(self) -> tuple[dt.date, dt.date, str]:
        """A calendar quarter about 15 months before the run date (inside the window)."""
        first = months_before(self.p.as_of, 15)
        q = (first.month - 1) // 3
        start = dt.date(first.year, q * 3 + 1, 1)
        after = dt.date(start.year + (q == 3), (q * 3 + 3) % 12 + 1, 1)
        return start, after - dt.timedelta(days=1), f"{start.year}-Q{q + 1}"

    def _hotspot_region(self) -> str:
        if self.region_by_header == "location":
            regions = [x.region for x in self.p.locations]
            counts = {r: regions.count(r) for r in regions}
            ranked = sorted(counts, key=lambda r: (-counts[r], regions.index(r)))
        else:
            pop: dict[str, int] = {}
            for x in self.p.customer_places:
                pop[x.region] = pop.get(x.region, 0) + x.population
            ranked = sorted(pop, key=lambda r: -pop[r])
        return ranked[1] if len(ranked) > 1 else ranked[0]

    def _peak_month(self) -> int:
        """The month of the year with the most planned transactions (season, growth, the
        months the window covers, holidays)."""
        w = [0.0] * 12
        d, n = self.p.start, (self.p.as_of - self.p.start).days + 1
        hol = {str(h["date"]): float(str(h["factor"])) for h in self.holidays}
        for i in range(n):
            day = d + dt.timedelta(days=i)
            w[day.month - 1] += self.monthly[day.month - 1] * (1 + self.s.growth) ** (i / 365.25) * self.s.weekday[day.weekday()] * hol.get(day.isoformat(), 1.0)
        return max(range(12), key=lambda m: w[m]) + 1

    def stories_and_queries(self) -> None:
        s, H, C = self.s, self.s.header.table, self.s.customer.table
        peak = self._peak_month()
        flag_noun = s.flag[2]
        oname = f"{s.offering.one}_name"
        self.stories = [
            {"name": "regional_hotspot", "kind": "regional_hotspot",
             "description": f"{_label(H).capitalize()} in {self.hotspot} end as '{self.fail}' far more often than elsewhere.",
             "params": {"region": self.hotspot, "status": self.fail}, "expected_top": self.hotspot},
            {"name": "churn_cohort", "kind": "churn_cohort",
             "description": f"{_label(C).capitalize()} who signed up in {self.cohort[2]} churned at about 4x the usual rate.",
             "params": {"cohort": self.cohort[2]}, "expected_top": self.cohort[2]},
            {"name": "product_anomaly", "kind": "product_anomaly",
             "description": f"'{self.anomaly}' has a {flag_noun} about 8x higher than the rest of the catalogue.",
             "params": {"product": self.anomaly}, "expected_top": self.anomaly},
            {"name": "seasonal_peak", "kind": "seasonal_peak",
             "description": f"{_label(H).capitalize()} peak in {MONTHS[peak - 1]}.", "params": {"month": peak}, "expected_top": str(peak)},
        ]
        m = {x.name.removesuffix("_count") if x.name.endswith("_count") else x.name: x for x in self.metrics}
        d = {x.name: x for x in self.dims}
        rev = m["revenue"]
        q: list[tuple[str, str, str, str | None]] = []
        q.append(("simple", f"What was our {rev.label} per year?", metric_sql(rev, grain="year"), None))
        q.append(("simple", f"How many {_label(H)} did we have each month?", metric_sql(m["transactions"], grain="month"), None))
        q.append(("simple", f"How many {_label(C)} signed up per year?", metric_sql(m["customers"], grain="year"), None))
        q.append(("simple", f"How many {_label(H)} came through each channel?",
                  ranked(metric_sql(m["transactions"], by=d["channel"]), "channel", m["transactions"].name), None))
        if "category" in d:
            q.append(("simple", f"What is our {rev.label} by category?", ranked(metric_sql(rev, by=d["category"]), "category", rev.name), None))
            q.append(("medium", f"Which 10 {_label(s.offering.table)} bring in the most {rev.label}?",
                      ranked(metric_sql(rev, by=d["offering"]), "offering", rev.name) + " LIMIT 10", None))
            q.append(("medium", f"What is the {m['aov'].label} per month?", metric_sql(m["aov"], grain="month"), None))
            q.append(("medium", f"What is our {rev.label} by region?", ranked(metric_sql(rev, by=d["sales_region"]), "sales_region", rev.name), None))
        else:
            q.append(("medium", f"What is the {m['aov'].label} per month?", metric_sql(m["aov"], grain="month"), None))
            q.append(("medium", f"Which 10 {_label(s.offering.table)} bring in the most {rev.label}?",
                      f"SELECT o.{oname}, ROUND(SUM(h.amount), 2) AS revenue FROM {H} h JOIN {s.offering.table} o ON o.{self.ok} = h.{self.ok} "
                      f"WHERE h.status NOT IN ({', '.join(repr(v) for v in self.void)}) GROUP BY o.{oname} ORDER BY revenue DESC LIMIT 10", None))
        q.append(("medium", f"How many {_label(C)} do we have per segment?",
                  ranked(metric_sql(m["customers"], by=d["segment"]), "segment", m["customers"].name), None))
        q.append(("medium", f"In which month of the year do we have the most {_label(H)}?",
                  f"SELECT EXTRACT(MONTH FROM {s.ts}) AS month_of_year, COUNT(*) AS {s.header.one}_count FROM {H} "
                  f"GROUP BY month_of_year ORDER BY {s.header.one}_count DESC", "seasonal_peak"))
        q.append(("hard", f"Which region has the highest {m['void_rate'].label}?",
                  f"SELECT region, COUNT(*) AS {s.header.one}_count, ROUND(100 * COUNTIF(status = '{self.fail}') / COUNT(*), 1) AS {self.fail}_rate_pct "
                  f"FROM {H} GROUP BY region HAVING COUNT(*) >= 30 ORDER BY {self.fail}_rate_pct DESC", "regional_hotspot"))
        flag = s.flag[0]
        q.append(("hard", f"Which {s.offering.one.replace('_', ' ')} has an unusually high {flag_noun}?",
                  f"SELECT o.{oname}, COUNT(*) AS row_count, ROUND(100 * COUNTIF(f.{flag}) / COUNT(*), 1) AS flagged_pct "
                  f"FROM {self.fact} f JOIN {s.offering.table} o ON o.{self.ok} = f.{self.ok} "
                  f"WHERE f.status NOT IN ({', '.join(repr(v) for v in self.void)}) GROUP BY o.{oname} HAVING COUNT(*) >= 20 "
                  f"ORDER BY flagged_pct DESC LIMIT 10", "product_anomaly"))
        q.append(("hard", f"Which sign-up cohort of {_label(C)} churned the most?",
                  f"WITH cohorts AS (SELECT CONCAT(CAST(EXTRACT(YEAR FROM signed_up_at) AS STRING), '-Q', "
                  f"CAST(EXTRACT(QUARTER FROM signed_up_at) AS STRING)) AS cohort, status FROM {C}) "
                  f"SELECT cohort, COUNT(*) AS {s.customer.one}_count, ROUND(100 * COUNTIF(status = 'churned') / COUNT(*), 1) AS churn_rate_pct "
                  f"FROM cohorts GROUP BY cohort HAVING COUNT(*) >= 10 ORDER BY churn_rate_pct DESC", "churn_cohort"))
        q.append(("hard", f"What share of {rev.label} comes from our top 20% of {_label(C)}?",
                  f"WITH per_{s.customer.one} AS (SELECT h.{self.ck}, SUM(f.amount) AS revenue FROM {self.fact} f "
                  + (f"JOIN {H} h ON h.{self.hk} = f.{self.hk} " if self.fact != H else f"JOIN {H} h ON h.{self.hk} = f.{self.hk} ")
                  + f"WHERE f.status NOT IN ({', '.join(repr(v) for v in self.void)}) GROUP BY h.{self.ck}), "
                  f"ranked AS (SELECT revenue, NTILE(5) OVER (ORDER BY revenue DESC) AS quintile FROM per_{s.customer.one}) "
                  f"SELECT quintile, COUNT(*) AS {s.customer.one}_count, ROUND(SUM(revenue), 2) AS revenue, "
                  f"ROUND(100 * SUM(revenue) / (SELECT SUM(revenue) FROM per_{s.customer.one}), 1) AS share_pct FROM ranked GROUP BY quintile ORDER BY quintile", None))
        q.append(("expert", f"How did {rev.label} in each region change year over year?",
                  f"WITH yearly AS (SELECT region, EXTRACT(YEAR FROM {s.ts}) AS year, SUM(amount) AS revenue FROM {self.fact} "
                  f"WHERE status NOT IN ({', '.join(repr(v) for v in self.void)}) GROUP BY region, year) "
                  f"SELECT region, year, ROUND(revenue, 2) AS revenue, ROUND(100 * (revenue - LAG(revenue) OVER (PARTITION BY region ORDER BY year)) "
                  f"/ LAG(revenue) OVER (PARTITION BY region ORDER BY year), 1) AS yoy_growth_pct FROM yearly ORDER BY region, year", None))
        q.append(("expert", f"How many days does it take a {s.customer.one.replace('_', ' ')} to come back for a second {s.header.one.replace('_', ' ')}, by segment?",
                  f"WITH seq AS (SELECT {self.ck}, {s.ts}, ROW_NUMBER() OVER (PARTITION BY {self.ck} ORDER BY {s.ts}) AS n FROM {H}), "
                  f"pairs AS (SELECT a.{self.ck}, TIMESTAMP_DIFF(b.{s.ts}, a.{s.ts}, DAY) AS days_to_second FROM seq a "
                  f"JOIN seq b ON b.{self.ck} = a.{self.ck} AND a.n = 1 AND b.n = 2) "
                  f"SELECT c.segment, COUNT(*) AS repeat_{s.customer.one}_count, ROUND(AVG(pairs.days_to_second), 1) AS avg_days_to_second "
                  f"FROM pairs JOIN {C} c ON c.{self.ck} = pairs.{self.ck} GROUP BY c.segment ORDER BY avg_days_to_second", None))
        if self.sk is not None and s.staff is not None and s.location is not None:
            ln = f"{s.location.one}_name"
            q.append(("expert", f"Who is the top employee by {rev.label} at each {s.location.one.replace('_', ' ')}?",
                      f"WITH by_staff AS (SELECT l.{ln}, e.full_name, SUM(f.amount) AS revenue FROM {self.fact} f "
                      + (f"JOIN {H} h ON h.{self.hk} = f.{self.hk} " if self.fact != H else f"JOIN {H} h ON h.{self.hk} = f.{self.hk} ")
                      + f"JOIN {s.staff.table} e ON e.{self.sk} = h.{self.sk} JOIN {s.location.table} l ON l.{self.lk} = h.{self.lk} "
                      f"WHERE f.status NOT IN ({', '.join(repr(v) for v in self.void)}) GROUP BY l.{ln}, e.full_name), "
                      f"ranked AS (SELECT {ln}, full_name, revenue, RANK() OVER (PARTITION BY {ln} ORDER BY revenue DESC) AS rnk FROM by_staff) "
                      f"SELECT {ln}, full_name AS top_employee, ROUND(revenue, 2) AS revenue FROM ranked WHERE rnk = 1 ORDER BY revenue DESC", None))
        for name, label, num, den in s.ratios:
            a, b = m.get(num), m.get(den)
            if a is None or b is None or not a.time_column or not b.time_column:
                continue
            q.append(("expert", f"What is our {label} per year?",
                      f"WITH n AS ({metric_sql(a, grain='year')}), d AS ({metric_sql(b, grain='year')}) "
                      f"SELECT d.year_start, ROUND(n.{a.name}, 2) AS {a.name}, ROUND(d.{b.name}, 2) AS {b.name}, "
                      f"ROUND(100 * n.{a.name} / d.{b.name}, 1) AS {name}_pct FROM d LEFT JOIN n ON n.year_start = d.year_start "
                      f"ORDER BY d.year_start", None))
            self.glossary_extra.append({"term": label, "definition": f"{a.label.capitalize()} divided by {b.label} ({a.expression} over "
                                        f"{a.table} / {b.expression} over {b.table}).", "synonyms": []})
        for x in self.metrics:  # the children's own measures, per month
            if x.table not in (H, C, self.fact) and x.time_column:
                q.append(("medium", f"How did {x.label} develop per month?", metric_sql(x, grain="month"), None))
        self.queries = [{"difficulty": dd, "question": qq, "sql": sql, "pattern": pat} for dd, qq, sql, pat in q]

    def glossary_terms(self) -> None:
        self.glossary = [{"term": x.label, "definition": f"{x.description} Defined as {x.expression} over {x.table}"
                          + (f" where {' AND '.join(x.filters)}" if x.filters else "") + (f" ({x.currency})" if x.currency else "") + ".",
                          "synonyms": list(x.synonyms)} for x in self.metrics]
        self.glossary.append({"term": self.p.company, "definition": f"The business this dataset describes ({self.p.sub_industry or self.s.label}).",
                              "synonyms": ["we", "us", "our company"]})
        self.glossary += self.glossary_extra
        self.glossary.append({"term": "Currency", "definition": f"Every money column is in {self.cur} (ISO 4217).", "synonyms": [self.cur]})

    def _unshadow(self) -> None:
        """A metric named like a table (``customers``) would alias a table in its SQL,
        which BigQuery reads as the row itself: such metrics are counts, named ``*_count``."""
        tables = {t["name"] for t in self.tables}
        self.metrics = [m.model_copy(update={"name": f"{m.name}_count"}) if m.name in tables else m for m in self.metrics]

    def build(self) -> J:
        self.places()
        self.locations()
        self.sellers()
        self.customers()
        self.offerings()
        self.staff()
        self.header()
        self.lines()
        self.revenue()
        self.children()
        shadowed = {m.name for m in self.metrics} & {t["name"] for t in self.tables}
        self._unshadow()
        self.stories_and_queries()
        self.glossary_terms()
        wanted = [f"{x}_count" if x in shadowed else x for x in self.s.kpis]
        kpis = [x for x in wanted if any(mm.name == x for mm in self.metrics)]
        return {
            "name": f"{self.s.key.replace('.', '_')}_demo", "industry": self.s.industry, "shape": self.s.key,
            "description": f"{self.s.label}: {self.s.blurb}", "seed": self.p.seed, "tables": self.tables,
            "glossary": self.glossary, "stories": self.stories, "golden_queries": self.queries,
            "kpis": [next(mm.label for mm in self.metrics if mm.name == x) for x in kpis],
            "semantic": {"metrics": [x.model_dump(mode="json", exclude_defaults=True) for x in self.metrics],
                         "dimensions": [x.model_dump(mode="json", exclude_defaults=True) for x in self.dims]},
            "country": self.p.setting.country, "currency": self.cur, "language": self.p.setting.language,
            "locale": self.p.setting.locale, "as_of": self.p.as_of.isoformat(),
        }


def compose(shape: Shape, prospect: Prospect) -> J:
    return Composer(shape, prospect).build()
