"""Extraction of the structured signals research reasons over."""

from __future__ import annotations

from demoforge.research.extract import MAX_LINKS, extract, guess_language

HTML = """<!doctype html><html lang="de-DE"><head>
<title>Beispiel GmbH | Versicherungen</title>
<meta name="Description" content="Ihre Versicherung   für Haus und Auto.">
<meta property="og:site_name" content="Beispiel">
<meta property="og:title" content="Start">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"InsuranceAgency","name":"Beispiel Versicherungen"},
 {"@type":["WebSite","schema:Thing"],"name":"x"}]}</script>
<script type="application/ld+json">{ broken json</script>
</head><body>
<header><nav><a href="/ueber-uns">Über uns</a><a href="produkte/">Produkte</a><a href="#top">Top</a>
<a href="mailto:x@y.z">Mail</a><a href="https://other.example/x">Partner</a></nav></header>
<h1>Versicherung für alle</h1><h2>Hausrat</h2>
<p>Wir sind ein Versicherungsmakler und beraten Sie bei der Wahl der richtigen Police für Ihr Haus,
Ihr Auto und Ihre Familie. Unsere Beratung ist unabhängig und kostenlos für unsere Kunden.</p>
<footer><a href="/impressum">Impressum</a><a href="/datenschutz">Datenschutz</a></footer>
</body></html>"""


def test_structured_signals() -> None:
    e = extract(HTML, "https://www.beispiel.de/")
    assert e.title == "Beispiel GmbH | Versicherungen"
    assert e.description == "Ihre Versicherung für Haus und Auto."
    assert e.og == {"site_name": "Beispiel", "title": "Start"}
    assert "InsuranceAgency" in e.jsonld_types and "Thing" in e.jsonld_types
    assert e.jsonld_names[0] == "Beispiel Versicherungen"  # the business, before the WebSite name
    assert e.headings[:2] == ["Versicherung für alle", "Hausrat"]
    assert "Über uns" in e.nav_links and "Produkte" in e.nav_links
    assert e.footer_links == ["Impressum", "Datenschutz"]
    assert e.language == "de"
    hrefs = [link.href for link in e.links]
    assert "https://www.beispiel.de/ueber-uns" in hrefs
    assert "https://www.beispiel.de/produkte/" in hrefs
    assert not any(h.startswith("mailto:") or h.endswith("#top") for h in hrefs)
    assert "Versicherungsmakler" in e.text


def test_declared_language_overridden_by_content() -> None:
    body = " ".join(["Die Feuerwehr ist für die Sicherheit der Bürger und der Stadt da und wir sind stolz darauf."] * 5)
    e = extract(f'<html lang="en"><body><p>{body}</p></body></html>', "https://x.example/")
    assert e.language == "de"


def test_guess_language_needs_enough_words() -> None:
    assert guess_language("le la les") == ""
    assert guess_language(" ".join(["nous sommes une entreprise avec des clients dans la région"] * 4)) == "fr"


def test_thin_page_falls_back_to_body_text_and_caps_links() -> None:
    links = "".join(f'<a href="/p{i}">p{i}</a>' for i in range(MAX_LINKS + 50))
    e = extract(f"<html><body><div>Tiny shop</div>{links}<script>var x=1</script></body></html>",
                "http://s.example/")
    assert "Tiny shop" in e.text and "var x" not in e.text
    assert len(e.links) == MAX_LINKS


def test_garbage_does_not_crash() -> None:
    for junk in ["", "<<<>>>", "\x00\x01binary", "<html><script type='application/ld+json'>[[[[</script>"]:
        e = extract(junk, "http://j.example/")
        assert e.url == "http://j.example/"


def test_html_entities_in_json_ld_names_are_decoded() -> None:
    page = ('<html><head><title>x</title><script type="application/ld+json">'
            '{"@type": "Organization", "name": "Info&#039;Com-CGT &amp; Partner"}</script></head>'
            '<body><p>Hallo</p></body></html>')
    e = extract(page, "https://infocom.example/")
    assert e.jsonld_names[0] == "Info'Com-CGT & Partner"
