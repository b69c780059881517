"""``SafeFetcher`` against a real loopback HTTP server: redirects re-checked into private
space, DNS pinning, timeouts, byte caps (plain, streamed and gzip bombs), content types,
charsets and robots.txt.

The server is on 127.0.0.1, so most tests allow exactly that one address
(``extra_allowed``) and nothing else; a few run with ``allow_private_network`` to show
metadata stays refused even then.
"""

from __future__ import annotations

import gzip
import time
import zlib
from collections.abc import Iterator
from typing import Any

import pytest

from demoforge.adapters.fetcher import USER_AGENT_TOKEN, SafeFetcher
from demoforge.domain.errors import DemoforgeError, PermanentError, TransientError, UnsafeUrl
from demoforge.settings import Settings
from tests.support.site_server import Route, SiteServer

pytestmark = pytest.mark.integration

HTML = "<html><head><title>Shop</title></head><body><p>Hello</p></body></html>"


@pytest.fixture
def site() -> Iterator[SiteServer]:
    with SiteServer() as s:
        s.html("/", HTML)
        yield s


def _dns(table: dict[str, list[str]]) -> Any:
    calls: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        calls.append(host)
        if host not in table:
            raise PermanentError(f"cannot resolve host {host}", code="dns_failure")
        return table[host]

    resolver.calls = calls  # type: ignore[attr-defined]
    return resolver


def _fetcher(site: SiteServer, *, private: bool = False, robots: bool = False, dns=None,
             **settings: object) -> SafeFetcher:
    s = Settings().with_(allow_private_network=private, fetch_timeout_s=3.0, fetch_max_bytes=200_000)
    s = s.with_(**settings)
    return SafeFetcher(
        s, resolver=dns or _dns({"shop.test": ["127.0.0.1"]}),
        extra_allowed=[] if private else ["127.0.0.1/32"], honour_robots=robots,
    )


def test_fetches_html_connects_to_checked_ip_with_host_header(site: SiteServer) -> None:
    dns = _dns({"shop.test": ["127.0.0.1"]})
    page = _fetcher(site, dns=dns).fetch(f"http://shop.test:{site.port}/")
    assert page.status == 200 and "Hello" in page.text
    assert page.address == "127.0.0.1" and page.url == f"http://shop.test:{site.port}/"
    _, headers = site.requests[-1]
    assert headers["host"] == f"shop.test:{site.port}"
    assert USER_AGENT_TOKEN in headers["user-agent"]
    assert dns.calls == ["shop.test"]  # resolved once, connected to that answer


def test_dns_rebinding_second_answer_is_never_used(site: SiteServer) -> None:
    answers = [["127.0.0.1"], ["10.0.0.1"]]

    def rebinding(host: str, port: int) -> list[str]:
        return answers.pop(0) if answers else ["10.0.0.1"]

    f = SafeFetcher(Settings().with_(fetch_timeout_s=3.0), resolver=rebinding,
                    extra_allowed=["127.0.0.1/32"], honour_robots=False)
    assert f.fetch(f"http://rebind.test:{site.port}/").address == "127.0.0.1"
    with pytest.raises(UnsafeUrl, match="10.0.0.1"):
        f.fetch(f"http://rebind.test:{site.port}/")  # next lookup is private: refused


def test_default_settings_refuse_the_loopback_server(site: SiteServer) -> None:
    f = SafeFetcher(Settings(), honour_robots=False)
    with pytest.raises(UnsafeUrl, match="--allow-private-network"):
        f.fetch(site.url + "/")
    assert site.requests == []


@pytest.mark.parametrize(
    "location",
    ["http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
     "http://127.0.0.2/", "http://0x7f000002/", "http://metadata.google.internal/",
     "http://localhost/", "file:///etc/passwd", "http://evil.test/", "gopher://127.0.0.1/"],
)
def test_redirect_into_private_space_is_refused(site: SiteServer, location: str) -> None:
    site.redirect("/go", location)
    f = _fetcher(site, dns=_dns({"shop.test": ["127.0.0.1"], "evil.test": ["192.168.1.1"]}))
    with pytest.raises(UnsafeUrl):
        f.fetch(f"http://shop.test:{site.port}/go")
    assert site.paths() == ["/go"]


@pytest.mark.parametrize("location", ["http://169.254.169.254/", "http://metadata.google.internal/",
                                      "http://[::ffff:169.254.169.254]/"])
def test_metadata_redirect_refused_even_with_private_network_allowed(site: SiteServer, location: str) -> None:
    site.redirect("/go", location)
    with pytest.raises(UnsafeUrl, match="metadata|link-local"):
        _fetcher(site, private=True).fetch(site.url + "/go")


def test_relative_redirect_followed_and_recorded(site: SiteServer) -> None:
    site.redirect("/old", "/new", 301).html("/new", HTML)
    page = _fetcher(site, private=True).fetch(site.url + "/old")
    assert page.url == site.url + "/new" and page.redirects == (site.url + "/new",)


def test_redirect_loop_and_too_many_redirects(site: SiteServer) -> None:
    site.redirect("/a", "/b").redirect("/b", "/a")
    with pytest.raises(PermanentError) as ei:
        _fetcher(site, private=True).fetch(site.url + "/a")
    assert ei.value.code == "redirect_loop"
    for i in range(7):
        site.redirect(f"/r{i}", f"/r{i + 1}")
    site.html("/r7", HTML)
    with pytest.raises(PermanentError) as ei:
        _fetcher(site, private=True).fetch(site.url + "/r0")
    assert ei.value.code == "too_many_redirects" and ei.value.message.startswith(site.url + "/r0:")
    assert "/r6" not in site.paths()  # stopped after 5 redirects


def test_slow_headers_hit_the_read_timeout(site: SiteServer) -> None:
    site.add("/slow", Route(body=HTML.encode(), delay_s=3))
    f = _fetcher(site, private=True, fetch_timeout_s=2.0)
    f.read_timeout_s = 0.4
    t0 = time.monotonic()
    with pytest.raises(TransientError) as ei:
        f.fetch(site.url + "/slow")
    assert ei.value.code == "fetch_timeout" and time.monotonic() - t0 < 1.5


def test_dripping_body_hits_the_total_timeout(site: SiteServer) -> None:
    # Each piece arrives well within the read timeout; only the total deadline stops it.
    site.add("/drip", Route(body=lambda: iter([b"<html>" + b"x" * 10] * 100), drip_s=0.2))
    f = _fetcher(site, private=True, fetch_timeout_s=1.0)
    t0 = time.monotonic()
    with pytest.raises(TransientError, match="total limit"):
        f.fetch(site.url + "/drip")
    assert time.monotonic() - t0 < 2.0


def test_connection_refused_is_transient(site: SiteServer) -> None:
    with SiteServer() as other:
        port = other.port
    with pytest.raises(TransientError) as ei:
        _fetcher(site, private=True).fetch(f"http://127.0.0.1:{port}/")
    assert ei.value.code == "site_unreachable"


def test_huge_body_is_capped(site: SiteServer) -> None:
    def endless() -> Iterator[bytes]:
        yield b"<html><body>"
        for _ in range(2000):  # 128 MB if nobody stopped reading
            yield b"a" * 65536

    site.add("/huge", Route(body=endless))
    page = _fetcher(site, private=True, fetch_max_bytes=100_000).fetch(site.url + "/huge")
    assert page.truncated and page.bytes_read == 100_000 and len(page.text) == 100_000


def test_gzip_bomb_is_capped_after_decompression(site: SiteServer) -> None:
    bomb = gzip.compress(b"<html><body>" + b"\0" * 50_000_000, compresslevel=9)
    assert len(bomb) < 100_000
    site.add("/bomb", Route(body=bomb, headers={"Content-Encoding": "gzip"}))
    page = _fetcher(site, private=True, fetch_max_bytes=150_000).fetch(site.url + "/bomb")
    assert page.truncated and page.bytes_read == 150_000


def test_gzip_and_deflate_bodies_are_decoded(site: SiteServer) -> None:
    site.add("/gz", Route(body=gzip.compress(HTML.encode()), headers={"Content-Encoding": "gzip"}))
    site.add("/df", Route(body=zlib.compress(HTML.encode()), headers={"Content-Encoding": "deflate"}))
    f = _fetcher(site, private=True)
    assert "Hello" in f.fetch(site.url + "/gz").text
    assert "Hello" in f.fetch(site.url + "/df").text
    assert not f.fetch(site.url + "/gz").truncated


def test_unsupported_encoding_refused(site: SiteServer) -> None:
    site.add("/br", Route(body=b"\x1b\x00", headers={"Content-Encoding": "br"}))
    with pytest.raises(PermanentError, match="content-encoding"):
        _fetcher(site, private=True).fetch(site.url + "/br")


@pytest.mark.parametrize("ctype", ["application/pdf", "image/png", "application/json", "text/plain",
                                   "application/octet-stream"])
def test_non_html_content_types_refused(site: SiteServer, ctype: str) -> None:
    site.add("/file", Route(body=b"%PDF-1.4 ...", content_type=ctype))
    with pytest.raises(PermanentError) as ei:
        _fetcher(site, private=True).fetch(site.url + "/file")
    assert ei.value.code == "not_html" and ctype in ei.value.message


def test_xhtml_and_missing_content_type_sniffed(site: SiteServer) -> None:
    site.add("/x", Route(body=HTML.encode(), content_type="application/xhtml+xml"))
    site.add("/none", Route(body=b"<!DOCTYPE html>" + HTML.encode(), content_type=None))
    site.add("/bin", Route(body=b"\x89PNG\r\n", content_type=None))
    f = _fetcher(site, private=True)
    assert "Hello" in f.fetch(site.url + "/x").text
    assert "Hello" in f.fetch(site.url + "/none").text
    with pytest.raises(PermanentError):
        f.fetch(site.url + "/bin")


def test_charsets_header_meta_and_detection(site: SiteServer) -> None:
    text = "<html><body><p>Über uns – Qualität aus Köln, größer</p></body></html>"
    site.add("/h", Route(body=text.encode("iso-8859-15", "replace"), content_type="text/html; charset=ISO-8859-15"))
    meta = '<html><head><meta charset="windows-1252"></head><body><p>Über uns Köln</p></body></html>'
    site.add("/m", Route(body=meta.encode("cp1252"), content_type="text/html"))
    site.add("/u", Route(body=text.encode("utf-8"), content_type="text/html"))
    f = _fetcher(site, private=True)
    assert "Über uns" in f.fetch(site.url + "/h").text
    page = f.fetch(site.url + "/m")
    assert "Über uns Köln" in page.text and page.charset == "cp1252"
    assert "Qualität" in f.fetch(site.url + "/u").text


@pytest.mark.parametrize(("status", "error", "code"), [
    (404, PermanentError, "http_404"), (410, PermanentError, "http_410"), (403, PermanentError, "http_403"),
    (500, TransientError, "site_error"), (503, TransientError, "site_error"), (429, TransientError, "site_error"),
])
def test_http_errors_map_to_transient_or_permanent(
    site: SiteServer, status: int, error: type[DemoforgeError], code: str
) -> None:
    site.add("/e", Route(status=status, body=b"<html>err</html>"))
    with pytest.raises(error) as ei:
        _fetcher(site, private=True).fetch(site.url + "/e")
    assert ei.value.code == code
    if error is PermanentError:
        assert not isinstance(ei.value, TransientError)


def test_dns_failure_is_permanent(site: SiteServer) -> None:
    with pytest.raises(PermanentError) as ei:
        _fetcher(site, dns=_dns({})).fetch("http://no-such-host.test/")
    assert ei.value.code == "dns_failure"


def test_robots_disallow_is_honoured(site: SiteServer) -> None:
    site.add("/robots.txt", Route(body=b"User-agent: demoforge\nDisallow: /private\n\nUser-agent: *\nDisallow: /\n",
                                  content_type="text/plain"))
    site.html("/private/x", HTML).html("/public", HTML)
    f = _fetcher(site, private=True, robots=True)
    assert "Hello" in f.fetch(site.url + "/public").text
    with pytest.raises(PermanentError) as ei:
        f.fetch(site.url + "/private/x")
    assert ei.value.code == "robots_disallowed"
    assert "/private/x" not in site.paths()
    assert site.paths().count("/robots.txt") == 1  # cached per origin


def test_robots_wildcard_disallow_applies_to_us(site: SiteServer) -> None:
    site.add("/robots.txt", Route(body=b"User-agent: *\nDisallow: /\n", content_type="text/plain"))
    with pytest.raises(PermanentError, match="robots.txt"):
        _fetcher(site, private=True, robots=True).fetch(site.url + "/")


def test_missing_robots_allows(site: SiteServer) -> None:
    page = _fetcher(site, private=True, robots=True).fetch(site.url + "/")
    assert page.status == 200 and site.paths() == ["/robots.txt", "/"]


def test_robots_redirect_into_private_space_is_not_followed(site: SiteServer) -> None:
    site.redirect("/robots.txt", "http://169.254.169.254/robots.txt")
    page = _fetcher(site, private=True, robots=True).fetch(site.url + "/")
    assert page.status == 200


def test_redirect_location_with_raw_space_is_encoded(site: SiteServer) -> None:
    site.redirect("/sp", "/new page").html("/new%20page", HTML)
    page = _fetcher(site, private=True).fetch(site.url + "/sp")
    assert page.url == site.url + "/new%20page" and "Hello" in page.text


@pytest.mark.parametrize("status", [500, 503, 429])
def test_robots_server_error_means_not_now(site: SiteServer, status: int) -> None:
    site.add("/robots.txt", Route(status=status, body=b"oops", content_type="text/plain"))
    f = _fetcher(site, private=True, robots=True)
    with pytest.raises(TransientError) as ei:
        f.fetch(site.url + "/")
    assert ei.value.code == "robots_unavailable" and "/" not in site.paths()
    site.add("/robots.txt", Route(status=404, body=b"", content_type="text/plain"))
    assert f.fetch(site.url + "/").status == 200  # the failure was not cached


def test_robots_forbidden_means_no_rules(site: SiteServer) -> None:
    site.add("/robots.txt", Route(status=403, body=b"no", content_type="text/plain"))
    assert _fetcher(site, private=True, robots=True).fetch(site.url + "/").status == 200


def test_international_link_is_fetched_percent_encoded(site: SiteServer) -> None:
    site.html("/f%C3%BCr-unternehmen/", "<html><body><p>Für Unternehmen</p></body></html>")
    page = _fetcher(site).fetch(f"http://shop.test:{site.port}/für-unternehmen/")
    assert page.status == 200 and "Für Unternehmen" in page.text
    assert site.paths()[-1] == "/f%C3%BCr-unternehmen/"
