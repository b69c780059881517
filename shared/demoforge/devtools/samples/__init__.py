"""Sample prospect websites shipped with Demoforge (our own HTML), so a new user without
internet access sees a full run: ``demoforge run --sample NAME`` serves one on loopback."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).parent


def names() -> list[str]:
    return sorted(p.name for p in ROOT.iterdir() if (p / "index.html").is_file())


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        # Keep the CLI output clean: the sample server is an implementation detail.
        return


@contextlib.contextmanager
def serve(name: str) -> Iterator[str]:
    """Serve sample ``name`` on an ephemeral loopback port; yields its home page URL."""
    if name not in names():
        raise KeyError(name)
    with serve_dir(ROOT / name) as url:
        yield url


@contextlib.contextmanager
def serve_dir(folder: Path) -> Iterator[str]:
    """Serve ``folder`` as a static site on an ephemeral loopback port."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name=f"site-{folder.name}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
