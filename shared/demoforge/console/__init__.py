"""The CE console: one static web page the api serves at ``GET /``.

Plain HTML, CSS and vanilla JavaScript shipped as package data next to this file (no
build step, no CDN, no framework), so the function zip that carries the api carries the
page too. The page only talks to the api's own JSON routes (same origin), which is why it
works unchanged at ``http://localhost:8080/`` under ``demoforge up`` and through
``gcloud run services proxy`` in the cloud, where the proxy adds the caller's identity
token and the api keeps its private invoker.

Only the files named in ``ASSETS`` are served: the name is looked up, never joined into a
path, so no request can read anything else from the package.
"""

from __future__ import annotations

from importlib import resources

from demoforge.domain.errors import NotFound

INDEX = "index.html"

# File name -> Content-Type. The page's own files, nothing else.
ASSETS: dict[str, str] = {
    INDEX: "text/html; charset=utf-8",
    "console.css": "text/css; charset=utf-8",
    "console.js": "text/javascript; charset=utf-8",
    "icon.svg": "image/svg+xml",
}

# Everything from our own origin, nothing inline (no inline script, style or handlers),
# no framing, no plugins. ``connect-src 'self'`` is what the page's fetch() calls need.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def asset(name: str) -> tuple[bytes, str]:
    """The bytes and Content-Type of one console file; ``NotFound`` for any other name."""
    ctype = ASSETS.get(name)
    if ctype is None:
        raise NotFound(f"console asset {name[:64]!r} not found")
    return resources.files(__name__).joinpath(name).read_bytes(), ctype
