"""Specs with a semantic layer through the real synth engine, the warehouse and the
content phase: every generated question proven, every additive metric consistent, every
planted story shown; and, for each bundled sample, questions and a talk track in each
offline language free of column names and leftover English (written to
``build/language_samples`` for a person to read)."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

import duckdb
import pytest

from demoforge.content.checks import filters_applied
from demoforge.content.generated import SemanticContent, build
from demoforge.content.kpis import map_kpis
from demoforge.content.talk import build_talk_track, to_markdown
from demoforge.domain.job import JobDoc, JobOptions, Phase
from demoforge.language import OFFLINE
from demoforge.language.render import phrasebook
from demoforge.spec.model import DatasetSpec
from demoforge.spec.semantic import dimension_members
from demoforge.stories import plant
from demoforge.synth.generate import generate_dataset
from demoforge.synth.realism import check as realism_check
from demoforge.synth.realism import connect
from demoforge.synth.templates import closest_industry
from tests.support.content_runs import duckdb_runner, sample_research
from tests.support.demo_dataset import local_deps, run_phase
from tests.support.semantic_fixtures import online_shop_spec, template_with_layer

pytestmark = pytest.mark.integration

BUILD = Path(__file__).resolve().parents[3] / "build" / "language_samples"
SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")
# Words that betray English left in a German, French or Spanish text (whole words).
ENGLISH = frozenset(["the", "and", "which", "what", "how", "has", "have", "does", "did", "of", "each", "month", "year", "quarter", "week", "revenue", "orders", "order", "customers", "customer", "rate", "average", "highest", "lowest", "most", "since", "share", "growth", "from", "with", "our", "we", "you", "your", "story", "stories", "answer"])
# Proper names that read the same in every language.
ALLOWED = {"BigQuery", "SQL", "IAM", "Conversational", "Analytics", "Gift", "Aid", "No-Show", "No-Show-Quote",
           "Leads", "Lead", "Upgrade-Quote", "Cold", "Brew", "pipeline", "Pipeline"}


def _members(spec: DatasetSpec) -> set[str]:
    out: set[str] = set()
    for d in spec.semantic.dimensions:
        out |= {str(v) for v in dimension_members(spec.tables, d) or []}
    return out


def _leftover(text: str, spec: DatasetSpec, research: dict[str, Any]) -> tuple[set[str], set[str]]:
    """(snake_case tokens, English words) in ``text`` once data values, names and code are removed."""
    clean = re.sub(r"`[^`]*`", " ", text)
    names = sorted(_members(spec) | {str(x) for x in research.get("products_services") or []}
                   | {str(research.get("company_name"))}, key=len, reverse=True)
    for n in names:
        if n:
            clean = clean.replace(n, " ")
    words = set(re.findall(r"[A-Za-zÀ-ÿ'-]+", clean))
    english = {w for w in words if w.lower() in ENGLISH and w not in ALLOWED}
    return set(SNAKE.findall(clean)), english


@pytest.fixture(scope="module", params=["alpine-outfitters", "ledgerly", "nordvik-clinic", "shop"])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> tuple[str, DatasetSpec, dict[str, Any], duckdb.DuckDBPyConnection]:
    name = request.param
    if name == "shop":
        research = {"company_name": "Kaffeerösterei Süd", "industry": "retail_ecommerce", "language": "de",
                    "products_services": ["SIDAMO Bio Bohnen", "Espresso Napoli", "Kaffeemühle Classic"],
                    "kpis": ["net revenue", "food cost %"], "confidence": 0.9}
        base = online_shop_spec()
        profile: dict[str, Any] = {"country": "DE", "locations": [{"city": "München", "region": "Bayern"}]}
    else:
        r = sample_research(name)
        research = r.model_dump(mode="json")
        base = template_with_layer(closest_industry(r.industry))
        profile = {"offerings": [{"name": n} for n in r.products_services]}
    spec = plant(base, 11, profile)
    out = tmp_path_factory.mktemp(name)
    generate_dataset(spec, out)
    return name, spec, research, connect(spec, out)


def _content(spec: DatasetSpec, con: duckdb.DuckDBPyConnection, lang: str) -> SemanticContent:
    return build(spec, phrasebook(lang, country="DE" if lang == "de" else None), duckdb_runner(con), seed=spec.seed,
                 log=lambda _msg: None)


def test_every_question_is_proven_every_metric_consistent_every_story_shown(demo: Any) -> None:
    name, spec, _, con = demo
    c = _content(spec, con, "en")
    assert len(c.passed) >= (20 if name == "shop" else 12)
    assert c.dropped == [], [(q.question, q.reason) for q in c.dropped]
    assert len({(q.metric, ",".join(q.dimensions), q.grain) for q in c.passed}) == len(c.passed)
    assert c.consistency and all(x.ok for x in c.consistency), [x.detail for x in c.consistency if not x.ok]
    assert 3 <= len(c.stories) <= 5
    assert all(s.evidence.ok for s in c.stories), [(s.name, s.evidence.detail) for s in c.stories]
    followed = [s for s in c.stories if s.follow_up is not None]
    assert followed and all(s.follow_up.query.status == "passed" for s in followed if s.follow_up)


def test_the_realism_checks_find_every_planted_story(demo: Any, tmp_path: Path) -> None:
    _, spec, _, _ = demo
    small = spec  # the stories' golden queries run on the generated data
    out = tmp_path / "data"
    generate_dataset(small, out)
    results = {r.name: r for r in realism_check(small, out) if r.name.startswith("story:")}
    assert results and all(r.passed for r in results.values()), [r.detail for r in results.values() if not r.passed]


@pytest.mark.parametrize("lang", OFFLINE)
def test_questions_and_script_in_each_language_have_no_column_names_or_leftover_english(demo: Any, lang: str) -> None:
    name, spec, research, con = demo
    c = _content(spec, con, lang)
    pb = phrasebook(lang)
    kpis = map_kpis([*spec.kpis, *(research.get("kpis") or [])], spec.semantic)
    track = build_talk_track(company=str(research["company_name"]), research=research, spec=spec, content=c,
                             kpis=kpis, pb=pb, row_counts={t.name: 1000 for t in spec.tables},
                             dataset="demo-proj.demo_sample", max_bytes_billed=10**9)
    script = to_markdown(track, pb)
    questions = "\n".join(f"- [{q.difficulty}] {q.question}\n  → {q.answer}" for q in c.passed)
    BUILD.mkdir(parents=True, exist_ok=True)
    (BUILD / f"{name}.{lang}.md").write_text(f"# {name} ({lang})\n\n## Questions\n\n{questions}\n\n{script}",
                                            encoding="utf-8")
    notes_at = script.find("\n## " + pb.text("h_notes"))
    shown = script[: notes_at if notes_at >= 0 else None]  # the presenter's notes quote KPIs as given
    snake, english = _leftover(questions + "\n" + shown, spec, research)
    assert snake == set(), snake
    if lang != "en":
        assert english == set(), english
    assert track.minutes == 20 and len(track.arcs) == 3
    assert all(a.ask.answer for a in track.arcs)


def test_the_content_phase_writes_a_talk_track_and_a_report_in_the_jobs_language(tmp_path: Path) -> None:
    spec = plant(online_shop_spec(orders=8000), 5, {"country": "DE"})
    deps = local_deps(tmp_path)
    research = {"company_name": "Kaffeerösterei Süd", "industry": "retail_ecommerce", "confidence": 0.93,
                "source": "hint", "language": "en", "products_services": ["SIDAMO Bio Bohnen", "Espresso Napoli"],
                "kpis": ["revenue", "food cost %", "customer churn"],
                "evidence": [{"quote": "Frisch geröstet in München.", "source_url": "https://x.example/"}]}
    job = JobDoc(job_id="sem1", customer_url="https://x.example/", options=JobOptions(language="de-AT"),
                 results={"research": research})
    deps.store.create(job)
    deps.artifacts.put("sem1", "spec.json", spec.model_dump_json().encode())
    run_phase(deps, "sem1", Phase.WAREHOUSE)
    out = run_phase(deps, "sem1", Phase.CONTENT)
    assert out.summary["language"] == "de" and out.summary["metrics_consistent"] is True
    assert out.summary["kpis_dropped"] == ["food cost %"] and out.summary["stories_shown"] == out.summary["stories"]
    art = deps.artifacts.workdir("sem1")
    golden = json.loads((art / "golden_queries.json").read_text())
    assert len(golden) >= 20 and all(q["metric"] and q["status"] == "passed" for q in golden)
    revenue = spec.semantic.metric("net_revenue")
    assert [q for q in golden if q["metric"] == "net_revenue" and filters_applied(revenue, q["sql"])] == []
    script = (art / "demo_script.md").read_text()
    assert script.startswith("# Kaffeerösterei Süd: Demo für Conversational Analytics")
    assert "## Ablauf (20 Minuten)" in script and script.count("## Geschichte ") == 3
    # the CE's note only, naming the KPI in the job's language ("food cost %")
    assert "Wareneinsatzquote" in script.split("## Hinweise für die Präsentation")[1]
    assert "food cost" not in script.split("## Hinweise für die Präsentation")[0]
    html = (art / "index.html").read_text()
    assert '<html lang="de">' in html and "Kennzahlen und ihre Definition" in html
    assert "SUM(net_amount)" in html and "status NOT IN (&#x27;cancelled&#x27;, &#x27;refunded&#x27;)" in html
    assert "Geprüft: Jede additive Kennzahl" in html
    assert "hint" not in html and "0.93" not in html and "Research" not in html
    agent_out = run_phase(deps, "sem1", Phase.AGENT)
    agent = json.loads((art / "agent.json").read_text())
    ctx = agent["dataAgent"]["dataAnalyticsAgent"]["publishedContext"]
    assert "Antworten Sie immer auf Deutsch" in ctx["systemInstruction"]
    assert "SUM(net_amount) über orders" in ctx["systemInstruction"]
    assert "food cost %" in ctx["systemInstruction"].split("Mit diesen Daten nicht berechenbar")[1]
    terms = {t["displayName"]: t for t in ctx["glossaryTerms"]}
    assert "Nettoumsatz" in terms and "SUM(net_amount) FROM orders WHERE status NOT IN" in terms["Nettoumsatz"]["description"]
    assert agent_out.summary["example_queries"] == len(golden)
    assert tempfile.gettempdir()  # the pack lives in tmp_path


@pytest.mark.parametrize("industry", sorted(__import__("demoforge.synth.templates", fromlist=["x"]).template_names()))
def test_every_template_layer_is_consistent_and_shows_its_stories(industry: str, tmp_path: Path) -> None:
    spec = plant(template_with_layer(industry, rows=12_000), 3)
    generate_dataset(spec, tmp_path)
    c = _content(spec, connect(spec, tmp_path), "en")
    assert c.consistency and all(x.ok for x in c.consistency), [x.detail for x in c.consistency if not x.ok]
    assert len(c.passed) >= 12
    assert all(s.evidence.ok for s in c.stories), [(s.name, s.evidence.detail) for s in c.stories]


def test_generated_questions_answer_the_same_on_local_bigquery(local_bigquery: Any, tmp_path: Path) -> None:
    from demoforge.adapters.bigquery_warehouse import BigQueryWarehouse
    from demoforge.service.ports import DatasetRef
    from demoforge.settings import Settings

    spec = plant(online_shop_spec(orders=3000), 4)
    research = {"company_name": "Kaffeerösterei Süd", "industry": "retail_ecommerce", "confidence": 0.9,
                "language": "de", "products_services": ["Espresso Napoli"], "kpis": ["revenue"]}

    def pack(deps: Any, job: str) -> dict[str, Any]:
        deps.store.create(JobDoc(job_id=job, customer_url="https://x.example/", results={"research": research}))
        deps.artifacts.put(job, "spec.json", spec.model_dump_json().encode())
        run_phase(deps, job, Phase.WAREHOUSE)
        run_phase(deps, job, Phase.CONTENT)
        return {q["question"]: q for q in json.loads(deps.artifacts.get(job, "golden_queries.json"))}

    s = Settings(home=tmp_path, project="demo-proj", warehouse="bigquery", bigquery_endpoint=local_bigquery.endpoint)
    bq_deps = local_deps(tmp_path / "bq", warehouse=BigQueryWarehouse(s), settings=s)
    job = "sem-bq"
    try:
        on_bq = pack(bq_deps, job)
        on_duck = pack(local_deps(tmp_path / "duck"), job)
    finally:
        done = bq_deps.store.get(job).results.get("warehouse", {})
        if done:
            bq_deps.warehouse.delete_dataset(DatasetRef(done["project"], done["dataset"], job))
    assert len(on_bq) >= 20 and set(on_bq) == set(on_duck)
    for question, bq in on_bq.items():
        assert bq["row_count"] == on_duck[question]["row_count"], question
        assert bq["answer"] == on_duck[question]["answer"], question
