"""``ArtifactStore`` on Cloud Storage, for the cloud: ``gs://<bucket>/jobs/<job_id>/<name>``.

Phases build files in ``workdir(job_id)`` (a per-job folder under the local temp dir, which
is the only writable place in Cloud Functions) and store them here, so every phase
function, on any instance, sees what earlier phases produced. Writes overwrite the same
object name (idempotent re-runs). Errors meaning "try again later" become
``TransientError`` so Pub/Sub redelivers; a missing object is ``NotFound``.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from contextlib import AbstractContextManager
from pathlib import Path, PurePosixPath

import google.cloud.storage as storage
import requests
from google.api_core import exceptions as gexc
from google.auth.credentials import AnonymousCredentials
from google.cloud.storage.retry import DEFAULT_RETRY

from demoforge.adapters.google_errors import transient_errors
from demoforge.domain.errors import InvalidInput, NotFound
from demoforge.settings import Settings

_JOB_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

# On top of the API's own transient errors: the storage client talks HTTP via requests.
_NETWORK = (requests.ConnectionError, requests.Timeout)


def _mapped(what: str) -> AbstractContextManager[None]:
    return transient_errors("Cloud Storage", what, _NETWORK)


def _check_job_id(job_id: str) -> str:
    if not _JOB_ID.match(job_id):
        raise InvalidInput(f"invalid job id {job_id!r}")
    return job_id


def _check_name(name: str) -> str:
    parts = PurePosixPath(name).parts
    if not name or name.startswith("/") or "\\" in name or any(p in ("..", ".") for p in parts) \
            or "//" in name or name.endswith("/"):
        raise InvalidInput(f"invalid artifact name {name!r}")
    return name


class GcsArtifactStore:
    def __init__(
        self,
        settings: Settings,
        *,
        client: storage.Client | None = None,
        work_root: Path | None = None,
        retry_timeout_s: float = 120.0,
    ) -> None:
        if not settings.artifacts_bucket:
            raise InvalidInput(
                "DEMOFORGE_ARTIFACTS_BUCKET is not set: the GCS artifact store needs a bucket"
            )
        self.settings = settings
        self.bucket_name = settings.artifacts_bucket
        self.client = client or self._make_client(settings)
        self.bucket = self.client.bucket(self.bucket_name)
        self.work_root = work_root or Path(tempfile.gettempdir()) / "demoforge-work"
        # The SDK's retry (429/5xx/connection errors, exponential backoff) bounded by our
        # own deadline; what still fails after it becomes a TransientError (redelivery).
        self.retry = DEFAULT_RETRY.with_timeout(retry_timeout_s)

    @staticmethod
    def _make_client(settings: Settings) -> storage.Client:
        if settings.gcs_endpoint:
            # A local JSON-API server (tests): no Google credentials exist or are needed.
            return storage.Client(
                project=settings.project,
                credentials=AnonymousCredentials(),
                client_options={"api_endpoint": settings.gcs_endpoint},
            )
        return storage.Client(project=settings.project)

    def prefix(self, job_id: str) -> str:
        return f"jobs/{_check_job_id(job_id)}/"

    def object_name(self, job_id: str, name: str) -> str:
        return self.prefix(job_id) + _check_name(name)

    def uri(self, job_id: str, name: str) -> str:
        return f"gs://{self.bucket_name}/{self.object_name(job_id, name)}"

    def workdir(self, job_id: str) -> Path:
        d = self.work_root / _check_job_id(job_id)
        d.mkdir(parents=True, exist_ok=True)
        return d

    def put(self, job_id: str, name: str, data: bytes, content_type: str = "application/json") -> str:
        blob = self.bucket.blob(self.object_name(job_id, name))
        with _mapped(f"upload {name} of job {job_id}"):
            blob.upload_from_string(data, content_type=content_type, retry=self.retry)
        return self.uri(job_id, name)

    def get(self, job_id: str, name: str) -> bytes:
        blob = self.bucket.blob(self.object_name(job_id, name))
        try:
            with _mapped(f"download {name} of job {job_id}"):
                data: bytes = blob.download_as_bytes(retry=self.retry)
        except gexc.NotFound as e:
            raise NotFound(f"artifact {name} of job {job_id} not found") from e
        return data

    def list(self, job_id: str) -> list[str]:
        prefix = self.prefix(job_id)
        with _mapped(f"list artifacts of job {job_id}"):
            names = [b.name for b in self.client.list_blobs(self.bucket_name, prefix=prefix,
                                                            retry=self.retry)]
        return sorted(n[len(prefix):] for n in names)

    def delete_job(self, job_id: str) -> int:
        """Every object under ``jobs/<job_id>/`` and the local work folder. Idempotent:
        an object deleted meanwhile (a repeated teardown) counts as gone."""
        prefix = self.prefix(job_id)
        removed = 0
        with _mapped(f"delete artifacts of job {job_id}"):
            for blob in list(self.client.list_blobs(self.bucket_name, prefix=prefix, retry=self.retry)):
                try:
                    blob.delete(retry=self.retry)
                except gexc.NotFound:
                    continue
                removed += 1
        work = self.work_root / job_id
        if work.is_dir():
            shutil.rmtree(work)
        return removed
