"""The embedded api over real HTTP, for tests that drive it from a browser.

``ApiServer(deps)`` serves ``demoforge.entrypoints.http``'s Flask app on an ephemeral loopback port
(werkzeug's threaded server) and runs a pump thread that delivers the in-memory bus's
phase messages through the real runner, so jobs started through the api progress on their
own while the page polls, as they do behind Pub/Sub. Failed deliveries are redelivered by
``MemoryBus.drain`` and recorded in ``delivery_errors`` for the test to inspect.
"""

from __future__ import annotations

import threading
from typing import Any

from werkzeug.serving import BaseWSGIServer, make_server

from demoforge.adapters.memory_bus import MemoryBus
from demoforge.bootstrap import Container
from demoforge.domain.job import PhaseMessage
from demoforge.entrypoints.http import create_app
from demoforge.service.runner import Runner

__all__ = ["ApiServer"]


class ApiServer:
    def __init__(self, deps: Container, *, pump: bool = True) -> None:
        bus = deps.bus
        if not isinstance(bus, MemoryBus):
            raise TypeError("ApiServer pumps an in-memory bus; build the deps with MemoryBus()")
        self.deps = deps
        self.bus = bus
        self.pump_enabled = pump
        self.delivery_errors: list[tuple[PhaseMessage, BaseException]] = []
        self._stop = threading.Event()
        self._server: BaseWSGIServer | None = None
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_port}"

    def _pump(self) -> None:
        runner = Runner(self.deps, self.deps.body_for)
        while not self._stop.is_set():
            delivered = self.bus.drain(lambda m, mid: runner.handle(m, mid),
                                       on_error=lambda m, e: self.delivery_errors.append((m, e)))
            if not delivered:
                self._stop.wait(0.05)

    def __enter__(self) -> ApiServer:
        app = create_app(lambda: self.deps)
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self._threads = [threading.Thread(target=self._server.serve_forever, name="api-server", daemon=True)]
        if self.pump_enabled:
            self._threads.append(threading.Thread(target=self._pump, name="api-pump", daemon=True))
        for t in self._threads:
            t.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        for t in self._threads:
            t.join(timeout=30)
