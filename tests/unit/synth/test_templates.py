"""Industry templates: shape rules, every template generating data that passes every
realism check with every golden query (transpiled to DuckDB) returning rows, and
customisation with the prospect's names that keeps the planted stories intact."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import sqlglot
from sqlglot import exp

from demoforge.domain.job import INDUSTRIES
from demoforge.spec.model import DatasetSpec
from demoforge.synth.generate import generate_dataset
from demoforge.synth.realism import check, connect, run_query
from demoforge.synth.templates import (
    closest_industry,
    customise,
    get_template,
    list_templates,
    resize,
    template_names,
)
from tests.unit.synth.conftest import RESEARCH

DIFFICULTIES = ["simple", "medium", "hard", "expert"]


def test_at_least_15_templates_named_by_research_industry() -> None:
    names = template_names()
    assert len(names) >= 15 and len(set(names)) == len(names)
    assert set(names) <= set(INDUSTRIES) and "other" in names
    assert [s.industry for s in list_templates()] == names


@pytest.mark.parametrize("spec", list_templates(), ids=template_names())
def test_template_shape(spec: DatasetSpec) -> None:
    assert 6 <= len(spec.tables) <= 15
    for t in spec.tables:
        assert t.description.strip() and t.grain.strip()
        for c in t.columns:
            assert len(c.description.strip()) > 5, (t.name, c.name)
    assert len(spec.golden_queries) >= 12
    ranks = [DIFFICULTIES.index(q.difficulty) for q in spec.golden_queries]
    assert set(ranks) == {0, 1, 2, 3}
    assert {s.kind for s in spec.stories} == {"regional_hotspot", "churn_cohort", "product_anomaly", "seasonal_peak"}
    for s in spec.stories:
        assert any(q.pattern == s.name for q in spec.golden_queries), s.name
        assert s.expected_top
    tables = {t.name for t in spec.tables}
    for q in spec.golden_queries:
        (stmt,) = sqlglot.parse(q.sql, read="bigquery")
        assert isinstance(stmt, exp.Query)
        ctes = {c.alias_or_name for c in stmt.find_all(exp.CTE)}
        for ref in stmt.find_all(exp.Table):
            assert not ref.args.get("db") and ref.name in tables | ctes, (q.question, ref.name)
        assert "DAYOFWEEK" not in q.sql.upper() and "DATE_TRUNC" not in q.sql.upper()
    assert spec.glossary and spec.kpis


@pytest.mark.parametrize("name", template_names())
def test_template_generates_and_passes_every_check(name: str, tmp_path: Path) -> None:
    # Small scale keeps CI fast; the default scale is covered below and by the benchmark.
    spec = resize(get_template(name), 40_000)
    generate_dataset(spec, tmp_path)
    results = check(spec, tmp_path)
    failed = [r for r in results if not r.passed]
    assert not failed, failed
    assert sum(r.name.startswith("query:") for r in results) == len(spec.golden_queries)
    assert sum(r.name.startswith("story:") for r in results) == 4


def test_default_scale_generation_is_fast_and_realistic(tmp_path: Path) -> None:
    spec = customise(get_template("retail_ecommerce"), RESEARCH, scale="default")
    assert 450_000 <= spec.planned_rows() <= 550_000
    started = time.perf_counter()
    tables = generate_dataset(spec, tmp_path)
    seconds = time.perf_counter() - started
    rows = sum(t.rows for t in tables.values())
    assert 450_000 <= rows <= 560_000
    print(f"retail_ecommerce default scale: {rows:,} rows in {seconds:.2f}s")  # figure, not a timed assert
    failed = [r for r in check(spec, tmp_path) if not r.passed]
    assert not failed, failed


def test_closest_template_and_fallback() -> None:
    assert closest_industry("retail_ecommerce") == "retail_ecommerce"
    assert closest_industry("Retail") == "retail_ecommerce"
    assert closest_industry("saas") == "saas_software"
    assert closest_industry("telecomm") == "telecom"
    assert closest_industry("underwater basket weaving") == "other"
    assert get_template("nonsense").industry == "other"
    a, b = get_template("telecom"), get_template("telecom")
    a.tables[0].description = "changed"
    assert b.tables[0].description != "changed"  # callers get their own copy


def test_customise_uses_research_names_and_keeps_stories(tmp_path: Path) -> None:
    base = get_template("retail_ecommerce")
    spec = customise(base, RESEARCH, scale="small")
    assert spec.name == "summit_trail_outfitters_retail_ecommerce"
    assert spec.description.startswith("Summit & Trail Outfitters")
    products = spec.table("products").column("product_name").generator
    assert products is not None and products.kind == "categorical"
    assert products.values[:3] == ["Alpine Parka", "Summit Tent", "Ridge Backpack"]
    # the anomaly product (3rd in the catalogue) now carries the prospect's 3rd product name
    anomaly = next(s for s in spec.stories if s.kind == "product_anomaly")
    assert anomaly.expected_top == "Ridge Backpack" and "'Ridge Backpack'" in anomaly.description
    effect = spec.table("order_items").effects[0]
    assert effect.when[0].equals == "Ridge Backpack"
    assert spec.kpis[:2] == ["Gross margin", "Revenue"]
    assert any(g.term == "Summit & Trail Outfitters" for g in spec.glossary)
    assert 40_000 <= spec.planned_rows() <= 60_000
    generate_dataset(spec, tmp_path)
    con = connect(spec, tmp_path)
    q = next(q for q in spec.golden_queries if q.pattern == "product_anomaly")
    rows = run_query(con, q.sql)
    assert rows[0]["product_name"] == "Ridge Backpack"
    failed = [r for r in check(spec, tmp_path) if not r.passed]
    assert not failed, failed


def test_scales_and_explicit_rows() -> None:
    base = get_template("education")
    small = customise(base, RESEARCH, scale="small").planned_rows()
    large = customise(base, RESEARCH, scale="large").planned_rows()
    explicit = customise(base, RESEARCH, rows=123_456).planned_rows()
    assert 40_000 <= small <= 60_000 and 4_500_000 <= large <= 5_500_000
    assert abs(explicit - 123_456) / 123_456 < 0.05
    fixed = {t.name: t.row_count for t in base.tables if t.fixed_size}
    for name, rows in fixed.items():
        assert customise(base, RESEARCH, scale="large").table(name).row_count == rows
    with pytest.raises(ValueError, match="scale must be one of"):
        customise(base, RESEARCH, scale="huge")
    with pytest.raises(ValueError, match="rows must be between"):
        customise(base, RESEARCH, rows=5)


def test_golden_queries_are_written_for_the_content_phase() -> None:
    # Unqualified names so content can qualify them with the job's dataset.
    for spec in list_templates():
        for q in spec.golden_queries:
            assert not re.search(r"`[^`]+\.[^`]+`", q.sql)


def test_result_aliases_never_shadow_table_names() -> None:
    # BigQuery treats a table name as a value (the row STRUCT), so `COUNT(*) AS orders ...
    # ORDER BY orders` is ambiguous there even though DuckDB accepts it.
    for spec in list_templates():
        tables = {t.name for t in spec.tables}
        for q in spec.golden_queries:
            (stmt,) = sqlglot.parse(q.sql, read="bigquery")
            assert stmt is not None
            aliases = {a.alias for a in stmt.find_all(exp.Alias)}
            assert not aliases & tables, (spec.industry, q.question, aliases & tables)


def test_customise_swaps_names_without_chaining() -> None:
    base = get_template("retail_ecommerce")
    names = base.table("products").column("product_name").generator.values  # type: ignore[union-attr]
    # the prospect sells the template's 3rd product first: names must stay unique and consistent
    research = dict(RESEARCH, products_services=[names[2], "Kid's Tent"])
    spec = customise(base, research, scale="small")
    values = spec.table("products").column("product_name").generator.values  # type: ignore[union-attr]
    assert values[:2] == [names[2], "Kid's Tent"] and len(set(values)) == len(values)
    anomaly = next(s for s in spec.stories if s.kind == "product_anomaly")
    assert anomaly.expected_top == values[2] and f"'{values[2]}'" in anomaly.description
    assert spec.table("order_items").effects[0].when[0].equals == values[2]


def test_navigation_and_slogans_are_not_used_as_products() -> None:
    research = dict(RESEARCH, products_services=[
        "Shop all products", "Store locator", "Gear up for every summit", "Log in", "Hiking boots",
        "Accounting software that runs itself", "Trusted by 40,000 businesses", "Jackets"])
    spec = customise(get_template("retail_ecommerce"), research, scale="small")
    values = spec.table("products").column("product_name").generator.values  # type: ignore[union-attr]
    assert values[:2] == ["Hiking boots", "Jackets"]
    base = get_template("retail_ecommerce").table("products").column("product_name").generator.values  # type: ignore[union-attr]
    nav_only = customise(get_template("retail_ecommerce"), dict(RESEARCH, products_services=["Pricing", "Log in"]))
    assert nav_only.table("products").column("product_name").generator.values == base  # type: ignore[union-attr]


def test_customise_localises_people_and_places(tmp_path: Path) -> None:
    spec = customise(get_template("healthcare"), dict(RESEARCH, language="de"), rows=5_000)
    fakes = [c.generator for t in spec.tables for c in t.columns if c.generator is not None and c.generator.kind == "fake"]
    assert fakes and all(g.locale == "de_DE" for g in fakes)
    generate_dataset(spec, tmp_path)
    import pyarrow.parquet as pq

    patients = pq.read_table(tmp_path / "patients.parquet").to_pylist()
    emails = [p["email"] for p in patients]
    assert all(re.fullmatch(r"[a-z0-9.]+\.\d+@[a-z0-9.-]+", e) for e in emails), emails[:5]
    assert any(ch in "äöüß" for p in patients for ch in p["full_name"].lower())  # German names
