"""The HTTP api (the ``api`` Cloud Function): start jobs, read status, events and assets.

Routes (all JSON; every error is ``{"error": {"code", "message", "correlation_id"}}``):

    POST   /jobs                     {customer_url, industry_hint?, company_name?, language?, scale?, rows?, seed?}
    GET    /jobs?limit=&cursor=      newest first
    GET    /jobs/{id}
    GET    /jobs/{id}/events?limit=&cursor=
    GET    /jobs/{id}/assets         409 until completed
    GET    /jobs/{id}/assets/{name}  one artifact (spec.json, golden_queries.json, ...)
    GET    /jobs/{id}/report         the demo pack's self-contained index.html
    POST   /jobs/{id}:cancel | :retry | :answer {industry, notes?}
    DELETE /jobs/{id}                teardown (agent, dataset) and mark deleted
    GET    /industries               the industry codes (and labels) a job or answer accepts
    GET    / · GET /console/{file}   the CE console page (``demoforge.console``), strict CSP

Only translation happens here: bodies are validated into request models and handed to
``demoforge.service.jobs`` / ``demoforge.service.teardown``. Every job route is scoped to
the caller (``demoforge.service.access``): one's own jobs, or all for ``DEMOFORGE_ADMINS``;
anything else answers 403.
"""

from __future__ import annotations

import functools
import io
import json
import logging
import mimetypes
import uuid
from collections.abc import Callable
from typing import Any

from flask import Flask, Request, Response, g, request
from werkzeug.exceptions import HTTPException

from demoforge import console
from demoforge.bootstrap import Container
from demoforge.content.industry import INDUSTRY_LABELS
from demoforge.domain import artifacts
from demoforge.domain.errors import Conflict, DemoforgeError, Forbidden, InvalidInput, NotFound
from demoforge.domain.job import INDUSTRIES, JobDoc, JobStatus
from demoforge.service import access, jobs
from demoforge.service.services import Services
from demoforge.settings import Settings

log = logging.getLogger("demoforge.entrypoints.http")

MAX_BODY_BYTES = 16 * 1024
ARTIFACT_TYPES = {".json": "application/json", ".md": "text/markdown; charset=utf-8",
                  ".html": "text/html; charset=utf-8"}


def _error(status: int, code: str, message: str) -> Response:
    body = {"error": {"code": code, "message": message, "correlation_id": g.get("correlation_id", "")}}
    return Response(json.dumps(body), status=status, mimetype="application/json")


def _json(body: Any, status: int = 200) -> Response:
    return Response(json.dumps(body, default=str), status=status, mimetype="application/json")


def _body() -> Any:
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise InvalidInput(f"request body larger than {MAX_BODY_BYTES} bytes")
    raw = request.get_data(cache=True)
    if len(raw) > MAX_BODY_BYTES:
        raise InvalidInput(f"request body larger than {MAX_BODY_BYTES} bytes")
    if not raw:
        return {}
    if request.mimetype != "application/json":
        raise _Unsupported()
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise InvalidInput(f"request body is not valid JSON: {e}") from e


class _Unsupported(Exception):
    pass


def _limit(default: int = 20, maximum: int = 100) -> int:
    raw = request.args.get("limit", str(default))
    if not raw.isdigit() or not 1 <= int(raw) <= maximum:
        raise InvalidInput(f"limit must be an integer from 1 to {maximum}")
    return int(raw)


def job_view(job: JobDoc) -> dict[str, Any]:
    view = job.to_json()
    for ps in view["phases"].values():
        # Lease bookkeeping is the runner's business, not the caller's.
        ps.pop("lease_owner", None)
        ps.pop("lease_expires_at", None)
    view["links"] = {
        "self": f"/jobs/{job.job_id}",
        "events": f"/jobs/{job.job_id}/events",
        "assets": f"/jobs/{job.job_id}/assets",
        "report": f"/jobs/{job.job_id}/report",
    }
    return view


def create_app(services_factory: Callable[[], Services]) -> Flask:
    app = Flask("demoforge-api")
    state: dict[str, Services] = {}

    def services() -> Services:
        if "services" not in state:
            state["services"] = services_factory()
        return state["services"]

    @app.before_request
    def _correlate() -> None:
        trace = request.headers.get("X-Cloud-Trace-Context", "").split("/")[0]
        g.correlation_id = trace or request.headers.get("X-Request-Id", "") or uuid.uuid4().hex

    @app.errorhandler(DemoforgeError)
    def _domain_error(e: DemoforgeError) -> Response:
        status = 400 if isinstance(e, InvalidInput) else 404 if isinstance(e, NotFound) else (
            409 if isinstance(e, Conflict) else 403 if isinstance(e, Forbidden) else 500)
        if status == 500:
            log.exception("request failed [%s]", g.get("correlation_id"))
            return _error(500, "internal", "internal error; quote the correlation_id when reporting it")
        return _error(status, e.code, e.message)

    @app.errorhandler(_Unsupported)
    def _unsupported(_: Exception) -> Response:
        return _error(415, "unsupported_media_type", "send the body as application/json")

    @app.errorhandler(HTTPException)
    def _http_error(e: HTTPException) -> Response:
        code = (e.name or "error").lower().replace(" ", "_")
        return _error(e.code or 500, code, e.description or e.name or "error")

    @app.errorhandler(Exception)
    def _unexpected(e: Exception) -> Response:
        log.exception("unexpected error [%s]", g.get("correlation_id"))
        return _error(500, "internal", "internal error; quote the correlation_id when reporting it")

    @app.post("/jobs")
    def create() -> Response:
        req = jobs.parse(jobs.CreateJobRequest, _body())
        # Only what the platform or a signature vouches for (demoforge.adapters.identity).
        job = jobs.create_job(services(), req, created_by=_caller())
        resp = _json({"job_id": job.job_id, "status": job.status.value,
                      "status_url": f"/jobs/{job.job_id}"}, 202)
        resp.headers["Location"] = f"/jobs/{job.job_id}"
        return resp

    @app.get("/jobs")
    def list_jobs() -> Response:
        cursor = request.args.get("cursor") or None
        owner = access.owner_filter(services().settings, _caller())
        if owner == access.UNKNOWN:
            return _json({"jobs": [], "next_cursor": None})  # an unverified caller owns nothing
        docs, nxt = services().store.list(limit=_limit(), cursor=cursor, owner=owner)
        docs = [jobs.fail_if_stalled(services(), j) for j in docs]
        return _json({"jobs": [job_view(j) for j in docs], "next_cursor": nxt})

    @app.get("/jobs/<job_ref>")
    def get(job_ref: str) -> Response:
        return _json(job_view(_owned(job_ref)))

    @app.post("/jobs/<job_ref>")
    def action(job_ref: str) -> Response:
        job_id, sep, verb = job_ref.partition(":")
        _owned(job_id)
        if not sep:
            return _error(405, "method_not_allowed", "POST /jobs/{id}:cancel|:retry|:answer")
        body = _body()
        if verb == "cancel":
            job = jobs.cancel_job(services(), job_id)
        elif verb == "retry":
            job = jobs.retry_job(services(), job_id)
        elif verb == "answer":
            job = jobs.answer_job(services(), job_id, jobs.parse(jobs.AnswerRequest, body))
        else:
            raise NotFound(f"unknown action {verb!r}; use :cancel, :retry or :answer")
        return _json(job_view(job), 202 if verb in ("retry", "answer") else 200)

    @app.delete("/jobs/<job_ref>")
    def delete(job_ref: str) -> Response:
        from demoforge.service import teardown

        _owned(job_ref)
        return _json(job_view(teardown.delete_job(services(), _job_id(job_ref))))

    @app.get("/jobs/<job_ref>/events")
    def events(job_ref: str) -> Response:
        job = _owned(job_ref)
        evs, nxt = services().store.events(job.job_id, limit=_limit(100, 1000),
                                       cursor=request.args.get("cursor") or None)
        return _json({"events": [e.model_dump(mode="json") for e in evs], "next_cursor": nxt})

    @app.get("/jobs/<job_ref>/assets")
    def assets(job_ref: str) -> Response:
        job = _completed(job_ref)
        names = services().artifacts.list(job.job_id)
        return _json({
            "job_id": job.job_id,
            "results": job.results,
            "assets": [{"name": n, "url": f"/jobs/{job.job_id}/assets/{n}"} for n in names
                       if not n.startswith("data/") and not n.endswith(".duckdb")],
        })

    @app.get("/jobs/<job_ref>/assets/<path:name>")
    def asset(job_ref: str, name: str) -> Response:
        job = _completed(job_ref)
        data = services().artifacts.get(job.job_id, name)
        ext = "." + name.rsplit(".", 1)[-1] if "." in name else ""
        ctype = ARTIFACT_TYPES.get(ext) or mimetypes.guess_type(name)[0] or "application/octet-stream"
        return Response(data, status=200, content_type=ctype)

    @app.get("/jobs/<job_ref>/report")
    def report(job_ref: str) -> Response:
        job = _completed(job_ref)
        data = services().artifacts.get(job.job_id, artifacts.REPORT)
        resp = Response(data, status=200, content_type="text/html; charset=utf-8")
        # The report is self-contained: forbid anything from the network at view time.
        resp.headers["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:")
        return resp

    @app.get("/industries")
    def industries() -> Response:
        return _json({"industries": [
            {"code": c, "label": INDUSTRY_LABELS.get(c) or c.replace("_", " ").capitalize()}
            for c in INDUSTRIES]})

    @app.get("/")
    def console_page() -> Response:
        return _console_asset(console.INDEX)

    @app.get("/console/<name>")
    def console_file(name: str) -> Response:
        return _console_asset(name)

    def _caller() -> str:
        # Only what the platform or a signature vouches for (demoforge.adapters.identity).
        if "caller" not in g:
            g.caller = services().identity.caller(dict(request.headers.items()))
        return str(g.caller)

    def _owned(job_ref: str) -> JobDoc:
        job = jobs.get_job(services(), _job_id(job_ref))
        return access.check_access(services().settings, _caller(), job)

    def _completed(job_ref: str) -> JobDoc:
        job = _owned(job_ref)
        if job.status != JobStatus.COMPLETED:
            raise Conflict(f"job {job.job_id} is {job.status.value}; assets are ready once it is completed")
        return job

    return app


def _console_asset(name: str) -> Response:
    data, ctype = console.asset(name)
    resp = Response(data, status=200, content_type=ctype)
    resp.headers["Content-Security-Policy"] = console.CSP
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Referrer-Policy"] = "no-referrer"
    # Revalidate on every load, so a redeploy's page and script arrive together.
    resp.headers["Cache-Control"] = "no-cache"
    return resp


def _job_id(raw: str) -> str:
    if not raw or len(raw) > 64 or not all(c.isalnum() or c in "-_" for c in raw):
        raise NotFound(f"job {raw[:64]!r} not found")
    return raw


def http_handler(
    services_factory: Callable[[], Services] | None = None,
) -> Callable[[Request], Response]:
    """The Cloud Function: route the framework's Flask request through our app. Without a
    factory the settings are read and validated now (at import: a bad value stops the
    instance at start-up); the services are built on the first request."""
    if services_factory is None:
        services_factory = functools.partial(Container, Settings.from_env())

    app = create_app(services_factory)

    def handle(req: Request) -> Response:
        # The framework reads the body again after us, so hand our app its own copy of it
        # (Cloud Run caps request bodies at 32 MiB; our app refuses anything over 16 KiB).
        data = req.get_data(cache=True)
        environ = dict(req.environ)
        environ["wsgi.input"] = io.BytesIO(data)
        environ["CONTENT_LENGTH"] = str(len(data))
        with app.request_context(environ):
            return app.full_dispatch_request()

    return handle
