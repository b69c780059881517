"""Report pieces: the ER diagram layout, charts as valid SVG, and a page that loads nothing."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from demoforge.content.report import render_report
from demoforge.content.script import build_script
from demoforge.content.svg import bar_chart, chart_points, er_diagram, line_chart
from demoforge.domain.results import GoldenQuery
from demoforge.spec.model import DatasetSpec
from tests.support.demo_dataset import RESEARCH, make_spec, spec_dict

NS = "{http://www.w3.org/2000/svg}"


def _num(v: object) -> float:
    """An SVG attribute as a number (the attribute must be there)."""
    assert v is not None
    return float(str(v))


def _el(e: ET.Element | None) -> ET.Element:
    assert e is not None
    return e


def test_er_diagram_places_parents_left_of_children() -> None:
    spec = make_spec()
    root = ET.fromstring(er_diagram(spec, {"orders": 1500}))
    x = {g.get("data-table"): _num(_el(g.find(f"{NS}rect")).get("x")) for g in root.iter(f"{NS}g")}
    assert set(x) == {t.name for t in spec.tables}
    for t in spec.tables:
        for fk in t.foreign_keys:
            assert x[fk.references_table] < x[t.name], (t.name, fk.references_table)
    edges = [p for p in root.iter(f"{NS}path") if p.get("class") == "edge"]
    assert len(edges) == sum(len(t.foreign_keys) for t in spec.tables)
    assert "orders (1,500)" in ET.tostring(root, encoding="unicode")


def test_charts_are_valid_svg_with_one_mark_per_point() -> None:
    rows = [{"region": "North-East", "revenue": 200.0}, {"region": "South", "revenue": 100.0}]
    dim, metric, points = chart_points(rows)  # type: ignore[misc]
    assert (dim, metric, points) == ("region", "revenue", [("North-East", 200.0), ("South", 100.0)])
    bars = ET.fromstring(bar_chart("q", points, metric="revenue", chart_id="c1"))
    widths = [_num(r.get("width")) for r in bars.iter(f"{NS}rect")]
    assert len(widths) == 2 and widths[0] == 2 * widths[1]
    series = [(f"2024-{m:02d}-01", float(m)) for m in range(1, 13)]
    line = ET.fromstring(line_chart("q", series, metric="orders", chart_id="c2"))
    assert str(next(line.iter(f"{NS}path")).get("d")).count("L") == 11
    assert chart_points([{"n": 1}]) is None  # one row: nothing to chart
    assert chart_points([{"month": dt.date(2024, 1, 1), "n": 3}, {"month": dt.date(2024, 2, 1), "n": 4}]) is not None


def test_page_loads_nothing_and_escapes_everything() -> None:
    spec = make_spec()
    hostile = {**RESEARCH, "company_name": "<script>alert(1)</script>",
               "evidence": [{"quote": '"><img src=x onerror=alert(1)>', "source_url": "javascript:alert(1)"}]}
    q = GoldenQuery(question="<b>Q</b>?", sql="SELECT 1", difficulty="simple", status="passed",
                    row_count=1, preview=[{"x": "<i>v</i>"}], answer="X: <v>.")
    script = build_script(company=hostile["company_name"], research=hostile, spec=spec, passed=[q],
                          row_counts={"orders": 1}, dataset="p.d", max_bytes_billed=10)
    html = render_report(company=hostile["company_name"], research=hostile, spec=spec, dataset="p.d",
                         row_counts={"orders": 1}, golden=[q], dropped=0, charts=[], script=script)
    tags: list[tuple[str, dict[str, str | None]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            tags.append((tag, dict(attrs)))

    Collect().feed(html)
    names = {t for t, _ in tags}
    assert not names & {"script", "img", "iframe", "link", "object", "embed", "i"}
    assert not [a for _, attrs in tags for a in attrs if a in ("src", "href") or a.startswith("on")]
    assert "@import" not in html and "url(" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def _deep_spec() -> DatasetSpec:
    """The demo spec plus two more levels: returns -> refunds (6 levels in all)."""
    data = spec_dict()
    data["tables"] += [
        {"name": "returns", "description": "Returned lines.", "grain": "one row per return", "primary_key": "return_id",
         "foreign_keys": [{"column": "item_id", "references_table": "order_items", "references_column": "item_id"}],
         "columns": [{"name": "return_id", "type": "INT64", "description": "Return id."},
                     {"name": "item_id", "type": "INT64", "description": "Line returned."}]},
        {"name": "refunds", "description": "Money paid back.", "grain": "one row per refund", "primary_key": "refund_id",
         "foreign_keys": [{"column": "return_id", "references_table": "returns", "references_column": "return_id"}],
         "columns": [{"name": "refund_id", "type": "INT64", "description": "Refund id."},
                     {"name": "return_id", "type": "INT64", "description": "Return refunded."}]},
    ]
    return DatasetSpec.model_validate(data)


def test_deep_er_diagram_wraps_to_fit_the_card_and_edges_avoid_boxes() -> None:
    spec = _deep_spec()
    root = ET.fromstring(er_diagram(spec))
    width = _num(root.get("width"))
    assert width <= 1010
    boxes = {}
    for g in root.iter(f"{NS}g"):
        r = _el(g.find(f"{NS}rect"))
        boxes[g.get("data-table")] = (_num(r.get("x")), _num(r.get("y")),
                                      _num(r.get("x")) + _num(r.get("width")), _num(r.get("y")) + _num(r.get("height")))
    assert len(boxes) == 7 and all(x1 <= width and y1 <= _num(root.get("height")) for _, _, x1, y1 in boxes.values())
    names = list(boxes)
    for i, a in enumerate(names):  # no two boxes overlap
        for b in names[i + 1:]:
            (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = boxes[a], boxes[b]
            assert ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0, (a, b)
    assert len({y0 for _, y0, _, _ in boxes.values()}) > 1  # wrapped: a second band below the first
    wrapped = 0
    for p in root.iter(f"{NS}path"):
        d = p.get("d") or ""
        if " V" not in d:
            continue
        wrapped += 1
        nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
        x, y = nums[0], nums[1]
        for cmd, v in zip(re.findall(r"[HV]", d), nums[2:], strict=True):
            nx, ny = (v, y) if cmd == "H" else (x, v)
            for name, (bx0, by0, bx1, by1) in boxes.items():  # no segment runs through a box
                inside = (min(x, nx) < bx1 and max(x, nx) > bx0 and min(y, ny) < by1 and max(y, ny) > by0)
                assert not inside, (p.get("data-from"), name, d)
            x, y = nx, ny
    assert wrapped >= 1
