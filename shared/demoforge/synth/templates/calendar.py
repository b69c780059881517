"""When a dataset happens: the window ends on the run date (``as_of``) and starts 24-36
months earlier (the length derives from the seed, so prospects differ); month profiles
flip by six months south of the equator; the country's public holidays come from the
``holidays`` library (moving feasts included) with the shape's volume factor."""

from __future__ import annotations

import datetime as dt
import functools

MIN_MONTHS, MAX_MONTHS = 24, 36


def window(as_of: dt.date, seed: int) -> tuple[dt.date, dt.date]:
    """(first day, run date): two or three whole years of months before the run date's
    month (the seed picks which), plus that month up to the run date. Whole years keep
    every calendar month equally covered, so the season shows as planned."""
    months = MIN_MONTHS if seed % 2 == 0 else MAX_MONTHS
    y, m = divmod(as_of.year * 12 + as_of.month - 1 - months, 12)
    return dt.date(y, m + 1, 1), as_of


def months_before(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    return dt.date(y, m + 1, 1)


def hemisphere(monthly: list[float], southern: bool) -> list[float]:
    """A northern-hemisphere month profile as it is where the country lies: seasons move by
    six months in the south (summer peaks in January), calendar events do not."""
    return monthly[6:] + monthly[:6] if southern else list(monthly)


@functools.lru_cache(maxsize=64)
def public_holidays(country: str, first: int, last: int) -> tuple[tuple[dt.date, str], ...]:
    """The country's public holidays in the years ``first..last`` (named in the country's
    own language: loading another language's translations costs ~0.7 s); none for a
    country the library does not cover."""
    import holidays  # ~0.4 s on first use

    try:
        cal = holidays.country_holidays(country, years=range(first, last + 1))
    except NotImplementedError:
        return ()
    return tuple(sorted(cal.items()))


def holiday_factors(country: str, start: dt.date, end: dt.date, factor: float, language: str) -> list[dict[str, object]]:
    """``TimestampGen.dates`` entries for the holidays inside the window."""
    if factor == 1.0:
        return []
    days = public_holidays(country, start.year, end.year)
    return [{"date": d.isoformat(), "factor": factor, "name": name[:80]} for d, name in days if start <= d <= end]
