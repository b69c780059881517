"""Site furniture in seven languages, by vocabulary, by what a link points to and by
language names: every class is refused, with its class as the reason, and ordinary
offering names pass."""

from __future__ import annotations

import pytest

from demoforge.research import furniture

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
    why = furniture.reason(text)
    assert why is not None, (cls, lang, text)


@pytest.mark.parametrize("name", ["Deutsch", "English", "Français", "Español", "Italiano", "Nederlands",
                                  "Português", "Polski", "Русский"])
def test_language_switcher_entries(name: str) -> None:
    assert furniture.reason(name) == "language switcher"


@pytest.mark.parametrize(("text", "href", "cls"), [
    ("Zum Profil", "https://www.facebook.com/acme", "social"),
    ("Mein Bereich", "https://shop.example/customer/account/login", "account"),
    ("2", "https://shop.example/kaffee?page=2", "pagination"),
    ("Rechtliches", "https://shop.example/impressum", "legal"),
    ("Schreiben Sie uns", "mailto:info@shop.example", "contact"),
    ("Bestellen", "https://shop.example/checkout/cart", "cart"),
])
def test_what_a_link_points_to(text: str, href: str, cls: str) -> None:
    why = furniture.reason(text, href)
    assert why is not None and (why.startswith(cls) or cls in why), why


@pytest.mark.parametrize("name", ["SIDAMO Bio Bohnen", "Dental Implants", "Kontaktlinsen", "Home Purchase",
                                  "Firefox for Android", "Roofing", "Steuerberatung", "Cookie Dough"])
def test_offering_names_pass(name: str) -> None:
    # "Cookie Dough" passes when it comes with structure (a product node), not as a link.
    assert furniture.reason(name, link_counts=name != "Cookie Dough") is None


def test_a_social_host_is_matched_by_registrable_name_not_substring() -> None:
    assert furniture.reason("Find My Device", "https://find.firefox.com/") is None
    assert furniture.reason("Our page", "https://x.com/acme") is not None


def test_repeated_chrome_needs_several_pages() -> None:
    pages = [{"Top Angebote", "Kaffee"}, {"Top Angebote", "Tee"}, {"Top Angebote"}]
    assert furniture.repeated_chrome(pages) == {"top angebote"}
    assert furniture.repeated_chrome(pages[:1]) == set()
