"""Planted stories: an ``Effect`` multiplies or sets its target column on the rows where
all its conditions hold (on this row's columns, or the parent's through a foreign key),
with a probability. Applied right after the target is generated, so later columns (a
derived total, a condition of another effect) see the planted values."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from demoforge.spec.model import ColumnSpec, Condition, Effect
from demoforge.synth.arrays import Values, as_bool
from demoforge.synth.context import Chunk, TableContext
from demoforge.synth.timestamps import EPOCH, US_PER_DAY


def apply_effect(
    ctx: TableContext, col: ColumnSpec, e: Effect, values: Values, chunk: Chunk, rng: np.random.Generator
) -> Values:
    mask = np.ones(chunk.n, dtype=bool)
    for cond in e.when:
        mask &= condition(ctx, cond, chunk)
    if e.probability < 1.0:
        mask &= rng.random(chunk.n) < e.probability
    if not mask.any():
        return values
    if e.multiply is not None:
        out = np.asarray(values, dtype=np.float64).copy()
        out[mask] *= e.multiply
        return np.rint(out).astype(np.int64) if col.type == "INT64" else out
    if isinstance(values, pa.Array):
        return pc.if_else(pa.array(mask), pa.scalar(e.set_value, values.type), values)
    out = np.array(values, copy=True)
    out[mask] = e.set_value
    return out


def condition(ctx: TableContext, c: Condition, chunk: Chunk) -> np.ndarray:
    """The rows of the chunk where the condition holds (never through an empty parent)."""
    if c.via is not None and c.via in chunk.empty_parents:
        return np.zeros(chunk.n, dtype=bool)
    v, ctype = ctx.values(c.column, chunk, via=c.via)
    mask = np.ones(chunk.n, dtype=bool)
    if c.equals is not None:
        mask &= as_bool(pc.equal(v, c.equals) if isinstance(v, pa.Array) else v == c.equals)
    if c.in_values is not None:
        if isinstance(v, pa.Array):
            mask &= as_bool(pc.is_in(v, value_set=pa.array(c.in_values)))
        else:
            mask &= np.isin(v, np.asarray(c.in_values))
    if c.months or c.date_from or c.date_to:
        days = np.asarray(v, dtype=np.int64)
        if ctype == "TIMESTAMP":
            days = days // US_PER_DAY
        if c.months:
            month = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) % 12 + 1
            mask &= np.isin(month, np.asarray(c.months))
        if c.date_from:
            mask &= days >= (c.date_from - EPOCH).days
        if c.date_to:
            mask &= days <= (c.date_to - EPOCH).days
    if c.min is not None:
        mask &= np.asarray(v, dtype=np.float64) >= c.min
    if c.max is not None:
        mask &= np.asarray(v, dtype=np.float64) <= c.max
    return mask
