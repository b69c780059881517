"""The transaction tables of a composed spec: the header (orders, visits, policies ...),
its line items with prices and the anomaly flag, revenue metrics, and the shape's child
tables (payments, shipments, claims ...) with their consistency rules.
"""

from __future__ import annotations

import dataclasses

from demoforge.spec.semantic import Dimension, Metric, MetricUnit
from demoforge.synth.templates.compose_base import ComposerBase
from demoforge.synth.templates.compose_columns import (
    J,
    _label,
    cat,
    col,
    fk,
    is_money,
    lookup,
    ref,
    seq,
    ts,
)
from demoforge.synth.templates.locale import notes, reviews
from demoforge.synth.templates.shape_model import Child


class TransactionParts(ComposerBase):
    """Parts that append the transactions, their line items and child tables."""

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
            "grain": f"one row per {one}", "about": {"role": "transactions", "entity": H.one}, "primary_key": self.hk, "time_column": s.ts,
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
            "about": {"role": "lines", "entity": s.offering.one, "of": s.header.one},
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
        else:
            # The header names the offering itself (a policy's coverage, a booking's room):
            # the catalogue's category and name slice it through the join, so product
            # stories and questions exist for these shapes too.
            self.dims += [
                # Named apart from the line-item dimensions: the template's own queries
                # read those off the fact table.
                Dimension(name="catalogue_category", label="category", table=s.offering.table, column="category",
                          kind="offering"),
                Dimension(name="catalogue_offering", label=s.offering.one.replace("_", " "), table=s.offering.table,
                          column=f"{s.offering.one}_name", kind="offering", parent="catalogue_category"),
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
        parent_one = pk.removesuffix("_id")  # every parent's key is "<its one>_id"
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
            "grain": f"one row per {one}", "primary_key": key, "about": {"role": "child", "entity": ch.one, "of": parent_one}, "time_column": ch.ts, "children_per_parent": cpp,
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
