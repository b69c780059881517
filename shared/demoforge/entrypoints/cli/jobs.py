"""``demoforge jobs``: the local jobs (``demoforge run``'s SQLite store), newest first,
with their status; a waiting one shows its question and the command that answers it."""

from __future__ import annotations

import argparse
import json
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("jobs", help="list local jobs and their status (waiting ones too)",
                       description="List the jobs `demoforge run` created on this machine.")
    p.add_argument("--limit", type=int, default=20, help="how many (default 20)")
    p.add_argument("--json", action="store_true", help="print the job documents as JSON")
    p.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from demoforge.bootstrap import local_services
    from demoforge.domain.job import JobStatus
    from demoforge.settings import Settings

    if not 1 <= args.limit <= 1000:
        print("demoforge jobs: --limit must be from 1 to 1000")
        return 2
    docs, _ = local_services(Settings.from_env()).store.list(limit=args.limit)
    if args.json:
        print(json.dumps([d.to_json() for d in docs], indent=2))
        return 0
    if not docs:
        print("no local jobs")
        return 0
    for d in docs:
        phase = f" at {d.current_phase.value}" if d.current_phase and not d.finished else ""
        print(f"{d.job_id}  {d.status.value:<9} {d.progress:>3}%{phase:<13} "
              f"{d.created_at:%Y-%m-%d %H:%M}  {d.customer_url}")
        if d.status == JobStatus.WAITING and d.clarification is not None:
            print(f"    {d.clarification.question} Candidates: {', '.join(d.clarification.candidates)}")
            print(f"    answer: demoforge answer {d.job_id} --industry NAME")
        elif d.error is not None:
            print(f"    [{d.error.code}] {d.error.message}")
    return 0
