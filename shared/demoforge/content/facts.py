"""From an executed question's rows to the facts its answer states, formatted in the locale.

The plan says what the rows are (which column is the metric, which the period or the
member), so the answer never guesses a column from its name: a question about the top
employee per restaurant is answered with the employee, a payment failure rate with the
rate. Values are written by the metric's unit and format (money with its currency,
fractions as percentages, averaged durations with their unit).
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from demoforge.content.questions import Coverage, Plan, time_key
from demoforge.language.base import (
    Ask,
    BreakdownFacts,
    CycleFacts,
    Facts,
    GrowthFacts,
    Period,
    Phrasebook,
    RankingFacts,
    ShareFacts,
    TopPerGroupFacts,
    TotalFacts,
    TrendFacts,
    Where,
)
from demoforge.language.values import value_label
from demoforge.language.words import dimension_words, metric_words
from demoforge.spec.model import DatasetSpec
from demoforge.spec.semantic import Dimension, Metric

Rows = Sequence[Mapping[str, Any]]
Writer = Callable[[Any], str]


def _num(v: Any) -> float | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int | float | decimal.Decimal):
        return float(v)
    return None


def _date(v: Any) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str) and len(v) >= 10:
        try:
            return dt.date.fromisoformat(v[:10])
        except ValueError:
            return None
    return None


def is_fraction_metric(m: Metric) -> bool:
    return m.format == "percent" or m.unit in ("percent", "ratio")


def value_formatter(m: Metric, pb: Phrasebook, rows: Rows = ()) -> Callable[[Any], str]:
    """How values of ``m`` are written: by its unit and format, in the phrasebook's locale."""
    fmt = pb.fmt
    values = [x for x in (_num(r.get(m.name)) for r in rows) if x is not None]
    # Percent metrics are fractions; an expression that already multiplied by 100 is
    # recognised by its values and written as points.
    points = is_fraction_metric(m) and any(abs(v) > 1.5 for v in values)

    def write(v: Any) -> str:
        x = _num(v)
        if x is None:
            return pb.text("no_value")
        if is_fraction_metric(m):
            return fmt.percent(x / 100 if points else x)
        if m.unit == "currency":
            return fmt.money(x, m.currency)
        if m.unit in ("hours", "days", "minutes"):
            return fmt.duration(x, m.unit)
        if m.format == "integer" or (m.unit == "count" and float(x).is_integer()):
            return fmt.number(x, 0)
        return fmt.number(x)

    return write


def member(v: Any, pb: Phrasebook, dim: Dimension | None = None) -> str:
    """A value of ``dim`` as shown in a sentence: a code by its label in the language
    ("mobile_app" -> "Mobile App"), names as stored."""
    if v is None:
        return pb.text("none_member")
    if isinstance(v, bool):
        return pb.text("yes" if v else "no")
    d = _date(v) if not isinstance(v, str) or len(v) <= 25 else None
    if d is not None and not isinstance(v, int | float):
        return pb.fmt.date(d)
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, str) and dim is not None:
        return value_label(v, pb.code, kind=dim.kind, column=dim.column)
    return str(v)


def _dim(spec: DatasetSpec, name: str) -> Dimension:
    return spec.semantic.dimension(name)


def ask_for(p: Plan, spec: DatasetSpec, pb: Phrasebook) -> Ask:
    layer = spec.semantic
    q = p.query
    m = layer.metric(q.metric)
    dims = tuple(dimension_words(layer.dimension(d), pb.code) for d in q.by)
    if p.kind == "top_per_group":
        dims = (dims[1], dims[0])  # (child, parent) for the phrase builders
    where = tuple(Where(dimension_words(layer.dimension(f.dimension), pb.code),
                        member(f.values[0], pb, layer.dimension(f.dimension))) for f in q.where)
    return Ask(kind=p.kind, metric=metric_words(m, pb.code), dims=dims, grain=q.grain, cycle=q.cycle,
               where=where, since=q.since if p.story else None, until=q.until if p.story and q.since else None,
               limit=q.limit, lowest=p.lowest,
               variant=p.variant)


def question_text(p: Plan, spec: DatasetSpec, pb: Phrasebook) -> str:
    return pb.question(ask_for(p, spec, pb))


def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b <= 0 or a <= 0:
        return None
    return a / b


def _total(p: Plan, rows: Rows, m: Metric, write: Writer, spec: DatasetSpec,
           coverage: Mapping[str, Coverage] | None) -> Facts | None:
    v = _num(rows[0].get(m.name))
    if v is None:
        return None
    q = p.query
    cov = (coverage or {}).get(time_key(m, spec) or "")
    start = q.since or (cov.start if cov else None)
    end = (q.until - dt.timedelta(days=1)) if q.until else (cov.end if cov else None)
    return TotalFacts(value=write(v), amount=v, start=start, end=end)


def _series(rows: Rows, col: str, name: str) -> list[tuple[dt.date, float]]:
    out: list[tuple[dt.date, float]] = []
    for r in rows:
        d, v = _date(r.get(col)), _num(r.get(name))
        if d is not None and v is not None:
            out.append((d, v))
    return sorted(out)


def _trend(p: Plan, rows: Rows, m: Metric, write: Writer) -> Facts | None:
    g = p.query.grain or "month"
    pts = _series(rows, f"{g}_start", m.name)
    if len(pts) < 2:
        return None
    (d0, v0), (d1, v1) = pts[0], pts[-1]
    dk, vk = max(pts, key=lambda x: x[1])
    change = (v1 - v0) / abs(v0) if v0 else None
    return TrendFacts(first=(Period(d0, g), write(v0)), last=(Period(d1, g), write(v1)),
                      peak=(Period(dk, g), write(vk)), n=len(pts), change=change)


def _ranking(p: Plan, rows: Rows, m: Metric, write: Writer, pb: Phrasebook, spec: DatasetSpec) -> Facts | None:
    d = p.query.by[0]
    dim = _dim(spec, d)
    ranked = [r for r in rows if _num(r.get(m.name)) is not None]
    if not ranked:
        return None
    top = ranked[0]
    second = ranked[1] if len(ranked) > 1 else None
    return RankingFacts(top=member(top.get(d), pb, dim), top_value=write(top.get(m.name)),
                        second=member(second.get(d), pb, dim) if second else None,
                        second_value=write(second.get(m.name)) if second else None,
                        ratio=_ratio(_num(top.get(m.name)), _num(second.get(m.name)) if second else None),
                        n=len(rows))


def _share(p: Plan, rows: Rows, pb: Phrasebook, spec: DatasetSpec) -> Facts | None:
    d = p.query.by[0]
    shares = [(r, s) for r in rows if (s := _num(r.get("share_of_total"))) is not None]
    if not shares:
        return None
    top3 = sum(s for _, s in shares[:3]) if len(shares) > 3 else None
    return ShareFacts(top=member(shares[0][0].get(d), pb, _dim(spec, d)), top_share=pb.fmt.percent(shares[0][1]),
                      top3_share=pb.fmt.percent(top3) if top3 is not None else None, n=len(rows))


def _growth(p: Plan, rows: Rows, pb: Phrasebook, spec: DatasetSpec) -> Facts | None:
    d = p.query.by[0]
    dim = _dim(spec, d)
    changes = [(r, c) for r in rows if (c := _num(r.get("change_vs_previous"))) is not None]
    if not changes:
        return None
    (best, up), (worst, down) = changes[0], changes[-1]
    more = len(changes) > 1
    return GrowthFacts(best=member(best.get(d), pb, dim), best_change=pb.fmt.change(up),
                       worst=member(worst.get(d), pb, dim) if more else None,
                       worst_change=pb.fmt.change(down) if more else None, n=len(rows))


def _cycle(p: Plan, rows: Rows, m: Metric, write: Writer, pb: Phrasebook) -> Facts | None:
    col = p.query.cycle or "month_of_year"
    pts: list[tuple[int, float]] = []
    for r in rows:
        k, v = _num(r.get(col)), _num(r.get(m.name))
        if k is not None and v is not None:
            pts.append((int(k), v))
    if len(pts) < 2:
        return None
    pts.sort(key=lambda x: -x[1])

    def label(k: int) -> str:
        if col == "month_of_year":
            return pb.fmt.month_name(k)
        return pb.fmt.weekday_name((k + 5) % 7 + 1)  # BigQuery: 1 = Sunday

    (kp, vp), (kl, vl) = pts[0], pts[-1]
    return CycleFacts(peak=label(kp), peak_value=write(vp), low=label(kl), low_value=write(vl),
                      ratio=_ratio(vp, vl))


def _top_per_group(p: Plan, rows: Rows, m: Metric, write: Writer, pb: Phrasebook, spec: DatasetSpec) -> Facts | None:
    parent, child = p.query.by[0], p.query.by[1]
    pd, cd = _dim(spec, parent), _dim(spec, child)
    pairs = tuple((member(r.get(parent), pb, pd), member(r.get(child), pb, cd), write(r.get(m.name))) for r in rows)
    return TopPerGroupFacts(pairs=pairs, n=len(rows)) if pairs else None


def _breakdown(p: Plan, rows: Rows, m: Metric, write: Writer, pb: Phrasebook, spec: DatasetSpec) -> Facts | None:
    d, g = p.query.by[0], p.query.grain or "quarter"
    dim = _dim(spec, d)
    pts: list[tuple[dt.date, Any, float]] = []
    for r in rows:
        day, v = _date(r.get(f"{g}_start")), _num(r.get(m.name))
        if day is not None and v is not None:
            pts.append((day, r.get(d), v))
    if not pts:
        return None
    latest, first = max(x[0] for x in pts), min(x[0] for x in pts)
    top = max((x for x in pts if x[0] == latest), key=lambda x: x[2])
    at_start = {x[1]: x[2] for x in pts if x[0] == first}
    at_end = {x[1]: x[2] for x in pts if x[0] == latest}
    growth = {k: at_end[k] / at_start[k] - 1 for k in at_end if k in at_start and at_start[k] > 0}
    grower = max(growth, key=lambda k: growth[k]) if growth and latest != first else None
    return BreakdownFacts(latest=Period(latest, g), top=member(top[1], pb, dim), top_value=write(top[2]),
                          first=Period(first, g), grower=member(grower, pb, dim) if grower is not None else None,
                          growth=pb.fmt.change(growth[grower]) if grower is not None else None)


def facts_for(p: Plan, rows: Rows, spec: DatasetSpec, pb: Phrasebook,
              coverage: Mapping[str, Coverage] | None = None) -> Facts | None:
    """The facts the answer states, or None when the rows cannot support one."""
    if not rows:
        return None
    m = spec.semantic.metric(p.query.metric)
    write = value_formatter(m, pb, rows)
    if p.kind == "total":
        return _total(p, rows, m, write, spec, coverage)
    if p.kind == "trend":
        return _trend(p, rows, m, write)
    if p.kind == "ranking":
        return _ranking(p, rows, m, write, pb, spec)
    if p.kind == "share":
        return _share(p, rows, pb, spec)
    if p.kind == "growth":
        return _growth(p, rows, pb, spec)
    if p.kind == "cycle":
        return _cycle(p, rows, m, write, pb)
    if p.kind == "top_per_group":
        return _top_per_group(p, rows, m, write, pb, spec)
    return _breakdown(p, rows, m, write, pb, spec)


def answer_text(p: Plan, rows: Rows, spec: DatasetSpec, pb: Phrasebook,
                coverage: Mapping[str, Coverage] | None = None) -> str | None:
    facts = facts_for(p, rows, spec, pb, coverage)
    return None if facts is None else pb.answer(ask_for(p, spec, pb), facts)
