"""Fixtures for the service tests (runner, jobs, teardown): embedded adapters and scripted phase bodies.

The bodies are deterministic and write to a dict "warehouse" with overwrite semantics,
so tests can compare final states between a clean run and a chaotic one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.adapters.memory_bus import MemoryBus
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.bootstrap import Container
from demoforge.domain.job import PHASE_ORDER, Phase
from demoforge.service.phase import PhaseContext, PhaseOutput
from demoforge.settings import Settings


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(milliseconds=250)
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@dataclasses.dataclass
class Script:
    """Per-phase behaviour: a list of exceptions to raise on successive calls."""

    failures: dict[Phase, list[BaseException]] = dataclasses.field(default_factory=dict)
    calls: dict[Phase, int] = dataclasses.field(default_factory=dict)
    hooks: dict[Phase, Callable[[PhaseContext], object]] = dataclasses.field(default_factory=dict)
    warehouse: dict[str, Any] = dataclasses.field(default_factory=dict)

    def body(self, phase: Phase) -> Callable[[PhaseContext], PhaseOutput]:
        def run(ctx: PhaseContext) -> PhaseOutput:
            self.calls[phase] = self.calls.get(phase, 0) + 1
            if phase in self.hooks:
                self.hooks[phase](ctx)
            pending = self.failures.get(phase) or []
            if pending:
                raise pending.pop(0)
            # Deterministic, overwrite-not-append output, like the real phases.
            key = f"{ctx.job_id}:{phase.value}"
            self.warehouse[key] = [phase.value, ctx.job.customer_url]
            prev = phase.previous
            seen = ctx.job.results.get(prev.value, {}).get("chain", []) if prev else []
            return PhaseOutput(summary={"ok": True}, result={"chain": [*seen, phase.value]})

        return run


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def script() -> Script:
    return Script()


@pytest.fixture
def make_deps(tmp_path: Path, clock: Clock, script: Script) -> Callable[..., Container]:
    def make(name: str = "a", **overrides: Any) -> Container:
        settings = Settings(home=tmp_path / name, max_attempts=overrides.pop("max_attempts", 3))
        return Container(
            settings,
            store=SQLiteJobStore(tmp_path / name / "jobs.sqlite"),
            bus=overrides.pop("bus", MemoryBus()),
            artifacts=LocalArtifactStore(tmp_path / name),
            clock=clock,
            bodies={p: script.body(p) for p in PHASE_ORDER},
        )

    return make
