"""Places and other organisations' sites named in a menu are not offerings: a town of the
business's country becomes a location, a link to another domain outside an offering menu
is rejected, and the site's own links (also under another host, or a sister domain) stay."""

from __future__ import annotations

from demoforge.research import places, sites
from demoforge.research.extract import extract
from demoforge.research.offline import analyse

_FARM = """<html lang="de-IT"><head><title>Hof & Geschichte - Gasthof Beispielhof</title></head><body>
<nav><ul>
 <li><a href="https://www.beispielhof.it/zimmer">Ferienwohnungen</a></li>
 <li><a href="https://www.beispielhof.it/gasthaus">Gasthaus Beispielhof</a></li>
 <li><a href="https://www.beispielhof.it/urlaub">Urlaub auf dem Bauernhof</a></li>
 <li><a href="https://www.beispielhof.it/kontakt">Kontakt</a></li>
 <li><a href="https://www.beispielhof.it/lage">Kastelbell-Tschars</a></li>
 <li><a href="http://www.roterhahn.it/de/">Roter Hahn</a></li>
 <li><a href="http://www.some-museum.it/">Bergmuseum am Berg</a></li>
</ul></nav>
<main><h1>Hof &amp; Geschichte</h1><p>Seit 1890 bewirtschaften wir den Hof in Südtirol. Tel. +39 0473 123456</p></main>
<footer>© 2024 Gasthof Beispielhof, 39020 Kastelbell-Tschars, Italien</footer></body></html>"""


def _names(url: str) -> tuple[list[str], list[str], list[str]]:
    r = analyse([extract(_FARM, url)])
    return [o.name for o in r.offerings], [x.name for x in r.rejected], [loc.city for loc in r.locations]


def test_partner_sites_and_places_are_not_offerings_and_real_ones_stay() -> None:
    for url in ("https://www.beispielhof.it/geschichte", "http://127.0.0.1:8765/beispielhof.it.geschichte.html"):
        names, rejected, cities = _names(url)
        assert "Roter Hahn" not in names and "Roter Hahn" in rejected, url
        assert "Bergmuseum am Berg" not in names, url
        assert "Kastelbell-Tschars" not in names and "Kastelbell-Tschars" in cities, url
        # The business's own pages, even while served from 127.0.0.1.
        assert {"Ferienwohnungen", "Gasthaus Beispielhof", "Urlaub auf dem Bauernhof"} <= set(names), url


def test_a_town_linked_to_its_own_site_is_a_location() -> None:
    html = _FARM.replace('href="https://www.beispielhof.it/lage"', 'href="http://www.vinschgau.net/de/kastelbell.html"')
    html = html.replace("39020 Kastelbell-Tschars", "Südtirol")
    r = analyse([extract(html, "https://www.beispielhof.it/geschichte")])
    assert "Kastelbell-Tschars" not in [o.name for o in r.offerings]
    assert [(loc.city, loc.country) for loc in r.locations if loc.source == "place named in a menu"] == [
        ("Kastelbell-Tschars", "IT")]


def test_registrable_and_own_sites() -> None:
    assert sites.registrable("shop.example.co.uk") == "example.co.uk"
    assert sites.registrable("www.example.de") == "example.de"
    assert sites.registrable("127.0.0.1") == "127.0.0.1"
    own = sites.own_sites("http://127.0.0.1:8765/x.html", ["https://a.example.de/1", "https://example.de/2",
                                                            "https://twitter.com/x"])
    assert not sites.external("https://shop.example.de/p", own)
    assert sites.external("https://twitter.com/x", own)
    assert not sites.external("/relative/path", own)
    # A sister domain named in the title, or extending the site's own name, is the site's.
    own = sites.own_sites("https://www.mozilla.org/", ["https://marketplace.firefox.com/", "https://www.youtube.com/"],
                          title="Firefox — the browser — Mozilla")
    assert not sites.external("https://marketplace.firefox.com/", own)
    assert sites.external("https://www.youtube.com/", own)
    own = sites.own_sites("https://www.pilkington.com/", ["https://www.pilkingtonselfcleaningglass.co.uk/"])
    assert not sites.external("https://www.pilkingtonselfcleaningglass.co.uk/demo", own)


def test_local_place_is_in_the_business_country_only() -> None:
    assert places.local_place("Kastelbell-Tschars", "IT") == ("Kastelbell-Tschars", True)  # a village of ~2,300
    assert places.local_place("kastelbell-tschars", "IT") is not None
    assert places.local_place("Kastelbell-Tschars", "AT") is None  # abroad: a destination may be sold
    assert places.local_place("Texas", "US") == ("Texas", False)  # a state: rejected, not a city
    assert places.local_place("Ferienwohnung", "DE") is None
    assert places.local_place("Kastelbell-Tschars", None) is None
