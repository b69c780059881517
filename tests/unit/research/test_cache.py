"""Research cache: normalised keys, size cap, scope separation, TTL (SQLite adapter)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from demoforge.adapters.sqlite_store import SQLiteResearchCache
from demoforge.research import cache
from demoforge.research.extract import Link, PageExtract


@pytest.mark.parametrize(("a", "b"), [
    ("HTTPS://Example.COM", "https://example.com/"),
    ("https://example.com:443/about/", "https://example.com/about"),
    ("http://example.com:80/#frag", "http://example.com/"),
])
def test_equivalent_urls_share_a_key(a: str, b: str) -> None:
    assert cache.normalise_url(a) == cache.normalise_url(b)
    assert cache.cache_key(a) == cache.cache_key(b)


def test_different_urls_and_scopes_do_not() -> None:
    assert cache.cache_key("https://example.com/?p=1") != cache.cache_key("https://example.com/?p=2")
    assert cache.cache_key("http://example.com/") != cache.cache_key("https://example.com/")
    assert cache.cache_key("http://x/", private_allowed=True) != cache.cache_key("http://x/")
    assert "/" not in cache.cache_key("https://example.com/a/b")


def test_roundtrip_without_links_and_with_size_cap(tmp_path: Path) -> None:
    store = SQLiteResearchCache(tmp_path / "s.sqlite")
    big = PageExtract(url="https://example.com/", title="T", text="x" * 200_000,
                      links=[Link(text="a", href="https://example.com/a")])
    pages = [big] + [big.model_copy(update={"url": f"https://example.com/{i}"}) for i in range(5)]
    size = cache.save(store, "https://example.com", pages, ttl_s=60)
    assert 0 < size <= cache.MAX_ENTRY_BYTES
    loaded = cache.load(store, "https://EXAMPLE.com/")
    assert loaded is not None and len(loaded) == 6
    assert loaded[0].links == [] and 0 < len(loaded[0].text) <= cache.TEXT_BUDGETS[0]
    assert cache.load(store, "https://example.com/", private_allowed=True) is None


def test_expired_entries_are_gone(tmp_path: Path) -> None:
    store = SQLiteResearchCache(tmp_path / "s.sqlite")
    cache.save(store, "https://e.example/", [PageExtract(url="https://e.example/")], ttl_s=1)
    assert cache.load(store, "https://e.example/") is not None
    time.sleep(1.1)
    assert cache.load(store, "https://e.example/") is None
