"""Fixtures for the spec package's tests: the synth tests' every-generator spec."""

from __future__ import annotations

from tests.unit.synth.conftest import every_spec

__all__ = ["every_spec"]
