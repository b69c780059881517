"""The job's state machine, directly on ``JobDoc``: every transition, its guards, and
that a transition which changes nothing leaves the document equal (nothing to write)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from demoforge.domain.errors import Conflict
from demoforge.domain.job import (
    PHASE_ORDER,
    Claim,
    Clarification,
    JobDoc,
    JobStatus,
    Phase,
    PhaseMessage,
    PhaseStatus,
)

T0 = dt.datetime(2026, 5, 4, 10, 0, tzinfo=dt.UTC)
LEASE = 540


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def new_job() -> JobDoc:
    return JobDoc(job_id="job1", customer_url="https://example.com/", created_at=T0, updated_at=T0)


def claim(job: JobDoc, phase: Phase, now: dt.datetime, owner: str = "d1", max_attempts: int = 3) -> Claim:
    return job.claim(phase, owner, now, lease_s=LEASE, max_attempts=max_attempts)


def done_through(job: JobDoc, last: Phase) -> JobDoc:
    """Claim and complete every phase up to ``last``."""
    for p in PHASE_ORDER[: last.position + 1]:
        assert claim(job, p, at(p.position * 10)) == Claim.CLAIMED
        job.complete(p, at(p.position * 10 + 5), owner="d1", summary={"p": p.value}, result={"r": p.value})
    return job


def unchanged(job: JobDoc, transition: Callable[[], object]) -> None:
    """The document is equal before and after ``transition`` (so nothing is written)."""
    before = job.model_copy(deep=True)
    transition()
    assert job == before


def test_claim_takes_the_lease_and_counts_the_attempt() -> None:
    job = new_job()
    assert claim(job, Phase.RESEARCH, at(1)) == Claim.CLAIMED
    ps = job.phase(Phase.RESEARCH)
    assert (ps.status, ps.attempts, ps.lease_owner) == (PhaseStatus.RUNNING, 1, "d1")
    assert ps.lease_expires_at == at(1 + LEASE) and ps.started_at == at(1)
    assert (job.status, job.current_phase, job.updated_at) == (JobStatus.RUNNING, Phase.RESEARCH, at(1))


def test_claim_refusals_change_nothing() -> None:
    job = new_job()
    unchanged(job, lambda: claim(job, Phase.MODELING, at(1)))
    assert claim(job, Phase.MODELING, at(1)) == Claim.NOT_READY
    claim(job, Phase.RESEARCH, at(2))
    unchanged(job, lambda: claim(job, Phase.RESEARCH, at(3), owner="d2"))
    assert claim(job, Phase.RESEARCH, at(3), owner="d2") == Claim.BUSY
    job.complete(Phase.RESEARCH, at(4), owner="d1", summary={}, result={})
    unchanged(job, lambda: claim(job, Phase.RESEARCH, at(5), owner="late"))
    assert claim(job, Phase.RESEARCH, at(5), owner="late") == Claim.ALREADY_DONE
    assert job.next_message(Phase.RESEARCH) == PhaseMessage(job_id="job1", phase=Phase.MODELING)


@pytest.mark.parametrize("status", [JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED,
                                    JobStatus.DELETED])
def test_a_finished_job_is_left_alone(status: JobStatus) -> None:
    job = new_job()
    job.status = status
    assert job.finished and status.terminal
    unchanged(job, lambda: claim(job, Phase.RESEARCH, at(1)))
    assert claim(job, Phase.RESEARCH, at(1)) == Claim.STOPPED
    unchanged(job, lambda: job.complete(Phase.RESEARCH, at(2), owner="d1", summary={"x": 1}, result={"y": 2}))
    unchanged(job, lambda: job.release(Phase.RESEARCH, "boom", at(3), owner="d1", max_attempts=3))
    unchanged(job, lambda: job.fail(Phase.RESEARCH, "code", "message", at(4)))
    assert job.next_message(Phase.RESEARCH) is None


def test_an_expired_lease_is_taken_over() -> None:
    job = new_job()
    claim(job, Phase.RESEARCH, at(0), owner="crashed")
    assert claim(job, Phase.RESEARCH, at(LEASE + 1), owner="second") == Claim.CLAIMED
    assert job.phase(Phase.RESEARCH).attempts == 2 and job.phase(Phase.RESEARCH).lease_owner == "second"


def test_complete_records_the_phase_and_names_the_next_message() -> None:
    job = new_job()
    claim(job, Phase.RESEARCH, at(0))
    nxt = job.complete(Phase.RESEARCH, at(2.5), owner="d1", summary={"pages": 3}, result={"industry": "telecom"})
    assert nxt == PhaseMessage(job_id="job1", phase=Phase.MODELING)
    ps = job.phase(Phase.RESEARCH)
    assert (ps.status, ps.duration_s, ps.summary, ps.lease_owner) == (PhaseStatus.DONE, 2.5, {"pages": 3}, None)
    assert job.results["research"] == {"industry": "telecom"}
    assert (job.progress, job.current_phase, job.status) == (15, Phase.MODELING, JobStatus.RUNNING)
    # A duplicate completion (a concurrent delivery) keeps the first result and writes nothing.
    unchanged(job, lambda: job.complete(Phase.RESEARCH, at(9), owner="d2", summary={"pages": 1}, result={}))
    assert job.complete(Phase.RESEARCH, at(9), owner="d2", summary={}, result={}) == nxt


def test_the_last_phase_completes_the_job() -> None:
    job = done_through(new_job(), Phase.AGENT)
    assert (job.status, job.current_phase, job.progress) == (JobStatus.COMPLETED, None, 100)
    assert job.finished and job.next_message(Phase.AGENT) is None


def test_a_question_for_a_person_makes_the_job_wait() -> None:
    job = new_job()
    claim(job, Phase.RESEARCH, at(0))
    question = Clarification(question="Which industry?", candidates=["insurance", "telecom"])
    assert job.complete(Phase.RESEARCH, at(1), owner="d1", summary={}, result={"industry": "other"},
                        waiting=question) is None
    assert (job.status, job.phase(Phase.RESEARCH).status) == (JobStatus.WAITING, PhaseStatus.WAITING)
    assert job.clarification == question and job.progress == 0
    assert claim(job, Phase.RESEARCH, at(2)) == Claim.WAITING
    assert claim(job, Phase.MODELING, at(2)) == Claim.WAITING

    job.answer("insurance", "B2B only", at(3))
    assert job.results["research"] == {"industry": "insurance", "confidence": 1.0, "source": "answer",
                                       "notes": "B2B only"}
    assert job.phase(Phase.RESEARCH).summary == {"industry": "insurance", "answered": True}
    assert (job.status, job.current_phase, job.progress) == (JobStatus.RUNNING, Phase.MODELING, 15)
    assert job.clarification is not None and job.clarification.answer == "insurance"
    with pytest.raises(Conflict, match="not waiting for an answer"):
        job.answer("telecom", None, at(4))


def test_release_frees_the_lease_until_the_budget_is_spent() -> None:
    job = new_job()
    claim(job, Phase.RESEARCH, at(0))
    assert job.release(Phase.RESEARCH, "TransientError: 503", at(1), owner="d1", max_attempts=2) is False
    ps = job.phase(Phase.RESEARCH)
    assert (ps.status, ps.lease_owner, ps.last_error) == (PhaseStatus.PENDING, None, "TransientError: 503")
    unchanged(job, lambda: job.release(Phase.RESEARCH, "again", at(2), owner="d1", max_attempts=2))  # not running
    claim(job, Phase.RESEARCH, at(3), max_attempts=2)
    assert job.release(Phase.RESEARCH, "TransientError: 503 again", at(4), owner="d1", max_attempts=2) is True
    assert job.status == JobStatus.FAILED and job.error is not None
    assert (job.error.phase, job.error.code) == (Phase.RESEARCH, "attempts_exhausted")
    assert job.error.message == ("The research phase did not succeed in 2 attempts. "
                                 "Last error: TransientError: 503 again")


def test_claim_fails_the_job_once_the_budget_is_spent() -> None:
    job = new_job()
    for i in range(3):
        claim(job, Phase.RESEARCH, at(i * 1000))  # every lease expires: crashed deliveries
    assert claim(job, Phase.RESEARCH, at(5000)) == Claim.EXHAUSTED
    assert job.error is not None and job.error.code == "attempts_exhausted"
    # The same message as on release, without a last error when none was recorded.
    assert job.error.message == "The research phase did not succeed in 3 attempts."
    assert job.phase(Phase.RESEARCH).status == PhaseStatus.FAILED


def test_fail_records_phase_code_and_message() -> None:
    job = new_job()
    claim(job, Phase.RESEARCH, at(0))
    job.fail(Phase.RESEARCH, "unsafe_url", "refused to research 10.0.0.1", at(1))
    assert job.status == JobStatus.FAILED and job.current_phase == Phase.RESEARCH
    assert job.error is not None and job.error.message == "refused to research 10.0.0.1"
    ps = job.phase(Phase.RESEARCH)
    assert (ps.status, ps.finished_at, ps.lease_owner) == (PhaseStatus.FAILED, at(1), None)


def test_cancel_is_idempotent_and_refused_for_a_finished_job() -> None:
    job = new_job()
    job.cancel(at(1))
    assert job.status == JobStatus.CANCELLED and job.updated_at == at(1)
    unchanged(job, lambda: job.cancel(at(2)))
    done = done_through(new_job(), Phase.AGENT)
    with pytest.raises(Conflict, match="completed and cannot be cancelled"):
        done.cancel(at(3))


def test_retry_resumes_from_the_first_unfinished_phase() -> None:
    job = done_through(new_job(), Phase.MODELING)
    claim(job, Phase.WAREHOUSE, at(100))
    job.fail(Phase.WAREHOUSE, "bad", "bad data", at(101))
    assert job.retry(at(102), stuck_after=dt.timedelta(seconds=60)) == Phase.WAREHOUSE
    assert (job.status, job.current_phase, job.error, job.progress) == (
        JobStatus.RUNNING, Phase.WAREHOUSE, None, 30)
    assert job.phase(Phase.MODELING).status == PhaseStatus.DONE  # done phases stay
    assert job.phase(Phase.WAREHOUSE).attempts == 0  # a fresh attempt budget
    with pytest.raises(Conflict, match="only failed, cancelled or stuck queued jobs"):
        job.retry(at(103), stuck_after=dt.timedelta(seconds=60))


def test_retry_heals_a_job_whose_first_message_was_lost() -> None:
    job = new_job()
    with pytest.raises(Conflict):
        job.retry(at(30), stuck_after=dt.timedelta(seconds=60))
    assert job.retry(at(61), stuck_after=dt.timedelta(seconds=60)) == Phase.RESEARCH


def test_retry_of_a_job_with_every_phase_done_is_refused() -> None:
    job = done_through(new_job(), Phase.AGENT)
    job.status = JobStatus.FAILED
    with pytest.raises(Conflict, match="every phase done"):
        job.retry(at(500), stuck_after=dt.timedelta(seconds=60))


def test_a_stalled_job_is_failed_visibly() -> None:
    job = done_through(new_job(), Phase.RESEARCH)  # modeling's message then got lost
    limit = dt.timedelta(seconds=LEASE + 600)
    untouched_since = job.updated_at
    unchanged(job, lambda: job.mark_stalled(untouched_since + limit, after=limit))
    assert job.mark_stalled(untouched_since + limit + dt.timedelta(minutes=3), after=limit) is True
    assert job.status == JobStatus.FAILED and job.error is not None
    assert (job.error.code, job.error.phase) == ("stalled", Phase.MODELING)
    assert job.error.message.startswith("No progress on the modeling phase for 22 minutes")


def test_a_live_lease_is_not_a_stall() -> None:
    job = new_job()
    job.claim(Phase.RESEARCH, "d1", at(0), lease_s=100_000, max_attempts=3)
    assert not job.is_stalled(at(50_000), after=dt.timedelta(seconds=60))


def test_mark_deleted_is_idempotent_and_stops_every_phase() -> None:
    job = done_through(new_job(), Phase.MODELING)
    job.mark_deleted(at(100))
    assert job.status == JobStatus.DELETED and job.finished
    unchanged(job, lambda: job.mark_deleted(at(200)))
    assert claim(job, Phase.WAREHOUSE, at(300)) == Claim.STOPPED


def test_a_delivery_that_lost_its_lease_can_neither_complete_nor_release_nor_fail() -> None:
    from demoforge.domain.errors import LeaseLost

    job = new_job()
    claim(job, Phase.RESEARCH, at(0), owner="stale")
    assert claim(job, Phase.RESEARCH, at(LEASE + 1), owner="current") == Claim.CLAIMED
    before = job.model_copy(deep=True)
    with pytest.raises(LeaseLost, match="held by current"):
        job.complete(Phase.RESEARCH, at(LEASE + 2), owner="stale", summary={"x": 1}, result={})
    with pytest.raises(LeaseLost):
        job.release(Phase.RESEARCH, "TransientError", at(LEASE + 2), owner="stale", max_attempts=5)
    with pytest.raises(LeaseLost):
        job.fail(Phase.RESEARCH, "bad", "bad", at(LEASE + 2), owner="stale")
    assert job == before  # the current delivery's lease is intact
    assert job.complete(Phase.RESEARCH, at(LEASE + 3), owner="current", summary={},
                        result={}) == PhaseMessage(job_id="job1", phase=Phase.MODELING)


@pytest.mark.parametrize("stop", ["cancel", "delete"])
def test_a_delivery_of_a_stopped_job_drops_its_lease_and_records_nothing(stop: str) -> None:
    job = done_through(new_job(), Phase.MODELING)
    claim(job, Phase.WAREHOUSE, at(100), owner="d9")
    if stop == "cancel":
        job.cancel(at(101))
    else:
        job.mark_deleted(at(101))
    # another delivery's outcome changes nothing
    unchanged(job, lambda: job.complete(Phase.WAREHOUSE, at(102), owner="other", summary={},
                                        result={"dataset": "x"}))
    assert job.complete(Phase.WAREHOUSE, at(103), owner="d9", summary={"rows": 5},
                        result={"dataset": "x"}) is None
    ps = job.phase(Phase.WAREHOUSE)
    # A cancel stops the running phase for all to see; a delete leaves it to the teardown.
    stopped = PhaseStatus.CANCELLED if stop == "cancel" else PhaseStatus.PENDING
    assert (ps.status, ps.lease_owner, ps.lease_expires_at) == (stopped, None, None)
    assert "warehouse" not in job.results and ps.summary == {}
    assert job.live_lease(at(104)) is None


def test_retry_during_a_running_phase_keeps_its_lease() -> None:
    job = done_through(new_job(), Phase.MODELING)
    claim(job, Phase.WAREHOUSE, at(100), owner="first")
    job.cancel(at(101))
    assert job.retry(at(102), stuck_after=dt.timedelta(seconds=60)) == Phase.WAREHOUSE
    # the retry's message finds the phase busy: no second concurrent run
    assert claim(job, Phase.WAREHOUSE, at(103), owner="retry") == Claim.BUSY
    assert job.phase(Phase.WAREHOUSE).attempts == 0
    assert job.complete(Phase.WAREHOUSE, at(104), owner="first", summary={}, result={}) is not None
    assert job.phase(Phase.WAREHOUSE).status == PhaseStatus.DONE


def test_job_ids_exclude_firestore_reserved_ids() -> None:
    from pydantic import ValidationError

    from demoforge.domain.job import is_job_id

    for good in ("job1", "e2ejob0001", "0c652a6ef335479e9c55", "a-b_c"):
        assert is_job_id(good)
    for bad in ("__x__", "__main__", "_x", "-x", ".", "..", "", "a" * 65, "a/b", "a.b", "ab\x00",
                "\u0663\u0663", None, 42):
        assert not is_job_id(bad)
    with pytest.raises(ValidationError):
        PhaseMessage.model_validate({"job_id": "__x__", "phase": "research"})
