"""The vectorised generator: ``DatasetSpec`` -> one Parquet file per table.

How it stays fast, correct and bounded:
- Every column is produced by numpy/pyarrow array operations over a chunk of rows (1M by
  default); no per-row Python. Chunks are written as Parquet row groups as soon as they are
  built, so memory is bounded by the chunk size plus the few parent columns that children
  read (keys, timestamps for "after parent", looked-up values), not by the table size.
- Tables are generated parents first. A foreign key is drawn as a *row index* into the
  parent (uniform, zipf-skewed, or "n children per parent" by repetition) and mapped to the
  parent's key, so referential integrity holds by construction; the same index serves
  lookups ("the product's price") and "after the parent's timestamp".
- Each column of each chunk has its own random stream derived from (seed, table, column,
  chunk), so the output is deterministic for a seed and adding a column does not change
  the others.

Parquet types map to BigQuery: INT64->int64, FLOAT64->float64, NUMERIC->decimal128(38, 9),
BOOL->bool, DATE->date32, TIMESTAMP->timestamp[us, tz=UTC], STRING->string. Internally
(between columns) values are null-free numpy arrays (timestamps as int64 microseconds,
dates as int64 days) or pyarrow string arrays; NULLs are applied when a chunk is written.
"""

from __future__ import annotations

import ast
import calendar
import dataclasses
import datetime as dt
import re
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from demoforge.spec.model import (
    DEFAULT_ROWS,
    BooleanGen,
    CategoricalGen,
    ColumnSpec,
    Condition,
    DatasetSpec,
    DerivedGen,
    Effect,
    FakeGen,
    ForeignKeyGen,
    LookupGen,
    NumericGen,
    SequenceGen,
    TableSpec,
    TextGen,
    TimestampGen,
    UuidGen,
    column_order,
)
from demoforge.synth import pools

CHUNK_ROWS = 1 << 20
US_PER_DAY = 86_400_000_000
US_PER_HOUR = 3_600_000_000
EPOCH = dt.date(1970, 1, 1)

Values = Any  # np.ndarray (numbers, bools, int64 days/microseconds) or pa.Array (strings)

ARROW_TYPES: dict[str, pa.DataType] = {
    "STRING": pa.string(),
    "INT64": pa.int64(),
    "FLOAT64": pa.float64(),
    "NUMERIC": pa.decimal128(38, 9),
    "BOOL": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us", tz="UTC"),
}


@dataclasses.dataclass(frozen=True)
class GeneratedTable:
    name: str
    path: Path
    rows: int


def arrow_type(col: ColumnSpec) -> pa.DataType:
    """REPEATED columns are Parquet lists (BigQuery loads them with list inference)."""
    base = ARROW_TYPES[col.type]
    return pa.list_(base) if col.mode == "REPEATED" else base


def arrow_schema(table: TableSpec) -> pa.Schema:
    """The Parquet schema of a table (REQUIRED columns are non-nullable fields)."""
    return pa.schema(
        [pa.field(c.name, arrow_type(c), nullable=c.mode == "NULLABLE") for c in table.columns]
    )


def effective_generator(table: TableSpec, col: ColumnSpec) -> Any:
    """The column's generator, or a sensible default for its role and type when omitted."""
    if col.generator is not None:
        return col.generator
    if col.name == table.primary_key:
        return SequenceGen() if col.type == "INT64" else UuidGen()
    if table.fk(col.name) is not None:
        return ForeignKeyGen()
    defaults: dict[str, Any] = {
        "STRING": FakeGen(field="word"),
        "INT64": NumericGen(distribution="uniform", low=0, high=1000, round=0),
        "FLOAT64": NumericGen(distribution="lognormal", median=50, sigma=0.6, round=2),
        "NUMERIC": NumericGen(distribution="lognormal", median=50, sigma=0.6, round=2),
        "BOOL": BooleanGen(),
        "DATE": TimestampGen(start=dt.date(2024, 1, 1), end=dt.date(2025, 12, 31)),
        "TIMESTAMP": TimestampGen(start=dt.date(2024, 1, 1), end=dt.date(2025, 12, 31)),
    }
    return defaults[col.type]


def generate_dataset(
    spec: DatasetSpec, out_dir: Path, *, seed: int | None = None, chunk_rows: int = CHUNK_ROWS
) -> dict[str, GeneratedTable]:
    """Write ``out_dir/<table>.parquet`` for every table (overwriting) and return them by name."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    seed = spec.seed if seed is None else seed
    retain = _retained_columns(spec)
    done: dict[str, _TableState] = {}
    out: dict[str, GeneratedTable] = {}
    for name in spec.table_order():
        table = spec.table(name)
        path = out_dir / f"{name}.parquet"
        state = _TableGenerator(spec, table, done, seed, retain.get(name, set())).write(path, chunk_rows)
        done[name] = state
        out[name] = GeneratedTable(name=name, path=path, rows=state.rows)
    return {t.name: out[t.name] for t in spec.tables}


# --------------------------------------------------------------------------- internals


def _retained_columns(spec: DatasetSpec) -> dict[str, set[str]]:
    """Parent columns that child tables read (lookups, "after parent", effect conditions)."""
    keep: dict[str, set[str]] = {}
    for t in spec.tables:
        for c in t.columns:
            g = c.generator
            if isinstance(g, LookupGen):
                _keep(keep, t, g.via, g.column)
            elif isinstance(g, TimestampGen) and g.after and g.after.parent_column:
                _keep(keep, t, g.after.column, g.after.parent_column)
        for e in t.effects:
            for cond in e.when:
                if cond.via:
                    _keep(keep, t, cond.via, cond.column)
    return keep


def _keep(keep: dict[str, set[str]], t: TableSpec, via: str, column: str) -> None:
    fk = t.fk(via)
    if fk is not None:
        keep.setdefault(fk.references_table, set()).add(column)


def _rng(seed: int, *parts: str | int) -> np.random.Generator:
    words = [seed % 2**32, (seed // 2**32) % 2**32]
    for p in parts:
        words.append(zlib.crc32(p.encode()) if isinstance(p, str) else int(p) % 2**32)
    return np.random.default_rng(words)


@dataclasses.dataclass
class _TableState:
    """What children need from a generated table."""

    table: TableSpec
    rows: int
    key_fn: Callable[[np.ndarray], Values]
    columns: dict[str, Values]
    types: dict[str, str]


@dataclasses.dataclass
class _Chunk:
    offset: int
    n: int
    number: int = 0
    values: dict[str, Values] = dataclasses.field(default_factory=dict)
    parent_idx: dict[str, np.ndarray] = dataclasses.field(default_factory=dict)
    nulls: dict[str, np.ndarray] = dataclasses.field(default_factory=dict)
    empty_parents: set[str] = dataclasses.field(default_factory=set)  # FK columns left NULL

    @property
    def row_numbers(self) -> np.ndarray:
        return np.arange(self.offset, self.offset + self.n, dtype=np.int64)


class _TableGenerator:
    def __init__(
        self, spec: DatasetSpec, table: TableSpec, done: dict[str, _TableState], seed: int,
        retain: set[str],
    ) -> None:
        self.spec, self.table, self.done, self.seed = spec, table, done, seed
        self.retain = set(retain)
        self.cols = {c.name: c for c in table.columns}
        self.gens = {c.name: effective_generator(table, c) for c in table.columns}
        self.order = column_order(table)
        self.effects: dict[str, list[tuple[int, Effect]]] = {}
        for i, e in enumerate(table.effects):
            self.effects.setdefault(e.target, []).append((i, e))
        self._cache: dict[str, Any] = {}
        pk = table.primary_key
        if pk is not None and not isinstance(self.gens[pk], SequenceGen):
            self.retain.add(pk)  # random keys (uuid) must be kept for children to reference
        # FK column -> timestamp column that must follow the parent's timestamp. Such pairs
        # are drawn together: the timestamp from its own profile, then a parent among those
        # whose timestamp is earlier (see _eligible_parents), so seasonality and trend stay
        # exactly as planned and children still come after their parents.
        self.time_linked: dict[str, str] = {}
        cpp_fk = table.children_per_parent.foreign_key if table.children_per_parent else None
        for c in table.columns:
            g = self.gens[c.name]
            if (
                isinstance(g, TimestampGen) and g.after is not None and g.after.parent_column
                and g.after.mean_hours is None and g.after.column != cpp_fk
                and g.after.column not in self.time_linked
            ):
                fk = table.fk(g.after.column)
                if fk is not None and fk.references_table != table.name:
                    self.time_linked[g.after.column] = c.name
        self.cum_children: np.ndarray | None = None
        if table.children_per_parent is not None:
            self.rows = self._plan_children()
        else:
            self.rows = table.row_count if table.row_count is not None else DEFAULT_ROWS

    # -- planning

    def _plan_children(self) -> int:
        cpp = self.table.children_per_parent
        assert cpp is not None
        fk = self.table.fk(cpp.foreign_key)
        assert fk is not None
        n_parents = self.done[fk.references_table].rows
        rng = _rng(self.seed, self.table.name, "__children__")
        if cpp.distribution == "poisson":
            counts = rng.poisson(cpp.mean, n_parents)
        elif cpp.distribution == "zipf":
            counts = rng.zipf(cpp.a, n_parents)
        elif cpp.distribution == "fixed":
            counts = np.full(n_parents, int(round(cpp.mean)), dtype=np.int64)
        else:
            hi = cpp.max if cpp.max is not None else max(cpp.min, int(round(cpp.mean * 2 - cpp.min)))
            counts = rng.integers(cpp.min, hi + 1, n_parents)
        counts = np.clip(counts, cpp.min, cpp.max if cpp.max is not None else None).astype(np.int64)
        self.cum_children = np.cumsum(counts)
        return int(self.cum_children[-1]) if n_parents else 0

    # -- writing

    def write(self, path: Path, chunk_rows: int) -> _TableState:
        schema = arrow_schema(self.table)
        kept: dict[str, list[Values]] = {c: [] for c in self.retain}
        tmp = path.with_name(path.name + ".tmp")
        # Dictionary-encode only low-cardinality strings: building dictionaries for ids and
        # emails costs time and saves nothing.
        dictionary = [
            c.name for c in self.table.columns
            if c.type == "STRING" and isinstance(self.gens[c.name], CategoricalGen | TextGen | FakeGen | LookupGen)
            and not (isinstance(self.gens[c.name], FakeGen) and self.gens[c.name].field == "email")
        ]
        with pq.ParquetWriter(tmp, schema, compression="snappy", use_dictionary=dictionary) as writer:
            offset, chunk_no = 0, 0
            while offset < self.rows or (self.rows == 0 and chunk_no == 0):
                n = min(chunk_rows, self.rows - offset)
                chunk = self._chunk(offset, n, chunk_no)
                writer.write_table(self._to_arrow(chunk, schema, chunk_no), row_group_size=max(n, 1))
                for c in self.retain:
                    kept[c].append(chunk.values[c])
                offset += n
                chunk_no += 1
                if n == 0:
                    break
        tmp.replace(path)
        columns = {c: _concat(v) for c, v in kept.items()}
        return _TableState(
            table=self.table, rows=self.rows, key_fn=self._key_fn(columns), columns=columns,
            types={c.name: c.type for c in self.table.columns},
        )

    def _key_fn(self, columns: dict[str, Values]) -> Callable[[np.ndarray], Values]:
        pk = self.table.primary_key
        if pk is None:
            return lambda idx: idx
        g = self.gens[pk]
        if isinstance(g, SequenceGen):
            return lambda idx: _sequence(g, self.cols[pk].type, idx)
        keys = columns[pk]
        return lambda idx: keys.take(pa.array(idx))

    def _chunk(self, offset: int, n: int, chunk_no: int) -> _Chunk:
        chunk = _Chunk(offset=offset, n=n, number=chunk_no)
        for name in self.order:
            col = self.cols[name]
            rng = _rng(self.seed, self.table.name, name, chunk_no)
            if name in chunk.values:  # drawn together with its foreign key (see _eligible_parents)
                values = chunk.values[name]
            else:
                values = self._column(col, self.gens[name], chunk, rng)
            for i, effect in self.effects.get(name, []):
                values = self._apply_effect(col, effect, values, chunk, _rng(self.seed, self.table.name, f"effect{i}", chunk_no))
            chunk.values[name] = values
        return chunk

    def _to_arrow(self, chunk: _Chunk, schema: pa.Schema, chunk_no: int) -> pa.Table:
        arrays = []
        for col in self.table.columns:
            if col.mode == "REPEATED":  # built as a list array; never NULL (validated)
                arrays.append(chunk.values[col.name])
                continue
            arr = _to_arrow(chunk.values[col.name], col.type)
            mask = chunk.nulls.get(col.name)
            if col.nullable > 0 and col.mode != "REQUIRED":
                drawn = _rng(self.seed, self.table.name, col.name, "nulls", chunk_no).random(chunk.n) < col.nullable
                mask = drawn if mask is None else (mask | drawn)
            if mask is not None and mask.any():
                if col.mode == "REQUIRED":
                    raise ValueError(
                        f"table {self.table.name!r} column {col.name!r}: REQUIRED but the "
                        "expression produced non-finite values (division by zero?)"
                    )
                arr = pc.if_else(pa.array(mask), pa.scalar(None, arr.type), arr)
            arrays.append(arr)
        return pa.Table.from_arrays(arrays, schema=schema)

    # -- columns

    def _column(self, col: ColumnSpec, g: Any, chunk: _Chunk, rng: np.random.Generator) -> Values:
        n = chunk.n
        if isinstance(g, SequenceGen):
            return _sequence(g, col.type, chunk.row_numbers)
        if isinstance(g, UuidGen):
            return _uuids(rng, n)
        if isinstance(g, ForeignKeyGen):
            return self._foreign_key(col, g, chunk, rng)
        if isinstance(g, CategoricalGen) and col.mode == "REPEATED":
            return _tags(g, col.type, n, rng)
        if isinstance(g, CategoricalGen):
            return self._categorical(col, g, chunk, rng)
        if isinstance(g, NumericGen):
            return _numeric(g, col.type, n, rng)
        if isinstance(g, BooleanGen):
            return rng.random(n) < g.probability
        if isinstance(g, TimestampGen):
            return self._timestamp(col, g, chunk, rng)
        if isinstance(g, DerivedGen):
            return self._derived(col, g, chunk)
        if isinstance(g, LookupGen):
            if g.via in chunk.empty_parents:
                chunk.nulls[col.name] = np.ones(n, dtype=bool)
                return _placeholder(col.type, n)
            return self._values(g.column, chunk, via=g.via)[0]
        if isinstance(g, FakeGen):
            return self._fake(g, chunk, rng)
        if isinstance(g, TextGen):
            return _text(g, n, rng)
        raise TypeError(f"unknown generator {g!r}")  # unreachable: the union is closed

    def _values(self, column: str, chunk: _Chunk, via: str | None = None) -> tuple[Values, str]:
        """A column's values for this chunk and its BigQuery type: this table's own column,
        or, ``via`` a foreign key, the referenced parent row's column."""
        if via is None:
            return chunk.values[column], self.cols[column].type
        parent = self._parent(via)
        return _take(parent.columns[column], chunk.parent_idx[via]), parent.types[column]

    def _parent(self, fk_column: str) -> _TableState:
        fk = self.table.fk(fk_column)
        assert fk is not None
        return self.done[fk.references_table]

    def _foreign_key(self, col: ColumnSpec, g: ForeignKeyGen, chunk: _Chunk, rng: np.random.Generator) -> Values:
        fk = self.table.fk(col.name)
        assert fk is not None
        cpp = self.table.children_per_parent
        if fk.references_table == self.table.name:
            # Self-reference (e.g. manager_id): point at an earlier row, so the hierarchy is a
            # tree by construction; the first row points at itself.
            rows = chunk.row_numbers
            idx = np.floor(rng.random(chunk.n) * rows).astype(np.int64)
            chunk.parent_idx[col.name] = idx
            return _sequence(self.gens[self.table.primary_key or ""], col.type, idx)
        parent = self.done[fk.references_table]
        if col.name in self.time_linked and parent.rows > 0:
            idx = self._eligible_parents(col, g, parent, chunk, rng)
        elif cpp is not None and cpp.foreign_key == col.name:
            assert self.cum_children is not None
            idx = np.searchsorted(self.cum_children, chunk.row_numbers, side="right")
        else:
            if parent.rows == 0:
                # The parent came out empty (e.g. zero children drawn for every row): the
                # reference is NULL rather than dangling, and so is anything read through it.
                if col.mode == "REQUIRED":
                    raise ValueError(
                        f"table {self.table.name!r} column {col.name!r}: parent table "
                        f"{fk.references_table!r} has no rows to reference (make the column "
                        "NULLABLE or give the parent rows)"
                    )
                chunk.empty_parents.add(col.name)
                chunk.nulls[col.name] = np.ones(chunk.n, dtype=bool)
                return _placeholder(col.type, chunk.n)
            if g.distribution == "zipf":
                table = self._cached(f"zipf:{col.name}", lambda: _Alias(self._popularity(col.name, g, parent.rows)))
                idx = table.draw(rng, chunk.n)
            else:
                idx = rng.integers(0, parent.rows, chunk.n)
        chunk.parent_idx[col.name] = idx
        return parent.key_fn(idx)

    def _popularity(self, column: str, g: ForeignKeyGen, n: int) -> np.ndarray:
        return _zipf_weights(n, g.zipf_a, _rng(self.seed, self.table.name, column, "popularity"))

    def _eligible_parents(
        self, col: ColumnSpec, g: ForeignKeyGen, parent: _TableState, chunk: _Chunk, rng: np.random.Generator
    ) -> np.ndarray:
        """Draw the linked timestamp from its profile, then a parent whose own timestamp is
        earlier (weighted by popularity for zipf): exact inverse-CDF sampling over the
        parents sorted by time."""
        ts_name = self.time_linked[col.name]
        tg = self.gens[ts_name]
        assert isinstance(tg, TimestampGen) and tg.after is not None and tg.after.parent_column
        pcol = tg.after.parent_column

        def build() -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
            ref = np.asarray(parent.columns[pcol], dtype=np.int64)
            if parent.types[pcol] == "DATE":
                ref = ref * US_PER_DAY
            ref = ref + int(tg.after.min_hours * US_PER_HOUR)  # type: ignore[union-attr]
            order = np.argsort(ref, kind="stable")
            cdf = np.cumsum(self._popularity(col.name, g, parent.rows)[order]) if g.distribution == "zipf" else None
            return order, ref[order], cdf

        order, sorted_ref, cdf = self._cached(f"eligible:{col.name}", build)
        prof = self._cached(f"ts:{ts_name}", lambda: _TimeProfile(tg))
        ts = prof.sample(_rng(self.seed, self.table.name, ts_name, chunk.number), chunk.n, None)
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
        chunk.values[ts_name] = ts // US_PER_DAY if self.cols[ts_name].type == "DATE" else ts
        return idx

    def _cached(self, key: str, fn: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = fn()
        return self._cache[key]

    def _categorical(self, col: ColumnSpec, g: CategoricalGen, chunk: _Chunk, rng: np.random.Generator) -> Values:
        k = len(g.values)
        if g.cycle:
            idx = chunk.row_numbers % k
        elif g.weights is not None:
            weights = g.weights
            idx = self._cached(f"alias:{col.name}", lambda: _Alias(np.asarray(weights))).draw(rng, chunk.n)
        else:
            idx = rng.integers(0, k, chunk.n)
        pool = self._cached(f"cat:{col.name}", lambda: _pool_values(g.values, col.type))
        return _take(pool, idx)

    def _timestamp(self, col: ColumnSpec, g: TimestampGen, chunk: _Chunk, rng: np.random.Generator) -> Values:
        prep = self._cached(f"ts:{col.name}", lambda: _TimeProfile(g))
        ref_us: np.ndarray | None = None
        # Without a parent row to follow (empty parent table) the profile alone decides.
        orphaned = g.after is not None and g.after.parent_column is not None and g.after.column in chunk.empty_parents
        if g.after is not None and not orphaned:
            a = g.after
            if a.parent_column is not None:
                ref, ref_type = self._values(a.parent_column, chunk, via=a.column)
            else:
                ref, ref_type = self._values(a.column, chunk)
            ref_us = np.asarray(ref, dtype=np.int64) * (US_PER_DAY if ref_type == "DATE" else 1)
            ref_us = ref_us + int(a.min_hours * US_PER_HOUR)
            if a.mean_hours is not None:
                delay = rng.exponential(a.mean_hours * US_PER_HOUR, chunk.n).astype(np.int64)
                us = ref_us + delay
                return us // US_PER_DAY if col.type == "DATE" else us
        us = prep.sample(rng, chunk.n, ref_us)
        if col.type == "DATE":
            days = us // US_PER_DAY
            if ref_us is not None:  # a date on the reference's day counts as "after"
                days = np.maximum(days, ref_us // US_PER_DAY)
            return days
        return us

    def _derived(self, col: ColumnSpec, g: DerivedGen, chunk: _Chunk) -> Values:
        tree = self._cached(f"expr:{col.name}", lambda: ast.parse(g.expression, mode="eval"))
        with np.errstate(all="ignore"):
            out = np.asarray(_eval(tree.body, chunk.values), dtype=np.float64)
            out = np.broadcast_to(out, (chunk.n,)).copy()
        bad = ~np.isfinite(out)
        if bad.any():
            chunk.nulls[col.name] = bad
            out[bad] = 0.0
        if col.type == "INT64":
            return np.rint(out).astype(np.int64)
        return out

    def _fake(self, g: FakeGen, chunk: _Chunk, rng: np.random.Generator) -> Values:
        if g.field == "email":
            domains = pools.pool("free_email_domain", g.locale, 50, self.seed)
            if g.source is not None:
                local = pc.utf8_lower(chunk.values[g.source])
            else:
                first = pools.pool("first_name", g.locale, g.pool_size, self.seed)
                last = pools.pool("last_name", g.locale, g.pool_size, self.seed)
                local = pc.binary_join_element_wise(
                    pc.utf8_lower(first.take(pa.array(rng.integers(0, len(first), chunk.n)))),
                    pc.utf8_lower(last.take(pa.array(rng.integers(0, len(last), chunk.n)))), ".",
                )
            # "Müller" -> "muller": decompose, drop the accents, keep ASCII letters and digits.
            local = pc.replace_substring_regex(pc.utf8_normalize(local, "NFKD"), r"\p{Mn}+", "")
            local = pc.utf8_trim(pc.replace_substring_regex(local, r"[^a-z0-9]+", "."), ".")
            local = pc.if_else(pc.equal(local, ""), "customer", local)  # e.g. names in kana
            # The row number makes every address unique, like real sign-up data requires.
            number = pc.cast(pa.array(chunk.row_numbers + 1), pa.string())
            dom = domains.take(pa.array(rng.integers(0, len(domains), chunk.n)))
            return pc.binary_join_element_wise(
                pc.binary_join_element_wise(local, number, "."), dom, "@"
            )
        values = pools.pool(g.field, g.locale, g.pool_size, self.seed)
        return values.take(pa.array(rng.integers(0, len(values), chunk.n)))

    def _apply_effect(
        self, col: ColumnSpec, e: Effect, values: Values, chunk: _Chunk, rng: np.random.Generator
    ) -> Values:
        mask = np.ones(chunk.n, dtype=bool)
        for cond in e.when:
            mask &= self._condition(cond, chunk)
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

    def _condition(self, c: Condition, chunk: _Chunk) -> np.ndarray:
        if c.via is not None and c.via in chunk.empty_parents:
            return np.zeros(chunk.n, dtype=bool)
        v, ctype = self._values(c.column, chunk, via=c.via)
        mask = np.ones(chunk.n, dtype=bool)
        if c.equals is not None:
            mask &= _as_bool(pc.equal(v, c.equals) if isinstance(v, pa.Array) else v == c.equals)
        if c.in_values is not None:
            if isinstance(v, pa.Array):
                mask &= _as_bool(pc.is_in(v, value_set=pa.array(c.in_values)))
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


# --------------------------------------------------------------------------- helpers


def _as_bool(x: Any) -> np.ndarray:
    if isinstance(x, pa.Array | pa.ChunkedArray):
        return np.asarray(x.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)
    return np.asarray(x, dtype=bool)


def _placeholder(bq_type: str, n: int) -> Values:
    """Values for rows that will be NULL (the validity mask hides them)."""
    if bq_type == "STRING":
        return pa.array([""] * n, type=pa.string())
    dtype = {"BOOL": bool, "FLOAT64": np.float64, "NUMERIC": np.float64}.get(bq_type, np.int64)
    return np.zeros(n, dtype=dtype)


def _take(values: Values, idx: np.ndarray) -> Values:
    if isinstance(values, pa.Array):
        return values.take(pa.array(idx))
    return values[idx]


def _concat(parts: list[Values]) -> Values:
    if parts and isinstance(parts[0], pa.Array):
        return pa.concat_arrays(parts)
    return np.concatenate(parts) if parts else np.array([], dtype=np.int64)


def _pool_values(values: list[Any], bq_type: str) -> Values:
    if bq_type == "STRING":
        return pa.array([str(v) for v in values], type=pa.string())
    dtype = {"INT64": np.int64, "BOOL": bool}.get(bq_type, np.float64)
    return np.asarray(values, dtype=dtype)


def _sequence(g: SequenceGen, bq_type: str, idx: np.ndarray) -> Values:
    nums = g.start + np.asarray(idx, dtype=np.int64) * g.step
    if bq_type == "INT64":
        return nums
    s = pc.cast(pa.array(nums), pa.string())
    if g.width:
        s = pc.utf8_lpad(s, g.width, "0")
    if g.prefix:
        s = pc.binary_join_element_wise(g.prefix, s, "")
    return s


_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
# Every 16-bit value -> its 4 hex digits, so a UUID is 8 table lookups, not 32.
_HEX16 = np.stack(
    [_HEX[(np.arange(65536) >> s) & 0xF] for s in (12, 8, 4, 0)], axis=1
).astype(np.uint8)


def _uuids(rng: np.random.Generator, n: int) -> pa.Array:
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


def _numeric(g: NumericGen, bq_type: str, n: int, rng: np.random.Generator) -> np.ndarray:
    d = g.distribution
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
    if bq_type == "INT64":
        return np.rint(v).astype(np.int64)
    if g.round is not None:
        v = np.round(v, g.round)
    return v


class _Alias:
    """Walker's alias method: O(1) exact weighted draws (two random numbers and two gathers
    per row) instead of a binary search per row, which is cache-hostile for large tables
    of weights (100k customers, 26k day-hours). Built once per column."""

    def __init__(self, weights: np.ndarray) -> None:
        w = np.asarray(weights, dtype=np.float64)
        k = len(w)
        q = w * (k / w.sum())
        prob = np.ones(k)
        alias = np.arange(k, dtype=np.int64)
        small = np.flatnonzero(q < 1.0).tolist()
        large = np.flatnonzero(q >= 1.0).tolist()
        ql = q.tolist()
        while small and large:  # O(k) once; sampling is what must be fast
            s, g = small.pop(), large[-1]
            prob[s] = ql[s]
            alias[s] = g
            ql[g] -= 1.0 - ql[s]
            if ql[g] < 1.0:
                large.pop()
                small.append(g)
        self.prob, self.alias, self.k = prob, alias, k

    def draw(self, rng: np.random.Generator, n: int) -> np.ndarray:
        j = rng.integers(0, self.k, n)
        return np.where(rng.random(n) < self.prob[j], j, self.alias[j])


def _zipf_weights(n: int, a: float, rng: np.random.Generator) -> np.ndarray:
    """Popularity of n parents ~ 1/rank^a, ranks shuffled so popular ids are scattered."""
    weights = np.arange(1, n + 1, dtype=np.float64) ** -a
    return weights[rng.permutation(n)]


class _TimeProfile:
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
        self.cdf = np.cumsum(w) / w.sum()
        self.hour_cdf = None
        hw = np.ones(24)
        if g.hourly:
            hw = np.asarray(g.hourly, dtype=np.float64)
            self.hour_cdf = np.cumsum(hw) / hw.sum()
        # Unconditional draws pick a (day, hour) slot in one alias draw.
        self.slots = _Alias((w[:, None] * hw[None, :]).ravel())

    def sample(self, rng: np.random.Generator, n: int, after_us: np.ndarray | None) -> np.ndarray:
        if after_us is None:
            slot = self.slots.draw(rng, n)
            return (slot // 24 + self.d0) * US_PER_DAY + (slot % 24) * US_PER_HOUR + rng.integers(0, US_PER_HOUR, n)
        # Sample from the profile conditioned on "day >= reference day": rescale u into
        # [F(ref_day - 1), 1] of the cumulative distribution (inverse-CDF sampling).
        ndays = len(self.cdf)
        ref_day = np.clip(after_us // US_PER_DAY - self.d0, 0, ndays)
        lo = np.where(ref_day > 0, self.cdf[np.maximum(ref_day - 1, 0)], 0.0)
        u = lo + rng.random(n) * (1.0 - lo)
        day = np.minimum(np.searchsorted(self.cdf, u, side="right"), ndays - 1) + self.d0
        if self.hour_cdf is not None:
            hour = np.minimum(np.searchsorted(self.hour_cdf, rng.random(n), side="right"), 23)
        else:
            hour = rng.integers(0, 24, n)
        us = day * US_PER_DAY + hour * US_PER_HOUR + rng.integers(0, US_PER_HOUR, n)
        return np.maximum(us, after_us + rng.integers(60_000_000, 4 * US_PER_HOUR, n))


def _tags(g: CategoricalGen, bq_type: str, n: int, rng: np.random.Generator) -> pa.Array:
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


_TEXT_SLOT = re.compile(r"{(\w*)}")


def _text(g: TextGen, n: int, rng: np.random.Generator) -> pa.Array:
    which = rng.integers(0, len(g.templates), n)
    rendered: list[pa.Array] = []
    slot_pools = {k: pa.array(v, type=pa.string()) for k, v in g.slots.items()}
    for tpl in g.templates:
        parts = _TEXT_SLOT.split(tpl)  # literal, slot, literal, slot, ..., literal
        pieces: list[Any] = []
        for i, part in enumerate(parts):
            if i % 2 == 0:
                if part:
                    pieces.append(part)
            else:
                pool = slot_pools[part]
                pieces.append(pool.take(pa.array(rng.integers(0, len(pool), n))))
        if not any(isinstance(p, pa.Array) for p in pieces):
            rendered.append(pa.array(["".join(pieces)] * n, type=pa.string()))
        elif len(pieces) == 1:
            rendered.append(pieces[0])
        else:
            rendered.append(pc.binary_join_element_wise(*pieces, ""))
    if len(rendered) == 1:
        return rendered[0]
    return pc.choose(pa.array(which), *rendered)


_FUNCS: dict[str, Callable[..., Any]] = {
    "abs": np.abs, "floor": np.floor, "ceil": np.ceil, "min": np.minimum, "max": np.maximum,
}


def _eval(node: ast.AST, env: dict[str, Values]) -> Any:
    """Evaluate a validated derived expression over numpy columns."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return float(node.value)
    if isinstance(node, ast.Name):
        return np.asarray(env[node.id], dtype=np.float64)
    if isinstance(node, ast.UnaryOp):
        v = _eval(node.operand, env)
        return -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.BinOp):
        a, b = _eval(node.left, env), _eval(node.right, env)
        op = node.op
        if isinstance(op, ast.Add):
            return a + b
        if isinstance(op, ast.Sub):
            return a - b
        if isinstance(op, ast.Mult):
            return a * b
        if isinstance(op, ast.Div):
            return a / b
        if isinstance(op, ast.FloorDiv):
            return np.floor_divide(a, b)
        if isinstance(op, ast.Mod):
            return np.mod(a, b)
        if isinstance(op, ast.Pow):
            return np.power(a, b)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        args = [_eval(x, env) for x in node.args]
        if node.func.id == "round":
            return np.round(args[0], int(args[1]) if len(args) > 1 else 0)
        return _FUNCS[node.func.id](*args)
    raise ValueError(f"unsupported expression node {type(node).__name__}")


def _to_arrow(values: Values, bq_type: str) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if isinstance(values, pa.Array):
        return values if bq_type == "STRING" else values.cast(ARROW_TYPES[bq_type])
    if bq_type == "NUMERIC":
        return _decimal(np.asarray(values, dtype=np.float64))
    if bq_type == "DATE":
        return pa.array(np.asarray(values, dtype=np.int32), type=pa.date32())
    if bq_type == "TIMESTAMP":
        return pa.array(np.asarray(values, dtype=np.int64), type=ARROW_TYPES["TIMESTAMP"])
    if bq_type == "STRING":
        return pa.array(values).cast(pa.string())
    return pa.array(values, type=ARROW_TYPES[bq_type])


_DEC_LIMIT = 9.0e9  # |x| * 1e9 must fit an int64 for the fast path


def _decimal(v: np.ndarray) -> pa.Array:
    """float64 -> decimal128(38, 9) by writing the 128-bit integers directly (cast is slow)."""
    if v.size and float(np.max(np.abs(v))) >= _DEC_LIMIT:
        return pa.array(v).cast(pa.decimal128(38, 9), safe=False)
    scaled = np.rint(v * 1e9).astype(np.int64)
    words = np.empty((len(v), 2), dtype=np.int64)
    words[:, 0] = scaled
    words[:, 1] = scaled >> 63  # sign extension into the high word
    return pa.Array.from_buffers(pa.decimal128(38, 9), len(v), [None, pa.py_buffer(words.tobytes())])

