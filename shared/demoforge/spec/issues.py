"""Structured spec validation errors: each ``SpecIssue`` says what kind of rule failed, on
which table and column, and what to do. Code decides on the fields; the text (``str``) is
made only where a person or Claude reads it: the modeling repair round, the CLI, a job's
error.

A ``DatasetSpec`` that fails validation raises ``SpecInvalid`` (a ``ValueError`` carrying
the issues), which pydantic wraps into its ``ValidationError``; ``issues_of`` gets the
issues back out of that.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Literal, NamedTuple

from pydantic import ValidationError

IssueKind = Literal[
    "spec",  # the spec as a whole: no tables, too many tables
    "name",  # BigQuery naming rules and reserved words
    "duplicate",  # a table, column or foreign key declared twice
    "size",  # too many columns, rows or cells planned
    "row_count",  # row_count or children_per_parent out of bounds or inconsistent
    "primary_key",
    "foreign_key",
    "table_cycle",  # foreign keys between tables form a cycle
    "column_cycle",  # columns of one table depend on each other in a cycle
    "type",  # a generator or value that cannot produce / is not the column's type
    "generator",  # a generator's own settings (ranges, weights, profiles, slots)
    "expression",  # a derived expression outside the language, or reading a bad column
    "reference",  # a column or parent column read through a generator that is unusable
    "repeated",  # REPEATED column rules
    "effect",  # planted-story effects and their conditions
    "unsupported",  # STRUCT columns
    "description",
    "golden_query",
    "semantic",  # a metric or dimension reading an unknown table or column
    "rule",  # a consistency rule (case, match, started_by, until, only_when ...) that is unusable
    "consistency",  # the data would contradict itself (a shipment under a cancelled order ...)
]


@dataclasses.dataclass(frozen=True)
class SpecIssue:
    """One problem in a spec. ``table``/``column`` are None for spec-wide problems;
    ``effect`` (1-based, of the table) and ``query`` (1-based golden query) narrow it."""

    kind: IssueKind
    table: str | None
    column: str | None
    message: str
    effect: int | None = None
    query: int | None = None

    @property
    def where(self) -> str:
        if self.query is not None:
            return f"golden query {self.query}"
        if self.table is None:
            return "spec"
        where = f"table {self.table!r}"
        if self.column is not None:
            where += f" column {self.column!r}"
        if self.effect is not None:
            where += f" (effect {self.effect})"
        return where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class At(NamedTuple):
    """Where issues are found; ``at.issue(kind, message)`` makes one there."""

    table: str | None = None
    column: str | None = None
    effect: int | None = None

    def issue(self, kind: IssueKind, message: str) -> SpecIssue:
        return SpecIssue(kind, self.table, self.column, message, effect=self.effect)

    def on(self, column: str) -> At:
        return At(self.table, column, self.effect)


class SpecInvalid(ValueError):
    """The spec has problems; ``issues`` holds them all, ``str`` lists them for people."""

    def __init__(self, issues: Sequence[SpecIssue]) -> None:
        self.issues = tuple(issues)
        super().__init__(render(self.issues))


def render(issues: Sequence[SpecIssue]) -> str:
    return f"{len(issues)} problem(s) in dataset spec:\n- " + "\n- ".join(str(i) for i in issues)


def issues_of(error: ValidationError) -> list[SpecIssue]:
    """The spec issues inside a ``DatasetSpec`` validation error (empty when pydantic
    refused the input's shape before the spec rules ran)."""
    out: list[SpecIssue] = []
    for err in error.errors():
        cause = (err.get("ctx") or {}).get("error")
        if isinstance(cause, SpecInvalid):
            out += cause.issues
    return out
