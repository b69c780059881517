"""The phase runner under at-least-once delivery: duplicates, reordering, crashes,
transient and permanent errors, cancel and retry. Runs on the embedded adapters with
scripted phase bodies (the contract suite proves the same store semantics on Firestore)."""

from __future__ import annotations

import random

import pytest

from demoforge.adapters.memory_bus import MemoryBus
from demoforge.bootstrap import Container
from demoforge.domain.errors import LeaseHeld, PermanentError, TransientError
from demoforge.domain.job import PHASE_ORDER, JobDoc, JobStatus, Phase, PhaseMessage, PhaseStatus
from demoforge.service import jobs
from demoforge.service.runner import Claim, Runner
from demoforge.service.transact import update

from .conftest import Clock, Script


def start(deps: Container, url: str = "https://example.com", job_id: str = "job1") -> JobDoc:
    req = jobs.parse(jobs.CreateJobRequest, {"customer_url": url})
    return jobs.create_job(deps, req, job_id=job_id)


def drain(deps: Container) -> int:
    bus = deps.bus
    assert isinstance(bus, MemoryBus)
    runner = Runner(deps, deps.body_for)
    return bus.drain(lambda m, mid: runner.handle(m, mid))


def final_view(deps: Container, job_id: str = "job1") -> dict[str, object]:
    """The parts of the job doc that must not depend on delivery order or timing."""
    job = deps.store.get(job_id)
    assert job is not None
    return {
        "status": job.status,
        "progress": job.progress,
        "current_phase": job.current_phase,
        "results": job.results,
        "phases": {p: (s.status, s.summary) for p, s in job.phases.items()},
        "error": job.error,
    }


def test_clean_run_completes_every_phase_in_order(make_deps, script: Script) -> None:
    deps = make_deps()
    start(deps)
    drain(deps)
    job = deps.store.get("job1")
    assert job is not None
    assert job.status == JobStatus.COMPLETED
    assert job.progress == 100
    assert job.current_phase is None
    assert job.results["agent"]["chain"] == [p.value for p in PHASE_ORDER]
    for p in PHASE_ORDER:
        ps = job.phase(p)
        assert ps.status == PhaseStatus.DONE and ps.attempts == 1
        assert ps.duration_s is not None and ps.duration_s > 0
        assert ps.finished_at and ps.started_at and ps.finished_at > ps.started_at
    assert all(script.calls[p] == 1 for p in PHASE_ORDER)
    events, _ = deps.store.events("job1", limit=100)
    assert any("agent done" in e.message for e in events)


def test_duplicated_and_reordered_delivery_matches_a_clean_run(make_deps, script: Script) -> None:
    clean = make_deps("clean")
    start(clean)
    drain(clean)
    clean_view = final_view(clean)
    clean_warehouse = dict(script.warehouse)
    script.warehouse.clear()

    chaos = make_deps("chaos")
    bus = chaos.bus
    assert isinstance(bus, MemoryBus)
    start(chaos)
    runner = Runner(chaos, chaos.body_for)
    rng = random.Random(7)
    delivered: list[PhaseMessage] = []
    # Every message is delivered twice, and pending messages are shuffled, including late
    # duplicates of phases that finished long ago.
    for _ in range(200):
        item = bus.pop()
        if item is None:
            break
        mid, msg = item
        delivered.append(msg)
        pending = list(bus.queue) + [(mid + "-dup", msg)] * 1
        rng.shuffle(pending)
        bus.queue.clear()
        bus.queue.extend(pending)
        try:
            runner.handle(msg, mid)
        except LeaseHeld:
            bus.queue.append((mid, msg))
    # Late duplicates of every phase after completion change nothing.
    for p in PHASE_ORDER:
        runner.handle(PhaseMessage(job_id="job1", phase=p), f"late-{p.value}")
    while (item := bus.pop()) is not None:
        runner.handle(item[1], item[0])

    assert len(delivered) >= 2 * len(PHASE_ORDER)
    assert final_view(chaos) == clean_view
    assert script.warehouse == clean_warehouse
    job = chaos.store.get("job1")
    assert job is not None and all(job.phase(p).attempts == 1 for p in PHASE_ORDER)


def test_message_before_its_turn_is_ignored(make_deps, script: Script) -> None:
    deps = make_deps()
    start(deps)
    runner = Runner(deps, deps.body_for)
    assert runner.handle(PhaseMessage(job_id="job1", phase=Phase.WAREHOUSE), "early") == Claim.NOT_READY
    assert Phase.WAREHOUSE not in script.calls
    drain(deps)
    assert deps.store.get("job1").status == JobStatus.COMPLETED


def test_transient_error_heals_on_redelivery(make_deps, script: Script) -> None:
    script.failures[Phase.WAREHOUSE] = [TransientError("BigQuery said 503")]
    deps = make_deps()
    start(deps)
    drain(deps)
    job = deps.store.get("job1")
    assert job is not None and job.status == JobStatus.COMPLETED
    assert job.phase(Phase.WAREHOUSE).attempts == 2
    assert job.phase(Phase.WAREHOUSE).last_error is None
    events, _ = deps.store.events("job1", limit=200)
    assert any("BigQuery said 503" in e.message for e in events)


def test_unexpected_exception_is_retried_then_fails_visibly_after_budget(make_deps, script) -> None:
    script.failures[Phase.CONTENT] = [ZeroDivisionError("boom")] * 10
    deps = make_deps(max_attempts=3)
    start(deps)
    drain(deps)
    job = deps.store.get("job1")
    assert job is not None and job.status == JobStatus.FAILED
    assert script.calls[Phase.CONTENT] == 3
    assert job.error is not None and job.error.phase == Phase.CONTENT
    assert job.error.code == "attempts_exhausted"
    assert "3 attempts" in job.error.message and "ZeroDivisionError: boom" in job.error.message
    assert Phase.AGENT not in script.calls


class CrashAfterCommitBus(MemoryBus):
    """Publishing the given phase's message 'crashes the process' once: the job doc was
    already committed, but the next message never left."""

    def __init__(self, crash_on: Phase) -> None:
        super().__init__()
        self.crash_on = crash_on
        self.crashed = False

    def publish(self, msg: PhaseMessage) -> str:
        if msg.phase == self.crash_on and not self.crashed:
            self.crashed = True
            raise ConnectionError("process died before publish")
        return super().publish(msg)


def test_crash_after_commit_before_publish_heals(make_deps, script: Script) -> None:
    bus = CrashAfterCommitBus(crash_on=Phase.CONTENT)
    deps = make_deps(bus=bus)
    start(deps)
    drain(deps)
    job = deps.store.get("job1")
    assert bus.crashed
    assert job is not None and job.status == JobStatus.COMPLETED
    # The warehouse body ran once: the redelivery found it done and only re-published.
    assert script.calls[Phase.WAREHOUSE] == 1
    assert job.phase(Phase.WAREHOUSE).attempts == 1


def test_permanent_error_fails_job_with_phase_and_message(make_deps, script: Script) -> None:
    script.failures[Phase.MODELING] = [PermanentError("no template fits", code="no_template")]
    deps = make_deps()
    start(deps)
    drain(deps)
    job = deps.store.get("job1")
    assert job is not None and job.status == JobStatus.FAILED
    assert job.error is not None
    assert (job.error.phase, job.error.code, job.error.message) == (
        Phase.MODELING, "no_template", "no template fits")
    assert job.phase(Phase.MODELING).status == PhaseStatus.FAILED
    assert script.calls[Phase.MODELING] == 1  # acked: not redelivered
    assert Phase.WAREHOUSE not in script.calls


def test_cancel_stops_further_phases(make_deps, script: Script) -> None:
    deps = make_deps()
    start(deps)
    script.hooks[Phase.MODELING] = lambda ctx: jobs.cancel_job(deps, ctx.job_id)
    drain(deps)
    job = deps.store.get("job1")
    assert job is not None and job.status == JobStatus.CANCELLED
    assert Phase.WAREHOUSE not in script.calls
    # Never completed, and never left looking as if it still ran.
    assert job.phase(Phase.MODELING).status == PhaseStatus.CANCELLED
    assert job.phase(Phase.MODELING).lease_owner is None and "modeling" not in job.results
    events, _ = deps.store.events("job1", limit=100)
    assert not any("modeling done" in e.message for e in events)
    assert any("result was discarded" in e.message for e in events)
    # cancelling again is idempotent
    assert jobs.cancel_job(deps, "job1").status == JobStatus.CANCELLED


def test_retry_resumes_a_failed_job_from_the_failed_phase(make_deps, script: Script) -> None:
    script.failures[Phase.CONTENT] = [PermanentError("bad SQL everywhere")]
    deps = make_deps()
    start(deps)
    drain(deps)
    assert deps.store.get("job1").status == JobStatus.FAILED
    jobs.retry_job(deps, "job1")
    drain(deps)
    job = deps.store.get("job1")
    assert job is not None and job.status == JobStatus.COMPLETED and job.error is None
    # Done phases were kept, not re-run.
    assert script.calls[Phase.RESEARCH] == 1 and script.calls[Phase.WAREHOUSE] == 1
    assert script.calls[Phase.CONTENT] == 2


def test_live_lease_makes_a_concurrent_delivery_back_off(make_deps, clock: Clock) -> None:
    deps = make_deps()
    start(deps)
    runner = Runner(deps, deps.body_for)
    seen: list[Claim | str] = []

    def body(ctx):  # a second delivery arrives while the first is still running
        with pytest.raises(LeaseHeld):
            runner.handle(PhaseMessage(job_id="job1", phase=Phase.RESEARCH), "second")
        seen.append("backed-off")
        from demoforge.service.phase import PhaseOutput

        return PhaseOutput()

    deps.bodies[Phase.RESEARCH] = body
    assert runner.handle(PhaseMessage(job_id="job1", phase=Phase.RESEARCH), "first") == Claim.CLAIMED
    assert seen == ["backed-off"]


def test_expired_lease_is_taken_over(make_deps, clock: Clock) -> None:
    deps = make_deps()
    start(deps)
    now = clock()
    update(deps.store, "job1",
           lambda j: j.claim(Phase.RESEARCH, "crashed", now, lease_s=60, max_attempts=5))
    runner = Runner(deps, deps.body_for)
    with pytest.raises(LeaseHeld):
        runner.handle(PhaseMessage(job_id="job1", phase=Phase.RESEARCH), "second")
    clock.advance(61)
    assert runner.handle(PhaseMessage(job_id="job1", phase=Phase.RESEARCH), "third") == Claim.CLAIMED
    assert deps.store.get("job1").phase(Phase.RESEARCH).attempts == 2


def test_waiting_job_resumes_after_answer(make_deps) -> None:
    from demoforge.domain.job import Clarification
    from demoforge.service.phase import PhaseOutput

    deps = make_deps()
    deps.bodies[Phase.RESEARCH] = lambda ctx: PhaseOutput(
        result={"industry": "other", "confidence": 0.4},
        waiting=Clarification(question="Which industry?", candidates=["insurance", "healthcare"]))
    start(deps)
    drain(deps)
    job = deps.store.get("job1")
    assert job is not None and job.status == JobStatus.WAITING
    assert job.clarification is not None and job.clarification.candidates[0] == "insurance"
    with pytest.raises(Exception, match="industry must be one of"):
        jobs.answer_job(deps, "job1", jobs.parse(jobs.AnswerRequest, {"industry": "spaceships"}))
    jobs.answer_job(deps, "job1", jobs.parse(jobs.AnswerRequest, {"industry": "insurance"}))
    drain(deps)
    job = deps.store.get("job1")
    assert job is not None and job.status == JobStatus.COMPLETED
    assert job.results["research"]["industry"] == "insurance"
    assert job.results["research"]["source"] == "answer"


def test_a_lost_message_shows_as_a_failed_job_and_retry_heals_it(make_deps, clock: Clock) -> None:
    deps = make_deps()
    start(deps)
    bus = deps.bus
    assert isinstance(bus, MemoryBus)
    runner = Runner(deps, deps.body_for)
    item = bus.pop()
    assert item is not None
    runner.handle(item[1], item[0])  # research done; its modeling message is then lost
    bus.queue.clear()
    clock.advance(deps.settings.lease_seconds)
    assert jobs.get_job(deps, "job1").status == JobStatus.RUNNING  # still within grace
    clock.advance(jobs.STALL_GRACE_S + 1)
    job = jobs.get_job(deps, "job1")
    assert job.status == JobStatus.FAILED
    assert job.error is not None and job.error.code == "stalled" and job.error.phase == Phase.MODELING
    jobs.retry_job(deps, "job1")
    drain(deps)
    assert jobs.get_job(deps, "job1").status == JobStatus.COMPLETED


def test_a_long_running_phase_with_a_live_lease_is_not_stalled(make_deps, clock: Clock) -> None:
    deps = make_deps()
    start(deps)
    now = clock()
    update(deps.store, "job1",
           lambda j: j.claim(Phase.RESEARCH, "d1", now, lease_s=10_000, max_attempts=5))
    clock.advance(deps.settings.lease_seconds + jobs.STALL_GRACE_S + 5)
    assert jobs.get_job(deps, "job1").status == JobStatus.RUNNING


def _take_over(deps: Container, clock: Clock, phase: Phase, owner: str = "second") -> None:
    """Another delivery takes ``phase`` over after the running one's lease expired."""
    clock.advance(deps.settings.lease_seconds + 1)
    now = clock()
    update(deps.store, "job1", lambda j: j.claim(phase, owner, now, lease_s=600, max_attempts=5))


def test_a_delivery_that_lost_its_lease_does_not_complete_over_the_new_owner(
        make_deps, script: Script, clock: Clock) -> None:
    deps = make_deps()
    start(deps)
    runner = Runner(deps, deps.body_for)
    script.hooks[Phase.RESEARCH] = lambda ctx: _take_over(deps, clock, Phase.RESEARCH)
    assert runner.handle(PhaseMessage(job_id="job1", phase=Phase.RESEARCH), "first") == Claim.BUSY
    ps = deps.store.get("job1").phase(Phase.RESEARCH)
    assert (ps.status, ps.lease_owner) == (PhaseStatus.RUNNING, "second")
    assert deps.bus.published == [PhaseMessage(job_id="job1", phase=Phase.RESEARCH)]
    events, _ = deps.store.events("job1", limit=100)
    assert any("no longer held by delivery first" in e.message for e in events)


def test_a_delivery_that_lost_its_lease_does_not_release_the_new_owners_lease(
        make_deps, script: Script, clock: Clock) -> None:
    deps = make_deps()
    start(deps)
    runner = Runner(deps, deps.body_for)
    script.hooks[Phase.RESEARCH] = lambda ctx: _take_over(deps, clock, Phase.RESEARCH)
    script.failures[Phase.RESEARCH] = [TransientError("temporary file collided")]
    # acknowledged: the phase belongs to the second delivery now, nothing to redeliver
    assert runner.handle(PhaseMessage(job_id="job1", phase=Phase.RESEARCH), "first") == Claim.BUSY
    ps = deps.store.get("job1").phase(Phase.RESEARCH)
    assert (ps.status, ps.lease_owner, ps.last_error) == (PhaseStatus.RUNNING, "second", None)
    with pytest.raises(LeaseHeld):  # so a third delivery backs off instead of running too
        runner.handle(PhaseMessage(job_id="job1", phase=Phase.RESEARCH), "third")


def test_cancel_then_retry_during_a_phase_never_runs_it_twice_at_once(
        make_deps, script: Script) -> None:
    deps = make_deps()
    start(deps)
    runner = Runner(deps, deps.body_for)
    running = {"now": 0, "most": 0}
    real = deps.bodies[Phase.WAREHOUSE]

    def warehouse(ctx):  # counts concurrent runs; the first one is cancelled and retried
        running["now"] += 1
        running["most"] = max(running["most"], running["now"])
        try:
            if script.calls.get(Phase.WAREHOUSE, 0) == 0:
                jobs.cancel_job(deps, "job1")
                jobs.retry_job(deps, "job1")
                item = deps.bus.pop()  # the retry's message, delivered while we still run
                assert item is not None and item[1].phase == Phase.WAREHOUSE
                with pytest.raises(LeaseHeld):
                    runner.handle(item[1], item[0])
                deps.bus.queue.append(item)
            return real(ctx)
        finally:
            running["now"] -= 1

    deps.bodies[Phase.WAREHOUSE] = warehouse
    drain(deps)
    job = deps.store.get("job1")
    assert job is not None and job.status == JobStatus.COMPLETED
    assert running["most"] == 1 and script.calls[Phase.WAREHOUSE] == 1
    assert all(job.phase(p).lease_owner is None for p in PHASE_ORDER)


def test_an_error_saving_the_result_frees_the_lease_and_is_recorded(make_deps) -> None:
    from demoforge.service.phase import PhaseOutput

    deps = make_deps(max_attempts=2)
    start(deps)
    # A summary the store cannot serialise: the complete transaction fails every time.
    deps.bodies[Phase.RESEARCH] = lambda ctx: PhaseOutput(summary={"bad": object()})
    drain(deps)
    job = deps.store.get("job1")
    assert job is not None and job.status == JobStatus.FAILED
    assert job.error is not None and job.error.code == "attempts_exhausted"
    assert "saving the research result failed" in job.error.message
    ps = job.phase(Phase.RESEARCH)
    assert (ps.status, ps.lease_owner, ps.attempts) == (PhaseStatus.FAILED, None, 2)


def test_events_carry_no_traceback(make_deps, script: Script) -> None:
    script.failures[Phase.RESEARCH] = [ZeroDivisionError("boom")]
    deps = make_deps()
    start(deps)
    drain(deps)
    events, _ = deps.store.events("job1", limit=100)
    failed = [e for e in events if "boom" in e.message]
    assert failed and all("traceback" not in e.data and "Traceback" not in str(e.data)
                          for e in events)
