"""What a person reads names categorical codes by their label: the questions, answers and
demo script of each bundled sample and of a handful of shapes, in every offline language,
hold no snake_case code ("mobile_app") and no stored code a label replaces ("Regular" in a
German script, "cancelled" in a French one); the queries still filter by the code."""

from __future__ import annotations

import html as html_text
import re
from pathlib import Path
from typing import Any

import duckdb
import pytest

from demoforge.content.generated import SemanticContent, build
from demoforge.content.kpis import map_kpis
from demoforge.content.report import render_semantic_report
from demoforge.content.talk import build_talk_track, to_markdown
from demoforge.devtools import samples
from demoforge.domain.results import ResearchResult
from demoforge.language import OFFLINE
from demoforge.language.render import phrasebook
from demoforge.language.values import PROPER_KINDS, value_label
from demoforge.spec.model import DatasetSpec
from demoforge.spec.semantic import dimension_members
from demoforge.stories import plant
from demoforge.synth.generate import generate_dataset
from demoforge.synth.realism import connect
from demoforge.synth.templates import closest_industry, customise, get_template
from demoforge.synth.templates.shapes import SHAPES
from tests.support.content_runs import duckdb_runner, sample_research

SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")
# Shapes whose channels, statuses and segments are codes of many kinds (app and web,
# in-store, walk-in, no-show, broker, key accounts ...).
SHAPE_KEYS = ("retail.online_shop", "healthcare.practice", "insurance.motor", "saas.subscriptions", "pharma.distributor")


def _research(name: str) -> ResearchResult:
    folder = samples.ROOT / name
    if not folder.is_dir():
        pytest.skip(f"bundled sample {name} is not in this checkout")
    return sample_research(name)


@pytest.fixture(scope="module", params=[*samples.names(), *SHAPE_KEYS])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> tuple[DatasetSpec, dict[str, Any], duckdb.DuckDBPyConnection]:
    name = str(request.param)
    if name in SHAPE_KEYS:
        industry = next(s.industry for s in SHAPES if s.key == name)
        research = ResearchResult.model_validate(
            {"company_name": "Acme", "industry": industry, "products_services": [], "kpis": [],
             "evidence": [], "confidence": 0.9, "source": "offline"})
        base = customise(get_template(name), research, rows=8000)
    else:
        research = _research(name)
        base = customise(get_template(closest_industry(research.industry)), research, rows=8000)
    spec = plant(base, 11, {"offerings": [{"name": n} for n in research.products_services]})
    out: Path = tmp_path_factory.mktemp(name.replace(".", "_"))
    generate_dataset(spec, out)
    return spec, research.model_dump(mode="json"), connect(spec, out)


def _track(spec: DatasetSpec, research: dict[str, Any], content: SemanticContent, lang: str) -> Any:
    pb = phrasebook(lang)
    kpis = map_kpis([*spec.kpis, *(research.get("kpis") or [])], spec.semantic)
    track = build_talk_track(company=str(research["company_name"]), research=research, spec=spec, content=content,
                             kpis=kpis, pb=pb, row_counts={t.name: 1000 for t in spec.tables},
                             dataset="demo-proj.demo_sample", max_bytes_billed=10**9)
    return track, kpis, pb


def _rendered(spec: DatasetSpec, research: dict[str, Any], content: SemanticContent, lang: str) -> str:
    track, _, pb = _track(spec, research, content, lang)
    script = to_markdown(track, pb)
    notes_at = script.find("\n## " + pb.text("h_notes"))  # the presenter's notes quote KPIs as given
    questions = "\n".join(f"{q.question}\n{q.answer}" for q in content.passed)
    return re.sub(r"`[^`]*`", " ", questions + "\n" + script[: notes_at if notes_at >= 0 else None])


def _names(spec: DatasetSpec, research: dict[str, Any]) -> list[str]:
    """Proper nouns the text may quote as stored: places, offerings, people, the company."""
    out = {str(x) for x in research.get("products_services") or []} | {str(research.get("company_name"))}
    for d in spec.semantic.dimensions:
        if d.kind in PROPER_KINDS:
            out |= {str(v) for v in dimension_members(spec.tables, d) or []}
    return sorted(out, key=len, reverse=True)


def _codes(spec: DatasetSpec, lang: str) -> dict[str, str]:
    """The stored codes whose label reads differently in ``lang``, with that label."""
    out: dict[str, str] = {}
    for d in spec.semantic.dimensions:
        if d.kind not in PROPER_KINDS:
            for v in dimension_members(spec.tables, d) or []:
                # A label that is the code capitalised ("agent" -> "Agent") is the same word.
                label = value_label(v, lang, kind=d.kind, column=d.column) if isinstance(v, str) else ""
                if isinstance(v, str) and label.casefold() != v.casefold():
                    out[v] = label
    return out


@pytest.mark.parametrize("lang", OFFLINE)
def test_questions_answers_and_script_name_codes_by_their_label(demo: Any, lang: str) -> None:
    spec, research, con = demo
    content = build(spec, phrasebook(lang), duckdb_runner(con), seed=spec.seed, log=lambda _m: None)
    text = _rendered(spec, research, content, lang)
    for n in _names(spec, research):
        text = text.replace(n, " ")
    assert set(SNAKE.findall(text)) == set()
    codes = _codes(spec, lang)
    if lang != "en":  # English codes are English words ("returned"): the snake_case check covers English
        for label in sorted(codes.values(), key=len, reverse=True):
            text = text.replace(label, " ")  # "Site web" holds the code "web"
        shown = sorted(c for c in codes if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", text))
        assert shown == []
    # The data keeps its codes: a question restricted to a member filters by the stored value.
    restricted = [a for a in content.asked if a.plan.query.where]
    for a in restricted:
        for f in a.plan.query.where:
            assert all(f"'{v}'" in a.query.sql for v in f.values if isinstance(v, str)), a.query.sql


def test_the_reports_charts_tables_and_stories_name_codes_by_their_label(demo: Any) -> None:
    spec, research, con = demo
    content = build(spec, phrasebook("de"), duckdb_runner(con), seed=spec.seed, log=lambda _m: None)
    track, kpis, pb = _track(spec, research, content, "de")
    html = render_semantic_report(company=str(research["company_name"]), research=research, spec=spec,
                                  dataset="demo-proj.demo_sample", row_counts={t.name: 1000 for t in spec.tables},
                                  content=content, kpis=kpis, track=track, pb=pb)
    names = set(_names(spec, research))  # a plan called "Enterprise" is a name, the segment a code
    codes = {c: label for c, label in _codes(spec, "de").items() if c not in names}
    # A value a person reads stands alone between tags (a chart's axis label, a table cell);
    # the SQL quotes codes ('mobile_app'); the data model and the tables list column names.
    shown_parts = [p for p in html.split("<h2>") if not p.startswith(("Datenmodell", "Tabellen"))]
    shown = sorted(c for c in codes if any(f">{c}<" in p for p in shown_parts))
    assert shown == []
    assert any(f">{html_text.escape(label)}<" in html for label in codes.values()), "a coded member is charted or tabled"
