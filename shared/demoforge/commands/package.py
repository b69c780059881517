"""Placeholder for the `package` command; replaced by its issue's work."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("package", help="(not built yet)")
    p.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    raise SystemExit("demoforge package: not built yet")
