"""A loopback server speaking Secret Manager's REST wire format (v1, JSON), enough for
the real ``google-cloud-secret-manager`` client with ``transport="rest"``:

    GET  /v1/projects/P/secrets/S/versions/V:access    AccessSecretVersion (V = N or latest)
    POST /v1/projects/P/secrets/S:addVersion           AddSecretVersion
    POST /v1/projects/P/secrets/S/versions/N:disable   DisableSecretVersion

Errors are google.rpc.Status JSON bodies (``{"error": {"code", "message", "status"}}``),
which the client maps to ``google.api_core.exceptions`` as it does for the real service.
``latest`` resolves to the newest *enabled* version, and answers NOT_FOUND when the secret
has no version and FAILED_PRECONDITION when the newest one is disabled, as the service does.
``fail_next(503, times=n)`` makes the next n requests fail; ``accesses`` counts reads per secret.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
import re
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import google_crc32c

_STATUS = {400: "INVALID_ARGUMENT", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
           409: "ALREADY_EXISTS", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL",
           503: "UNAVAILABLE"}
_ACCESS = re.compile(r"^/v1/(projects/[^/]+/secrets/[^/]+)/versions/([^/:]+):access$")
_ADD = re.compile(r"^/v1/(projects/[^/]+/secrets/[^/:]+):addVersion$")
_DISABLE = re.compile(r"^/v1/(projects/[^/]+/secrets/[^/]+)/versions/(\d+):disable$")


@dataclasses.dataclass
class _Version:
    data: bytes
    state: str = "ENABLED"


class SecretManagerServer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.secrets: dict[str, list[_Version]] = {}  # secret name -> versions 1..N
        self.accesses: Counter[str] = Counter()
        self.headers: list[dict[str, str]] = []
        self._faults: list[int] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)

    # -- lifecycle

    def __enter__(self) -> SecretManagerServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def endpoint(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    # -- test controls

    def create_secret(self, name: str) -> None:
        with self._lock:
            self.secrets.setdefault(name, [])

    def fail_next(self, status: int, times: int = 1) -> None:
        with self._lock:
            self._faults.extend([status] * times)

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    # -- the API

    def _access(self, secret: str, version: str) -> tuple[int, dict[str, Any]]:
        versions = self.secrets.get(secret)
        if versions is None:
            return _error(404, f"Secret [{secret}] not found or has no versions.")
        self.accesses[secret] += 1
        if version == "latest":
            if not versions:
                return _error(404, f"Secret Version [{secret}/versions/latest] not found.")
            number = len(versions)
            if versions[-1].state != "ENABLED":
                return _error(400, f"Secret Version [{secret}/versions/{number}] is in "
                                   f"{versions[-1].state} state.", "FAILED_PRECONDITION")
        else:
            number = int(version)
            if not 1 <= number <= len(versions):
                return _error(404, f"Secret Version [{secret}/versions/{version}] not found.")
        data = versions[number - 1].data
        return 200, {
            "name": f"{secret}/versions/{number}",
            "payload": {"data": base64.b64encode(data).decode(),
                        "dataCrc32c": str(google_crc32c.value(data))},  # int64 -> JSON string
        }

    def _add(self, secret: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        versions = self.secrets.get(secret)
        if versions is None:
            return _error(404, f"Secret [{secret}] not found.")
        payload = body.get("payload") or {}
        data = base64.b64decode(payload.get("data", ""))
        if "dataCrc32c" in payload and int(payload["dataCrc32c"]) != google_crc32c.value(data):
            return _error(400, "Checksum mismatch.")
        versions.append(_Version(data))
        return 200, _version_json(secret, len(versions), versions[-1])

    def _disable(self, secret: str, number: int) -> tuple[int, dict[str, Any]]:
        versions = self.secrets.get(secret, [])
        if not 1 <= number <= len(versions):
            return _error(404, f"Secret Version [{secret}/versions/{number}] not found.")
        versions[number - 1].state = "DISABLED"
        return 200, _version_json(secret, number, versions[number - 1])

    def _route(self, method: str, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        with self._lock:
            if self._faults:
                status = self._faults.pop(0)
                return _error(status, "injected fault")
            if method == "GET" and (m := _ACCESS.match(path)):
                return self._access(m.group(1), m.group(2))
            if method == "POST" and (m := _ADD.match(path)):
                return self._add(m.group(1), body)
            if method == "POST" and (m := _DISABLE.match(path)):
                return self._disable(m.group(1), int(m.group(2)))
            return _error(404, f"no route for {method} {path}")

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return  # keep test output clean

            def _serve(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else {}
                server.headers.append({k.lower(): v for k, v in self.headers.items()})
                status, out = server._route(method, self.path.split("?", 1)[0], body)
                data = json.dumps(out).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._serve("GET")

            def do_POST(self) -> None:
                self._serve("POST")

        return Handler


def _version_json(secret: str, number: int, v: _Version) -> dict[str, Any]:
    return {"name": f"{secret}/versions/{number}", "state": v.state,
            "createTime": dt.datetime.now(dt.UTC).isoformat().replace("+00:00", "Z")}


def _error(code: int, message: str, status: str | None = None) -> tuple[int, dict[str, Any]]:
    return code, {"error": {"code": code, "message": message,
                            "status": status or _STATUS.get(code, "UNKNOWN")}}
