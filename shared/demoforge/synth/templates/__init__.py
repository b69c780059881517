"""Industry templates (one per research industry) and their customisation for a prospect.

``get_template(industry)`` returns the template's ``DatasetSpec`` (closest match, falling
back to ``other``); ``customise(spec, research, scale=..., rows=...)`` puts the prospect's
name, products and KPIs into it and sizes it: small ~50k rows, default ~500k, large ~5M,
or an explicit total. Renaming is consistent: a product that carries a planted story keeps
it under its new name (effects, stories and descriptions are rewritten together).
"""

from __future__ import annotations

import difflib
import functools
import re
from typing import Any

from demoforge.domain.naming import slug
from demoforge.domain.offerings import plausible_offerings
from demoforge.domain.results import ResearchResult
from demoforge.spec.model import CategoricalGen, DatasetSpec
from demoforge.synth.templates.archetype import build
from demoforge.synth.templates.industries import PROFILES

# Research language -> Faker locale for people, phones and places.
LOCALES: dict[str, str] = {
    "de": "de_DE", "fr": "fr_FR", "es": "es_ES", "it": "it_IT", "nl": "nl_NL", "sv": "sv_SE",
    "da": "da_DK", "no": "no_NO", "nb": "no_NO", "fi": "fi_FI", "pl": "pl_PL", "pt": "pt_PT",
    "cs": "cs_CZ", "ja": "ja_JP", "en": "en_US",
}
SCALES: dict[str, int] = {"small": 50_000, "default": 500_000, "large": 5_000_000}
MIN_ROWS, MAX_ROWS = 1_000, 100_000_000


@functools.lru_cache(maxsize=64)
def _template(industry: str) -> DatasetSpec:
    for p in PROFILES:
        if p.industry == industry:
            return build(p)
    raise KeyError(industry)


def template_names() -> list[str]:
    return [p.industry for p in PROFILES]


def closest_industry(industry: str) -> str:
    """The template name for ``industry``: exact, else the closest spelling, else ``other``."""
    names = template_names()
    key = re.sub(r"[^a-z0-9]+", "_", (industry or "").lower()).strip("_")
    if key in names:
        return key
    for n in names:  # "retail" -> retail_ecommerce, "saas" -> saas_software
        if key and (n.startswith(key) or key in n.split("_")):
            return n
    match = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    return match[0] if match else "other"


def get_template(industry: str) -> DatasetSpec:
    """A fresh copy of the closest template (callers may modify it)."""
    return _template(closest_industry(industry)).model_copy(deep=True)


def list_templates() -> list[DatasetSpec]:
    return [get_template(n) for n in template_names()]


def target_rows(scale: str = "default", rows: int | None = None) -> int:
    if rows is not None:
        if not MIN_ROWS <= rows <= MAX_ROWS:
            raise ValueError(f"rows must be between {MIN_ROWS:,} and {MAX_ROWS:,}, not {rows:,}")
        return rows
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {sorted(SCALES)}, not {scale!r}")
    return SCALES[scale]


def resize(spec: DatasetSpec, total_rows: int) -> DatasetSpec:
    """Scale row counts so the planned total is about ``total_rows``. Fixed-size dimension
    tables (regions, catalogues) keep their size; children-per-parent tables follow their
    parents."""
    current = spec.expected_rows()
    fixed = sum(current[t.name] for t in spec.tables if t.fixed_size and t.children_per_parent is None)
    scalable = spec.planned_rows() - fixed
    if scalable <= 0:
        return spec
    factor = max(total_rows - fixed, 1) / scalable
    data = spec.model_dump(mode="json")
    for t in data["tables"]:
        if t["children_per_parent"] is None and not t["fixed_size"]:
            t["row_count"] = max(1, int(round((t["row_count"] or current[t["name"]]) * factor)))
    return DatasetSpec.model_validate(data)


def customise(
    spec: DatasetSpec, research: ResearchResult | dict[str, Any], *, scale: str = "default",
    rows: int | None = None,
) -> DatasetSpec:
    """The template with the prospect's company name, products and KPIs, sized for ``scale``
    (or ``rows`` in total)."""
    r = research if isinstance(research, ResearchResult) else ResearchResult.model_validate(research)
    data = spec.model_dump(mode="json")
    company = r.company_name.strip()
    data["name"] = f"{slug(company, default='demo')}_{spec.industry}"
    data["description"] = f"{company}: {spec.description}"
    renames = _product_renames(spec, r.products_services, company)
    if renames:
        data = _rename(data, renames, _quoted_pattern(renames))
    locale = LOCALES.get(r.language.split("-")[0].lower())
    if locale is not None:  # names, phones and cities in the prospect's language
        for t in data["tables"]:
            for c in t["columns"]:
                gen = c.get("generator") or {}
                if gen.get("kind") == "fake":
                    gen["locale"] = locale
    kpis = list(dict.fromkeys([*r.kpis, *spec.kpis]))[:20]
    data["kpis"] = kpis
    glossary_terms = {g["term"].lower() for g in data["glossary"]}
    if company.lower() not in glossary_terms:
        data["glossary"].append({
            "term": company, "definition": f"The business this dataset describes ({r.sub_industry or spec.industry}).",
            "synonyms": ["we", "us", "our company"],
        })
    out = DatasetSpec.model_validate(data)
    return resize(out, target_rows(scale, rows))


def _product_renames(spec: DatasetSpec, products: list[str], company: str) -> dict[str, str]:
    """Old product name -> prospect's product name, in catalogue order. Research's or
    Claude's list may carry navigation items and slogans: only plausible names are used."""
    names = plausible_offerings(products, company)
    if not names:
        return {}
    for t in spec.tables:
        for c in t.columns:
            if c.role == "product_name" and isinstance(c.generator, CategoricalGen):
                old = [str(v) for v in c.generator.values]
                taken = set(names)
                keep = [o for o in old if o not in taken]
                new = (names + keep)[: len(old)]
                return {o: n for o, n in zip(old, new, strict=True) if o != n}
    return {}


def _quoted_pattern(renames: dict[str, str]) -> re.Pattern[str]:
    names = sorted(renames, key=len, reverse=True)
    return re.compile("'(" + "|".join(re.escape(n) for n in names) + ")'")


def _rename(data: Any, renames: dict[str, str], quoted: re.Pattern[str]) -> Any:
    """Replace renamed values everywhere in one pass (no chained renames): exact values
    (categorical values, effect conditions, expected story values) and quoted mentions in
    text ('Old name')."""
    if isinstance(data, dict):
        return {k: _rename(v, renames, quoted) for k, v in data.items()}
    if isinstance(data, list):
        return [_rename(v, renames, quoted) for v in data]
    if isinstance(data, str):
        if data in renames:
            return renames[data]
        return quoted.sub(lambda m: "'" + renames[m.group(1)] + "'", data)
    return data
