"""The job's claim/complete transitions through a real ``store.transact``: two
deliveries of the same message racing (Pub/Sub at-least-once) leave exactly one owner,
on SQLite and on the Firestore emulator (where Firestore's own retry re-runs the pure
claim function on contention)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from demoforge.domain.job import Claim, JobDoc, JobStatus, Phase, PhaseMessage, PhaseStatus
from demoforge.service.phase import PhaseOutput
from demoforge.service.ports import JobStore
from demoforge.service.transact import update

pytestmark = pytest.mark.integration

NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


def test_concurrent_claims_of_one_phase_have_one_winner(store: JobStore) -> None:
    store.create(JobDoc(job_id="job-r", customer_url="https://shop.example.com/",
                        created_at=NOW, updated_at=NOW))
    barrier = threading.Barrier(2)
    results: dict[str, Claim] = {}
    errors: list[BaseException] = []

    def deliver(owner: str) -> None:
        try:
            barrier.wait(timeout=30)
            results[owner] = update(store, "job-r", lambda j: j.claim(
                Phase.RESEARCH, owner, NOW, lease_s=540, max_attempts=5))[1]
        except BaseException as e:  # noqa: BLE001  (reported by the main thread)
            errors.append(e)

    threads = [threading.Thread(target=deliver, args=(o,)) for o in ("delivery-1", "delivery-2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    outcomes = sorted(r.value for r in results.values())
    assert outcomes == [Claim.BUSY.value, Claim.CLAIMED.value]
    winner = next(o for o, r in results.items() if r == Claim.CLAIMED)

    job = store.get("job-r")
    assert job is not None
    ps = job.phase(Phase.RESEARCH)
    assert ps.status == PhaseStatus.RUNNING
    assert ps.attempts == 1  # the loser did not count an attempt
    assert ps.lease_owner == winner
    assert ps.lease_expires_at == NOW + dt.timedelta(seconds=540)
    assert job.status == JobStatus.RUNNING

    # The winner completes; a duplicate completion writes nothing and returns the same
    # next message; a late redelivery finds the phase done and re-publishes (outbox).
    out = PhaseOutput(summary={"industry": "retail_ecommerce"}, result={"pages": 2})
    done_at = NOW + dt.timedelta(seconds=4, milliseconds=500)
    def complete(at: dt.datetime) -> PhaseMessage | None:
        return update(store, "job-r", lambda j: j.complete(
            Phase.RESEARCH, at, owner=winner, summary=out.summary, result=out.result, waiting=out.waiting))[1]

    nxt = complete(done_at)
    assert nxt == PhaseMessage(job_id="job-r", phase=Phase.MODELING)
    after = store.get("job-r")
    assert after is not None
    assert after.phase(Phase.RESEARCH).status == PhaseStatus.DONE
    assert after.phase(Phase.RESEARCH).duration_s == 4.5
    assert after.progress == 15
    assert after.results["research"] == {"pages": 2}
    assert after.current_phase == Phase.MODELING

    later = done_at + dt.timedelta(seconds=10)
    again = complete(later)
    assert again == nxt
    unchanged = store.get("job-r")
    assert unchanged is not None and unchanged.updated_at == done_at

    job_now, late = update(store, "job-r", lambda j: j.claim(
        Phase.RESEARCH, "delivery-3", later, lease_s=540, max_attempts=5))
    assert late == Claim.ALREADY_DONE
    assert job_now.next_message(Phase.RESEARCH) == nxt
