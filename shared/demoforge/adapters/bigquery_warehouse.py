"""``Warehouse`` on BigQuery (google-cloud-bigquery).

One dataset per job with labels and a default table expiration, tables created from the
spec with their descriptions (the data agent reads them), loaded from Parquet with load
jobs (free, unlike streaming inserts) using WRITE_TRUNCATE so a redelivery overwrites.
``settings.bigquery_endpoint`` points the official client at a local BigQuery-API server
(tests, ``demoforge up``) with anonymous credentials. API errors are mapped to the job
error taxonomy: quota/5xx/deadline -> ``TransientError``, the rest -> ``PermanentError``
with a message a Customer Engineer can act on.

Every query is bounded: ``job_timeout_ms`` (BigQuery stops the job server-side), the same
budget for the client's wait after which the job is cancelled, ``maximum_bytes_billed``,
and at most ``settings.query_max_rows`` rows fetched (``max_results``), so one query can
neither run on after the function gives up nor fill the function's memory. A query that
times out is a ``PermanentError`` (``query_timeout``): the query is at fault, and
retrying the phase would only run it again.
"""

from __future__ import annotations

import concurrent.futures
import functools
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import requests
from google.api_core import exceptions as gexc
from google.cloud import bigquery

from demoforge.domain.errors import PermanentError, TransientError
from demoforge.service.ports import DatasetRef, QueryUsage
from demoforge.settings import Settings

if TYPE_CHECKING:
    from demoforge.spec.model import TableSpec

T = TypeVar("T")

_MS_PER_DAY = 86_400_000
_QUERY_TIMEOUT_S = 300.0  # load jobs; queries use settings.query_timeout_s
_CANCEL_TIMEOUT_S = 10.0
_POLL_TIMEOUT_S = 10.0  # one jobs.get call
_TRANSIENT_REASONS = {"rateLimitExceeded", "backendError", "internalError", "jobRateLimitExceeded"}
# jobTimeoutMs exceeded ("timeout") or the job cancelled after the client wait ("stopped").
_TIMEOUT_REASONS = {"timeout", "stopped"}
_ROLES_HINT = (
    "grant the function's service account roles/bigquery.dataEditor and "
    "roles/bigquery.jobUser on the project"
)


def _reasons(e: gexc.GoogleAPICallError) -> set[str]:
    return {str(err.get("reason", "")) for err in (e.errors or []) if isinstance(err, dict)}


def map_error(e: BaseException, what: str) -> Exception:
    """Translate a client exception into TransientError / PermanentError."""
    if isinstance(e, gexc.GoogleAPICallError):
        reasons = _reasons(e)
        if reasons & _TIMEOUT_REASONS:
            # The client maps an unknown reason to 500, which would read as transient.
            return PermanentError(
                f"BigQuery {what}: stopped by its time limit or cancelled: {e.message}",
                code="query_timeout")
        if isinstance(e, gexc.TooManyRequests | gexc.ServerError) or reasons & _TRANSIENT_REASONS:
            return TransientError(f"BigQuery {what}: temporarily unavailable ({e.code}): {e.message}")
        if isinstance(e, gexc.Forbidden):
            if "quotaExceeded" in reasons:
                return PermanentError(
                    f"BigQuery {what}: quota exceeded: {e.message}", code="bigquery_quota"
                )
            return PermanentError(
                f"BigQuery {what}: permission denied ({e.message}); {_ROLES_HINT}",
                code="bigquery_permission_denied",
            )
        if isinstance(e, gexc.BadRequest):
            return PermanentError(f"BigQuery {what}: invalid request: {e.message}", code="bigquery_invalid")
        if isinstance(e, gexc.NotFound):
            return PermanentError(f"BigQuery {what}: not found: {e.message}", code="bigquery_not_found")
        return PermanentError(f"BigQuery {what}: {e.code} {e.message}", code="bigquery_error")
    if isinstance(e, gexc.RetryError | gexc.DeadlineExceeded | concurrent.futures.TimeoutError
                  | requests.exceptions.ConnectionError | requests.exceptions.Timeout):
        return TransientError(f"BigQuery {what}: {type(e).__name__}: {e}")
    return PermanentError(f"BigQuery {what}: {type(e).__name__}: {e}", code="bigquery_error")


def _call(what: str, fn: Callable[[], T]) -> T:
    try:
        return fn()
    except (gexc.GoogleAPIError, concurrent.futures.TimeoutError,
            requests.exceptions.RequestException) as e:
        raise map_error(e, what) from e


def schema_for(table: TableSpec) -> list[bigquery.SchemaField]:
    """BigQuery schema (with descriptions) from a spec ``TableSpec``."""
    fields = []
    for c in table.columns:
        mode = c.mode if c.mode == "REPEATED" else ("NULLABLE" if c.nullable > 0 else c.mode)
        fields.append(bigquery.SchemaField(c.name, c.type, mode=mode, description=c.description))
    return fields


class BigQueryWarehouse:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @functools.cached_property
    def client(self) -> bigquery.Client:
        if self.settings.bigquery_endpoint:
            from google.auth.credentials import AnonymousCredentials

            return bigquery.Client(
                project=self.settings.project,
                credentials=AnonymousCredentials(),
                client_options={"api_endpoint": self.settings.bigquery_endpoint},
                location=self.settings.bq_location,
            )
        return bigquery.Client(project=self.settings.project, location=self.settings.bq_location)

    def ensure_dataset(
        self, ref: DatasetRef, *, labels: Mapping[str, str], description: str, ttl_days: int
    ) -> None:
        ds = bigquery.Dataset(ref.qualified)
        ds.location = self.settings.bq_location
        ds.labels = dict(labels)
        ds.description = description
        ds.default_table_expiration_ms = ttl_days * _MS_PER_DAY if ttl_days > 0 else None
        existing = _call("create dataset", lambda: self.client.create_dataset(ds, exists_ok=True))
        if (existing.labels != ds.labels or existing.description != description
                or existing.default_table_expiration_ms != ds.default_table_expiration_ms):
            # A redelivery after a settings change: converge instead of failing.
            existing.labels = ds.labels
            existing.description = description
            existing.default_table_expiration_ms = ds.default_table_expiration_ms
            _call("update dataset", lambda: self.client.update_dataset(
                existing, ["labels", "description", "default_table_expiration_ms"]))

    def load_table(self, ref: DatasetRef, table: TableSpec, parquet: Path) -> int:
        if not Path(parquet).is_file():
            raise PermanentError(f"Parquet file for table {table.name} not found: {parquet}")
        table_id = f"{ref.qualified}.{table.name}"
        schema = schema_for(table)
        bq_table = bigquery.Table(table_id, schema=schema)
        bq_table.description = table.description
        bq_table.labels = {"app": "demoforge", "job_id": ref.job_id.lower()[:63]}
        # Delete + create so a spec change between deliveries cannot leave a stale schema.
        _call("delete table", lambda: self.client.delete_table(table_id, not_found_ok=True))
        _call("create table", lambda: self.client.create_table(bq_table, exists_ok=True))
        config = bigquery.LoadJobConfig(
            source_format=bigquery.SourceFormat.PARQUET,
            write_disposition=bigquery.WriteDisposition.WRITE_TRUNCATE,
            schema=schema,
            destination_table_description=table.description,
            labels={"app": "demoforge", "job_id": ref.job_id.lower()[:63]},
        )
        # Lists written by pyarrow are nested list<element>; inference maps them to REPEATED.
        options = bigquery.ParquetOptions()
        options.enable_list_inference = True
        config.parquet_options = options

        def load() -> int:
            with open(parquet, "rb") as f:
                job = self.client.load_table_from_file(f, table_id, job_config=config, rewind=True)
            job.result(timeout=_QUERY_TIMEOUT_S)
            return int(job.output_rows or 0)

        return _call(f"load {table.name}", load)

    def row_count(self, ref: DatasetRef, table: str) -> int:
        t = _call("get table", lambda: self.client.get_table(f"{ref.qualified}.{table}"))
        return int(t.num_rows or 0)

    def dry_run(self, ref: DatasetRef, sql: str) -> int:
        config = bigquery.QueryJobConfig(dry_run=True, use_query_cache=False)
        job = _call("dry run", lambda: self.client.query(sql, job_config=config, project=ref.project))
        return int(job.total_bytes_processed or 0)

    def query(self, ref: DatasetRef, sql: str, *, max_bytes_billed: int) -> list[dict[str, Any]]:
        return self.query_with_usage(ref, sql, max_bytes_billed=max_bytes_billed)[0]

    def query_with_usage(
        self, ref: DatasetRef, sql: str, *, max_bytes_billed: int
    ) -> tuple[list[dict[str, Any]], QueryUsage]:
        timeout_s = self.settings.query_timeout_s
        config = bigquery.QueryJobConfig(
            maximum_bytes_billed=max_bytes_billed or None,
            job_timeout_ms=max(1, round(timeout_s * 1000)),
            labels={"app": "demoforge", "job_id": ref.job_id.lower()[:63]},
        )

        def run() -> tuple[list[dict[str, Any]], QueryUsage]:
            job = self.client.query(sql, job_config=config, project=ref.project)
            self._wait(job, timeout_s)
            rows = job.result(timeout=timeout_s, max_results=self.settings.query_max_rows)
            used = QueryUsage(bytes_processed=int(job.total_bytes_processed or 0),
                              bytes_billed=int(job.total_bytes_billed or 0))
            return [dict(row.items()) for row in rows], used

        return _call("query", run)

    def _wait(self, job: bigquery.QueryJob, timeout_s: float) -> None:
        """Poll the job until it is done; past ``timeout_s`` cancel it and fail the query.

        Not ``job.result(timeout=...)``: its getQueryResults calls long-poll for 10 s and
        the client retries transport timeouts, so the wait overran a 2 s budget by 9 s.
        """
        deadline = time.monotonic() + timeout_s
        pause = 0.1
        while not job.done(timeout=_POLL_TIMEOUT_S):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self._cancel(job)
                raise PermanentError(
                    f"BigQuery query: job {job.job_id} did not finish within {timeout_s:g} s "
                    "and was cancelled", code="query_timeout")
            time.sleep(min(pause, remaining))
            pause = min(pause * 2, 0.5)

    def _cancel(self, job: bigquery.QueryJob) -> None:
        """Stop a job the client gave up waiting for, so it is not billed on."""
        try:
            job.cancel(timeout=_CANCEL_TIMEOUT_S)
        except (gexc.GoogleAPIError, requests.exceptions.RequestException) as e:
            raise PermanentError(
                f"BigQuery query: job {job.job_id} timed out and could not be cancelled "
                f"({type(e).__name__}: {e}); its job_timeout_ms stops it server-side",
                code="query_timeout") from e

    def delete_dataset(self, ref: DatasetRef) -> None:
        _call("delete dataset", lambda: self.client.delete_dataset(
            ref.qualified, delete_contents=True, not_found_ok=True))
