"""The vectorised generator: ``DatasetSpec`` -> one Parquet file per table.

How it stays fast, correct and bounded:
- Every column is produced by numpy/pyarrow array operations over a chunk of rows (1M by
  default); no per-row Python. Chunks are written as Parquet row groups as soon as they are
  built, so memory is bounded by the chunk size plus the few parent columns that children
  read (keys, timestamps for "after parent", looked-up values), not by the table size.
- Tables are generated parents first; foreign keys are row indexes into the parent, so
  referential integrity holds by construction (see ``keys``).
- Each column of each chunk has its own random stream derived from (seed, table, column,
  chunk), so the output is deterministic for a seed and adding a column does not change
  the others (see ``sampling``).

This module is the engine's loop: tables in order, chunks, columns in dependency order
through the generator registry (``columns.GENERATORS``), effects (``effects``), NULLs and
the Parquet writer. Values and Parquet types are described in ``arrays``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from demoforge.spec.model import (
    CategoricalGen,
    DatasetSpec,
    Effect,
    FakeGen,
    ForeignKeyGen,
    LookupGen,
    SequenceGen,
    TableSpec,
    TextGen,
    TimestampGen,
    column_order,
)
from demoforge.synth.arrays import Values, arrow_schema, concat, to_arrow
from demoforge.synth.columns import GENERATORS
from demoforge.synth.context import Chunk, TableContext, TableState, effective_generator
from demoforge.synth.effects import apply_effect, conditions
from demoforge.synth.keys import sequence
from demoforge.synth.rules import enforce_cases

__all__ = ["CHUNK_ROWS", "GeneratedTable", "arrow_schema", "effective_generator", "generate_dataset"]

CHUNK_ROWS = 1 << 20
# Low-cardinality string kinds: dictionary-encoded in Parquet (ids and e-mails are not).
_DICTIONARY_KINDS = frozenset({"categorical", "text", "fake", "lookup"})


@dataclasses.dataclass(frozen=True)
class GeneratedTable:
    name: str
    path: Path
    rows: int


def generate_dataset(
    spec: DatasetSpec, out_dir: Path, *, seed: int | None = None, chunk_rows: int = CHUNK_ROWS
) -> dict[str, GeneratedTable]:
    """Write ``out_dir/<table>.parquet`` for every table (overwriting) and return them by name."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    seed = spec.seed if seed is None else seed
    retain = _retained_columns(spec)
    done: dict[str, TableState] = {}
    out: dict[str, GeneratedTable] = {}
    for name in spec.table_order():
        table = spec.table(name)
        path = out_dir / f"{name}.parquet"
        state = _TableWriter(TableContext(spec, table, done, seed), retain.get(name, set())).write(path, chunk_rows)
        done[name] = state
        out[name] = GeneratedTable(name=name, path=path, rows=state.rows)
    return {t.name: out[t.name] for t in spec.tables}


def _retained_columns(spec: DatasetSpec) -> dict[str, set[str]]:
    """Parent columns that child tables read (lookups, "after parent", conditions of
    effects and cases, and the columns consistency rules compare)."""
    keep: dict[str, set[str]] = {}
    for t in spec.tables:
        for c in t.columns:
            g = c.generator
            conds = list(c.only_when or [])
            if isinstance(g, LookupGen):
                _keep(keep, t, g.via, g.column)
            elif isinstance(g, TimestampGen) and g.after:
                a = g.after
                if a.parent_column:
                    _keep(keep, t, a.column, a.parent_column)
                    if a.until:
                        _keep(keep, t, a.column, a.until)
                if a.by and a.by_via:
                    _keep(keep, t, a.by_via, a.by)
            elif isinstance(g, CategoricalGen | TextGen):
                conds += [cond for case in g.cases for cond in case.when]
            elif isinstance(g, ForeignKeyGen):
                for cond in g.exclude_parents:
                    _keep(keep, t, c.name, cond.column)
                if g.match:
                    _keep(keep, t, c.name, g.match.parent_column)
                if g.started_by:
                    _keep(keep, t, c.name, g.started_by.parent_column)
                if g.weights_column:
                    _keep(keep, t, c.name, g.weights_column)
            for cond in conds:
                if cond.via:
                    _keep(keep, t, cond.via, cond.column)
        for e in t.effects:
            for cond in e.when:
                if cond.via:
                    _keep(keep, t, cond.via, cond.column)
        cpp = t.children_per_parent
        if cpp is not None:
            for name in (cpp.exposure_start, cpp.exposure_end):
                if name:
                    _keep(keep, t, cpp.foreign_key, name)
    return keep


def _keep(keep: dict[str, set[str]], t: TableSpec, via: str, column: str) -> None:
    fk = t.fk(via)
    if fk is not None:
        keep.setdefault(fk.references_table, set()).add(column)


class _TableWriter:
    """Generates one table chunk by chunk into a Parquet file."""

    def __init__(self, ctx: TableContext, retain: set[str]) -> None:
        self.ctx, self.table = ctx, ctx.table
        self.retain = set(retain)
        self.order = column_order(self.table)
        self.effects: dict[str, list[tuple[int, Effect]]] = {}
        for i, e in enumerate(self.table.effects):
            self.effects.setdefault(e.target, []).append((i, e))
        pk = self.table.primary_key
        if pk is not None and not isinstance(ctx.gens[pk], SequenceGen):
            self.retain.add(pk)  # random keys (uuid) must be kept for children to reference

    def write(self, path: Path, chunk_rows: int) -> TableState:
        rows = self.ctx.rows
        schema = arrow_schema(self.table)
        kept: dict[str, list[Values]] = {c: [] for c in self.retain}
        kept_nulls: dict[str, list[np.ndarray]] = {c: [] for c in self.retain}
        tmp = path.with_name(path.name + ".tmp")
        # Dictionary-encode only low-cardinality strings: building dictionaries for ids and
        # emails costs time and saves nothing.
        dictionary = [
            c.name for c in self.table.columns
            if c.type == "STRING" and self.ctx.gens[c.name].kind in _DICTIONARY_KINDS
            and not (isinstance(g := self.ctx.gens[c.name], FakeGen) and g.field == "email")
        ]
        # Column statistics are for readers that prune row groups; a load into BigQuery and
        # the realism checks read whole files, and writing them costs a third of the time.
        with pq.ParquetWriter(tmp, schema, compression="snappy", use_dictionary=dictionary, write_statistics=False) as writer:
            offset, chunk_no = 0, 0
            while offset < rows or (rows == 0 and chunk_no == 0):
                n = min(chunk_rows, rows - offset)
                chunk = self._chunk(offset, n, chunk_no)
                writer.write_table(self._to_arrow(chunk, schema, chunk_no), row_group_size=max(n, 1))
                for c in self.retain:
                    kept[c].append(chunk.values[c])
                    kept_nulls[c].append(chunk.nulls.get(c, np.zeros(n, dtype=bool)))
                offset += n
                chunk_no += 1
                if n == 0:
                    break
        tmp.replace(path)
        columns = {c: concat(v) for c, v in kept.items()}
        nulls = {c: np.concatenate(v) if v else np.zeros(0, dtype=bool) for c, v in kept_nulls.items()}
        return TableState(
            table=self.table, rows=rows, key_fn=self._key_fn(columns), columns=columns,
            types={c.name: c.type for c in self.table.columns},
            nulls={c: m for c, m in nulls.items() if m.any()},
        )

    def _key_fn(self, columns: dict[str, Values]) -> Callable[[np.ndarray], Values]:
        pk = self.table.primary_key
        if pk is None:
            return lambda idx: idx
        g = self.ctx.gens[pk]
        if isinstance(g, SequenceGen):
            pk_type = self.ctx.cols[pk].type
            return lambda idx: sequence(g, pk_type, idx)
        keys = columns[pk]
        return lambda idx: keys.take(pa.array(idx))

    def _chunk(self, offset: int, n: int, chunk_no: int) -> Chunk:
        ctx = self.ctx
        chunk = Chunk(offset=offset, n=n, number=chunk_no)
        for name in self.order:
            col, g = ctx.cols[name], ctx.gens[name]
            rng = ctx.rng(name, chunk_no)
            if name in chunk.values:  # drawn together with its foreign key (see keys.eligible_parents)
                values = chunk.values[name]
            else:
                values = GENERATORS[g.kind](ctx, col, g, chunk, rng)
            for i, effect in self.effects.get(name, []):
                values = apply_effect(ctx, col, effect, values, chunk, ctx.rng(f"effect{i}", chunk_no))
            if isinstance(g, CategoricalGen) and g.cases:
                # Consistency after the stories: a planted value never breaks a rule.
                values = enforce_cases(ctx, col, g, values, chunk, ctx.rng(name, "cases", chunk_no), True)
            chunk.values[name] = values
            self._nulls(name, chunk, chunk_no)
        return chunk

    def _nulls(self, name: str, chunk: Chunk, chunk_no: int) -> None:
        """The column's NULL mask: what the generator left NULL, ``only_when`` rows that
        do not qualify, and the planned NULL rate."""
        col = self.ctx.cols[name]
        if col.mode == "REPEATED":
            return
        mask = chunk.nulls.get(name)
        if col.only_when:
            absent = ~conditions(self.ctx, col.only_when, chunk)
            mask = absent if mask is None else (mask | absent)
        if col.nullable > 0 and col.mode != "REQUIRED":
            drawn = self.ctx.rng(col.name, "nulls", chunk_no).random(chunk.n) < col.nullable
            mask = drawn if mask is None else (mask | drawn)
        if mask is not None:
            chunk.nulls[name] = mask

    def _to_arrow(self, chunk: Chunk, schema: pa.Schema, chunk_no: int) -> pa.Table:
        arrays = []
        for col in self.table.columns:
            if col.mode == "REPEATED":  # built as a list array; never NULL (validated)
                arrays.append(chunk.values[col.name])
                continue
            arr = to_arrow(chunk.values[col.name], col.type)
            mask = chunk.nulls.get(col.name)
            if mask is not None and mask.any():
                if col.mode == "REQUIRED":
                    raise ValueError(
                        f"table {self.table.name!r} column {col.name!r}: REQUIRED but the "
                        "expression produced non-finite values (division by zero?)"
                    )
                arr = pc.if_else(pa.array(mask), pa.scalar(None, arr.type), arr)
            arrays.append(arr)
        return pa.Table.from_arrays(arrays, schema=schema)
