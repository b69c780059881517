"""Dataset shapes: every shape generates and passes every realism and consistency check
(in different countries), is chosen from the profile, sizes its locations from the
profile, prices its catalogue at its own scale, places customers in real cities of the
country, speaks the prospect's language and currency, ends on the run date, and gives
each prospect its own people and the same prospect the same bytes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

from demoforge.spec.model import DatasetSpec
from demoforge.synth.generate import generate_dataset
from demoforge.synth.realism import check
from demoforge.synth.templates import build_for_profile, prospect_seed, shape_names
from demoforge.synth.templates.calendar import window
from demoforge.synth.templates.places import country_places
from demoforge.synth.templates.shapes import SHAPES

AS_OF = dt.date(2026, 12, 1)
COUNTRIES = [("DE", "de"), ("FR", "fr"), ("GB", "en"), ("US", "en"), ("AU", "en"), ("CH", "de"),
             ("IT", "it"), ("ES", "es"), ("NL", "nl"), ("PT", "pt")]


def profile(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"company_name": "Bergblick Handels GmbH", "industry": "retail_ecommerce", "confidence": 0.9,
                            "country": "DE", "language": "de"}
    base.update(kw)
    return base


def shape_profile(i: int) -> dict[str, Any]:
    country, language = COUNTRIES[i % len(COUNTRIES)]
    return profile(company_name=f"Prospect {i}", country=country, language=language)


@pytest.mark.parametrize("i,name", list(enumerate(shape_names())), ids=shape_names())
def test_every_shape_generates_and_passes_every_check(i: int, name: str, tmp_path: Path) -> None:
    spec = build_for_profile(shape_profile(i), as_of=AS_OF, shape=name, rows=20_000)
    assert spec.shape == name and spec.semantic.metrics and spec.semantic.dimensions
    generate_dataset(spec, tmp_path)
    results = check(spec, tmp_path)
    failed = [r for r in results if not r.passed]
    assert not failed, failed
    names = {r.name.split(":")[0] for r in results}
    assert {"run_date", "time_order"} <= names  # the consistency checks ran
    money = [c for t in spec.tables for c in t.columns if c.currency]
    assert money and {c.currency for c in money} == {spec.currency}


def test_there_are_shapes_for_every_issue_variant() -> None:
    keys = set(shape_names())
    assert len(keys) >= 40
    for wanted in ["retail.online_shop", "retail.store_chain", "retail.marketplace", "restaurants.chain",
                   "restaurants.cafe_bakery", "restaurants.d2c_brand", "restaurants.producer", "healthcare.practice",
                   "healthcare.clinic_group", "healthcare.hospital", "insurance.health", "insurance.pet", "insurance.motor",
                   "insurance.property", "insurance.life", "real_estate.brokerage", "real_estate.rental_marketplace",
                   "real_estate.property_manager", "manufacturing.equipment_maker", "manufacturing.consumer_goods",
                   "automotive.dealer_group", "automotive.parts", "travel.hotel", "travel.holiday_rentals",
                   "travel.tour_operator", "professional.firm", "saas.subscriptions", "nonprofit.fundraising",
                   "public.services", "education.school", "telecom.operator", "financial.lending",
                   "financial.payments", "financial.banking"]:
        assert wanted in keys, wanted


@pytest.mark.parametrize("prof,expected", [
    (profile(industry="restaurants_food", sub_industry="Kaffeerösterei", shape="d2c_brand", channels=["web_shop"]), "restaurants.d2c_brand"),
    (profile(industry="restaurants_food", sub_industry="Bäckerei und Café", shape="restaurant_cafe"), "restaurants.cafe_bakery"),
    (profile(industry="restaurants_food", sub_industry="Pizzeria", shape="restaurant_cafe"), "restaurants.chain"),
    (profile(industry="insurance", sub_industry="Tierkrankenversicherung für Hunde und Katzen", shape="insurer"), "insurance.pet"),
    (profile(industry="insurance", sub_industry="dental insurance", shape="insurer"), "insurance.health"),
    (profile(industry="insurance", sub_industry="Kfz-Versicherung", shape="insurer"), "insurance.motor"),
    (profile(industry="retail_ecommerce", shape="online_shop", channels=["web_shop"]), "retail.online_shop"),
    (profile(industry="retail_ecommerce", shape="store_chain", channels=["physical_locations"]), "retail.store_chain"),
    (profile(industry="retail_ecommerce", shape="marketplace"), "retail.marketplace"),
    (profile(industry="healthcare", shape="hospital"), "healthcare.hospital"),
    (profile(industry="automotive", sub_industry="Autohaus, Gebrauchtwagen"), "automotive.dealer_group"),
    (profile(industry="real_estate", sub_industry="Hausverwaltung", shape="real_estate_agency"), "real_estate.property_manager"),
    (profile(industry="financial_services", sub_industry="Ratenkredit"), "financial.lending"),
])
def test_the_shape_is_chosen_from_the_profile(prof: dict[str, Any], expected: str) -> None:
    assert build_for_profile(prof, as_of=AS_OF, rows=5_000).shape == expected


def test_single_site_has_one_location_and_online_only_none() -> None:
    practice = build_for_profile(profile(industry="healthcare", shape="practice_clinic",
                                         locations=[{"city": "Freiburg", "country": "DE"}]), as_of=AS_OF, rows=5_000)
    assert practice.table("practices").row_count == 1
    chain = build_for_profile(profile(industry="retail_ecommerce", shape="store_chain",
                                      locations=[{"city": c, "country": "DE"} for c in ("Köln", "Bonn", "Leipzig")]),
                              as_of=AS_OF, rows=5_000)
    stores = chain.table("stores")
    assert stores.row_count == 3
    assert stores.column("city").generator.values == ["Köln", "Bonn", "Leipzig"]  # type: ignore[union-attr]
    online = build_for_profile(profile(shape="online_shop", channels=["web_shop", "delivery"]), as_of=AS_OF, rows=5_000)
    assert not {"stores", "employees"} & {t.name for t in online.tables}
    assert "shipments" in {t.name for t in online.tables}


def _median_price(spec: DatasetSpec) -> float:
    offering = next(t for t in spec.tables if any(c.name == "list_price" and c.generator and c.generator.kind == "categorical" for c in t.columns))
    values = sorted(float(v) for v in offering.column("list_price").generator.values)  # type: ignore[union-attr]
    return values[len(values) // 2]


def test_prices_follow_the_shape_and_the_prospects_own_prices() -> None:
    cars = build_for_profile(profile(industry="automotive"), as_of=AS_OF, rows=5_000)
    coffee = build_for_profile(profile(industry="restaurants_food", shape="d2c_brand", sub_industry="coffee roaster",
                                       offerings=[{"name": "SIDAMO Bio Bohnen", "price": 27.9, "currency": "EUR", "source": "json-ld"}]),
                               as_of=AS_OF, rows=5_000)
    assert 5_000 <= _median_price(cars) <= 80_000
    assert 5 <= _median_price(coffee) <= 60
    names = coffee.table("products").column("product_name").generator.values  # type: ignore[union-attr]
    prices = coffee.table("products").column("list_price").generator.values  # type: ignore[union-attr]
    assert names[0] == "SIDAMO Bio Bohnen" and prices[0] == 27.9
    categories = set(coffee.table("products").column("category").generator.values)  # type: ignore[union-attr]
    assert categories <= {"Espresso", "Filter coffee", "Single origin", "Decaf", "Subscriptions", "Equipment", "Accessories", "Gifts"}
    assert not any("Shoe" in str(n) or "Burger" in str(n) for n in names)  # never another business's goods


def test_car_buyers_buy_about_once_and_coffee_customers_come_back(tmp_path: Path) -> None:
    cars = build_for_profile(profile(industry="automotive"), as_of=AS_OF, rows=30_000)
    coffee = build_for_profile(profile(industry="restaurants_food", shape="d2c_brand", sub_industry="coffee"), as_of=AS_OF, rows=30_000)
    generate_dataset(cars, tmp_path / "cars")
    generate_dataset(coffee, tmp_path / "coffee")
    con = duckdb.connect()
    per_buyer, most = con.execute(
        f"SELECT AVG(n), MAX(n) FROM (SELECT customer_id, COUNT(*) n FROM '{tmp_path}/cars/vehicle_sales.parquet' GROUP BY 1)").fetchone()  # type: ignore[misc]
    assert per_buyer < 1.2 and most <= 3
    repeat = con.execute(
        f"SELECT AVG(n) FROM (SELECT customer_id, COUNT(*) n FROM '{tmp_path}/coffee/orders.parquet' GROUP BY 1)").fetchone()[0]  # type: ignore[index]
    assert repeat > 1.5


def test_customers_live_in_real_places_of_the_country(tmp_path: Path) -> None:
    spec = build_for_profile(profile(country="FR", language="fr"), as_of=AS_OF, rows=8_000)
    generate_dataset(spec, tmp_path)
    customers = pq.read_table(tmp_path / "customers.parquet", columns=["city", "region", "full_name", "phone"]).to_pylist()
    real = {(p.city, p.region) for p in country_places("FR")}
    assert all((c["city"], c["region"]) in real for c in customers)
    assert {"Paris", "Marseille", "Lyon"} & {c["city"] for c in customers}
    assert all(c["phone"] is None or "+33" in c["phone"] or c["phone"].startswith("0") for c in customers)
    reviews = pq.read_table(tmp_path / "reviews.parquet").to_pylist()
    assert reviews and all(r["review_text"] for r in reviews)
    low = {r["review_text"] for r in reviews if r["rating"] <= 2}
    assert low and all(t in {"Très déçu.", "Mauvaise qualité pour le prix.", "Je ne recommande pas.", "Rien à voir avec la description.",
                             "Beaucoup trop long et personne n'a répondu.", "Ça ne vaut pas son prix."} for t in low)
    assert spec.currency == "EUR" and any("EUR" in g.definition for g in spec.glossary)


def test_the_window_ends_on_the_run_date_and_holidays_count() -> None:
    for seed in (1, 2):
        start, end = window(AS_OF, seed)
        months = (end.year - start.year) * 12 + end.month - start.month
        assert end == AS_OF and months in (24, 36) and start.day == 1
    spec = build_for_profile(profile(shape="store_chain"), as_of=AS_OF, rows=5_000)
    ts = spec.table("orders").column("ordered_at").generator
    assert ts is not None and ts.kind == "timestamp" and ts.end == AS_OF
    holidays = {d.date: d for d in ts.dates}
    assert dt.date(2025, 10, 3) in holidays and holidays[dt.date(2025, 10, 3)].factor < 0.5  # Tag der Deutschen Einheit: stores closed


def test_seasons_flip_south_of_the_equator_but_christmas_does_not() -> None:
    def peak(spec: DatasetSpec) -> str:
        return next(s for s in spec.stories if s.kind == "seasonal_peak").expected_top or ""

    north = build_for_profile(profile(industry="travel_hospitality", shape="hotel_lodging", country="DE"), as_of=AS_OF, rows=5_000)
    south = build_for_profile(profile(industry="travel_hospitality", shape="hotel_lodging", country="AU", language="en"), as_of=AS_OF, rows=5_000)
    assert peak(north) in ("7", "8") and peak(south) in ("1", "2")
    shop_north = build_for_profile(profile(shape="online_shop", country="DE"), as_of=AS_OF, rows=5_000)
    shop_south = build_for_profile(profile(shape="online_shop", country="AU", language="en"), as_of=AS_OF, rows=5_000)
    assert peak(shop_north) == peak(shop_south) == "12"


def test_same_prospect_same_bytes_other_prospect_other_people(tmp_path: Path) -> None:
    a1 = build_for_profile(profile(), as_of=AS_OF, url="https://bergblick.example", rows=6_000)
    a2 = build_for_profile(profile(), as_of=AS_OF, url="https://bergblick.example", rows=6_000)
    b = build_for_profile(profile(company_name="Talblick AG"), as_of=AS_OF, url="https://talblick.example", rows=6_000)
    assert a1.seed == a2.seed == prospect_seed("https://bergblick.example", "Bergblick Handels GmbH") != b.seed
    for name, spec in (("a1", a1), ("a2", a2), ("b", b)):
        generate_dataset(spec, tmp_path / name)
    for t in a1.tables:
        assert (tmp_path / "a1" / f"{t.name}.parquet").read_bytes() == (tmp_path / "a2" / f"{t.name}.parquet").read_bytes(), t.name
    people_a = set(pq.read_table(tmp_path / "a1" / "customers.parquet").column("full_name").to_pylist())
    people_b = set(pq.read_table(tmp_path / "b" / "customers.parquet").column("full_name").to_pylist())
    assert len(people_a & people_b) / len(people_a) < 0.05


def test_shapes_are_declared_as_data() -> None:
    # Composition is shared: no shape carries code, every one names its parts.
    for s in SHAPES:
        assert s.void and all(v in {k for k, _ in s.statuses} for v in s.void), s.key
        assert s.kpis and s.channels and s.catalogue


def test_a_prospects_seed_is_its_host_not_the_port_it_was_served_on() -> None:
    # A bundled sample is served on a free loopback port each run: the same prospect.
    a = prospect_seed("http://127.0.0.1:41234/index.html", "Ledgerly")
    assert a == prospect_seed("http://127.0.0.1:8765/", "Ledgerly")
    assert a != prospect_seed("http://127.0.0.2:8765/", "Ledgerly")
    assert prospect_seed("https://www.shop.example:443/a", "Shop") == prospect_seed("https://shop.example/b", "Shop")
