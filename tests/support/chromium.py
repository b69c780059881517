"""Open a page in headless Chromium and report what a person would see go wrong.

Speaks the DevTools protocol over a websocket (``websocket-client``): collects console
errors, uncaught exceptions, browser log errors (CSP violations, failed loads) and every
network request that is not ``file:``/``data:``, then evaluates a DOM probe. Chromium runs in
its own process group, which ``open_page`` ends (and only that) when done.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
    "--disable-default-apps", "--remote-debugging-port=0", "--remote-allow-origins=*",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclasses.dataclass
class PageReport:
    console_errors: list[str]
    exceptions: list[str]
    log_errors: list[str]
    external_requests: list[str]
    probe: Any


def open_page(url: str, probe_js: str, *, timeout_s: float = 60.0) -> PageReport:
    import websocket  # dev dependency

    exe = chromium_path()
    if exe is None:
        raise RuntimeError("chromium is not installed")
    profile = Path(tempfile.mkdtemp(prefix="demoforge-chromium-"))
    proc = subprocess.Popen(
        [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout_s
        while not (port_file.exists() and port_file.read_text().strip()):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"chromium did not start (exit {proc.returncode})")
            time.sleep(0.1)
        port = int(port_file.read_text().splitlines()[0])
        pages = [t for t in httpx.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
                 if t.get("type") == "page"]
        ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=timeout_s)
        try:
            return _drive(ws, url, probe_js, deadline)
        finally:
            ws.close()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        shutil.rmtree(profile, ignore_errors=True)


def _drive(ws: Any, url: str, probe_js: str, deadline: float) -> PageReport:
    next_id = 0
    report = PageReport([], [], [], [], None)

    def send(method: str, **params: Any) -> int:
        nonlocal next_id
        next_id += 1
        ws.send(json.dumps({"id": next_id, "method": method, "params": params}))
        return next_id

    def handle(msg: dict[str, Any]) -> None:
        m, p = msg.get("method"), msg.get("params", {})
        if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert", "warning"):
            report.console_errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
        elif m == "Runtime.exceptionThrown":
            report.exceptions.append(json.dumps(p.get("exceptionDetails", {}))[:500])
        elif m == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
            report.log_errors.append(p["entry"].get("text", ""))
        elif m == "Network.requestWillBeSent":
            req_url = p.get("request", {}).get("url", "")
            if not req_url.startswith(("file:", "data:", "about:")):
                report.external_requests.append(req_url)

    def wait_for(pred: Any) -> dict[str, Any]:
        while time.monotonic() < deadline:
            msg = json.loads(ws.recv())
            handle(msg)
            if pred(msg):
                return msg
        raise TimeoutError("chromium did not answer in time")

    for domain in ("Runtime", "Log", "Network", "Page"):
        rid = send(f"{domain}.enable")
        wait_for(lambda msg, rid=rid: msg.get("id") == rid)
    send("Page.navigate", url=url)
    wait_for(lambda msg: msg.get("method") == "Page.loadEventFired")
    time.sleep(0.3)  # late console messages
    rid = send("Runtime.evaluate", expression=probe_js, returnByValue=True)
    result = wait_for(lambda msg: msg.get("id") == rid)
    report.probe = result.get("result", {}).get("result", {}).get("value")
    return report
