"""The one product/service plausibility filter: navigation, calls to action, slogans,
questions, pronouns and the company's own name are refused in several languages; short
noun phrases pass; lists come back cleaned, in order and without repeats."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from demoforge.domain import offerings
from demoforge.domain.offerings import clean, is_plausible, plausible_offerings


@pytest.mark.parametrize("line", [
    "Shop all products", "Store locator", "Gear up for every summit", "Shop by category", "Why shop with us",
    "Shop", "Book an appointment", "Our services", "For patients", "Log in", "Start free trial",
    "Trusted by 40,000 businesses", "Accounting software that runs itself", "Jetzt entdecken",
    "Mehr erfahren", "Unsere Produkte", "Termin vereinbaren", "Découvrez la collection", "Nos services",
    "Acheter maintenant", "Contactez-nous", "New arrivals", "Gift cards", "Locations", "Sale",
    "Discover the new range of hiking boots for all seasons", "What is lactose intolerance?",
    "Pricing", "Plans and pricing", "Sign up", "Welcome to our shop", "Your account", "Order now",
    "KOMPETENZEN", "Model 3", "x", "",
])
def test_not_plausible(line: str) -> None:
    assert not is_plausible(line)


@pytest.mark.parametrize("line", [
    "Hiking boots", "Urgent care", "Bank feeds", "Sekt und Champagner", "Order management",
    "Steuerberatung", "Soins du visage", "IT Service Management", "Ski touring", "Kid's Tent",
    "Alpine Parka", "Waterproof Shell Jacket",
])
def test_plausible(line: str) -> None:
    assert is_plausible(line)


def test_the_company_is_not_its_own_product() -> None:
    assert not is_plausible("Alpine Outfitters", "Alpine Outfitters Inc.")
    assert is_plausible("Alpine tents", "Alpine Outfitters")


def test_a_priced_plan_may_use_a_furniture_word() -> None:
    assert not is_plausible("Team")
    assert is_plausible("Team", furniture_ok=True)


def test_lists_are_cleaned_filtered_and_deduplicated_in_order() -> None:
    names = ["  Hiking\u200b  boots |", "Log in", "Jackets.", "Hiking boots", "Summit Co", "• Tents"]
    assert plausible_offerings(names, company="Summit Co") == ["Hiking boots", "Jackets", "Tents"]
    assert clean("» Rain  jackets: ") == "Rain jackets"


def test_offerings_imports_only_the_standard_library() -> None:
    tree = ast.parse(Path(offerings.__file__).read_text())
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert imported - {"__future__"} <= set(sys.stdlib_module_names), imported
