"""Fixtures for the synth engine and modeling phase tests: a small hand-written spec that
uses every generator kind, generated data directories, and local Container for phase runs."""

from __future__ import annotations

from typing import Any

import pytest

from demoforge.spec.model import DatasetSpec

RESEARCH: dict[str, Any] = {
    "company_name": "Summit & Trail Outfitters",
    "industry": "retail_ecommerce",
    "sub_industry": "outdoor apparel",
    "business_model": "B2C",
    "products_services": ["Alpine Parka", "Summit Tent", "Ridge Backpack"],
    "key_entities": ["customers", "orders", "stores"],
    "kpis": ["Gross margin", "Revenue"],
    "confidence": 0.9,
    "source": "offline",
}


def _c(name: str, type_: str, gen: dict[str, Any] | None = None, **kw: Any) -> dict[str, Any]:
    col: dict[str, Any] = {"name": name, "type": type_, "description": f"the {name}"}
    if gen is not None:
        col["generator"] = gen
    col.update(kw)
    return col


def every_generator_dict(customers: int = 2_000, orders: int = 8_000) -> dict[str, Any]:
    """A 4-table spec exercising every generator kind, effects and a self-reference."""
    return {
        "name": "every_generator", "industry": "other", "description": "all generator kinds", "seed": 7,
        "tables": [
            {"name": "regions", "description": "regions", "grain": "region", "row_count": 4, "primary_key": "region_id",
             "fixed_size": True, "columns": [
                 _c("region_id", "STRING", {"kind": "sequence", "prefix": "R-", "width": 3}),
                 _c("region_name", "STRING", {"kind": "categorical", "values": ["North", "South", "East", "West"], "cycle": True}),
             ]},
            {"name": "customers", "description": "customers", "grain": "customer", "row_count": customers,
             "primary_key": "customer_id",
             "foreign_keys": [{"column": "region_id", "references_table": "regions", "references_column": "region_id"},
                              {"column": "referrer_id", "references_table": "customers", "references_column": "customer_id"}],
             "columns": [
                 _c("customer_id", "INT64", {"kind": "sequence", "start": 1000, "step": 3}),
                 _c("full_name", "STRING", {"kind": "fake", "field": "name", "pool_size": 300}),
                 _c("email", "STRING", {"kind": "fake", "field": "email", "source": "full_name"}),
                 _c("city", "STRING", {"kind": "fake", "field": "city", "locale": "de_DE", "pool_size": 100}),
                 _c("region_id", "STRING", {"kind": "foreign_key"}),
                 _c("referrer_id", "INT64", {"kind": "foreign_key"}),
                 _c("signed_up_at", "TIMESTAMP", {"kind": "timestamp", "start": "2022-01-01", "end": "2025-12-31", "growth": 0.5}),
                 _c("vip", "BOOL", {"kind": "boolean", "probability": 0.1}),
                 _c("age", "INT64", {"kind": "numeric", "distribution": "normal", "mean": 40, "std": 12, "min": 18, "max": 90}),
                 _c("phone", "STRING", {"kind": "fake", "field": "phone"}, nullable=0.2),
             ]},
            {"name": "orders", "description": "orders", "grain": "order", "row_count": orders, "primary_key": "order_id",
             "foreign_keys": [{"column": "customer_id", "references_table": "customers", "references_column": "customer_id"}],
             "effects": [{"target": "amount", "multiply": 3.0, "story": "hot",
                          "when": [{"column": "region_id", "via": "customer_id", "equals": "R-002"}]}],
             "columns": [
                 _c("order_id", "STRING", {"kind": "uuid"}),
                 _c("customer_id", "INT64", {"kind": "foreign_key", "distribution": "zipf", "zipf_a": 1.0}),
                 _c("ordered_at", "TIMESTAMP", {"kind": "timestamp", "start": "2023-01-01", "end": "2025-12-31",
                                                "monthly": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3], "weekday": [1, 1, 1, 1, 1, 2, 2],
                                                "hourly": [0] * 8 + [1] * 16, "growth": 0.3,
                                                "holidays": [{"month": 7, "day": 4, "factor": 5}],
                                                "after": {"column": "customer_id", "parent_column": "signed_up_at"}}),
                 _c("order_date", "DATE", {"kind": "timestamp", "start": "2023-01-01", "end": "2025-12-31",
                                           "after": {"column": "ordered_at", "mean_hours": 1}}),
                 _c("status", "STRING", {"kind": "categorical", "values": ["done", "cancelled"], "weights": [9, 1]}),
                 _c("amount", "NUMERIC", {"kind": "numeric", "distribution": "lognormal", "median": 50, "sigma": 0.5, "round": 2}),
                 _c("items", "INT64", {"kind": "numeric", "distribution": "poisson", "mean": 2, "min": 1}),
                 _c("total", "FLOAT64", {"kind": "derived", "expression": "round(amount * items, 2)"}),
                 _c("ratio", "FLOAT64", {"kind": "derived", "expression": "amount / (items - items)"}, nullable=0.0),
                 _c("note", "STRING", {"kind": "text", "templates": ["{a} and {b}", "fixed"], "slots": {"a": ["x", "y"], "b": ["z"]}}),
                 _c("region_copy", "STRING", {"kind": "lookup", "via": "customer_id", "column": "region_id"}),
                 _c("discount", "FLOAT64", {"kind": "numeric", "distribution": "uniform", "low": 0, "high": 0.3}),
                 _c("score", "INT64", {"kind": "numeric", "distribution": "zipf", "a": 2.0, "max": 100}),
                 _c("wait", "FLOAT64", {"kind": "numeric", "distribution": "exponential", "mean": 5}),
             ]},
            {"name": "order_lines", "description": "lines", "grain": "line", "primary_key": "line_id",
             "children_per_parent": {"foreign_key": "order_id", "distribution": "poisson", "mean": 2, "min": 1, "max": 5},
             "foreign_keys": [{"column": "order_id", "references_table": "orders", "references_column": "order_id"}],
             "columns": [
                 _c("line_id", "INT64"),
                 _c("order_id", "STRING"),
                 _c("shipped_at", "TIMESTAMP", {"kind": "timestamp", "start": "2023-01-01", "end": "2025-12-31",
                                                "after": {"column": "order_id", "parent_column": "ordered_at", "mean_hours": 24}}),
                 _c("price", "NUMERIC"),
                 _c("flag", "BOOL"),
                 _c("label", "STRING"),
                 _c("day", "DATE"),
             ]},
        ],
        "stories": [{"name": "hot", "kind": "regional_hotspot", "description": "South spends 3x"}],
    }


@pytest.fixture
def every_spec() -> DatasetSpec:
    return DatasetSpec.model_validate(every_generator_dict())
