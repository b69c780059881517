"""Builds the deployable Cloud Functions source zips (used by ``demoforge package``).

One zip per ``functions/<name>/`` folder, each holding:

- the folder's files (``main.py`` defines the entry point),
- the whole ``demoforge`` package from ``shared/`` (so ``import demoforge`` works on the
  platform without publishing the package anywhere),
- ``requirements.txt`` pinned from ``uv.lock`` (``uv export --frozen``), so the cloud build
  installs exactly the versions the tests ran against.

Zips are deterministic (sorted entries, fixed timestamps and permissions, no caches), and
are named by a hash of their content: the same code gives the same file name, changed code
gives a new object name in the source bucket, which is what makes Terraform redeploy the
function. ``manifest.json`` next to the zips maps each function to its zip; Terraform reads it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import subprocess
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

# Zip timestamps are fixed so the bytes depend on content only (1980-01-01 is the zip epoch).
_EPOCH = (1980, 1, 1, 0, 0, 0)
_FILE_MODE = 0o100644 << 16
_SKIP_DIRS = frozenset({"__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache"})
_SKIP_SUFFIXES = (".pyc", ".pyo", ".duckdb", ".duckdb.wal", ".sqlite")
_SKIP_NAMES = frozenset({".DS_Store"})
# Developer-only parts of the package (local stack, emulators, samples, the CLI) never run
# in a Cloud Function: leaving them out keeps the zips small and the deployed surface honest.
DEV_ONLY = ("devtools/", "entrypoints/cli/")

# The HTTP function is called ``api`` and exposes ``api``; every phase function exposes
# ``handle`` (a Pub/Sub CloudEvent handler). Terraform's test checks the same mapping.
HTTP_FUNCTION = "api"
PHASE_ENTRY_POINT = "handle"

UV_EXPORT_ARGS = (
    "export", "--frozen", "--no-dev", "--no-hashes", "--no-emit-project",
    "--no-header", "--no-annotate",
)

MANIFEST = "manifest.json"


class PackagingError(RuntimeError):
    """Packaging cannot proceed (missing folder, missing uv, bad layout); message says why."""


@dataclasses.dataclass(frozen=True)
class FunctionZip:
    name: str
    entry_point: str
    path: Path
    sha256: str  # content hash (entry names + bytes), also the zip's name suffix
    size: int

    @property
    def object_name(self) -> str:
        return self.path.name


def entry_point_for(name: str) -> str:
    return HTTP_FUNCTION if name == HTTP_FUNCTION else PHASE_ENTRY_POINT


def repo_root_default() -> Path:
    """The checkout this package was imported from (``shared/demoforge`` -> repo root)."""
    return Path(__file__).resolve().parents[3]


def discover_functions(repo_root: Path) -> list[str]:
    """Every ``functions/<name>/`` folder that has a ``main.py``, sorted."""
    base = repo_root / "functions"
    if not base.is_dir():
        raise PackagingError(f"no functions/ folder under {repo_root}")
    return sorted(p.parent.name for p in base.glob("*/main.py"))


def export_requirements(repo_root: Path, uv: str = "uv") -> str:
    """The runtime dependencies, pinned exactly as in ``uv.lock`` (no dev tools, no hashes:
    the Cloud Functions builder resolves wheels for its own platform)."""
    if shutil.which(uv) is None:
        raise PackagingError(f"{uv!r} not found on PATH: install uv to export requirements")
    if not (repo_root / "uv.lock").is_file():
        raise PackagingError(f"no uv.lock in {repo_root}")
    proc = subprocess.run(
        [uv, *UV_EXPORT_ARGS], cwd=repo_root, capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise PackagingError(f"uv export failed: {proc.stderr.strip()}")
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip() and not ln.startswith("#")]
    if not any(ln.lower().startswith("functions-framework==") for ln in lines):
        raise PackagingError("uv.lock export lacks functions-framework: the runtime needs it")
    return "\n".join(lines) + "\n"


def _wanted(path: Path, root: Path) -> bool:
    rel = path.relative_to(root)
    if any(part in _SKIP_DIRS for part in rel.parts[:-1]):
        return False
    return path.name not in _SKIP_NAMES and not path.name.endswith(_SKIP_SUFFIXES)


def _tree(root: Path, prefix: str) -> dict[str, bytes]:
    return {
        f"{prefix}{p.relative_to(root).as_posix()}": p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and _wanted(p, root)
    }


def collect_entries(name: str, repo_root: Path, requirements: str) -> dict[str, bytes]:
    """The files of one function zip, keyed by their path inside the zip."""
    fn_dir = repo_root / "functions" / name
    if not (fn_dir / "main.py").is_file():
        raise PackagingError(f"functions/{name}/main.py does not exist")
    pkg = repo_root / "shared" / "demoforge"
    if not (pkg / "__init__.py").is_file():
        raise PackagingError(f"no demoforge package at {pkg}")
    entries = _tree(fn_dir, "")
    clash = {"requirements.txt"} | {k for k in entries if k.startswith("demoforge/")}
    clash &= set(entries)
    if clash:
        raise PackagingError(
            f"functions/{name}/ must not contain {sorted(clash)}: packaging generates them"
        )
    entries.update({k: v for k, v in _tree(pkg, "demoforge/").items()
                    if not k.removeprefix("demoforge/").startswith(DEV_ONLY)})
    entries["requirements.txt"] = requirements.encode()
    return entries


def content_hash(entries: dict[str, bytes]) -> str:
    """sha256 over sorted (name, bytes) pairs: independent of zlib version or file mtimes."""
    h = hashlib.sha256()
    for key in sorted(entries):
        data = entries[key]
        h.update(key.encode())
        h.update(b"\0")
        h.update(str(len(data)).encode())
        h.update(b"\0")
        h.update(data)
    return h.hexdigest()


def write_zip(path: Path, entries: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for key in sorted(entries):
            info = zipfile.ZipInfo(key, date_time=_EPOCH)
            info.external_attr = _FILE_MODE
            info.create_system = 3  # unix, so the mode bits above are honoured
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, entries[key], compresslevel=9)


def build_zip(name: str, repo_root: Path, requirements: str, out_dir: Path) -> FunctionZip:
    entries = collect_entries(name, repo_root, requirements)
    digest = content_hash(entries)
    path = out_dir / f"{name}-{digest[:16]}.zip"
    write_zip(path, entries)
    return FunctionZip(
        name=name, entry_point=entry_point_for(name), path=path, sha256=digest,
        size=path.stat().st_size,
    )


def _clear_previous(out_dir: Path, names: Iterable[str]) -> None:
    """Remove zips an earlier run left for these functions, so the folder (which Terraform
    reads through the manifest) holds exactly one zip per function."""
    for name in names:
        for old in out_dir.glob(f"{name}-*.zip"):
            old.unlink()


def package_all(
    repo_root: Path,
    out_dir: Path,
    names: Sequence[str] | None = None,
    *,
    requirements: str | None = None,
) -> list[FunctionZip]:
    """Build every function's zip into ``out_dir`` and write ``manifest.json``."""
    available = discover_functions(repo_root)
    wanted = list(names) if names else available
    if not wanted:
        raise PackagingError(f"no functions/<name>/main.py under {repo_root}")
    missing = sorted(set(wanted) - set(available))
    if missing:
        raise PackagingError(f"unknown function(s) {missing}; available: {available}")
    reqs = requirements if requirements is not None else export_requirements(repo_root)
    out_dir.mkdir(parents=True, exist_ok=True)
    _clear_previous(out_dir, wanted)
    zips = [build_zip(n, repo_root, reqs, out_dir) for n in wanted]
    manifest = {
        "requirements_sha256": hashlib.sha256(reqs.encode()).hexdigest(),
        "functions": {
            z.name: {"zip": z.path.name, "sha256": z.sha256, "entry_point": z.entry_point}
            for z in zips
        },
    }
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return zips
