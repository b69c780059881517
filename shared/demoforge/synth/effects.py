"""Planted stories: an ``Effect`` multiplies or sets its target column on the rows where
all its conditions hold (on this row's columns, or the parent's through a foreign key),
with a probability. Applied right after the target is generated, so later columns (a
derived total, a condition of another effect) see the planted values."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from demoforge.spec.model import ColumnSpec, Condition, Effect
from demoforge.synth.arrays import Values
from demoforge.synth.conditions import mask_of
from demoforge.synth.context import Chunk, TableContext


def apply_effect(
    ctx: TableContext, col: ColumnSpec, e: Effect, values: Values, chunk: Chunk, rng: np.random.Generator
) -> Values:
    mask = conditions(ctx, e.when, chunk)
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
    return mask_of(c, v, ctype, chunk.n)


def conditions(ctx: TableContext, conds: list[Condition], chunk: Chunk) -> np.ndarray:
    """Rows where every condition holds."""
    mask = np.ones(chunk.n, dtype=bool)
    for c in conds:
        mask &= condition(ctx, c, chunk)
    return mask
