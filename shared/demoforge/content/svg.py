"""Inline SVG for the report: bar and line charts of query results, and the ER diagram.

Hand-laid-out SVG keeps the report self-contained (no chart library, no network at view
time) and deterministic (same inputs, same bytes).
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable, Sequence
from typing import Any

from demoforge.content.shape import result_shape
from demoforge.content.values import fmt, is_number, label
from demoforge.spec.model import DatasetSpec, TableSpec


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def bar_chart(title: str, points: Sequence[tuple[str, float]], *, metric: str, chart_id: str,
              value_fmt: Callable[[Any], str] = fmt) -> str:
    """Horizontal bars, largest first as given (queries order their results)."""
    points = list(points)[:15]
    row_h, left, width = 24, 170, 640
    plot_w = width - left - 80
    height = 40 + row_h * len(points) + 10
    top = max((abs(v) for _, v in points), default=1.0) or 1.0
    parts = [
        f'<svg id="{_e(chart_id)}" class="chart" role="img" aria-label="{_e(title)}" '
        f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f'<title>{_e(title)}</title>',
        f'<text x="{left}" y="20" class="chart-title">{_e(_short(metric, 60))}</text>',
    ]
    for i, (name, value) in enumerate(points):
        y = 32 + i * row_h
        w = max(1.0, plot_w * abs(value) / top)
        parts.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" class="axis">{_e(_short(name, 24))}</text>')
        parts.append(f'<rect class="bar" x="{left}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" rx="2"/>')
        parts.append(f'<text x="{left + w + 6:.1f}" y="{y + 15}" class="value">{_e(value_fmt(value))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def line_chart(title: str, points: Sequence[tuple[str, float]], *, metric: str, chart_id: str,
               value_fmt: Callable[[Any], str] = fmt) -> str:
    """A time series in result order, with min/max gridlines and first/last/peak labels."""
    points = list(points)[:120]
    width, height, left, right, top_m, bottom = 640, 260, 60, 20, 30, 40
    pw, ph = width - left - right, height - top_m - bottom
    values = [v for _, v in points]
    lo, hi = min(values + [0.0]), max(values)
    span = (hi - lo) or 1.0
    n = len(points)

    def xy(i: int, v: float) -> tuple[float, float]:
        x = left + (pw * i / (n - 1) if n > 1 else pw / 2)
        return x, top_m + ph - ph * (v - lo) / span

    path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}"
                    for i, (x, y) in enumerate(xy(i, v) for i, v in enumerate(values)))
    peak = max(range(n), key=lambda i: values[i])
    parts = [
        f'<svg id="{_e(chart_id)}" class="chart" role="img" aria-label="{_e(title)}" '
        f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f'<title>{_e(title)}</title>',
        f'<text x="{left}" y="18" class="chart-title">{_e(_short(metric, 60))}</text>',
        f'<line class="gridline" x1="{left}" y1="{top_m + ph}" x2="{left + pw}" y2="{top_m + ph}"/>',
        f'<line class="gridline" x1="{left}" y1="{top_m}" x2="{left + pw}" y2="{top_m}"/>',
        f'<text x="{left - 6}" y="{top_m + 4}" text-anchor="end" class="axis">{_e(value_fmt(hi))}</text>',
        f'<text x="{left - 6}" y="{top_m + ph + 4}" text-anchor="end" class="axis">{_e(value_fmt(lo))}</text>',
        f'<path class="line" d="{path}"/>',
    ]
    for i in sorted({0, n - 1, peak}):
        x, y = xy(i, values[i])
        parts.append(f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="3.5"/>')
        anchor = "start" if i == 0 else ("end" if i == n - 1 else "middle")
        parts.append(f'<text x="{x:.1f}" y="{top_m + ph + 18}" text-anchor="{anchor}" class="axis">{_e(_short(points[i][0], 12))}</text>')
        if i == peak:
            parts.append(f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle" class="value">{_e(value_fmt(values[i]))}</text>')
    parts.append("</svg>")
    return "".join(parts)


@dataclasses.dataclass(frozen=True)
class ChartData:
    """What a chart of a result shows: ``metric`` by ``dim``, values written by ``value``."""

    dim: str
    metric: str
    points: list[tuple[str, float]]
    title: str
    value: Callable[[Any], str]


def chart_data(rows: Sequence[dict[str, Any]], question: str | None = None,
               order_by: str | None = None) -> ChartData | None:
    """The chart of a result (same label and measure as its answer sentence), or None."""
    if len(rows) < 2:
        return None
    shape = result_shape(rows, question, order_by)
    metric = shape.metric
    if metric is None:
        return None
    dim = shape.label or next((c for c in rows[0] if c != metric), None)
    if dim is None:
        return None
    # A repeated first label ("Midwest" once per year) needs the second one to tell bars apart.
    second = shape.dims[1] if len(shape.dims) > 1 and dim == shape.dims[0] else None
    repeated = second is not None and len({shape.key(dim, r.get(dim)) for r in rows}) < len(rows)

    def name(r: dict[str, Any]) -> str:
        key = shape.key(dim, r.get(dim))
        return f"{key}, {shape.key(second, r.get(second))}" if repeated and second else key

    points = [(name(r), float(r[metric])) for r in rows if is_number(r.get(metric))]
    if len(points) < 2:
        return None
    title = f"{shape.metric_label} by {label(dim)}" + (f" and {label(second)}" if repeated and second else "")
    return ChartData(dim=dim, metric=metric, points=points, title=title, value=shape.value)


def chart_points(rows: Sequence[dict[str, Any]], question: str | None = None
                 ) -> tuple[str, str, list[tuple[str, float]]] | None:
    """(label column, measure column, points) for a result, or None if not chartable."""
    data = chart_data(rows, question)
    return None if data is None else (data.dim, data.metric, data.points)


# ----------------------------------------------------------------------- ER diagram

_BOX_W, _HEAD_H, _ROW_H, _MAX_COLS, _COL_GAP, _ROW_GAP = 200, 26, 17, 10, 56, 24


def _depths(spec: DatasetSpec) -> dict[str, int]:
    parents = {t.name: {fk.references_table for fk in t.foreign_keys if fk.references_table != t.name}
               for t in spec.tables}
    depth: dict[str, int] = {}

    def d(name: str, seen: frozenset[str]) -> int:
        if name in depth:
            return depth[name]
        ps = [p for p in parents.get(name, set()) if p in parents and p not in seen]
        depth[name] = 0 if not ps else 1 + max(d(p, seen | {name}) for p in ps)
        return depth[name]

    for t in spec.tables:
        d(t.name, frozenset())
    return depth


def _shown_columns(t: TableSpec, more: str = "+{n} more") -> list[tuple[str, str, str]]:
    fks = {fk.column for fk in t.foreign_keys}
    cols = sorted(t.columns, key=lambda c: (c.name != t.primary_key, c.name not in fks))
    out: list[tuple[str, str, str]] = [(c.name, c.type, "PK" if c.name == t.primary_key else ("FK" if c.name in fks else ""))
           for c in cols[:_MAX_COLS]]
    if len(cols) > _MAX_COLS:
        out.append((more.format(n=len(cols) - _MAX_COLS), "", ""))
    return out


# The report's card is ~1010 px wide: deeper hierarchies wrap into bands of columns.
ER_MAX_WIDTH = 1010


def er_diagram(spec: DatasetSpec, row_counts: dict[str, int] | None = None, max_width: int = ER_MAX_WIDTH, *,
               title: str = "Entity-relationship diagram", more: str = "+{n} more",
               number: Callable[[int], str] = fmt) -> str:
    """Tables as boxes, parents left of children; levels beyond ``max_width`` wrap below.
    ``title``, ``more`` (the line for columns not drawn, with ``{n}``) and ``number`` (row
    counts) are the words and number format of the report's language."""
    depths = _depths(spec)
    levels: dict[int, list[TableSpec]] = {}
    for t in spec.tables:
        levels.setdefault(depths[t.name], []).append(t)
    per_band = max(1, int((max_width - 40 + _COL_GAP) // (_BOX_W + _COL_GAP)))
    if len(levels) > per_band:  # wrapping: keep room for the gutter right of the last column
        per_band = max(1, int((max_width - 40 + _COL_GAP / 2) // (_BOX_W + _COL_GAP)))
    pos: dict[str, tuple[float, float, float]] = {}  # name -> x, y, height
    band_of: dict[str, int] = {}
    band_tops = [20.0]
    height = 0.0
    for level, tables in sorted(levels.items()):
        band, col = divmod(level, per_band)
        if col == 0 and band:
            band_tops.append(height + _ROW_GAP)  # below everything drawn so far
        y = band_tops[band]
        for t in tables:
            bh = float(_HEAD_H + _ROW_H * len(_shown_columns(t, more)) + 8)
            pos[t.name] = (20.0 + col * (_BOX_W + _COL_GAP), y, bh)
            band_of[t.name] = band
            y += bh + _ROW_GAP
        height = max(height, y)
    columns = min(len(levels), per_band)
    # Room on the right for the gutter the cross-band edges climb in.
    width = 40.0 + columns * (_BOX_W + _COL_GAP) - _COL_GAP + (_COL_GAP / 2 if len(levels) > per_band else 0)
    edges: list[str] = []
    boxes: list[str] = []
    for t in spec.tables:
        x, y, h = pos[t.name]
        shown = [c[0] for c in _shown_columns(t, more)]
        for fk in t.foreign_keys:
            if fk.references_table not in pos:
                continue
            row = shown.index(fk.column) if fk.column in shown else 0
            cy = y + _HEAD_H + _ROW_H * row + _ROW_H / 2 + 4
            px, py, _ = pos[fk.references_table]
            if fk.references_table == t.name:
                edges.append(f'<path class="edge" d="M{x + _BOX_W},{cy:.1f} c 30,0 30,-{cy - y - 10:.1f} 0,-{cy - y - 10:.1f}"/>')
                continue
            tx, ty = px + _BOX_W, py + _HEAD_H / 2
            if band_of[fk.references_table] != band_of[t.name]:
                # A parent in an earlier band: out of the box's left side, up the free gutter
                # to the gap between bands, across, then up the gutter right of the parent's
                # column: the path crosses no box.
                lx, gap_y, gutter = x - 10, band_tops[band_of[t.name]] - _ROW_GAP, tx + _COL_GAP / 2
                edges.append(
                    f'<path class="edge" data-from="{_e(t.name)}" data-to="{_e(fk.references_table)}" '
                    f'd="M{x:.1f},{cy:.1f} H{lx:.1f} V{gap_y:.1f} H{gutter:.1f} V{ty:.1f} H{tx:.1f}"/>'
                    f'<circle class="edge-end" cx="{tx:.1f}" cy="{ty:.1f}" r="3"/>')
                continue
            mid = (x + tx) / 2
            edges.append(
                f'<path class="edge" data-from="{_e(t.name)}" data-to="{_e(fk.references_table)}" '
                f'd="M{x:.1f},{cy:.1f} C{mid:.1f},{cy:.1f} {mid:.1f},{ty:.1f} {tx:.1f},{ty:.1f}"/>'
                f'<circle class="edge-end" cx="{tx:.1f}" cy="{ty:.1f}" r="3"/>')
        count = (row_counts or {}).get(t.name)
        head = t.name + (f" ({number(count)})" if count is not None else "")
        box = [f'<g class="entity" data-table="{_e(t.name)}">',
               f'<rect class="entity-box" x="{x}" y="{y}" width="{_BOX_W}" height="{h}" rx="4"/>',
               f'<rect class="entity-head" x="{x}" y="{y}" width="{_BOX_W}" height="{_HEAD_H}" rx="4"/>',
               f'<text x="{x + 8}" y="{y + 17}" class="entity-name">{_e(_short(head, 30))}</text>']
        for i, (name, typ, key) in enumerate(_shown_columns(t, more)):
            ry = y + _HEAD_H + _ROW_H * i + 16
            box.append(f'<text x="{x + 8}" y="{ry}" class="col{" key" if key else ""}">'
                       f'{_e((key + " ") if key else "")}{_e(_short(name, 19))}</text>')
            box.append(f'<text x="{x + _BOX_W - 8}" y="{ry}" text-anchor="end" class="coltype">{_e(typ)}</text>')
        box.append("</g>")
        boxes.append("".join(box))
    return (f'<svg id="er-diagram" class="erd" role="img" aria-label="{_e(title)}" '
            f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}"><title>{_e(title)}</title>'
            + "".join(edges) + "".join(boxes) + "</svg>")
