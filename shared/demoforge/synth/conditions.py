"""Where a ``Condition`` holds, as a boolean mask over values (numpy arrays, or pyarrow
string arrays): the one evaluation the engine uses for effects, value and text cases,
``only_when`` and excluded parents."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from demoforge.spec.conditions import Condition
from demoforge.synth.arrays import Values, as_bool

US_PER_DAY = 86_400_000_000
EPOCH_DAYS = 0  # dates are days since 1970-01-01


def mask_of(c: Condition, v: Values, ctype: str, n: int) -> np.ndarray:
    """Rows of ``v`` (values of BigQuery type ``ctype``) where the condition holds."""
    mask = np.ones(n, dtype=bool)
    if c.equals is not None:
        mask &= as_bool(pc.equal(v, c.equals) if isinstance(v, pa.Array) else np.asarray(v) == c.equals)
    if c.in_values is not None:
        if isinstance(v, pa.Array):
            mask &= as_bool(pc.is_in(v, value_set=pa.array(c.in_values)))
        else:
            mask &= np.isin(v, np.asarray(c.in_values))
    if c.months or c.date_from or c.date_to:
        days = np.asarray(v, dtype=np.int64)
        if ctype == "TIMESTAMP":
            days = days // US_PER_DAY
        if c.months:
            month = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) % 12 + 1
            mask &= np.isin(month, np.asarray(c.months))
        if c.date_from:
            mask &= days >= (c.date_from.toordinal() - 719163)
        if c.date_to:
            mask &= days <= (c.date_to.toordinal() - 719163)
    if c.min is not None:
        mask &= np.asarray(v, dtype=np.float64) >= c.min
    if c.max is not None:
        mask &= np.asarray(v, dtype=np.float64) <= c.max
    return mask
