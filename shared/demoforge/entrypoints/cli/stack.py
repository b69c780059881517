"""``demoforge up`` and ``demoforge down``: run the deployed shape locally (emulators,
functions under functions-framework, push subscriptions) and stop it again.

``up`` exits 2 when the api port is taken (naming it) or the emulators are missing, shows
each step while it starts and the total start-up time; job data is kept across
``down``/``up`` unless ``up --fresh``."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from typing import Any


def register(sub: Any) -> None:
    up = sub.add_parser("up", help="start emulators and every function locally (api on :8080)")
    up.add_argument("--port", type=int, default=8080, help="api port (default 8080)")
    up.add_argument("--detach", action="store_true", help="leave it running; stop with `demoforge down`")
    up.add_argument("--allow-private-network", action="store_true",
                    help="let research fetch private/loopback addresses")
    up.add_argument("--no-bigquery", action="store_true",
                    help="use the DuckDB warehouse instead of the local BigQuery server")
    up.add_argument("--fresh", action="store_true",
                    help="start with no jobs (default: the jobs saved by the last `down`)")
    up.set_defaults(handler=_up)
    down = sub.add_parser("down", help="stop what `demoforge up --detach` started")
    down.set_defaults(handler=_down)


def _up(args: argparse.Namespace) -> int:
    from demoforge.devtools.stack import LocalStack, StackError, down
    from demoforge.settings import Settings

    home = Settings.from_env().home
    try:
        if (home / "stack" / "state.json").exists():
            print("a stack is already running; stopping it first", file=sys.stderr)
            down(home)
        t0 = time.monotonic()
        stack = LocalStack(home=home, api_port=args.port,
                           allow_private_network=args.allow_private_network,
                           use_local_bigquery=not args.no_bigquery, fresh=args.fresh,
                           progress=lambda line: print(line, file=sys.stderr, flush=True))
        stack.start()
    except StackError as e:
        print(f"demoforge up: {e}", file=sys.stderr)
        return 2
    for p in stack.procs:
        print(f"{p.name:<20} pid {p.pid:<7} port {p.port:<6} log {p.log}")
    print(f"stack up in {time.monotonic() - t0:.1f}s")
    print(f"api: {stack.api_url}  (POST {stack.api_url}/jobs)")
    if args.detach:
        return 0
    print("Ctrl-C to stop.")
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    try:
        stack.stop()
    except StackError as e:
        print(f"demoforge up: stopped, but {e}", file=sys.stderr)
        return 1
    return 0


def _down(args: argparse.Namespace) -> int:
    from demoforge.devtools.stack import StackError, down
    from demoforge.settings import Settings

    try:
        stopped = down(Settings.from_env().home)
    except StackError as e:
        print(f"demoforge down: stopped, but {e}", file=sys.stderr)
        return 1
    print("stopped: " + (", ".join(stopped) if stopped else "nothing was running"))
    return 0
