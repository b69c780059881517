"""The google provider's schema, offline, from the pinned ``@cdktf/provider-google`` npm
package, and a checker of ``terraform/`` against it.

Why this package: ``terraform providers schema`` needs the provider binary (a download from
releases.hashicorp.com, unreachable here); the cdktf bindings are generated from exactly
that schema (``package.json`` -> ``cdktf.provider.version``) and ship through npm.

How the bindings encode the schema (one ``lib/<name>/index.js`` + ``index.d.ts`` per type):

- the resource class (``Foo.tfResourceType = "google_foo"``) has ``synthesizeHclAttributes()``
  whose ``attrs`` object lists every *argument and block* by its Terraform name, with
  ``isBlock: true|false``; a block's ``value`` calls ``<struct>ToHclTerraform(...)``, the
  function that lists that block's own arguments and blocks the same way;
- readable (computed) attributes are getters: ``this.getStringAttribute('uri')`` (and
  ``new XOutputReference(this, "build_config")`` for blocks) in the resource class and in
  ``<Struct>OutputReference`` classes;
- ``index.d.ts`` gives each argument's Terraform name (the ``#name`` anchor of its registry
  link), whether it is optional (``readonly x?:``) and, in its doc text, enum values
  (``Possible values: [...]``).

The tarball is fetched once with ``npm pack`` (the ordinary client, no install scripts, no
dependencies) into ``.cache/`` (git-ignored) and checked against the integrity npm
published for that version; the tests skip with the reason when npm cannot get it.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import fcntl
import hashlib
import io
import json
import re
import shutil
import subprocess
import tarfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = "@cdktf/provider-google"
VERSION = "16.11.0"  # generated from hashicorp/google 6.49.0, the version terraform/ pins
PROVIDER_VERSION = "6.49.0"
# npm view @cdktf/provider-google@16.11.0 dist.integrity
INTEGRITY = "sha512-iEKl+rAomn12YkMn4w5Wys7yJjEoTZCdIJZ7lV4BvZRVjRGsHKDeRKjkoJyKh27RzXQbTZWWvYm+ZMmvDhs0MA=="
CACHE = ROOT / ".cache" / "cdktf"
TARBALL = CACHE / f"cdktf-provider-google-{VERSION}.tgz"

META_ARGUMENTS = {"count", "for_each", "depends_on", "provider", "lifecycle", "provisioner",
                  "connection"}


class Unavailable(Exception):
    """The package cannot be had here (no npm, no registry): the caller skips."""


@dataclasses.dataclass
class Block:
    """One level of a resource's schema."""

    arguments: set[str] = dataclasses.field(default_factory=set)
    required: set[str] = dataclasses.field(default_factory=set)
    enums: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    blocks: dict[str, Block] = dataclasses.field(default_factory=dict)
    computed: set[str] = dataclasses.field(default_factory=set)  # readable attributes

    def readable(self) -> set[str]:
        return self.arguments | self.computed | set(self.blocks)


# ------------------------------------------------------------------- fetching the package


def _integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    CACHE.mkdir(parents=True, exist_ok=True)
    with (CACHE / ".lock").open("w") as lock:  # pytest-xdist workers fetch once between them
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def ensure_tarball() -> Path:
    """The verified tarball, fetched with ``npm pack`` on first use. Idempotent."""
    with _locked():
        if TARBALL.exists() and _integrity(TARBALL) == INTEGRITY:
            return TARBALL
        npm = shutil.which("npm")
        if npm is None:
            raise Unavailable(f"npm is not installed: cannot fetch {PACKAGE}@{VERSION}, the "
                              "google provider schema the Terraform checks use")
        try:
            out = subprocess.run(
                [npm, "pack", f"{PACKAGE}@{VERSION}", "--pack-destination", str(CACHE),
                 "--silent", "--ignore-scripts"],
                capture_output=True, text=True, timeout=600, cwd=CACHE,
            )
        except subprocess.TimeoutExpired as e:
            raise Unavailable(f"npm pack {PACKAGE}@{VERSION} timed out (offline?)") from e
        if out.returncode != 0 or not TARBALL.exists():
            raise Unavailable(f"npm pack {PACKAGE}@{VERSION} failed (offline?): "
                              f"{(out.stderr or out.stdout).strip()[-300:]}")
        got = _integrity(TARBALL)
        if got != INTEGRITY:
            TARBALL.unlink()
            raise AssertionError(f"{TARBALL.name}: integrity {got} is not npm's {INTEGRITY}")
        return TARBALL


# --------------------------------------------------------------------- reading the schema


def _lib_dir(rtype: str, data: bool) -> str:
    if rtype == "google":
        return "provider"  # the provider block's own schema
    base = rtype.removeprefix("google_").replace("_", "-")
    return f"data-google-{base}" if data else base


def read_sources(tarball: Path, wanted: Iterable[tuple[str, bool]]) -> dict[tuple[str, bool], tuple[str, str]]:
    """(type, is_data) -> (index.js, index.d.ts) for the wanted types, in one pass."""
    by_dir = {_lib_dir(t, d): (t, d) for t, d in wanted}
    files: dict[str, dict[str, str]] = {}
    with tarfile.open(tarball, "r:gz") as tar:
        for member in tar:
            m = re.fullmatch(r"package/lib/([^/]+)/index\.(js|d\.ts)", member.name)
            if m and m.group(1) in by_dir:
                f = tar.extractfile(member)
                assert f is not None
                files.setdefault(m.group(1), {})[m.group(2)] = io.TextIOWrapper(f, "utf-8").read()
            elif member.name == "package/package.json":
                f = tar.extractfile(member)
                assert f is not None
                meta = json.load(f)
                version = meta["cdktf"]["provider"]["version"]
                assert version == PROVIDER_VERSION, f"{PACKAGE}@{VERSION} is for google {version}"
    return {by_dir[d]: (f["js"], f["d.ts"]) for d, f in files.items() if {"js", "d.ts"} <= set(f)}


_ATTR = re.compile(r"(?:^|\n)\s*\"?([A-Za-z_][\w-]*)\"?: \{\s*value: (.*?),\s*isBlock: (true|false),", re.S)
_STRUCT = re.compile(r"(?<!cdktf\.)\b([a-z]\w*)ToHclTerraform\b")


def _attrs_object(body: str) -> str:
    m = re.search(r"const attrs = \{\};|const attrs = \{(.*?)\n\s*\};", body, re.S)
    assert m, "no attrs object: the bindings' layout changed"
    return m.group(1) or ""  # {} for blocks without arguments (ttl_config {}, auto {})


def _class_bodies(js: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in
            re.finditer(r"^class (\w+) extends [\w.]+ \{\n(.*?)^\}", js, re.M | re.S)}


def _getters(class_body: str) -> set[str]:
    names = set(re.findall(r"this\.get\w*Attribute\('([\w-]+)'\)", class_body))
    names |= set(re.findall(r"this\.interpolationForAttribute\('([\w-]+)'\)", class_body))
    names |= set(re.findall(r"new \w+\(this, \"([\w-]+)\"", class_body))
    return names


def _dts_members(dts: str) -> dict[str, dict[str, tuple[bool, list[str]]]]:
    """interface name -> Terraform name -> (required, enum values)."""
    out: dict[str, dict[str, tuple[bool, list[str]]]] = {}
    for m in re.finditer(r"^export interface (\w+)(?: extends [\w.]+)? \{\n(.*?)^\}", dts, re.M | re.S):
        members: dict[str, tuple[bool, list[str]]] = {}
        for doc, optional in re.findall(r"/\*\*(.*?)\*/\s*readonly \w+(\?)?:", m.group(2), re.S):
            anchor = re.search(r"registry\.terraform\.io/\S+#([\w-]+) ", doc)
            if not anchor:
                continue
            enum = re.search(r"Possible values: \[([^\]]*)\]", doc)
            values = re.findall(r'"([^"]*)"', enum.group(1)) if enum else []
            members[anchor.group(1)] = (optional != "?", values)
        out[m.group(1)] = members
    return out


def parse_type(rtype: str, js: str, dts: str) -> Block:
    classes = _class_bodies(js)
    root_class = next((n for n, b in classes.items() if "synthesizeHclAttributes()" in b
                       and not n.endswith(("OutputReference", "List"))), None)
    assert root_class, f"{rtype}: no resource class in the bindings"
    assert re.search(rf'\b{root_class}\.tfResourceType = "{re.escape(rtype)}";', js), \
        f"{rtype}: lib file does not declare it"
    functions = {m.group(1): m.group(2) for m in re.finditer(
        r"^function (\w+)ToHclTerraform\(struct\) \{\n(.*?)^\}", js, re.M | re.S)}
    interfaces = _dts_members(dts)

    def build(attrs_text: str, interface: str, output_class: str | None, seen: tuple[str, ...]) -> Block:
        block = Block()
        members = interfaces.get(interface, {})
        for name, value, is_block in _ATTR.findall(attrs_text):
            if is_block == "true":
                struct = _STRUCT.search(value)
                assert struct, f"{rtype}.{name}: block without a struct converter"
                fn = struct.group(1)
                if fn in seen:  # recursive schemas (rare): stop descending
                    block.blocks[name] = Block()
                    continue
                nested_iface = fn[0].upper() + fn[1:]
                block.blocks[name] = build(_attrs_object(functions[fn]), nested_iface,
                                           f"{nested_iface}OutputReference", (*seen, fn))
            else:
                block.arguments.add(name)
            required, enum = members.get(name, (False, []))
            if required:
                block.required.add(name)
            if enum:
                block.enums[name] = enum
        if output_class and output_class in classes:
            block.computed = _getters(classes[output_class])
        return block

    top = build(_attrs_object(classes[root_class].split("synthesizeHclAttributes()", 1)[1]),
                f"{root_class}Config", None, ())
    top.computed = _getters(classes[root_class])
    return top


def load_schemas(types: Iterable[tuple[str, bool]]) -> dict[tuple[str, bool], Block]:
    """Schemas of the given (type, is_data) pairs; a type missing from the package is absent
    from the result (the checker reports it)."""
    wanted = set(types)
    sources = read_sources(ensure_tarball(), wanted)
    return {key: parse_type(key[0], js, dts) for key, (js, dts) in sources.items()}


# ---------------------------------------------------------------------- checking terraform/


def unq(v: Any) -> Any:
    if isinstance(v, str) and len(v) >= 2 and v[0] == v[-1] == '"':
        return v[1:-1]
    return v


def is_block(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(
        isinstance(x, dict) and x.get("__is_block__") is True for x in value)


def check_body(schema: Block, body: dict[str, Any], where: str, *, top: bool = False) -> list[str]:
    problems: list[str] = []
    present = set()
    for raw_key, value in body.items():
        key = unq(raw_key)
        if key.startswith("__"):
            continue
        if top and key in META_ARGUMENTS:
            continue
        if key == "dynamic":
            for entry in value:
                for raw_name, dyn in entry.items():
                    name = unq(raw_name)
                    if name.startswith("__"):
                        continue
                    present.add(name)
                    if name not in schema.blocks:
                        problems.append(f"{where}: dynamic \"{name}\" is not a block here")
                        continue
                    for content in dyn.get("content", []):
                        problems += check_body(schema.blocks[name], content, f"{where}.{name}")
            continue
        present.add(key)
        if is_block(value):
            if key not in schema.blocks:
                kind = "an argument (write it as name = ...)" if key in schema.arguments else "unknown"
                problems.append(f"{where}: block {key} is {kind}")
                continue
            for item in value:
                problems += check_body(schema.blocks[key], item, f"{where}.{key}")
        elif key in schema.blocks:
            problems.append(f"{where}: {key} is a block, not an argument")
        elif key not in schema.arguments:
            problems.append(f"{where}: unknown argument {key}")
        elif key in schema.enums:
            literal = unq(value) if isinstance(value, str) else None
            if isinstance(literal, str) and "${" not in literal and literal not in schema.enums[key]:
                problems.append(f"{where}: {key} = {literal!r} is not one of {schema.enums[key]}")
    for missing in sorted(schema.required - present):
        problems.append(f"{where}: required argument {missing} is missing")
    return problems


_REF = re.compile(
    r"(?<![\w.\"-])(data\.)?(google_[a-z0-9_]+)\.([a-zA-Z_][\w-]*)((?:\[[^\]\[]*\])?)"
    r"((?:\.[a-zA-Z_][\w-]*|\[[^\]\[]*\])*)")


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(k)
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def check_references(text: str, schemas: dict[tuple[str, bool], Block],
                     declared: set[tuple[str, str, bool]], where: str) -> list[str]:
    problems: list[str] = []
    for m in _REF.finditer(text):
        data, rtype, name, _index, path = bool(m.group(1)), m.group(2), m.group(3), m.group(4), m.group(5)
        if (rtype, name, data) not in declared:
            problems.append(f"{where}: {m.group(0)} refers to an undeclared "
                            f"{'data source' if data else 'resource'}")
            continue
        block = schemas.get((rtype, data))
        if block is None:
            continue  # reported as an unknown type
        steps = re.findall(r"\.([a-zA-Z_][\w-]*)|\[[^\]]*\]", path)
        for step in steps:
            if not step:  # an index: stays on the same block
                continue
            if step not in block.readable():
                problems.append(f"{where}: {m.group(0)}: {rtype} has no attribute {step}")
                break
            if step not in block.blocks:
                break  # a plain attribute: what follows is its value's own structure
            block = block.blocks[step]
    return problems


def check(docs: list[dict[str, Any]]) -> list[str]:
    """Problems of parsed .tf files (python-hcl2 output) against the provider schema."""
    entries: list[tuple[str, str, bool, dict[str, Any]]] = []
    for doc in docs:
        for kind, data in (("resource", False), ("data", True)):
            for block in doc.get(kind, []):
                for raw_type, named in block.items():
                    for raw_name, body in named.items():
                        if not str(raw_name).startswith("__"):
                            entries.append((unq(raw_type), unq(raw_name), data, body))
    declared = {(t, n, d) for t, n, d, _ in entries}
    google = {(t, d) for t, _, d, _ in entries if t.startswith("google_")}
    schemas = load_schemas(google | {("google", False)})
    problems: list[str] = []
    for t, n, d, body in entries:
        where = f"{'data.' if d else ''}{t}.{n}"
        if not t.startswith("google_"):
            continue  # terraform_data and other built-ins: not the provider's
        schema = schemas.get((t, d))
        if schema is None:
            problems.append(f"{where}: google {PROVIDER_VERSION} has no "
                            f"{'data source' if d else 'resource'} {t}")
            continue
        problems += check_body(schema, body, where, top=True)
    for doc in docs:
        for block in doc.get("provider", []):
            for raw_name, body in block.items():
                if unq(raw_name) == "google" and ("google", False) in schemas:
                    body = {k: v for k, v in body.items() if unq(k) != "alias"}
                    problems += check_body(schemas[("google", False)], body, "provider.google", top=True)
        for text in strings({k: v for k, v in doc.items() if k != "terraform"}):
            problems += check_references(text, schemas, declared, "expression")
    return sorted(set(problems))
