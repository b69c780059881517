"""The project's declared dependencies (``pyproject.toml``) and locked dependency graph
(``uv.lock``), read without resolving anything.

Packaging uses the graph to find the transitive closure of the distributions one Cloud
Function imports, so each zip's ``requirements.txt`` holds only what that function can
load, pinned exactly as the lock pins it. Extras are followed (``google-api-core[grpc]``
brings ``grpcio``); environment markers are not evaluated here: a package behind a marker
stays in the closure and ``uv export`` writes the marker on its line.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from demoforge.devtools.importgraph import normalize

# PEP 508: a requirement starts with the distribution name.
_NAME = re.compile(r"^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)")


class LockError(RuntimeError):
    """``pyproject.toml`` or ``uv.lock`` is missing or not what uv writes."""


def requirement_name(spec: str) -> str:
    m = _NAME.match(spec)
    if not m:
        raise LockError(f"not a PEP 508 requirement: {spec!r}")
    return normalize(m.group(1))


@dataclasses.dataclass(frozen=True)
class Declared:
    """Distribution names declared in ``pyproject.toml`` (normalised)."""

    project: str
    runtime: frozenset[str]
    groups: Mapping[str, frozenset[str]]


def read_declared(pyproject: Path) -> Declared:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise LockError(f"cannot read {pyproject}: {e}") from e
    project = data.get("project", {})
    runtime = frozenset(requirement_name(s) for s in project.get("dependencies", []))
    groups = {
        g: frozenset(requirement_name(s) for s in specs if isinstance(s, str))
        for g, specs in data.get("dependency-groups", {}).items()
    }
    if "name" not in project:
        raise LockError(f"{pyproject} has no [project] name")
    return Declared(project=normalize(project["name"]), runtime=runtime, groups=groups)


@dataclasses.dataclass(frozen=True)
class LockDep:
    name: str
    extras: tuple[str, ...]


def _deps(entries: Iterable[Mapping[str, Any]]) -> list[LockDep]:
    return [LockDep(normalize(e["name"]), tuple(e.get("extra", ()))) for e in entries]


@dataclasses.dataclass(frozen=True)
class LockedPackage:
    name: str
    version: str
    dependencies: tuple[LockDep, ...]
    extras: Mapping[str, tuple[LockDep, ...]]


class Lock:
    """The package graph of one ``uv.lock``. A name can be locked at several versions
    (one per Python range, e.g. numpy); the closure takes all of them, as the export does."""

    def __init__(self, packages: Iterable[LockedPackage], project: str) -> None:
        self.by_name: dict[str, list[LockedPackage]] = {}
        for p in packages:
            self.by_name.setdefault(p.name, []).append(p)
        if project not in self.by_name:
            raise LockError(f"uv.lock has no entry for the project {project!r}")
        self.project = project

    @classmethod
    def read(cls, path: Path, project: str) -> Lock:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise LockError(f"cannot read {path}: {e}") from e
        packages = [
            LockedPackage(
                name=normalize(p["name"]),
                version=str(p.get("version", "")),
                dependencies=tuple(_deps(p.get("dependencies", []))),
                extras={k: tuple(_deps(v)) for k, v in p.get("optional-dependencies", {}).items()},
            )
            for p in data.get("package", [])
        ]
        return cls(packages, normalize(project))

    def versions(self, name: str) -> list[str]:
        return sorted(p.version for p in self.by_name.get(normalize(name), []))

    def direct(self) -> list[LockDep]:
        """The project's own runtime dependencies, with the extras it asks for."""
        return [d for p in self.by_name[self.project] for d in p.dependencies]

    def closure(self, roots: Iterable[LockDep | str]) -> set[str]:
        """Every locked distribution needed to install ``roots`` (names, normalised)."""
        seen: set[tuple[str, str]] = set()  # (name, extra or "")
        todo = [r if isinstance(r, LockDep) else LockDep(normalize(r), ()) for r in roots]
        names: set[str] = set()
        while todo:
            dep = todo.pop()
            packages = self.by_name.get(dep.name)
            if not packages:
                raise LockError(f"{dep.name!r} is not in uv.lock: run `uv lock`")
            names.add(dep.name)
            for extra in ("", *dep.extras):
                if (dep.name, extra) in seen:
                    continue
                seen.add((dep.name, extra))
                for p in packages:
                    todo.extend(p.extras.get(extra, ()) if extra else p.dependencies)
        return names
