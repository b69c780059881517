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

import contextlib
import functools
import io
import json
import logging
import mimetypes
import re
import socket
import uuid
from collections.abc import Callable
from typing import Any

import flask
from flask import Flask, Request, Response, g, request
from werkzeug.exceptions import ClientDisconnected, HTTPException, MethodNotAllowed
from werkzeug.routing import BaseConverter

from demoforge import console
from demoforge.bootstrap import Container
from demoforge.domain import artifacts
from demoforge.domain import industries as industry_registry
from demoforge.domain.errors import (
    Conflict,
    DemoforgeError,
    Forbidden,
    Gone,
    InvalidInput,
    NotFound,
    TransientError,
)
from demoforge.domain.job import (
    EVENT_ID_PATTERN,
    INDUSTRIES,
    JobDoc,
    JobStatus,
    is_job_id,
)
from demoforge.entrypoints import openapi
from demoforge.service import access, jobs
from demoforge.service.services import Services
from demoforge.settings import Settings

log = logging.getLogger("demoforge.entrypoints.http")

MAX_BODY_BYTES = 16 * 1024
# Deeper JSON than any request model needs is refused before it is parsed (the parser
# recurses, and so would validation).
MAX_BODY_DEPTH = 32
# A client that announces more body than it sends would hold the connection (and a
# worker thread) until the platform's request timeout: the body is read within this.
BODY_READ_TIMEOUT_S = 10.0
ARTIFACT_TYPES = {".json": "application/json", ".md": "text/markdown; charset=utf-8",
                  ".html": "text/html; charset=utf-8"}
_ASSET_NAME = re.compile(openapi.ASSET_NAME_PATTERN)
_EVENT_CURSOR = re.compile(EVENT_ID_PATTERN)
_JOBS_CURSOR = re.compile(openapi.JOBS_CURSOR_PATTERN)


def _error(status: int, code: str, message: str) -> Response:
    body = {"error": {"code": code, "message": message, "correlation_id": _correlation_id()}}
    return Response(json.dumps(body), status=status, mimetype="application/json")


def _correlation_id() -> str:
    if not flask.has_request_context():
        return uuid.uuid4().hex
    if "correlation_id" not in g:
        trace = request.headers.get("X-Cloud-Trace-Context", "").split("/")[0]
        g.correlation_id = trace or request.headers.get("X-Request-Id", "") or uuid.uuid4().hex
    return str(g.correlation_id)


def _json(body: Any, status: int = 200) -> Response:
    return Response(json.dumps(body, default=str), status=status, mimetype="application/json")


class _TooLarge(InvalidInput):
    code = "payload_too_large"


def _depth(raw: bytes) -> int:
    """How deeply ``[``/``{`` nest in a JSON text (brackets inside strings do not count)."""
    depth = most = 0
    in_string = escaped = False
    for b in raw:
        if in_string:
            if escaped:
                escaped = False
            elif b == 0x5C:  # backslash
                escaped = True
            elif b == 0x22:
                in_string = False
        elif b == 0x22:
            in_string = True
        elif b in (0x5B, 0x7B):
            depth += 1
            most = max(most, depth)
        elif b in (0x5D, 0x7D):
            depth -= 1
    return most


def _body() -> Any:
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise _TooLarge(f"request body larger than {MAX_BODY_BYTES} bytes")
    raw = request.get_data(cache=True)
    if len(raw) > MAX_BODY_BYTES:
        raise _TooLarge(f"request body larger than {MAX_BODY_BYTES} bytes")
    if not raw:
        return {}
    if request.mimetype != "application/json":
        raise _Unsupported()
    if _depth(raw) > MAX_BODY_DEPTH:
        raise InvalidInput(f"request body nests deeper than {MAX_BODY_DEPTH} levels")
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as e:
        raise InvalidInput(f"request body is not valid JSON: {e}") from e


class _Unsupported(Exception):
    pass


def _limit(default: int = 20, maximum: int = 100) -> int:
    raw = request.args.get("limit", str(default))
    # ASCII digits only: str.isdigit() admits "²" and int() refuses 5,000 digits.
    if not re.fullmatch(r"[0-9]{1,4}", raw) or not 1 <= int(raw) <= maximum:
        raise InvalidInput(f"limit must be an integer from 1 to {maximum}")
    return int(raw)


def _jobs_cursor() -> str | None:
    """``<created_at ISO>|<job id>`` as both stores hand it out, else 400."""
    raw = request.args.get("cursor")
    if raw is not None and not _JOBS_CURSOR.fullmatch(raw):
        raise InvalidInput("cursor is not a cursor this api handed out (use next_cursor as is)")
    return raw


def _events_cursor() -> str | None:
    raw = request.args.get("cursor")
    if raw is not None and not _EVENT_CURSOR.fullmatch(raw):
        raise InvalidInput("cursor is not an events cursor this api handed out (use next_cursor as is)")
    return raw


def _asset_name(name: str) -> str:
    if not _ASSET_NAME.fullmatch(name):
        raise InvalidInput(f"invalid artifact name {name[:100]!r}")
    return name


def event_view(event: Any) -> dict[str, Any]:
    view: dict[str, Any] = event.model_dump(mode="json")
    # Tracebacks are for the function's log, not for callers (older events carried them).
    view["data"].pop("traceback", None)
    return view


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
    # OPTIONS answers 405 JSON like any other method no route takes (no empty 200s).
    app.config["PROVIDE_AUTOMATIC_OPTIONS"] = False
    app.url_map.converters.update(job=_JobRef, action=_ActionRef)
    state: dict[str, Services] = {}

    def services() -> Services:
        if "services" not in state:
            state["services"] = services_factory()
        return state["services"]

    @app.before_request
    def _correlate() -> None:
        _correlation_id()

    @app.errorhandler(DemoforgeError)
    def _domain_error(e: DemoforgeError) -> Response:
        status = 413 if isinstance(e, _TooLarge) else 400 if isinstance(e, InvalidInput) else (
            404 if isinstance(e, NotFound) else 409 if isinstance(e, Conflict) else
            403 if isinstance(e, Forbidden) else 410 if isinstance(e, Gone) else
            503 if isinstance(e, TransientError) else 500)
        if status == 503:
            log.warning("request not served now [%s]: %s", _correlation_id(), e.message)
            resp = _error(503, "unavailable", f"{e.message}; try again shortly")
            resp.headers["Retry-After"] = "5"
            return resp
        if status == 500:
            log.exception("request failed [%s]", _correlation_id())
            return _error(500, "internal", "internal error; quote the correlation_id when reporting it")
        return _error(status, e.code, e.message)

    @app.errorhandler(_Unsupported)
    def _unsupported(_: Exception) -> Response:
        return _error(415, "unsupported_media_type", "send the body as application/json")

    install_json_errors(app)

    @app.post("/jobs")
    def create() -> Response:
        req = jobs.parse(jobs.CreateJobRequest, _body())
        # Only what the platform or a signature vouches for (demoforge.adapters.identity).
        job = jobs.create_job(services(), req, created_by=_caller())
        resp = _json({"job_id": job.job_id, "status": job.status.value,
                      "status_url": f"/jobs/{job.job_id}"}, 202)
        resp.headers["Location"] = f"/jobs/{job.job_id}"
        return resp

    @app.get("/openapi.json")
    def openapi_json() -> Response:
        return _json(openapi.document())

    @app.get("/jobs")
    def list_jobs() -> Response:
        limit, cursor = _limit(), _jobs_cursor()
        owner = access.owner_filter(services().settings, _caller())
        if owner == access.UNKNOWN:
            return _json({"jobs": [], "next_cursor": None})  # an unverified caller owns nothing
        docs, nxt = services().store.list(limit=limit, cursor=cursor, owner=owner)
        docs = [jobs.fail_if_stalled(services(), j) for j in docs]
        return _json({"jobs": [job_view(j) for j in docs], "next_cursor": nxt})

    @app.get("/jobs/<job:job_ref>")
    def get(job_ref: str) -> Response:
        return _json(job_view(_owned(job_ref)))

    @app.post("/jobs/<action:job_ref>")
    def action(job_ref: str) -> Response:
        job_id, _, verb = job_ref.partition(":")
        _owned(job_id)
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

    @app.delete("/jobs/<job:job_ref>")
    def delete(job_ref: str) -> Response:
        from demoforge.service import teardown

        _owned(job_ref)
        job = teardown.delete_job(services(), _job_id(job_ref))
        # 202 while a phase that was still running has not stopped (it cleans up after itself).
        pending = teardown.teardown_record(job).get("status") == "pending"
        return _json(job_view(job), 202 if pending else 200)

    @app.get("/jobs/<job:job_ref>/events")
    def events(job_ref: str) -> Response:
        limit, cursor = _limit(100, 1000), _events_cursor()
        job = _owned(job_ref)
        evs, nxt = services().store.events(job.job_id, limit=limit, cursor=cursor)
        return _json({"events": [event_view(e) for e in evs], "next_cursor": nxt})

    @app.get("/jobs/<job:job_ref>/assets")
    def assets(job_ref: str) -> Response:
        job = _completed(job_ref)
        names = services().artifacts.list(job.job_id)
        return _json({
            "job_id": job.job_id,
            "results": job.results,
            "assets": [{"name": n, "url": f"/jobs/{job.job_id}/assets/{n}"} for n in names
                       if not n.startswith("data/") and not n.endswith(".duckdb")],
        })

    @app.get("/jobs/<job:job_ref>/assets/<path:name>")
    def asset(job_ref: str, name: str) -> Response:
        name = _asset_name(name)
        job = _completed(job_ref)
        data = services().artifacts.get(job.job_id, name)
        ext = "." + name.rsplit(".", 1)[-1] if "." in name else ""
        ctype = ARTIFACT_TYPES.get(ext) or mimetypes.guess_type(name)[0] or "application/octet-stream"
        return Response(data, status=200, content_type=ctype)

    @app.get("/jobs/<job:job_ref>/report")
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
            {"code": c, "label": industry_registry.label(c)}
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
        if job.status in (JobStatus.DELETED, JobStatus.EXPIRED):
            raise Gone(f"job {job.job_id} was {job.status.value} ({job.updated_at.isoformat()}): its "
                       "dataset, agent, assets and report were removed; GET /jobs/{id} still shows "
                       "what it was")
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
    # Checked before any store call: Firestore answers reserved ids (__x__) with an error.
    if not is_job_id(raw):
        raise NotFound(f"job {raw[:64]!r} not found: not a job id")
    return raw


class _JobRef(BaseConverter):
    """``/jobs/<id>``: no colon, so ``/jobs/<id>:cancel`` is only the action route and a
    GET or DELETE there is a 405 naming POST."""

    regex = r"[^/:]+"


class _ActionRef(BaseConverter):
    regex = r"[^/:]+:[^/]*"


def install_json_errors(app: Flask) -> None:
    """Every error ``app`` answers is our JSON error body: routing (404, 405), body size
    (413), malformed requests (400) and anything unexpected (500, logged with its
    traceback). Installed on our app and on the functions-framework app that hosts it,
    which answers some requests itself (``/favicon.ico``, ``/robots.txt``, crashes)."""

    @app.errorhandler(HTTPException)
    def _http_error(e: HTTPException) -> Response:
        code = (e.name or "error").lower().replace(" ", "_")
        message = e.description or e.name or "error"
        if e.code == 404:
            message = "no such route; see /openapi.json"
        allowed = sorted(e.valid_methods or ()) if isinstance(e, MethodNotAllowed) else []
        if allowed:
            message = f"{request.method} is not allowed here; use {', '.join(allowed)}"
        resp = _error(e.code or 500, code, message)
        if allowed:
            resp.headers["Allow"] = ", ".join(allowed)
        return resp

    @app.errorhandler(Exception)
    def _unexpected(e: Exception) -> Response:
        log.exception("unexpected error [%s]", _correlation_id())
        return _error(500, "internal", "internal error; quote the correlation_id when reporting it")


def http_handler(
    services_factory: Callable[[], Services] | None = None,
) -> Callable[[Request], Response]:
    """The Cloud Function: route the framework's Flask request through our app. Without a
    factory the settings are read and validated now (at import: a bad value stops the
    instance at start-up); the services are built on the first request."""
    if services_factory is None:
        services_factory = functools.partial(Container, Settings.from_env())

    app = create_app(services_factory)
    if flask.has_app_context() and flask.current_app is not app:
        # Loaded by functions-framework (it imports main.py inside its app's context): its
        # own answers (404 for /favicon.ico, crashes) are our JSON errors too, and so are
        # those of the gunicorn server it runs under (malformed request lines, headers).
        install_json_errors(flask.current_app)
        _install_gunicorn_json_errors()

    def handle(req: Request) -> Response:
        # The framework reads the body again after us, so hand our app its own copy of it
        # (Cloud Run caps request bodies at 32 MiB; our app refuses anything over 16 KiB).
        data = _read_body(req)
        if isinstance(data, Response):
            return data
        environ = dict(req.environ)
        environ["wsgi.input"] = io.BytesIO(data)
        environ["CONTENT_LENGTH"] = str(len(data))
        with app.request_context(environ):
            return app.full_dispatch_request()

    return handle


def _closing_error(status: int, code: str, message: str) -> Response:
    """An error sent without reading the rest of the body: streamed (so functions-framework
    does not read the body after us either) and closing the connection."""
    body = _error(status, code, message).get_data()
    resp = Response(iter([body]), status=status, mimetype="application/json")
    resp.headers["Content-Length"] = str(len(body))
    resp.headers["Connection"] = "close"  # werkzeug's server honours it; gunicorn does not:
    return resp


def _stop_reading(req: Request) -> None:
    """Read no more of this connection (the body we refuse to read would otherwise be
    drained, or parsed as the next request, by a keep-alive server): after the answer is
    written the server reads end-of-stream and closes it."""
    sock = req.environ.get("gunicorn.socket") or req.environ.get("werkzeug.socket")
    if sock is not None:
        # A client that already went away leaves nothing to stop reading from.
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RD)


def _read_body(req: Request) -> bytes | Response:
    """At most ``MAX_BODY_BYTES`` + 1 bytes of the body, within ``BODY_READ_TIMEOUT_S``
    (the socket's timeout while reading), else the error to send instead."""
    if req.content_length is not None and req.content_length > MAX_BODY_BYTES:
        _stop_reading(req)
        return _closing_error(413, "payload_too_large", f"request body larger than {MAX_BODY_BYTES} bytes")
    sock = req.environ.get("gunicorn.socket") or req.environ.get("werkzeug.socket")
    before = sock.gettimeout() if sock is not None else None
    if sock is not None:
        sock.settimeout(BODY_READ_TIMEOUT_S)
    try:
        data: bytes = req.stream.read(MAX_BODY_BYTES + 1)
    except (OSError, ClientDisconnected) as e:
        log.warning("request body not read: %s: %s", type(e).__name__, e)
        _stop_reading(req)
        return _closing_error(400, "incomplete_body", "the request body is shorter than its "
                              f"Content-Length (nothing more arrived within {BODY_READ_TIMEOUT_S:g} s)")
    finally:
        if sock is not None:
            sock.settimeout(before)
    if len(data) > MAX_BODY_BYTES:
        _stop_reading(req)
        return _closing_error(413, "payload_too_large", f"request body larger than {MAX_BODY_BYTES} bytes")
    return data


def _install_gunicorn_json_errors() -> None:
    """gunicorn answers requests it cannot parse (a bad request line, an invalid header)
    itself, with an HTML page; make that page our JSON error body."""
    try:
        from gunicorn import util
    except ImportError:  # not under gunicorn (werkzeug's server, Windows): nothing to do
        return

    def write_error(sock: socket.socket, status_int: int, reason: str, mesg: str) -> None:
        body = json.dumps({"error": {"code": reason.lower().replace(" ", "_"), "message": mesg,
                                     "correlation_id": uuid.uuid4().hex}}).encode()
        head = (f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
        util.write_nonblock(sock, head.encode("latin-1") + body)

    util.write_error = write_error
