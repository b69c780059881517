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

This module builds the core tables and the stories; the shared golden queries are in
``queries``, the industry tables in ``extras``, the vocabulary in ``profile``.
"""

from __future__ import annotations

from typing import Any

from demoforge.spec.model import DatasetSpec
from demoforge.synth.templates.extras import EXTRAS
from demoforge.synth.templates.parts import categorical, column, foreign_key, reference, timestamp
from demoforge.synth.templates.profile import (
    CITIES,
    COHORT,
    END,
    MONTH_NAMES,
    SIGNUP_START,
    Profile,
)
from demoforge.synth.templates.queries import core_queries


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
            column(lk, "INT64", f"Unique id of the {l_}.", {"kind": "sequence"}),
            column(f"{l_}_name", "STRING", f"Display name of the {l_} (city and format).", categorical(loc_names, cycle=True)),
            column("city", "STRING", f"City where the {l_} is located.", categorical([c for c, _ in cities], cycle=True)),
            column("region", "STRING", f"Sales region of the {l_} (Northeast, Midwest, Southeast, Southwest, West).",
               categorical([r for _, r in cities], cycle=True)),
            column(f"{l_}_format", "STRING", f"Format of the {l_}.", categorical(p.loc_kinds, cycle=True)),
            column("opened_on", "DATE", f"Date the {l_} opened.", timestamp("2008-01-01", "2022-12-31")),
            column("capacity", "INT64", f"Size of the {l_} (staff seats, beds, bays or square metres / 10, depending on format).",
               {"kind": "numeric", "distribution": "lognormal", "median": 120, "sigma": 0.4, "min": 20}),
        ],
    })
    cust_cols = [
        column(ck, "INT64", f"Unique id of the {c_}.", {"kind": "sequence"}),
        column("full_name", "STRING", f"Name of the {c_}" + (" contact person." if p.b2b else "."), {"kind": "fake", "field": "name"}),
    ]
    if p.b2b:
        cust_cols.append(column("company_name", "STRING", f"Legal name of the {c_} organisation.", {"kind": "fake", "field": "company", "pool_size": 5000}))
    cust_cols += [
        column("email", "STRING", f"Contact e-mail of the {c_} (unique).", {"kind": "fake", "field": "email", "source": "full_name"}),
        column("phone", "STRING", "Contact phone number.", {"kind": "fake", "field": "phone"}, nullable=0.08),
        column("city", "STRING", f"Home city of the {c_}.", {"kind": "fake", "field": "city", "pool_size": 400}),
        column("segment", "STRING", f"Commercial segment of the {c_}.", categorical([s for s, _ in p.segments], [w for _, w in p.segments])),
        column("acquisition_channel", "STRING", f"How the {c_} was acquired.",
           categorical(["Organic search", "Paid search", "Referral", "Social", "Partner", "Direct"], [28, 22, 14, 16, 8, 12])),
        column("signed_up_at", "TIMESTAMP", f"When the {c_} signed up / became a {c_}.",
           timestamp(SIGNUP_START, END, growth=0.3, weekday=p.weekday, hourly=p.hourly)),
        column("status", "STRING", f"Whether the {c_} is still active or has churned.", categorical(["active", "churned"], [89, 11])),
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
            column(pk, "INT64", f"Unique id of the {p_}.", {"kind": "sequence"}),
            column(f"{p_}_name", "STRING", f"Name of the {p_}.", categorical(names, cycle=True), role="product_name"),
            column("category", "STRING", f"Category of the {p_}.", categorical([c for _, c in p.products], cycle=True), role="product_category"),
            column("list_price", "NUMERIC", f"Current list price of one unit of the {p_}, in USD.",
               {"kind": "numeric", "distribution": "lognormal", "median": p.price[0], "sigma": p.price[1], "min": 1, "round": 2}),
            column("launched_on", "DATE", f"Date the {p_} was launched.", timestamp("2015-01-01", "2022-12-31")),
            column("is_active", "BOOL", f"Whether the {p_} is still sold.", {"kind": "boolean", "probability": 0.92}),
        ],
    })
    tables.append({
        "name": S, "description": f"Employees who handle {H.replace('_', ' ')} ({', '.join(p.roles[:3])}), with their {l_} and manager.",
        "grain": "one row per employee", "row_count": p.n_staff, "primary_key": sk,
        "foreign_keys": [reference(lk, L, lk), reference("manager_id", S, sk)],
        "columns": [
            column(sk, "INT64", "Unique id of the employee.", {"kind": "sequence"}),
            column("full_name", "STRING", "Name of the employee.", {"kind": "fake", "field": "name"}),
            column(lk, "INT64", f"The {l_} the employee works at.", foreign_key()),
            column("role", "STRING", "Job role.", categorical(p.roles)),
            column("manager_id", "INT64", "The employee's manager (the most senior employee is their own manager).", foreign_key()),
            column("hired_on", "DATE", "Date the employee was hired.", timestamp("2012-01-01", "2024-12-31", growth=0.1)),
        ],
    })
    hotspot_effect = {
        "target": "status", "story": "regional_hotspot", "set_value": p.fail_status, "probability": 0.22,
        "when": [{"column": "region", "via": lk, "equals": p.hotspot}],
    }
    tables.append({
        "name": H, "description": f"Every {h_} placed with the business: who, where, when, through which channel and its outcome.",
        "grain": f"one row per {h_}", "row_count": p.n_headers, "primary_key": hk,
        "foreign_keys": [reference(ck, C, ck), reference(lk, L, lk), reference(sk, S, sk)],
        "columns": [
            column(hk, "INT64", f"Unique id of the {h_}.", {"kind": "sequence", "start": 100001}),
            column(ck, "INT64", f"The {c_} who placed the {h_}.", foreign_key(0.7)),
            column(lk, "INT64", f"The {l_} that served the {h_}.", foreign_key(0.4)),
            column(sk, "INT64", f"The employee who handled the {h_}.", foreign_key()),
            column(p.ts, "TIMESTAMP", f"When the {h_} was placed (UTC).", timestamp(
                growth=p.growth, monthly=p.monthly, weekday=p.weekday, hourly=p.hourly, holidays=p.holidays,
                after={"column": ck, "parent_column": "signed_up_at"})),
            column("channel", "STRING", f"Channel through which the {h_} was placed.", categorical(channels, [w for _, w in p.channels])),
            column("status", "STRING", f"Outcome of the {h_}: {', '.join(statuses)}.", categorical(statuses, [w for _, w in p.statuses])),
            column("notes", "STRING", f"Free-text note on the {h_}.", {"kind": "text", "templates": ["{a} {h}, {b}.", "{b} - {a} {h}."],
               "slots": {"a": ["Standard", "Priority", "Repeat", "First", "Rush"], "h": [h_], "b": ["no issues", "customer called", "follow-up needed", "handled by phone", "requested update"]}},
               nullable=0.3),
        ],
        "effects": [hotspot_effect],
    })
    tables.append({
        "name": LN, "description": f"The {P.replace('_', ' ')} on each {h_}, with quantity, price and whether it had a {flag_noun}.",
        "grain": f"one row per {p_} on a {h_}", "primary_key": f"{i_}_id",
        "children_per_parent": {"foreign_key": hk, "distribution": "poisson", "mean": p.lines_mean, "min": 1, "max": 12},
        "foreign_keys": [reference(hk, H, hk), reference(pk, P, pk)],
        "columns": [
            column(f"{i_}_id", "INT64", f"Unique id of the {i_.replace('_', ' ')}.", {"kind": "sequence"}),
            column(hk, "INT64", f"The {h_} this line belongs to.", foreign_key()),
            column(pk, "INT64", f"The {p_} on this line.", foreign_key(0.6)),
            column("quantity", "INT64", "Units on this line.", {"kind": "numeric", "distribution": "poisson", "mean": p.qty_mean + 1, "min": 1, "max": 20}),
            column("unit_price", "NUMERIC", f"Price of one unit in USD (the {p_}'s list price).", {"kind": "lookup", "via": pk, "column": "list_price"}),
            column("amount", "NUMERIC", f"Line {p.money} in USD: quantity x unit price.", {"kind": "derived", "expression": "round(quantity * unit_price, 2)"}),
            column(flag, "BOOL", flag_desc, {"kind": "boolean", "probability": 0.035}),
        ],
        "effects": [{
            "target": flag, "story": "product_anomaly", "set_value": True, "probability": 0.3,
            "when": [{"column": f"{p_}_name", "via": pk, "equals": anomaly_name}],
        }],
    })
    queries = core_queries(p, anomaly_name)
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
