"""Builds the deployable Cloud Functions source zips (used by ``demoforge package``).

One zip per ``functions/<name>/`` folder, each holding:

- the folder's files (``main.py`` defines the entry point),
- the whole ``demoforge`` package from ``shared/`` (so ``import demoforge`` works on the
  platform without publishing the package anywhere),
- ``requirements.txt``: only the distributions that function can import (derived from its
  import graph by ``demoforge.devtools.function_needs``) and what they depend on, pinned
  from ``uv.lock`` (``uv export --frozen --prune`` of every other dependency), so the cloud
  build installs exactly the versions the tests ran against and nothing the function
  never loads.

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
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from demoforge.devtools.function_needs import (
    DEV_ONLY_PACKAGES,
    PACKAGE,
    NeedsError,
    RepoCode,
    function_needs,
)
from demoforge.devtools.importgraph import ImportGraphError, normalize
from demoforge.devtools.uvlock import Lock, LockError, read_declared

# Zip timestamps are fixed so the bytes depend on content only (1980-01-01 is the zip epoch).
_EPOCH = (1980, 1, 1, 0, 0, 0)
_FILE_MODE = 0o100644 << 16
_SKIP_DIRS = frozenset({"__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache"})
_SKIP_SUFFIXES = (".pyc", ".pyo", ".duckdb", ".duckdb.wal", ".sqlite")
_SKIP_NAMES = frozenset({".DS_Store"})
# Developer-only parts of the package (local stack, emulators, samples, the CLI) never run
# in a Cloud Function: leaving them out keeps the zips small and the deployed surface honest.
DEV_ONLY = tuple(
    p.removeprefix(f"{PACKAGE}.").replace(".", "/") + "/" for p in DEV_ONLY_PACKAGES
)

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
    requirements: str

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


def _uv_export(repo_root: Path, uv: str, extra: Sequence[str] = ()) -> list[str]:
    if shutil.which(uv) is None:
        raise PackagingError(f"{uv!r} not found on PATH: install uv to export requirements")
    if not (repo_root / "uv.lock").is_file():
        raise PackagingError(f"no uv.lock in {repo_root}")
    proc = subprocess.run(
        [uv, *UV_EXPORT_ARGS, *extra], cwd=repo_root, capture_output=True, text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise PackagingError(f"uv export failed: {proc.stderr.strip()}")
    return [ln for ln in proc.stdout.splitlines() if ln.strip() and not ln.startswith("#")]


def requirement_line_name(line: str) -> str:
    """``numpy==2.4.6 ; python_full_version < '3.12'`` -> ``numpy``."""
    return normalize(line.split("==", 1)[0].split(";", 1)[0].split("[", 1)[0].strip())


def export_requirements(
    repo_root: Path, distributions: Iterable[str] | None = None, uv: str = "uv"
) -> str:
    """Runtime dependencies pinned exactly as in ``uv.lock`` (no dev tools, no hashes: the
    Cloud Functions builder resolves wheels for its own platform). With ``distributions``,
    only those and what they need: every other project dependency is pruned, so uv writes
    the environment markers of the smaller graph."""
    if distributions is None:
        lines = _uv_export(repo_root, uv)
    else:
        wanted = {normalize(d) for d in distributions}
        try:
            project = read_declared(repo_root / "pyproject.toml").project
            lock = Lock.read(repo_root / "uv.lock", project)
            needed = lock.closure(d for d in lock.direct() if d.name in wanted)
        except LockError as e:
            raise PackagingError(str(e)) from e
        direct = {d.name for d in lock.direct()}
        unlocked = sorted(wanted - direct)
        if unlocked:
            raise PackagingError(
                f"{unlocked} are not dependencies of {project} in uv.lock: declare them in "
                "pyproject.toml [project].dependencies and run `uv lock`"
            )
        prune = sorted(direct - needed)
        lines = _uv_export(repo_root, uv, [a for p in prune for a in ("--prune", p)])
        exported = {requirement_line_name(ln) for ln in lines}
        if exported != needed:
            raise PackagingError(
                "uv export and uv.lock disagree on the closure of "
                f"{sorted(wanted)}: only uv {sorted(exported - needed)}, "
                f"only lock {sorted(needed - exported)}"
            )
    if not any(requirement_line_name(ln) == "functions-framework" for ln in lines):
        raise PackagingError("uv.lock export lacks functions-framework: the runtime needs it")
    return "\n".join(lines) + "\n"


def function_requirements(
    repo_root: Path, names: Sequence[str], uv: str = "uv"
) -> dict[str, str]:
    """Each function's own ``requirements.txt``: the distributions its code can import
    (``function_needs``), closed over ``uv.lock``."""
    try:
        declared = read_declared(repo_root / "pyproject.toml").runtime
        code = RepoCode(repo_root)
        out: dict[str, str] = {}
        for name in names:
            needs = function_needs(name, code)
            undeclared = sorted(needs.distributions - declared)
            if undeclared:
                raise PackagingError(
                    f"functions/{name} imports {undeclared}, which pyproject.toml "
                    "[project].dependencies does not declare"
                )
            out[name] = export_requirements(repo_root, needs.distributions, uv)
    except (NeedsError, ImportGraphError, LockError) as e:
        raise PackagingError(str(e)) from e
    return out


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
        size=path.stat().st_size, requirements=requirements,
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
    requirements: Mapping[str, str] | None = None,
) -> list[FunctionZip]:
    """Build every function's zip into ``out_dir`` and write ``manifest.json``.
    ``requirements`` (function -> requirements.txt text) replaces the derivation from the
    code and ``uv.lock``."""
    available = discover_functions(repo_root)
    wanted = list(names) if names else available
    if not wanted:
        raise PackagingError(f"no functions/<name>/main.py under {repo_root}")
    missing = sorted(set(wanted) - set(available))
    if missing:
        raise PackagingError(f"unknown function(s) {missing}; available: {available}")
    if requirements is None:
        reqs = function_requirements(repo_root, wanted)
    else:
        lacking = sorted(set(wanted) - set(requirements))
        if lacking:
            raise PackagingError(f"no requirements given for {lacking}")
        reqs = dict(requirements)
    out_dir.mkdir(parents=True, exist_ok=True)
    _clear_previous(out_dir, wanted)
    zips = [build_zip(n, repo_root, reqs[n], out_dir) for n in wanted]
    manifest = {
        "functions": {
            z.name: {
                "zip": z.path.name, "sha256": z.sha256, "entry_point": z.entry_point,
                "requirements_sha256": hashlib.sha256(z.requirements.encode()).hexdigest(),
            }
            for z in zips
        },
    }
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return zips
