"""Application services on jobs, shared by the HTTP api and the CLI.

Each is one ``JobDoc`` transition run in a transaction (``service.transact.update``),
an event, and a publish: the same outbox discipline as the runner (a publish that fails
leaves a job that ``:retry`` heals).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from demoforge.domain.errors import InvalidInput, NotFound, UnsafeUrl
from demoforge.domain.job import (
    INDUSTRIES,
    EventLevel,
    JobDoc,
    JobOptions,
    Phase,
    PhaseMessage,
)
from demoforge.domain.urls import AddressPolicy, check_url, parse_target
from demoforge.service.services import Services
from demoforge.service.transact import update, update_if_present

SCALES = ("small", "default", "large")
LANGUAGE_TAG = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"


# A run date this century: the calendars (holidays, seasons) and BigQuery's timestamps
# are sound there, and the schema can say so.
AS_OF_DAY = r"^20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


class CreateJobRequest(BaseModel):
    # strict: numbers must be numbers ("rows": "1000" and "seed": true are refused).
    # The JSON Schema of each field states what the validators accept (enums, patterns),
    # so /openapi.json describes the api exactly; only the URL policy is beyond a schema
    # ("format": "http-url" names it).
    model_config = ConfigDict(extra="forbid", strict=True)
    customer_url: str = Field(min_length=1, max_length=2048, json_schema_extra={"format": "http-url"})
    industry_hint: str | None = Field(default=None, json_schema_extra={"enum": [*INDUSTRIES, None]})
    company_name: str | None = Field(default=None, min_length=1, max_length=200)
    # A BCP 47 tag ("en", "de-CH") for the demo's language; kept in the options for the
    # phases that localise (none reads it yet).
    language: str | None = Field(default=None,
                                 json_schema_extra={"pattern": LANGUAGE_TAG, "maxLength": 35})
    scale: str = Field(default="default", json_schema_extra={"enum": list(SCALES)})
    rows: int | None = Field(default=None, ge=1_000, le=50_000_000)
    seed: int | None = Field(default=None, ge=0, le=2**31 - 1)
    # The run date the demo's data ends on (YYYY-MM-DD); a fixed date makes a demo
    # reproducible across days. Today (when modeling runs) when not given.
    as_of: str | None = Field(default=None, json_schema_extra={"format": "date", "pattern": AS_OF_DAY})

    @field_validator("customer_url")
    @classmethod
    def _url(cls, v: str) -> str:
        return normalise_url(v)

    @field_validator("rows", "seed", mode="before")
    @classmethod
    def _integral(cls, v: Any) -> Any:
        # JSON has one number type: 1000.0 is the integer 1000 (as JSON Schema says);
        # strings and booleans stay refused.
        return int(v) if isinstance(v, float) and v.is_integer() else v

    @field_validator("industry_hint")
    @classmethod
    def _industry(cls, v: str | None) -> str | None:
        if v is not None and v not in INDUSTRIES:
            raise ValueError(f"industry_hint must be one of: {', '.join(INDUSTRIES)}")
        return v

    @field_validator("language")
    @classmethod
    def _language(cls, v: str | None) -> str | None:
        if v is not None and not (len(v) <= 35 and re.fullmatch(LANGUAGE_TAG, v)):
            raise ValueError("language must be a language tag such as en or de-CH")
        return v

    @field_validator("as_of")
    @classmethod
    def _as_of(cls, v: str | None) -> str | None:
        if v is None:
            return v
        try:
            day = dt.date.fromisoformat(v)
        except ValueError:
            raise ValueError("as_of must be a date such as 2026-11-30") from None
        if not re.fullmatch(AS_OF_DAY, v):
            raise ValueError("as_of must be a date between 2000-01-01 and 2099-12-31")
        return day.isoformat()

    @field_validator("scale")
    @classmethod
    def _scale(cls, v: str) -> str:
        if v not in SCALES:
            raise ValueError("scale must be small, default or large")
        return v


class AnswerRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    industry: str = Field(json_schema_extra={"enum": list(INDUSTRIES)})
    notes: str | None = Field(default=None, max_length=2000)

    @field_validator("industry")
    @classmethod
    def _industry(cls, v: str) -> str:
        if v not in INDUSTRIES:
            raise ValueError(f"industry must be one of: {', '.join(INDUSTRIES)}")
        return v


def normalise_url(raw: str) -> str:
    """The URL as research will fetch it (scheme and host lower case, no fragment), after
    the syntactic part of the one URL policy (``demoforge.domain.urls``): http(s) with a
    host, no credentials, whitespace, control, bidi or zero-width characters. Raises
    ``ValueError``. Which addresses may be fetched is checked by ``check_customer_url``."""
    try:
        return parse_target(raw.strip()).url
    except UnsafeUrl as e:
        raise ValueError(e.message) from e


def check_customer_url(services: Services, url: str) -> str:
    """The whole URL policy without DNS, as the fetcher applies it: also refuses cloud
    metadata hosts and, unless private networks are allowed, loopback and private
    addresses. ``UnsafeUrl`` (HTTP 400, CLI exit 2) before any job exists."""
    policy = AddressPolicy(allow_private=services.settings.allow_private_network)
    return check_url(url, policy).url


def parse(model: type[BaseModel], body: Any) -> Any:
    try:
        return model.model_validate(body)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(x) for x in first["loc"]) or "body"
        msg = first["msg"].removeprefix("Value error, ")
        raise InvalidInput(f"{where}: {msg}") from e


# A job still queued this long after its creation lost its first message (a publish that
# failed after the create committed): ``:retry`` is the way to heal that too.
STUCK_QUEUED_S = 60


def new_job_id() -> str:
    return uuid.uuid4().hex[:20]


def create_job(
    services: Services, req: CreateJobRequest, *, created_by: str = "local", job_id: str | None = None
) -> JobDoc:
    url = check_customer_url(services, req.customer_url)
    now = services.clock()
    job = JobDoc(
        job_id=job_id or new_job_id(),
        customer_url=url,
        industry_hint=req.industry_hint,
        company_name=req.company_name,
        options=JobOptions(scale=req.scale, rows=req.rows, seed=req.seed, language=req.language,
                           as_of=dt.date.fromisoformat(req.as_of) if req.as_of else None),
        created_by=created_by,
        created_at=now,
        updated_at=now,
        expire_at=now + dt.timedelta(days=services.settings.job_ttl_days),
    )
    services.store.create(job)
    services.events.write(job.job_id, f"job created for {job.customer_url}",
                          data={"created_by": created_by})
    services.bus.publish(PhaseMessage(job_id=job.job_id, phase=Phase.RESEARCH))
    return job


def get_job(services: Services, job_id: str) -> JobDoc:
    job = services.store.get(job_id)
    if job is None:
        raise NotFound(f"job {job_id} not found")
    return fail_if_stalled(services, job)


# Pub/Sub's longest retry backoff is 600 s: a job with no update for a lease plus that long
# has no delivery left working on it (its message was dead-lettered or lost).
STALL_GRACE_S = 600


def stall_after(services: Services) -> dt.timedelta:
    """How long a queued or running job may go untouched before it counts as stalled."""
    return dt.timedelta(seconds=services.settings.lease_seconds + STALL_GRACE_S)


def fail_if_stalled(services: Services, job: JobDoc) -> JobDoc:
    """Make a lost message visible: a queued or running job that nothing has touched for
    longer than any live delivery could take is marked failed (``:retry`` resumes it)."""
    after = stall_after(services)
    if not job.is_stalled(services.clock(), after=after):
        return job  # the common case: no transaction
    found = update_if_present(services.store, job.job_id,
                              lambda j: j.mark_stalled(services.clock(), after=after))
    if found is None:
        return job
    updated, stalled = found
    if stalled:
        services.events.write(job.job_id, updated.error.message if updated.error else "stalled",
                              phase=updated.current_phase, level=EventLevel.ERROR)
    return updated


def cancel_job(services: Services, job_id: str) -> JobDoc:
    job, _ = update(services.store, job_id, lambda j: j.cancel(services.clock()))
    services.events.write(job_id, "job cancelled")
    return job


def retry_job(services: Services, job_id: str) -> JobDoc:
    """Resume a failed (or cancelled) job from its first unfinished phase; done phases stay."""
    stuck_after = dt.timedelta(seconds=STUCK_QUEUED_S)
    job, first = update(services.store, job_id,
                        lambda j: j.retry(services.clock(), stuck_after=stuck_after))
    services.events.write(job_id, f"job retried from {first.value}", phase=first)
    services.bus.publish(PhaseMessage(job_id=job_id, phase=first))
    return job


def answer_job(services: Services, job_id: str, req: AnswerRequest) -> JobDoc:
    """A person confirmed the industry: research is done with that answer; go on."""
    job, _ = update(services.store, job_id,
                    lambda j: j.answer(req.industry, req.notes, services.clock()))
    services.events.write(job_id, f"industry confirmed as {req.industry}", phase=Phase.RESEARCH)
    services.bus.publish(PhaseMessage(job_id=job_id, phase=Phase.MODELING))
    return job
