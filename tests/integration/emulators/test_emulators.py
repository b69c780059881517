"""The emulator helpers ``demoforge up`` and the fixtures rely on: clear errors when the
SDK is missing, push subscriptions that deliver the standard envelope, and ``stop()``
ending the whole process tree (the SDK wrapper is bash; the emulator is its Java child)."""

from __future__ import annotations

import base64
import http.server
import json
import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from demoforge.devtools import emulators
from demoforge.devtools.emulators import Emulator, EmulatorNotFound
from demoforge.domain.job import Phase, PhaseMessage
from demoforge.settings import Settings
from tests.support.emulator_fixtures import EMULATOR_PROJECT

pytestmark = pytest.mark.integration


def test_missing_sdk_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EmulatorNotFound, match="emulators not found at .*install the Google Cloud CLI"):
        emulators.start_firestore(sdk_root=tmp_path)
    with pytest.raises(EmulatorNotFound, match=str(tmp_path)):
        emulators.start_pubsub(sdk_root=tmp_path)
    assert emulators.emulators_available(tmp_path) is not None


def test_missing_java_is_a_clear_error() -> None:
    with pytest.raises(EmulatorNotFound, match="java not found"):
        emulators.find_java({"PATH": "/nonexistent"})


@pytest.fixture
def push_receiver() -> Iterator[tuple[str, queue.Queue[dict[str, Any]]]]:
    """A loopback endpoint that records push deliveries and acks them with 204."""
    got: queue.Queue[dict[str, Any]] = queue.Queue()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            n = int(self.headers.get("Content-Length") or 0)
            got.put({"path": self.path, "body": json.loads(self.rfile.read(n))})
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", got
    finally:
        server.shutdown()
        server.server_close()


def test_push_subscription_delivers_envelope(
    fresh_pubsub: Emulator, push_receiver: tuple[str, queue.Queue[dict[str, Any]]]
) -> None:
    from demoforge.adapters.pubsub_bus import PubSubBus

    base, got = push_receiver
    emulators.create_topics(fresh_pubsub, EMULATOR_PROJECT, [Phase.WAREHOUSE.topic])
    sub = emulators.create_push_subscription(
        fresh_pubsub, EMULATOR_PROJECT, Phase.WAREHOUSE.topic, base + "/stale")
    # Creating it again (a re-run `demoforge up`) repoints the endpoint instead of failing.
    assert emulators.create_push_subscription(
        fresh_pubsub, EMULATOR_PROJECT, Phase.WAREHOUSE.topic, base + "/warehouse") == sub

    bus = PubSubBus(Settings(project=EMULATOR_PROJECT, pubsub_emulator_host=fresh_pubsub.host))
    mid = bus.publish(PhaseMessage(job_id="job-p", phase=Phase.WAREHOUSE))
    delivery = got.get(timeout=15)
    assert delivery["path"] == "/warehouse"
    envelope = delivery["body"]
    assert envelope["subscription"] == sub
    assert envelope["message"]["messageId"] == mid
    assert json.loads(base64.b64decode(envelope["message"]["data"])) == {
        "job_id": "job-p", "phase": "warehouse"}
    assert envelope["message"]["attributes"] == {"job_id": "job-p", "phase": "warehouse"}


def test_stop_ends_the_whole_process_group(tmp_path: Path) -> None:
    if (reason := emulators.emulators_available()) is not None:
        pytest.skip(f"Google Cloud emulators unavailable: {reason}")
    # Firestore's launcher is a bash script that runs Java as a child (not exec), the case
    # where killing only the started pid would leak a JVM.
    emu = emulators.start_firestore(EMULATOR_PROJECT, log_dir=tmp_path)
    try:
        members = emulators._group_members(emu.pid)
        assert len(members) >= 2, members
        cmdlines = [Path(f"/proc/{p}/cmdline").read_bytes() for p in members]
        assert any(b"java" in c for c in cmdlines)
    finally:
        emu.stop()
    assert emulators._group_members(emu.pid) == []
    assert not emu.running()
    # Gone, or a zombie waiting for a (container) init to reap it: either way not running.
    for pid in members:
        stat = Path(f"/proc/{pid}/stat")
        assert not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] == "Z"
