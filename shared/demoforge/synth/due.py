"""Children due by the run date: how many of a parent's children a dataset can hold when
each one happens an exponential lag after its parent (a premium after its policy, a
payment after its invoice) and nothing may pass the run date (or the parent's end).

A child whose lag would pass the run date has not happened yet, so the data cannot show
it. Keeping it and moving its time inside the window (clamping it onto the last day, or
redrawing it from the truncated lag) puts every such child into the last weeks: with
lags of months that is a pile-up on the last day, or a last quarter that grows by half.
So each parent's children are drawn as planned for its whole life and each is kept with
the chance that its lag fits the room the parent has left, ``1 - exp(-room / mean)``
(binomial thinning: the children a run-date snapshot sees; a policy issued yesterday has
not had its premiums yet, a customer who signed up an hour ago has not bought yet); the
kept ones draw their lag from the exponential truncated to that room
(``timestamps.lagged``). Together that is the same as drawing every child and dropping
the ones still to come. The plan is scaled up by the share kept overall, so the children
per parent (and the rows) stay as planned on average."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Protocol

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from demoforge.spec.model import ChildrenPerParent, Generator, TableSpec, TimestampGen
from demoforge.spec.planning import draw_children

# The time units of the engine (``timestamps`` re-exports them): dates are days and
# timestamps microseconds since the epoch.
US_PER_DAY = 86_400_000_000
US_PER_HOUR = 3_600_000_000
EPOCH = dt.date(1970, 1, 1)


class ParentRows(Protocol):
    """The parent columns a child table reads (``context.TableState``)."""

    @property
    def rows(self) -> int: ...
    @property
    def columns(self) -> Mapping[str, Any]: ...
    @property
    def types(self) -> Mapping[str, str]: ...
    @property
    def nulls(self) -> Mapping[str, np.ndarray]: ...


def row_time(table: TableSpec, gens: Mapping[str, Generator]) -> str | None:
    """The column that says when the row happened: the declared ``time_column``, else the
    only timestamp that lags after a parent (a spec written without one)."""
    if table.time_column is not None:
        return table.time_column
    lagged = [
        name for name, g in gens.items()
        if isinstance(g, TimestampGen) and g.after is not None and g.after.parent_column is not None
        and g.after.mean_hours is not None
    ]
    return lagged[0] if len(lagged) == 1 else None


def due_share(
    table: TableSpec, gens: Mapping[str, Generator], cpp: ChildrenPerParent, parent: ParentRows,
) -> np.ndarray | None:
    """Per parent row, the chance that a child's lag fits before the run date (or the
    parent's ``until``), for a table whose own time lags after the parent it counts
    children of; None when its time does not (no lag, or one after another parent)."""
    name = row_time(table, gens)
    g = gens.get(name) if name is not None else None
    if not isinstance(g, TimestampGen) or g.after is None or parent.rows == 0:
        return None
    a = g.after
    if a.parent_column is None or a.mean_hours is None or a.column != cpp.foreign_key:
        return None
    ref = _us(parent, a.parent_column) + int(a.min_hours * US_PER_HOUR)
    limit = np.full(parent.rows, ((g.end - EPOCH).days + 1) * US_PER_DAY - 1, dtype=np.int64)
    if a.until is not None:
        # Through the end of a DATE's day; NULL is open-ended (only the run date limits).
        until = _us(parent, a.until) + (US_PER_DAY - 1 if parent.types[a.until] == "DATE" else 0)
        nulls = parent.nulls.get(a.until)
        limit = np.minimum(limit, until if nulls is None else np.where(nulls, limit, until))
    mean = np.full(parent.rows, a.mean_hours * US_PER_HOUR)
    if a.by is not None and a.by_via == cpp.foreign_key and a.mean_hours_by:
        # Per-channel lags read from the parent's own channel; a lag keyed by a column of
        # the child itself is not known yet when children are counted: the default mean.
        keys = list(a.mean_hours_by)
        pos = pc.index_in(parent.columns[a.by], value_set=pa.array(keys, type=pa.string()))
        pos = pos.fill_null(-1).to_numpy(zero_copy_only=False)
        hours = np.asarray([a.mean_hours_by[k] * US_PER_HOUR for k in keys])
        mean = np.where(pos >= 0, hours[np.maximum(pos, 0)], mean)
    # A child before the window's start is redrawn from the start (memoryless), so only
    # the room after max(reference, start) counts.
    lo = np.maximum(ref, (g.start - EPOCH).days * US_PER_DAY)
    room = np.maximum(limit - lo, 0).astype(np.float64)
    return -np.expm1(-room / mean)


def due_children(
    table: TableSpec, gens: Mapping[str, Generator], cpp: ChildrenPerParent, parent: ParentRows,
    exposure: np.ndarray | None, rng_children: np.random.Generator, rng_due: np.random.Generator,
) -> np.ndarray:
    """Children per parent row (int64): drawn for the parent's whole life (``exposure``:
    relative active time, mean 1) less the ones still to come at the run date."""
    due = due_share(table, gens, cpp, parent)
    if due is None:
        return draw_children(cpp, parent.rows, rng_children, exposure)
    kept = float(due.mean() if exposure is None else (exposure * due).mean())
    if kept <= 0:  # every parent at the run date: none of their children is due yet
        return np.zeros(parent.rows, dtype=np.int64)
    # Without an exposure one factor scales every parent (a scalar rate draws faster).
    counts = draw_children(cpp, parent.rows, rng_children, 1.0 / kept if exposure is None else exposure / kept)
    # Most parents have room for all their children (a due share of exactly 1.0 in floats):
    # only the others are thinned.
    some = np.flatnonzero(due < 1.0)
    counts[some] = rng_due.binomial(counts[some], due[some])
    return counts


def _us(parent: ParentRows, column: str) -> np.ndarray:
    v = np.asarray(parent.columns[column], dtype=np.int64)
    return v * US_PER_DAY if parent.types[column] == "DATE" else v
