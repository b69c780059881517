"""The industry registry: one home for everything keyed by an industry code.

Per code: the label people read, the research vocabulary (``industry_lexicon``), the
schema.org types that name the industry outright, the entities and KPIs an analytics
demo for it typically shows, the business shape assumed when the site says nothing more,
and the synthetic-data template that models it. Everything else derives from here:
``INDUSTRY_CODES`` (the closed list research chooses from and the api accepts), the
``IndustryCode`` literal of the typed results, the schema.org type index, the labels of
the report. The codes are stable identifiers: job documents store them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

from demoforge.domain.industry_lexicon import LEXICON

IndustryCode = Literal[
    "retail_ecommerce", "saas_software", "financial_services", "insurance", "healthcare",
    "pharma_life_sciences", "manufacturing", "logistics_transport", "travel_hospitality",
    "restaurants_food", "media_entertainment", "education", "real_estate",
    "energy_utilities", "telecom", "automotive", "professional_services",
    "government_public", "nonprofit", "agriculture", "construction_engineering", "other",
]


@dataclass(frozen=True)
class Industry:
    """One industry. ``template`` names the synth template (same as the code today);
    ``shape`` is a ``domain.profile.Shape`` value."""

    code: str
    label: str
    shape: str
    schema_types: tuple[str, ...]
    entities: tuple[str, ...]
    kpis: tuple[str, ...]
    template: str = ""
    # Goods are sold, services offered: how the script and the report say what the
    # business does ("a clinic does not sell cardiology").
    sells_goods: bool = False

    @property
    def lexicon(self) -> str:
        """Research vocabulary for the offline analyser (syntax in ``industry_lexicon``)."""
        return LEXICON.get(self.code, "")

    @property
    def template_name(self) -> str:
        return self.template or self.code


_ENTRIES: tuple[Industry, ...] = (
    Industry(
        code="retail_ecommerce", sells_goods=True, shape="online_shop", label="Retail & e-commerce",
        schema_types=("Store", "OnlineStore", "OnlineBusiness", "ClothingStore", "ElectronicsStore", "DepartmentStore", "ShoppingCenter", "SportingGoodsStore", "BookStore", "ShoeStore", "JewelryStore", "ToyStore", "OfferCatalog", "AggregateOffer"),
        entities=("customers", "orders", "order_items", "products", "categories", "stores"),
        kpis=("revenue", "average order value", "conversion rate", "return rate", "repeat purchase rate"),
    ),
    Industry(
        code="saas_software", shape="saas", label="SaaS & software",
        schema_types=("SoftwareApplication", "WebApplication", "MobileApplication", "SoftwareSourceCode"),
        entities=("accounts", "users", "subscriptions", "plans", "usage_events", "invoices"),
        kpis=("MRR", "churn rate", "net revenue retention", "active users", "trial conversion"),
    ),
    Industry(
        code="financial_services", shape="bank_lender", label="Financial services",
        schema_types=("FinancialService", "BankOrCreditUnion", "LoanOrCredit", "MortgageLoan", "FinancialProduct", "BankAccount", "InvestmentOrDeposit"),
        entities=("customers", "accounts", "transactions", "loans", "products", "branches"),
        kpis=("loan volume", "default rate", "net interest margin", "deposits", "approval rate"),
    ),
    Industry(
        code="insurance", shape="insurer", label="Insurance",
        schema_types=("InsuranceAgency",),
        entities=("policyholders", "policies", "claims", "premiums", "agents", "products"),
        kpis=("gross written premium", "loss ratio", "claim frequency", "retention rate", "average claim cost"),
    ),
    Industry(
        code="healthcare", shape="practice_clinic", label="Healthcare",
        schema_types=("MedicalOrganization", "MedicalClinic", "Hospital", "Physician", "Dentist", "MedicalBusiness", "Optician", "Pharmacy", "MedicalProcedure", "MedicalCondition", "DiagnosticLab"),
        entities=("patients", "appointments", "providers", "treatments", "locations", "invoices"),
        kpis=("appointments per day", "no-show rate", "revenue per patient", "wait time", "utilisation"),
    ),
    Industry(
        code="pharma_life_sciences", sells_goods=True, shape="b2b_maker_distributor", label="Pharma & life sciences",
        schema_types=("Drug", "MedicalTrial", "DietarySupplement"),
        entities=("products", "trials", "sites", "patients", "batches", "orders"),
        kpis=("trial enrolment", "batch yield", "sales by product", "adverse event rate", "time to market"),
    ),
    Industry(
        code="manufacturing", sells_goods=True, shape="b2b_maker_distributor", label="Manufacturing",
        schema_types=(),
        entities=("products", "production_orders", "machines", "plants", "suppliers", "customers"),
        kpis=("output volume", "OEE", "scrap rate", "on-time delivery", "unit cost"),
    ),
    Industry(
        code="logistics_transport", shape="logistics_operator", label="Logistics & transport",
        schema_types=("MovingCompany", "ParcelDelivery", "ParcelService", "TrainTrip", "BusTrip", "Airline"),
        entities=("shipments", "customers", "routes", "vehicles", "depots", "deliveries"),
        kpis=("on-time delivery", "cost per shipment", "fleet utilisation", "transit time", "damage rate"),
    ),
    Industry(
        code="travel_hospitality", shape="hotel_lodging", label="Travel & hospitality",
        schema_types=("LodgingBusiness", "Hotel", "Resort", "Motel", "Hostel", "BedAndBreakfast", "VacationRental", "TravelAgency", "TouristAttraction", "TouristDestination", "TouristTrip", "LodgingReservation", "HotelRoom", "Campground"),
        entities=("guests", "bookings", "rooms", "properties", "channels", "reviews"),
        kpis=("occupancy rate", "ADR", "RevPAR", "booking lead time", "cancellation rate"),
    ),
    Industry(
        code="restaurants_food", sells_goods=True, shape="restaurant_cafe", label="Restaurants & food",
        schema_types=("Restaurant", "FoodEstablishment", "CafeOrCoffeeShop", "Bakery", "BarOrPub", "Brewery", "Winery", "FastFoodRestaurant", "Recipe", "Menu", "MenuItem"),
        entities=("products", "orders", "customers", "locations", "suppliers", "menu_items"),
        kpis=("sales", "average ticket", "food cost %", "top sellers", "repeat customers"),
    ),
    Industry(
        code="media_entertainment", shape="publisher_media", label="Media & entertainment",
        schema_types=("Movie", "MovieTheater", "TVSeries", "MusicGroup", "MusicAlbum", "MusicRecording", "NewsMediaOrganization", "Episode", "PodcastSeries", "VideoGame", "EntertainmentBusiness", "TheaterEvent"),
        entities=("titles", "productions", "viewers", "subscriptions", "channels", "events"),
        kpis=("audience reach", "watch time", "revenue per title", "subscriber churn", "ticket sales"),
    ),
    Industry(
        code="education", shape="school_training", label="Education",
        schema_types=("EducationalOrganization", "School", "CollegeOrUniversity", "HighSchool", "ElementarySchool", "Preschool", "Course", "CourseInstance", "EducationalOccupationalProgram"),
        entities=("students", "courses", "enrollments", "instructors", "sessions", "payments"),
        kpis=("enrolments", "completion rate", "attendance", "revenue per course", "satisfaction score"),
    ),
    Industry(
        code="real_estate", shape="real_estate_agency", label="Real estate",
        schema_types=("RealEstateAgent", "RealEstateListing", "Apartment", "ApartmentComplex", "House", "SingleFamilyResidence", "Residence", "Accommodation"),
        entities=("properties", "listings", "units", "tenants", "leases", "agents"),
        kpis=("occupancy", "average rent", "days on market", "sales volume", "lead conversion"),
    ),
    Industry(
        code="energy_utilities", shape="utility_energy", label="Energy & utilities",
        schema_types=("GasStation", "PowerPlant"),
        entities=("customers", "meters", "installations", "readings", "tariffs", "invoices"),
        kpis=("energy delivered", "installed capacity", "revenue per customer", "outage minutes", "self-consumption"),
    ),
    Industry(
        code="telecom", shape="telecom_operator", label="Telecommunications",
        schema_types=("TelecomService",),
        entities=("subscribers", "plans", "usage", "devices", "cells", "tickets"),
        kpis=("ARPU", "churn rate", "data usage", "network availability", "net adds"),
    ),
    Industry(
        code="automotive", sells_goods=True, shape="dealer_workshop", label="Automotive",
        schema_types=("AutoDealer", "AutoRepair", "AutoPartsStore", "AutomotiveBusiness", "Car", "Vehicle", "AutoRental", "MotorcycleDealer"),
        entities=("vehicles", "customers", "sales", "service_orders", "parts", "dealers"),
        kpis=("units sold", "service revenue", "parts margin", "inventory days", "lead conversion"),
    ),
    Industry(
        code="professional_services", shape="agency_firm", label="Professional services",
        schema_types=("AccountingService", "LegalService", "Attorney", "Notary", "ProfessionalService", "EmploymentAgency"),
        entities=("clients", "projects", "consultants", "timesheets", "invoices", "services"),
        kpis=("billable utilisation", "revenue per client", "realisation rate", "project margin", "new clients"),
    ),
    Industry(
        code="government_public", shape="public_body", label="Government & public sector",
        schema_types=("GovernmentOrganization", "GovernmentOffice", "GovernmentService", "GovernmentBuilding", "PoliceStation", "FireStation", "CityHall", "Courthouse", "Legislation"),
        entities=("citizens", "cases", "services", "offices", "requests", "budgets"),
        kpis=("cases handled", "processing time", "service satisfaction", "budget execution", "requests per channel"),
    ),
    Industry(
        code="nonprofit", shape="association", label="Non-profit",
        schema_types=("NGO", "NonprofitType", "DonateAction", "SportsClub", "Church", "PlaceOfWorship"),
        entities=("members", "donors", "donations", "campaigns", "events", "volunteers"),
        kpis=("donations raised", "donor retention", "member growth", "campaign ROI", "volunteer hours"),
    ),
    Industry(
        code="agriculture", sells_goods=True, shape="producer_farm", label="Agriculture",
        schema_types=(),
        entities=("farms", "fields", "crops", "harvests", "customers", "equipment"),
        kpis=("yield per hectare", "harvest volume", "input cost", "sales by crop", "equipment utilisation"),
    ),
    Industry(
        code="construction_engineering", shape="contractor", label="Construction & engineering",
        schema_types=("HomeAndConstructionBusiness", "GeneralContractor", "RoofingContractor", "Plumber", "Electrician", "HVACBusiness", "HousePainter"),
        entities=("projects", "clients", "sites", "contracts", "workers", "materials"),
        kpis=("project margin", "on-time completion", "cost overrun", "backlog", "change orders"),
    ),
    Industry(
        code="other", shape="other", label="Other",
        schema_types=(),
        entities=("customers", "orders", "products"),
        kpis=("revenue", "customers", "growth"),
    ),
)

REGISTRY: dict[str, Industry] = {i.code: i for i in _ENTRIES}
INDUSTRY_CODES: tuple[str, ...] = tuple(REGISTRY)
OTHER = "other"


def get(code: str) -> Industry:
    """The registry entry for ``code``; ``other`` for an unknown code."""
    return REGISTRY.get(code) or REGISTRY[OTHER]


def label(code: str) -> str:
    return get(code).label


def sells_goods(code: str) -> bool:
    """Whether the industry ``code`` sells goods (else it offers services); unknown: no."""
    entry = REGISTRY.get(code)
    return entry is not None and entry.sells_goods


@functools.lru_cache(maxsize=1)
def schema_type_index() -> dict[str, str]:
    """schema.org type -> industry code (generic types like Organization are in none)."""
    return {t: i.code for i in _ENTRIES for t in i.schema_types}


def _check() -> None:
    # The literal and the entries must name the same codes, and each type one industry:
    # a mismatch is a programming error found at import, not at run time in a phase.
    literal = set(IndustryCode.__args__)  # type: ignore[attr-defined]
    if literal != set(REGISTRY) or len(REGISTRY) != len(_ENTRIES):
        raise RuntimeError(f"industry registry and IndustryCode disagree: {literal ^ set(REGISTRY)}")
    if set(LEXICON) - set(REGISTRY):
        raise RuntimeError(f"lexicon for unknown industries: {set(LEXICON) - set(REGISTRY)}")
    types = [t for i in _ENTRIES for t in i.schema_types]
    if len(types) != len(set(types)):
        raise RuntimeError("a schema.org type is listed under two industries")


_check()
