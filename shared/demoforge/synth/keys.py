"""Keys: sequence ids, UUIDs and foreign keys.

A foreign key is drawn as a *row index* into the parent (uniform, zipf-skewed, "n children
per parent" by repetition, or among the parents earlier than a linked timestamp) and mapped
to the parent's key, so referential integrity holds by construction; the same index serves
lookups ("the product's price") and "after the parent's timestamp". A self-reference points
at an earlier row, so hierarchies are trees.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from demoforge.spec.model import ColumnSpec, ForeignKeyGen, SequenceGen, TimestampGen, UuidGen
from demoforge.synth.arrays import Values, placeholder
from demoforge.synth.context import Chunk, TableContext, TableState
from demoforge.synth.sampling import Alias, zipf_weights
from demoforge.synth.timestamps import US_PER_DAY, US_PER_HOUR, TimeProfile


def sequence(g: SequenceGen, bq_type: str, idx: np.ndarray) -> Values:
    """The ids of rows ``idx``: ``start + i*step``, STRING ones prefixed and zero-padded."""
    nums = g.start + np.asarray(idx, dtype=np.int64) * g.step
    if bq_type == "INT64":
        return nums
    s = pc.cast(pa.array(nums), pa.string())
    if g.width:
        s = pc.utf8_lpad(s, g.width, "0")
    if g.prefix:
        s = pc.binary_join_element_wise(g.prefix, s, "")
    return s


def sequence_column(ctx: TableContext, col: ColumnSpec, g: SequenceGen, chunk: Chunk, rng: np.random.Generator) -> Values:
    return sequence(g, col.type, chunk.row_numbers)


_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
# Every 16-bit value -> its 4 hex digits, so a UUID is 8 table lookups, not 32.
_HEX16 = np.stack(
    [_HEX[(np.arange(65536) >> s) & 0xF] for s in (12, 8, 4, 0)], axis=1
).astype(np.uint8)


def uuids(rng: np.random.Generator, n: int) -> pa.Array:
    """Version-4 UUID strings built as one byte matrix (no per-row formatting)."""
    raw = rng.integers(0, 256, (n, 16), dtype=np.uint8)
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    words = (raw[:, 0::2].astype(np.uint16) << 8) | raw[:, 1::2]
    hexed = _HEX16[words].reshape(n, 32)
    dash = np.full((n, 1), ord("-"), dtype=np.uint8)
    out = np.concatenate(
        [hexed[:, :8], dash, hexed[:, 8:12], dash, hexed[:, 12:16], dash, hexed[:, 16:20], dash,
         hexed[:, 20:]], axis=1,
    )
    offsets = np.arange(0, 36 * n + 1, 36, dtype=np.int32)
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(out))


def uuid_column(ctx: TableContext, col: ColumnSpec, g: UuidGen, chunk: Chunk, rng: np.random.Generator) -> Values:
    return uuids(rng, chunk.n)


def foreign_key_column(
    ctx: TableContext, col: ColumnSpec, g: ForeignKeyGen, chunk: Chunk, rng: np.random.Generator
) -> Values:
    table = ctx.table
    fk = table.fk(col.name)
    assert fk is not None
    cpp = table.children_per_parent
    if fk.references_table == table.name:
        # Self-reference (e.g. manager_id): point at an earlier row, so the hierarchy is a
        # tree by construction; the first row points at itself.
        rows = chunk.row_numbers
        idx = np.floor(rng.random(chunk.n) * rows).astype(np.int64)
        chunk.parent_idx[col.name] = idx
        pk_gen = ctx.gens[table.primary_key or ""]
        assert isinstance(pk_gen, SequenceGen)  # validated: a self-reference needs a sequence key
        return sequence(pk_gen, col.type, idx)
    parent = ctx.done[fk.references_table]
    if col.name in ctx.time_linked and parent.rows > 0:
        idx = eligible_parents(ctx, col, g, parent, chunk, rng)
    elif cpp is not None and cpp.foreign_key == col.name:
        assert ctx.cum_children is not None
        idx = np.searchsorted(ctx.cum_children, chunk.row_numbers, side="right")
    else:
        if parent.rows == 0:
            # The parent came out empty (e.g. zero children drawn for every row): the
            # reference is NULL rather than dangling, and so is anything read through it.
            if col.mode == "REQUIRED":
                raise ValueError(
                    f"table {table.name!r} column {col.name!r}: parent table "
                    f"{fk.references_table!r} has no rows to reference (make the column "
                    "NULLABLE or give the parent rows)"
                )
            chunk.empty_parents.add(col.name)
            chunk.nulls[col.name] = np.ones(chunk.n, dtype=bool)
            return placeholder(col.type, chunk.n)
        if g.distribution == "zipf":
            alias = ctx.cached(f"zipf:{col.name}", lambda: Alias(_popularity(ctx, col.name, g, parent.rows)))
            idx = alias.draw(rng, chunk.n)
        else:
            idx = rng.integers(0, parent.rows, chunk.n)
    chunk.parent_idx[col.name] = idx
    return parent.key_fn(idx)


def _popularity(ctx: TableContext, column: str, g: ForeignKeyGen, n: int) -> np.ndarray:
    return zipf_weights(n, g.zipf_a, ctx.rng(column, "popularity"))


def eligible_parents(
    ctx: TableContext, col: ColumnSpec, g: ForeignKeyGen, parent: TableState, chunk: Chunk,
    rng: np.random.Generator,
) -> np.ndarray:
    """Draw the linked timestamp from its profile, then a parent whose own timestamp is
    earlier (weighted by popularity for zipf): exact inverse-CDF sampling over the
    parents sorted by time. The timestamp is stored in the chunk as already generated."""
    ts_name = ctx.time_linked[col.name]
    tg = ctx.gens[ts_name]
    assert isinstance(tg, TimestampGen) and tg.after is not None and tg.after.parent_column
    after = tg.after
    pcol = tg.after.parent_column

    def build() -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        ref = np.asarray(parent.columns[pcol], dtype=np.int64)
        if parent.types[pcol] == "DATE":
            ref = ref * US_PER_DAY
        ref = ref + int(after.min_hours * US_PER_HOUR)
        order = np.argsort(ref, kind="stable")
        cdf = np.cumsum(_popularity(ctx, col.name, g, parent.rows)[order]) if g.distribution == "zipf" else None
        return order, ref[order], cdf

    order, sorted_ref, cdf = ctx.cached(f"eligible:{col.name}", build)
    prof = ctx.cached(f"ts:{ts_name}", lambda: TimeProfile(tg))
    ts = prof.sample(ctx.rng(ts_name, chunk.number), chunk.n, None)
    k = np.maximum(np.searchsorted(sorted_ref, ts, side="right"), 1)  # no parent yet: the earliest
    u = rng.random(chunk.n)
    if cdf is not None:
        pos = np.minimum(np.searchsorted(cdf, u * cdf[k - 1], side="right"), k - 1)
    else:
        pos = np.minimum((u * k).astype(np.int64), k - 1)
    idx = order[pos]
    ref_us = sorted_ref[pos]
    early = ts < ref_us  # only when the timestamp precedes every parent
    if early.any():
        ts[early] = ref_us[early] + rng.integers(60_000_000, 4 * US_PER_HOUR, int(early.sum()))
    chunk.values[ts_name] = ts // US_PER_DAY if ctx.cols[ts_name].type == "DATE" else ts
    return idx
