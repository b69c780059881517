"""The business vocabulary in en, de, fr and es: what metrics and dimensions are called.

Each entry is a concept with its English keys (the words a spec's labels, names and
synonyms use) and one noun per language in the notation of ``nouns.parse_noun``. Kinds:
``entity`` (a countable thing: orders, regions; dimensions and counts), ``amount`` (a
summed measure: revenue, premiums), ``rate`` (a share of rows: cancellation rate),
``duration`` and ``score`` (measured per row and averaged), ``average`` (a named average:
average order value), ``quantity`` (a summed count of things, SUM(quantity): seats,
nights, lines). No library holds business vocabulary with grammatical gender in
these languages, so this table is the one place it is written (with ``lexicon_shapes``, the
words the template shapes add, read into the same index); a spec can override any
metric's or dimension's words with ``terms``.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Literal, cast

from demoforge.language import lexicon_shapes
from demoforge.language.nouns import Noun, parse_noun

Kind = Literal["entity", "amount", "rate", "duration", "score", "average", "quantity"]


@dataclasses.dataclass(frozen=True)
class Entry:
    key: str
    kind: Kind
    words: dict[str, Noun]
    keys: tuple[str, ...]


def _e(kind: Kind, en: str, de: str, fr: str, es: str, *also: str) -> Entry:
    words = {"en": parse_noun(en), "de": parse_noun(de), "fr": parse_noun(fr), "es": parse_noun(es)}
    key = words["en"].sg.lower()
    keys = {key, words["en"].pl.lower(), *(a.lower() for a in also)}
    return Entry(key=key, kind=kind, words=words, keys=tuple(sorted(keys)))


ENTITY: Kind = "entity"
AMOUNT: Kind = "amount"
RATE: Kind = "rate"
DURATION: Kind = "duration"
SCORE: Kind = "score"
AVERAGE: Kind = "average"
QUANTITY: Kind = "quantity"

ENTRIES: tuple[Entry, ...] = (
    # --- things that are counted and sliced by -------------------------------------
    _e(ENTITY, "order|orders", "Bestellung|Bestellungen|f", "commande|commandes|f", "pedido|pedidos|m",
       "purchase", "purchases", "order count", "number of orders", "orders placed", "sales order", "sales orders",
       "purchase order", "purchase orders", "wholesale order", "wholesale orders"),
    _e(ENTITY, "sale|sales", "Verkauf|Verkäufe|m|gen=Verkaufs", "vente|ventes|f", "venta|ventas|f",
       "transaction count", "deals closed"),
    _e(ENTITY, "customer|customers", "Kunde|Kunden|m|weak", "client|clients|m", "cliente|clientes|m",
       "client", "clients", "buyer", "buyers", "account holder", "customer count"),
    _e(ENTITY, "product|products", "Produkt|Produkte|n|gen=Produkts", "produit|produits|m", "producto|productos|m",
       "product name", "sku", "skus", "offering"),
    _e(ENTITY, "item|items", "Artikel|Artikel|m|gen=Artikels", "article|articles|m", "artículo|artículos|m",
       "article", "articles"),
    _e(ENTITY, "dish|dishes", "Gericht|Gerichte|n|gen=Gerichts", "plat|plats|m", "plato|platos|m",
       "menu item", "menu items"),
    _e(ENTITY, "category|categories", "Kategorie|Kategorien|f", "catégorie|catégories|f", "categoría|categorías|f",
       "product category", "product categories", "category name"),
    _e(ENTITY, "product line|product lines", "Produktlinie|Produktlinien|f", "gamme de produits|gammes de produits|f",
       "línea de producto|líneas de producto|f", "line"),
    _e(ENTITY, "brand|brands", "Marke|Marken|f", "marque|marques|f", "marca|marcas|f"),
    _e(ENTITY, "supplier|suppliers", "Lieferant|Lieferanten|m|weak", "fournisseur|fournisseurs|m",
       "proveedor|proveedores|m", "vendor", "vendors", "manufacturer", "manufacturers", "roaster", "producer"),
    _e(ENTITY, "region|regions", "Region|Regionen|f", "région|régions|f", "región|regiones|f",
       "sales region", "state", "province", "area", "territory"),
    _e(ENTITY, "city|cities", "Stadt|Städte|f", "ville|villes|f", "ciudad|ciudades|f",
       "town", "customer city", "delivery city", "shipping city"),
    _e(ENTITY, "country|countries", "Land|Länder|n|gen=Landes", "pays|pays|m", "país|países|m",
       "market", "markets"),
    _e(ENTITY, "location|locations", "Standort|Standorte|m|gen=Standorts|prep=an", "site|sites|m", "sede|sedes|f",
       "site", "sites", "venue", "venues", "location name"),
    _e(ENTITY, "store|stores", "Filiale|Filialen|f", "magasin|magasins|m", "tienda|tiendas|f",
       "shop", "shops", "store name", "outlet"),
    _e(ENTITY, "branch|branches", "Niederlassung|Niederlassungen|f", "agence|agences|f", "sucursal|sucursales|f",
       "office", "offices"),
    _e(ENTITY, "restaurant|restaurants", "Restaurant|Restaurants|n|gen=Restaurants", "restaurant|restaurants|m",
       "restaurante|restaurantes|m"),
    _e(ENTITY, "café|cafés", "Café|Cafés|n|gen=Cafés", "café|cafés|m", "cafetería|cafeterías|f", "cafe", "cafes", "bakery"),
    _e(ENTITY, "clinic|clinics", "Klinik|Kliniken|f", "clinique|cliniques|f", "clínica|clínicas|f",
       "practice", "practices", "hospital", "hospitals"),
    _e(ENTITY, "hotel|hotels", "Hotel|Hotels|n|gen=Hotels", "hôtel|hôtels|m", "hotel|hoteles|m"),
    _e(ENTITY, "room type|room types", "Zimmerkategorie|Zimmerkategorien|f", "type de chambre|types de chambre|m",
       "tipo de habitación|tipos de habitación|m", "room category"),
    _e(ENTITY, "channel|channels", "Kanal|Kanäle|m|gen=Kanals", "canal|canaux|m", "canal|canales|m",
       "sales channel", "order channel"),
    _e(ENTITY, "booking channel|booking channels", "Buchungskanal|Buchungskanäle|m|gen=Buchungskanals",
       "canal de réservation|canaux de réservation|m", "canal de reserva|canales de reserva|m"),
    _e(ENTITY, "acquisition channel|acquisition channels", "Akquisekanal|Akquisekanäle|m|gen=Akquisekanals",
       "canal d'acquisition|canaux d'acquisition|m", "canal de captación|canales de captación|m",
       "lead source", "source", "marketing channel"),
    _e(ENTITY, "segment|segments", "Segment|Segmente|n|gen=Segments", "segment|segments|m", "segmento|segmentos|m"),
    _e(ENTITY, "customer segment|customer segments", "Kundensegment|Kundensegmente|n|gen=Kundensegments",
       "segment de clientèle|segments de clientèle|m", "segmento de clientes|segmentos de clientes|m",
       "customer type", "customer group", "tier", "loyalty tier"),
    _e(ENTITY, "employee|employees", "Mitarbeiter|Mitarbeiter|m|gen=Mitarbeiters", "employé|employés|m",
       "empleado|empleados|m", "staff member", "staff", "crew member", "team member", "associate"),
    _e(ENTITY, "sales rep|sales reps", "Vertriebsmitarbeiter|Vertriebsmitarbeiter|m|gen=Vertriebsmitarbeiters",
       "commercial|commerciaux|m", "comercial|comerciales|m", "salesperson", "account manager", "sales representative"),
    _e(ENTITY, "agent|agents", "Makler|Makler|m|gen=Maklers", "agent|agents|m", "agente|agentes|m",
       "broker", "brokers", "adviser", "advisor"),
    _e(ENTITY, "doctor|doctors", "Arzt|Ärzte|m|gen=Arztes", "médecin|médecins|m", "médico|médicos|m",
       "practitioner", "practitioners", "physician", "dentist", "therapist", "provider"),
    _e(ENTITY, "patient|patients", "Patient|Patienten|m|weak", "patient|patients|m", "paciente|pacientes|m"),
    _e(ENTITY, "visit|visits", "Besuch|Besuche|m|gen=Besuchs", "visite|visites|f", "visita|visitas|f",
       "consultation", "consultations", "encounter", "encounters"),
    _e(ENTITY, "appointment|appointments", "Termin|Termine|m|gen=Termins", "rendez-vous|rendez-vous|m|noelide",
       "cita|citas|f"),
    _e(ENTITY, "treatment|treatments", "Behandlung|Behandlungen|f", "soin|soins|m", "tratamiento|tratamientos|m",
       "procedure", "procedures", "service line"),
    _e(ENTITY, "department|departments", "Abteilung|Abteilungen|f", "service|services|m", "departamento|departamentos|m",
       "ward", "specialty", "speciality"),
    _e(ENTITY, "booking|bookings", "Buchung|Buchungen|f", "réservation|réservations|f", "reserva|reservas|f",
       "reservation", "reservations"),
    _e(ENTITY, "guest|guests", "Gast|Gäste|m|gen=Gasts", "client|clients|m", "huésped|huéspedes|m", "traveller", "travelers"),
    _e(ENTITY, "claim|claims", "Schadenfall|Schadenfälle|m|gen=Schadenfalls", "sinistre|sinistres|m",
       "siniestro|siniestros|m", "claim count", "number of claims"),
    _e(ENTITY, "policy|policies", "Police|Policen|f", "contrat|contrats|m", "póliza|pólizas|f",
       "insurance policy"),
    _e(ENTITY, "policyholder|policyholders", "Versicherungsnehmer|Versicherungsnehmer|m|gen=Versicherungsnehmers",
       "assuré|assurés|m", "asegurado|asegurados|m", "insured"),
    _e(ENTITY, "line of business|lines of business", "Sparte|Sparten|f", "branche|branches|f", "ramo|ramos|m",
       "coverage", "coverages", "insurance line", "cover type", "product type", "policy type"),
    _e(ENTITY, "subscription|subscriptions", "Abonnement|Abonnements|n|gen=Abonnements", "abonnement|abonnements|m",
       "suscripción|suscripciones|f"),
    _e(ENTITY, "plan|plans", "Tarif|Tarife|m|gen=Tarifs", "formule|formules|f", "plan|planes|m",
       "pricing plan", "tariff", "package", "membership type"),
    _e(ENTITY, "account|accounts", "Konto|Konten|n|gen=Kontos", "compte|comptes|m", "cuenta|cuentas|f", "workspace"),
    _e(ENTITY, "user|users", "Nutzer|Nutzer|m|gen=Nutzers", "utilisateur|utilisateurs|m", "usuario|usuarios|m",
       "active users", "seat", "seats"),
    _e(ENTITY, "session|sessions", "Sitzung|Sitzungen|f", "session|sessions|f", "sesión|sesiones|f",
       "web session", "web sessions", "site visit"),
    _e(ENTITY, "device|devices", "Gerät|Geräte|n|gen=Geräts", "appareil|appareils|m", "dispositivo|dispositivos|m",
       "device type"),
    _e(ENTITY, "ticket|tickets", "Ticket|Tickets|n|gen=Tickets", "ticket|tickets|m", "incidencia|incidencias|f",
       "support ticket", "support tickets", "request", "requests"),
    _e(ENTITY, "shipment|shipments", "Sendung|Sendungen|f", "envoi|envois|m", "envío|envíos|m", "parcel", "parcels",
       "consignment", "consignments", "package", "packages", "shipment out", "shipments out"),
    _e(ENTITY, "delivery|deliveries", "Lieferung|Lieferungen|f", "livraison|livraisons|f", "entrega|entregas|f"),
    _e(ENTITY, "carrier|carriers", "Versanddienstleister|Versanddienstleister|m|gen=Versanddienstleisters",
       "transporteur|transporteurs|m", "transportista|transportistas|m", "courier", "shipping partner"),
    _e(ENTITY, "warehouse|warehouses", "Lager|Lager|n|gen=Lagers", "entrepôt|entrepôts|m", "almacén|almacenes|m",
       "distribution centre", "fulfilment centre"),
    _e(ENTITY, "payment|payments", "Zahlung|Zahlungen|f", "paiement|paiements|m", "pago|pagos|m", "transaction payment"),
    _e(ENTITY, "payment method|payment methods", "Zahlungsart|Zahlungsarten|f", "moyen de paiement|moyens de paiement|m",
       "método de pago|métodos de pago|m", "payment type", "tender"),
    _e(ENTITY, "invoice|invoices", "Rechnung|Rechnungen|f", "facture|factures|f", "factura|facturas|f", "bill", "bills"),
    _e(ENTITY, "opportunity|opportunities", "Verkaufschance|Verkaufschancen|f", "opportunité|opportunités|f",
       "oportunidad|oportunidades|f", "deal", "deals", "pipeline deal"),
    _e(ENTITY, "lead|leads", "Lead|Leads|m|gen=Leads", "prospect|prospects|m", "lead|leads|m", "enquiry", "inquiry", "inquiries"),
    _e(ENTITY, "quote|quotes", "Angebot|Angebote|n|gen=Angebots", "devis|devis|m", "presupuesto|presupuestos|m",
       "quotation", "quotations", "proposal"),
    _e(ENTITY, "listing|listings", "Inserat|Inserate|n|gen=Inserats", "annonce|annonces|f", "anuncio|anuncios|m", "advert"),
    _e(ENTITY, "unit|units", "Objekt|Objekte|n|gen=Objekts", "bien|biens|m", "inmueble|inmuebles|m",
       "apartment", "apartments", "rental unit", "real estate"),
    _e(ENTITY, "tenant|tenants", "Mieter|Mieter|m|gen=Mieters", "locataire|locataires|m", "inquilino|inquilinos|m"),
    _e(ENTITY, "lease|leases", "Mietvertrag|Mietverträge|m|gen=Mietvertrags", "bail|baux|m", "contrato de alquiler|contratos de alquiler|m",
       "rental contract", "tenancy", "lease charge"),
    _e(ENTITY, "vehicle|vehicles", "Fahrzeug|Fahrzeuge|n|gen=Fahrzeugs", "véhicule|véhicules|m", "vehículo|vehículos|m",
       "car", "cars"),
    _e(ENTITY, "model|models", "Modell|Modelle|n|gen=Modells", "modèle|modèles|m", "modelo|modelos|m", "vehicle model", "make"),
    _e(ENTITY, "repair order|repair orders", "Werkstattauftrag|Werkstattaufträge|m|gen=Werkstattauftrags",
       "ordre de réparation|ordres de réparation|m", "orden de reparación|órdenes de reparación|f",
       "service visit", "workshop job", "service job"),
    _e(ENTITY, "course|courses", "Kurs|Kurse|m|gen=Kurses", "cours|cours|m", "curso|cursos|m", "class"),
    _e(ENTITY, "student|students", "Teilnehmer|Teilnehmer|m|gen=Teilnehmers", "étudiant|étudiants|m",
       "estudiante|estudiantes|m", "learner", "learners", "participant", "participants", "pupil"),
    _e(ENTITY, "enrolment|enrolments", "Anmeldung|Anmeldungen|f", "inscription|inscriptions|f", "matrícula|matrículas|f",
       "enrollment", "enrollments", "registration", "registrations"),
    _e(ENTITY, "member|members", "Mitglied|Mitglieder|n|gen=Mitglieds", "membre|membres|m", "socio|socios|m",
       "membership", "memberships"),
    _e(ENTITY, "donation|donations", "Spende|Spenden|f", "don|dons|m", "donación|donaciones|f", "gift", "gifts"),
    _e(ENTITY, "donor|donors", "Spender|Spender|m|gen=Spenders", "donateur|donateurs|m", "donante|donantes|m", "supporter"),
    _e(ENTITY, "campaign|campaigns", "Kampagne|Kampagnen|f", "campagne|campagnes|f", "campaña|campañas|f",
       "appeal", "promotion", "promotions"),
    _e(ENTITY, "event|events", "Veranstaltung|Veranstaltungen|f", "événement|événements|m", "evento|eventos|m"),
    _e(ENTITY, "case|cases", "Vorgang|Vorgänge|m|gen=Vorgangs", "dossier|dossiers|m", "expediente|expedientes|m",
       "file", "case record", "case records"),
    _e(ENTITY, "application|applications", "Antrag|Anträge|m|gen=Antrags", "demande|demandes|f", "solicitud|solicitudes|f",
       "permit", "permits", "permit application"),
    _e(ENTITY, "service|services", "Leistung|Leistungen|f", "prestation|prestations|f", "servicio|servicios|m",
       "service type", "public service"),
    _e(ENTITY, "project|projects", "Projekt|Projekte|n|gen=Projekts", "projet|projets|m", "proyecto|proyectos|m",
       "engagement", "engagements"),
    _e(ENTITY, "call|calls", "Anruf|Anrufe|m|gen=Anrufs", "appel|appels|m", "llamada|llamadas|f"),
    _e(ENTITY, "loan|loans", "Kredit|Kredite|m|gen=Kredits", "prêt|prêts|m", "préstamo|préstamos|m", "credit", "mortgage"),
    _e(ENTITY, "transaction|transactions", "Transaktion|Transaktionen|f", "transaction|transactions|f",
       "transacción|transacciones|f", "payment transaction"),
    _e(ENTITY, "merchant|merchants", "Händler|Händler|m|gen=Händlers", "commerçant|commerçants|m", "comercio|comercios|m",
       "seller", "sellers", "dealer", "dealers", "partner", "partners"),
    _e(ENTITY, "review|reviews", "Bewertung|Bewertungen|f", "avis|avis|m", "reseña|reseñas|f", "rating count"),
    _e(ENTITY, "return|returns", "Retoure|Retouren|f", "retour|retours|m", "devolución|devoluciones|f", "returned item"),
    _e(ENTITY, "request type|request types", "Anliegen|Anliegen|n|gen=Anliegens", "motif de demande|motifs de demande|m",
       "tipo de solicitud|tipos de solicitud|m", "ticket category", "ticket type", "issue type", "reason"),
    _e(ENTITY, "priority|priorities", "Priorität|Prioritäten|f", "priorité|priorités|f", "prioridad|prioridades|f",
       "ticket priority", "urgency"),
    _e(ENTITY, "status|statuses", "Status|Status|m|gen=Status", "statut|statuts|m", "estado|estados|m",
       "order status", "state of the order", "outcome"),
    _e(ENTITY, "plant|plants", "Werk|Werke|n|gen=Werks", "usine|usines|f", "planta|plantas|f", "factory", "production site"),
    _e(ENTITY, "machine|machines", "Anlage|Anlagen|f", "équipement|équipements|m", "equipo|equipos|m",
       "installed unit", "installed base", "equipment", "asset", "assets"),
    _e(ENTITY, "service contract|service contracts", "Wartungsvertrag|Wartungsverträge|m|gen=Wartungsvertrags",
       "contrat de maintenance|contrats de maintenance|m", "contrato de mantenimiento|contratos de mantenimiento|m",
       "maintenance contract"),
    _e(ENTITY, "work order|work orders", "Auftrag|Aufträge|m|gen=Auftrags", "ordre de fabrication|ordres de fabrication|m",
       "orden de trabajo|órdenes de trabajo|f", "production order", "job"),
    _e(ENTITY, "workshop|workshops", "Werkstatt|Werkstätten|f", "garage|garages|m", "taller|talleres|m",
       "repair shop", "garage", "body shop"),
    _e(ENTITY, "pet|pets", "Tier|Tiere|n|gen=Tiers", "animal|animaux|m", "mascota|mascotas|f", "animal", "animals"),
    _e(ENTITY, "species|species", "Tierart|Tierarten|f", "espèce|espèces|f", "especie|especies|f", "breed"),
    _e(ENTITY, "age group|age groups", "Altersgruppe|Altersgruppen|f", "tranche d'âge|tranches d'âge|f",
       "grupo de edad|grupos de edad|m", "age band"),
    _e(ENTITY, "cohort|cohorts", "Kohorte|Kohorten|f", "cohorte|cohortes|f", "cohorte|cohortes|f", "sign-up cohort"),
    _e(ENTITY, "weekday|weekdays", "Wochentag|Wochentage|m|gen=Wochentags", "jour de la semaine|jours de la semaine|m",
       "día de la semana|días de la semana|m", "day of week", "day of the week"),
    _e(ENTITY, "month|months", "Monat|Monate|m|gen=Monats", "mois|mois|m", "mes|meses|m"),
    _e(ENTITY, "quarter|quarters", "Quartal|Quartale|n|gen=Quartals", "trimestre|trimestres|m", "trimestre|trimestres|m"),
    _e(ENTITY, "year|years", "Jahr|Jahre|n|gen=Jahres", "année|années|f", "año|años|m"),
    _e(ENTITY, "week|weeks", "Woche|Wochen|f", "semaine|semaines|f", "semana|semanas|f"),
    _e(ENTITY, "day|days", "Tag|Tage|m|gen=Tages", "jour|jours|m", "día|días|m", "date"),
    # --- amounts (summed) ------------------------------------------------------------
    _e(AMOUNT, "revenue|-|mass", "Umsatz|Umsätze|m|gen=Umsatzes", "chiffre d'affaires|chiffres d'affaires|m",
       "ingresos|ingresos|m|pl", "sales revenue", "turnover", "sales amount", "total sales", "sales value",
       "revenue amount", "income", "gross sales", "total revenue", "sales"),
    _e(AMOUNT, "net revenue|-|mass", "Nettoumsatz|Nettoumsätze|m|gen=Nettoumsatzes",
       "chiffre d'affaires net|chiffres d'affaires nets|m", "ingresos netos|ingresos netos|m|pl",
       "net sales", "net turnover", "revenue net"),
    _e(AMOUNT, "gross revenue|-|mass", "Bruttoumsatz|Bruttoumsätze|m|gen=Bruttoumsatzes",
       "chiffre d'affaires brut|chiffres d'affaires bruts|m", "ingresos brutos|ingresos brutos|m|pl",
       "gross turnover", "gross merchandise value", "gmv"),
    _e(AMOUNT, "cost|costs|pl|mass", "Kosten|Kosten|f|pl", "coûts|coûts|m|pl", "costes|costes|m|pl",
       "cost of goods", "cost of goods sold", "cogs", "total cost", "food cost", "product cost", "costs"),
    _e(AMOUNT, "gross profit|-|mass", "Rohertrag|Roherträge|m|gen=Rohertrags", "marge brute|marges brutes|f",
       "beneficio bruto|beneficios brutos|m", "gross margin amount", "contribution", "profit", "margin amount"),
    _e(AMOUNT, "discount|discounts|pl|mass", "Rabatte|Rabatte|m|pl", "remises|remises|f|pl", "descuentos|descuentos|m|pl",
       "discount amount", "discounts"),
    _e(AMOUNT, "refund|refunds|pl|mass", "Erstattungen|Erstattungen|f|pl", "remboursements|remboursements|m|pl",
       "reembolsos|reembolsos|m|pl", "refund amount", "refunded amount"),
    _e(AMOUNT, "units sold|-|pl|mass", "Absatz|Absätze|m|gen=Absatzes", "volume des ventes|volumes des ventes|m",
       "unidades vendidas|unidades vendidas|f|pl", "quantity", "units", "quantity sold", "volume", "items sold",
       "unit sales", "kilograms sold"),
    _e(AMOUNT, "premium income|-|mass", "Beitragseinnahmen|Beitragseinnahmen|f|pl", "primes|primes|f|pl",
       "primas|primas|f|pl", "premiums", "premium", "written premium", "gross written premium",
       "premium volume"),
    _e(AMOUNT, "claims cost|-|mass", "Schadenaufwand|Schadenaufwände|m|gen=Schadenaufwands",
       "charge des sinistres|charges des sinistres|f", "coste de siniestros|costes de siniestros|m",
       "claims paid", "claim cost", "claim costs", "loss amount", "incurred losses", "claims amount", "paid claims"),
    _e(AMOUNT, "rental income|-|mass", "Mieteinnahmen|Mieteinnahmen|f|pl", "revenus locatifs|revenus locatifs|m|pl",
       "ingresos por alquiler|ingresos por alquiler|m|pl", "rent", "rent revenue", "rent roll", "rents"),
    _e(AMOUNT, "commission|commissions|mass", "Provision|Provisionen|f", "commission|commissions|f",
       "comisión|comisiones|f", "commission income", "brokerage fee", "fee income"),
    _e(AMOUNT, "donation volume|-|mass", "Spendenaufkommen|Spendenaufkommen|n|gen=Spendenaufkommens",
       "montant des dons|montants des dons|m", "importe donado|importes donados|m",
       "donation amount", "amount donated", "funds raised", "total donations", "donated amount",
       "donations raised"),
    _e(AMOUNT, "billable hours|-|pl|mass", "Stunden|Stunden|f|pl|adj=abrechenbar",
       "heures facturables|heures facturables|f|pl", "horas facturables|horas facturables|f|pl",
       "billed hours", "hours billed", "billable time"),
    _e(AMOUNT, "hours|-|pl|mass", "Stunden|Stunden|f|pl", "heures|heures|f|pl", "horas|horas|f|pl",
       "hours worked", "time spent", "logged hours"),
    # A subscription's monthly amount summed by its start date is the MRR *won* in each
    # period (new MRR, additive over time), not the MRR standing at a date (a level).
    _e(AMOUNT, "new monthly recurring revenue|-|mass",
       "Neuumsatz|Neuumsätze|m|adj=monatlich wiederkehrend|gen=Neuumsatzes",
       "nouveau revenu mensuel récurrent|nouveaux revenus mensuels récurrents|m",
       "nuevos ingresos mensuales recurrentes|-|m|pl", "new mrr", "new business mrr", "booked mrr"),
    _e(AMOUNT, "monthly recurring revenue|-|mass", "Umsatz|Umsätze|m|adj=monatlich wiederkehrend|gen=Umsatzes",
       "revenu mensuel récurrent|revenus mensuels récurrents|m", "ingresos mensuales recurrentes|-|m|pl", "mrr"),
    _e(AMOUNT, "annual recurring revenue|-|mass", "Umsatz|Umsätze|m|adj=jährlich wiederkehrend|gen=Umsatzes",
       "revenu annuel récurrent|revenus annuels récurrents|m", "ingresos anuales recurrentes|-|m|pl", "arr"),
    _e(AMOUNT, "usage|-|mass", "Nutzung|Nutzungen|f", "utilisation|utilisations|f", "uso|usos|m",
       "usage volume", "consumption", "data usage", "usage quantity"),
    _e(AMOUNT, "spend|-|mass", "Ausgaben|Ausgaben|f|pl", "dépenses|dépenses|f|pl", "gasto|gastos|m",
       "amount spent", "spending", "customer spend", "lifetime value", "customer lifetime value", "clv"),
    _e(AMOUNT, "transaction volume|-|mass", "Transaktionsvolumen|Transaktionsvolumen|n|gen=Transaktionsvolumens",
       "volume de transactions|volumes de transactions|m", "volumen de transacciones|volúmenes de transacciones|m",
       "payment volume", "tpv", "processed volume"),
    _e(AMOUNT, "loan volume|-|mass", "Kreditvolumen|Kreditvolumen|n|gen=Kreditvolumens", "encours de crédit|encours de crédit|m",
       "volumen de préstamos|volúmenes de préstamos|m", "amount lent", "loan amount", "principal", "disbursed amount"),
    _e(AMOUNT, "fee|fees|pl|mass", "Gebühren|Gebühren|f|pl", "frais|frais|m|pl", "comisiones|comisiones|f|pl",
       "fee revenue", "fees charged"),
    _e(AMOUNT, "tips|-|pl|mass", "Trinkgeld|Trinkgelder|n|gen=Trinkgelds", "pourboires|pourboires|m|pl", "propinas|propinas|f|pl",
       "tip", "gratuity"),
    _e(AMOUNT, "stock|-|mass", "Lagerbestand|Lagerbestände|m|gen=Lagerbestands", "stock|stocks|m", "existencias|existencias|f|pl",
       "on hand", "inventory", "stock on hand", "units on hand"),
    _e(AMOUNT, "order value|-|mass", "Bestellwert|Bestellwerte|m|gen=Bestellwerts", "valeur de commande|valeurs de commande|f",
       "valor de pedido|valores de pedido|m", "order total", "order amount", "basket value", "amount", "value"),
    _e(AMOUNT, "deal value|-|mass", "Auftragswert|Auftragswerte|m|gen=Auftragswerts", "montant des contrats|montants des contrats|m",
       "importe de las operaciones|importes de las operaciones|m", "contract value", "deal size", "booking value",
       "quote value", "pipeline value"),
    _e(AMOUNT, "sales price|-|mass", "Verkaufspreis|Verkaufspreise|m|gen=Verkaufspreises", "prix de vente|prix de vente|m",
       "precio de venta|precios de venta|m", "price", "unit price", "sale price", "list price", "selling price"),
    # --- named averages ----------------------------------------------------------------
    _e(AVERAGE, "average order value|-", "Bestellwert|Bestellwerte|m|adj=durchschnittlich|gen=Bestellwerts",
       "panier moyen|paniers moyens|m", "ticket medio|tickets medios|m",
       "aov", "average basket", "basket size", "average ticket", "average check", "average transaction value",
       "average sale", "avg order value"),
    _e(AVERAGE, "average daily rate|-", "Zimmerpreis|Zimmerpreise|m|adj=durchschnittlich|gen=Zimmerpreises",
       "prix moyen par nuitée|prix moyens par nuitée|m", "tarifa media diaria|tarifas medias diarias|f", "adr", "average room rate"),
    _e(AVERAGE, "average claim|-", "Schadenhöhe|Schadenhöhen|f|adj=durchschnittlich", "coût moyen des sinistres|coûts moyens des sinistres|m",
       "coste medio por siniestro|costes medios por siniestro|m", "average claim amount", "claim severity", "average claim cost",
       "average claim size"),
    _e(AVERAGE, "average deal size|-", "Auftragswert|Auftragswerte|m|adj=durchschnittlich|gen=Auftragswerts",
       "montant moyen des contrats|montants moyens des contrats|m", "importe medio por operación|importes medios por operación|m",
       "average deal value", "average contract value", "acv", "average sale price", "average selling price"),
    _e(AVERAGE, "average revenue per user|-", "Umsatz pro Nutzer|-|m|gen=Umsatzes pro Nutzer",
       "revenu moyen par utilisateur|revenus moyens par utilisateur|m", "ingreso medio por usuario|ingresos medios por usuario|m",
       "arpu", "average revenue per account", "arpa", "revenue per customer", "average revenue per customer"),
    _e(AVERAGE, "average premium|-", "Jahresbeitrag|Jahresbeiträge|m|adj=durchschnittlich|gen=Jahresbeitrags",
       "prime moyenne|primes moyennes|f", "prima media|primas medias|f", "average annual premium"),
    _e(AVERAGE, "average gift|-", "Spende|Spenden|f|adj=durchschnittlich", "don moyen|dons moyens|m",
       "donación media|donaciones medias|f", "average donation", "average gift size"),
    # --- durations and scores (averaged per row) ------------------------------------------
    _e(DURATION, "delivery time|delivery times", "Lieferzeit|Lieferzeiten|f", "délai de livraison|délais de livraison|m",
       "plazo de entrega|plazos de entrega|m", "delivery days", "delivery hours", "days to deliver", "hours to deliver",
       "shipping time", "transit time", "time to delivery", "average delivery time", "delivery duration"),
    _e(DURATION, "lead time|lead times", "Durchlaufzeit|Durchlaufzeiten|f", "délai de réalisation|délais de réalisation|m",
       "plazo de ejecución|plazos de ejecución|m", "cycle time", "turnaround time", "time to quote", "time to close",
       "days to close", "sales cycle"),
    _e(DURATION, "waiting time|waiting times", "Wartezeit|Wartezeiten|f", "temps d'attente|temps d'attente|m",
       "tiempo de espera|tiempos de espera|m", "wait time", "wait minutes", "waiting minutes", "queue time", "days to appointment"),
    _e(DURATION, "resolution time|resolution times", "Lösungszeit|Lösungszeiten|f", "délai de résolution|délais de résolution|m",
       "tiempo de resolución|tiempos de resolución|m", "time to resolve", "hours to resolve", "handling time",
       "response time", "time to resolution"),
    _e(DURATION, "processing time|processing times", "Bearbeitungszeit|Bearbeitungszeiten|f",
       "délai de traitement|délais de traitement|m", "tiempo de tramitación|tiempos de tramitación|m",
       "days to decision", "days to settle", "settlement time", "time to settle", "claim settlement time",
       "decision time", "days to process", "processing days", "days open"),
    _e(DURATION, "length of stay|lengths of stay", "Aufenthaltsdauer|Aufenthaltsdauern|f", "durée de séjour|durées de séjour|f",
       "duración de la estancia|duraciones de la estancia|f", "nights", "stay length", "los", "nights per stay"),
    _e(DURATION, "time on market|-", "Vermarktungsdauer|Vermarktungsdauern|f", "délai de vente|délais de vente|m",
       "tiempo de comercialización|tiempos de comercialización|m", "days on market", "dom", "time to sell", "days to sell"),
    _e(DURATION, "visit duration|visit durations", "Behandlungsdauer|Behandlungsdauern|f", "durée de consultation|durées de consultation|f",
       "duración de la consulta|duraciones de la consulta|f", "appointment length", "consultation minutes",
       "duration minutes", "duration", "session duration", "call duration"),
    _e(SCORE, "rating|ratings", "Bewertung|Bewertungen|f", "note|notes|f", "valoración|valoraciones|f",
       "review rating", "review score", "stars", "star rating", "average rating", "avg rating"),
    _e(SCORE, "satisfaction score|satisfaction scores", "Zufriedenheit|-|f", "satisfaction|-|f", "satisfacción|-|f",
       "csat", "satisfaction", "customer satisfaction", "nps", "net promoter score"),
    _e(SCORE, "pages per session|-", "Seitenaufrufe pro Sitzung|-|m|pl", "pages vues par session|-|f|pl",
       "páginas vistas por sesión|-|f|pl", "pages viewed", "page views", "pageviews"),
    _e(SCORE, "age|ages", "Alter|Alter|n|gen=Alters", "âge|âges|m", "edad|edades|f", "patient age", "customer age"),
    # --- rates --------------------------------------------------------------------------
    _e(RATE, "cancellation rate|cancellation rates", "Stornoquote|Stornoquoten|f", "taux d'annulation|taux d'annulation|m",
       "tasa de cancelación|tasas de cancelación|f", "cancel rate", "cancelled share", "share cancelled",
       "cancellations", "void rate", "voided rate"),
    _e(RATE, "return rate|return rates", "Retourenquote|Retourenquoten|f", "taux de retour|taux de retour|m",
       "tasa de devolución|tasas de devolución|f", "returns rate", "returned share", "share returned"),
    _e(RATE, "churn rate|churn rates", "Abwanderungsrate|Abwanderungsraten|f", "taux d'attrition|taux d'attrition|m",
       "tasa de abandono|tasas de abandono|f", "churn", "customer churn", "attrition", "attrition rate", "churned share",
       "cancellation of subscriptions", "lapse rate", "lapsed share"),
    _e(RATE, "conversion rate|conversion rates", "Konversionsrate|Konversionsraten|f", "taux de conversion|taux de conversion|m",
       "tasa de conversión|tasas de conversión|f", "conversion", "converted share", "session conversion"),
    _e(RATE, "no-show rate|no-show rates", "No-Show-Quote|No-Show-Quoten|f", "taux de non-présentation|taux de non-présentation|m",
       "tasa de inasistencia|tasas de inasistencia|f", "no show rate", "no-shows", "missed appointment rate", "dna rate"),
    _e(RATE, "default rate|default rates", "Ausfallquote|Ausfallquoten|f", "taux de défaut|taux de défaut|m",
       "tasa de morosidad|tasas de morosidad|f", "delinquency rate", "arrears rate", "bad debt rate", "defaulted share"),
    _e(RATE, "approval rate|approval rates", "Genehmigungsquote|Genehmigungsquoten|f", "taux d'approbation|taux d'approbation|m",
       "tasa de aprobación|tasas de aprobación|f", "acceptance rate", "approved share", "authorisation rate", "authorization rate"),
    _e(RATE, "rejection rate|rejection rates", "Ablehnungsquote|Ablehnungsquoten|f", "taux de refus|taux de refus|m",
       "tasa de rechazo|tasas de rechazo|f", "denial rate", "decline rate", "denied share", "rejected share", "claim denial rate"),
    _e(RATE, "refund rate|refund rates", "Erstattungsquote|Erstattungsquoten|f", "taux de remboursement|taux de remboursement|m",
       "tasa de reembolso|tasas de reembolso|f", "refunded share", "chargeback rate"),
    _e(RATE, "payment failure rate|payment failure rates", "Zahlungsfehlerquote|Zahlungsfehlerquoten|f",
       "taux d'échec des paiements|taux d'échec des paiements|m", "tasa de pagos fallidos|tasas de pagos fallidos|f",
       "failed payment rate", "payment failures", "failure rate", "failed share", "decline rate of payments"),
    _e(RATE, "on-time rate|on-time rates", "Pünktlichkeitsquote|Pünktlichkeitsquoten|f", "taux de ponctualité|taux de ponctualité|m",
       "tasa de puntualidad|tasas de puntualidad|f", "on time rate", "on-time delivery rate", "on-time delivery", "otd"),
    _e(RATE, "late delivery rate|late delivery rates", "Verspätungsquote|Verspätungsquoten|f", "taux de retard|taux de retard|m",
       "tasa de retrasos|tasas de retrasos|f", "late rate", "delay rate", "late share", "late deliveries", "delayed share"),
    _e(RATE, "upgrade rate|upgrade rates", "Upgrade-Quote|Upgrade-Quoten|f", "taux de montée en gamme|taux de montée en gamme|m",
       "tasa de mejora de plan|tasas de mejora de plan|f", "upgrades", "upsell rate", "expansion rate"),
    _e(RATE, "renewal rate|renewal rates", "Verlängerungsquote|Verlängerungsquoten|f", "taux de renouvellement|taux de renouvellement|m",
       "tasa de renovación|tasas de renovación|f", "renewals", "renewed share"),
    _e(RATE, "retention rate|retention rates", "Kundenbindungsrate|Kundenbindungsraten|f", "taux de rétention|taux de rétention|m",
       "tasa de retención|tasas de retención|f", "retention", "retained share"),
    _e(RATE, "win rate|win rates", "Abschlussquote|Abschlussquoten|f", "taux de transformation|taux de transformation|m",
       "tasa de cierre|tasas de cierre|f", "close rate", "won share", "quote acceptance rate", "hit rate"),
    _e(RATE, "complaint rate|complaint rates", "Beschwerdequote|Beschwerdequoten|f", "taux de réclamation|taux de réclamation|m",
       "tasa de reclamaciones|tasas de reclamaciones|f", "complaints", "escalation rate"),
    _e(RATE, "repeat purchase rate|repeat purchase rates", "Wiederkaufrate|Wiederkaufraten|f", "taux de réachat|taux de réachat|m",
       "tasa de recompra|tasas de recompra|f", "repeat rate", "repeat customer rate", "returning customer rate"),
    _e(RATE, "stockout rate|stockout rates", "Fehlbestandsquote|Fehlbestandsquoten|f", "taux de rupture|taux de rupture|m",
       "tasa de rotura de stock|tasas de rotura de stock|f", "out-of-stock rate", "stock-out rate", "stockouts"),
    _e(RATE, "defect rate|defect rates", "Fehlerquote|Fehlerquoten|f", "taux de défauts|taux de défauts|m",
       "tasa de defectos|tasas de defectos|f", "quality issue rate", "scrap rate", "defective share", "warranty claim rate",
       "failure share"),
    _e(RATE, "readmission rate|readmission rates", "Wiederaufnahmerate|Wiederaufnahmeraten|f", "taux de réadmission|taux de réadmission|m",
       "tasa de reingreso|tasas de reingreso|f", "readmissions"),
    _e(RATE, "attendance rate|attendance rates", "Teilnahmequote|Teilnahmequoten|f", "taux de présence|taux de présence|m",
       "tasa de asistencia|tasas de asistencia|f", "attendance", "show rate"),
    _e(RATE, "completion rate|completion rates", "Abschlussrate|Abschlussraten|f", "taux de réussite|taux de réussite|m",
       "tasa de finalización|tasas de finalización|f", "pass rate", "completed share", "graduation rate"),
    _e(RATE, "dropout rate|dropout rates", "Abbruchquote|Abbruchquoten|f", "taux d'abandon|taux d'abandon|m",
       "tasa de deserción|tasas de deserción|f", "drop-out rate", "withdrawal rate"),
    _e(RATE, "claim frequency|claim frequencies", "Schadenhäufigkeit|Schadenhäufigkeiten|f", "fréquence des sinistres|fréquences des sinistres|f",
       "frecuencia de siniestros|frecuencias de siniestros|f", "claims frequency", "claim rate"),
    _e(RATE, "fraud rate|fraud rates", "Betrugsverdachtsquote|Betrugsverdachtsquoten|f", "taux de suspicion de fraude|taux de suspicion de fraude|m",
       "tasa de sospecha de fraude|tasas de sospecha de fraude|f", "flagged rate", "suspected fraud rate", "fraud flag rate"),
    _e(RATE, "occupancy rate|occupancy rates", "Belegungsrate|Belegungsraten|f", "taux d'occupation|taux d'occupation|m",
       "tasa de ocupación|tasas de ocupación|f", "occupancy", "utilisation", "utilization", "utilisation rate",
       "utilization rate", "load factor", "vacancy rate"),
    _e(RATE, "loss ratio|loss ratios", "Schadenquote|Schadenquoten|f", "ratio de sinistralité|ratios de sinistralité|m",
       "índice de siniestralidad|índices de siniestralidad|m", "claims ratio", "loss rate"),
    _e(RATE, "gross margin|gross margins", "Bruttomarge|Bruttomargen|f", "taux de marge brute|taux de marge brute|m",
       "margen bruto|márgenes brutos|m", "margin", "margin rate", "gross margin rate", "margin pct", "gross margin pct",
       "margin percent", "profit margin", "food cost margin"),
    _e(RATE, "discount rate|discount rates", "Rabattquote|Rabattquoten|f", "taux de remise|taux de remise|m",
       "tasa de descuento|tasas de descuento|f", "discounted share", "promotion share", "promo share"),
    _e(RATE, "first-contact resolution rate|-", "Erstlösungsquote|Erstlösungsquoten|f",
       "taux de résolution au premier contact|-|m", "tasa de resolución en el primer contacto|-|f",
       "first contact resolution", "fcr"),
    _e(RATE, "dispute rate|dispute rates", "Beanstandungsquote|Beanstandungsquoten|f", "taux de litiges|taux de litiges|m",
       "tasa de disputas|tasas de disputas|f", "disputes", "disputed share"),
    _e(RATE, "backorder rate|backorder rates", "Rückstandsquote|Rückstandsquoten|f", "taux de reliquats|taux de reliquats|m",
       "tasa de pedidos pendientes|tasas de pedidos pendientes|f", "backorders", "backordered share"),
    _e(RATE, "damage rate|damage rates", "Beschädigungsquote|Beschädigungsquoten|f", "taux d'avaries|taux d'avaries|m",
       "tasa de daños|tasas de daños|f", "damaged share", "breakage rate"),
    _e(RATE, "abandonment rate|abandonment rates", "Abbruchrate|Abbruchraten|f", "taux d'abandon de panier|taux d'abandon de panier|m",
       "tasa de abandono de carrito|tasas de abandono de carrito|f", "cart abandonment", "basket abandonment rate"),
    _e(RATE, "late payment rate|late payment rates", "Zahlungsverzugsquote|Zahlungsverzugsquoten|f",
       "taux de retard de paiement|taux de retard de paiement|m", "tasa de pagos atrasados|tasas de pagos atrasados|f",
       "late payments", "overdue rate", "arrears"),
    _e(RATE, "write-off rate|write-off rates", "Abschreibungsquote|Abschreibungsquoten|f", "taux de passage en perte|taux de passage en perte|m",
       "tasa de incobrables|tasas de incobrables|f", "write off rate", "write-offs", "bad debt"),
    _e(RATE, "overrun rate|overrun rates", "Budgetüberschreitungsquote|Budgetüberschreitungsquoten|f",
       "taux de dépassement budgétaire|taux de dépassement budgétaire|m", "tasa de sobrecostes|tasas de sobrecostes|f",
       "budget overrun rate", "over budget rate", "overruns"),
    _e(RATE, "early termination rate|early termination rates", "Frühkündigungsquote|Frühkündigungsquoten|f",
       "taux de résiliation anticipée|taux de résiliation anticipée|m", "tasa de rescisión anticipada|tasas de rescisión anticipada|f",
       "lease break rate", "early closure rate", "early cancellation rate", "break rate"),
    _e(RATE, "temperature excursion rate|-", "Temperaturabweichungsquote|Temperaturabweichungsquoten|f",
       "taux d'écarts de température|taux d'écarts de température|m", "tasa de desviaciones de temperatura|tasas de desviaciones de temperatura|f",
       "excursion rate", "excursions"),
    _e(RATE, "estimated read rate|-", "Schätzquote|Schätzquoten|f", "taux de relevés estimés|taux de relevés estimés|m",
       "tasa de lecturas estimadas|tasas de lecturas estimadas|f", "estimated reads", "estimate rate"),
    _e(RATE, "waiver rate|waiver rates", "Gebührenbefreiungsquote|Gebührenbefreiungsquoten|f", "taux d'exonération|taux d'exonération|m",
       "tasa de exención|tasas de exención|f", "fee waiver rate", "waivers"),
    _e(RATE, "Gift Aid rate|-", "Gift-Aid-Quote|Gift-Aid-Quoten|f", "taux de Gift Aid|taux de Gift Aid|m",
       "tasa de Gift Aid|tasas de Gift Aid|f", "gift aid rate", "gift aid share"),
    _e(RATE, "quality claim rate|quality claim rates", "Qualitätsreklamationsquote|Qualitätsreklamationsquoten|f",
       "taux de réclamations qualité|taux de réclamations qualité|m", "tasa de reclamaciones de calidad|tasas de reclamaciones de calidad|f",
       "quality claims"),
    _e(RATE, "change order rate|change order rates", "Nachtragsquote|Nachtragsquoten|f", "taux d'avenants|taux d'avenants|m",
       "tasa de órdenes de cambio|tasas de órdenes de cambio|f", "change orders", "variation rate"),
    _e(RATE, "remake rate|remake rates", "Nachbesserungsquote|Nachbesserungsquoten|f", "taux de plats refaits|taux de plats refaits|m",
       "tasa de platos rehechos|tasas de platos rehechos|f", "remakes", "redo rate"),
    _e(RATE, "click-through rate|click-through rates", "Klickrate|Klickraten|f", "taux de clics|taux de clics|m",
       "tasa de clics|tasas de clics|f", "click rate", "ctr", "clicks"),
    _e(RATE, "open rate|open rates", "Öffnungsrate|Öffnungsraten|f", "taux d'ouverture|taux d'ouverture|m",
       "tasa de apertura|tasas de apertura|f", "opens"),
    _e(RATE, "share|shares", "Anteil|Anteile|m|gen=Anteils", "part|parts|f", "proporción|proporciones|f", "percentage"),
)


def _shape_entries() -> tuple[Entry, ...]:
    """``lexicon_shapes``' rows as entries, and its extra keys added to ours."""
    kinds = {ENTITY, AMOUNT, RATE, DURATION, SCORE, AVERAGE, QUANTITY}
    out: list[Entry] = []
    for row in lexicon_shapes.ROWS:
        if row[0] not in kinds or len(row) < 5:
            raise ValueError(f"lexicon_shapes row {row[:2]!r}: needs a kind of {sorted(kinds)} and four nouns")
        kind, en, de, fr, es, *keys = row
        out.append(_e(cast(Kind, kind), en, de, fr, es, *keys))
    by_key = {e.key: e for e in ENTRIES}
    for key, also in lexicon_shapes.ALSO.items():
        if key not in by_key:
            raise ValueError(f"lexicon_shapes.ALSO names {key!r}, which is no entry of the lexicon")
        e = by_key[key]
        out.append(dataclasses.replace(e, keys=tuple(sorted({*e.keys, *(a.lower() for a in also)}))))
    return tuple(out)


@functools.cache
def entries() -> tuple[Entry, ...]:
    """Every entry: the general table's, then the shapes' (an extra key's entry again)."""
    return (*ENTRIES, *_shape_entries())


@functools.cache
def _index() -> dict[str, list[Entry]]:
    out: dict[str, list[Entry]] = {}
    for e in entries():
        for k in e.keys:
            out.setdefault(normalise(k), []).append(e)
    return out


_NON_WORD = re.compile(r"[^a-z0-9%]+")


def normalise(text: str) -> str:
    """Lower case, words separated by one space: "Net_Revenue " -> "net revenue"."""
    return " ".join(_NON_WORD.sub(" ", text.lower().replace("-", " ")).split())


def lookup(text: str, kinds: tuple[Kind, ...] | None = None) -> Entry | None:
    """The entry whose key is ``text`` (normalised), optionally only of ``kinds``."""
    for e in _index().get(normalise(text), []):
        if kinds is None or e.kind in kinds:
            return e
    return None


def singular(word: str) -> str:
    """An English plural's singular, for matching ("categories" -> "category")."""
    w = word.lower()
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("s", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            return w[: -len(suffix)] + repl
    return w
