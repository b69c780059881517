"""``demoforge synth`` (generate a template's data to Parquet) and ``demoforge templates``
(list the industry templates).

    demoforge synth --template retail_ecommerce [--rows N] [--seed S] --out DIR [--json]
    demoforge templates [--json]

``synth`` writes ``DIR/spec.json`` and ``DIR/data/<table>.parquet``; ``--json`` prints
``{"rows", "tables", "seconds", "rows_per_second", "peak_rss_mb"}``.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("synth", help="generate an industry template's synthetic data as Parquet")
    p.add_argument("--template", required=True, help="template name = research industry, e.g. retail_ecommerce")
    p.add_argument("--rows", type=int, default=None, help="total rows to generate (default: the template's ~500k)")
    p.add_argument("--scale", choices=["small", "default", "large"], default="default")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--out", required=True, type=Path, help="output folder (spec.json + data/*.parquet)")
    p.add_argument("--json", action="store_true", help="print figures as JSON")
    p.set_defaults(handler=_synth)

    t = sub.add_parser("templates", help="list the industry templates")
    t.add_argument("--json", action="store_true")
    t.set_defaults(handler=_templates)


def _synth(args: argparse.Namespace) -> int:
    from demoforge.phases.inputs import SPEC
    from demoforge.synth.generate import generate_dataset
    from demoforge.synth.templates import get_template, resize, target_rows, template_names

    if args.template not in template_names():
        print(
            f"demoforge synth: unknown template {args.template!r}; choose one of: "
            + ", ".join(template_names()), file=sys.stderr,
        )
        return 2
    try:
        total = target_rows(args.scale, args.rows)
    except ValueError as e:
        print(f"demoforge synth: {e}", file=sys.stderr)
        return 2
    spec = resize(get_template(args.template), total)
    if args.seed is not None:
        spec = spec.model_copy(update={"seed": args.seed})
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    (out / SPEC).write_text(spec.model_dump_json(indent=1))
    started = time.perf_counter()
    tables = generate_dataset(spec, out / "data")
    seconds = time.perf_counter() - started
    rows = sum(t.rows for t in tables.values())
    # ru_maxrss is KiB on Linux.
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "rows": rows, "tables": len(tables), "seconds": round(seconds, 3),
        "rows_per_second": int(rows / seconds) if seconds > 0 else rows,
        "peak_rss_mb": round(peak_mb, 1),
    }
    if args.json:
        print(json.dumps(figures))
    else:
        for t in tables.values():
            print(f"{t.name:32s} {t.rows:>12,} rows  {t.path}")
        print(
            f"{rows:,} rows in {len(tables)} tables, {seconds:.2f}s "
            f"({figures['rows_per_second']:,} rows/s), peak RSS {peak_mb:.0f} MiB"
        )
    return 0


def _templates(args: argparse.Namespace) -> int:
    from demoforge.synth.templates import list_templates

    items = [
        {"name": s.industry, "industry": s.industry, "tables": len(s.tables), "golden_queries": len(s.golden_queries)}
        for s in list_templates()
    ]
    if args.json:
        print(json.dumps(items))
    else:
        for s, item in zip(list_templates(), items, strict=True):
            print(f"{item['name']:28s} {item['tables']:>2} tables {item['golden_queries']:>2} queries  {s.description[:70]}")
    return 0
