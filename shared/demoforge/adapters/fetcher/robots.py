"""robots.txt: rules per origin, re-read hourly (a warm function instance serves many
jobs), read through the same safe client as pages (RFC 9309 semantics live in the
client's loader: 4xx = no rules, 5xx/429/unreachable = do not crawl now)."""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections.abc import Callable

ROBOTS_MAX_BYTES = 512_000
ROBOTS_TTL_S = 3600.0


def rules_from(body: bytes) -> urllib.robotparser.RobotFileParser:
    """Rules parsed from a robots.txt body (undecodable bytes replaced, never raising)."""
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(body.decode("utf-8", errors="replace").splitlines())
    return parser


def no_rules() -> urllib.robotparser.RobotFileParser:
    """Everything allowed: no robots.txt there, or one we refuse to read."""
    parser = urllib.robotparser.RobotFileParser()
    parser.parse([])
    return parser


class RobotsCache:
    """Parsed rules per origin with a TTL; thread-safe (the crawl fetches concurrently)."""

    def __init__(self, ttl_s: float = ROBOTS_TTL_S) -> None:
        self.ttl_s = ttl_s
        self._rules: dict[str, tuple[urllib.robotparser.RobotFileParser, float]] = {}
        self._lock = threading.Lock()

    def rules(
        self, origin: str, load: Callable[[], urllib.robotparser.RobotFileParser]
    ) -> urllib.robotparser.RobotFileParser:
        now = time.monotonic()
        with self._lock:
            cached = self._rules.get(origin)
        if cached is None or now - cached[1] > self.ttl_s:
            # Loaded outside the lock: a slow robots.txt must not block other origins.
            # A loader that raises caches nothing, so the next page asks again.
            cached = (load(), now)
            with self._lock:
                self._rules[origin] = cached
        return cached[0]
