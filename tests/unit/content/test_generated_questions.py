"""Golden questions generated from a semantic layer: what is planned, the words it is asked
in, how answers are checked against their metric, and the metric-consistency check."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import Any

import duckdb
import pytest

from demoforge.content.checks import answer_problems, consistency, filters_applied
from demoforge.content.facts import answer_text, question_text
from demoforge.content.kpis import map_kpis
from demoforge.content.questions import (
    DIFFICULTIES,
    Context,
    Coverage,
    Plan,
    plan_questions,
    plan_sql,
    target_count,
    time_key,
)
from demoforge.language.render import phrasebook
from demoforge.spec.model import DatasetSpec
from demoforge.spec.semantic import MetricQuery
from demoforge.sql.translate import to_duckdb
from demoforge.synth.generate import generate_dataset
from demoforge.synth.realism import connect
from tests.support.semantic_fixtures import (
    all_templates,
    online_shop_dict,
    online_shop_spec,
    template_with_layer,
)

LANGS = ("en", "de", "fr", "es")
SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")
COVER = Coverage(dt.date(2023, 1, 1), dt.date(2025, 12, 31))


def _ctx(spec: DatasetSpec, seed: int = 1) -> Context:
    cov = {k: COVER for m in spec.semantic.metrics if (k := time_key(m, spec))}
    return Context(spec=spec, coverage=cov, seed=seed)


@pytest.fixture(scope="module")
def shop() -> tuple[DatasetSpec, duckdb.DuckDBPyConnection]:
    spec = online_shop_spec(orders=4000)
    out = Path(tempfile.mkdtemp(prefix="shop-"))
    generate_dataset(spec, out)
    return spec, connect(spec, out)


def _run(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cur = con.cursor()
    cur.execute(to_duckdb(sql))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def test_a_large_layer_gets_twenty_questions_without_repeating_a_triple() -> None:
    spec = online_shop_spec()
    plans = plan_questions(_ctx(spec))
    assert target_count(spec.semantic) == 20 and len(plans) == 20
    triples = [p.triple for p in plans]
    assert len(set(triples)) == len(triples)
    ranks = [DIFFICULTIES.index(p.difficulty) for p in plans]
    assert ranks == sorted(ranks) and set(ranks) == {0, 1, 2, 3}
    kinds = {p.kind for p in plans}
    assert {"total", "trend", "ranking"} <= kinds and len(kinds) >= 6
    assert len({p.query.metric for p in plans}) >= 6  # spread over the metrics


@pytest.mark.parametrize("industry", all_templates())
def test_every_template_layer_gets_at_least_twelve_distinct_questions(industry: str) -> None:
    spec = template_with_layer(industry)
    plans = plan_questions(_ctx(spec))
    assert len(plans) >= 12
    assert len({p.triple for p in plans}) == len(plans)
    for lang in LANGS:
        pb = phrasebook(lang)
        texts = [question_text(p, spec, pb) for p in plans]
        assert len(set(texts)) == len(texts), lang  # no two questions read the same
        columns = {c.name for t in spec.tables for c in t.columns if "_" in c.name}
        for q in texts:
            assert not SNAKE.search(q), q
            assert not {w for w in re.findall(r"[A-Za-z_]+", q)} & columns, q


def test_the_seed_varies_the_wording_not_the_numbers() -> None:
    spec = online_shop_spec()
    a, b = plan_questions(_ctx(spec, seed=1)), plan_questions(_ctx(spec, seed=2))
    pb = phrasebook("en")
    assert [question_text(p, spec, pb) for p in a] != [question_text(p, spec, pb) for p in b]
    assert [plan_sql(p, spec) for p in plan_questions(_ctx(spec, seed=1))] == [plan_sql(p, spec) for p in a]


def test_answers_are_written_from_the_plan_and_pass_their_checks(shop: Any) -> None:
    spec, con = shop
    cov = {k: COVER for m in spec.semantic.metrics if (k := time_key(m, spec))}
    for lang in LANGS:
        pb = phrasebook(lang, country="DE")
        for p in plan_questions(_ctx(spec)):
            sql = plan_sql(p, spec)
            rows = _run(con, sql)
            if not rows:
                continue
            answer = answer_text(p, rows, spec, pb, cov)
            assert answer, (lang, p.kind, p.triple)
            assert answer_problems(p, sql, rows, answer, spec, pb) == [], (lang, question_text(p, spec, pb), answer)
            assert not SNAKE.search(answer.replace("net_revenue", "")), answer


def test_checks_catch_a_missing_filter_a_wrong_grain_an_unordered_ranking_and_a_silent_answer(shop: Any) -> None:
    spec, con = shop
    pb = phrasebook("en")
    p = Plan(kind="ranking", query=MetricQuery(metric="net_revenue", by=["channel"], order="metric_desc"),
             difficulty="simple")
    sql = plan_sql(p, spec)
    rows = _run(con, sql)
    good = answer_text(p, rows, spec, pb) or ""
    assert answer_problems(p, sql, rows, good, spec, pb) == []
    unfiltered = sql.replace(" WHERE (status NOT IN ('cancelled', 'refunded'))", "")
    assert "NOT IN" not in unfiltered
    assert filters_applied(spec.semantic.metric("net_revenue"), unfiltered) == ["status NOT IN ('cancelled', 'refunded')"]
    assert any("filters" in x for x in answer_problems(p, unfiltered, _run(con, unfiltered), good, spec, pb))
    backwards = list(reversed(rows))
    assert "the ranking is not ordered by the metric" in answer_problems(p, sql, backwards, good, spec, pb)
    assert any("does not name the metric" in x for x in answer_problems(p, sql, rows, "Webshop comes first.", spec, pb))
    t = Plan(kind="trend", query=MetricQuery(metric="orders", grain="month"), difficulty="simple")
    tsql = plan_sql(t, spec)
    trows = _run(con, tsql)
    shifted = [{**r, "month_start": r["month_start"] + dt.timedelta(days=3)} for r in trows]
    tans = answer_text(t, trows, spec, pb) or ""
    assert any("do not start a month" in x for x in answer_problems(t, tsql, shifted, tans, spec, pb))


def test_consistency_holds_for_the_layer_and_catches_a_metric_wrongly_called_additive(shop: Any) -> None:
    spec, con = shop
    results = consistency(spec, lambda sql: _run(con, sql))
    additive = [m.name for m in spec.semantic.metrics if m.additive]
    assert {r.metric for r in results} == set(additive)
    assert all(r.ok for r in results), [r.detail for r in results if not r.ok]
    grains = {r.sliced_by for r in results if r.metric == "net_revenue"}
    assert {"day", "week", "month", "quarter", "year", "state", "channel"} <= grains
    raw = online_shop_dict(orders=4000)
    raw["semantic"]["metrics"].append({"name": "buyers", "label": "customers", "description": "Distinct buyers.",
                                       "table": "orders", "expression": "COUNT(DISTINCT customer_id)",
                                       "time_column": "ordered_at", "additive": True})
    wrong = DatasetSpec.model_validate(raw)
    bad = [r for r in consistency(wrong, lambda sql: _run(con, sql)) if not r.ok]
    assert bad and {r.metric for r in bad} == {"buyers"}  # a buyer of two months counts twice
    assert all(r.total > r.whole for r in bad)


def test_kpis_map_to_metrics_or_are_dropped() -> None:
    spec = online_shop_spec()
    m = map_kpis(["revenue", "Average order value", "customer churn", "food cost %", "Revenue", "occupancy"],
                 spec.semantic)
    assert [(k, x.name) for k, x in m.announced] == [
        ("revenue", "net_revenue"), ("Average order value", "average_order_value"), ("customer churn", "churn_rate")]
    assert m.dropped == ["food cost %", "occupancy"]
