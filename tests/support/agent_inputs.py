"""Inputs for the agent phase's tests, built here because their producers (modeling,
warehouse, content) are written concurrently: a small valid ``DatasetSpec``, a research
result, a DuckDB-backed ``Warehouse`` holding a few hundred deterministic rows, and golden
queries whose previews are *computed by running them* on that warehouse (as the content
phase does), never typed in by hand.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import duckdb
import sqlglot
from sqlglot import exp

from demoforge.adapters.local_agents import LocalDataAgents
from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.adapters.memory_bus import MemoryBus
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.bootstrap import Container
from demoforge.domain.errors import PermanentError
from demoforge.domain.job import JobDoc, Phase, PhaseStatus
from demoforge.domain.results import GoldenQuery, ResearchResult
from demoforge.service.ports import DataAgents, DatasetRef
from demoforge.settings import Settings
from demoforge.spec.model import DatasetSpec

PROJECT = "demoforge-local"
DATASET = "demo_alpine_test1234"
REGIONS = ["North", "South", "East", "West"]
PRODUCTS = [("Summit Jacket", "apparel"), ("Trail Boots", "footwear"),
            ("Base Layer", "apparel"), ("Ice Axe", "gear")]


def research() -> ResearchResult:
    return ResearchResult(
        company_name="Alpine Outfitters",
        industry="retail_ecommerce",
        sub_industry="outdoor equipment",
        business_model="B2C",
        products_services=["Summit Jacket", "Trail Boots", "Ice Axe"],
        key_entities=["customers", "orders", "products"],
        kpis=["Revenue", "Average order value", "Customer lifetime value"],
        confidence=0.92,
        source="offline",
    )


def spec() -> DatasetSpec:
    return DatasetSpec.model_validate({
        "name": "alpine_retail",
        "industry": "retail_ecommerce",
        "description": "Online orders of outdoor equipment by customers in four regions.",
        "tables": [
            {"name": "customers", "description": "People who bought at least once.",
             "grain": "one row per customer", "row_count": 40, "primary_key": "customer_id",
             "columns": [
                 {"name": "customer_id", "type": "INT64", "description": "Customer key."},
                 {"name": "region", "type": "STRING", "description": "Sales region."},
                 {"name": "signup_date", "type": "DATE", "description": "First purchase date."},
             ]},
            {"name": "products", "description": "The catalogue.", "grain": "one row per product",
             "row_count": 4, "primary_key": "product_id",
             "columns": [
                 {"name": "product_id", "type": "INT64", "description": "Product key."},
                 {"name": "product_name", "type": "STRING", "description": "Catalogue name."},
                 {"name": "category", "type": "STRING", "description": "apparel, footwear or gear."},
             ]},
            {"name": "orders", "description": "Orders placed online.", "grain": "one row per order",
             "row_count": 300, "primary_key": "order_id",
             "foreign_keys": [
                 {"column": "customer_id", "references_table": "customers",
                  "references_column": "customer_id"},
                 {"column": "product_id", "references_table": "products",
                  "references_column": "product_id"},
             ],
             "columns": [
                 {"name": "order_id", "type": "INT64", "description": "Order key."},
                 {"name": "customer_id", "type": "INT64", "description": "Who ordered."},
                 {"name": "product_id", "type": "INT64", "description": "What was ordered."},
                 {"name": "order_ts", "type": "TIMESTAMP", "description": "When (UTC)."},
                 {"name": "order_value", "type": "FLOAT64", "description": "Order value in EUR."},
                 {"name": "status", "type": "STRING", "description": "completed or refunded."},
             ]},
        ],
        "glossary": [
            {"term": "Revenue", "definition": "SUM(orders.order_value) of completed orders.",
             "synonyms": ["sales", "turnover"]},
            {"term": "Refund rate", "definition": "refunded orders / all orders."},
        ],
        "kpis": ["Revenue", "Average order value", "Refund rate"],
    })


class DuckWarehouse:
    """A ``Warehouse`` over an in-memory DuckDB: BigQuery SQL is transpiled with sqlglot
    after dropping project/dataset qualifiers (one dataset per test). Records deletes."""

    def __init__(self, seed: int = 7) -> None:
        self.con = duckdb.connect(":memory:")
        self.deleted: list[DatasetRef] = []
        self.queries: list[str] = []
        self.datasets: set[tuple[str, str]] = {(PROJECT, DATASET)}
        rnd = random.Random(seed)
        self.con.execute("CREATE TABLE customers (customer_id BIGINT, region VARCHAR, signup_date DATE)")
        self.con.execute("CREATE TABLE products (product_id BIGINT, product_name VARCHAR, category VARCHAR)")
        self.con.execute("CREATE TABLE orders (order_id BIGINT, customer_id BIGINT, product_id BIGINT, "
                         "order_ts TIMESTAMP, order_value DOUBLE, status VARCHAR)")
        start = dt.date(2024, 1, 1)
        self.con.executemany("INSERT INTO customers VALUES (?, ?, ?)", [
            (i, REGIONS[i % 4], start + dt.timedelta(days=rnd.randrange(200))) for i in range(1, 41)])
        self.con.executemany("INSERT INTO products VALUES (?, ?, ?)", [
            (i, n, c) for i, (n, c) in enumerate(PRODUCTS, 1)])
        self.con.executemany("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)", [
            (i, rnd.randint(1, 40), rnd.randint(1, 4),
             dt.datetime(2024, 1, 1) + dt.timedelta(hours=rnd.randrange(24 * 365)),
             round(rnd.lognormvariate(4, 0.6), 2), "refunded" if rnd.random() < 0.1 else "completed")
            for i in range(1, 301)])

    def _sql(self, sql: str) -> str:
        tree = sqlglot.parse_one(sql, read="bigquery")
        for t in tree.find_all(exp.Table):
            t.set("db", None)
            t.set("catalog", None)
        return tree.sql(dialect="duckdb")

    def ensure_dataset(self, ref: DatasetRef, **_: Any) -> None:
        self.datasets.add((ref.project, ref.dataset))

    def load_table(self, ref: DatasetRef, table: Any, parquet: Path) -> int:
        raise NotImplementedError("not needed by the agent tests")

    def row_count(self, ref: DatasetRef, table: str) -> int:
        row = self.con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def dry_run(self, ref: DatasetRef, sql: str) -> int:
        self.con.execute("EXPLAIN " + self._sql(sql))
        return 0

    def query(self, ref: DatasetRef, sql: str, *, max_bytes_billed: int) -> list[dict[str, Any]]:
        if (ref.project, ref.dataset) not in self.datasets:
            raise PermanentError(f"dataset {ref.qualified} not found")
        self.queries.append(sql)
        try:
            cur = self.con.execute(self._sql(sql))
        except duckdb.Error as e:
            raise PermanentError(f"query failed: {e}") from e
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def delete_dataset(self, ref: DatasetRef) -> None:
        self.deleted.append(ref)
        self.datasets.discard((ref.project, ref.dataset))


GOLDEN_SQL: list[tuple[str, str, str]] = [
    ("simple", "How many customers do we have?",
     "SELECT COUNT(*) AS customers FROM `{dataset}.customers`"),
    ("medium", "What is revenue by region?",
     f"SELECT c.region, ROUND(SUM(o.order_value), 2) AS revenue "
     f"FROM `{PROJECT}.{DATASET}.orders` o JOIN `{PROJECT}.{DATASET}.customers` c "
     f"USING (customer_id) WHERE o.status = 'completed' GROUP BY c.region ORDER BY revenue DESC"),
    ("hard", "Which product category has the highest refund rate?",
     "SELECT p.category, ROUND(COUNTIF(o.status = 'refunded') / COUNT(*), 3) AS refund_rate "
     "FROM orders o JOIN products p USING (product_id) GROUP BY p.category "
     "ORDER BY refund_rate DESC LIMIT 1"),
    ("medium", "What is the monthly revenue trend?",
     f"SELECT DATE_TRUNC(DATE(order_ts), MONTH) AS month, ROUND(SUM(order_value), 2) AS revenue "
     f"FROM `{PROJECT}.{DATASET}.orders` WHERE status = 'completed' GROUP BY month ORDER BY month"),
]


def golden_queries(wh: DuckWarehouse) -> list[GoldenQuery]:
    """The passed queries with previews computed on ``wh``, plus a failed and a dropped one
    that must never reach the agent."""
    ref = DatasetRef(PROJECT, DATASET, "job")
    out = []
    for difficulty, question, sql in GOLDEN_SQL:
        rows = wh.query(ref, sql.replace("{dataset}", f"{PROJECT}.{DATASET}"),
                        max_bytes_billed=10**9)
        out.append(GoldenQuery(
            question=question, sql=sql, difficulty=difficulty,
            status="passed", row_count=len(rows), preview=[_jsonable(r) for r in rows[:20]],
            answer=f"{len(rows)} rows",
        ))
    out.append(GoldenQuery(question="What is the margin per supplier?",
                           sql="SELECT supplier, SUM(margin) FROM suppliers GROUP BY 1",
                           status="failed", reason="table suppliers does not exist"))
    out.append(GoldenQuery(question="Show every order ever", sql="SELECT * FROM orders",
                           status="dropped", reason="degenerate result"))
    return out


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(row, default=str))


def golden_json(golden: list[GoldenQuery]) -> bytes:
    return json.dumps([g.model_dump(mode="json") for g in golden], indent=2).encode()


def job_ready_for_agent(job_id: str = "job1234abcd") -> JobDoc:
    """A job whose research, modeling, warehouse and content phases are done."""
    job = JobDoc(job_id=job_id, customer_url="https://alpine.example/", created_by="ce@example.com")
    for p in (Phase.RESEARCH, Phase.MODELING, Phase.WAREHOUSE, Phase.CONTENT):
        job.phase(p).status = PhaseStatus.DONE
    job.results[Phase.RESEARCH.value] = research().model_dump(mode="json")
    job.results[Phase.WAREHOUSE.value] = {
        "project": PROJECT, "dataset": DATASET,
        "tables": {"customers": 40, "products": 4, "orders": 300},
    }
    return job


@dataclasses.dataclass
class AgentEnv:
    """A job ready for the agent phase, on embedded adapters, with its inputs stored."""

    settings: Settings
    deps: Container
    store: SQLiteJobStore
    artifacts: LocalArtifactStore
    warehouse: DuckWarehouse
    golden: list[GoldenQuery]
    job: JobDoc


def make_env(tmp_path: Path, agents: DataAgents | None = None,
             settings: Settings | None = None) -> AgentEnv:
    settings = settings or Settings(project=PROJECT, home=tmp_path)
    store = SQLiteJobStore(tmp_path / "jobs.sqlite")
    artifacts = LocalArtifactStore(tmp_path)
    wh = DuckWarehouse()
    golden = golden_queries(wh)
    deps = Container(settings, store=store, bus=MemoryBus(), artifacts=artifacts, warehouse=wh,
                agents=agents or LocalDataAgents(settings, artifacts, wh))
    job = job_ready_for_agent()
    store.create(job)
    artifacts.put(job.job_id, "spec.json", spec().model_dump_json().encode())
    artifacts.put(job.job_id, "golden_queries.json", golden_json(golden))
    return AgentEnv(settings, deps, store, artifacts, wh, golden, job)
