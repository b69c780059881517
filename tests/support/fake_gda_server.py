"""A small local HTTP server speaking the Conversational Analytics API's REST wire format
(``geminidataanalytics.googleapis.com/v1``), for contract tests of the real client.

It implements the calls ``GeminiDataAgents`` makes: ``dataAgents:createSync`` (with
``requestId`` deduplication and ALREADY_EXISTS), ``:updateSync`` (applying the
``updateMask``), get, ``:deleteSync``, conversations (create/get/list with paging/delete)
and the server-streaming ``:chat``, which the REST transport reads as one JSON array of
``Message`` objects sent in chunks (``Transfer-Encoding: chunked``), parsed incrementally
by ``google.api_core.rest_streaming``. Errors use Google's JSON error body
(``{"error": {"code", "message", "status"}}``).

Every request is recorded (method, path, query, JSON body) so tests assert on exactly
what the client sent. ``fail()`` injects an error for the next matching call(s).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import re
import threading
import time
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_LOC = r"projects/[^/]+/locations/[^/:]+"
_STATUS_TEXT = {400: "INVALID_ARGUMENT", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
                409: "ALREADY_EXISTS", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL",
                503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED"}


@dataclasses.dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    body: Any


@dataclasses.dataclass
class Fault:
    method: str
    pattern: str
    status: int
    grpc_status: str
    message: str
    remaining: int


Responder = Callable[[dict[str, Any]], list[dict[str, Any]]]


def chat_messages(
    question: str,
    *,
    rows: list[dict[str, Any]] | None,
    final_text: str,
    sql: str = "SELECT 1",
    project: str = "p",
) -> list[dict[str, Any]]:
    """A realistic answer stream: thought, schema lookup, data query, generated SQL, the
    BigQuery job, the data result (numbers as JSON numbers: Struct has only doubles),
    a chart request and the final text."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    out: list[dict[str, Any]] = [
        {"timestamp": now, "systemMessage": {"text": {"parts": ["Let me look at the data."],
                                                      "textType": "THOUGHT"}}},
        {"timestamp": now, "systemMessage": {"schema": {"query": {"question": question}}}},
        {"timestamp": now, "systemMessage": {"data": {"query": {"question": question,
                                                                 "name": "data_1"}}}},
        {"timestamp": now, "systemMessage": {"data": {"generatedSql": sql}}},
        {"timestamp": now, "systemMessage": {"data": {"bigQueryJob": {
            "projectId": project, "jobId": "job_fake_1", "location": "EU"}}}},
    ]
    if rows is not None:
        fields = [{"name": k, "type": "FLOAT64" if isinstance(v, float) else "STRING"}
                  for k, v in (rows[0].items() if rows else [])]
        out.append({"timestamp": now, "systemMessage": {"data": {"result": {
            "name": "data_1", "schema": {"fields": fields}, "data": rows}}}})
        out.append({"timestamp": now, "systemMessage": {"chart": {"query": {
            "instructions": "bar chart", "dataResultName": "data_1"}}}})
    out.append({"timestamp": now, "systemMessage": {"text": {"parts": [final_text],
                                                             "textType": "FINAL_RESPONSE"}}})
    return out


def _default_responder(body: dict[str, Any]) -> list[dict[str, Any]]:
    q = body["messages"][-1]["userMessage"]["text"]
    return chat_messages(q, rows=None, final_text="I could not find data for that.")


def _camel_get(d: dict[str, Any], path: str) -> tuple[bool, Any]:
    cur: Any = d
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return False, None
        cur = cur[part]
    return True, cur


def _camel(path: str) -> str:
    return ".".join(re.sub(r"_([a-z])", lambda m: m.group(1).upper(), p) for p in path.split("."))


class FakeGDAServer:
    def __init__(self) -> None:
        self.agents: dict[str, dict[str, Any]] = {}
        self.agent_request_ids: dict[str, str] = {}
        self.conversations: dict[str, dict[str, Any]] = {}
        self.requests: list[Recorded] = []
        self.faults: list[Fault] = []
        self.responder: Responder = _default_responder
        self.chat_delay_s = 0.0  # pause between streamed messages
        self.chat_cut_after: int | None = None  # end the body after N messages, no "]"
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle

    def start(self) -> FakeGDAServer:
        server = self

        class Handler(_Handler):
            fake = server

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = self._thread = None

    def __enter__(self) -> FakeGDAServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._httpd is not None
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    # -- test helpers

    def fail(self, method: str, pattern: str, status: int, message: str = "injected",
             grpc_status: str | None = None, times: int = 1) -> None:
        self.faults.append(Fault(method.upper(), pattern, status,
                                 grpc_status or _STATUS_TEXT.get(status, "UNKNOWN"), message, times))

    def calls(self, method: str, pattern: str) -> list[Recorded]:
        return [r for r in self.requests if r.method == method.upper() and re.search(pattern, r.path)]

    def _fault_for(self, method: str, path: str) -> Fault | None:
        for f in self.faults:
            if f.remaining > 0 and f.method == method and re.search(f.pattern, path):
                f.remaining -= 1
                return f
        return None


def _error(status: int, message: str, grpc_status: str | None = None) -> tuple[int, dict[str, Any]]:
    return status, {"error": {"code": status, "message": message,
                              "status": grpc_status or _STATUS_TEXT.get(status, "UNKNOWN")}}


class _Handler(BaseHTTPRequestHandler):
    fake: FakeGDAServer
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; without TCP_NODELAY each keep-alive
    # response waits for the client's delayed ACK (~40 ms).
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        return  # keep pytest output clean

    # -- plumbing

    def _send_json(self, status: int, payload: Any) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _handle(self, method: str) -> None:
        parts = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(parts.path)
        query = {k: v[-1] for k, v in urllib.parse.parse_qs(parts.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else None
        fake = self.fake
        with fake._lock:
            fake.requests.append(Recorded(method, path, query, body))
            fault = fake._fault_for(method, path)
        if fault is not None:
            self._send_json(*_error(fault.status, fault.message, fault.grpc_status))
            return
        if method == "POST" and re.fullmatch(rf"/v1/{_LOC}:chat", path):
            self._chat(body or {})
            return
        with fake._lock:
            status, payload = self._route(method, path, query, body)
        self._send_json(status, payload)

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    # -- routes

    def _route(self, method: str, path: str, q: dict[str, str], body: Any) -> tuple[int, Any]:
        fake = self.fake
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        if m := re.fullmatch(rf"/v1/({_LOC})/dataAgents:createSync", path):
            if method != "POST":
                return _error(405, "method not allowed")
            agent_id = q.get("dataAgentId", "")
            if not re.fullmatch(r"[a-z]([a-z0-9-]{0,61}[a-z0-9])?", agent_id):
                return _error(400, f"invalid data_agent_id {agent_id!r}")
            name = f"{m.group(1)}/dataAgents/{agent_id}"
            rid = q.get("requestId")
            if name in fake.agents:
                if rid and fake.agent_request_ids.get(name) == rid:
                    return 200, fake.agents[name]  # a retried request: same answer
                return _error(409, f"Data agent {name} already exists")
            agent = {**copy.deepcopy(body), "name": name, "createTime": now, "updateTime": now}
            fake.agents[name] = agent
            if rid:
                fake.agent_request_ids[name] = rid
            return 200, agent
        if m := re.fullmatch(rf"/v1/({_LOC}/dataAgents/[^/:]+):updateSync", path):
            name = m.group(1)
            if name not in fake.agents:
                return _error(404, f"Data agent {name} not found")
            if (body or {}).get("name") not in (None, name):
                return _error(400, "name in body does not match the URL")
            mask = [p for p in q.get("updateMask", "").split(",") if p]
            if not mask:
                return _error(400, "update_mask is required")
            agent = fake.agents[name]
            for p in mask:
                p = _camel(p)
                found, value = _camel_get(body or {}, p)
                *head, last = p.split(".")
                cur = agent
                for part in head:
                    cur = cur.setdefault(part, {})
                if found:
                    cur[last] = copy.deepcopy(value)
                else:
                    cur.pop(last, None)
            agent["updateTime"] = now
            return 200, agent
        if m := re.fullmatch(rf"/v1/({_LOC}/dataAgents/[^/:]+)(:deleteSync)?", path):
            name = m.group(1)
            if method == "GET":
                return (200, fake.agents[name]) if name in fake.agents else _error(404, f"{name} not found")
            if method == "DELETE" and m.group(2):
                if fake.agents.pop(name, None) is None:
                    return _error(404, f"Data agent {name} not found")
                fake.agent_request_ids.pop(name, None)
                return 200, {}
            return _error(405, "method not allowed")
        if m := re.fullmatch(rf"/v1/({_LOC})/conversations", path):
            parent = m.group(1)
            if method == "POST":
                cid = q.get("conversationId", "")
                name = f"{parent}/conversations/{cid}"
                if name in fake.conversations:
                    return _error(409, f"Conversation {name} already exists")
                missing = [a for a in (body or {}).get("agents", []) if a not in fake.agents]
                if missing:
                    return _error(404, f"Data agent {missing[0]} not found")
                conv = {**copy.deepcopy(body), "name": name, "createTime": now, "lastUsedTime": now}
                fake.conversations[name] = conv
                return 200, conv
            if method == "GET":
                names = sorted(n for n in fake.conversations if n.startswith(parent + "/"))
                size = int(q.get("pageSize") or 100)
                start = int(q.get("pageToken") or 0)
                page = [fake.conversations[n] for n in names[start:start + size]]
                out: dict[str, Any] = {"conversations": page}
                if start + size < len(names):
                    out["nextPageToken"] = str(start + size)
                return 200, out
        if m := re.fullmatch(rf"/v1/({_LOC}/conversations/[^/:]+)", path):
            name = m.group(1)
            if method == "GET":
                return (200, fake.conversations[name]) if name in fake.conversations \
                    else _error(404, f"{name} not found")
            if method == "DELETE":
                if fake.conversations.pop(name, None) is None:
                    return _error(404, f"Conversation {name} not found")
                return 200, {}
        return _error(404, f"no route for {method} {path}")

    def _chat(self, body: dict[str, Any]) -> None:
        fake = self.fake
        ref = body.get("conversationReference", {})
        conv = ref.get("conversation")
        agent = ref.get("dataAgentContext", {}).get("dataAgent")
        with fake._lock:
            problem = None
            if conv not in fake.conversations:
                problem = f"Conversation {conv} not found"
            elif agent not in fake.agents:
                problem = f"Data agent {agent} not found"
        if problem:
            self._send_json(*_error(404, problem))
            return
        messages = fake.responder(body)
        self.send_response(200)
        # The charset matters: without it requests yields bytes and api_core's stream
        # parser rejects the first chunk.
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            self._chunk(b"[")
            for i, msg in enumerate(messages):
                if fake.chat_cut_after is not None and i >= fake.chat_cut_after:
                    break  # a dropped connection: the JSON array is never closed
                text = ("" if i == 0 else ",\r\n") + json.dumps(msg, indent=2)
                data = text.encode()
                half = len(data) // 2  # split mid-object: the client must reassemble
                self._chunk(data[:half])
                self._chunk(data[half:])
                if fake.chat_delay_s:
                    time.sleep(fake.chat_delay_s)
            if fake.chat_cut_after is None:
                self._chunk(b"]")
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return  # the client gave up (cancelled a too-slow answer)
