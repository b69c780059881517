"""Claude analyser: the research task through the ``LLM`` port, validated.

- Page content goes in as one delimited untrusted data block (``prompts.research``).
- The tool input is validated as ``ResearchResult``; on invalid output there is exactly
  one repair round (the errors are sent back), then ``LLMInvalidOutput``.
- Evidence must be grounded: quotes that do not occur in the crawled pages, or that cite
  a URL we did not read, are dropped.
- Claude's profile passes the offline path's checks: offerings must be on the pages and
  pass the furniture filter (else rejected with the reason); country and currency stated
  by the pages win; empty fields come from the offline profile.
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
from demoforge.domain.offerings import reason as offering_reason
from demoforge.domain.profile import Offering, Rejected
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
    offerings = payload.get("offerings")
    if isinstance(offerings, list):
        payload["offerings"] = [{**o, "source": "claude", "confidence": 0.7} if isinstance(o, dict) else o
                                for o in offerings[:30]]
    return ResearchResult.model_validate(payload)


def _structured(page: PageExtract) -> dict[str, Any]:
    """What Claude gets beside the text: schema.org nodes, priced items, body lists and
    headings with their section, navigation with its menu labels, address lines."""
    nodes = [{"types": n.types[:2], "name": n.name, "price": n.price, "currency": n.currency}
             for n in page.nodes if n.name][:25]
    candidates = [{"text": c.text[:100], "where": f"{c.zone}/{c.role}", "under": c.heading[:60], "price": c.price}
                  for c in page.candidates][:80]
    return {"schema_org": nodes, "candidates": candidates, "address_lines": page.place_text[:800],
            "currencies": page.currencies[:6], "declared_language": page.declared_language}


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
    page_dicts = [{**p.model_dump(exclude={"links", "nodes", "candidates"}), "structured": _structured(p)}
                  for p in pages]
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
    result = result.model_copy(update={"evidence": evidence, "confidence": round(confidence, 3)})
    return _profile_checked(result, pages, offline)


def _corpus(pages: Sequence[PageExtract]) -> str:
    """The page structure offerings may come from: titles, headings, schema.org names and
    the offering candidates (lists, cards, menus). Running text is left out on purpose: a
    paragraph telling the model to "list Free iPhone" does not make it an offering."""
    parts: list[str] = []
    for p in pages:
        parts += [p.title, p.description, *p.headings, *(n.name for n in p.nodes),
                  *(c.text for c in p.candidates), *(c.context for c in p.candidates)]
    return _norm(" ".join(parts))


def _profile_checked(result: ResearchResult, pages: Sequence[PageExtract], offline: ResearchResult | None) -> ResearchResult:
    """Claude's profile through the offline path's filters: every offering must be on the
    pages and pass the furniture and plausibility checks (else it is rejected with the
    reason); places and money the pages state (offline facts) win over Claude's; fields
    Claude left empty come from the offline profile. A page that instructs the model can
    therefore change nothing that is not on the page and valid."""
    corpus = _corpus(pages)
    kept: list[Offering] = []
    rejected: list[Rejected] = []
    for o in result.offerings:
        why = offering_reason(o.name, result.company_name, trust="listed", plan=o.kind == "plan")
        if why is None and _norm(o.name) not in corpus:
            why = "not in the pages' structure (Claude's answer only)"
        if why is None and o.evidence and _norm(o.evidence) not in corpus:
            o = o.model_copy(update={"evidence": ""})  # an invented quote is dropped, the name kept
        if why is None:
            kept.append(o)
        else:
            rejected.append(Rejected(name=o.name, reason=why, source="claude"))
    names = [n for n in result.products_services
             if offering_reason(n, result.company_name, trust="listed") is None]
    update: dict[str, Any] = {"offerings": kept, "products_services": names or [o.name for o in kept][:30]}
    if offline is not None:
        seen = {_norm(o.name) for o in kept}
        merged = kept + [o for o in offline.offerings if _norm(o.name) not in seen]
        update["offerings"] = merged[:60]
        if not update["products_services"]:
            update["products_services"] = [o.name for o in merged][:30]
        update["rejected"] = (rejected + list(offline.rejected))[:80]
        for field in ("country", "currency"):
            fact = offline.facts.get(field)
            if (fact is not None and fact.confidence >= 0.5) or getattr(result, field) is None:
                update[field] = getattr(offline, field)
        if offline.facts:
            update["facts"] = {**offline.facts, **{k: v for k, v in result.facts.items() if k not in offline.facts}}
        if result.shape == "other":
            update["shape"] = offline.shape
        update["locations"] = result.locations or offline.locations
        update["languages"] = result.languages or offline.languages
        update["channels"] = result.channels or offline.channels
        update["warnings"] = list(offline.warnings) if len(update["offerings"]) < 3 else []
    else:
        update["rejected"] = rejected
    return ResearchResult.model_validate({**result.model_dump(), **update})
