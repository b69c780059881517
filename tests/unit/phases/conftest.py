"""Fixtures for phase-body tests: a scripted in-memory ``Fetcher`` and embedded
adapters (SQLite job store, local artifacts) in a temporary folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.bootstrap import Container
from demoforge.service.ports import LLM
from demoforge.settings import Settings
from tests.support.fake_fetcher import FakeFetcher


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings().with_(home=tmp_path / "home", crawl_max_pages=5)


@pytest.fixture
def make_deps(settings: Settings, tmp_path: Path) -> Callable[..., Container]:
    def make(fetcher: FakeFetcher, llm: LLM | None = None, **overrides: object) -> Container:
        s = settings.with_(**overrides) if overrides else settings
        return Container(
            s, store=SQLiteJobStore(tmp_path / "jobs.sqlite"),
            artifacts=LocalArtifactStore(tmp_path / "artifacts"), fetcher=fetcher, llm=llm,
            llm_disabled=llm is None,
        )

    return make


@pytest.fixture
def local_deps(tmp_path: Path) -> Any:
    def make(llm: Any = None) -> Any:
        s = Settings(home=tmp_path)
        return Container(s, store=SQLiteJobStore(tmp_path / "jobs.sqlite"), artifacts=LocalArtifactStore(tmp_path),
                    llm=llm, llm_disabled=llm is None)

    return make
