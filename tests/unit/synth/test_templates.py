"""Templates: one per research industry (its default shape), every golden query valid
BigQuery over the spec's own tables, sizing, the closest-template fallback, and the
prospect's names, catalogue and language going into ``customise``."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pyarrow.parquet as pq
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
AS_OF = dt.date(2026, 12, 1)
TEMPLATES = list_templates(as_of=AS_OF)


def test_one_template_per_research_industry() -> None:
    names = template_names()
    assert set(names) == set(INDUSTRIES) and len(set(names)) == len(names)
    assert [s.industry for s in TEMPLATES] == names


@pytest.mark.parametrize("spec", TEMPLATES, ids=template_names())
def test_template_shape(spec: DatasetSpec) -> None:
    assert 4 <= len(spec.tables) <= 15
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
        assert "DAYOFWEEK" not in q.sql.upper()
    assert spec.glossary and spec.kpis
    labels = {m.label for m in spec.semantic.metrics}
    assert set(spec.kpis) <= labels  # every KPI is a metric the data computes
    assert spec.as_of == AS_OF and spec.currency == "USD"


def test_default_scale_generation_is_fast_and_realistic(tmp_path: Path) -> None:
    spec = customise(get_template("retail_ecommerce", as_of=AS_OF), RESEARCH, scale="default")
    assert 450_000 <= spec.planned_rows() <= 550_000
    generate_dataset(resize(spec, 2_000), tmp_path / "warm")  # imports and pools, as a running service has them
    started = time.perf_counter()
    tables = generate_dataset(spec, tmp_path)
    seconds = time.perf_counter() - started
    rows = sum(t.rows for t in tables.values())
    assert 430_000 <= rows <= 570_000
    print(f"retail_ecommerce default scale: {rows:,} rows in {seconds:.2f}s")  # figure, not a timed assert
    failed = [r for r in check(spec, tmp_path) if not r.passed]
    assert not failed, failed


def test_closest_template_and_fallback() -> None:
    assert closest_industry("retail_ecommerce") == "retail_ecommerce"
    assert closest_industry("Retail") == "retail_ecommerce"
    assert closest_industry("saas") == "saas_software"
    assert closest_industry("telecomm") == "telecom"
    assert closest_industry("underwater basket weaving") == "other"
    assert get_template("nonsense", as_of=AS_OF).industry == "other"
    a, b = get_template("telecom", as_of=AS_OF), get_template("telecom", as_of=AS_OF)
    a.tables[0].description = "changed"
    assert b.tables[0].description != "changed"  # callers get their own copy


def test_customise_uses_the_prospects_offerings_and_keeps_stories(tmp_path: Path) -> None:
    spec = customise(get_template("retail_ecommerce", as_of=AS_OF), RESEARCH, scale="small")
    assert spec.name == "summit_trail_outfitters_retail_ecommerce"
    assert spec.description.startswith("Summit & Trail Outfitters")
    products = spec.table("products").column("product_name").generator
    assert products is not None and products.kind == "categorical"
    assert products.values[:3] == ["Alpine Parka", "Summit Tent", "Ridge Backpack"]
    # the planted anomaly is one of the prospect's own offerings
    anomaly = next(s for s in spec.stories if s.kind == "product_anomaly")
    assert anomaly.expected_top == "Ridge Backpack" and "'Ridge Backpack'" in anomaly.description
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
    base = get_template("education", as_of=AS_OF)
    small = customise(base, RESEARCH, scale="small").planned_rows()
    large = customise(base, RESEARCH, scale="large")
    explicit = customise(base, RESEARCH, rows=123_456).planned_rows()
    assert 40_000 <= small <= 60_000 and 4_500_000 <= large.planned_rows() <= 5_500_000
    assert abs(explicit - 123_456) / 123_456 < 0.05
    fixed = {t.name: t.row_count for t in customise(base, RESEARCH, scale="small").tables if t.fixed_size}
    for name, rows in fixed.items():
        assert large.table(name).row_count == rows
    with pytest.raises(ValueError, match="scale must be one of"):
        customise(base, RESEARCH, scale="huge")
    with pytest.raises(ValueError, match="rows must be between"):
        customise(base, RESEARCH, rows=5)


def test_golden_queries_are_written_for_the_content_phase() -> None:
    # Unqualified names so content can qualify them with the job's dataset.
    for spec in TEMPLATES:
        for q in spec.golden_queries:
            assert not re.search(r"`[^`]+\.[^`]+`", q.sql)


def test_result_aliases_never_shadow_table_names() -> None:
    # BigQuery treats a table name as a value (the row STRUCT), so `COUNT(*) AS orders ...
    # ORDER BY orders` is ambiguous there even though DuckDB accepts it.
    for spec in TEMPLATES:
        tables = {t.name for t in spec.tables}
        for q in spec.golden_queries:
            (stmt,) = sqlglot.parse(q.sql, read="bigquery")
            assert stmt is not None
            aliases = {a.alias for a in stmt.find_all(exp.Alias)}
            assert not aliases & tables, (spec.industry, q.question, aliases & tables)


def test_navigation_and_slogans_are_not_used_as_products() -> None:
    research = dict(RESEARCH, products_services=[
        "Shop all products", "Store locator", "Gear up for every summit", "Log in", "Hiking boots",
        "Accounting software that runs itself", "Trusted by 40,000 businesses", "Jackets"])
    spec = customise(get_template("retail_ecommerce", as_of=AS_OF), research, scale="small")
    values = spec.table("products").column("product_name").generator.values  # type: ignore[union-attr]
    assert values[:2] == ["Hiking boots", "Jackets"]
    assert not {"Shop all products", "Store locator", "Log in"} & set(values)
    nav_only = customise(get_template("retail_ecommerce", as_of=AS_OF), dict(RESEARCH, products_services=["Pricing", "Log in"]))
    own = nav_only.table("products").column("is_own_offering").generator.values  # type: ignore[union-attr]
    assert not any(own)  # nothing of the site's furniture: the catalogue is typical items only


def test_customise_localises_people_and_places(tmp_path: Path) -> None:
    spec = customise(get_template("healthcare", as_of=AS_OF), dict(RESEARCH, language="de"), rows=5_000)
    assert (spec.country, spec.currency, spec.language, spec.locale) == ("DE", "EUR", "de", "de_DE")
    fakes = [c.generator for t in spec.tables for c in t.columns if c.generator is not None and c.generator.kind == "fake"]
    assert fakes and all(g.locale == "de_DE" for g in fakes)
    generate_dataset(spec, tmp_path)
    patients = pq.read_table(tmp_path / "patients.parquet").to_pylist()
    emails = [p["email"] for p in patients]
    assert all(re.fullmatch(r"[a-z0-9.]+\.\d+@[a-z0-9.-]+", e) for e in emails), emails[:5]
    assert any(ch in "äöüß" for p in patients for ch in p["full_name"].lower())  # German names
