"""The ``store`` and ``cache`` fixtures: every contract test runs once per ``JobStore`` /
``ResearchCache`` implementation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from demoforge.devtools.emulators import Emulator
from demoforge.service.ports import JobStore, ResearchCache
from demoforge.settings import Settings
from tests.support.emulator_fixtures import EMULATOR_PROJECT


def firestore_store(emu: Emulator) -> JobStore:
    from demoforge.adapters.firestore_store import FirestoreJobStore

    settings = Settings(project=EMULATOR_PROJECT, job_store="firestore",
                        firestore_emulator_host=emu.host)
    return FirestoreJobStore(settings)


@pytest.fixture(params=["sqlite", "firestore"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[JobStore]:
    if request.param == "sqlite":
        from demoforge.adapters.sqlite_store import SQLiteJobStore

        yield SQLiteJobStore(tmp_path / "jobs.sqlite")
    else:
        yield firestore_store(request.getfixturevalue("fresh_firestore"))


@pytest.fixture(params=["sqlite", "firestore"])
def cache(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ResearchCache]:
    if request.param == "sqlite":
        from demoforge.adapters.sqlite_store import SQLiteResearchCache

        yield SQLiteResearchCache(tmp_path / "jobs.sqlite")
    else:
        from demoforge.adapters.firestore_store import FirestoreResearchCache

        emu: Emulator = request.getfixturevalue("fresh_firestore")
        yield FirestoreResearchCache(Settings(project=EMULATOR_PROJECT, firestore_emulator_host=emu.host))
