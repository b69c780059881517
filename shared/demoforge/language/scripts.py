"""Fixed sentences of the demo script, the report and story arcs, per language.

Filled by ``script_text(lang, key, one=..., **values)``; values are already-formed phrases
(names, numbers and dates formatted in the locale), placed where no agreement with them is
needed. A key with a ``_one`` variant is used in the singular when the count is one. A test
requires every key in every offline language.
"""

from __future__ import annotations

EN: dict[str, str] = {
    "colon": ":", "none_member": "(not set)", "yes": "yes", "no": "no", "no_value": "n/a",
    "title": "{company}: Conversational Analytics demo",
    "h_agenda": "Agenda ({minutes} minutes)", "minutes": "{n} min",
    "agenda_opening": "Opening", "agenda_warmup": "Warm-up: the numbers you run on",
    "agenda_arc": "Story {n}: {title}", "agenda_discovery": "Discovery and questions", "agenda_close": "Close and next steps",
    "opening_who": "{company} sells {offerings}.", "opening_who_services": "{company} offers {offerings}.",
    "opening_who_plain": "{company} is the business we modelled this demo on.",
    "opening_places": "Its customers and sites are in {places}.",
    "opening_data": "Today we ask plain-language questions of a BigQuery dataset shaped like your business: {tables} tables, "
                    "{rows} rows from {start} to {end}, in dataset `{dataset}`.",
    "opening_kpis": "We start with the numbers {company} runs on – {kpis} – each with one definition the agent always uses.",
    "opening_promise": "Then we follow {arcs} stories hidden in the data, each from the first question to what it means for you.",
    "opening_promise_one": "Then we follow one story hidden in the data, from the first question to what it means for you.",
    "label_ask": "Ask", "label_answer": "Verified answer", "label_follow_up": "Drill down",
    "label_implication": "What it means",
    "arc_generic_title": "A closer look at {metric}",
    "arc_generic_implication": "The agent combines tables and periods on its own: the kind of question an analyst needs a day for.",
    "h_discovery": "Discovery questions", "h_objections": "Objection handling", "h_close": "Close and next steps",
    "h_notes": "Notes for the presenter (not for the prospect)",
    "discovery_1": "How do you track {metric} today, and who waits for that number?",
    "discovery_2": "Which decision at {company} would you take faster if anyone could ask the data directly?",
    "discovery_3": "Which cut by {dimension} do you need most often, and how long does it take today?",
    "discovery_3_plain": "Which report do you rebuild by hand every month?",
    "discovery_4": "Where does this data live today – BigQuery, a warehouse, spreadsheets?",
    "discovery_5": "Who should be in a pilot: which team, which ten questions?",
    "objection_trust_q": "“Can I trust the numbers?”",
    "objection_trust_a": "Every question in this demo ran against the data before the meeting and was checked against its "
                         "metric's definition: {passed} passed. The agent shows its SQL, so any answer can be audited.",
    "objection_trust_a_one": "The question in this demo ran against the data before the meeting and was checked against its "
                             "metric's definition. The agent shows its SQL, so the answer can be audited.",
    "objection_data_q": "“Is this our data?”",
    "objection_data_a": "No: it is synthetic data shaped like {company}'s business, from public information. In a pilot the same "
                        "agent points at your own BigQuery tables.",
    "objection_security_q": "“What about security and cost?”",
    "objection_security_a": "The agent reads only the tables it is given, with your IAM permissions, read-only; every query is "
                            "capped at {bytes} bytes billed.",
    "objection_definitions_q": "“Our definition of this KPI is different.”",
    "objection_definitions_a": "Definitions live in one place, the semantic layer: change how {metric} is computed once and "
                               "every answer, chart and example follows.",
    "objection_hard_q": "“Our questions are harder than this.”",
    "objection_hard_a": "The story questions joined several tables and compared periods; in a pilot your analysts' hardest "
                        "questions become the acceptance test.",
    "close_recap": "In twenty minutes we went from the first number to {arcs} stories in {company}'s data, without writing SQL.",
    "close_recap_one": "In twenty minutes we went from the first number to a story in {company}'s data, without writing SQL.",
    "close_next": "Next step: a two-week pilot on one of your own datasets, with your KPI definitions and glossary.",
    "close_ask": "Who on your side should own the ten questions the pilot must answer?",
    "note_kpis_dropped": "Not announced, because the data cannot compute them: {kpis}.",
    "note_stories_unverified": "{n} planted stories did not show in the data and were left out.",
    "note_stories_unverified_one": "One planted story did not show in the data and was left out.",
    "note_questions_dropped": "{n} generated questions failed their checks and are not offered.",
    "note_questions_dropped_one": "One generated question failed its checks and is not offered.",
    # report
    "r_subtitle": "Conversational Analytics demo pack: dataset {dataset}, {tables} tables, {rows} rows, {n} verified questions",
    "r_company": "Company", "r_industry": "Industry", "r_offerings": "Offerings", "r_kpis": "KPIs", "r_places": "Places",
    "r_evidence": "From the website", "r_model": "Data model", "r_tables": "Tables", "r_rows": "Rows",
    "r_description": "Description", "r_grain": "Grain", "r_columns": "{n} columns", "r_column": "Column", "r_type": "Type",
    "r_metrics": "Metrics and their definitions", "r_metric": "Metric", "r_definition": "Definition",
    "r_formula": "Formula", "r_filters": "Counts only rows where", "r_unit": "Unit", "r_none": "—",
    "r_consistency_ok": "Checked: every additive metric gives the same total by day, week, month, quarter, year and by "
                        "each dimension ({n} checks).",
    "r_consistency_bad": "Inconsistent metrics (left out of the questions): {metrics}.",
    "r_stories": "The stories in the data", "r_evidence_label": "Evidence", "r_questions": "Verified questions",
    "r_script": "Demo script", "r_sql": "SQL", "r_result_rows": "{n} rows", "r_result_rows_one": "1 row",
    "r_level": "Level: {level}", "simple": "simple", "medium": "medium", "hard": "hard", "expert": "expert",
    "r_story_shown": "The data shows it: {detail}.",
    "ev_top": "{subject} ranks first with {after}, against {before} for the next",
    "ev_rise": "{before} on average before {date}, {after} since",
    "ev_drop": "{before} on average before {date}, {after} since",
    "ev_peak": "highest in {observed} with {after}, against {before} in the other months",
    "ev_peak_in": "highest in {observed} with {after}, against {before} in the other periods",
    "ev_growth": "{subject} changed by {after} over the last twelve months, against {before} on average for the others",
    "season_summer": "summer", "season_winter": "winter", "season_spring": "spring", "season_autumn": "autumn",
}

DE: dict[str, str] = {
    "colon": ":", "none_member": "(ohne Angabe)", "yes": "ja", "no": "nein", "no_value": "k. A.",
    "title": "{company}: Demo für Conversational Analytics",
    "h_agenda": "Ablauf ({minutes} Minuten)", "minutes": "{n} Min.",
    "agenda_opening": "Einstieg", "agenda_warmup": "Aufwärmen: die Zahlen, nach denen Sie steuern",
    "agenda_arc": "Geschichte {n}: {title}", "agenda_discovery": "Bedarfsanalyse und Fragen",
    "agenda_close": "Abschluss und nächste Schritte",
    "opening_who": "{company} verkauft {offerings}.", "opening_who_services": "{company} bietet {offerings} an.",
    "opening_who_plain": "{company} ist das Unternehmen, nach dessen Vorbild diese Demo gebaut ist.",
    "opening_places": "Kunden und Standorte sind in {places}.",
    "opening_data": "Heute stellen wir einem BigQuery-Datensatz, der wie Ihr Geschäft aufgebaut ist, Fragen in normaler "
                    "Sprache: {tables} Tabellen, {rows} Zeilen von {start} bis {end}, im Datensatz `{dataset}`.",
    "opening_kpis": "Wir beginnen mit den Kennzahlen, nach denen {company} steuert – {kpis} –, jede mit einer einzigen "
                    "Definition, die der Agent immer verwendet.",
    "opening_promise": "Danach verfolgen wir {arcs} Geschichten in den Daten, jeweils von der ersten Frage bis zu dem, "
                       "was sie für Sie bedeuten.",
    "opening_promise_one": "Danach verfolgen wir eine Geschichte in den Daten, von der ersten Frage bis zu dem, was sie "
                           "für Sie bedeutet.",
    "label_ask": "Frage", "label_answer": "Geprüfte Antwort", "label_follow_up": "Nachgefragt",
    "label_implication": "Was das bedeutet",
    "arc_generic_title": "{metric} im Detail",
    "arc_generic_implication": "Der Agent verknüpft Tabellen und Zeiträume selbstständig – eine Frage, für die ein "
                               "Analyst sonst einen Tag braucht.",
    "h_discovery": "Fragen an den Kunden", "h_objections": "Einwandbehandlung", "h_close": "Abschluss und nächste Schritte",
    "h_notes": "Hinweise für die Präsentation (nicht für den Kunden)",
    "discovery_1": "Wie ermitteln Sie heute die Kennzahl {metric}, und wer wartet auf diese Zahl?",
    "discovery_2": "Welche Entscheidung bei {company} würden Sie schneller treffen, wenn jeder die Daten direkt fragen könnte?",
    "discovery_3": "Welche Auswertung nach {dimension} brauchen Sie am häufigsten, und wie lange dauert sie heute?",
    "discovery_3_plain": "Welchen Bericht bauen Sie jeden Monat von Hand neu?",
    "discovery_4": "Wo liegen diese Daten heute – in BigQuery, einem anderen Data Warehouse, in Tabellenkalkulationen?",
    "discovery_5": "Wer sollte an einem Pilotprojekt teilnehmen: welches Team, welche zehn Fragen?",
    "objection_trust_q": "„Kann ich den Zahlen trauen?“",
    "objection_trust_a": "Jede Frage dieser Demo lief vor dem Termin gegen die Daten und wurde gegen die Definition ihrer "
                         "Kennzahl geprüft: {passed} haben bestanden. Der Agent zeigt sein SQL, jede Antwort lässt sich "
                         "also nachprüfen.",
    "objection_trust_a_one": "Die Frage dieser Demo lief vor dem Termin gegen die Daten und wurde gegen die Definition ihrer "
                             "Kennzahl geprüft. Der Agent zeigt sein SQL, die Antwort lässt sich also nachprüfen.",
    "objection_data_q": "„Sind das unsere Daten?“",
    "objection_data_a": "Nein: Es sind synthetische Daten, die wie das Geschäft von {company} aufgebaut sind, aus "
                        "öffentlichen Informationen. In einem Pilotprojekt arbeitet derselbe Agent mit Ihren eigenen "
                        "BigQuery-Tabellen.",
    "objection_security_q": "„Was ist mit Sicherheit und Kosten?“",
    "objection_security_a": "Der Agent liest nur die Tabellen, die er bekommt, mit Ihren IAM-Berechtigungen und nur lesend; "
                            "jede Abfrage ist auf {bytes} abgerechnete Bytes begrenzt.",
    "objection_definitions_q": "„Wir definieren diese Kennzahl anders.“",
    "objection_definitions_a": "Definitionen stehen an einer einzigen Stelle, der semantischen Schicht: Ändern Sie einmal, "
                               "wie die Kennzahl {metric} berechnet wird, und jede Antwort, jedes Diagramm und jedes "
                               "Beispiel folgt.",
    "objection_hard_q": "„Unsere Fragen sind schwieriger.“",
    "objection_hard_a": "Die Fragen zu den Geschichten haben mehrere Tabellen verknüpft und Zeiträume verglichen; in einem "
                        "Pilotprojekt werden die schwierigsten Fragen Ihrer Analysten zum Abnahmetest.",
    "close_recap": "In zwanzig Minuten sind wir von der ersten Zahl zu {arcs} Geschichten in den Daten von {company} "
                   "gekommen, ohne eine Zeile SQL zu schreiben.",
    "close_recap_one": "In zwanzig Minuten sind wir von der ersten Zahl zu einer Geschichte in den Daten von {company} "
                       "gekommen, ohne eine Zeile SQL zu schreiben.",
    "close_next": "Nächster Schritt: ein zweiwöchiges Pilotprojekt mit einem Ihrer eigenen Datensätze, Ihren "
                  "Kennzahl-Definitionen und Ihrem Glossar.",
    "close_ask": "Wer bei Ihnen sollte die zehn Fragen verantworten, die das Pilotprojekt beantworten muss?",
    "note_kpis_dropped": "Nicht angekündigt, weil die Daten sie nicht berechnen können: {kpis}.",
    "note_stories_unverified": "{n} eingeplante Geschichten zeigten sich nicht in den Daten und wurden weggelassen.",
    "note_stories_unverified_one": "Eine eingeplante Geschichte zeigte sich nicht in den Daten und wurde weggelassen.",
    "note_questions_dropped": "{n} erzeugte Fragen haben ihre Prüfung nicht bestanden und werden nicht angeboten.",
    "note_questions_dropped_one": "Eine erzeugte Frage hat ihre Prüfung nicht bestanden und wird nicht angeboten.",
    "r_subtitle": "Demopaket für Conversational Analytics: Datensatz {dataset}, {tables} Tabellen, {rows} Zeilen, "
                  "{n} geprüfte Fragen",
    "r_company": "Unternehmen", "r_industry": "Branche", "r_offerings": "Angebot", "r_kpis": "Kennzahlen", "r_places": "Orte",
    "r_evidence": "Von der Website", "r_model": "Datenmodell", "r_tables": "Tabellen", "r_rows": "Zeilen",
    "r_description": "Beschreibung", "r_grain": "Granularität", "r_columns": "{n} Spalten", "r_column": "Spalte",
    "r_type": "Typ", "r_metrics": "Kennzahlen und ihre Definitionen", "r_metric": "Kennzahl", "r_definition": "Definition",
    "r_formula": "Formel", "r_filters": "Zählt nur Zeilen mit", "r_unit": "Einheit", "r_none": "—",
    "r_consistency_ok": "Geprüft: Jede additive Kennzahl ergibt dieselbe Summe nach Tag, Woche, Monat, Quartal, Jahr und "
                        "nach jeder Dimension ({n} Prüfungen).",
    "r_consistency_bad": "Widersprüchliche Kennzahlen (aus den Fragen herausgenommen): {metrics}.",
    "r_stories": "Die Geschichten in den Daten", "r_evidence_label": "Beleg", "r_questions": "Geprüfte Fragen",
    "r_script": "Demoskript", "r_sql": "SQL", "r_result_rows": "{n} Zeilen", "r_result_rows_one": "1 Zeile",
    "r_level": "Stufe: {level}", "simple": "einfach", "medium": "mittel", "hard": "anspruchsvoll", "expert": "Experte",
    "r_story_shown": "Die Daten zeigen es: {detail}.",
    "ev_top": "{subject} liegt mit {after} vorn, gegenüber {before} beim Nächsten",
    "ev_rise": "vor {date} im Mittel {before}, seitdem {after}",
    "ev_drop": "vor {date} im Mittel {before}, seitdem {after}",
    "ev_peak": "am höchsten im {observed} mit {after}, gegenüber {before} in den übrigen Monaten",
    "ev_peak_in": "am höchsten im {observed} mit {after}, gegenüber {before} in den übrigen Zeiträumen",
    "ev_growth": "{subject} hat sich in den letzten zwölf Monaten um {after} verändert, die übrigen im Mittel um "
                 "{before}",
    "season_summer": "Sommer", "season_winter": "Winter", "season_spring": "Frühling", "season_autumn": "Herbst",
}

FR: dict[str, str] = {
    "colon": "\u00a0:", "none_member": "(non renseigné)", "yes": "oui", "no": "non", "no_value": "n. d.",
    "title": "{company} : démo Conversational Analytics",
    "h_agenda": "Déroulé ({minutes} minutes)", "minutes": "{n} min",
    "agenda_opening": "Introduction", "agenda_warmup": "Mise en route : vos chiffres clés",
    "agenda_arc": "Histoire {n} : {title}", "agenda_discovery": "Découverte et questions",
    "agenda_close": "Conclusion et prochaines étapes",
    "opening_who": "{company} vend {offerings}.", "opening_who_services": "{company} propose {offerings}.",
    "opening_who_plain": "{company} est l'entreprise dont cette démo s'inspire.",
    "opening_places": "Ses clients et ses sites se trouvent à {places}.",
    "opening_data": "Aujourd'hui, nous posons des questions en langage courant à un jeu de données BigQuery construit "
                    "comme votre activité : {tables} tables, {rows} lignes de {start} à {end}, dans le jeu de données "
                    "`{dataset}`.",
    "opening_kpis": "Nous commençons par les indicateurs qui pilotent {company} – {kpis} –, chacun avec une définition "
                    "unique que l'agent applique toujours.",
    "opening_promise": "Ensuite, nous suivons {arcs} histoires cachées dans les données, chacune de la première question "
                       "jusqu'à ce qu'elle signifie pour vous.",
    "opening_promise_one": "Ensuite, nous suivons une histoire cachée dans les données, de la première question jusqu'à "
                           "ce qu'elle signifie pour vous.",
    "label_ask": "Question", "label_answer": "Réponse vérifiée", "label_follow_up": "Pour aller plus loin",
    "label_implication": "Ce que cela signifie",
    "arc_generic_title": "{metric} en détail",
    "arc_generic_implication": "L'agent croise seul les tables et les périodes : le genre de question qui demande une "
                               "journée à un analyste.",
    "h_discovery": "Questions de découverte", "h_objections": "Réponses aux objections",
    "h_close": "Conclusion et prochaines étapes", "h_notes": "Notes pour le présentateur (pas pour le prospect)",
    "discovery_1": "Comment suivez-vous aujourd'hui l'indicateur « {metric} », et qui attend ce chiffre ?",
    "discovery_2": "Quelle décision chez {company} prendriez-vous plus vite si chacun pouvait interroger les données "
                   "directement ?",
    "discovery_3": "Quelle analyse par {dimension} vous faut-il le plus souvent, et combien de temps prend-elle "
                   "aujourd'hui ?",
    "discovery_3_plain": "Quel rapport reconstruisez-vous à la main chaque mois ?",
    "discovery_4": "Où se trouvent ces données aujourd'hui : BigQuery, un autre entrepôt, des tableurs ?",
    "discovery_5": "Qui devrait participer à un pilote : quelle équipe, quelles dix questions ?",
    "objection_trust_q": "« Puis-je me fier à ces chiffres ? »",
    "objection_trust_a": "Chaque question de cette démo a été exécutée sur les données avant la réunion et vérifiée par "
                         "rapport à la définition de son indicateur : {passed} ont réussi. L'agent montre son SQL, "
                         "chaque réponse peut donc être contrôlée.",
    "objection_trust_a_one": "La question de cette démo a été exécutée sur les données avant la réunion et vérifiée par "
                             "rapport à la définition de son indicateur. L'agent montre son SQL, la réponse peut donc "
                             "être contrôlée.",
    "objection_data_q": "« Ce sont nos données ? »",
    "objection_data_a": "Non : ce sont des données synthétiques construites comme l'activité de {company}, à partir "
                        "d'informations publiques. Dans un pilote, le même agent travaille sur vos propres tables "
                        "BigQuery.",
    "objection_security_q": "« Et la sécurité, et les coûts ? »",
    "objection_security_a": "L'agent ne lit que les tables qu'on lui confie, avec vos droits IAM et en lecture seule ; "
                            "chaque requête est plafonnée à {bytes} octets facturés.",
    "objection_definitions_q": "« Nous ne définissons pas cet indicateur ainsi. »",
    "objection_definitions_a": "Les définitions se trouvent à un seul endroit, la couche sémantique : modifiez une fois le "
                               "calcul de l'indicateur « {metric} », et chaque réponse, chaque graphique et chaque "
                               "exemple suit.",
    "objection_hard_q": "« Nos questions sont plus difficiles. »",
    "objection_hard_a": "Les questions des histoires ont croisé plusieurs tables et comparé des périodes ; dans un pilote, "
                        "les questions les plus difficiles de vos analystes deviennent le test de recette.",
    "close_recap": "En vingt minutes, nous sommes passés du premier chiffre à {arcs} histoires dans les données de "
                   "{company}, sans écrire une ligne de SQL.",
    "close_recap_one": "En vingt minutes, nous sommes passés du premier chiffre à une histoire dans les données de "
                       "{company}, sans écrire une ligne de SQL.",
    "close_next": "Prochaine étape : un pilote de deux semaines sur l'un de vos jeux de données, avec vos définitions "
                  "d'indicateurs et votre glossaire.",
    "close_ask": "Qui, chez vous, pourrait porter les dix questions auxquelles le pilote doit répondre ?",
    "note_kpis_dropped": "Non annoncés, car les données ne permettent pas de les calculer : {kpis}.",
    "note_stories_unverified": "{n} histoires prévues ne sont pas apparues dans les données et ont été écartées.",
    "note_stories_unverified_one": "Une histoire prévue n'est pas apparue dans les données et a été écartée.",
    "note_questions_dropped": "{n} questions générées n'ont pas passé leurs contrôles et ne sont pas proposées.",
    "note_questions_dropped_one": "Une question générée n'a pas passé ses contrôles et n'est pas proposée.",
    "r_subtitle": "Dossier de démo Conversational Analytics : jeu de données {dataset}, {tables} tables, {rows} lignes, "
                  "{n} questions vérifiées",
    "r_company": "Entreprise", "r_industry": "Secteur", "r_offerings": "Offre", "r_kpis": "Indicateurs", "r_places": "Lieux",
    "r_evidence": "Sur le site web", "r_model": "Modèle de données", "r_tables": "Tables", "r_rows": "Lignes",
    "r_description": "Description", "r_grain": "Granularité", "r_columns": "{n} colonnes", "r_column": "Colonne",
    "r_type": "Type", "r_metrics": "Indicateurs et définitions", "r_metric": "Indicateur", "r_definition": "Définition",
    "r_formula": "Formule", "r_filters": "Ne compte que les lignes où", "r_unit": "Unité", "r_none": "—",
    "r_consistency_ok": "Vérifié : chaque indicateur additif donne le même total par jour, semaine, mois, trimestre, "
                        "année et par chaque dimension ({n} contrôles).",
    "r_consistency_bad": "Indicateurs incohérents (retirés des questions) : {metrics}.",
    "r_stories": "Les histoires dans les données", "r_evidence_label": "Preuve", "r_questions": "Questions vérifiées",
    "r_script": "Script de démo", "r_sql": "SQL", "r_result_rows": "{n} lignes", "r_result_rows_one": "1 ligne",
    "r_level": "Niveau : {level}", "simple": "simple", "medium": "intermédiaire", "hard": "avancé", "expert": "expert",
    "r_story_shown": "Les données le montrent : {detail}.",
    "ev_top": "{subject} arrive en tête avec {after}, contre {before} pour le suivant",
    "ev_rise": "{before} en moyenne avant {date}, {after} depuis",
    "ev_drop": "{before} en moyenne avant {date}, {after} depuis",
    "ev_peak": "au plus haut en {observed} avec {after}, contre {before} les autres mois",
    "ev_peak_in": "au plus haut au {observed} avec {after}, contre {before} sur les autres périodes",
    "ev_growth": "{subject} a varié de {after} sur les douze derniers mois, contre {before} en moyenne pour les autres",
    "season_summer": "été", "season_winter": "hiver", "season_spring": "printemps", "season_autumn": "automne",
}

ES: dict[str, str] = {
    "colon": ":", "none_member": "(sin dato)", "yes": "sí", "no": "no", "no_value": "n. d.",
    "title": "{company}: demo de Conversational Analytics",
    "h_agenda": "Agenda ({minutes} minutos)", "minutes": "{n} min",
    "agenda_opening": "Apertura", "agenda_warmup": "Calentamiento: las cifras con las que trabajan",
    "agenda_arc": "Historia {n}: {title}", "agenda_discovery": "Descubrimiento y preguntas",
    "agenda_close": "Cierre y próximos pasos",
    "opening_who": "{company} vende {offerings}.", "opening_who_services": "{company} ofrece {offerings}.",
    "opening_who_plain": "{company} es la empresa en la que se inspira esta demo.",
    "opening_places": "Sus clientes y centros están en {places}.",
    "opening_data": "Hoy hacemos preguntas en lenguaje natural a un conjunto de datos de BigQuery construido como su "
                    "negocio: {tables} tablas, {rows} filas de {start} a {end}, en el conjunto de datos `{dataset}`.",
    "opening_kpis": "Empezamos por los indicadores con los que se gestiona {company} –{kpis}–, cada uno con una única "
                    "definición que el agente aplica siempre.",
    "opening_promise": "Después seguimos {arcs} historias escondidas en los datos, cada una desde la primera pregunta hasta "
                       "lo que significa para ustedes.",
    "opening_promise_one": "Después seguimos una historia escondida en los datos, desde la primera pregunta hasta lo que "
                           "significa para ustedes.",
    "label_ask": "Pregunta", "label_answer": "Respuesta verificada", "label_follow_up": "Para profundizar",
    "label_implication": "Qué significa",
    "arc_generic_title": "{metric} en detalle",
    "arc_generic_implication": "El agente cruza tablas y periodos por sí solo: el tipo de pregunta que a un analista le "
                               "lleva un día.",
    "h_discovery": "Preguntas de descubrimiento", "h_objections": "Respuesta a objeciones",
    "h_close": "Cierre y próximos pasos", "h_notes": "Notas para el presentador (no para el cliente)",
    "discovery_1": "¿Cómo miden hoy el indicador «{metric}» y quién espera esa cifra?",
    "discovery_2": "¿Qué decisión de {company} tomarían más rápido si cualquiera pudiera preguntar directamente a los datos?",
    "discovery_3": "¿Qué análisis por {dimension} necesitan con más frecuencia y cuánto tarda hoy?",
    "discovery_3_plain": "¿Qué informe rehacen a mano cada mes?",
    "discovery_4": "¿Dónde están hoy estos datos: en BigQuery, en otro almacén de datos, en hojas de cálculo?",
    "discovery_5": "¿Quién debería participar en un piloto: qué equipo, qué diez preguntas?",
    "objection_trust_q": "«¿Puedo fiarme de las cifras?»",
    "objection_trust_a": "Cada pregunta de esta demo se ejecutó sobre los datos antes de la reunión y se comprobó frente a la "
                         "definición de su indicador: {passed} la superaron. El agente muestra su SQL, así que cualquier "
                         "respuesta se puede auditar.",
    "objection_trust_a_one": "La pregunta de esta demo se ejecutó sobre los datos antes de la reunión y se comprobó frente "
                             "a la definición de su indicador. El agente muestra su SQL, así que la respuesta se puede "
                             "auditar.",
    "objection_data_q": "«¿Son nuestros datos?»",
    "objection_data_a": "No: son datos sintéticos construidos como el negocio de {company}, a partir de información pública. "
                        "En un piloto, el mismo agente trabaja con sus propias tablas de BigQuery.",
    "objection_security_q": "«¿Y la seguridad y el coste?»",
    "objection_security_a": "El agente solo lee las tablas que se le asignan, con sus permisos de IAM y en modo de solo "
                            "lectura; cada consulta tiene un límite de {bytes} bytes facturados.",
    "objection_definitions_q": "«Nosotros definimos este indicador de otra forma.»",
    "objection_definitions_a": "Las definiciones están en un único lugar, la capa semántica: cambien una vez el cálculo del "
                               "indicador «{metric}» y todas las respuestas, gráficos y ejemplos lo seguirán.",
    "objection_hard_q": "«Nuestras preguntas son más difíciles.»",
    "objection_hard_a": "Las preguntas de las historias cruzaron varias tablas y compararon periodos; en un piloto, las "
                        "preguntas más difíciles de sus analistas se convierten en la prueba de aceptación.",
    "close_recap": "En veinte minutos hemos pasado de la primera cifra a {arcs} historias en los datos de {company}, sin "
                   "escribir una línea de SQL.",
    "close_recap_one": "En veinte minutos hemos pasado de la primera cifra a una historia en los datos de {company}, sin "
                       "escribir una línea de SQL.",
    "close_next": "Próximo paso: un piloto de dos semanas con uno de sus propios conjuntos de datos, con sus definiciones "
                  "de indicadores y su glosario.",
    "close_ask": "¿Quién de su equipo debería encargarse de las diez preguntas que el piloto tiene que responder?",
    "note_kpis_dropped": "No se anuncian porque los datos no permiten calcularlos: {kpis}.",
    "note_stories_unverified": "{n} historias previstas no aparecieron en los datos y se han omitido.",
    "note_stories_unverified_one": "Una historia prevista no apareció en los datos y se ha omitido.",
    "note_questions_dropped": "{n} preguntas generadas no superaron sus comprobaciones y no se ofrecen.",
    "note_questions_dropped_one": "Una pregunta generada no superó sus comprobaciones y no se ofrece.",
    "r_subtitle": "Paquete de demo de Conversational Analytics: conjunto de datos {dataset}, {tables} tablas, {rows} filas, "
                  "{n} preguntas verificadas",
    "r_company": "Empresa", "r_industry": "Sector", "r_offerings": "Oferta", "r_kpis": "Indicadores", "r_places": "Lugares",
    "r_evidence": "En el sitio web", "r_model": "Modelo de datos", "r_tables": "Tablas", "r_rows": "Filas",
    "r_description": "Descripción", "r_grain": "Granularidad", "r_columns": "{n} columnas", "r_column": "Columna",
    "r_type": "Tipo", "r_metrics": "Indicadores y sus definiciones", "r_metric": "Indicador", "r_definition": "Definición",
    "r_formula": "Fórmula", "r_filters": "Solo cuenta las filas donde", "r_unit": "Unidad", "r_none": "—",
    "r_consistency_ok": "Comprobado: cada indicador aditivo da el mismo total por día, semana, mes, trimestre, año y por "
                        "cada dimensión ({n} comprobaciones).",
    "r_consistency_bad": "Indicadores incoherentes (excluidos de las preguntas): {metrics}.",
    "r_stories": "Las historias en los datos", "r_evidence_label": "Prueba", "r_questions": "Preguntas verificadas",
    "r_script": "Guion de la demo", "r_sql": "SQL", "r_result_rows": "{n} filas", "r_result_rows_one": "1 fila",
    "r_level": "Nivel: {level}", "simple": "básico", "medium": "intermedio", "hard": "avanzado", "expert": "experto",
    "r_story_shown": "Los datos lo muestran: {detail}.",
    "ev_top": "{subject} encabeza la lista con {after}, frente a {before} del siguiente",
    "ev_rise": "{before} de media antes de {date}, {after} desde entonces",
    "ev_drop": "{before} de media antes de {date}, {after} desde entonces",
    "ev_peak": "máximo en {observed} con {after}, frente a {before} en el resto de meses",
    "ev_peak_in": "máximo en el {observed} con {after}, frente a {before} en el resto de periodos",
    "ev_growth": "{subject} varió un {after} en los últimos doce meses, frente a un {before} de media en el resto",
    "season_summer": "verano", "season_winter": "invierno", "season_spring": "primavera", "season_autumn": "otoño",
}

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
            "Las operaciones que llegan por {subject} se ganan mucho más a menudo: inviertan donde cierra el pipeline."),
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
    },
}

TEXTS: dict[str, dict[str, str]] = {"en": EN, "de": DE, "fr": FR, "es": ES}
for _lang, _stories in STORY.items():
    for _kind, (_title, _impl) in _stories.items():
        TEXTS[_lang][f"story_{_kind}"] = _title
        TEXTS[_lang][f"impl_{_kind}"] = _impl


class _Values(dict[str, object]):
    """Formatting values: a missing one renders empty rather than failing a whole script."""

    def __missing__(self, key: str) -> str:
        return ""


def script_text(lang: str, key: str, *, one: bool = False, **values: object) -> str:
    table = TEXTS.get(lang) or TEXTS["en"]
    template = (table.get(f"{key}_one") if one else None) or table.get(key) or TEXTS["en"][key]
    return template.format_map(_Values(values))
