"""Readable industry names for the report and the demo script.

Industry codes ("retail_ecommerce") and the labels a prospect reads ("Retail &
e-commerce") live in the registry, ``demoforge.domain.industries``. Research's
``sub_industry`` is free text, often a schema.org type ("OnlineStore"), so it is split
into words and shown only when it adds something the industry label does not already say.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from demoforge.domain import industries

# The report's reading of the registry's labels: "other" names nothing, so the sub-industry
# (or nothing) stands in for it. Derived from the registry, never a second table.
INDUSTRY_LABELS: Mapping[str, str] = MappingProxyType(
    {code: "" if code == industries.OTHER else entry.label for code, entry in industries.REGISTRY.items()})

# Words that add nothing next to an industry label ("Retail" under retail).
_FILLER = frozenset({"and", "the", "of", "business", "company", "services", "service", "organization",
                     "organisation", "industry", "sector", "local"})
# Acronyms keep their capitals when the rest is lower-cased.
_ACRONYM = re.compile(r"^[A-Z0-9]{2,}$")


def _words(text: str) -> list[str]:
    # "OnlineStore" -> ["Online", "Store"]; "home_goods" -> ["home", "goods"].
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|[_\-/]+", " ", text)
    return [w for w in re.split(r"[\s,&]+", spaced) if w]


def _lower(words: list[str]) -> str:
    return " ".join(w if _ACRONYM.match(w) else w.lower() for w in words)


def _stem(word: str) -> str:
    w = word.lower()
    return w[:-1] if w.endswith("s") and len(w) > 3 else w


def industry_parts(research: Mapping[str, Any], spec_industry: str = "") -> tuple[str, str]:
    """(industry label, sub-industry in lower case or "" when it adds nothing)."""
    code = str(research.get("industry") or spec_industry or "")
    base = INDUSTRY_LABELS.get(code)
    if base is None:
        base = _lower(_words(code)).capitalize() if code else ""
    sub_words = _words(str(research.get("sub_industry") or ""))
    known = {_stem(w) for w in _words(base.replace("e-commerce", "ecommerce commerce"))}
    new = [w for w in sub_words if _stem(w) not in known and w.lower() not in _FILLER]
    sub = _lower(sub_words) if new else ""
    if not base and sub:  # "other": the sub-industry is the best name there is
        return sub[:1].upper() + sub[1:], ""
    return base, sub


def industry_label(research: Mapping[str, Any], spec_industry: str = "") -> str:
    """"Retail & e-commerce (online store)" for the company table."""
    base, sub = industry_parts(research, spec_industry)
    return f"{base} ({sub})" if sub else base


def _in_sentence(text: str) -> str:
    # "Retail & e-commerce" -> "retail & e-commerce"; "SaaS & software" keeps its capitals.
    first = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if first[:1].isupper() and first[1:].islower() else text


def _product(text: str) -> str:
    # "Hiking boots" -> "hiking boots" mid-sentence; a name ("Wool Beanie", "iPhone") stays.
    words = text.split()
    if words and words[0][:1].isupper() and words[0][1:].islower() and not any(
            w[:1].isupper() for w in words[1:]):
        return text[0].lower() + text[1:]
    return text


def opening_sentence(company: str, research: Mapping[str, Any], spec_industry: str = "",
                     max_products: int = 5) -> str:
    """"Alpine Outfitters is a B2C retail & e-commerce business (online store) selling X, Y and Z."."""
    base, sub = industry_parts(research, spec_industry)
    model = str(research.get("business_model") or "")
    noun = {"marketplace": "marketplace", "public": "organisation"}.get(model, "business")
    words = [model] if model.upper().startswith("B2") else []
    if base:
        words.append(_in_sentence(base))
    words.append(noun)
    phrase = " ".join(words) + (f" ({sub})" if sub else "")
    article = "an" if phrase[:1].lower() in "aeiou" else "a"
    products = [_product(str(p).strip()) for p in research.get("products_services", []) if str(p).strip()]
    products = products[:max_products]
    code = str(research.get("industry") or spec_industry)
    verb = "selling" if industries.sells_goods(code) else "offering"
    offer = ""
    if products:
        listed = products[0] if len(products) == 1 else ", ".join(products[:-1]) + " and " + products[-1]
        offer = f" {verb} {listed}"
    return f"{company} is {article} {phrase}{offer}."
