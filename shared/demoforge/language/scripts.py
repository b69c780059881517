"""Fixed sentences of the demo script, the report and story arcs, per language.

Filled by ``script_text(lang, key, one=..., **values)``; values are already-formed phrases
(names, numbers and dates formatted in the locale), placed where no agreement with them is
needed. A key with a ``_one`` variant is used in the singular when the count is one. A test
requires every key in every offline language. The story arcs' titles and implications
live in ``story_arcs`` and are merged in here.
"""

from __future__ import annotations

from demoforge.language.story_arcs import STORY

EN: dict[str, str] = {
    "colon": ":", "none_member": "(not set)", "yes": "yes", "no": "no", "no_value": "n/a",
    "title": "{company}: Conversational Analytics demo",
    "h_agenda": "Agenda ({minutes} minutes)", "minutes": "{n} min",
    "agenda_opening": "Opening", "agenda_warmup": "Warm-up: the numbers you run on",
    "agenda_arc": "Story {n}: {title}", "agenda_discovery": "Discovery and questions", "agenda_close": "Close and next steps",
    "opening_who": "{company} sells {offerings}.", "opening_who_services": "{company} offers {offerings}.",
    "opening_who_plain": "{company} is the business we modelled this demo on.",
    "opening_places": "Its sites are in {places}.",
    "opening_based": "It is based in {places}.",
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
    "discovery_1": "How do you track {metric_the} today, and who waits for that number?",
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
    "objection_data_a": "No: it is synthetic data shaped like {of_company} business, from public information. In a pilot the same "
                        "agent points at your own BigQuery tables.",
    "objection_security_q": "“What about security and cost?”",
    "objection_security_a": "The agent reads only the tables it is given, with your IAM permissions, read-only; every query is "
                            "capped at {bytes} bytes billed.",
    "objection_definitions_q": "“Our definition of this KPI is different.”",
    "objection_definitions_a": "Definitions live in one place, the semantic layer: change how {metric_the} is computed once and "
                               "every answer, chart and example follows.",
    "objection_hard_q": "“Our questions are harder than this.”",
    "objection_hard_a": "The story questions joined several tables and compared periods; in a pilot your analysts' hardest "
                        "questions become the acceptance test.",
    "close_recap": "In twenty minutes we went from the first number to {arcs} stories in {of_company} data, without writing SQL.",
    "close_recap_one": "In twenty minutes we went from the first number to a story in {of_company} data, without writing SQL.",
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
    "r_table": "Table",
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
    "opening_places": "Die Standorte sind in {places}.",
    "opening_based": "Sitz des Unternehmens ist {places}.",
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
    "discovery_1": "Wie wird {metric_the} bei Ihnen heute ermittelt, und wer wartet auf diese Zahl?",
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
                               "wie {metric_the} berechnet wird, und jede Antwort, jedes Diagramm und jedes "
                               "Beispiel folgt.",
    "objection_hard_q": "„Unsere Fragen sind schwieriger.“",
    "objection_hard_a": "Die Fragen zu den Geschichten haben mehrere Tabellen verknüpft und Zeiträume verglichen; in einem "
                        "Pilotprojekt werden die schwierigsten Fragen Ihrer Analysten zum Abnahmetest.",
    "close_recap": "In zwanzig Minuten sind wir von der ersten Zahl zu {arcs} Geschichten in den Daten von {company} "
                   "gekommen, ohne eine Zeile SQL zu schreiben.",
    "close_recap_one": "In zwanzig Minuten sind wir von der ersten Zahl zu einer Geschichte in den Daten von {company} "
                       "gekommen, ohne eine Zeile SQL zu schreiben.",
    "close_next": "Nächster Schritt: ein zweiwöchiges Pilotprojekt mit einem Ihrer eigenen Datensätze, Ihren "
                  "Kennzahldefinitionen und Ihrem Glossar.",
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
    "r_table": "Tabelle",
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
    "opening_places": "Ses sites se trouvent à {places}.",
    "opening_based": "L'entreprise est basée à {places}.",
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
    "discovery_1": "Comment suivez-vous aujourd'hui {metric_the}, et qui attend ce chiffre ?",
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
    "objection_data_a": "Non : ce sont des données synthétiques construites comme l'activité {of_company}, à partir "
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
    "close_recap": "En vingt minutes, nous sommes passés du premier chiffre à {arcs} histoires dans les données "
                   "{of_company}, sans écrire une ligne de SQL.",
    "close_recap_one": "En vingt minutes, nous sommes passés du premier chiffre à une histoire dans les données "
                       "{of_company}, sans écrire une ligne de SQL.",
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
    "r_table": "Table",
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
    "opening_places": "Sus centros están en {places}.",
    "opening_based": "La empresa tiene su sede en {places}.",
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
    "discovery_1": "¿Cómo miden hoy {metric_the} y quién espera esa cifra?",
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
    "r_table": "Tabla",
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
