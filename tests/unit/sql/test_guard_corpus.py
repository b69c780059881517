"""The guard against the hand-written corpus: every legitimate analytical query accepted,
every hostile statement refused by the rule meant to refuse it, and the allowlist of
functions derived from sqlglot's BigQuery dialect rather than typed out."""

from __future__ import annotations

import sys

import pytest
from sqlglot import exp

from demoforge.sql import UnsafeQuery, check_select, guard
from demoforge.sql.guard import MAX_NESTING, allowed_function_classes
from demoforge.synth.templates import list_templates
from tests.unit.sql.guard_corpus import HOSTILE, LEGITIMATE, D, P


def test_the_corpus_is_as_large_as_promised() -> None:
    assert len(LEGITIMATE) >= 36
    assert len(HOSTILE) >= 125
    assert len(set(LEGITIMATE)) == len(LEGITIMATE)
    assert len({sql for _, sql in HOSTILE}) == len(HOSTILE)


@pytest.mark.parametrize("sql", LEGITIMATE, ids=[f"legit{i:02d}" for i in range(len(LEGITIMATE))])
def test_legitimate_analytics_is_accepted_and_confined(sql: str) -> None:
    g = check_select(sql, dataset=D, project=P)
    assert g.tables
    for table in g.tree.find_all(exp.Table):
        assert table.db in ("", D) and table.catalog in ("", P)
    assert check_select(g.sql, dataset=D, project=P).sql == g.sql  # qualified output passes again


@pytest.mark.parametrize("rule, sql", HOSTILE, ids=[f"{r}{i:03d}" for i, (r, _) in enumerate(HOSTILE)])
def test_hostile_statements_are_refused_by_their_rule(rule: str, sql: str) -> None:
    with pytest.raises(UnsafeQuery) as e:
        check_select(sql, dataset=D, project=P)
    assert e.value.rule == rule, e.value.message
    assert e.value.message and len(e.value.message) < 400
    assert e.value.code == "unsafe_query"


def test_every_template_golden_query_is_accepted() -> None:
    queries = [q.sql for spec in list_templates() for q in spec.golden_queries]
    assert len(queries) > 100
    for sql in queries:
        check_select(sql.replace("{project}", P).replace("{dataset}", D), dataset=D, project=P)


@pytest.mark.parametrize(
    "sql, says",
    [
        ("SELECT `other-proj.ds.fn`(email) FROM orders", "routine other-proj.ds.fn is outside dataset"),
        ("SELECT other_ds.my_udf(amount) FROM orders", "routine other_ds.my_udf is outside dataset"),
        ("SELECT OBJ.GET_ACCESS_URL(ref, 'r') FROM orders", "OBJ.* functions are not allowed"),
        ("SELECT ML.GENERATE_TEXT(MODEL m, (SELECT 'a' AS prompt)) AS g FROM orders", "not allowed"),
        ("SELECT @@project_id FROM orders", "system variables"),
        ("WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r) SELECT * FROM r", "recursive"),
        ("SELECT COUNT(*) FROM orders a, orders b, orders c, orders d", "3 joins without a join condition"),
        ("SELECT read_text('/etc/hostname') FROM orders", "function READ_TEXT is not allowed"),
        ("SELECT " + "(" * 50 + "1" + ")" * 50 + " FROM orders", f"deeper than {MAX_NESTING} levels"),
    ],
)
def test_refusals_name_the_reason(sql: str, says: str) -> None:
    with pytest.raises(UnsafeQuery) as e:
        check_select(sql, dataset=D, project=P)
    assert says in e.value.message


def test_the_allowlist_comes_from_sqlglots_bigquery_typing() -> None:
    allowed = allowed_function_classes()
    # Derived: hundreds of classes, not a hand-typed table.
    assert len(allowed) > 250
    for ok in (exp.Sum, exp.Count, exp.DateTrunc, exp.Lag, exp.RowNumber, exp.ApproxQuantile,
               exp.RegexpExtract, exp.SafeDivide, exp.Unnest, exp.Cast, exp.Case):
        assert ok in allowed, ok
    # Model calls, identity functions and DuckDB file readers stay out.
    for no in (exp.AIGenerate, exp.AIEmbed, exp.Predict, exp.GenerateText, exp.VectorSearch,
               exp.SessionUser, exp.CurrentUser, exp.ReadCSV, exp.ReadParquet, exp.Anonymous):
        assert no not in allowed, no


def test_routines_of_the_dataset_are_allowed_and_reported() -> None:
    g = check_select(f"SELECT {D}.clean(email) AS e, `{P}.{D}.score`(amount) AS s FROM orders",
                     dataset=D, project=P)
    assert set(g.routines) == {f"{D}.clean", f"{P}.{D}.score"}
    with pytest.raises(UnsafeQuery, match="outside dataset"):
        check_select(f"SELECT `other-proj.{D}.score`(amount) FROM orders", dataset=D, project=P)


def test_without_a_project_tables_are_qualified_with_the_dataset_only() -> None:
    g = check_select("SELECT region, COUNT(*) AS n FROM orders GROUP BY region", dataset=D)
    assert f"{D}.orders" in g.sql and P not in g.sql
    with pytest.raises(UnsafeQuery, match="another project"):
        check_select(f"SELECT * FROM `{P}.{D}.orders`", dataset=D)
    with pytest.raises(UnsafeQuery, match="outside dataset"):
        check_select(f"SELECT `{P}.{D}.f`(x) FROM orders", dataset=D)


def test_duckdb_sql_gets_the_same_checks() -> None:
    g = check_select("SELECT strftime(order_date, '%Y') AS y, count(*) AS n FROM orders GROUP BY y",
                     dataset=D, dialect="duckdb")
    assert g.tables == ("orders",) and f"{D}.orders" in g.sql
    for sql in ("SELECT * FROM read_text('/etc/hostname')", "SELECT * FROM '/etc/passwd'",
                "SELECT getenv('HOME') FROM orders", "SELECT * FROM read_csv_auto('x.csv')"):
        with pytest.raises(UnsafeQuery):
            check_select(sql, dataset=D, dialect="duckdb")
    with pytest.raises(ValueError, match="dialect"):
        check_select("SELECT 1 FROM orders", dataset=D, dialect="snowflake")  # type: ignore[arg-type]


def _at_depth(frames: int, sql: str) -> str:
    if frames > 0:
        return _at_depth(frames - 1, sql)
    return check_select(sql, dataset=D, project=P).sql


def test_a_caller_deep_in_the_stack_gets_a_refusal_not_a_recursion_error() -> None:
    # Nesting within the limit, but the caller has used most of the stack already: the
    # parser's recursion runs out and that must surface as a refusal.
    sql = "SELECT " + "(" * MAX_NESTING + "amount" + ")" * MAX_NESTING + " FROM orders"
    assert check_select(sql, dataset=D, project=P).tables == ("orders",)
    with pytest.raises(UnsafeQuery) as e:
        _at_depth(sys.getrecursionlimit() - 150, sql)
    assert e.value.rule == "depth"


def test_guard_is_check_select_with_a_project() -> None:
    sql = "SELECT status, COUNT(*) AS n FROM orders GROUP BY status"
    assert guard(sql, project=P, dataset=D).sql == check_select(sql, dataset=D, project=P).sql


def test_a_join_without_from_is_refused_not_turned_into_a_column() -> None:
    # Found by the fuzz target: sqlglot prints "SUM(x)ROSS JOIN orders d" as a select list
    # whose "table" reads back as a column, so the text that would run reads no table.
    with pytest.raises(UnsafeQuery) as e:
        check_select("SELECT DATE_TRUNC(order_date, MONTH) AS month, SUM(amount)ROSS JOIN orders d",
                     dataset="ds", project="p")
    assert e.value.rule == "syntax"
