"""URL policy as the fetcher applies it: the one policy of ``demoforge.domain.urls``
(syntax, names, literal and resolved addresses — the api and the CLI check the same one
before a job exists), plus the part only an adapter may do: asking the system resolver.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Sequence

from demoforge.domain.errors import PermanentError, TransientError
from demoforge.domain.urls import (
    METADATA_ADDRESSES,
    METADATA_HOSTNAMES,
    AddressPolicy,
    IPAddress,
    IPNetwork,
    Target,
    check_url,
    parse_legacy_ipv4,
    parse_target,
    refusal_message,
)

__all__ = [
    "METADATA_ADDRESSES", "METADATA_HOSTNAMES", "AddressPolicy", "IPAddress", "IPNetwork",
    "Resolver", "Target", "check_url", "parse_legacy_ipv4", "parse_target", "refusal_message",
    "system_resolver",
]

# host, port -> IP address strings. Injectable so tests can make a name resolve anywhere.
Resolver = Callable[[str, int], Sequence[str]]


def system_resolver(host: str, port: int) -> list[str]:
    """All addresses the system resolver returns for ``host`` (IPv4 and IPv6)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        if e.errno == socket.EAI_AGAIN:
            raise TransientError(
                f"DNS lookup for {host} failed temporarily: {e}", code="dns_timeout"
            ) from e
        raise PermanentError(
            f"cannot resolve host {host}: {e.strerror or e}", code="dns_failure"
        ) from e
    out: list[str] = []
    for info in infos:
        addr = str(info[4][0])
        if addr not in out:
            out.append(addr)
    return out
