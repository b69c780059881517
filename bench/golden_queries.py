"""Benchmark: golden-query validation and BigQuery -> DuckDB translation fidelity.

For each industry template (small scale), the synth engine's data is loaded into a local
BigQuery-API server (local-bigquery, via the official client) and into DuckDB. Every golden
query is guarded and run on the BigQuery server (the reference), then on DuckDB twice:

- ours: ``demoforge.sql.to_duckdb`` (sqlglot plus the corrective rules);
- baseline, same run: plain ``sqlglot.transpile(read="bigquery", write="duckdb")`` (with
  only the project dropped from table names so it can find the tables at all).

Printed per template: rows, load seconds on each warehouse, golden queries passed on
BigQuery, and DuckDB results that differ from BigQuery (or fail) for ours vs the baseline;
then totals, against the peer's published 12 of 17 golden queries passing (70.6 %).

Usage: ``uv run python bench/golden_queries.py [--rows 20000] [--templates a,b]``.
Exit status 0 even below target: a benchmark reports, it does not gate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb
import sqlglot
from sqlglot import exp

from demoforge.adapters.bigquery_warehouse import BigQueryWarehouse
from demoforge.adapters.duckdb_warehouse import DuckDBWarehouse
from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.content.answers import degenerate_reason
from demoforge.devtools import localbq
from demoforge.domain.errors import DemoforgeError
from demoforge.service.ports import DatasetRef
from demoforge.settings import Settings
from demoforge.sql.determinism import with_tie_breakers
from demoforge.sql.guard import guard
from demoforge.synth.generate import generate_dataset
from demoforge.synth.templates import customise, get_template, template_names

PROJECT = "bench-proj"
PEER_PASSED, PEER_TOTAL = 12, 17


def _norm(rows: list[dict[str, Any]]) -> list[str]:
    def v(x: Any) -> Any:
        if isinstance(x, decimal.Decimal | int | float) and not isinstance(x, bool):
            return round(float(x), 6)
        if isinstance(x, dt.datetime):
            return x.astimezone(dt.UTC).replace(tzinfo=None).isoformat()
        return x.isoformat() if isinstance(x, dt.date) else x
    return sorted(json.dumps([v(x) for x in r.values()], default=str) for r in rows)


def _raw_duckdb(sql: str) -> str:
    tree = sqlglot.parse_one(sql, read="bigquery")
    for t in tree.find_all(exp.Table):
        t.set("catalog", None)
    return tree.sql(dialect="duckdb")


def _run_duck(path: Path, dataset: str, sql: str) -> list[dict[str, Any]] | None:
    con = duckdb.connect(str(path), read_only=True)
    try:
        con.execute("SET TimeZone = 'UTC'")
        con.execute(f"SET search_path = '{dataset},main'")
        cur = con.execute(sql)
        cols = [c[0] for c in cur.description or []]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    except duckdb.Error:
        return None
    finally:
        con.close()


def bench_template(name: str, rows: int, bq: BigQueryWarehouse, tmp: Path) -> dict[str, Any]:
    research = {"company_name": "Bench Co", "industry": name, "confidence": 0.9}
    spec = customise(get_template(name), research, rows=rows)
    job = f"bench-{name[:20]}"
    data = tmp / name / "data"
    generated = generate_dataset(spec, data, seed=spec.seed)
    ref = DatasetRef(PROJECT, f"bench_{name}", job)
    settings = Settings(home=tmp / name, project=PROJECT)
    duck = DuckDBWarehouse(settings, LocalArtifactStore(tmp / name))

    out: dict[str, Any] = {"template": name, "rows": sum(g.rows for g in generated.values())}
    for label, wh in (("bq", bq), ("duck", duck)):
        t0 = time.perf_counter()
        wh.ensure_dataset(ref, labels={"app": "demoforge"}, description="bench", ttl_days=1)
        for t in spec.tables:
            wh.load_table(ref, t, Path(generated[t.name].path))
        out[f"{label}_load_s"] = time.perf_counter() - t0
    passed = ours_diff = raw_diff = 0
    t0 = time.perf_counter()
    for q in spec.golden_queries:
        try:
            sql = with_tie_breakers(guard(q.sql, project=PROJECT, dataset=ref.dataset).sql)
            bq.dry_run(ref, sql)
            reference = bq.query(ref, sql, max_bytes_billed=10**9)
        except DemoforgeError:
            continue
        if degenerate_reason(reference):
            continue
        passed += 1
        want = _norm(reference)
        ours = duck.query(ref, sql, max_bytes_billed=0)
        ours_diff += _norm(ours) != want
        raw = _run_duck(duck.path(ref), ref.dataset, _raw_duckdb(sql))
        raw_diff += raw is None or _norm(raw) != want
    out.update(queries=len(spec.golden_queries), passed=passed, ours_diff=ours_diff,
               raw_diff=raw_diff, query_s=time.perf_counter() - t0)
    bq.delete_dataset(ref)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--templates", default="", help="comma-separated template names (default: all)")
    args = ap.parse_args()
    names = [n for n in args.templates.split(",") if n] or template_names()
    try:
        server = localbq.start(project=PROJECT)
    except localbq.LocalBigQueryUnavailable as e:
        print(f"skipped: {e}")
        return 0
    results = []
    try:
        bq = BigQueryWarehouse(Settings(project=PROJECT, bigquery_endpoint=server.endpoint))
        with tempfile.TemporaryDirectory(prefix="demoforge-bench-") as tmp:
            for name in names:
                r = bench_template(name, args.rows, bq, Path(tmp))
                results.append(r)
                print(f"{name:26s} rows={r['rows']:>7,} load bq={r['bq_load_s']:.2f}s duck={r['duck_load_s']:.2f}s "
                      f"passed={r['passed']}/{r['queries']} duckdb differs: ours={r['ours_diff']} "
                      f"plain sqlglot={r['raw_diff']}", flush=True)
    finally:
        localbq.stop(server)
    total = sum(r["queries"] for r in results)
    passed = sum(r["passed"] for r in results)
    ours = sum(r["ours_diff"] for r in results)
    raw = sum(r["raw_diff"] for r in results)
    print()
    print(f"golden queries passing on BigQuery: {passed}/{total} ({100 * passed / max(total, 1):.1f} %); "
          f"peer baseline {PEER_PASSED}/{PEER_TOTAL} ({100 * PEER_PASSED / PEER_TOTAL:.1f} %)")
    print(f"DuckDB answers differing from BigQuery: ours {ours}/{passed}, plain sqlglot {raw}/{passed}")
    print(f"load seconds per template (median): BigQuery API {sorted(r['bq_load_s'] for r in results)[len(results) // 2]:.2f}, "
          f"DuckDB {sorted(r['duck_load_s'] for r in results)[len(results) // 2]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
