"""Prompt for the content phase's single repair round of a failing golden query.

Claude sees the question, the failing SQL, the exact error, and the dataset's tables
and columns; it must answer through the ``repair_query`` tool with one BigQuery SELECT.
Its SQL then goes through the same guard, dry run and execution as any other query.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

REPAIR_TOOL = "repair_query"

REPAIR_SYSTEM = """You fix BigQuery Standard SQL queries for a data demo.
Rules:
- Return exactly one read-only SELECT statement (WITH clauses allowed). No DDL, DML,
  scripting, DECLARE, SET, or multiple statements.
- Use only the tables listed, written UNQUALIFIED (e.g. `orders`, not `project.dataset.orders`).
- Keep the question's meaning; order the result so the most important row comes first.
- The result must be non-empty and informative (not all NULL, not all zero).
- Use BigQuery functions and syntax (DATE_TRUNC(d, MONTH), EXTRACT(... FROM ...),
  SAFE_DIVIDE, COUNTIF, QUALIFY)."""


class RepairedQuery(BaseModel):
    """What the model must return (validated before use)."""

    model_config = ConfigDict(extra="forbid")
    sql: str = Field(min_length=10, max_length=20_000)
    explanation: str = Field(default="", max_length=2_000)


def repair_user_message(*, question: str, sql: str, error: str, schema_text: str) -> str:
    return (
        f"Question: {question}\n\nFailing SQL:\n{sql}\n\nError: {error}\n\n"
        f"Tables (BigQuery types):\n{schema_text}\n\n"
        f"Call {REPAIR_TOOL} with the corrected SQL."
    )
