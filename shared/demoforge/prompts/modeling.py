"""Prompts for the modeling phase: Claude designs a ``DatasetSpec`` for the prospect.

Claude answers through the ``design_dataset`` tool whose input schema is the DatasetSpec
JSON schema, with the closest industry template as a worked example. A spec that fails
validation gets one repair round with the exact validation errors.
"""

from __future__ import annotations

import json
from typing import Any

from demoforge.domain.results import MIN_GOLDEN_QUERIES

DESIGN_TOOL = "design_dataset"

DESIGN_SYSTEM = f"""You design synthetic BigQuery datasets for Conversational Analytics demos.
A Customer Engineer will show the prospect a data agent answering questions about data
that looks like the prospect's own business. Design the dataset as a DatasetSpec and
answer by calling the design_dataset tool exactly once.

Rules:
- 6 to 15 tables forming a star/snowflake schema around the business's core transactions.
  Every table and every column has a clear business description (the data agent reads them).
- Names: lowercase snake_case, letters/digits/underscores, no BigQuery reserved words.
- Every table has an INT64 or STRING primary key with a "sequence" (or "uuid") generator.
  Foreign keys reference a primary key, use the "foreign_key" generator, and are listed in
  the table's foreign_keys. No cycles between tables (a self-reference such as manager_id is fine).
- Child tables whose size depends on the parent (order lines) use children_per_parent.
  Dimension tables with named members (products, regions) use categorical generators with
  "cycle": true and "fixed_size": true.
- Use the prospect's real products and services as categorical values where they fit.
- Types: STRING, INT64, FLOAT64, NUMERIC (money), BOOL, DATE, TIMESTAMP. No STRUCT; REPEATED
  only for short tag lists (a categorical STRING/INT64 generator with items_min/items_max).
- Set the data where the prospect is: "country", "currency" (ISO 4217; give every money
  column "currency"), "language" (free text such as reviews and notes in that language),
  "locale" (fake generators' locale), "as_of" (the run date). Places: categorical values of
  the prospect's real cities and regions. Prices: the prospect's own offerings and prices.
- Timestamps: end on as_of and start 24-36 months earlier; growth trend, monthly/weekday/hour
  profiles, "dates" for the country's public holidays; "after" the parent's timestamp
  where it must be (an order after the sign-up, with "until" the churn date).
- Consistency rules (the spec is refused when the tables could contradict each other):
  a child of a parent that can be cancelled/voided/no_show/denied needs a categorical
  "cases" entry on the parent's status (no captured/shipped/settled values under it) or
  "exclude_parents" on its foreign key (shipments, payouts); a row naming a location and a
  staff member gives the staff foreign key "match" {{column: the location key, parent_column:
  the staff's location key}} and "started_by" (hired before the row); set "time_column" on
  every table with a time; a churn date uses "only_when" (status churned) and children stop
  at it ("after.until"); review text uses text "cases" on the rating; refunds have
  "refunded_at" after the payment and "only_when" status refunded.
- Add a "semantic" layer: metrics (revenue excludes cancelled/voided rows via "filters",
  with unit and currency) and dimensions; "kpis" name metric labels only.
- Plant 3-4 stories (regional_hotspot, churn_cohort, product_anomaly, seasonal_peak) with
  effects on the data; give each story the value its revealing query shows first (expected_top).
- At least {MIN_GOLDEN_QUERIES} golden queries graded simple -> medium -> hard -> expert, each a single
  read-only BigQuery Standard SQL SELECT (WITH allowed) over UNQUALIFIED table names
  (FROM orders o JOIN customers c ...). Link the query that reveals a story via "pattern".
  Order results so the most important row comes first. Avoid EXTRACT(DAYOFWEEK ...) and
  DATE_TRUNC on DATE columns; for months use FORMAT_TIMESTAMP('%Y-%m', ts) or EXTRACT(MONTH FROM ts).
- Keep the planned total around the requested number of rows.
- Be compact: omit every field whose value equals the schema default (a long answer is a
  slow answer)."""


def design_message(
    *, research: dict[str, Any], template: dict[str, Any], target_rows: int,
    setting: dict[str, Any] | None = None,
) -> str:
    return (
        "Prospect profile (JSON):\n"
        f"{json.dumps(research, ensure_ascii=False, indent=1)}\n\n"
        + (f"Setting (JSON): {json.dumps(setting, ensure_ascii=False)}\n\n" if setting else "")
        + f"Target size: about {target_rows:,} rows in total.\n\n"
        "Worked example: the dataset already built for this prospect's business shape, with "
        "their offerings, places and currency and every consistency rule. Improve it for this "
        "company (entities, KPIs, vocabulary); keep the rules and what already fits.\n"
        f"{json.dumps(template, ensure_ascii=False, separators=(',', ':'))}\n\n"
        f"Call {DESIGN_TOOL} with the complete DatasetSpec."
    )


def repair_message(*, previous: dict[str, Any], errors: list[str]) -> str:
    listed = "\n".join(f"- {e}" for e in errors[:40])
    return (
        "Your previous DatasetSpec did not pass validation. Fix every problem below and keep "
        "everything else as it was.\n\nProblems:\n"
        f"{listed}\n\nPrevious spec (JSON):\n"
        f"{json.dumps(previous, ensure_ascii=False, separators=(',', ':'))[:150_000]}\n\n"
        f"Call {DESIGN_TOOL} with the corrected, complete DatasetSpec."
    )
