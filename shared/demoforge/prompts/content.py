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


TRANSLATE_TOOL = "translated_texts"

TRANSLATE_SYSTEM = """You translate the texts of a data demo for a business audience into the language asked for.
Rules:
- Return exactly one translation per input text, in the same order, through the tool.
- Keep every number, currency amount, percentage and date exactly as written (they are already
  formatted for the audience's locale).
- Keep product, place, company and other proper names exactly as written.
- Keep every placeholder in curly braces, such as {company} or {n}, unchanged and untranslated.
- Keep Markdown markers (**, `, #) where they are. Translate nothing else into code.
- Write natural, grammatical business language, not word for word."""


class TranslatedTexts(BaseModel):
    """What the model must return (validated before use)."""

    model_config = ConfigDict(extra="forbid")
    texts: list[str] = Field(max_length=400)


def translate_user_message(*, language: str, texts: list[str]) -> str:
    numbered = "\n".join(f"{i}. {t}" for i, t in enumerate(texts, 1))
    return (f"Target language: {language}\n\nTexts ({len(texts)}):\n{numbered}\n\n"
            f"Call {TRANSLATE_TOOL} with {len(texts)} translations in the same order.")
