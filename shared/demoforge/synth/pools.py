"""Value pools for people, companies, contact details and places.

Faker knows realistic names and places per locale but produces ~50k values per second, one
Python call each. We call it only to build a small pool (default 1000 values, seeded, cached
per process) and let numpy sample row indices into the pool: the rows are as realistic as
Faker's and generated at array speed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
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


@functools.lru_cache(maxsize=256)
def pool(field: str, locale: str = "en_US", size: int = 1000, seed: int = 0) -> pa.Array:
    """``size`` values for ``field`` (duplicates removed, so possibly fewer), as a string
    array. Deterministic for (field, locale, size, seed)."""
    if field not in _METHODS:
        raise ValueError(f"unknown fake field {field!r}; choose one of {sorted(_METHODS)}")
    fake = _faker(locale, seed)
    fake.seed_instance(seed * 7919 + hash_field(field))
    primary, fallback = _METHODS[field]
    method: Callable[[], Any] = getattr(fake, primary, None) or getattr(fake, fallback)
    values = list(dict.fromkeys(str(method()).replace("\n", ", ") for _ in range(size)))
    return pa.array(values, type=pa.string())


def hash_field(field: str) -> int:
    """Stable small hash (``hash()`` is salted per process, which would break determinism)."""
    h = 0
    for ch in field:
        h = (h * 131 + ord(ch)) % 1_000_003
    return h
