"""SSRF refusals of ``SafeFetcher`` that need no network: URL syntax, literal addresses in
every spelling, names that resolve (via an injected resolver) into private space, and the
``allow_private_network`` exceptions that must never cover cloud metadata."""

from __future__ import annotations

import ipaddress

import pytest

from demoforge.adapters.fetcher import SafeFetcher, parse_legacy_ipv4, parse_target
from demoforge.domain.errors import UnsafeUrl
from demoforge.settings import Settings

PUBLIC = "93.184.216.34"


def _fetcher(allow_private: bool = False, dns: dict[str, list[str]] | None = None) -> SafeFetcher:
    table = dns or {}

    def resolver(host: str, port: int) -> list[str]:
        return table.get(host, [PUBLIC])

    return SafeFetcher(Settings().with_(allow_private_network=allow_private), resolver=resolver)


def _check(f: SafeFetcher, url: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """Everything fetch() checks before opening a socket."""
    return f.addresses(f.check_url(url))


REFUSED_LITERALS = [
    "http://127.0.0.1/",
    "http://127.1/",
    "http://2130706433/",  # decimal
    "http://0x7f.1/",  # hex + short form
    "http://017700000001/",  # octal
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://0/",
    "http://0.0.0.0/",
    "http://10.0.0.1/",
    "http://172.16.5.4/",
    "http://192.168.1.1:8080/",
    "http://100.64.0.1/",  # CGNAT
    "http://169.254.169.254/latest/meta-data/",
    "http://169.254.1.1/",
    "http://224.0.0.1/",  # multicast
    "http://255.255.255.255/",
    "http://240.0.0.1/",  # reserved
    "http://198.18.0.1/",  # benchmarking range, not global
    "http://[::1]/",
    "http://[::]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://[fd00:ec2::254]/",
    "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
    "http://[64:ff9b::a00:1]/",  # NAT64 of 10.0.0.1
    "http://[ff02::1]/",
    "http://[::127.0.0.1]/",  # IPv4-compatible (deprecated)
    "http://127.0.0.1./",
    "http://\uff11\uff12\uff17.\uff10.\uff10.\uff11/",  # fullwidth digits
    "https://127.0.0.1:443/",
]

REFUSED_NAMES = [
    "http://localhost/",
    "http://LOCALHOST:8000/",
    "http://foo.localhost/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://METADATA.GOOGLE.INTERNAL./",
    "http://metadata/",
    "http://instance-data/",
]

REFUSED_SYNTAX = [
    "file:///etc/passwd",
    "ftp://example.com/",
    "gopher://127.0.0.1:6379/_FLUSHALL",
    "javascript:alert(1)",
    "data:text/html,hi",
    "dict://example.com:11211/",
    "//example.com/",
    "example.com",
    "http:///path",
    "http://exa mple.com/",
    "http://example.com:99999/",
    "http://example.com:0/",
    "http://256.1.1.1/",
    "http://1.2.3.4.5/",
    "http://0x100000000/",
    "http://08.1.1.1/",  # not octal
    "http://[fe80::1%25eth0]/",  # zone id
    "http://%31%32%37.0.0.1/",  # percent-encoded host
    "http://exa_mple..com/",
    "http://" + "a" * 64 + ".com/",
    "http://example.com/" + "a" * 2100,
    "http://example.com\r\nHost: 127.0.0.1/",
]

REFUSED_USERINFO = [
    "http://example.com@127.0.0.1/",
    "http://user:pass@example.com/",
    "http://example.com\\@127.0.0.1/",
    "http://127.0.0.1#@example.com/",
    "http://127.0.0.1:80\\@example.com/",
    "http://example.com%40127.0.0.1/",
    "http://@127.0.0.1/",
]


@pytest.mark.parametrize("url", REFUSED_LITERALS + REFUSED_NAMES + REFUSED_SYNTAX + REFUSED_USERINFO)
def test_refused_by_default(url: str) -> None:
    with pytest.raises(UnsafeUrl):
        _check(_fetcher(), url)


DNS_TO_PRIVATE = ["10.0.0.1", "127.0.0.1", "169.254.169.254", "::1", "::ffff:10.1.1.1",
                  "100.64.1.1", "192.168.0.10", "fd12:3456::1", "0.0.0.0"]


@pytest.mark.parametrize("address", DNS_TO_PRIVATE)
def test_name_resolving_to_private_address_is_refused(address: str) -> None:
    f = _fetcher(dns={"innocent.example": [address]})
    with pytest.raises(UnsafeUrl, match="innocent.example"):
        _check(f, "https://innocent.example/about")


def test_one_private_address_among_public_ones_refuses_the_host() -> None:
    f = _fetcher(dns={"mixed.example": [PUBLIC, "10.0.0.7"]})
    with pytest.raises(UnsafeUrl, match="10.0.0.7"):
        _check(f, "http://mixed.example/")


def test_resolver_garbage_is_refused() -> None:
    with pytest.raises(UnsafeUrl):
        _check(_fetcher(dns={"odd.example": ["not-an-ip"]}), "http://odd.example/")


@pytest.mark.parametrize(
    "url",
    ["http://169.254.169.254/", "http://[::ffff:169.254.169.254]/", "http://metadata.google.internal/",
     "http://169.254.10.10/", "http://0.0.0.0/", "http://224.0.0.251/", "http://[fd00:ec2::254]/",
     "http://100.100.100.200/"],
)
def test_metadata_and_special_addresses_refused_even_when_private_allowed(url: str) -> None:
    with pytest.raises(UnsafeUrl):
        _check(_fetcher(allow_private=True), url)


def test_dns_to_metadata_refused_even_when_private_allowed() -> None:
    f = _fetcher(allow_private=True, dns={"sneaky.example": ["169.254.169.254"]})
    with pytest.raises(UnsafeUrl, match="metadata"):
        _check(f, "http://sneaky.example/")


@pytest.mark.parametrize(
    ("url", "expected"),
    [("http://127.0.0.1:8000/", "127.0.0.1"), ("http://10.1.2.3/", "10.1.2.3"),
     ("http://localhost/", PUBLIC), ("http://[::1]/", "::1"), ("http://100.64.0.9/", "100.64.0.9")],
)
def test_private_allowed_only_with_the_flag(url: str, expected: str) -> None:
    assert [str(a) for a in _check(_fetcher(allow_private=True), url)] == [expected]


@pytest.mark.parametrize(
    ("url", "expected"),
    [("http://example.com/", PUBLIC), ("https://8.8.8.8/", "8.8.8.8"),
     ("http://0x8.0x8.0x8.0x8/", "8.8.8.8"), ("http://134744072/", "8.8.8.8"),
     ("http://[2606:4700:4700::1111]/", "2606:4700:4700::1111"),
     ("http://[::ffff:8.8.8.8]/", "::ffff:808:808"), ("https://bücher.example/", PUBLIC)],
)
def test_public_targets_pass(url: str, expected: str) -> None:
    assert [str(a) for a in _check(_fetcher(), url)] == [expected]


def test_refusal_message_names_the_address_and_the_flag() -> None:
    with pytest.raises(UnsafeUrl) as ei:
        _check(_fetcher(), "http://0x7f.1/")
    assert "127.0.0.1" in ei.value.message and "loopback" in ei.value.message
    assert "--allow-private-network" in ei.value.message
    assert ei.value.code == "unsafe_url"


@pytest.mark.parametrize(
    ("host", "expected"),
    [("2130706433", "127.0.0.1"), ("0x7f.1", "127.0.0.1"), ("017700000001", "127.0.0.1"),
     ("127.1", "127.0.0.1"), ("10.1.258", "10.1.1.2"), ("0", "0.0.0.0"), ("example.com", None),
     ("1.example", None), ("0x.0x.0x.0x", "0.0.0.0")],
)
def test_legacy_ipv4_spellings_parse_like_browsers(host: str, expected: str | None) -> None:
    ip = parse_legacy_ipv4(host)
    assert (str(ip) if ip else None) == expected


def test_target_keeps_host_for_the_host_header() -> None:
    t = parse_target("HTTPS://Www.Example.COM:8443/a/b?q=1#frag")
    assert (t.scheme, t.host, t.port, t.path) == ("https", "www.example.com", 8443, "/a/b?q=1")
    assert t.host_header == "www.example.com:8443"
    assert t.url == "https://www.example.com:8443/a/b?q=1"


def test_international_paths_are_percent_encoded_once() -> None:
    t = parse_target("http://example.com/in-seminaren/für-unternehmen/?q=jubiläen&x=1")
    assert t.path == "/in-seminaren/f%C3%BCr-unternehmen/?q=jubil%C3%A4en&x=1"
    assert t.url == "http://example.com/in-seminaren/f%C3%BCr-unternehmen/?q=jubil%C3%A4en&x=1"
    # already-encoded URLs are left as they are
    assert parse_target(t.url).url == t.url
