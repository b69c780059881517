"""Cache of extracted pages per normalised URL (the ``ResearchCache`` port, default 1 hour).

A retried job, or two CEs researching the same prospect, do not re-crawl the site.
Only extracted signals and capped main text are stored (no raw HTML), and the whole
entry is kept under a size budget that fits a Firestore document comfortably.
"""

from __future__ import annotations

import hashlib
import json
import urllib.parse
from collections.abc import Sequence

from pydantic import ValidationError

from demoforge.research.extract import PageExtract
from demoforge.service.ports import ResearchCache

CACHE_VERSION = "v2"  # bump when PageExtract changes shape
MAX_ENTRY_BYTES = 400_000  # Firestore's limit is 1 MiB per document
TEXT_BUDGETS = (8000, 4000, 2000, 800, 0)  # main text per page, tried in order until it fits


def normalise_url(url: str) -> str:
    """Scheme and host lower case, default port and fragment dropped, ``/`` for an empty
    path and no trailing slash otherwise; the query is kept (it can select content)."""
    parts = urllib.parse.urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    return urllib.parse.urlunsplit((scheme, host, path, parts.query, ""))


def cache_key(url: str, *, private_allowed: bool = False) -> str:
    # Hashed: cache keys become document ids, which must not contain "/". Entries made
    # with private networks allowed live apart, so a run without that permission never
    # gets content it would have refused to fetch.
    scope = "private" if private_allowed else "public"
    digest = hashlib.sha256(f"{scope} {normalise_url(url)}".encode()).hexdigest()[:40]
    return f"research-{CACHE_VERSION}-{digest}"


def load(cache: ResearchCache, url: str, *, private_allowed: bool = False) -> list[PageExtract] | None:
    entry = cache.get(cache_key(url, private_allowed=private_allowed))
    if not entry or entry.get("url") != normalise_url(url):
        return None
    try:
        return [PageExtract.model_validate(p) for p in entry.get("pages", [])] or None
    except ValidationError:
        return None  # an entry from an older shape: re-crawl


def save(
    cache: ResearchCache, url: str, pages: Sequence[PageExtract], ttl_s: int, *,
    private_allowed: bool = False,
) -> int:
    """Store the pages; returns the entry size in bytes (0 if nothing fit)."""
    for budget in TEXT_BUDGETS:
        entry = {
            "url": normalise_url(url),
            "pages": [p.capped(budget).model_dump(mode="json", exclude={"links"}) for p in pages],
        }
        size = len(json.dumps(entry, ensure_ascii=False).encode())
        if size <= MAX_ENTRY_BYTES:
            cache.put(cache_key(url, private_allowed=private_allowed), entry, ttl_s)
            return size
    return 0
