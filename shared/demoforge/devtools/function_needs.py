"""What each Cloud Function can import, so its zip carries only the distributions it needs.

A function's code is the static import graph from ``functions/<name>/main.py`` through
``demoforge``, lazy imports included (they run on the first event), type-only ones not
(they never run). Two things the graph cannot see are stated here, per function:

- the **services** it uses (the fields of the ``Services`` protocol: ``store``, ``llm``, ...).
  Bootstrap imports every adapter lazily and picks one per service from ``Settings``, so
  an adapter is part of a function only if the function uses its service, and only the
  adapter the deployed settings select (``CLOUD_ADAPTERS``; the research function never
  builds a warehouse, and no deployed function builds the DuckDB one). Lazy imports of
  adapter modules are followed only for those; every other lazy import is followed.
  ``tests/unit/devtools`` checks each declaration against the services the function's
  code touches, and the packaging integration test builds them in the function's own venv.
- the **phase body** the runner loads by name (``demoforge.phases.body_for`` calls
  ``importlib.import_module`` with the phase): any other dynamic import reached is an error.

Bootstrap is the natural owner of the service -> adapter table; until it exposes one
(see ``CLOUD_ADAPTERS``) it lives here, and the integration test proves it matches.
"""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterable, Mapping
from pathlib import Path

from demoforge.devtools.importgraph import (
    DistributionIndex,
    Import,
    Module,
    closure,
    scan_files,
    scan_package,
    third_party,
)

PACKAGE = "demoforge"
ADAPTERS = "demoforge.adapters."

# Parts of the package that never run in a Cloud Function (local stack, emulators,
# samples, the CLI): left out of the zips, and an error if a function's code reaches them.
DEV_ONLY_PACKAGES = ("demoforge.devtools", "demoforge.entrypoints.cli")

# The fields of ``demoforge.service.services.Services`` that an adapter implements (the
# others, settings, clock and events, are built from the store and need no SDK of their own).
SERVICES = ("store", "bus", "artifacts", "warehouse", "llm", "fetcher", "agents",
            "research_cache", "synth")

# The adapter module bootstrap builds for each service with the deployed settings
# (DEMOFORGE_MODE=cloud, terraform/locals.tf): firestore, pubsub, gcs, bigquery, cloud
# agents, Claude (a key is configured) and the safe fetcher.
CLOUD_ADAPTERS: Mapping[str, str] = {
    "store": "demoforge.adapters.firestore_store",
    "bus": "demoforge.adapters.pubsub_bus",
    "artifacts": "demoforge.adapters.gcs_artifacts",
    "warehouse": "demoforge.adapters.bigquery_warehouse",
    "llm": "demoforge.adapters.anthropic_llm",
    "fetcher": "demoforge.adapters.fetcher",
    "agents": "demoforge.adapters.gemini_agents",
    "research_cache": "demoforge.adapters.firestore_store",
    "synth": "demoforge.adapters.synth_engine",
}

# Modules that reach a distribution by name instead of by import, e.g. the HTML parser
# BeautifulSoup loads from its ``features`` argument. The unit test checks the name is
# still a string in that module's code.
USED_BY_NAME: Mapping[str, tuple[str, ...]] = {
    "demoforge.research.extract": ("lxml",),  # BeautifulSoup(html, "lxml")
}

# Modules whose ``import_module(<computed name>)`` is resolved by FunctionRole.phase_body.
RESOLVED_DYNAMIC_IMPORTS = frozenset({"demoforge.phases"})

# Every phase function runs through the runner (store + bus) and reads/writes artifacts.
# After a DELETE that arrived while its phase ran, it removes what that phase creates
# (``service.cleanup`` and the phase's ``remove_outputs``): artifacts, and the warehouse
# phase its dataset, the agent phase its agent, with services they already have.
_PHASE = frozenset({"store", "bus", "artifacts"})


class NeedsError(RuntimeError):
    """A function's needs cannot be derived (undeclared function, unresolvable import)."""


@dataclasses.dataclass(frozen=True)
class FunctionRole:
    services: frozenset[str]
    phase_body: str | None = None  # module the runner imports by name for this function

    def adapters(self) -> frozenset[str]:
        return frozenset(CLOUD_ADAPTERS[s] for s in self.services)


FUNCTION_ROLES: Mapping[str, FunctionRole] = {
    # jobs/status/events/assets: store, bus, artifacts; DELETE tears down agent + dataset.
    "api": FunctionRole(frozenset({"store", "bus", "artifacts", "warehouse", "agents"})),
    "research": FunctionRole(_PHASE | {"fetcher", "llm", "research_cache"},
                             "demoforge.phases.research"),
    "modeling": FunctionRole(_PHASE | {"llm"}, "demoforge.phases.modeling"),
    "warehouse": FunctionRole(_PHASE | {"warehouse", "synth"}, "demoforge.phases.warehouse"),
    "content": FunctionRole(_PHASE | {"warehouse", "llm"}, "demoforge.phases.content"),
    # The agent phase checks the dataset's date coverage in the warehouse before asking.
    "agent": FunctionRole(_PHASE | {"warehouse", "agents"}, "demoforge.phases.agent"),
    # Scheduled sweeper: fails stalled jobs (store) and tears expired demos down (agent,
    # dataset); bus only because it shares demoforge.service.jobs with the api.
    "janitor": FunctionRole(frozenset({"store", "bus", "warehouse", "agents", "artifacts"})),
}


@dataclasses.dataclass(frozen=True)
class FunctionNeeds:
    name: str
    role: FunctionRole
    modules: frozenset[str]  # demoforge modules (and main) the function can import
    # Third-party imports of those modules as (module, names of ``from module import``),
    # sorted: what a clean environment must be able to import for this function.
    imports: tuple[tuple[str, tuple[str, ...]], ...]
    distributions: frozenset[str]  # the distributions providing them (normalised names)


def main_module(name: str) -> str:
    return f"functions.{name}.main"


class RepoCode:
    """The parsed code of one checkout: the demoforge package and every function's main."""

    def __init__(self, repo_root: Path, index: DistributionIndex | None = None) -> None:
        self.root = repo_root
        package = scan_package(repo_root / "shared" / PACKAGE)
        mains = scan_files((repo_root / "functions").glob("*/main.py"), repo_root)
        self.modules: dict[str, Module] = {**package, **mains}
        self._index = index

    @property
    def index(self) -> DistributionIndex:
        if self._index is None:
            self._index = DistributionIndex()
        return self._index


def _dev_only(module: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in DEV_ONLY_PACKAGES)


def function_needs(
    name: str, code: RepoCode, roles: Mapping[str, FunctionRole] = FUNCTION_ROLES
) -> FunctionNeeds:
    role = roles.get(name)
    if role is None:
        raise NeedsError(
            f"functions/{name} has no FunctionRole: declare the services it uses in "
            "demoforge.devtools.function_needs.FUNCTION_ROLES"
        )
    unknown = role.services - set(CLOUD_ADAPTERS)
    if unknown:
        raise NeedsError(f"{name}: unknown services {sorted(unknown)} (known: {SERVICES})")
    selected = role.adapters()
    mods = code.modules

    def follow(src: Module, imp: Import, target: str) -> bool:
        if not imp.runs:
            return False
        if _dev_only(target):
            raise NeedsError(
                f"{name}: {src.name} (line {imp.line}) imports {target}, which is dev-only "
                "and not in the function zips"
            )
        # Adapters are chosen at run time from Settings: only the selected ones load.
        return not (imp.lazy and target.startswith(ADAPTERS) and target not in selected)

    roots = [main_module(name)]
    if role.phase_body:
        roots.append(role.phase_body)
    missing = [r for r in roots if r not in mods]
    if missing:
        raise NeedsError(f"{name}: {missing} not found under {code.root}")
    reached = closure(roots, mods, follow)
    unresolved = sorted(
        f"{m}:{line}" for m in reached for line in mods[m].dynamic_imports
        if m not in RESOLVED_DYNAMIC_IMPORTS
    )
    if unresolved:
        raise NeedsError(
            f"{name}: import_module with a computed name at {unresolved}; static analysis "
            "cannot see what it loads (resolve it in function_needs)"
        )
    uses = third_party([mods[m] for m in sorted(reached)], code.index, frozenset({PACKAGE}))
    dists = {u.distribution for u in uses}
    for module, by_name in USED_BY_NAME.items():
        if module in reached:
            dists.update(by_name)
    return FunctionNeeds(
        name=name, role=role, modules=frozenset(reached),
        imports=tuple(sorted({(u.imported, u.names) for u in uses})),
        distributions=frozenset(dists),
    )


def _receiver_name(node: ast.expr) -> str | None:
    """``deps``, ``self.deps``, ``ctx.deps`` and ``deps()`` all name the services bag."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Call):
        return _receiver_name(node.func)
    return None


def service_uses(
    modules: Iterable[Module], receivers: frozenset[str] = frozenset({"deps", "services"})
) -> dict[str, set[str]]:
    """Which services the code reads (``<receiver>.<service>``), with where: the check
    that a FunctionRole names every service its function touches, and no other."""
    found: dict[str, set[str]] = {}
    for mod in modules:
        tree = ast.parse(mod.path.read_bytes(), filename=str(mod.path))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr in SERVICES
                    and _receiver_name(node.value) in receivers):
                found.setdefault(node.attr, set()).add(f"{mod.name}:{node.lineno}")
    return found
