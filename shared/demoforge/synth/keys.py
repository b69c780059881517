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
from demoforge.synth.timestamps import EPOCH, NEVER_US, US_PER_DAY, US_PER_HOUR, profile_of


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
    allowed = ctx.cached(f"allowed:{col.name}", lambda: _allowed(parent, g))
    if cpp is not None and cpp.foreign_key == col.name:
        assert ctx.cum_children is not None
        idx = np.searchsorted(ctx.cum_children, chunk.row_numbers, side="right")
    elif parent.rows == 0 or (allowed is not None and not allowed.any()):
        # The parent came out empty (e.g. zero children drawn for every row), or every
        # parent is excluded: the reference is NULL rather than dangling or inconsistent,
        # and so is anything read through it.
        if col.mode == "REQUIRED":
            raise ValueError(
                f"table {table.name!r} column {col.name!r}: parent table "
                f"{fk.references_table!r} has no rows to reference (make the column "
                "NULLABLE or give the parent rows)"
            )
        chunk.empty_parents.add(col.name)
        chunk.nulls[col.name] = np.ones(chunk.n, dtype=bool)
        return placeholder(col.type, chunk.n)
    elif col.name in ctx.time_linked:
        idx = eligible_parents(ctx, col, g, parent, chunk, rng, allowed)
    elif g.match is not None or g.started_by is not None:
        idx = matched_parents(ctx, col, g, parent, chunk, rng, allowed)
    elif g.distribution == "cycle":
        ids = ctx.cached(f"ids:{col.name}", lambda: np.flatnonzero(allowed) if allowed is not None else np.arange(parent.rows))
        idx = ids[chunk.row_numbers % len(ids)]
    elif g.weights_column is not None:
        wc = g.weights_column

        def by_column() -> Alias:
            w = np.clip(np.asarray(parent.columns[wc], dtype=np.float64), 0.0, None)
            w = w * allowed if allowed is not None else w
            return Alias(w if w.sum() > 0 else np.ones(parent.rows))

        idx = ctx.cached(f"weights:{col.name}", by_column).draw(rng, chunk.n)
    elif g.distribution == "zipf":
        def weights() -> Alias:
            w = _popularity(ctx, col.name, g, parent.rows)
            return Alias(w * allowed if allowed is not None else w)

        idx = ctx.cached(f"zipf:{col.name}", weights).draw(rng, chunk.n)
    elif allowed is not None:
        ids = ctx.cached(f"ids:{col.name}", lambda: np.flatnonzero(allowed))
        idx = ids[rng.integers(0, len(ids), chunk.n)]
    else:
        idx = rng.integers(0, parent.rows, chunk.n)
    chunk.parent_idx[col.name] = idx
    return parent.key_fn(idx)


def _allowed(parent: TableState, g: ForeignKeyGen) -> np.ndarray | None:
    """Parents a child may reference (None: all): ``exclude_parents`` removed."""
    if not g.exclude_parents or parent.rows == 0:
        return None
    return ~parent.mask(g.exclude_parents)


def _days(values: Values, bq_type: str) -> np.ndarray:
    v = np.asarray(values, dtype=np.int64)
    return v if bq_type == "DATE" else v // US_PER_DAY


_DAY_SPAN = 1 << 21  # days of one match group in the composite sort key (~5,700 years)


def matched_parents(
    ctx: TableContext, col: ColumnSpec, g: ForeignKeyGen, parent: TableState, chunk: Chunk,
    rng: np.random.Generator, allowed: np.ndarray | None,
) -> np.ndarray:
    """A parent that agrees with the row on ``match`` (the employee of the order's store)
    and had started by the row's time (``started_by``: hired before the order), uniformly
    among those: parents sorted by (group, start day) so each row's candidates are one
    contiguous run found with two binary searches. A row whose group has nobody started
    yet gets the group's earliest starter; a row with no group at all any allowed parent
    (the realism checks report such rows)."""

    def build() -> tuple[np.ndarray | None, np.ndarray, np.ndarray, np.ndarray, int]:
        n = parent.rows
        uniq: np.ndarray | None = None
        code = np.zeros(n, dtype=np.int64)
        if g.match is not None:
            pv = parent.columns[g.match.parent_column]
            pv = pv.to_numpy(zero_copy_only=False) if isinstance(pv, pa.Array) else np.asarray(pv)
            uniq, code = np.unique(pv, return_inverse=True)
        start = np.zeros(n, dtype=np.int64)
        if g.started_by is not None:
            sb = g.started_by.parent_column
            start = _days(parent.columns[sb], parent.types[sb])
            nulls = parent.nulls.get(sb)
            if nulls is not None:
                start = np.where(nulls, start.min(initial=0), start)
        base = int(start.min(initial=0))
        ids = np.flatnonzero(allowed) if allowed is not None else np.arange(n)
        order = ids[np.lexsort((start[ids], code[ids]))]
        composite = code[order] * _DAY_SPAN + (start[order] - base)
        return uniq, order, composite, code[order], base

    uniq, order, composite, groups, base = ctx.cached(f"matched:{col.name}", build)
    n = chunk.n
    found = np.ones(n, dtype=bool)
    code = np.zeros(n, dtype=np.int64)
    if g.match is not None and uniq is not None:
        rv, _ = ctx.values(g.match.column, chunk)
        rv = rv.to_numpy(zero_copy_only=False) if isinstance(rv, pa.Array) else np.asarray(rv)
        code = np.searchsorted(uniq, rv)
        inside = code < len(uniq)
        found = inside & (uniq[np.minimum(code, len(uniq) - 1)] == rv) & ~ctx.nulls(g.match.column, chunk)
        code = np.where(found, code, 0)
    day = np.full(n, _DAY_SPAN - 1, dtype=np.int64)
    if g.started_by is not None:
        tv, ttype = ctx.values(g.started_by.column, chunk)
        day = np.clip(_days(tv, ttype) - base, 0, _DAY_SPAN - 1)
    lo = np.searchsorted(groups, code, side="left")
    top = np.searchsorted(groups, code, side="right")
    hi = np.clip(np.searchsorted(composite, code * _DAY_SPAN + day, side="right"), lo, top)
    count = np.maximum(hi - lo, 1)
    pos = lo + np.minimum((rng.random(n) * count).astype(np.int64), count - 1)
    lost = ~found | (lo >= top)
    if lost.any():
        pos[lost] = rng.integers(0, len(order), int(lost.sum()))
    return order[pos]


def _popularity(ctx: TableContext, column: str, g: ForeignKeyGen, n: int) -> np.ndarray:
    return zipf_weights(n, g.zipf_a, ctx.rng(column, "popularity"))


def eligible_parents(
    ctx: TableContext, col: ColumnSpec, g: ForeignKeyGen, parent: TableState, chunk: Chunk,
    rng: np.random.Generator, allowed: np.ndarray | None = None,
) -> np.ndarray:
    """Draw the linked timestamp from its profile, then a parent whose own timestamp is
    earlier (weighted by popularity for zipf): exact inverse-CDF sampling over the
    parents sorted by time. The timestamp is stored in the chunk as already generated."""
    ts_name = ctx.time_linked[col.name]
    tg = ctx.gens[ts_name]
    assert isinstance(tg, TimestampGen) and tg.after is not None and tg.after.parent_column
    after = tg.after
    pcol = tg.after.parent_column

    def build() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
        ref = np.asarray(parent.columns[pcol], dtype=np.int64)
        if parent.types[pcol] == "DATE":
            ref = ref * US_PER_DAY
        ref = ref + int(after.min_hours * US_PER_HOUR)
        order = np.argsort(ref, kind="stable")
        w = _popularity(ctx, col.name, g, parent.rows) if g.distribution == "zipf" else np.ones(parent.rows)
        if allowed is not None:
            w = w * allowed
        until = None
        if after.until is not None:
            u = np.asarray(parent.columns[after.until], dtype=np.int64)
            if parent.types[after.until] == "DATE":
                u = u * US_PER_DAY + US_PER_DAY - 1
            nulls = parent.nulls.get(after.until)
            if nulls is not None:
                u = np.where(nulls, NEVER_US, u)
            # A parent that ended before the window opened (churned long ago) is no candidate.
            w = w * (u >= (tg.start - EPOCH).days * US_PER_DAY)
            until = u[order]
        return order, ref[order], np.cumsum(w[order]), until

    order, sorted_ref, cdf, until = ctx.cached(f"eligible:{col.name}", build)
    prof = profile_of(tg)
    ts = prof.sample(ctx.rng(ts_name, chunk.number), chunk.n, None)
    k = np.maximum(np.searchsorted(sorted_ref, ts, side="right"), 1)  # no parent yet: the earliest
    first = int(np.searchsorted(cdf, 0.0, side="right"))  # the earliest parent with weight

    def pick(kk: np.ndarray, u: np.ndarray) -> np.ndarray:
        total = cdf[kk - 1]
        pos = np.minimum(np.searchsorted(cdf, u * total, side="right"), kk - 1)
        return np.where(total > 0, pos, first)

    pos = pick(k, rng.random(chunk.n))
    if until is not None:
        # A parent that had ended (churned) by the row's time is no candidate: redraw those
        # rows a few times, then move the rest into their parent's active span.
        for _ in range(4):
            bad = np.flatnonzero(ts > until[pos])
            if not len(bad):
                break
            pos[bad] = pick(k[bad], rng.random(len(bad)))
        bad = np.flatnonzero(ts > until[pos])
        if len(bad):
            ts[bad] = prof.sample(rng, len(bad), sorted_ref[pos[bad]], until[pos[bad]])
    idx = order[pos]
    ref_us = sorted_ref[pos]
    early = ts < ref_us  # only when the timestamp precedes every parent
    if early.any():
        ts[early] = ref_us[early] + rng.integers(60_000_000, 4 * US_PER_HOUR, int(early.sum()))
        if until is not None:
            ts[early] = np.minimum(ts[early], np.maximum(until[pos[early]], ref_us[early]))
        ts[early] = prof.clip(ts[early], ref_us[early])
    chunk.values[ts_name] = ts // US_PER_DAY if ctx.cols[ts_name].type == "DATE" else ts
    return idx
