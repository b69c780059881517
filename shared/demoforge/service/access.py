"""Who may see and act on a job: its creator, and the admins named in settings.

The api asks ``services.identity`` who calls (verified ID tokens in the cloud, "local" on
a laptop, where everyone is the same person) and checks every read, list and action
against the job's ``created_by``. A caller whose identity could not be verified
("unknown") owns nothing: two unverifiable callers must not see each other's jobs.
"""

from __future__ import annotations

from demoforge.domain.errors import Forbidden
from demoforge.domain.job import JobDoc
from demoforge.settings import Settings

UNKNOWN = "unknown"


def is_admin(settings: Settings, caller: str) -> bool:
    return caller != UNKNOWN and caller in settings.admins


def owner_filter(settings: Settings, caller: str) -> str | None:
    """What a job list is restricted to: None for an admin (everything), else the caller."""
    return None if is_admin(settings, caller) else caller


def may_access(settings: Settings, caller: str, job: JobDoc) -> bool:
    return is_admin(settings, caller) or (caller != UNKNOWN and job.created_by == caller)


def check_access(settings: Settings, caller: str, job: JobDoc) -> JobDoc:
    """``job`` when ``caller`` may see it; ``Forbidden`` otherwise."""
    if not may_access(settings, caller, job):
        who = "an unverified caller" if caller == UNKNOWN else caller
        raise Forbidden(f"job {job.job_id} belongs to someone else; {who} may only see and "
                        "act on the jobs they created")
    return job
