"""Prices and currencies as written on pages, read with maintained libraries: currency
symbols come from CLDR (``babel``), amounts are parsed by ``price-parser``, a country's
currency is CLDR's current tender for the territory. Nothing here is a hand-written
country or currency table.

A symbol can name several currencies ("$", "kr", "Fr."): ``currencies_for`` returns all
ISO 4217 codes it may mean, and the caller resolves the ambiguity with the country.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

import babel
import babel.numbers
import pycountry
from price_parser import Price

# Locales whose CLDR symbols we index: the languages research reads and the currencies'
# home locales. A symbol maps to every currency that uses it in any of them.
_SYMBOL_LOCALES = ("en", "en_US", "en_GB", "en_AU", "en_CA", "en_NZ", "en_IN", "de", "de_CH", "de_AT",
                   "fr", "fr_CH", "fr_CA", "it", "it_CH", "es", "es_MX", "nl", "pt", "pt_BR", "sv", "da",
                   "nb", "pl", "cs", "hu", "ja", "zh", "ko", "tr", "ru")


@functools.lru_cache(maxsize=1)
def symbol_index() -> dict[str, frozenset[str]]:
    """Currency symbol or code as written (case-folded) -> ISO 4217 codes it may mean."""
    out: dict[str, set[str]] = defaultdict(set)
    codes = [c.alpha_3 for c in pycountry.currencies]
    for loc in _SYMBOL_LOCALES:
        locale = babel.Locale.parse(loc)
        for code in codes:
            sym = locale.currency_symbols.get(code)
            if sym:
                out[sym.casefold()].add(code)
            out[code.casefold()].add(code)
    # Narrow symbols ("$" for AUD in en_AU is "$", in en it is "A$"): CLDR's narrow form.
    for code in codes:
        try:
            narrow = babel.numbers.get_currency_symbol(code, "en")
        except (KeyError, ValueError):
            continue
        if narrow:
            out[narrow.casefold()].add(code)
    return {k: frozenset(v) for k, v in out.items() if k.strip()}


def currencies_for(written: str) -> frozenset[str]:
    """ISO codes a written symbol or code may mean ("€" -> {EUR}, "$" -> {USD, AUD, ...})."""
    key = written.strip().casefold().rstrip(".")
    index = symbol_index()
    return index.get(key) or index.get(key + ".") or frozenset()


def country_currency(country: str | None) -> str | None:
    """The country's current tender currency (CLDR), e.g. CH -> CHF, AT -> EUR."""
    if not country:
        return None
    found = babel.numbers.get_territory_currencies(country.upper(), tender=True, non_tender=False)
    return found[0] if found else None


@functools.lru_cache(maxsize=1)
def _price_pattern() -> re.Pattern[str]:
    # Symbols that are not letters ("€", "$", "£", "¥", "₹", "A$", "CHF", "kr") beside a
    # number. Letter-only codes must be whole words so "usd" in "tausend" is not one.
    symbols = sorted(symbol_index(), key=len, reverse=True)
    sym = "|".join(re.escape(s) if not s.isalpha() else rf"\b{re.escape(s)}\b" for s in symbols if len(s) <= 4)
    number = r"\d{1,3}(?:[.,'\u2009\u202f ]\d{3})*(?:[.,]\d{1,2}|[.,]-{1,2})?|\d+(?:[.,]\d{1,2})?"
    return re.compile(rf"(?i:(?:{sym})\s?(?:{number})|(?:{number})\s?(?:{sym}))")


@dataclass(frozen=True)
class PriceMatch:
    text: str  # as written: "27,90 €"
    amount: float | None
    written_currency: str  # "€", "CHF", "$"
    start: int
    end: int


def find_prices(text: str, limit: int = 50) -> list[PriceMatch]:
    """Prices in running text: a currency symbol or code beside a number."""
    out: list[PriceMatch] = []
    for m in _price_pattern().finditer(text[:100_000]):
        parsed = Price.fromstring(m.group(0))
        if parsed.currency is None:
            continue
        amount = float(parsed.amount) if parsed.amount is not None else None
        if amount is not None and not 0 <= amount < 1e9:
            continue
        out.append(PriceMatch(m.group(0).strip(), amount, parsed.currency.strip(), m.start(), m.end()))
        if len(out) >= limit:
            break
    return out


def parse_amount(value: str) -> float | None:
    """A structured-data price ("27.90", "27,90", "1.299,00") as a number."""
    if not value:
        return None
    parsed = Price.fromstring(value)
    if parsed.amount is None:
        return None
    amount = float(parsed.amount)
    return amount if 0 <= amount < 1e9 else None


def iso_currency(written: str, country: str | None = None) -> str | None:
    """One ISO code for a written currency: unambiguous symbols directly, ambiguous ones
    ("$", "kr") resolved by the country's own currency when it is one of them; USD for a
    bare "$" elsewhere (CLDR's "$" in the root and en locales)."""
    if not written:
        return None
    options = currencies_for(written)
    if len(options) == 1:
        return next(iter(options))
    local = country_currency(country)
    if local and local in options:
        return local
    upper = written.strip().upper()
    if upper in options:
        return upper
    if written.strip() == "$" and "USD" in options:
        return "USD"
    return None
