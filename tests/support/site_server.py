"""A scriptable loopback website for fetcher and crawl tests.

Each path has a ``Route``: status, headers, body (bytes or a chunk generator for huge
bodies), a delay before answering and an optional "drip" (one small piece every N
seconds) to exercise read and total timeouts. Requests are recorded (path + headers) so
tests can assert what the client sent (Host, User-Agent) and what it never asked for.
"""

from __future__ import annotations

import dataclasses
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["Route", "SiteServer"]


@dataclasses.dataclass
class Route:
    status: int = 200
    body: bytes | Callable[[], Iterator[bytes]] = b""
    headers: dict[str, str] = dataclasses.field(default_factory=dict)
    content_type: str | None = "text/html; charset=utf-8"
    delay_s: float = 0.0
    drip_s: float = 0.0  # pause between body chunks


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    site: SiteServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients that hang up or reject our certificate are what these tests provoke;
        # record instead of printing a traceback.
        self.site.errors.append(str(client_address))


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        site = self.server.site
        path = self.path
        with site.lock:
            site.requests.append((path, {k.lower(): v for k, v in self.headers.items()}))
            route = site.routes.get(path) or site.routes.get(path.split("?", 1)[0])
        if route is None:
            route = Route(status=404, body=b"<html><body>not found</body></html>")
        if route.delay_s and site.stopping.wait(route.delay_s):
            return
        try:
            self.send_response(route.status)
            if route.content_type:
                self.send_header("Content-Type", route.content_type)
            for k, v in route.headers.items():
                self.send_header(k, v)
            if isinstance(route.body, bytes) and not route.drip_s:
                self.send_header("Content-Length", str(len(route.body)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(route.body)
                return
            # Streamed: no length, close-delimited.
            self.send_header("Connection", "close")
            self.end_headers()
            chunks = route.body() if callable(route.body) else iter([route.body[i:i + 1]
                                                                      for i in range(len(route.body))])
            for chunk in chunks:
                self.wfile.write(chunk)
                self.wfile.flush()
                if route.drip_s and site.stopping.wait(route.drip_s):
                    return
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading (byte cap, timeout): expected in these tests
        finally:
            self.close_connection = True


class SiteServer:
    """``with SiteServer() as site: site.add("/", Route(body=b"<html>..."))``."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.tls = tls  # a server-side context makes this an HTTPS site
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.errors: list[str] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def add(self, path: str, route: Route | None = None, **kw: Any) -> SiteServer:
        self.routes[path] = route or Route(**kw)
        return self

    def html(self, path: str, html: str, **kw: Any) -> SiteServer:
        return self.add(path, Route(body=html.encode("utf-8"), **kw))

    def redirect(self, path: str, location: str, status: int = 302) -> SiteServer:
        return self.add(path, Route(status=status, headers={"Location": location}, content_type=None))

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def paths(self) -> list[str]:
        with self.lock:
            return [p for p, _ in self.requests]

    def __enter__(self) -> SiteServer:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.site = self
        if self.tls is not None:
            # Handshake lazily in the handler thread, so a failing client never blocks accept().
            self._server.socket = self.tls.wrap_socket(
                self._server.socket, server_side=True, do_handshake_on_connect=False
            )
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), name="site-server", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        time.sleep(0)  # let daemon handler threads observe `stopping`
