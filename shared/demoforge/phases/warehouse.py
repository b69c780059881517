"""Warehouse phase: generate the spec's data and load it into this job's dataset.

Reads ``spec.json`` (modeling), generates one Parquet file per table with the synth
engine into ``<workdir>/data`` (the local demo pack keeps them as ``data/<table>.parquet``),
ensures the dataset ``demo_<company_slug>_<short_job_id>`` (deterministic, so a
redelivery reuses it), loads every table in parallel with WRITE_TRUNCATE semantics and
verifies the row counts against what was generated.
"""

from __future__ import annotations

import concurrent.futures
import re
import time
from pathlib import Path
from typing import Any

from demoforge.domain.errors import NotFound, PermanentError, TransientError
from demoforge.domain.job import EventLevel, Phase
from demoforge.domain.naming import slug
from demoforge.service.phase import PhaseContext, PhaseOutput
from demoforge.service.ports import DatasetRef
from demoforge.spec.model import DatasetSpec

SPEC_ARTIFACT = "spec.json"
_MAX_PARALLEL_LOADS = 8


def label_value(text: str) -> str:
    """BigQuery label values: lowercase letters, digits, ``_`` and ``-``, at most 63."""
    return re.sub(r"[^a-z0-9_-]+", "_", text.lower())[:63]


def dataset_name(company_name: str, job_id: str) -> str:
    short = re.sub(r"[^a-z0-9]", "_", job_id[:8].lower())
    return f"demo_{slug(company_name)}_{short}"


def company_name(ctx: PhaseContext) -> str:
    research = ctx.result(Phase.RESEARCH)
    return str(research.get("company_name") or ctx.job.company_name or "company")


def dataset_ref(ctx: PhaseContext) -> DatasetRef:
    """The job's dataset; later phases read it from the warehouse result when present."""
    done = ctx.result(Phase.WAREHOUSE)
    if done.get("dataset"):
        return DatasetRef(project=done["project"], dataset=done["dataset"], job_id=ctx.job_id)
    return DatasetRef(
        project=ctx.settings.project,
        dataset=dataset_name(company_name(ctx), ctx.job_id),
        job_id=ctx.job_id,
    )


def load_spec(ctx: PhaseContext) -> DatasetSpec:
    try:
        raw = ctx.deps.artifacts.get(ctx.job_id, SPEC_ARTIFACT)
    except NotFound as e:
        raise PermanentError(
            "spec.json is missing: the modeling phase must run before warehouse",
            code="spec_missing",
        ) from e
    return DatasetSpec.model_validate_json(raw)


def _generate(spec: DatasetSpec, out_dir: Path, seed: int) -> dict[str, Any]:
    # Imported here: the synth engine (numpy-heavy) is only needed by this phase.
    from demoforge.synth.generate import generate_dataset

    return dict(generate_dataset(spec, out_dir, seed=seed))


def run(ctx: PhaseContext) -> PhaseOutput:
    spec = load_spec(ctx)
    ref = dataset_ref(ctx)
    company = company_name(ctx)
    seed = ctx.job.options.seed if ctx.job.options.seed is not None else spec.seed
    out_dir = ctx.deps.artifacts.workdir(ctx.job_id) / "data"
    out_dir.mkdir(parents=True, exist_ok=True)

    t0 = time.perf_counter()
    generated = _generate(spec, out_dir, seed)
    gen_s = time.perf_counter() - t0
    total = sum(int(g.rows) for g in generated.values())
    ctx.log(f"generated {len(generated)} tables, {total} rows in {gen_s:.2f}s",
            tables=len(generated), rows=total, seconds=round(gen_s, 3))
    missing = [t.name for t in spec.tables if t.name not in generated]
    if missing:
        raise PermanentError(f"the generator produced no data for tables {missing}")

    wh = ctx.deps.warehouse
    wh.ensure_dataset(
        ref,
        labels={
            "app": "demoforge",
            "job_id": label_value(ctx.job_id),
            "created_by": label_value(ctx.job.created_by or "unknown"),
        },
        description=f"Demoforge demo dataset for {company}: {spec.description}"[:16000],
        ttl_days=ctx.settings.dataset_ttl_days,
    )

    def load(name: str) -> tuple[str, int, float]:
        started = time.perf_counter()
        rows = wh.load_table(ref, spec.table(name), Path(generated[name].path))
        return name, rows, time.perf_counter() - started

    t1 = time.perf_counter()
    loaded: dict[str, int] = {}
    names = [t.name for t in spec.tables]
    with concurrent.futures.ThreadPoolExecutor(min(_MAX_PARALLEL_LOADS, len(names))) as pool:
        for name, rows, secs in pool.map(load, names):
            loaded[name] = rows
            ctx.log(f"loaded {ref.dataset}.{name}: {rows} rows in {secs:.2f}s",
                    level=EventLevel.DEBUG, table=name, rows=rows, seconds=round(secs, 3))
    load_s = time.perf_counter() - t1

    # Verify: what the load reported, and what the warehouse now holds, equal what was
    # generated. A mismatch is treated as transient: the redelivery reloads everything.
    mismatches = []
    for name in names:
        want = int(generated[name].rows)
        have = wh.row_count(ref, name)
        if loaded[name] != want or have != want:
            mismatches.append(f"{name}: generated {want}, loaded {loaded[name]}, counted {have}")
    if mismatches:
        raise TransientError("row counts differ after load: " + "; ".join(mismatches))
    ctx.log(f"dataset {ref.qualified} ready: {len(names)} tables, {total} rows, "
            f"load {load_s:.2f}s", dataset=ref.dataset, load_seconds=round(load_s, 3))
    return PhaseOutput(
        summary={"dataset": ref.qualified, "tables": len(names), "rows": total,
                 "generate_s": round(gen_s, 2), "load_s": round(load_s, 2)},
        result={"dataset": ref.dataset, "project": ref.project,
                "tables": {n: loaded[n] for n in names}},
    )
