"""Dates and timestamps: a yearly growth trend, month, weekday (Monday first) and
hour-of-day profiles and holiday spikes (``TimeProfile``), optionally after a reference
(a column of the row, or the parent's through a foreign key). Dates are int64 days and
timestamps int64 microseconds since 1970-01-01 UTC."""

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
from demoforge.synth.sampling import Alias

US_PER_DAY = 86_400_000_000
US_PER_HOUR = 3_600_000_000
EPOCH = dt.date(1970, 1, 1)


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
        us = np.maximum(us, after_us + rng.integers(60_000_000, 4 * US_PER_HOUR, n))
        if until_us is not None:  # never past the end (a churn date), never before the start
            us = np.where(until_us >= after_us, np.minimum(us, until_us), after_us)
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
            us = ref_us + (rng.standard_exponential(chunk.n) * mean).astype(np.int64)
            if until_us is not None:
                us = np.where(until_us >= ref_us, np.minimum(us, until_us), ref_us)
            # Inside the window: not before its start (a lag after an older reference) and
            # nothing after the run date (a lag that would pass it ends on it).
            us = prep.clip(np.maximum(us, prep.start_us), raw_us)
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
