"""JSON-safe values and human formatting for query results.

Warehouses return Decimal, date, datetime and bytes; the artifacts are JSON and the agent
phase compares numbers as floats, so previews hold plain JSON scalars.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import math
from typing import Any


def json_safe(v: Any) -> Any:
    if v is None or isinstance(v, bool | int | str):
        return v
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if isinstance(v, decimal.Decimal):
        f = float(v)
        return int(f) if v == v.to_integral_value() and abs(f) < 2**53 else f
    if isinstance(v, dt.datetime):
        return v.isoformat()
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    if isinstance(v, bytes):
        return base64.b64encode(v).decode("ascii")
    if isinstance(v, dict):
        return {str(k): json_safe(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [json_safe(x) for x in v]
    return str(v)


def is_number(v: Any) -> bool:
    return isinstance(v, int | float | decimal.Decimal) and not isinstance(v, bool)


def fmt(v: Any) -> str:
    """A value as a person would say it: thousands separators, 2 decimals at most."""
    if v is None:
        return "n/a"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int) or (isinstance(v, decimal.Decimal) and v == v.to_integral_value()):
        return f"{int(v):,}"
    if isinstance(v, float | decimal.Decimal):
        f = float(v)
        if f.is_integer() and abs(f) < 2**53:
            return f"{int(f):,}"  # 12.0 is "12", not "12.00"
        if abs(f) >= 1000:
            return f"{f:,.0f}"
        if abs(f) >= 1:
            return f"{f:,.2f}"
        return f"{f:.3g}"
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%d %H:%M") if (v.hour or v.minute) else v.strftime("%Y-%m-%d")
    if isinstance(v, dt.date):
        return v.isoformat()
    text = str(v)
    if len(text) >= 10 and text[4:5] == "-" and text[7:8] == "-" and text[10:].strip("T:0+.Z") == "":
        return text[:10]  # ISO timestamps at midnight read as dates
    return text


def label(column: str) -> str:
    return column.replace("_", " ")
