"""``demoforge answer JOB --industry NAME [--notes TEXT]``: resume a local job that waits
for a person (research was unsure of the industry) — the same job, in the same demo pack,
without researching again. Exit codes as ``demoforge run``: 0 completed, 1 failed,
2 bad input (unknown job, a job that does not wait, an unknown industry), 3 still waiting."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from demoforge.domain.job import INDUSTRIES


def register(sub: Any) -> None:
    p = sub.add_parser(
        "answer",
        help="answer a waiting local job's industry question and resume it",
        description="Confirm the industry of a job `demoforge run` left waiting, and run it on.",
    )
    p.add_argument("job_id", metavar="JOB", help="the job id (`demoforge jobs` lists them)")
    p.add_argument("--industry", required=True, choices=INDUSTRIES, metavar="NAME",
                   help="the industry code (one of: " + ", ".join(INDUSTRIES) + ")")
    p.add_argument("--notes", help="what else to tell modeling about the business")
    p.add_argument("--json", action="store_true", help="print the final job document as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress display")
    p.set_defaults(handler=_run)


def _err(msg: str) -> None:
    print(f"demoforge answer: {msg}", file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    from demoforge.bootstrap import build_local_run, local_pack, local_services
    from demoforge.domain.errors import Conflict, InvalidInput
    from demoforge.entrypoints.cli.run import follow
    from demoforge.service import jobs
    from demoforge.settings import Settings

    settings = Settings.from_env()
    if local_services(settings).store.get(args.job_id) is None:
        _err(f"no local job {args.job_id!r}; `demoforge jobs` lists them")
        return 2
    pack = local_pack(settings, args.job_id)
    local = build_local_run(settings, job_id=args.job_id, pack=pack)
    try:
        req = jobs.parse(jobs.AnswerRequest, {"industry": args.industry, "notes": args.notes})
        jobs.answer_job(local.services, args.job_id, req)
    except (InvalidInput, Conflict) as e:
        _err(e.message)
        return 2
    return follow(local, args.job_id, pack, args)
