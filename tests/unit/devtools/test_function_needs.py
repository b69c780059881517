"""What each Cloud Function can import (``demoforge.devtools.function_needs``) and the
requirements packaging derives from it.

On the real checkout: every function has a role, each role names exactly the services its
code reads, the research function never reaches the warehouse, agents or DuckDB, and each
function's ``requirements.txt`` is closed over ``uv.lock`` and pinned as it pins. On small
written-out repositories: the rules of the walk (unselected adapters are not followed,
selected ones are; dev-only code and computed imports are refused).
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from demoforge.devtools.function_needs import (
    CLOUD_ADAPTERS,
    DEV_ONLY_PACKAGES,
    FUNCTION_ROLES,
    FunctionRole,
    NeedsError,
    RepoCode,
    function_needs,
    service_uses,
)
from demoforge.devtools.packaging import (
    discover_functions,
    function_requirements,
    requirement_line_name,
)
from demoforge.devtools.uvlock import Lock, LockDep, LockError

ROOT = Path(__file__).resolve().parents[3]
NAMES = discover_functions(ROOT)


@pytest.fixture(scope="module")
def code() -> RepoCode:
    return RepoCode(ROOT)


def test_every_function_has_a_role() -> None:
    assert set(NAMES) == set(FUNCTION_ROLES)


@pytest.mark.parametrize("name", NAMES)
def test_role_names_exactly_the_services_the_functions_code_reads(
    name: str, code: RepoCode
) -> None:
    needs = function_needs(name, code)
    uses = service_uses(code.modules[m] for m in needs.modules)
    role = FUNCTION_ROLES[name]
    unused = role.services - set(uses)
    undeclared = {s: sorted(w)[:3] for s, w in uses.items() if s not in role.services}
    assert not undeclared, f"{name} reads services its FunctionRole lacks: {undeclared}"
    assert not unused, f"{name}'s FunctionRole names services its code never reads: {unused}"


def test_cloud_adapters_are_modules_bootstrap_imports_lazily(code: RepoCode) -> None:
    boot = code.modules["demoforge.bootstrap"]
    lazy = {i.module for i in boot.imports if i.lazy}
    assert set(CLOUD_ADAPTERS.values()) <= lazy


def test_research_never_reaches_the_warehouse_agents_or_duckdb(code: RepoCode) -> None:
    # Its clean-up after a DELETE removes artifacts only (research creates nothing else).
    needs = function_needs("research", code)
    assert "demoforge.phases.research" in needs.modules
    assert "demoforge.adapters.fetcher" in needs.modules
    assert not needs.modules & {
        "demoforge.adapters.bigquery_warehouse", "demoforge.adapters.gemini_agents",
        "demoforge.adapters.duckdb_warehouse", "demoforge.synth.generate",
    }
    assert {"functions-framework", "anthropic", "trafilatura", "lxml", "charset-normalizer",
            "google-cloud-firestore", "google-cloud-pubsub"} <= needs.distributions
    assert not needs.distributions & {
        "google-cloud-bigquery", "google-cloud-geminidataanalytics", "duckdb", "pyarrow",
        "numpy", "sqlglot",
    }


@pytest.mark.parametrize("name", NAMES)
def test_no_function_reaches_local_adapters_or_dev_code(name: str, code: RepoCode) -> None:
    needs = function_needs(name, code)
    local = {"demoforge.adapters.duckdb_warehouse", "demoforge.adapters.local_agents",
             "demoforge.adapters.local_artifacts", "demoforge.adapters.memory_bus"}
    assert not needs.modules & local
    assert not [m for m in needs.modules if m.startswith(DEV_ONLY_PACKAGES)]
    assert needs.role.adapters() <= needs.modules
    assert "functions-framework" in needs.distributions


def test_each_functions_requirements_are_its_closure_pinned_as_locked(code: RepoCode) -> None:
    if shutil.which("uv") is None:
        pytest.skip("uv is not on PATH: it exports requirements.txt from uv.lock")
    lock = Lock.read(ROOT / "uv.lock", "demoforge")
    reqs = function_requirements(ROOT, NAMES)
    for name in NAMES:
        lines = reqs[name].splitlines()
        names = {requirement_line_name(ln) for ln in lines}
        assert function_needs(name, code).distributions <= names
        assert lock.closure(names) == names, f"{name}: requirements miss a dependency"
        for ln in lines:
            pin = ln.split(";")[0].strip()
            dist, _, version = pin.partition("==")
            assert version in lock.versions(dist), f"{name}: {pin} is not the locked version"
    assert "google-cloud-bigquery" not in {requirement_line_name(ln) for ln in
                                           reqs["research"].splitlines()}
    assert "anthropic" not in {requirement_line_name(ln) for ln in reqs["api"].splitlines()}


# --- the rules of the walk, on written-out repositories ----------------------------------

def _repo(tmp_path: Path, files: dict[str, str]) -> Path:
    base = {
        "functions/fn/main.py": "import demoforge.entry\n",
        "shared/demoforge/__init__.py": "",
        "shared/demoforge/entry.py": """
            import demoforge.boot
            """,
        "shared/demoforge/boot.py": """
            def warehouse(cloud):
                if cloud:
                    from demoforge.adapters.bigquery_warehouse import W
                else:
                    from demoforge.adapters.duckdb_warehouse import W
                return W
            def agents():
                from demoforge.adapters.gemini_agents import A
                return A
            def body():
                from demoforge.phases import fn
            """,
        "shared/demoforge/adapters/__init__.py": "",
        "shared/demoforge/adapters/bigquery_warehouse.py": "import requests\n",
        "shared/demoforge/adapters/duckdb_warehouse.py": "import duckdb\n",
        "shared/demoforge/adapters/gemini_agents.py": "from google.protobuf import json_format\n",
        "shared/demoforge/phases/__init__.py": "",
        "shared/demoforge/phases/fn.py": "def run(ctx):\n    import sqlglot\n",
        "shared/demoforge/devtools/__init__.py": "",
        "shared/demoforge/devtools/tool.py": "import rich\n",
    }
    for rel, text in {**base, **files}.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return tmp_path


def test_only_the_selected_adapters_and_their_imports_are_followed(tmp_path: Path) -> None:
    code = RepoCode(_repo(tmp_path, {}))
    role = FunctionRole(frozenset({"warehouse"}), "demoforge.phases.fn")
    needs = function_needs("fn", code, {"fn": role})
    assert "demoforge.adapters.bigquery_warehouse" in needs.modules
    assert not needs.modules & {"demoforge.adapters.duckdb_warehouse",
                                "demoforge.adapters.gemini_agents", "demoforge.devtools.tool"}
    assert needs.distributions == {"requests", "sqlglot"}  # sqlglot: lazy in the phase body
    assert needs.imports == (("requests", ()), ("sqlglot", ()))
    agents = function_needs("fn", code, {"fn": FunctionRole(frozenset({"agents"}))})
    assert agents.distributions == {"protobuf", "sqlglot"}
    assert "demoforge.phases.fn" in agents.modules  # boot.body imports it by name, lazily


def test_a_top_level_adapter_import_is_always_followed(tmp_path: Path) -> None:
    # Layering aside, a module-level import runs whatever the settings say.
    code = RepoCode(_repo(tmp_path, {
        "shared/demoforge/entry.py": "import demoforge.boot\nimport demoforge.adapters.duckdb_warehouse\n",
    }))
    needs = function_needs("fn", code, {"fn": FunctionRole(frozenset())})
    assert "duckdb" in needs.distributions


def test_dev_only_code_reached_from_a_function_is_refused(tmp_path: Path) -> None:
    code = RepoCode(_repo(tmp_path, {
        "shared/demoforge/entry.py": "def f():\n    from demoforge.devtools import tool\n",
    }))
    with pytest.raises(NeedsError, match=r"demoforge\.entry \(line 2\) imports demoforge\.devtools"):
        function_needs("fn", code, {"fn": FunctionRole(frozenset())})


def test_a_computed_import_must_be_accounted_for(tmp_path: Path) -> None:
    code = RepoCode(_repo(tmp_path, {
        "shared/demoforge/entry.py": "import importlib\nimportlib.import_module(name)\n",
    }))
    with pytest.raises(NeedsError, match=r"computed name at \['demoforge\.entry:2'\]"):
        function_needs("fn", code, {"fn": FunctionRole(frozenset())})


def test_a_function_without_a_role_or_with_unknown_services_is_refused(tmp_path: Path) -> None:
    code = RepoCode(_repo(tmp_path, {}))
    with pytest.raises(NeedsError, match="functions/fn has no FunctionRole"):
        function_needs("fn", code, {})
    with pytest.raises(NeedsError, match=r"unknown services \['cache'\]"):
        function_needs("fn", code, {"fn": FunctionRole(frozenset({"cache"}))})


def test_lock_closure_follows_extras_and_every_locked_version(tmp_path: Path) -> None:
    lock_file = tmp_path / "uv.lock"
    lock_file.write_text(textwrap.dedent("""
        version = 1
        [[package]]
        name = "proj"
        version = "0.1.0"
        dependencies = [{ name = "Api_Core", extra = ["grpc"] }, { name = "num" }]
        [[package]]
        name = "api-core"
        version = "2.0"
        dependencies = [{ name = "auth" }]
        [package.optional-dependencies]
        grpc = [{ name = "grpcio" }]
        [[package]]
        name = "auth"
        version = "1.0"
        [[package]]
        name = "grpcio"
        version = "1.0"
        [[package]]
        name = "num"
        version = "1.0"
        [[package]]
        name = "num"
        version = "2.0"
        dependencies = [{ name = "only-new" }]
        [[package]]
        name = "only-new"
        version = "1.0"
        [[package]]
        name = "unused"
        version = "1.0"
        """))
    lock = Lock.read(lock_file, "proj")
    assert lock.closure(["api-core"]) == {"api-core", "auth"}  # no extra asked: no grpcio
    assert lock.closure(d for d in lock.direct() if d.name == "api-core") == {
        "api-core", "auth", "grpcio",
    }
    assert lock.closure([LockDep("num", ())]) == {"num", "only-new"}
    assert lock.versions("num") == ["1.0", "2.0"]
    with pytest.raises(LockError, match="'missing' is not in uv.lock"):
        lock.closure(["missing"])


def test_exporting_a_distribution_the_project_does_not_declare_is_refused() -> None:
    if shutil.which("uv") is None:
        pytest.skip("uv is not on PATH")
    from demoforge.devtools.packaging import PackagingError, export_requirements

    with pytest.raises(PackagingError, match=r"\['pytest'\] are not dependencies of demoforge"):
        export_requirements(ROOT, ["functions-framework", "pytest"])
