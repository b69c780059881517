"""Faster healing: the runner's heartbeat keeps a running phase's lease alive, so the
lease can be short, and a delivery killed mid-phase is taken over about one lease later.

The kill test runs the doomed delivery in its own process (``tests.support.doomed_delivery``)
on a shared SQLite store, keeps it alive for three leases (the heartbeat must hold off a
second delivery all that time), kills it with SIGKILL and measures how long the second
delivery, retrying like Pub/Sub every 100 ms, takes to claim the phase. Real clock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from demoforge.adapters.memory_bus import MemoryBus
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.bootstrap import Container
from demoforge.domain.errors import LeaseHeld
from demoforge.domain.job import Phase, PhaseMessage, Renewal
from demoforge.service import jobs
from demoforge.service.lease import Heartbeat
from demoforge.service.phase import PhaseContext, PhaseOutput
from demoforge.service.runner import Claim
from demoforge.service.transact import update
from demoforge.settings import Settings

ROOT = Path(__file__).resolve().parents[3]
LEASE_S = 2
MSG = PhaseMessage(job_id="heal1", phase=Phase.RESEARCH)


def container(home: Path, **bodies: object) -> Container:
    return Container(Settings(home=home, lease_seconds=LEASE_S),
                     store=SQLiteJobStore(home / "jobs.sqlite"), bus=MemoryBus(),
                     bodies=bodies)  # type: ignore[arg-type]


def create(deps: Container, job_id: str) -> None:
    jobs.create_job(deps, jobs.parse(jobs.CreateJobRequest, {"customer_url": "https://e.com"}),
                    job_id=job_id)


def test_default_lease_is_short_and_renewed_every_third() -> None:
    s = Settings()
    assert s.lease_seconds == 90 and s.phase_deadline_s == 540
    assert Settings.from_env({"DEMOFORGE_LEASE_SECONDS": "60"}).lease_seconds == 60


def test_a_killed_delivery_is_taken_over_about_one_lease_later(tmp_path: Path) -> None:
    deps = container(tmp_path, research=lambda ctx: PhaseOutput())
    create(deps, "heal1")
    marker = tmp_path / "running"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), str(ROOT / "shared"), os.environ.get("PYTHONPATH", "")])}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.support.doomed_delivery", str(tmp_path / "jobs.sqlite"),
         str(marker), str(LEASE_S), "heal1"], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, "the doomed delivery exited early"
            assert time.monotonic() < deadline, "the doomed delivery never started its body"
            time.sleep(0.05)
        runner = deps.runner()
        # Alive: for three leases every redelivery finds the lease held (renewed).
        alive_until = time.monotonic() + 3 * LEASE_S
        tries = 0
        while time.monotonic() < alive_until:
            with pytest.raises(LeaseHeld):
                runner.handle(MSG, f"retry-{tries}")
            tries += 1
            time.sleep(0.1)
        assert tries > 20
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        killed = time.monotonic()
        outcome = None
        while outcome is None:
            try:
                outcome = runner.handle(MSG, "heir")
            except LeaseHeld:
                assert time.monotonic() - killed < 5 * LEASE_S, "never taken over"
                time.sleep(0.1)
        heal_s = time.monotonic() - killed
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    print(f"\nheal time after kill -9 with a {LEASE_S} s lease: {heal_s:.2f} s")
    assert outcome == Claim.CLAIMED
    # The lease had at most one renewal interval less than a full lease left when the
    # delivery died: taken over within a lease (plus one retry pause), not a function timeout.
    assert LEASE_S * 2 / 3 - 0.3 <= heal_s <= LEASE_S + 0.3, heal_s
    job = deps.store.get("heal1")
    assert job is not None and job.phase(Phase.RESEARCH).attempts == 2


def test_heartbeat_stops_when_the_job_is_cancelled_and_when_the_lease_is_lost(tmp_path: Path) -> None:
    seen: dict[str, object] = {}
    deps = container(tmp_path)

    def body(ctx: PhaseContext) -> PhaseOutput:
        time.sleep(LEASE_S * 1.5)  # outlives the claim's lease: only renewals keep it
        job = deps.store.get(ctx.job_id)
        assert job is not None
        seen["expires"] = job.phase(Phase.RESEARCH).lease_expires_at
        seen["now"] = deps.clock()
        return PhaseOutput()

    deps.bodies[Phase.RESEARCH] = body
    create(deps, "hb1")
    assert deps.runner().handle(PhaseMessage(job_id="hb1", phase=Phase.RESEARCH), "d1") == Claim.CLAIMED
    assert seen["expires"] > seen["now"]  # type: ignore[operator]

    create(deps, "hb2")
    now = deps.clock()
    update(deps.store, "hb2", lambda j: j.claim(Phase.RESEARCH, "d2", now, lease_s=LEASE_S,
                                                max_attempts=5))
    beat = Heartbeat(deps, "hb2", Phase.RESEARCH, "d2")
    with beat:
        jobs.cancel_job(deps, "hb2")
        stop_by = time.monotonic() + LEASE_S * 2
        while beat.outcome is None and time.monotonic() < stop_by:
            time.sleep(0.05)
    assert beat.outcome == Renewal.STOPPED

    create(deps, "hb3")
    update(deps.store, "hb3", lambda j: j.claim(Phase.RESEARCH, "someone-else", now,
                                                lease_s=LEASE_S, max_attempts=5))
    other = Heartbeat(deps, "hb3", Phase.RESEARCH, "d3")
    with other:
        stop_by = time.monotonic() + LEASE_S * 2
        while other.outcome is None and time.monotonic() < stop_by:
            time.sleep(0.05)
    assert other.outcome == Renewal.LOST
    job = deps.store.get("hb3")
    assert job is not None and job.phase(Phase.RESEARCH).lease_owner == "someone-else"


def test_renewal_stops_at_the_phase_deadline(tmp_path: Path) -> None:
    deps = Container(Settings(home=tmp_path, lease_seconds=1, phase_deadline_s=1),
                     store=SQLiteJobStore(tmp_path / "jobs.sqlite"), bus=MemoryBus())
    create(deps, "dl1")
    now = deps.clock()
    update(deps.store, "dl1", lambda j: j.claim(Phase.RESEARCH, "d", now, lease_s=1, max_attempts=5))
    beat = Heartbeat(deps, "dl1", Phase.RESEARCH, "d").start()
    done = threading.Event()
    threading.Timer(2.5, done.set).start()
    done.wait()
    assert not beat.renewing, "renewing must end at the deadline"
    beat.stop()
    assert beat.beats <= 3
