"""BigQuery SQL -> DuckDB SQL for the local warehouse.

sqlglot does most of the work; the rules here correct transpile results that run but
answer differently from BigQuery (a demo that shows a wrong number is worse than one that
fails):

- ``EXTRACT(DAYOFWEEK ...)``: BigQuery counts 1 = Sunday .. 7; DuckDB 0 = Sunday .. 6.
- ``DATE_TRUNC(date, MONTH)``: BigQuery returns a DATE, DuckDB's ``date_trunc`` a
  TIMESTAMP, which then formats and compares differently.
- ``project.dataset.table``: DuckDB would read the project as a catalog; the local file
  holds the dataset as a schema, so the project is dropped.
"""

from __future__ import annotations

import sqlglot
from sqlglot import exp

_DATE_UNITS = {"DAY", "WEEK", "ISOWEEK", "MONTH", "QUARTER", "YEAR", "ISOYEAR"}


def _unit(node: exp.Expression) -> str:
    unit = node.args.get("unit")
    if unit is None:
        return ""
    text = unit.name if isinstance(unit, exp.Var | exp.Identifier | exp.Literal) else unit.sql()
    return text.upper().split("(")[0]


def _fix(node: exp.Expression) -> exp.Expression:
    if isinstance(node, exp.Table) and node.args.get("catalog") is not None:
        node = node.copy()
        node.set("catalog", None)
        return node
    if isinstance(node, exp.Extract) and node.name.upper() == "DAYOFWEEK":
        return exp.paren(exp.Add(this=node.copy(), expression=exp.Literal.number(1)), copy=False)
    if isinstance(node, exp.DateTrunc) and _unit(node) in _DATE_UNITS:
        if isinstance(node.parent, exp.Cast):
            return node
        return exp.cast(node.copy(), exp.DataType.build("DATE"))
    return node


def to_duckdb(bigquery_sql: str) -> str:
    """Translate one BigQuery statement to DuckDB SQL."""
    tree = sqlglot.parse_one(bigquery_sql, read="bigquery")
    fixed = tree.transform(_fix, copy=True)
    return fixed.sql(dialect="duckdb")
