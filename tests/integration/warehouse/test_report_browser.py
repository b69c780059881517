"""The demo pack report renders in headless Chromium: no console errors, no network,
ER diagram and three story charts drawn with real geometry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.chromium import chromium_path, open_page

pytestmark = [
    pytest.mark.integration,
    pytest.mark.browser,
    pytest.mark.skipif(chromium_path() is None, reason="chromium not installed (apt-get install chromium)"),
]

PROBE = """JSON.stringify({
  title: document.title,
  charts: [...document.querySelectorAll('svg.chart')].map(s => ({
    w: s.getBoundingClientRect().width,
    marks: s.querySelectorAll('rect.bar, path.line').length,
    bars: [...s.querySelectorAll('rect.bar')].map(r => r.getBBox().width)})),
  erd: (() => { const s = document.getElementById('er-diagram');
    return s ? {w: s.getBoundingClientRect().width, h: s.getBoundingClientRect().height,
      entities: s.querySelectorAll('g.entity').length, edges: s.querySelectorAll('path.edge').length,
      names: [...s.querySelectorAll('g.entity')].map(g => g.dataset.table)} : null })(),
  tableRows: document.querySelectorAll('#tables > table tbody tr').length,
  golden: document.querySelectorAll('details.golden').length,
  steps: document.querySelectorAll('#script .step').length,
  scripts: document.scripts.length,
  heading: document.querySelector('h1').textContent,
})"""


def test_report_renders_cleanly(report_pack: Path) -> None:
    golden = json.loads((report_pack / "golden_queries.json").read_text())
    report = open_page((report_pack / "index.html").as_uri(), PROBE)
    assert report.console_errors == [] and report.exceptions == [] and report.log_errors == []
    assert report.external_requests == []
    page = json.loads(report.probe)
    assert page["heading"] == "Summit & Trail <Outfitters>"  # escaped markup shows as text
    assert len(page["charts"]) == 3
    for chart in page["charts"]:
        assert chart["w"] > 100 and chart["marks"] >= 1
        assert all(w > 0 for w in chart["bars"])
    erd = page["erd"]
    assert erd and erd["w"] > 300 and erd["h"] > 100
    assert sorted(erd["names"]) == sorted(["regions", "customers", "products", "orders", "order_items"])
    assert erd["edges"] == 4  # one per foreign key
    assert page["tableRows"] == 5 and page["golden"] == len(golden) >= 12
    assert 5 <= page["steps"] <= 7 and page["scripts"] == 0


def test_the_check_itself_catches_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text('<html><body><script>console.error("x"); nope();</script>'
                   '<img src="http://192.0.2.1/pixel.png"></body></html>')
    report = open_page(bad.as_uri(), "1")
    assert report.console_errors == ["x"] and len(report.exceptions) == 1
    assert report.external_requests == ["http://192.0.2.1/pixel.png"]
