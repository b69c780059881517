"""Realism checks over a generated dataset: does the data look like the spec promised?

Used by tests and by the content phase (before offering queries). Every check reads the
Parquet files through an in-memory DuckDB, so the same code checks 50k or 50M rows:
- ``pk:<table>``: primary keys unique and non-null;
- ``fk:<table>.<col>``: every non-null foreign key exists in the parent;
- ``after:<table>.<col>``: timestamps declared "after" their reference are never earlier;
- ``nulls:<table>.<col>``: observed NULL rate within sampling error of ``nullable``;
- ``seasonality:<table>.<col>``: the peak month is a peak month of the profile and the
  peak/trough ratio is at least half of the planned one;
- ``trend:<table>.<col>``: last-12-months volume vs first-12-months moves as planned;
- ``pareto:<table>.<col>``: zipf-skewed references concentrate on the top 20% of parents;
- ``story:<name>``: each planted story's golden query returns rows and its first row shows
  the expected value (e.g. the hotspot region);
- ``query:<n>``: every golden query runs (BigQuery SQL transpiled to DuckDB) and returns a
  non-degenerate result;
- the consistency rules, declared and implied (``consistency_checks``): conditioned values
  and texts, ``only_when``, excluded parents, staff at the row's location, hire and sign-up
  before the row, nothing after a churn date or the run date, purchase frequency.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import sqlglot
from sqlglot import exp

from demoforge.spec.model import DatasetSpec, ForeignKeyGen, TimestampGen
from demoforge.synth.check_result import CheckResult
from demoforge.synth.consistency_checks import consistency_checks
from demoforge.synth.timestamps import TimeProfile

# Statistical checks (trend, seasonality, Pareto) need enough rows to mean anything; below
# this they pass with a "not judged" detail instead of failing on noise.
MIN_SAMPLE = 200


def to_duckdb(sql: str) -> str:
    """BigQuery SQL -> DuckDB SQL (the stored SQL stays BigQuery SQL)."""
    return sqlglot.transpile(sql, read="bigquery", write="duckdb")[0]


def connect(spec: DatasetSpec, tables_dir: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one table per ``tables_dir/<table>.parquet``, then sealed:
    the golden queries it runs are LLM-written, so no file, URL or extension access
    (``read_text('/etc/hostname')`` fails) and a configuration the SQL cannot change."""
    con = duckdb.connect(":memory:", config={"autoload_known_extensions": False,
                                            "autoinstall_known_extensions": False})
    con.execute("SET TimeZone = 'UTC'")  # BigQuery evaluates DATE(ts) etc. in UTC
    for t in spec.tables:
        path = Path(tables_dir) / f"{t.name}.parquet"
        con.execute(f"CREATE TABLE \"{t.name}\" AS SELECT * FROM read_parquet('{_sql_str(str(path))}')")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def _sql_str(s: str) -> str:
    return s.replace("'", "''")


def run_query(con: duckdb.DuckDBPyConnection, sql: str, limit: int = 1000) -> list[dict[str, Any]]:
    cur = con.execute(to_duckdb(sql))
    cols = [d[0] for d in cur.description or []]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchmany(limit)]


def degenerate(rows: list[dict[str, Any]]) -> str | None:
    """Why a result is not worth showing (None when it is fine)."""
    if not rows:
        return "no rows"
    if all(v is None for r in rows for v in r.values()):
        return "only NULLs"
    return None


def check(spec: DatasetSpec, tables_dir: Path, *, queries: bool = True) -> list[CheckResult]:
    con = connect(spec, tables_dir)
    try:
        out: list[CheckResult] = []
        out += _keys(spec, con)
        out += _after(spec, con)
        out += _nulls(spec, con)
        out += _profiles(spec, con)
        out += _stories(spec, con)
        out += consistency_checks(spec, con)
        if queries:
            out += _queries(spec, con)
        return out
    finally:
        con.close()


def _q(name: str) -> str:
    return f'"{name}"'


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    row = con.execute(sql).fetchone()
    return row[0] if row else None


def _keys(spec: DatasetSpec, con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    out: list[CheckResult] = []
    for t in spec.tables:
        if t.primary_key:
            pk = _q(t.primary_key)
            n, distinct, nulls = con.execute(
                f"SELECT COUNT(*), COUNT(DISTINCT {pk}), COUNT(*) - COUNT({pk}) FROM {_q(t.name)}"
            ).fetchone() or (0, 0, 0)
            ok = n == distinct and nulls == 0
            out.append(CheckResult(f"pk:{t.name}", ok, f"{n} rows, {distinct} distinct keys, {nulls} null"))
        for f in t.foreign_keys:
            orphans = _scalar(
                con,
                f"SELECT COUNT(*) FROM {_q(t.name)} c LEFT JOIN {_q(f.references_table)} p "
                f"ON c.{_q(f.column)} = p.{_q(f.references_column)} "
                f"WHERE c.{_q(f.column)} IS NOT NULL AND p.{_q(f.references_column)} IS NULL",
            )
            out.append(
                CheckResult(
                    f"fk:{t.name}.{f.column}", orphans == 0,
                    f"{orphans} references without a row in {f.references_table}",
                )
            )
    return out


def _after(spec: DatasetSpec, con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    out: list[CheckResult] = []
    for t in spec.tables:
        for c in t.columns:
            g = c.generator
            if not isinstance(g, TimestampGen) or g.after is None:
                continue
            a = g.after
            if a.parent_column is None:
                sql = (
                    f"SELECT COUNT(*) FROM {_q(t.name)} WHERE {_cmp(c.type, _q(c.name))} < "
                    f"{_cmp(c.type, _q(a.column))}"
                )
                what = a.column
            else:
                fk = t.fk(a.column)
                assert fk is not None
                sql = (
                    f"SELECT COUNT(*) FROM {_q(t.name)} c JOIN {_q(fk.references_table)} p "
                    f"ON c.{_q(fk.column)} = p.{_q(fk.references_column)} "
                    f"WHERE {_cmp(c.type, 'c.' + _q(c.name))} < {_cmp(c.type, 'p.' + _q(a.parent_column))}"
                )
                what = f"{fk.references_table}.{a.parent_column}"
            bad = _scalar(con, sql)
            out.append(CheckResult(f"after:{t.name}.{c.name}", bad == 0, f"{bad} rows earlier than {what}"))
    return out


def _cmp(col_type: str, expr: str) -> str:
    # A DATE column "after" a timestamp is compared at day granularity.
    return f"CAST({expr} AS DATE)" if col_type == "DATE" else f"CAST({expr} AS TIMESTAMP)"


def _nulls(spec: DatasetSpec, con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    out: list[CheckResult] = []
    for t in spec.tables:
        # A column present only on some rows (only_when) has its own check.
        cols = [c for c in t.columns if c.nullable > 0 and not c.only_when]
        if not cols:
            continue
        exprs = ", ".join(f"COUNT(*) - COUNT({_q(c.name)})" for c in cols)
        row = con.execute(f"SELECT COUNT(*), {exprs} FROM {_q(t.name)}").fetchone()
        assert row is not None
        n = row[0]
        for c, nulls in zip(cols, row[1:], strict=True):
            rate = nulls / n if n else 0.0
            if n < MIN_SAMPLE / 4:  # a handful of rows says nothing about a rate
                out.append(CheckResult(f"nulls:{t.name}.{c.name}", True, f"not judged: only {n} rows"))
                continue
            tol = 4 * math.sqrt(c.nullable * (1 - c.nullable) / max(n, 1)) + 0.01
            out.append(
                CheckResult(
                    f"nulls:{t.name}.{c.name}", abs(rate - c.nullable) <= tol,
                    f"null rate {rate:.4f}, planned {c.nullable:.4f} (+-{tol:.4f})",
                )
            )
    return out


def _month_weights(g: TimestampGen) -> tuple[np.ndarray, float]:
    """Planned share per calendar month, and the planned last/first 12-month volume ratio."""
    prof = TimeProfile(g)
    pdf = np.diff(np.concatenate([[0.0], prof.cdf]))
    days = np.arange(prof.d0, prof.d0 + len(pdf)).astype("datetime64[D]")
    months = days.astype("datetime64[M]").astype(np.int64) % 12
    weights = np.bincount(months, weights=pdf, minlength=12)
    ratio = float(pdf[-365:].sum() / max(pdf[:365].sum(), 1e-12)) if len(pdf) >= 730 else 1.0
    return weights, ratio


def _profiles(spec: DatasetSpec, con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    out: list[CheckResult] = []
    for t in spec.tables:
        for c in t.columns:
            g = c.generator
            if isinstance(g, TimestampGen) and (g.after is None or g.after.mean_hours is None):
                out += _timestamp_checks(t.name, c.name, g, con)
            elif isinstance(g, ForeignKeyGen) and g.distribution == "zipf" and (
                t.children_per_parent is None or t.children_per_parent.foreign_key != c.name
            ):
                out.append(_pareto(spec, t.name, c.name, g, con))
    return out


def _timestamp_checks(table: str, col: str, g: TimestampGen, con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    out: list[CheckResult] = []
    weights, planned_ratio = _month_weights(g)
    q = _q(col)
    counts: np.ndarray | None = None
    if g.monthly is not None and max(g.monthly) >= 1.2 * min(g.monthly):
        rows = con.execute(
            f"SELECT CAST(EXTRACT(MONTH FROM {q}) AS INTEGER) AS m, COUNT(*) FROM {_q(table)} "
            f"WHERE {q} IS NOT NULL GROUP BY m"
        ).fetchall()
        counts = np.zeros(12)
        for m, n in rows:
            counts[int(m) - 1] = n
        if counts.sum() < 12 * MIN_SAMPLE / 2:
            out.append(CheckResult(f"seasonality:{table}.{col}", True, f"not judged: only {int(counts.sum())} rows"))
            counts = None
    if g.monthly is not None and max(g.monthly) >= 1.2 * min(g.monthly) and counts is not None:
        peak = int(np.argmax(counts))
        planned = weights.max() / max(weights.min(), 1e-12)
        seen = counts.max() / max(counts.min(), 1.0)
        ok = weights[peak] >= 0.9 * weights.max() and seen >= 1 + 0.5 * (planned - 1)
        out.append(
            CheckResult(
                f"seasonality:{table}.{col}", bool(ok),
                f"peak month {peak + 1} (planned peak {int(np.argmax(weights)) + 1}); "
                f"peak/trough {seen:.2f} vs planned {planned:.2f}",
            )
        )
    if g.growth and (g.end - g.start).days >= 730:
        end = dt.datetime.combine(g.end, dt.time()) + dt.timedelta(days=1)
        last = end - dt.timedelta(days=365)
        first_end = dt.datetime.combine(g.start, dt.time()) + dt.timedelta(days=365)
        first_n, last_n = con.execute(
            f"SELECT COUNT(*) FILTER (WHERE CAST({q} AS TIMESTAMP) < TIMESTAMP '{first_end}'), "
            f"COUNT(*) FILTER (WHERE CAST({q} AS TIMESTAMP) >= TIMESTAMP '{last}' "
            f"AND CAST({q} AS TIMESTAMP) < TIMESTAMP '{end}') FROM {_q(table)}"
        ).fetchone() or (0, 0)
        seen = last_n / max(first_n, 1)
        if first_n + last_n < MIN_SAMPLE:
            out.append(CheckResult(f"trend:{table}.{col}", True, f"not judged: only {first_n + last_n} rows in the two years"))
            return out
        # Half the planned move, less three standard errors of the observed ratio (counts
        # are Poisson): a few thousand rows judge a 12 % trend without flapping.
        noise = 3 * seen * math.sqrt(1 / max(first_n, 1) + 1 / max(last_n, 1))
        if g.growth > 0:
            ok = seen >= 1 + 0.5 * (planned_ratio - 1) - noise
        else:
            ok = seen <= 1 - 0.5 * (1 - planned_ratio) + noise
        out.append(
            CheckResult(
                f"trend:{table}.{col}", bool(ok),
                f"last/first 12 months {seen:.2f} (planned {planned_ratio:.2f})",
            )
        )
    return out


def _pareto(
    spec: DatasetSpec, table: str, col: str, g: ForeignKeyGen, con: duckdb.DuckDBPyConnection
) -> CheckResult:
    fk = spec.table(table).fk(col)
    assert fk is not None
    parents = _scalar(con, f"SELECT COUNT(*) FROM {_q(fk.references_table)}") or 0
    children = _scalar(con, f"SELECT COUNT({_q(col)}) FROM {_q(table)}") or 0
    if parents < 20 or children < 5 * parents:
        return CheckResult(f"pareto:{table}.{col}", True, f"not judged: {children} rows over {parents} parents")
    top = max(1, parents // 5)
    share = _scalar(
        con,
        f"WITH c AS (SELECT {_q(col)} AS k, COUNT(*) AS n FROM {_q(table)} "
        f"WHERE {_q(col)} IS NOT NULL GROUP BY 1) "
        f"SELECT SUM(n) FILTER (WHERE rk <= {top}) / SUM(n) FROM "
        f"(SELECT n, ROW_NUMBER() OVER (ORDER BY n DESC) AS rk FROM c)",
    ) or 0.0
    w = np.arange(1, parents + 1, dtype=np.float64) ** -g.zipf_a if parents else np.ones(1)
    planned = float(w[:top].sum() / w.sum())
    ok = share >= 0.8 * planned and share > 0.25
    return CheckResult(
        f"pareto:{table}.{col}", bool(ok),
        f"top 20% of {fk.references_table} hold {share:.0%} of rows (planned ~{planned:.0%})",
    )


def _matches(expected: str, row: dict[str, Any]) -> bool:
    want = expected.strip().lower()
    for v in row.values():
        if v is None:
            continue
        s = str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
        if s.strip().lower() == want:
            return True
    return False


def _stories(spec: DatasetSpec, con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    out: list[CheckResult] = []
    for s in spec.stories:
        qs = [q for q in spec.golden_queries if q.pattern == s.name]
        if not qs:
            out.append(CheckResult(f"story:{s.name}", False, "no golden query reveals this story"))
            continue
        try:
            rows = run_query(con, qs[0].sql, limit=50)
        except duckdb.Error as e:
            out.append(CheckResult(f"story:{s.name}", False, f"query failed: {e}"))
            continue
        why = degenerate(rows) or _tied_at_top(qs[0].sql, rows)
        if why:
            out.append(CheckResult(f"story:{s.name}", False, f"query returned {why}"))
        elif s.expected_top is not None and not _matches(s.expected_top, rows[0]):
            out.append(
                CheckResult(
                    f"story:{s.name}", False,
                    f"first row {rows[0]} does not show {s.expected_top!r}",
                )
            )
        else:
            out.append(CheckResult(f"story:{s.name}", True, f"first row {rows[0]}"))
    return out


def _tied_at_top(sql: str, rows: list[dict[str, Any]]) -> str | None:
    """A story's first row only shows it when it leads on what the query sorts by; rows
    tied there come in any order (the engine's, not the data's)."""
    order = sqlglot.parse_one(sql, read="bigquery").args.get("order")
    key = order.expressions[0].this if order is not None and order.expressions else None
    name = key.alias_or_name if isinstance(key, exp.Column | exp.Alias) else None
    if len(rows) < 2 or name not in rows[0]:
        return None
    return f"first rows tied on {name}" if rows[0][name] == rows[1][name] else None


def _queries(spec: DatasetSpec, con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    out: list[CheckResult] = []
    for i, q in enumerate(spec.golden_queries, start=1):
        try:
            rows = run_query(con, q.sql)
        except (duckdb.Error, sqlglot.errors.SqlglotError) as e:
            out.append(CheckResult(f"query:{i}", False, f"{q.question!r} failed: {e}"))
            continue
        why = degenerate(rows)
        out.append(
            CheckResult(f"query:{i}", why is None, f"{q.question!r}: {why or f'{len(rows)} rows'}")
        )
    return out

