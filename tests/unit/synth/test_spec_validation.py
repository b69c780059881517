"""DatasetSpec validation: every rule rejects a bad spec with a message that names the
table and column to fix (what Claude's repair round and a person both need)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

from demoforge.spec.model import DatasetSpec
from tests.unit.synth.conftest import every_generator_dict


def _table(d: dict[str, Any], name: str) -> dict[str, Any]:
    return next(t for t in d["tables"] if t["name"] == name)


def _col(d: dict[str, Any], table: str, col: str) -> dict[str, Any]:
    return next(c for c in _table(d, table)["columns"] if c["name"] == col)


def _rename_col(d: dict[str, Any], table: str, old: str, new: str) -> None:
    _col(d, table, old)["name"] = new


Mutation = Callable[[dict[str, Any]], None]

CASES: list[tuple[str, Mutation, tuple[str, ...]]] = [
    ("reserved word", lambda d: _rename_col(d, "orders", "status", "select"), ("orders", "select", "reserved")),
    ("bad characters", lambda d: _rename_col(d, "orders", "status", "order-status"), ("orders", "order-status", "BigQuery column name")),
    ("reserved prefix", lambda d: _rename_col(d, "orders", "status", "_PARTITIONTIME"), ("orders", "_PARTITIONTIME")),
    ("duplicate column", lambda d: _rename_col(d, "orders", "status", "Amount"), ("orders", "Amount", "duplicate")),
    ("fk to missing table", lambda d: _table(d, "orders")["foreign_keys"][0].update(references_table="clients"),
     ("orders", "customer_id", "clients")),
    ("fk to non-key", lambda d: _table(d, "orders")["foreign_keys"][0].update(references_column="age"),
     ("orders", "customer_id", "not the primary key")),
    ("fk type mismatch", lambda d: _col(d, "orders", "customer_id").update(type="STRING"), ("orders", "customer_id", "differs")),
    ("fk column without fk generator", lambda d: _col(d, "orders", "customer_id").update(
        generator={"kind": "numeric", "distribution": "uniform"}), ("orders", "customer_id", "foreign_key")),
    ("type/generator", lambda d: _col(d, "orders", "note").update(type="BOOL"), ("orders", "note", "cannot produce BOOL")),
    ("categorical values of the wrong type", lambda d: _col(d, "orders", "status").update(type="INT64"),
     ("orders", "status", "INT64")),
    ("weights length", lambda d: _col(d, "orders", "status")["generator"].update(weights=[1, 2, 3]), ("orders", "status", "weights")),
    ("struct", lambda d: _col(d, "orders", "note").update(type="STRUCT", generator=None), ("orders", "note", "STRUCT")),
    ("repeated", lambda d: _col(d, "orders", "note").update(mode="REPEATED"), ("orders", "note", "REPEATED")),
    ("nullable pk", lambda d: _col(d, "orders", "order_id").update(nullable=0.1), ("orders", "order_id", "primary key")),
    ("pk with random generator", lambda d: _col(d, "customers", "customer_id").update(
        generator={"kind": "numeric", "distribution": "uniform"}), ("customers", "customer_id", "sequence")),
    ("missing pk column", lambda d: _table(d, "orders").update(primary_key="id"), ("orders", "id", "primary_key")),
    ("derived unknown column", lambda d: _col(d, "orders", "total")["generator"].update(expression="amount * qty"),
     ("orders", "total", "qty")),
    ("derived disallowed code", lambda d: _col(d, "orders", "total")["generator"].update(expression="__import__('os')"),
     ("orders", "total")),
    ("lookup through a non-fk", lambda d: _col(d, "orders", "region_copy")["generator"].update(via="status"),
     ("orders", "region_copy", "status")),
    ("after a non-date", lambda d: _col(d, "orders", "order_date")["generator"]["after"].update(column="status"),
     ("orders", "order_date", "status")),
    ("timestamp end before start", lambda d: _col(d, "orders", "order_date")["generator"].update(start="2026-01-01"),
     ("orders", "order_date", "before start")),
    ("row bounds", lambda d: _table(d, "orders").update(row_count=0), ("orders", "row_count")),
    ("table too big", lambda d: _table(d, "orders").update(row_count=500_000_000), ("orders", "row_count")),
    ("children fk not declared", lambda d: _table(d, "order_lines")["children_per_parent"].update(foreign_key="line_id"),
     ("order_lines", "line_id", "children_per_parent")),
    ("effect on a key", lambda d: _table(d, "orders")["effects"][0].update(target="order_id", multiply=None, set_value="x"),
     ("orders", "order_id", "keys")),
    ("effect multiply on a string", lambda d: _table(d, "orders")["effects"][0].update(target="status"),
     ("orders", "status", "numeric")),
    ("effect condition column", lambda d: _table(d, "orders")["effects"][0]["when"][0].update(column="nope"),
     ("orders", "amount", "nope")),
    ("effect condition value type", lambda d: _table(d, "orders")["effects"][0]["when"][0].update(equals=2),
     ("orders", "amount", "not a STRING value")),
    ("text slot without values", lambda d: _col(d, "orders", "note")["generator"].update(templates=["{missing}"]),
     ("orders", "note", "missing")),
    ("missing description", lambda d: _col(d, "orders", "note").update(description=" "), ("orders", "note", "description")),
    ("reserved table name", lambda d: _table(d, "regions").update(name="group"), ("group", "reserved")),
]


@pytest.mark.parametrize(("mutate", "expected"), [(m, e) for _, m, e in CASES], ids=[c[0] for c in CASES])
def test_invalid_spec_is_rejected_naming_table_and_column(mutate: Mutation, expected: tuple[str, ...]) -> None:
    d = copy.deepcopy(every_generator_dict())
    DatasetSpec.model_validate(d)  # the base spec is valid
    mutate(d)
    with pytest.raises(ValidationError) as err:
        DatasetSpec.model_validate(d)
    message = str(err.value)
    for part in expected:
        assert part in message, f"{part!r} not in {message}"


def test_fk_cycle_is_rejected_but_self_reference_is_fine() -> None:
    d = copy.deepcopy(every_generator_dict())
    DatasetSpec.model_validate(d)  # customers.referrer_id -> customers is a self-reference
    regions = _table(d, "regions")
    regions["columns"].append({"name": "owner_id", "type": "INT64", "description": "owner", "generator": {"kind": "foreign_key"}})
    regions["foreign_keys"] = [{"column": "owner_id", "references_table": "customers", "references_column": "customer_id"}]
    with pytest.raises(ValidationError, match="cycle between tables") as err:
        DatasetSpec.model_validate(d)
    assert "customers" in str(err.value) and "regions" in str(err.value)


def test_golden_query_pattern_must_name_a_story() -> None:
    d = copy.deepcopy(every_generator_dict())
    d["golden_queries"] = [{"question": "q", "sql": "SELECT 1", "difficulty": "simple", "pattern": "nope"}]
    with pytest.raises(ValidationError, match="pattern 'nope' is not a story name"):
        DatasetSpec.model_validate(d)


def test_planned_rows_follow_children_per_parent(every_spec: DatasetSpec) -> None:
    rows = every_spec.expected_rows()
    assert rows["orders"] == 8_000 and rows["regions"] == 4
    # poisson(2) clipped to [1, 5] has mean ~2.14 -> about 17k lines
    assert 16_500 < rows["order_lines"] < 17_600
    assert every_spec.table_order().index("orders") < every_spec.table_order().index("order_lines")


def test_empty_generator_dict_means_default() -> None:
    d = copy.deepcopy(every_generator_dict())
    _col(d, "orders", "status")["generator"] = {}
    assert DatasetSpec.model_validate(d).table("orders").column("status").generator is None
