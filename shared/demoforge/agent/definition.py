"""The data agent definition, built in ONE place for both adapters.

``build_create_request`` returns the ``CreateDataAgentRequest`` exactly as it travels to
the Conversational Analytics API over REST, in proto3 JSON (camelCase names, int64 as
strings, default values left out, which is what the client library's JSON encoder
produces). The cloud adapter parses it into the client's request type and sends it;
the local adapter writes it to the pack as ``agent.json``. A contract test checks that
the body the fake server receives equals ``agent.json``'s ``dataAgent``.

Names are deterministic (derived from the job id) and the request id is derived from
the job id and the request's content, so a redelivered phase never creates a second
agent, and a changed definition is applied with an update instead of being deduplicated
away by the server.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import sqlglot
from sqlglot import exp

from demoforge.agent.instructions import as_data, build_system_instruction
from demoforge.agent.types import DateCoverage
from demoforge.domain.results import GoldenQuery, ResearchResult, WarehouseResult
from demoforge.language.render import phrasebook
from demoforge.language.values import relabelled
from demoforge.language.words import dimension_words, metric_words
from demoforge.settings import Settings
from demoforge.spec.model import ColumnSpec, DatasetSpec, TableSpec

AGENT_ID_RE = re.compile(r"^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")
_NS = uuid.UUID("6f1f3a52-7c1e-4bb0-9d8a-0d3c1b2e9a11")  # demoforge's uuid5 namespace
# Fields replaced when the agent already exists (FieldMask paths, proto names).
UPDATE_MASK = ("display_name", "description", "labels", "data_analytics_agent.published_context")
_LABEL_BAD = re.compile(r"[^a-z0-9_-]+")


def agent_id_for(job_id: str) -> str:
    """``demoforge-<job id>`` squeezed into the API's id pattern. When the job id had to
    be changed to fit (case, underscores, length), a hash of the original keeps two
    different job ids from mapping to the same agent."""
    norm = re.sub(r"[^a-z0-9-]+", "-", job_id.lower()).strip("-")
    norm = re.sub(r"-{2,}", "-", norm)
    base = f"demoforge-{norm}" if norm else "demoforge"
    if norm != job_id or len(base) > 63:
        digest = hashlib.sha256(job_id.encode()).hexdigest()[:8]
        base = f"{base[:54].rstrip('-')}-{digest}"
    assert AGENT_ID_RE.match(base), base
    return base


def conversation_id_for(agent_id: str) -> str:
    """The one test conversation per agent (same id rules as agents)."""
    return f"{agent_id[:58].rstrip('-')}-test"


def location_path(settings: Settings) -> str:
    return f"projects/{settings.project}/locations/{settings.agent_location}"


def agent_name_for(settings: Settings, job_id: str) -> str:
    return f"{location_path(settings)}/dataAgents/{agent_id_for(job_id)}"


def request_id_for(job_id: str, operation: str, payload: Mapping[str, Any]) -> str:
    """A UUID (the API requires one) that is stable for the same job, operation and
    content, so retries are deduplicated but a changed definition is not."""
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
    return str(uuid.uuid5(_NS, f"{job_id}:{operation}:{digest}"))


def label_value(v: str) -> str:
    """GCP label values: lowercase letters, digits, ``_`` and ``-``, at most 63 chars."""
    return _LABEL_BAD.sub("-", v.lower())[:63]


def qualify_sql(sql: str, spec: DatasetSpec, project: str, dataset: str) -> str:
    """Make a golden query's table references fully qualified, as the agent sees them.

    The content phase stores qualified SQL, but spec templates may still carry the
    ``{project}``/``{dataset}`` placeholders or bare table names (the warehouse sets a
    default dataset). The agent has no default dataset, so its example queries must name
    ``project.dataset.table``. SQL that needs nothing is returned unchanged (not
    re-formatted)."""
    out = sql.replace("{project}", project).replace("{dataset}", dataset)
    names = {t.name for t in spec.tables}
    try:
        tree = sqlglot.parse_one(out, read="bigquery")
    except sqlglot.errors.ParseError:
        return out  # content already proved it runs; leave text we cannot parse as is
    ctes = {c.alias_or_name for c in tree.find_all(exp.CTE)}
    changed = False
    for t in tree.find_all(exp.Table):
        if t.name not in names or t.catalog:
            continue
        if not t.db and t.name in ctes:
            continue  # a reference to the CTE, not to the table
        if not t.db:
            t.set("db", exp.to_identifier(dataset))
        elif t.db != dataset:
            continue  # another dataset: the content guard refuses these; do not touch
        t.set("catalog", exp.to_identifier(project))
        changed = True
    return tree.sql(dialect="bigquery", pretty=True) if changed else out


def _prune(v: Any) -> Any:
    """Drop proto3 default values (empty strings and lists, False, empty messages): the
    client's JSON encoder leaves them out, and agent.json must equal what is sent."""
    if isinstance(v, dict):
        out = {k: _prune(x) for k, x in v.items()}
        return {k: x for k, x in out.items() if x not in ("", [], {}, None, False)}
    if isinstance(v, list):
        return [_prune(x) for x in v]
    return v


def _field(c: ColumnSpec) -> dict[str, Any]:
    return {"name": c.name, "type": c.type, "description": c.description, "mode": c.mode}


def _table_reference(t: TableSpec, project: str, dataset: str) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [_field(c) for c in t.columns]}
    desc = t.description.strip()
    if t.grain.strip():
        desc += f" Grain: {t.grain.strip()}."
    schema["description"] = desc
    return {"projectId": project, "datasetId": dataset, "tableId": t.name, "schema": schema}


def table_fqn(project: str, dataset: str, table: str) -> str:
    return f"bigquery.googleapis.com/projects/{project}/datasets/{dataset}/tables/{table}"


def _schema_relationships(spec: DatasetSpec, project: str, dataset: str) -> list[dict[str, Any]]:
    """The spec's foreign keys as structured join paths (child column -> parent key), so
    the agent joins on keys instead of guessing from column names. The system instruction
    repeats them as text."""
    return [
        {
            "leftSchemaPaths": {"tableFqn": table_fqn(project, dataset, t.name),
                                "paths": [fk.column]},
            "rightSchemaPaths": {"tableFqn": table_fqn(project, dataset, fk.references_table),
                                 "paths": [fk.references_column]},
        }
        for t in spec.tables
        for fk in t.foreign_keys
    ]


def _glossary_term(term: str, definition: str, synonyms: Sequence[str]) -> dict[str, Any]:
    g: dict[str, Any] = {"displayName": term, "description": definition}
    if synonyms:
        g["labels"] = list(synonyms)
    return g


def semantic_glossary(spec: DatasetSpec, language: str) -> list[dict[str, Any]]:
    """The semantic layer as glossary terms: each metric under its name in the job's
    language, with its formula, table and filters; each dimension with its column. The
    English label, the metric's id and its synonyms are the labels the agent matches on."""
    pb = phrasebook(language)
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for m in spec.semantic.metrics:
        name = pb.metric_name(metric_words(m, language), capital=True)
        where = f" WHERE {' AND '.join(m.filters)}" if m.filters else ""
        definition = f"{m.description.rstrip('.')}. {m.expression} FROM {m.table}{where}"
        labels = _dedupe_labels([m.label, m.name, *m.synonyms], exclude=name)
        if name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(_glossary_term(name, definition[:1000], labels))
    for d in spec.semantic.dimensions:
        name = pb.dimension_name(dimension_words(d, language), capital=True)
        if name.casefold() in seen:
            continue
        seen.add(name.casefold())
        out.append(_glossary_term(name, f"{d.label}: {d.table}.{d.column}",
                                  _dedupe_labels([d.label, d.name, *d.synonyms], exclude=name)))
    # A code's label ("Mobile App") as a term of its own: a question that says it filters by the code.
    for d, pairs in relabelled(spec.semantic, spec.tables, language):
        for code, label in pairs:
            if label.casefold() not in seen:
                seen.add(label.casefold())
                out.append(_glossary_term(label, f"{d.table}.{d.column} = '{code}'", [code]))
    return out


def _dedupe_labels(items: Sequence[str], *, exclude: str) -> list[str]:
    seen = {exclude.casefold()}
    out = []
    for it in items:
        if it and it.casefold() not in seen:
            seen.add(it.casefold())
            out.append(it)
    return out


def passed_only(golden: Sequence[GoldenQuery]) -> list[GoldenQuery]:
    """Only queries the content phase executed and checked become examples: an example
    query that fails teaches the agent to write failing SQL."""
    return [q for q in golden if q.status == "passed"]


def build_create_request(
    *,
    settings: Settings,
    job_id: str,
    created_by: str,
    research: ResearchResult,
    notes: str | None,
    spec: DatasetSpec,
    warehouse: WarehouseResult,
    golden: Sequence[GoldenQuery],
    coverage: Sequence[DateCoverage] = (),
    language: str = "en",
) -> dict[str, Any]:
    """The ``CreateDataAgentRequest`` (proto3 JSON) for this job's agent. Page- and
    LLM-written text enters it as data only (``instructions.as_data``)."""
    research, spec, golden, notes = as_data(research, spec, golden, notes)
    project, dataset = warehouse.project, warehouse.dataset
    examples = passed_only(golden)
    instruction = build_system_instruction(
        research=research, notes=notes, spec=spec, project=project, dataset=dataset,
        rows=warehouse.tables, golden=examples, coverage=coverage, language=language,
    )
    context: dict[str, Any] = {
        "systemInstruction": instruction,
        "datasourceReferences": {
            "bq": {"tableReferences": [_table_reference(t, project, dataset) for t in spec.tables]}
        },
    }
    options: dict[str, Any] = {
        "datasource": {"bigQueryMaxBilledBytes": str(int(settings.max_bytes_billed))}
    }
    if settings.agent_python_analysis:
        options["analysis"] = {"python": {"enabled": True}}
    context["options"] = options
    if examples:
        context["exampleQueries"] = [
            {
                "sqlQuery": qualify_sql(q.sql, spec, project, dataset),
                "naturalLanguageQuestion": q.question,
            }
            for q in examples
        ]
    relationships = _schema_relationships(spec, project, dataset)
    if relationships:
        context["schemaRelationships"] = relationships
    terms = semantic_glossary(spec, language) if spec.semantic.metrics else []
    named = {t["displayName"].casefold() for t in terms}
    terms += [_glossary_term(g.term, g.definition, g.synonyms) for g in spec.glossary
              if g.term.casefold() not in named]
    if terms:
        context["glossaryTerms"] = terms
    company = research.company_name
    data_agent: dict[str, Any] = {
        "displayName": f"{company} demo agent"[:256],
        "description": (
            f"Demoforge conversational analytics demo for {company}: "
            f"{spec.description.strip()}"
        )[:1024],
        "labels": {
            "app": "demoforge",
            "job_id": label_value(job_id),
            "created_by": label_value(created_by) or "unknown",
        },
        "dataAnalyticsAgent": {"publishedContext": context},
    }
    data_agent = _prune(data_agent)
    parent = location_path(settings)
    agent_id = agent_id_for(job_id)
    return {
        "parent": parent,
        "dataAgentId": agent_id,
        "dataAgent": data_agent,
        "requestId": request_id_for(job_id, "create", {"parent": parent, "dataAgent": data_agent}),
    }
