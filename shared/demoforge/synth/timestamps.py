"""Dates and timestamps: a yearly growth trend, month, weekday (Monday first) and
hour-of-day profiles and holiday spikes (``TimeProfile``), optionally after a reference
(a column of the row, or the parent's through a foreign key). Dates are int64 days and
timestamps int64 microseconds since 1970-01-01 UTC. Nothing passes the run date: a lag
that would is redrawn from the lag truncated to the room left (``lagged``), or NULL where
the time may be NULL and has not happened yet (``pending``); children still to come are
not counted at all (``due``)."""

from __future__ import annotations

import calendar
import datetime as dt
import functools

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from demoforge.spec.model import ColumnSpec, TimestampGen
from demoforge.synth.arrays import Values
from demoforge.synth.context import Chunk, TableContext
from demoforge.synth.due import EPOCH as EPOCH
from demoforge.synth.due import US_PER_DAY as US_PER_DAY
from demoforge.synth.due import US_PER_HOUR as US_PER_HOUR
from demoforge.synth.due import row_time
from demoforge.synth.sampling import Alias


class TimeProfile:
    """Day weights (trend x month x weekday x holidays) and hour weights as CDFs."""

    def __init__(self, g: TimestampGen) -> None:
        self.d0 = (g.start - EPOCH).days
        days = np.arange(self.d0, (g.end - EPOCH).days + 1, dtype=np.int64)
        w = np.ones(len(days))
        if g.growth:
            w *= (1.0 + g.growth) ** ((days - self.d0) / 365.25)
        d64 = days.astype("datetime64[D]")
        if g.monthly:
            w *= np.asarray(g.monthly)[d64.astype("datetime64[M]").astype(np.int64) % 12]
        if g.weekday:
            w *= np.asarray(g.weekday)[(days + 3) % 7]  # 1970-01-01 was a Thursday
        for h in g.holidays:
            for year in range(g.start.year, g.end.year + 1):
                first = dt.date(year, h.month, min(h.day, calendar.monthrange(year, h.month)[1]))
                lo = (first - EPOCH).days
                w[(days >= lo) & (days < lo + h.days)] *= h.factor
        for d in g.dates:
            i = (d.date - EPOCH).days - self.d0
            if 0 <= i < len(w):
                w[i] *= d.factor
        if w.sum() <= 0:  # every day weighted zero (closed on all days): fall back to flat
            w = np.ones(len(days))
        self.end_us = ((g.end - EPOCH).days + 1) * US_PER_DAY - 1
        self.start_us = self.d0 * US_PER_DAY
        self.cdf = np.cumsum(w) / w.sum()
        self.hour_cdf = None
        hw = np.ones(24)
        if g.hourly:
            hw = np.asarray(g.hourly, dtype=np.float64)
            self.hour_cdf = np.cumsum(hw) / hw.sum()
        # Unconditional draws pick a (day, hour) slot in one alias draw.
        self.slots = Alias((w[:, None] * hw[None, :]).ravel())

    def sample(
        self, rng: np.random.Generator, n: int, after_us: np.ndarray | None, until_us: np.ndarray | None = None,
    ) -> np.ndarray:
        if after_us is None:
            slot = self.slots.draw(rng, n)
            return (slot // 24 + self.d0) * US_PER_DAY + (slot % 24) * US_PER_HOUR + rng.integers(0, US_PER_HOUR, n)
        # Sample from the profile conditioned on "reference day <= day <= until day": rescale
        # u into [F(ref_day - 1), F(until_day)] of the cumulative distribution (inverse CDF).
        ndays = len(self.cdf)
        ref_day = np.clip(after_us // US_PER_DAY - self.d0, 0, ndays)
        lo = np.where(ref_day > 0, self.cdf[np.maximum(ref_day - 1, 0)], 0.0)
        hi = np.ones(n)
        if until_us is not None:
            until_day = np.clip(until_us // US_PER_DAY - self.d0, -1, ndays - 1)
            hi = np.where(until_day >= 0, self.cdf[np.maximum(until_day, 0)], 0.0)
            hi = np.maximum(hi, lo)
        u = lo + rng.random(n) * (hi - lo)
        day = np.minimum(np.searchsorted(self.cdf, u, side="right"), ndays - 1) + self.d0
        if self.hour_cdf is not None:
            hour = np.minimum(np.searchsorted(self.hour_cdf, rng.random(n), side="right"), 23)
        else:
            hour = rng.integers(0, 24, n)
        us = day * US_PER_DAY + hour * US_PER_HOUR + rng.integers(0, US_PER_HOUR, n)
        limit = np.full(n, self.end_us, dtype=np.int64) if until_us is None else np.minimum(until_us, self.end_us)
        room = limit - after_us
        # On the reference's own day the drawn hour can precede it: a short gap after the
        # reference instead, shrunk in proportion where less room is left before the limit
        # (the end or a churn date), so those rows spread over the room, not onto its edge.
        gap = rng.integers(60_000_000, 4 * US_PER_HOUR, n)
        gap = np.where(room < 4 * US_PER_HOUR, gap * (np.maximum(room, 0) / (4 * US_PER_HOUR)), gap).astype(np.int64)
        us = np.maximum(us, after_us + gap)
        # The drawn day is the limit's day at the latest, but its hour can pass the limit's
        # instant: anywhere on that day before it instead (a draw, not the instant itself).
        over = np.flatnonzero((us > limit) & (room >= 0))
        if len(over):
            floor = np.maximum(after_us[over], limit[over] // US_PER_DAY * US_PER_DAY)
            us[over] = floor + (rng.random(len(over)) * (limit[over] - floor)).astype(np.int64)
        if until_us is not None:  # a reference after its own end: the reference wins
            us = np.where(until_us >= after_us, us, after_us)
        return self.clip(us, after_us)

    def clip(self, us: np.ndarray, floor_us: np.ndarray) -> np.ndarray:
        """Nothing after the run date (the window's end): later values end on it, unless
        their reference itself is later."""
        return np.where(us > self.end_us, np.maximum(self.end_us, floor_us), us)


@functools.lru_cache(maxsize=64)
def _profile(key: str) -> TimeProfile:
    return TimeProfile(TimestampGen.model_validate_json(key))


def profile_of(g: TimestampGen) -> TimeProfile:
    """The generator's profile, shared by every column (and run) with the same calendar:
    building one is ~20k weighted slots, so children with the window's flat calendar and
    repeated demos reuse it. ``after`` does not change the profile and is left out."""
    return _profile(g.model_copy(update={"after": None}).model_dump_json())


def timestamp_column(
    ctx: TableContext, col: ColumnSpec, g: TimestampGen, chunk: Chunk, rng: np.random.Generator
) -> Values:
    prep = profile_of(g)
    ref_us: np.ndarray | None = None
    # Without a parent row to follow (empty parent table) the profile alone decides.
    orphaned = g.after is not None and g.after.parent_column is not None and g.after.column in chunk.empty_parents
    until_us: np.ndarray | None = None
    if g.after is not None and not orphaned:
        a = g.after
        if a.parent_column is not None:
            ref, ref_type = ctx.values(a.parent_column, chunk, via=a.column)
            if a.until is not None:
                until_us = until_of(ctx, a.until, a.column, chunk)
        else:
            ref, ref_type = ctx.values(a.column, chunk)
        raw_us = np.asarray(ref, dtype=np.int64) * (US_PER_DAY if ref_type == "DATE" else 1)
        ref_us = raw_us + int(a.min_hours * US_PER_HOUR)
        if a.mean_hours is not None:
            mean = np.full(chunk.n, a.mean_hours * US_PER_HOUR)
            if a.by is not None and a.mean_hours_by:
                mean = _lags(ctx, a.by, a.by_via, a.mean_hours_by, mean, chunk)
            limit = prep.end_us if until_us is None else np.minimum(until_us, prep.end_us)
            us, late = lagged(rng, raw_us, ref_us, mean, prep.start_us, limit)
            if late.any() and pending(ctx, col):
                chunk.nulls[col.name] = late
            return us // US_PER_DAY if col.type == "DATE" else us
    us = prep.sample(rng, chunk.n, ref_us, until_us)
    if ref_us is not None:
        us = prep.clip(us, raw_us)
    if col.type == "DATE":
        days = us // US_PER_DAY
        if ref_us is not None:  # a date on the reference's day counts as "after"
            days = np.maximum(days, ref_us // US_PER_DAY)
        return days
    return us


def lagged(
    rng: np.random.Generator, raw_us: np.ndarray, ref_us: np.ndarray, mean_us: np.ndarray,
    start_us: int, limit_us: np.ndarray | int,
) -> tuple[np.ndarray, np.ndarray]:
    """``ref + exponential(mean)`` inside ``[max(ref, start), limit]``, and which rows' first
    draw passed ``limit`` (the run date, or the parent's churn date when earlier).

    A lag that would pass the limit is redrawn from the exponential truncated to the room
    left (inverse CDF, so vectorised and deterministic per seed), not clamped onto the last
    day: clamping piled every late row on the window's last day (a spike, and a last month
    that looks like a peak). One before the window's start (an older reference) is redrawn
    the same way from the start: by memorylessness the exponential conditioned on passing
    the start is the start plus an exponential. Rows whose first draw already lies inside
    keep it, so only the rows that left the window change (their accepted draws already
    follow the truncated distribution: accept-or-redraw gives it exactly).
    Where the minimum lag does not fit before the limit the row lies anywhere between the
    reference and the limit; where even the reference is past it, on the reference (never
    before its parent)."""
    n = len(ref_us)
    limit = np.broadcast_to(np.asarray(limit_us, dtype=np.int64), (n,))
    us = ref_us + (rng.standard_exponential(n) * mean_us).astype(np.int64)
    late = us > limit
    lo = np.maximum(ref_us, start_us)
    out = np.flatnonzero(late | (us < lo))
    if not len(out):
        return us, late
    lo_o, top, m = lo[out], limit[out], mean_us[out]
    room = (top - lo_o).astype(np.float64)
    u = rng.random(len(out))
    # F^-1 of the exponential truncated to [0, room]: -m ln(1 - u (1 - e^(-room/m))).
    lag = -m * np.log1p(u * np.expm1(-np.maximum(room, 0.0) / m))
    redrawn = lo_o + np.minimum(lag, np.maximum(room, 0.0)).astype(np.int64)
    floor = np.maximum(raw_us[out], start_us)
    squeezed = floor + (u * np.maximum(top - floor, 0)).astype(np.int64)
    us[out] = np.where(room >= 0, redrawn, np.where(top >= floor, squeezed, floor))
    return us, late


def pending(ctx: TableContext, col: ColumnSpec) -> bool:
    """Whether a value due after the run date is NULL (its event has not happened yet)
    rather than redrawn inside the window: a time that may be NULL by design (a planned
    NULL rate, or ``only_when``) and is not the row's own time. A delivery's
    ``delivered_at`` is NULL while under way; a churned customer's ``churned_at`` (or a
    refund's time) whose lag passes the run date is a churn still to take effect: the
    status says it was decided, the date is not there yet. Redrawing those inside the
    window instead would squeeze every pending one into the last weeks (their number is
    fixed by the status, not by the room left), a churn surge the data never had.
    The row's own time (the table's time column) happened, or the row would not exist:
    redrawn, with the rows' count scaled to what is due (``due``); so is a time that is
    never NULL (REQUIRED, or no NULLs planned)."""
    return (
        col.mode != "REQUIRED" and (col.nullable > 0 or bool(col.only_when))
        and col.name != row_time(ctx.table, ctx.gens)
    )


NEVER_US = np.int64(2**62)  # an open end (NULL until-date): later than any real time


def until_of(ctx: TableContext, column: str, via: str, chunk: Chunk) -> np.ndarray:
    """The parent's end time (via ``via``) per row in microseconds; NULL is open-ended."""
    v, vtype = ctx.values(column, chunk, via=via)
    us = np.asarray(v, dtype=np.int64) * (US_PER_DAY if vtype == "DATE" else 1)
    if vtype == "DATE":
        us = us + US_PER_DAY - 1  # through the end of that day
    return np.where(ctx.nulls(column, chunk, via=via), NEVER_US, us)


def _lags(
    ctx: TableContext, by: str, via: str | None, means: dict[str, float], default: np.ndarray, chunk: Chunk,
) -> np.ndarray:
    """Per-row mean delay (microseconds) picked by the value of ``by`` (per-channel lags)."""
    v, _ = ctx.values(by, chunk, via=via)
    keys = list(means)
    pos = pc.index_in(v, value_set=pa.array(keys, type=pa.string())).fill_null(-1).to_numpy(zero_copy_only=False)
    table = np.asarray([means[k] * US_PER_HOUR for k in keys] + [0.0])
    out = table[np.where(pos >= 0, pos, len(keys))]
    return np.where(pos >= 0, out, default)
