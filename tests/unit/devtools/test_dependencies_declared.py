"""Every distribution the code imports is declared in ``pyproject.toml``, and every declared
runtime dependency is used.

The code is scanned as syntax (``demoforge.devtools.importgraph``), lazy imports inside
functions included, so a package that only a cloud adapter loads on its first event is
found as surely as one imported at the top. Import names are mapped to distributions by
what is installed in this environment (``importlib.metadata``), namespace packages to the
distribution that holds the submodule (``google.protobuf`` -> ``protobuf``). A package
reached only transitively (``requests`` through ``google-cloud-storage``) is not enough:
its version is then whatever the other package allows, and a zip that leaves the other
package out loses it.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pytest

from demoforge.devtools.function_needs import USED_BY_NAME
from demoforge.devtools.importgraph import (
    DistributionIndex,
    Module,
    scan_files,
    scan_package,
    third_party,
)
from demoforge.devtools.uvlock import read_declared

ROOT = Path(__file__).resolve().parents[3]
# Benchmarks import their sibling modules by name (bench/ is put on sys.path by the script).
FIRST_PARTY = frozenset({"demoforge", "tests", "bench", *(p.stem for p in (ROOT / "bench").glob("*.py"))})


@pytest.fixture(scope="module")
def index() -> DistributionIndex:
    return DistributionIndex()


def _runtime_code() -> list[Module]:
    package = scan_package(ROOT / "shared" / "demoforge")
    mains = scan_files((ROOT / "functions").glob("*/main.py"), ROOT)
    return [*package.values(), *mains.values()]


def _dev_code() -> list[Module]:
    files = [*(ROOT / "tests").rglob("*.py"), *(ROOT / "bench").rglob("*.py")]
    return list(scan_files((f for f in files if "__pycache__" not in f.parts), ROOT).values())


def _by_distribution(modules: Iterable[Module], index: DistributionIndex) -> dict[str, list[str]]:
    # Type-only imports count too: mypy resolves them, so they must be installable.
    where: dict[str, list[str]] = defaultdict(list)
    for use in third_party(modules, index, FIRST_PARTY, include_type_only=True):
        where[use.distribution].append(f"{use.module}:{use.line} ({use.imported})")
    return where


def test_runtime_code_imports_only_declared_dependencies(index: DistributionIndex) -> None:
    declared = read_declared(ROOT / "pyproject.toml").runtime
    where = _by_distribution(_runtime_code(), index)
    undeclared = {d: sorted(w)[:3] for d, w in where.items() if d not in declared}
    assert undeclared == {}, (
        "imported by shared/ or functions/ but not in pyproject.toml [project].dependencies "
        f"(add them, then `uv lock`): {undeclared}"
    )


def test_tests_and_benchmarks_import_only_declared_dependencies(index: DistributionIndex) -> None:
    declared = read_declared(ROOT / "pyproject.toml")
    allowed = declared.runtime | declared.groups.get("dev", frozenset())
    where = _by_distribution(_dev_code(), index)
    undeclared = {d: sorted(w)[:3] for d, w in where.items() if d not in allowed}
    assert undeclared == {}, (
        "imported by tests/ or bench/ but in neither [project].dependencies nor the dev "
        f"group: {undeclared}"
    )


def test_every_declared_runtime_dependency_is_used(index: DistributionIndex) -> None:
    declared = read_declared(ROOT / "pyproject.toml").runtime
    used = set(_by_distribution(_runtime_code(), index))
    used |= {d for dists in USED_BY_NAME.values() for d in dists}
    assert declared - used == set(), "declared but imported nowhere in shared/ or functions/"


def _string_constants(path: Path) -> set[str]:
    return {
        n.value for n in ast.walk(ast.parse(path.read_bytes()))
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def test_distributions_used_by_name_are_still_named_there() -> None:
    package = scan_package(ROOT / "shared" / "demoforge")
    for module, dists in USED_BY_NAME.items():
        assert module in package, f"USED_BY_NAME names {module}, which no longer exists"
        strings = _string_constants(package[module].path)
        for dist in dists:
            assert dist in strings, f"{module} no longer names {dist!r}: drop it from USED_BY_NAME"
