"""The deployed shape on this machine: the api under functions-framework takes a POST, the
job chains through the Pub/Sub emulator's push subscriptions to the five phase functions,
and the Firestore emulator's job document shows every phase done with durations."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from demoforge.adapters.firestore_store import FirestoreJobStore
from demoforge.devtools import emulators, samples
from demoforge.devtools.stack import LocalStack
from demoforge.domain.job import PHASE_ORDER, JobStatus, PhaseStatus
from demoforge.settings import Settings

pytestmark = [pytest.mark.integration, pytest.mark.e2e]


def test_job_chains_through_emulators_to_completed(tmp_path: Path) -> None:
    reason = emulators.emulators_available()
    if reason:
        pytest.skip(f"Google Cloud emulators unavailable: {reason}")
    stack = LocalStack(home=tmp_path, api_port=emulators.free_port(), allow_private_network=True,
                       use_local_bigquery=False)
    with stack, samples.serve("ledgerly") as url:
        resp = httpx.post(f"{stack.api_url}/jobs", json={"customer_url": url, "rows": 20_000}, timeout=30)
        assert resp.status_code == 202, resp.text
        status_url = stack.api_url + resp.json()["status_url"]
        deadline = time.monotonic() + 240
        job = {}
        while time.monotonic() < deadline:
            job = httpx.get(status_url, timeout=10).json()
            if job["status"] in ("completed", "failed", "waiting"):
                break
            time.sleep(0.5)
        assert job["status"] == "completed", job
        # Read the document straight from the Firestore emulator, as a person would in the console.
        store = FirestoreJobStore(Settings(project=stack.project,
                                           firestore_emulator_host=stack.env["FIRESTORE_EMULATOR_HOST"]))
        doc = store.get(job["job_id"])
        assert doc is not None and doc.status == JobStatus.COMPLETED and doc.progress == 100
        for p in PHASE_ORDER:
            ps = doc.phase(p)
            assert ps.status == PhaseStatus.DONE, p
            assert ps.duration_s is not None and ps.duration_s > 0, p
            assert ps.attempts >= 1
        events, _ = store.events(job["job_id"], limit=200)
        assert any("agent done" in e.message for e in events)
        assert doc.results["modeling"]["template"] == "saas_software"
        # Each function's output is in its log: its deliveries and the job events it wrote.
        for p in PHASE_ORDER:
            log = (tmp_path / "stack" / "logs" / f"{p.value}.log").read_text()
            assert f"job {job['job_id']} {p.value}: {p.value} started" in log, (p, log[-2000:])
            assert f"{p.value} {job['job_id']}: claimed" in log, p
        assert f"job {job['job_id']}: job created" in (tmp_path / "stack" / "logs" / "api.log").read_text()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"  # a zombie has stopped
    except FileNotFoundError:
        return False


def test_up_detach_then_down_stops_exactly_what_it_started(tmp_path: Path) -> None:
    import json
    import os
    import subprocess
    import sys

    reason = emulators.emulators_available()
    if reason:
        pytest.skip(f"Google Cloud emulators unavailable: {reason}")
    env = {**os.environ, "DEMOFORGE_HOME": str(tmp_path)}
    port = emulators.free_port()
    cli = [sys.executable, "-m", "demoforge.entrypoints.cli"]
    up = subprocess.run([*cli, "up", "--detach", "--no-bigquery", "--port", str(port)], env=env,
                        capture_output=True, text=True, timeout=120, check=False)
    state = tmp_path / "stack" / "state.json"
    pids = [p["pid"] for p in json.loads(state.read_text())["procs"]] if state.exists() else []
    try:
        assert up.returncode == 0, up.stdout + up.stderr
        assert len(pids) == 8 and all(_alive(pid) for pid in pids)
        assert httpx.get(f"http://127.0.0.1:{port}/jobs", timeout=10).json() == {
            "jobs": [], "next_cursor": None}
    finally:
        down = subprocess.run([*cli, "down"], env=env, capture_output=True, text=True, timeout=120,
                              check=False)
    assert down.returncode == 0 and "fn-api" in down.stdout
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in pids)
    assert not state.exists()
    again = subprocess.run([*cli, "down"], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert "nothing was running" in again.stdout


def test_up_refuses_an_occupied_port_and_keeps_jobs_across_down_and_up(tmp_path: Path) -> None:
    import os
    import re
    import socket
    import subprocess
    import sys

    reason = emulators.emulators_available()
    if reason:
        pytest.skip(f"Google Cloud emulators unavailable: {reason}")
    env = {**os.environ, "DEMOFORGE_HOME": str(tmp_path)}
    cli = [sys.executable, "-m", "demoforge.entrypoints.cli"]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*cli, *args], env=env, capture_output=True, text=True, timeout=180,
                              check=False)

    port = emulators.free_port()
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", port))
        squatter.listen()
        taken = run("up", "--detach", "--no-bigquery", "--port", str(port))
    assert taken.returncode == 2, taken.stdout + taken.stderr
    assert f"port {port} is already in use" in taken.stderr
    assert "api:" not in taken.stdout and not (tmp_path / "stack" / "state.json").exists()

    api = f"http://127.0.0.1:{port}"
    try:
        up = run("up", "--detach", "--no-bigquery", "--port", str(port))
        assert up.returncode == 0, up.stdout + up.stderr
        # Progress while starting, and the start-up time.
        assert "starting Firestore emulator" in up.stderr and "api ready in" in up.stderr
        took = re.search(r"stack up in ([\d.]+)s", up.stdout)
        assert took, up.stdout
        print(f"\nstack start-up (fresh, --no-bigquery): {took.group(1)} s")
        # A job (refused at research: loopback without --allow-private-network, no traffic).
        job_id = httpx.post(f"{api}/jobs", json={"customer_url": "http://127.0.0.1:9/"},
                            timeout=30).json()["job_id"]
        deadline = time.monotonic() + 60
        while httpx.get(f"{api}/jobs/{job_id}", timeout=10).json()["status"] != "failed":
            assert time.monotonic() < deadline
            time.sleep(0.3)
        down = run("down")
        assert down.returncode == 0, down.stdout + down.stderr

        up = run("up", "--detach", "--no-bigquery", "--port", str(port))
        assert up.returncode == 0, up.stdout + up.stderr
        assert "with the saved job data" in up.stderr
        took = re.search(r"stack up in ([\d.]+)s", up.stdout)
        print(f"stack start-up (with saved data): {took.group(1) if took else '?'} s")
        kept = httpx.get(f"{api}/jobs/{job_id}", timeout=10).json()
        assert kept["status"] == "failed" and kept["error"]["code"] == "unsafe_url"
        events = httpx.get(f"{api}/jobs/{job_id}/events", timeout=10).json()["events"]
        assert any("job created" in e["message"] for e in events)
        assert run("down").returncode == 0

        fresh = run("up", "--detach", "--no-bigquery", "--fresh", "--port", str(port))
        assert fresh.returncode == 0, fresh.stdout + fresh.stderr
        assert httpx.get(f"{api}/jobs", timeout=10).json()["jobs"] == []
    finally:
        run("down")
