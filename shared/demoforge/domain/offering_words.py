"""The words of the offering filter (``domain.offerings``): site furniture by class,
phrases that mark furniture inside longer strings, what links point to, and the little
words of calls to action, slogans, questions and pronouns, in English, German, French,
Spanish, Italian, Dutch and Portuguese. Data only: ``domain.offerings`` folds and
compiles them.

Written from what sites are made of (menus, footers, shops' chrome, forms, banners), not
from any one site. Whole strings are ``|``-separated, word lists whitespace-separated.
"""

from __future__ import annotations

# -- site furniture ------------------------------------------------------------------
# class -> whole strings (compared folded). One line per language where it helps reading.
FURNITURE_WORDS: dict[str, str] = {
    "navigation": """home|homepage|start|startseite|accueil|inicio|página inicial|pagina iniziale|
        menu|menü|menú|hauptmenü|main menu|navigation|search|suche|suchen|recherche|rechercher|buscar|
        cerca|zoeken|pesquisar|sitemap|site map|plan du site|mapa del sitio|mappa del sito|back|zurück|
        retour|volver|indietro|terug|voltar|top|nach oben|back to top|haut de page|more|mehr|plus|más|
        altro|meer|mais|read more|weiterlesen|mehr lesen|mehr erfahren|lire la suite|en savoir plus|
        leer más|leggi di più|lees meer|saiba mais|learn more|show more|mehr anzeigen|see more|view more|
        show all|view all|see all|alle anzeigen|alle zeigen|tout voir|ver todo|vedi tutti|alles bekijken|
        ver tudo|overview|übersicht|aperçu|close|schließen|fermer|cerrar|chiudi|sluiten|fechar|open|
        maximize|minimize|maximise|minimise|expand|collapse|fullscreen|vollbild|plein écran|
        download|herunterladen|télécharger|descargar|scarica|downloaden|baixar|cancel|abbrechen|annuler|
        cancelar|annulla|annuleren|reply|antworten|répondre|responder|rispondi|beantwoorden|
        print|drucken|imprimer|imprimir|stampa|afdrukken|share|teilen|partager|compartir|condividi|delen|
        skip to content|zum inhalt springen|aller au contenu|saltar al contenido|vai al contenuto|
        interaktive karte|interactive map|map|karte|carte interactive|mapa|mappa|kaart|
        about|about us|über uns|ueber uns|wir über uns|unternehmen|das unternehmen|company|our company|
        qui sommes-nous|à propos|a propos|sobre nosotros|quiénes somos|chi siamo|over ons|sobre nós|
        team|unser team|our team|l'équipe|equipo|il team|ons team|equipe|history|geschichte|historique|
        historia|storia|geschiedenis|história|partner|partners|partenaires|socios|partner|
        references|referenzen|références|referencias|referenze|referenties|referências|testimonials|
        kundenstimmen|témoignages|testimonios|reviews|bewertungen|avis|opiniones|recensioni|beoordelingen|
        avaliações|customers|kunden|clients|clientes|clienti|klanten|case studies|success stories|
        downloads|downloadbereich|download area|resources|ressourcen|ressources|
        recursos|risorse|lexikon|glossar|glossary|glossaire|glosario|glossario|woordenlijst|ratgeber|
        guide|guides|guía|guida|gids|wissen|knowledge|faq|faqs|häufige fragen|questions fréquentes|
        preguntas frecuentes|domande frequenti|veelgestelde vragen|perguntas frequentes|help|hilfe|aide|
        ayuda|aiuto|hulp|ajuda|support|kundenservice|customer service|service client|atención al cliente|
        servizio clienti|klantenservice|atendimento|drucken|gewinnspiel|competition|
        sweepstakes|concours|sorteo|concorso|winactie|sorteio""",
    "legal": """impressum|imprint|legal notice|legal|legal notes|mentions légales|aviso legal|
        note legali|colofon|aviso legal|datenschutz|datenschutzerklärung|datenschutzhinweise|privacy|
        privacy policy|privacy notice|politique de confidentialité|confidentialité|política de privacidad|
        privacidad|informativa sulla privacy|privacyverklaring|privacybeleid|política de privacidade|
        agb|allgemeine geschäftsbedingungen|terms|terms of use|terms of service|terms and conditions|
        terms & conditions|nutzungsbedingungen|conditions générales|cgv|cgu|conditions générales de vente|
        términos y condiciones|condiciones generales|termini e condizioni|condizioni generali|
        algemene voorwaarden|termos e condições|widerrufsbelehrung|widerrufsrecht|right of withdrawal|
        droit de rétractation|haftungsausschluss|disclaimer|avertissement|accessibility|barrierefreiheit|
        accessibilité|accesibilidad|accessibilità|toegankelijkheid|acessibilidade|copyright|bildrechte|
        image credits|bildnachweis|crédits|cookie settings|cookie-einstellungen|cookies|cookie policy|
        cookie-richtlinie|politique de cookies|política de cookies|cookie-beleid|compliance|
        whistleblower|hinweisgebersystem|modern slavery statement|battery law|batteriegesetz|
        versandkosten|shipping costs|frais de port|gastos de envío|spese di spedizione|verzendkosten|
        zahlungsarten|payment methods|moyens de paiement|métodos de pago|metodi di pagamento|betaalmethoden""",
    "account": """login|log in|log-in|sign in|sign-in|signin|sign up|signup|register|registrieren|
        anmelden|einloggen|abmelden|logout|log out|sign out|my account|account|konto|mein konto|
        kundenkonto|benutzerkonto|mon compte|compte|se connecter|connexion|s'inscrire|inscription|
        mi cuenta|cuenta|iniciar sesión|registrarse|il mio account|accedi|registrati|mijn account|
        inloggen|registreren|minha conta|entrar|registar|password|passwort|forgot password|
        passwort vergessen|mot de passe oublié|wishlist|wunschliste|merkzettel|liste de souhaits|
        lista de deseos|lista dei desideri|verlanglijst|favorites|favourites|favoriten|favoris|
        order status|bestellstatus|track order|sendungsverfolgung|mes commandes|my orders|
        meine bestellungen|mis pedidos|i miei ordini|mijn bestellingen""",
    "cart": """cart|shopping cart|basket|shopping bag|bag|warenkorb|zum warenkorb|in den warenkorb|
        panier|mon panier|ajouter au panier|carrito|añadir al carrito|carrello|aggiungi al carrello|
        winkelwagen|winkelmandje|in winkelwagen|carrinho|adicionar ao carrinho|checkout|kasse|zur kasse|
        caisse|commander|pagar|cassa|afrekenen|finalizar compra|add to cart|add to basket|buy now|
        jetzt kaufen|acheter|comprar|acquista|kopen|compre agora|compare|vergleichen|comparer|
        comparar|confronta|vergelijken|merkliste|in den warenkorb legen""",
    "pagination": """next|previous|prev|older|newer|next page|previous page|weiter|vorherige|
        vorheriges|nächste|nächstes|nächste seite|vorherige seite|zurück|suivant|précédent|page suivante|
        page précédente|siguiente|anterior|successivo|successiva|precedente|volgende|vorige|próximo|
        próxima|first|last|erste|letzte|premier|dernier|primero|último|primo|ultimo|eerste|laatste""",
    "social": """facebook|twitter|x|instagram|linkedin|youtube|xing|pinterest|tiktok|whatsapp|
        telegram|snapchat|vimeo|flickr|tumblr|mastodon|threads|bluesky|rss|rss feed|rss feeds|feed|
        google+|google plus|dailymotion|soundcloud|spotify|discord|reddit|
        follow us|folgen sie uns|suivez-nous|síguenos|seguici|volg ons|siga-nos|social media""",
    "careers": """jobs|careers|career|karriere|stellenangebote|stellen|offene stellen|jobs bei uns|
        arbeiten bei uns|work with us|join us|join our team|emplois|carrières|recrutement|nous rejoindre|
        empleo|trabaja con nosotros|carreras|lavora con noi|carriere|posizioni aperte|vacatures|
        werken bij|carreiras|trabalhe conosco|ausbildung bei uns""",
    "editorial": """press|presse|press releases|pressemitteilungen|communiqués de presse|prensa|
        sala de prensa|stampa|comunicati stampa|pers|persberichten|imprensa|media|medien|médias|
        newsroom|news|neuigkeiten|aktuelles|aktuell|nachrichten|actualités|actualidad|noticias|notizie|
        nieuws|notícias|blog|blogs|magazin|magazine|journal|events|veranstaltungen|termine|événements|
        eventos|eventi|evenementen|artikel|articles|artículos|articoli|beiträge|zu allen beiträgen|
        alle beiträge|all posts|all articles|podcast|videos|video|galerie|gallery|galería|galleria""",
    "newsletter": """newsletter|newsletter abonnieren|subscribe|subscribe to our newsletter|
        abonnieren|s'abonner|inscrivez-vous à la newsletter|suscribirse|suscríbete|iscriviti|
        iscriviti alla newsletter|aanmelden nieuwsbrief|nieuwsbrief|subscrever|abschicken|absenden|
        submit|senden|envoyer|enviar|invia|verzenden|send""",
    "contact": """contact|contact us|kontakt|kontaktieren sie uns|kontakt aufnehmen|kontaktformular|
        contactez-nous|nous contacter|contacto|contáctenos|contacta|contatti|contattaci|contatto|
        contacteer ons|neem contact op|contato|fale conosco|anfahrt|directions|how to find us|
        so finden sie uns|accès|cómo llegar|come raggiungerci|route|routebeschrijving|como chegar|
        opening hours|öffnungszeiten|horaires|horario|orari|openingstijden|horário|callback|rückruf|
        termin|termin vereinbaren|book an appointment|prendre rendez-vous|pedir cita|prenota|afspraak maken|
        beratung anfordern|request a quote|angebot anfordern|demander un devis|solicitar presupuesto|
        richiedi un preventivo|offerte aanvragen|pedir orçamento|get a quote|free quote|kostenloses angebot""",
    "cookie": """accept|accept all|alle akzeptieren|akzeptieren|tout accepter|accepter|aceptar|
        aceptar todo|accetta|accetta tutti|accepteren|alles accepteren|aceitar|aceitar tudo|reject|
        ablehnen|alle ablehnen|refuser|tout refuser|rechazar|rifiuta|weigeren|rejeitar|
        einstellungen|settings|paramètres|configuración|impostazioni|instellingen|configurações|
        nur notwendige|only necessary|necessary only|essenzielle|we use cookies|wir verwenden cookies|
        ok|okay|got it|verstanden|j'ai compris|entendido|ho capito|begrepen|entendi""",
    "section label": """products|produkte|produkt|produits|productos|prodotti|producten|produtos|
        services|leistungen|dienstleistungen|prestations|servicios|servizi|diensten|serviços|solutions|
        lösungen|soluciones|soluzioni|oplossingen|soluções|angebot|angebote|unser angebot|offers|offres|
        ofertas|offerte|aanbod|shop|store|online shop|webshop|boutique|tienda|negozio|winkel|loja|sortiment|
        range|catalogue|catalog|katalog|catálogo|catalogo|categories|kategorien|catégories|categorías|
        categorie|categorieën|collections|kollektion|features|funktionen|fonctionnalités|pricing|preise|
        tarife|tarifs|precios|prezzi|prijzen|preços|plans|projekte|projects|projets|proyectos|progetti|
        projecten|projetos|portfolio|new arrivals|neuheiten|nouveautés|novedades|novità|nieuw|sale|outlet|
        brands|marken|marques|marcas|marche|merken|bestseller|bestsellers|gift cards|gutscheine""",
    "audience section": """b2b|b2c|für unternehmen|für privatkunden|privatkunden|geschäftskunden|
        firmenkunden|for business|for businesses|for individuals|for consumers|business customers|
        particuliers|professionnels|entreprises|pour les entreprises|empresas|particulares|aziende|privati|
        zakelijk|particulier|zakelijke klanten|para empresas|para você""",
    "call to action": """shop now|order now|book now|jetzt bestellen|jetzt buchen|jetzt entdecken|
        entdecken|discover|découvrir|descubrir|scopri|ontdek|descobrir|get started|los geht's|commencer|
        empezar|inizia|begin|começar|try for free|kostenlos testen|essai gratuit|prueba gratis|
        prova gratis|gratis proberen|experimente grátis|request a demo|demo anfordern|demander une démo|
        solicitar demo|richiedi una demo|demo aanvragen|call us|rufen sie uns an|appelez-nous|llámanos|
        chiamaci|bel ons|ligue para nós|mehr infos|more info|plus d'infos|más info|
        maggiori informazioni|meer info|mais informações|details|detail|zum produkt|zum angebot|
        zur übersicht|zu den produkten|view product|view details|ansehen|voir|ver|vedi|bekijk|
        click here|hier klicken|cliquez ici|haz clic aquí|clicca qui|klik hier|clique aqui|
        jetzt anfragen|anfragen|inquire|enquire|enquire now|request info|apply now|jetzt bewerben|
        postuler|solicitar|candidati|solliciteer|candidatar-se|donate|spenden|faire un don|donar|
        dona ora|doneer|doar|sign the petition|mitmachen|join|beitreten|adhérer|unirse|aderisci|
        word lid|aderir|alle suchergebnisse anzeigen|show all results|choose your language|
        sprache wählen|choisir la langue|elegir idioma|scegli la lingua|kies taal|escolher idioma""",
}

# Words and phrases that mark furniture wherever they stand in a longer string
# ("Partager sur Facebook", "Mein Wunschzettel", "Sie sind hier:"). Whole words only, so
# "Kontaktlinsen" is not contact; none of them names a product in ordinary use.
FURNITURE_PHRASES: dict[str, tuple[str, ...]] = {
    "legal": ("geschäftsbedingungen", "datenschutz", "privacy", "impressum", "widerruf", "haftungsausschluss",
              "cookie settings", "cookie policy", "cookies", "mentions légales", "confidentialité", "aviso legal",
              "privacidad", "terms of", "conditions générales", "algemene voorwaarden", "nutzungsbedingungen",
              "bildrechte", "©", "all rights reserved", "alle rechte vorbehalten", "tous droits réservés",
              "return policy", "refund policy", "shipping methods", "versandbedingungen", "rückgabe",
              "financial policies", "equal housing", "accessibility statement"),
    "account": ("einloggen", "log in", "login", "sign in", "sign up", "my account", "mein konto", "mon compte",
                "passwort", "password", "kundenkonto", "benutzerkonto", "benutzername", "username",
                "wunschzettel", "wunschliste", "merkliste", "merkzettel", "wishlist", "favoriten", "favorites",
                "favourites", "saved searches", "saved properties", "new account", "order history",
                "bestellhistorie", "zuletzt angesehen", "recently viewed", "vergleichsliste", "forgot"),
    "cart": ("warenkorb", "add to cart", "shopping cart", "your cart", "view cart", "panier", "carrito",
             "carrello", "winkelwagen", "checkout", "zur kasse"),
    "newsletter": ("newsletter", "nieuwsbrief", "subscribe to", "abonnieren", "rss"),
    "careers": ("jobs", "job", "karriere", "stellenangebot", "careers", "vacature", "jobs bei", "work with us", "job listings",
                "employment", "bewerbung", "emplois"),
    "editorial": ("zu allen beiträgen", "all posts", "pressemitteilung", "press release", "blog", "latest news",
                  "more news", "read more", "weiterlesen", "lire la suite", "kommentar", "comment",
                  "commentaire", "commentaires", "comentario", "commento", "reactie", "photo gallery",
                  "bildergalerie", "galerie", "testimonials", "erfahrungen", "bewertung", "bewertungen",
                  "kundenmeinung", "review us", "write a review", "news in", "articles"),
    "social": ("facebook", "twitter", "instagram", "linkedin", "youtube", "pinterest", "tiktok", "whatsapp",
               "share this", "sharethis", "teilen", "partager", "compartir", "condividi",
               "tweet", "become a fan", "follow us"),
    "navigation": ("suchergebnisse", "search results", "advanced search", "erweiterte suche", "site search",
                   "google search", "zurück zu", "back to", "retour à", "volver a", "skip to", "skip navigation",
                   "zum inhalt", "springe", "sie sind hier", "you are here", "vous êtes ici", "usted está aquí",
                   "ti trovi qui", "u bent hier", "menü", "menu schließen", "toggle", "schließen", "zuklappen",
                   "aufklappen", "change country", "land wählen", "choose country", "sprache", "language",
                   "langue", "view all", "alle anzeigen", "see all", "show all", "learn more", "mehr erfahren",
                   "en savoir plus", "saiba mais", "more about", "mehr über", "overview of"),
    "help": ("faq", "frequently asked", "häufig gestellte", "häufige fragen", "questions fréquentes",
             "preguntas frecuentes", "domande frequenti", "veelgestelde", "need help", "live chat", "hilfe"),
    "contact": ("kontakt", "contact us", "get in touch", "nous contacter", "contáctenos", "kontaktanfrage",
                "anfahrt", "call now", "jetzt anrufen", "call toll free", "rufen sie", "email us", "e-mail an",
                "email address", "telephone", "telefon:", "anfrage senden", "anfrage stellen",
                "unverbindliche anfrage", "ask a question", "vendor inquiry", "schedule a", "termin vereinbaren",
                "arrange an appointment", "kostenlose beratung", "free consultation", "rückruf"),
    "about the company": ("geschichte", "history", "historie", "chronik", "firmenhistorie", "leitbild", "philosophie",
                          "philosophy", "mission statement", "unsere werte", "our values", "nos valeurs", "experten",
                          "our experts", "unsere experten", "ansprechpartner", "management team", "vorstand",
                          "investor relations", "investoren", "investors", "sustainability report",
                          "nachhaltigkeitsbericht", "gut zu wissen", "good to know", "bon à savoir", "wissenswertes",
                          "mandanteninformationen", "client information", "kundeninformation", "weitere informationen",
                          "more information", "plus d'informations", "más información", "ulteriori informazioni",
                          "meer informatie", "mais informações", "infomaterial", "brochures", "broschüren"),
    "booking widget": ("kalender", "calendar", "belegungsplan", "availability", "verfügbarkeit", "disponibilité",
                       "disponibilidad", "disponibilità", "beschikbaarheid", "details zum preis", "price details",
                       "preis berechnen", "calculate price", "money back", "geld zurück", "satisfaction guarantee"),
    "editorial content": ("rezepte", "recipes", "recettes", "recetas", "ricette", "recepten", "receitas", "tipps",
                          "tips", "ratgeber", "conseils", "consejos", "consigli", "lexikon", "glossar", "glossary"),
    "product details": ("supported devices", "system requirements", "systemvoraussetzungen", "technische daten",
                        "technical data", "specifications", "spezifikationen", "datenblatt", "data sheet",
                        "fiche technique", "ficha técnica", "scheda tecnica", "downloads", "bedienungsanleitung",
                        "user manual", "mode d'emploi", "release notes"),
    "promotions": ("special offers", "course offers", "offers", "deals", "promotions", "promo", "aktionen",
                   "sonderangebote", "offres spéciales", "ofertas", "aanbiedingen", "sale %"),
    "audience": ("architects", "architekten", "architectes", "arquitectos", "architetti", "homeowners", "householders", "hausbesitzer", "eigentümer", "trade customers", "installers",
                 "installateure", "fachhandwerker", "for architects", "für architekten", "für händler",
                 "for dealers", "for professionals", "für profis", "pour les professionnels"),
    "comment form": ("annuler la réponse", "cancel reply", "antwort abbrechen", "leave a reply", "leave a comment",
                     "laisser un commentaire", "deja un comentario", "lascia un commento", "reageer"),
    "cookie": ("nicht erlauben", "erlauben", "allow all", "deny", "einstellungen speichern", "save settings",
               "ich bin einverstanden", "i agree", "j'accepte"),
}

# Menu labels (beside the navigation, legal, account, careers, editorial, contact and
# social words) whose items are about the site or the company, never its range.
ABOUT_MENU_WORDS = """unternehmen|company|über uns|about us|about|wir|kanzlei|firma|
    the firm|l'entreprise|la empresa|l'azienda|het bedrijf|a empresa|service|services & support|support|info|
    informationen|information|wissenswertes|mehr|more|weitere|legal|rechtliches|meta"""

# What a link points to, by path words (whole path segments or their words).
HREF_WORDS: dict[str, tuple[str, ...]] = {
    "account": ("login", "log-in", "signin", "sign-in", "signup", "register", "account", "konto", "myaccount",
                "customer/account", "mon-compte", "mi-cuenta", "wishlist", "wunschliste"),
    "cart": ("cart", "basket", "warenkorb", "panier", "checkout", "kasse", "carrito", "carrello", "winkelwagen"),
    "legal": ("impressum", "imprint", "privacy", "datenschutz", "agb", "terms", "legal", "mentions-legales",
              "cookie", "cookies", "disclaimer", "widerruf", "aviso-legal", "privacidad", "colofon"),
    "careers": ("jobs", "karriere", "career", "careers", "stellenangebote", "emplois", "vacatures", "empleo"),
    "editorial": ("blog", "news", "presse", "press", "aktuelles", "magazin", "actualites", "noticias", "nieuws",
                  "actualite", "actu", "actus", "nouvelles", "newsroom", "pressroom", "beitrag", "beitraege",
                  "posts", "notizie", "noticia"),
    "newsletter": ("newsletter",),
    "contact": ("kontakt", "contact", "contacto", "contatti", "anfahrt"),
}

# Social networks by registrable name (a host is one of them or a subdomain of one).
SOCIAL_HOSTS = ("facebook.com", "fb.com", "fb.me", "twitter.com", "x.com", "instagram.com", "linkedin.com",
                "youtube.com", "youtu.be", "xing.com", "pinterest.com", "tiktok.com", "whatsapp.com", "wa.me", "t.me",
                "vimeo.com", "flickr.com", "tumblr.com", "threads.net", "bsky.app", "snapchat.com", "telegram.me")
SOCIAL_LABELS = ("facebook", "instagram", "pinterest", "linkedin", "youtube", "twitter", "xing", "tiktok")
# Languages a switcher lists, named in themselves and in the languages research reads (CLDR).
LANGUAGE_CODES = ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "cs", "sk", "sl", "hr", "hu", "ro", "bg", "el",
                 "ru", "uk", "tr", "sv", "da", "nb", "no", "fi", "et", "lv", "lt", "ja", "zh", "ko", "ar", "he")
READER_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt")

# -- plausibility of a bare name -------------------------------------------------------
# Words that open (or, in German, close) a call to action. Only unambiguous verbs: "order",
# "book", "track", "store" are nouns too ("Order management") and are handled apart.
CTA_VERBS = """
    browse discover explore learn find get start see view read try join send connect download
    subscribe register contact visit click choose create build make add enjoy experience unlock
    boost grow let go take stay keep meet shop buy sign log request schedule compare apply watch
    call discover upgrade claim save grab reserve check
    jetzt entdecken entdecke kaufen kaufe bestellen bestelle buchen buche mehr erfahren erfahre
    anfragen anfrage ansehen anschauen finden finde shoppen stöbern sichern sichere testen teste
    vergleichen vereinbaren anrufen kontaktieren informieren registrieren anmelden starten
    hier weiter zum zur mieten herunterladen suchen anfordern anzeigen zeigen lesen weiterlesen
    abonnieren bewerben berechnen sparen downloaden gewinnen
    offers provides delivers helps bietet bieten propose proposons ofrece offre
    découvrir découvrez découvre acheter achetez commander commandez réserver réservez voir
    voyez contactez contacter inscrivez trouver trouvez profitez demander demandez essayer
    essayez explorer explorez obtenir obtenez savoir télécharger téléchargez envoyer envoyez
    lisez adhérer adhérez rejoindre rejoignez soutenir soutenez
    comprar compra compre descubre descubrir ver reservar reserva reserve explorar explora
    contacta contactar solicita solicitar encuentra encontrar
    descargar descarga descargue enviar envía únete
    scopri scoprire acquista acquistare compra prenota prenotare vedi esplora trova contattaci
    bekijk ontdek koop bestel boek vind probeer
"""
# Verbs that are also nouns: a call to action only when followed by a determiner,
# pronoun or adverb ("Order now", "Book an appointment", "Shop by category").
VERB_NOUNS = "order book track store search view shop sign log call compare save"
CTA_FOLLOWERS = """
    now all by our your the a an more in up out online today here this these my
    now jetzt alle unsere ihre den die das einen ein eine
"""
# Imperatives that open calls to action when several words follow ("Use & remix",
# "Share your work", "Give today").
MORE_CTA = ("use", "share", "remix", "give", "donate", "spende", "teile", "partage", "comparte", "condividi",
            "deel", "nutze", "utilisez", "usa", "utilizza", "gebruik")
PRONOUNS = """
    we our ours us you your yours i my me
    wir unser unsere unseren unserem unserer uns ihr ihre ihren ihrem ihrer sie dein deine dich dir mein meine
    nous notre nos vous votre vos je mon ma mes tu ton ta tes
    nosotros nuestro nuestra nuestros nuestras tu tus usted mi mis
    noi nostro nostra nostri nostre voi vostro vostra tuo tua mio mia
    wij ons onze jij jouw uw mijn
"""
QUESTION_STARTS = """
    why how what who when where which warum wieso weshalb wie was wer wo pourquoi comment quoi
    qui quand où por porqué qué cómo perché come cosa waarom hoe wat
"""
# Slogan cues: quantifiers, relative clauses and the little words of a tagline.
SLOGAN_WORDS = """
    every each all any that which who whose to by up close welcome best better new more most free
    kostenlos gratis gratuit gratuito
    jede jeder jedes alle ganz willkommen beste besten neu neue mehr
    chaque tous toutes tout bienvenue meilleur meilleure nouveau nouvelle plus
    cada todo todos bienvenido mejor nuevo ogni tutti benvenuto nuovo elke alle welkom nieuw
"""
# A category name does not open with an article, a preposition or "overview".
LEADING_STOP = """
    the a an their its this these those of at on in with from into over under about overview
    der die das den dem des ein eine einen einem einer am im in bei auf über mit zu zum zur vom von
    übersicht le la les l un une des du au aux dans à aperçu el los las lo un una del al en
    il gli i uno una di da nel nella het een de op and und et y or oder ou
"""
# Audiences, not offerings: "For patients", "Für Unternehmen".
AUDIENCE_STARTS = ("for", "für", "pour", "para", "per", "voor")
# Section labels and site furniture: never a product themselves.
SECTION_WORDS = """
    home|start|startseite|accueil|inicio|about|about us|company|unternehmen|über uns|qui sommes-nous|team|
    history|geschichte|historie|profil|profile|partner|partners|references|referenzen|références|testimonials|
    reviews|bewertungen|avis|customers|kunden|clients|case studies|success stories|press|presse|media|
    blog|news|aktuelles|actualités|events|veranstaltungen|jobs|careers|karriere|stellenangebote|emplois|
    contact|kontakt|support|help|hilfe|aide|faq|faqs|service|downloads|resources|ressourcen|ressources|
    ratgeber|guide|guides|magazine|magazin|login|log in|sign in|sign up|register|account|my account|
    konto|mein konto|mon compte|cart|warenkorb|panier|basket|checkout|kasse|search|suche|recherche|menu|
    language|sprache|langue|impressum|imprint|legal|datenschutz|privacy|terms|agb|cookies|sitemap|
    newsletter|facebook|twitter|instagram|linkedin|youtube|xing|pinterest|tiktok|overview|übersicht|
    aperçu|more|mehr|all|alle|show all|view all|see all|alle zeigen|alle anzeigen|tout voir|
    pricing|prices|price|preise|tarife|tarifs|plans|plans and pricing|product|products|produkte|produkt|
    produits|produit|productos|prodotti|producten|services|leistungen|dienstleistungen|prestations|
    servicios|servizi|diensten|solutions|lösungen|soluciones|soluzioni|features|funktionen|
    fonctionnalités|categories|category|kategorien|catégories|shop|store|stores|online shop|webshop|
    boutique|tienda|negozio|winkel|sortiment|range|catalogue|catalog|katalog|collections|collection|
    locations|standorte|filialen|store locator|store finder|find a store|filialfinder|new arrivals|
    new in|neuheiten|nouveautés|sale|sales|outlet|clearance|deals|offers|angebote|offres|aktionen|
    gift cards|gift card|gift vouchers|vouchers|gutscheine|gutschein|cartes cadeaux|bestseller|
    bestsellers|best sellers|top sellers|brands|marken|marques|shipping|delivery|versand|lieferung|
    livraison|returns|rückgabe|retoure|retouren|size guide|größentabelle|wishlist|wunschliste|
    merkzettel|favourites|favorites|compare|all products|all categories|
    security|status|api docs|documentation|docs|
    integrations|enterprise|trial|free trial|demo|get started|pricing plans|our services|
    specialties|spezialitäten|unsere leistungen|nos services|nuestros servicios|i nostri servizi|
    deutsch|english|français|francais|español|italiano|nederlands|português|polski|česky|čeština|dansk|
    svenska|norsk|suomi|magyar|türkçe|română|hrvatski|slovenčina|slovenščina|русский|ελληνικά|
    projects|projekte|projets|portfolio|aktuell|vita|über|videos|video|mail|e-mail|email|policies|
    karte|map|detail|details|menü|sicherheit|overview page|more info|mehr infos|plus d'infos|
    back|zurück|retour|previous|next|précédent|suivant|top|nach oben|reservations|reservation|
    reservierung|reservierungen|réservation|réservations|reservas|prenotazioni|contacto|contatti|
    contactos|anreise|anfahrt|directions|getting here|find us|lageplan|plan d'accès
"""
# ... nor anything that contains one of these.
SECTION_PARTS = (
    r"\b(?:all products|by category|by brand|store locator|store finder|new arrivals|gift cards?|"
    r"locations?|sale|opening hours|öffnungszeiten|horaires|shipping|versand|newsletter|"
    r"cookie|privacy|datenschutz|login|log in|sign in|sign up|account|konto|questions?|fragen|preguntas|domande|vragen|faqs?|"
    r"cart|warenkorb|basket|checkout|panier|contact|kontakt)\b"
)
# Words that, after the company's name, still name the company ("Acme Group", "Acme Online Shop").
CORPORATE = ("group", "gruppe", "groupe", "grupo", "gruppo", "groep", "online", "shop", "home", "team", "company",
             "gmbh", "ag", "website", "webseite", "site", "homepage")

# -- editorial items (``research.editorial``) -----------------------------------------
# The link under a teaser that opens the whole post ("Lire la suite"). Only phrases about
# reading: "learn more" / "mehr erfahren" / "en savoir plus" sit under product teasers too.
READ_MORE = ("read more", "continue reading", "read the article", "read article", "read full article",
             "read the full story", "full story", "keep reading",
             "weiterlesen", "mehr lesen", "artikel lesen", "zum artikel", "zum beitrag", "beitrag lesen",
             "lire la suite", "lire l'article", "lire plus", "la suite",
             "leer más", "seguir leyendo", "leer artículo", "leer el artículo",
             "leggi tutto", "leggi di più", "continua a leggere", "leggi l'articolo",
             "lees meer", "verder lezen", "lees verder", "lees het artikel",
             "ler mais", "continuar a ler", "continuar lendo", "leia mais")
