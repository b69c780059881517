"""Which URLs Demoforge may fetch: the one URL policy, shared by the api (``POST /jobs``
refuses a URL before a job exists), the CLI and the research fetcher (which applies it
again to every redirect and to every address DNS returns, at connect time).

Pure (no network, no DNS): syntax, host names and literal addresses.

- only ``http``/``https`` with a host; no userinfo, no backslashes, no whitespace, control,
  format (bidi overrides, zero-width) or other invisible characters anywhere; no
  percent-encoded or malformed hosts; legacy IPv4 spellings (``2130706433``, ``0x7f.1``,
  ``017700000001``) are parsed the way browsers and ``inet_aton`` parse them, so they are
  checked as the address they are;
- ``AddressPolicy.refusal``: loopback, RFC 1918/ULA private, CGNAT, link-local, multicast,
  reserved, unspecified, IPv4 embedded in IPv6 (mapped, 6to4, NAT64) are refused.
  ``allow_private`` (local runs) admits private/loopback/CGNAT targets, but cloud metadata
  endpoints, link-local, multicast, reserved and unspecified addresses stay refused.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass, field

from demoforge.domain.errors import UnsafeUrl

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

MAX_URL_LENGTH = 2048

# Cloud metadata services: refused even when private networks are allowed, because
# reaching them from a cloud function leaks credentials.
METADATA_HOSTNAMES = frozenset(
    {
        "metadata.google.internal",
        "metadata",
        "metadata.goog",
        "metadata.azure.internal",
        "instance-data",
        "instance-data.ec2.internal",
    }
)
METADATA_ADDRESSES: frozenset[IPAddress] = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),  # GCP, AWS, Azure, OpenStack
        ipaddress.ip_address("169.254.170.2"),  # AWS ECS task metadata
        ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
        ipaddress.ip_address("192.0.0.192"),  # Oracle Cloud
        ipaddress.ip_address("fd00:ec2::254"),  # AWS IPv6
        ipaddress.ip_address("fd20:ce::254"),  # GCP IPv6 (inside the ULA range "private" admits)
    }
)
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_PRIVATE_REASONS = frozenset(
    {
        "loopback address",
        "carrier-grade NAT (shared) address",
        "private address",
        "non-public address",
    }
)
_PRIVATE_HINT = (
    "private and loopback targets are refused unless explicitly allowed "
    "(--allow-private-network, for local runs only)"
)


# --------------------------------------------------------------------------- URL checks
@dataclass(frozen=True)
class Target:
    """A syntactically safe URL, split into what the connection needs."""

    url: str
    scheme: str
    host: str  # ASCII (IDNA), lower case, no trailing dot, IPv6 without brackets
    port: int
    path: str  # path + query, what goes on the request line
    literal: IPAddress | None = None  # the host was an IP address (in any spelling)

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{self.host_header}"

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else f"{host}:{self.port}"


# Unicode control, format (bidi overrides, zero-width), separator, private-use, surrogate
# and unassigned characters: never part of a URL a person typed on purpose.
_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cs", "Cn"})
_NUMERIC_LABEL = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$")
_HOST_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")


def _ipv4_number(label: str) -> int:
    if label.startswith("0x"):
        return int(label[2:] or "0", 16)
    if len(label) > 1 and label.startswith("0"):
        if not set(label) <= set("01234567"):
            raise ValueError(f"{label!r} is not octal")
        return int(label, 8)
    return int(label, 10)


def parse_legacy_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """The WHATWG URL host parser's IPv4 rule (what browsers and ``inet_aton`` do): if the
    last label is a number, the host is an IPv4 address in 1 to 4 parts, each decimal,
    octal (leading 0) or hex (0x). Returns None for ordinary names; raises ValueError for
    a numeric-looking host that is no valid address (we refuse those)."""
    labels = host.split(".")
    if labels and labels[-1] == "" and len(labels) > 1:
        labels = labels[:-1]
    if not labels or not _NUMERIC_LABEL.match(labels[-1]):
        return None
    if len(labels) > 4:
        raise ValueError("too many parts for an IPv4 address")
    numbers = [_ipv4_number(label) for label in labels]
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(numbers)):
        raise ValueError("IPv4 part out of range")
    value = last
    for i, n in enumerate(head):
        value += n * 256 ** (3 - i)
    return ipaddress.IPv4Address(value)


# RFC 3986 reserved and unreserved characters plus '%': left alone when encoding an IRI.
_URI_SAFE = "/:@!$&'()*+,;=-._~%"


def parse_target(url: str) -> Target:
    """Syntactic checks (no DNS). Raises ``UnsafeUrl`` with a one-line reason."""
    if not isinstance(url, str) or not url:
        raise UnsafeUrl("empty URL")
    if len(url) > MAX_URL_LENGTH:
        raise UnsafeUrl(f"URL longer than {MAX_URL_LENGTH} characters")
    if any(ord(c) < 33 or ord(c) == 127 for c in url) or "\\" in url:
        raise UnsafeUrl("URL contains whitespace, control characters or backslashes")
    if any(unicodedata.category(c) in _INVISIBLE for c in url):
        # Bidi overrides and zero-width characters make a URL read as another one.
        raise UnsafeUrl("URL contains invisible or direction-changing (bidi) characters")
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError as e:
        raise UnsafeUrl(f"malformed URL: {e}") from e
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        if not scheme:
            raise UnsafeUrl(f"{url[:80]!r} has no scheme: write the URL with http:// or https://")
        raise UnsafeUrl(f"only http or https URLs can be fetched, not {scheme!r}")
    netloc = parts.netloc
    if not netloc:
        raise UnsafeUrl("URL has no host")
    if "@" in netloc:
        raise UnsafeUrl("URLs with credentials (user@host) are refused")
    try:
        port = parts.port if parts.port is not None else (443 if scheme == "https" else 80)
    except ValueError as e:
        raise UnsafeUrl(f"invalid port: {e}") from e
    if not 0 < port < 65536:
        raise UnsafeUrl("invalid port")
    raw_host = parts.hostname or ""
    if not raw_host:
        raise UnsafeUrl("URL has no host")
    if "%" in raw_host:
        raise UnsafeUrl("percent-encoded host names and IPv6 zone ids are refused")
    literal: IPAddress | None = None
    if netloc.rsplit("@", 1)[-1].startswith("["):
        try:
            literal = ipaddress.IPv6Address(raw_host)
        except ValueError as e:
            raise UnsafeUrl(f"malformed IPv6 address {raw_host!r}") from e
        host = str(literal)
    else:
        try:
            # IDNA (nameprep maps e.g. fullwidth digits to ASCII, so they are checked too).
            host = raw_host.encode("idna").decode("ascii").lower()
        except UnicodeError as e:
            raise UnsafeUrl(f"invalid international host name {raw_host!r}") from e
        host = host[:-1] if host.endswith(".") else host
        try:
            literal = parse_legacy_ipv4(host)
        except ValueError as e:
            raise UnsafeUrl(f"malformed numeric host {raw_host!r}: {e}") from e
        if literal is not None:
            host = str(literal)
        elif len(host) > 253 or not all(_HOST_LABEL.match(lb) for lb in host.split(".")):
            raise UnsafeUrl(f"invalid host name {raw_host!r}")
    # IRIs (``/für-unternehmen/``) go on the wire percent-encoded as UTF-8; characters that
    # are already ASCII (including existing %XX escapes) are kept as they are.
    bare_path = urllib.parse.quote(parts.path or "/", safe=_URI_SAFE)
    query = urllib.parse.quote(parts.query, safe=_URI_SAFE + "=&?")
    path = bare_path + ("?" + query if query else "")
    clean = urllib.parse.urlunsplit((scheme, _netloc(host, port, scheme), bare_path, query, ""))
    return Target(url=clean, scheme=scheme, host=host, port=port, path=path, literal=literal)


def _netloc(host: str, port: int, scheme: str) -> str:
    h = f"[{host}]" if ":" in host else host
    return h if port == (443 if scheme == "https" else 80) else f"{h}:{port}"


# ------------------------------------------------------------------------ address policy
def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


@dataclass(frozen=True)
class AddressPolicy:
    """Which addresses may be connected to. ``extra_allowed`` are exact exceptions an
    operator (or a test) names, e.g. one loopback test server; metadata stays refused."""

    allow_private: bool = False
    extra_allowed: tuple[IPNetwork, ...] = field(default_factory=tuple)

    def refusal(self, ip: IPAddress) -> str | None:
        """None if ``ip`` may be connected to, else a short reason."""
        if isinstance(ip, ipaddress.IPv6Address):
            if ip.scope_id:
                return "IPv6 address with a zone id"
            inner = _embedded_ipv4(ip)
            if inner is not None:
                why = self.refusal(inner)
                return f"{why} (IPv4 {inner} embedded in IPv6)" if why else None
        if ip in METADATA_ADDRESSES:
            return "cloud metadata service address"
        if any(ip in net for net in self.extra_allowed):
            return None
        if ip.is_unspecified:
            return "unspecified address"
        if ip.is_multicast:
            return "multicast address"
        if ip.is_link_local:
            return "link-local address (the cloud metadata range)"
        # Loopback before reserved: Python counts ::1 as part of the reserved ::/8.
        if ip.is_loopback:
            private_why = "loopback address"
        elif ip.is_reserved:
            return "reserved address"
        elif isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT:
            private_why = "carrier-grade NAT (shared) address"
        elif ip.is_private:
            private_why = "private address"
        elif not ip.is_global:
            private_why = "non-public address"
        else:
            return None
        return None if self.allow_private else private_why


def refusal_message(host: str, ip: IPAddress, why: str, policy: AddressPolicy) -> str:
    private_class = why.split(" (IPv4")[0] in _PRIVATE_REASONS
    hint = f"; {_PRIVATE_HINT}" if private_class and not policy.allow_private else ""
    shown = host if host == str(ip) else f"{host} ({ip})"
    return f"refusing to fetch {shown}: {why}{hint}"


def check_url(url: str, policy: AddressPolicy) -> Target:
    """Everything that can be refused without DNS: syntax, names, literal addresses.
    Raises ``UnsafeUrl`` with a one-line reason; returns the cleaned target."""
    target = parse_target(url)
    if target.literal is not None:
        why = policy.refusal(target.literal)
        if why:
            raise UnsafeUrl(refusal_message(target.host, target.literal, why, policy))
        return target
    if target.host in METADATA_HOSTNAMES or target.host.endswith(".metadata.google.internal"):
        raise UnsafeUrl(f"refusing to fetch {target.host}: cloud metadata service")
    if (target.host == "localhost" or target.host.endswith(".localhost")) and not policy.allow_private:
        raise UnsafeUrl(f"refusing to fetch {target.host}: loopback name; {_PRIVATE_HINT}")
    return target
