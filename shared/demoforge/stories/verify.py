"""Did the loaded data tell the story? ``verify(check, rows)`` reads the detection
question's rows (as the warehouse returned them) against the check's expectation."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping, Sequence
from typing import Any

from demoforge.stories.model import Evidence, StoryCheck

Rows = Sequence[Mapping[str, Any]]


def _num(v: Any) -> float | None:
    if isinstance(v, bool) or v is None:
        return None
    return float(v) if isinstance(v, int | float | decimal.Decimal) else None


def _date(v: Any) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v[:10])
        except ValueError:
            return None
    return None


def _series(rows: Rows, col: str, metric: str) -> list[tuple[dt.date, float]]:
    out: list[tuple[dt.date, float]] = []
    for r in rows:
        day, v = _date(r.get(col)), _num(r.get(metric))
        if day is not None and v is not None:
            out.append((day, v))
    return sorted(out)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b or a == b
    if _num(a) is not None and _num(b) is not None:
        return _num(a) == _num(b)
    return str(a).strip().casefold() == str(b).strip().casefold()


def _window_means(rows: Rows, col: str, metric: str, after: dt.date, until: dt.date | None
                  ) -> tuple[float, float] | None:
    pts = _series(rows, col, metric)
    before = [v for day, v in pts if day < after]
    later = [v for day, v in pts if day >= after and (until is None or day < until)]
    if len(before) < 2 or not later:
        return None
    return sum(before) / len(before), sum(later) / len(later)


def verify(check: StoryCheck, rows: Rows, baseline: Rows | None = None) -> Evidence:
    """``rows`` of the detection question against the expectation; ``baseline`` (the same
    series for all other members) takes out what moved everyone (growth, seasons)."""
    q, e = check.detect, check.expect
    metric = q.metric
    if not rows:
        return Evidence(False, "the detection question returned no rows")
    if e.kind == "top":
        d = q.by[0]
        first = rows[0]
        ok = _same(first.get(d), e.member)
        second = rows[1] if len(rows) > 1 else None
        v1, v2 = _num(first.get(metric)), _num(second.get(metric)) if second else None
        ratio = v1 / v2 if v1 and v2 else None
        return Evidence(ok, f"first {d} is {first.get(d)!r} (expected {e.member!r})", observed=str(first.get(d)),
                        before=v2, after=v1, ratio=ratio)
    if e.kind in ("grows_most", "shrinks_most"):
        d = q.by[0]
        changes = [(r.get(d), c) for r in rows if (c := _num(r.get("change_vs_previous"))) is not None]
        if len(changes) < 2:
            return Evidence(False, "fewer than two members with a change")
        changes.sort(key=lambda x: -x[1])
        lead, tail = changes[0], changes[-1]
        found = lead if e.kind == "grows_most" else tail
        ok = _same(found[0], e.member) and (e.other is None or _same(tail[0], e.other))
        mine = next((c for k, c in changes if _same(k, e.member)), None)
        # The story says the member lost (gained) business: ranking last among growers
        # (first among decliners) is not that.
        ok = ok and mine is not None and (mine < 0 if e.kind == "shrinks_most" else mine > 0)
        rest = [c for k, c in changes if not _same(k, e.member)]
        return Evidence(ok, f"{'first' if e.kind == 'grows_most' else 'last'} by change is {found[0]!r} "
                        f"(expected {e.member!r}{f', last {e.other!r}' if e.other is not None else ''})",
                        observed=str(found[0]), before=sum(rest) / len(rest) if rest else None, after=mine,
                        ratio=None)
    if e.kind in ("rise_after", "drop_after"):
        col = f"{q.grain}_start"
        assert e.after is not None
        means = _window_means(rows, col, metric, e.after, e.until)
        if means is None:
            return Evidence(False, f"too few periods around {e.after}")
        b, a = means
        if b == 0:
            return Evidence(False, "the metric is zero before the date")
        ratio = a / b
        if baseline:
            moved = _window_means(baseline, col, metric, e.after, e.until)
            if moved is not None and moved[0] > 0 and moved[1] > 0:
                ratio /= moved[1] / moved[0]
        ok = ratio >= e.min_ratio if e.kind == "rise_after" else ratio <= 1 / e.min_ratio
        return Evidence(ok, f"mean {b:.4g} before {e.after}, {a:.4g} after (x{ratio:.2f}, need "
                        f"{'>=' if e.kind == 'rise_after' else '<='} {e.min_ratio if e.kind == 'rise_after' else 1 / e.min_ratio:.2f})",
                        observed=e.after.isoformat(), before=b, after=a, ratio=ratio)
    if e.kind == "peak_months":
        col = q.cycle or "month_of_year"
        months: list[tuple[int, float]] = []
        for r in rows:
            k, v = _num(r.get(col)), _num(r.get(metric))
            if k is not None and v is not None:
                months.append((int(k), v))
        if not months:
            return Evidence(False, "no months in the result")
        top, value = max(months, key=lambda x: x[1])
        rest = [v for k, v in months if k not in (e.months or [])]
        base = sum(rest) / len(rest) if rest else None
        return Evidence(top in (e.months or []), f"peak month {top} (expected one of {e.months})",
                        observed=str(top), before=base, after=value, ratio=value / base if base else None)
    if e.kind == "peak_in":
        col = f"{q.grain}_start"
        pts = _series(rows, col, metric)
        if not pts:
            return Evidence(False, "no periods in the result")
        peak, value = max(pts, key=lambda x: x[1])
        others = [v for d, v in pts if d != peak]
        base = sum(others) / len(others) if others else None
        ok = e.after is not None and e.until is not None and e.after <= peak < e.until
        return Evidence(ok, f"peak period {peak} (expected {e.after}..{e.until})", observed=peak.isoformat(),
                        before=base, after=value, ratio=value / base if base else None)
    return Evidence(False, f"unknown expectation {e.kind}")
