"""Bounds that keep one hostile page from costing more than a page: HTML size and nesting
depth are capped *before* parsing, JSON-LD nesting is checked before ``json.loads``, and
extraction runs against a per-page time budget.

Why before parsing: a page of 10^6 nested ``<div>`` elements takes lxml, BeautifulSoup
and trafilatura tens of seconds and hundreds of MB to build and walk; flattening the
elements past ``MAX_DEPTH`` (their text is kept) is one linear pass and changes nothing a
real page needs (real pages nest a few dozen levels).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

MAX_HTML_CHARS = 2_000_000
MAX_DEPTH = 200
MAX_JSON_DEPTH = 48
PAGE_BUDGET_S = 4.0

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^>]*>")
_RAW_TEXT = frozenset({"script", "style", "template", "textarea", "title", "xmp", "noscript"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr", "keygen", "command"})
# Elements whose end tag is optional: a new one closes the open one of the same name.
_SELF_CLOSING_PEERS = frozenset({"p", "li", "td", "th", "tr", "option", "dt", "dd"})


def flatten(html: str, *, max_chars: int = MAX_HTML_CHARS, max_depth: int = MAX_DEPTH) -> tuple[str, list[str]]:
    """(html, notes): at most ``max_chars``, with tags nested deeper than ``max_depth``
    removed (their text stays). Returns the input unchanged when it is within bounds."""
    notes: list[str] = []
    if len(html) > max_chars:
        html = html[:max_chars]
        notes.append(f"page cut to its first {max_chars:,} characters")
    if html.count("<") <= max_depth:
        return html, notes
    stack: list[str] = []
    out: list[str] = []
    last = 0
    dropped = 0
    skip_until = -1
    for m in _TAG.finditer(html):
        if m.start() < skip_until:
            continue
        closing, name = m.group(1) == "/", m.group(2).lower()
        if not closing and name in _RAW_TEXT:
            # Raw text (a script's "<div>" strings are not tags): jump to its end tag.
            end = re.compile(rf"</{name}\s*>", re.I).search(html, m.end())
            skip_until = end.end() if end else len(html)
            continue
        if closing:
            if name in stack:
                while stack and stack.pop() != name:
                    pass
            elif name not in _VOID:
                # The end tag of an element dropped for depth: drop it too.
                out.append(html[last:m.start()])
                last = m.end()
            continue
        if name in _VOID or m.group(0).endswith("/>"):
            continue
        if name in _SELF_CLOSING_PEERS and stack and stack[-1] == name:
            stack.pop()
        if len(stack) >= max_depth:
            out.append(html[last:m.start()])
            last = m.end()
            dropped += 1
            continue
        stack.append(name)
    if not dropped:
        return html, notes
    out.append(html[last:])
    notes.append(f"{dropped:,} elements nested deeper than {max_depth} levels flattened")
    return "".join(out), notes


def json_depth_ok(text: str, max_depth: int = MAX_JSON_DEPTH) -> bool:
    """Whether brackets outside strings nest at most ``max_depth`` deep (a linear scan;
    ``json.loads`` recurses once per level and raises RecursionError on deep input)."""
    depth = 0
    in_string = False
    escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > max_depth:
                return False
        elif ch in "]}":
            depth -= 1
    return True


@dataclass
class Budget:
    """A per-page time budget: optional extraction steps are skipped once it is spent."""

    seconds: float = PAGE_BUDGET_S
    started: float = field(default_factory=time.monotonic)
    skipped: list[str] = field(default_factory=list)

    def left(self) -> float:
        return self.seconds - (time.monotonic() - self.started)

    def allows(self, step: str) -> bool:
        if self.left() > 0:
            return True
        self.skipped.append(step)
        return False
