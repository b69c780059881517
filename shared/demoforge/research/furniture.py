"""Site furniture: the strings on a page that are never offerings.

Navigation basics, legal, account, cart/checkout, pagination, social, careers,
press/news/blog and other editorial sections, newsletter, contact, cookie banners,
language switchers and generic calls to action, in English, German, French, Spanish,
Italian, Dutch and Portuguese. A string is furniture when

- its words are one of the class's vocabulary (whole string, or a distinctive phrase in
  it: "Allgemeine Geschäftsbedingungen", "Zum Warenkorb hinzufügen"), or
- what it links to says so (``mailto:``/``tel:``, a social network, ``/login``, ``/cart``,
  ``/impressum``, ``?page=2``), or
- it names a language in that language (a language switcher; names from CLDR), or
- it is repeated in the navigation or footer of several of the site's pages (chrome).

``reason`` returns the class as a short sentence, or None. The vocabulary is general and
multilingual on purpose: written from what sites are made of, not from any one site.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import urllib.parse

import babel


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).casefold()
    s = re.sub(r"[«»›‹<>→←↗►▸▶|•·…]+|\.{3}", " ", s)
    return " ".join(s.replace("’", "'").split()).strip(" .:;,-–—/!?*+()[]")


def _set(text: str) -> frozenset[str]:
    return frozenset(norm(s) for s in text.split("|") if norm(s))


# class -> whole strings (after ``norm``). One line per language where it helps reading.
VOCAB: dict[str, frozenset[str]] = {
    "navigation": _set("""home|homepage|start|startseite|accueil|inicio|página inicial|pagina iniziale|
        menu|menü|menú|hauptmenü|main menu|navigation|search|suche|suchen|recherche|rechercher|buscar|
        cerca|zoeken|pesquisar|sitemap|site map|plan du site|mapa del sitio|mappa del sito|back|zurück|
        retour|volver|indietro|terug|voltar|top|nach oben|back to top|haut de page|more|mehr|plus|más|
        altro|meer|mais|read more|weiterlesen|mehr lesen|mehr erfahren|lire la suite|en savoir plus|
        leer más|leggi di più|lees meer|saiba mais|learn more|show more|mehr anzeigen|see more|view more|
        show all|view all|see all|alle anzeigen|alle zeigen|tout voir|ver todo|vedi tutti|alles bekijken|
        ver tudo|overview|übersicht|aperçu|close|schließen|fermer|cerrar|chiudi|sluiten|fechar|open|
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
        sweepstakes|concours|sorteo|concorso|winactie|sorteio"""),
    "legal": _set("""impressum|imprint|legal notice|legal|legal notes|mentions légales|aviso legal|
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
        zahlungsarten|payment methods|moyens de paiement|métodos de pago|metodi di pagamento|betaalmethoden"""),
    "account": _set("""login|log in|log-in|sign in|sign-in|signin|sign up|signup|register|registrieren|
        anmelden|einloggen|abmelden|logout|log out|sign out|my account|account|konto|mein konto|
        kundenkonto|benutzerkonto|mon compte|compte|se connecter|connexion|s'inscrire|inscription|
        mi cuenta|cuenta|iniciar sesión|registrarse|il mio account|accedi|registrati|mijn account|
        inloggen|registreren|minha conta|entrar|registar|password|passwort|forgot password|
        passwort vergessen|mot de passe oublié|wishlist|wunschliste|merkzettel|liste de souhaits|
        lista de deseos|lista dei desideri|verlanglijst|favorites|favourites|favoriten|favoris|
        order status|bestellstatus|track order|sendungsverfolgung|mes commandes|my orders|
        meine bestellungen|mis pedidos|i miei ordini|mijn bestellingen"""),
    "cart": _set("""cart|shopping cart|basket|shopping bag|bag|warenkorb|zum warenkorb|in den warenkorb|
        panier|mon panier|ajouter au panier|carrito|añadir al carrito|carrello|aggiungi al carrello|
        winkelwagen|winkelmandje|in winkelwagen|carrinho|adicionar ao carrinho|checkout|kasse|zur kasse|
        caisse|commander|pagar|cassa|afrekenen|finalizar compra|add to cart|add to basket|buy now|
        jetzt kaufen|acheter|comprar|acquista|kopen|compre agora|compare|vergleichen|comparer|
        comparar|confronta|vergelijken|merkliste|in den warenkorb legen"""),
    "pagination": _set("""next|previous|prev|older|newer|next page|previous page|weiter|vorherige|
        vorheriges|nächste|nächstes|nächste seite|vorherige seite|zurück|suivant|précédent|page suivante|
        page précédente|siguiente|anterior|successivo|successiva|precedente|volgende|vorige|próximo|
        próxima|first|last|erste|letzte|premier|dernier|primero|último|primo|ultimo|eerste|laatste"""),
    "social": _set("""facebook|twitter|x|instagram|linkedin|youtube|xing|pinterest|tiktok|whatsapp|
        telegram|snapchat|vimeo|flickr|tumblr|mastodon|threads|bluesky|rss|rss feed|rss feeds|feed|
        follow us|folgen sie uns|suivez-nous|síguenos|seguici|volg ons|siga-nos|social media"""),
    "careers": _set("""jobs|careers|career|karriere|stellenangebote|stellen|offene stellen|jobs bei uns|
        arbeiten bei uns|work with us|join us|join our team|emplois|carrières|recrutement|nous rejoindre|
        empleo|trabaja con nosotros|carreras|lavora con noi|carriere|posizioni aperte|vacatures|
        werken bij|carreiras|trabalhe conosco|ausbildung bei uns"""),
    "editorial": _set("""press|presse|press releases|pressemitteilungen|communiqués de presse|prensa|
        sala de prensa|stampa|comunicati stampa|pers|persberichten|imprensa|media|medien|médias|
        newsroom|news|neuigkeiten|aktuelles|aktuell|nachrichten|actualités|actualidad|noticias|notizie|
        nieuws|notícias|blog|blogs|magazin|magazine|journal|events|veranstaltungen|termine|événements|
        eventos|eventi|evenementen|artikel|articles|artículos|articoli|beiträge|zu allen beiträgen|
        alle beiträge|all posts|all articles|podcast|videos|video|galerie|gallery|galería|galleria"""),
    "newsletter": _set("""newsletter|newsletter abonnieren|subscribe|subscribe to our newsletter|
        abonnieren|s'abonner|inscrivez-vous à la newsletter|suscribirse|suscríbete|iscriviti|
        iscriviti alla newsletter|aanmelden nieuwsbrief|nieuwsbrief|subscrever|abschicken|absenden|
        submit|senden|envoyer|enviar|invia|verzenden|send"""),
    "contact": _set("""contact|contact us|kontakt|kontaktieren sie uns|kontakt aufnehmen|kontaktformular|
        contactez-nous|nous contacter|contacto|contáctenos|contacta|contatti|contattaci|contatto|
        contacteer ons|neem contact op|contato|fale conosco|anfahrt|directions|how to find us|
        so finden sie uns|accès|cómo llegar|come raggiungerci|route|routebeschrijving|como chegar|
        opening hours|öffnungszeiten|horaires|horario|orari|openingstijden|horário|callback|rückruf|
        termin|termin vereinbaren|book an appointment|prendre rendez-vous|pedir cita|prenota|afspraak maken|
        beratung anfordern|request a quote|angebot anfordern|demander un devis|solicitar presupuesto|
        richiedi un preventivo|offerte aanvragen|pedir orçamento|get a quote|free quote|kostenloses angebot"""),
    "cookie": _set("""accept|accept all|alle akzeptieren|akzeptieren|tout accepter|accepter|aceptar|
        aceptar todo|accetta|accetta tutti|accepteren|alles accepteren|aceitar|aceitar tudo|reject|
        ablehnen|alle ablehnen|refuser|tout refuser|rechazar|rifiuta|weigeren|rejeitar|
        einstellungen|settings|paramètres|configuración|impostazioni|instellingen|configurações|
        nur notwendige|only necessary|necessary only|essenzielle|we use cookies|wir verwenden cookies|
        ok|okay|got it|verstanden|j'ai compris|entendido|ho capito|begrepen|entendi"""),
    "audience section": _set("""b2b|b2c|für unternehmen|für privatkunden|privatkunden|geschäftskunden|
        firmenkunden|for business|for businesses|for individuals|for consumers|business customers|
        particuliers|professionnels|entreprises|pour les entreprises|empresas|particulares|aziende|privati|
        zakelijk|particulier|zakelijke klanten|para empresas|para você"""),
    "call to action": _set("""shop now|order now|book now|jetzt bestellen|jetzt buchen|jetzt entdecken|
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
        sprache wählen|choisir la langue|elegir idioma|scegli la lingua|kies taal|escolher idioma"""),
}

# Distinctive phrases that mark furniture wherever they occur in a longer string.
PHRASES: dict[str, tuple[str, ...]] = {
    "legal": ("geschäftsbedingungen", "datenschutz", "privacy", "impressum", "widerruf", "haftungsausschluss",
              "cookie", "mentions légales", "confidentialité", "aviso legal", "privacidad", "terms of",
              "conditions générales", "algemene voorwaarden", "nutzungsbedingungen", "bildrechte", "©"),
    "account": ("einloggen", "log in", "login", "sign in", "sign up", "my account", "mein konto", "mon compte",
                "passwort", "password", "kundenkonto"),
    "cart": ("warenkorb", "add to cart", "shopping cart", "panier", "carrito", "carrello", "winkelwagen",
             "checkout", "zur kasse"),
    "newsletter": ("newsletter", "nieuwsbrief"),
    "careers": ("karriere", "stellenangebot", "careers", "vacature", "jobs bei", "work with us"),
    "editorial": ("zu allen beiträgen", "all posts", "pressemitteilung", "press release", "blog"),
    "navigation": ("suchergebnisse", "search results", "zurück zu", "back to", "retour à", "volver a",
                   "skip to", "zum inhalt"),
    "contact": ("kontakt aufnehmen", "contact us", "get in touch", "nous contacter", "contáctenos"),
}

# What a link points to, by path words (whole path segments or their words).
HREF_WORDS: dict[str, tuple[str, ...]] = {
    "account": ("login", "log-in", "signin", "sign-in", "signup", "register", "account", "konto", "myaccount",
                "customer/account", "mon-compte", "mi-cuenta", "wishlist", "wunschliste"),
    "cart": ("cart", "basket", "warenkorb", "panier", "checkout", "kasse", "carrito", "carrello", "winkelwagen"),
    "legal": ("impressum", "imprint", "privacy", "datenschutz", "agb", "terms", "legal", "mentions-legales",
              "cookie", "cookies", "disclaimer", "widerruf", "aviso-legal", "privacidad", "colofon"),
    "careers": ("jobs", "karriere", "career", "careers", "stellenangebote", "emplois", "vacatures", "empleo"),
    "editorial": ("blog", "news", "presse", "press", "aktuelles", "magazin", "actualites", "noticias", "nieuws"),
    "newsletter": ("newsletter",),
    "contact": ("kontakt", "contact", "contacto", "contatti", "anfahrt"),
}
SOCIAL_HOSTS = ("facebook.", "twitter.", "x.com", "instagram.", "linkedin.", "youtube.", "youtu.be", "xing.",
                "pinterest.", "tiktok.", "whatsapp.", "t.me", "vimeo.", "flickr.", "tumblr.", "mastodon.")
_PAGINATION_HREF = re.compile(r"[?&](?:page|p|seite|pagina|pg)=\d+|/page/\d+|/seite/\d+", re.I)
_NUMERIC = re.compile(r"^[\d\s.,/|«»<>-]+$")


@functools.lru_cache(maxsize=1)
def language_names() -> frozenset[str]:
    """Language names as a switcher writes them: each language in itself and in the
    languages research reads (CLDR), plus the codes ("DE", "EN")."""
    out: set[str] = set()
    readers = ("en", "de", "fr", "es", "it", "nl", "pt")
    for code in ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "cs", "sk", "sl", "hr", "hu", "ro", "bg", "el",
                 "ru", "uk", "tr", "sv", "da", "nb", "no", "fi", "et", "lv", "lt", "ja", "zh", "ko", "ar", "he"):
        try:
            loc = babel.Locale.parse(code)
        except (ValueError, babel.UnknownLocaleError):
            continue
        if loc.get_display_name(code):
            out.add(norm(loc.get_display_name(code) or ""))
        for reader in readers:
            out.add(norm(loc.get_display_name(reader) or ""))
        out.add(code)
    return frozenset(o for o in out if o)


def _href_class(href: str) -> str | None:
    if not href:
        return None
    low = href.strip().lower()
    if low.startswith("mailto:") or low.startswith("tel:"):
        return "contact"
    if low.startswith("javascript:"):
        return "navigation"
    parts = urllib.parse.urlsplit(low)
    host = parts.hostname or ""
    if any(s in host for s in SOCIAL_HOSTS):
        return "social"
    if _PAGINATION_HREF.search(low):
        return "pagination"
    path = urllib.parse.unquote(parts.path)
    segments = [s for s in re.split(r"[/_.]+", path) if s]
    words = set(segments) | {w for s in segments for w in s.split("-")}
    for cls, hints in HREF_WORDS.items():
        if any(h in words or ("/" in h and h in path) for h in hints):
            return cls
    return None


def reason(text: str, href: str = "", *, link_counts: bool = True) -> str | None:
    """Why ``text`` (optionally a link to ``href``) is site furniture, or None.
    ``link_counts`` False for names from structured data, whose links are product pages."""
    key = norm(text)
    if not key:
        return "empty"
    for cls, words in VOCAB.items():
        if key in words:
            return f"{cls} ({text!r} is a {cls} word)"
    if _NUMERIC.match(key):
        return "pagination (a number)"
    if key in language_names():
        return "language switcher"
    for cls, phrases in PHRASES.items():
        for p in phrases:
            if p in key:
                return f"{cls} (contains {p!r})"
    if link_counts:
        linked = _href_class(href)
        if linked is not None:
            return f"{linked} (links to {href[:80]})"
    return None


def repeated_chrome(texts_per_page: list[set[str]], min_pages: int = 2) -> set[str]:
    """Navigation/footer strings that occur on at least ``min_pages`` of the pages: the
    site's chrome (only meaningful when more than one page was read)."""
    if len(texts_per_page) < min_pages:
        return set()
    counts: dict[str, int] = {}
    for texts in texts_per_page:
        for t in {norm(x) for x in texts}:
            counts[t] = counts.get(t, 0) + 1
    return {t for t, n in counts.items() if n >= min_pages}
