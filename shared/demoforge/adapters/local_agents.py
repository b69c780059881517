"""``DataAgents`` for local runs: no Gemini, but the same definition and an honest check.

``ensure_agent`` writes ``agent.json`` into the demo pack: the exact
``CreateDataAgentRequest`` the cloud adapter would send (built by
``demoforge.agent.definition``), so a CE can read, diff or replay it. ``ask`` answers the
test question by running the matching example query's SQL on the local warehouse and
labels the outcome ``local_check``: it proves the example is runnable and its result
matches the golden result, not that a language model would find it.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import time
from collections.abc import Mapping
from typing import Any

from demoforge.agent.types import AgentDeletion, AgentInfo, ChatOutcome
from demoforge.domain.artifacts import AGENT_REQUEST
from demoforge.domain.errors import NotFound, PermanentError
from demoforge.service.ports import ArtifactStore, DatasetRef, Warehouse
from demoforge.settings import Settings

AGENT_JSON = AGENT_REQUEST


def _struct_value(v: Any) -> Any:
    """What the API's ``google.protobuf.Struct`` would carry: one number type (float),
    strings for dates and everything else that is not JSON."""
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int | float | decimal.Decimal):
        return float(v)
    if isinstance(v, dt.datetime | dt.date | dt.time):
        return v.isoformat()
    if isinstance(v, dict):
        return {str(k): _struct_value(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_struct_value(x) for x in v]
    return str(v)


def _key(q: str) -> str:
    return " ".join(q.casefold().split())


class LocalDataAgents:
    def __init__(self, settings: Settings, artifacts: ArtifactStore, warehouse: Warehouse) -> None:
        self.settings = settings
        self.artifacts = artifacts
        self.warehouse = warehouse

    def ensure_agent(self, job_id: str, request: Mapping[str, Any]) -> AgentInfo:
        body = json.dumps(request, indent=2, ensure_ascii=False) + "\n"
        self.artifacts.put(job_id, AGENT_JSON, body.encode())
        return AgentInfo(
            name=f"{request['parent']}/dataAgents/{request['dataAgentId']}",
            agent_id=request["dataAgentId"],
            job_id=job_id,
            mode="local",
            action="written",
        )

    def _request(self, job_id: str) -> dict[str, Any]:
        try:
            data: dict[str, Any] = json.loads(self.artifacts.get(job_id, AGENT_JSON))
        except NotFound as e:
            raise PermanentError(
                f"{AGENT_JSON} of job {job_id} is missing: the agent was never defined",
                code="agent_missing",
            ) from e
        return data

    def ask(self, agent: AgentInfo, question: str) -> ChatOutcome:
        started = time.monotonic()
        ctx = self._request(agent.job_id)["dataAgent"]["dataAnalyticsAgent"]["publishedContext"]
        examples = {_key(q["naturalLanguageQuestion"]): q["sqlQuery"]
                    for q in ctx.get("exampleQueries", [])}
        sql = examples.get(_key(question))
        base = ChatOutcome(mode="local_check", question=question)
        if sql is None:
            return base.model_copy(update={
                "errors": ["local check: no example query matches this question"],
                "seconds": time.monotonic() - started,
            })
        first = ctx["datasourceReferences"]["bq"]["tableReferences"][0]
        ref = DatasetRef(project=first["projectId"], dataset=first["datasetId"], job_id=agent.job_id)
        try:
            rows = self.warehouse.query(ref, sql, max_bytes_billed=self.settings.max_bytes_billed)
        except PermanentError as e:
            return base.model_copy(update={
                "generated_sql": sql,
                "errors": [f"local check: the example query failed: {e.message}"],
                "seconds": time.monotonic() - started,
            })
        data = [{str(k): _struct_value(v) for k, v in r.items()} for r in rows]
        first_row = json.dumps(data[0], ensure_ascii=False) if data else "none"
        text = (
            f"Local check (no Gemini agent in local mode): the example query for this question "
            f"ran on the local warehouse and returned {len(data)} row(s); first row: {first_row}."
        )
        return base.model_copy(update={
            "final_text": text,
            "generated_sql": sql,
            "columns": list(data[0]) if data else [],
            "rows": data,
            "message_count": 1,
            "seconds": time.monotonic() - started,
        })

    def delete_agent(self, agent_name: str) -> AgentDeletion:
        # Nothing lives on a server: agent.json stays in the pack as the record of what
        # would have been created (the pack is the user's, like its other files).
        return AgentDeletion(agent="local")
