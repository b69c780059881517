"""Pytest fixtures for the official Firestore and Pub/Sub emulators.

Session-scoped fixtures start each emulator once per session (per xdist worker) and stop
exactly the processes they started; function-scoped ``fresh_*`` fixtures reset its state
before each test. Tests skip with the reason when the emulators or Java are missing.

``tests/integration/conftest.py`` re-exports them; another test tree (e.g. ``tests/e2e``)
can do the same with ``from tests.support.emulator_fixtures import *``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from demoforge.devtools.emulators import (
    Emulator,
    emulators_available,
    reset_firestore,
    reset_pubsub,
    start_firestore,
    start_pubsub,
)

EMULATOR_PROJECT = "demoforge-test"

__all__ = [
    "EMULATOR_PROJECT",
    "firestore_emulator",
    "fresh_firestore",
    "fresh_pubsub",
    "pubsub_emulator",
]


def _skip_if_missing() -> None:
    reason = emulators_available()
    if reason is not None:
        pytest.skip(f"Google Cloud emulators unavailable: {reason}")


@pytest.fixture(scope="session")
def firestore_emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    _skip_if_missing()
    emu = start_firestore(EMULATOR_PROJECT, log_dir=tmp_path_factory.mktemp("firestore-log"))
    try:
        yield emu
    finally:
        emu.stop()


@pytest.fixture(scope="session")
def pubsub_emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    _skip_if_missing()
    emu = start_pubsub(EMULATOR_PROJECT, log_dir=tmp_path_factory.mktemp("pubsub-log"))
    try:
        yield emu
    finally:
        emu.stop()


@pytest.fixture
def fresh_firestore(firestore_emulator: Emulator) -> Emulator:
    """The session's Firestore emulator with every document deleted."""
    reset_firestore(firestore_emulator, EMULATOR_PROJECT)
    return firestore_emulator


@pytest.fixture
def fresh_pubsub(pubsub_emulator: Emulator) -> Emulator:
    """The session's Pub/Sub emulator with no topics, subscriptions or messages."""
    reset_pubsub(pubsub_emulator)
    return pubsub_emulator
