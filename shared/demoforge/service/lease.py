"""The heartbeat that keeps a running phase's lease alive.

A delivery claims a phase with a short lease (``Settings.lease_seconds``, 90 s by
default) and, while the phase body runs, a background thread renews it every third of a
lease (``JobDoc.renew`` in a transaction, only while this delivery still holds the
lease and the job still runs). A delivery that dies (kill -9, an instance reclaimed)
stops renewing, so a redelivery takes the phase over about one lease later instead of
after the whole function timeout.

Renewal stops by itself after ``Settings.phase_deadline_s`` (the function's timeout):
past it the platform has given up on the delivery, and a lease that outlived it would
keep every redelivery out. It also stops, and says why, when the job finished (a
cancel, a delete) or the lease is no longer ours; ``PhaseContext.checkpoint`` then ends
the body at its next checkpoint.
"""

from __future__ import annotations

import logging
import threading
import time
from types import TracebackType

from demoforge.domain.errors import TransientError
from demoforge.domain.job import Phase, Renewal
from demoforge.service.services import Services
from demoforge.service.transact import update_if_present

log = logging.getLogger("demoforge.lease")


class Heartbeat:
    def __init__(self, services: Services, job_id: str, phase: Phase, owner: str) -> None:
        s = services.settings
        self.services = services
        self.job_id = job_id
        self.phase = phase
        self.owner = owner
        self.lease_s = s.lease_seconds
        self.interval_s = max(0.05, s.lease_seconds / 3)
        self.deadline_s = float(s.phase_deadline_s)
        self.beats = 0
        self.outcome: Renewal | None = None  # set when renewing stopped for a reason
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{job_id}-{phase.value}",
                                        daemon=True)

    def start(self) -> Heartbeat:
        self._started = time.monotonic()
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop renewing (the body returned, or a test simulates a dead delivery)."""
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=30)

    @property
    def renewing(self) -> bool:
        """The renewal thread still runs."""
        return self._thread.is_alive()

    def __enter__(self) -> Heartbeat:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            if time.monotonic() - self._started > self.deadline_s:
                log.warning("%s of job %s ran past its %gs deadline: the lease is left to lapse",
                            self.phase.value, self.job_id, self.deadline_s)
                return
            try:
                found = update_if_present(
                    self.services.store, self.job_id,
                    lambda j: j.renew(self.phase, self.owner, self.services.clock(),
                                      lease_s=self.lease_s))
            except TransientError as e:
                # The next beat tries again; two missed beats still leave a third of the lease.
                log.warning("lease renewal of %s for job %s failed: %s", self.phase.value,
                            self.job_id, e)
                continue
            if found is None:
                self.outcome = Renewal.STOPPED  # the job document is gone
                return
            self.beats += 1
            if found[1] != Renewal.RENEWED:
                self.outcome = found[1]
                return
