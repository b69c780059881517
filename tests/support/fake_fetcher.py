"""In-memory stand-ins for the research ``Fetcher`` port, shared by unit and integration
tests: a scripted fetcher (url -> HTML or an exception) and a tiny HTML page builder."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping

from demoforge.domain.errors import DemoforgeError
from demoforge.service.ports import FetchedPage, Fetcher


class FakeFetcher(Fetcher):
    """url -> HTML (or an exception to raise). Records calls and peak concurrency."""

    def __init__(self, pages: Mapping[str, str | DemoforgeError], delay_s: float = 0.0) -> None:
        self.pages = pages
        self.delay_s = delay_s
        self.calls: list[str] = []
        self.active = 0
        self.peak = 0
        self._lock = threading.Lock()

    def fetch(self, url: str) -> FetchedPage:
        with self._lock:
            self.calls.append(url)
            self.active += 1
            self.peak = max(self.peak, self.active)
        try:
            if self.delay_s:
                time.sleep(self.delay_s)
            page = self.pages.get(url)
            if page is None:
                raise DemoforgeError(f"{url} answered HTTP 404", code="http_404")
            if isinstance(page, DemoforgeError):
                raise page
            return FetchedPage(url=url, requested_url=url, status=200, content_type="text/html",
                               charset="utf-8", text=page, bytes_read=len(page))
        finally:
            with self._lock:
                self.active -= 1


def page(title: str, body: str, *, links: str = "", head: str = "", lang: str = "en") -> str:
    return (
        f'<html lang="{lang}"><head><title>{title}</title>{head}</head><body>'
        f"<nav>{links}</nav><main>{body}</main><footer><a href='/impressum'>Impressum</a></footer>"
        f"</body></html>"
    )
