"""A row filter of a dataset spec (``Condition``): on a column of the row, or of the parent
row reached through a foreign key. Planted-story effects, conditioned values (cases),
columns present only on some rows (``only_when``) and excluded parents all use it, so one
definition is evaluated by the engine and by the realism checks alike."""

from __future__ import annotations

import datetime as dt

from demoforge.spec.base import Scalar, SpecModel


class Condition(SpecModel):
    """A row filter: ``column`` of this table, or of the parent reached via FK column ``via``.
    Give one of: ``equals``, ``in_values``, ``months`` (1-12, for dates/timestamps),
    ``date_from``/``date_to`` (inclusive), ``min``/``max``."""

    column: str
    via: str | None = None
    equals: Scalar | None = None
    in_values: list[Scalar] | None = None
    months: list[int] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    min: float | None = None
    max: float | None = None
