"""Each function zip, unpacked alone, imports its entry point in a clean venv, fast.

One venv holds the zips' ``requirements.txt`` (all zips pin the same set from ``uv.lock``,
which the test asserts, so one venv stands for each zip's own): it is built with ``uv pip
sync`` (exactly those packages, nothing else: no editable demoforge), offline from the uv
cache when possible, and reused across runs while the requirements are unchanged. Each zip
is unpacked into its own folder and loaded by ``functions_framework.create_app`` in a fresh
``python -I`` subprocess (``probe_import.py``), so ``demoforge`` can only come from the zip.

Figures: ``cold_s`` = framework + main.py + demoforge, best of two fresh interpreters
(target < 1 s). Asserted: no heavy module (cloud SDKs, anthropic, duckdb, pyarrow, numpy,
...) is imported at module load; our share (main.py + demoforge) is under 1 s; the total is
under 3 s, headroom for a loaded shared machine. ``first_event_s`` (cloud clients imported lazily on the
first event) is reported, and those imports must succeed: a lazily imported package missing
from requirements.txt would otherwise only break in production.
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

from demoforge.devtools.packaging import (
    HTTP_FUNCTION,
    FunctionZip,
    discover_functions,
    package_all,
)

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("packaging-zips")]

ROOT = Path(__file__).resolve().parents[3]
PROBE = Path(__file__).with_name("probe_import.py")
COLD_IMPORT_TARGET_S = 1.0
# CI shares 2 cores with other jobs: the framework's own import (~0.15 s idle) was seen
# at 0.6 s under load, so the total gets 3x headroom; the figures to quote are idle ones.
LOADED_MACHINE_FACTOR = 3.0
RUNS = 2

# Adapters each function builds on its first request/event (see demoforge.bootstrap).
_CORE = ["demoforge.adapters.firestore_store", "demoforge.adapters.pubsub_bus",
         "demoforge.adapters.gcs_artifacts", "demoforge.service.runner"]
FIRST_EVENT: dict[str, list[str]] = {
    "api": [*_CORE, "demoforge.adapters.bigquery_warehouse", "demoforge.adapters.gemini_agents"],
    "research": [*_CORE, "demoforge.adapters.anthropic_llm", "demoforge.adapters.fetcher"],
    "modeling": [*_CORE, "demoforge.adapters.anthropic_llm"],
    "warehouse": [*_CORE, "demoforge.adapters.bigquery_warehouse"],
    "content": [*_CORE, "demoforge.adapters.bigquery_warehouse",
                "demoforge.adapters.anthropic_llm"],
    "agent": [*_CORE, "demoforge.adapters.gemini_agents"],
}
# What the deployed functions see (terraform/locals.tf common_env), minus real endpoints.
CLOUD_ENV = {
    "DEMOFORGE_MODE": "cloud",
    "GOOGLE_CLOUD_PROJECT": "demoforge-zip-test",
    "DEMOFORGE_ARTIFACTS_BUCKET": "demoforge-zip-test-artifacts",
    "DEMOFORGE_REGION": "europe-west1",
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


def _requirements(z: FunctionZip) -> str:
    with zipfile.ZipFile(z.path) as zf:
        return zf.read("requirements.txt").decode()


@pytest.fixture(scope="module")
def venv_python(zips: dict[str, FunctionZip]) -> Path:
    reqs = {_requirements(z) for z in zips.values()}
    assert len(reqs) == 1, "all zips must pin the same requirements (one venv stands for all)"
    text = reqs.pop()
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
        assert proc.returncode == 0, f"cannot install the zips' requirements:\n{proc.stderr}"
    probe = subprocess.run(
        [str(python), "-I", "-c", "import importlib.util as u; print(u.find_spec('demoforge'))"],
        capture_output=True, text=True, check=True,
    )
    assert probe.stdout.strip() == "None", "the function venv must not contain demoforge"
    return python


def _probe(python: Path, src: Path, name: str, first_event: list[str]) -> dict[str, Any]:
    entry = HTTP_FUNCTION if name == HTTP_FUNCTION else "handle"
    signature = "http" if name == HTTP_FUNCTION else "cloudevent"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(src), **CLOUD_ENV}
    proc = subprocess.run(
        [str(python), "-I", str(PROBE), str(src), entry, signature, *first_event],
        capture_output=True, text=True, env=env, cwd=src, timeout=120,
    )
    assert proc.returncode == 0, f"{name}: loading the zip failed:\n{proc.stderr}"
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("name", NAMES)
def test_zip_alone_imports_its_entry_point_fast(
    name: str, zips: dict[str, FunctionZip], venv_python: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    z = zips[name]
    src = tmp_path / name
    with zipfile.ZipFile(z.path) as zf:
        zf.extractall(src)
    assert {"main.py", "requirements.txt", "demoforge/__init__.py"} <= set(
        zipfile.ZipFile(z.path).namelist()
    )

    # First-event imports only in the first run: they cost seconds and are not cold import.
    runs = [
        _probe(venv_python, src, name, FIRST_EVENT.get(name, []) if i == 0 else [])
        for i in range(RUNS)
    ]
    first = runs[0]
    assert first["entry_callable"], f"{name}: main.py has no callable entry point"
    assert Path(first["demoforge_file"]).resolve().is_relative_to(src.resolve()), (
        f"demoforge was imported from {first['demoforge_file']}, not from the zip"
    )
    assert first["first_event_errors"] == {}, (
        f"{name}: modules needed on the first event do not import with the zip's "
        f"requirements: {first['first_event_errors']}"
    )
    cold = [r["cold_s"] for r in runs]
    with capsys.disabled():
        print(
            f"\n[cold import] {name:<10} best {min(cold):.3f}s  first {cold[0]:.3f}s "
            f"(framework {first['framework_s']:.3f}s + main {first['main_s']:.3f}s)  "
            f"first-event imports {first['first_event_s']:.3f}s  "
            f"heavy at import: {first['heavy_at_import'] or 'none'}"
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
