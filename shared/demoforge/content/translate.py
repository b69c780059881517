"""Questions, answers, script and report in a language without an offline phrase builder,
through Claude: the English texts (numbers and dates already in the target locale) and the
English sentence templates of the script are translated in a forced tool call, and each
translation is checked before it replaces its English text: the same number of texts, every
number kept, every ``{placeholder}`` of a template kept. A text that fails a check stays
English; an unavailable model leaves everything English (the phase says so).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from pydantic import ValidationError

from demoforge.domain.errors import LLMInvalidOutput
from demoforge.language.base import Phrasebook
from demoforge.language.en import English
from demoforge.language.formatting import Formatter
from demoforge.language.scripts import TEXTS
from demoforge.prompts.content import (
    TRANSLATE_SYSTEM,
    TRANSLATE_TOOL,
    TranslatedTexts,
    translate_user_message,
)
from demoforge.service.ports import LLM

BATCH = 120  # texts per call: long enough to share context, short enough for one answer
_NUMBER = re.compile(r"\d+")
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _numbers(text: str) -> list[str]:
    return sorted(_NUMBER.findall(text))


def translate(llm: LLM, texts: Sequence[str], language: str) -> list[str]:
    """``texts`` in ``language``; any text whose translation drops a number stays as it was."""
    out: list[str] = []
    for start in range(0, len(texts), BATCH):
        chunk = list(texts[start:start + BATCH])
        raw = llm.structured(system=TRANSLATE_SYSTEM,
                             messages=[{"role": "user", "content": translate_user_message(language=language,
                                                                                         texts=chunk)}],
                             tool_name=TRANSLATE_TOOL, schema=TranslatedTexts.model_json_schema(),
                             max_tokens=8192)
        try:
            done = TranslatedTexts.model_validate(raw).texts
        except ValidationError as e:
            raise LLMInvalidOutput(f"translation output invalid: {e.errors()[:2]}") from e
        if len(done) != len(chunk):
            raise LLMInvalidOutput(f"{len(done)} translations for {len(chunk)} texts")
        out += [t if t.strip() and _numbers(t) == _numbers(s) and
                set(_PLACEHOLDER.findall(t)) == set(_PLACEHOLDER.findall(s)) else s
                for s, t in zip(chunk, done, strict=True)]
    return out


class TranslatedPhrasebook(English):
    """English grammar with the target locale's formatting, and translated sentence
    templates for the script and report (``templates``: key -> template)."""

    def __init__(self, fmt: Formatter, code: str, templates: Mapping[str, str]) -> None:
        super().__init__(fmt)
        self.code = code
        self.templates = dict(templates)

    def of_name(self, name: str) -> str:
        # The translated sentence puts its own preposition before the name.
        return name

    def text(self, key: str, **values: object) -> str:
        template = self.templates.get(key)
        if template is None:
            return super().text(key, **values)
        values = self.script_values(values)
        count = next((v for k in ("n", "passed", "arcs") if isinstance(v := values.get(k), int | float)), None)
        one = self.templates.get(f"{key}_one") if count is not None and self.fmt.is_one(count) else None
        return (one or template).format_map(_Blank(values))


class _Blank(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return ""


def translated_phrasebook(llm: LLM, language: str, country: str | None, story_kinds: Sequence[str] = ()
                          ) -> Phrasebook:
    """A phrase builder for ``language`` whose fixed sentences Claude translated."""
    keys = [k for k in TEXTS["en"] if not k.startswith(("story_", "impl_"))]
    keys += [f"{p}_{k}" for k in story_kinds for p in ("story", "impl")]
    english = [TEXTS["en"][k] for k in keys]
    done = translate(llm, english, language)
    return TranslatedPhrasebook(Formatter(language, country), language, dict(zip(keys, done, strict=True)))
