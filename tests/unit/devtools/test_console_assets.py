"""The api's function zip carries the console: its HTML, CSS, JS and icon (package data,
not Python) are in the zip, byte for byte, and load from the unpacked zip as the platform
runs it. The browser-test tooling stays out of the deployed requirements."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from demoforge import console
from demoforge.devtools.packaging import export_requirements, package_all

ROOT = Path(__file__).resolve().parents[3]
REQS = "flask==3.1.3\nfunctions-framework==3.10.2\n"


def test_api_zip_holds_every_console_file(tmp_path: Path) -> None:
    (api_zip,) = package_all(ROOT, tmp_path / "out", ["api"], requirements={"api": REQS})
    with zipfile.ZipFile(api_zip.path) as zf:
        names = set(zf.namelist())
        for asset in console.ASSETS:
            entry = f"demoforge/console/{asset}"
            assert entry in names, entry
            assert zf.read(entry) == console.asset(asset)[0]
        zf.extractall(tmp_path / "unpacked")
    # The platform unpacks the zip and imports from it: the page must load from there.
    probe = ("import demoforge.console as c, pathlib, sys; data, ctype = c.asset('index.html'); "
             "assert pathlib.Path(c.__file__).is_relative_to(sys.argv[1]), c.__file__; "
             "print(ctype, len(data))")
    out = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "unpacked")],
                         cwd=tmp_path / "unpacked", capture_output=True, text=True, check=False,
                         env={"PYTHONPATH": str(tmp_path / "unpacked"), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    ctype, size = out.stdout.split(" charset=utf-8 ")
    assert ctype == "text/html;" and int(size) == len(console.asset("index.html")[0])


def test_playwright_is_a_dev_tool_only() -> None:
    if shutil.which("uv") is None:
        pytest.skip("uv is not on PATH")
    names = {ln.split("==")[0].lower() for ln in export_requirements(ROOT).splitlines()}
    assert not names & {"playwright", "greenlet"}
