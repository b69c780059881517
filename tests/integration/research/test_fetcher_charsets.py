"""``SafeFetcher`` against a loopback server declaring hostile charsets in the
Content-Type header or in ``<meta>``: every page is read (charset detected), none raises."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from demoforge.adapters.fetcher import SafeFetcher
from demoforge.settings import Settings
from tests.support.site_server import Route, SiteServer

pytestmark = pytest.mark.integration

LABELS = ["zlib", "base64", "rot13", "hex", "idna", "undefined"]
BODY = "<html><body><p>Bio Bohnen aus Äthiopien, 27,90 € – geröstet in Köln</p></body></html>"


@pytest.fixture
def site() -> Iterator[SiteServer]:
    with SiteServer() as s:
        for label in LABELS:
            s.add(f"/h-{label}", Route(body=BODY.encode("utf-8"), content_type=f"text/html; charset={label}"))
            meta = BODY.replace("<body>", f'<head><meta http-equiv="Content-Type" content="text/html; charset={label}"></head><body>')
            s.add(f"/m-{label}", Route(body=meta.encode("cp1252"), content_type="text/html"))
        yield s


@pytest.mark.parametrize("label", LABELS)
def test_hostile_charset_pages_are_read_by_detection(site: SiteServer, label: str) -> None:
    f = SafeFetcher(Settings().with_(allow_private_network=True, fetch_timeout_s=3.0), honour_robots=False)
    for path in (f"/h-{label}", f"/m-{label}"):
        page = f.fetch(site.url + path)
        assert "Äthiopien" in page.text and "27,90 €" in page.text, (path, page.charset)
