"""The query guard refuses anything but one read-only SELECT inside the job's dataset."""

from __future__ import annotations

import pytest

from demoforge.sql import UnsafeQuery, guard

P, D = "demo-proj", "demo_shop_abcd1234"


def ok(sql: str):
    return guard(sql, project=P, dataset=D)


@pytest.mark.parametrize(
    "sql, why",
    [
        ("INSERT INTO orders SELECT * FROM orders", "INSERT"),
        ("UPDATE orders SET status = 'x' WHERE true", "UPDATE"),
        ("DELETE FROM orders WHERE true", "DELETE"),
        ("WITH a AS (SELECT 1) DELETE FROM orders WHERE true", "DELETE"),
        ("MERGE orders t USING orders s ON t.order_id = s.order_id WHEN MATCHED THEN DELETE", "MERGE"),
        ("CREATE TABLE x AS SELECT * FROM orders", "CREATE"),
        ("CREATE OR REPLACE VIEW v AS SELECT * FROM orders", "CREATE"),
        ("DROP TABLE orders", "DROP"),
        ("ALTER TABLE orders ADD COLUMN x INT64", "ALTER"),
        ("TRUNCATE TABLE orders", "TRUNCATE"),
        ("EXPORT DATA OPTIONS(uri='gs://b/*', format='CSV') AS SELECT * FROM orders", "EXPORT"),
        ("LOAD DATA INTO orders FROM FILES(uris=['gs://b/x'], format='CSV')", "LOAD"),
        ("GRANT `roles/bigquery.dataViewer` ON TABLE orders TO 'user:a@b.c'", "GRANT"),
        ("SELECT 1 FROM orders; SELECT 2 FROM orders", "exactly one statement"),
        ("SELECT * FROM orders; DROP TABLE orders", "exactly one statement"),
        ("DECLARE x INT64 DEFAULT 1; SELECT x FROM orders", "exactly one statement"),
        ("DECLARE x INT64 DEFAULT 1", "DECLARE"),
        ("SET x = 1", "SET"),
        ("BEGIN SELECT * FROM orders; END", "statement"),
        ("BEGIN TRANSACTION", "TRANSACTION"),
        ("EXECUTE IMMEDIATE 'DROP TABLE orders'", "COMMAND"),
        ("CALL `other.proc`()", "COMMAND"),
        ("IF TRUE THEN SELECT 1; END IF", "statement"),
        ("WHILE TRUE DO SELECT 1; END WHILE", "statement"),
        ("ASSERT (SELECT COUNT(*) FROM orders) > 0", "only SELECT"),
        ("", "empty"),
        ("SELEC * FROM orders", "not valid BigQuery SQL"),
    ],
)
def test_writes_scripting_and_multiple_statements_are_refused(sql: str, why: str) -> None:
    with pytest.raises(UnsafeQuery) as e:
        ok(sql)
    assert why.lower() in e.value.message.lower()
    assert e.value.message  # a reason a person can read


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM other_dataset.orders",
        "SELECT * FROM `other-project.demo_shop_abcd1234.orders`",
        "SELECT * FROM `other-project`.demo_shop_abcd1234.orders",
        "SELECT * FROM `demo-proj.other_dataset.orders`",
        "SELECT * FROM bigquery-public-data.samples.shakespeare",
        # hidden in a subquery, a CTE body, an UNNEST argument, a join, a set operation
        "SELECT * FROM orders WHERE customer_id IN (SELECT customer_id FROM secret.customers)",
        "WITH c AS (SELECT * FROM `p2.secret.customers`) SELECT * FROM c JOIN orders USING (customer_id)",
        "WITH a AS (SELECT 1 AS x), b AS (SELECT * FROM a, other.t) SELECT * FROM b",
        "SELECT x FROM UNNEST((SELECT ARRAY_AGG(email) FROM crm.people)) AS x",
        "SELECT * FROM orders o, UNNEST(ARRAY(SELECT id FROM `x.y.z`)) AS i",
        "SELECT * FROM orders o LEFT JOIN hr.salaries s ON s.id = o.customer_id",
        "SELECT order_id FROM orders UNION ALL SELECT id FROM audit.log",
        "SELECT (SELECT MAX(v) FROM vault.keys) AS k FROM orders",
        "SELECT * FROM orders WHERE EXISTS (SELECT 1 FROM (SELECT * FROM ext.t))",
        # metadata and table functions
        "SELECT * FROM `region-eu`.INFORMATION_SCHEMA.JOBS",
        f"SELECT * FROM {D}.INFORMATION_SCHEMA.TABLES",
        "SELECT * FROM INFORMATION_SCHEMA.SCHEMATA",
        "SELECT * FROM EXTERNAL_QUERY('us.conn', 'SELECT * FROM users')",
        f"SELECT * FROM ML.PREDICT(MODEL `{D}.m`, TABLE orders)",
        # model calls in the select list (external calls, cost)
        "SELECT AI.GENERATE('summarise', connection_id => 'us.c') AS s FROM orders",
        "SELECT ML.GENERATE_TEXT(MODEL m, (SELECT 'a' AS prompt)) AS g FROM orders",
        "SELECT * FROM AI.FORECAST(TABLE orders, data_col => 'amount', timestamp_col => 'ts')",
        "SELECT * FROM VECTOR_SEARCH(TABLE orders, 'embedding', (SELECT [1.0] AS e))",
    ],
)
def test_references_outside_the_dataset_are_refused(sql: str) -> None:
    with pytest.raises(UnsafeQuery):
        ok(sql)


def test_cte_names_are_not_tables_and_tables_get_qualified() -> None:
    g = ok(
        "WITH monthly AS (SELECT DATE_TRUNC(order_date, MONTH) AS m, COUNT(*) AS n FROM orders GROUP BY 1), "
        "ranked AS (SELECT *, RANK() OVER (ORDER BY n DESC) AS r FROM monthly) "
        "SELECT m, n FROM ranked WHERE r <= 3 ORDER BY n DESC"
    )
    assert g.tables == ("orders",)
    assert f"{D}" in g.sql and "monthly" in g.sql
    # the CTE references stayed unqualified, the table did not
    assert f"{D}.monthly" not in g.sql and f"{D}.ranked" not in g.sql
    again = guard(g.sql, project=P, dataset=D)  # qualified output passes the guard again
    assert again.sql == g.sql


def test_a_cte_name_does_not_leak_outside_its_scope() -> None:
    # `t` is a CTE only inside the subquery; the outer `t` is the dataset table.
    g = ok("SELECT * FROM t WHERE x IN (WITH t AS (SELECT 1 AS x) SELECT x FROM t)")
    assert g.tables == ("t",)
    assert g.sql.count(D) == 1


@pytest.mark.parametrize(
    "sql, tables",
    [
        ("SELECT COUNT(*) FROM orders", ("orders",)),
        (f"SELECT * FROM {D}.orders o JOIN `{P}.{D}.customers` c USING (customer_id)", ("orders", "customers")),
        ("SELECT o.order_id, item FROM orders o, UNNEST(o.tags) AS item", ("orders",)),
        ("SELECT order_id FROM orders UNION DISTINCT SELECT order_id FROM order_items", ("orders", "order_items")),
        ("SELECT * FROM orders QUALIFY ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_date) = 1", ("orders",)),
        ("SELECT * FROM (SELECT * FROM orders) AS sub", ("orders",)),
        ("SELECT SAFE.PARSE_DATE('%Y-%m-%d', note) AS d, NET.HOST(url) AS h FROM orders", ("orders",)),
    ],
)
def test_legitimate_queries_are_accepted(sql: str, tables: tuple[str, ...]) -> None:
    g = ok(sql)
    assert g.tables == tables
    assert "other" not in g.sql


def test_a_query_without_any_table_is_refused() -> None:
    with pytest.raises(UnsafeQuery, match="no table"):
        ok("SELECT 1")


def test_duplicate_result_column_names_are_refused() -> None:
    with pytest.raises(UnsafeQuery, match="duplicate result column"):
        ok("SELECT region, COUNT(*) AS donations, SUM(amount) AS donations FROM gifts GROUP BY region")
    assert ok("SELECT a.id, b.id AS other_id FROM t a JOIN t b USING (k)").tables == ("t",)
