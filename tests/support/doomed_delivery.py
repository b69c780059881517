"""A phase delivery in its own process, for the heal-time test: it claims ``research`` of
a job in the given SQLite store with a short lease, heartbeats, writes a marker file
once its body runs, and then never finishes (the test kills it with SIGKILL).

    python -m tests.support.doomed_delivery STORE MARKER LEASE_S JOB_ID
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from demoforge.adapters.memory_bus import MemoryBus
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.bootstrap import Container
from demoforge.domain.job import Phase, PhaseMessage
from demoforge.service.phase import PhaseContext, PhaseOutput
from demoforge.settings import Settings


def main(store: str, marker: str, lease_s: str, job_id: str) -> None:
    def body(ctx: PhaseContext) -> PhaseOutput:
        Path(marker).write_text("running")
        while True:  # a phase that is still working when its process is killed
            time.sleep(0.05)

    settings = Settings(home=Path(store).parent, lease_seconds=int(lease_s))
    deps = Container(settings, store=SQLiteJobStore(store), bus=MemoryBus(),
                     bodies={Phase.RESEARCH: body})
    deps.runner().handle(PhaseMessage(job_id=job_id, phase=Phase.RESEARCH), "doomed")


if __name__ == "__main__":
    main(*sys.argv[1:5])
