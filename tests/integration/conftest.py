"""Fixtures shared by the integration tests: the official Firestore and Pub/Sub emulators
(started once per session, reset per test; see ``tests/support/emulator_fixtures.py``)."""

from tests.support.emulator_fixtures import (  # noqa: F401  (pytest finds fixtures by name)
    firestore_emulator,
    fresh_firestore,
    fresh_pubsub,
    pubsub_emulator,
)
