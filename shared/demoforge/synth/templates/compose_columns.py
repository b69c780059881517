"""The JSON builders of a ``DatasetSpec``'s columns: a column, its generators
(categorical, foreign key, lookup, timestamp, sequence) and references, shared by every
part of ``compose``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

J = dict[str, Any]


def col(name: str, type_: str, description: str, gen: J | None = None, **kw: Any) -> J:
    c: J = {"name": name, "type": type_, "description": description}
    if gen is not None:
        c["generator"] = gen
    c.update({k: v for k, v in kw.items() if v is not None})
    return c


def cat(values: list[Any], weights: Sequence[float] | None = None, cycle: bool = False, cases: list[J] | None = None) -> J:
    g: J = {"kind": "categorical", "values": values}
    if weights is not None:
        g["weights"] = list(weights)
    if cycle:
        g["cycle"] = True
    if cases:
        g["cases"] = cases
    return g


def fk(**kw: Any) -> J:
    return {"kind": "foreign_key", **{k: v for k, v in kw.items() if v is not None}}


def ref(column: str, table: str, key: str) -> J:
    return {"column": column, "references_table": table, "references_column": key}


def lookup(via: str, column: str) -> J:
    return {"kind": "lookup", "via": via, "column": column}


def ts(start: dt.date, end: dt.date, **kw: Any) -> J:
    return {"kind": "timestamp", "start": start.isoformat(), "end": end.isoformat(), **{k: v for k, v in kw.items() if v is not None}}


def seq(start: int = 1) -> J:
    return {"kind": "sequence", "start": start} if start != 1 else {"kind": "sequence"}


def is_money(column: str) -> bool:
    """Whether a child's amount column is money (not hours, days, a score or a quantity)."""
    return not any(w in column for w in ("hours", "days", "score", "pct", "units", "kwh", "gb", "quantity", "nights"))


def ranked(sql: str, dim: str, metric: str) -> str:
    """A metric-by-dimension query ordered by the metric, largest first."""
    return sql.replace(f"ORDER BY {dim}", f"ORDER BY {metric} DESC")


def _label(table: str) -> str:
    return table.replace("_", " ")
