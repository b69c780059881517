"""Column values between generators, and their Parquet form.

Internally (between columns) values are null-free numpy arrays (numbers, bools, dates as
int64 days, timestamps as int64 microseconds) or pyarrow string arrays; NULLs are applied
when a chunk is written. Parquet types map to BigQuery: INT64->int64, FLOAT64->float64,
NUMERIC->decimal128(38, 9), BOOL->bool, DATE->date32, TIMESTAMP->timestamp[us, tz=UTC],
STRING->string; REPEATED columns are lists.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from demoforge.spec.model import ColumnSpec, TableSpec

Values = Any  # np.ndarray (numbers, bools, int64 days/microseconds) or pa.Array (strings)

ARROW_TYPES: dict[str, pa.DataType] = {
    "STRING": pa.string(),
    "INT64": pa.int64(),
    "FLOAT64": pa.float64(),
    "NUMERIC": pa.decimal128(38, 9),
    "BOOL": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us", tz="UTC"),
}


def arrow_type(col: ColumnSpec) -> pa.DataType:
    """REPEATED columns are Parquet lists (BigQuery loads them with list inference)."""
    base = ARROW_TYPES[col.type]
    return pa.list_(base) if col.mode == "REPEATED" else base


def arrow_schema(table: TableSpec) -> pa.Schema:
    """The Parquet schema of a table (REQUIRED columns are non-nullable fields)."""
    return pa.schema(
        [pa.field(c.name, arrow_type(c), nullable=c.mode == "NULLABLE") for c in table.columns]
    )


def as_bool(x: Any) -> np.ndarray:
    if isinstance(x, pa.Array | pa.ChunkedArray):
        return np.asarray(x.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)
    return np.asarray(x, dtype=bool)


def placeholder(bq_type: str, n: int) -> Values:
    """Values for rows that will be NULL (the validity mask hides them)."""
    if bq_type == "STRING":
        return pa.array([""] * n, type=pa.string())
    dtype = {"BOOL": bool, "FLOAT64": np.float64, "NUMERIC": np.float64}.get(bq_type, np.int64)
    return np.zeros(n, dtype=dtype)


def take(values: Values, idx: np.ndarray) -> Values:
    if isinstance(values, pa.Array):
        return values.take(pa.array(idx))
    return values[idx]


def concat(parts: list[Values]) -> Values:
    if parts and isinstance(parts[0], pa.Array):
        return pa.concat_arrays(parts)
    return np.concatenate(parts) if parts else np.array([], dtype=np.int64)


def pool_values(values: list[Any], bq_type: str) -> Values:
    """A spec's literal values (categorical members) as internal values of ``bq_type``."""
    if bq_type == "STRING":
        return pa.array([str(v) for v in values], type=pa.string())
    dtype = {"INT64": np.int64, "BOOL": bool}.get(bq_type, np.float64)
    return np.asarray(values, dtype=dtype)


def to_arrow(values: Values, bq_type: str) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if isinstance(values, pa.Array):
        return values if bq_type == "STRING" else values.cast(ARROW_TYPES[bq_type])
    if bq_type == "NUMERIC":
        return decimal(np.asarray(values, dtype=np.float64))
    if bq_type == "DATE":
        return pa.array(np.asarray(values, dtype=np.int32), type=pa.date32())
    if bq_type == "TIMESTAMP":
        return pa.array(np.asarray(values, dtype=np.int64), type=ARROW_TYPES["TIMESTAMP"])
    if bq_type == "STRING":
        return pa.array(values).cast(pa.string())
    return pa.array(values, type=ARROW_TYPES[bq_type])


_DEC_LIMIT = 9.0e9  # |x| * 1e9 must fit an int64 for the fast path


def decimal(v: np.ndarray) -> pa.Array:
    """float64 -> decimal128(38, 9) by writing the 128-bit integers directly (cast is slow)."""
    if v.size and float(np.max(np.abs(v))) >= _DEC_LIMIT:
        return pa.array(v).cast(pa.decimal128(38, 9), safe=False)
    scaled = np.rint(v * 1e9).astype(np.int64)
    words = np.empty((len(v), 2), dtype=np.int64)
    words[:, 0] = scaled
    words[:, 1] = scaled >> 63  # sign extension into the high word
    return pa.Array.from_buffers(pa.decimal128(38, 9), len(v), [None, pa.py_buffer(words.tobytes())])
