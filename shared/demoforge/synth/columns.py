"""One generator function per generator kind, registered once in ``GENERATORS``.

Each function gets the table being generated, the column, its generator settings, the
chunk of rows and the column's own random stream, and returns the chunk's values for the
column (see ``arrays``). Keys live in ``keys``, dates in ``timestamps``, text and people in
``text``; the plain value kinds are here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pyarrow as pa

from demoforge.spec.expressions import evaluate, parse
from demoforge.spec.model import (
    GENERATOR_TYPES,
    BooleanGen,
    CategoricalGen,
    ColumnSpec,
    DerivedGen,
    LookupGen,
    NumericGen,
)
from demoforge.synth.arrays import ARROW_TYPES, Values, placeholder, pool_values, take
from demoforge.synth.context import Chunk, TableContext
from demoforge.synth.keys import foreign_key_column, sequence_column, uuid_column
from demoforge.synth.rules import enforce_cases
from demoforge.synth.sampling import Alias
from demoforge.synth.text import fake_column, text_column
from demoforge.synth.timestamps import timestamp_column

# (table, column, generator of the column's kind, chunk, random stream) -> values
ColumnFn = Callable[[TableContext, ColumnSpec, Any, Chunk, np.random.Generator], Values]


def categorical_column(
    ctx: TableContext, col: ColumnSpec, g: CategoricalGen, chunk: Chunk, rng: np.random.Generator
) -> Values:
    if col.mode == "REPEATED":
        return tags(g, col.type, chunk.n, rng)
    k = len(g.values)
    if g.cycle:
        idx = chunk.row_numbers % k
    elif g.weights is not None:
        weights = g.weights
        idx = ctx.cached(f"alias:{col.name}", lambda: Alias(np.asarray(weights))).draw(rng, chunk.n)
    else:
        idx = rng.integers(0, k, chunk.n)
    pool = ctx.cached(f"cat:{col.name}", lambda: pool_values(g.values, col.type))
    values = take(pool, idx)
    if g.cases:
        values = enforce_cases(ctx, col, g, values, chunk, ctx.rng(col.name, "cases", chunk.number), False)
    return values


def tags(g: CategoricalGen, bq_type: str, n: int, rng: np.random.Generator) -> pa.Array:
    """items_min..items_max distinct values per row, weighted without replacement
    (Efraimidis-Spirakis keys u^(1/w): the k largest keys are a weighted sample)."""
    k = len(g.values)
    w = np.asarray(g.weights if g.weights is not None else [1.0] * k, dtype=np.float64)
    counts = rng.integers(g.items_min, g.items_max + 1, n)
    picks: list[np.ndarray] = []
    step = 65_536  # bounds the (rows x values) key matrix
    for lo in range(0, n, step):
        hi = min(n, lo + step)
        with np.errstate(divide="ignore"):
            keys = rng.random((hi - lo, k)) ** (1.0 / np.maximum(w, 1e-12))
        order = np.argsort(-keys, axis=1)[:, : g.items_max]
        picks.append(order[np.arange(g.items_max)[None, :] < counts[lo:hi, None]])
    flat = np.concatenate(picks) if picks else np.array([], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    pool = pa.array(g.values if bq_type == "INT64" else [str(v) for v in g.values], type=ARROW_TYPES[bq_type])
    return pa.ListArray.from_arrays(pa.array(offsets), pool.take(pa.array(flat)))


def numeric_column(
    ctx: TableContext, col: ColumnSpec, g: NumericGen, chunk: Chunk, rng: np.random.Generator
) -> np.ndarray:
    n, d = chunk.n, g.distribution
    if d == "normal":
        v = rng.normal(g.mean, g.std, n)
    elif d == "lognormal":
        v = g.median * np.exp(g.sigma * rng.standard_normal(n))
    elif d == "uniform":
        v = rng.uniform(g.low, g.high, n)
    elif d == "poisson":
        v = rng.poisson(g.mean, n).astype(np.float64)
    elif d == "zipf":
        v = rng.zipf(g.a, n).astype(np.float64)
    else:
        v = rng.exponential(g.mean, n)
    if g.min is not None or g.max is not None:
        v = np.clip(v, g.min, g.max)
    if col.type == "INT64":
        return np.rint(v).astype(np.int64)
    if g.round is not None:
        v = np.round(v, g.round)
    return v


def boolean_column(
    ctx: TableContext, col: ColumnSpec, g: BooleanGen, chunk: Chunk, rng: np.random.Generator
) -> np.ndarray:
    return rng.random(chunk.n) < g.probability


def derived_column(
    ctx: TableContext, col: ColumnSpec, g: DerivedGen, chunk: Chunk, rng: np.random.Generator
) -> np.ndarray:
    expression = ctx.cached(f"expr:{col.name}", lambda: parse(g.expression))
    with np.errstate(all="ignore"):
        out = np.asarray(evaluate(expression, chunk.values), dtype=np.float64)
        out = np.broadcast_to(out, (chunk.n,)).copy()
    bad = ~np.isfinite(out)
    if bad.any():  # division by zero and the like: NULL, not inf
        chunk.nulls[col.name] = bad
        out[bad] = 0.0
    if col.type == "INT64":
        return np.rint(out).astype(np.int64)
    return out


def lookup_column(
    ctx: TableContext, col: ColumnSpec, g: LookupGen, chunk: Chunk, rng: np.random.Generator
) -> Values:
    if g.via in chunk.empty_parents:
        chunk.nulls[col.name] = np.ones(chunk.n, dtype=bool)
        return placeholder(col.type, chunk.n)
    return ctx.values(g.column, chunk, via=g.via)[0]


GENERATORS: Mapping[str, ColumnFn] = {
    "sequence": sequence_column,
    "uuid": uuid_column,
    "foreign_key": foreign_key_column,
    "categorical": categorical_column,
    "numeric": numeric_column,
    "boolean": boolean_column,
    "timestamp": timestamp_column,
    "derived": derived_column,
    "lookup": lookup_column,
    "fake": fake_column,
    "text": text_column,
}
if GENERATORS.keys() != GENERATOR_TYPES.keys():  # a new kind fails at import, not mid-job
    raise TypeError(f"generator kinds without a generator: {sorted(GENERATORS.keys() ^ GENERATOR_TYPES.keys())}")
