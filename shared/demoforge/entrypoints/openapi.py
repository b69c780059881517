"""The api's OpenAPI 3.1 description, served at ``GET /openapi.json``.

Request bodies are the JSON Schemas of the pydantic request models the api validates with
(``CreateJobRequest``, ``AnswerRequest``), and identifiers carry the patterns the api
checks (``JOB_ID_PATTERN``, ``EVENT_ID_PATTERN``), so the description cannot drift from
what is enforced. The one rule beyond a schema is the URL policy
(``demoforge.domain.urls``): ``customer_url`` is ``format: http-url``. Every error is the
``Error`` body. ``tests/unit/entrypoints/http/test_openapi.py`` runs schemathesis against it.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from demoforge.domain.job import EVENT_ID_PATTERN, JOB_ID_PATTERN, PHASE_ORDER, JobStatus
from demoforge.service.jobs import AnswerRequest, CreateJobRequest

# Artifact names the api serves: up to four path segments of file-name characters.
ASSET_NAME_PATTERN = r"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}(/[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}){0,3}$"
# What the stores' next_cursor looks like: the last job's created_at and its id.
JOBS_CURSOR_PATTERN = (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?"
                       r"(\+00:00)?\|" + JOB_ID_PATTERN.removeprefix("^"))

JSON = "application/json"
_ERROR_STATUSES = {"400": "bad request (body, parameter or URL refused)", "404": "no such job or route",
                   "405": "method not allowed", "409": "not possible in the job's state",
                   "410": "the job was deleted", "413": "body too large",
                   "415": "body is not application/json"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": schema}}}


def _errors(*statuses: str) -> dict[str, Any]:
    out = {s: _json(_ref("Error"), _ERROR_STATUSES[s]) for s in statuses}
    out["default"] = _json(_ref("Error"), "any other error, e.g. 500 with a correlation_id")
    return out


def _job_id() -> dict[str, Any]:
    return {"name": "job_id", "in": "path", "required": True,
            "schema": {"type": "string", "pattern": JOB_ID_PATTERN}}


def _limit(default: int, maximum: int) -> dict[str, Any]:
    return {"name": "limit", "in": "query", "required": False,
            "schema": {"type": "integer", "minimum": 1, "maximum": maximum, "default": default}}


def _action(summary: str, ok: str, body: str | None = None) -> dict[str, Any]:
    op: dict[str, Any] = {"summary": summary, "parameters": [_job_id()],
                          "responses": {ok: _json(_ref("Job"), "the job after the action"),
                                        **_errors("400", "404", "409", "413", "415")}}
    if body is not None:
        op["requestBody"] = {"required": True, "content": {JSON: {"schema": _ref(body)}}}
    return op


def _model_schema(model: type[CreateJobRequest] | type[AnswerRequest]) -> dict[str, Any]:
    schema = copy.deepcopy(model.model_json_schema())
    schema.pop("title", None)
    return schema


@functools.cache
def _document() -> dict[str, Any]:
    job = {"type": "object", "required": ["job_id", "status", "phases", "links"],
           "properties": {
               "job_id": {"type": "string", "pattern": JOB_ID_PATTERN},
               "status": {"enum": [s.value for s in JobStatus]},
               "customer_url": {"type": "string"},
               "progress": {"type": "integer", "minimum": 0, "maximum": 100},
               "phases": {"type": "object", "properties": {p.value: {"type": "object"}
                                                           for p in PHASE_ORDER}},
               "results": {"type": "object"},
               "links": {"type": "object"},
           }}
    error = {"type": "object", "required": ["error"], "additionalProperties": False, "properties": {
        "error": {"type": "object", "required": ["code", "message", "correlation_id"],
                  "additionalProperties": False, "properties": {
                      "code": {"type": "string"}, "message": {"type": "string"},
                      "correlation_id": {"type": "string"}}}}}
    page = {"type": ["string", "null"]}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Demoforge api", "version": "1",
                 "description": "Start demo jobs, follow them, fetch their assets, tear them down."},
        "paths": {
            "/jobs": {
                "post": {"summary": "Start a job for a prospect's website",
                         "requestBody": {"required": True,
                                         "content": {JSON: {"schema": _ref("CreateJobRequest")}}},
                         "responses": {"202": _json(_ref("JobCreated"), "queued"),
                                       **_errors("400", "413", "415")}},
                "get": {"summary": "Jobs, newest first",
                        "parameters": [_limit(20, 100),
                                       {"name": "cursor", "in": "query", "required": False,
                                        "schema": {"type": "string", "pattern": JOBS_CURSOR_PATTERN}}],
                        "responses": {"200": _json({"type": "object", "required": ["jobs"],
                                                    "properties": {"jobs": {"type": "array", "items": _ref("Job")},
                                                                   "next_cursor": page}}, "a page of jobs"),
                                      **_errors("400")}},
            },
            "/jobs/{job_id}": {
                "get": {"summary": "A job's status", "parameters": [_job_id()],
                        "responses": {"200": _json(_ref("Job"), "the job"), **_errors("404")}},
                "delete": {"summary": "Tear the demo down (agent, dataset, artifacts)",
                           "parameters": [_job_id()],
                           "responses": {"200": _json(_ref("Job"), "deleted, nothing left"),
                                         "202": _json(_ref("Job"), "deleted; a phase that was still "
                                                      "running removes what it writes once it stops"),
                                         **_errors("404")}},
            },
            "/jobs/{job_id}:cancel": {"post": _action("Cancel a job", "200")},
            "/jobs/{job_id}:retry": {"post": _action("Resume a failed or cancelled job", "202")},
            "/jobs/{job_id}:answer": {"post": _action("Confirm the industry of a waiting job", "202",
                                                      "AnswerRequest")},
            "/jobs/{job_id}/events": {"get": {
                "summary": "A job's log, oldest first",
                "parameters": [_job_id(), _limit(100, 1000),
                               {"name": "cursor", "in": "query", "required": False,
                                "schema": {"type": "string", "pattern": EVENT_ID_PATTERN}}],
                "responses": {"200": _json({"type": "object", "required": ["events"], "properties": {
                    "events": {"type": "array", "items": {"type": "object"}}, "next_cursor": page}},
                    "a page of events"), **_errors("400", "404")}}},
            "/jobs/{job_id}/assets": {"get": {
                "summary": "A completed job's results and asset names", "parameters": [_job_id()],
                "responses": {"200": _json({"type": "object"}, "results and assets"),
                              **_errors("404", "409", "410")}}},
            "/jobs/{job_id}/assets/{name}": {"get": {
                "summary": "One asset of a completed job",
                "parameters": [_job_id(), {"name": "name", "in": "path", "required": True,
                                           "schema": {"type": "string", "pattern": ASSET_NAME_PATTERN}}],
                "responses": {"200": {"description": "the asset", "content": {"*/*": {}}},
                              **_errors("400", "404", "409", "410")}}},
            "/jobs/{job_id}/report": {"get": {
                "summary": "A completed job's self-contained report", "parameters": [_job_id()],
                "responses": {"200": {"description": "the report", "content": {"text/html": {}}},
                              **_errors("404", "409", "410")}}},
            "/industries": {"get": {"summary": "The industry codes a job or an answer accepts",
                                    "responses": {"200": _json({"type": "object"}, "industries")}}},
            "/openapi.json": {"get": {"summary": "This description",
                                      "responses": {"200": _json({"type": "object"}, "OpenAPI 3.1")}}},
        },
        "components": {"schemas": {
            "CreateJobRequest": _model_schema(CreateJobRequest),
            "AnswerRequest": _model_schema(AnswerRequest),
            "JobCreated": {"type": "object", "required": ["job_id", "status", "status_url"],
                           "properties": {"job_id": {"type": "string", "pattern": JOB_ID_PATTERN},
                                          "status": {"const": "queued"},
                                          "status_url": {"type": "string"}}},
            "Job": job,
            "Error": error,
        }},
    }


def document() -> dict[str, Any]:
    return copy.deepcopy(_document())
