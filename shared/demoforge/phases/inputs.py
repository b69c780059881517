"""What phases hand to each other through the artifact store: typed readers every phase
uses (the artifact names live in ``demoforge.domain.artifacts``).

A missing input is a ``PermanentError`` with code ``input_missing`` naming the phase that
must run first; one that does not parse is ``input_invalid``. Results recorded on the job
document are read with ``PhaseContext.result(<Model>)``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError

from demoforge.domain.artifacts import GOLDEN_QUERIES, PRODUCERS, SPEC
from demoforge.domain.errors import NotFound
from demoforge.domain.results import GoldenQuery
from demoforge.service.phase import PhaseContext, input_invalid, input_missing

if TYPE_CHECKING:
    from demoforge.spec.model import DatasetSpec


_GOLDEN = TypeAdapter(list[GoldenQuery])


def read_artifact(ctx: PhaseContext, name: str) -> bytes:
    try:
        return ctx.services.artifacts.get(ctx.job_id, name)
    except NotFound as e:
        raise input_missing(ctx.job_id, name, PRODUCERS[name]) from e


def load_spec(ctx: PhaseContext) -> DatasetSpec:
    """The dataset spec modeling stored."""
    from demoforge.spec.model import DatasetSpec  # pydantic-heavy: only phases that need it

    raw = read_artifact(ctx, SPEC)
    try:
        return DatasetSpec.model_validate_json(raw)
    except ValidationError as e:
        raise input_invalid(ctx.job_id, SPEC, str(e.errors()[0]["msg"])) from e


def load_golden(ctx: PhaseContext) -> list[GoldenQuery]:
    """The golden queries content proved (passed ones; older packs may hold others)."""
    raw = read_artifact(ctx, GOLDEN_QUERIES)
    try:
        data: Any = json.loads(raw)
        if isinstance(data, dict):  # tolerate {"queries": [...]} as well as a bare list
            data = data.get("queries", [])
        return _GOLDEN.validate_python(data)
    except (ValueError, ValidationError) as e:
        raise input_invalid(ctx.job_id, GOLDEN_QUERIES, str(e)) from e
