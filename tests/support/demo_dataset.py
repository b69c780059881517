"""A small hand-built demo dataset (spec + Parquet) for warehouse/content tests.

It does not depend on the synth engine: tables are written with numpy/pyarrow from a
fixed seed, with the four story kinds planted so the golden queries have something to
find (a regional hotspot, a December peak, a product with abnormal returns, a churned
signup cohort). The 14 golden queries are BigQuery SQL with unqualified table names,
the convention the templates use.
"""

from __future__ import annotations

import datetime as dt
import decimal
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from demoforge.service.ports import SynthEngine
from demoforge.spec.model import DatasetSpec

REGIONS = ["North-East", "South", "Midwest", "West", "Mountain"]
PRODUCTS = [("Trail Shoe", "Footwear", "89.00"), ("Rain Jacket", "Apparel", "120.00"),
            ("Camp Stove", "Gear", "45.50"), ("Headlamp", "Gear", "29.99"),
            ("Wool Socks", "Apparel", "14.00"), ("Tent 2P", "Gear", "249.00"),
            ("Daypack", "Bags", "65.00"), ("Water Filter", "Gear", "39.90")]
ANOMALY_PRODUCT = "Headlamp"


def _col(name: str, typ: str, desc: str, **kw: Any) -> dict[str, Any]:
    return {"name": name, "type": typ, "description": desc, **kw}


GOLDEN = [
    ("How many orders have been placed?", "SELECT COUNT(*) AS orders FROM orders", "simple", None),
    ("How many customers do we have in each region?",
     "SELECT r.region_name, COUNT(*) AS customers FROM customers c JOIN regions r USING (region_id) "
     "GROUP BY r.region_name ORDER BY customers DESC, r.region_name", "simple", None),
    ("What is the total revenue?",
     "SELECT ROUND(SUM(amount), 2) AS revenue FROM order_items", "simple", None),
    ("Which product categories sell the most units?",
     "SELECT p.category, SUM(i.quantity) AS units FROM order_items i JOIN products p USING (product_id) "
     "GROUP BY p.category ORDER BY units DESC", "medium", None),
    ("What is the revenue by month?",
     "SELECT DATE_TRUNC(o.order_date, MONTH) AS month, ROUND(SUM(i.amount), 2) AS revenue "
     "FROM orders o JOIN order_items i USING (order_id) GROUP BY month ORDER BY month",
     "medium", "december_peak"),
    ("Which region brings in the most revenue?",
     "SELECT r.region_name, ROUND(SUM(i.amount), 2) AS revenue FROM order_items i "
     "JOIN orders o USING (order_id) JOIN customers c USING (customer_id) "
     "JOIN regions r USING (region_id) GROUP BY r.region_name ORDER BY revenue DESC",
     "medium", "north_east_hotspot"),
    ("On which day of the week do we get the most orders?",
     "SELECT EXTRACT(DAYOFWEEK FROM order_date) AS day_of_week, COUNT(*) AS orders FROM orders "
     "GROUP BY day_of_week ORDER BY orders DESC, day_of_week", "medium", None),
    ("Which product has the highest return rate?",
     "SELECT p.product_name, ROUND(SAFE_DIVIDE(COUNTIF(o.status = 'returned'), COUNT(*)), 3) AS return_rate "
     "FROM order_items i JOIN orders o USING (order_id) JOIN products p USING (product_id) "
     "GROUP BY p.product_name ORDER BY return_rate DESC, p.product_name", "hard", "headlamp_returns"),
    ("What is the average order value by sales channel?",
     "WITH totals AS (SELECT order_id, SUM(amount) AS order_value FROM order_items GROUP BY order_id) "
     "SELECT o.channel, ROUND(AVG(t.order_value), 2) AS avg_order_value FROM orders o "
     "JOIN totals t USING (order_id) GROUP BY o.channel ORDER BY avg_order_value DESC", "hard", None),
    ("How does each month's revenue compare with the month before?",
     "WITH m AS (SELECT DATE_TRUNC(o.order_date, MONTH) AS month, SUM(i.amount) AS revenue "
     "FROM orders o JOIN order_items i USING (order_id) GROUP BY month) "
     "SELECT month, ROUND(revenue, 2) AS revenue, ROUND(SAFE_DIVIDE(revenue - LAG(revenue) OVER (ORDER BY month), "
     "LAG(revenue) OVER (ORDER BY month)), 3) AS change_vs_prior FROM m ORDER BY month", "hard", None),
    ("Which signup cohort stopped ordering in the second half of 2024?",
     "SELECT FORMAT_DATE('%Y-Q%Q', c.signup_date) AS cohort, COUNT(DISTINCT c.customer_id) AS customers, "
     "COUNT(DISTINCT IF(o.order_date >= DATE '2024-07-01', c.customer_id, NULL)) AS active_h2_2024, "
     "ROUND(1 - SAFE_DIVIDE(COUNT(DISTINCT IF(o.order_date >= DATE '2024-07-01', c.customer_id, NULL)), "
     "COUNT(DISTINCT c.customer_id)), 3) AS churn_rate "
     "FROM customers c LEFT JOIN orders o USING (customer_id) GROUP BY cohort ORDER BY churn_rate DESC, cohort",
     "expert", "q1_2023_churn"),
    ("Who are the top 5 customers by lifetime revenue?",
     "SELECT c.customer_name, ROUND(SUM(i.amount), 2) AS lifetime_revenue FROM customers c "
     "JOIN orders o USING (customer_id) JOIN order_items i USING (order_id) "
     "GROUP BY c.customer_name ORDER BY lifetime_revenue DESC, c.customer_name LIMIT 5", "hard", None),
    ("What share of revenue does each region contribute in December versus the rest of the year?",
     "SELECT r.region_name, ROUND(SUM(IF(EXTRACT(MONTH FROM o.order_date) = 12, i.amount, 0)), 2) AS december, "
     "ROUND(SUM(IF(EXTRACT(MONTH FROM o.order_date) != 12, i.amount, 0)), 2) AS rest_of_year "
     "FROM order_items i JOIN orders o USING (order_id) JOIN customers c USING (customer_id) "
     "JOIN regions r USING (region_id) GROUP BY r.region_name ORDER BY december DESC", "expert", None),
    ("Which products rank first in units within each category?",
     "SELECT p.category, p.product_name, SUM(i.quantity) AS units FROM order_items i "
     "JOIN products p USING (product_id) GROUP BY p.category, p.product_name "
     "QUALIFY ROW_NUMBER() OVER (PARTITION BY p.category ORDER BY SUM(i.quantity) DESC, p.product_name) = 1 "
     "ORDER BY units DESC", "expert", None),
]


def spec_dict(orders: int = 1500) -> dict[str, Any]:
    return {
        "name": "outdoor_shop", "industry": "retail_ecommerce",
        "description": "An outdoor-gear retailer: customers, products, orders and order lines.",
        "seed": 7,
        "kpis": ["revenue", "average order value", "return rate"],
        "tables": [
            {"name": "regions", "description": "Sales regions.", "grain": "one row per region",
             "row_count": len(REGIONS), "primary_key": "region_id", "fixed_size": True,
             "columns": [_col("region_id", "INT64", "Region id."),
                         _col("region_name", "STRING", "Region name.")]},
            {"name": "customers", "description": "People who bought from the shop.",
             "grain": "one row per customer", "row_count": 200, "primary_key": "customer_id",
             "foreign_keys": [{"column": "region_id", "references_table": "regions", "references_column": "region_id"}],
             "columns": [_col("customer_id", "INT64", "Customer id."),
                         _col("customer_name", "STRING", "Full name."),
                         _col("region_id", "INT64", "Home region."),
                         _col("signup_date", "DATE", "Day the customer signed up.")]},
            {"name": "products", "description": "The catalogue.", "grain": "one row per product",
             "row_count": len(PRODUCTS), "primary_key": "product_id", "fixed_size": True,
             "columns": [_col("product_id", "INT64", "Product id."),
                         _col("product_name", "STRING", "Product name."),
                         _col("category", "STRING", "Product category."),
                         _col("unit_price", "NUMERIC", "List price in USD.")]},
            {"name": "orders", "description": "Orders placed.", "grain": "one row per order",
             "row_count": orders, "primary_key": "order_id",
             "foreign_keys": [{"column": "customer_id", "references_table": "customers", "references_column": "customer_id"}],
             "columns": [_col("order_id", "INT64", "Order id."),
                         _col("customer_id", "INT64", "Who ordered."),
                         _col("order_date", "DATE", "Order day."),
                         _col("ordered_at", "TIMESTAMP", "Order time (UTC)."),
                         _col("status", "STRING", "completed, returned or cancelled."),
                         _col("channel", "STRING", "web, app or store.")]},
            {"name": "order_items", "description": "Order lines.", "grain": "one row per order line",
             "primary_key": "item_id",
             "foreign_keys": [{"column": "order_id", "references_table": "orders", "references_column": "order_id"},
                              {"column": "product_id", "references_table": "products", "references_column": "product_id"}],
             "columns": [_col("item_id", "INT64", "Line id."),
                         _col("order_id", "INT64", "Order."),
                         _col("product_id", "INT64", "Product."),
                         _col("quantity", "INT64", "Units."),
                         _col("amount", "FLOAT64", "Line revenue in USD.")]},
        ],
        "stories": [
            {"name": "north_east_hotspot", "kind": "regional_hotspot", "description": "North-East customers spend far more."},
            {"name": "december_peak", "kind": "seasonal_peak", "description": "December orders triple."},
            {"name": "headlamp_returns", "kind": "product_anomaly", "description": "Headlamps come back four times as often."},
            {"name": "q1_2023_churn", "kind": "churn_cohort", "description": "Customers who signed up in Q1 2023 stopped ordering after June 2024."},
        ],
        "glossary": [{"term": "AOV", "definition": "Average order value.", "synonyms": ["basket size"]}],
        "golden_queries": [
            {"question": q, "sql": s, "difficulty": d, "pattern": p} for q, s, d, p in GOLDEN
        ],
    }


def make_spec(orders: int = 1500) -> DatasetSpec:
    return DatasetSpec.model_validate(spec_dict(orders))


def write_parquet(spec: DatasetSpec, out_dir: Path, seed: int = 7) -> dict[str, tuple[Path, int]]:
    """Deterministic data for ``make_spec``; returns {table: (path, rows)}."""
    rng = np.random.default_rng(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    n_cust = spec.table("customers").row_count or 200
    n_orders = spec.table("orders").row_count or 1500
    tables: dict[str, pa.Table] = {}
    tables["regions"] = pa.table({"region_id": pa.array(range(1, len(REGIONS) + 1), pa.int64()),
                                  "region_name": REGIONS})
    start = dt.date(2023, 1, 1)
    signup = [start + dt.timedelta(days=int(d)) for d in rng.integers(0, 540, n_cust)]
    cust_region = rng.choice(np.arange(1, 6), n_cust, p=[0.2, 0.25, 0.2, 0.2, 0.15])
    tables["customers"] = pa.table({
        "customer_id": pa.array(range(1, n_cust + 1), pa.int64()),
        "customer_name": [f"Customer {i:04d}" for i in range(1, n_cust + 1)],
        "region_id": pa.array(cust_region, pa.int64()),
        "signup_date": pa.array(signup, pa.date32()),
    })
    tables["products"] = pa.table({
        "product_id": pa.array(range(1, len(PRODUCTS) + 1), pa.int64()),
        "product_name": [p[0] for p in PRODUCTS], "category": [p[1] for p in PRODUCTS],
        "unit_price": pa.array([decimal.Decimal(p[2]) for p in PRODUCTS], pa.decimal128(38, 9)),
    })
    # Orders over 2023-01..2024-12; December weighted x3 (seasonal peak).
    days = np.array([(dt.date(2023, 1, 1) + dt.timedelta(days=i)) for i in range(731)])
    w = np.array([3.0 if d.month == 12 else 1.0 for d in days])
    cust = rng.integers(1, n_cust + 1, n_orders * 2)
    date_idx = rng.choice(len(days), n_orders * 2, p=w / w.sum())
    q1_2023 = {i + 1 for i, s in enumerate(signup) if s < dt.date(2023, 4, 1)}
    rows_c, rows_d = [], []
    for c, di in zip(cust, date_idx, strict=True):
        d = days[di]
        if d < signup[c - 1] or (c in q1_2023 and d >= dt.date(2024, 7, 1)):
            continue  # no order before signup; the Q1-2023 cohort churns mid-2024
        rows_c.append(int(c))
        rows_d.append(d)
        if len(rows_c) == n_orders:
            break
    n = len(rows_c)
    hours = rng.integers(0, 24, n)
    tables["orders"] = pa.table({
        "order_id": pa.array(range(1, n + 1), pa.int64()),
        "customer_id": pa.array(rows_c, pa.int64()),
        "order_date": pa.array(rows_d, pa.date32()),
        "ordered_at": pa.array([dt.datetime(d.year, d.month, d.day, int(h), tzinfo=dt.UTC)
                                for d, h in zip(rows_d, hours, strict=True)], pa.timestamp("us", tz="UTC")),
        "status": rng.choice(["completed", "returned", "cancelled"], n, p=[0.9, 0.06, 0.04]).tolist(),
        "channel": rng.choice(["web", "app", "store"], n, p=[0.5, 0.3, 0.2]).tolist(),
    })
    lines = rng.integers(1, 4, n)
    item_order = np.repeat(np.arange(1, n + 1), lines)
    item_prod = rng.integers(1, len(PRODUCTS) + 1, len(item_order))
    qty = rng.integers(1, 4, len(item_order))
    price = np.array([float(PRODUCTS[p - 1][2]) for p in item_prod])
    region_of_order = cust_region[np.array(rows_c) - 1][item_order - 1]
    amount = np.round(price * qty * np.where(region_of_order == 1, 2.0, 1.0), 2)  # NE hotspot
    tables["order_items"] = pa.table({
        "item_id": pa.array(range(1, len(item_order) + 1), pa.int64()),
        "order_id": pa.array(item_order, pa.int64()),
        "product_id": pa.array(item_prod, pa.int64()),
        "quantity": pa.array(qty, pa.int64()),
        "amount": pa.array(amount, pa.float64()),
    })
    # Headlamp orders are returned far more often (product anomaly).
    status = tables["orders"].column("status").to_pylist()
    lamp = PRODUCTS.index(next(p for p in PRODUCTS if p[0] == ANOMALY_PRODUCT)) + 1
    for o in set(item_order[item_prod == lamp].tolist()):
        if rng.random() < 0.3:
            status[o - 1] = "returned"
    tables["orders"] = tables["orders"].set_column(4, "status", pa.array(status))
    out = {}
    for name, table in tables.items():
        path = out_dir / f"{name}.parquet"
        pq.write_table(table, path)
        out[name] = (path, table.num_rows)
    return out


# ----------------------------------------------------------------- phase test helpers

RESEARCH: dict[str, Any] = {
    "company_name": "Summit & Trail <Outfitters>",  # markup on purpose: must be escaped
    "industry": "retail_ecommerce",
    "sub_industry": "outdoor gear retail",
    "business_model": "B2C",
    "products_services": ["trail shoes", "rain jackets", "tents"],
    "kpis": ["revenue", "return rate"],
    "evidence": [{"quote": "Gear for every trail since 1998.", "source_url": "https://summit.example/about"}],
    "confidence": 0.92,
    "source": "offline",
}


class FakeGenerated:
    """Stands in for ``synth.generate.GeneratedTable`` (name, path, rows)."""

    def __init__(self, name: str, path: Path, rows: int) -> None:
        self.name, self.path, self.rows = name, path, rows


class FakeSynthEngine(SynthEngine):
    """A ``SynthEngine`` writing the small hand-made dataset of ``write_parquet``: the
    synth engine is another module's job; phase tests pin the phase's own logic."""

    def __init__(self) -> None:
        self.calls: list[int] = []  # the seed of every call

    def generate(self, spec: DatasetSpec, out_dir: Path, *, seed: int) -> dict[str, FakeGenerated]:
        self.calls.append(seed)
        return {n: FakeGenerated(n, p, r) for n, (p, r) in write_parquet(spec, out_dir, seed).items()}


def new_job(deps: Any, job_id: str, spec: DatasetSpec, research: dict[str, Any] | None = None) -> None:
    from demoforge.domain.job import JobDoc

    job = JobDoc(job_id=job_id, customer_url="https://summit.example/", created_by="ce@example.com",
                 results={"research": dict(research or RESEARCH)})
    deps.store.create(job)
    deps.artifacts.put(job_id, "spec.json", spec.model_dump_json().encode())


def run_phase(deps: Any, job_id: str, phase: Any) -> Any:
    """Run one phase body the way the runner does and record its result in the job."""
    from demoforge.phases import body_for
    from demoforge.service.phase import PhaseContext

    job = deps.store.get(job_id)
    out = body_for(phase)(PhaseContext(job=job, phase=phase, services=deps))

    def tx(doc: Any) -> tuple[Any, None]:
        doc.results[phase.value] = out.result
        return doc, None

    deps.store.transact(job_id, tx)
    return out


def local_deps(tmp: Path, *, llm: Any = None, warehouse: Any = None, settings: Any = None,
               synth: Any = None) -> Any:
    """Services on real local adapters: SQLite store, folder artifacts, DuckDB (or given)
    warehouse, the real synth engine unless one is given."""
    from demoforge.adapters.duckdb_warehouse import DuckDBWarehouse
    from demoforge.adapters.local_artifacts import LocalArtifactStore
    from demoforge.adapters.sqlite_store import SQLiteJobStore
    from demoforge.bootstrap import Container
    from demoforge.settings import Settings

    s = settings or Settings(home=tmp, project="demo-proj")
    artifacts = LocalArtifactStore(tmp)
    return Container(s, store=SQLiteJobStore(tmp / "jobs.sqlite"), artifacts=artifacts,
                     warehouse=warehouse or DuckDBWarehouse(s, artifacts), llm=llm,
                     llm_disabled=llm is None, synth=synth)
