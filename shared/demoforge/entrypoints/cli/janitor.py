"""``demoforge janitor``: one sweep of the janitor, here and now (what the scheduled
``janitor`` function does every tick): fail stalled jobs, tear expired demos down.
Exit codes: 0 swept (also when there was nothing to do), 1 some teardown failed (run it
again), 2 bad configuration."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser(
        "janitor",
        help="fail stalled jobs and tear down expired demos (one sweep)",
        description=("Mark stalled jobs failed and tear down demos past their TTL (agent, "
                     "conversations, dataset, artifacts), marking them expired. Bounded by "
                     "DEMOFORGE_JANITOR_BATCH per kind; safe to repeat."),
    )
    p.add_argument("--json", action="store_true", help="print the sweep report as JSON")
    p.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from demoforge.bootstrap import build
    from demoforge.service.janitor import sweep

    report = sweep(build())
    if args.json:
        print(json.dumps(report.as_dict(), indent=2))
    else:
        print(f"stalled jobs marked failed: {', '.join(report.stalled) or 'none'}")
        print(f"expired demos torn down: {', '.join(report.expired) or 'none'}")
        for job_id, err in report.errors.items():
            print(f"demoforge janitor: {job_id}: {err}", file=sys.stderr)
    return 1 if report.errors else 0
