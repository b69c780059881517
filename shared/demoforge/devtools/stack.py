"""``demoforge up`` / ``down``: the whole deployed shape, on this machine.

Starts the official Firestore and Pub/Sub emulators that ship with the Google Cloud CLI,
the local BigQuery-API server when it can (else the DuckDB warehouse), creates one topic
and one push subscription per phase, and runs every function under functions-framework on
its own loopback port (the api on 8080 by default) — the same entry points, runner and
adapters as in the cloud, configured only through the environment. ``down`` stops exactly
the process groups ``up`` started (their pids are kept in ``<home>/stack/state.json``).

``up`` refuses an api port something else already holds, reports each step as it starts,
and writes each function's output (its log lines and every job event it writes) to
``<home>/stack/logs/fn-<name>.log``. Job data survives ``down``/``up``: ``stop``/``down``
export the Firestore emulator to ``<home>/stack/firestore-data`` before stopping it and
``up`` imports the newest export (``fresh=True`` / ``--fresh`` starts empty instead).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from demoforge.devtools import emulators
from demoforge.domain.job import PHASE_ORDER

FUNCTIONS_DIR = Path(__file__).resolve().parents[3] / "functions"


class StackError(RuntimeError):
    pass


@dataclasses.dataclass
class Proc:
    name: str
    pid: int
    port: int
    log: str


@dataclasses.dataclass
class LocalStack:
    home: Path
    project: str = "demoforge-local"
    api_port: int = 8080
    allow_private_network: bool = False
    use_local_bigquery: bool = True
    fresh: bool = False  # start with no job data instead of the last export
    progress: Callable[[str], None] | None = None  # told each step as it starts and ends
    # Settings for every function on top of the stack's own (tests: a short lease).
    extra_env: dict[str, str] = dataclasses.field(default_factory=dict)
    procs: list[Proc] = dataclasses.field(default_factory=list)
    env: dict[str, str] = dataclasses.field(default_factory=dict)
    _handles: list[Any] = dataclasses.field(default_factory=list)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    @property
    def state_file(self) -> Path:
        return self.home / "stack" / "state.json"

    @property
    def firestore_data(self) -> Path:
        return firestore_data(self.home)

    def _say(self, text: str) -> None:
        if self.progress is not None:
            self.progress(text)

    @contextlib.contextmanager
    def _step(self, what: str) -> Any:
        self._say(f"starting {what} ...")
        t0 = time.monotonic()
        yield
        self._say(f"  {what} ready in {time.monotonic() - t0:.1f}s")

    def start(self) -> LocalStack:
        if not FUNCTIONS_DIR.is_dir():
            raise StackError(f"functions/ not found at {FUNCTIONS_DIR}: run `demoforge up` from a checkout")
        if emulators.port_taken(self.api_port):
            raise StackError(f"port {self.api_port} is already in use by another program; "
                             "choose a free one with --port")
        missing = emulators.emulators_available()
        if missing:
            raise StackError(missing)
        logs = self.home / "stack" / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        try:
            self._start_all(logs)
        except BaseException:
            self.stop(save=False)  # the import is still the last save
            raise
        self.state_file.write_text(json.dumps(
            {"api_url": self.api_url, "project": self.project,
             "procs": [dataclasses.asdict(p) for p in self.procs]}, indent=2))
        return self

    def _start_all(self, logs: Path) -> None:
        if self.fresh:
            shutil.rmtree(self.firestore_data, ignore_errors=True)
            shutil.rmtree(self.home / "stack" / "bigquery", ignore_errors=True)
        saved = emulators.latest_export(self.firestore_data) if self.firestore_data.is_dir() else None
        with self._step("Firestore emulator" + (" (with the saved job data)" if saved else "")):
            fs = emulators.start_firestore(self.project, log_dir=logs, import_data=saved)
        self._track("firestore-emulator", fs.pid, int(fs.host.rsplit(":", 1)[1]), str(fs.log_path), fs)
        with self._step("Pub/Sub emulator"):
            ps = emulators.start_pubsub(self.project, log_dir=logs)
        self._track("pubsub-emulator", ps.pid, int(ps.host.rsplit(":", 1)[1]), str(ps.log_path), ps)
        env = {
            "DEMOFORGE_MODE": "local", "DEMOFORGE_JOB_STORE": "firestore", "DEMOFORGE_BUS": "pubsub",
            "DEMOFORGE_ARTIFACTS": "local", "DEMOFORGE_AGENTS": "local",
            "DEMOFORGE_WAREHOUSE": "duckdb", "DEMOFORGE_HOME": str(self.home),
            "GOOGLE_CLOUD_PROJECT": self.project,
            "FIRESTORE_EMULATOR_HOST": fs.host, "PUBSUB_EMULATOR_HOST": ps.host,
            "DEMOFORGE_ALLOW_PRIVATE_NETWORK": "1" if self.allow_private_network else "0",
        }
        if self.use_local_bigquery:
            from demoforge.devtools import localbq

            try:
                with self._step("local BigQuery server"):
                    bq = localbq.start(data_dir=self.home / "stack" / "bigquery", project=self.project)
            except localbq.LocalBigQueryUnavailable as e:
                print(f"local BigQuery server unavailable ({e}); using the DuckDB warehouse",
                      file=sys.stderr)
            else:
                self._track("local-bigquery", bq.process.pid, bq.port, str(bq.log_path), bq)
                env.update(DEMOFORGE_WAREHOUSE="bigquery", DEMOFORGE_BIGQUERY_ENDPOINT=bq.endpoint)
        self.env = {**env, **self.extra_env}
        emulators.create_topics(ps, self.project, [p.topic for p in PHASE_ORDER])
        for phase in PHASE_ORDER:
            port = emulators.free_port()
            with self._step(f"{phase.value} function"):
                self._function(phase.value, "handle", "cloudevent", port, logs)
            emulators.create_push_subscription(
                ps, self.project, phase.topic,
                # The topic in the path lets functions-framework name the event's source.
                f"http://127.0.0.1:{port}/projects/{self.project}/topics/{phase.topic}")
        with self._step("api"):
            self._function("api", "api", "http", self.api_port, logs)
            self._wait_http(self.api_url + "/jobs?limit=1")

    def kill_function(self, name: str) -> None:
        """SIGKILL a function's whole process group, as a crashed instance (chaos tests)."""
        i = next(i for i, p in enumerate(self.procs) if p.name == f"fn-{name}")
        os.killpg(self.procs[i].pid, signal.SIGKILL)
        self._handles[i].wait(10)
        del self.procs[i], self._handles[i]

    def restart_function(self, name: str, port: int) -> None:
        """Start a killed phase function again on its port (its push subscription's)."""
        self._function(name, "handle", "cloudevent", port, self.home / "stack" / "logs")

    def _track(self, name: str, pid: int, port: int, log: str, handle: Any) -> None:
        self.procs.append(Proc(name, pid, port, log))
        self._handles.append(handle)

    def _function(self, name: str, target: str, signature: str, port: int, logs: Path) -> None:
        log_path = logs / f"{name}.log"
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", "demoforge.devtools.function_host", "--target", target,
                 "--source", str(FUNCTIONS_DIR / name / "main.py"), "--signature-type", signature,
                 "--host", "127.0.0.1", "--port", str(port)],
                env={**os.environ, **self.env, "PYTHONUNBUFFERED": "1"},
                stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True,
            )
        self._track(f"fn-{name}", proc.pid, port, str(log_path), proc)
        self._wait_port(port, proc, log_path)

    @staticmethod
    def _wait_port(port: int, proc: subprocess.Popen[bytes], log: Path, timeout_s: float = 30) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise StackError(f"function on port {port} exited: {log.read_text()[-2000:]}")
            with contextlib.suppress(httpx.TransportError):
                httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
                return
            time.sleep(0.1)
        raise StackError(f"function on port {port} did not start within {timeout_s}s; see {log}")

    @staticmethod
    def _wait_http(url: str, timeout_s: float = 30) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(url, timeout=2).status_code < 500:
                    return
            time.sleep(0.1)
        raise StackError(f"{url} did not answer within {timeout_s}s")

    def stop(self, save: bool = True) -> None:
        """Save the job data (a Firestore export), then stop everything; raises
        ``StackError`` after stopping when the export failed."""
        saved = _save_jobs(self.home, self.project, self.procs) if save else None
        for proc, handle in reversed(list(zip(self.procs, self._handles, strict=True))):
            if hasattr(handle, "stop"):
                handle.stop()
            elif proc.name == "local-bigquery":
                from demoforge.devtools import localbq

                localbq.stop(handle)
            else:
                emulators.stop_group(proc.pid, 10.0, handle)
        self.procs.clear()
        self._handles.clear()
        self.state_file.unlink(missing_ok=True)
        if saved is not None:
            raise StackError(saved)

    def __enter__(self) -> LocalStack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def firestore_data(home: Path) -> Path:
    return home / "stack" / "firestore-data"


def _save_jobs(home: Path, project: str, procs: list[Proc]) -> str | None:
    """Export the running Firestore emulator's documents for the next ``up``; None when
    saved (or nothing to save), else why not."""
    fs = next((p for p in procs if p.name == "firestore-emulator"), None)
    if fs is None:
        return None
    try:
        emulators.export_firestore(f"127.0.0.1:{fs.port}", project, firestore_data(home))
    except (RuntimeError, OSError, httpx.HTTPError) as e:
        return f"job data not saved (the next `up` starts from the previous save): {e}"
    return None


def down(home: Path) -> list[str]:
    """Stop what a detached ``up`` started (by the pids it recorded), after saving the job
    data; returns their names. Raises ``StackError`` after stopping when the save failed."""
    state = home / "stack" / "state.json"
    if not state.is_file():
        return []
    recorded = json.loads(state.read_text())
    procs = [Proc(**p) for p in recorded["procs"]]
    saved = _save_jobs(home, recorded.get("project", "demoforge-local"), procs)
    stopped = []
    for p in reversed(procs):
        with contextlib.suppress(ProcessLookupError):
            if p.name == "local-bigquery":
                os.kill(p.pid, signal.SIGTERM)
            else:
                emulators.stop_group(p.pid, 10.0)
            stopped.append(p.name)
    state.unlink()
    if saved is not None:
        raise StackError(saved)
    return stopped
