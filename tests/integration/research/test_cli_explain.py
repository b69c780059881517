"""``demoforge research URL --explain`` over a loopback shop with the real fetcher: the
accepted offerings with their source and price, the rejected furniture with its reason,
every inferred value with its confidence and signals; a site with few offerings says so,
with and without ``--explain``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from demoforge.entrypoints.cli import main
from tests.support.fake_fetcher import page
from tests.support.site_server import SiteServer

pytestmark = pytest.mark.integration

SHOP = page(
    "Röstwerk | Kaffee aus Köln",
    "<h2>Unsere Kaffees</h2><ul><li><h3>SIDAMO Bio Bohnen</h3><span>27,90 €</span></li>"
    "<li><h3>Espresso Classico</h3><span>19,50 €</span></li><li><h3>Filterkaffee Hausmischung</h3>"
    "<span>14,90 €</span></li></ul><p>Frisch geröstet in Köln. Kaffee und Espresso im Online-Shop, "
    "Lieferung in zwei Tagen.</p><address>Röstwerk GmbH, Domstraße 1, 50667 Köln</address>",
    links='<a href="/login">Einloggen</a><a href="/seite/2">Nächstes</a><a href="/agb">AGB</a>'
          '<a href="https://www.instagram.com/roestwerk">Instagram</a>', lang="de",
)


# Two priced coffees and nothing else: fewer offerings than a catalogue needs.
THIN = page("Röstwerk", "<p>Wir rösten Kaffee in Köln.</p><ul><li><b>Hausmischung</b> 12,90 €</li>"
            "<li><b>Espresso</b> 14,90 €</li></ul>", lang="de")


@pytest.fixture
def site() -> Iterator[SiteServer]:
    with SiteServer() as s:
        s.html("/", SHOP)
        s.html("/thin/", THIN)
        yield s


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DEMOFORGE_HOME", str(tmp_path))
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.setenv("DEMOFORGE_FETCH_TIMEOUT_S", "3")


def test_explain_prints_accepted_and_rejected_with_reasons(
    site: SiteServer, cli_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["research", site.url + "/", "--explain", "--allow-private-network"]) == 0
    out = capsys.readouterr().out
    explain = out.split("\nexplain:\n", 1)[1]
    assert "+ SIDAMO Bio Bohnen [product] 27.90 EUR  (priced-item" in explain
    assert "+ Espresso Classico [product] 19.50 EUR" in explain
    rejected = explain.split("rejected candidates", 1)[1]
    assert "- Einloggen: account" in rejected and "- Nächstes: pagination" in rejected
    assert "- AGB: legal" in rejected and "- Instagram: social" in rejected
    assert "country:   DE" in explain and "currency:  EUR" in explain
    accepted = explain.split("rejected candidates", 1)[0]
    assert "Einloggen" not in accepted and "Nächstes" not in accepted
    # How each value was reached: confidence and signals, the industry included.
    industry_line = next(ln for ln in explain.splitlines() if ln.startswith("industry:"))
    assert "(confidence " in industry_line and "kaffee" in industry_line  # the lexicon term behind it
    country_line = next(ln for ln in explain.splitlines() if ln.startswith("country:"))
    assert "(confidence " in country_line


def test_a_thin_site_warns_in_the_plain_and_the_explained_output(
    site: SiteServer, cli_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    want = "2 offerings found on the site; the rest of the catalogue is typical of"
    assert main(["research", site.url + "/thin/", "--allow-private-network"]) == 0
    plain = capsys.readouterr().out
    assert any(ln.startswith("warning:") and want in ln for ln in plain.splitlines()), plain
    assert main(["research", site.url + "/thin/", "--explain", "--allow-private-network"]) == 0
    explain = capsys.readouterr().out.split("\nexplain:\n", 1)[1]
    assert f"warning: {want} restaurants & food" in explain and "accepted offerings (2):" in explain
