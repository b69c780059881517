"""Small builders for the JSON a template spec is written in: a column, a categorical /
foreign-key / timestamp generator, a foreign-key reference. Kept as plain dicts so a
template reads like the spec.json it becomes."""

from __future__ import annotations

from typing import Any

from demoforge.synth.templates.profile import END, START


def column(name: str, type_: str, description: str, gen: dict[str, Any] | None = None, **kw: Any) -> dict[str, Any]:
    col: dict[str, Any] = {"name": name, "type": type_, "description": description}
    if gen is not None:
        col["generator"] = gen
    col.update(kw)
    return col


def categorical(values: list[Any], weights: list[float] | None = None, cycle: bool = False) -> dict[str, Any]:
    g: dict[str, Any] = {"kind": "categorical", "values": values, "cycle": cycle}
    if weights is not None:
        g["weights"] = weights
    return g


def foreign_key(a: float | None = None) -> dict[str, Any]:
    return {"kind": "foreign_key", "distribution": "zipf", "zipf_a": a} if a else {"kind": "foreign_key"}


def timestamp(start: str = START, end: str = END, **kw: Any) -> dict[str, Any]:
    return {"kind": "timestamp", "start": start, "end": end, **kw}


def reference(col: str, table: str, key: str) -> dict[str, str]:
    return {"column": col, "references_table": table, "references_column": key}
