"""Row planning, written once: the expected children per parent the validator and resizing
use agree with what the engine draws, and tables come parents first."""

from __future__ import annotations

import numpy as np
import pytest

from demoforge.spec.graph import column_order, table_order
from demoforge.spec.model import DatasetSpec
from demoforge.spec.planning import DEFAULT_ROWS, draw_children, expected_children, expected_rows
from demoforge.spec.tables import ChildrenPerParent


@pytest.mark.parametrize("cpp", [
    ChildrenPerParent(foreign_key="k", distribution="poisson", mean=2.0, min=1, max=5),
    ChildrenPerParent(foreign_key="k", distribution="poisson", mean=0.9, min=0, max=3),
    ChildrenPerParent(foreign_key="k", distribution="zipf", a=2.5, min=0, max=40),
    ChildrenPerParent(foreign_key="k", distribution="fixed", mean=3.4),
    ChildrenPerParent(foreign_key="k", distribution="fixed", mean=9, max=4),
    ChildrenPerParent(foreign_key="k", distribution="uniform", mean=4, min=2),
    ChildrenPerParent(foreign_key="k", distribution="uniform", min=1, max=6),
])
def test_expected_children_match_the_draws(cpp: ChildrenPerParent) -> None:
    counts = draw_children(cpp, 200_000, np.random.default_rng(3))
    assert counts.dtype == np.int64 and len(counts) == 200_000
    assert counts.min() >= cpp.min and (cpp.max is None or counts.max() <= cpp.max)
    expected = expected_children(cpp)
    assert abs(counts.mean() - expected) <= 0.02 * max(expected, 1.0), (counts.mean(), expected)


def test_rows_follow_parents_and_default(every_spec: DatasetSpec) -> None:
    rows = expected_rows(every_spec.tables)
    assert rows == every_spec.expected_rows()
    assert rows["regions"] == 4 and rows["orders"] == 8_000
    data = every_spec.model_dump(mode="json")
    data["tables"][0]["row_count"] = None
    assert DatasetSpec.model_validate(data).expected_rows()["regions"] == DEFAULT_ROWS


def test_tables_parents_first_and_columns_dependencies_first(every_spec: DatasetSpec) -> None:
    order = table_order(every_spec.tables)
    assert order is not None
    assert order.index("regions") < order.index("customers") < order.index("orders") < order.index("order_lines")
    cols = column_order(every_spec.table("orders"))
    assert cols.index("amount") < cols.index("total") and cols.index("items") < cols.index("total")
    assert cols.index("customer_id") < cols.index("ordered_at") < cols.index("order_date")
    assert cols.index("customer_id") < cols.index("amount")  # the effect's condition reads through it
