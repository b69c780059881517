"""The ``Fetcher`` adapter: SSRF-safe fetching of a prospect's web pages.

- every URL and every redirect target passes the URL policy (``url_policy``);
- the socket connects to the address that was checked (no second DNS lookup, so no
  DNS-rebinding gap); the Host header and TLS SNI/certificate check use the host name;
- redirects are followed by hand, at most 5, each one re-checked like a new URL;
- connect, read and total timeouts (a watchdog closes the socket at the total deadline,
  so a server dripping one byte per second cannot hold us);
- a byte cap on the body as received and again after decompression; only HTML/XHTML is
  accepted; the charset is decoded safely (``decoding``);
- we identify as ``demoforge`` and honour robots.txt (``robots``).
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import urllib.parse
import urllib.robotparser
from collections.abc import Iterable
from dataclasses import dataclass

from demoforge.adapters.fetcher.decoding import (
    HTML_TYPES,
    body_decoder,
    content_type,
    decode_html,
    sniff_html,
)
from demoforge.adapters.fetcher.robots import ROBOTS_MAX_BYTES, RobotsCache, no_rules, rules_from
from demoforge.adapters.fetcher.url_policy import (
    AddressPolicy,
    IPAddress,
    IPNetwork,
    Resolver,
    Target,
    check_url,
    refusal_message,
    system_resolver,
)
from demoforge.domain.errors import PermanentError, TransientError, UnsafeUrl
from demoforge.service.ports import FetchedPage
from demoforge.settings import Settings

USER_AGENT_TOKEN = "demoforge"
USER_AGENT = (
    "demoforge/0.1 (+https://github.com/demoforge/demoforge; builds an analytics demo "
    "from a company's public website at a person's request)"
)
MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass
class _Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    truncated: bool
    address: str


class _Watchdog:
    """Enforces the total deadline: closes the socket when time is up, which wakes any
    blocking read (a per-read timeout alone lets a byte-a-second server hold us forever)."""

    def __init__(self, sock: socket.socket, seconds: float) -> None:
        self.fired = False
        self._sock = sock
        self._timer = threading.Timer(max(seconds, 0.001), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.fired = True
        # OSError: already closed, so the reader is gone anyway.
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()



class SafeFetcher:
    """Fetches single HTML pages safely; thread-safe (the crawl calls it concurrently)."""

    def __init__(
        self,
        settings: Settings,
        *,
        resolver: Resolver | None = None,
        extra_allowed: Iterable[str | IPNetwork] = (),
        connect_timeout_s: float | None = None,
        read_timeout_s: float | None = None,
        ssl_context: ssl.SSLContext | None = None,
        honour_robots: bool = True,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.settings = settings
        self.resolver: Resolver = resolver or system_resolver
        self.policy = AddressPolicy(
            allow_private=settings.allow_private_network,
            extra_allowed=tuple(ipaddress.ip_network(n) for n in extra_allowed),
        )
        self.total_timeout_s = settings.fetch_timeout_s
        self.connect_timeout_s = connect_timeout_s or min(5.0, self.total_timeout_s)
        self.read_timeout_s = read_timeout_s or min(10.0, self.total_timeout_s)
        self.max_bytes = settings.fetch_max_bytes
        self.ssl_context = ssl_context or ssl.create_default_context()
        self.honour_robots = honour_robots
        self.user_agent = user_agent
        self._robots = RobotsCache()

    # -- checks --------------------------------------------------------------------
    def check_url(self, url: str) -> Target:
        """Everything that can be refused without DNS (``demoforge.domain.urls``)."""
        return check_url(url, self.policy)

    def addresses(self, target: Target) -> list[IPAddress]:
        """Resolve and check every address; one bad address refuses the host (a name
        that resolves to both a public and a private address is an attack, not a CDN)."""
        if target.literal is not None:
            return [target.literal]
        raw = list(self.resolver(target.host, target.port))
        if not raw:
            raise PermanentError(
                f"cannot resolve host {target.host}: no addresses", code="dns_failure"
            )
        out: list[IPAddress] = []
        for a in raw:
            try:
                ip = ipaddress.ip_address(a)
            except ValueError as e:
                raise UnsafeUrl(f"refusing to fetch {target.host}: resolver returned {a!r}") from e
            why = self.policy.refusal(ip)
            if why:
                raise UnsafeUrl(refusal_message(target.host, ip, why, self.policy))
            out.append(ip)
        return out

    # -- public API ----------------------------------------------------------------
    def fetch(self, url: str) -> FetchedPage:
        started = time.monotonic()
        deadline = started + self.total_timeout_s
        target = self.check_url(url)
        resp, final, redirects = self._follow(target, deadline, self.max_bytes, html=True)
        ctype, params = content_type(resp.headers)
        if ctype and ctype not in HTML_TYPES:
            raise PermanentError(f"{final.url} is {ctype}, not an HTML page", code="not_html")
        if not ctype and not sniff_html(resp.body):
            raise PermanentError(
                f"{final.url} has no content type and is not HTML", code="not_html"
            )
        text, charset = decode_html(resp.body, params.get("charset"))
        return FetchedPage(
            url=final.url,
            requested_url=target.url,
            status=resp.status,
            content_type=ctype or "text/html",
            charset=charset,
            text=text,
            bytes_read=len(resp.body),
            truncated=resp.truncated,
            redirects=tuple(redirects),
            address=resp.address,
            elapsed_s=round(time.monotonic() - started, 4),
        )

    # -- internals -----------------------------------------------------------------
    def _follow(
        self, target: Target, deadline: float, max_bytes: int, *, html: bool
    ) -> tuple[_Response, Target, list[str]]:
        start = target.url
        seen = {target.url}
        redirects: list[str] = []
        while True:
            if html and self.honour_robots and not self._robots_allow(target):
                raise PermanentError(
                    f"robots.txt of {target.origin} disallows {USER_AGENT_TOKEN} from fetching {target.url}",
                    code="robots_disallowed",
                )
            resp = self._request(target, deadline, max_bytes, html_only=html)
            if resp.status not in _REDIRECTS:
                break
            location = resp.headers.get("location")
            if not location:
                raise PermanentError(
                    f"{target.url} redirects (HTTP {resp.status}) without a Location",
                    code="bad_redirect",
                )
            if len(redirects) >= MAX_REDIRECTS:
                raise PermanentError(
                    f"{start}: more than {MAX_REDIRECTS} redirects",
                    code="too_many_redirects",
                )
            # Some servers send raw spaces in Location; browsers encode them, so do we.
            nxt = urllib.parse.urljoin(target.url, location.strip().replace(" ", "%20"))
            target = self.check_url(nxt)
            if target.url in seen:
                raise PermanentError(f"redirect loop at {target.url}", code="redirect_loop")
            seen.add(target.url)
            redirects.append(target.url)
        if 200 <= resp.status < 300:
            return resp, target, redirects
        if resp.status in (408, 425, 429) or resp.status >= 500:
            raise TransientError(
                f"{target.url} answered HTTP {resp.status}; try again later", code="site_error"
            )
        raise PermanentError(
            f"{target.url} answered HTTP {resp.status}", code=f"http_{resp.status}"
        )

    def _robots_allow(self, target: Target) -> bool:
        rules = self._robots.rules(target.origin, lambda: self._load_robots(target))
        return rules.can_fetch(USER_AGENT_TOKEN, target.url)

    def _load_robots(self, site: Target) -> urllib.robotparser.RobotFileParser:
        """robots.txt per RFC 9309: rules if readable; 4xx (none there) = no rules; a
        server error, 429 or an unreachable robots.txt = do not crawl now, which we raise
        as ``TransientError`` so the job retries later (and nothing is cached)."""
        robots = self.check_url(f"{site.origin}/robots.txt")
        deadline = time.monotonic() + min(5.0, self.total_timeout_s)
        try:
            resp, _, _ = self._follow(robots, deadline, ROBOTS_MAX_BYTES, html=False)
        except UnsafeUrl:
            # robots.txt redirects into refused address space: we never follow that, and
            # an answer we refuse to read holds no rules (the pages are checked on their own).
            return no_rules()
        except TransientError as e:
            raise TransientError(
                f"robots.txt of {site.origin} is unavailable ({e.message}); not crawling until it answers",
                code="robots_unavailable",
            ) from e
        except PermanentError:
            return no_rules()  # 4xx, not found: no rules, everything allowed
        return rules_from(resp.body)

    def _connect(self, target: Target, deadline: float) -> tuple[socket.socket, str]:
        errors: list[str] = []
        for ip in self.addresses(target):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                sock = socket.create_connection(
                    (str(ip), target.port), timeout=min(self.connect_timeout_s, remaining)
                )
            except TimeoutError:
                errors.append(f"{ip}: connect timed out")
                continue
            except OSError as e:
                errors.append(f"{ip}: {e.strerror or e}")
                continue
            if target.scheme == "https":
                try:
                    # SNI and certificate check against the host name, socket to the checked IP.
                    sock = self.ssl_context.wrap_socket(sock, server_hostname=target.host)
                except ssl.SSLCertVerificationError as e:
                    sock.close()
                    raise PermanentError(
                        f"TLS certificate of {target.host} is not valid: {e.verify_message}",
                        code="tls_error",
                    ) from e
                except (ssl.SSLError, OSError) as e:
                    sock.close()
                    errors.append(f"{ip}: TLS handshake failed: {e}")
                    continue
            return sock, str(ip)
        raise TransientError(
            f"cannot connect to {target.host_header}: {'; '.join(errors) or 'timed out'}",
            code="site_unreachable",
        )

    def _request(
        self, target: Target, deadline: float, max_bytes: int, *, html_only: bool
    ) -> _Response:
        sock, address = self._connect(target, deadline)
        remaining = deadline - time.monotonic()
        watchdog = _Watchdog(sock, remaining)
        conn = http.client.HTTPConnection(target.host, target.port)
        conn.sock = sock  # already connected to the checked address: no second lookup
        try:
            sock.settimeout(min(self.read_timeout_s, max(remaining, 0.001)))
            conn.putrequest("GET", target.path, skip_host=True, skip_accept_encoding=True)
            conn.putheader("Host", target.host_header)
            conn.putheader("User-Agent", self.user_agent)
            conn.putheader(
                "Accept", "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1"
            )
            conn.putheader("Accept-Encoding", "gzip, deflate")
            conn.putheader("Accept-Language", "en,de;q=0.9,fr;q=0.8,*;q=0.5")
            conn.putheader("Connection", "close")
            conn.endheaders()
            resp = conn.getresponse()
            body, truncated = b"", False
            ctype, _ = content_type(resp.headers)
            # Read only bodies we use: not redirects or error pages, not non-HTML that
            # fetch() refuses anyway.
            if 200 <= resp.status < 300 and not (html_only and ctype and ctype not in HTML_TYPES):
                body, truncated = self._read_body(resp, max_bytes, deadline)
            return _Response(resp.status, resp.headers, body, truncated, address)
        except TimeoutError as e:
            raise TransientError(
                f"{target.url} did not answer within {self._which_timeout(watchdog)}",
                code="fetch_timeout",
            ) from e
        except http.client.RemoteDisconnected as e:
            raise TransientError(
                f"{target.host_header} closed the connection without answering",
                code="site_unreachable",
            ) from e
        except http.client.HTTPException as e:
            if watchdog.fired:
                raise TransientError(
                    f"{target.url} did not answer within {self._which_timeout(watchdog)}",
                    code="fetch_timeout",
                ) from e
            raise PermanentError(
                f"{target.host_header} sent an invalid HTTP response: {e!r}",
                code="bad_http_response",
            ) from e
        except OSError as e:
            if watchdog.fired:
                raise TransientError(
                    f"{target.url} did not answer within {self._which_timeout(watchdog)}",
                    code="fetch_timeout",
                ) from e
            raise TransientError(
                f"connection to {target.host_header} failed: {e}", code="site_unreachable"
            ) from e
        finally:
            watchdog.cancel()
            conn.close()

    def _which_timeout(self, watchdog: _Watchdog) -> str:
        if watchdog.fired:
            return f"the total limit of {self.total_timeout_s:g}s"
        return f"{self.read_timeout_s:g}s"

    def _read_body(
        self, resp: http.client.HTTPResponse, max_bytes: int, deadline: float
    ) -> tuple[bytes, bool]:
        decode = body_decoder(resp.headers.get("content-encoding", ""))
        out = bytearray()
        received = 0
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError("total deadline")
            chunk = resp.read(65536)
            if not chunk:
                return bytes(out), False
            received += len(chunk)
            room = max_bytes - len(out)
            if decode is None:
                out += chunk[:room]
                if len(chunk) > room:
                    return bytes(out), True
            else:
                data, hit_cap = decode(chunk, room)
                out += data[:room]
                if hit_cap or len(data) > room:
                    return bytes(out), True
                if received > max_bytes:
                    # Compressed input alone exceeds the cap: stop reading the wire too.
                    return bytes(out), True

