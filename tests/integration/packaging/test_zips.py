"""Each function zip, unpacked alone into a clean venv holding ONLY its own
``requirements.txt``, imports its entry point fast and can load everything its code reaches.

Every zip has its own requirements (``demoforge.devtools.function_needs`` derives them from
the function's import graph). Each distinct set gets its own venv, built with ``uv pip
sync`` (exactly those packages, nothing else: no editable demoforge), offline from the uv
cache when possible, and reused across runs while the requirements are unchanged. Each zip
is unpacked into its own folder and loaded by ``functions_framework.create_app`` in a fresh
``python -I`` subprocess (``probe_import.py``), so ``demoforge`` can only come from the zip.

Proved per function, with only its own packages installed:
- the entry point loads and nothing heavy (cloud SDKs, anthropic, duckdb, pyarrow, numpy,
  ...) is imported at module load;
- every demoforge module of its import graph imports, and every third-party import those
  modules make (lazy ones inside functions included): a package missing from the zip's
  requirements would otherwise only break in production, on the first event;
- bootstrap builds each service the function uses (``FunctionRole.services``) with the
  deployed cloud settings (local endpoints, nothing is called), and builds it from the
  adapter ``CLOUD_ADAPTERS`` names.

Figures printed: ``cold_s`` = framework + main.py + demoforge, best of two fresh
interpreters (target < 1 s; our share asserted under 1 s, the total under 3 s for a loaded
shared machine), the first-event imports, and the installed size of the requirements.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from demoforge.devtools.function_needs import (
    CLOUD_ADAPTERS,
    FunctionNeeds,
    RepoCode,
    function_needs,
    main_module,
)
from demoforge.devtools.packaging import (
    HTTP_FUNCTION,
    FunctionZip,
    discover_functions,
    package_all,
    requirement_line_name,
)

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("packaging-zips")]

ROOT = Path(__file__).resolve().parents[3]
PROBE = Path(__file__).with_name("probe_import.py")
COLD_IMPORT_TARGET_S = 1.0
# CI shares 2 cores with other jobs: the framework's own import (~0.15 s idle) was seen
# at 0.6 s under load, so the total gets 3x headroom; the figures to quote are idle ones.
LOADED_MACHINE_FACTOR = 3.0
RUNS = 2

# What the deployed functions see (terraform/locals.tf common_env), with every cloud
# endpoint pointed at a closed local port: clients are built, never called.
_NOWHERE = "127.0.0.1:9"
CLOUD_ENV = {
    "DEMOFORGE_MODE": "cloud",
    "GOOGLE_CLOUD_PROJECT": "demoforge-zip-test",
    "DEMOFORGE_ARTIFACTS_BUCKET": "demoforge-zip-test-artifacts",
    "DEMOFORGE_REGION": "europe-west1",
    "FIRESTORE_EMULATOR_HOST": _NOWHERE,
    "PUBSUB_EMULATOR_HOST": _NOWHERE,
    "DEMOFORGE_GCS_ENDPOINT": f"http://{_NOWHERE}",
    "DEMOFORGE_BIGQUERY_ENDPOINT": f"http://{_NOWHERE}",
    "DEMOFORGE_DATAAGENTS_ENDPOINT": f"http://{_NOWHERE}",
    "ANTHROPIC_API_KEY": "sk-ant-zip-test",  # Claude is enabled in the deployment
    "ANTHROPIC_BASE_URL": f"http://{_NOWHERE}",
}

NAMES = discover_functions(ROOT) if (ROOT / "functions").is_dir() else []


@pytest.fixture(scope="module")
def zips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, FunctionZip]:
    if shutil.which("uv") is None:
        pytest.skip("uv is not on PATH: it exports requirements.txt from uv.lock")
    if not NAMES:
        pytest.skip("no functions/<name>/main.py yet")
    out = tmp_path_factory.mktemp("zips")
    return {z.name: z for z in package_all(ROOT, out)}


@pytest.fixture(scope="module")
def code() -> RepoCode:
    return RepoCode(ROOT)


def _requirements(z: FunctionZip) -> str:
    with zipfile.ZipFile(z.path) as zf:
        return zf.read("requirements.txt").decode()


def _site_packages_bytes(venv: Path) -> int:
    return sum(
        p.stat().st_size for p in venv.glob("lib/python*/site-packages/**/*")
        if p.is_file() and not p.is_symlink()
    )


def _venv_for(text: str) -> Path:
    """A venv holding exactly ``text``'s requirements, keyed by their hash."""
    digest = hashlib.sha256(text.encode()).hexdigest()[:12]
    venv = ROOT / ".venvs" / f"fnzip-{digest}"
    python = venv / "bin" / "python"
    req_file = venv.parent / f"fnzip-{digest}.txt"
    venv.parent.mkdir(parents=True, exist_ok=True)
    req_file.write_text(text)
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    if not python.exists():
        subprocess.run(
            ["uv", "venv", "--quiet", "--python", sys.executable, str(venv)],
            check=True, env=env,
        )
    # sync = exactly these packages (removes anything else); bytecode compiled like pip
    # does on the platform's build. Offline from the uv cache first, registry otherwise.
    sync = ["uv", "pip", "sync", "--quiet", "--compile-bytecode", "--python", str(python),
            str(req_file)]
    if subprocess.run([*sync, "--offline"], env=env, capture_output=True).returncode != 0:
        proc = subprocess.run(sync, env=env, capture_output=True, text=True)
        assert proc.returncode == 0, f"cannot install the zip's requirements:\n{proc.stderr}"
    probe = subprocess.run(
        [str(python), "-I", "-c", "import importlib.util as u; print(u.find_spec('demoforge'))"],
        capture_output=True, text=True, check=True,
    )
    assert probe.stdout.strip() == "None", "the function venv must not contain demoforge"
    return venv


def _installed(venv: Path) -> set[str]:
    proc = subprocess.run(
        ["uv", "pip", "freeze", "--python", str(venv / "bin" / "python")],
        capture_output=True, text=True, check=True,
    )
    return {requirement_line_name(ln) for ln in proc.stdout.splitlines() if "==" in ln}


def _probe(venv: Path, src: Path, name: str, needs: FunctionNeeds | None) -> dict[str, Any]:
    spec = {
        "src": str(src),
        "target": HTTP_FUNCTION if name == HTTP_FUNCTION else "handle",
        "signature": "http" if name == HTTP_FUNCTION else "cloudevent",
        "imports": [] if needs is None else [
            *([m, []] for m in sorted(needs.modules) if m != main_module(name)),
            *([mod, list(names)] for mod, names in needs.imports),
        ],
        "services": [] if needs is None else sorted(needs.role.services),
    }
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(src), **CLOUD_ENV}
    proc = subprocess.run(
        [str(venv / "bin" / "python"), "-I", str(PROBE), json.dumps(spec)],
        capture_output=True, text=True, env=env, cwd=src, timeout=180,
    )
    assert proc.returncode == 0, f"{name}: loading the zip failed:\n{proc.stderr}"
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("name", NAMES)
def test_zip_alone_with_only_its_requirements_loads_everything_it_reaches(
    name: str, zips: dict[str, FunctionZip], code: RepoCode, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    z = zips[name]
    needs = function_needs(name, code)
    src = tmp_path / name
    with zipfile.ZipFile(z.path) as zf:
        zf.extractall(src)
        assert {"main.py", "requirements.txt", "demoforge/__init__.py"} <= set(zf.namelist())
    text = _requirements(z)
    wanted = {requirement_line_name(ln) for ln in text.splitlines()}
    venv = _venv_for(text)
    installed = _installed(venv)
    # Markers may leave a listed package out on this platform (win32-only tzdata); never more.
    assert installed <= wanted and needs.distributions <= installed

    # Everything reachable only in the first run: it costs seconds and is not cold import.
    runs = [_probe(venv, src, name, needs if i == 0 else None) for i in range(RUNS)]
    first = runs[0]
    assert first["entry_callable"], f"{name}: main.py has no callable entry point"
    assert Path(first["demoforge_file"]).resolve().is_relative_to(src.resolve()), (
        f"demoforge was imported from {first['demoforge_file']}, not from the zip"
    )
    assert first["import_errors"] == {}, (
        f"{name}: its code imports what its requirements do not install: "
        f"{first['import_errors']}"
    )
    assert first["service_errors"] == {}, f"{name}: {first['service_errors']}"
    # An adapter that is a package (the fetcher) defines its class in a submodule.
    built = {s: m for s, m in first["services"].items()}
    assert set(built) == set(needs.role.services), f"{name}: {built}"
    wrong = {s: m for s, m in built.items()
             if m != CLOUD_ADAPTERS[s] and not m.startswith(CLOUD_ADAPTERS[s] + ".")}
    assert wrong == {}, f"{name}: bootstrap built other adapters than CLOUD_ADAPTERS names: {wrong}"
    cold = [r["cold_s"] for r in runs]
    size_mib = _site_packages_bytes(venv) / 2**20
    with capsys.disabled():
        print(
            f"\n[zip] {name:<10} {z.size / 1024:6.1f} KiB zip, {len(installed)} packages "
            f"{size_mib:6.1f} MiB installed | cold import best {min(cold):.3f}s "
            f"(framework {first['framework_s']:.3f}s + main {first['main_s']:.3f}s) | "
            f"first event: {len(needs.modules)} modules + {len(needs.imports)} imports + "
            f"{len(needs.role.services)} services {first['first_event_s']:.3f}s"
        )
    # Deterministic guard: nothing heavy is imported when the module loads.
    assert first["heavy_at_import"] == [], (
        f"{name}: {first['heavy_at_import']} imported at module load; import them lazily "
        "(inside the adapter or on first use), not at the top of a module main.py pulls in"
    )
    # Timing: our share (main.py + demoforge) must meet the 1 s target on its own; the
    # total, which includes functions_framework/flask, gets headroom for a loaded machine.
    ours = min(r["main_s"] for r in runs)
    assert ours < COLD_IMPORT_TARGET_S, f"{name}: main.py + demoforge take {ours:.2f}s"
    assert min(cold) < COLD_IMPORT_TARGET_S * LOADED_MACHINE_FACTOR, (
        f"{name}: cold import {min(cold):.2f}s (target {COLD_IMPORT_TARGET_S}s)"
    )
