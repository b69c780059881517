"""Evidence quotes that read as sentences of the page: whole sentences of a prose line,
without the page text's formatting (list dashes, ``**`` footnote and emphasis marks,
heading hashes, link syntax).

A page's text comes one block per line (the extractor writes list items as ``- item``), so
a line is a hard boundary: a quote never runs from a list item into the next paragraph.
Within a line, a sentence ends at ``.``, ``!``, ``?`` or ``…`` before a capital or a digit,
except after a number (German ordinals: "19. Jahrhundert") or a short lower-case
abbreviation ("inkl. MwSt.", "z. B."). Lines that are no prose (fewer than ``MIN_WORDS``
words, mostly numbers and symbols: "Inhalt: 0,75 l ( 9,99 € /l)", a row of a menu or
table, or a line that breaks off mid-sentence) give no quote, and the caller tries the
next hit.
"""

from __future__ import annotations

import re

ELLIPSIS = "…"
MIN_WORDS = 6
_LIST_MARK = re.compile(r"^\s*(?:[-*+•·▪►]|\d{1,2}[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+|^\s*>\s*")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# Emphasis and footnote marks: ** __ * _ ` at a word's edge (not inside "a*b" or snake_case).
_MARKS = re.compile(r"(?<!\w)(?:\*{1,3}|_{1,3}|`+)(?=\S)|(?<=\S)(?:\*{1,3}|_{1,3}|`+)(?!\w)")
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”»)]?\s+(?=[\"'„“«(]?[A-ZÄÖÜÀ-ÖØ-Þ0-9¿¡])")
_ENDS = ".!?…\"'”»)"
_ABBREVIATION = re.compile(r"(?:^|\s)(?:\d+|[a-zäöüéèàçñ]{1,4}|[A-Za-z])\.$")


def clean_markup(text: str) -> str:
    """``text`` without list markers, heading and quote marks, link syntax and emphasis or
    footnote marks, its whitespace collapsed."""
    text = _LINK.sub(r"\1", text)
    text = _HEADING.sub("", _LIST_MARK.sub("", text))
    text = _MARKS.sub("", text)
    return " ".join(text.split())


def _is_prose(text: str, *, cut: bool = False) -> bool:
    words = text.split()
    if sum(any(ch.isalpha() for ch in w) for w in words) < MIN_WORDS or text.count("|") >= 2:
        return False  # a fragment, a row of a table or a menu
    if not cut and text[-1] not in _ENDS and words[-1][:1].islower():
        return False  # the line breaks off mid-sentence ("... ist sehr praxisorientiert und")
    letters = sum(ch.isalpha() for ch in text)
    return letters >= 0.6 * len(text.replace(" ", ""))


def sentences(line: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one line."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(line):
        if _ABBREVIATION.search(line[start:m.start()]):
            continue  # "inkl. MwSt.", "19. Jahrhundert": the sentence goes on
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(line)))
    return [(a, b) for a, b in spans if line[a:b].strip()]


def sentence_quote(source: str, start: int, end: int, limit: int = 300) -> str:
    """The whole sentences of ``source``'s line around ``source[start:end]`` (the hit's
    sentence first, then the ones after it while they fit in ``limit``), cleaned of
    formatting; "" when that line is no prose. A single sentence longer than ``limit`` is
    cut at a word with an ellipsis."""
    line_start = source.rfind("\n", 0, max(0, start)) + 1
    line_end = source.find("\n", start)
    line = source[line_start: len(source) if line_end < 0 else line_end]
    at = max(0, start - line_start)
    spans = sentences(line)
    first = next((i for i, (a, b) in enumerate(spans) if a <= at < b), None)
    if first is None:
        return ""
    a, b = spans[first]
    quote = clean_markup(line[a:b])
    if len(quote) > limit:
        cut = quote[: limit - 1].rsplit(" ", 1)[0]
        return cut + ELLIPSIS if _is_prose(cut, cut=True) else ""
    for a2, b2 in spans[first + 1:]:
        more = clean_markup(line[a2:b2])
        if len(quote) + 1 + len(more) > limit:
            break
        quote = f"{quote} {more}"
    return quote if _is_prose(quote) else ""
