"""Start, stop and administer the official Firestore and Pub/Sub emulators.

Used by ``demoforge up`` (the local stack) and by the integration/e2e test fixtures. The
emulators are the ones shipped with the machine's Google Cloud CLI
(``<sdk>/platform/cloud-firestore-emulator`` and ``<sdk>/platform/pubsub-emulator``); both are
Java programs started through a shell wrapper. Each emulator runs in its own process group
so ``stop()`` ends exactly what was started, Java child included, and nothing else.

Admin operations (reset, topics, subscriptions, pulling test messages) use the emulators'
plain HTTP/JSON endpoints with httpx, so this module needs no cloud SDK.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx

DEFAULT_SDK_ROOTS: tuple[Path, ...] = (
    Path("/usr/lib/google-cloud-sdk"),
    Path("/usr/share/google-cloud-sdk"),
    Path("/opt/google-cloud-sdk"),
    Path("/google-cloud-sdk"),
)
FIRESTORE_REL = Path("platform/cloud-firestore-emulator/cloud_firestore_emulator")
PUBSUB_REL = Path("platform/pubsub-emulator/bin/cloud-pubsub-emulator")

_INSTALL_HINT = (
    "install the Google Cloud CLI components: `gcloud components install "
    "cloud-firestore-emulator pubsub-emulator` (or the Debian packages "
    "google-cloud-cli-firestore-emulator and google-cloud-cli-pubsub-emulator), plus Java 11+"
)


class EmulatorNotFound(RuntimeError):
    """The emulator binaries (or Java) are not installed on this machine."""


class EmulatorFailed(RuntimeError):
    """The emulator process started but did not become ready (see its log)."""


def _candidate_roots(sdk_root: Path | str | None) -> list[Path]:
    if sdk_root is not None:
        return [Path(sdk_root)]
    roots = list(DEFAULT_SDK_ROOTS)
    gcloud = shutil.which("gcloud")
    if gcloud:
        # <sdk>/bin/gcloud, possibly behind a symlink from /usr/bin.
        roots.insert(0, Path(gcloud).resolve().parent.parent)
    roots.append(Path.home() / "google-cloud-sdk")
    return roots


def find_binary(rel: Path, sdk_root: Path | str | None = None) -> Path:
    """Locate an emulator launcher under the Google Cloud SDK, or raise ``EmulatorNotFound``."""
    roots = _candidate_roots(sdk_root)
    for root in roots:
        p = root / rel
        if p.is_file():
            return p
    searched = ", ".join(str(r / rel) for r in roots)
    raise EmulatorNotFound(f"emulators not found at {searched}; {_INSTALL_HINT}")


def find_java(env: Mapping[str, str] | None = None) -> str:
    # The SDK wrappers run ${JAVA:-java}; mirror that lookup so the error is ours, not bash's.
    java = (env or {}).get("JAVA") or shutil.which("java", path=(env or {}).get("PATH"))
    if not java:
        raise EmulatorNotFound(f"java not found on PATH: the emulators are Java programs; {_INSTALL_HINT}")
    return java


def emulators_available(sdk_root: Path | str | None = None) -> str | None:
    """None when both emulators and Java are present, else the reason they cannot run."""
    try:
        find_binary(FIRESTORE_REL, sdk_root)
        find_binary(PUBSUB_REL, sdk_root)
        find_java()
    except EmulatorNotFound as e:
        return str(e)
    return None


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def _group_members(pgid: int) -> list[int]:
    """Live (non-zombie) processes in a process group, read from /proc (Linux)."""
    members: list[int] = []
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            os.killpg(pgid, 0)
        except (ProcessLookupError, PermissionError):
            return []
        return [pgid]
    for d in proc.iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue  # the process ended while we were looking
        # Format: pid (comm) state ppid pgrp ...; comm may contain spaces, so split after ')'.
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) >= 3 and int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(d.name))
    return members


def stop_group(pgid: int, timeout_s: float = 10.0, proc: subprocess.Popen[bytes] | None = None) -> None:
    """SIGTERM the process group ``pgid`` (which we created), then SIGKILL what is left.

    The SDK wrappers are bash scripts that start Java as a child, so killing only the
    wrapper's pid would leave the JVM running: we always signal the whole group.
    ``demoforge down`` can call this with a pgid it saved when it started the emulator.
    """

    def reap() -> None:
        if proc is not None:
            proc.poll()

    for sig, wait_s in ((signal.SIGTERM, timeout_s), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            reap()
            return
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            reap()
            if not _group_members(pgid):
                return
            time.sleep(0.05)
    reap()


@dataclasses.dataclass
class Emulator:
    """A running emulator. ``host`` is ``127.0.0.1:PORT`` (the *_EMULATOR_HOST format)."""

    kind: str  # "firestore" | "pubsub"
    host: str
    project: str
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def pid(self) -> int:
        """Also the process group id (the process is started in its own session)."""
        return self.process.pid

    @property
    def url(self) -> str:
        return f"http://{self.host}"

    @property
    def env(self) -> dict[str, str]:
        """The environment variable a client (or ``Settings.from_env``) reads."""
        name = "FIRESTORE_EMULATOR_HOST" if self.kind == "firestore" else "PUBSUB_EMULATOR_HOST"
        return {name: self.host}

    def running(self) -> bool:
        return self.process.poll() is None

    def log_tail(self, chars: int = 2000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self, timeout_s: float = 10.0) -> None:
        stop_group(self.process.pid, timeout_s, self.process)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=1)

    def __enter__(self) -> Emulator:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _wait_ready(emu: Emulator, timeout_s: float) -> None:
    # Both emulators answer "Ok" on GET / once they accept requests.
    deadline = time.monotonic() + timeout_s
    with httpx.Client(timeout=2.0) as http:
        while time.monotonic() < deadline:
            if not emu.running():
                raise EmulatorFailed(
                    f"{emu.kind} emulator exited with code {emu.process.returncode} before it was "
                    f"ready; log {emu.log_path}:\n{emu.log_tail()}"
                )
            try:
                if http.get(emu.url + "/").status_code == 200:
                    return
            except httpx.TransportError:
                pass  # not listening yet
            time.sleep(0.1)
    raise EmulatorFailed(
        f"{emu.kind} emulator not ready on {emu.host} after {timeout_s:.0f}s; "
        f"log {emu.log_path}:\n{emu.log_tail()}"
    )


def _start(
    kind: str,
    cmd_for_port: Any,
    project: str,
    *,
    port: int | None,
    log_dir: Path | str | None,
    env: Mapping[str, str] | None,
    timeout_s: float,
) -> Emulator:
    run_env = dict(os.environ if env is None else env)
    find_java(run_env)
    logs = Path(log_dir) if log_dir is not None else Path(tempfile.mkdtemp(prefix="demoforge-emu-"))
    logs.mkdir(parents=True, exist_ok=True)
    # A port picked by free_port() can be taken by someone else before the JVM binds it;
    # retry with a fresh port in that (rare) case, unless the caller asked for a port.
    attempts = 1 if port is not None else 3
    last: EmulatorFailed | None = None
    for _ in range(attempts):
        p = port if port is not None else free_port()
        log_path = logs / f"{kind}-{p}.log"
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                [str(a) for a in cmd_for_port(p)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=run_env,
                start_new_session=True,  # own process group: stop() kills exactly this tree
            )
        emu = Emulator(kind, f"127.0.0.1:{p}", project, proc, log_path)
        try:
            _wait_ready(emu, timeout_s)
            return emu
        except EmulatorFailed as e:
            emu.stop()
            last = e
        except BaseException:
            emu.stop()
            raise
    assert last is not None
    raise last


def start_firestore(
    project: str = "demoforge-local",
    *,
    port: int | None = None,
    sdk_root: Path | str | None = None,
    log_dir: Path | str | None = None,
    env: Mapping[str, str] | None = None,
    timeout_s: float = 60.0,
    import_data: Path | None = None,
) -> Emulator:
    """Start the Firestore emulator (native mode) on 127.0.0.1 and wait until it answers;
    ``import_data`` is an export's ``.overall_export_metadata`` file to start from."""
    binary = find_binary(FIRESTORE_REL, sdk_root)
    extra = [f"--import-data={import_data}"] if import_data is not None else []
    return _start(
        "firestore",
        lambda p: [binary, "start", "--host=127.0.0.1", f"--port={p}",
                   "--database-mode=firestore-native", *extra],
        project, port=port, log_dir=log_dir, env=env, timeout_s=timeout_s,
    )


EXPORT_METADATA = "*.overall_export_metadata"


def latest_export(directory: Path) -> Path | None:
    """The newest Firestore emulator export's metadata file under ``directory``, if any."""
    found = sorted(directory.rglob(EXPORT_METADATA), key=lambda p: p.stat().st_mtime)
    return found[-1] if found else None


def export_firestore(host: str, project: str, directory: Path, database: str = "(default)") -> Path:
    """Export every document of the emulator at ``host`` into ``directory`` (replacing
    what an earlier export left there) and return the export's metadata file, which
    ``start_firestore(import_data=...)`` starts from. The emulator's own
    ``--export-on-exit`` does not run when its process group is sent SIGTERM, so ``down``
    exports through the emulator's HTTP admin endpoint before stopping it."""
    staging = directory.with_name(directory.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    _check(httpx.post(f"http://{host}/emulator/v1/projects/{project}:export",
                      json={"database": f"projects/{project}/databases/{database}",
                            "export_directory": str(staging)}, timeout=120),
           "firestore export")
    shutil.rmtree(directory, ignore_errors=True)
    staging.rename(directory)
    meta = latest_export(directory)
    if meta is None:
        raise EmulatorFailed(f"firestore export wrote no {EXPORT_METADATA} under {directory}")
    return meta


def start_pubsub(
    project: str = "demoforge-local",
    *,
    port: int | None = None,
    sdk_root: Path | str | None = None,
    log_dir: Path | str | None = None,
    env: Mapping[str, str] | None = None,
    timeout_s: float = 60.0,
) -> Emulator:
    """Start the Pub/Sub emulator on 127.0.0.1 and wait until it answers."""
    binary = find_binary(PUBSUB_REL, sdk_root)
    return _start(
        "pubsub",
        lambda p: [binary, "--host=127.0.0.1", f"--port={p}"],
        project, port=port, log_dir=log_dir, env=env, timeout_s=timeout_s,
    )


# --- admin helpers (plain HTTP) -------------------------------------------------------------


def _check(resp: httpx.Response, what: str, ok_conflict: bool = False) -> httpx.Response:
    if resp.status_code == 409 and ok_conflict:
        return resp
    if resp.status_code >= 400:
        raise RuntimeError(f"{what} failed: HTTP {resp.status_code} {resp.text[:500]}")
    return resp


def reset_firestore(emu: Emulator, project: str | None = None, database: str = "(default)") -> None:
    """Delete every document of the project's database (fast; keeps the emulator running)."""
    url = (f"{emu.url}/emulator/v1/projects/{project or emu.project}"
           f"/databases/{database}/documents")
    _check(httpx.delete(url, timeout=30), "firestore reset")


def reset_pubsub(emu: Emulator) -> None:
    """Drop every topic, subscription and message in the Pub/Sub emulator."""
    _check(httpx.post(f"{emu.url}/reset", timeout=30), "pubsub reset")


def topic_path(project: str, topic: str) -> str:
    return f"projects/{project}/topics/{topic}"


def subscription_path(project: str, subscription: str) -> str:
    return f"projects/{project}/subscriptions/{subscription}"


def create_topics(emu: Emulator, project: str | None, topics: Iterable[str]) -> list[str]:
    """Create topics (existing ones are fine); returns their full paths."""
    proj = project or emu.project
    paths = []
    with httpx.Client(base_url=emu.url, timeout=30) as http:
        for t in topics:
            path = topic_path(proj, t)
            _check(http.put(f"/v1/{path}"), f"create topic {path}", ok_conflict=True)
            paths.append(path)
    return paths


def _create_subscription(
    emu: Emulator, project: str, topic: str, name: str, body: dict[str, Any]
) -> str:
    path = subscription_path(project, name)
    body = {"topic": topic_path(project, topic), **body}
    with httpx.Client(base_url=emu.url, timeout=30) as http:
        resp = _check(http.put(f"/v1/{path}", json=body), f"create subscription {path}",
                      ok_conflict=True)
        if resp.status_code == 409 and "pushConfig" in body:
            # Re-running `demoforge up` against a live emulator: point the push endpoint
            # at the (possibly new) function port instead of keeping a stale one.
            _check(http.post(f"/v1/{path}:modifyPushConfig",
                             json={"pushConfig": body["pushConfig"]}),
                   f"modify push config of {path}")
    return path


def create_push_subscription(
    emu: Emulator,
    project: str | None,
    topic: str,
    endpoint: str,
    *,
    name: str | None = None,
    ack_deadline_s: int = 600,
    push_config: Mapping[str, Any] | None = None,
) -> str:
    """A push subscription delivering ``topic`` to ``endpoint`` (e.g. a function under
    functions-framework). Name defaults to ``<topic>-push``. Returns the subscription path.

    The emulator POSTs the standard push envelope ``{"message": {...}, "subscription": ...}``;
    a non-2xx answer makes it redeliver, like the real service.
    """
    cfg: dict[str, Any] = {"pushEndpoint": endpoint, **(push_config or {})}
    return _create_subscription(
        emu, project or emu.project, topic, name or f"{topic}-push",
        {"pushConfig": cfg, "ackDeadlineSeconds": ack_deadline_s},
    )


def create_pull_subscription(
    emu: Emulator, project: str | None, topic: str, *, name: str | None = None,
    ack_deadline_s: int = 60,
) -> str:
    """A pull subscription (tests read what was published with ``pull``)."""
    return _create_subscription(
        emu, project or emu.project, topic, name or f"{topic}-pull",
        {"ackDeadlineSeconds": ack_deadline_s},
    )


@dataclasses.dataclass(frozen=True)
class PulledMessage:
    message_id: str
    data: bytes
    attributes: dict[str, str]


def pull(
    emu: Emulator, subscription: str, *, max_messages: int = 100, timeout_s: float = 10.0,
    expect: int = 1,
) -> list[PulledMessage]:
    """Pull and ack messages from a pull subscription path until ``expect`` messages
    arrived or ``timeout_s`` passed. Returns what was received."""
    got: list[PulledMessage] = []
    deadline = time.monotonic() + timeout_s
    with httpx.Client(base_url=emu.url, timeout=30) as http:
        while len(got) < expect and time.monotonic() < deadline:
            resp = _check(
                http.post(f"/v1/{subscription}:pull",
                          json={"maxMessages": max_messages, "returnImmediately": True}),
                f"pull {subscription}",
            )
            received: Sequence[dict[str, Any]] = resp.json().get("receivedMessages", [])
            if not received:
                time.sleep(0.1)
                continue
            for r in received:
                m = r["message"]
                got.append(PulledMessage(
                    message_id=str(m.get("messageId", "")),
                    data=base64.b64decode(m.get("data", "")),
                    attributes=dict(m.get("attributes", {})),
                ))
            _check(http.post(f"/v1/{subscription}:acknowledge",
                             json={"ackIds": [r["ackId"] for r in received]}),
                   f"ack {subscription}")
    return got


def port_taken(port: int, host: str = "127.0.0.1") -> bool:
    """Something already listens on (or holds) ``host:port``: binding it fails."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError:
            return True
    return False
