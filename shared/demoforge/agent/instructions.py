"""Builds the data agent's system instruction from what earlier phases learned.

Sections: who the company is (research), what the dataset models (spec), KPIs and how
to compute them, each table's grain and the join paths, time conventions (with the
actual date coverage of the data), how to answer, and when to ask. Deterministic for
the same inputs, so a redelivered phase sends an identical agent definition.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from demoforge.agent.types import DateCoverage
from demoforge.domain import untrusted
from demoforge.domain.results import GoldenQuery, ResearchResult
from demoforge.prompts import agent as text
from demoforge.spec.model import DatasetSpec, GlossaryTerm, TableSpec

# Keep the instruction readable by the model and far below API limits even for a
# 15-table spec with long descriptions.
MAX_CHARS = 30_000
_STOP = {
    "a", "an", "and", "by", "for", "in", "of", "on", "per", "the", "to", "rate", "total",
    "number", "avg", "average", "count", "share", "ratio",
}
_TOKEN = re.compile(r"[a-z0-9]+")


def _stem(t: str) -> str:
    """A crude stem, enough for "churned"/"churn", "orders"/"order", "returning"/"return"."""
    for suffix in ("ing", "ed", "es", "s"):
        if t.endswith(suffix) and len(t) - len(suffix) >= 4:
            return t[: -len(suffix)]
    return t


def _tokens(s: str) -> set[str]:
    return {_stem(t) for t in _TOKEN.findall(s.lower()) if t not in _STOP and len(t) > 1}


def _dedupe(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for it in items:
        k = it.strip()
        if k and k.casefold() not in seen:
            seen.add(k.casefold())
            out.append(k)
    return out


def company_section(research: ResearchResult, notes: str | None) -> str:
    r = research
    lines = [f"Company: {r.company_name}"]
    industry = r.industry.replace("_", " ")
    if r.sub_industry:
        industry += f" ({r.sub_industry})"
    lines.append(f"Industry: {industry}; business model: {r.business_model}")
    if r.products_services:
        lines.append("Products and services: " + ", ".join(r.products_services[:15]))
    if r.key_entities:
        lines.append("Key business entities: " + ", ".join(r.key_entities[:15]))
    if notes:
        lines.append(f"Notes from the account team: {notes.strip()}")
    return "\n".join(lines)


def _glossary_for(kpi: str, glossary: Sequence[GlossaryTerm]) -> GlossaryTerm | None:
    k = kpi.casefold()
    for g in glossary:
        names = [g.term, *g.synonyms]
        if any(n.casefold() == k for n in names):
            return g
    for g in glossary:
        if g.term.casefold() in k or k in g.term.casefold():
            return g
    want = _tokens(kpi)
    for g in glossary:
        # "Customer churn" -> "Churned": every word of the term appears in the KPI.
        term = _tokens(g.term)
        if term and term <= want:
            return g
    return None


def _columns_for(kpi: str, spec: DatasetSpec, limit: int = 3) -> list[str]:
    want = _tokens(kpi)
    if not want:
        return []
    scored: list[tuple[int, str]] = []
    for t in spec.tables:
        for c in t.columns:
            if c.name == "id" or c.name.endswith("_id"):
                continue  # keys are countable but never what a KPI sums or averages
            hit = len(want & (_tokens(c.name) | _tokens(c.description)))
            # One shared generic word ("customer") is not evidence; two are, or the only one.
            if hit >= min(2, len(want)) and c.type in ("INT64", "FLOAT64", "NUMERIC", "BOOL"):
                scored.append((hit, f"{t.name}.{c.name}"))
    scored.sort(key=lambda x: -x[0])  # stable: spec order breaks ties
    return [name for _, name in scored[:limit]]


def kpi_section(
    kpis: Sequence[str], spec: DatasetSpec, golden: Sequence[GoldenQuery]
) -> str:
    if not kpis:
        return text.NO_KPIS
    lines = []
    for kpi in kpis:
        g = _glossary_for(kpi, spec.glossary)
        want = _tokens(kpi)
        example = next((q.question for q in golden if want and want <= _tokens(q.question)), None)
        parts = []
        if g is not None:
            parts.append(g.definition.rstrip("."))
        else:
            cols = _columns_for(kpi, spec)
            if cols:
                parts.append("compute from " + ", ".join(cols))
        if example:
            # A verified query is the most reliable recipe the agent has.
            parts.append(f'as in the example query "{example}"')
        if not parts:
            parts.append("derive from the tables below and state the formula you used")
        lines.append(f"- {kpi}: " + "; ".join(parts))
    return "\n".join(lines)


def _table_block(t: TableSpec, qualified: str, rows: int | None) -> str:
    head = f"- `{qualified}`: {t.description.strip()}"
    facts = [f"grain: {t.grain.strip()}"]
    if t.primary_key:
        facts.append(f"primary key: {t.primary_key}")
    if rows is not None:
        facts.append(f"rows: {rows:,}")
    return head + "\n  " + "; ".join(facts)


def tables_section(spec: DatasetSpec, project: str, dataset: str, rows: Mapping[str, int]) -> str:
    return "\n".join(
        _table_block(t, f"{project}.{dataset}.{t.name}", rows.get(t.name)) for t in spec.tables
    )


def joins_section(spec: DatasetSpec) -> str:
    lines = []
    for t in spec.tables:
        for fk in t.foreign_keys:
            kind = "self-reference" if fk.references_table == t.name else "many-to-one"
            lines.append(
                f"- {t.name}.{fk.column} = {fk.references_table}.{fk.references_column} ({kind})"
            )
    return "\n".join(lines) or "- The tables are independent (no foreign keys)."


def time_section(spec: DatasetSpec, coverage: Sequence[DateCoverage]) -> str:
    parts = [text.TIME_CONVENTIONS]
    time_cols = [
        f"{t.name}.{c.name} ({c.type})"
        for t in spec.tables
        for c in t.columns
        if c.type in ("DATE", "TIMESTAMP")
    ]
    if time_cols:
        parts.append("- Time columns: " + ", ".join(time_cols[:30]))
    if coverage:
        parts.append(text.TIME_COVERAGE_INTRO)
        parts.extend(f"- {c.table}.{c.column}: {c.min} to {c.max}" for c in coverage)
    return "\n".join(parts)


def glossary_section(glossary: Sequence[GlossaryTerm]) -> str:
    return "\n".join(
        f"- {g.term}: {g.definition}" + (f" (also: {', '.join(g.synonyms)})" if g.synonyms else "")
        for g in glossary
    )


def all_kpis(research: ResearchResult, spec: DatasetSpec) -> list[str]:
    """The dataset's KPIs first (they are computable), then research's that are new."""
    return _dedupe([*spec.kpis, *research.kpis])


def as_data(
    research: ResearchResult, spec: DatasetSpec, golden: Sequence[GoldenQuery], notes: str | None,
) -> tuple[ResearchResult, DatasetSpec, list[GoldenQuery], str | None]:
    """Every text that came from the prospect's pages or an LLM, as it may enter the
    agent's instruction and definition: one bounded line each, and instruction-like text
    quoted as data (``demoforge.domain.untrusted``). Idempotent."""
    def short(items: Sequence[str]) -> list[str]:
        return [untrusted.as_data(x, 200) for x in items]

    research = research.model_copy(update={
        "company_name": untrusted.as_data(research.company_name, 200),
        "sub_industry": untrusted.as_data(research.sub_industry, 200) if research.sub_industry else research.sub_industry,
        "products_services": short(research.products_services),
        "key_entities": short(research.key_entities), "kpis": short(research.kpis)})
    spec = spec.model_copy(deep=True)
    spec.description = untrusted.as_data(spec.description, 4000)
    spec.kpis = short(spec.kpis)
    for t in spec.tables:
        t.description = untrusted.as_data(t.description, 1000)
        t.grain = untrusted.as_data(t.grain, 300)
        for c in t.columns:
            c.description = untrusted.as_data(c.description, 500)
    for g in spec.glossary:
        g.term = untrusted.as_data(g.term, 200)
        g.definition = untrusted.as_data(g.definition, 1000)
        g.synonyms = short(g.synonyms)
    questions = [q.model_copy(update={"question": untrusted.as_data(q.question, 300)}) for q in golden]
    return research, spec, questions, untrusted.as_data(notes, 2000) if notes else notes


def build_system_instruction(
    *,
    research: ResearchResult,
    notes: str | None,
    spec: DatasetSpec,
    project: str,
    dataset: str,
    rows: Mapping[str, int],
    golden: Sequence[GoldenQuery],
    coverage: Sequence[DateCoverage] = (),
) -> str:
    research, spec, golden, notes = as_data(research, spec, golden, notes)
    company = research.company_name
    sections = [
        text.ROLE.format(company=company, dataset=f"{project}.{dataset}"),
        "## Company\n" + company_section(research, notes),
        "## What the data models\n" + spec.description.strip(),
        "## KPIs and how to compute them\n" + kpi_section(all_kpis(research, spec), spec, golden),
        "## Tables (grain, keys, size)\n" + tables_section(spec, project, dataset, rows),
        "## Join paths\n" + joins_section(spec),
        "## Time conventions\n" + time_section(spec, coverage),
    ]
    tail = [
        "## How to answer\n" + text.ANSWER_RULES,
        "## When to ask a clarifying question\n" + text.WHEN_TO_ASK,
    ]
    glossary = ["## Glossary\n" + glossary_section(spec.glossary)] if spec.glossary else []
    out = "\n\n".join([*sections, *glossary, *tail])
    if len(out) <= MAX_CHARS:
        return out
    # Too long (a very large spec). The glossary also travels as structured
    # glossary_terms, so its text copy gives way first; then the middle is cut at a line
    # boundary. The answering rules at the end always survive.
    tail_text = "\n\n".join(tail)
    body = "\n\n".join(sections)
    budget = MAX_CHARS - len(tail_text) - 2
    if len(body) > budget:
        body = body[:budget].rsplit("\n", 1)[0]
    return body + "\n\n" + tail_text
