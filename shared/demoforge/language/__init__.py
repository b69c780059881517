"""Offline language generation: the golden questions, their answers, the demo script and
the agent's instruction in the job's language.

Grammar lives in per-language phrase builders (``phrases``), never in word-order
templates filled with English: each builder declines its nouns (German cases, French and
Spanish articles and contractions), makes adjectives and pronouns agree with the gender and
number of the noun they describe, and picks singular or plural by the language's plural
rules. The nouns are the business vocabulary in ``lexicon`` (or the words a spec gives a
metric in ``Metric.terms``); numbers, money, percentages, dates, units and lists are
formatted by babel in the locale. Offline languages: ``OFFLINE`` (en, de, fr, es).
"""

from __future__ import annotations

OFFLINE = ("en", "de", "fr", "es")


def base_language(tag: str | None) -> str | None:
    """"de-CH" -> "de"; None or empty -> None."""
    if not tag:
        return None
    return tag.strip().replace("_", "-").split("-")[0].lower() or None


def region_of(tag: str | None) -> str | None:
    """"de-CH" -> "CH" (the region subtag of a BCP 47 tag), else None."""
    if not tag:
        return None
    parts = tag.strip().replace("_", "-").split("-")
    return next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), None)


def choose_language(option: str | None, profile_language: str | None) -> str:
    """The job's option first, then the prospect's language from research, then English."""
    return base_language(option) or base_language(profile_language) or "en"
