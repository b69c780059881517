"""What ``functions/janitor/main.py`` calls: one sweep per Cloud Scheduler tick.

Cloud Scheduler publishes to the ``demoforge-janitor`` topic (terraform/janitor.tf) and
Eventarc delivers it here as a ``messagePublished`` CloudEvent. The message body carries
nothing we need (every tick means "sweep now"), so it is not parsed. The sweep itself is
``demoforge.service.janitor.sweep``: bounded, idempotent, per-job errors recorded on the
job and retried next tick, so the event is acknowledged after every run; only an error
of the sweep as a whole (the job store unreachable) propagates, and Pub/Sub redelivers.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from typing import Any

from demoforge.bootstrap import Container
from demoforge.service.janitor import sweep
from demoforge.settings import Settings

log = logging.getLogger("demoforge.entrypoints.janitor")


def janitor_handler(services_factory: Callable[[], Container] | None = None) -> Callable[[Any], None]:
    """The CloudEvent handler. Without a factory the settings are read and validated at
    import (a bad value stops the instance at start-up); services are built on the first tick."""
    if services_factory is None:
        services_factory = functools.partial(Container, Settings.from_env())
    factory = services_factory
    state: dict[str, Container] = {}

    def handle(event: Any) -> None:
        if "services" not in state:
            state["services"] = factory()
        report = sweep(state["services"])
        line = json.dumps(report.as_dict(), sort_keys=True)
        if report.errors:
            log.warning("janitor tick %s: %s", event["id"], line)
        else:
            log.info("janitor tick %s: %s", event["id"], line)

    return handle
