"""Specs with a semantic layer for content, story and language tests.

- ``derive_layer(spec)``: metrics and dimensions for today's archetype templates (a header
  table with a status, its lines with an amount, locations with regions, customers with
  segments, the catalogue, staff and the industry tables), found from the tables'
  structure rather than from their names, so it works for every template.
- ``online_shop_spec()``: a realistic, hand-written spec of a German coffee roaster's web
  shop in EUR, the way the shapes templates define theirs: revenue on orders excluding
  cancelled and refunded orders, order lines with costs, shipments with delivery days,
  customers in real German states, a catalogue with categories and suppliers.
"""

from __future__ import annotations

from typing import Any

from demoforge.spec.model import DatasetSpec
from demoforge.spec.semantic import Dimension, Metric, SemanticLayer
from demoforge.synth.templates import customise, get_template, template_names

GRAINS = ["day", "week", "month", "quarter", "year"]


def _singular(name: str) -> str:
    words = name.split("_")
    last = words[-1]
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith(("ses", "xes")):
        last = last[:-2]
    elif last.endswith("s"):
        last = last[:-1]
    return " ".join([*words[:-1], last])


def derive_layer(spec: DatasetSpec, currency: str = "USD") -> SemanticLayer:
    by = {t.name: t for t in spec.tables}
    header = next(t for t in spec.tables if {"status", "channel"} <= {c.name for c in t.columns}
                  and len(t.foreign_keys) >= 3)
    line = next(t for t in spec.tables if t.children_per_parent is not None
                and (fk := t.fk(t.children_per_parent.foreign_key)) is not None
                and fk.references_table == header.name)
    loc = next(by[f.references_table] for f in header.foreign_keys if "region" in {c.name for c in by[f.references_table].columns})
    cust = next(by[f.references_table] for f in header.foreign_keys if "segment" in {c.name for c in by[f.references_table].columns})
    staff = next(by[f.references_table] for f in header.foreign_keys if "role" in {c.name for c in by[f.references_table].columns})
    prod = next(by[f.references_table] for f in line.foreign_keys if f.references_table != header.name)
    ts = next(c.name for c in header.columns if c.type == "TIMESTAMP")
    fail = next(s.params["status"] for s in spec.stories if s.kind == "regional_hotspot")
    flag = next(c.name for c in line.columns if c.type == "BOOL")
    gl = [g.term.replace("_", " ").lower() for g in spec.glossary]
    money, fail_label, flag_label = gl[0], gl[1], gl[2]
    h = _singular(header.name)
    loc_name = next(c.name for c in loc.columns if c.name.endswith("_name"))
    prod_name = next(c.name for c in prod.columns if c.name.endswith("_name"))
    metrics = [
        Metric(name="revenue", label=money, description=f"Sum of line amounts on {header.name}.", table=line.name,
               expression="SUM(amount)", unit="currency", currency=currency, format="currency"),
        Metric(name="units", label="units sold", description="Units on all lines.", table=line.name,
               expression="SUM(quantity)", unit="quantity", format="integer"),
        Metric(name="transactions", label=f"{h}s", description=f"Every {h} that did not end {fail}.",
               table=header.name, expression="COUNT(*)", filters=[f"status != '{fail}'"], time_column=ts,
               format="integer"),
        Metric(name="fail_rate", label=fail_label, description=f"Share of {header.name} that ended {fail}.",
               table=header.name, expression=f"AVG(IF(status = '{fail}', 1, 0))", time_column=ts,
               unit="percent", format="percent", additive=False),
        Metric(name="flag_rate", label=flag_label, description=f"Share of lines flagged {flag}.", table=line.name,
               expression=f"AVG(IF({flag}, 1, 0))", unit="percent", format="percent", additive=False),
        Metric(name="churn_rate", label="churn rate", description="Share of customers who churned.", table=cust.name,
               expression="AVG(IF(status = 'churned', 1, 0))", time_column="signed_up_at", unit="percent",
               format="percent", additive=False),
        Metric(name="new_customers", label="customers", description="Customers by sign-up date.", table=cust.name,
               expression="COUNT(*)", time_column="signed_up_at", format="integer"),
    ]
    if "reviews" in by:
        metrics.append(Metric(name="avg_rating", label="average rating", description="Mean review rating (1-5).",
                              table="reviews", expression="AVG(rating)", time_column="reviewed_at", unit="score",
                              additive=False))
    if "web_sessions" in by:
        metrics.append(Metric(name="conversion_rate", label="conversion rate", description="Sessions that converted.",
                              table="web_sessions", expression="AVG(IF(converted, 1, 0))", time_column="started_at",
                              unit="percent", format="percent", additive=False))
    extra_dims: list[Dimension] = []
    if "support_tickets" in by:
        metrics.append(Metric(name="resolution_hours", label="resolution time", description="Hours to resolve a ticket.",
                              table="support_tickets", expression="AVG(resolution_hours)", time_column="opened_at",
                              unit="hours", additive=False))
        metrics.append(Metric(name="satisfaction", label="satisfaction score", description="Mean satisfaction (1-5).",
                              table="support_tickets", expression="AVG(satisfaction_score)", time_column="opened_at",
                              unit="score", additive=False))
        extra_dims += [Dimension(name="ticket_category", label="request type", table="support_tickets",
                                 column="category", kind="other"),
                       Dimension(name="priority", label="priority", table="support_tickets", column="priority",
                                 kind="other")]
    if "payments" in by:
        metrics.append(Metric(name="payment_failure_rate", label="payment failure rate",
                              description="Share of payments that failed.", table="payments",
                              expression="AVG(IF(payment_status = 'failed', 1, 0))", time_column="paid_at",
                              unit="percent", format="percent", additive=False))
        extra_dims.append(Dimension(name="payment_method", label="payment method", table="payments", column="method",
                                    kind="other"))
    if "inventory_snapshots" in by:
        metrics.append(Metric(name="stockout_rate", label="stockout rate", description="Stock counts at zero.",
                              table="inventory_snapshots", expression="AVG(IF(is_stockout, 1, 0))",
                              time_column="counted_on", unit="percent", format="percent", additive=False))
    if "campaign_touches" in by:
        metrics.append(Metric(name="click_rate", label="click-through rate", description="Messages clicked.",
                              table="campaign_touches", expression="AVG(IF(clicked, 1, 0))", time_column="sent_at",
                              unit="percent", format="percent", additive=False))
        extra_dims.append(Dimension(name="campaign", label="campaign", table="campaign_touches", column="campaign",
                                    kind="other"))
    if "shipments" in by and {"carrier", "shipped_at", "delivered_at"} <= {c.name for c in by["shipments"].columns}:
        metrics.append(Metric(name="delivery_hours", label="delivery time", description="Hours from dispatch to delivery.",
                              table="shipments", expression="AVG(TIMESTAMP_DIFF(delivered_at, shipped_at, HOUR))",
                              time_column="shipped_at", unit="hours", additive=False))
        extra_dims.append(Dimension(name="carrier", label="carrier", table="shipments", column="carrier", kind="other"))
    dims = [
        Dimension(name="region", label="region", table=loc.name, column="region", kind="geography"),
        Dimension(name="location", label="location", table=loc.name, column=loc_name, kind="geography", parent="region"),
        Dimension(name="category", label="category", table=prod.name, column="category", kind="offering"),
        Dimension(name="product", label="product", table=prod.name, column=prod_name, kind="offering", parent="category"),
        Dimension(name="channel", label="channel", table=header.name, column="channel", kind="channel"),
        Dimension(name="segment", label="customer segment", table=cust.name, column="segment", kind="segment"),
        Dimension(name="acquisition_channel", label="acquisition channel", table=cust.name,
                  column="acquisition_channel", kind="channel"),
        Dimension(name="employee", label="employee", table=staff.name, column="full_name", kind="staff"),
        Dimension(name="order_date", label="date", table=header.name, column=ts, kind="time", grains=GRAINS),
        *extra_dims,
    ]
    return SemanticLayer(metrics=metrics, dimensions=dims)


def template_with_layer(industry: str, rows: int = 20_000, currency: str = "USD") -> DatasetSpec:
    research = {"company_name": "Acme", "industry": industry, "sub_industry": "", "business_model": "B2C",
                "products_services": [], "kpis": [], "evidence": [], "confidence": 0.9, "source": "offline"}
    from demoforge.domain.results import ResearchResult

    spec = customise(get_template(industry), ResearchResult.model_validate(research), rows=rows)
    if spec.semantic.metrics:  # the shapes define their own layer: that is the one to test
        return spec
    layer = derive_layer(spec, currency)
    return DatasetSpec.model_validate({**spec.model_dump(mode="json"), "semantic": layer.model_dump(mode="json")})


def all_templates() -> list[str]:
    return template_names()


# --------------------------------------------------------------------------- online shop

def _col(name: str, typ: str, desc: str, gen: dict[str, Any] | None = None, **kw: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "type": typ, "description": desc, **kw}
    if gen is not None:
        out["generator"] = gen
    return out


STATES = ["Bayern", "Nordrhein-Westfalen", "Baden-Württemberg", "Niedersachsen", "Hessen", "Berlin", "Sachsen", "Hamburg"]
CITIES = ["München", "Köln", "Stuttgart", "Hannover", "Frankfurt am Main", "Berlin", "Leipzig", "Hamburg"]
PRODUCTS = [
    ("SIDAMO Bio Bohnen", "Kaffeebohnen", "Äthiopien Direkt", 27.9, 11.2),
    ("Espresso Napoli", "Kaffeebohnen", "Rösterei Süd", 19.9, 7.9),
    ("Colombia Huila", "Kaffeebohnen", "Finca Partner", 22.5, 9.4),
    ("Brasil Santos", "Kaffeebohnen", "Finca Partner", 16.9, 6.8),
    ("Entkoffeiniert Mexico", "Kaffeebohnen", "Rösterei Süd", 21.9, 9.1),
    ("Handfilter Set", "Zubehör", "Brühwerk GmbH", 34.0, 15.5),
    ("Milchkännchen 600 ml", "Zubehör", "Brühwerk GmbH", 18.5, 7.0),
    ("Kaffeemühle Classic", "Zubehör", "Mahlgut AG", 89.0, 41.0),
    ("Cold Brew Flasche", "Zubehör", "Brühwerk GmbH", 24.9, 10.2),
    ("Probierpaket", "Geschenke", "Rösterei Süd", 29.9, 12.9),
    ("Gutschein 50 €", "Geschenke", "Rösterei Süd", 50.0, 50.0),
    ("Barista-Kurs", "Kurse", "Rösterei Süd", 79.0, 30.0),
]


def online_shop_dict(orders: int = 20_000, currency: str = "EUR") -> dict[str, Any]:
    names = [p[0] for p in PRODUCTS]
    tables = [
        {"name": "customers", "description": "Everyone who ordered from the shop.", "grain": "one row per customer",
         "row_count": max(200, orders // 3), "primary_key": "customer_id",
         "columns": [
             _col("customer_id", "INT64", "Customer id.", {"kind": "sequence"}),
             _col("state", "STRING", "German state of the delivery address.",
                  {"kind": "categorical", "values": STATES, "weights": [18, 21, 13, 10, 9, 8, 6, 5]}),
             _col("segment", "STRING", "Customer segment.",
                  {"kind": "categorical", "values": ["Privatkunde", "Abo-Kunde", "Geschäftskunde"], "weights": [70, 22, 8]}),
             _col("acquisition_channel", "STRING", "How the customer found the shop.",
                  {"kind": "categorical", "values": ["Suche", "Empfehlung", "Instagram", "Newsletter"], "weights": [40, 25, 20, 15]}),
             _col("signed_up_at", "TIMESTAMP", "When the customer registered.",
                  {"kind": "timestamp", "start": "2023-01-01", "end": "2025-12-31", "growth": 0.3}),
             _col("status", "STRING", "active or churned.",
                  {"kind": "categorical", "values": ["active", "churned"], "weights": [88, 12]}),
         ]},
        {"name": "products", "description": "The catalogue: coffees, equipment, gifts and courses.",
         "grain": "one row per product", "row_count": len(PRODUCTS), "primary_key": "product_id", "fixed_size": True,
         "columns": [
             _col("product_id", "INT64", "Product id.", {"kind": "sequence"}),
             _col("product_name", "STRING", "Name in the shop.", {"kind": "categorical", "values": names, "cycle": True}),
             _col("category", "STRING", "Category.", {"kind": "categorical", "values": [p[1] for p in PRODUCTS], "cycle": True}),
             _col("supplier", "STRING", "Who supplies the product.", {"kind": "categorical", "values": [p[2] for p in PRODUCTS], "cycle": True}),
             _col("list_price", "NUMERIC", f"Price in {currency}.", {"kind": "categorical", "values": [p[3] for p in PRODUCTS], "cycle": True}),
             _col("unit_cost", "NUMERIC", f"Cost of one unit in {currency}.", {"kind": "categorical", "values": [p[4] for p in PRODUCTS], "cycle": True}),
         ]},
        {"name": "orders", "description": "Orders placed in the web shop.", "grain": "one row per order",
         "row_count": orders, "primary_key": "order_id",
         "foreign_keys": [{"column": "customer_id", "references_table": "customers", "references_column": "customer_id"}],
         "columns": [
             _col("order_id", "INT64", "Order id.", {"kind": "sequence", "start": 100001}),
             _col("customer_id", "INT64", "Who ordered.", {"kind": "foreign_key", "distribution": "zipf", "zipf_a": 0.8}),
             _col("ordered_at", "TIMESTAMP", "When the order was placed (UTC).",
                  {"kind": "timestamp", "start": "2023-01-01", "end": "2025-12-31", "growth": 0.25,
                   "monthly": [0.9, 0.8, 0.9, 0.95, 1.0, 0.9, 0.85, 0.85, 1.0, 1.1, 1.3, 1.6],
                   "after": {"column": "customer_id", "parent_column": "signed_up_at"}}),
             _col("shipping_state", "STRING", "German state the order is delivered to.",
                  {"kind": "lookup", "via": "customer_id", "column": "state"}),
             _col("channel", "STRING", "Where the order was placed.",
                  {"kind": "categorical", "values": ["Webshop", "App", "Marktplatz", "Telefon"], "weights": [62, 18, 14, 6]}),
             _col("payment_method", "STRING", "How the order was paid.",
                  {"kind": "categorical", "values": ["PayPal", "Kreditkarte", "Rechnung", "Lastschrift"], "weights": [45, 25, 20, 10]}),
             _col("status", "STRING", "completed, cancelled or refunded.",
                  {"kind": "categorical", "values": ["completed", "cancelled", "refunded"], "weights": [90, 6, 4]}),
             _col("net_amount", "NUMERIC", f"Order value net of VAT in {currency}.",
                  {"kind": "numeric", "distribution": "lognormal", "median": 38, "sigma": 0.55, "min": 5, "round": 2}),
         ]},
        {"name": "order_items", "description": "The products on each order.", "grain": "one row per product on an order",
         "primary_key": "item_id",
         "children_per_parent": {"foreign_key": "order_id", "distribution": "poisson", "mean": 1.6, "min": 1, "max": 8},
         "foreign_keys": [{"column": "order_id", "references_table": "orders", "references_column": "order_id"},
                          {"column": "product_id", "references_table": "products", "references_column": "product_id"}],
         "columns": [
             _col("item_id", "INT64", "Line id.", {"kind": "sequence"}),
             _col("order_id", "INT64", "The order.", {"kind": "foreign_key"}),
             _col("product_id", "INT64", "The product.", {"kind": "foreign_key", "distribution": "zipf", "zipf_a": 0.7}),
             _col("ordered_at", "TIMESTAMP", "When the order was placed (copied from the order).",
                  {"kind": "lookup", "via": "order_id", "column": "ordered_at"}),
             _col("quantity", "INT64", "Units.", {"kind": "numeric", "distribution": "poisson", "mean": 1.4, "min": 1, "max": 10}),
             _col("unit_price", "NUMERIC", "Price per unit.", {"kind": "lookup", "via": "product_id", "column": "list_price"}),
             _col("unit_cost", "NUMERIC", "Cost per unit.", {"kind": "lookup", "via": "product_id", "column": "unit_cost"}),
             _col("amount", "NUMERIC", "quantity x unit price.", {"kind": "derived", "expression": "round(quantity * unit_price, 2)"}),
             _col("cost", "NUMERIC", "quantity x unit cost.", {"kind": "derived", "expression": "round(quantity * unit_cost, 2)"}),
             _col("is_returned", "BOOL", "Whether the line was sent back.", {"kind": "boolean", "probability": 0.04}),
         ]},
        {"name": "shipments", "description": "Parcels sent for orders.", "grain": "one row per shipment",
         "primary_key": "shipment_id",
         "children_per_parent": {"foreign_key": "order_id", "distribution": "fixed", "mean": 1},
         "foreign_keys": [{"column": "order_id", "references_table": "orders", "references_column": "order_id"}],
         "columns": [
             _col("shipment_id", "INT64", "Shipment id.", {"kind": "sequence"}),
             _col("order_id", "INT64", "The order.",
                  {"kind": "foreign_key", "exclude_parents": [{"column": "status", "in_values": ["cancelled"]}]}),
             _col("carrier", "STRING", "Parcel service.",
                  {"kind": "categorical", "values": ["DHL", "Hermes", "DPD", "GLS"], "weights": [50, 20, 18, 12]}),
             _col("shipped_at", "TIMESTAMP", "When the parcel left.",
                  {"kind": "timestamp", "start": "2023-01-01", "end": "2025-12-31",
                   "after": {"column": "order_id", "parent_column": "ordered_at", "min_hours": 2, "mean_hours": 20}}),
             _col("delivery_days", "FLOAT64", "Days from dispatch to delivery.",
                  {"kind": "numeric", "distribution": "lognormal", "median": 2.0, "sigma": 0.35, "min": 0.5, "round": 1}),
         ]},
    ]
    cur = currency
    layer = {
        "metrics": [
            {"name": "net_revenue", "label": "net revenue", "description": "Order value net of VAT, without cancelled or refunded orders.",
             "table": "orders", "expression": "SUM(net_amount)", "filters": ["status NOT IN ('cancelled', 'refunded')"],
             "time_column": "ordered_at", "unit": "currency", "currency": cur, "format": "currency", "synonyms": ["sales", "turnover"]},
            {"name": "orders", "label": "orders", "description": "Orders placed, without cancelled ones.", "table": "orders",
             "expression": "COUNT(*)", "filters": ["status != 'cancelled'"], "time_column": "ordered_at", "format": "integer"},
            {"name": "average_order_value", "label": "average order value", "description": "Net order value per completed order.",
             "table": "orders", "expression": "AVG(net_amount)", "filters": ["status = 'completed'"], "time_column": "ordered_at",
             "unit": "currency", "currency": cur, "format": "currency", "additive": False, "synonyms": ["AOV", "basket size"]},
            {"name": "cancellation_rate", "label": "cancellation rate", "description": "Share of orders cancelled.",
             "table": "orders", "expression": "AVG(IF(status = 'cancelled', 1, 0))", "time_column": "ordered_at",
             "unit": "percent", "format": "percent", "additive": False},
            {"name": "units_sold", "label": "units sold", "description": "Units on order lines.", "table": "order_items",
             "expression": "SUM(quantity)", "time_column": "ordered_at", "unit": "quantity", "format": "integer"},
            {"name": "line_revenue", "label": "gross revenue", "description": "Line amounts (list price x quantity).",
             "table": "order_items", "expression": "SUM(amount)", "time_column": "ordered_at", "unit": "currency",
             "currency": cur, "format": "currency"},
            {"name": "gross_margin", "label": "gross margin", "description": "Line amount minus cost, as a share of the amount.",
             "table": "order_items", "expression": "SAFE_DIVIDE(SUM(amount - cost), SUM(amount))", "time_column": "ordered_at",
             "unit": "percent", "format": "percent", "additive": False},
            {"name": "return_rate", "label": "return rate", "description": "Share of order lines sent back.",
             "table": "order_items", "expression": "AVG(IF(is_returned, 1, 0))", "time_column": "ordered_at",
             "unit": "percent", "format": "percent", "additive": False},
            {"name": "avg_delivery_days", "label": "delivery time", "description": "Average days from dispatch to delivery.",
             "table": "shipments", "expression": "AVG(delivery_days)", "time_column": "shipped_at", "unit": "days",
             "format": "decimal", "additive": False},
            {"name": "churn_rate", "label": "churn rate", "description": "Share of customers who churned, by sign-up date.",
             "table": "customers", "expression": "AVG(IF(status = 'churned', 1, 0))", "time_column": "signed_up_at",
             "unit": "percent", "format": "percent", "additive": False},
        ],
        "dimensions": [
            {"name": "state", "label": "region", "table": "orders", "column": "shipping_state", "kind": "geography"},
            {"name": "segment", "label": "customer segment", "table": "customers", "column": "segment", "kind": "segment"},
            {"name": "acquisition_channel", "label": "acquisition channel", "table": "customers", "column": "acquisition_channel", "kind": "channel"},
            {"name": "channel", "label": "sales channel", "table": "orders", "column": "channel", "kind": "channel"},
            {"name": "payment_method", "label": "payment method", "table": "orders", "column": "payment_method", "kind": "other"},
            {"name": "category", "label": "category", "table": "products", "column": "category", "kind": "offering"},
            {"name": "product", "label": "product", "table": "products", "column": "product_name", "kind": "offering", "parent": "category"},
            {"name": "supplier", "label": "supplier", "table": "products", "column": "supplier", "kind": "other"},
            {"name": "carrier", "label": "carrier", "table": "shipments", "column": "carrier", "kind": "other"},
            {"name": "order_date", "label": "order date", "table": "orders", "column": "ordered_at", "kind": "time", "grains": GRAINS},
        ],
    }
    return {"name": "kaffee_shop", "industry": "retail_ecommerce",
            "description": "A German coffee roaster's web shop: customers, catalogue, orders, lines and parcels.",
            "seed": 11, "tables": tables, "kpis": ["net revenue", "average order value", "food cost %", "return rate"],
            "glossary": [{"term": "AOV", "definition": "Average order value.", "synonyms": ["basket size"]}],
            "semantic": layer}


def online_shop_spec(orders: int = 20_000, currency: str = "EUR") -> DatasetSpec:
    return DatasetSpec.model_validate(online_shop_dict(orders, currency))
