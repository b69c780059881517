"""Fingerprint of the synth engine's output: sha256 of every Parquet file it writes for
every industry template (as built, and customised at the small scale in small chunks), the
every-generator test spec and a REPEATED-column spec, plus the sha256 of each spec's JSON
and of the ``DatasetSpec`` JSON schema.

A refactor of ``demoforge.spec`` or ``demoforge.synth`` that must not change the output
records a fingerprint before, and compares after each step:

    uv run python bench/synth_fingerprint.py --write /tmp/before.json
    uv run python bench/synth_fingerprint.py --compare /tmp/before.json

The hashes depend on the pinned library versions (pyarrow writes its version into each
file, Faker's vocabularies feed the pools), so they are compared within one environment,
not stored in the repository. Exit status 1 when ``--compare`` finds a difference.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import hashlib
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from demoforge.spec.model import DatasetSpec
from demoforge.synth.generate import generate_dataset
from demoforge.synth.templates import customise, get_template, shape_names, template_names

# Products research might find, so customisation renames the catalogue too.
RESEARCH: dict[str, Any] = {
    "company_name": "Fingerprint & Co", "industry": "other", "confidence": 1.0, "language": "de",
    "products_services": ["Alpine Parka", "Summit Tent", "Ridge Backpack", "Shop all products"],
    "kpis": ["Revenue"],
}
SMALL_CHUNK = 7_919  # a prime: chunk boundaries fall mid-parent, mid-day, mid-everything
AS_OF = dt.date(2026, 12, 1)  # a fixed run date: templates otherwise end today


def _every_generator() -> dict[str, Any]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.unit.synth.conftest import every_generator_dict

    return every_generator_dict()


def _with_tags(d: dict[str, Any]) -> dict[str, Any]:
    d = copy.deepcopy(d)
    d["name"] = "with_tags"
    customers = next(t for t in d["tables"] if t["name"] == "customers")
    customers["columns"].append({
        "name": "tags", "type": "STRING", "mode": "REPEATED", "description": "tags",
        "generator": {"kind": "categorical", "values": ["a", "b", "c", "d", "e"],
                      "weights": [5, 1, 1, 2, 3], "items_min": 0, "items_max": 3},
    })
    return d


def cases() -> Iterator[tuple[str, DatasetSpec, int | None]]:
    """(label, spec, chunk_rows or None for the default)."""
    for name in template_names():
        yield f"template/{name}", get_template(name, as_of=AS_OF), None
        yield f"customised/{name}", customise(get_template(name, as_of=AS_OF), RESEARCH, scale="small"), SMALL_CHUNK
    for name in shape_names():
        yield f"shape/{name}", customise(get_template(name, as_of=AS_OF), RESEARCH, rows=20_000), SMALL_CHUNK
    every = _every_generator()
    yield "every_generator", DatasetSpec.model_validate(every), None
    yield "every_generator/chunked", DatasetSpec.model_validate(every), 1_000
    yield "with_tags", DatasetSpec.model_validate(_with_tags(every)), 1_500


def fingerprint() -> dict[str, str]:
    # The JSON schema is what Claude designs specs against: docstrings and field order are in it.
    schema = json.dumps(DatasetSpec.model_json_schema(), sort_keys=True)
    out: dict[str, str] = {"schema/DatasetSpec.json": hashlib.sha256(schema.encode()).hexdigest()}
    for label, spec, chunk in cases():
        t0 = time.perf_counter()
        out[f"{label}/spec.json"] = hashlib.sha256(spec.model_dump_json().encode()).hexdigest()
        with tempfile.TemporaryDirectory() as tmp:
            kw: dict[str, Any] = {} if chunk is None else {"chunk_rows": chunk}
            tables = generate_dataset(spec, Path(tmp), **kw)
            for t in tables.values():
                out[f"{label}/{t.name}.parquet"] = hashlib.sha256(t.path.read_bytes()).hexdigest()
        print(f"{label:45s} {len(tables):3d} files {time.perf_counter() - t0:6.2f}s", file=sys.stderr)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="record the fingerprint to this JSON file")
    group.add_argument("--compare", type=Path, help="compare with a recorded fingerprint")
    args = ap.parse_args()
    now = fingerprint()
    if args.write:
        args.write.write_text(json.dumps(now, indent=1, sort_keys=True))
        print(f"{len(now)} hashes written to {args.write}")
        return 0
    before: dict[str, str] = json.loads(args.compare.read_text())
    changed = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for k in changed:
        print(f"DIFFERENT {k}: {before.get(k, 'missing')[:12]} -> {now.get(k, 'missing')[:12]}")
    print(f"{len(now)} hashes, {len(changed)} different")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
