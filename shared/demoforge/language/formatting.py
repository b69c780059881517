"""Numbers, money, percentages, durations, dates, periods and lists in the job's locale.

Everything goes through babel (CLDR data): "1.234.567 €" in Germany, "1 234 567 €" in
France, "€1,234,567" in the US; "1. Quartal 2025", "1er trimestre 2025"; "3,5 Tage". The
locale is the language with the prospect's country when CLDR knows the pair (de_CH,
fr_CA, es_MX), else the language's default.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton, get_day_names, get_month_names
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, format_percent
from babel.units import format_unit

_DEFAULT_REGION = {"en": "US", "de": "DE", "fr": "FR", "es": "ES"}
_UNITS = {"hours": "duration-hour", "days": "duration-day", "minutes": "duration-minute"}


@functools.cache
def locale_for(language: str, country: str | None = None) -> Locale:
    """``Locale('de', 'CH')`` when CLDR has it, else the language's main locale."""
    for tag in ([f"{language}_{country.upper()}"] if country else []) + [
            f"{language}_{_DEFAULT_REGION.get(language, '')}".rstrip("_"), language, "en"]:
        try:
            return Locale.parse(tag)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse("en")


def _one_decimal(pattern: str) -> str:
    """A percent pattern with one fraction digit: "#,##0 %" -> "#,##0.0 %"."""
    return pattern.replace("0%", "0.0%").replace("0 %", "0.0 %").replace("0\u00a0%", "0.0\u00a0%")


class Formatter:
    """Formats values for one locale (and one currency, unless a call names another)."""

    def __init__(self, language: str, country: str | None = None, currency: str | None = None) -> None:
        self.language = language
        self.locale = locale_for(language, country)
        self.currency = currency

    # --- numbers ---------------------------------------------------------------------
    def number(self, v: float, decimals: int | None = None) -> str:
        if decimals is None:
            decimals = 0 if float(v).is_integer() or abs(v) >= 1000 else (1 if abs(v) >= 100 else 2)
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return str(format_decimal(round(v, decimals), pattern, locale=self.locale))

    def money(self, v: float, currency: str | None = None) -> str:
        code = currency or self.currency
        if not code:
            return self.number(v)
        if abs(v) >= 1000:
            # Whole units for big amounts: "1.234.567 €", not "1.234.567,43 €".
            pattern = self.locale.currency_formats["standard"].pattern.split(";")[0]
            pattern = pattern.replace("#,##0.00", "#,##0").replace("0.00", "0")
            return str(format_currency(round(v), code, pattern, locale=self.locale, currency_digits=False))
        return str(format_currency(v, code, locale=self.locale))

    def percent(self, fraction: float) -> str:
        """A fraction as a percentage with one decimal: 0.255 -> "25,5 %"."""
        pattern = _one_decimal(self.locale.percent_formats[None].pattern)
        return str(format_percent(fraction, pattern, locale=self.locale))

    def change(self, fraction: float) -> str:
        """A signed relative change: +12,5 % / −3,1 %."""
        text = self.percent(abs(fraction))
        if text == self.percent(0.0):  # -0.0003 is no change, not "-0.0 %"
            return text
        return ("+" if fraction >= 0 else "\u2212") + text

    def ratio(self, v: float) -> str:
        """A multiple with one decimal: 4,9."""
        return str(format_decimal(round(v, 1), "#,##0.0", locale=self.locale))

    def duration(self, v: float, unit: str) -> str:
        """3,5 Tage / 57.2 hours (the plural by the language's rules)."""
        name = _UNITS.get(unit)
        if name is None:
            return self.number(v, 1)
        return str(format_unit(round(v, 1), name, locale=self.locale, format="#,##0.#"))

    def plural_form(self, n: float) -> str:
        """The CLDR plural category of ``n``: "one" or "other" (and others where they exist)."""
        return str(self.locale.plural_form(abs(n)))

    def is_one(self, n: float) -> bool:
        return self.plural_form(n) == "one"

    # --- dates and periods ----------------------------------------------------------
    def date(self, d: dt.date) -> str:
        return str(format_date(d, "long", locale=self.locale))

    def month_year(self, d: dt.date) -> str:
        return str(format_skeleton("yMMMM", d, locale=self.locale))

    def quarter_year(self, d: dt.date) -> str:
        return str(format_skeleton("yQQQQ", d, locale=self.locale))

    def month_name(self, month: int) -> str:
        """Stand-alone month name (1-12)."""
        return str(get_month_names("wide", "stand-alone", locale=self.locale)[month])

    def weekday_name(self, iso_day: int) -> str:
        """Weekday name for ISO day 1 (Monday) .. 7 (Sunday)."""
        return str(get_day_names("wide", "format", locale=self.locale)[(iso_day - 1) % 7])

    def period(self, d: dt.date, grain: str) -> str:
        """A period start as people name it: "März 2025", "1er trimestre 2025", "2025"."""
        if grain == "year":
            return str(d.year)
        if grain == "quarter":
            return self.quarter_year(d)
        if grain == "month":
            return self.month_year(d)
        return self.date(d)

    def join(self, items: Sequence[str], *, alternatives: bool = False) -> str:
        """"a, b und c" ("a, b oder c" for alternatives)."""
        if not items:
            return ""
        return str(format_list(list(items), style="or" if alternatives else "standard", locale=self.locale))
