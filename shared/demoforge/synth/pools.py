"""Value pools for people, companies, contact details and places.

Faker knows realistic names and places per locale but produces ~50k values per second, one
Python call each. We call it only to build a pool per (field, locale) once per process
(seeded with a fixed seed, so identical everywhere) and let numpy sample row indices into
it: the rows are as realistic as Faker's and generated at array speed, and a second demo
in the same process pays nothing. Variety between prospects comes from the rows' own
random streams (seeded by the prospect): full names are composed from first- and
last-name pools per row (hundreds of thousands of combinations), so two prospects do
not share their people.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import pyarrow as pa

# FakeGen.field -> Faker provider method; fields a locale lacks fall back to the second name.
_METHODS: dict[str, tuple[str, str]] = {
    "first_name": ("first_name", "first_name"),
    "last_name": ("last_name", "last_name"),
    "name": ("name", "name"),
    "company": ("company", "company"),
    "phone": ("phone_number", "phone_number"),
    "street_address": ("street_address", "street_address"),
    "city": ("city", "city"),
    "state": ("state", "city"),
    "country": ("country", "country"),
    "country_code": ("country_code", "country_code"),
    "postcode": ("postcode", "postcode"),
    "job": ("job", "job"),
    "word": ("word", "word"),
    "free_email_domain": ("free_email_domain", "free_email_domain"),
}


@functools.lru_cache(maxsize=1)
def _faker_class() -> Any:
    from faker import Faker  # imported lazily: ~0.2 s, only needed when a spec uses fakes

    return Faker


@functools.lru_cache(maxsize=32)
def _faker(locale: str, seed: int) -> Any:
    try:
        fake = _faker_class()(locale)
    except AttributeError:
        fake = _faker_class()("en_US")  # unknown locale: English beats failing the job
    fake.seed_instance(seed)
    return fake


BASE_SEED = 20_240_601  # fixed: pools are the same in every process and for every prospect
MIN_POOL = {"first_name": 2000, "last_name": 2000, "company": 3000, "phone": 3000, "street_address": 3000}
# Locales that write the family name first.
FAMILY_FIRST = frozenset({"hu", "ja", "ko", "zh", "vi"})


def pool(field: str, locale: str = "en_US", size: int = 1000, seed: int | None = None) -> pa.Array:
    """Up to ``size`` values for ``field`` (at least the field's minimum), as a string
    array, deterministic for (field, locale). ``seed`` is accepted for callers of the
    former per-seed pools and ignored: variety comes from how rows sample the pool."""
    return _pool(field, locale, max(size, MIN_POOL.get(field, 0)))


@functools.lru_cache(maxsize=1)
def _cache_dir() -> Path:
    """Where built pools are kept between processes: importing Faker alone costs ~0.5 s,
    which would dominate a demo's generation. Keyed by Faker's version, so an upgrade
    rebuilds them; the content is deterministic, so a hit and a miss give the same rows."""
    return Path(tempfile.gettempdir()) / f"demoforge-faker-{metadata.version('faker')}"


@functools.lru_cache(maxsize=256)
def _pool(field: str, locale: str, size: int) -> pa.Array:
    if field not in _METHODS:
        raise ValueError(f"unknown fake field {field!r}; choose one of {sorted(_METHODS)}")
    path = _cache_dir() / f"{locale}.{field}.{size}.json"
    if path.is_file():
        return pa.array(json.loads(path.read_text(encoding="utf-8")), type=pa.string())
    values = _build(field, locale, size)
    try:  # a cache that cannot be written (read-only disk) only costs the next process time
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass
    return pa.array(values, type=pa.string())


def _build(field: str, locale: str, size: int) -> list[str]:
    fake = _faker(locale, BASE_SEED)
    fake.seed_instance(BASE_SEED * 7919 + hash_field(field) + size)
    primary, fallback = _METHODS[field]
    method: Callable[[], Any] = getattr(fake, primary, None) or getattr(fake, fallback)
    return list(dict.fromkeys(str(method()).replace("\n", ", ") for _ in range(size)))


def hash_field(field: str) -> int:
    """Stable small hash (``hash()`` is salted per process, which would break determinism)."""
    h = 0
    for ch in field:
        h = (h * 131 + ord(ch)) % 1_000_003
    return h
