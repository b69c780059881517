"""A local BigQuery-API server for tests and ``demoforge up``: ``local-bigquery==0.3.1``.

local-bigquery serves the BigQuery REST API (and the Storage Read API over gRPC) and runs
GoogleSQL on DuckDB, so the official ``google-cloud-bigquery`` client works against it
unchanged (``DEMOFORGE_BIGQUERY_ENDPOINT``). It needs Python 3.13, so it lives in its own
venv (built once with ``uv`` under ``~/.cache/demoforge``), not in the project's.

It loads the DuckDB extensions icu, json, parquet, ducklake (its storage) and spatial
(GEOGRAPHY functions). DuckDB would download them from extensions.duckdb.org at first
use; instead the matching ``duckdb-extension-*`` wheels from PyPI are installed into the
venv and copied into a private DuckDB extension directory, and the server runs with
``HOME`` pointing there, so nothing is downloaded at runtime (no network but loopback).

Usage::

    server = localbq.start()           # free loopback port, waits until it answers
    ... Settings(bigquery_endpoint=server.endpoint, warehouse="bigquery") ...
    localbq.stop(server)               # stops exactly that process

or ``python -m demoforge.devtools.localbq`` to run one in the foreground.
"""

from __future__ import annotations

import contextlib
import dataclasses
import glob
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

LOCAL_BIGQUERY_VERSION = "0.3.1"
DUCKDB_VERSION = "1.5.5"
# What local-bigquery 0.3.1 loads: icu (TimeZone), ducklake (storage), json, parquet
# (load jobs, results) and spatial (its GEOGRAPHY macros run `INSTALL spatial`).
EXTENSIONS = ("icu", "json", "parquet", "ducklake", "spatial")
PACKAGES = (
    f"local-bigquery=={LOCAL_BIGQUERY_VERSION}",
    f"duckdb=={DUCKDB_VERSION}",
    *(f"duckdb-extension-{e}=={DUCKDB_VERSION}" for e in EXTENSIONS),
)
DEFAULT_CACHE = Path.home() / ".cache" / "demoforge" / "local-bigquery-venv"


class LocalBigQueryUnavailable(RuntimeError):
    """The local BigQuery server cannot be set up here (e.g. no Python 3.13)."""


@dataclasses.dataclass
class LocalBigQuery:
    endpoint: str
    port: int
    grpc_port: int
    data_dir: Path
    process: subprocess.Popen[bytes]
    log_path: Path
    _owned_data_dir: bool = False


def find_python313(home: Path | None = None, path: str | None = None) -> Path:
    """The image's Python 3.13 (pyenv under ``home``, else ``python3.13`` on ``path``),
    or a clear error."""
    root = Path.home() if home is None else home
    candidates = sorted(glob.glob(str(root / ".pyenv/versions/3.13*/bin/python")))
    candidates += [p for p in (shutil.which("python3.13", path=path),) if p]
    for c in candidates:
        if Path(c).is_file():
            return Path(c)
    raise LocalBigQueryUnavailable(
        "local-bigquery needs Python 3.13 and none was found "
        "(looked in ~/.pyenv/versions/3.13*/bin/python and on PATH as python3.13)"
    )


def _platform_dir() -> str:
    machine = platform.machine().lower()
    arch = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}.get(machine)
    if arch is None or not sys.platform.startswith("linux"):
        raise LocalBigQueryUnavailable(f"unsupported platform {sys.platform}/{machine}")
    return f"linux_{arch}"


def _ext_dir(venv: Path) -> Path:
    return venv / "home" / ".duckdb" / "extensions" / f"v{DUCKDB_VERSION}" / _platform_dir()


def ensure_venv(venv: Path | None = None) -> Path:
    """Create (once) the venv with local-bigquery and the offline DuckDB extensions.

    Returns the venv path. A marker file records the installed package set, so later
    calls do no network access at all.
    """
    venv = Path(venv or DEFAULT_CACHE)
    marker = venv / ".demoforge-packages"
    wanted = "\n".join(PACKAGES)
    server = venv / "bin" / "local-bigquery"
    if not (marker.is_file() and marker.read_text() == wanted and server.exists()):
        python = find_python313()
        uv = shutil.which("uv")
        if uv is None:
            raise LocalBigQueryUnavailable("uv is needed to build the local-bigquery venv")
        venv.parent.mkdir(parents=True, exist_ok=True)
        if not (venv / "bin" / "python").exists():
            subprocess.run([uv, "venv", "-q", "--python", str(python), str(venv)], check=True)
        subprocess.run(
            [uv, "pip", "install", "-q", "--python", str(venv / "bin" / "python"), *PACKAGES],
            check=True,
        )
        marker.write_text(wanted)
    # DuckDB looks for extensions in ~/.duckdb/extensions/<version>/<platform>/.
    target = _ext_dir(venv)
    target.mkdir(parents=True, exist_ok=True)
    for ext in EXTENSIONS:
        dest = target / f"{ext}.duckdb_extension"
        if dest.exists():
            continue
        found = glob.glob(str(venv / "lib" / "python3.13" / "site-packages"
                              / f"duckdb_extension_{ext}" / "extensions" / f"v{DUCKDB_VERSION}"
                              / f"{ext}.duckdb_extension"))
        if not found:
            raise LocalBigQueryUnavailable(f"duckdb extension {ext} missing from {venv}")
        shutil.copyfile(found[0], dest)
    return venv


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(
    *, data_dir: Path | None = None, project: str = "local", timeout_s: float = 90.0,
    venv: Path | None = None,
) -> LocalBigQuery:
    """Start a server on free loopback ports and wait until its REST API answers."""
    venv = ensure_venv(venv)
    owned = data_dir is None
    data = Path(data_dir or tempfile.mkdtemp(prefix="demoforge-localbq-"))
    data.mkdir(parents=True, exist_ok=True)
    port, grpc_port = free_port(), free_port()
    log_path = data / "server.log"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(venv / "home"),  # private DuckDB extension directory, see module doc
        "LANG": "C.UTF-8",
    }
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [str(venv / "bin" / "local-bigquery"), "serve", "--host", "127.0.0.1",
             "--port", str(port), "--grpc-port", str(grpc_port), "--project", project,
             "--data-dir", str(data)],
            stdout=log, stderr=subprocess.STDOUT, env=env, cwd=str(data),
        )
    server = LocalBigQuery(
        endpoint=f"http://127.0.0.1:{port}", port=port, grpc_port=grpc_port, data_dir=data,
        process=proc, log_path=log_path, _owned_data_dir=owned,
    )
    try:
        _wait_ready(server, project, timeout_s)
    except BaseException:
        stop(server)
        raise
    return server


def _wait_ready(server: LocalBigQuery, project: str, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    url = f"{server.endpoint}/bigquery/v2/projects/{project}/datasets"
    last = ""
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise LocalBigQueryUnavailable(
                f"local-bigquery exited with {server.process.returncode}: {_tail(server.log_path)}"
            )
        try:
            r = httpx.get(url, timeout=10.0)
            if r.status_code == 200:
                return
            last = f"HTTP {r.status_code}: {r.text[:300]}"
        except httpx.HTTPError as e:
            last = type(e).__name__
        time.sleep(0.25)
    raise LocalBigQueryUnavailable(
        f"local-bigquery not ready after {timeout_s:.0f}s ({last}); log: {_tail(server.log_path)}"
    )


def _tail(path: Path, n: int = 2000) -> str:
    try:
        return path.read_text(errors="replace")[-n:]
    except OSError:
        return ""


def stop(server: LocalBigQuery) -> None:
    """Stop exactly the process ``start`` launched (and its temp data dir, if owned)."""
    proc = server.process
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    if server._owned_data_dir:
        shutil.rmtree(server.data_dir, ignore_errors=True)


@contextlib.contextmanager
def running(**kwargs: object) -> Iterator[LocalBigQuery]:
    server = start(**kwargs)  # type: ignore[arg-type]
    try:
        yield server
    finally:
        stop(server)


def main() -> int:
    """Run a server in the foreground (``python -m demoforge.devtools.localbq``) until Ctrl+C."""
    server = start()
    print(f"local BigQuery at {server.endpoint} (export DEMOFORGE_BIGQUERY_ENDPOINT={server.endpoint})")
    try:
        server.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop(server)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
