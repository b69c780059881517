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


def test_delete_job_removes_every_artifact_and_the_workdir_only_of_that_job(under: Under) -> None:
    s = under.store
    s.put("job-5", "spec.json", b"{}")
    s.put("job-5", "data/orders.parquet", b"PAR1")
    s.put("job-5", "research/pages.json", b"[]")
    s.put("job-6", "spec.json", b"{}")
    (s.workdir("job-5") / "scratch.tmp").write_bytes(b"half a file")
    assert s.delete_job("job-5") >= 3
    assert s.list("job-5") == []
    with pytest.raises(NotFound):
        s.get("job-5", "spec.json")
    assert s.get("job-6", "spec.json") == b"{}"  # another job's artifacts stay
    assert s.delete_job("job-5") == 0  # idempotent
    if under.gcs is not None:
        assert not [n for (_, n) in under.gcs.objects if n.startswith("jobs/job-5/")]
        assert ("DELETE", "/storage/v1/b/demo-artifacts/o/jobs%2Fjob-5%2Fspec.json") in [
            (m, p.split("?")[0]) for m, p in under.gcs.requests]
    with pytest.raises(InvalidInput):
        s.delete_job("../job-6")


def test_delete_job_of_a_linked_pack_folder_keeps_what_is_not_the_packs(tmp_path: Path) -> None:
    s = LocalArtifactStore(tmp_path / "home")
    pack = tmp_path / "mine"
    pack.mkdir()
    (pack / "notes.txt").write_text("my own notes")
    s.link("job-7", pack)
    s.put("job-7", "index.html", b"<html></html>")
    s.put("job-7", "data/orders.parquet", b"PAR1")
    (pack / "warehouse.duckdb").write_bytes(b"DUCK")
    assert s.delete_job("job-7") == 3
    assert sorted(p.name for p in pack.iterdir()) == ["notes.txt"]
    assert not (tmp_path / "home" / "links" / "job-7.path").exists()
    (pack / "notes.txt").unlink()
    s.put("job-7", "index.html", b"<html></html>")
    s.delete_job("job-7")
    assert not pack.exists()  # nothing else in it: the folder goes too
