"""Builds the data agent's system instruction from what earlier phases learned.

Sections: who the company is (research), what the dataset models (spec), the metrics with
their one definition each (formula, table, filters, time, unit, from the spec's semantic
layer) or, for older specs, KPIs and how to compute them; each table's grain and the join
paths, time conventions (with the actual date coverage of the data), how to answer, and
when to ask. KPIs the data cannot compute are named as such, never to be "derived". The
fixed text is in the job's language (``prompts.agent``), and the agent is told to answer in
it. Deterministic for the same inputs, so a redelivered phase sends an identical agent
definition.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from babel import Locale, UnknownLocaleError

from demoforge.agent.types import DateCoverage
from demoforge.content.kpis import map_kpis
from demoforge.domain import untrusted
from demoforge.domain.results import GoldenQuery, ResearchResult
from demoforge.language.render import phrasebook
from demoforge.language.values import relabelled
from demoforge.language.words import dimension_words, metric_words
from demoforge.prompts import agent as text
from demoforge.prompts.agent import AgentText, for_language
from demoforge.spec.model import DatasetSpec, GlossaryTerm, TableSpec
from demoforge.spec.semantic import Metric

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


def company_section(research: ResearchResult, notes: str | None, t: AgentText = text.EN) -> str:
    r = research
    lines = [f"{t.company}: {r.company_name}"]
    industry = r.industry.replace("_", " ")
    if r.sub_industry:
        industry += f" ({r.sub_industry})"
    lines.append(f"{t.industry}: {industry}; {r.business_model}")
    if r.products_services:
        lines.append(f"{t.products}: " + ", ".join(r.products_services[:15]))
    if r.key_entities:
        lines.append(f"{t.entities}: " + ", ".join(r.key_entities[:15]))
    if notes:
        lines.append(f"{t.notes}: {notes.strip()}")
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


def metric_line(m: Metric, language: str, t: AgentText = text.EN) -> str:
    """One metric as the agent reads it: "- Nettoumsatz [net_revenue]: ...; SUM(net_amount) über orders"."""
    words = phrasebook(language).metric_name(metric_words(m, language), capital=True)
    parts = [t.formula.format(expression=m.expression, table=m.table)]
    if m.filters:
        parts.append(t.where.format(filters=" AND ".join(m.filters)))
    if m.time_column:
        parts.append(t.time_column.format(column=m.time_column))
    parts.append(t.unit.format(unit=m.currency or m.unit))
    synonyms = f" ({', '.join(m.synonyms)})" if m.synonyms else ""
    return f"- {words} [{m.name}]{synonyms}: {m.description.rstrip('.')}. " + "; ".join(parts)


def metrics_section(spec: DatasetSpec, kpis: Sequence[str], language: str, t: AgentText = text.EN) -> str:
    """Every metric of the semantic layer with its one definition, and the KPIs that the
    data cannot compute, named so the agent says so instead of improvising a formula."""
    lines = [t.metrics_intro, *(metric_line(m, language, t) for m in spec.semantic.metrics)]
    dropped = map_kpis(kpis, spec.semantic).dropped
    if dropped:
        lines.append(t.not_computable.format(kpis=", ".join(dropped)))
    return "\n".join(lines)


def kpi_section(
    kpis: Sequence[str], spec: DatasetSpec, golden: Sequence[GoldenQuery], t: AgentText = text.EN
) -> str:
    if not kpis:
        return t.no_kpis
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
                parts.append(t.compute_from.format(columns=", ".join(cols)))
        if example:
            # A verified query is the most reliable recipe the agent has.
            parts.append(t.as_in_example.format(question=example))
        if not parts:
            # Nothing in the data defines it: improvising a formula in front of a prospect
            # is how wrong numbers get announced.
            parts.append(t.kpi_not_computable)
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


def joins_section(spec: DatasetSpec, t: AgentText = text.EN) -> str:
    lines = []
    for table in spec.tables:
        for fk in table.foreign_keys:
            kind = "self-reference" if fk.references_table == table.name else "many-to-one"
            lines.append(
                f"- {table.name}.{fk.column} = {fk.references_table}.{fk.references_column} ({kind})"
            )
    return "\n".join(lines) or f"- {t.no_joins}"


def time_section(spec: DatasetSpec, coverage: Sequence[DateCoverage], t: AgentText = text.EN) -> str:
    parts = [t.time_conventions]
    time_cols = [
        f"{t.name}.{c.name} ({c.type})"
        for t in spec.tables
        for c in t.columns
        if c.type in ("DATE", "TIMESTAMP")
    ]
    if time_cols:
        parts.append(f"- {t.time_columns}: " + ", ".join(time_cols[:30]))
    if coverage:
        parts.append(t.coverage_intro)
        parts.extend(f"- {c.table}.{c.column}: {c.min} to {c.max}" for c in coverage)
    return "\n".join(parts)


def values_section(spec: DatasetSpec, language: str, t: AgentText = text.EN) -> str:
    """The codes of each coded dimension with the label people use for them ("mobile_app" =
    "Mobile App"), so a question that says the label filters by the code; "" when none."""
    pb = phrasebook(language)
    # A column copied onto another table (orders.channel, order_items.channel) is one line.
    grouped: dict[tuple[str, str], list[str]] = {}
    for d, pairs in relabelled(spec.semantic, spec.tables, language):
        name = pb.dimension_name(dimension_words(d, language), capital=True)
        codes = "; ".join(f"'{code}' = {label}" for code, label in pairs)
        grouped.setdefault((name, codes), []).append(f"{d.table}.{d.column}")
    lines = [f"- {name} ({', '.join(columns)}): {codes}" for (name, codes), columns in grouped.items()]
    return "\n".join([t.values_intro, *lines]) if lines else ""


def glossary_section(glossary: Sequence[GlossaryTerm]) -> str:
    return "\n".join(
        f"- {g.term}: {g.definition}" + (f" (also: {', '.join(g.synonyms)})" if g.synonyms else "")
        for g in glossary
    )


def language_name(language: str) -> str:
    """"Deutsch" for de, "English" for en: the language named in itself (CLDR)."""
    try:
        name = Locale.parse(language).get_display_name(language)
    except (UnknownLocaleError, ValueError):
        return language
    return name[:1].upper() + name[1:] if name else language


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
    language: str = "en",
) -> str:
    research, spec, golden, notes = as_data(research, spec, golden, notes)
    company = research.company_name
    t = for_language(language)
    role = t.role.format(company=company, dataset=f"{project}.{dataset}")
    role += " " + t.answer_in.format(language=language_name(language))
    if spec.semantic.metrics:
        measures = f"## {t.h_metrics}\n" + metrics_section(spec, all_kpis(research, spec), language, t)
    else:
        measures = f"## {t.h_kpis}\n" + kpi_section(all_kpis(research, spec), spec, golden, t)
    sections = [
        role,
        f"## {t.h_company}\n" + company_section(research, notes, t),
        f"## {t.h_models}\n" + spec.description.strip(),
        measures,
        f"## {t.h_tables}\n" + tables_section(spec, project, dataset, rows),
        f"## {t.h_joins}\n" + joins_section(spec, t),
        f"## {t.h_time}\n" + time_section(spec, coverage, t),
    ]
    values = values_section(spec, language, t)
    if values:
        sections.append(f"## {t.h_values}\n" + values)
    tail = [
        f"## {t.h_answer}\n" + t.answer_rules,
        f"## {t.h_ask}\n" + t.when_to_ask,
    ]
    glossary = [f"## {t.h_glossary}\n" + glossary_section(spec.glossary)] if spec.glossary else []
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
