"""Multilingual industry vocabulary (pure data): part of the industry registry
(``demoforge.domain.industries``), read by research's offline analyser.

General business vocabulary per industry in English, German and French, with the most
common Spanish, Italian and Dutch words, written from domain knowledge (not mined from
any evaluation page). Term syntax, one term per whitespace-separated token, ``_`` for a
space inside a phrase:

- ``term``   matches at the start of a word (``versicherung`` also finds
  ``versicherungen``, ``versicherungsschutz``; ``insur`` finds ``insurance``, ``insurer``);
- ``=term``  matches the whole word only (short or ambiguous words: ``=bank``, ``=car``);
- ``*term``  matches anywhere inside a word (German compounds: ``*versicherung`` finds
  ``krankenversicherung``);
- ``term^3`` weight (default 1): strong, unambiguous signals get 2-3.
"""

from __future__ import annotations

LEXICON: dict[str, str] = {
    "retail_ecommerce": """
        warenkorb^3 =cart^2 shopping_cart^3 add_to_cart^3 in_den_warenkorb^3 checkout^2 =kasse
        panier^3 ajouter_au_panier^3 carrito^3 carrello^3 winkelwagen^3 =webshop^3 onlineshop^3
        online-shop^3 online_shop^3 =shop^2 shops *shop =store stores =boutique^2 tienda negozio
        versandkostenfrei^3 free_shipping^3 kostenloser_versand^3 livraison_gratuite^3 =versand^2
        lieferzeit^2 lieferung =shipping^2 =delivery livraison^2 retoure^2 =returns^2 rückgabe
        =sale^2 =sales^1 angebot^1 angebote^1 =deals^2 =deal rabatt^2 =discount^2 gutschein^2
        coupon^2 =voucher =promo^2 soldes^2 =in_stock^2 auf_lager^3 lagernd^3 vorrätig^3 =sku^2
        artikelnummer^2 art.-nr^2 =brands^2 marken^1 sortiment^2 kategorien =category categories
        bestseller^2 neuheiten^2 new_arrivals^3 =wishlist^3 wunschliste^3 merkzettel^3 =kaufen^2
        =buy^2 jetzt_kaufen^3 buy_now^3 order_now^2 =bestellen^2 bestellung^2 =commande^2
        =acheter^2 =comprar =acquista retail^2 einzelhandel^3 händler *händler fachhandel^2
        großhandel ecommerce^3 e-commerce^3 zahlungsarten^3 payment_methods^2 paypal^2 klarna^3
        vorkasse^3 nachnahme^3 inkl._mwst^3 incl._vat^3 zzgl._versand^3 mwst^1 =ttc^2 =preis =price
        grundpreis^3 =mode =fashion^2 bekleidung^2 vêtements^2 =shoes^2 schuhe^2 chaussures
        apparel^2 =clothing^2 jacke^1 jacken^2 *jacken^1 =hosen^2 *hosen^1 =kleider^2 =kleidung^2 =t-shirts^2 =shirts^1 =jackets^2 =trousers^2 =dresses^2 =rucksack^1 =rucksäcke^2 =backpacks^2 =accessoires^1 =damen^1 =herren^1 =womens^1 =mens^1 =kids^1 =toys spielwaren^2 elektronik =electronics^2
            =gifts^2 =geschenke^2 =möbel^1
        =furniture^1 =jewelry^2 =schmuck^2 kosmetik^1 =cosmetics^1 =outlet^2 =marketplace^2
    """,
    "saas_software": """
        software^3 =saas^3 =cloud^2 =platform^2 plattform^2 plateforme^2 =app^2 =apps^2
        application^1 anwendung^1 logiciel^3 =api^3 apis^2 =sdk^3 integrations^3 integration^1
        schnittstelle^2 dashboard^2 =workflow^2 workflows^2 automation^2 automatisierung^2
        =free_trial^3 kostenlos_testen^3 essai_gratuit^3 =trial^2 =demo^1 =pricing^1 =plans^1
        per_user^3 pro_nutzer^3 per_month^2 subscription^2 abonnement^1  =sign_up^2
         registrieren^1 =download^1 herunterladen^2 télécharger^2 =browser^2 =firefox^2
          =linux^2 =android^2 =ios^2 open_source^3 open-source^3 =github^3 developer^2
        entwickler^2 développeur^2 =devops^3 =crm^3 =erp^3 =cms^2 =analytics^2 =data^1 =database^2
        datenbank^2 =security^1 encryption^2 verschlüsselung^2 =privacy^1 =collaboration^2
        zusammenarbeit^1 project_management^3 projektmanagement^3 =tasks^2 =teams^1 =users^1
        =benutzer^1  =release^2 =update^1 updates^1  =add-ons^3 addons^3
        plugin^2 plugins^2 =features^1 =funktionen^1 fonctionnalités^2 =interface^1 =module^1
        =hosting^2 =server^2 =servers^2 =it-lösungen^2 it_solutions^2 digitalisierung^1 =ki^2
        =ai^2 artificial_intelligence^2 künstliche_intelligenz^2 machine_learning^3
    """,
    "financial_services": """
        =bank^3 =banks^3 banking^3 =banque^3 =banco^2 =banca^2 *bank^1 kredit^3 *kredit^2
        =credit^2 crédit^3 =loan^3 =loans^3 darlehen^3 prêt^3 préstamo^2 prestito^2 lening^2
        mortgage^3 mortgages^3 hypothek^3 baufinanzierung^3 immobilienfinanzierung^3
        =finance^2 finanz^2 *finanzierung^2 financement^2 financial^2 financière^1 financ^1
        =zins^3 =zinsen^3 *zins^2 interest_rate^3 interest_rates^3 taux^2 =apr^3 effektivzins^3
        sollzins^3 =rate^1 =rates^1 =konto^3 girokonto^3 tagesgeld^3 festgeld^3 =account^1
        savings^3 sparen^2 sparkonto^3 épargne^3 investment^3 investments^3 invest^2
        geldanlage^3 anlage^1 placement^1 =fonds^2 =funds^2 =etf^3 =etfs^3 =aktien^2 =stocks^2
        broker^3 brokerage^3 trading^2 =depot^2 wertpapier^3 portfolio^1 wealth^2 vermögen^2
        vermögensverwaltung^3 asset_management^3 =payment^1 =payments^2 zahlung^1 =card^1
        kreditkarte^3 credit_card^3 carte_bancaire^3 =debit^2 =lender^3 lenders^3 refinance^3
        refinancing^3 umschuldung^3 ratenkredit^3 privatkredit^3 =schufa^3 bonität^3
        =rendite^2 =yield^1 =fintech^3 =bausparen^3 leasing^2 =loan_officer^3 escrow^3 closing_costs^3
        pre-approval^3 pre-qualify^3 homebuyer^2 =fha^3 =va_loan^3 =equity^2 =capital^1 kapital^1
    """,
    "insurance": """
        versicherung^3 *versicherung^3 versichern^3 versichert^2 insurance^3 insure^3 insurer^3
        insured^2 assurance^3 assureur^3 =assurances^3 seguro^2 seguros^3 assicurazion^3
        verzekering^3     prämie^2  =tarif^1
        =claim^2 =claims^2 schadensfall^3 schaden^2 schadenmeldung^3 sinistre^3 deductible^3
        selbstbeteiligung^3  =coverage^2  deckung^2 haftpflicht^3
        liability_insurance^3 hausrat^3 kfz-versicherung^3 lebensversicherung^3 life_insurance^3
        krankenversicherung^3 health_insurance^3 berufsunfähigkeit^3 =underwriting^3 actuarial^3
        =broker^1 makler^1 courtier^2  =quote^1 =quotes^1 =mutuelle^3 prévoyance^3
        rechtsschutz^3 unfallversicherung^3 reiseversicherung^3 =annuity^3 annuities^3
    """,
    "healthcare": """
        =patient^3 =patients^3 patienten^3 =patient^3 =klinik^3 =kliniken^3 clinic^3 clinics^3
        clinique^3 clínica^2 =clinica^2 hospital^3 hospitals^3 krankenhaus^3 =hôpital^3 ospedale^2
        ziekenhuis^2 =arzt^3 ärzt^3 ärztin^3 =praxis^1 arztpraxis^3 physician^3 physicians^3
        =doctor^3 =doctors^3 médecin^3 =médico^2 =medico^2 =dr.^1 dentist^3 dentistry^3 dental^3
        zahnarzt^3 *zahnarzt^3 zahn^2 *zahn^1 =zähne^2 dentiste^3 orthodont^3 kieferorthop^3
        =teeth^2 =tooth^2 implant^2 implantat^2 hygienist^3  psycholog^3 psychiatr^3
        psychotherap^3 therapy^2 therapie^2 thérapie^2 therapist^3 therapeut^3 counselling^2
        counseling^2 nurse^3 nurses^3 nursing^2 pflege^2 *pflege^1 krankenpflege^3 medizin^2
        *medizin^2 medical^2 medizinisch^2 médical^3 =health^2 health_care^3 healthcare^3 gesundheit^2
        santé^2 salud^2 =salute^1 =care^1 =treatment^2 =treatments^2 behandlung^2 traitement^2
        diagnos^2 surgery^3 surgeon^3 chirurg^3 chirurgie^3 cardiolog^3 orthopäd^3 orthoped^3
        pediatric^3 paediatric^3 kinderarzt^3 gynäkolog^3 obstetric^3 dermatolog^3 radiolog^3
        physiotherap^3 ergotherap^3 =appointment^2 =appointments^2 =termin^1 =rendez-vous^1
        =emergency^2 notaufnahme^3 notfall^1 =symptoms^2 symptome^2 =anxiety^2 depression^2
        wellbeing^1 well-being^1 =residency^2 =medicare^3 =medicaid^3 =hipaa^3 pharmacy^1 apotheke^1
    """,
    "pharma_life_sciences": """
        pharma^3 pharmaceutical^3 pharmazeut^3 pharmaceutique^3 arzneimittel^3 medikament^3
        médicament^3 =drug^2 =drugs^2 =medication^2 =medications^1 biotech^3 biotechnolog^3
        life_sciences^3 biowissenschaft^3 clinical_trial^3 clinical_trials^3 klinische_studie^3
        essai_clinique^3 clinical_research^3 =research^1 forschung^1 =laboratory^2 labor^2
        laboratoire^2 =lab^1 =labs^1 molecul^2 molekül^2 =protein^2 proteins^2 antibod^3
        antikörper^3 =vaccine^3 vaccines^3 impfstoff^3 vaccin^3 =fda^3 =ema^2 regulatory^2
        zulassung^2 =gmp^3 =api_manufacturing^3 wirkstoff^3 active_ingredient^3 formulation^2
        therapeutic^2 therapeutics^3 oncology^3 onkologie^3 genom^3 genetic^2 genetisch^2
        diagnostics^2 diagnostik^2 =assay^3 assays^3 =biomarker^3 =reagent^3 reagents^3
        =pipeline^1 =compound^1   =supplement^2 supplements^2
        nahrungsergänzung^2 =vitamin^2 vitamins^2 =dosage^2 =dose^1
    """,
    "manufacturing": """
        hersteller^3 herstellung^3 fertigung^3 produktion^2 production^1 manufactur^3
        manufacturer^3 fabricant^3 fabrication^3 =fabrik^2 factory^3 factories^3 usine^3
        =werk^1 werke^1 industrie^2 industrial^2 industriel^2 industri^1 =plant^1 maschinen^3
        maschinenbau^3 =machinery^3 machines^2 machine^1 anlagenbau^3 =oem^3 zulieferer^3
        =supplier^1 suppliers^1 components^2 komponenten^2 =bauteile^2 werkstoff^2 material^1
        materials^1   =steel^2 =stahl^2 =metal^1 =metall^1 =aluminium^1
        kunststoff^2 plastics^2 =coating^2 coatings^2 beschichtung^2 =precision^2 präzision^2
        =cnc^3 =iso_9001^3 =iso^1 qualitätssicherung^2 quality_assurance^1 =engineering^1
        =industrie_4.0^3 serienfertigung^3 =assembly^2 montage^1
         =sensor^2 sensors^2 =sensorik^2 automation^1 =robot^2 roboter^2 =tools^1
        werkzeug^2 =verpackung^1 packaging^1 =textile^1
        innovation^1 patent^2 patente^2 =r&d^2 technolog^1 =b2b^1 =spezialist^1
    """,
    "logistics_transport": """
        logistik^3 logistics^3 logistique^3 logística^3 logistica^3 =transport^2 transporte^2
        transports^2 =spedition^3 freight^3 fracht^3 fret^3 =cargo^3 =shipping^1 shipment^3
        sendung^2 sendungsverfolgung^3 tracking^2 =parcel^3 =parcels^3 =paket^2 =pakete^2
        =colis^3 courier^3 kurier^3 =express^1 warehouse^2 warehousing^3 lager^1 lagerung^2
        entrepôt^3 =fulfillment^2 =fulfilment^2 =supply_chain^3 lieferkette^3 =truck^2 trucks^2
        =lkw^3 =trucking^3 =fleet^2 flotte^2 =haulage^3 =container^2 containers^2 =port^1 hafen^1
        =rail^2 =bahn^1 =airline^1 =air_freight^3 luftfracht^3 seefracht^3 =sea_freight^3
        =customs^2 =zoll^2 =douane^2 =pallet^3 paletten^3 =last_mile^3 =delivery^1 zustellung^2
        =dispatch^2 =disposition^1 =route^1 routen^1 =mobility^1 mobilität^1 =bus^1
    """,
    "travel_hospitality": """
        hotel^3 hotels^3 hôtel^3 =albergo^2 =resort^3 resorts^3 =urlaub^3 *urlaub^2 =holiday^2
        holidays^2 vacation^3 vacances^3 vacaciones^3 vacanze^3 vakantie^3 =ferien^3 *ferien^2
        ferienwohnung^3 ferienhaus^3  =villa^1 =reise^2 reisen^2 *reise^1 travel^3
        travels^2 =voyage^3 voyages^3 viaje^2 viaggi^2 reizen^2 tourism^3 tourismus^3 tourisme^3
        tourist^2 touristen^2 =booking^2 =book_now^3 buchen^3 jetzt_buchen^3 =réserver^3
        réservation^3 reservation^2 reservierung^2 =rooms^2 =room^1 =zimmer^3 =chambre^2
        =chambres^2 =suite^1 =suites^2 =übernachtung^3 übernachtungen^3 overnight^1 =nights^2
        =nächte^2 accommodation^3 unterkunft^3 unterkünfte^3 hébergement^3 =lodging^3 =guests^2
        =gäste^2 =gast^1 =check-in^2 =check-out^2 =pool^2 =beach^2 =strand^2 =plage^2 =spa^2
        wellness^2 =sightseeing^3 sehenswürdigkeit^3 ausflug^2 ausflüge^2 excursion^2 =tour^2
        =tours^2 =touren^1 =destination^3 destinations^3 reiseziel^3 region^1 regionen^1 =wandern^2
        hiking^2  cycling^1 =rad^1 =radtour^3  =ski^2 skiurlaub^3 =camping^3
        =cruise^3 kreuzfahrt^3 =flights^2 =flug^2 =flüge^2 =airport^1 flughafen^1 =visitors^1
        besucher^1 =guesthouse^3 =pension^1 =b&b^3 bed_and_breakfast^3 =hostel^3 =airbnb^3
        =vacation_rental^3 =rental^1 =nightly^3
    """,
    "restaurants_food": """
        restaurant^3 restaurants^3 ristorante^3 =gasthaus^3 =gasthof^3 wirtshaus^3 =wirt^2
        =bistro^3 =café^2 =cafe^2 =brasserie^3 =trattoria^3 pizzeria^3 =bar^1 =biergarten^3
        =speisekarte^3   =carte^1 =küche^2 =cuisine^2 =cucina^2 =cocina^1
        =kitchen^1 =chef^2 =koch^1 kulinar^2 culinary^3 gastronom^3 gastronomie^3 =dining^3
        =dinner^2 =lunch^2 =mittagessen^2 abendessen^2 =frühstück^2 =breakfast^2 =brunch^3
        =essen^2 =food^2 =foods^2 lebensmittel^3 nahrungsmittel^3 alimentation^2 alimentaire^2
        =aliment^2 =comida^1 =cibo^2 =voeding^2   *wein^2 =wine^2 =wines^2
        =vin^2 =vins^2 winery^3 weingut^3 vineyard^2 =bier^2 =beer^2 brauerei^3 brewery^3
        =drinks^2 getränke^2 beverage^3 beverages^3 =boissons^2 =kaffee^2 =coffee^2 =tee^1
        =tea^1 =bakery^3 bäckerei^3 boulangerie^3 =brot^2 =bread^2 =pain^1 konditorei^3
        patisserie^3 =kuchen^2 =cake^1 =cakes^2 =käse^2 =cheese^2 =fromage^2 molkerei^3
        dairy^3 =milch^2 =milk^2 =lait^2 =joghurt^2 =yogurt^2 =yoghurt^2 =fleisch^2 =meat^2
        metzgerei^3 butcher^3 =recipe^3 =recipes^3 =rezept^3 =rezepte^3 =recette^3 =recettes^3
        =zutaten^3 =ingredients^2 =ingrédients^2 =geschmack^2 =taste^1 =flavour^2 =flavor^2
        =lecker^3 =delicious^3 =köstlich^2 =snack^2 =snacks^2 =bio^1 =organic^1 vegan^2
        vegetar^2 =glutenfrei^3 gluten-free^3 laktosefrei^3 lactose^2 =catering^3 =tisch^1
        =table_reservation^3 =tischreservierung^3 =takeaway^3 =lieferservice^2 =delivery^1
        =schnaps^2 =spirits^1 =destillerie^3 =obst^1 =fruit^1 =gemüse^1 =vegetables^1
    """,
    "media_entertainment": """
        =film^3 =filme^3 films^3 filmproduktion^3 =movie^3 =movies^3 =cinema^3 =kino^3 =cinéma^3
        =tv^2 television^3 fernsehen^3 =fernseh^3 télévision^3 =series^1 =serie^2 =serien^2
        documentar^3 dokumentar^3 documentaire^3 =dokumentation^1 =produktion^1 production_company^3
        produktionsfirma^3 =studio^2 studios^2 =music^3 =musik^3 =musique^3 =música^2 =musica^2
        =band^1 =album^3 =albums^3 =songs^2 =concert^3 konzert^3 =konzerte^3 =festival^2
        =entertainment^3 unterhaltung^3 divertissement^3 =comedy^3 =kabarett^3 =theater^2
        =theatre^2 =théâtre^2 =games^2 =gaming^3 =spiele^1 videospiel^3 =streaming^3 =podcast^3
        =podcasts^3 =radio^2 =news^1 nachrichten^2 =magazine^1 =magazin^1 zeitschrift^3
        =zeitung^3 newspaper^3 journal^1 =verlag^3 publisher^3 publishing^3 éditions^3 =media^1
        =medien^2 =médias^2 =regie^3 regisseur^3 =director^1 =drehbuch^3 screenplay^3 =kamera^2
        =camera^1 =schnitt^1 postproduktion^3 post-production^3 =animation^2
        =events^1 =veranstaltung^1 =tickets^2 =premiere^3 =award^1 =awards^1 =episode^3 =episodes^3
        =show^1 =shows^2 =artist^2 =artists^2 künstler^2 =photography^2 fotografie^2
    """,
    "education": """
        =schule^3 =schulen^3 *schule^2 school^3 schools^3 =école^3 =escuela^2 =scuola^2
        =university^3 universität^3 université^3 universidad^2 =college^3 =hochschule^3
        =academy^2 akademie^2 académie^2 =institut^1 =campus^3 =students^3 =student^3
        studenten^3 studierende^3 =schüler^3 =élèves^3 étudiants^3 =pupils^3 =learners^3
        =teacher^3 teachers^3 lehrer^3 =lehrerin^3 enseignant^3 =tutor^3 =tutoring^3 nachhilfe^3
        =education^3 bildung^3  =éducation^3 educación^2 istruzione^2 onderwijs^3
        =ausbildung^1 weiterbildung^3 fortbildung^3 =formation^2 =formations^3 =training^1
        =trainings^1 =trainer^1 =course^1 =courses^3 =kurs^3 =kurse^3 *kurs^1 =cours^3 =curso^2
        =corso^2 =cursus^2 =lessons^3 =lesson^2 unterricht^3 =lernen^1 =learning^1
        =apprendre^2 =curriculum^3 =lehrplan^3 =syllabus^3 =seminar^2 =seminare^2 =séminaire^2
        =workshop^1 =workshops^1 =webinar^1 =e-learning^3 elearning^3 =online_course^3
        =certificate^2 =zertifikat^2 zertifizierung^1 =diploma^3 =diplom^2 =abschluss^2
        =degree^1 =bachelor^3  =mba^3 =enrol^3 =enroll^3 enrolment^3 enrollment^3
        anmeldung^1 inscription^2 =qualification^2 qualifikation^2 =sprachkurs^3 =language_course^3
          =exam^2 =exams^2 prüfung^1  =coaching^2
        =kindergarten^3 =kita^3 =preschool^3 =faculty^2 =fakultät^3 =lecture^2 =vorlesung^3
    """,
    "real_estate": """
        immobilie^3 immobilien^3 *immobilie^2 immobilier^3 inmobiliaria^3 immobiliare^3
        vastgoed^3 real_estate^3 realestate^3 =realtor^3 realtors^3 =property^2 properties^3
        =homes_for_sale^3 for_sale^2 =zu_verkaufen^3 à_vendre^3 =for_rent^3 =zu_vermieten^3
        =à_louer^3 =apartment^3 apartments^3 =wohnung^3 wohnungen^3 *wohnung^1 appartement^3
        =appartements^3 =condo^3 =condos^3 townhome^3 townhomes^3 =house^1 =houses^2 =haus^1
        =häuser^2 =maison^1 =maisons^2 =villa^1 =listings^3 =listing^2 =mls^3 =makler^2
        immobilienmakler^3 =agence_immobilière^3 =broker^1 =brokerage^1 =miete^2 =mieten^2
        =mieter^3 =vermieter^3 vermietung^3 =rent^2 =rental^2 =rentals^2 =lease^2 =leasing^1
        =loyer^3  =tenant^3 =tenants^3 =landlord^3 =kaufpreis^2 =kaltmiete^3
        =warmmiete^3 quadratmeter^2 =m²^2 =sq_ft^3 =square_feet^3 =sqft^3 =bedroom^3 =bedrooms^3
        =bathroom^2 =bathrooms^2 =schlafzimmer^2 grundstück^3 grundstücke^3 =terrain^1 =plot^1
        =neubau^2 bauträger^3 =developer^1 property_management^3 hausverwaltung^3
        =facility_management^2 =floor_plans^3 floorplans^3 grundriss^3 grundrisse^3 =amenities^2
         =leasing_office^3 =open_house^3 =mortgage^1 =estate^1 =estates^2
        =residential^2 =commercial_real_estate^3 gewerbeimmobilie^3  =acres^2
    """,
    "energy_utilities": """
        =energie^3 =energy^3 =énergie^3 =energía^2 =energia^2 *energie^2 =strom^3 *strom^2
        electricity^3 électricité^3 =electric^1 =gas^2 =gaz^2 =erdgas^3 natural_gas^3
        =solar^3 solaranlage^3 *solar^2 photovoltai^3 =pv^3 =pv-anlage^3 =solaire^3
        =photovoltaïque^3 =wind^2 windkraft^3 windenergie^3 wind_power^3 éolien^3 =renewable^3
        renewables^3 erneuerbar^3 renouvelable^3 batteriespeicher^3 stromspeicher^3
        =battery_storage^3 =speicher^2 =batterie^2 =battery^2 =kwh^3 =kwp^3 =kilowatt^3
        =megawatt^3 =mw^2 =netz^1 stromnetz^3 =grid^2 =utility^3 =utilities^3 stadtwerke^3
        versorger^3 energieversorger^3 =fournisseur_d'énergie^3 =tarif^1 stromtarif^3
        =heizung^2 =heating^2 wärmepumpe^3 heat_pump^3 =wärme^2 fernwärme^3 =wasser^1 =water^1
        =abwasser^2 =wastewater^3 =power^1 =power_plant^3 kraftwerk^3 =oil^1 =öl^1 =pétrole^2
        =wasserstoff^3 hydrogen^3 =einspeisung^3 eigenverbrauch^3 =self-consumption^3 =ev_charging^3
        ladestation^3 wallbox^3 =emission^1 =co2^2 =climate^1 klima^1 =nachhaltig^1 sustainab^1
    """,
    "telecom": """
        telekom^3 telecom^3 telecommunications^3 telekommunikation^3 télécommunication^3
        telecomunicacion^2 =mobilfunk^3 =mobile^1 =handy^2 =handytarif^3 smartphone^1 =sim^3
        =sim-karte^3 =esim^3 =prepaid^3 =postpaid^3 =tarif^1 =tarife^2 =tariff^2 =datenvolumen^3
        =data_plan^3 =roaming^3 =5g^3 =4g^3 =lte^3 =dsl^3 =vdsl^3 =glasfaser^3 =fiber^2 =fibre^2
        =broadband^3 breitband^3 =internet^1 =internetanschluss^3 =wlan^2 =wifi^2 =router^2
        =festnetz^3 =landline^3 =voip^3 =telefonie^3 telephony^3 =téléphonie^3 =network^1
        =netzabdeckung^3 =coverage^1 =mbit^3 =gbit^3 =bandwidth^2 =operator^1 =carrier^1
        =forfait^2 =box_internet^3 =abonnement^1 =unlimited_data^3 =flatrate^2 =anschluss^1
    """,
    "automotive": """
        =auto^2 =autos^3 automobil^3 automotive^3 automobile^3 =voiture^3 =voitures^3 =coche^2
        =car^3 =cars^3 =vehicle^3 =vehicles^3 fahrzeug^3 *fahrzeug^1 =véhicule^3 =veicoli^2
        =pkw^3 =kfz^3 *kfz^2 =dealer^2 dealership^3 dealerships^3 autohaus^3 autohändler^3
        =concessionnaire^3 =used_cars^3 =new_cars^3 gebrauchtwagen^3 neuwagen^3 =occasion^1
        =test_drive^3 probefahrt^3 =werkstatt^3 kfz-werkstatt^3 =garage^2 =repair^1 =reparatur^1
        =inspektion^2 =tüv^3 =oil_change^3 ölwechsel^3 =motor^2 =motoren^2 =engine^1 =engines^2
        =moteur^2 =getriebe^3 =transmission^1 =brake^2 =brakes^2 =bremse^2 =bremsen^2 =reifen^3
        =tires^3 =tyres^3 =pneus^3 =felgen^3 =wheels^1 ersatzteil^3 ersatzteile^3 =spare_parts^3
        =auto_parts^3 =pièces_détachées^3 =zubehör^1 =accessories^1
         =motoröl^3 =motor_oil^3
        =kilometer^1 =mileage^3 =mpg^3 =sedan^3 =suv^3 =suvs^3 =truck^1 =trucks^1 =pickup^2
        =toyota^2 =ford^2 =honda^2 =chevrolet^2 =bmw^2 =volkswagen^2 =vw^2 =mercedes^2 =audi^2
        =nissan^2 =hyundai^2 =kia^2 =jeep^2 =dodge^2 =msrp^3 =financing^1 =leasing^1 =trade-in^3
        =kfz-teile^3 =tuning^2 =motorrad^2 =motorcycle^2 =e-auto^3 =electric_vehicle^3 =ev^1
    """,
    "professional_services": """
        kanzlei^3 =law_firm^3 lawyer^3 lawyers^3 attorney^3 attorneys^3 =avocat^3 =avocats^3
        =abogado^2 =avvocato^2 advocaat^2 rechtsanwalt^3 rechtsanwälte^3 anwalt^3 =notar^3
        =notaire^3 =legal^1 rechtsberatung^3 =recht^1  =juridique^2 =droit^1
        steuerberat^3 steuerberatung^3 *steuer^2 =steuern^2 =tax^2 =taxes^2 =taxation^2 =fiscal^2
        =fiscalité^3 =accounting^3 =accountant^3 =accountants^3 =buchhaltung^3 =comptable^3
        =expert-comptable^3 wirtschaftsprüf^3 =audit^2 =auditing^2 =consulting^3 consultancy^3
        consultant^2 consultants^2 beratung^2 *beratung^2 berater^2 unternehmensberatung^3
        =conseil^2 =consultoría^2 =consulenza^2 advisory^3 =advisors^2 =advisory_services^3
        =agentur^3 =agency^2 =agence^2 werbeagentur^3 =marketing^1 =design^1 =webdesign^3
        =grafikdesign^3 =branding^2 corporate_design^3 =corporate_identity^3 =seo^2 =pr^1
        public_relations^2 =recruiting^2 personalberatung^3 =staffing^2 =headhunter^3
        =architekt^2 =architect^2 =translation^2 übersetzung^2 =mandant^3 =mandanten^3
          =mandate^1 =expertise^1 =fachanwalt^3 =arbeitsrecht^3 =familienrecht^3
        =erbrecht^3 =gesellschaftsrecht^3 =litigation^3 =compliance^1 =due_diligence^3
    """,
    "government_public": """
        bundesministeri^3 ministerium^3 ministerien^3 =ministry^3 =ministère^3 =ministerio^2 =ministero^2
        ministerie^3 =government^3 =regierung^3 =gouvernement^3 =gobierno^2 =governo^2
        =bundesregierung^3 =federal^2 =bundes^1 *bundes^1 =bund^1  =landes^1 =landkreis^3
        =kreis^1 =gemeinde^3 =gemeinden^2 =stadt^1 =city_of^3 =city_council^3 =municipality^3
        =municipal^3 =commune^2 =mairie^3 =ayuntamiento^3 =comune^2 =gemeente^3 =verwaltung^2
        =behörde^3 =behörden^3 =amt^2 bundesamt^3 landesamt^3 amtsgericht^2 =ämter^2 =authority^2 =agency^1 =public_sector^3
        =öffentlich^2 =öffentlichen^2 =public^1 =publique^2 =bürger^3 =bürgerinnen^3
        =citizens^3 =citoyens^3 =gesetz^3 =gesetze^3 =law^1 =laws^2 =legislation^3 =verordnung^3
        =regulation^1 =parlament^3 =parliament^3 =bundestag^3 =council^1 =senate^2 =minister^3
        =ministerin^3   =polizei^3 =police^2
        feuerwehr^3 =fire_department^3 =fire_brigade^3 =rettungsdienst^3 katastrophenschutz^3
        =justiz^3 =justice^2 =gericht^2 =court^1 =antrag^2 =anträge^2 =formulare^2
        =official^1 =amtlich^3 =pressemitteilung^2 press_release^1 =.gov^3 =gov^2 =e-government^3
        =steuerzahler^2 =taxpayer^2 =wahl^2 =election^2 =elections^2 =bürgerservice^3 =public_service^3
    """,
    "nonprofit": """
        =verein^3 =vereins^3 *verein^2 =e.v.^3 =association^3 =associations^3 =asociación^2
        =associazione^2 =vereniging^3 =stiftung^3 =foundation^3 =fondation^3 =fundación^2
        =fondazione^2 =charity^3 =charities^3 =charitable^3 gemeinnützig^3 =non-profit^3
        =nonprofit^3 =not-for-profit^3 =ngo^3 =ngos^3 =ong^3 =donate^3 =donation^3 =donations^3
        =spende^3 =spenden^3 =spenden_sie^3 =faire_un_don^3  =dons^2 =donateurs^3
        =volunteer^3 =volunteers^3 =volunteering^3 =ehrenamt^3 ehrenamtlich^3 =bénévole^3
        =bénévoles^3 =mitglied^2 =mitglieder^3 =mitgliedschaft^3 =membership^2 =members^1
        =member^1 =adhérent^3 =adhérents^3 =adhésion^3 =gewerkschaft^3 =union^1 =syndicat^3
        =syndical^3  =solidarität^3 =solidarity^3 =solidarité^3 =mission^1 =advocacy^3
        =campaign^1 =kampagne^1  =gemeinschaft^1 =commons^2 =open_access^2
        =human_rights^3 menschenrechte^3 =humanitarian^3 =relief^1 =hilfe^1 =hilfswerk^3
        =fundraising^2 =förderverein^3 =club^2 =klub^2 =sportverein^3 =satzung^3 =bylaws^3
        =vorstand^1 =board^1 =kirche^2 =church^2 =église^2 =pfarrei^3 =parish^3
    """,
    "agriculture": """
        =landwirtschaft^3 landwirtschaftlich^3 =agriculture^3 =agricole^3 =agricultura^2
        =agricoltura^2 =landbouw^3 =farm^3 =farms^3 =farming^3 =farmer^3 =farmers^3 =bauernhof^3
        =hof^1 =landwirt^3 =landwirte^3 =agriculteur^3 =ferme^2 =crops^3 =crop^2 =ernte^3
        =harvest^3 =récolte^3 =saatgut^3 =seeds^2 =seed^1 =semences^3 =dünger^3 =fertilizer^3
        =fertiliser^3 =engrais^3 =pflanzenschutz^3 =crop_protection^3 =tractor^3 =traktor^3
        =tracteur^3 =livestock^3 =vieh^2 =rinder^3 =cattle^3 =dairy_farm^3 =milchvieh^3
        =poultry^3 =geflügel^2 =schweine^2 =pigs^2 =grain^2 =getreide^3 =weizen^2 =wheat^2
         =corn^1 =soy^2 =agronom^3 =agrar^3 *agrar^2 =agri^2 agritech^3 =agtech^3
        =irrigation^3 =bewässerung^3 =acker^3 =feld^1 =felder^2   =orchard^3
        =obstbau^3 =gartenbau^3 =horticulture^3 =forstwirtschaft^3 =forestry^3
    """,
    "construction_engineering": """
        =bau^2 =bauen^3 *bau^1 bauunternehmen^3 baufirma^3 =bauunternehmung^3 =construction^3
        =constructions^3 =construcción^2 =costruzioni^2 =bouw^3 =builder^3 =builders^3
        =building^1 =buildings^1 =contractor^3 =contractors^3 =general_contractor^3
        =generalunternehmer^3 =hochbau^3 =tiefbau^3 =straßenbau^3 =ingenieur^3 =ingenieure^3
        =ingenieurbüro^3 =engineering^2 =engineers^3 =ingénierie^3 =bureau_d'études^3
        =tragwerk^3  =statik^3 =structural^3 =structural_engineering^3
        =civil_engineering^3 =bauingenieur^3 =architektur^2 =architecture^2 =architekten^2
        =architects^2 =planung^1 =bauplanung^3 =bauleitung^3 =site_management^3
        =renovation^3 renovierung^3 =sanierung^3 =rénovation^3 =refurbishment^3 =umbau^3
        =neubau^2 =anbau^2 =extension^1  =loft^1 =roofing^3 =dach^2 =dächer^2
        =dachdecker^3 =toiture^3 =maurer^3 =bricklaying^3 =plumbing^2 =sanitär^2 =elektroinstallation^2
        =zimmerei^3 =carpentry^3 =joinery^3 =schreinerei^2 =tischlerei^2 =beton^3 =concrete^3
        =brücke^2 =bridge^1 =bridges^2 =tunnel^2 =infrastructure^2 infrastruktur^2
        =baustelle^3 =construction_site^3 =handwerk^2 =handwerker^2 =trades^1 =fassade^2
        =façade^2 =facade^2  =new_build^3 =groundwork^3 =surveying^2 =vermessung^2
    """,
    "other": "",
}
