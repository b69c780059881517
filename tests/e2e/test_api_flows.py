"""Flows through the HTTP api with the real phases on the embedded adapters: the
clarification loop (waiting -> answer -> completed), cancel and retry, assets and report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from demoforge.bootstrap import Container
from demoforge.devtools import samples
from demoforge.entrypoints.http import create_app

from .conftest import SMALL_ROWS, drain

pytestmark = pytest.mark.e2e

VAGUE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Welcome</title></head>
<body><h1>Welcome to Zentrix</h1><p>We are a team. Contact us to learn more. Hello and welcome.</p>
</body></html>"""


def post_vague_site(deps: Container, tmp_path: Path, **body: Any) -> tuple[Any, str]:
    """POST a job for a page with no industry signal and run it as far as it goes."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(VAGUE)
    client = create_app(lambda: deps).test_client()
    with samples.serve_dir(site) as url:
        resp = client.post("/jobs", json={"customer_url": url, "rows": SMALL_ROWS, **body})
        drain(deps)
    return client, resp.get_json()["job_id"]


def test_clarification_loop_through_the_api(make_local: Callable[..., Container], tmp_path: Path) -> None:
    deps = make_local()
    client, job_id = post_vague_site(deps, tmp_path)
    job = client.get(f"/jobs/{job_id}").get_json()
    assert job["status"] == "waiting", job
    assert job["phases"]["research"]["status"] == "waiting"
    clar = job["clarification"]
    assert clar["question"] and len(clar["candidates"]) == 3
    assert client.get(f"/jobs/{job_id}/assets").status_code == 409
    bad = client.post(f"/jobs/{job_id}:answer", json={"industry": "moon_mining"})
    assert bad.status_code == 400 and "industry" in bad.get_json()["error"]["message"]
    resp = client.post(f"/jobs/{job_id}:answer", json={"industry": "healthcare", "notes": "clinics"})
    assert resp.status_code == 202
    drain(deps)
    job = client.get(f"/jobs/{job_id}").get_json()
    assert job["status"] == "completed", job.get("error")
    assert job["results"]["research"]["industry"] == "healthcare"
    assert job["results"]["modeling"]["template"] == "healthcare"
    assets = client.get(f"/jobs/{job_id}/assets").get_json()
    names = {a["name"] for a in assets["assets"]}
    assert {"spec.json", "golden_queries.json", "agent.json", "index.html"} <= names
    report = client.get(f"/jobs/{job_id}/report")
    assert report.status_code == 200 and b"<svg" in report.data


def test_industry_hint_skips_the_question(make_local: Callable[..., Container], tmp_path: Path) -> None:
    deps = make_local()
    client, job_id = post_vague_site(deps, tmp_path, industry_hint="insurance")
    job = client.get(f"/jobs/{job_id}").get_json()
    assert job["status"] == "completed", job.get("error")
    assert job["results"]["research"]["industry"] == "insurance"
    # Teardown through the api: the dataset goes, the job is marked deleted; twice is fine.
    dataset = job["results"]["warehouse"]["dataset"]
    for _ in range(2):
        resp = client.delete(f"/jobs/{job_id}")
        assert resp.status_code == 200 and resp.get_json()["status"] == "deleted"
    # Nothing is left: the dataset, its warehouse file and the whole pack folder are gone.
    assert dataset and not (deps.settings.home / "jobs" / job_id).exists()
    assert client.get(f"/jobs/{job_id}/report").status_code == 410
    assert client.delete("/jobs/unknown-job").status_code == 404
