"""BigQuery SQL -> DuckDB SQL for the local warehouse.

sqlglot does most of the work; the rules here correct transpile results that run but
answer differently from BigQuery (a demo that shows a wrong number is worse than one that
fails):

- ``EXTRACT(DAYOFWEEK ...)``: BigQuery counts 1 = Sunday .. 7; DuckDB 0 = Sunday .. 6.
- ``DATE_TRUNC(date, MONTH)``: BigQuery returns a DATE, DuckDB's ``date_trunc`` a
  TIMESTAMP, which then formats and compares differently.
- ``FORMAT_DATE('%Y-Q%Q', d)``: DuckDB's strftime has no ``%Q`` (quarter) and fails;
  the format is split at ``%Q`` and the quarter number concatenated in.
- ``TIMESTAMP_DIFF(b, a, HOUR)``: BigQuery counts whole intervals elapsed (10:50 -> 12:10 is
  1 hour); sqlglot emits DuckDB ``date_diff``, which counts boundaries crossed (2). DuckDB's
  ``date_sub`` counts whole intervals, so it is used instead (``DATE_DIFF`` on DATEs keeps
  boundary counting, which is what BigQuery does there).
- ``EXTRACT(WEEK ...)``: BigQuery weeks start on Sunday and days before the first Sunday
  are week 0 (strftime ``%U``; ``WEEK(MONDAY)`` is ``%W``); DuckDB's ``week`` is the ISO
  week, which is what BigQuery calls ``ISOWEEK`` (DuckDB does not know that name).
- ``DATE_ADD(date, INTERVAL 1 MONTH)`` / ``DATE_SUB``: a DATE in BigQuery, a TIMESTAMP in
  DuckDB (``date + interval``); cast back to DATE.
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
    if isinstance(node, exp.Extract):
        part = node.this
        name = part.name.upper() if isinstance(part, exp.Var) else ""
        if name == "DAYOFWEEK":
            return exp.paren(exp.Add(this=node.copy(), expression=exp.Literal.number(1)), copy=False)
        if name == "ISOWEEK":
            return exp.Extract(this=exp.var("WEEK"), expression=node.expression.copy())
        start = part.name.upper() if isinstance(part, exp.WeekStart) else ("SUNDAY" if name == "WEEK" else "")
        if start in ("SUNDAY", "MONDAY"):
            week_fmt = exp.Literal.string("%U" if start == "SUNDAY" else "%W")
            return exp.cast(exp.TimeToStr(this=node.expression.copy(), format=week_fmt),
                            exp.DataType.build("BIGINT"))
    if isinstance(node, exp.DateAdd | exp.DateSub) and not isinstance(node.parent, exp.Cast):
        return exp.cast(node.copy(), exp.DataType.build("DATE"))
    if isinstance(node, exp.DateTrunc) and _unit(node) in _DATE_UNITS:
        if isinstance(node.parent, exp.Cast):
            return node
        return exp.cast(node.copy(), exp.DataType.build("DATE"))
    if isinstance(node, exp.TimestampDiff | exp.DatetimeDiff) and _unit(node):
        return exp.Anonymous(this="DATE_SUB", expressions=[
            exp.Literal.string(_unit(node)), node.expression.copy(), node.this.copy()])
    if isinstance(node, exp.TimeToStr):
        fmt = node.args.get("format")
        if isinstance(fmt, exp.Literal) and fmt.is_string and "%Q" in fmt.this:
            return _format_with_quarter(node, fmt.this)
    return node


def _format_with_quarter(node: exp.TimeToStr, fmt: str) -> exp.Expression:
    value = node.this
    quarter = exp.cast(exp.Extract(this=exp.var("QUARTER"), expression=value.copy()),
                       exp.DataType.build("VARCHAR"))
    pieces: list[exp.Expression] = []
    for i, chunk in enumerate(fmt.split("%Q")):
        if i:
            pieces.append(quarter.copy())
        if chunk:
            pieces.append(exp.TimeToStr(this=value.copy(), format=exp.Literal.string(chunk)))
    if len(pieces) == 1:
        return pieces[0]
    return exp.Concat(expressions=pieces, safe=True)


def to_duckdb(bigquery_sql: str) -> str:
    """Translate one BigQuery statement to DuckDB SQL."""
    tree = sqlglot.parse_one(bigquery_sql, read="bigquery")
    fixed = tree.transform(_fix, copy=True)
    return fixed.sql(dialect="duckdb")
