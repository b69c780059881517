"""``demoforge.devtools.importgraph`` on small written-out packages: how each import is
classified (top-level, lazy, type-only, dynamic), relative imports, the closure and its
edge filter, and the mapping of import names to installed distributions."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from demoforge.devtools.importgraph import (
    DistributionIndex,
    ImportGraphError,
    closure,
    scan_package,
    third_party,
)


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))


@pytest.fixture()
def pkg(tmp_path: Path) -> Path:
    _write(tmp_path, {
        "app/__init__.py": "",
        "app/core.py": """
            from __future__ import annotations
            import json
            from typing import TYPE_CHECKING
            from . import util
            from .sub import leaf
            if TYPE_CHECKING:
                import not_installed_stubs
                from app.heavy import Big
            def later():
                import app.lazy_mod
                from google.cloud import firestore
            """,
        "app/util.py": "import requests\n",
        "app/sub/__init__.py": "",
        "app/sub/leaf.py": "from ..util import *\n",
        "app/heavy.py": "import numpy\n",
        "app/lazy_mod.py": "import importlib\nimportlib.import_module(name)\nimportlib.import_module('app.util')\n",
    })
    return tmp_path / "app"


def test_imports_are_classified_by_how_they_run(pkg: Path) -> None:
    mods = scan_package(pkg)
    assert sorted(mods) == ["app", "app.core", "app.heavy", "app.lazy_mod", "app.sub",
                            "app.sub.leaf", "app.util"]
    core = {(i.module, i.names): i for i in mods["app.core"].imports}
    assert not core[("json", ())].lazy and core[("json", ())].runs
    assert core[("app", ("util",))].candidates() == ["app.util", "app"]
    assert core[("app.sub", ("leaf",))].line == 6
    assert core[("not_installed_stubs", ())].type_only
    assert core[("app.heavy", ("Big",))].type_only
    assert core[("app.lazy_mod", ())].lazy
    assert core[("google.cloud", ("firestore",))].lazy
    assert mods["app.sub.leaf"].imports[0].module == "app.util"  # `..util` from app.sub.leaf
    lazy_mod = mods["app.lazy_mod"]
    assert lazy_mod.dynamic_imports == (2,)  # a computed name cannot be followed
    assert [i.module for i in lazy_mod.imports] == ["importlib", "app.util"]  # a literal can


def test_closure_follows_what_runs_and_what_the_filter_allows(pkg: Path) -> None:
    mods = scan_package(pkg)
    everything = closure(["app.core"], mods)
    assert everything == {"app", "app.core", "app.util", "app.sub", "app.sub.leaf", "app.lazy_mod"}
    assert "app.heavy" not in everything  # type-only imports never run
    eager = closure(["app.core"], mods, lambda _m, imp, _t: imp.runs and not imp.lazy)
    assert "app.lazy_mod" not in eager and "app.sub.leaf" in eager
    with pytest.raises(ImportGraphError, match="not a known module"):
        closure(["app.nope"], mods)


def test_relative_import_above_the_package_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, {"solo/__init__.py": "from .. import x\n"})
    with pytest.raises(ImportGraphError, match="leaves the package"):
        scan_package(tmp_path / "solo")


def test_import_names_map_to_the_distribution_that_provides_them(pkg: Path) -> None:
    index = DistributionIndex()
    # One distribution per name, and namespace packages narrowed by submodule.
    assert index.distribution(["bs4"]) == "beautifulsoup4"
    assert index.distribution(["google.cloud.firestore", "google.cloud"]) == "google-cloud-firestore"
    assert index.distribution(["google.cloud.bigquery", "google.cloud"]) == "google-cloud-bigquery"
    assert index.distribution(["google.protobuf.json_format", "google.protobuf"]) == "protobuf"
    assert index.distribution(["google.api_core.exceptions"]) == "google-api-core"
    assert index.distribution(["grpc"]) == "grpcio"
    assert index.distribution(["json"]) is None  # standard library
    with pytest.raises(ImportGraphError, match="no installed distribution provides 'surely_absent_pkg'"):
        index.distribution(["surely_absent_pkg"])
    uses = third_party(scan_package(pkg).values(), index, frozenset({"app"}))
    # The type-only import of a package that is not installed is not a run-time use.
    assert sorted((u.module, u.distribution, u.lazy) for u in uses) == [
        ("app.core", "google-cloud-firestore", True), ("app.heavy", "numpy", False),
        ("app.util", "requests", False),
    ]
