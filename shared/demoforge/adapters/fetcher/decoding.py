"""Decoding a response body: content-encoding (gzip/deflate, capped while inflating, so
a gzip bomb stops at the byte cap) and the character set (header, BOM, ``<meta>``, then
detection).

Only WHATWG text encodings are honoured: a page that declares ``zlib``, ``base64``,
``rot13``, ``hex``, ``idna``, ``undefined`` or any other label browsers do not know
(Python's codec registry knows many non-text codecs) is decoded by detection instead of
raising, because a hostile charset label must cost us nothing but a guess.
"""

from __future__ import annotations

import codecs
import http.client
import re
import zlib
from collections.abc import Callable
from typing import Any

import webencodings

from demoforge.domain.errors import PermanentError

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
DETECT_BYTES = 200_000


def body_decoder(encoding: str) -> Callable[[bytes, int], tuple[bytes, bool]] | None:
    """Incremental decompressor: (chunk, room) -> (output, hit_cap). None = identity."""
    enc = encoding.strip().lower()
    if enc in ("", "identity"):
        return None
    if enc in ("gzip", "x-gzip", "deflate"):
        state: dict[str, Any] = {}

        def step(chunk: bytes, room: int) -> tuple[bytes, bool]:
            d = state.get("d")
            if d is None:
                # deflate is zlib-wrapped per RFC, but some servers send raw deflate.
                wbits = 31 if enc != "deflate" else (15 if chunk[:1] == b"\x78" else -15)
                d = state["d"] = zlib.decompressobj(wbits)
            try:
                out = d.decompress(chunk, room + 1)
            except zlib.error as e:
                raise PermanentError(f"corrupt {enc} body: {e}", code="bad_encoding") from e
            return out, len(out) > room or bool(d.unconsumed_tail)

        return step
    raise PermanentError(f"unsupported content-encoding {encoding!r}", code="bad_encoding")


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)


def _valid_codec(name: str | None) -> str | None:
    """The Python codec for a declared charset label, or None when browsers would not
    honour it. Labels are resolved by the WHATWG Encoding Standard (``webencodings``), so
    ``latin1``/``ascii`` mean windows-1252 as in browsers, and labels of non-text codecs
    (``zlib``, ``base64``, ``rot13``, ``hex``), ``idna``, ``undefined``, or the
    ``replacement`` encoding of ISO-2022 labels yield None: the caller detects instead."""
    if not name:
        return None
    label = name.strip().strip("\"'")
    encoding = webencodings.lookup(label)
    if encoding is None or encoding.name in ("replacement", "x-user-defined"):
        return None
    try:
        info = codecs.lookup(encoding.codec_info.name)
    except LookupError:
        return None
    return info.name


def _detect(body: bytes) -> str:
    """The charset charset-normalizer finds most plausible (windows-1252 if none)."""
    from charset_normalizer import from_bytes

    best = from_bytes(body[:DETECT_BYTES]).best()
    return _valid_codec(best.encoding if best else None) or "cp1252"


def decode_html(body: bytes, header_charset: str | None) -> tuple[str, str]:
    """(text, charset): header charset, then BOM, then <meta charset>, then UTF-8, then
    detection. Never raises: undecodable bytes become U+FFFD."""
    charset = _valid_codec(header_charset)
    if charset is None:
        if body.startswith(codecs.BOM_UTF8):
            charset = "utf-8"
        elif body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            charset = "utf-16"
    if charset is None:
        m = _META_CHARSET.search(body[:4096])
        charset = _valid_codec(m.group(1).decode("ascii", "replace")) if m else None
    if charset is None:
        try:
            return body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            charset = _detect(body)
    try:
        return body.decode(charset, errors="replace"), charset
    except (LookupError, UnicodeError):
        # A codec that passed the label check but cannot decode with "replace" (none
        # known today): detection instead of a failed page.
        charset = _detect(body)
        return body.decode(charset, errors="replace"), charset


def sniff_html(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return (
        head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--"))
        or b"<html" in head
    )


def content_type(headers: http.client.HTTPMessage) -> tuple[str, dict[str, str]]:
    raw = headers.get("content-type")
    if not raw:
        return "", {}
    ctype = headers.get_content_type()
    params = {k.lower(): v for k, v in (headers.get_params() or [])[1:]}
    return ctype.lower(), params
