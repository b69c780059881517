"""Story arcs of the demo script, per language: the title and the business implication
of each kind of the story library (``stories.kinds.KINDS``).

``scripts`` merges them into its ``TEXTS`` as ``story_<kind>`` and ``impl_<kind>``.
"""

from __future__ import annotations

# Story arcs: a title and the business implication of each kind of the library.
STORY: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "margin_erosion_product_line": ("Margin erosion in {subject} since {date}",
            "Costs in {subject} rose while prices stayed put: review purchasing or pricing before the margin loss spreads."),
        "delivery_delays_region": ("Delivery delays in {subject} since {date}",
            "Customers in {subject} wait about {factor}× as long: check the carrier and the warehouse serving that region."),
        "carrier_delays": ("{subject} is the slow carrier",
            "Shifting volume away from {subject}, or renegotiating its service level, shortens delivery for everyone."),
        "late_deliveries_region": ("Late deliveries to {subject} since {date}",
            "A local bottleneck since {date}: fix it before it shows in reviews and repeat orders."),
        "promotion_cannibalisation": ("The {subject} promotion cannibalised {other}",
            "The promotion moved demand between two products instead of adding it: plan the next one on net effect."),
        "churn_after_price_change": ("Churn on {subject} after the price change in {date}",
            "The price change cost customers on {subject}: a retention offer for that plan pays for itself."),
        "churn_cohort": ("The {period} cohort churns",
            "Something in how customers were won in {period} did not last: compare that quarter's campaigns and offers."),
        "segment_churn": ("{subject} customers churn",
            "{subject} customers leave far more often: a targeted retention programme has a clear audience."),
        "channel_shift": ("The shift to {subject} since {date}",
            "Demand is moving to {subject}: staffing, stock and marketing budget should follow."),
        "seasonal_offering_peak": ("{subject} peaks every {season}",
            "Plan stock, staff and campaigns for {subject} around {months}."),
        "winter_offering_peak": ("{subject} peaks every {season}",
            "Plan stock, staff and campaigns for {subject} around {months}."),
        "local_seasonal_peak": ("{subject} has its own season",
            "{subject} is busiest in {months}: regional planning beats one national calendar."),
        "supplier_quality_problem": ("A quality problem at {subject}",
            "Goods from {subject} come back far more often: raise it with the supplier, with the numbers in hand."),
        "location_refit_uplift": ("{subject} after its refit",
            "The refit at {subject} paid off: a case for rolling the format out to other sites."),
        "location_decline": ("{subject} losing ground since {date}",
            "{subject} has been losing business since {date}: look at local competition and service before it goes further."),
        "bestseller_surge": ("{subject} takes off",
            "{subject} took off in {date}: secure stock and give it more visibility."),
        "product_line_decline": ("{subject} sliding since {date}",
            "{subject} has been losing sales since {date}: review range, pricing and placement."),
        "price_increase_volume_drop": ("{subject} after the price increase",
            "The price increase on {subject} cost volume: check whether the higher price still earns more overall."),
        "regional_basket_size": ("Bigger baskets in {subject}",
            "Customers in {subject} spend about {factor}× the average: what works there can be copied elsewhere."),
        "premium_segment_spend": ("{subject}: the most valuable customers",
            "{subject} customers spend about {factor}× the others: they deserve their own offers and service."),
        "top_performer": ("{subject} closes the biggest deals",
            "{subject} closes deals about {factor}× the team's average: turn that approach into coaching."),
        "regional_failure_hotspot": ("A problem hotspot in {subject}",
            "Far more business fails in {subject} than elsewhere: a local process or partner issue worth a visit."),
        "channel_failure_hotspot": ("Trouble in the {subject} channel",
            "Business through {subject} fails far more often: fix that channel's process before pushing more volume into it."),
        "payment_failures_by_method": ("Failed payments by {subject}",
            "Payments by {subject} fail far more often: talk to the provider, or steer customers to another method."),
        "product_return_spike": ("{subject} comes back too often",
            "{subject} is returned far more than anything else: check its description, sizing or quality."),
        "offering_complaints": ("Complaints about {subject}",
            "{subject} draws far more complaints than anything else on offer: read what people say about it and "
            "fix the cause before it costs repeat business."),
        "claims_fraud_cluster": ("A claims cluster in {subject} since {date}",
            "Claims from {subject} cost about {factor}× as much since {date}: a case for the fraud team."),
        "claims_severity_line": ("Expensive claims on {subject}",
            "Claims on {subject} cost about {factor}× the average: revisit its pricing and terms."),
        "noshow_hotspot": ("No-shows at {subject}",
            "Reminders and overbooking rules at {subject} would win back lost appointments."),
        "noshow_weekday": ("No-shows on {weekday}",
            "Reminders before {weekday} appointments would win back lost slots."),
        "upgrade_funnel": ("{subject} converts best",
            "{subject} converts far better than the rest: put more of the funnel through it."),
        "lead_source_quality": ("The best deals come through {subject}",
            "Deals from {subject} are won far more often: invest where the pipeline closes."),
        "staff_error_hotspot": ("Unusual cancellations at {subject}",
            "{subject}'s rate is far above the team's: a training need, or a process that needs a look."),
        "slow_resolution_category": ("{subject} takes too long",
            "{subject} cases take about {factor}× as long: a dedicated queue or a clearer process would help."),
        "long_waits_location": ("Long waits at {subject}",
            "People at {subject} wait about {factor}× as long: capacity there is the bottleneck."),
        "occupancy_dip_after_date": ("{subject} falling behind since {date}",
            "{subject} has fallen behind since {date}: find out what changed there."),
        "campaign_response": ("{subject} raises the most",
            "{subject} brings in about {factor}× the average gift: build the next campaign on it."),
        "fraud_flag_hotspot": ("Fraud flags cluster: {subject}",
            "{subject} stands out: far more of its business is flagged for fraud than the rest. Hand the cases to the "
            "fraud investigators and tighten the checks before more business is signed."),
        "fraud_flag_offering": ("{subject} attracts fraud",
            "Business through {subject} is flagged for fraud far more often than the rest: the loophole is in how it "
            "is sold or checked, so close it there rather than region by region."),
        "risk_flag_hotspot": ("{subject} leads: {metric} far above the rest",
            "{subject} carries far more of this risk than the rest: review the limits, the checks and who is approved "
            "there before the losses follow."),
        "discount_creep": ("Discount creep since {date}: {subject}",
            "{subject} since {date}: far more business there runs on a special discount. Check who approves the "
            "discounts and whether they still win business that would otherwise be lost."),
        "usage_decline_region": ("Usage falling in {subject} since {date}",
            "Accounts in {subject} have been using the product far less since {date}: disengagement comes before "
            "cancellation, so a customer-success campaign there pays for itself."),
    },
    "de": {
        "margin_erosion_product_line": ("Margenverfall bei {subject} seit {date}",
            "Bei {subject} sind die Kosten gestiegen, die Preise nicht: Einkauf oder Preise prüfen, bevor sich der "
            "Margenverlust ausweitet."),
        "delivery_delays_region": ("Lieferverzögerungen in {subject} seit {date}",
            "Kunden in {subject} warten etwa {factor}-mal so lange: Versanddienstleister und zuständiges Lager prüfen."),
        "carrier_delays": ("{subject} liefert am langsamsten",
            "Weniger Volumen über {subject} oder ein neu verhandelter Service-Level verkürzt die Lieferzeit für alle."),
        "late_deliveries_region": ("Verspätete Lieferungen nach {subject} seit {date}",
            "Seit {date} gibt es einen örtlichen Engpass: beheben, bevor er sich in Bewertungen und Wiederkäufen zeigt."),
        "promotion_cannibalisation": ("Die Aktion für {subject} kannibalisiert {other}",
            "Die Aktion hat Nachfrage zwischen zwei Produkten verschoben, statt neue zu schaffen: die nächste nach dem "
            "Nettoeffekt planen."),
        "churn_after_price_change": ("Kündigungen bei {subject} nach der Preisänderung",
            "Die Preisänderung hat Kunden mit {subject} gekostet: ein Halteangebot für diesen Tarif rechnet sich."),
        "churn_cohort": ("Die Kohorte aus dem {period} wandert ab",
            "Was im {period} Kunden gewonnen hat, hat nicht gehalten: Kampagnen und Angebote dieses Quartals vergleichen."),
        "segment_churn": ("Abwanderung im Segment {subject}",
            "Kunden im Segment {subject} gehen deutlich öfter: Ein gezieltes Bindungsprogramm hat eine klare Zielgruppe."),
        "channel_shift": ("Verlagerung zu {subject} seit {date}",
            "Die Nachfrage wandert zu {subject}: Personal, Bestand und Marketingbudget sollten folgen."),
        "seasonal_offering_peak": ("{subject}: Hochsaison im {season}",
            "Bestand, Personal und Kampagnen für {subject} auf die Monate {months} ausrichten."),
        "winter_offering_peak": ("{subject}: Hochsaison im {season}",
            "Bestand, Personal und Kampagnen für {subject} auf die Monate {months} ausrichten."),
        "local_seasonal_peak": ("{subject} hat eine eigene Saison",
            "In {subject} ist in den Monaten {months} am meisten los: Regionale Planung schlägt einen landesweiten "
            "Kalender."),
        "supplier_quality_problem": ("Qualitätsproblem bei {subject}",
            "Ware von {subject} kommt deutlich öfter zurück: mit den Zahlen in der Hand beim Lieferanten ansprechen."),
        "location_refit_uplift": ("{subject} nach dem Umbau",
            "Der Umbau von {subject} hat sich gelohnt: ein Argument, das Konzept auf weitere Standorte zu übertragen."),
        "location_decline": ("{subject} verliert seit {date}",
            "{subject} verliert seit {date} Geschäft: Wettbewerb und Service vor Ort prüfen, bevor es weitergeht."),
        "bestseller_surge": ("{subject} hebt ab",
            "{subject} ist seit {date} stark gefragt: Bestand sichern und sichtbarer platzieren."),
        "product_line_decline": ("{subject} schwächelt seit {date}",
            "{subject} verliert seit {date} Umsatz: Sortiment, Preise und Platzierung überprüfen."),
        "price_increase_volume_drop": ("{subject} nach der Preiserhöhung",
            "Die Preiserhöhung bei {subject} hat Absatz gekostet: prüfen, ob der höhere Preis unter dem Strich mehr "
            "einbringt."),
        "regional_basket_size": ("Größere Warenkörbe in {subject}",
            "Kunden in {subject} geben etwa {factor}-mal so viel aus wie im Schnitt: Was dort funktioniert, lässt sich "
            "übertragen."),
        "premium_segment_spend": ("{subject}: die wertvollsten Kunden",
            "Kunden im Segment {subject} geben etwa {factor}-mal so viel aus wie die anderen: Sie verdienen eigene "
            "Angebote und eigenen Service."),
        "top_performer": ("{subject} schließt die größten Aufträge ab",
            "{subject} schließt Aufträge über dem {factor}-Fachen des Teamdurchschnitts ab: dieses Vorgehen ins "
            "Coaching übernehmen."),
        "regional_failure_hotspot": ("Problemzone {subject}",
            "In {subject} scheitert deutlich mehr Geschäft als anderswo: ein Prozess- oder Partnerproblem vor Ort, das "
            "einen Besuch wert ist."),
        "channel_failure_hotspot": ("Probleme im Kanal {subject}",
            "Über {subject} scheitert deutlich mehr Geschäft: den Prozess dieses Kanals verbessern, bevor mehr Volumen "
            "hineingeht."),
        "payment_failures_by_method": ("Fehlgeschlagene Zahlungen per {subject}",
            "Zahlungen per {subject} scheitern deutlich öfter: mit dem Anbieter sprechen oder Kunden zu einer anderen "
            "Zahlungsart lenken."),
        "product_return_spike": ("{subject} kommt zu oft zurück",
            "{subject} wird deutlich öfter zurückgeschickt als alles andere: Beschreibung, Größen oder Qualität prüfen."),
        "offering_complaints": ("Beschwerden über {subject}",
            "Über {subject} beschweren sich weit mehr Kunden als über alles andere im Angebot: lesen, was sie "
            "bemängeln, und die Ursache beheben, bevor Stammkunden ausbleiben."),
        "claims_fraud_cluster": ("Auffällige Schäden aus {subject} seit {date}",
            "Schäden aus {subject} kosten seit {date} etwa {factor}-mal so viel: ein Fall für die Betrugsprüfung."),
        "claims_severity_line": ("Teure Schäden bei {subject}",
            "Schäden bei {subject} kosten etwa {factor}-mal so viel wie im Schnitt: Tarif und Bedingungen überprüfen."),
        "noshow_hotspot": ("No-Shows bei {subject}",
            "Erinnerungen und Überbuchungsregeln bei {subject} holen verlorene Termine zurück."),
        "noshow_weekday": ("No-Shows am {weekday}",
            "Erinnerungen vor Terminen am {weekday} holen verlorene Termine zurück."),
        "upgrade_funnel": ("{subject} konvertiert am besten",
            "{subject} konvertiert deutlich besser als der Rest: mehr des Trichters darüber führen."),
        "lead_source_quality": ("Die besten Abschlüsse kommen über {subject}",
            "Aufträge über {subject} werden deutlich öfter gewonnen: dort investieren, wo die Pipeline abschließt."),
        "staff_error_hotspot": ("Auffällig viele Stornos bei {subject}",
            "Die Quote bei {subject} liegt weit über der des Teams: ein Schulungsbedarf oder ein Prozess, den man "
            "ansehen sollte."),
        "slow_resolution_category": ("{subject} dauert zu lange",
            "Vorgänge vom Typ {subject} dauern etwa {factor}-mal so lange: eine eigene Warteschlange oder ein klarerer "
            "Ablauf hilft."),
        "long_waits_location": ("Lange Wartezeiten in {subject}",
            "In {subject} wartet man etwa {factor}-mal so lange: Dort ist die Kapazität der Engpass."),
        "occupancy_dip_after_date": ("{subject} fällt seit {date} zurück",
            "{subject} ist seit {date} zurückgefallen: herausfinden, was sich dort geändert hat."),
        "campaign_response": ("{subject} bringt am meisten ein",
            "{subject} bringt etwa das {factor}-Fache der durchschnittlichen Spende: die nächste Kampagne darauf "
            "aufbauen."),
        "fraud_flag_hotspot": ("Gehäufter Betrugsverdacht: {subject}",
            "{subject} sticht heraus: Dort wird weit mehr Geschäft wegen Betrugsverdachts markiert als im Rest. Die "
            "Fälle an die Betrugsermittlung geben und die Prüfungen verschärfen, bevor weiteres Geschäft abgeschlossen "
            "wird."),
        "fraud_flag_offering": ("{subject} zieht Betrug an",
            "Geschäft über {subject} wird weit öfter wegen Betrugsverdachts markiert als der Rest: Die Lücke liegt "
            "darin, wie es verkauft oder geprüft wird, also dort schließen statt Region für Region."),
        "risk_flag_hotspot": ("{subject} an der Spitze: {metric} weit über dem Rest",
            "{subject} trägt weit mehr von diesem Risiko als der Rest: Limits, Prüfungen und Freigaben dort "
            "überprüfen, bevor die Verluste folgen."),
        "discount_creep": ("Rabatte nehmen seit {date} zu: {subject}",
            "{subject} seit {date}: Dort läuft weit mehr Geschäft mit Sonderrabatt. Prüfen, wer die Rabatte freigibt "
            "und ob sie noch Geschäft gewinnen, das sonst verloren ginge."),
        "usage_decline_region": ("Nutzung in {subject} sinkt seit {date}",
            "Kunden in {subject} nutzen das Produkt seit {date} deutlich weniger: Wer sich abwendet, kündigt als "
            "Nächstes, eine gezielte Betreuungsaktion dort zahlt sich aus."),
    },
    "fr": {
        "margin_erosion_product_line": ("Érosion des marges sur {subject} depuis {date}",
            "Les coûts sur {subject} ont augmenté sans les prix : revoyez achats ou tarifs avant que la perte de marge "
            "ne s'étende."),
        "delivery_delays_region": ("Retards de livraison vers la zone {subject} depuis {date}",
            "Dans la zone {subject}, les clients attendent environ {factor} fois plus longtemps : vérifiez le "
            "transporteur et l'entrepôt qui la desservent."),
        "carrier_delays": ("{subject}, le transporteur le plus lent",
            "Réduire le volume confié à {subject}, ou renégocier son niveau de service, raccourcit les délais pour tous."),
        "late_deliveries_region": ("Livraisons en retard vers la zone {subject} depuis {date}",
            "Un goulet d'étranglement local depuis {date} : à corriger avant qu'il ne se voie dans les avis et les "
            "commandes répétées."),
        "promotion_cannibalisation": ("La promotion sur {subject} a cannibalisé {other}",
            "La promotion a déplacé la demande d'un produit à l'autre au lieu d'en créer : planifiez la prochaine sur "
            "l'effet net."),
        "churn_after_price_change": ("Résiliations sur {subject} après le changement de prix",
            "Le changement de prix a coûté des clients sur {subject} : une offre de fidélisation pour cette formule est "
            "rentable."),
        "churn_cohort": ("La cohorte du {period} s'en va",
            "Ce qui a fait venir les clients au {period} n'a pas duré : comparez les campagnes et les offres de ce "
            "trimestre."),
        "segment_churn": ("Départs dans le segment {subject}",
            "Les clients du segment {subject} partent bien plus souvent : un programme de fidélisation ciblé a un "
            "public tout trouvé."),
        "channel_shift": ("Le basculement vers {subject} depuis {date}",
            "La demande se déplace vers {subject} : effectifs, stocks et budget marketing doivent suivre."),
        "seasonal_offering_peak": ("{subject}, au sommet chaque {season}",
            "Planifiez stocks, équipes et campagnes pour {subject} autour de {months}."),
        "winter_offering_peak": ("{subject}, au sommet chaque {season}",
            "Planifiez stocks, équipes et campagnes pour {subject} autour de {months}."),
        "local_seasonal_peak": ("{subject} a sa propre saison",
            "{subject} est au plus fort en {months} : une planification régionale vaut mieux qu'un calendrier national."),
        "supplier_quality_problem": ("Un problème de qualité chez {subject}",
            "Les produits de {subject} reviennent bien plus souvent : abordez le sujet avec le fournisseur, chiffres à "
            "l'appui."),
        "location_refit_uplift": ("{subject} après sa rénovation",
            "La rénovation de {subject} a porté ses fruits : un argument pour étendre le concept à d'autres sites."),
        "location_decline": ("{subject} recule depuis {date}",
            "{subject} perd de l'activité depuis {date} : examinez la concurrence locale et le service avant que cela "
            "ne s'aggrave."),
        "bestseller_surge": ("{subject} décolle",
            "{subject} a décollé en {date} : sécurisez le stock et donnez-lui plus de visibilité."),
        "product_line_decline": ("{subject} en recul depuis {date}",
            "{subject} perd des ventes depuis {date} : revoyez l'assortiment, les prix et la mise en avant."),
        "price_increase_volume_drop": ("{subject} après la hausse de prix",
            "La hausse de prix sur {subject} a coûté du volume : vérifiez si le prix plus élevé rapporte encore plus au "
            "total."),
        "regional_basket_size": ("Des paniers plus gros dans la zone {subject}",
            "Dans la zone {subject}, les clients dépensent environ {factor} fois la moyenne : ce qui marche là-bas "
            "peut être reproduit ailleurs."),
        "premium_segment_spend": ("Les clients les plus précieux : le segment {subject}",
            "Les clients du segment {subject} dépensent environ {factor} fois plus que les autres : ils méritent leurs "
            "propres offres et leur propre service."),
        "top_performer": ("{subject} signe les plus gros contrats",
            "{subject} signe des contrats d'environ {factor} fois la moyenne de l'équipe : faites-en un modèle de "
            "coaching."),
        "regional_failure_hotspot": ("Point noir dans la zone {subject}",
            "Dans la zone {subject}, bien plus d'affaires échouent qu'ailleurs : un problème local de processus ou "
            "de partenaire qui mérite une visite."),
        "channel_failure_hotspot": ("Des difficultés sur le canal {subject}",
            "Les affaires passées par {subject} échouent bien plus souvent : corrigez le processus de ce canal avant "
            "d'y envoyer plus de volume."),
        "payment_failures_by_method": ("Paiements échoués par {subject}",
            "Les paiements par {subject} échouent bien plus souvent : parlez-en au prestataire ou orientez les clients "
            "vers un autre moyen."),
        "product_return_spike": ("{subject} revient trop souvent",
            "{subject} est retourné bien plus que tout le reste : vérifiez sa description, ses tailles ou sa qualité."),
        "offering_complaints": ("Des réclamations sur {subject}",
            "{subject} suscite bien plus de réclamations que tout le reste de l'offre : lisez ce que les clients "
            "en disent et corrigez le problème à la source avant de perdre leur fidélité."),
        "claims_fraud_cluster": ("Foyer de sinistres dans la zone {subject} depuis {date}",
            "Depuis {date}, les sinistres liés à {subject} coûtent environ {factor} fois plus : un dossier pour "
            "l'équipe antifraude."),
        "claims_severity_line": ("Des sinistres coûteux sur {subject}",
            "Les sinistres sur {subject} coûtent environ {factor} fois la moyenne : revoyez tarification et conditions."),
        "noshow_hotspot": ("Rendez-vous manqués chez {subject}",
            "Des rappels et des règles de surréservation chez {subject} récupéreraient des rendez-vous perdus."),
        "noshow_weekday": ("Rendez-vous manqués le {weekday}",
            "Des rappels avant les rendez-vous du {weekday} récupéreraient des créneaux perdus."),
        "upgrade_funnel": ("{subject} convertit le mieux",
            "{subject} convertit bien mieux que le reste : faites-y passer une plus grande part du tunnel."),
        "lead_source_quality": ("Les meilleures affaires viennent de {subject}",
            "Les affaires venues de {subject} sont bien plus souvent gagnées : investissez là où le pipeline se "
            "concrétise."),
        "staff_error_hotspot": ("Des annulations inhabituelles chez {subject}",
            "Le taux de {subject} dépasse largement celui de l'équipe : un besoin de formation, ou un processus à "
            "examiner."),
        "slow_resolution_category": ("{subject} prend trop de temps",
            "Les dossiers {subject} prennent environ {factor} fois plus de temps : une file dédiée ou un processus plus "
            "clair aiderait."),
        "long_waits_location": ("Longues attentes sur le site {subject}",
            "Sur le site {subject}, on attend environ {factor} fois plus longtemps : la capacité y est le goulet "
            "d'étranglement."),
        "occupancy_dip_after_date": ("{subject} décroche depuis {date}",
            "{subject} a décroché depuis {date} : cherchez ce qui a changé sur place."),
        "campaign_response": ("{subject} rapporte le plus",
            "{subject} rapporte environ {factor} fois le don moyen : construisez la prochaine campagne sur ce modèle."),
        "fraud_flag_hotspot": ("Soupçons de fraude concentrés : {subject}",
            "{subject} se distingue : bien plus d'affaires y sont signalées pour suspicion de fraude que dans le "
            "reste. Confiez les dossiers aux enquêteurs antifraude et renforcez les contrôles avant de conclure de "
            "nouvelles affaires."),
        "fraud_flag_offering": ("{subject} attire la fraude",
            "Les affaires passant par {subject} sont bien plus souvent signalées pour suspicion de fraude que le "
            "reste : la faille tient à la façon de vendre ou de contrôler, comblez-la là plutôt que région par région."),
        "risk_flag_hotspot": ("{subject} en tête : {metric} bien au-dessus du reste",
            "{subject} concentre bien plus ce risque que le reste : revoyez les limites, les contrôles et les "
            "accords qui y sont donnés avant que les pertes ne suivent."),
        "discount_creep": ("Remises en hausse depuis {date} : {subject}",
            "{subject} depuis {date} : bien plus d'affaires y sont conclues avec une remise spéciale. Vérifiez qui "
            "accorde ces remises et si elles gagnent encore des affaires qui seraient sinon perdues."),
        "usage_decline_region": ("L'usage recule dans la zone {subject} depuis {date}",
            "Les comptes de la zone {subject} utilisent bien moins le produit depuis {date} : le désengagement "
            "précède la résiliation, une action ciblée d'accompagnement client y est rentable."),
    },
    "es": {
        "margin_erosion_product_line": ("Erosión del margen en {subject} desde {date}",
            "Los costes de {subject} subieron y los precios no: revisen compras o precios antes de que la pérdida de "
            "margen se extienda."),
        "delivery_delays_region": ("Retrasos en las entregas en {subject} desde {date}",
            "Los clientes de {subject} esperan unas {factor} veces más: revisen el transportista y el almacén que "
            "atienden esa región."),
        "carrier_delays": ("{subject}, el transportista más lento",
            "Reducir el volumen que se confía a {subject}, o renegociar su nivel de servicio, acorta la entrega para "
            "todos."),
        "late_deliveries_region": ("Entregas tardías a {subject} desde {date}",
            "Un cuello de botella local desde {date}: conviene resolverlo antes de que se note en las reseñas y en la "
            "repetición de compra."),
        "promotion_cannibalisation": ("La promoción de {subject} canibalizó {other}",
            "La promoción movió la demanda de un producto a otro en lugar de aumentarla: planifiquen la próxima según "
            "su efecto neto."),
        "churn_after_price_change": ("Bajas en {subject} tras el cambio de precio",
            "El cambio de precio costó clientes en {subject}: una oferta de retención para ese plan se paga sola."),
        "churn_cohort": ("La cohorte del {period} se marcha",
            "Lo que atrajo clientes en el {period} no duró: comparen las campañas y ofertas de ese trimestre."),
        "segment_churn": ("Bajas en el segmento {subject}",
            "Los clientes del segmento {subject} se van mucho más a menudo: un programa de retención específico tiene "
            "un público claro."),
        "channel_shift": ("El paso a {subject} desde {date}",
            "La demanda se desplaza a {subject}: personal, existencias y presupuesto de marketing deberían seguirla."),
        "seasonal_offering_peak": ("{subject}, en su punto máximo cada {season}",
            "Planifiquen existencias, personal y campañas de {subject} en torno a {months}."),
        "winter_offering_peak": ("{subject}, en su punto máximo cada {season}",
            "Planifiquen existencias, personal y campañas de {subject} en torno a {months}."),
        "local_seasonal_peak": ("{subject} tiene su propia temporada",
            "{subject} tiene más actividad en {months}: una planificación regional funciona mejor que un calendario "
            "nacional."),
        "supplier_quality_problem": ("Un problema de calidad en {subject}",
            "Los productos de {subject} se devuelven mucho más a menudo: plantéenlo al proveedor con las cifras en la "
            "mano."),
        "location_refit_uplift": ("{subject} tras la reforma",
            "La reforma de {subject} ha dado resultado: un argumento para llevar el formato a otros centros."),
        "location_decline": ("{subject} pierde terreno desde {date}",
            "{subject} pierde negocio desde {date}: revisen la competencia local y el servicio antes de que vaya a más."),
        "bestseller_surge": ("{subject} despega",
            "{subject} despegó en {date}: aseguren existencias y denle más visibilidad."),
        "product_line_decline": ("{subject} cae desde {date}",
            "{subject} pierde ventas desde {date}: revisen surtido, precios y presentación."),
        "price_increase_volume_drop": ("{subject} tras la subida de precio",
            "La subida de precio de {subject} costó volumen: comprueben si el precio más alto sigue dejando más en "
            "total."),
        "regional_basket_size": ("Cestas más grandes en {subject}",
            "Los clientes de {subject} gastan unas {factor} veces la media: lo que funciona allí se puede copiar en "
            "otros sitios."),
        "premium_segment_spend": ("{subject}: los clientes más valiosos",
            "Los clientes del segmento {subject} gastan unas {factor} veces más que los demás: merecen ofertas y "
            "servicio propios."),
        "top_performer": ("{subject} cierra las operaciones más grandes",
            "{subject} cierra operaciones de unas {factor} veces la media del equipo: conviertan ese método en "
            "formación."),
        "regional_failure_hotspot": ("Un punto crítico en {subject}",
            "En {subject} fracasa mucho más negocio que en otros sitios: un problema local de proceso o de socio que "
            "merece una visita."),
        "channel_failure_hotspot": ("Problemas en el canal {subject}",
            "El negocio que entra por {subject} fracasa mucho más a menudo: arreglen el proceso de ese canal antes de "
            "enviarle más volumen."),
        "payment_failures_by_method": ("Pagos fallidos con {subject}",
            "Los pagos con {subject} fallan mucho más a menudo: hablen con el proveedor o dirijan a los clientes a otro "
            "método."),
        "product_return_spike": ("{subject} se devuelve demasiado",
            "{subject} se devuelve mucho más que cualquier otra cosa: revisen su descripción, tallas o calidad."),
        "offering_complaints": ("Quejas sobre {subject}",
            "{subject} recibe muchas más quejas que cualquier otra parte de la oferta: lean lo que dicen los clientes "
            "y corrijan la causa antes de perder su fidelidad."),
        "claims_fraud_cluster": ("Un foco de siniestros en {subject} desde {date}",
            "Desde {date}, los siniestros de {subject} cuestan unas {factor} veces más: un caso para el equipo "
            "antifraude."),
        "claims_severity_line": ("Siniestros caros en {subject}",
            "Los siniestros de {subject} cuestan unas {factor} veces la media: revisen su tarificación y sus "
            "condiciones."),
        "noshow_hotspot": ("Inasistencias en {subject}",
            "Recordatorios y reglas de sobreventa en {subject} recuperarían citas perdidas."),
        "noshow_weekday": ("Inasistencias los {weekday}",
            "Los recordatorios antes de las citas del {weekday} recuperarían huecos perdidos."),
        "upgrade_funnel": ("{subject} es lo que mejor convierte",
            "{subject} convierte mucho mejor que el resto: hagan pasar por ahí una mayor parte del embudo."),
        "lead_source_quality": ("Las mejores operaciones llegan por {subject}",
            "Las operaciones que llegan por {subject} se ganan mucho más a menudo: inviertan donde se cierran las "
            "operaciones."),
        "staff_error_hotspot": ("Cancelaciones inusuales en {subject}",
            "La tasa de {subject} está muy por encima de la del equipo: una necesidad de formación o un proceso que "
            "revisar."),
        "slow_resolution_category": ("{subject} tarda demasiado",
            "Los casos de {subject} tardan unas {factor} veces más: una cola propia o un proceso más claro ayudaría."),
        "long_waits_location": ("Largas esperas en {subject}",
            "En {subject} se espera unas {factor} veces más: allí la capacidad es el cuello de botella."),
        "occupancy_dip_after_date": ("{subject} se queda atrás desde {date}",
            "{subject} se ha quedado atrás desde {date}: averigüen qué cambió allí."),
        "campaign_response": ("{subject} es lo que más recauda",
            "{subject} recauda unas {factor} veces la donación media: construyan la próxima campaña sobre ella."),
        "fraud_flag_hotspot": ("Sospechas de fraude concentradas: {subject}",
            "{subject} destaca: allí se marca mucho más negocio por sospecha de fraude que en el resto. Pasen los "
            "casos a los investigadores de fraude y refuercen los controles antes de cerrar más negocio."),
        "fraud_flag_offering": ("{subject} atrae el fraude",
            "El negocio que entra por {subject} se marca por sospecha de fraude mucho más a menudo que el resto: el "
            "fallo está en cómo se vende o se comprueba, así que ciérrenlo ahí y no región por región."),
        "risk_flag_hotspot": ("{subject} a la cabeza: {metric} muy por encima del resto",
            "{subject} concentra mucho más este riesgo que el resto: revisen los límites, los controles y las "
            "aprobaciones allí antes de que lleguen las pérdidas."),
        "discount_creep": ("Descuentos al alza desde {date}: {subject}",
            "{subject} desde {date}: allí mucho más negocio se cierra con un descuento especial. Revisen quién "
            "aprueba los descuentos y si todavía ganan negocio que de otro modo se perdería."),
        "usage_decline_region": ("El uso cae en {subject} desde {date}",
            "Las cuentas de {subject} usan mucho menos el producto desde {date}: el desinterés precede a la baja, "
            "así que una acción de acompañamiento allí se paga sola."),
    },
}
