"""Fixtures for warehouse/content integration tests: a local BigQuery-API server
(local-bigquery on Python 3.13, started once per session) and a content-phase pack."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from demoforge.devtools import localbq


@pytest.fixture(scope="session")
def local_bigquery(tmp_path_factory: pytest.TempPathFactory) -> Iterator[localbq.LocalBigQuery]:
    try:
        server = localbq.start(data_dir=tmp_path_factory.mktemp("localbq"), project="demo-proj")
    except localbq.LocalBigQueryUnavailable as e:
        pytest.skip(f"local BigQuery server unavailable: {e}")
    try:
        yield server
    finally:
        localbq.stop(server)


@pytest.fixture(scope="session")
def report_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Warehouse + content phases on DuckDB; returns the job's pack folder."""
    from demoforge.domain.job import Phase
    from tests.support.demo_dataset import (
        FakeSynthEngine,
        local_deps,
        make_spec,
        new_job,
        run_phase,
    )

    deps = local_deps(tmp_path_factory.mktemp("pack"), synth=FakeSynthEngine())
    new_job(deps, "report-job", make_spec(orders=800))
    run_phase(deps, "report-job", Phase.WAREHOUSE)
    run_phase(deps, "report-job", Phase.CONTENT)
    return Path(deps.artifacts.workdir("report-job"))
