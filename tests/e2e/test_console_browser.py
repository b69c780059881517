"""The CE console in a real browser: Playwright for Python driving Debian's Chromium against
the embedded api (real phases, SQLite store, in-memory bus pumped by the real runner) served
over HTTP on loopback, with the bundled sample sites served on loopback too.

Every test also checks what a person would not see: no script errors, no CSP violation
(the page runs under the api's strict policy), no request leaving the api's origin other
than to the sample site the job researches. Screenshots at 1280 px and 390 px go to
``build/screenshots/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from demoforge.devtools import samples
from tests.support.api_server import ApiServer
from tests.support.chromium import chromium_path

if TYPE_CHECKING:
    from playwright.sync_api import ViewportSize

from .conftest import local_deps
from .test_api_flows import VAGUE

try:
    from playwright.sync_api import Browser, Page, expect, sync_playwright
except ImportError:  # the dev group installs it; say so instead of failing to collect
    sync_playwright = None  # type: ignore[assignment]

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.browser,
    # One Chromium for the module, on one worker.
    pytest.mark.xdist_group("console-browser"),
    pytest.mark.skipif(sync_playwright is None, reason="playwright not installed (uv sync installs the dev group)"),
    pytest.mark.skipif(chromium_path() is None, reason="chromium not installed (apt-get install chromium)"),
]

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "build" / "screenshots"
WIDE: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DONE_S = 90_000  # ms: a small demo takes ~5 s alone, far longer on a busy 2-core machine

# Injected before any page script (not subject to the page's CSP): records CSP violations
# and every status the job view shows, in order.
WATCH = """document.addEventListener('securitypolicyviolation', e => {
  (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI); });
window.__statuses = [];
new MutationObserver(() => {
  const el = document.getElementById('job-status'), s = window.__statuses, t = el && el.textContent;
  if (t && s[s.length - 1] !== t) s.push(t);
}).observe(document, {subtree: true, childList: true, characterData: true});"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiServer]:
    deps = local_deps(tmp_path_factory.mktemp("console") / "home")
    with ApiServer(deps) as server:
        yield server


@pytest.fixture(scope="module")
def alpine() -> Iterator[str]:
    with samples.serve("alpine-outfitters") as url:
        yield url


@pytest.fixture(scope="module")
def vague_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("vague")
    (site / "index.html").write_text(VAGUE)
    with samples.serve_dir(site) as url:
        yield url


class Watched:
    """A page plus everything that went wrong on it."""

    def __init__(self, page: Page, origin: str) -> None:
        self.page = page
        self.origin = origin
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("console", self._console)
        page.on("request", lambda r: self.requests.append(r.url))

    def _console(self, msg: Any) -> None:
        # The browser logs every 4xx answer; the api's JSON errors are expected in some tests
        # and shown on the page, which is what those tests check.
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            self.errors.append(f"console: {msg.text}")

    def assert_clean(self) -> None:
        csp = self.page.evaluate("window.__csp || []")
        assert csp == [], f"CSP violations: {csp}"
        assert self.errors == []
        foreign = [u for u in self.requests if not u.startswith(self.origin)]
        assert foreign == [], f"requests outside the api: {foreign}"


@pytest.fixture
def open_console(browser: Browser, api: ApiServer) -> Iterator[Callable[..., Watched]]:
    contexts: list[Any] = []

    def opener(path: str = "/", viewport: ViewportSize = WIDE) -> Watched:
        ctx = browser.new_context(viewport=viewport)
        ctx.add_init_script(WATCH)
        contexts.append(ctx)
        watched = Watched(ctx.new_page(), api.url)
        resp = watched.page.goto(api.url + path)
        assert resp is not None and resp.status == 200
        assert "script-src 'self'" in resp.headers["content-security-policy"]
        return watched

    yield opener
    for ctx in contexts:
        ctx.close()


def screenshot(page: Page, name: str, *, full_page: bool = True) -> None:
    """The same view at 1280 px and at phone width (the whole page, or what a screen shows)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size or WIDE
    for label, size in (("1280", WIDE), ("390", PHONE)):
        page.set_viewport_size(size)
        page.wait_for_timeout(150)  # layout settles after the media queries switch
        page.screenshot(path=str(SHOTS / f"console-{name}-{label}.png"), full_page=full_page)
    page.set_viewport_size(original)


def job_id_of(page: Page) -> str:
    m = re.search(r"#/jobs/([A-Za-z0-9_-]+)$", page.url)
    assert m, page.url
    return m.group(1)


def api_get(api: ApiServer, path: str) -> Any:
    resp = httpx.get(api.url + path, timeout=10)
    assert resp.status_code == 200, resp.text
    return resp.json()


def settled_events(page: Page, api: ApiServer, job_id: str, timeout_s: float = 15) -> tuple[list[str], list[str]]:
    """The event messages on the page and in the api, once they agree (or the timeout)."""
    deadline = time.monotonic() + timeout_s
    while True:
        logged = [e["message"] for e in api_get(api, f"/jobs/{job_id}/events?limit=1000")["events"]]
        shown = page.locator("#events .event-message").all_inner_texts()
        if shown == logged or time.monotonic() > deadline:
            return shown, logged
        page.wait_for_timeout(250)


def start_from_form(page: Page, url: str, *, scale: str = "small", industry: str | None = None) -> str:
    page.get_by_label("Website URL").fill(url)
    page.get_by_label("Scale").select_option(scale)
    if industry:
        page.get_by_role("combobox", name="Industry").select_option(industry)
    page.get_by_role("button", name="Start demo").click()
    page.wait_for_url(re.compile(r"#/jobs/[A-Za-z0-9_-]+$"))
    return job_id_of(page)


def test_start_a_sample_and_watch_it_complete(open_console: Callable[..., Watched], api: ApiServer,
                                              alpine: str) -> None:
    w = open_console()
    page = w.page
    # Every control is labelled for screen readers.
    unlabelled = page.evaluate("""[...document.querySelectorAll('input, select, textarea')]
        .filter(e => !e.labels.length && !e.getAttribute('aria-label')).map(e => e.id)""")
    assert unlabelled == []
    assert page.locator("#f-industry option").count() == 23  # "detect" + 22 industry codes

    job_id = start_from_form(page, alpine, industry="retail_ecommerce")
    status = page.locator("#job-status")
    expect(status).to_have_text("completed", timeout=DONE_S)
    expect(page.locator("#job-progress-text")).to_have_text("100%")
    expect(page.locator("#job-title")).to_have_text("Alpine Outfitters")
    # Watched live: the page showed the job before it finished, then finished.
    statuses = page.evaluate("window.__statuses")
    assert statuses[0] in ("queued", "running") and "running" in statuses, statuses
    assert statuses[-1] == "completed", statuses

    job = api_get(api, f"/jobs/{job_id}")
    rows = page.locator("#phases-body tr")
    expect(rows).to_have_count(5)
    for i, phase in enumerate(["research", "modeling", "warehouse", "content", "agent"]):
        row = rows.nth(i)
        assert row.get_attribute("data-phase") == phase
        expect(row.locator(".badge")).to_have_text("done")
        assert job["phases"][phase]["duration_s"] > 0
        assert row.locator(".phase-duration").inner_text().endswith("s")

    # The events the page shows are exactly the api's, in order, each once (cursor polling),
    # including the last ones, logged just after the job document says completed.
    shown, logged = settled_events(page, api, job_id)
    assert shown == logged and len(shown) >= 11  # created + started/done for five phases
    assert shown[0].startswith("job created for ") and shown[-1].startswith("agent done in ")

    # The job is in the list, newest first, marked as the one on screen.
    current = page.locator("#jobs-list a[aria-current='true']")
    expect(current).to_have_attribute("data-job-id", job_id)
    expect(current.locator(".badge")).to_have_text("completed")

    # Links to the report and every asset the api lists.
    expect(page.locator("#assets-card")).to_be_visible()
    listed = {a["name"] for a in api_get(api, f"/jobs/{job_id}/assets")["assets"]}
    links = page.locator("#assets-list a")
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
    assert {f"/jobs/{job_id}/assets/{n}" for n in listed if n != "index.html"} | {f"/jobs/{job_id}/report"} == hrefs
    asset = httpx.get(api.url + f"/jobs/{job_id}/assets/spec.json", timeout=10)
    assert asset.status_code == 200 and asset.json()["tables"]
    expect(page.get_by_role("button", name="Cancel")).to_be_disabled()
    expect(page.get_by_role("button", name="Retry")).to_be_disabled()
    screenshot(page, "completed")
    page.emulate_media(color_scheme="dark")
    screenshot(page, "completed-dark")
    w.assert_clean()
    assert [e for m, e in api.delivery_errors if m.job_id == job_id] == []


def test_answer_the_clarification_of_a_vague_site(open_console: Callable[..., Watched], api: ApiServer,
                                                  vague_site: str) -> None:
    w = open_console()
    page = w.page
    # Keyboard only: type the URL, submit with Enter.
    page.get_by_label("Website URL").focus()
    page.keyboard.type(vague_site)
    page.get_by_label("Scale").select_option("small")
    page.get_by_label("Website URL").press("Enter")
    page.wait_for_url(re.compile(r"#/jobs/[A-Za-z0-9_-]+$"))
    job_id = job_id_of(page)

    expect(page.locator("#job-status")).to_have_text("waiting", timeout=DONE_S)
    clar = api_get(api, f"/jobs/{job_id}")["clarification"]
    box = page.locator("#clarify")
    expect(box).to_be_visible()
    expect(page.locator("#clarify-question")).to_have_text(clar["question"])
    choices = page.locator("#clarify-choices button")
    expect(choices).to_have_count(3)
    assert [choices.nth(i).get_attribute("data-industry") for i in range(3)] == clar["candidates"]
    submit = page.locator("#clarify-submit")
    expect(submit).to_be_disabled()
    # A candidate chosen with the keyboard...
    choices.nth(1).focus()
    page.keyboard.press("Space")
    expect(choices.nth(1)).to_have_attribute("aria-pressed", "true")
    expect(submit).to_be_enabled()
    screenshot(page, "clarification")
    # ...then any other industry instead, with notes.
    other = next(code for code in ("healthcare", "insurance", "education") if code not in clar["candidates"])
    page.get_by_label("Or another industry").select_option(other)
    expect(choices.nth(1)).to_have_attribute("aria-pressed", "false")
    page.get_by_label("Notes").fill("Regional clinics <b>group</b>")
    submit.click()

    expect(page.locator("#job-status")).to_have_text("completed", timeout=DONE_S)
    expect(box).to_be_hidden()
    job = api_get(api, f"/jobs/{job_id}")
    assert job["clarification"]["answer"] == other
    assert job["clarification"]["notes"] == "Regional clinics <b>group</b>"
    assert job["results"]["modeling"]["template"] == other
    expect(page.locator("#events .event-message").filter(has_text=f"industry confirmed as {other}")).to_have_count(1)
    w.assert_clean()
    assert [e for m, e in api.delivery_errors if m.job_id == job_id] == []


def test_open_the_report(open_console: Callable[..., Watched], api: ApiServer, alpine: str) -> None:
    created = httpx.post(api.url + "/jobs", json={"customer_url": alpine, "scale": "small",
                                                  "industry_hint": "retail_ecommerce"}, timeout=10)
    assert created.status_code == 202
    job_id = created.json()["job_id"]
    w = open_console(f"/#/jobs/{job_id}")
    page = w.page
    expect(page.locator("#job-status")).to_have_text("completed", timeout=DONE_S)
    link = page.get_by_role("link", name="Open report")
    expect(link).to_be_visible()
    with page.context.expect_page() as popup:
        link.click()
    report = popup.value
    report.wait_for_load_state()
    assert report.url == f"{api.url}/jobs/{job_id}/report"
    expect(report.locator("h1")).to_contain_text("Alpine Outfitters")
    expect(report.locator("svg#er-diagram")).to_have_count(1)
    assert report.locator("svg.chart").count() >= 1
    w.assert_clean()


def test_a_bad_url_shows_the_api_error(open_console: Callable[..., Watched], api: ApiServer,
                                       alpine: str) -> None:
    w = open_console()
    page = w.page
    before = len(api_get(api, "/jobs?limit=100")["jobs"])
    url = page.get_by_label("Website URL")
    url.fill("mailto:ce@example.com")
    page.get_by_role("button", name="Start demo").click()
    alert = page.locator("#start-error")
    refused = httpx.post(api.url + "/jobs", json={"customer_url": "mailto:ce@example.com"}, timeout=10)
    assert refused.status_code == 400
    expect(alert).to_have_text(refused.json()["error"]["message"])
    expect(alert).to_have_attribute("role", "alert")
    expect(url).to_have_attribute("aria-invalid", "true")
    assert len(api_get(api, "/jobs?limit=100")["jobs"]) == before  # no job was created
    screenshot(page, "bad-url")

    # A URL the api accepts but the site refuses: the job fails with the api's error.
    job_id = start_from_form(page, alpine + "no-such-page/")
    expect(page.locator("#job-status")).to_have_text("failed", timeout=DONE_S)
    error = api_get(api, f"/jobs/{job_id}")["error"]
    expect(page.locator("#job-error-code")).to_have_text(error["code"])
    expect(page.locator("#job-error-message")).to_have_text(error["message"])
    assert "404" in error["message"]
    expect(page.get_by_role("button", name="Retry")).to_be_enabled()
    expect(page.locator("#job-report")).to_be_hidden()
    screenshot(page, "failed")
    w.assert_clean()


def test_cancel_retry_and_delete_with_confirmation(open_console: Callable[..., Watched], api: ApiServer,
                                                   vague_site: str) -> None:
    w = open_console()
    page = w.page
    job_id = start_from_form(page, vague_site)
    status = page.locator("#job-status")
    expect(status).to_have_text("waiting", timeout=DONE_S)

    page.get_by_role("button", name="Cancel").click()
    expect(status).to_have_text("cancelled")
    assert api_get(api, f"/jobs/{job_id}")["status"] == "cancelled"
    retry = page.get_by_role("button", name="Retry")
    expect(retry).to_be_enabled()
    retry.click()
    expect(status).to_have_text("waiting", timeout=DONE_S)  # research ran again and asks again

    # Delete asks first; "Keep it" (and Escape) leave the job alone.
    delete = page.get_by_role("button", name="Delete")
    dialog = page.locator("#confirm-dialog")
    delete.click()
    expect(dialog).to_be_visible()
    expect(page.locator("#confirm-no")).to_be_focused()
    screenshot(page, "delete-confirm", full_page=False)  # a modal covers the screen, not the page
    page.get_by_role("button", name="Keep it").click()
    expect(dialog).to_be_hidden()
    delete.click()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert api_get(api, f"/jobs/{job_id}")["status"] == "waiting"
    delete.click()
    page.get_by_role("button", name="Delete demo").click()
    expect(status).to_have_text("deleted")
    assert api_get(api, f"/jobs/{job_id}")["status"] == "deleted"
    expect(delete).to_be_disabled()
    w.assert_clean()


def test_server_text_is_shown_as_text_and_cost_when_present(
        open_console: Callable[..., Watched], api: ApiServer, vague_site: str) -> None:
    hostile = '<img src=x onerror="window.pwned=1">Acme'
    created = httpx.post(api.url + "/jobs", json={"customer_url": vague_site,
                                                  "company_name": hostile, "language": "de-CH"},
                         timeout=10)
    assert created.status_code == 202, created.text
    job_id = created.json()["job_id"]
    cost = {"total_usd": 0.0421, "llm_input_tokens": 18250, "bigquery_bytes_processed": 734003200}

    w = open_console()
    page = w.page

    # The job document carries no cost yet; when the pipeline records one, the page shows it.
    def add_cost(route: Any) -> None:
        resp = route.fetch()
        doc = resp.json()
        doc["cost"] = cost
        route.fulfill(response=resp, body=json.dumps(doc))

    page.route(re.compile(rf".*/jobs/{job_id}$"), add_cost)
    page.goto(f"{api.url}/#/jobs/{job_id}")
    expect(page.locator("#job-title")).to_have_text(hostile)
    assert page.locator("#job-view img").count() == 0
    assert page.evaluate("window.pwned") is None
    expect(page.locator("#job-facts")).to_contain_text("de-CH")
    card = page.locator("#cost-card")
    expect(card).to_be_visible()
    expect(card).to_contain_text("$0.0421")
    expect(card).to_contain_text("18,250")
    expect(card).to_contain_text("734.0 MB")
    w.assert_clean()


def test_jobs_are_listed_newest_first_and_paginated(open_console: Callable[..., Watched], api: ApiServer,
                                                    vague_site: str) -> None:
    for i in range(11):
        resp = httpx.post(api.url + "/jobs", json={"customer_url": vague_site, "company_name": f"Listed {i:02d}"},
                          timeout=10)
        assert resp.status_code == 202
    everything = api_get(api, "/jobs?limit=100")["jobs"]
    assert len(everything) >= 11  # more than one page of 10
    w = open_console()
    page = w.page
    items = page.locator("#jobs-list a.job-item")
    expect(items).to_have_count(10)
    first_page = [items.nth(i).get_attribute("data-job-id") for i in range(10)]
    assert first_page == [j["job_id"] for j in everything[:10]]  # newest first, as the api says
    expect(items.first.locator(".job-item-name")).to_have_text("Listed 10")
    expect(items.first.locator(".job-item-age")).to_have_text("just now")
    assert (items.first.locator("progress").get_attribute("aria-label", timeout=5000) or "").startswith("Progress ")
    newer, older = page.get_by_role("button", name="Newer"), page.get_by_role("button", name="Older")
    expect(newer).to_be_disabled()
    older.click()
    expect(page.locator("#jobs-page")).to_have_text("Page 2")
    expect(items.first).to_have_attribute("data-job-id", everything[10]["job_id"])
    expect(newer).to_be_enabled()
    newer.click()
    expect(page.locator("#jobs-page")).to_have_text("Page 1")
    expect(items.first).to_have_attribute("data-job-id", everything[0]["job_id"])
    # Choosing a demo from the list opens it and marks it current.
    items.nth(3).click()
    expect(page.locator("#job-title")).to_have_text(everything[3]["company_name"])
    expect(items.nth(3)).to_have_attribute("aria-current", "true")
    w.assert_clean()
