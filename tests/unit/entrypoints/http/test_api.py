"""The HTTP api: routes, status codes and JSON error bodies, through the real Flask app
and through functions-framework loading ``functions/api/main.py`` as Cloud Functions does."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from functions_framework import create_app

from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.adapters.memory_bus import MemoryBus
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.bootstrap import Container
from demoforge.domain.job import JobStatus, Phase, PhaseStatus
from demoforge.entrypoints.http import create_app as create_api
from demoforge.service import jobs
from demoforge.settings import Settings

REPO = Path(__file__).resolve().parents[4]


@pytest.fixture
def deps(tmp_path: Path) -> Container:
    return Container(Settings(home=tmp_path), store=SQLiteJobStore(tmp_path / "jobs.sqlite"),
                bus=MemoryBus(), artifacts=LocalArtifactStore(tmp_path))


@pytest.fixture
def client(deps: Container) -> Any:
    return create_api(lambda: deps).test_client()


def assert_error(resp: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert resp.status_code == status, resp.get_data(as_text=True)
    assert resp.mimetype == "application/json"
    body = resp.get_json()
    err = body["error"]
    assert set(err) == {"code", "message", "correlation_id"}
    assert err["message"] and err["correlation_id"]
    if code:
        assert err["code"] == code
    return err


def test_post_job_returns_202_and_publishes_research(client: Any, deps: Container) -> None:
    resp = client.post("/jobs", json={"customer_url": "https://Example.com/shop?x=1#top",
                                      "industry_hint": "retail_ecommerce"})
    assert resp.status_code == 202
    body = resp.get_json()
    assert body["status_url"] == f"/jobs/{body['job_id']}"
    assert resp.headers["Location"] == body["status_url"]
    bus = deps.bus
    assert isinstance(bus, MemoryBus)
    assert [(m.job_id, m.phase) for m in bus.published] == [(body["job_id"], Phase.RESEARCH)]
    job = client.get(body["status_url"]).get_json()
    assert job["customer_url"] == "https://example.com/shop?x=1"
    assert job["status"] == "queued" and job["created_by"] == "local"
    assert set(job["phases"]) == {p.value for p in Phase}
    assert "lease_owner" not in job["phases"]["research"]
    assert job["expire_at"] > job["created_at"]


@pytest.mark.parametrize("body,fragment", [
    ({"customer_url": "ftp://example.com"}, "http or https"),
    ({"customer_url": "javascript:alert(1)"}, "http or https"),
    ({"customer_url": "https://"}, "no host"),
    ({"customer_url": "https://user:pw@example.com"}, "credentials"),
    ({"customer_url": "https://example.com/" + "a" * 3000}, "2048"),
    ({"customer_url": ""}, "customer_url"),
    ({}, "customer_url"),
    ({"customer_url": "https://example.com", "industry_hint": "spaceships"}, "industry_hint"),
    ({"customer_url": "https://example.com", "surprise": 1}, "surprise"),
    ({"customer_url": "https://example.com", "rows": 5}, "rows"),
    ({"customer_url": 42}, "customer_url"),
])
def test_bad_bodies_get_400_with_json_error(client: Any, deps: Container, body: dict, fragment: str) -> None:
    err = assert_error(client.post("/jobs", json=body), 400)
    assert fragment in err["message"]
    assert deps.bus.published == []  # type: ignore[attr-defined]


def test_malformed_json_and_wrong_media_type(client: Any) -> None:
    assert_error(client.post("/jobs", data="{nope", content_type="application/json"), 400)
    assert_error(client.post("/jobs", data="customer_url=x", content_type="text/plain"), 415)
    assert_error(client.post("/jobs", data="[" * 20000, content_type="application/json"), 413)


def test_unknown_job_route_and_method(client: Any) -> None:
    assert_error(client.get("/jobs/nope"), 404, "not_found")
    assert_error(client.get("/jobs/../../etc/passwd"), 404)
    assert_error(client.get("/nothing-here"), 404)
    assert_error(client.put("/jobs"), 405)
    assert_error(client.post("/jobs/abc:explode", json={}), 404)


def test_list_is_newest_first_and_paginated(client: Any) -> None:
    ids = [client.post("/jobs", json={"customer_url": f"https://e{i}.com"}).get_json()["job_id"]
           for i in range(5)]
    page1 = client.get("/jobs?limit=2").get_json()
    page2 = client.get("/jobs", query_string={"limit": 2, "cursor": page1["next_cursor"]}).get_json()
    page3 = client.get("/jobs", query_string={"limit": 2, "cursor": page2["next_cursor"]}).get_json()
    got = [j["job_id"] for p in (page1, page2, page3) for j in p["jobs"]]
    assert got == list(reversed(ids))
    assert page3["next_cursor"] is None
    assert_error(client.get("/jobs?limit=0"), 400)
    assert_error(client.get("/jobs?limit=abc"), 400)


def test_events_cancel_retry_and_assets_conflicts(client: Any, deps: Container) -> None:
    job_id = client.post("/jobs", json={"customer_url": "https://e.com"}).get_json()["job_id"]
    events = client.get(f"/jobs/{job_id}/events").get_json()["events"]
    assert events and "job created" in events[0]["message"]
    assert_error(client.get(f"/jobs/{job_id}/assets"), 409, "conflict")
    assert_error(client.get(f"/jobs/{job_id}/report"), 409)
    assert_error(client.post(f"/jobs/{job_id}:retry"), 409)
    assert_error(client.post(f"/jobs/{job_id}:answer", json={"industry": "insurance"}), 409)
    resp = client.post(f"/jobs/{job_id}:cancel")
    assert resp.status_code == 200 and resp.get_json()["status"] == "cancelled"
    assert client.post(f"/jobs/{job_id}:cancel").status_code == 200  # idempotent
    resp = client.post(f"/jobs/{job_id}:retry")
    assert resp.status_code == 202 and resp.get_json()["status"] == "running"


def test_assets_and_report_of_a_completed_job(client: Any, deps: Container) -> None:
    req = jobs.parse(jobs.CreateJobRequest, {"customer_url": "https://e.com"})
    job = jobs.create_job(deps, req)

    def finish(j: Any) -> Any:
        for ps in j.phases.values():
            ps.status = PhaseStatus.DONE
        j.status = JobStatus.COMPLETED
        return j, None

    deps.store.transact(job.job_id, finish)
    deps.artifacts.put(job.job_id, "golden_queries.json", b'[{"question": "q"}]')
    deps.artifacts.put(job.job_id, "index.html", b"<html><body>report</body></html>", "text/html")
    body = client.get(f"/jobs/{job.job_id}/assets").get_json()
    names = {a["name"] for a in body["assets"]}
    assert {"golden_queries.json", "index.html"} <= names
    resp = client.get(f"/jobs/{job.job_id}/assets/golden_queries.json")
    assert resp.status_code == 200 and resp.get_json() == [{"question": "q"}]
    resp = client.get(f"/jobs/{job.job_id}/report")
    assert resp.status_code == 200 and b"report" in resp.data
    assert "default-src 'none'" in resp.headers["Content-Security-Policy"]
    assert_error(client.get(f"/jobs/{job.job_id}/assets/missing.json"), 404)
    assert_error(client.get(f"/jobs/{job.job_id}/assets/../../jobs.sqlite"), 400, "invalid_input")


def _token(claims: dict[str, Any]) -> str:
    enc = lambda d: base64.urlsafe_b64encode(json.dumps(d).encode()).rstrip(b"=").decode()  # noqa: E731
    return f"{enc({'alg': 'RS256'})}.{enc(claims)}."


def test_created_by_is_the_verified_caller_behind_iam(tmp_path: Path) -> None:
    deps = Container(Settings(home=tmp_path, trust_platform_identity=True),
                store=SQLiteJobStore(tmp_path / "j.sqlite"), bus=MemoryBus(),
                artifacts=LocalArtifactStore(tmp_path))
    client = create_api(lambda: deps).test_client()
    auth = {"Authorization": "Bearer " + _token({"email": "ce@corp.example"})}
    resp = client.post("/jobs", json={"customer_url": "https://e.com"}, headers=auth)
    job = client.get(resp.get_json()["status_url"], headers=auth).get_json()
    assert job["created_by"] == "ce@corp.example"
    # Nobody verifiable: an unknown caller owns nothing, not even other unknowns' jobs.
    assert_error(client.get(resp.get_json()["status_url"]), 403, "forbidden")


def test_through_functions_framework(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Configuration through the environment, exactly as in a deployed function.
    monkeypatch.setenv("DEMOFORGE_HOME", str(tmp_path))
    app = create_app("api", str(REPO / "functions" / "api" / "main.py"), "http")
    client = app.test_client()
    resp = client.post("/jobs", json={"customer_url": "https://example.org"})
    assert resp.status_code == 202
    job = client.get(resp.get_json()["status_url"]).get_json()
    assert job["status"] == "queued" and job["customer_url"] == "https://example.org/"
    assert_error(client.post("/jobs", json={"customer_url": "file:///etc/passwd"}), 400)
    assert (tmp_path / "jobs.sqlite").exists()
