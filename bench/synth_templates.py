"""Benchmark: every dataset shape at its default scale (~500k rows), each for a prospect in
another country: generation time against the budget (1 s per ~500k rows, issue 12), and
whether the data passes every realism and consistency check with every golden query
returning rows (transpiled to DuckDB).

    uv run python bench/synth_templates.py [--scale small|default|large] [--only SHAPE ...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from demoforge.synth.generate import generate_dataset
from demoforge.synth.realism import check
from demoforge.synth.templates import SCALES, build_for_profile, shape_names

BUDGET_S = 1.0  # per ~500k rows (the default scale); scaled linearly for small/large
AS_OF = dt.date(2026, 12, 1)
COUNTRIES = [("DE", "de"), ("FR", "fr"), ("GB", "en"), ("US", "en"), ("AU", "en"), ("CH", "de"),
             ("IT", "it"), ("ES", "es"), ("NL", "nl"), ("PT", "pt")]


def profile(i: int) -> dict[str, Any]:
    country, language = COUNTRIES[i % len(COUNTRIES)]
    return {"company_name": f"Benchmark {i}", "industry": "other", "confidence": 1.0, "country": country, "language": language}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", choices=sorted(SCALES), default="default")
    ap.add_argument("--only", nargs="*", default=None)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    names = args.only or shape_names()
    # warm-up: imports (a running service has them); Faker pools come from their cache
    generate_dataset(build_for_profile(profile(0), as_of=AS_OF, shape=names[0], scale="small"), Path(tempfile.mkdtemp()))
    budget = BUDGET_S * SCALES[args.scale] / SCALES["default"]
    rows_out: list[dict[str, Any]] = []
    for i, name in enumerate(names):
        spec = build_for_profile(profile(i), as_of=AS_OF, shape=name, scale=args.scale)
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            tables = generate_dataset(spec, Path(tmp))
            seconds = time.perf_counter() - t0
            results = check(spec, Path(tmp))
        rows = sum(t.rows for t in tables.values())
        failed = [r.name for r in results if not r.passed]
        rows_out.append({
            "template": f"{name} ({spec.country})", "tables": len(tables), "rows": rows, "seconds": round(seconds, 3),
            "rows_per_second": int(rows / seconds), "checks": len(results), "failed": failed,
        })
    if args.json:
        print(json.dumps(rows_out))
        return
    print(f"{'template':28s} {'tables':>6s} {'rows':>9s} {'seconds':>8s} {'rows/s':>10s} {'budget':>7s} checks")
    for r in rows_out:
        ok = "ok" if r["seconds"] < budget else "OVER"
        checks = "all passed" if not r["failed"] else f"FAILED {r['failed']}"
        print(f"{r['template']:28s} {r['tables']:>6} {r['rows']:>9,} {r['seconds']:>8.2f} {r['rows_per_second']:>10,} "
              f"{ok:>7s} {r['checks']} {checks}")
    worst = max(r["seconds"] for r in rows_out)
    print(f"\nslowest template {worst:.2f}s vs budget {budget:.1f}s: {'met' if worst < budget else 'NOT met'}")


if __name__ == "__main__":
    main()
