"""Benchmark: the synth engine vs Faker (row by row) vs mimesis on the same orders table.

The table: orders with a foreign key to customers (zipf-skewed: a few customers place
most orders), a seasonal timestamp (growth trend, month/weekday/hour profiles), a weighted
status, a lognormal amount and a weighted country, written to Parquet. Each generator
runs in its own subprocess so peak memory (``ru_maxrss``) is measured per generator.

    uv run python bench/synth_speed.py                 # engine 5M rows, Faker/mimesis 100k
    uv run python bench/synth_speed.py --big           # plus the engine on 50M rows
    uv run python bench/synth_speed.py --rows 2000000 --baseline-rows 50000

Targets (issue 4): engine >= 2M rows/s on one core (>= 50x Faker); 50M rows under 2 GiB.
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


WORKERS = {"engine": run_engine, "faker": run_faker, "mimesis": run_mimesis}


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
    ap.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker, args.rows)
        return
    runs = {
        "engine": measure("engine", args.rows),
        "faker": measure("faker", args.baseline_rows),
        "mimesis": measure("mimesis", args.baseline_rows),
    }
    if args.big:
        runs["engine_50m"] = measure("engine", 50_000_000)
    base = runs["faker"]["rows_per_second"]
    if args.json:
        print(json.dumps(runs))
        return
    print(f"{'generator':12s} {'rows':>12s} {'seconds':>9s} {'rows/s':>12s} {'vs Faker':>9s} {'peak MiB':>9s}")
    for name, r in runs.items():
        print(f"{name:12s} {r['rows']:>12,} {r['seconds']:>9.2f} {r['rows_per_second']:>12,.0f} "
              f"{r['rows_per_second'] / base:>8.0f}x {r['peak_rss_mb']:>9.0f}")
    eng = runs["engine"]["rows_per_second"]
    print(f"\ntarget >= 2,000,000 rows/s and >= 50x Faker: {'met' if eng >= 2e6 and eng >= 50 * base else 'NOT met'}")
    if "engine_50m" in runs:
        mb = runs["engine_50m"]["peak_rss_mb"]
        print(f"50M rows peak memory {mb:,.0f} MiB (target < 2048): {'met' if mb < 2048 else 'NOT met'}")


if __name__ == "__main__":
    main()
