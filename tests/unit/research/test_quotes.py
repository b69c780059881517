"""Evidence quotes are whole, clean sentences of a page's prose (``research.quotes``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from demoforge.research.extract import extract
from demoforge.research.offline import analyse
from demoforge.research.quotes import clean_markup, sentence_quote, sentences

# The text block of a German shop's product page as the extractor writes it: list items
# with "- ", a footnote mark, prices and abbreviations ("inkl.", "zzgl.", "19.").
SHOP = (
    "Beringer Zinfandel Rose Stone Cellars lieblich / süß 2015\n"
    "- süß\n"
    "Im Glas erscheint der Zinfandel Rosé in einem zart glänzenden Rosa. Das Bukett präsentiert sich mit "
    "lebendigen frischen Aromen nach roten Beeren.\n"
    "- Artikel-Nr.: 009345\n"
    "- Inhalt: 0,75 l ( 9,99 € /l)\n"
    "- **ehemaliger Verkaufspreis\n"
    "- inkl. MwSt. zzgl. Versandkosten\n"
    "Sofort versandfertig, Lieferzeit 1-3 Werktage\n"
    "Die Beringer Vinery gehört zu den alten Häusern im Napa Valley. Sie ließ eine Villa im Baustil des "
    "19. Jahrhunderts errichten, inkl. MwSt. und Garten. Heute gehört das Gut zu Treasury Wine Estates.\n"
)


def _at(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


def test_a_quote_is_the_hits_whole_sentence_and_those_after_it_on_its_line() -> None:
    quote = sentence_quote(SHOP, *_at(SHOP, "Napa"))
    assert quote == ("Die Beringer Vinery gehört zu den alten Häusern im Napa Valley. Sie ließ eine Villa im Baustil "
                     "des 19. Jahrhunderts errichten, inkl. MwSt. und Garten. Heute gehört das Gut zu Treasury Wine "
                     "Estates.")
    # From the middle of a paragraph: starts at its sentence, never mid-sentence or in the line before.
    assert sentence_quote(SHOP, *_at(SHOP, "Bukett")).startswith("Das Bukett präsentiert sich")


def test_list_items_figures_and_fragments_give_no_quote() -> None:
    for word in ("Verkaufspreis", "Versandkosten", "Inhalt", "versandfertig"):
        assert sentence_quote(SHOP, *_at(SHOP, word)) == "", word


def test_ordinals_and_short_abbreviations_do_not_end_a_sentence() -> None:
    line = "Gebaut im 19. Jahrhundert, inkl. Garten, z. B. mit Rosen. Danach kam der Umbau."
    assert [line[a:b] for a, b in sentences(line)] == [
        "Gebaut im 19. Jahrhundert, inkl. Garten, z. B. mit Rosen.", "Danach kam der Umbau."]


@pytest.mark.parametrize(("raw", "clean"), [
    ("- **ehemaliger Verkaufspreis", "ehemaliger Verkaufspreis"),
    ("## Our *best* boots", "Our best boots"),
    ("See [our shop](https://x.example/shop) for __more__.", "See our shop for more."),
    ("snake_case and 2*3 stay", "snake_case and 2*3 stay"),
])
def test_formatting_is_removed_and_words_kept(raw: str, clean: str) -> None:
    assert clean_markup(raw) == clean


def test_a_long_sentence_is_cut_at_a_word_with_an_ellipsis() -> None:
    line = "We sell " + "very " * 100 + "good boots to climbers."
    quote = sentence_quote(line, *_at(line, "boots"), limit=80)
    assert len(quote) <= 80 and quote.endswith("…") and not quote[:-1].endswith(" ")


def test_the_dev_shop_pages_quotes_are_clean_sentences() -> None:
    site = Path(__file__).resolve().parents[4] / "shared" / "sites" / "dev" / "ebrosia.de.zinfandel.html"
    if not site.exists():
        pytest.skip(f"dev pages not here ({site})")
    page = extract(site.read_text(encoding="utf-8"), "https://www.ebrosia.de/zinfandel")
    quotes = [e.quote for e in analyse([page]).evidence]
    assert quotes
    for q in quotes:
        assert "**" not in q and " - " not in q and not q.startswith("…"), q
        assert q.rstrip("…")[-1] in ".!?" or q.endswith("…"), q
