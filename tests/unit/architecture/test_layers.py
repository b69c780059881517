"""The layering rules of ``shared/demoforge``, checked mechanically over the AST of every
module: every import counts (top level, inside functions, and ``TYPE_CHECKING`` blocks).

- no import cycles at all;
- the domain imports nothing else of demoforge;
- phases and the capability packages never import the composition root, adapters,
  entry points or dev tools; the service layer does not either, nor the phase bodies;
- only entry points import the composition root (``bootstrap``);
- only adapters import cloud SDKs.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[3] / "shared" / "demoforge"
ROOT = "demoforge"

CAPABILITIES = ("research", "synth", "sql", "content", "agent", "prompts", "spec", "domain", "language", "stories")
OUTER = ("bootstrap", "adapters", "entrypoints", "devtools")
CLOUD_SDKS = ("google", "anthropic", "grpc")


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(importer: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    is_package = MODULES[importer].name == "__init__.py"
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imported_names(importer: str) -> Iterator[str]:
    """Every module name an import statement anywhere in ``importer`` refers to."""
    tree = ast.parse(MODULES[importer].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(importer, node)
            yield target
            # ``from pkg import mod`` imports the module ``pkg.mod``.
            yield from (f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in MODULES)


def internal_edges(importer: str) -> set[str]:
    """The demoforge modules ``importer`` makes Python execute, package ``__init__``s included."""
    out: set[str] = set()
    for name in imported_names(importer):
        if name != ROOT and not name.startswith(ROOT + "."):
            continue
        while name and name not in MODULES:  # ``from demoforge.x import SomeClass``
            name = name.rpartition(".")[0]
        out.add(name)
        # Importing ``a.b.c`` runs ``a/b/__init__`` too, unless the importer lives inside
        # ``a.b`` (then that package is already being imported, by definition).
        parts = name.split(".")
        for i in range(2, len(parts)):
            package = ".".join(parts[:i])
            if not importer.startswith(package + "."):
                out.add(package)
    out.discard(importer)
    return out


GRAPH: dict[str, set[str]] = {m: internal_edges(m) for m in MODULES}


def layer(module: str) -> str:
    """``demoforge.service.jobs`` -> ``service``; ``demoforge.bootstrap`` -> ``bootstrap``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ROOT


def violations(sources: tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    return sorted(f"{m} -> {t}" for m, targets in GRAPH.items() if layer(m) in sources
                  for t in targets if layer(t) in forbidden)


def find_cycle() -> list[str] | None:
    """One import cycle (as a path that returns to its start), or None."""
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for t in sorted(GRAPH[m]):
            if state.get(t) == 1:
                return [*stack[stack.index(t):], t]
            if t not in state and (found := visit(t)):
                return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(GRAPH):
        if m not in state and (found := visit(m)):
            return found
    return None


def test_the_scan_sees_the_package() -> None:
    assert {"demoforge.bootstrap", "demoforge.service.runner", "demoforge.domain.job"} <= set(MODULES)
    assert "demoforge.domain.job" in GRAPH["demoforge.service.runner"]


def test_no_import_cycles() -> None:
    assert find_cycle() is None, " -> ".join(find_cycle() or [])


def test_the_domain_imports_nothing_else_of_demoforge() -> None:
    assert violations(("domain",), tuple({layer(m) for m in MODULES} - {"domain"})) == []


@pytest.mark.parametrize("sources", [("phases",), CAPABILITIES, ("service",)],
                         ids=["phases", "capabilities", "service"])
def test_inner_layers_never_import_the_outer_ones(sources: tuple[str, ...]) -> None:
    assert violations(sources, OUTER) == []


def test_services_and_capabilities_do_not_reach_into_phase_bodies() -> None:
    assert violations(("service", *CAPABILITIES), ("phases",)) == []


def test_only_entry_points_import_the_composition_root() -> None:
    importers = sorted(m for m, ts in GRAPH.items() if "demoforge.bootstrap" in ts)
    assert [m for m in importers if layer(m) != "entrypoints"] == []


def test_only_adapters_import_cloud_sdks() -> None:
    found = sorted(
        f"{m} -> {name}" for m in MODULES if layer(m) != "adapters"
        for name in imported_names(m) if name.split(".")[0] in CLOUD_SDKS
    )
    assert found == []


MAX_MODULE_LINES = 600


def _is_data_table(tree: ast.Module) -> bool:
    """A module of literals only (lexicons, registries): no function or class of its own."""
    return not any(isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
                   for n in ast.walk(tree))


def test_no_code_module_exceeds_the_size_limit() -> None:
    # Past ~600 lines a module holds several responsibilities: split it by concern.
    too_long = {}
    for name, path in MODULES.items():
        text = path.read_text()
        lines = text.count("\n") + 1
        if lines > MAX_MODULE_LINES and not _is_data_table(ast.parse(text)):
            too_long[name] = lines
    assert too_long == {}


def test_the_size_check_sees_code_and_spares_data() -> None:
    code = ast.parse("def f():\n    return 1\n" + "x = 1\n" * 700)
    data = ast.parse("WORDS = {\n" + "    'a': 1,\n" * 700 + "}\n")
    assert not _is_data_table(code) and _is_data_table(data)
