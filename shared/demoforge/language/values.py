"""What a person reads for a categorical code the data stores: ``mobile_app`` is "Mobile app"
in English, "Mobile App" in German, "Application mobile" in French.

The data keeps its codes (metric filters and story checks compare ``status = 'cancelled'``,
queries never change); labels are only for text people read: questions, answers, the demo
script, the report, and the agent's instruction (which also tells the agent which code a
label stands for, so "App" in a question finds ``mobile_app``).

Which values are codes: members of dimensions that group by a business code (channels,
segments, statuses, payment methods ...). Members of places, offerings and people
(``PROPER_KINDS``) are proper nouns and stay as stored; so does any value the table does not
know that is not written like a code (an LLM-modelled segment "Stammkunden"). Language,
country and currency codes are named by CLDR (babel). A code the table does not know is
humanised in English ("mobile_app" -> "Mobile app"); in the other languages the same
fallback is used rather than showing the code, and a test (``missing``) makes sure every
code the template shapes generate has a label in every offline language.

Each label is written in the lexicon's noun notation (``nouns.parse_noun``:
``"label|plural|gender"``) so a phrase builder that puts an article before a value can
agree with it; the builders today insert values as names (bare, capitalised), which every
label here is written to read well as.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from babel import Locale, UnknownLocaleError

from demoforge.language import OFFLINE
from demoforge.language.nouns import Noun, parse_noun
from demoforge.spec.semantic import Dimension, SemanticLayer, dimension_members
from demoforge.spec.tables import TableSpec

# Dimension kinds whose members are names (places, offerings, people), never translated.
PROPER_KINDS = frozenset({"geography", "offering", "staff", "time"})
_CODE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_SPACE = re.compile(r"[\s_]+")

# code -> (en, de, fr, es). English is the display text; de/fr/es in noun notation (a
# status participle carries no gender: it is used as a name, never with an article).
_TABLE: dict[str, tuple[str, str, str, str]] = {
    # --- channels ------------------------------------------------------------------------
    "agent": ("Agent", "Vermittler||m", "Agent||m", "Agente||m"),
    "api": ("API", "API||f", "API||f", "API||f"),
    "app": ("App", "App||f", "Application||f", "Aplicación||f"),
    "booking_platform": ("Booking platform", "Buchungsportal||n", "Plateforme de réservation||f",
                         "Plataforma de reservas||f"),
    "branch": ("Branch", "Filiale||f", "Agence||f", "Sucursal||f"),
    "broker": ("Broker", "Makler||m", "Courtier||m", "Corredor||m"),
    "campus": ("Campus", "Campus||m", "Campus||m", "Campus||m"),
    "click_and_collect": ("Click & collect", "Click & Collect||n", "Click & collect||m", "Recogida en tienda||f"),
    "comparison_site": ("Comparison site", "Vergleichsportal||n", "Comparateur||m", "Comparador||m"),
    "counter": ("Counter", "Theke||f", "Comptoir||m", "Mostrador||m"),
    "delivery": ("Delivery", "Lieferdienst||m", "Livraison||f", "Entrega a domicilio||f"),
    "depot": ("Depot", "Depot||n", "Dépôt||m", "Depósito||m"),
    "dine_in": ("Dine-in", "Vor-Ort-Verzehr||m", "Sur place||m", "En el local||m"),
    "direct": ("Direct", "Direktvertrieb||m", "Vente directe||f", "Venta directa||f"),
    "direct_debit": ("Direct debit", "Lastschrift||f", "Prélèvement||m", "Domiciliación||f"),
    "distributor": ("Distributor", "Händler||m", "Distributeur||m", "Distribuidor||m"),
    "edi": ("EDI", "EDI||n", "EDI||m", "EDI||m"),
    "elective": ("Elective", "Geplante Aufnahme||f", "Admission programmée||f", "Ingreso programado||m"),
    "emergency": ("Emergency", "Notaufnahme||f", "Urgence||f", "Urgencia||f"),
    "event": ("Event", "Veranstaltung||f", "Événement||m", "Evento||m"),
    "existing_client": ("Existing client", "Bestandskunde||m", "Client existant||m", "Cliente existente||m"),
    "field_sales": ("Field sales", "Außendienst||m", "Vente terrain||f", "Venta de campo||f"),
    "fleet": ("Fleet", "Flotte||f", "Flotte||f", "Flota||f"),
    "in_person": ("In person", "Persönlich||m", "En personne||f", "En persona||f"),
    "in_store": ("In store", "Ladengeschäft||n", "En magasin||m", "En tienda||f"),
    "key_account": ("Key account", "Key Account||m", "Grand compte||m", "Cuenta clave||f"),
    "mail": ("Mail", "Post||f", "Courrier||m", "Correo postal||m"),
    "mobile_app": ("Mobile app", "Mobile App||f", "Application mobile||f", "Aplicación móvil||f"),
    "office": ("Office", "Büro||n", "Bureau||m", "Oficina||f"),
    "online": ("Online", "Online||m", "En ligne||m", "En línea||f"),
    "online_booking": ("Online booking", "Onlinebuchung||f", "Réservation en ligne||f", "Reserva en línea||f"),
    "partner": ("Partner", "Partner||m", "Partenaire||m", "Socio comercial||m"),
    "payment_link": ("Payment link", "Zahlungslink||m", "Lien de paiement||m", "Enlace de pago||m"),
    "phone": ("Phone", "Telefon||n", "Téléphone||m", "Teléfono||m"),
    "portal": ("Portal", "Portal||n", "Portail||m", "Portal||m"),
    "pos": ("POS", "Kasse||f", "Caisse||f", "TPV||m"),
    "preorder": ("Pre-order", "Vorbestellung||f", "Précommande||f", "Preventa||f"),
    "referral": ("Referral", "Empfehlung||f", "Recommandation||f", "Recomendación||f"),
    "sales_led": ("Sales-led", "Vertrieb||m", "Équipe commerciale||f", "Equipo comercial||m"),
    "self_serve": ("Self-serve", "Self-Service||m", "Libre-service||m", "Autoservicio||m"),
    "service_centre": ("Service centre", "Servicezentrum||n", "Centre de services||m", "Centro de servicio||m"),
    "shop": ("Shop", "Laden||m", "Boutique||f", "Tienda||f"),
    "showroom": ("Showroom", "Showroom||m", "Salle d'exposition||f", "Sala de exposición||f"),
    "smart_tv": ("Smart TV", "Smart-TV||m", "Smart TV||f", "Smart TV||f"),
    "subscription": ("Subscription", "Abo||n", "Abonnement||m", "Suscripción||f"),
    "takeaway": ("Takeaway", "Zum Mitnehmen||n", "À emporter||m", "Para llevar||m"),
    "telesales": ("Telesales", "Telefonverkauf||m", "Télévente||f", "Televenta||f"),
    "tender": ("Tender", "Ausschreibung||f", "Appel d'offres||m", "Licitación||f"),
    "travel_agent": ("Travel agent", "Reisebüro||n", "Agence de voyages||f", "Agencia de viajes||f"),
    "walk_in": ("Walk-in", "Ohne Termin||m", "Sans rendez-vous||m", "Sin cita||f"),
    "web": ("Web", "Web||n", "Web||m", "Web||f"),
    "web_inquiry": ("Web inquiry", "Webanfrage||f", "Demande en ligne||f", "Consulta web||f"),
    "website": ("Website", "Website||f", "Site web||m", "Sitio web||m"),
    # --- payment methods -------------------------------------------------------------------
    "bank_transfer": ("Bank transfer", "Überweisung||f", "Virement||m", "Transferencia||f"),
    "card": ("Card", "Karte||f", "Carte||f", "Tarjeta||f"),
    "cheque": ("Cheque", "Scheck||m", "Chèque||m", "Cheque||m"),
    "direct_to_provider": ("Direct to provider", "Direkt an Anbieter||m", "Direct au prestataire||m",
                           "Directo al proveedor||m"),
    "invoice": ("Invoice", "Rechnung||f", "Facture||f", "Factura||f"),
    "wallet": ("Wallet", "Wallet||n", "Portefeuille électronique||m", "Monedero digital||m"),
    # --- customer segments -------------------------------------------------------------------
    "arable": ("Arable", "Ackerbau||m", "Grandes cultures||f|pl", "Cultivos herbáceos||m|pl"),
    "association": ("Association", "Verein||m", "Association||f", "Asociación||f"),
    "business": ("Business", "Geschäftskunde||m|weak", "Entreprise||f", "Empresa||f"),
    "clinic": ("Clinic", "Klinik||f", "Clinique||f", "Clínica||f"),
    "community pharmacy": ("Community pharmacy", "Apotheke||f", "Pharmacie d'officine||f", "Farmacia comunitaria||f"),
    "corporate": ("Corporate", "Firmenkunde||m|weak", "Société||f", "Corporativo||m"),
    "dairy": ("Dairy", "Milchwirtschaft||f", "Élevage laitier||m", "Lechería||f"),
    "drugstore": ("Drugstore", "Drogerie||f", "Droguerie||f", "Droguería||f"),
    "e-commerce": ("E-commerce", "E-Commerce||m", "E-commerce||m", "Comercio electrónico||m"),
    "enterprise": ("Enterprise", "Konzern||m", "Grande entreprise||f", "Gran empresa||f"),
    "family": ("Family", "Familie||f", "Famille||f", "Familia||f"),
    "full-time": ("Full-time", "Vollzeit||f", "Temps plein||m", "Tiempo completo||m"),
    "horticulture": ("Horticulture", "Gartenbau||m", "Horticulture||f", "Horticultura||f"),
    "hospital pharmacy": ("Hospital pharmacy", "Krankenhausapotheke||f", "Pharmacie hospitalière||f",
                          "Farmacia hospitalaria||f"),
    "hospitality": ("Hospitality", "Gastgewerbe||n", "Hôtellerie-restauration||f", "Hostelería||f"),
    "independent shop": ("Independent shop", "Fachgeschäft||n", "Commerce indépendant||m", "Tienda independiente||f"),
    "individual": ("Individual", "Privatperson||f", "Particulier||m", "Particular||m"),
    "loyal": ("Loyal", "Treuekunde||m|weak", "Client fidèle||m", "Cliente fiel||m"),
    "major donor": ("Major donor", "Großspender||m", "Grand donateur||m", "Gran donante||m"),
    "manufacturer": ("Manufacturer", "Hersteller||m", "Fabricant||m", "Fabricante||m"),
    "member": ("Member", "Mitglied||n", "Membre||m", "Socio||m"),
    "mid-market": ("Mid-market", "Mittelstand||m", "ETI||f", "Mediana empresa||f"),
    "mid-size manufacturer": ("Mid-size manufacturer", "Mittelständischer Hersteller||m", "Fabricant de taille moyenne||m",
                              "Fabricante mediano||m"),
    "mixed": ("Mixed", "Gemischtbetrieb||m", "Polyculture-élevage||f", "Explotación mixta||f"),
    "occasional": ("Occasional", "Gelegenheitskunde||m|weak", "Client occasionnel||m", "Cliente ocasional||m"),
    "one-off donor": ("One-off donor", "Einmalspender||m", "Donateur ponctuel||m", "Donante puntual||m"),
    "online retailer": ("Online retailer", "Onlinehändler||m", "Commerçant en ligne||m", "Tienda online||f"),
    "part-time": ("Part-time", "Teilzeit||f", "Temps partiel||m", "Tiempo parcial||m"),
    "private client": ("Private client", "Privatkunde||m|weak", "Client particulier||m", "Cliente particular||m"),
    "private driver": ("Private driver", "Privatfahrer||m", "Conducteur particulier||m", "Conductor particular||m"),
    "private insurance": ("Private insurance", "Privatpatient||m|weak", "Assurance privée||f", "Seguro privado||m"),
    "regular": ("Regular", "Stammkunde||m|weak", "Client régulier||m", "Cliente habitual||m"),
    "regular giver": ("Regular giver", "Dauerspender||m", "Donateur régulier||m", "Donante habitual||m"),
    "resident": ("Resident", "Einwohner||m", "Résident||m", "Residente||m"),
    "retail": ("Retail", "Einzelhandel||m", "Commerce de détail||m", "Comercio minorista||m"),
    "smb": ("SMB", "KMU||n", "PME||f", "Pyme||f"),
    "self-pay": ("Self-pay", "Selbstzahler||m", "Paiement direct||m", "Pago directo||m"),
    "services": ("Services", "Dienstleister||m", "Prestataire de services||m", "Empresa de servicios||f"),
    "small business": ("Small business", "Kleinunternehmen||n", "Petite entreprise||f", "Pequeña empresa||f"),
    "small workshop": ("Small workshop", "Kleine Werkstatt||f", "Petit atelier||m", "Taller pequeño||m"),
    "statutory insurance": ("Statutory insurance", "Kassenpatient||m|weak", "Assurance maladie obligatoire||f",
                            "Seguro público||m"),
    "supermarket chain": ("Supermarket chain", "Supermarktkette||f", "Chaîne de supermarchés||f",
                          "Cadena de supermercados||f"),
    "wholesaler": ("Wholesaler", "Großhändler||m", "Grossiste||m", "Mayorista||m"),
    "workshop": ("Workshop", "Werkstatt||f", "Atelier||m", "Taller||m"),
    # --- statuses ----------------------------------------------------------------------------
    "active": ("Active", "Aktiv", "Actif", "Activo"),
    "approved": ("Approved", "Genehmigt", "Approuvé", "Aprobado"),
    "cancelled": ("Cancelled", "Storniert", "Annulé", "Cancelado"),
    "captured": ("Captured", "Eingezogen", "Encaissé", "Cobrado"),
    "checked_out": ("Checked out", "Ausgecheckt", "Départ effectué", "Salida registrada"),
    "churned": ("Churned", "Abgewandert", "Résilié", "Dado de baja"),
    "closed": ("Closed", "Geschlossen", "Clôturé", "Cerrado"),
    "completed": ("Completed", "Abgeschlossen", "Terminé", "Completado"),
    "declined": ("Declined", "Abgelehnt", "Refusé", "Rechazado"),
    "decommissioned": ("Decommissioned", "Stillgelegt", "Mis hors service", "Fuera de servicio"),
    "delivered": ("Delivered", "Geliefert", "Livré", "Entregado"),
    "denied": ("Denied", "Verweigert", "Rejeté", "Denegado"),
    "discharged": ("Discharged", "Entlassen", "Sorti", "Dado de alta"),
    "disputed": ("Disputed", "Angefochten", "Contesté", "En disputa"),
    "ended": ("Ended", "Beendet", "Arrivé à terme", "Finalizado"),
    "expired": ("Expired", "Abgelaufen", "Expiré", "Vencido"),
    "failed": ("Failed", "Fehlgeschlagen", "Échoué", "Fallido"),
    "in_production": ("In production", "In Produktion", "En production", "En producción"),
    "in_progress": ("In progress", "In Bearbeitung", "En cours", "En curso"),
    "in_service": ("In service", "In Betrieb", "En service", "En servicio"),
    "in_transit": ("In transit", "Unterwegs", "En transit", "En tránsito"),
    "lapsed": ("Lapsed", "Erloschen", "Déchu", "Caducado"),
    "late": ("Late", "Verspätet", "En retard", "Con retraso"),
    "lost": ("Lost", "Verloren", "Perdu", "Perdido"),
    "missed": ("Missed", "Versäumt", "Manqué", "No atendido"),
    "no_show": ("No-show", "Nicht erschienen", "Absent", "No presentado"),
    "open": ("Open", "Offen", "Ouvert", "Abierto"),
    "overdue": ("Overdue", "Überfällig", "Impayé", "En mora"),
    "paid": ("Paid", "Bezahlt", "Payé", "Pagado"),
    "paused": ("Paused", "Pausiert", "En pause", "En pausa"),
    "pending": ("Pending", "Ausstehend", "En attente", "Pendiente"),
    "received": ("Received", "Eingegangen", "Reçu", "Recibido"),
    "refunded": ("Refunded", "Erstattet", "Remboursé", "Reembolsado"),
    "rejected": ("Rejected", "Zurückgewiesen", "Rejeté", "Rechazado"),
    "resolved": ("Resolved", "Gelöst", "Résolu", "Resuelto"),
    "returned": ("Returned", "Retourniert", "Retourné", "Devuelto"),
    "settled": ("Settled", "Beglichen", "Réglé", "Liquidado"),
    "signed": ("Signed", "Unterschrieben", "Signé", "Firmado"),
    "succeeded": ("Succeeded", "Erfolgreich", "Réussi", "Exitoso"),
    "transferred": ("Transferred", "Verlegt", "Transféré", "Trasladado"),
    "voided": ("Voided", "Ungültig", "Invalidé", "Anulado"),
    "waived": ("Waived", "Erlassen", "Exonéré", "Condonado"),
    "withdrawn": ("Withdrawn", "Zurückgezogen", "Retiré", "Retirado"),
    "won": ("Won", "Gewonnen", "Gagné", "Ganado"),
}
KNOWN_CODES: tuple[str, ...] = tuple(_TABLE)
_COLUMN = {lang: i for i, lang in enumerate(OFFLINE)}
# Columns whose codes CLDR names: ISO 639 languages, ISO 3166 countries, ISO 4217 currencies.
_CLDR_COLUMN = re.compile(r"(^|_)(language|country|currency)$")


def key(value: str) -> str:
    """The table's key for a stored value: "Key account", "key_account" -> "key account"."""
    return _SPACE.sub(" ", value.strip().casefold())


_KEYED: dict[str, tuple[str, str, str, str]] = {key(k): v for k, v in _TABLE.items()}


def is_code(value: str) -> bool:
    """Written like an identifier, not like words: "mobile_app", "web", not "Regular"."""
    return bool(_CODE.match(value))


def humanise(code: str) -> str:
    """"mobile_app" -> "Mobile app": the English fallback for a code the table lacks."""
    text = _SPACE.sub(" ", code.replace("_", " ")).strip()
    return text[:1].upper() + text[1:]


def value_noun(value: str, lang: str) -> Noun | None:
    """The label of a known code as a noun of ``lang`` (gender and number for agreement),
    or None when the table does not know the value."""
    row = _KEYED.get(key(value))
    if row is None:
        return None
    lang = lang if lang in _COLUMN else "en"
    return parse_noun(row[_COLUMN[lang]])


def _cldr(value: str, lang: str, column: str) -> str | None:
    kind = _CLDR_COLUMN.search(column.casefold())
    if kind is None:
        return None
    try:
        locale = Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return None
    which = kind.group(2)
    if which == "language":
        name = locale.languages.get(value.casefold().replace("-", "_"))
    elif which == "country":
        name = locale.territories.get(value.upper())
    else:
        name = locale.currencies.get(value.upper())
    return name[:1].upper() + name[1:] if name else None


def value_label(value: str, lang: str, *, kind: str | None = None, column: str = "") -> str:
    """What a person reads for ``value``, a member of a dimension of ``kind`` (stored in
    ``column``): its label in ``lang`` for a known code, a CLDR name for a language, country
    or currency code, the humanised code for an unknown one, else the value as stored
    (names of places, offerings and people, and anything not written like a code)."""
    if kind in PROPER_KINDS:
        return value
    named = _cldr(value, lang, column) if column else None
    if named is not None:
        return named
    noun = value_noun(value, lang)
    if noun is not None:
        return noun.sg
    return humanise(value) if is_code(value) else value


def missing(values: Iterable[str], lang: str) -> list[str]:
    """The values among ``values`` (members of a dimension whose members are codes) with no
    label of their own in ``lang``, what the completeness test checks: English may humanise
    a code, the other languages may not."""
    if lang == "en":
        return []
    return [v for v in values if value_noun(v, lang) is None]


def glossary(values: Iterable[str], lang: str, *, kind: str | None = None, column: str = "") -> list[tuple[str, str]]:
    """(code, label) for the values whose label differs from how they are stored: what the
    agent is told so that a question saying the label finds the code."""
    out: list[tuple[str, str]] = []
    for v in values:
        text = value_label(v, lang, kind=kind, column=column)
        if text != v and (v, text) not in out:
            out.append((v, text))
    return out


def relabelled(layer: SemanticLayer, tables: Sequence[TableSpec], lang: str) -> list[tuple[Dimension, list[tuple[str, str]]]]:
    """Per dimension whose generated members are codes, the (code, label) pairs people read
    differently from how the data stores them: what the agent is told, so that "App" in a
    question filters ``channel = 'mobile_app'``."""
    out: list[tuple[Dimension, list[tuple[str, str]]]] = []
    for d in layer.dimensions:
        if d.kind in PROPER_KINDS:
            continue
        members = [v for v in dimension_members(tables, d) or [] if isinstance(v, str)]
        pairs = glossary(members, lang, kind=d.kind, column=d.column)
        if pairs:
            out.append((d, pairs))
    return out
