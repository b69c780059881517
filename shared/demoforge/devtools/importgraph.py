"""What Python code imports, read from its syntax tree (nothing is executed).

Used by packaging (which demoforge modules and which distributions a Cloud Function can
reach) and by the test that every imported distribution is declared in ``pyproject.toml``.

Every ``import``/``from ... import`` statement is recorded with how it runs:

- *top-level*: when the module is imported;
- *lazy*: inside a function or method body, when that code is first called (the package
  imports cloud SDKs and adapters this way to keep cold starts short);
- *type-only*: under ``if TYPE_CHECKING:``, never at run time.

Calls such as ``importlib.import_module(name)`` whose argument is not a literal cannot be
followed; they are recorded as *dynamic* so a caller can insist each one is accounted for.

Import names map to distributions through ``importlib.metadata.packages_distributions()``;
a namespace package shared by several distributions (``google``) is narrowed to the one
whose installed files hold the imported submodule (``google.cloud.firestore`` ->
``google-cloud-firestore``).
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import importlib.metadata as md
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path


class ImportGraphError(RuntimeError):
    """An import cannot be resolved (not installed, or a relative import leaves the tree)."""


@dataclasses.dataclass(frozen=True)
class Import:
    """One imported name. ``module`` is absolute; for ``from X import a`` it is ``X`` and
    ``names`` holds ``a`` (which may itself be a submodule: ``from google.cloud import
    bigquery``)."""

    module: str
    names: tuple[str, ...]
    line: int
    lazy: bool
    type_only: bool

    def candidates(self) -> list[str]:
        """Dotted names this statement may load, most specific first."""
        subs = [f"{self.module}.{n}" for n in self.names if n != "*"]
        return [*subs, self.module]

    @property
    def runs(self) -> bool:
        return not self.type_only


@dataclasses.dataclass(frozen=True)
class Module:
    name: str
    path: Path
    imports: tuple[Import, ...]
    dynamic_imports: tuple[int, ...]  # line numbers of import_module(<non-literal>) calls

    @property
    def top(self) -> str:
        return self.name.split(".")[0]


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _is_import_module_call(node: ast.Call) -> bool:
    f = node.func
    return (isinstance(f, ast.Attribute) and f.attr == "import_module") or (
        isinstance(f, ast.Name) and f.id in ("import_module", "__import__")
    )


class _Visitor(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool) -> None:
        self.module = module
        self.package = module if is_package else module.rpartition(".")[0]
        self.imports: list[Import] = []
        self.dynamic: list[int] = []
        self._depth = 0
        self._type_only = 0

    def _absolute(self, level: int, target: str | None, line: int) -> str:
        if level == 0:
            return target or ""
        parts = self.package.split(".") if self.package else []
        if level - 1 > len(parts) - 1 or not parts:
            raise ImportGraphError(f"{self.module}:{line}: relative import leaves the package")
        base = parts[: len(parts) - (level - 1)]
        return ".".join([*base, target] if target else base)

    def _add(self, module: str, names: tuple[str, ...], line: int) -> None:
        self.imports.append(Import(
            module=module, names=names, line=line, lazy=self._depth > 0,
            type_only=self._type_only > 0,
        ))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, (), node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = self._absolute(node.level, node.module, node.lineno)
        self._add(module, tuple(a.name for a in node.names), node.lineno)

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            self._type_only += 1
            for stmt in node.body:
                self.visit(stmt)
            self._type_only -= 1
            for stmt in node.orelse:
                self.visit(stmt)
        else:
            self.generic_visit(node)

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        self._depth += 1
        self.generic_visit(node)
        self._depth -= 1

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function
    visit_Lambda = _function

    def visit_Call(self, node: ast.Call) -> None:
        if _is_import_module_call(node) and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                self._add(arg.value, (), node.lineno)
            else:
                self.dynamic.append(node.lineno)
        self.generic_visit(node)


def parse_module(name: str, path: Path) -> Module:
    """The imports of one source file, as module ``name``."""
    try:
        tree = ast.parse(path.read_bytes(), filename=str(path))
    except SyntaxError as e:
        raise ImportGraphError(f"{path}: cannot parse: {e}") from e
    v = _Visitor(name, is_package=path.name == "__init__.py")
    v.visit(tree)
    return Module(name=name, path=path, imports=tuple(v.imports), dynamic_imports=tuple(v.dynamic))


def scan_package(root: Path) -> dict[str, Module]:
    """Every module of the package at ``root`` (a folder with ``__init__.py``), by name."""
    if not (root / "__init__.py").is_file():
        raise ImportGraphError(f"{root} is not a package (no __init__.py)")
    out: dict[str, Module] = {}
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root.parent).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        if "__pycache__" in parts:
            continue
        name = ".".join(parts)
        out[name] = parse_module(name, path)
    return out


def scan_files(paths: Iterable[Path], base: Path) -> dict[str, Module]:
    """Loose files (tests, benchmarks, entry points), named by their path under ``base``."""
    out: dict[str, Module] = {}
    for path in sorted(paths):
        rel = path.relative_to(base).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        name = ".".join(parts)
        out[name] = parse_module(name, path)
    return out


def internal_targets(imp: Import, modules: Mapping[str, Module]) -> list[str]:
    """The modules of ``modules`` an import statement loads: the named module, any
    submodule it names, and (as Python does) every parent package on the way."""
    found: list[str] = []
    for cand in imp.candidates():
        if cand in modules:
            parts = cand.split(".")
            found.extend(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return [m for m in dict.fromkeys(found) if m in modules]


def closure(
    roots: Iterable[str],
    modules: Mapping[str, Module],
    follow: Callable[[Module, Import, str], bool] = lambda _m, imp, _t: imp.runs,
) -> set[str]:
    """Every module of ``modules`` reachable from ``roots`` over the edges ``follow``
    accepts (by default: all that run, top-level and lazy; type-only ones never run)."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in modules:
            raise ImportGraphError(f"root {name!r} is not a known module")
        seen.add(name)
        mod = modules[name]
        # Importing a.b.c runs a/__init__ and a/b/__init__ first.
        parts = name.split(".")
        todo.extend(".".join(parts[:i]) for i in range(1, len(parts)) if ".".join(parts[:i]) in modules)
        for imp in mod.imports:
            for target in internal_targets(imp, modules):
                if follow(mod, imp, target):
                    todo.append(target)
    return seen


def is_stdlib(dotted: str) -> bool:
    return dotted.split(".")[0] in sys.stdlib_module_names


def normalize(dist: str) -> str:
    """PEP 503 name: ``Google_Cloud.Firestore`` -> ``google-cloud-firestore``."""
    return re.sub(r"[-_.]+", "-", dist).lower()


class DistributionIndex:
    """Which installed distribution provides an importable name (this environment's)."""

    def __init__(self) -> None:
        self._top: Mapping[str, list[str]] = md.packages_distributions()

    @functools.cached_property
    def _files(self) -> dict[str, set[str]]:
        """Dotted module name -> distributions whose installed files define it. Only built
        when a top-level name is shared (namespace packages)."""
        owners: dict[str, set[str]] = {}
        for dist in md.distributions():
            name = normalize(dist.metadata["Name"])
            for f in dist.files or ():
                parts = f.parts
                if not parts or parts[0].endswith((".dist-info", ".data")) or ".." in parts:
                    continue
                stem = parts[-1].split(".")[0]
                if not f.name.endswith((".py", ".so", ".pyd")):
                    continue
                mod = parts[:-1] if stem == "__init__" else (*parts[:-1], stem)
                owners.setdefault(".".join(mod), set()).add(name)
        return owners

    def distribution(self, dotted_candidates: Iterable[str]) -> str | None:
        """The distribution providing the first resolvable candidate (most specific first);
        None for the standard library. Raises when nothing installed provides it."""
        cands = list(dotted_candidates)
        top = cands[-1].split(".")[0]
        if top in sys.stdlib_module_names:
            return None
        dists = sorted({normalize(d) for d in self._top.get(top, [])})
        if len(dists) == 1:
            return dists[0]
        if dists:
            for cand in cands:
                parts = cand.split(".")
                for i in range(len(parts), 1, -1):
                    owners = self._files.get(".".join(parts[:i]), set()) & set(dists)
                    if len(owners) == 1:
                        return owners.pop()
        raise ImportGraphError(
            f"no installed distribution provides {cands[0]!r} "
            f"(candidates {dists or 'none'}): is the environment synced (uv sync)?"
        )


@dataclasses.dataclass(frozen=True)
class ThirdPartyUse:
    """A third-party import: where it is and which distribution provides it."""

    distribution: str
    imported: str
    names: tuple[str, ...]  # of ``from imported import ...``; empty for ``import imported``
    module: str
    line: int
    lazy: bool


def third_party(
    modules: Iterable[Module],
    index: DistributionIndex,
    first_party: frozenset[str],
    *,
    include_type_only: bool = False,
) -> list[ThirdPartyUse]:
    """Every import in ``modules`` that is neither standard library nor first party."""
    uses: list[ThirdPartyUse] = []
    for mod in modules:
        for imp in mod.imports:
            if not imp.module or (imp.type_only and not include_type_only):
                continue
            top = imp.module.split(".")[0]
            if top in first_party or is_stdlib(imp.module):
                continue
            dist = index.distribution(imp.candidates())
            if dist is not None:
                uses.append(ThirdPartyUse(
                    distribution=dist, imported=imp.module, names=imp.names, module=mod.name,
                    line=imp.line,
                    lazy=imp.lazy,
                ))
    return uses
