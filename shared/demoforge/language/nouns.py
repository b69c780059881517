"""Nouns and adjectives with what agreement needs: gender, the number a label is used in,
German genitive and weak declension, French elision, the Spanish feminine ``el``.

A ``Noun`` is one language's word; ``parse_noun`` reads the compact notation the lexicon
is written in: ``"sg|pl|gender|flag|flag=value"``, e.g. ``"Kunde|Kunden|m|weak"``,
``"Umsatz|Umsätze|m|gen=Umsatzes"``, ``"ingresos|ingresos|m|pl"``,
``"Bestellwert|Bestellwerte|m|adj=durchschnittlich"``. Flags: ``pl`` (the label is a
plural: "Kosten", "ingresos"), ``mass`` (English: no article, "revenue"), ``weak``
(German weak masculine), ``gen=`` (German genitive singular), ``adj=`` (a prenominal
German/English adjective declined with the noun), ``prep=`` (German: the preposition
of place the noun takes, "an": "am Standort", not "im Standort"), ``elide``/``noelide`` (French ``l'``
before the word, when the first letter does not decide), ``el`` (Spanish feminine nouns
with a stressed a: "el área").
"""

from __future__ import annotations

import dataclasses
from typing import Literal

Gender = Literal["m", "f", "n"]
Number = Literal["sg", "pl"]
_VOWELS = "aeiouyàâäéèêëîïôöûùüœæ"


@dataclasses.dataclass(frozen=True)
class Noun:
    sg: str
    pl: str
    gender: Gender = "m"
    number: Number = "sg"  # the number the word is used in as a metric label
    mass: bool = False
    gen_sg: str | None = None
    weak: bool = False
    adj: str | None = None  # German/English prenominal adjective (stem), declined with the noun
    elide: bool | None = None
    el: bool = False
    prep: str | None = None  # German: the preposition of place the noun takes ("am Standort")
    foreign: bool = False  # not a word of the language (a fallback): callers may warn

    def form(self, number: Number | None = None) -> str:
        return self.pl if (number or self.number) == "pl" else self.sg

    @property
    def plural(self) -> bool:
        return self.number == "pl"

    def with_adj(self, adj: str) -> Noun:
        return dataclasses.replace(self, adj=adj)

    def as_number(self, number: Number) -> Noun:
        return dataclasses.replace(self, number=number)


def parse_noun(text: str) -> Noun:
    parts = text.split("|")
    sg = parts[0]
    pl = parts[1] if len(parts) > 1 and parts[1] not in ("", "-") else sg
    gender: Gender = "m"
    kw: dict[str, object] = {}
    for flag in parts[2:]:
        if flag in ("m", "f", "n"):
            gender = flag  # type: ignore[assignment]
        elif flag == "pl":
            kw["number"] = "pl"
        elif flag == "mass":
            kw["mass"] = True
        elif flag == "weak":
            kw["weak"] = True
        elif flag == "el":
            kw["el"] = True
        elif flag in ("elide", "noelide"):
            kw["elide"] = flag == "elide"
        elif flag.startswith("gen="):
            kw["gen_sg"] = flag[4:]
        elif flag.startswith("adj="):
            kw["adj"] = flag[4:]
        elif flag.startswith("prep="):
            kw["prep"] = flag[5:]
        elif flag:
            raise ValueError(f"unknown noun flag {flag!r} in {text!r}")
    return Noun(sg=sg, pl=pl, gender=gender, **kw)  # type: ignore[arg-type]


def starts_with_vowel(word: str, elide: bool | None = None) -> bool:
    """French elision: before a vowel or a mute h (``elide`` overrides the first letter)."""
    if elide is not None:
        return elide
    w = word.lower()
    return bool(w) and (w[0] in _VOWELS or w[0] == "h")


@dataclasses.dataclass(frozen=True)
class Adjective:
    """An adjective's forms: m sg, f sg, m pl, f pl (French, Spanish); German uses the
    stem (``de``) and declines it; English the first form."""

    m: str
    f: str
    mpl: str
    fpl: str

    def agree(self, gender: Gender, number: Number) -> str:
        if number == "pl":
            return self.fpl if gender == "f" else self.mpl
        return self.f if gender == "f" else self.m


def parse_adjective(text: str) -> Adjective:
    """``"élevé|élevée|élevés|élevées"``: the four forms, written out (French and Spanish
    rules have too many exceptions to derive them: moyen/moyenne, total/totaux)."""
    m, f, mpl, fpl = text.split("|")
    return Adjective(m, f, mpl, fpl)
