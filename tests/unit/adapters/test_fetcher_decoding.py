"""Character-set decoding of fetched pages: hostile or unknown labels (non-text codecs,
``idna``, ``undefined``) fall back to detection instead of raising, in the header and in
``<meta>``; browser label semantics are kept (latin-1 means windows-1252)."""

from __future__ import annotations

import pytest

from demoforge.adapters.fetcher import decode_html

HOSTILE = ["zlib", "base64", "rot13", "hex", "idna", "undefined", "uu", "bz2", "quopri", "punycode",
           "x-no-such-charset", ""]
TEXT = "<html><body><p>Über uns – Qualität aus Köln, größer</p></body></html>"


@pytest.mark.parametrize("label", HOSTILE)
@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_hostile_header_charset_falls_back_to_detection(label: str, encoding: str) -> None:
    text, charset = decode_html(TEXT.encode(encoding), label)
    assert "Qualität aus Köln" in text
    assert charset != label  # the label was not used


@pytest.mark.parametrize("label", HOSTILE)
def test_hostile_meta_charset_falls_back_to_detection(label: str) -> None:
    body = f'<html><head><meta charset="{label}"></head><body><p>Größe, Qualität, Köln und Zürich</p></body></html>'
    text, _ = decode_html(body.encode("utf-8"), None)
    assert "Größe, Qualität, Köln und Zürich" in text
    text, _ = decode_html(body.encode("cp1252"), None)
    assert "Köln" in text


def test_browser_label_semantics_are_kept() -> None:
    # "latin1" and "ascii" labels decode as windows-1252, as browsers do (0x80 is the euro sign).
    assert decode_html(b"<p>\x80 5</p>", "latin1")[0] == "<p>€ 5</p>"
    assert decode_html(b"<p>\x80 5</p>", "us-ascii")[0] == "<p>€ 5</p>"
    assert decode_html("<p>€</p>".encode("iso-8859-15"), "ISO-8859-15")[0] == "<p>€</p>"
    assert decode_html("<p>日本</p>".encode("shift_jis"), "Shift_JIS")[0] == "<p>日本</p>"


def test_utf16_bom_and_undecodable_bytes_never_raise() -> None:
    assert "Köln" in decode_html("\ufeff<p>Köln</p>".encode("utf-16"), None)[0]
    text, _ = decode_html(b"<p>\xff\xfe\xfa broken \xc3</p>", "utf-8")
    assert "broken" in text and "\ufffd" in text
