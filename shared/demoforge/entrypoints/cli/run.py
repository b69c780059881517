"""``demoforge run URL``: the whole pipeline in one process on embedded defaults.

SQLite job store, in-process bus, DuckDB warehouse, local data agent, offline analysis
(Claude only when ANTHROPIC_API_KEY is set) — driven by the same runner and phase bodies
the Cloud Functions use, so a local run exercises the production code path.
Writes the demo pack (job.json, spec.json, data/, warehouse.duckdb, golden_queries.json,
agent.json, index.html) to ``--out``.
Exit codes: 0 completed, 1 failed, 2 bad input, 3 waiting for an answer (research was
unsure of the industry: ``demoforge answer JOB --industry NAME`` resumes the same job).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from demoforge.domain import artifacts
from demoforge.domain.job import (
    INDUSTRIES,
    PHASE_ORDER,
    JobDoc,
    JobStatus,
    PhaseMessage,
    PhaseStatus,
)

if TYPE_CHECKING:
    from demoforge.bootstrap import LocalRun
    from demoforge.service.services import Services

BAD_INPUT_CODES = {"invalid_input", "unsafe_url"}
EXIT_WAITING = 3
MAX_ASKS = 5  # a terminal gets this many tries at the industry question


def register(sub: Any) -> None:
    p = sub.add_parser(
        "run",
        help="run the whole pipeline locally and write a demo pack",
        description="Run research -> modeling -> warehouse -> content -> agent in this process.",
    )
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("url", nargs="?", help="the prospect's website URL")
    src.add_argument("--sample", metavar="NAME",
                     help="serve a bundled sample site on loopback and use it (see --list-samples)")
    src.add_argument("--list-samples", action="store_true", help="list the bundled sample sites")
    p.add_argument("--out", type=Path, help="demo pack folder (default: ./demo-pack-<job id>)")
    p.add_argument("--allow-private-network", action="store_true",
                   help="allow fetching private/loopback addresses (refused by default)")
    p.add_argument("--industry", choices=INDUSTRIES, help="skip industry detection")
    p.add_argument("--company", help="company name to use instead of the detected one")
    p.add_argument("--scale", choices=("small", "default", "large"), default="small",
                   help="dataset size: small ~50k rows (default here), default ~500k, large ~5M")
    p.add_argument("--rows", type=int, help="explicit total row budget (overrides --scale)")
    p.add_argument("--seed", type=int, help="random seed for the synthetic data")
    p.add_argument("--language", help="the demo's language as a BCP 47 tag (en, de-CH); default: the site's")
    p.add_argument("--as-of", dest="as_of", help="the day the data ends on, YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true", help="print the final job document as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress display")
    p.set_defaults(handler=_run)


@contextlib.contextmanager
def _target(args: argparse.Namespace) -> Iterator[str]:
    if args.sample:
        from demoforge.devtools import samples

        with samples.serve(args.sample) as url:
            yield url
    else:
        yield args.url


def _err(msg: str) -> None:
    print(f"demoforge run: {msg}", file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    from demoforge.devtools import samples

    if args.list_samples:
        for name in samples.names():
            print(name)
        return 0
    if args.sample and args.sample not in samples.names():
        _err(f"unknown sample {args.sample!r}; choose one of: {', '.join(samples.names())}")
        return 2
    with _target(args) as url:
        return run_pipeline(args, url)


def run_pipeline(args: argparse.Namespace, url: str) -> int:
    from demoforge.bootstrap import build_local_run
    from demoforge.domain.errors import InvalidInput
    from demoforge.service import jobs
    from demoforge.settings import Settings

    settings = Settings.from_env().with_(
        # The bundled samples are served on loopback by this very process.
        allow_private_network=bool(args.allow_private_network or args.sample),
    )
    try:
        req = jobs.parse(jobs.CreateJobRequest, {
            "customer_url": url, "industry_hint": args.industry, "company_name": args.company,
            "scale": args.scale, "rows": args.rows, "seed": args.seed,
            "language": args.language, "as_of": args.as_of,
        })
    except InvalidInput as e:
        _err(e.message)
        return 2
    job_id = jobs.new_job_id()
    out: Path = (args.out or Path(f"demo-pack-{job_id[:8]}")).resolve()
    if out.exists() and not out.is_dir():
        _err(f"--out {out} exists and is not a folder")
        return 2
    local = build_local_run(settings, job_id=job_id, pack=out)
    try:
        jobs.create_job(local.services, req, job_id=job_id)
    except InvalidInput as e:  # the URL policy refused the address (same check as the api)
        _err(e.message)
        return 2
    return follow(local, job_id, out, args)


def follow(local: LocalRun, job_id: str, out: Path, args: argparse.Namespace,
           read: Callable[[str], str] = input) -> int:
    """Deliver the job's messages until it completes, fails or waits; ask on a terminal
    when it waits; write ``job.json`` and the summary; return the exit code."""
    deps, bus = local.services, local.bus
    runner = deps.runner()
    show = _Display(enabled=not args.quiet and not args.json)
    with show:
        while True:
            def deliver(msg: PhaseMessage, mid: str) -> None:
                runner.handle(msg, mid)
                show.update(deps.store.get(job_id))

            bus.drain(deliver,
                      on_error=lambda m, e: show.note(f"{m.phase.value}: {type(e).__name__}: {e}"))
            job = deps.store.get(job_id)
            assert job is not None
            show.update(job)
            if job.status == JobStatus.WAITING:
                with show.paused():
                    if ask(deps, job, args, read=read, interactive=sys.stdin.isatty()):
                        continue
            break
    job = deps.store.get(job_id)
    assert job is not None
    out.mkdir(parents=True, exist_ok=True)
    (out / artifacts.JOB_DOCUMENT).write_text(json.dumps(job.to_json(), indent=2), encoding="utf-8")
    if args.json:
        print(json.dumps(job.to_json(), indent=2))
    else:
        _summary(job, out)
    if job.status == JobStatus.COMPLETED:
        return 0
    if job.status == JobStatus.WAITING:
        return EXIT_WAITING
    if job.error and job.error.code in BAD_INPUT_CODES:
        return 2
    return 1


def ask(deps: Services, job: JobDoc, args: argparse.Namespace, *,
        read: Callable[[str], str], interactive: bool) -> bool:
    """Research was unsure about the industry. On a terminal ask (again after a bad
    answer, up to ``MAX_ASKS`` times; an empty answer or end of input stops); otherwise
    say how to answer later. True when the job was answered and goes on."""
    assert job.clarification is not None
    c = job.clarification
    later = (f"The job waits: answer with `demoforge answer {job.job_id} --industry NAME` "
             "to resume it without researching again.")
    if not interactive or args.json:
        _err(f"{c.question} Candidates: {', '.join(c.candidates)}. {later}")
        return False
    print(c.question)
    for i, cand in enumerate(c.candidates, 1):
        print(f"  {i}. {cand}")
    for _ in range(MAX_ASKS):
        try:
            choice = read("Choose a number or type an industry (empty: decide later): ").strip()
        except EOFError:
            choice = ""
        if not choice:
            _err(later)
            return False
        industry = c.candidates[int(choice) - 1] if choice.isdigit() and 0 < int(choice) <= len(
            c.candidates) else choice
        if industry in INDUSTRIES:
            from demoforge.service import jobs

            jobs.answer_job(deps, job.job_id, jobs.AnswerRequest(industry=industry))
            return True
        _err(f"{industry!r} is neither a number from the list nor one of: {', '.join(INDUSTRIES)}")
    _err(later)
    return False


class _Display:
    """A progress bar per phase (rich), or plain lines when not on a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.progress: Any = None
        self.tasks: dict[str, Any] = {}
        self.reported: set[str] = set()
        self.is_paused = False

    def __enter__(self) -> _Display:
        if self.enabled and sys.stderr.isatty():
            from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

            self.progress = Progress(SpinnerColumn(), TextColumn("{task.description:<10}"),
                                     BarColumn(), TextColumn("{task.fields[info]}"),
                                     transient=False)
            self.progress.__enter__()
            for p in PHASE_ORDER:
                self.tasks[p.value] = self.progress.add_task(p.value, total=1, info="pending")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.__exit__(None, None, None)

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Stop redrawing while a question is asked, so the prompt stays readable."""
        if self.progress is None:
            yield
            return
        self.progress.stop()
        self.is_paused = True
        try:
            yield
        finally:
            self.is_paused = False
            self.progress.start()

    def note(self, text: str) -> None:
        if self.enabled:
            (self.progress.console.log if self.progress else _print_err)(f"retrying: {text}")

    def update(self, job: JobDoc | None) -> None:
        if job is None or not self.enabled:
            return
        for p in PHASE_ORDER:
            ps = job.phase(p)
            info = _info(ps.status, ps.duration_s, ps.summary)
            if self.progress is not None:
                self.progress.update(self.tasks[p.value], info=info,
                                     completed=1 if ps.status == PhaseStatus.DONE else 0)
            elif ps.status in (PhaseStatus.DONE, PhaseStatus.FAILED, PhaseStatus.WAITING) and (
                    f"{p.value}:{ps.status}" not in self.reported):
                self.reported.add(f"{p.value}:{ps.status}")
                _print_err(f"{p.value:<10} {info}")


def _info(status: PhaseStatus, duration: float | None, summary: dict[str, Any]) -> str:
    bits = [status.value]
    if duration is not None:
        bits.append(f"{duration:.1f}s")
    shown = ", ".join(f"{k}={v}" for k, v in list(summary.items())[:4]
                      if isinstance(v, str | int | float | bool))
    return " ".join(bits) + (f"  {shown}" if shown else "")


def _print_err(text: str) -> None:
    print(text, file=sys.stderr)


def _summary(job: JobDoc, out: Path) -> None:
    print(f"job {job.job_id}: {job.status.value} ({job.progress}%)")
    if job.error:
        print(f"error in {job.error.phase.value if job.error.phase else '-'}: "
              f"[{job.error.code}] {job.error.message}")
    print(f"demo pack: {out}")

    for name in (artifacts.REPORT, artifacts.DEMO_SCRIPT, artifacts.GOLDEN_QUERIES, "agent.json", artifacts.SPEC):
        if (out / name).exists():
            print(f"  {name}")
