"""Benchmark: the synth engine vs Faker (row by row) vs mimesis on the same orders table,
and on a full template (every table of the default online-shop demo, Parquet written).

The table: orders with a foreign key to customers (zipf-skewed: a few customers place
most orders), a seasonal timestamp (growth trend, month/weekday/hour profiles), a weighted
status, a lognormal amount and a weighted country, written to Parquet. Each generator
runs in its own subprocess so peak memory (``ru_maxrss``) is measured per generator.

    uv run python bench/synth_speed.py                 # engine 5M rows, Faker/mimesis 100k
    uv run python bench/synth_speed.py --big           # plus the engine on 50M rows
    uv run python bench/synth_speed.py --rows 2000000 --baseline-rows 50000

The full template: a German online shop at the default scale (~500k rows over 8 tables:
places, customers, products, orders, order items, payments, shipments, reviews) generated
by the engine in a fresh process (``template_cold``: imports done, first generation, Faker
pools from their cache) and again in the same process (``template``: what a running service
pays), against Faker filling the same tables row by row (the same spec resized to
``--baseline-rows``, each column drawn by a Python call per row: Faker for people and
places, ``random`` for the rest, foreign keys, lookups and expressions resolved per row).

Targets (issue 4): engine >= 2M rows/s on one core (>= 50x Faker); 50M rows under 2 GiB.
Targets (issue 12): full template >= 50x Faker row by row; a default demo (~500k rows) < 1 s.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

START, END = dt.datetime(2023, 1, 1, tzinfo=dt.UTC), dt.datetime(2025, 12, 31, 23, 59, tzinfo=dt.UTC)
MONTHLY = [0.9, 0.8, 0.9, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0, 1.1, 1.6, 2.0]
WEEKDAY = [0.9, 0.9, 0.95, 1.0, 1.15, 1.35, 1.2]
HOURLY = [0.2] * 7 + [0.8, 1.4, 1.8, 2.0, 2.0, 2.1, 2.0, 1.9, 1.8, 1.7, 1.5, 1.3, 1.0, 0.7, 0.5, 0.3, 0.25]
STATUSES, STATUS_W = ["completed", "cancelled", "refunded", "pending"], [90, 4, 3, 3]
COUNTRIES = ["US", "GB", "DE", "FR", "CA", "AU", "NL", "ES", "IT", "SE", "JP", "BR", "MX", "IN", "PL"]
COUNTRY_W = [40, 12, 9, 7, 6, 4, 3, 3, 3, 2, 3, 3, 2, 2, 1]
ZIPF_A = 1.0
GROWTH = 0.3


def customers_for(rows: int) -> int:
    return max(1_000, min(rows // 20, 2_000_000))


def engine_spec(rows: int) -> Any:
    from demoforge.spec.model import DatasetSpec

    return DatasetSpec.model_validate({
        "name": "bench", "industry": "retail_ecommerce", "description": "benchmark orders", "seed": 1,
        "tables": [
            {"name": "customers", "description": "customers", "grain": "customer", "row_count": customers_for(rows),
             "primary_key": "customer_id", "columns": [
                 {"name": "customer_id", "type": "INT64", "description": "id", "generator": {"kind": "sequence"}},
                 {"name": "country", "type": "STRING", "description": "country",
                  "generator": {"kind": "categorical", "values": COUNTRIES, "weights": COUNTRY_W}},
             ]},
            {"name": "orders", "description": "orders", "grain": "order", "row_count": rows, "primary_key": "order_id",
             "foreign_keys": [{"column": "customer_id", "references_table": "customers", "references_column": "customer_id"}],
             "columns": [
                 {"name": "order_id", "type": "INT64", "description": "id", "generator": {"kind": "sequence"}},
                 {"name": "customer_id", "type": "INT64", "description": "customer",
                  "generator": {"kind": "foreign_key", "distribution": "zipf", "zipf_a": ZIPF_A}},
                 {"name": "ordered_at", "type": "TIMESTAMP", "description": "when",
                  "generator": {"kind": "timestamp", "start": "2023-01-01", "end": "2025-12-31", "growth": GROWTH,
                                "monthly": MONTHLY, "weekday": WEEKDAY, "hourly": HOURLY}},
                 {"name": "status", "type": "STRING", "description": "status",
                  "generator": {"kind": "categorical", "values": STATUSES, "weights": STATUS_W}},
                 {"name": "amount", "type": "NUMERIC", "description": "amount",
                  "generator": {"kind": "numeric", "distribution": "lognormal", "median": 60, "sigma": 0.7, "round": 2}},
                 {"name": "country", "type": "STRING", "description": "shipping country",
                  "generator": {"kind": "categorical", "values": COUNTRIES, "weights": COUNTRY_W}},
             ]},
        ],
    })


def run_engine(rows: int, out: Path) -> dict[str, Any]:
    from demoforge.synth.generate import generate_dataset

    spec = engine_spec(rows)
    t0 = time.perf_counter()
    tables = generate_dataset(spec, out)
    seconds = time.perf_counter() - t0
    return {"rows": tables["orders"].rows, "seconds": seconds, "bytes": tables["orders"].path.stat().st_size}


class _RowByRow:
    """Shared per-row logic for the library baselines: the same distributions, one Python
    call chain per row, written the way Faker/mimesis scripts (often LLM-written) are: the
    library draws a timestamp in range and rejection sampling applies the season, weekday,
    hour and growth profile; ``random.choices`` picks zipf-popular customers."""

    def __init__(self, rows: int) -> None:
        n = customers_for(rows)
        ids = list(range(1, n + 1))
        random.Random(1).shuffle(ids)
        self.ids = ids
        self.cum = list(itertools.accumulate(1.0 / (r ** ZIPF_A) for r in range(1, n + 1)))
        self.rng = random.Random(2)
        self.w_max = max(MONTHLY) * max(WEEKDAY) * max(HOURLY) * (1 + GROWTH) ** 3

    def customer(self) -> int:
        return self.rng.choices(self.ids, cum_weights=self.cum)[0]

    def accept(self, ts: dt.datetime) -> bool:
        years = (ts - START).days / 365.25
        w = MONTHLY[ts.month - 1] * WEEKDAY[ts.weekday()] * HOURLY[ts.hour] * (1 + GROWTH) ** years
        return self.rng.random() * self.w_max < w


def run_faker(rows: int, out: Path) -> dict[str, Any]:
    import pyarrow as pa
    import pyarrow.parquet as pq
    from faker import Faker

    fake = Faker("en_US")
    Faker.seed(3)
    rb = _RowByRow(rows)
    statuses = collections.OrderedDict(zip(STATUSES, [w / 100 for w in STATUS_W], strict=True))
    countries = collections.OrderedDict(zip(COUNTRIES, [w / 100 for w in COUNTRY_W], strict=True))
    t0 = time.perf_counter()
    records = []
    for i in range(rows):
        ts = fake.date_time_between(START, END, tzinfo=dt.UTC)
        while not rb.accept(ts):
            ts = fake.date_time_between(START, END, tzinfo=dt.UTC)
        records.append({
            "order_id": i + 1,
            "customer_id": rb.customer(),
            "ordered_at": ts,
            "status": fake.random_element(statuses),
            "amount": round(rb.rng.lognormvariate(4.09, 0.7), 2),
            "country": fake.random_element(countries),
        })
    pq.write_table(pa.Table.from_pylist(records), out / "orders.parquet")
    return {"rows": rows, "seconds": time.perf_counter() - t0}


def run_mimesis(rows: int, out: Path) -> dict[str, Any]:
    import pyarrow as pa
    import pyarrow.parquet as pq
    from mimesis import Generic
    from mimesis.locales import Locale

    g = Generic(locale=Locale.EN, seed=3)
    rb = _RowByRow(rows)
    statuses = {s: float(w) for s, w in zip(STATUSES, STATUS_W, strict=True)}
    countries = {c: float(w) for c, w in zip(COUNTRIES, COUNTRY_W, strict=True)}
    t0 = time.perf_counter()
    records = []
    for i in range(rows):
        ts = g.datetime.datetime(start=2023, end=2025, timezone="UTC")
        while not rb.accept(ts):
            ts = g.datetime.datetime(start=2023, end=2025, timezone="UTC")
        records.append({
            "order_id": i + 1,
            "customer_id": rb.customer(),
            "ordered_at": ts,
            "status": g.random.weighted_choice(statuses),
            "amount": round(rb.rng.lognormvariate(4.09, 0.7), 2),
            "country": g.random.weighted_choice(countries),
        })
    pq.write_table(pa.Table.from_pylist(records), out / "orders.parquet")
    return {"rows": rows, "seconds": time.perf_counter() - t0}


AS_OF = dt.date(2026, 12, 1)


def template_spec(rows: int | None = None) -> Any:
    from demoforge.synth.templates import build_for_profile

    profile = {"company_name": "Bergblick Outdoor", "industry": "retail_ecommerce", "shape": "online_shop",
               "confidence": 1.0, "country": "DE", "language": "de", "sub_industry": "outdoor equipment"}
    return build_for_profile(profile, as_of=AS_OF, rows=rows, scale="default")


def run_template(rows: int, out: Path) -> dict[str, Any]:
    """The default demo twice in one process: cold (first generation) and warm."""
    from demoforge.synth.generate import generate_dataset

    spec = template_spec()
    t0 = time.perf_counter()
    tables = generate_dataset(spec, out / "cold")
    cold = time.perf_counter() - t0
    t1 = time.perf_counter()
    generate_dataset(spec, out / "warm")
    warm = time.perf_counter() - t1
    total = sum(t.rows for t in tables.values())
    return {"rows": total, "seconds": warm, "cold_seconds": cold, "tables": len(tables)}


def run_faker_template(rows: int, out: Path) -> dict[str, Any]:
    """The same template, every table filled row by row (``rows`` in total)."""
    import math

    import pyarrow as pa
    import pyarrow.parquet as pq
    from faker import Faker

    from demoforge.spec.expressions import evaluate, parse
    from demoforge.synth.generate import effective_generator

    spec = template_spec(rows)
    fake = Faker(spec.locale or "en_US")
    Faker.seed(3)
    rng = random.Random(4)
    t0 = time.perf_counter()
    done: dict[str, list[dict[str, Any]]] = {}
    total = 0
    planned = spec.expected_rows()
    for name in spec.table_order():
        t = spec.table(name)
        rows_out: list[dict[str, Any]] = []
        for i in range(planned[name]):
            row: dict[str, Any] = {}
            for c in t.columns:  # generation order of the spec (dependencies first)
                g: Any = effective_generator(t, c)  # every kind handled below by its fields
                k = g.kind
                if k == "sequence":
                    row[c.name] = i + 1
                elif k == "uuid":
                    row[c.name] = fake.uuid4()
                elif k == "foreign_key":
                    fk = t.fk(c.name)
                    parent = done[fk.references_table] if fk else []
                    row[c.name] = rng.randrange(len(parent)) + 1 if parent else None
                elif k == "categorical":
                    row[c.name] = rng.choices(g.values, weights=g.weights)[0] if not g.cycle else g.values[i % len(g.values)]
                elif k == "numeric":
                    row[c.name] = round(rng.lognormvariate(math.log(max(g.median, 1e-9)), g.sigma), 2)
                elif k == "boolean":
                    row[c.name] = rng.random() < g.probability
                elif k == "timestamp":
                    row[c.name] = fake.date_time_between(dt.datetime.combine(g.start, dt.time()), dt.datetime.combine(g.end, dt.time()))
                elif k == "lookup":
                    parent_rows = done[t.fk(g.via).references_table]
                    ref = row.get(g.via)
                    row[c.name] = parent_rows[ref - 1].get(g.column) if ref else None
                elif k == "derived":
                    expr = parse(g.expression)
                    row[c.name] = float(evaluate(expr, {n: float(row.get(n) or 0) for n in expr.names}))
                elif k == "fake":
                    field = g.field
                    row[c.name] = fake.email() if field == "email" else getattr(fake, {"name": "name", "phone": "phone_number"}.get(field, field))()
                else:
                    row[c.name] = rng.choice(g.templates)
            rows_out.append(row)
        done[name] = rows_out
        total += len(rows_out)
        pq.write_table(pa.Table.from_pylist(rows_out), out / f"{name}.parquet")
    return {"rows": total, "seconds": time.perf_counter() - t0}


WORKERS = {"engine": run_engine, "faker": run_faker, "mimesis": run_mimesis,
           "template": run_template, "faker_template": run_faker_template}


def worker(name: str, rows: int) -> None:
    with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as tmp:
        result = WORKERS[name](rows, Path(tmp))
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    result["rows_per_second"] = result["rows"] / result["seconds"]
    print(json.dumps(result))


def measure(name: str, rows: int) -> dict[str, Any]:
    """Run one generator in a fresh interpreter pinned to one core (when possible)."""
    cmd = [sys.executable, __file__, "--worker", name, "--rows", str(rows)]
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False,
                              preexec_fn=lambda: os.sched_setaffinity(0, {cpu}))
    else:  # pragma: no cover - macOS has no affinity API
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{name} failed:\n{proc.stderr}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=5_000_000, help="engine rows (default 5M)")
    ap.add_argument("--baseline-rows", type=int, default=100_000, help="Faker/mimesis rows (default 100k)")
    ap.add_argument("--big", action="store_true", help="also generate 50M rows with the engine")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--template-only", action="store_true", help="only the full-template comparison")
    ap.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker, args.rows)
        return
    ap_template_only = args.template_only
    runs: dict[str, dict[str, Any]] = {}
    if not ap_template_only:
        runs["engine"] = measure("engine", args.rows)
        runs["faker"] = measure("faker", args.baseline_rows)
        runs["mimesis"] = measure("mimesis", args.baseline_rows)
    runs["template"] = measure("template", 0)
    runs["faker_template"] = measure("faker_template", min(args.baseline_rows, 50_000))
    if args.big:
        runs["engine_50m"] = measure("engine", 50_000_000)
    if args.json:
        print(json.dumps(runs))
        return
    print(f"{'generator':15s} {'rows':>12s} {'seconds':>9s} {'rows/s':>12s} {'vs Faker':>9s} {'peak MiB':>9s}")
    for name, r in runs.items():
        base = runs["faker_template" if "template" in name else "faker"]["rows_per_second"]
        print(f"{name:15s} {r['rows']:>12,} {r['seconds']:>9.2f} {r['rows_per_second']:>12,.0f} "
              f"{r['rows_per_second'] / base:>8.0f}x {r['peak_rss_mb']:>9.0f}")
    if "engine" in runs:
        eng, base = runs["engine"]["rows_per_second"], runs["faker"]["rows_per_second"]
        print(f"\ntarget >= 2,000,000 rows/s and >= 50x Faker: {'met' if eng >= 2e6 and eng >= 50 * base else 'NOT met'}")
    tpl, tbase = runs["template"], runs["faker_template"]["rows_per_second"]
    ratio = tpl["rows_per_second"] / tbase
    cold_ratio = tpl["rows"] / tpl["cold_seconds"] / tbase
    print(f"full template ({tpl['tables']} tables, {tpl['rows']:,} rows): {tpl['seconds']:.2f} s warm, "
          f"{tpl['cold_seconds']:.2f} s on the first generation of a process; {ratio:.0f}x Faker row by row "
          f"({cold_ratio:.0f}x cold). Targets >= 50x and < 1 s: "
          f"{'met' if ratio >= 50 and tpl['seconds'] < 1.0 else 'NOT met'}")
    if "engine_50m" in runs:
        mb = runs["engine_50m"]["peak_rss_mb"]
        print(f"50M rows peak memory {mb:,.0f} MiB (target < 2048): {'met' if mb < 2048 else 'NOT met'}")


if __name__ == "__main__":
    main()
