"""``demoforge package [--out build/functions] [--only NAME ...]``: build one deterministic,
content-hashed zip per Cloud Function plus ``manifest.json`` (read by Terraform). Each zip's
``requirements.txt`` lists only what that function's code can import (and its dependencies),
pinned from ``uv.lock``. The work is done by ``demoforge.devtools.packaging``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from demoforge.devtools.packaging import PackagingError, package_all, repo_root_default


def register(sub: Any) -> None:
    p = sub.add_parser(
        "package",
        help="build one zip per Cloud Function (content-hashed) for Terraform to deploy",
    )
    p.add_argument(
        "--out", type=Path, default=Path("build/functions"),
        help="output folder for the zips and manifest.json (default: build/functions)",
    )
    p.add_argument(
        "--repo", type=Path, default=None,
        help="repository root holding functions/, shared/ and uv.lock (default: this checkout)",
    )
    p.add_argument(
        "--only", nargs="+", metavar="NAME", default=None,
        help="package only these functions (default: every functions/<name>/main.py)",
    )
    p.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    repo = (args.repo or repo_root_default()).resolve()
    try:
        zips = package_all(repo, args.out.resolve(), args.only)
    except PackagingError as exc:
        print(f"demoforge package: {exc}", file=sys.stderr)
        return 2
    for z in zips:
        count = len(z.requirements.splitlines())
        print(f"{z.name:<10} {z.entry_point:<7} {z.size / 1024:8.1f} KiB  "
              f"{count:3d} requirements  {z.path}")
    print(f"manifest: {args.out.resolve() / 'manifest.json'}")
    return 0
