"""The phrase builder for a language: ``phrasebook("de", country="AT", currency="EUR")``.

Offline languages have their own builder (``OFFLINE``); any other falls back to English,
and the content phase asks Claude to translate when it is available.
"""

from __future__ import annotations

from demoforge.language.base import Phrasebook
from demoforge.language.de import German
from demoforge.language.en import English
from demoforge.language.es import Spanish
from demoforge.language.formatting import Formatter
from demoforge.language.fr import French

_BUILDERS: dict[str, type[Phrasebook]] = {"en": English, "de": German, "fr": French, "es": Spanish}


def phrasebook(language: str, *, country: str | None = None, currency: str | None = None) -> Phrasebook:
    lang = language if language in _BUILDERS else "en"
    return _BUILDERS[lang](Formatter(lang, country, currency))


def has_builder(language: str) -> bool:
    return language in _BUILDERS
