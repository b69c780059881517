"""Where a dataset is set, from the prospect's profile: the country's Faker locale for
names, e-mails, phones and streets, its currency and main language (CLDR through Babel,
Faker's own locale list), and free text written in the prospect's language.

Free text is whole sentences per language (en, de, fr, es, it, nl, pt), never words
templated into another language's word order, so every rendered text is grammatical.
Reviews come in three bands that agree with the rating; notes are neutral. Other
languages fall back to English."""

from __future__ import annotations

import dataclasses
import functools

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.numbers import get_territory_currencies

TEXT_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt")


@dataclasses.dataclass(frozen=True)
class Setting:
    country: str  # ISO 3166-1 alpha-2
    currency: str  # ISO 4217
    language: str  # ISO 639-1 of free text (one of TEXT_LANGUAGES)
    locale: str  # Faker locale


@functools.lru_cache(maxsize=1)
def _faker_locales() -> frozenset[str]:
    """Faker's locales, read from its person providers' package folders (importing
    ``faker.config`` would cost ~0.35 s: it imports every provider to build the list)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("faker")
    if spec is None or not spec.submodule_search_locations:
        return frozenset({"en_US"})
    person = Path(next(iter(spec.submodule_search_locations))) / "providers" / "person"
    return frozenset(p.name for p in person.iterdir() if p.is_dir() and "_" in p.name and not p.name.startswith("_"))


def likely_country(language: str) -> str | None:
    """CLDR's likely territory of a language ("de" -> "DE", "pt" -> "BR")."""
    subtags = get_global("likely_subtags").get(language.lower())
    if not subtags:
        return None
    try:
        return Locale.parse(subtags).territory
    except (ValueError, UnknownLocaleError):
        return None


def faker_locale(country: str, language: str) -> str:
    """Faker's locale for the country, in the language when it has one ("CH" + "fr" ->
    fr_CH), else the country's first, else the language's own, else en_US."""
    available = _faker_locales()
    wanted = f"{language}_{country}"
    if wanted in available:
        return wanted
    for lang in _official_languages(country):
        if f"{lang}_{country}" in available:
            return f"{lang}_{country}"
    same_country = sorted(loc for loc in available if loc.endswith(f"_{country}"))
    if same_country:
        return same_country[0]
    home = likely_country(language)
    if home and f"{language}_{home}" in available:
        return f"{language}_{home}"
    return "en_US"


def _official_languages(country: str) -> tuple[str, ...]:
    from babel.languages import get_official_languages

    return tuple(get_official_languages(country, de_facto=True))


def currency_of(country: str) -> str:
    found = get_territory_currencies(country)
    return found[0] if found else "USD"


def setting(country: str | None, currency: str | None, language: str | None) -> Setting:
    """The dataset's country, currency, text language and Faker locale: the profile's
    values first, then what CLDR says follows from them, then the United States."""
    lang = (language or "en").lower().replace("_", "-").split("-")[0]
    cc = (country or likely_country(lang) or "US").upper()
    text = lang if lang in TEXT_LANGUAGES else next(
        (x for x in _official_languages(cc) if x in TEXT_LANGUAGES), "en")
    return Setting(country=cc, currency=(currency or currency_of(cc)).upper(), language=text,
                   locale=faker_locale(cc, text))


# --- free text ------------------------------------------------------------------------
# Review sentences per rating band: (low 1-2, middle 3, high 4-5).
REVIEWS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "en": (
        ["Very disappointed.", "Poor quality for the price.", "Would not recommend.", "Nothing like the description.",
         "Took far too long and nobody answered.", "Not worth the money."],
        ["Okay, nothing special.", "Decent, but a bit pricey.", "Average experience.", "Fine overall, some room for improvement."],
        ["Excellent quality.", "Great value for money.", "Friendly and helpful service.", "Would definitely recommend.",
         "Exactly what I hoped for.", "Very happy overall."],
    ),
    "de": (
        ["Sehr enttäuscht.", "Schlechte Qualität für den Preis.", "Nicht zu empfehlen.", "Entspricht nicht der Beschreibung.",
         "Hat viel zu lange gedauert, niemand hat geantwortet.", "Das Geld nicht wert."],
        ["In Ordnung, nichts Besonderes.", "Ganz gut, aber etwas teuer.", "Durchschnittlich.", "Insgesamt okay, mit Luft nach oben."],
        ["Hervorragende Qualität.", "Sehr gutes Preis-Leistungs-Verhältnis.", "Freundlicher und hilfsbereiter Service.",
         "Absolut empfehlenswert.", "Genau das, was ich wollte.", "Rundum zufrieden."],
    ),
    "fr": (
        ["Très déçu.", "Mauvaise qualité pour le prix.", "Je ne recommande pas.", "Rien à voir avec la description.",
         "Beaucoup trop long et personne n'a répondu.", "Ça ne vaut pas son prix."],
        ["Correct, sans plus.", "Bien, mais un peu cher.", "Expérience moyenne.", "Satisfaisant dans l'ensemble, mais peut mieux faire."],
        ["Excellente qualité.", "Très bon rapport qualité-prix.", "Service aimable et efficace.", "Je recommande vivement.",
         "Exactement ce que j'attendais.", "Très satisfait dans l'ensemble."],
    ),
    "es": (
        ["Muy decepcionado.", "Mala calidad para el precio.", "No lo recomiendo.", "Nada que ver con la descripción.",
         "Tardó demasiado y nadie respondió.", "No vale lo que cuesta."],
        ["Correcto, nada especial.", "Bien, pero algo caro.", "Una experiencia normal.", "En general bien, aunque mejorable."],
        ["Calidad excelente.", "Muy buena relación calidad-precio.", "Atención amable y rápida.", "Lo recomiendo sin duda.",
         "Justo lo que esperaba.", "Muy contento en general."],
    ),
    "it": (
        ["Molto deluso.", "Qualità scarsa per il prezzo.", "Non lo consiglio.", "Non corrisponde alla descrizione.",
         "Troppo lento e nessuno ha risposto.", "Non vale quello che costa."],
        ["Discreto, niente di speciale.", "Buono, ma un po' caro.", "Esperienza nella media.", "Nel complesso va bene, ma si può migliorare."],
        ["Qualità eccellente.", "Ottimo rapporto qualità-prezzo.", "Servizio cortese e disponibile.", "Lo consiglio vivamente.",
         "Esattamente quello che cercavo.", "Molto soddisfatto."],
    ),
    "nl": (
        ["Erg teleurgesteld.", "Slechte kwaliteit voor de prijs.", "Niet aan te raden.", "Komt niet overeen met de beschrijving.",
         "Duurde veel te lang en niemand reageerde.", "Het geld niet waard."],
        ["Prima, niets bijzonders.", "Goed, maar aan de dure kant.", "Gemiddelde ervaring.", "Over het geheel oké, kan beter."],
        ["Uitstekende kwaliteit.", "Prima prijs-kwaliteitverhouding.", "Vriendelijke en behulpzame service.", "Zeker een aanrader.",
         "Precies wat ik zocht.", "Heel tevreden."],
    ),
    "pt": (
        ["Muito desiludido.", "Má qualidade para o preço.", "Não recomendo.", "Nada a ver com a descrição.",
         "Demorou demasiado e ninguém respondeu.", "Não vale o que custa."],
        ["Razoável, nada de especial.", "Bom, mas um pouco caro.", "Experiência mediana.", "No geral bem, mas pode melhorar."],
        ["Qualidade excelente.", "Ótima relação qualidade-preço.", "Atendimento simpático e prestável.", "Recomendo vivamente.",
         "Exatamente o que eu queria.", "Muito satisfeito."],
    ),
}

# Neutral internal notes on a transaction.
NOTES: dict[str, list[str]] = {
    "en": ["Customer called with a question.", "Follow-up needed.", "Handled by phone.", "Requested an update.",
           "No issues.", "Priority handling requested."],
    "de": ["Kunde hat mit einer Frage angerufen.", "Nachfassen erforderlich.", "Telefonisch erledigt.",
           "Um ein Update gebeten.", "Keine Probleme.", "Bevorzugte Bearbeitung gewünscht."],
    "fr": ["Le client a appelé avec une question.", "Relance nécessaire.", "Traité par téléphone.",
           "A demandé une mise à jour.", "Aucun problème.", "Traitement prioritaire demandé."],
    "es": ["El cliente llamó con una pregunta.", "Requiere seguimiento.", "Gestionado por teléfono.",
           "Pidió una actualización.", "Sin incidencias.", "Solicitó gestión prioritaria."],
    "it": ["Il cliente ha chiamato con una domanda.", "Serve un ricontatto.", "Gestito per telefono.",
           "Ha chiesto un aggiornamento.", "Nessun problema.", "Richiesta gestione prioritaria."],
    "nl": ["Klant belde met een vraag.", "Opvolging nodig.", "Telefonisch afgehandeld.",
           "Vroeg om een update.", "Geen problemen.", "Voorrang gevraagd."],
    "pt": ["O cliente ligou com uma pergunta.", "Necessário acompanhamento.", "Tratado por telefone.",
           "Pediu uma atualização.", "Sem problemas.", "Pediu tratamento prioritário."],
}


def reviews(language: str) -> tuple[list[str], list[str], list[str]]:
    return REVIEWS.get(language, REVIEWS["en"])


def notes(language: str) -> list[str]:
    return NOTES.get(language, NOTES["en"])
