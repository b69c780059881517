"""The 1-3 industry tables a template adds to its shared core (``EXTRAS``, by name):
support tickets, reviews, payments, shipments, web sessions, metered usage, inventory
snapshots and campaign touches, each with its golden queries."""

from __future__ import annotations

from typing import Any

from demoforge.synth.templates.parts import categorical, column, foreign_key, reference, timestamp
from demoforge.synth.templates.profile import HOURS_DAY, HOURS_EVENING, WEEKDAY_OFFICE, Profile


def _tickets(p: Profile) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    C, c_ = p.cust
    ck = f"{c_}_id"
    table = {
        "name": "support_tickets", "description": f"Support requests raised by {C.replace('_', ' ')}, with category, priority, resolution time and satisfaction score.",
        "grain": "one row per support ticket", "row_count": p.n_customers // 2, "primary_key": "ticket_id",
        "foreign_keys": [reference(ck, C, ck)],
        "columns": [
            column("ticket_id", "STRING", "Ticket number.", {"kind": "sequence", "prefix": "TCK-", "width": 7}),
            column(ck, "INT64", f"The {c_} who raised the ticket.", foreign_key(0.5)),
            column("opened_at", "TIMESTAMP", "When the ticket was opened (UTC).", timestamp(weekday=WEEKDAY_OFFICE, hourly=HOURS_DAY, after={"column": ck, "parent_column": "signed_up_at"})),
            column("category", "STRING", "What the ticket is about.", categorical(p.ticket_categories)),
            column("priority", "STRING", "Priority assigned at triage.", categorical(["low", "medium", "high", "urgent"], [40, 35, 20, 5])),
            column("resolution_hours", "FLOAT64", "Hours from opening to resolution (NULL while open).",
               {"kind": "numeric", "distribution": "lognormal", "median": 14, "sigma": 0.9, "round": 1}, nullable=0.06),
            column("satisfaction_score", "INT64", "Customer satisfaction survey score 1-5 (NULL when not answered).",
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
        "foreign_keys": [reference(pk, P, pk), reference(ck, C, ck)],
        "columns": [
            column("review_id", "INT64", "Unique id of the review.", {"kind": "sequence"}),
            column(pk, "INT64", f"The {p_} reviewed.", foreign_key(0.6)),
            column(ck, "INT64", f"The {c_} who wrote the review.", foreign_key(0.5)),
            column("rating", "INT64", "Star rating 1-5.", {"kind": "numeric", "distribution": "normal", "mean": 4.2, "std": 0.9, "min": 1, "max": 5}),
            column("reviewed_at", "TIMESTAMP", "When the review was posted (UTC).", timestamp(hourly=HOURS_EVENING, after={"column": ck, "parent_column": "signed_up_at"})),
            column("review_text", "STRING", "Short review text.", {"kind": "text", "templates": ["{a} {n}, {b}.", "{b}; {a} overall."],
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
        "foreign_keys": [reference(hk, H, hk)],
        "columns": [
            column("payment_id", "STRING", "Unique id of the payment.", {"kind": "uuid"}),
            column(hk, "INT64", f"The {h_} paid for.", foreign_key()),
            column("method", "STRING", "Payment method.", categorical(methods, [w for _, w in p.payment_methods])),
            column("payment_status", "STRING", "Outcome of the payment.", categorical(["captured", "failed", "refunded"], [93, 4, 3])),
            column("paid_at", "TIMESTAMP", f"When the payment was taken (after the {h_}).", timestamp(after={"column": hk, "parent_column": p.ts, "mean_hours": 20})),
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
        "foreign_keys": [reference(hk, H, hk)],
        "columns": [
            column("shipment_id", "INT64", "Unique id of the shipment.", {"kind": "sequence"}),
            column(hk, "INT64", f"The {h_} shipped.", foreign_key()),
            column("carrier", "STRING", "Carrier that delivered the shipment.", categorical(p.carriers)),
            column("shipped_at", "TIMESTAMP", f"When the shipment left (after the {h_}).", timestamp(after={"column": hk, "parent_column": p.ts, "mean_hours": 26})),
            column("delivered_at", "TIMESTAMP", "When the shipment was delivered (NULL if in transit or lost).",
               timestamp(after={"column": "shipped_at", "mean_hours": 52, "min_hours": 6}), nullable=0.03),
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
        "foreign_keys": [reference(ck, C, ck)],
        "columns": [
            column("session_id", "STRING", "Unique id of the session.", {"kind": "uuid"}),
            column(ck, "INT64", f"The signed-in {c_}.", foreign_key(0.6)),
            column("started_at", "TIMESTAMP", "When the session started (UTC).", timestamp(growth=0.3, hourly=HOURS_EVENING, after={"column": ck, "parent_column": "signed_up_at"})),
            column("device", "STRING", "Device type.", categorical(devices, [w for _, w in p.devices])),
            column("pages_viewed", "INT64", "Pages viewed in the session.", {"kind": "numeric", "distribution": "lognormal", "median": 4, "sigma": 0.7, "min": 1}),
            column("converted", "BOOL", "Whether the session ended in a purchase/booking.", {"kind": "boolean", "probability": 0.06}),
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
        "foreign_keys": [reference(ck, C, ck)],
        "columns": [
            column("usage_id", "INT64", "Unique id of the usage record.", {"kind": "sequence"}),
            column(ck, "INT64", f"The {c_} whose usage this is.", foreign_key(0.7)),
            column("usage_date", "DATE", "Day of the usage (UTC).", timestamp(growth=0.3, after={"column": ck, "parent_column": "signed_up_at"})),
            column("metric", "STRING", f"What was metered: {', '.join(metrics)}.", categorical(metrics)),
            column("quantity", "FLOAT64", "Amount used that day in the metric's unit.",
               {"kind": "numeric", "distribution": "lognormal", "median": 10, "sigma": 0.8, "round": 2}),
            column("is_billable", "BOOL", "Whether the usage is billed (outside the plan's allowance).", {"kind": "boolean", "probability": 0.3}),
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
        "foreign_keys": [reference(pk, P, pk), reference(lk, L, lk)],
        "columns": [
            column("snapshot_id", "INT64", "Unique id of the stock count.", {"kind": "sequence"}),
            column(pk, "INT64", f"The {p_.replace('_', ' ')} counted.", foreign_key()),
            column(lk, "INT64", f"The {l_} where stock was counted.", foreign_key()),
            column("counted_on", "DATE", "Date of the stock count.", timestamp(weekday=[1, 0, 0, 0, 0, 0, 0])),
            column("is_stockout", "BOOL", "Whether the item was out of stock at the count.", {"kind": "boolean", "probability": 0.04}),
            column("on_hand", "INT64", "Units on hand at the count (0 when out of stock).",
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
        "foreign_keys": [reference(ck, C, ck)],
        "columns": [
            column("touch_id", "INT64", "Unique id of the message.", {"kind": "sequence"}),
            column(ck, "INT64", f"The {c_} the message was sent to.", foreign_key(0.4)),
            column("campaign", "STRING", "Marketing campaign name.", categorical(p.campaigns)),
            column("channel", "STRING", "Channel the message went out on.", categorical(["email", "sms", "push", "direct_mail"], [60, 15, 20, 5])),
            column("sent_at", "TIMESTAMP", "When the message was sent (UTC).", timestamp(hourly=HOURS_DAY, after={"column": ck, "parent_column": "signed_up_at"})),
            column("opened", "BOOL", "Whether the message was opened.", {"kind": "boolean", "probability": 0.28}),
            column("clicked", "BOOL", "Whether a link in the message was clicked.", {"kind": "boolean", "probability": 0.2}),
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
