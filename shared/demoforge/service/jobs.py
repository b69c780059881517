"""Application services on jobs, shared by the HTTP api and the CLI.

Each is a small transaction on the job document followed by a publish: the same
outbox discipline as the runner (a publish that fails leaves a job that ``:retry`` heals).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import urllib.parse
import uuid
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from demoforge.bootstrap import Deps
from demoforge.domain.errors import Conflict, InvalidInput, NotFound
from demoforge.domain.job import (
    INDUSTRIES,
    PHASE_ORDER,
    Event,
    EventLevel,
    JobDoc,
    JobError,
    JobOptions,
    JobStatus,
    Phase,
    PhaseMessage,
    PhaseState,
    PhaseStatus,
)


class CreateJobRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    customer_url: str = Field(min_length=1, max_length=2048)
    industry_hint: str | None = None
    company_name: str | None = Field(default=None, min_length=1, max_length=200)
    # A BCP 47 tag ("en", "de-CH") for the demo's language; kept in the options for the
    # phases that localise (none reads it yet).
    language: str | None = None
    scale: str = "default"
    rows: int | None = Field(default=None, ge=1_000, le=50_000_000)
    seed: int | None = Field(default=None, ge=0, le=2**31 - 1)

    @field_validator("customer_url")
    @classmethod
    def _url(cls, v: str) -> str:
        return normalise_url(v)

    @field_validator("industry_hint")
    @classmethod
    def _industry(cls, v: str | None) -> str | None:
        if v is not None and v not in INDUSTRIES:
            raise ValueError(f"industry_hint must be one of: {', '.join(INDUSTRIES)}")
        return v

    @field_validator("language")
    @classmethod
    def _language(cls, v: str | None) -> str | None:
        if v is not None and not (len(v) <= 35 and re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", v)):
            raise ValueError("language must be a language tag such as en or de-CH")
        return v

    @field_validator("scale")
    @classmethod
    def _scale(cls, v: str) -> str:
        if v not in ("small", "default", "large"):
            raise ValueError("scale must be small, default or large")
        return v


class AnswerRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    industry: str
    notes: str | None = Field(default=None, max_length=2000)

    @field_validator("industry")
    @classmethod
    def _industry(cls, v: str) -> str:
        if v not in INDUSTRIES:
            raise ValueError(f"industry must be one of: {', '.join(INDUSTRIES)}")
        return v


def normalise_url(raw: str) -> str:
    """Syntactic checks only (scheme, host, length). Address safety (SSRF) is the
    fetcher's job, at connect time, where DNS answers are known."""
    v = raw.strip()
    if any(c in v for c in "\r\n\t ") or len(v) > 2048:
        raise ValueError("customer_url must be a single URL of at most 2048 characters")
    if "://" not in v:
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:(?!\d)", v):  # mailto:, javascript:, data: ...
            raise ValueError("customer_url must use http or https")
        v = "https://" + v
    parts = urllib.parse.urlsplit(v)
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError("customer_url must use http or https")
    if not parts.hostname:
        raise ValueError("customer_url has no host")
    if parts.username or parts.password:
        raise ValueError("customer_url must not contain credentials")
    try:
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as e:
        raise ValueError(f"customer_url has an invalid port: {e}") from e
    host = parts.hostname
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if not all(label and len(label) <= 63 for label in host.split(".")):
            raise ValueError("customer_url has an invalid host name") from None
    return urllib.parse.urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, "")
    )


def parse(model: type[BaseModel], body: Any) -> Any:
    try:
        return model.model_validate(body)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(x) for x in first["loc"]) or "body"
        msg = first["msg"].removeprefix("Value error, ")
        raise InvalidInput(f"{where}: {msg}") from e


STUCK_QUEUED_S = 60


def new_job_id() -> str:
    return uuid.uuid4().hex[:20]


def _event(deps: Deps, job_id: str, message: str, phase: Phase | None = None, **data: Any) -> None:
    deps.store.add_event(job_id, Event(phase=phase, level=EventLevel.INFO, message=message, data=data))


def create_job(
    deps: Deps, req: CreateJobRequest, *, created_by: str = "local", job_id: str | None = None
) -> JobDoc:
    now = deps.clock()
    job = JobDoc(
        job_id=job_id or new_job_id(),
        customer_url=req.customer_url,
        industry_hint=req.industry_hint,
        company_name=req.company_name,
        options=JobOptions(scale=req.scale, rows=req.rows, seed=req.seed, language=req.language),
        created_by=created_by,
        created_at=now,
        updated_at=now,
        expire_at=now + dt.timedelta(days=deps.settings.job_ttl_days),
    )
    deps.store.create(job)
    _event(deps, job.job_id, f"job created for {job.customer_url}", created_by=created_by)
    deps.bus.publish(PhaseMessage(job_id=job.job_id, phase=Phase.RESEARCH))
    return job


def get_job(deps: Deps, job_id: str) -> JobDoc:
    job = deps.store.get(job_id)
    if job is None:
        raise NotFound(f"job {job_id} not found")
    return fail_if_stalled(deps, job)


# Pub/Sub's longest retry backoff is 600 s: a job with no update for a lease plus that long
# has no delivery left working on it (its message was dead-lettered or lost).
STALL_GRACE_S = 600


def fail_if_stalled(deps: Deps, job: JobDoc) -> JobDoc:
    """Make a lost message visible: a queued or running job that nothing has touched for
    longer than any live delivery could take is marked failed (``:retry`` resumes it)."""
    limit = dt.timedelta(seconds=deps.settings.lease_seconds + STALL_GRACE_S)

    def stalled(j: JobDoc, now: dt.datetime) -> bool:
        if j.status not in (JobStatus.QUEUED, JobStatus.RUNNING) or now - j.updated_at <= limit:
            return False
        return not any(ps.lease_expires_at and ps.lease_expires_at > now for ps in j.phases.values())

    if not stalled(job, deps.clock()):
        return job

    def tx(j: JobDoc | None) -> tuple[JobDoc | None, JobDoc | None]:
        now = deps.clock()
        if j is None or not stalled(j, now):
            return None, j
        phase = j.current_phase or Phase.RESEARCH
        minutes = int((now - j.updated_at).total_seconds() // 60)
        j.status = JobStatus.FAILED
        j.error = JobError(phase=phase, code="stalled", message=(
            f"No progress on the {phase.value} phase for {minutes} minutes: its Pub/Sub message "
            "was dead-lettered or lost. POST /jobs/{id}:retry resumes the job from there."))
        j.updated_at = now
        return j, j

    updated = deps.store.transact(job.job_id, tx)
    if updated is not None and updated.status == JobStatus.FAILED:
        deps.store.add_event(job.job_id, Event(phase=updated.current_phase, level=EventLevel.ERROR,
                                               message=updated.error.message if updated.error else "stalled"))
    return updated or job


def cancel_job(deps: Deps, job_id: str) -> JobDoc:
    def tx(job: JobDoc | None) -> tuple[JobDoc | None, JobDoc]:
        if job is None:
            raise NotFound(f"job {job_id} not found")
        if job.status == JobStatus.CANCELLED:
            return None, job
        if job.status.terminal:
            raise Conflict(f"job {job_id} is {job.status.value} and cannot be cancelled")
        job.status = JobStatus.CANCELLED
        job.updated_at = deps.clock()
        return job, job

    job = deps.store.transact(job_id, tx)
    _event(deps, job_id, "job cancelled")
    return job


def retry_job(deps: Deps, job_id: str) -> JobDoc:
    """Resume a failed (or cancelled) job from its first unfinished phase; done phases stay."""

    def tx(job: JobDoc | None) -> tuple[JobDoc | None, tuple[JobDoc, Phase]]:
        if job is None:
            raise NotFound(f"job {job_id} not found")
        # A job still queued after a minute lost its first message (a publish that failed
        # after the create committed): retrying it is the way to heal that too.
        stuck = (job.status == JobStatus.QUEUED
                 and deps.clock() - job.created_at > dt.timedelta(seconds=STUCK_QUEUED_S))
        if job.status not in (JobStatus.FAILED, JobStatus.CANCELLED) and not stuck:
            raise Conflict(
                f"job {job_id} is {job.status.value}; only failed, cancelled or stuck "
                "queued jobs can be retried")
        first = next((p for p in PHASE_ORDER if job.phase(p).status != PhaseStatus.DONE), None)
        if first is None:
            raise Conflict(f"job {job_id} has every phase done")
        for p in PHASE_ORDER[first.position:]:
            job.phases[p] = PhaseState()
        job.status = JobStatus.RUNNING
        job.current_phase = first
        job.error = None
        job.updated_at = deps.clock()
        job.recompute_progress()
        return job, (job, first)

    job, first = deps.store.transact(job_id, tx)
    _event(deps, job_id, f"job retried from {first.value}", phase=first)
    deps.bus.publish(PhaseMessage(job_id=job_id, phase=first))
    return job


def answer_job(deps: Deps, job_id: str, req: AnswerRequest) -> JobDoc:
    """A person confirmed the industry: research is done with that answer; go on."""

    def tx(job: JobDoc | None) -> tuple[JobDoc | None, JobDoc]:
        if job is None:
            raise NotFound(f"job {job_id} not found")
        if job.status != JobStatus.WAITING or job.clarification is None:
            raise Conflict(f"job {job_id} is {job.status.value}, not waiting for an answer")
        now = deps.clock()
        job.clarification.answer = req.industry
        job.clarification.notes = req.notes
        research = dict(job.results.get(Phase.RESEARCH.value, {}))
        research.update(industry=req.industry, confidence=1.0, source="answer")
        if req.notes:
            research["notes"] = req.notes
        job.results[Phase.RESEARCH.value] = research
        ps = job.phase(Phase.RESEARCH)
        ps.status = PhaseStatus.DONE
        ps.summary = {**ps.summary, "industry": req.industry, "answered": True}
        job.status = JobStatus.RUNNING
        job.current_phase = Phase.MODELING
        job.updated_at = now
        job.recompute_progress()
        return job, job

    job = deps.store.transact(job_id, tx)
    _event(deps, job_id, f"industry confirmed as {req.industry}", phase=Phase.RESEARCH)
    deps.bus.publish(PhaseMessage(job_id=job_id, phase=Phase.MODELING))
    return job
