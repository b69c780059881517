"""``demoforge delete JOB``: tear a demo down (agent, conversations, dataset, artifacts)
and mark the job deleted. Safe to repeat; a repeat also finishes a teardown that failed half-way."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from demoforge.domain.errors import NotFound, PermanentError, TransientError


def register(sub: Any) -> None:
    p = sub.add_parser(
        "delete",
        help="delete a job's data agent, conversations, dataset and artifacts; mark it deleted",
        description=(
            "Delete the data agent (and its conversations), the BigQuery/DuckDB dataset and "
            "the artifacts (demo pack, GCS objects) of JOB, and mark the job deleted. "
            "Idempotent: parts already gone are fine."
        ),
    )
    p.add_argument("job_id", metavar="JOB", help="the job id")
    p.add_argument("--json", action="store_true", help="print the job document as JSON")
    p.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from demoforge.bootstrap import build
    from demoforge.service.teardown import TEARDOWN_KEY, delete_job

    deps = build()
    try:
        job = delete_job(deps, args.job_id)
    except NotFound as e:
        print(f"demoforge delete: {e.message}", file=sys.stderr)
        return 2
    except (TransientError, PermanentError) as e:
        print(f"demoforge delete: teardown incomplete ({e.code}): {e.message}\n"
              "The job is marked deleted; run the command again to finish.", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(job.to_json(), indent=2))
        return 0
    report = job.results.get(TEARDOWN_KEY, {})
    print(f"job {job.job_id}: {job.status.value}")
    for name, gone in report.get("agents", {}).items():
        print(f"  agent {name}: {gone['agent']} ({gone['conversations_deleted']} conversation(s))")
    print(f"  dataset: {report.get('dataset') or 'none recorded'}")
    print(f"  artifacts: {report.get('artifacts', 0)} file(s) removed")
    if report.get("status") == "pending":
        print(f"  the {report.get('waiting_for')} phase was still running: what it writes is "
              "removed once it stops (or run the command again)")
    return 0
