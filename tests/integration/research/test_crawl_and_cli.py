"""End to end over a loopback website with the real ``SafeFetcher``: the bounded crawl
(robots.txt, off-site and private redirects of sub-pages) and ``demoforge research``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from demoforge.adapters.fetcher import SafeFetcher
from demoforge.domain.results import ResearchResult
from demoforge.entrypoints.cli import main
from demoforge.research.crawl import crawl
from demoforge.settings import Settings
from tests.support.fake_fetcher import page
from tests.support.site_server import Route, SiteServer

pytestmark = pytest.mark.integration

NAV = ('<a href="/about">About us</a><a href="/products">Products</a><a href="/services">Services</a>'
       '<a href="/pricing">Pricing</a><a href="/customers">Customers</a><a href="/private/x">Solutions</a>'
       '<a href="/login">Login</a>')
HOME = page("Acme Dental | Dentist in Springfield",
            "<p>Our dentists and hygienists care for patients of all ages: dental implants, "
            "orthodontics and teeth cleaning. Book an appointment at our clinic.</p>", links=NAV)


@pytest.fixture
def site() -> Iterator[SiteServer]:
    with SiteServer() as s:
        s.html("/", HOME)
        s.html("/about", page("About", "<p>Our dental clinic was founded in 1990.</p>"))
        s.html("/products", page("Treatments", "<p>Implants, crowns, whitening.</p>"))
        s.redirect("/services", "http://169.254.169.254/latest/meta-data/")
        s.redirect("/pricing", "https://elsewhere.example/pricing")
        s.html("/customers", page("Patients", "<p>Patient stories.</p>"))
        s.html("/private/x", page("Secret", "<p>never fetched</p>"))
        s.add("/robots.txt", Route(body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
        yield s


def test_crawl_reads_allowed_pages_and_skips_refused_ones(site: SiteServer) -> None:
    f = SafeFetcher(Settings().with_(fetch_timeout_s=3.0), extra_allowed=["127.0.0.1/32"],
                    resolver=lambda host, port: {"elsewhere.example": ["192.168.0.9"]}.get(host, ["127.0.0.1"]))
    result = crawl(f, site.url + "/", max_pages=6)
    urls = [p.url for p in result.pages]
    assert urls == [site.url + "/", site.url + "/about", site.url + "/products", site.url + "/customers"]
    reasons = dict(result.skipped)
    assert "unsafe_url" in reasons[site.url + "/services"] and "metadata" in reasons[site.url + "/services"]
    assert "unsafe_url" in reasons[site.url + "/pricing"]
    assert "robots_disallowed" in reasons[site.url + "/private/x"]
    assert "/private/x" not in site.paths() and "/login" not in site.paths()


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DEMOFORGE_HOME", str(tmp_path))
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.delenv("DEMOFORGE_ALLOW_PRIVATE_NETWORK", raising=False)
    monkeypatch.setenv("DEMOFORGE_FETCH_TIMEOUT_S", "3")


def test_cli_json_prints_exactly_the_model(site: SiteServer, cli_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["research", site.url + "/", "--json", "--allow-private-network"])
    out = capsys.readouterr().out
    assert code == 0
    r = ResearchResult.model_validate(json.loads(out))  # stdout is the model and nothing else
    assert r.industry == "healthcare" and r.source == "offline" and r.pages[0] == site.url + "/"


def test_cli_human_output(site: SiteServer, cli_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["research", site.url + "/", "--allow-private-network"]) == 0
    out = capsys.readouterr().out
    assert "industry:     healthcare" in out and "Acme Dental" in out


@pytest.mark.parametrize("argv", [
    ["research", "http://127.0.0.1:9/"],  # private without the flag
    ["research", "http://169.254.169.254/", "--allow-private-network"],  # metadata, always
    ["research", "ftp://example.com/"],
    ["research", "http://user:pw@example.com/"],
])
def test_cli_refused_url_exits_2_with_one_line(argv: list[str], cli_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("demoforge research: ") and captured.err.count("\n") == 1


def test_cli_unreachable_url_exits_2(site: SiteServer, cli_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    with SiteServer() as gone:
        port = gone.port
    assert main(["research", f"http://127.0.0.1:{port}/", "--allow-private-network"]) == 2
    assert "cannot connect" in capsys.readouterr().err
