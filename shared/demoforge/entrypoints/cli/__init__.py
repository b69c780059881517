"""The ``demoforge`` command line. Each sub-command lives in ``demoforge.entrypoints.cli.<name>``
and exposes ``register(subparsers)``; the handler it sets returns the exit code
(0 success, 1 failed job, 2 bad input or configuration)."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

COMMANDS = ("run", "answer", "jobs", "research", "synth", "delete", "janitor", "stack", "package")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="demoforge",
        description="Build a Conversational Analytics demo from a prospect's website.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"demoforge.entrypoints.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from demoforge.settings import SettingsError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except SettingsError as e:
        print(f"demoforge {args.command}: {e}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
