"""A bundled sample's report (``index.html``) in German, French and Spanish has no English
sentence left in what the prospect reads: headings, labels, table descriptions and grains,
metric units, the industry, the data-model diagram's words, captions and the talk track.

What may stay as written: SQL and code, the data's own names (tables, columns, BigQuery
types, the dataset), the company's and its offerings' names, the website's own words
quoted under "from the website", and the values the data holds (category and segment
members are labelled elsewhere). The pack is built by the real ``demoforge run`` on the
sample, offline, at a small row budget.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from demoforge.content.svg import er_diagram
from demoforge.devtools import samples
from demoforge.language.lexicon_tables import INDUSTRIES
from demoforge.language.render import phrasebook
from demoforge.language.tables import er_words
from demoforge.synth.templates import get_template

# Words of English text that are no words of German, French or Spanish: a text with one of
# them (outside the allowed names and values) is an English leftover.
ENGLISH = frozenset({
    "the", "of", "and", "with", "where", "who", "which", "every", "each", "row", "rows", "more", "from",
    "their", "they", "live", "lives", "count", "ratio", "grain", "metric", "metrics", "quantity", "diagram",
    "relationship", "by", "is", "are", "were", "this", "that", "these", "our", "your", "for", "to", "one",
    "shown", "first", "story", "stories", "answer", "evidence", "insight", "share", "churn", "unit",
    "units", "per", "description", "table", "tables", "model", "verified", "questions", "opening", "close",
    "objection", "handling", "rating", "payments", "orders", "customers",
})
# ... and those of them that are words of the report's language too.
ALSO_NATIVE = {"fr": frozenset({"questions", "tables", "table", "description"}), "de": frozenset(), "es": frozenset()}
CASES = [("alpine-outfitters", "de"), ("nordvik-clinic", "fr"), ("ledgerly", "es")]
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


class _Text(HTMLParser):
    """The report's text nodes, without code, SQL, styles and the website's quotes."""

    SKIP = frozenset({"pre", "code", "style", "blockquote", "title"})

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth and data.strip():
            self.chunks.append(" ".join(data.split()))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _allowed(pack: Path) -> set[str]:
    """The names and values a report shows as the data and the website have them."""
    spec = json.loads((pack / "spec.json").read_text())
    research = json.loads((pack / "job.json").read_text())["results"]["research"]
    golden = json.loads((pack / "golden_queries.json").read_text())
    names = {spec["name"], research["company_name"], *research.get("products_services", [])}
    for t in spec["tables"]:
        names.add(t["name"])
        names.update(c["name"] for c in t["columns"])
        names.update(c["type"] for c in t["columns"])
    for q in golden:
        for row in q["preview"]:
            names.update(str(k) for k in row)
            names.update(str(v) for v in row.values())
        # Members in the answers and questions are the data's values too.
    for loc in research.get("locations") or []:
        names.update(_strings(loc))
    return {n for n in names if n}


def english_leftovers(html: str, allowed: set[str], lang: str = "de") -> list[str]:
    english = ENGLISH - ALSO_NATIVE.get(lang, frozenset())
    parser = _Text()
    parser.feed(html)
    found = []
    for chunk in parser.chunks:
        text = chunk
        for name in sorted(allowed, key=len, reverse=True):
            if len(name) > 1 and name in text:
                text = text.replace(name, " ")
        words = {w.lower() for w in _WORD.findall(text)}
        if words & english:
            found.append(f"{chunk!r} ({', '.join(sorted(words & english))})")
    return found


def _start(sample: str, language: str, out: Path, home: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "DEMOFORGE_"))}
    env["DEMOFORGE_HOME"] = str(home)
    return subprocess.Popen([sys.executable, "-m", "demoforge.entrypoints.cli", "run", "--sample", sample,
                             "--language", language, "--rows", "6000", "--out", str(out), "--quiet"],
                            env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    missing = [s for s, _ in CASES if s not in samples.names()]
    if missing:
        pytest.skip(f"bundled samples missing: {missing}")
    base = tmp_path_factory.mktemp("packs")
    out = {(s, lang): base / f"{s}-{lang}" for s, lang in CASES}
    # The three runs at once: each is mostly start-up and waiting on its phases.
    procs = {case: _start(*case, out[case], base / f"home-{case[1]}") for case in CASES}
    for case, proc in procs.items():
        log, _ = proc.communicate(timeout=300)
        assert proc.returncode == 0, f"{case}: {log}"
    return out


@pytest.mark.parametrize(("sample", "lang"), CASES)
def test_no_english_sentence_in_the_report(packs: dict[tuple[str, str], Path], sample: str, lang: str) -> None:
    pack = packs[(sample, lang)]
    html = (pack / "index.html").read_text()
    assert f'<html lang="{lang}">' in html
    leftovers = english_leftovers(html, _allowed(pack), lang)
    assert not leftovers, "\n".join(leftovers)
    # The industry is the registry's, in the language ("Gesundheitswesen", not "Healthcare").
    code = json.loads((pack / "job.json").read_text())["results"]["research"]["industry"]
    assert f"<td>{escape(INDUSTRIES[lang][code])}</td>" in html


def test_the_detector_finds_english_left_in_a_report() -> None:
    html = ("<html><body><h2>Tabellen</h2><td>Every customer of Acme: where they live.</td>"
            "<td>Granularität: eine Zeile je Kunde</td><pre>SELECT the FROM x</pre>"
            "<blockquote>We sell the best boots.</blockquote><td>orders</td></body></html>")
    assert english_leftovers(html, {"Acme", "orders"}) == [
        "'Every customer of Acme: where they live.' (every, live, of, they, where)"]


def test_the_diagram_speaks_the_reports_language() -> None:
    spec = get_template("retail.online_shop")
    words = er_words("de")
    svg = er_diagram(spec, {"customers": 4625}, title=words["title"], more=words["more"],
                     number=phrasebook("de", country="DE").fmt.number)
    assert 'aria-label="Entity-Relationship-Diagramm"' in svg and "<title>Entity-Relationship-Diagramm</title>" in svg
    assert "customers (4.625)" in svg
    assert re.search(r">\+\d+ weitere<", svg) and " more<" not in svg
    # English stays the default for the English report.
    assert re.search(r">\+\d+ more<", er_diagram(spec))
