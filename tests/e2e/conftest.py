"""End-to-end fixtures: the emulator fixtures, and a local pipeline harness on the
embedded adapters driven by the real runner and the real phase bodies."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.adapters.memory_bus import MemoryBus
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.bootstrap import Container
from demoforge.devtools import samples
from demoforge.domain.job import JobDoc
from demoforge.service import jobs
from demoforge.service.runner import Runner
from demoforge.settings import Settings
from tests.support.emulator_fixtures import (  # noqa: F401  (pytest finds fixtures by name)
    firestore_emulator,
    fresh_firestore,
    fresh_pubsub,
    pubsub_emulator,
)

SMALL_ROWS = 20_000


@pytest.fixture(scope="session")
def sample_url() -> Iterator[str]:
    with samples.serve("alpine-outfitters") as url:
        yield url


def local_deps(home: Path, **settings: Any) -> Container:
    s = Settings(home=home, allow_private_network=True, **settings)
    return Container(s, store=SQLiteJobStore(home / "jobs.sqlite"), bus=MemoryBus(),
                artifacts=LocalArtifactStore(home), llm_disabled=True)


def start_job(deps: Container, url: str, job_id: str = "e2ejob0001", **body: Any) -> JobDoc:
    req = jobs.parse(jobs.CreateJobRequest, {"customer_url": url, "rows": SMALL_ROWS, "seed": 7, **body})
    return jobs.create_job(deps, req, job_id=job_id)


def drain(deps: Container) -> None:
    runner = Runner(deps, deps.body_for)
    bus = deps.bus
    assert isinstance(bus, MemoryBus)
    bus.drain(lambda m, mid: runner.handle(m, mid))


@pytest.fixture
def make_local(tmp_path: Path) -> Callable[..., Container]:
    return lambda name="run", **kw: local_deps(tmp_path / name, **kw)
