"""The demo pack report: one self-contained ``index.html``.

Inline CSS and SVG only, no scripts, fonts, images or links that load anything at view
time (the CE may open it offline, and the api serves it as is). Sections: company summary
and evidence, ER diagram, tables, charts of the planted stories, golden queries with their
results, the demo script. All text is HTML-escaped: company names and quotes come from a
website, i.e. untrusted input.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from collections.abc import Mapping, Sequence
from typing import Any

from demoforge.content.facts import member, value_formatter
from demoforge.content.generated import Asked, SemanticContent, StoryResult
from demoforge.content.golden import order_column
from demoforge.content.industry import industry_label
from demoforge.content.kpis import KpiMapping
from demoforge.content.script import DemoScript
from demoforge.content.shape import column_formatter, mentions, result_shape
from demoforge.content.svg import bar_chart, chart_data, er_diagram, line_chart
from demoforge.content.talk import (
    Exchange,
    TalkTrack,
    story_implication,
    story_subject,
    story_title,
)
from demoforge.content.values import fmt, is_number, label
from demoforge.domain import industries
from demoforge.domain.results import GoldenQuery
from demoforge.language.base import Period, Phrasebook
from demoforge.language.tables import TableContext, er_words, industry_name, table_text, unit_name
from demoforge.language.words import metric_words
from demoforge.spec.model import DatasetSpec, TableSpec


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


@dataclasses.dataclass
class Chart:
    title: str
    svg: str
    caption: str


_CSS = """
:root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--accent:#1a73e8;--soft:#eef4fd}
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;
color:var(--ink);margin:0;background:#f7f9fb}main{max-width:1100px;margin:0 auto;padding:24px}
header{background:#fff;border-bottom:1px solid var(--line);padding:20px 24px}
h1{margin:0 0 4px;font-size:26px}h2{margin:32px 0 12px;font-size:20px;border-bottom:2px solid var(--line);padding-bottom:4px}
h3{font-size:16px;margin:18px 0 6px}.muted{color:var(--muted)}section{background:#fff;border:1px solid var(--line);
border-radius:8px;padding:16px 20px;margin:16px 0}table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--soft)}td.num{text-align:right;font-variant-numeric:tabular-nums}
pre{background:#0f172a;color:#e2e8f0;padding:10px;border-radius:6px;overflow:auto;font-size:12px;white-space:pre-wrap}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;background:var(--soft);color:var(--accent)}
.badge.passed{background:#e3f9e5;color:#1f7a35}.scroll{overflow:auto}.grid{display:grid;gap:16px}
blockquote{margin:6px 0;padding:4px 12px;border-left:3px solid var(--accent);color:var(--muted)}
details{border:1px solid var(--line);border-radius:6px;padding:8px 12px;margin:8px 0}summary{cursor:pointer;font-weight:600}
.chart-title{font-weight:600;font-size:13px;fill:var(--ink)}.axis{font-size:11px;fill:var(--muted)}
.value{font-size:11px;fill:var(--ink)}.bar{fill:var(--accent)}.line{fill:none;stroke:var(--accent);stroke-width:2}
.dot{fill:var(--accent)}.gridline{stroke:var(--line)}
.entity-box{fill:#fff;stroke:#9fb3c8}.entity-head{fill:var(--accent)}.entity-name{fill:#fff;font-weight:600;font-size:13px}
.col{font-size:12px;fill:var(--ink)}.col.key{font-weight:600}.coltype{font-size:11px;fill:var(--muted)}
.edge{fill:none;stroke:#829ab1;stroke-width:1.4}.edge-end{fill:#829ab1}
.step{border-left:3px solid var(--accent);padding-left:12px;margin:12px 0}
"""


def choose_charts(
    spec: DatasetSpec, passed: Sequence[GoldenQuery], rows_by_question: Mapping[str, list[dict[str, Any]]],
    count: int = 3,
) -> list[Chart]:
    """One chart per planted story (distinct patterns first), then other chartable results."""
    stories = {s.name: s for s in spec.stories}
    ordered = sorted(passed, key=lambda q: q.pattern is None)
    charts: list[Chart] = []
    used_patterns: set[str] = set()
    for q in ordered:
        if len(charts) >= count:
            break
        if q.pattern and q.pattern in used_patterns:
            continue
        rows = rows_by_question.get(q.question) or q.preview
        data = chart_data(rows, q.question, order_column(q.sql, list(rows[0])) if rows else None)
        if data is None:
            continue
        cid = f"chart-{len(charts) + 1}"
        title = q.question
        time_like = all(len(p[0]) >= 7 and p[0][:4].isdigit() and p[0][4] == "-" for p in data.points)
        draw = line_chart if time_like else bar_chart
        svg = draw(title, data.points, metric=data.title, chart_id=cid, value_fmt=data.value)
        story = stories.get(q.pattern or "")
        caption = q.answer
        if story is not None:
            told = f"{story.name.replace('_', ' ')}: {story.description}"
            # A story about another measure follows the answer instead of captioning the chart alone.
            caption = told if mentions(story.description, data.metric) else f"{q.answer} The wider story, {told}"
        charts.append(Chart(title=title, svg=svg, caption=caption))
        if q.pattern:
            used_patterns.add(q.pattern)
    return charts


def _dim_fmt(v: Any) -> str:
    return str(int(v)) if is_number(v) and float(v).is_integer() else fmt(v)


def _result_table(preview: Sequence[Mapping[str, Any]]) -> str:
    if not preview:
        return '<p class="muted">No rows.</p>'
    cols = list(preview[0])
    head = "".join(f"<th>{_e(label(c))}</th>" for c in cols)
    # Dimension-named numbers (year, month_of_year) read as written; measures as in the charts.
    dims = set(result_shape(preview).dims)
    fmts = {c: (_dim_fmt if c in dims else column_formatter(preview, c)) for c in cols}
    body = []
    for r in preview:
        cells = []
        for c in cols:
            v = r.get(c)
            num = isinstance(v, int | float) and not isinstance(v, bool)
            cls = ' class="num"' if num else ""
            cells.append(f"<td{cls}>{_e(fmts[c](v))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


def render_report(
    *, company: str, research: Mapping[str, Any], spec: DatasetSpec, dataset: str,
    row_counts: Mapping[str, int], golden: Sequence[GoldenQuery], dropped: int,
    charts: Sequence[Chart], script: DemoScript,
) -> str:
    ind = industry_label(research, spec.industry)
    facts = [("Industry", ind), ("Business model", research.get("business_model", "")),
             ("Products and services", ", ".join(map(str, research.get("products_services", [])))),
             ("KPIs", ", ".join(map(str, research.get("kpis") or spec.kpis)))]
    # Research's confidence and source are for the CE (job document, CLI), not the prospect.
    facts_html = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in facts if v not in ("", None))
    evidence = "".join(
        f'<blockquote>{_e(e.get("quote", ""))}<br><span class="muted">{_e(e.get("source_url", ""))}</span></blockquote>'
        for e in research.get("evidence", []) if isinstance(e, Mapping))
    table_rows = "".join(
        f'<tr><td><b>{_e(t.name)}</b></td><td class="num">{_e(fmt(row_counts.get(t.name, 0)))}</td>'
        f"<td>{_e(t.description)}<br><span class=\"muted\">Grain: {_e(t.grain)}</span></td></tr>"
        for t in spec.tables)
    columns = "".join(
        f"<details><summary>{_e(t.name)}: {len(t.columns)} columns</summary><table><thead><tr><th>Column</th>"
        f"<th>Type</th><th>Description</th></tr></thead><tbody>"
        + "".join(f"<tr><td>{_e(c.name)}</td><td>{_e(c.type)}</td><td>{_e(c.description)}</td></tr>" for c in t.columns)
        + "</tbody></table></details>" for t in spec.tables)
    charts_html = "".join(
        f'<figure class="chart-figure"><h3>{_e(c.title)}</h3>{c.svg}<figcaption class="muted">{_e(c.caption)}</figcaption></figure>'
        for c in charts)
    queries = "".join(
        f'<details class="golden"><summary>{i}. {_e(q.question)} <span class="badge">{_e(q.difficulty)}</span> '
        f'<span class="badge {_e(q.status)}">{_e(q.status)}</span></summary>'
        f"<p><b>Answer:</b> {_e(q.answer)}</p>"
        + (f'<p class="muted">Story: {_e(q.pattern)}</p>' if q.pattern else "")
        + f"<pre>{_e(q.sql)}</pre><p class=\"muted\">{q.row_count} rows"
        f"{' (first ' + str(len(q.preview)) + ' shown)' if q.row_count > len(q.preview) else ''}</p>"
        + _result_table(q.preview) + "</details>"
        for i, q in enumerate(golden, 1))
    steps = "".join(
        f'<div class="step"><h3>{i}. {_e(s.question)} <span class="badge">{_e(s.difficulty)}</span></h3>'
        f"<p><b>Answer:</b> {_e(s.answer)}</p><p><b>Insight:</b> {_e(s.insight)}</p></div>"
        for i, s in enumerate(script.steps, 1))
    objections = "".join(f"<li><b>{_e(o)}</b> {_e(a)}</li>" for o, a in script.objections)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>{_e(company)}: Demoforge demo pack</title><style>{_CSS}</style></head>
<body><header><h1>{_e(company)}</h1><div class="muted">Conversational Analytics demo pack:
dataset <code>{_e(dataset)}</code>, {len(spec.tables)} tables, {_e(fmt(sum(row_counts.values())))} rows,
{len(golden)} verified questions ({dropped} dropped)</div></header>
<main>
<section id="company"><h2>Company</h2><table>{facts_html}</table>
<h3>Evidence</h3>{evidence or '<p class="muted">No quotes recorded.</p>'}</section>
<section id="diagram"><h2>Data model</h2><div class="scroll">{er_diagram(spec, dict(row_counts))}</div></section>
<section id="tables"><h2>Tables</h2><table><thead><tr><th>Table</th><th>Rows</th><th>Description</th></tr></thead>
<tbody>{table_rows}</tbody></table>{columns}</section>
<section id="charts"><h2>The stories in the data</h2><div class="grid">{charts_html}</div></section>
<section id="golden"><h2>Verified questions</h2>{queries}</section>
<section id="script"><h2>Demo script</h2>
<h3>Opening</h3>{"".join(f"<p>{_e(p)}</p>" for p in script.opening)}
<h3>The questions</h3>{steps}
<h3>Objection handling</h3><ul>{objections}</ul>
<h3>Close</h3>{"".join(f"<p>{_e(p)}</p>" for p in script.close)}</section>
</main></body></html>
"""


# --------------------------------------------------------------------------- semantic layer

def _semantic_chart(a: Asked, spec: DatasetSpec, pb: Phrasebook, chart_id: str) -> str | None:
    """The chart of a generated question: its own metric by its own period or member."""
    rows, q = a.rows, a.plan.query
    if len(rows) < 2:
        return None
    m = spec.semantic.metric(q.metric)
    write = value_formatter(m, pb, rows)
    title = a.query.question
    label = pb.metric_name(metric_words(m, pb.code), capital=True)
    if a.plan.kind in ("trend", "breakdown") and not q.by and q.grain:
        col = f"{q.grain}_start"
        points = [(str(r.get(col))[:10], float(r[m.name])) for r in rows
                  if r.get(m.name) is not None and r.get(col) is not None]
        return line_chart(title, points, metric=label, chart_id=chart_id, value_fmt=write) if len(points) > 1 else None
    if a.plan.kind == "cycle" and q.cycle:
        def name(k: Any) -> str:
            n = int(k)
            return pb.fmt.month_name(n) if q.cycle == "month_of_year" else pb.fmt.weekday_name((n + 5) % 7 + 1)
        points = [(name(r[q.cycle]), float(r[m.name])) for r in rows if r.get(m.name) is not None]
        return bar_chart(title, points, metric=label, chart_id=chart_id, value_fmt=write)
    if a.plan.kind in ("ranking", "share") and q.by:
        dim = spec.semantic.dimension(q.by[0])
        points = [(member(r.get(q.by[0]), pb, dim), float(r[m.name])) for r in rows if r.get(m.name) is not None]
        return bar_chart(title, points, metric=label, chart_id=chart_id, value_fmt=write)
    return None


def _preview_table(rows: Sequence[Mapping[str, Any]], a: Asked, spec: DatasetSpec, pb: Phrasebook) -> str:
    if not rows:
        return ""
    m = spec.semantic.metric(a.plan.query.metric)
    write = value_formatter(m, pb, rows)
    cols = list(rows[0])
    dims = {d.name: d for d in spec.semantic.dimensions}  # result columns are named by dimension
    head = "".join(f"<th>{_e(c)}</th>" for c in cols)

    def cell(c: str, v: Any) -> str:
        if c == m.name:
            return f'<td class="num">{_e(write(v))}</td>'
        if c == "share_of_total" and is_number(v):  # a share question's second measure (questions.plan_sql)
            return f'<td class="num">{_e(pb.fmt.percent(float(v)))}</td>'
        return f"<td>{_e(member(v, pb, dims.get(c)))}</td>"

    body = "".join("<tr>" + "".join(cell(c, r.get(c)) for c in cols) + "</tr>" for r in rows[:20])
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _evidence(s: StoryResult, spec: DatasetSpec, pb: Phrasebook) -> str:
    e, c = s.evidence, s.check
    m = spec.semantic.metric(c.detect.metric)
    write = value_formatter(m, pb, s.detect.rows if s.detect else [])
    before = write(e.before) if e.before is not None else pb.text("no_value")
    after = write(e.after) if e.after is not None else pb.text("no_value")
    kind = c.expect.kind
    by = spec.semantic.dimension(c.detect.by[0]) if c.detect.by else None
    subject = story_subject(s, pb, spec) or (member(e.observed, pb, by) if e.observed else "")
    if kind == "top":
        detail = pb.text("ev_top", subject=subject, before=before, after=after)
    elif kind in ("rise_after", "drop_after"):
        when = c.expect.after
        detail = pb.text("ev_rise" if kind == "rise_after" else "ev_drop", before=before, after=after,
                         date=pb.fmt.month_year(when) if when else "")
    elif kind in ("grows_most", "shrinks_most"):
        change = pb.fmt.change
        detail = pb.text("ev_growth", subject=subject,
                         after=change(e.after) if e.after is not None else pb.text("no_value"),
                         before=change(e.before) if e.before is not None else pb.text("no_value"))
    elif kind == "peak_months":
        month = int(e.observed or 1)
        detail = pb.text("ev_peak", observed=pb.fmt.month_name(month), before=before, after=after)
    else:  # peak_in: the observed period's start date
        start = dt.date.fromisoformat(e.observed) if e.observed else None
        detail = pb.text("ev_peak_in", observed=pb.period_name(Period(start, "quarter")) if start else "",
                         before=before, after=after)
    return pb.text("r_story_shown", detail=detail)


def _track_html(track: TalkTrack, pb: Phrasebook) -> str:
    t = pb.text
    colon = t("colon")
    agenda = "".join(f"<li>{_e(n)} <span class=\"muted\">({_e(t('minutes', n=m))})</span></li>" for n, m in track.agenda)

    def exchange(label: str, x: Exchange) -> str:
        return (f"<p><b>{_e(t(label) + colon)}</b> {_e(x.question)}</p>"
                f"<p><b>{_e(t('label_answer') + colon)}</b> {_e(x.answer)}</p>")

    warm = "".join(exchange("label_ask", x) for x in track.warmup)
    arcs = "".join(
        f'<div class="step"><h3>{_e(t("agenda_arc", n=i, title=a.title))}</h3>{exchange("label_ask", a.ask)}'
        + (exchange("label_follow_up", a.follow_up) if a.follow_up else "")
        + f"<p><b>{_e(t('label_implication') + colon)}</b> {_e(a.implication)}</p></div>"
        for i, a in enumerate(track.arcs, 1))
    return (f"<h3>{_e(t('h_agenda', minutes=track.minutes))}</h3><ol>{agenda}</ol>"
            f"<h3>{_e(track.agenda[0][0])}</h3>" + "".join(f"<p>{_e(p)}</p>" for p in track.opening)
            + f"<h3>{_e(track.agenda[1][0])}</h3>{warm}{arcs}"
            f"<h3>{_e(t('h_discovery'))}</h3><ul>" + "".join(f"<li>{_e(q)}</li>" for q in track.discovery) + "</ul>"
            f"<h3>{_e(t('h_objections'))}</h3><ul>"
            + "".join(f"<li><b>{_e(q)}</b> {_e(a)}</li>" for q, a in track.objections) + "</ul>"
            f"<h3>{_e(t('h_close'))}</h3>" + "".join(f"<p>{_e(p)}</p>" for p in track.close))


def _industry(research: Mapping[str, Any], spec: DatasetSpec, lang: str) -> str:
    """The industry in the report's language; the sub-industry (research's free English
    text) only in English. A code outside the registry is shown as research gave it."""
    if lang == "en":
        return industry_label(research, spec.industry)
    code = str(research.get("industry") or spec.industry or "")
    entry = industries.REGISTRY.get(code)
    if entry is None:
        return industry_label(research, spec.industry)
    return "" if code == industries.OTHER else industry_name(code, entry.label, lang)


def _table_row(tb: TableSpec, row_counts: Mapping[str, int], pb: Phrasebook, context: TableContext) -> str:
    """A table's row of the tables section: name, rows, description and grain in the
    report's language (an English description without words in it says so: ``lang``)."""
    text = table_text(tb, pb.code, context)
    lang = ' lang="en"' if text.foreign else ""
    return (f'<tr><td><b>{_e(tb.name)}</b></td><td class="num">{_e(pb.fmt.number(row_counts.get(tb.name, 0), 0))}</td>'
            f"<td><span{lang}>{_e(text.description)}</span><br>"
            f'<span class="muted">{_e(pb.text("r_grain"))}{_e(pb.text("colon"))} {_e(text.grain)}</span></td></tr>')


def _diagram(spec: DatasetSpec, row_counts: Mapping[str, int], pb: Phrasebook) -> str:
    words = er_words(pb.code)
    return er_diagram(spec, dict(row_counts), title=words["title"], more=words["more"],
                      number=lambda n: pb.fmt.number(n, 0))


def render_semantic_report(*, company: str, research: Mapping[str, Any], spec: DatasetSpec, dataset: str,
                           row_counts: Mapping[str, int], content: SemanticContent, kpis: KpiMapping,
                           track: TalkTrack, pb: Phrasebook) -> str:
    """The report of a spec with a semantic layer, in the job's language: metric definitions
    with the consistency proof, each story with its verified evidence and chart, the verified
    questions, and the talk track. Research internals (confidence, source) are not shown."""
    t = pb.text
    passed = [a for a in content.asked if a.query.status == "passed"]
    facts = [(t("r_industry"), _industry(research, spec, pb.code)),
             (t("r_offerings"), pb.listing([str(x) for x in research.get("products_services") or []][:8])),
             (t("r_kpis"), pb.listing([pb.metric_name(metric_words(m, pb.code)) for m in kpis.metrics])),
             (t("r_places"), pb.listing([str(loc.get("city")) for loc in research.get("locations") or []
                                         if isinstance(loc, Mapping) and loc.get("city")][:6]))]
    facts_html = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in facts if v)
    evidence = "".join(f'<blockquote>{_e(e.get("quote", ""))}</blockquote>'
                       for e in research.get("evidence", []) if isinstance(e, Mapping))
    table_rows = "".join(_table_row(tb, row_counts, pb, TableContext(company, spec.country, spec.currency))
                         for tb in spec.tables)
    metric_rows = "".join(
        f"<tr><td><b>{_e(pb.metric_name(metric_words(m, pb.code), capital=True))}</b>"
        + (f'<br><span class="muted">{_e(m.description)}</span>' if pb.code == "en" else "")
        + f"</td><td><code>{_e(m.expression)}</code> · <code>{_e(m.table)}</code></td>"
        f"<td>{_e(' AND '.join(m.filters) or t('r_none'))}</td>"
        f"<td>{_e(unit_name(m.unit, pb.code, m.currency))}</td></tr>" for m in spec.semantic.metrics)
    bad = sorted({c.metric for c in content.consistency if not c.ok})
    consistency_line = (t("r_consistency_bad", metrics=", ".join(bad)) if bad
                        else t("r_consistency_ok", n=len(content.consistency)))
    stories = []
    for i, s in enumerate(x for x in content.stories if x.evidence.ok and x.detect is not None):
        assert s.detect is not None
        chart = _semantic_chart(s.detect, spec, pb, f"chart-{i + 1}") or ""
        stories.append(f'<figure class="chart-figure"><h3>{_e(story_title(s, pb, spec))}</h3>{chart}'
                       f"<figcaption><p>{_e(s.detect.query.answer)}</p><p><b>{_e(t('r_evidence_label') + t('colon'))}</b> "
                       f"{_e(_evidence(s, spec, pb))}</p><p>{_e(story_implication(s, pb, spec))}</p>"
                       f"</figcaption></figure>")
    queries = "".join(
        f'<details class="golden"><summary>{i}. {_e(a.query.question)} '
        f'<span class="badge">{_e(t(a.query.difficulty))}</span></summary>'
        f"<p>{_e(a.query.answer)}</p><pre>{_e(a.query.sql)}</pre>"
        f'<p class="muted">{_e(t("r_result_rows", n=a.query.row_count))}</p>'
        + _preview_table(a.rows, a, spec, pb) + "</details>"
        for i, a in enumerate(passed, 1))
    subtitle = t("r_subtitle", dataset=dataset, tables=len(spec.tables),
                 rows=pb.fmt.number(sum(row_counts.values()), 0), n=len(passed))
    return f"""<!DOCTYPE html>
<html lang="{_e(pb.code)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>{_e(t("title", company=company))}</title><style>{_CSS}</style></head>
<body><header><h1>{_e(company)}</h1><div class="muted">{_e(subtitle)}</div></header>
<main>
<section id="company"><h2>{_e(t("r_company"))}</h2><table>{facts_html}</table>
{('<h3>' + _e(t("r_evidence")) + '</h3>' + evidence) if evidence else ''}</section>
<section id="metrics"><h2>{_e(t("r_metrics"))}</h2><table><thead><tr><th>{_e(t("r_metric"))}</th>
<th>{_e(t("r_formula"))}</th><th>{_e(t("r_filters"))}</th><th>{_e(t("r_unit"))}</th></tr></thead>
<tbody>{metric_rows}</tbody></table><p class="muted">{_e(consistency_line)}</p></section>
<section id="charts"><h2>{_e(t("r_stories"))}</h2><div class="grid">{"".join(stories)}</div></section>
<section id="diagram"><h2>{_e(t("r_model"))}</h2><div class="scroll">{_diagram(spec, row_counts, pb)}</div></section>
<section id="tables"><h2>{_e(t("r_tables"))}</h2><table><thead><tr><th>{_e(t("r_table"))}</th><th>{_e(t("r_rows"))}</th>
<th>{_e(t("r_description"))}</th></tr></thead><tbody>{table_rows}</tbody></table></section>
<section id="golden"><h2>{_e(t("r_questions"))}</h2>{queries}</section>
<section id="script"><h2>{_e(t("r_script"))}</h2>{_track_html(track, pb)}</section>
</main></body></html>
"""
