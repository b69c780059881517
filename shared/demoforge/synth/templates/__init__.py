"""Dataset templates: a prospect's profile -> a ``DatasetSpec`` shaped like their business.

``build_for_profile(profile, as_of=...)`` chooses the dataset shape (``shapes.choose``:
the profile's industry, business shape, sub-industry and offerings), resolves where the
data is set (``locale``: country, currency, language, Faker locale; ``places``: real
cities and regions of the country, the profile's locations first; ``calendar``: a window
ending on the run date, hemisphere-aware seasons, the country's public holidays), fills
the catalogue from the prospect's offerings (``catalogues``), composes the tables, rules,
semantic layer, stories and golden queries (``compose``) and sizes it: small ~50k rows,
default ~500k, large ~5M, or an explicit total.

The seed derives from the prospect (``prospect_seed``: URL and company) unless given, so
two prospects never share people and the same prospect gets the same data.

Older entry points keep working: ``get_template(industry or shape)`` is the shape for a
neutral prospect; ``customise(spec, research)`` rebuilds the spec's shape for a prospect.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from demoforge.domain.industries import INDUSTRY_CODES
from demoforge.domain.naming import slug
from demoforge.domain.offerings import clean, reason
from demoforge.domain.profile import ProspectProfile
from demoforge.spec.model import DatasetSpec
from demoforge.synth.templates.calendar import window
from demoforge.synth.templates.catalogues import catalogue, cue_catalogue
from demoforge.synth.templates.compose import compose
from demoforge.synth.templates.compose_base import Prospect
from demoforge.synth.templates.locale import setting as locale_setting
from demoforge.synth.templates.places import Place, choose, customer_places, southern
from demoforge.synth.templates.shape_model import Shape
from demoforge.synth.templates.shapes import SHAPES, catalogue_choices
from demoforge.synth.templates.shapes import choose as choose_shape

__all__ = [
    "MAX_ROWS", "MIN_ROWS", "SCALES", "build_for_profile", "closest_industry", "customise", "get_template",
    "list_templates", "profile_of", "prospect_seed", "resize", "shape_names", "target_rows", "template_names",
]

SCALES: dict[str, int] = {"small": 50_000, "default": 500_000, "large": 5_000_000}
MIN_ROWS, MAX_ROWS = 1_000, 100_000_000
MAX_CATALOGUE = 40
MIN_CATALOGUE = 12
CUSTOMER_PLACES = 250


def template_names() -> list[str]:
    """One template per research industry: that industry's default shape."""
    return list(INDUSTRY_CODES)


def shape_names() -> list[str]:
    return [s.key for s in SHAPES]


def closest_industry(industry: str) -> str:
    """The industry code for ``industry``: exact, else the closest spelling, else ``other``."""
    names = template_names()
    key = re.sub(r"[^a-z0-9]+", "_", (industry or "").lower()).strip("_")
    if key in names:
        return key
    for n in names:  # "retail" -> retail_ecommerce, "saas" -> saas_software
        if key and (n.startswith(key) or key in n.split("_")):
            return n
    match = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    return match[0] if match else "other"


def _shape(name: str) -> Shape:
    for s in SHAPES:
        if s.key == name:
            return s
    industry = closest_industry(name)
    return next(s for s in SHAPES if s.industry == industry)


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
    tables (places, locations, catalogues, staff) keep their size; children-per-parent
    tables follow their parents."""
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


def prospect_seed(url: str, company: str) -> int:
    """A seed of the prospect (normalised URL and company name): stable across runs and
    machines (sha256, not the salted ``hash``), different for different prospects. The
    host names the prospect, its port does not (a sample served on a free loopback port
    is the same prospect every run)."""
    host = re.sub(r"^https?://(www\.)?", "", (url or "").strip().lower()).split("/")[0]
    host = re.sub(r":\d+$", "", host)
    digest = hashlib.sha256(f"{host}|{(company or '').strip().casefold()}".encode()).digest()
    return int.from_bytes(digest[:6], "big")


def profile_of(research: ProspectProfile | BaseModel | Mapping[str, Any]) -> ProspectProfile:
    """The research result as a ``ProspectProfile``: a profile as is; an older research
    result (or its JSON) with the profile's defaults for what it lacks."""
    if isinstance(research, ProspectProfile):
        return research
    raw = research.model_dump(mode="json") if isinstance(research, BaseModel) else dict(research)
    return ProspectProfile.model_validate({k: v for k, v in raw.items() if k in ProspectProfile.model_fields})


def _offerings(profile: ProspectProfile, currency: str) -> list[tuple[str, str | None, float | None]]:
    """The prospect's offerings: name, category, price (only prices in the dataset's
    currency), then plain names research listed; never site furniture. Research filtered
    them already, so they are judged as listed names (model numbers and long names stay)
    by the same one rule (``domain.offerings.reason``)."""
    out: list[tuple[str, str | None, float | None]] = []
    for o in profile.offerings:
        name = clean(o.name)
        if reason(name, profile.company_name, trust="listed", plan=o.price is not None) is not None \
                and o.source != "claude":
            continue
        price = o.price if o.price and (o.currency in (None, currency)) else None
        out.append((name, o.category, price))
    for n in profile.products_services:
        name = clean(n)
        if reason(name, profile.company_name, trust="listed") is None:
            out.append((name, None, None))
    seen: set[str] = set()
    unique = []
    for name, cat_, price in out:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            unique.append((name, cat_, price))
    return unique[:MAX_CATALOGUE]


def _locations(profile: ProspectProfile, shape: Shape, country: str) -> list[Place]:
    if shape.location is None:
        return []
    known = [(x.city, x.region) for x in profile.locations if x.country in (None, country)]
    if shape.single_site:
        n = 1
    elif len(known) >= 2:
        n = len(known)
    elif len(known) == 1 and shape.n_locations <= 3:
        n = 1  # a small business with one address is a single site
    else:
        n = shape.n_locations
    return choose(country, known, n)


def build_for_profile(
    research: ProspectProfile | BaseModel | Mapping[str, Any], *, as_of: dt.date, url: str = "",
    seed: int | None = None, scale: str = "default", rows: int | None = None, shape: str | None = None,
) -> DatasetSpec:
    """The dataset for this prospect, ending on ``as_of``, sized for ``scale`` (or ``rows``)."""
    profile = profile_of(research)
    chosen = _shape(shape) if shape else choose_shape(profile)
    setting = locale_setting(profile.country, profile.currency, profile.language)
    seed = prospect_seed(url, profile.company_name) if seed is None else seed
    start, end = window(as_of, seed)
    offerings = _offerings(profile, setting.currency)
    key = cue_catalogue([profile.sub_industry, *(o[0] for o in offerings)], catalogue_choices(chosen)) or chosen.catalogue
    size = min(max(len(offerings), MIN_CATALOGUE), MAX_CATALOGUE)
    prospect = Prospect(
        company=profile.company_name.strip(), setting=setting, as_of=end, start=start, seed=seed,
        catalogue=tuple(catalogue(key, offerings, size)), locations=tuple(_locations(profile, chosen, setting.country)),
        customer_places=tuple(customer_places(setting.country, CUSTOMER_PLACES)),
        southern=southern(setting.country), sub_industry=profile.sub_industry,
    )
    data = compose(chosen, prospect)
    data["name"] = f"{slug(prospect.company, default='demo')}_{chosen.industry}"
    data["description"] = f"{prospect.company}: {data['description']}"
    wanted = {k.casefold() for k in profile.kpis}
    data["kpis"] = [k for k in data["kpis"] if k.casefold() in wanted] + [k for k in data["kpis"] if k.casefold() not in wanted]
    spec = DatasetSpec.model_validate(data)
    return resize(spec, target_rows(scale, rows))


def _neutral(shape: Shape) -> ProspectProfile:
    return ProspectProfile(company_name=f"Northwind {shape.label}", industry=shape.industry, confidence=1.0,
                           country="US", currency="USD", language="en", source="hint")


def get_template(name: str, *, as_of: dt.date | None = None) -> DatasetSpec:
    """The shape ``name`` (a shape key or an industry code: its default shape) for a neutral
    US prospect, ending on ``as_of`` (default today)."""
    shape = _shape(name)
    return build_for_profile(_neutral(shape), as_of=as_of or dt.date.today(), seed=42, shape=shape.key, scale="default")


def list_templates(*, as_of: dt.date | None = None) -> list[DatasetSpec]:
    return [get_template(n, as_of=as_of) for n in template_names()]


def customise(
    spec: DatasetSpec, research: ProspectProfile | BaseModel | Mapping[str, Any], *, scale: str = "default",
    rows: int | None = None, as_of: dt.date | None = None, url: str = "", seed: int | None = None,
) -> DatasetSpec:
    """``spec``'s shape built for the prospect (their offerings, places, currency, language
    and seed), ending on ``as_of`` (default: the spec's own run date, else today)."""
    end = as_of or spec.as_of or dt.date.today()
    return build_for_profile(research, as_of=end, url=url, seed=seed, scale=scale, rows=rows, shape=spec.shape or spec.industry)
