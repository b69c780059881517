"""What a column generator sees while a table is generated: the table's state
(``TableContext``: its generators, the parents already generated, per-column caches, the
children-per-parent plan) and the chunk of rows being built (``Chunk``). Parents are
represented by ``TableState``: their row count, how to turn a row index into a key, and the
columns children read (lookups, "after parent", effect conditions)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np

from demoforge.spec.conditions import Condition
from demoforge.spec.model import (
    BooleanGen,
    ChildrenPerParent,
    ColumnSpec,
    DatasetSpec,
    FakeGen,
    ForeignKeyGen,
    Generator,
    NumericGen,
    SequenceGen,
    TableSpec,
    TimestampGen,
    UuidGen,
)
from demoforge.spec.planning import own_rows
from demoforge.synth.arrays import Values, take
from demoforge.synth.conditions import mask_of
from demoforge.synth.due import due_children
from demoforge.synth.sampling import rng


@dataclasses.dataclass
class TableState:
    """What children need from a generated table."""

    table: TableSpec
    rows: int
    key_fn: Callable[[np.ndarray], Values]
    columns: dict[str, Values]
    types: dict[str, str]
    # NULL masks of the retained columns (a churn date only some customers have).
    nulls: dict[str, np.ndarray] = dataclasses.field(default_factory=dict)

    def mask(self, conds: list[Condition]) -> np.ndarray:
        """Rows of this (generated) table where every condition on its own columns holds."""
        out = np.ones(self.rows, dtype=bool)
        for c in conds:
            out &= mask_of(c, self.columns[c.column], self.types[c.column], self.rows)
        return out


@dataclasses.dataclass
class Chunk:
    """The rows ``offset .. offset + n`` of a table, as they are built column by column."""

    offset: int
    n: int
    number: int = 0
    values: dict[str, Values] = dataclasses.field(default_factory=dict)
    parent_idx: dict[str, np.ndarray] = dataclasses.field(default_factory=dict)
    nulls: dict[str, np.ndarray] = dataclasses.field(default_factory=dict)
    empty_parents: set[str] = dataclasses.field(default_factory=set)  # FK columns left NULL
    # Name columns composed from pools: (locale, first-name rows, last-name rows), so an
    # e-mail made from the name reuses the pools' normalised spellings.
    name_parts: dict[str, tuple[str, np.ndarray, np.ndarray]] = dataclasses.field(default_factory=dict)

    @property
    def row_numbers(self) -> np.ndarray:
        return np.arange(self.offset, self.offset + self.n, dtype=np.int64)


def effective_generator(table: TableSpec, col: ColumnSpec) -> Generator:
    """The column's generator, or a sensible default for its role and type when omitted."""
    if col.generator is not None:
        return col.generator
    if col.name == table.primary_key:
        return SequenceGen() if col.type == "INT64" else UuidGen()
    if table.fk(col.name) is not None:
        return ForeignKeyGen()
    defaults: dict[str, Generator] = {
        "STRING": FakeGen(field="word"),
        "INT64": NumericGen(distribution="uniform", low=0, high=1000, round=0),
        "FLOAT64": NumericGen(distribution="lognormal", median=50, sigma=0.6, round=2),
        "NUMERIC": NumericGen(distribution="lognormal", median=50, sigma=0.6, round=2),
        "BOOL": BooleanGen(),
        "DATE": TimestampGen(start=dt.date(2024, 1, 1), end=dt.date(2025, 12, 31)),
        "TIMESTAMP": TimestampGen(start=dt.date(2024, 1, 1), end=dt.date(2025, 12, 31)),
    }
    return defaults[col.type]


def _exposure(cpp: ChildrenPerParent, parent: TableState) -> np.ndarray | None:
    """Each parent's active days inside the window relative to the mean (None: no exposure)."""
    if cpp.exposure_start is None or cpp.window_from is None or cpp.window_to is None or parent.rows == 0:
        return None
    lo = (cpp.window_from - dt.date(1970, 1, 1)).days
    hi = (cpp.window_to - dt.date(1970, 1, 1)).days + 1

    def days(column: str) -> np.ndarray:
        v = np.asarray(parent.columns[column], dtype=np.int64)
        return v if parent.types[column] == "DATE" else v // 86_400_000_000

    start = np.maximum(days(cpp.exposure_start), lo)
    end = np.full(parent.rows, hi, dtype=np.int64)
    if cpp.exposure_end is not None:
        nulls = parent.nulls.get(cpp.exposure_end)
        ended = days(cpp.exposure_end)
        end = np.minimum(np.where(nulls, hi, ended) if nulls is not None else ended, hi)
    active = np.clip(end - start, 0, None).astype(np.float64)
    mean = active.mean()
    return active / mean if mean > 0 else None


class TableContext:
    """One table being generated, after its parents (``done``)."""

    def __init__(self, spec: DatasetSpec, table: TableSpec, done: dict[str, TableState], seed: int) -> None:
        self.spec, self.table, self.done, self.seed = spec, table, done, seed
        self.cols = {c.name: c for c in table.columns}
        self.gens = {c.name: effective_generator(table, c) for c in table.columns}
        self._cache: dict[str, Any] = {}
        # FK column -> timestamp column that must follow the parent's timestamp. Such pairs
        # are drawn together: the timestamp from its own profile, then a parent among those
        # whose timestamp is earlier (see keys.eligible_parents), so seasonality and trend
        # stay exactly as planned and children still come after their parents.
        self.time_linked: dict[str, str] = {}
        cpp = table.children_per_parent
        cpp_fk = cpp.foreign_key if cpp else None
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
        # Children per parent: row i belongs to the parent whose cumulative count passes i.
        self.cum_children: np.ndarray | None = None
        if cpp is not None:
            parent = self.parent(cpp.foreign_key)
            n_parents = parent.rows
            counts = due_children(table, self.gens, cpp, parent, _exposure(cpp, parent),
                                  rng(seed, table.name, "__children__"), rng(seed, table.name, "__due__"))
            fk_gen = self.gens[cpp.foreign_key]
            if isinstance(fk_gen, ForeignKeyGen) and fk_gen.exclude_parents and n_parents:
                # No children under excluded parents (no shipment for a cancelled order).
                counts[parent.mask(fk_gen.exclude_parents)] = 0
            self.cum_children = np.cumsum(counts)
            self.rows = int(self.cum_children[-1]) if n_parents else 0
        else:
            self.rows = own_rows(table)

    def rng(self, *parts: str | int) -> np.random.Generator:
        return rng(self.seed, self.table.name, *parts)

    def cached(self, key: str, fn: Callable[[], Any]) -> Any:
        """Per-table memo for what every chunk reuses (weights, pools, profiles, parsed
        expressions)."""
        if key not in self._cache:
            self._cache[key] = fn()
        return self._cache[key]

    def parent(self, fk_column: str) -> TableState:
        fk = self.table.fk(fk_column)
        assert fk is not None
        return self.done[fk.references_table]

    def nulls(self, column: str, chunk: Chunk, via: str | None = None) -> np.ndarray:
        """Which rows of the chunk have the column NULL (own, or the parent's via a key)."""
        if via is None:
            m = chunk.nulls.get(column)
            return m if m is not None else np.zeros(chunk.n, dtype=bool)
        parent = self.parent(via)
        m = parent.nulls.get(column)
        return m[chunk.parent_idx[via]] if m is not None else np.zeros(chunk.n, dtype=bool)

    def values(self, column: str, chunk: Chunk, via: str | None = None) -> tuple[Values, str]:
        """A column's values for this chunk and its BigQuery type: this table's own column,
        or, ``via`` a foreign key, the referenced parent row's column."""
        if via is None:
            return chunk.values[column], self.cols[column].type
        parent = self.parent(via)
        return take(parent.columns[column], chunk.parent_idx[via]), parent.types[column]
