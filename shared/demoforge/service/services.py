"""``Services``: everything a phase body or a job service may use, typed by port.

Phases and services depend on this protocol, never on the composition root;
``demoforge.bootstrap.Container`` implements it (building each adapter from ``Settings``
on first use, so a function only imports the SDKs it touches), and tests hand in the
same container with fakes or local adapters in place of the cloud ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Protocol

from demoforge.service.events import EventLog
from demoforge.service.ports import (
    LLM,
    ArtifactStore,
    Bus,
    CallerIdentity,
    DataAgents,
    Fetcher,
    JobStore,
    ResearchCache,
    SynthEngine,
    Warehouse,
)
from demoforge.settings import Settings


class Services(Protocol):
    @property
    def settings(self) -> Settings: ...

    @property
    def clock(self) -> Callable[[], dt.datetime]:
        """Now, in UTC (a test clock in tests)."""
        ...

    @property
    def store(self) -> JobStore: ...

    @property
    def events(self) -> EventLog: ...

    @property
    def bus(self) -> Bus: ...

    @property
    def artifacts(self) -> ArtifactStore: ...

    @property
    def warehouse(self) -> Warehouse: ...

    @property
    def llm(self) -> LLM | None:
        """Claude when a key is configured; None means: use the offline path."""
        ...

    @property
    def llm_off_reason(self) -> str | None:
        """Why ``llm`` is None although Claude is configured (no enabled secret version),
        for the job's events; None when Claude is on or simply not configured."""
        ...

    @property
    def identity(self) -> CallerIdentity:
        """Who calls the api, from what the platform or a signature vouches for."""
        ...

    @property
    def fetcher(self) -> Fetcher: ...

    @property
    def agents(self) -> DataAgents: ...

    @property
    def research_cache(self) -> ResearchCache: ...

    @property
    def synth(self) -> SynthEngine: ...
