"""What a planted story promises: the question that reveals it and what its answer shows.

A ``StoryCheck`` travels in its ``StoryPattern.params["check"]`` (the spec model stays as
it is), validated whenever it is read back (``story_checks``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Literal

from pydantic import Field, ValidationError

from demoforge.spec.base import Scalar, SpecModel
from demoforge.spec.model import DatasetSpec
from demoforge.spec.semantic import MetricQuery

LIBRARY = "demoforge.stories"
ExpectKind = Literal["top", "rise_after", "drop_after", "peak_months", "peak_in", "grows_most", "shrinks_most"]
Tone = Literal["problem", "opportunity"]


class Expectation(SpecModel):
    """What the detection question's rows show when the story is in the data.

    ``top``: ``member`` ranks first. ``rise_after``/``drop_after``: the mean of the periods
    from ``after`` on is at least ``min_ratio`` times (at most 1/``min_ratio`` of) the mean
    before. ``peak_months``: the highest month of the year is one of ``months``.
    ``peak_in``: the highest period starts between ``after`` and ``until``.
    ``grows_most``/``shrinks_most``: asked as growth (the last twelve months against the
    twelve before, which start at ``after``), ``member`` changes most (least); ``other``,
    when given, changes least (a promotion's sibling)."""

    kind: ExpectKind
    member: Scalar | None = None
    other: Scalar | None = None
    months: list[int] | None = None
    after: dt.date | None = None
    until: dt.date | None = None
    min_ratio: float = Field(default=1.3, ge=1.0)


class StoryCheck(SpecModel):
    kind: str  # the library kind (kinds.KINDS)
    tone: Tone = "problem"
    detect: MetricQuery
    # "growth": the detection is asked as the last twelve months against the twelve before.
    detect_kind: Literal["growth"] | None = None
    expect: Expectation
    follow_up: MetricQuery | None = None
    follow_up_kind: Literal["growth"] | None = None
    # What the story is tied to, as named in the data (an offering, a place, a person ...).
    subject: str | None = None
    subject_dimension: str | None = None
    factor: float | None = None  # the planted multiplier or probability (for the report)
    season: Literal["summer", "winter", "spring", "autumn"] | None = None


@dataclasses.dataclass(frozen=True)
class Evidence:
    """What the rows showed: ``ok`` and the numbers behind it (language-free)."""

    ok: bool
    detail: str  # for logs (English, internal)
    observed: str | None = None  # the member or period found first
    before: float | None = None
    after: float | None = None
    ratio: float | None = None


def story_checks(spec: DatasetSpec) -> list[tuple[str, StoryCheck]]:
    """(story name, check) for every story of the library in ``spec`` (others are skipped;
    a check that does not validate against this spec's layer is skipped too)."""
    out: list[tuple[str, StoryCheck]] = []
    names = {m.name for m in spec.semantic.metrics}
    dims = {d.name for d in spec.semantic.dimensions}
    for s in spec.stories:
        raw = s.params.get("check") if s.params.get("library") == LIBRARY else None
        if not isinstance(raw, dict):
            continue
        try:
            check = StoryCheck.model_validate(raw)
        except ValidationError:
            continue
        queries = [check.detect, *([check.follow_up] if check.follow_up else [])]
        if all(q.metric in names and set(q.by) <= dims and {f.dimension for f in q.where} <= dims
               for q in queries):
            out.append((s.name, check))
    return out
