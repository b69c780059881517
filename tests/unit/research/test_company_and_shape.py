"""The company's own name from its name fields (structured data, og:site_name, logo alt,
copyright line), the title only as a last resort; shape, customer type and channels from
what the site shows."""

from __future__ import annotations

import json

from demoforge.research import profile
from demoforge.research.extract import extract
from demoforge.research.offline import analyse
from tests.support.fake_fetcher import page

URL = "https://www.naples-derm.example/"
TITLE = "Naples Dermatology and Offering Naples Florida Dermatology"


def _company(head: str = "", body: str = "<p>x</p>", title: str = TITLE, url: str = URL) -> tuple[str, str]:
    name, fact = profile.company([extract(page(title, body, head=head), url)])
    return name, fact.signals[0]


def test_structured_organisation_name_first() -> None:
    ld = json.dumps({"@type": "MedicalClinic", "name": "Gulf Coast Skin Clinic"})
    head = f'<script type="application/ld+json">{ld}</script><meta property="og:site_name" content="GCSC">'
    assert _company(head)[0] == "Gulf Coast Skin Clinic"


def test_og_site_name_then_logo_then_copyright() -> None:
    assert _company('<meta property="og:site_name" content="Gulf Coast Skin">')[0] == "Gulf Coast Skin"
    logo = '<header><a href="/"><img src="/logo.png" alt="Gulf Coast Skin Logo"></a></header>'
    assert _company(body=logo + "<p>x</p>") == ("Gulf Coast Skin", "logo alt text")
    footer = "<p>x</p></main><footer>© 2024 Gulf Coast Skin LLC. All rights reserved.</footer><main>"
    assert _company(body=footer) == ("Gulf Coast Skin LLC", "copyright line")


def test_title_is_the_last_resort_and_its_topic_is_skipped() -> None:
    name, signal = _company(title="Ausbildung | Feuerwehr Oldenburg", body="<h1>Ausbildung</h1>",
                            url="https://www.ff-oldenburg.example/ausbildung")
    assert (name, signal) == ("Feuerwehr Oldenburg", "last title segment")


def test_a_name_matching_the_domain_wins_over_a_cms_default() -> None:
    head = '<meta property="og:site_name" content="Privatkredit">'
    body = '<header><a href="/"><img src="/l.svg" alt="smava"></a></header><h1>Privatkredit</h1>'
    name, signal = _company(head, body, title="Privatkredit-Zinsen | SMAVA", url="https://www.smava.example/privatkredit")
    assert name.lower() == "smava" and "matches the domain" in signal


def test_shape_customer_type_and_channels() -> None:
    shop = page("Röstwerk", '<p>Kaffee im Online-Shop, Lieferung in 2 Tagen. Tel. +49 221 1234567</p>',
                links='<a href="/warenkorb">Warenkorb</a><a href="mailto:info@roestwerk.example">E-Mail</a>', lang="de")
    r = analyse([extract(shop, "https://www.roestwerk.de/")])
    assert r.shape in ("online_shop", "d2c_brand") and r.customer_type == "B2C"
    assert {"web_shop", "email"} <= set(r.channels)
    firm = page("Kanzlei Muster | Steuerberatung", "<h2>Leistungen</h2><ul><li>Steuerberatung</li>"
                "<li>Lohnbuchhaltung</li><li>Jahresabschluss</li></ul><p>Steuerberater und Rechtsanwälte "
                "für Unternehmen und Mandanten.</p>", lang="de")
    f = analyse([extract(firm, "https://www.kanzlei-muster.de/")])
    assert (f.industry, f.shape, f.customer_type) == ("professional_services", "agency_firm", "B2B")
    assert [o.name for o in f.offerings] == ["Steuerberatung", "Lohnbuchhaltung", "Jahresabschluss"]
    assert all(o.kind == "service" for o in f.offerings)
