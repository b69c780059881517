"""Fuzz the URL policy (``demoforge.domain.urls.check_url``, what the api, the CLI and the
fetcher apply): whatever the text, it is accepted or refused with ``UnsafeUrl``, never
anything else; an accepted URL is http(s), carries no invisible, control or bidi
character, names no credentials, re-checks to itself, and a literal address it accepts is
public (metadata and link-local never, even with private networks allowed).

Bounded for CI (a few hundred examples per property); ``DEMOFORGE_URL_FUZZ_EXAMPLES`` runs
a longer campaign locally.
"""

from __future__ import annotations

import ipaddress
import os
import unicodedata
import urllib.parse

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from demoforge.domain.errors import UnsafeUrl
from demoforge.domain.urls import METADATA_ADDRESSES, AddressPolicy, check_url

EXAMPLES = int(os.environ.get("DEMOFORGE_URL_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PIECES = ["http://", "https://", "ftp://", "//", "javascript:", "example.com", "EXAMPLE.com",
          "127.0.0.1", "0x7f.1", "2130706433", "017700000001", "[::1]", "[fd20:ce::254]",
          "169.254.169.254", "metadata.google.internal", "localhost", "a.localhost", "10.0.0.1",
          "[::ffff:127.0.0.1]", "[64:ff9b::a9fe:a9fe]", "user:pw@", "@", ":80", ":0", ":99999",
          "/", "/a/../b", "?q=1", "#frag", "%2e%2e", "%00", "\\", " ", "\t", "\x00", "\u202e",
          "\u200b", "\ufeff", "ß", "ｅｘａｍｐｌｅ", "xn--", "-", ".", "..", "é"]
TEXT = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(PIECES), max_size=8).map("".join),
    st.builds(lambda a, b: a + b, st.sampled_from(PIECES), st.text(max_size=30)),
)
POLICIES = [AddressPolicy(), AddressPolicy(allow_private=True)]


def _holds(url: str, policy: AddressPolicy) -> None:
    try:
        target = check_url(url, policy)
    except UnsafeUrl as e:
        assert e.message
        return
    clean = target.url
    assert clean.startswith(("http://", "https://"))
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Zs", "Zl", "Zp") for c in clean)
    parts = urllib.parse.urlsplit(clean)
    assert parts.username is None and parts.password is None and "\\" not in clean
    assert check_url(clean, policy).url == clean
    if target.literal is not None:
        ip = target.literal
        assert ip not in METADATA_ADDRESSES and not ip.is_link_local and not ip.is_multicast
        if not policy.allow_private:
            assert ip.is_global or (isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped
                                    and ip.ipv4_mapped.is_global), ip


@FUZZ
@given(TEXT, st.sampled_from(POLICIES))
def test_the_url_policy_accepts_or_refuses_and_never_crashes(url: str, policy: AddressPolicy) -> None:
    _holds(url, policy)
