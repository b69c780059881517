"""One contract for every ``ArtifactStore``: local folders and Cloud Storage (the real
``google-cloud-storage`` client against a loopback server speaking the GCS JSON API)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.domain.errors import InvalidInput, NotFound, TransientError
from demoforge.service.ports import ArtifactStore
from demoforge.settings import Settings
from tests.support.fake_gcs import FakeGcs

pytestmark = pytest.mark.integration


@dataclasses.dataclass
class Under:
    store: ArtifactStore
    gcs: FakeGcs | None = None


@pytest.fixture(params=["local", "gcs"])
def under(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Under]:
    if request.param == "local":
        yield Under(LocalArtifactStore(tmp_path / "home"))
        return
    from demoforge.adapters.gcs_artifacts import GcsArtifactStore

    with FakeGcs() as gcs:
        settings = Settings(artifacts="gcs", artifacts_bucket="demo-artifacts",
                            gcs_endpoint=gcs.url)
        yield Under(GcsArtifactStore(settings, work_root=tmp_path / "work",
                                     retry_timeout_s=1.5), gcs)


def test_put_get_overwrite_list(under: Under) -> None:
    s = under.store
    ref = s.put("job-1", "spec.json", b'{"tables": []}')
    assert ref
    s.put("job-1", "data/orders.parquet", b"PAR1...", content_type="application/octet-stream")
    s.put("job-2", "spec.json", b"{}")
    assert s.get("job-1", "spec.json") == b'{"tables": []}'
    assert s.get("job-1", "data/orders.parquet") == b"PAR1..."

    s.put("job-1", "spec.json", b'{"tables": ["orders"]}')  # overwrite, not append
    assert s.get("job-1", "spec.json") == b'{"tables": ["orders"]}'
    assert s.list("job-1") == ["data/orders.parquet", "spec.json"]

    with pytest.raises(NotFound):
        s.get("job-1", "nope.json")
    for bad in ("../escape.json", "/abs.json", "a/../../b", ""):
        with pytest.raises(InvalidInput):
            s.put("job-1", bad, b"x")


def test_workdir_is_a_local_folder_per_job(under: Under) -> None:
    s = under.store
    wd = s.workdir("job-3")
    assert wd.is_dir() and wd != s.workdir("job-4")


def test_gcs_references_and_errors(tmp_path: Path) -> None:
    from demoforge.adapters.gcs_artifacts import GcsArtifactStore

    with pytest.raises(InvalidInput, match="DEMOFORGE_ARTIFACTS_BUCKET"):
        GcsArtifactStore(Settings(artifacts="gcs"))
    with FakeGcs() as gcs:
        s = GcsArtifactStore(Settings(artifacts_bucket="b1", gcs_endpoint=gcs.url),
                             work_root=tmp_path, retry_timeout_s=1.0)
        assert s.put("job-9", "spec.json", b"{}") == "gs://b1/jobs/job-9/spec.json"
        assert ("b1", "jobs/job-9/spec.json") in gcs.objects
        assert gcs.objects[("b1", "jobs/job-9/spec.json")].content_type == "application/json"
        with pytest.raises(InvalidInput):
            s.put("../other-job", "spec.json", b"{}")

        # One 503 is retried by the SDK and heals; a persistent outage becomes transient.
        gcs.fail_next = 1
        assert s.get("job-9", "spec.json") == b"{}"
        gcs.fail_next = 10_000
        with pytest.raises(TransientError):
            s.get("job-9", "spec.json")
