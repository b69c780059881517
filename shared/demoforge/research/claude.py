"""Claude analyser: the research task through the ``LLM`` port, validated.

- Page content goes in as one delimited untrusted data block (``prompts.research``).
- The tool input is validated as ``ResearchResult``; on invalid output there is exactly
  one repair round (the errors are sent back), then ``LLMInvalidOutput``.
- Evidence must be grounded: quotes that do not occur in the crawled pages, or that cite
  a URL we did not read, are dropped.
- Claude's self-reported confidence is reconciled with the offline analyser: when Claude
  names an industry the page signals barely support (offline probability under 0.15
  while the offline analyser is itself confident), confidence is capped below the
  question threshold, so a page that manipulates the model leads to a person being
  asked rather than a silently wrong demo.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from demoforge.domain.errors import LLMInvalidOutput
from demoforge.domain.results import Evidence, ResearchResult
from demoforge.prompts import research as prompts
from demoforge.research.extract import PageExtract
from demoforge.service.ports import LLM

# Offline confidence above which a contradicting Claude answer is not trusted blindly.
DISAGREEMENT_OFFLINE_CONF = 0.5
DISAGREEMENT_CAP = 0.5
# ... and below which the page signals count as "not supporting" Claude's industry.
DISAGREEMENT_SUPPORT = 0.15

_WS = re.compile(r"\s+")


def _norm(s: str) -> str:
    return _WS.sub(" ", s).strip().lower()


def _to_result(data: dict[str, Any], pages: Sequence[PageExtract]) -> ResearchResult:
    """Map the tool input onto ``ResearchResult`` (raises ValidationError if invalid)."""
    if not isinstance(data, dict):
        raise LLMInvalidOutput("tool input is not an object")
    payload = {k: v for k, v in data.items() if k != "alternatives"}
    alternatives = data.get("alternatives") or []
    candidates: list[Any] = [[data.get("industry"), data.get("confidence")]]
    if isinstance(alternatives, list):
        for alt in alternatives:
            if isinstance(alt, dict):
                candidates.append([alt.get("industry"), alt.get("probability")])
            else:
                candidates.append(alt)  # let validation report it
    payload["candidates"] = candidates[:3]
    payload["source"] = "claude"
    payload["pages"] = [p.url for p in pages][:10]
    return ResearchResult.model_validate(payload)


def _grounded(evidence: list[Evidence], pages: Sequence[PageExtract]) -> list[Evidence]:
    corpus = {p.url: _norm(" ".join([p.title, p.description, p.text, *p.headings])) for p in pages}
    kept = []
    for e in evidence:
        text = corpus.get(e.source_url)
        if text is not None and _norm(e.quote) and _norm(e.quote) in text:
            kept.append(e)
    return kept


def _errors(e: ValidationError | LLMInvalidOutput) -> str:
    if isinstance(e, LLMInvalidOutput):
        return e.message
    lines = []
    for err in e.errors()[:10]:
        where = ".".join(str(x) for x in err["loc"]) or "(root)"
        lines.append(f"- {where}: {err['msg']}")
    return "\n".join(lines)


def analyse(
    llm: LLM, pages: Sequence[PageExtract], *, offline: ResearchResult | None = None,
    company_hint: str | None = None, max_tokens: int = 2048,
) -> ResearchResult:
    """Claude's ResearchResult. Raises ``LLMUnavailable`` (caller falls back offline),
    ``LLMInvalidOutput`` after a failed repair, ``PermanentError`` for API misuse."""
    page_dicts = [p.model_dump(exclude={"links"}) for p in pages]
    messages: list[dict[str, Any]] = [
        {"role": "user", "content": prompts.user_message(page_dicts, company_hint=company_hint)}
    ]
    last_error: ValidationError | LLMInvalidOutput | None = None
    for attempt in range(2):
        data: dict[str, Any] | None = None
        try:
            data = llm.structured(
                system=prompts.SYSTEM, messages=messages, tool_name=prompts.TOOL_NAME,
                schema=prompts.TOOL_SCHEMA, max_tokens=max_tokens,
            )
            result = _to_result(data, pages)
        except (ValidationError, LLMInvalidOutput) as e:
            last_error = e
            if attempt == 0:
                previous = json.dumps(data, ensure_ascii=False, default=str)[:4000]
                messages = [
                    messages[0],
                    {"role": "assistant", "content": f"{prompts.TOOL_NAME} input: {previous}"},
                    {"role": "user", "content": prompts.repair_message(_errors(e))},
                ]
            continue
        return _reconcile(result, pages, offline)
    assert last_error is not None
    raise LLMInvalidOutput(
        f"Claude's research answer was invalid twice; last problems:\n{_errors(last_error)}"
    )


def _reconcile(result: ResearchResult, pages: Sequence[PageExtract], offline: ResearchResult | None) -> ResearchResult:
    evidence = _grounded(list(result.evidence), pages)
    confidence = result.confidence
    if not evidence:
        # Nothing Claude cited exists on the pages: its reading is unverified.
        confidence = min(confidence, 0.6)
    if offline is not None:
        support = dict(offline.candidates).get(result.industry, 0.0)
        if (
            result.industry != offline.industry
            and support < DISAGREEMENT_SUPPORT
            and offline.confidence >= DISAGREEMENT_OFFLINE_CONF
            and offline.industry != "other"
        ):
            confidence = min(confidence, DISAGREEMENT_CAP)
            # Put the page-signal favourite among the candidates a person will see.
            cands = list(result.candidates)
            if all(c != offline.industry for c, _ in cands):
                cands = (cands[:2] + [(offline.industry, offline.confidence)])[:3]
            result = result.model_copy(update={"candidates": cands})
    return result.model_copy(update={"evidence": evidence, "confidence": round(confidence, 3)})
