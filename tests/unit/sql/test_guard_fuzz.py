"""Fuzz the query guard: whatever the text (garbage, token soup, random nesting, mutated
corpus queries), ``check_select`` accepts it or raises ``UnsafeQuery`` -- never anything
else -- and what it accepts stays inside the dataset and guards again to itself.

Runs in CI for a bounded time (a few hundred examples per property, a few seconds in all);
``DEMOFORGE_GUARD_FUZZ_EXAMPLES=20000`` runs a longer campaign locally.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlglot import exp

from demoforge.sql import GuardedQuery, UnsafeQuery, check_select
from tests.unit.sql.guard_corpus import HOSTILE, LEGITIMATE, D, P

EXAMPLES = int(os.environ.get("DEMOFORGE_GUARD_FUZZ_EXAMPLES", "250"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SEEDS = LEGITIMATE + [sql for _, sql in HOSTILE if len(sql) < 2_000]
VOCAB = [
    "SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "HAVING", "QUALIFY", "WITH", "RECURSIVE",
    "AS", "JOIN", "CROSS", "LEFT", "ON", "USING", "UNION", "ALL", "DISTINCT", "EXCEPT",
    "UNNEST", "PIVOT", "FOR", "IN", "CASE", "WHEN", "THEN", "ELSE", "END", "NOT", "AND",
    "OR", "OVER", "PARTITION", "WINDOW", "ROWS", "BETWEEN", "INTERVAL", "DAY", "MONTH",
    "INSERT", "DELETE", "DROP", "CREATE", "EXECUTE", "IMMEDIATE", "DECLARE", "SET", "BEGIN",
    "orders", "customers", "amount", "region", "t", D, P, "other_ds", "OBJ", "ML", "AI",
    "SAFE", "NET", "read_text", "EXTERNAL_QUERY", "DATE_ADD", "COUNT", "SUM", "ROUND",
    "ARRAY", "STRUCT", "CAST", "STRING", "@@project_id", "@x", "?", "`other-proj.ds.fn`",
    "`", "'", '"', "(", ")", "[", "]", ",", ".", ";", "*", "+", "-", "/", "=", "<", ">",
    "1", "0.5", "'x'", "r'\\d'", "b''", "--", "/*", "*/", "\n", "NULL", "TRUE",
]


def _holds(sql: str) -> None:
    try:
        g = check_select(sql, dataset=D, project=P)
    except UnsafeQuery as e:
        assert e.message and e.rule
        return
    assert isinstance(g, GuardedQuery) and g.tables
    for table in g.tree.find_all(exp.Table):
        assert not table.db or (table.db == D and table.catalog == P), table.sql()
    assert check_select(g.sql, dataset=D, project=P).sql == g.sql


@FUZZ
@given(st.text(max_size=400))
def test_arbitrary_text(sql: str) -> None:
    _holds(sql)


@FUZZ
@given(st.lists(st.sampled_from(VOCAB), max_size=80))
def test_token_soup(words: list[str]) -> None:
    _holds(" ".join(words))


@FUZZ
@given(st.sampled_from(SEEDS), st.integers(0, 300), st.sampled_from(["(", "[", "CASE WHEN TRUE THEN ", "NOT ", "- ", "ABS("]),
       st.booleans())
def test_random_nesting(seed: str, depth: int, opener: str, balanced: bool) -> None:
    closer = {"(": ")", "[": "]", "CASE WHEN TRUE THEN ": " END", "NOT ": "", "- ": "", "ABS(": ")"}[opener]
    inner = opener * depth + "amount" + (closer * depth if balanced else "")
    _holds(seed.replace("SELECT ", f"SELECT {inner}, ", 1))
    _holds("SELECT " + inner + " FROM orders")


@FUZZ
@given(st.sampled_from(SEEDS), st.lists(st.tuples(st.integers(0, 2_000), st.integers(0, 5),
                                                st.sampled_from(VOCAB)), max_size=6))
def test_mutated_corpus(seed: str, edits: list[tuple[int, int, str]]) -> None:
    sql = seed
    for pos, cut, word in edits:
        at = pos % (len(sql) + 1)
        sql = sql[:at] + " " + word + " " + sql[at + cut:]
    _holds(sql)


@FUZZ
@given(st.sampled_from(SEEDS), st.sampled_from(SEEDS), st.integers(0, 2_000), st.integers(0, 2_000))
def test_spliced_corpus(a: str, b: str, i: int, j: int) -> None:
    _holds(a[: i % (len(a) + 1)] + b[j % (len(b) + 1):])
