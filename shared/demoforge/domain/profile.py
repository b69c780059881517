"""The prospect profile: what research learned about the business behind a URL.

It is what every later phase reads (``JobDoc.results["research"]``), so it is validated
wherever it comes from (the offline analyser, Claude, a person's answer) and kept small
(the job document stays far below 1 MiB). The fields of the former ``ResearchResult``
are all here, unchanged, so readers of those fields keep working; the profile adds:

- ``offerings``: what the business sells, each with kind, price, currency, category,
  where it was found and a verbatim evidence quote; ``rejected``: candidates that were
  site furniture or not plausible, each with the reason (``demoforge research --explain``);
- ``country`` (ISO 3166-1 alpha-2), ``currency`` (ISO 4217), ``locations``, ``languages``;
- ``shape`` (a closed list modeling maps to dataset shapes), ``customer_type``,
  ``channels``;
- ``facts``: for each inferred value, its confidence and the signals behind it;
- ``warnings``: what a person should know ("2 offerings found on the site; ...").
"""

from __future__ import annotations

from typing import Literal

import pycountry
from pydantic import BaseModel, ConfigDict, Field, field_validator

from demoforge.domain.industries import IndustryCode

BusinessModel = Literal["B2B", "B2C", "B2B2C", "marketplace", "public"]

# Business shapes. Closed on purpose: modeling maps each to a dataset shape, so a new
# value is a modeling decision, not something research (or Claude) may invent.
Shape = Literal[
    "online_shop",            # sells mainly through its own web shop
    "store_chain",            # physical stores (possibly with a web shop)
    "restaurant_cafe",        # restaurant, café, bar, catering
    "d2c_brand",              # a producer's brand sold direct to consumers through its own shop
    "marketplace",            # sellers and buyers meet on the platform
    "b2b_maker_distributor",  # makes or distributes goods for businesses
    "practice_clinic",        # one practice or a clinic group
    "hospital",
    "insurer",                # an insurer (the line is in sub_industry)
    "bank_lender",            # bank, lender, broker, payment or investment firm
    "agency_firm",            # agency, consultancy, law or tax firm
    "saas",                   # software sold as a subscription
    "publisher_media",        # publisher, studio, broadcaster, producer of media
    "public_body",            # ministry, authority, municipality, public service
    "association",            # association, club, union, NGO, foundation
    "school_training",        # school, university, training provider
    "hotel_lodging",          # hotel, holiday rentals, tourism operator
    "real_estate_agency",     # agency, landlord, property manager, developer
    "utility_energy",         # utility, energy supplier or installer
    "telecom_operator",
    "dealer_workshop",        # vehicle dealer or workshop
    "logistics_operator",
    "contractor",             # construction, trades, engineering office
    "producer_farm",          # farm, agricultural producer
    "other",
]
CustomerType = Literal["B2C", "B2B", "both"]
Channel = Literal["web_shop", "physical_locations", "phone", "email", "app", "marketplace",
                  "partners", "delivery", "field_sales"]
OfferingKind = Literal["product", "service", "plan", "programme", "listing"]
OfferingSource = Literal["json-ld", "microdata", "rdfa", "opengraph", "priced-item", "section-list",
                         "section-heading", "nav-section", "text", "claude"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    quote: str = Field(max_length=400)
    source_url: str = Field(max_length=2048)


def _country(code: str | None) -> str | None:
    if code is None:
        return None
    code = code.strip().upper()
    if pycountry.countries.get(alpha_2=code) is None:
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 country code")
    return code


def _currency(code: str | None) -> str | None:
    if code is None:
        return None
    code = code.strip().upper()
    if pycountry.currencies.get(alpha_3=code) is None:
        raise ValueError(f"{code!r} is not an ISO 4217 currency code")
    return code


class Offering(_Model):
    """One thing the business offers, as the site names it."""

    name: str = Field(min_length=2, max_length=120)
    kind: OfferingKind = "product"
    price: float | None = Field(default=None, ge=0, le=1e9)
    currency: str | None = None
    category: str | None = Field(default=None, max_length=120)
    source: OfferingSource
    evidence: str = Field(default="", max_length=300)  # verbatim text around it on the page
    url: str = Field(default="", max_length=2048)
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)

    _check_currency = field_validator("currency")(classmethod(lambda cls, v: _currency(v)))


class Rejected(_Model):
    """A candidate that is not an offering, and why (shown by ``--explain``)."""

    name: str = Field(max_length=160)
    reason: str = Field(max_length=200)
    source: str = Field(default="", max_length=40)


class Location(_Model):
    city: str = Field(min_length=1, max_length=120)
    region: str | None = Field(default=None, max_length=120)
    country: str | None = None
    source: str = Field(default="", max_length=60)
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)

    _check_country = field_validator("country")(classmethod(lambda cls, v: _country(v)))


class Fact(_Model):
    """How an inferred value was reached: its confidence and the signals behind it."""

    value: str = Field(max_length=200)
    confidence: float = Field(ge=0.0, le=1.0)
    signals: list[str] = Field(default_factory=list, max_length=12)


class ProspectProfile(_Model):
    """What research learned about the prospect (validated; LLM output never trusted raw)."""

    company_name: str = Field(min_length=1, max_length=200)
    industry: IndustryCode
    sub_industry: str = Field(default="", max_length=200)
    business_model: BusinessModel = "B2C"
    # Offering names, best first (what templates and prompts read since the first version).
    products_services: list[str] = Field(default_factory=list, max_length=30)
    key_entities: list[str] = Field(default_factory=list, max_length=30)
    kpis: list[str] = Field(default_factory=list, max_length=30)
    evidence: list[Evidence] = Field(default_factory=list, max_length=20)
    confidence: float = Field(ge=0.0, le=1.0)
    language: str = Field(default="en", max_length=16)
    # Top candidates with scores, best first: shown when a person is asked to confirm.
    candidates: list[tuple[IndustryCode, float]] = Field(default_factory=list, max_length=5)
    source: Literal["claude", "offline", "answer", "hint"] = "offline"
    pages: list[str] = Field(default_factory=list, max_length=10)  # URLs read
    # A person's note when they answered the clarifying question (jobs.answer_job).
    notes: str | None = Field(default=None, max_length=2000)

    # --- the profile proper -------------------------------------------------------
    offerings: list[Offering] = Field(default_factory=list, max_length=40)
    rejected: list[Rejected] = Field(default_factory=list, max_length=80)
    country: str | None = None
    currency: str | None = None
    locations: list[Location] = Field(default_factory=list, max_length=20)
    languages: list[str] = Field(default_factory=list, max_length=8)
    shape: Shape = "other"
    customer_type: CustomerType = "B2C"
    channels: list[Channel] = Field(default_factory=list, max_length=9)
    facts: dict[str, Fact] = Field(default_factory=dict, max_length=12)
    warnings: list[str] = Field(default_factory=list, max_length=10)

    _check_country = field_validator("country")(classmethod(lambda cls, v: _country(v)))
    _check_currency = field_validator("currency")(classmethod(lambda cls, v: _currency(v)))

    @field_validator("languages")
    @classmethod
    def _languages(cls, v: list[str]) -> list[str]:
        out = []
        for code in v:
            base = code.strip().lower().replace("_", "-").split("-")[0]
            if pycountry.languages.get(alpha_2=base) is None:
                raise ValueError(f"{code!r} is not an ISO 639-1 language code")
            if base not in out:
                out.append(base)
        return out
