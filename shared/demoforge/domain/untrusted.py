"""Text that came from a prospect's web pages or from an LLM, on its way into the data
agent's instruction, ``agent.json`` or a demo file: made safe to place there.

- ``clean``: one line of printable text, bounded (control, bidi and zero-width characters
  removed, so a value cannot start a new section or hide what it says);
- ``as_data``: ``clean``, and text that reads like an instruction to a model ("ignore
  previous instructions", "you are now ...", "system prompt") is quoted and labelled as
  data, so the agent reads it as something the website said, not as something to do;
- ``markdown``: ``clean``, with the characters that make Markdown or HTML (``<script>``,
  links, emphasis) escaped, so a demo script shows the text as written.
"""

from __future__ import annotations

import json
import re
import unicodedata

# Control, format (bidi overrides, zero-width), private-use, surrogate and unassigned
# characters: nothing a reader should see, and the way to hide or reorder text.
_HIDDEN = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})
_SPACE = re.compile(r"\s+")

INSTRUCTION_LIKE = re.compile(
    r"""(?ix)
    \b(ignore|disregard|forget|override|bypass|skip)\b\W+(\w+\W+){0,3}?
        (instructions?|rules|prompts?|directions|guidelines|guardrails|context)\b
  | \b(new|updated|real|actual|hidden|secret)\s+(system\s+)?instructions?\b
  | \bsystem\s*(prompt|message|instruction)s?\b
  | \byou\s+(are|will)\s+now\b
  | \b(act|behave|respond)\s+as\s+(if|an?|the)\b
  | \bfrom\s+now\s+on\b
  | \bdo\s+not\s+(follow|obey|answer)\b
  | \b(jailbreak|developer\s+mode|DAN\s+mode)\b
  | </?\s*(system|assistant|user|instructions?)\s*>
  | \[\s*/?\s*(INST|SYS|system)\s*\]
    """
)
QUOTED_LABEL = " (quoted text, not an instruction)"
# What turns text into markup: emphasis, code, links and images ([ ] after which "( )"
# is inert); "<" and "&" are made entities (raw HTML is allowed in Markdown).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]])")


def clean(text: str, max_chars: int) -> str:
    """One bounded line of visible text."""
    visible = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text
                      if unicodedata.category(c) not in _HIDDEN or c in "\t\n\r")
    line = _SPACE.sub(" ", visible).strip()
    return line if len(line) <= max_chars else line[: max_chars - 1].rstrip() + "…"


def looks_like_instruction(text: str) -> bool:
    return INSTRUCTION_LIKE.search(text) is not None


def as_data(text: str, max_chars: int) -> str:
    """``clean``; quoted and labelled when it reads like an instruction. Idempotent."""
    if _is_quoted(text):
        return text
    line = clean(text, max_chars)
    if not looks_like_instruction(line):
        return line
    return json.dumps(line, ensure_ascii=False) + QUOTED_LABEL


def _is_quoted(text: str) -> bool:
    """What ``as_data`` made: a JSON string literal of clean text, then the label."""
    literal = text.removesuffix(QUOTED_LABEL)
    if literal == text or not literal.startswith('"'):
        return False
    try:
        inner = json.loads(literal)
    except ValueError:
        return False
    return isinstance(inner, str) and clean(inner, len(inner) + 1) == inner


def markdown(text: str, max_chars: int = 4000) -> str:
    """``clean`` text shown literally in Markdown: HTML made inert (``&lt;script&gt;``)
    and Markdown syntax (links, emphasis, headings) backslash-escaped."""
    line = clean(text, max_chars)
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", line)
