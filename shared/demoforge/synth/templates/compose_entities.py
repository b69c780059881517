"""The entity tables of a composed spec: places, the business's locations, sellers,
customers (sign-ups, segments, churn), the catalogue of offerings and staff.
"""

from __future__ import annotations

import datetime as dt

from demoforge.spec.semantic import Dimension, Metric
from demoforge.synth.templates.calendar import months_before
from demoforge.synth.templates.compose_base import ComposerBase
from demoforge.synth.templates.compose_columns import J, _label, cat, col, fk, lookup, ref, seq, ts


class EntityParts(ComposerBase):
    """Parts that append the entity tables (and their metrics and dimensions)."""

    def places(self) -> None:
        ps = self.p.customer_places
        self.tables.append({
            "name": "places", "description": f"Real cities of {self.p.setting.country} where customers live, with region and population.",
            "grain": "one row per city", "about": {"role": "places", "entity": "city", "of": self.s.customer.one},
            "row_count": len(ps), "primary_key": "place_id", "fixed_size": True,
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
            "grain": f"one row per {L.one.replace('_', ' ')}", "about": {"role": "locations", "entity": L.one},
            "row_count": len(ls), "primary_key": self.lk, "fixed_size": True,
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
            "grain": f"one row per {S.one}", "about": {"role": "sellers", "entity": S.one, "of": self.s.offering.one},
            "row_count": 400, "primary_key": sk, "fixed_size": True,
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
            "grain": f"one row per {one}", "about": {"role": "customers", "entity": C.one},
            "row_count": self.s.n_customers, "primary_key": self.ck, "time_column": "signed_up_at",
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
            "grain": f"one row per {one}", "about": {"role": "offerings", "entity": off.one},
            "row_count": len(items), "primary_key": self.ok, "fixed_size": True,
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
            "grain": "one row per employee", "about": {"role": "staff", "entity": S.one, "of": L.one},
            "row_count": n, "primary_key": self.sk, "fixed_size": True, "time_column": "hired_on",
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
