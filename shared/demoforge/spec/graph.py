"""Dependency order in a spec: tables parents first (foreign keys, self-references
ignored), and columns inside a table in the order the engine must generate them (a derived
column after the columns it reads, a timestamp after the one it follows, an effect's target
after its conditions). Cycles are reported, not broken: the validator names them."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from demoforge.spec.expressions import ExpressionError, column_names
from demoforge.spec.generators import (
    CategoricalGen,
    DerivedGen,
    FakeGen,
    ForeignKeyGen,
    LookupGen,
    TextGen,
    TimestampGen,
)
from demoforge.spec.tables import ColumnSpec, TableSpec


class ColumnCycle(ValueError):
    """Columns of one table that depend on each other in a circle; ``path`` is the circle,
    first column repeated at the end (``["a", "b", "a"]``)."""

    def __init__(self, table: str, path: list[str]) -> None:
        super().__init__(" -> ".join(path))
        self.table = table
        self.path = path


def column_dependencies(table: TableSpec, col: ColumnSpec) -> set[str]:
    """Same-table columns that must be generated before ``col``."""
    deps: set[str] = set()
    g = col.generator
    if isinstance(g, DerivedGen):
        # A bad expression is reported by the validator; its dependencies are irrelevant then.
        with contextlib.suppress(ExpressionError):
            deps |= column_names(g.expression)
    elif isinstance(g, LookupGen):
        deps.add(g.via)
    elif isinstance(g, TimestampGen) and g.after is not None:
        deps.add(g.after.column)
        if g.after.by is not None:
            deps.add(g.after.by_via or g.after.by)
    elif isinstance(g, FakeGen) and g.source:
        deps.add(g.source)
    elif isinstance(g, CategoricalGen | TextGen):
        for case in g.cases:
            deps |= {cond.via or cond.column for cond in case.when}
    elif isinstance(g, ForeignKeyGen):
        if g.match is not None:
            deps.add(g.match.column)
        if g.started_by is not None:
            deps.add(g.started_by.column)
    deps |= {cond.via or cond.column for cond in col.only_when or []}
    for e in table.effects:
        if e.target == col.name:
            for c in e.when:
                deps.add(c.via or c.column)
    deps.discard(col.name)
    return deps


def column_order(table: TableSpec) -> list[str]:
    """Generation order inside a table (dependencies first); raises ``ColumnCycle``."""
    cols = {c.name: c for c in table.columns}
    deps = {c.name: column_dependencies(table, c) & cols.keys() for c in table.columns}
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(n: str, path: list[str]) -> None:
        if state.get(n) == 2:
            return
        if state.get(n) == 1:
            raise ColumnCycle(table.name, [*path[path.index(n):], n])
        state[n] = 1
        for d in sorted(deps[n]):
            visit(d, [*path, n])
        state[n] = 2
        order.append(n)

    for c in table.columns:
        visit(c.name, [])
    return order


def _parents(tables: Sequence[TableSpec]) -> dict[str, set[str]]:
    return {
        t.name: {f.references_table for f in t.foreign_keys if f.references_table != t.name}
        for t in tables
    }


def table_order(tables: Sequence[TableSpec]) -> list[str] | None:
    """Table names parents first, or None when foreign keys form a cycle."""
    names = {t.name for t in tables}
    parents = {name: refs & names for name, refs in _parents(tables).items()}
    order: list[str] = []
    done: set[str] = set()
    remaining = [t.name for t in tables]
    while remaining:
        ready = [n for n in remaining if parents[n] <= done]
        if not ready:
            return None
        for n in ready:
            order.append(n)
            done.add(n)
            remaining.remove(n)
    return order


def cycle_tables(tables: Sequence[TableSpec]) -> set[str]:
    """The tables on a foreign-key cycle (each has a parent and a child in the set)."""
    parents = _parents(tables)
    changed = True
    alive = set(parents)
    while changed:  # peel off tables with no remaining parents/children in the set
        changed = False
        for n in list(alive):
            has_parent = bool(parents[n] & alive)
            has_child = any(n in parents[m] for m in alive)
            if not has_parent or not has_child:
                alive.discard(n)
                changed = True
    return alive
