"""Dataset shapes: how each kind of business is modelled, declared as data.

A ``Shape`` names the business's own entities (stores, patients, policies, matters ...),
says which of the reusable table parts it has (locations, staff, sellers, line items) and
which child tables (``Child``: payments, shipments, reviews, premiums, claims, repayments,
installed base, service contracts, time entries, usage ...) follow its transactions, and
gives the numbers that make it recognisable: purchase frequency per customer, price and
quantity scale (its catalogue), statuses with the ones that void a transaction, channels
with their lags, season, weekday and hour profiles, and what a public holiday does to it.
``compose`` turns a shape and a prospect into a ``DatasetSpec``. The records live in
``shape_model``, the shapes themselves in ``shapes_core`` and ``shapes_more``; this module
is the registry (``SHAPES``, the catalogue groups) and the choice.

Shapes are chosen from the profile's ``shape`` and industry, then by cue words in its
sub-industry and offerings (``choose``)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from demoforge.synth.templates.shape_model import Shape
from demoforge.synth.templates.shapes_core import _CORE
from demoforge.synth.templates.shapes_more import _MORE

SHAPES: tuple[Shape, ...] = _CORE + _MORE

# Catalogues of the same line of business a shape may draw its fill items from.
CATALOGUE_GROUPS: dict[str, tuple[str, ...]] = {
    "retail_ecommerce": ("outdoor_apparel", "fashion", "electronics", "home_living", "furniture", "pet_supplies", "beauty", "sports",
                         "books_media", "toys", "jewelry", "grocery", "coffee", "tea", "wine", "auto_parts", "marketplace"),
    "restaurants_food": ("restaurant_menu", "bakery", "coffee", "tea", "wine", "food_products", "grocery"),
    "healthcare": ("general_practice", "dental", "dermatology", "physio", "veterinary", "hospital"),
    "insurance": ("health_insurance", "pet_insurance", "motor_insurance", "property_insurance", "life_insurance"),
    "real_estate": ("property_listings", "rental_listings"),
    "professional_services": ("legal_services", "accounting_services", "consulting", "agency_services"),
    "automotive": ("vehicles", "auto_parts"),
    "travel_hospitality": ("hotel_rooms", "holiday_rentals", "tours"),
    "manufacturing": ("industrial_equipment", "consumer_goods"),
    "financial_services": ("banking_products", "loans", "payment_plans"),
}


def catalogue_choices(shape: Shape) -> tuple[str, ...]:
    """The catalogues a prospect of this shape may be filled from (its own line of business)."""
    if shape.key.startswith("insurance.") or shape.lines is None and shape.industry in ("real_estate", "automotive", "travel_hospitality"):
        return (shape.catalogue,)
    return CATALOGUE_GROUPS.get(shape.industry, (shape.catalogue,))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def choose(profile: object, shapes: Sequence[Shape] = ()) -> Shape:
    """The shape for a prospect profile: among its industry's shapes, the one the profile's
    business shape names, then the one whose cue words its sub-industry and offerings
    use most, then the industry's first (its default). An online-only business (no
    physical locations among its channels) is never given a store table when its industry
    has a shape without one."""
    pool = [s for s in (shapes or SHAPES) if s.industry == getattr(profile, "industry", "other")] or [
        s for s in (shapes or SHAPES) if s.industry == "other"]
    texts = [getattr(profile, "sub_industry", "") or ""]
    texts += [getattr(o, "name", "") for o in getattr(profile, "offerings", [])]
    texts += list(getattr(profile, "products_services", []))
    words = set(re.findall(r"[a-z]+", _fold(" ".join(texts))))
    pshape = getattr(profile, "shape", "other")
    channels = set(getattr(profile, "channels", []) or [])
    online_only = bool(channels) and "physical_locations" not in channels and "web_shop" in channels

    def score(s: Shape) -> float:
        cue = sum(1 for c in s.cues for w in words if w.startswith(_fold(c)))
        points = 3.0 * (pshape in s.profile_shapes) + min(cue, 3)
        if online_only and s.location is not None:
            points -= 2.5
        return points

    best = max(pool, key=lambda s: (score(s), -pool.index(s)))
    return best
