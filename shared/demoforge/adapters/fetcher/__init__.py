"""``Fetcher`` port adapter: SSRF-safe fetching of a prospect's web pages, as a package.

- ``url_policy``: which URLs and addresses may be fetched (syntax, names, every address);
- ``client``: ``SafeFetcher``, the HTTP client that connects only to checked addresses,
  follows redirects by hand and enforces byte and time budgets;
- ``robots``: robots.txt rules per origin;
- ``decoding``: content-encoding and character-set decoding that never raises on a
  hostile label.
"""

from demoforge.adapters.fetcher.client import (
    MAX_REDIRECTS,
    USER_AGENT,
    USER_AGENT_TOKEN,
    SafeFetcher,
)
from demoforge.adapters.fetcher.decoding import HTML_TYPES, decode_html
from demoforge.adapters.fetcher.url_policy import (
    METADATA_ADDRESSES,
    METADATA_HOSTNAMES,
    AddressPolicy,
    Target,
    parse_legacy_ipv4,
    parse_target,
    system_resolver,
)

__all__ = [
    "HTML_TYPES", "MAX_REDIRECTS", "METADATA_ADDRESSES", "METADATA_HOSTNAMES", "USER_AGENT",
    "USER_AGENT_TOKEN", "AddressPolicy", "SafeFetcher", "Target", "decode_html",
    "parse_legacy_ipv4", "parse_target", "system_resolver",
]
