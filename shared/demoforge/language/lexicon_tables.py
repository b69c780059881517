"""The words the report needs to describe a dataset's tables in en, de, fr and es.

``ROWS``: the nouns of what one row of a template shape's table is (a borrower, a meter
reading, a case record) that the business vocabulary (``lexicon``) does not hold, or holds
under a wider concept than a table's description should use (a hotel stay is not a
booking, a membership not a member). Rows are ``(en, de, fr, es, *also)`` in the notation
of ``nouns.parse_noun``; ``also`` adds English keys. ``table_noun`` looks here first, then
in ``lexicon``.

``UNITS``: what a metric's unit is called in the metric table (hours, days and minutes
and currencies are named by babel, see ``language.tables``).
``INDUSTRIES``: the registry's industry labels (``domain.industries``) per language.
``ER``: the words of the data-model diagram.
"""

from __future__ import annotations

import functools

from demoforge.language import lexicon
from demoforge.language.nouns import Noun, parse_noun

ROWS: tuple[tuple[str, ...], ...] = (
    # --- who ------------------------------------------------------------------------
    ("borrower|borrowers", "Kreditnehmer|Kreditnehmer|m|gen=Kreditnehmers", "emprunteur|emprunteurs|m",
     "prestatario|prestatarios|m"),
    ("caseworker|caseworkers", "Sachbearbeiter|Sachbearbeiter|m|gen=Sachbearbeiters", "agent instructeur|agents instructeurs|m",
     "tramitador|tramitadores|m"),
    ("clinician|clinicians", "Behandler|Behandler|m|gen=Behandlers", "soignant|soignants|m", "profesional sanitario|profesionales sanitarios|m"),
    ("counter employee|counter employees", "Thekenmitarbeiter|Thekenmitarbeiter|m|gen=Thekenmitarbeiters",
     "vendeur au comptoir|vendeurs au comptoir|m", "dependiente de mostrador|dependientes de mostrador|m"),
    ("driver|drivers", "Fahrer|Fahrer|m|gen=Fahrers", "chauffeur|chauffeurs|m", "conductor|conductores|m"),
    ("farm|farms", "Hof|Höfe|m|gen=Hofs", "exploitation agricole|exploitations agricoles|f|elide",
     "explotación agrícola|explotaciones agrícolas|f"),
    ("host|hosts", "Gastgeber|Gastgeber|m|gen=Gastgebers", "hôte|hôtes|m", "anfitrión|anfitriones|m"),
    ("hotel employee|hotel employees", "Hotelmitarbeiter|Hotelmitarbeiter|m|gen=Hotelmitarbeiters",
     "employé d'hôtel|employés d'hôtel|m|elide", "empleado de hotel|empleados de hotel|m"),
    ("instructor|instructors", "Dozent|Dozenten|m|weak", "formateur|formateurs|m", "docente|docentes|m"),
    ("landlord|landlords", "Vermieter|Vermieter|m|gen=Vermieters", "propriétaire bailleur|propriétaires bailleurs|m",
     "arrendador|arrendadores|m"),
    ("loan officer|loan officers", "Kreditberater|Kreditberater|m|gen=Kreditberaters", "conseiller crédit|conseillers crédit|m",
     "gestor de préstamos|gestores de préstamos|m"),
    ("pharmacy|pharmacies", "Apotheke|Apotheken|f", "pharmacie|pharmacies|f", "farmacia|farmacias|f"),
    ("professional|professionals", "Berufsträger|Berufsträger|m|gen=Berufsträgers", "associé|associés|m",
     "profesional|profesionales|m"),
    ("project manager|project managers", "Projektleiter|Projektleiter|m|gen=Projektleiters", "chef de projet|chefs de projet|m",
     "jefe de proyecto|jefes de proyecto|m"),
    ("property manager|property managers", "Objektverwalter|Objektverwalter|m|gen=Objektverwalters",
     "gestionnaire de biens|gestionnaires de biens|m", "administrador de fincas|administradores de fincas|m"),
    ("resident|residents", "Bürger|Bürger|m|gen=Bürgers", "administré|administrés|m", "ciudadano|ciudadanos|m"),
    ("retail customer|retail customers", "Handelskunde|Handelskunden|m|weak", "client distributeur|clients distributeurs|m",
     "cliente minorista|clientes minoristas|m"),
    ("retailer|retailers", "Händler|Händler|m|gen=Händlers", "revendeur|revendeurs|m", "minorista|minoristas|m"),
    ("sales adviser|sales advisers", "Verkaufsberater|Verkaufsberater|m|gen=Verkaufsberaters",
     "conseiller commercial|conseillers commerciaux|m", "asesor comercial|asesores comerciales|m"),
    ("adviser|advisers", "Berater|Berater|m|gen=Beraters", "conseiller|conseillers|m", "asesor|asesores|m", "advisor"),
    ("shipper|shippers", "Versender|Versender|m|gen=Versenders", "expéditeur|expéditeurs|m", "remitente|remitentes|m"),
    ("shop employee|shop employees", "Shopmitarbeiter|Shopmitarbeiter|m|gen=Shopmitarbeiters",
     "employé de boutique|employés de boutique|m", "empleado de tienda|empleados de tienda|m"),
    ("viewer|viewers", "Zuschauer|Zuschauer|m|gen=Zuschauers", "spectateur|spectateurs|m", "espectador|espectadores|m"),
    # --- where ----------------------------------------------------------------------
    ("campus|campuses", "Standort|Standorte|m|gen=Standorts", "campus|campus|m", "campus|campus|m"),
    ("dealership|dealerships", "Autohaus|Autohäuser|n|gen=Autohauses", "concession|concessions|f",
     "concesionario|concesionarios|m"),
    ("depot|depots", "Depot|Depots|n|gen=Depots", "dépôt|dépôts|m", "depósito|depósitos|m"),
    ("regional office|regional offices", "Regionalbüro|Regionalbüros|n|gen=Regionalbüros", "agence régionale|agences régionales|f",
     "oficina regional|oficinas regionales|f"),
    ("service centre|service centres", "Bürgerbüro|Bürgerbüros|n|gen=Bürgerbüros", "guichet|guichets|m",
     "oficina de atención|oficinas de atención|f", "service center"),
    ("office|offices", "Büro|Büros|n|gen=Büros", "bureau|bureaux|m", "oficina|oficinas|f"),
    ("hospital|hospitals", "Krankenhaus|Krankenhäuser|n|gen=Krankenhauses", "hôpital|hôpitaux|m", "hospital|hospitales|m"),
    ("practice|practices", "Praxis|Praxen|f", "cabinet|cabinets|m", "consulta|consultas|f"),
    # --- what -----------------------------------------------------------------------
    ("part|parts", "Teil|Teile|n|gen=Teils", "pièce|pièces|f", "pieza|piezas|f", "spare part"),
    ("premium|premiums", "Beitrag|Beiträge|m|gen=Beitrags", "prime|primes|f", "prima|primas|f"),
    ("installation|installations", "Installation|Installationen|f", "installation|installations|f",
     "instalación|instalaciones|f"),
    ("receipt|receipts", "Bon|Bons|m|gen=Bons", "ticket de caisse|tickets de caisse|m", "ticket|tickets|m"),
    ("wholesale order|wholesale orders", "Großhandelsbestellung|Großhandelsbestellungen|f", "commande de gros|commandes de gros|f",
     "pedido mayorista|pedidos mayoristas|m"),
    ("case record|case records", "Vorgang|Vorgänge|m|gen=Vorgangs", "dossier|dossiers|m", "expediente|expedientes|m"),
    ("stay|stays", "Aufenthalt|Aufenthalte|m|gen=Aufenthalts", "séjour|séjours|m", "estancia|estancias|f"),
    ("membership|memberships", "Mitgliedschaft|Mitgliedschaften|f", "adhésion|adhésions|f", "membresía|membresías|f"),
    # --- what happens to it ---------------------------------------------------------
    ("account transaction|account transactions", "Kontobewegung|Kontobewegungen|f", "opération|opérations|f",
     "movimiento|movimientos|m"),
    ("claim payment|claim payments", "Schadenzahlung|Schadenzahlungen|f", "indemnisation|indemnisations|f",
     "pago de siniestro|pagos de siniestros|m"),
    ("disbursement|disbursements", "Auszahlung|Auszahlungen|f", "décaissement|décaissements|m", "desembolso|desembolsos|m"),
    ("fee payment|fee payments", "Gebührenzahlung|Gebührenzahlungen|f", "paiement de frais|paiements de frais|m",
     "pago de tasas|pagos de tasas|m"),
    ("meter reading|meter readings", "Zählerstand|Zählerstände|m|gen=Zählerstands", "relevé de compteur|relevés de compteur|m",
     "lectura de contador|lecturas de contador|f"),
    ("rent payment|rent payments", "Mietzahlung|Mietzahlungen|f", "paiement de loyer|paiements de loyer|m",
     "pago de alquiler|pagos de alquiler|m"),
    ("repayment|repayments", "Rückzahlung|Rückzahlungen|f", "remboursement|remboursements|m", "amortización|amortizaciones|f"),
    ("time entry|time entries", "Zeiteintrag|Zeiteinträge|m|gen=Zeiteintrags", "saisie de temps|saisies de temps|f",
     "registro de horas|registros de horas|m"),
    ("usage event|usage events", "Nutzungsereignis|Nutzungsereignisse|n|gen=Nutzungsereignisses",
     "événement d'utilisation|événements d'utilisation|m", "evento de uso|eventos de uso|m"),
    ("usage record|usage records", "Verbrauchsdatensatz|Verbrauchsdatensätze|m|gen=Verbrauchsdatensatzes",
     "relevé de consommation|relevés de consommation|m", "registro de consumo|registros de consumo|m"),
)


@functools.cache
def _index() -> dict[str, dict[str, Noun]]:
    out: dict[str, dict[str, Noun]] = {}
    for en, de, fr, es, *also in ROWS:
        words = {"en": parse_noun(en), "de": parse_noun(de), "fr": parse_noun(fr), "es": parse_noun(es)}
        for key in (words["en"].sg, words["en"].pl, *also):
            out[lexicon.normalise(key)] = words
    return out


def table_noun(key: str, lang: str) -> Noun | None:
    """The noun of one row, ``key`` an English singular ("staff_member", "order"), in
    ``lang``; None when neither this table nor the business vocabulary has it."""
    text = lexicon.normalise(key)
    own = _index().get(text) or _index().get(lexicon.singular(text))
    if own is not None:
        return own.get(lang)
    e = lexicon.lookup(text, ("entity",)) or lexicon.lookup(lexicon.singular(text), ("entity",))
    return e.words.get(lang) if e is not None else None


# What the metric table's unit column says; babel names durations and currencies.
UNITS: dict[str, dict[str, str]] = {
    "en": {"count": "count", "ratio": "share", "percent": "percent", "quantity": "quantity", "score": "score"},
    "de": {"count": "Anzahl", "ratio": "Anteil", "percent": "Prozent", "quantity": "Menge", "score": "Punkte"},
    "fr": {"count": "nombre", "ratio": "part", "percent": "pourcentage", "quantity": "quantité", "score": "note"},
    "es": {"count": "número", "ratio": "proporción", "percent": "porcentaje", "quantity": "cantidad", "score": "puntuación"},
}

# The registry's labels (``domain.industries``) as a prospect reads them; English is the registry's own.
INDUSTRIES: dict[str, dict[str, str]] = {
    "de": {
        "retail_ecommerce": "Handel & E-Commerce", "saas_software": "SaaS & Software",
        "financial_services": "Finanzdienstleistungen", "insurance": "Versicherungen", "healthcare": "Gesundheitswesen",
        "pharma_life_sciences": "Pharma & Life Sciences", "manufacturing": "Industrie & Fertigung",
        "logistics_transport": "Logistik & Transport", "travel_hospitality": "Reisen & Gastgewerbe",
        "restaurants_food": "Gastronomie & Lebensmittel", "media_entertainment": "Medien & Unterhaltung",
        "education": "Bildung", "real_estate": "Immobilien", "energy_utilities": "Energie & Versorgung",
        "telecom": "Telekommunikation", "automotive": "Automobil", "professional_services": "Beratung & Dienstleistungen",
        "government_public": "Öffentliche Verwaltung", "nonprofit": "Gemeinnützige Organisationen",
        "agriculture": "Landwirtschaft", "construction_engineering": "Bau & Ingenieurwesen", "other": "Sonstige",
    },
    "fr": {
        "retail_ecommerce": "Commerce & e-commerce", "saas_software": "SaaS & logiciels",
        "financial_services": "Services financiers", "insurance": "Assurance", "healthcare": "Santé",
        "pharma_life_sciences": "Pharmacie & sciences de la vie", "manufacturing": "Industrie",
        "logistics_transport": "Logistique & transport", "travel_hospitality": "Voyage & hôtellerie",
        "restaurants_food": "Restauration & alimentation", "media_entertainment": "Médias & divertissement",
        "education": "Éducation", "real_estate": "Immobilier", "energy_utilities": "Énergie & services publics",
        "telecom": "Télécommunications", "automotive": "Automobile", "professional_services": "Services professionnels",
        "government_public": "Secteur public", "nonprofit": "Associations & ONG", "agriculture": "Agriculture",
        "construction_engineering": "Construction & ingénierie", "other": "Autre",
    },
    "es": {
        "retail_ecommerce": "Comercio minorista y e-commerce", "saas_software": "SaaS y software",
        "financial_services": "Servicios financieros", "insurance": "Seguros", "healthcare": "Sanidad",
        "pharma_life_sciences": "Farmacia y ciencias de la vida", "manufacturing": "Industria",
        "logistics_transport": "Logística y transporte", "travel_hospitality": "Viajes y hostelería",
        "restaurants_food": "Restauración y alimentación", "media_entertainment": "Medios y entretenimiento",
        "education": "Educación", "real_estate": "Inmobiliario", "energy_utilities": "Energía y suministros",
        "telecom": "Telecomunicaciones", "automotive": "Automoción", "professional_services": "Servicios profesionales",
        "government_public": "Sector público", "nonprofit": "Organizaciones sin ánimo de lucro",
        "agriculture": "Agricultura", "construction_engineering": "Construcción e ingeniería", "other": "Otros",
    },
}

# The data-model diagram: its accessible title and the line for columns not drawn.
ER: dict[str, dict[str, str]] = {
    "en": {"title": "Entity-relationship diagram", "more": "+{n} more"},
    "de": {"title": "Entity-Relationship-Diagramm", "more": "+{n} weitere"},
    "fr": {"title": "Diagramme entité-association", "more": "+{n} autres"},
    "es": {"title": "Diagrama entidad-relación", "more": "+{n} más"},
}
