"""A loopback HTTP server that speaks the Anthropic Messages API (``POST /v1/messages``).

Tests point the real ``anthropic`` SDK (``base_url=fake.base_url``) at it, so the SDK's own
request building, retries, timeouts and error mapping are exercised instead of mocked.
Responses are scripted in a FIFO queue, one entry consumed per HTTP request (SDK retries
consume entries too, which is what lets a test say "429, then success")::

    with FakeAnthropic() as fake:
        fake.enqueue_error(429, "rate_limit_error", "slow down", retry_after=0.01)
        fake.enqueue_tool_use({"industry": "retail_ecommerce"})
        llm = AnthropicLLM(settings.with_(anthropic_base_url=fake.base_url, ...))
        ...
        assert len(fake.requests) == 2          # parsed JSON bodies, in arrival order
        assert fake.headers[0]["x-api-key"]

When the queue is empty the server answers 400 ``invalid_request_error`` (not retried by
the SDK), so an unexpected extra call fails fast with a readable message.
"""

from __future__ import annotations

import dataclasses
import json
import threading
import uuid
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["FakeAnthropic", "Scripted"]


@dataclasses.dataclass
class Scripted:
    """One scripted answer. ``body`` None means: a tool_use (or text) message built from
    ``tool_input`` / ``text`` and the request itself (model name, forced tool name)."""

    status: int = 200
    body: dict[str, Any] | None = None
    headers: dict[str, str] = dataclasses.field(default_factory=dict)
    delay_s: float = 0.0
    tool_input: dict[str, Any] | None = None
    tool_name: str | None = None
    text: str | None = None


def _forced_tool_name(request: dict[str, Any]) -> str:
    choice = request.get("tool_choice") or {}
    if isinstance(choice, dict) and choice.get("name"):
        return str(choice["name"])
    tools = request.get("tools") or []
    if tools and isinstance(tools[0], dict):
        return str(tools[0].get("name", "tool"))
    return "tool"


def _message(request: dict[str, Any], content: list[dict[str, Any]], stop_reason: str) -> dict[str, Any]:
    return {
        "id": f"msg_fake_{uuid.uuid4().hex[:16]}",
        "type": "message",
        "role": "assistant",
        "model": request.get("model", "claude-fake"),
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": {"input_tokens": 10, "output_tokens": 10},
    }


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    fake: FakeAnthropic


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        # Keep pytest output clean; the fake records requests itself.
        return

    def _send(self, status: int, body: dict[str, Any], headers: dict[str, str]) -> None:
        data = json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.send_header("request-id", f"req_fake_{uuid.uuid4().hex[:12]}")
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up (timeout test): nothing left to tell it.
            self.close_connection = True

    def do_POST(self) -> None:
        fake = self.server.fake
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            request: dict[str, Any] = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            self._send(400, _error("invalid_request_error", "body is not JSON"), {})
            return
        path = self.path.split("?", 1)[0]
        if path.rstrip("/") != "/v1/messages":
            self._send(404, _error("not_found_error", f"FakeAnthropic has no {path}"), {})
            return
        scripted = fake._record_and_pop(request, {k.lower(): v for k, v in self.headers.items()})
        if scripted is None:
            self._send(
                400,
                _error("invalid_request_error", "FakeAnthropic: no scripted response left"),
                {"x-should-retry": "false"},
            )
            return
        if scripted.delay_s > 0 and fake._stopping.wait(scripted.delay_s):
            self.close_connection = True
            return
        if scripted.body is not None:
            body = scripted.body
        elif scripted.text is not None:
            body = _message(request, [{"type": "text", "text": scripted.text}], "end_turn")
        else:
            block = {
                "type": "tool_use",
                "id": f"toolu_fake_{uuid.uuid4().hex[:16]}",
                "name": scripted.tool_name or _forced_tool_name(request),
                "input": scripted.tool_input if scripted.tool_input is not None else {},
            }
            body = _message(request, [block], "tool_use")
        self._send(scripted.status, body, scripted.headers)


def _error(error_type: str, message: str) -> dict[str, Any]:
    return {"type": "error", "error": {"type": error_type, "message": message}}


class FakeAnthropic:
    """Context manager running the fake on ``127.0.0.1`` on a free port."""

    def __init__(self) -> None:
        self._queue: deque[Scripted] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------------
    def start(self) -> FakeAnthropic:
        server = _Server(("127.0.0.1", 0), _Handler)
        server.fake = self
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="fake-anthropic", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers sleeping in a scripted delay
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeAnthropic:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("FakeAnthropic is not running")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    # -- scripting -----------------------------------------------------------------
    def enqueue(self, scripted: Scripted) -> None:
        with self._lock:
            self._queue.append(scripted)

    def enqueue_tool_use(self, input_dict: dict[str, Any], tool_name: str | None = None) -> None:
        """A successful ``tool_use`` message; the tool name defaults to the forced one."""
        self.enqueue(Scripted(tool_input=input_dict, tool_name=tool_name))

    def enqueue_text(self, text: str) -> None:
        """A message with only a text block (a model that ignored the forced tool)."""
        self.enqueue(Scripted(text=text))

    def enqueue_error(
        self, status: int, error_type: str, message: str = "scripted error",
        *, retry_after: float | None = None,
    ) -> None:
        """An API error body, e.g. (429, "rate_limit_error"), (529, "overloaded_error"),
        (500, "api_error"), (401, "authentication_error"). ``retry_after`` (seconds) sets
        ``retry-after`` and the precise ``retry-after-ms`` the SDK honours first."""
        headers: dict[str, str] = {}
        if retry_after is not None:
            headers["retry-after"] = str(max(1, round(retry_after)))
            headers["retry-after-ms"] = str(int(retry_after * 1000))
        self.enqueue(Scripted(status=status, body=_error(error_type, message), headers=headers))

    def enqueue_delay(
        self, seconds: float, then: dict[str, Any] | Scripted | None = None,
        tool_name: str | None = None,
    ) -> None:
        """Wait ``seconds`` before answering (to trigger client timeouts), then answer with
        ``then``: a tool input dict (tool_use message) or a ``Scripted``; default ``{}``."""
        if isinstance(then, Scripted):
            self.enqueue(dataclasses.replace(then, delay_s=seconds))
        else:
            self.enqueue(Scripted(delay_s=seconds, tool_input=then or {}, tool_name=tool_name))

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._queue)

    def _record_and_pop(self, request: dict[str, Any], headers: dict[str, str]) -> Scripted | None:
        with self._lock:
            self.requests.append(request)
            self.headers.append(headers)
            return self._queue.popleft() if self._queue else None
