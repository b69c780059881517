"""Tie-breakers make a golden query's order total, so engines agree on ties under LIMIT."""

from __future__ import annotations

import duckdb

from demoforge.sql import to_duckdb
from demoforge.sql.determinism import with_tie_breakers


def test_remaining_columns_are_appended_by_position() -> None:
    out = with_tie_breakers("SELECT p, COUNT(*) AS n, ROUND(x, 1) AS r FROM t GROUP BY p ORDER BY r DESC LIMIT 2")
    assert out.endswith("ORDER BY r DESC, 1 ASC, 2 ASC LIMIT 2")


def test_unchanged_without_order_or_with_star_or_when_complete() -> None:
    for sql in ("SELECT a FROM t", "SELECT * FROM t ORDER BY 1", "SELECT a, b FROM t ORDER BY 2, a"):
        assert with_tie_breakers(sql) == sql


def test_ties_under_limit_resolve_the_same_way_every_time() -> None:
    con = duckdb.connect()
    con.execute("CREATE SCHEMA ds; CREATE TABLE ds.t AS SELECT * FROM (VALUES ('b', 1), ('a', 1), ('c', 2)) v(p, n)")
    sql = with_tie_breakers("SELECT p, n FROM ds.t ORDER BY n DESC LIMIT 2")
    assert con.execute(to_duckdb(sql)).fetchall() == [("c", 2), ("a", 1)]
