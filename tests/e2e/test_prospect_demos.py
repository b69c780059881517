"""The prospect recognises their business: ``demoforge run`` offline on each bundled sample
and on a German dev page (``../shared/sites/dev``, skipped where absent) builds a demo
whose data carries the prospect's own offerings, places and currency, in their shape, and
whose script speaks their language with their offerings in it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from demoforge.devtools import samples

pytestmark = pytest.mark.e2e

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "sites" / "dev"


def demoforge(*args: str, home: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "DEMOFORGE_"))}
    env["DEMOFORGE_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "demoforge.entrypoints.cli", *args], env=env, text=True,
                          capture_output=True, timeout=timeout, check=False)


def column_values(out: Path, spec: dict[str, Any], pick: Any) -> set[str]:
    """Every value of the columns ``pick(table, column)`` selects, from the written Parquet."""
    values: set[str] = set()
    for t in spec["tables"]:
        for c in t["columns"]:
            if pick(t, c):
                col = pq.read_table(out / "data" / f"{t['name']}.parquet", columns=[c["name"]]).column(0)
                values |= {str(v) for v in col.to_pylist() if v is not None}
    return values


def check_demo(out: Path) -> tuple[dict[str, Any], dict[str, Any], str]:
    job = json.loads((out / "job.json").read_text())
    assert job["status"] == "completed", job.get("error")
    research = job["results"]["research"]
    spec = json.loads((out / "spec.json").read_text())
    script = (out / "demo_script.md").read_text()
    # Their currency and country, in the spec and beside every money column.
    assert spec["currency"] == research["currency"] and spec["country"] == research["country"]
    money = [c for t in spec["tables"] for c in t["columns"] if c.get("currency")]
    assert money and all(c["currency"] == spec["currency"] for c in money)
    # Their offerings are the catalogue's names (the first ones the site lists, at least).
    offered = [o["name"] for o in research["offerings"]]
    names = column_values(out, spec, lambda t, c: c.get("role") == "product_name")
    assert offered and names
    listed = [o for o in offered if o in names]
    assert len(listed) >= min(3, len(offered)), (offered, sorted(names)[:20])
    assert any(o in script for o in offered), "the script names none of the prospect's offerings"
    # Their places: where the business has sites, every city research found is one of
    # them in the data, and the script says so; otherwise the script says where it is based.
    cities = {loc["city"] for loc in research.get("locations") or [] if loc.get("city")}
    in_data = column_values(out, spec, lambda t, c: c["name"] == "city")
    assert len(in_data) >= 10  # customers live in many real places of the country
    if any(d["name"] == "location" for d in spec["semantic"]["dimensions"]):
        assert cities <= in_data, (cities, sorted(in_data)[:20])
    assert all(city in script for city in sorted(cities)[:3])
    # Stories and questions built from the data's own semantic layer, in the job's language.
    assert spec["semantic"]["metrics"] and spec["stories"]
    golden = json.loads((out / "golden_queries.json").read_text())
    assert len(golden) >= 12 and all(q["status"] == "passed" for q in golden)
    return research, spec, script


@pytest.mark.parametrize("name", samples.names())
def test_each_bundled_sample_demo_is_about_that_business(name: str, tmp_path: Path) -> None:
    out = tmp_path / "pack"
    proc = demoforge("run", "--sample", name, "--out", str(out), "--quiet", home=tmp_path / "home")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    research, spec, script = check_demo(out)
    assert spec["language"] == research["language"] == "en"


@pytest.fixture
def german_shop() -> Iterator[str]:
    page = DEV / "ebrosia.de.zinfandel.html"
    if not page.is_file():
        pytest.skip(f"{page} is absent (the dev pages live outside the repository, beside it)")
    with samples.serve_dir(DEV) as base:
        yield f"{base.rstrip('/')}/{page.name}"


def test_a_german_online_shop_gets_a_german_demo_in_euro(german_shop: str, tmp_path: Path) -> None:
    out = tmp_path / "pack"
    proc = demoforge("run", german_shop, "--allow-private-network", "--industry", "retail_ecommerce",
                     "--out", str(out), "--quiet", home=tmp_path / "home")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    research, spec, script = check_demo(out)
    assert (research["currency"], research["country"], spec["language"]) == ("EUR", "DE", "de")
    assert spec["shape"] == "retail.online_shop"
    # German, with German number formats and the euro sign; no English talk-track headings.
    assert "Ablauf" in script and "€" in script and "Agenda" not in script
    regions = column_values(out, spec, lambda t, c: c["name"] == "region")
    assert {"Bayern", "Sachsen"} & regions, sorted(regions)
