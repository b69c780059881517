"""The janitor: what nobody else does unless someone happens to look.

Run by the ``janitor`` function on a Cloud Scheduler tick (topic ``demoforge-janitor``)
and by ``demoforge janitor`` locally. Each run, bounded by ``Settings.janitor_batch`` per
kind:

1. **Stalled jobs**: queued or running jobs nothing has touched for longer than any live
   delivery could take (``jobs.fail_if_stalled``, the same rule a read applies) are
   marked failed, so the Firestore console tells the truth without anyone reading them.
2. **Expired demos**: jobs past ``expire_at`` (created + ``job_ttl_days``) are marked
   ``expired`` first (nothing runs any more), then torn down by the same steps as DELETE
   (``service.teardown``: agent, conversations, dataset, artifacts), and finally given a
   ``purge_at`` (``expired_record_days`` later) from which Firestore's TTL may delete the
   record. A deleted job past its TTL whose teardown never finished is finished here.

Idempotent: a job already handled is no candidate any more (failed; ``purge_at`` set),
and every step is itself idempotent, so overlapping or repeated runs are harmless. One
job's teardown error does not stop the others: it is logged on that job's events and
the next run tries again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from demoforge.domain.errors import NotFound, PermanentError, TransientError
from demoforge.domain.job import EventLevel, JobDoc, JobStatus
from demoforge.service import jobs
from demoforge.service.services import Services
from demoforge.service.transact import update


@dataclasses.dataclass
class SweepReport:
    stalled: list[str] = dataclasses.field(default_factory=list)  # marked failed
    expired: list[str] = dataclasses.field(default_factory=list)  # torn down, marked expired
    errors: dict[str, str] = dataclasses.field(default_factory=dict)  # job id -> what failed

    def as_dict(self) -> dict[str, object]:
        return dataclasses.asdict(self)


def sweep(services: Services) -> SweepReport:
    report = SweepReport()
    s = services.settings
    now = services.clock()
    for job in services.store.stalled_candidates(now - jobs.stall_after(services), s.janitor_batch):
        updated = jobs.fail_if_stalled(services, job)
        if updated.status == JobStatus.FAILED and job.status != JobStatus.FAILED:
            report.stalled.append(job.job_id)
    for job in services.store.expired_candidates(now, s.janitor_batch):
        try:
            expire_job(services, job.job_id)
        except (TransientError, PermanentError) as e:
            report.errors[job.job_id] = f"{e.code}: {e.message}"
            services.events.write(job.job_id, f"expiry teardown incomplete, the next janitor run "
                                  f"tries again: {e.message}", level=EventLevel.ERROR,
                                  data={"code": e.code})
        except NotFound:
            continue  # deleted by Firestore's TTL between the query and now
        else:
            report.expired.append(job.job_id)
    return report


def expire_job(services: Services, job_id: str) -> JobDoc:
    """Mark ``job_id`` expired (when due), tear its demo down and let its record go
    ``expired_record_days`` later. Returns the job as left; a job not yet due is left as is."""
    now = services.clock()
    job, changed = update(services.store, job_id, lambda j: j.mark_expired(now))
    if job.status not in (JobStatus.EXPIRED, JobStatus.DELETED):
        return job
    if changed:
        services.events.write(job_id, f"demo expired (its TTL ended {job.expire_at:%Y-%m-%d %H:%M} "
                              "UTC): tearing down its agent, dataset and artifacts")
    # Imported here: teardown reaches the agent definition (sqlglot), which most ticks
    # (nothing expired) never need, so the janitor's cold start stays light.
    from demoforge.service import teardown

    teardown.delete_job(services, job_id)
    keep = dt.timedelta(days=services.settings.expired_record_days)
    done, _ = update(services.store, job_id, lambda j: j.torn_down(services.clock(), keep=keep))
    return done
