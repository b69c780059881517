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

from demoforge.domain.errors import PermanentError, TransientError
from demoforge.domain.job import EventLevel, JobDoc
from demoforge.domain.naming import dataset_name
from demoforge.domain.results import ResearchResult, WarehouseResult
from demoforge.phases.inputs import load_spec
from demoforge.service.cleanup import dataset_ref
from demoforge.service.phase import PhaseContext, PhaseOutput
from demoforge.service.ports import DatasetRef
from demoforge.service.services import Services

_MAX_PARALLEL_LOADS = 8


def label_value(text: str) -> str:
    """BigQuery label values: lowercase letters, digits, ``_`` and ``-``, at most 63."""
    return re.sub(r"[^a-z0-9_-]+", "_", text.lower())[:63]


def run(ctx: PhaseContext) -> PhaseOutput:
    spec = load_spec(ctx)
    company = ctx.result(ResearchResult).company_name
    ref = DatasetRef(project=ctx.settings.project, dataset=dataset_name(company, ctx.job_id),
                     job_id=ctx.job_id)
    seed = ctx.job.options.seed if ctx.job.options.seed is not None else spec.seed
    out_dir = ctx.services.artifacts.workdir(ctx.job_id) / "data"
    out_dir.mkdir(parents=True, exist_ok=True)

    t0 = time.perf_counter()
    generated = ctx.services.synth.generate(spec, out_dir, seed=seed)
    gen_s = time.perf_counter() - t0
    total = sum(int(g.rows) for g in generated.values())
    ctx.log(f"generated {len(generated)} tables, {total} rows in {gen_s:.2f}s",
            tables=len(generated), rows=total, seconds=round(gen_s, 3))
    missing = [t.name for t in spec.tables if t.name not in generated]
    if missing:
        raise PermanentError(f"the generator produced no data for tables {missing}")

    ctx.checkpoint()
    wh = ctx.services.warehouse
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
        ctx.checkpoint()  # a cancel stops the loads still to come
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
        result=WarehouseResult(dataset=ref.dataset, project=ref.project,
                               tables={n: loaded[n] for n in names}).model_dump(mode="json"),
    )


def remove_outputs(services: Services, job: JobDoc) -> dict[str, str | None]:
    """After a deletion: this phase's dataset, in case a load in flight recreated it."""
    ref = dataset_ref(services.settings, job)
    if ref is not None:
        services.warehouse.delete_dataset(ref)
    return {"dataset": ref.qualified if ref is not None else None}
