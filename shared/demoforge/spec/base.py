"""What every part of a dataset spec shares: the strict pydantic base (unknown keys are
errors, so a typo in Claude's output is reported rather than ignored), the BigQuery types
and modes a column may have, and which literal values fit which type."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

BQType = Literal["STRING", "INT64", "FLOAT64", "NUMERIC", "BOOL", "DATE", "TIMESTAMP", "STRUCT"]
Mode = Literal["NULLABLE", "REQUIRED", "REPEATED"]
Scalar = str | int | float | bool
NUMERIC_TYPES = ("INT64", "FLOAT64", "NUMERIC")


class SpecModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


def scalar_fits(v: Scalar, bq_type: str) -> bool:
    """Whether a literal from the spec (a categorical value, an effect's set_value, a
    condition value) is a value of ``bq_type``; ``True`` is not an INT64."""
    if bq_type == "STRING":
        return isinstance(v, str)
    if bq_type == "BOOL":
        return isinstance(v, bool)
    if bq_type == "INT64":
        return isinstance(v, int) and not isinstance(v, bool)
    if bq_type in ("FLOAT64", "NUMERIC"):
        return isinstance(v, int | float) and not isinstance(v, bool)
    return False
