"""Realism checks catch broken data: each check fails on data that violates it (so a
passing check means something), and passes on the engine's own output."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from demoforge.spec.model import DatasetSpec
from demoforge.synth.generate import generate_dataset
from demoforge.synth.realism import check
from demoforge.synth.templates import get_template, resize


@pytest.fixture(scope="module")
def telecom(tmp_path_factory: pytest.TempPathFactory) -> tuple[DatasetSpec, Path]:
    # The online shop (customers, products, orders ...), under the fixture's old name.
    spec = resize(get_template("retail_ecommerce", as_of=dt.date(2026, 12, 1)), 40_000)
    out = tmp_path_factory.mktemp("shop")
    generate_dataset(spec, out)
    return spec, out


def _copy(src: Path, dst: Path) -> None:
    for f in src.glob("*.parquet"):
        (dst / f.name).write_bytes(f.read_bytes())


def _failed(spec: DatasetSpec, d: Path) -> set[str]:
    return {r.name for r in check(spec, d) if not r.passed}


def _rewrite(d: Path, table: str, fn) -> None:
    path = d / f"{table}.parquet"
    pq.write_table(fn(pq.read_table(path)), path)


def test_clean_data_passes(telecom) -> None:
    spec, d = telecom
    assert _failed(spec, d) == set()


def test_duplicate_keys_and_orphans_are_caught(telecom, tmp_path: Path) -> None:
    spec, d = telecom
    _copy(d, tmp_path)
    _rewrite(tmp_path, "products", lambda t: pa.concat_tables([t, t.slice(0, 1)]))
    _rewrite(tmp_path, "orders", lambda t: t.set_column(
        t.schema.get_field_index("customer_id"), "customer_id",
        pc.if_else(pc.equal(t["order_id"], 100_001), pa.scalar(999_999_999, pa.int64()), t["customer_id"])))
    failed = _failed(spec, tmp_path)
    assert {"pk:products", "fk:orders.customer_id"} <= failed


def test_child_before_parent_is_caught(telecom, tmp_path: Path) -> None:
    spec, d = telecom
    _copy(d, tmp_path)
    early = pa.scalar(dt.datetime(2000, 1, 1, tzinfo=dt.UTC), pa.timestamp("us", tz="UTC"))
    _rewrite(tmp_path, "orders", lambda t: t.set_column(
        t.schema.get_field_index("ordered_at"), "ordered_at",
        pc.if_else(pc.equal(t["order_id"], 100_005), early, t["ordered_at"])))
    failed = _failed(spec, tmp_path)
    assert {"after:orders.ordered_at", "time_order:orders.ordered_at", "window:orders.ordered_at"} <= failed


def test_contradicting_tables_are_caught(telecom, tmp_path: Path) -> None:
    spec, d = telecom
    _copy(d, tmp_path)
    # every payment captured (also under cancelled orders), a review text that praises a 1-star
    # rating, and a churn date on an active customer
    _rewrite(tmp_path, "payments", lambda t: t.set_column(
        t.schema.get_field_index("status"), "status", pa.array(["captured"] * t.num_rows)))
    _rewrite(tmp_path, "reviews", lambda t: t.set_column(
        t.schema.get_field_index("rating"), "rating", pa.array([1] * t.num_rows, pa.int64())))
    _rewrite(tmp_path, "customers", lambda t: t.set_column(
        t.schema.get_field_index("churned_at"), "churned_at",
        pc.fill_null(t["churned_at"], pa.scalar(dt.datetime(2025, 1, 1, tzinfo=dt.UTC), pa.timestamp("us", tz="UTC")))))
    failed = _failed(spec, tmp_path)
    assert {"case:payments.status#1", "status_flow:payments.status", "text_case:reviews.review_text#1",
            "only_when:customers.churned_at"} <= failed


def test_null_rate_seasonality_and_trend_are_caught(telecom, tmp_path: Path) -> None:
    spec, d = telecom
    _copy(d, tmp_path)
    _rewrite(tmp_path, "customers", lambda t: t.set_column(
        t.schema.get_field_index("phone"), "phone", pa.nulls(t.num_rows, pa.string())))
    # spread orders evenly over the months and years: no season, no growth
    def flat(t: pa.Table) -> pa.Table:
        n = t.num_rows
        days = [dt.datetime(2024, 12, 1, tzinfo=dt.UTC) + dt.timedelta(days=(i * 7) % 730) for i in range(n)]
        return t.set_column(t.schema.get_field_index("ordered_at"), "ordered_at",
                            pa.array(days, pa.timestamp("us", tz="UTC")))
    _rewrite(tmp_path, "orders", flat)
    failed = _failed(spec, tmp_path)
    assert {"nulls:customers.phone", "seasonality:orders.ordered_at", "trend:orders.ordered_at",
            "story:seasonal_peak"} <= failed


def test_a_story_that_is_not_in_the_data_is_caught(telecom, tmp_path: Path) -> None:
    spec, d = telecom
    _copy(d, tmp_path)
    _rewrite(tmp_path, "orders", lambda t: t.set_column(
        t.schema.get_field_index("status"), "status", pa.array(["activated"] * t.num_rows)))
    failed = _failed(spec, tmp_path)
    assert "story:regional_hotspot" in failed


def test_broken_golden_query_is_reported(telecom) -> None:
    spec, d = telecom
    data = spec.model_dump(mode="json")
    data["golden_queries"][0]["sql"] = "SELECT nonexistent_column FROM orders"
    data["golden_queries"][1]["sql"] = "SELECT * FROM orders WHERE status = 'never'"
    results = {r.name: r for r in check(DatasetSpec.model_validate(data), d)}
    assert not results["query:1"].passed and "failed" in results["query:1"].detail
    assert not results["query:2"].passed and "no rows" in results["query:2"].detail
    assert results["query:3"].passed


def test_output_does_not_depend_on_the_process_hash_seed(tmp_path: Path) -> None:
    # Faker pools and dict iteration must not depend on PYTHONHASHSEED (salted per process).
    script = (
        "import sys; from pathlib import Path; from demoforge.synth.templates import get_template, resize;"
        "from demoforge.synth.generate import generate_dataset;"
        "import datetime as dt;"
        "generate_dataset(resize(get_template('saas_software', as_of=dt.date(2026, 12, 1)), 3000), Path(sys.argv[1]))"
    )
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-c", script, str(tmp_path / seed)], check=True, env=env)
    for f in (tmp_path / "1").glob("*.parquet"):
        assert pq.read_table(f).equals(pq.read_table(tmp_path / "2" / f.name)), f.name
