"""Which hosts are the business's own site, and which links lead to another organisation.

A link in a "nearby"/"partners"/"Empfehlungen" menu to another organisation's site (a
museum, a partner winery, a quality label, a booking portal) is not what the business
sells. The site's own hosts are the page's host, its canonical/og:url host and the host
most of the page's absolute links go to: a page saved from a site and served elsewhere
(``127.0.0.1``) still links its own pages under the original domain.
"""

from __future__ import annotations

import re
import urllib.parse
from collections import Counter
from collections.abc import Iterable

# Second-level labels under a country code that are registries' own ("co.uk", "com.au"):
# the registrable name is one label further left.
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "or", "ne", "go", "gv", "ltd", "plc"})


def registrable(host: str) -> str:
    """The name a business registers ("shop.example.co.uk" -> "example.co.uk"); an IP
    address or a single label comes back unchanged."""
    host = host.strip(".").casefold().removeprefix("www.")
    labels = host.split(".")
    if len(labels) < 2 or all(x.isdigit() for x in labels) or ":" in host:
        return host
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def _label(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.split(".")[0]) if not name.replace(".", "").isdigit() else ""


def host(url: str) -> str:
    return (urllib.parse.urlsplit(url).hostname or "").casefold()


def own_sites(page_url: str, hrefs: Iterable[str], *, also: Iterable[str] = (), title: str = "") -> frozenset[str]:
    """Registrable names of the site itself: the page's, any of ``also`` (canonical,
    og:url), the most linked one when at least a third of the absolute links go there, and
    any linked one whose name the page title carries (a sister domain: "Firefox — ... —
    Mozilla" on mozilla.org links firefox.com)."""
    own = {registrable(h) for h in (host(page_url), *(host(u) for u in also)) if h}
    counts = Counter(registrable(h) for h in (host(x) for x in hrefs) if h)
    total = sum(counts.values())
    if counts:
        top, n = counts.most_common(1)[0]
        if n * 3 >= total:
            own.add(top)
    squashed_title = re.sub(r"[^a-z0-9]", "", title.casefold())
    own_labels = {_label(x) for x in own} - {""}
    for name in counts:
        label = _label(name)
        # The title names it, or it extends the site's own name ("pilkington.com" links
        # "pilkingtonselfcleaningglass.co.uk").
        if len(label) >= 4 and (label in squashed_title or any(len(x) >= 4 and x in label for x in own_labels)):
            own.add(name)
    return frozenset(own)


def external(href: str, own: frozenset[str]) -> bool:
    """Whether ``href`` leads to another organisation's site (relative links never do)."""
    h = host(href)
    return bool(h) and urllib.parse.urlsplit(href).scheme in ("http", "https") and registrable(h) not in own


__all__ = ["external", "host", "own_sites", "registrable"]
