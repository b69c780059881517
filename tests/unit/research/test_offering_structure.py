"""Offerings read from where strings sit on the page: business lines whose menus repeat the
same sub-pages give themselves and not those facets; a list item keeps its conjunction
when the rest is part of the name; a page whose address names its title is about that
offering. Every rejection keeps its reason."""

from __future__ import annotations

from demoforge.research.extract import extract
from demoforge.research.offline import analyse
from tests.support.fake_fetcher import page


def _profile(html: str, url: str) -> tuple[list[str], dict[str, str]]:
    r = analyse([extract(html, url)])
    return [o.name for o in r.offerings], {x.name: x.reason for x in r.rejected}


def _menu(label: str, items: list[str]) -> str:
    links = "".join(f'<li><a href="/{label.lower()}/{i.lower()}">{i}</a></li>' for i in items)
    return f'<li><a href="/{label.lower()}/">{label}</a><ul>{links}</ul></li>'


def test_templated_menus_are_business_lines_and_their_items_facets() -> None:
    nav = "<ul>" + _menu("Tauchen", ["Ausbildung", "Technik", "Anerkennung"]) \
        + _menu("Bootsdienst", ["Ausbildung", "Technik"]) + _menu("Fahrzeuge", ["Mehrzweckboot", "Schlauchboot"]) \
        + "</ul>"
    names, rejected = _profile(page("Wasserrettung", "<p>Wir retten.</p>", links=nav, lang="de"),
                               "https://rettung.example/")
    assert {"Tauchen", "Bootsdienst"} <= set(names)
    assert not {"Ausbildung", "Technik", "Anerkennung"} & set(names)
    assert "a facet of the business line 'Tauchen'" in rejected["Anerkennung"]
    assert {"Mehrzweckboot", "Schlauchboot"} <= set(names)  # an ordinary menu still gives its items


def test_menus_sharing_items_as_audiences_are_not_business_lines() -> None:
    nav = "<ul>" + _menu("For Android", ["Overview", "Sync", "Themes"]) \
        + _menu("For Desktop", ["Overview", "Sync", "Add-ons"]) + "</ul>"
    names, _ = _profile(page("Browser", "<p>A browser.</p>", links=nav), "https://browser.example/")
    assert "Sync" in names and "For Android" not in names


def test_one_item_shared_by_two_categories_is_not_a_template() -> None:
    nav = "<ul>" + _menu("Drucker", ["RFID-Drucker", "Etikettendrucker", "Desktopdrucker"]) \
        + _menu("RFID", ["RFID-Drucker", "RFID-Etiketten"]) + "</ul>"
    names, _ = _profile(page("Druck", "<p>Drucker.</p>", links=nav, lang="de"), "https://druck.example/")
    assert {"RFID-Drucker", "Etikettendrucker", "RFID-Etiketten"} <= set(names)


def _services(items: str, lang: str = "en") -> list[str]:
    body = f"<h2>Our services</h2><ul>{items}</ul>" if lang == "en" else f"<h2>Leistungen</h2><ul>{items}</ul>"
    return _profile(page("Builder", body, lang=lang), "https://builder.example/")[0]


def test_a_title_case_item_is_one_name_in_english() -> None:
    names = _services('<li><a href="/roofing">Roofing and Roofline</a></li><li>Pediatrics and vaccinations</li>'
                      '<li>Plumbing</li>')
    assert names[:3] == ["Roofing and Roofline", "Pediatrics", "Plumbing"]


def test_an_item_whose_link_spells_it_keeps_its_conjunction() -> None:
    names = _services('<li><a href="/steuerplanung-und-steuerstrategieentwicklung">Steuerplanung und '
                      'Steuerstrategieentwicklung</a></li><li><a href="/beratung">Beratung und Begleitung</a></li>'
                      '<li>Anfertigung von Erbschafts- und Schenkungsteuererklärungen</li>', lang="de")
    assert names == ["Steuerplanung und Steuerstrategieentwicklung", "Beratung",
                     "Anfertigung von Erbschafts- und Schenkungsteuererklärungen"]


def test_a_page_whose_address_names_its_title_is_about_that_offering() -> None:
    html = page("Tragwerksplanung | RS Ingenieure", "<h1>RS Ingenieure</h1><h2>Beratende Ingenieure</h2>"
                "<h2>Tragwerksplanung</h2><p>Statik für Hochbau und Brücken.</p>", lang="de")
    names, _ = _profile(html, "https://rs.example/tragwerksplanung")
    assert names[0] == "Tragwerksplanung"
    names, _ = _profile(page("Über uns | RS Ingenieure", "<p>Seit 1990.</p>", lang="de"),
                        "https://rs.example/kontakt")
    assert "Über uns" not in names
