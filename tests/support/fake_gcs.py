"""A tiny loopback server speaking the subset of the Cloud Storage JSON API that
``GcsArtifactStore`` uses, so the real ``google-cloud-storage`` client is tested on the
wire (``client_options={"api_endpoint": server.url}``, anonymous credentials):

- multipart upload ``POST /upload/storage/v1/b/{bucket}/o?uploadType=multipart``
- resumable upload ``POST ...?uploadType=resumable`` then ``PUT`` chunks (Content-Range)
- media download ``GET /download/storage/v1/b/{bucket}/o/{object}?alt=media``
- metadata ``GET``/``DELETE /storage/v1/b/{bucket}/o/{object}``
- list ``GET /storage/v1/b/{bucket}/o?prefix=&maxResults=&pageToken=``

Objects live in memory. ``fail_next`` makes the next N requests answer 503 (transient).
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import json
import threading
import urllib.parse
import uuid
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import google_crc32c


@dataclass
class StoredObject:
    data: bytes
    content_type: str
    generation: int


@dataclass
class _Upload:
    bucket: str
    name: str
    content_type: str
    data: bytearray = field(default_factory=bytearray)


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients closing keep-alive connections at shutdown are not errors worth printing.
        return


class FakeGcs:
    def __init__(self) -> None:
        self.objects: dict[tuple[str, str], StoredObject] = {}
        self.requests: list[tuple[str, str]] = []  # (method, path?query) in order
        self.fail_next = 0
        self._uploads: dict[str, _Upload] = {}
        self._generation = 0
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> FakeGcs:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeGcs:
        return self.start()

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    # --- object helpers ----------------------------------------------------------------

    def _store(self, bucket: str, name: str, data: bytes, content_type: str) -> dict[str, Any]:
        with self._lock:
            self._generation += 1
            obj = StoredObject(bytes(data), content_type, self._generation)
            self.objects[(bucket, name)] = obj
        return self._resource(bucket, name, obj)

    @staticmethod
    def _crc32c(data: bytes) -> str:
        return base64.b64encode(google_crc32c.value(data).to_bytes(4, "big")).decode()

    def _resource(self, bucket: str, name: str, obj: StoredObject) -> dict[str, Any]:
        return {
            "kind": "storage#object",
            "id": f"{bucket}/{name}/{obj.generation}",
            "bucket": bucket,
            "name": name,
            "generation": str(obj.generation),
            "metageneration": "1",
            "contentType": obj.content_type,
            "size": str(len(obj.data)),
            "md5Hash": base64.b64encode(hashlib.md5(obj.data).digest()).decode(),
            "crc32c": self._crc32c(obj.data),
        }

    # --- HTTP -------------------------------------------------------------------------

    def _handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                return  # keep test output quiet

            def _body(self) -> bytes:
                n = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(n) if n else b""

            def _send(self, status: int, body: bytes = b"", ctype: str = "application/json",
                      headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def _json(self, status: int, obj: Any, headers: dict[str, str] | None = None) -> None:
                self._send(status, json.dumps(obj).encode(), headers=headers)

            def _error(self, status: int, message: str) -> None:
                self._json(status, {"error": {"code": status, "message": message}})

            def _route(self, method: str) -> None:
                fake.requests.append((method, self.path))
                body = self._body()
                if fake.fail_next > 0:
                    fake.fail_next -= 1
                    self._error(503, "backend unavailable (injected)")
                    return
                url = urllib.parse.urlsplit(self.path)
                q = dict(urllib.parse.parse_qsl(url.query))
                parts = [urllib.parse.unquote(p) for p in url.path.split("/")]
                try:
                    self._dispatch(method, parts, q, body)
                except Exception as e:  # noqa: BLE001  (a bug here must show up as a 500)
                    self._error(500, f"fake gcs: {type(e).__name__}: {e}")

            def _dispatch(self, method: str, p: list[str], q: dict[str, str], body: bytes) -> None:
                # ['', 'upload', 'storage', 'v1', 'b', BUCKET, 'o']
                if p[1:5] == ["upload", "storage", "v1", "b"] and len(p) == 7 and p[6] == "o":
                    self._upload(method, p[5], q, body)
                elif p[1:5] == ["download", "storage", "v1", "b"] and len(p) >= 8 and method == "GET":
                    self._download(p[5], "/".join(p[7:]))
                elif p[1:4] == ["storage", "v1", "b"] and len(p) == 6 and p[5] == "o":
                    self._list(p[4], q)
                elif p[1:4] == ["storage", "v1", "b"] and len(p) >= 7 and p[5] == "o":
                    name = "/".join(p[6:])
                    if q.get("alt") == "media" and method == "GET":
                        self._download(p[4], name)
                    else:
                        self._object(method, p[4], name)
                else:
                    self._error(404, f"no route for {method} {self.path}")

            def _upload(self, method: str, bucket: str, q: dict[str, str], body: bytes) -> None:
                kind = q.get("uploadType")
                if method == "POST" and kind == "multipart":
                    meta, data, ctype = _parse_multipart(self.headers.get("Content-Type", ""), body)
                    self._json(200, fake._store(bucket, meta["name"], data,
                                                meta.get("contentType") or ctype))
                elif method == "POST" and kind == "resumable":
                    meta = json.loads(body or b"{}")
                    name = meta.get("name") or q["name"]
                    upload_id = uuid.uuid4().hex
                    fake._uploads[upload_id] = _Upload(
                        bucket, name, meta.get("contentType")
                        or self.headers.get("X-Upload-Content-Type") or "application/octet-stream")
                    loc = (f"{fake.url}/upload/storage/v1/b/{bucket}/o"
                           f"?uploadType=resumable&upload_id={upload_id}")
                    self._send(200, b"", headers={"Location": loc})
                elif method == "PUT" and kind == "resumable":
                    up = fake._uploads[q["upload_id"]]
                    up.data += body
                    # Content-Range: bytes 0-99/200  |  bytes */200  |  bytes 0-99/*
                    rng = self.headers.get("Content-Range", "")
                    total = rng.rsplit("/", 1)[-1] if "/" in rng else "*"
                    if total != "*" and len(up.data) >= int(total):
                        del fake._uploads[q["upload_id"]]
                        self._json(200, fake._store(up.bucket, up.name, bytes(up.data),
                                                    up.content_type))
                    else:
                        hdr = {"Range": f"bytes=0-{len(up.data) - 1}"} if up.data else {}
                        self._send(308, b"", headers=hdr)
                else:
                    self._error(400, f"unsupported upload {method} {kind}")

            def _download(self, bucket: str, name: str) -> None:
                obj = fake.objects.get((bucket, name))
                if obj is None:
                    self._error(404, f"No such object: {bucket}/{name}")
                    return
                self._send(200, obj.data, obj.content_type, headers={
                    "x-goog-hash": f"crc32c={fake._crc32c(obj.data)}",
                    "x-goog-generation": str(obj.generation),
                })

            def _object(self, method: str, bucket: str, name: str) -> None:
                obj = fake.objects.get((bucket, name))
                if obj is None:
                    self._error(404, f"No such object: {bucket}/{name}")
                elif method == "GET":
                    self._json(200, fake._resource(bucket, name, obj))
                elif method == "DELETE":
                    with fake._lock:
                        fake.objects.pop((bucket, name), None)
                    self._send(204)
                else:
                    self._error(405, f"{method} not supported on objects")

            def _list(self, bucket: str, q: dict[str, str]) -> None:
                prefix = q.get("prefix", "")
                names = sorted(n for (b, n) in list(fake.objects) if b == bucket and n.startswith(prefix))
                start = int(q.get("pageToken") or 0)
                size = int(q.get("maxResults") or 1000)
                page = names[start:start + size]
                out: dict[str, Any] = {
                    "kind": "storage#objects",
                    "items": [fake._resource(bucket, n, fake.objects[(bucket, n)]) for n in page
                              if (bucket, n) in fake.objects],
                }
                if start + size < len(names):
                    out["nextPageToken"] = str(start + size)
                self._json(200, out)

            def do_GET(self) -> None:
                self._route("GET")

            def do_POST(self) -> None:
                self._route("POST")

            def do_PUT(self) -> None:
                self._route("PUT")

            def do_DELETE(self) -> None:
                self._route("DELETE")

        return Handler


def _parse_multipart(content_type: str, body: bytes) -> tuple[dict[str, Any], bytes, str]:
    """Split a ``multipart/related`` upload into (metadata JSON, media bytes, media type)."""
    boundary = None
    for piece in content_type.split(";"):
        k, _, v = piece.strip().partition("=")
        if k == "boundary":
            boundary = v.strip('"')
    if not boundary:
        raise ValueError(f"no boundary in {content_type!r}")
    delim = b"--" + boundary.encode()
    parts = [p for p in body.split(delim) if p not in (b"", b"--", b"--\r\n", b"\r\n")]
    decoded: list[tuple[dict[str, str], bytes]] = []
    for part in parts:
        part = part.removeprefix(b"\r\n")
        head, _, content = part.partition(b"\r\n\r\n")
        headers = {}
        for line in head.decode().split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        decoded.append((headers, content.removesuffix(b"\r\n")))
    (_, meta_raw), (media_headers, media) = decoded[0], decoded[1]
    return json.loads(meta_raw), media, media_headers.get("content-type", "application/octet-stream")
