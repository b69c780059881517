"""How many rows a spec plans, written once for the validator (size bounds), templates
(resizing) and the engine (what it actually draws).

A table has ``row_count`` rows (``DEFAULT_ROWS`` when omitted), unless it has
``children_per_parent``: then each parent row gets a drawn number of children, poisson(mean),
zipf(a), fixed(round(mean)) or uniform(min..max), clipped to [min, max]. The planned size
uses the exact expectation of that distribution; the engine draws it (``draw_children``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from demoforge.spec.graph import table_order
from demoforge.spec.tables import ChildrenPerParent, TableSpec

DEFAULT_ROWS = 1000
# Support of the zipf expectation (and its cap without a max): far beyond any realistic mean.
_ZIPF_SUPPORT = 10_000


def own_rows(table: TableSpec) -> int:
    """Rows of a table that does not depend on its parent's size."""
    return table.row_count if table.row_count is not None else DEFAULT_ROWS


def uniform_high(cpp: ChildrenPerParent) -> int:
    """Upper end of a uniform children count: ``max``, else symmetric around ``mean``."""
    if cpp.max is not None:
        return cpp.max
    return max(cpp.min, int(round(cpp.mean * 2 - cpp.min)))


def fixed_children(cpp: ChildrenPerParent) -> int:
    return int(round(cpp.mean))


def expected_children(cpp: ChildrenPerParent) -> float:
    """Expected children per parent after clipping to [min, max] (exact sums, no sampling)."""
    lo, hi = cpp.min, cpp.max
    if cpp.distribution == "fixed":
        n = float(fixed_children(cpp))
        return min(max(n, lo), hi if hi is not None else n)
    if cpp.distribution == "uniform":
        return (lo + uniform_high(cpp)) / 2
    cap = hi if hi is not None else _ZIPF_SUPPORT
    if cpp.distribution == "poisson":
        lam = cpp.mean
        total, p = 0.0, math.exp(-lam) if lam < 700 else 0.0
        if p == 0.0:
            return min(max(lam, lo), cap)
        for k in range(0, int(lam * 4 + 50) + 1):
            total += min(max(k, lo), cap) * p
            p *= lam / (k + 1)
        return total
    # zipf(a) on 1..inf, truncated at cap
    norm = sum(k ** -cpp.a for k in range(1, _ZIPF_SUPPORT + 1))
    return sum(min(max(k, lo), cap) * k ** -cpp.a for k in range(1, _ZIPF_SUPPORT + 1)) / norm


def draw_children(cpp: ChildrenPerParent, n_parents: int, rng: Any, exposure: Any = None) -> Any:
    """Children per parent row (an int64 numpy array of ``n_parents`` counts) drawn with
    ``rng`` (a ``numpy.random.Generator``). ``exposure`` (relative active time per parent,
    mean 1) scales each parent's count: Poisson rates directly, other counts by stochastic
    rounding, so the average stays as planned."""
    # numpy only here: validation and resizing plan rows without it.
    import numpy as np

    if cpp.distribution == "poisson":
        counts = rng.poisson(cpp.mean if exposure is None else cpp.mean * exposure, n_parents)
    else:
        if cpp.distribution == "zipf":
            counts = rng.zipf(cpp.a, n_parents)
        elif cpp.distribution == "fixed":
            counts = np.full(n_parents, fixed_children(cpp), dtype=np.int64)
        else:
            counts = rng.integers(cpp.min, uniform_high(cpp) + 1, n_parents)
        if exposure is not None:
            counts = np.floor(counts * exposure + rng.random(n_parents)).astype(np.int64)
    return np.clip(counts, cpp.min, cpp.max if cpp.max is not None else None).astype(np.int64)


def expected_rows(tables: Sequence[TableSpec]) -> dict[str, int]:
    """Planned rows per table (children-per-parent tables: parents x expected children)."""
    by_name: dict[str, TableSpec] = {}
    for t in tables:
        by_name.setdefault(t.name, t)
    out: dict[str, int] = {}
    for name in table_order(tables) or [t.name for t in tables]:
        t = by_name[name]
        if t.children_per_parent is not None:
            cpp = t.children_per_parent
            fk = t.fk(cpp.foreign_key)
            parent_rows = out.get(fk.references_table, 0) if fk else 0
            out[name] = int(round(parent_rows * expected_children(cpp)))
        else:
            out[name] = own_rows(t)
    return out
