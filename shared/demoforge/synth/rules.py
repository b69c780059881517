"""Conditioned values: a categorical column's ``cases`` (first matching case wins) as
vectorised draws. The generator draws every matching row from its case; after the
planted-story effects ran, ``enforce_cases`` redraws only the rows whose value a case
forbids, so stories can never break a consistency rule."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from demoforge.spec.model import CategoricalGen, ColumnSpec, ValueCase
from demoforge.synth.arrays import Values, as_bool, pool_values, take
from demoforge.synth.context import Chunk, TableContext
from demoforge.synth.effects import conditions
from demoforge.synth.sampling import Alias


def case_masks(ctx: TableContext, g: CategoricalGen | list[ValueCase], chunk: Chunk) -> list[np.ndarray]:
    """Per case, the rows it applies to (rows matching an earlier case excluded)."""
    cases = g.cases if isinstance(g, CategoricalGen) else g
    taken = np.zeros(chunk.n, dtype=bool)
    out = []
    for case in cases:
        m = conditions(ctx, case.when, chunk) & ~taken
        taken |= m
        out.append(m)
    return out


def _draw(ctx: TableContext, col: ColumnSpec, k: int, case: ValueCase, n: int, rng: np.random.Generator) -> Values:
    pool = ctx.cached(f"case{k}:{col.name}", lambda: pool_values(case.values, col.type))
    if case.weights is not None:
        weights = case.weights
        idx = ctx.cached(f"case{k}alias:{col.name}", lambda: Alias(np.asarray(weights))).draw(rng, n)
    else:
        idx = rng.integers(0, len(case.values), n)
    return take(pool, idx)


def _allowed(values: Values, case: ValueCase) -> np.ndarray:
    if isinstance(values, pa.Array):
        return as_bool(pc.is_in(values, value_set=pa.array([str(v) for v in case.values])))
    return np.isin(values, np.asarray(case.values))


def enforce_cases(
    ctx: TableContext, col: ColumnSpec, g: CategoricalGen, values: Values, chunk: Chunk,
    rng: np.random.Generator, violations_only: bool,
) -> Values:
    """``values`` with every row a case applies to drawn from that case (all of them, or
    with ``violations_only`` just those holding a value the case does not allow)."""
    for k, (case, mask) in enumerate(zip(g.cases, case_masks(ctx, g, chunk), strict=True)):
        if violations_only and mask.any():
            mask = mask & ~_allowed(values, case)
        if not mask.any():
            continue
        drawn = _draw(ctx, col, k, case, chunk.n, rng)
        if isinstance(values, pa.Array):
            values = pc.if_else(pa.array(mask), drawn, values)
        else:
            values = np.where(mask, drawn, values)
    return values
