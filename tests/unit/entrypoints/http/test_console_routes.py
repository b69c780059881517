"""The console's routes on the api: the page and its files with a strict CSP and the right
content types, nothing else from the package, the industry list, and ``language`` on
POST /jobs. Through Flask and through functions-framework, as deployed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from functions_framework import create_app

from demoforge import console
from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.adapters.memory_bus import MemoryBus
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.bootstrap import Container
from demoforge.domain.job import INDUSTRIES
from demoforge.entrypoints.http import create_app as create_api
from demoforge.settings import Settings
from demoforge.synth.templates import SCALES

REPO = Path(__file__).resolve().parents[4]
CONSOLE_DIR = REPO / "shared" / "demoforge" / "console"


@pytest.fixture
def client(tmp_path: Path) -> Any:
    deps = Container(Settings(home=tmp_path), store=SQLiteJobStore(tmp_path / "jobs.sqlite"),
                bus=MemoryBus(), artifacts=LocalArtifactStore(tmp_path))
    return create_api(lambda: deps).test_client()


def test_root_serves_the_page_under_a_strict_csp(client: Any) -> None:
    resp = client.get("/")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
    csp = resp.headers["Content-Security-Policy"]
    assert csp == console.CSP
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "unsafe" not in csp and "*" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.data == (CONSOLE_DIR / "index.html").read_bytes()


def test_the_page_has_no_inline_code_and_every_file_it_loads_is_served(client: Any) -> None:
    soup = BeautifulSoup(client.get("/").data, "html.parser")
    assert soup.find("style") is None
    assert soup.select("[style]") == []
    assert all(s.get("src") and not s.string for s in soup.find_all("script"))
    inline_handlers = [t.name for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)]
    assert inline_handlers == []
    refs = {t.get("src") or t.get("href") for t in soup.select("script[src], link[href], img[src]")}
    assert refs == {"/console/console.js", "/console/console.css", "/console/icon.svg"}
    for ref in refs:
        resp = client.get(ref)
        assert resp.status_code == 200, ref
        name = str(ref).rsplit("/", 1)[1]
        assert resp.headers["Content-Type"] == console.ASSETS[name]
        assert resp.headers["Content-Security-Policy"] == console.CSP
    # Every control the page has carries a label (or an aria-label).
    labelled = {lab.get("for") for lab in soup.find_all("label")}
    for ctl in soup.select("input, select, textarea"):
        assert ctl.get("id") in labelled or ctl.get("aria-label"), ctl


@pytest.mark.parametrize("path", [
    "/console/__init__.py", "/console/nope.js", "/console/..%2Fapi.py", "/console/%2e%2e/api.py",
    "/console/", "/console/index.html/x",
])
def test_nothing_else_is_served_from_the_package(client: Any, path: str) -> None:
    resp = client.get(path)
    assert resp.status_code in (404, 405), path
    assert resp.mimetype == "application/json"
    assert set(resp.get_json()["error"]) == {"code", "message", "correlation_id"}


def test_asset_helper_refuses_unknown_names() -> None:
    data, ctype = console.asset("console.css")
    assert ctype == "text/css; charset=utf-8" and b"prefers-color-scheme" in data
    with pytest.raises(console.NotFound):
        console.asset("../api.py")


def test_post_to_the_page_is_a_json_405(client: Any) -> None:
    resp = client.post("/", json={})
    assert resp.status_code == 405 and resp.get_json()["error"]["code"] == "method_not_allowed"


def test_industries_lists_every_code_with_a_label(client: Any) -> None:
    body = client.get("/industries").get_json()
    assert [i["code"] for i in body["industries"]] == list(INDUSTRIES)
    labels = {i["code"]: i["label"] for i in body["industries"]}
    assert labels["retail_ecommerce"] == "Retail & e-commerce" and labels["other"] == "Other"
    assert all(labels.values())


def test_language_is_accepted_and_kept_in_the_options(client: Any) -> None:
    resp = client.post("/jobs", json={"customer_url": "https://example.com", "language": "de-CH"})
    assert resp.status_code == 202
    job = client.get(resp.get_json()["status_url"]).get_json()
    assert job["options"]["language"] == "de-CH"
    no_lang = client.post("/jobs", json={"customer_url": "https://example.com"}).get_json()
    assert client.get(no_lang["status_url"]).get_json()["options"]["language"] is None
    for bad in ("english please", "<script>", "x" * 40, 7):
        err = client.post("/jobs", json={"customer_url": "https://example.com", "language": bad})
        message = err.get_json()["error"]["message"]
        assert err.status_code == 400 and message.startswith("language: "), bad
        assert isinstance(bad, int) or "such as en or de-CH" in message
    # Unknown fields are still refused, as before.
    assert client.post("/jobs", json={"customer_url": "https://example.com", "locale": "en"}).status_code == 400


def test_as_of_is_a_day_kept_in_the_options(client: Any) -> None:
    resp = client.post("/jobs", json={"customer_url": "https://example.com", "as_of": "2025-03-31"})
    assert resp.status_code == 202
    assert client.get(resp.get_json()["status_url"]).get_json()["options"]["as_of"] == "2025-03-31"
    for bad in ("yesterday", "2025-02-30", "1999-12-31", 20250331):
        err = client.post("/jobs", json={"customer_url": "https://example.com", "as_of": bad})
        assert err.status_code == 400 and err.get_json()["error"]["message"].startswith("as_of: "), bad


def test_scale_choices_on_the_page_match_the_engine() -> None:
    soup = BeautifulSoup((CONSOLE_DIR / "index.html").read_text(), "html.parser")
    options = {o["value"]: o.get_text() for o in soup.select("#f-scale option")}
    assert set(options) == set(SCALES)

    def rows(text: str) -> int:
        n, unit = re.search(r"\((\d+)([kM])\)", text).groups()  # type: ignore[union-attr]
        return int(n) * (1_000 if unit == "k" else 1_000_000)

    assert {k: rows(v) for k, v in options.items()} == SCALES


def test_script_never_writes_markup() -> None:
    # Server text reaches the page through textContent only (see console.js's header).
    js = (CONSOLE_DIR / "console.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in js, sink


def test_through_functions_framework(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEMOFORGE_HOME", str(tmp_path))
    app = create_app("api", str(REPO / "functions" / "api" / "main.py"), "http")
    client = app.test_client()
    page = client.get("/")
    assert page.status_code == 200 and page.headers["Content-Security-Policy"] == console.CSP
    assert b'<script src="/console/console.js" defer></script>' in page.data
    js = client.get("/console/console.js")
    assert js.status_code == 200 and js.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert client.get("/industries").status_code == 200
