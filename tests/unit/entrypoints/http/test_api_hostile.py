"""Hostile requests to the api: every one answers a JSON error (never a 500, never HTML),
ids and cursors are checked before any store call, bodies and numbers are bounded, URLs
are refused by the same policy as the CLI before a job exists, a deleted job's assets
answer 410, and a body shorter than its Content-Length does not hold the connection.
Through our Flask app and through functions-framework loading ``functions/api/main.py``."""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from functions_framework import create_app
from werkzeug.serving import make_server

from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.adapters.memory_bus import MemoryBus
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.bootstrap import Container
from demoforge.domain.job import Event, EventLevel, JobStatus, PhaseStatus
from demoforge.entrypoints import http
from demoforge.entrypoints.http import create_app as create_api
from demoforge.service import jobs
from demoforge.settings import Settings

from .test_api import assert_error

REPO = Path(__file__).resolve().parents[4]


class FirestoreLikeStore(SQLiteJobStore):
    """Answers a reserved document id (``__x__``) the way Firestore does: with an error."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.ids: list[str] = []

    def _seen(self, job_id: str) -> None:
        self.ids.append(job_id)
        if job_id.startswith("__") and job_id.endswith("__") or "/" in job_id:
            raise ValueError(f"400 invalid document id {job_id!r}")

    def get(self, job_id: str) -> Any:
        self._seen(job_id)
        return super().get(job_id)

    def transact(self, job_id: str, fn: Any) -> Any:
        self._seen(job_id)
        return super().transact(job_id, fn)

    def events(self, job_id: str, limit: int = 100, cursor: str | None = None) -> Any:
        self._seen(job_id)
        if cursor and "/" in cursor:
            raise ValueError(f"400 invalid document id {cursor!r}")
        return super().events(job_id, limit, cursor)


@pytest.fixture
def deps(tmp_path: Path) -> Container:
    return Container(Settings(home=tmp_path), store=FirestoreLikeStore(tmp_path / "jobs.sqlite"),
                     bus=MemoryBus(), artifacts=LocalArtifactStore(tmp_path))


@pytest.fixture
def client(deps: Container) -> Any:
    return create_api(lambda: deps).test_client()


@pytest.fixture
def ff_client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("DEMOFORGE_HOME", str(tmp_path))
    return create_app("api", str(REPO / "functions" / "api" / "main.py"), "http").test_client()


def new_job(client: Any) -> str:
    resp = client.post("/jobs", json={"customer_url": "https://example.com"})
    assert resp.status_code == 202, resp.get_data(as_text=True)
    return str(resp.get_json()["job_id"])


@pytest.mark.parametrize("job_id", ["__x__", "__main__", "_x", "-x"])
def test_reserved_or_malformed_ids_are_404_before_any_store_call(
        client: Any, deps: Container, job_id: str) -> None:
    store = deps.store
    assert isinstance(store, FirestoreLikeStore)
    for method, path in [("get", ""), ("delete", ""), ("get", "/events"), ("get", "/assets"),
                         ("get", "/assets/spec.json"), ("get", "/report"), ("post", ":cancel"),
                         ("post", ":retry"), ("post", ":answer")]:
        resp = getattr(client, method)(f"/jobs/{job_id}{path}")
        assert_error(resp, 404, "not_found")
    assert store.ids == []


@pytest.mark.parametrize("query", ["limit=" + "9" * 5000, "limit=²", "limit=٣", "limit=-1",
                                   "limit=1e3", "limit=0x10", "cursor=../../x", "cursor=" + "a" * 300,
                                   "cursor=2026-01-01T00:00:00|__x__", "cursor=x|job1"])
def test_bad_list_parameters_are_400(client: Any, query: str) -> None:
    assert_error(client.get(f"/jobs?{query}"), 400, "invalid_input")


@pytest.mark.parametrize("query", ["limit=" + "1" * 5000, "limit=²", "cursor=../../x",
                                   "cursor=__x__", "cursor=" + "2" * 5000])
def test_bad_events_parameters_are_400_before_any_store_call(
        client: Any, deps: Container, query: str) -> None:
    job_id = new_job(client)
    store = deps.store
    assert isinstance(store, FirestoreLikeStore)
    store.ids.clear()
    assert_error(client.get(f"/jobs/{job_id}/events?{query}"), 400, "invalid_input")
    assert store.ids == []


def test_a_json_body_nested_8000_deep_is_400(client: Any) -> None:
    for body in ("[" * 8000 + "]" * 8000, '{"a":' * 2500 + "1" + "}" * 2500):
        err = assert_error(client.post("/jobs", data=body, content_type="application/json"), 400)
        assert "deeper" in err["message"]
    # brackets inside strings do not count
    ok = client.post("/jobs", json={"customer_url": "https://example.com", "company_name": "[" * 150})
    assert ok.status_code == 202


@pytest.mark.parametrize("url,fragment", [
    ("https://example.com/\x00", "control characters"),
    ("https://exa\\mple.com/", "backslashes"),
    ("https://example.com/\u202egpj.exe", "bidi"),
    ("https://example\u200b.com/", "bidi"),
    ("example.com", "no scheme"),
    ("//example.com/a", "no scheme"),
    ("http://169.254.169.254/computeMetadata/v1/", "metadata"),
    ("http://metadata.google.internal/", "metadata"),
    ("http://[fd20:ce::254]/", "metadata"),
    ("http://127.0.0.1:8080/", "loopback"),
    ("http://2130706433/", "loopback"),
    ("http://localhost/", "loopback"),
    ("http://10.0.0.7/", "private"),
])
def test_unsafe_urls_are_refused_before_a_job_exists(client: Any, deps: Container, url: str,
                                                     fragment: str) -> None:
    err = assert_error(client.post("/jobs", json={"customer_url": url}), 400)
    assert fragment in err["message"]
    assert deps.bus.published == []  # type: ignore[attr-defined]
    assert deps.store.list()[0] == []


@pytest.mark.parametrize("extra", [{"seed": True}, {"seed": False}, {"rows": "1000"}, {"rows": 1000.5},
                                   {"seed": "7"}, {"scale": 1}, {"company_name": ["x"]},
                                   {"rows": True}])
def test_numbers_must_be_numbers(client: Any, deps: Container, extra: dict[str, Any]) -> None:
    assert_error(client.post("/jobs", json={"customer_url": "https://example.com", **extra}), 400)
    assert deps.store.list()[0] == []


def test_a_get_or_delete_on_an_action_path_is_405(client: Any) -> None:
    job_id = new_job(client)
    for method in ("get", "delete"):
        resp = getattr(client, method)(f"/jobs/{job_id}:cancel")
        err = assert_error(resp, 405, "method_not_allowed")
        assert resp.headers["Allow"] == "POST" and "POST" in err["message"]
    resp = client.post(f"/jobs/{job_id}")
    assert_error(resp, 405)
    assert resp.headers["Allow"] == "DELETE, GET, HEAD"
    assert_error(client.put(f"/jobs/{job_id}"), 405)
    assert_error(client.open(f"/jobs/{job_id}", method="OPTIONS"), 405)


def test_a_5000_character_asset_name_is_400(client: Any, deps: Container) -> None:
    job_id = new_job(client)
    for name in ("a" * 5000, "x/" * 10 + "y", "..", "a/../b", ".hidden", "a%00b", "a b"):
        assert_error(client.get(f"/jobs/{job_id}/assets/{name}"), 400, "invalid_input")


def test_events_served_to_callers_carry_no_traceback(client: Any, deps: Container) -> None:
    job_id = new_job(client)
    # an event as older versions wrote it, with the traceback in its data
    deps.store.add_event(job_id, Event(message="research attempt 1 failed: ValueError: x",
                                       level=EventLevel.WARNING,
                                       data={"traceback": "Traceback (most recent call last):\n..."}))
    events = client.get(f"/jobs/{job_id}/events").get_json()["events"]
    assert len(events) == 2 and "Traceback" not in json.dumps(events)


def test_a_deleted_jobs_assets_and_report_answer_410(client: Any, deps: Container) -> None:
    job_id = new_job(client)

    def finish(j: Any) -> Any:
        for ps in j.phases.values():
            ps.status = PhaseStatus.DONE
        j.status = JobStatus.COMPLETED
        return j, None

    deps.store.transact(job_id, finish)
    deps.artifacts.put(job_id, "index.html", b"<html>report</html>", "text/html")
    assert client.get(f"/jobs/{job_id}/report").status_code == 200
    resp = client.delete(f"/jobs/{job_id}")
    assert resp.status_code == 200 and resp.get_json()["status"] == "deleted"
    assert resp.get_json()["results"]["teardown"]["status"] == "done"
    assert deps.artifacts.list(job_id) == []
    for path in ("/report", "/assets", "/assets/index.html"):
        err = assert_error(client.get(f"/jobs/{job_id}{path}"), 410, "gone")
        assert "was deleted" in err["message"] and "removed" in err["message"]
    assert client.get(f"/jobs/{job_id}").get_json()["status"] == "deleted"


def test_the_functions_framework_app_answers_json_for_everything(ff_client: Any) -> None:
    for path in ("/favicon.ico", "/robots.txt", "/nope", "/jobs/__x__"):
        assert_error(ff_client.get(path), 404)
    assert_error(ff_client.put("/jobs"), 405)
    assert_error(ff_client.open("/jobs", method="OPTIONS"), 405)
    assert_error(ff_client.open("/jobs", method="TRACE"), 405)
    assert_error(ff_client.post("/jobs", data="x" * 20_000, content_type="application/json"), 413)
    assert_error(ff_client.post("/jobs", data=b"\xff\xfe{", content_type="application/json"), 400)
    assert_error(ff_client.post("/jobs", data="[" * 8000 + "]" * 8000,
                                content_type="application/json"), 400)
    assert_error(ff_client.post("/jobs", json={"customer_url": "example.com"}), 400)
    assert ff_client.get("/openapi.json").get_json()["openapi"] == "3.1.0"


def _raw_request(port: int, head: bytes, body: bytes) -> tuple[float, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        started = time.monotonic()
        s.sendall(head + body)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
        return time.monotonic() - started, b"".join(chunks)


def test_a_body_shorter_than_its_content_length_does_not_hold_the_connection(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEMOFORGE_HOME", str(tmp_path))
    monkeypatch.setattr(http, "BODY_READ_TIMEOUT_S", 1.0)
    app = create_app("api", str(REPO / "functions" / "api" / "main.py"), "http")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        head = (b"POST /jobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 1000\r\n\r\n")
        seconds, raw = _raw_request(server.server_port, head, b'{"customer_url": "https://e')
        status, _, rest = raw.partition(b"\r\n")
        assert b" 400 " in status, raw
        body = json.loads(rest.split(b"\r\n\r\n", 1)[1])
        assert body["error"]["code"] == "incomplete_body"
        assert seconds < 5  # answered after the read timeout, then the connection closed
        head = (b"POST /jobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 99999999\r\n\r\n")
        seconds, raw = _raw_request(server.server_port, head, b"{")
        assert b" 413 " in raw.partition(b"\r\n")[0] and seconds < 5
    finally:
        server.shutdown()
        thread.join(5)


def test_create_job_checks_the_url_policy_in_the_service_too(tmp_path: Path) -> None:
    """The CLI goes through the same service: the same refusal."""
    deps = Container(Settings(home=tmp_path), store=SQLiteJobStore(tmp_path / "j.sqlite"),
                     bus=MemoryBus(), artifacts=LocalArtifactStore(tmp_path))
    req = jobs.parse(jobs.CreateJobRequest, {"customer_url": "http://127.0.0.1/"})
    with pytest.raises(Exception, match="loopback address"):
        jobs.create_job(deps, req)
    allowed = Container(Settings(home=tmp_path, allow_private_network=True),
                        store=SQLiteJobStore(tmp_path / "k.sqlite"), bus=MemoryBus(),
                        artifacts=LocalArtifactStore(tmp_path))
    assert jobs.create_job(allowed, req).customer_url == "http://127.0.0.1/"
    with pytest.raises(Exception, match="metadata"):
        jobs.create_job(allowed, jobs.parse(jobs.CreateJobRequest,
                                            {"customer_url": "http://[fd20:ce::254]/"}))


@pytest.mark.integration
def test_under_gunicorn_as_deployed_malformed_requests_get_json_and_connections_close(
        tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from demoforge.devtools.emulators import free_port

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "functions_framework", "--target", "api", "--source",
         str(REPO / "functions" / "api" / "main.py"), "--signature-type", "http",
         "--host", "127.0.0.1", "--port", str(port)],
        env={**os.environ, "DEMOFORGE_HOME": str(tmp_path)}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        cases = [
            (b"GARBAGE\r\n\r\n", b"", b" 400 "),
            (b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", b"", b" 400 "),
            (b"GET /favicon.ico HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", b"", b" 404 "),
            (b"POST /jobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             b"Content-Length: 99999999\r\n\r\n", b"{", b" 413 "),
            (b"POST /jobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             b"Content-Length: 1000\r\n\r\n", b'{"customer_url": "https://e', b" 400 "),
        ]
        for head, body, status in cases:
            seconds, raw = _raw_request(port, head, body)
            first, _, rest = raw.partition(b"\r\n")
            assert status in first, raw
            assert b"application/json" in rest.split(b"\r\n\r\n", 1)[0].lower(), raw
            json.loads(rest.split(b"\r\n\r\n", 1)[1])
            assert seconds < http.BODY_READ_TIMEOUT_S + 3, (head, seconds)
    finally:
        proc.terminate()
        proc.wait(10)
