"""The names of business KPIs the presenter's notes list when the data cannot compute them
("Nicht angekündigt …: Konversionsrate und Wiederkaufrate"), in en, de, fr and es.

A KPI named by research is a free phrase ("net revenue retention", "sales by product"),
not a metric with a unit and a grammar; the notes only list it. ``kpi_name`` looks it up
here first (the names of the industries' KPIs, ``domain.industries``, written the way the
trade says them), then in the metric vocabulary (``lexicon``: "churn rate" is a concept
there), and otherwise gives ``None``: the caller quotes the phrase as research found it
rather than pass an English word off as German.
"""

from __future__ import annotations

from demoforge.language import lexicon

# English key (normalised) -> (de, fr, es). Abbreviations the trade says as they are
# (OEE, RevPAR, ROI) stay in every language.
NAMES: dict[str, tuple[str, str, str]] = {
    "active users": ("aktive Nutzer", "utilisateurs actifs", "usuarios activos"),
    "mrr": ("monatlich wiederkehrender Umsatz", "revenu mensuel récurrent", "ingresos mensuales recurrentes"),
    "net revenue retention": ("Netto-Umsatzbindung", "rétention nette du chiffre d'affaires",
                              "retención neta de ingresos"),
    "trial conversion": ("Konversionsrate der Testphase", "taux de conversion des essais",
                         "tasa de conversión de pruebas"),
    "net interest margin": ("Nettozinsmarge", "marge nette d'intérêt", "margen de intereses neto"),
    "deposits": ("Einlagen", "dépôts", "depósitos"),
    "appointments per day": ("Termine pro Tag", "rendez-vous par jour", "citas por día"),
    "revenue per customer": ("Umsatz pro Kunde", "chiffre d'affaires par client", "ingresos por cliente"),
    "gross written premium": ("gebuchte Bruttobeiträge", "primes émises brutes", "primas emitidas brutas"),
    # A restaurant's "sales" is its takings, not a count of sales.
    "sales": ("Umsatz", "ventes", "ventas"),
    "revenue per patient": ("Umsatz pro Patient", "chiffre d'affaires par patient", "ingresos por paciente"),
    "utilisation": ("Auslastung", "taux d'utilisation", "tasa de utilización"),
    "trial enrolment": ("Studienrekrutierung", "recrutement des essais cliniques", "reclutamiento de ensayos"),
    "batch yield": ("Chargenausbeute", "rendement des lots", "rendimiento por lote"),
    "sales by product": ("Umsatz nach Produkt", "ventes par produit", "ventas por producto"),
    "adverse event rate": ("Rate unerwünschter Ereignisse", "taux d'événements indésirables",
                           "tasa de acontecimientos adversos"),
    "time to market": ("Markteinführungszeit", "délai de mise sur le marché", "tiempo de comercialización"),
    "output volume": ("Produktionsmenge", "volume de production", "volumen de producción"),
    "oee": ("OEE (Gesamtanlageneffektivität)", "TRS (taux de rendement synthétique)",
            "OEE (eficiencia general de los equipos)"),
    "unit cost": ("Stückkosten", "coût unitaire", "coste unitario"),
    "cost per shipment": ("Kosten pro Sendung", "coût par envoi", "coste por envío"),
    "fleet utilisation": ("Flottenauslastung", "taux d'utilisation de la flotte", "utilización de la flota"),
    "revpar": ("RevPAR (Umsatz pro verfügbarem Zimmer)", "RevPAR (revenu par chambre disponible)",
               "RevPAR (ingresos por habitación disponible)"),
    "booking lead time": ("Buchungsvorlauf", "délai de réservation", "antelación de la reserva"),
    "average ticket": ("Durchschnittsbon", "ticket moyen", "ticket medio"),
    "food cost %": ("Wareneinsatzquote", "ratio coût matière", "porcentaje de coste de alimentos"),
    "top sellers": ("Verkaufsschlager", "meilleures ventes", "productos más vendidos"),
    "repeat customers": ("Stammkunden", "clients fidèles", "clientes recurrentes"),
    "audience reach": ("Reichweite", "audience touchée", "alcance de audiencia"),
    "watch time": ("Sehdauer", "durée de visionnage", "tiempo de visualización"),
    "revenue per title": ("Umsatz pro Titel", "chiffre d'affaires par titre", "ingresos por título"),
    "subscriber churn": ("Abonnentenabwanderung", "attrition des abonnés", "bajas de suscriptores"),
    "ticket sales": ("Ticketverkäufe", "ventes de billets", "venta de entradas"),
    "revenue per course": ("Umsatz pro Kurs", "chiffre d'affaires par cours", "ingresos por curso"),
    "average rent": ("Durchschnittsmiete", "loyer moyen", "alquiler medio"),
    "sales volume": ("Verkaufsvolumen", "volume des ventes", "volumen de ventas"),
    "lead conversion": ("Lead-Konversionsrate", "taux de conversion des prospects", "tasa de conversión de leads"),
    "installed capacity": ("installierte Leistung", "puissance installée", "capacidad instalada"),
    "outage minutes": ("Ausfallminuten", "minutes de coupure", "minutos de interrupción"),
    "self-consumption": ("Eigenverbrauch", "autoconsommation", "autoconsumo"),
    "network availability": ("Netzverfügbarkeit", "disponibilité du réseau", "disponibilidad de la red"),
    "net adds": ("Nettozugänge", "recrutement net", "altas netas"),
    "service revenue": ("Serviceumsatz", "chiffre d'affaires après-vente", "ingresos por servicios"),
    "parts margin": ("Teilemarge", "marge sur pièces", "margen de recambios"),
    "inventory days": ("Lagerreichweite in Tagen", "jours de stock", "días de inventario"),
    "billable utilisation": ("fakturierbare Auslastung", "taux de facturation", "utilización facturable"),
    "revenue per client": ("Umsatz pro Mandant", "chiffre d'affaires par client", "ingresos por cliente"),
    "realisation rate": ("Realisierungsquote", "taux de réalisation", "tasa de realización"),
    "project margin": ("Projektmarge", "marge sur projet", "margen del proyecto"),
    "new clients": ("Neukunden", "nouveaux clients", "clientes nuevos"),
    "cases handled": ("bearbeitete Vorgänge", "dossiers traités", "expedientes tramitados"),
    "service satisfaction": ("Zufriedenheit mit dem Service", "satisfaction à l'égard du service",
                             "satisfacción con el servicio"),
    "budget execution": ("Haushaltsvollzug", "exécution budgétaire", "ejecución presupuestaria"),
    "requests per channel": ("Anfragen je Kanal", "demandes par canal", "solicitudes por canal"),
    "donor retention": ("Spenderbindung", "fidélisation des donateurs", "retención de donantes"),
    "member growth": ("Mitgliederwachstum", "croissance du nombre de membres", "crecimiento de socios"),
    "campaign roi": ("Kampagnen-ROI", "ROI des campagnes", "ROI de las campañas"),
    "volunteer hours": ("Ehrenamtsstunden", "heures de bénévolat", "horas de voluntariado"),
    "yield per hectare": ("Ertrag pro Hektar", "rendement à l'hectare", "rendimiento por hectárea"),
    "harvest volume": ("Erntemenge", "volume de récolte", "volumen de cosecha"),
    "input cost": ("Betriebsmittelkosten", "coût des intrants", "coste de los insumos"),
    "sales by crop": ("Umsatz nach Kultur", "ventes par culture", "ventas por cultivo"),
    "equipment utilisation": ("Maschinenauslastung", "taux d'utilisation des équipements",
                              "utilización de la maquinaria"),
    "on-time completion": ("termingerechte Fertigstellung", "achèvement dans les délais",
                           "finalización en plazo"),
    "cost overrun": ("Kostenüberschreitung", "dépassement des coûts", "sobrecoste"),
    "backlog": ("Auftragsbestand", "carnet de commandes", "cartera de pedidos"),
    "growth": ("Wachstum", "croissance", "crecimiento"),
}
_LANGS = ("de", "fr", "es")


def kpi_name(kpi: str, lang: str) -> str | None:
    """``kpi`` as the trade names it in ``lang``, or None when no word for it is known.
    English gives the KPI as research wrote it."""
    text = kpi.strip()
    if lang == "en":
        return text
    if lang not in _LANGS:
        return None
    key = lexicon.normalise(text)
    for k, names in NAMES.items():
        if lexicon.normalise(k) == key:
            return names[_LANGS.index(lang)]
    return None
