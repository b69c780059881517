"""BigQueryWarehouse bounds every query, checked on the wire: the official client talks to
a small local server speaking the BigQuery REST API (jobs.insert, jobs.get,
jobs.getQueryResults, jobs.cancel), which records what it was sent.

- the job configuration carries ``jobTimeoutMs`` and ``maximumBytesBilled``;
- when the client wait expires the job is cancelled and the query fails permanently
  (``query_timeout``), so the phase drops it instead of retrying it;
- a job BigQuery itself stopped at its time limit is permanent too, not transient;
- at most ``query_max_rows`` rows are requested and returned.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from demoforge.adapters.bigquery_warehouse import BigQueryWarehouse
from demoforge.domain.errors import PermanentError, TransientError
from demoforge.service.ports import DatasetRef
from demoforge.settings import Settings

REF = DatasetRef(project="demo-proj", dataset="demo_shop_abcd1234", job_id="job-bounds")
TOTAL_ROWS = 1_000


@dataclass
class Server:
    """What the fake BigQuery was asked, and how it behaves."""

    mode: str = "hang"  # hang | rows | server_timeout
    inserted: list[dict[str, Any]] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    max_results: list[int | None] = field(default_factory=list)
    endpoint: str = ""

    def job(self, job_id: str) -> dict[str, Any]:
        body = next(j for j in self.inserted if j["jobReference"]["jobId"] == job_id)
        done = self.mode != "hang" or job_id in self.cancelled
        status: dict[str, Any] = {"state": "DONE" if done else "RUNNING"}
        if job_id in self.cancelled:
            status["errorResult"] = {"reason": "stopped", "message": "Job execution was cancelled"}
        elif self.mode == "server_timeout":
            status["errorResult"] = {"reason": "timeout", "message": "Job timed out after 1 sec"}
        if "errorResult" in status:
            status["errors"] = [status["errorResult"]]
        return {
            "kind": "bigquery#job", "id": f"demo-proj:EU.{job_id}",
            "jobReference": {"projectId": "demo-proj", "jobId": job_id, "location": "EU"},
            "configuration": body["configuration"], "status": status,
            "statistics": {"creationTime": "1700000000000"},
        }


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # keep test output quiet
            pass

        def _send(self, payload: dict[str, Any], status: int = 200) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            url = urllib.parse.urlparse(self.path)
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            parts = url.path.strip("/").split("/")  # bigquery v2 projects P jobs [ID cancel]
            if parts[-1] == "jobs":
                server.inserted.append(body)
                self._send(server.job(body["jobReference"]["jobId"]))
            elif parts[-1] == "cancel":
                server.cancelled.append(parts[-2])
                self._send({"kind": "bigquery#jobCancelResponse", "job": server.job(parts[-2])})
            else:
                self._send({"error": {"code": 404, "message": url.path}}, 404)

        def do_GET(self) -> None:
            url = urllib.parse.urlparse(self.path)
            query = urllib.parse.parse_qs(url.query)
            parts = url.path.strip("/").split("/")
            job_id = parts[-1]
            if parts[-2] == "jobs":
                self._send(server.job(job_id))
                return
            if parts[-2] != "queries":
                self._send({"error": {"code": 404, "message": url.path}}, 404)
                return
            limit = int(query["maxResults"][0]) if "maxResults" in query else None
            server.max_results.append(limit)
            job = server.job(job_id)
            if job["status"]["state"] != "DONE":
                time.sleep(0.1)  # a long poll that comes back without the job finishing
                self._send({"kind": "bigquery#getQueryResultsResponse",
                            "jobReference": job["jobReference"], "jobComplete": False})
                return
            if "errorResult" in job["status"]:
                err = job["status"]["errorResult"]
                self._send({"error": {"code": 400, "message": err["message"],
                                      "errors": [err]}}, 400)
                return
            start = int(query.get("startIndex", ["0"])[0])
            token = query.get("pageToken", [None])[0]
            if token:
                start = int(token)
            end = min(TOTAL_ROWS, start + (limit or TOTAL_ROWS))
            payload: dict[str, Any] = {
                "kind": "bigquery#getQueryResultsResponse", "jobReference": job["jobReference"],
                "jobComplete": True, "totalRows": str(TOTAL_ROWS),
                "schema": {"fields": [{"name": "n", "type": "INTEGER", "mode": "NULLABLE"}]},
                "rows": [{"f": [{"v": str(i)}]} for i in range(start, end)],
            }
            if end < TOTAL_ROWS:
                payload["pageToken"] = str(end)
            self._send(payload)

    return Handler


@pytest.fixture
def fake_bigquery() -> Iterator[Server]:
    state = Server()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.endpoint = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def _warehouse(server: Server, tmp_path: Path, **settings: object) -> BigQueryWarehouse:
    return BigQueryWarehouse(Settings(home=tmp_path, project="demo-proj", warehouse="bigquery",
                                      bigquery_endpoint=server.endpoint, bq_location="EU")
                             .with_(**settings))


def test_a_query_past_its_timeout_is_cancelled_and_fails_permanently(fake_bigquery: Server,
                                                                      tmp_path: Path) -> None:
    wh = _warehouse(fake_bigquery, tmp_path, query_timeout_s=1.5)
    start = time.monotonic()
    with pytest.raises(PermanentError) as e:
        wh.query(REF, "SELECT COUNT(*) FROM a, b, c, d", max_bytes_billed=12_345)
    elapsed = time.monotonic() - start
    assert not isinstance(e.value, TransientError)
    assert e.value.code == "query_timeout" and "cancelled" in e.value.message
    [body] = fake_bigquery.inserted
    config = body["configuration"]
    assert int(config["jobTimeoutMs"]) == 1_500
    assert int(config["query"]["maximumBytesBilled"]) == 12_345
    assert config["labels"] == {"app": "demoforge", "job_id": "job-bounds"}
    assert fake_bigquery.cancelled == [body["jobReference"]["jobId"]]
    assert 1.5 <= elapsed < 3.5, elapsed


def test_a_job_stopped_at_its_server_side_limit_is_not_retried(fake_bigquery: Server,
                                                                tmp_path: Path) -> None:
    fake_bigquery.mode = "server_timeout"
    wh = _warehouse(fake_bigquery, tmp_path, query_timeout_s=5)
    with pytest.raises(PermanentError) as e:
        wh.query(REF, "SELECT 1", max_bytes_billed=0)
    assert not isinstance(e.value, TransientError)
    assert e.value.code == "query_timeout" and "timed out" in e.value.message
    assert fake_bigquery.cancelled == []


def test_at_most_query_max_rows_rows_are_requested_and_returned(fake_bigquery: Server,
                                                                 tmp_path: Path) -> None:
    fake_bigquery.mode = "rows"
    wh = _warehouse(fake_bigquery, tmp_path, query_max_rows=7)
    rows = wh.query(REF, "SELECT n FROM t", max_bytes_billed=0)
    assert [r["n"] for r in rows] == list(range(7))
    assert fake_bigquery.max_results and all(m is not None and m <= 7 for m in fake_bigquery.max_results)
    assert "jobTimeoutMs" in fake_bigquery.inserted[0]["configuration"]
