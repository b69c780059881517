"""The one offering filter: site furniture in seven languages (by vocabulary, by what a
link points to, by language names), calls to action, slogans, questions, pronouns and the
company's own name are refused with their reason; what vouches for a name (structured
data, a price, a list, nothing) decides how much is checked; short noun phrases pass;
lists come back cleaned, in order and without repeats."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from demoforge.domain import offerings
from demoforge.domain.offerings import (
    Trust,
    clean,
    furniture,
    is_plausible,
    plausible_offerings,
    reason,
    repeated_chrome,
)


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
    assert is_plausible("Team", plan=True)


def test_lists_are_cleaned_filtered_and_deduplicated_in_order() -> None:
    names = ["  Hiking\u200b  boots |", "Log in", "Jackets.", "Hiking boots", "Summit Co", "• Tents"]
    assert plausible_offerings(names, company="Summit Co") == ["Hiking boots", "Jackets", "Tents"]
    assert clean("» Rain  jackets: ") == "Rain jackets"
    # Names research accepted from a list keep their model numbers at that trust.
    assert plausible_offerings(["IDENTjet D4", "Einloggen"]) == []
    assert plausible_offerings(["IDENTjet D4", "Einloggen"], trust="listed") == ["IDENTjet D4"]


def test_offerings_imports_only_the_standard_library_babel_and_its_word_list() -> None:
    tree = ast.parse(Path(offerings.__file__).read_text())
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    outside = {m for m in imported if m.split(".")[0] not in sys.stdlib_module_names}
    assert outside <= {"__future__", "babel", "demoforge.domain"}, outside



# -- what vouches for a name ------------------------------------------------------
@pytest.mark.parametrize(("name", "passes_from"), [
    # Structured data and a price vouch for vintages, sizes and section words ...
    ("Beringer Zinfandel Rose Stone Cellars lieblich / süß 2015", "priced"), ("Cookie Dough", "priced"),
    # ... a list for model numbers and names up to eight words; only a bare name is short.
    ("IDENTjet D4", "listed"), ("HARP 2.0", "listed"), ("1 and 2 bedroom apartments", "listed"),
    ("Erstellung von Einkommensteuererklärungen für Privatpersonen und Unternehmen", "listed"),
    ("Hiking boots", "bare"),
])
def test_the_less_vouches_for_a_name_the_more_is_checked(name: str, passes_from: Trust) -> None:
    ladder: list[Trust] = ["structured", "priced", "listed", "bare"]
    for trust in ladder:
        why = reason(name, trust=trust)
        if ladder.index(trust) <= ladder.index(passes_from):
            assert why is None, (trust, why)
        else:
            assert why is not None, trust


@pytest.mark.parametrize(("name", "says"), [
    ("Trusted by 40,000 businesses", "number"), ("Seit 2004", "number"), ("-20 % auf alles", "number"),
    ("Share your work", "call to action"), ("Jetzt entdecken", "call to action"),
    ("Discover the new range of hiking boots for all seasons", "too long"),
    ("Your perfect smile", "addresses the reader"), ("For patients", "audience"),
])
def test_a_listed_name_is_refused_with_its_reason(name: str, says: str) -> None:
    why = reason(name, trust="listed")
    assert why is not None and says in why, why


def test_furniture_is_refused_whatever_vouches_for_it() -> None:
    for trust in ("structured", "priced", "listed", "bare"):
        assert "account" in (reason("Einloggen", trust=trust) or "")
        assert "legal" in (reason("Widerrufsbelehrung", trust=trust) or "")
    # A link to furniture counts from a price on (structured names link to product pages).
    assert reason("Mein Bereich", href="https://shop.example/account/login", trust="structured") is None
    assert "account" in (reason("Mein Bereich", href="https://shop.example/account/login", trust="priced") or "")


def test_the_company_is_not_its_own_offering_at_any_trust() -> None:
    for trust in ("structured", "priced", "listed", "bare"):
        assert reason("Acme Online Shop", "Acme GmbH", trust=trust) == "the company's own name"
    assert reason("Acme Anvils", "Acme GmbH", trust="listed") is None

# -- site furniture --------------------------------------------------------------
# (class, {language: string}) — one representative string per class and language.
CASES: dict[str, dict[str, str]] = {
    "navigation": {"en": "Home", "de": "Startseite", "fr": "Accueil", "es": "Inicio", "it": "Pagina iniziale",
                   "nl": "Zoeken", "pt": "Página inicial"},
    "legal": {"en": "Terms and conditions", "de": "Allgemeine Geschäftsbedingungen", "fr": "Mentions légales",
              "es": "Aviso legal", "it": "Note legali", "nl": "Algemene voorwaarden", "pt": "Termos e condições"},
    "account": {"en": "Sign in", "de": "Einloggen", "fr": "Mon compte", "es": "Mi cuenta", "it": "Accedi",
                "nl": "Inloggen", "pt": "Minha conta"},
    "cart": {"en": "Add to cart", "de": "In den Warenkorb", "fr": "Panier", "es": "Carrito", "it": "Carrello",
             "nl": "Winkelwagen", "pt": "Carrinho"},
    "pagination": {"en": "Next", "de": "Nächstes", "fr": "Suivant", "es": "Siguiente", "it": "Successivo",
                   "nl": "Volgende", "pt": "Próximo"},
    "social": {"en": "Follow us", "de": "Folgen Sie uns", "fr": "Suivez-nous", "es": "Síguenos", "it": "Seguici",
               "nl": "Volg ons", "pt": "Siga-nos"},
    "careers": {"en": "Careers", "de": "Karriere", "fr": "Carrières", "es": "Trabaja con nosotros",
                "it": "Lavora con noi", "nl": "Vacatures", "pt": "Carreiras"},
    "editorial": {"en": "Press releases", "de": "Pressemitteilungen", "fr": "Actualités", "es": "Noticias",
                  "it": "Notizie", "nl": "Nieuws", "pt": "Notícias"},
    "newsletter": {"en": "Subscribe to our newsletter", "de": "Newsletter abonnieren", "fr": "S'abonner",
                   "es": "Suscríbete", "it": "Iscriviti alla newsletter", "nl": "Nieuwsbrief", "pt": "Subscrever"},
    "contact": {"en": "Contact us", "de": "Kontakt aufnehmen", "fr": "Contactez-nous", "es": "Contáctenos",
                "it": "Contattaci", "nl": "Neem contact op", "pt": "Fale conosco"},
    "cookie": {"en": "Accept all", "de": "Alle akzeptieren", "fr": "Tout accepter", "es": "Aceptar todo",
               "it": "Accetta tutti", "nl": "Alles accepteren", "pt": "Aceitar tudo"},
    "call to action": {"en": "Shop now", "de": "Jetzt entdecken", "fr": "Découvrir", "es": "Descubrir",
                       "it": "Scopri", "nl": "Ontdek", "pt": "Descobrir"},
}


@pytest.mark.parametrize(("cls", "lang", "text"),
                         [(c, lang, t) for c, by_lang in CASES.items() for lang, t in by_lang.items()])
def test_each_furniture_class_in_each_language(cls: str, lang: str, text: str) -> None:
    why = furniture(text)
    assert why is not None, (cls, lang, text)


@pytest.mark.parametrize("name", ["Deutsch", "English", "Français", "Español", "Italiano", "Nederlands",
                                  "Português", "Polski", "Русский"])
def test_language_switcher_entries(name: str) -> None:
    assert furniture(name) == "language switcher"


@pytest.mark.parametrize(("text", "href", "cls"), [
    ("Zum Profil", "https://www.facebook.com/acme", "social"),
    ("Mein Bereich", "https://shop.example/customer/account/login", "account"),
    ("2", "https://shop.example/kaffee?page=2", "pagination"),
    ("Rechtliches", "https://shop.example/impressum", "legal"),
    ("Schreiben Sie uns", "mailto:info@shop.example", "contact"),
    ("Bestellen", "https://shop.example/checkout/cart", "cart"),
])
def test_what_a_link_points_to(text: str, href: str, cls: str) -> None:
    why = furniture(text, href)
    assert why is not None and (why.startswith(cls) or cls in why), why


@pytest.mark.parametrize("name", ["SIDAMO Bio Bohnen", "Dental Implants", "Kontaktlinsen", "Home Purchase",
                                  "Firefox for Android", "Roofing", "Steuerberatung", "Cookie Dough"])
def test_offering_names_are_not_furniture(name: str) -> None:
    # "Cookie Dough" passes when it comes with structure (a product node), not as a link.
    assert furniture(name, link_counts=name != "Cookie Dough") is None


def test_a_social_host_is_matched_by_registrable_name_not_substring() -> None:
    assert furniture("Find My Device", "https://find.firefox.com/") is None
    assert furniture("Our page", "https://x.com/acme") is not None


def test_repeated_chrome_needs_several_pages() -> None:
    pages = [{"Top Angebote", "Kaffee"}, {"Top Angebote", "Tee"}, {"Top Angebote"}]
    assert repeated_chrome(pages) == {"top angebote"}
    assert repeated_chrome(pages[:1]) == set()


@pytest.mark.parametrize("name", ["France", "Europe", "International", "Deutschland", "Nordamerika", "Amérique du Nord"])
def test_a_listed_country_or_continent_is_a_section_not_an_offering(name: str) -> None:
    assert reason(name, "Info'Com", trust="listed") == "a place (a country, continent or region), not an offering"


def test_a_priced_or_structured_place_name_is_a_product() -> None:
    # A jersey with its price, a turkey on a menu: what vouches for them says they are sold.
    assert reason("Jersey", trust="priced") is None and reason("Turkey", trust="structured") is None
    assert reason("Google+", trust="structured") is not None  # a social network at any trust


@pytest.mark.parametrize("name", ["Télécharger le mémoire", "Envoyer un chèque ou faire un virement", "Descargar catálogo"])
def test_french_and_spanish_downloads_and_sends_are_calls_to_action(name: str) -> None:
    assert reason(name, "Info'Com", trust="listed") == "a call to action"
