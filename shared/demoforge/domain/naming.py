"""Deterministic, BigQuery-safe names derived from what a person typed or research found
(company names). One function, so the dataset name and the spec name always agree."""

from __future__ import annotations

import re
import unicodedata


def slug(text: str, max_len: int = 40, default: str = "company") -> str:
    """Lowercase ``[a-z0-9_]`` slug (BigQuery dataset-name safe). Accents are folded
    (``Café Müller`` -> ``cafe_muller``) so names stay recognisable to the prospect."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"[^a-z0-9]+", "_", folded.lower()).strip("_")
    return s[:max_len].rstrip("_") or default


def dataset_name(company_name: str, job_id: str) -> str:
    """The job's BigQuery dataset, ``demo_<company slug>_<first 8 of the job id>``:
    deterministic, so a redelivered warehouse phase reuses it and a teardown finds it
    even when the phase crashed before recording it."""
    short = re.sub(r"[^a-z0-9]", "_", job_id[:8].lower())
    return f"demo_{slug(company_name)}_{short}"
