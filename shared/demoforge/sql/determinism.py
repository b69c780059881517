"""Make a golden query's ordering total, so every engine returns the same rows in the same
order.

``ORDER BY rate DESC LIMIT 10`` with two products tied at the 10th place returns either one:
BigQuery and DuckDB disagree, and the agent's check against the golden result becomes a coin
toss. Appending the remaining result columns (by position) as tie-breakers fixes the order
without changing which rows a question is about.
"""

from __future__ import annotations

import sqlglot
from sqlglot import exp


def with_tie_breakers(sql: str) -> str:
    """``sql`` with its outermost ORDER BY extended by every result column not yet in it.

    Unchanged when there is no ORDER BY, when the select list has ``*`` (columns unknown),
    or when every column is already ordered on.
    """
    tree = sqlglot.parse_one(sql, read="bigquery")
    if not isinstance(tree, exp.Query):
        return sql
    order = tree.args.get("order")
    if not isinstance(order, exp.Order) or not order.expressions:
        return sql
    selects = tree.selects
    if any(isinstance(s, exp.Star) or (isinstance(s, exp.Column) and s.is_star) for s in selects):
        return sql
    used_positions: set[int] = set()
    used_names: set[str] = set()
    for o in order.expressions:
        key = o.this
        if isinstance(key, exp.Literal) and key.is_int:
            used_positions.add(int(key.this))
        elif isinstance(key, exp.Column) and not key.table:
            used_names.add(key.name.lower())
        else:
            used_names.add(key.sql(dialect="bigquery").lower())
    added = False
    for i, s in enumerate(selects, 1):
        name = s.alias_or_name.lower()
        if i in used_positions or name in used_names or s.unalias().sql(dialect="bigquery").lower() in used_names:
            continue
        order.append("expressions", exp.Ordered(this=exp.Literal.number(i), desc=False, nulls_first=True))
        added = True
    return tree.sql(dialect="bigquery") if added else sql
