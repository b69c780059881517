"""Chaos on the deployed shape (``demoforge up``: the official Firestore and Pub/Sub
emulators, every function under functions-framework, push subscriptions), four jobs at
once:

- duplicates and reordering: every phase's message of one job published again, twice,
  in reverse order, while it runs and after it finished;
- kill -9: the warehouse function's process group is SIGKILLed while a job's warehouse
  phase runs, then started again (the redelivery takes over once the lease expires);
- cancel -> retry while a job's warehouse phase runs;
- DELETE while a job's warehouse phase runs;
- poison: ``{"job_id": "__x__"}``, an unknown job, a wrong phase and garbage, published
  to the topics and pushed straight at a function (it must answer 200: acknowledged).

Afterwards: lost = 0 (every job ended where it should: completed, or deleted with its
teardown done), duplicated resources = 0 (one demo dataset per job, each phase recorded
done exactly once, no phase left running), and the deleted job left nothing behind.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from pathlib import Path
from typing import Any

import duckdb
import httpx
import pytest

from demoforge.adapters.firestore_store import FirestoreJobStore
from demoforge.devtools import emulators, samples
from demoforge.devtools.stack import LocalStack
from demoforge.domain.job import PHASE_ORDER, JobDoc, JobStatus, Phase, PhaseStatus
from demoforge.settings import Settings

pytestmark = [pytest.mark.integration, pytest.mark.e2e]

LEASE_S = 15  # so a killed delivery is taken over within seconds, not nine minutes
POISON = [b'{"job_id": "__x__", "phase": "research"}', b'{"job_id": "nosuchjob99", "phase": "research"}',
          b'{"job_id": "__main__", "phase": "modeling"}', b"\xff not json", b"[1, 2]"]


def _publish(stack: LocalStack, phase: Phase, payload: bytes) -> None:
    host = stack.env["PUBSUB_EMULATOR_HOST"]
    path = emulators.topic_path(stack.project, phase.topic)
    resp = httpx.post(f"http://{host}/v1/{path}:publish", timeout=10,
                      json={"messages": [{"data": base64.b64encode(payload).decode()}]})
    resp.raise_for_status()


def _message(job_id: str, phase: Phase) -> bytes:
    return json.dumps({"job_id": job_id, "phase": phase.value}).encode()


def _push_directly(stack: LocalStack, phase: Phase, payload: bytes, n: int) -> int:
    """POST a push envelope to the phase function as the emulator does; its status code
    is the ack (2xx) or the nack."""
    port = next(p.port for p in stack.procs if p.name == f"fn-{phase.value}")
    body = {"message": {"data": base64.b64encode(payload).decode(), "messageId": f"poison-{n}",
                        "publishTime": "2026-12-01T00:00:00Z"},
            "subscription": f"projects/{stack.project}/subscriptions/{phase.topic}-push"}
    return httpx.post(f"http://127.0.0.1:{port}/projects/{stack.project}/topics/{phase.topic}",
                      json=body, timeout=30).status_code


def _schemas(home: Path, job_id: str) -> list[str]:
    path = home / "jobs" / job_id / "warehouse.duckdb"
    if not path.exists():
        return []
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute("SELECT DISTINCT table_schema FROM information_schema.tables "
                           "WHERE table_schema LIKE 'demo_%'").fetchall()
        return [r[0] for r in rows]
    finally:
        con.close()


def _done_events(store: FirestoreJobStore, job_id: str) -> dict[str, int]:
    events, _ = store.events(job_id, limit=1000)
    return {p.value: sum(e.message.startswith(f"{p.value} done in") for e in events)
            for p in PHASE_ORDER}


def test_chaos_on_the_emulator_stack(tmp_path: Path) -> None:
    reason = emulators.emulators_available()
    if reason:
        pytest.skip(f"Google Cloud emulators unavailable: {reason}")
    stack = LocalStack(home=tmp_path, api_port=emulators.free_port(), allow_private_network=True,
                       use_local_bigquery=False, extra_env={"DEMOFORGE_LEASE_SECONDS": str(LEASE_S)})
    started = time.monotonic()
    with stack, samples.serve("ledgerly") as url:
        api = stack.api_url
        store = FirestoreJobStore(Settings(project=stack.project,
                                           firestore_emulator_host=stack.env["FIRESTORE_EMULATOR_HOST"]))

        def create(rows: int) -> str:
            resp = httpx.post(f"{api}/jobs", json={"customer_url": url, "rows": rows, "seed": 5},
                              timeout=30)
            assert resp.status_code == 202, resp.text
            return str(resp.json()["job_id"])

        dup, killed, retried, deleted = create(5_000), create(250_000), create(250_000), create(250_000)
        for phase in reversed(PHASE_ORDER):  # duplicates, out of order, before their turn
            for _ in range(2):
                _publish(stack, phase, _message(dup, phase))
        for payload in POISON:
            _publish(stack, Phase.RESEARCH, payload)
        _publish(stack, Phase.AGENT, _message(dup, Phase.MODELING))  # wrong topic for its phase
        acks = [_push_directly(stack, Phase.RESEARCH, p, i) for i, p in enumerate(POISON)]
        assert acks == [200] * len(POISON)  # acknowledged, never redelivered for ever

        acted: set[str] = set()
        delete_answer: dict[str, Any] = {}
        jobs: dict[str, JobDoc] = {}

        def warehouse_running(job_id: str) -> bool:
            return jobs[job_id].phase(Phase.WAREHOUSE).status == PhaseStatus.RUNNING

        def settled() -> bool:
            return (all(jobs[j].status == JobStatus.COMPLETED for j in (dup, killed, retried))
                    and jobs[deleted].status == JobStatus.DELETED
                    and jobs[deleted].results.get("teardown", {}).get("status") == "done"
                    and "delete" in acted)

        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            jobs = {j: store.get(j) for j in (dup, killed, retried, deleted)}  # type: ignore[misc]
            if "kill" not in acted and warehouse_running(killed):
                acted.add("kill")
                port = next(p.port for p in stack.procs if p.name == "fn-warehouse")
                stack.kill_function("warehouse")  # kill -9 mid-phase
                stack.restart_function("warehouse", port)
            if "cancel" not in acted and warehouse_running(retried):
                acted.add("cancel")
                assert httpx.post(f"{api}/jobs/{retried}:cancel", timeout=30).status_code == 200
                assert httpx.post(f"{api}/jobs/{retried}:retry", timeout=30).status_code == 202
            if "delete" not in acted and warehouse_running(deleted):
                acted.add("delete")
                threading.Thread(target=lambda: delete_answer.setdefault(
                    "resp", httpx.delete(f"{api}/jobs/{deleted}", timeout=60)), daemon=True).start()
            if jobs[dup].status == JobStatus.COMPLETED and "late" not in acted:
                acted.add("late")
                for phase in PHASE_ORDER:  # late duplicates after completion
                    _publish(stack, phase, _message(dup, phase))
            if settled():
                break
            time.sleep(0.2)
        seconds = time.monotonic() - started
        assert {"kill", "cancel", "delete"} <= acted, (acted, {j: d.status for j, d in jobs.items()})
        assert settled(), {j: (d.status, d.error, d.results.get("teardown")) for j, d in jobs.items()}
        time.sleep(1.0)  # late duplicates still in flight change nothing
        jobs = {j: store.get(j) for j in jobs}  # type: ignore[misc]

        # lost = 0: every job ended where it should
        lost = [j for j in (dup, killed, retried) if jobs[j].status != JobStatus.COMPLETED]
        assert lost == []
        assert jobs[deleted].status == JobStatus.DELETED
        assert delete_answer["resp"].status_code in (200, 202), delete_answer["resp"].text
        # duplicated resources = 0
        for j in (dup, killed, retried):
            assert len(_schemas(tmp_path, j)) == 1, (j, _schemas(tmp_path, j))
            assert _done_events(store, j) == {p.value: 1 for p in PHASE_ORDER}, j
            assert all(jobs[j].phase(p).lease_owner is None for p in PHASE_ORDER)
            assert (tmp_path / "jobs" / j / "agent.json").is_file()
        assert jobs[killed].phase(Phase.WAREHOUSE).attempts >= 2  # the redelivery took over
        # the deleted job left nothing: no dataset, no pack folder, no phase running
        folder = tmp_path / "jobs" / deleted
        assert not folder.exists(), (sorted(str(p.relative_to(folder)) for p in folder.rglob("*")),
                                     [(e.at.isoformat(), e.phase, e.message)
                                      for e in store.events(deleted, limit=500)[0]])
        assert all(jobs[deleted].phase(p).status != PhaseStatus.RUNNING for p in PHASE_ORDER)
        assert httpx.get(f"{api}/jobs/{deleted}/report", timeout=10).status_code == 410
    print(f"chaos run: {seconds:.1f}s after start-up began; DELETE answered "
          f"{delete_answer['resp'].status_code}; warehouse attempts of the killed job: "
          f"{jobs[killed].phase(Phase.WAREHOUSE).attempts}")
