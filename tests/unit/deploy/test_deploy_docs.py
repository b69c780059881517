"""What the deploy guide promises about expiry matches what the code does: BigQuery sets a
*default table expiration* on each demo dataset, so tables expire and the (empty) dataset
and its data agent stay. The guide used to say "datasets also expire"."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_only_tables_expire_in_code_and_in_the_guide() -> None:
    adapter = (ROOT / "shared" / "demoforge" / "adapters" / "bigquery_warehouse.py").read_text()
    assert "default_table_expiration_ms" in adapter
    assert not re.search(r"\.expires\s*=|dataset_expiration", adapter), "datasets expire now: update the guide"
    guide = (ROOT / "terraform" / "README.md").read_text()
    assert not re.search(r"datasets (also )?expire", guide, re.I)
    assert "Only tables expire on their own" in guide
    variables = (ROOT / "terraform" / "variables.tf").read_text()
    ttl = re.search(r'variable "dataset_ttl_days" \{\n\s*description = "([^"]*)"', variables)
    assert ttl and "table expiration" in ttl.group(1) and "datasets expire" not in ttl.group(1)
