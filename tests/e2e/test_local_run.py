"""The README's main command, end to end: ``demoforge run`` on a bundled sample, offline,
on the embedded defaults; and its bad-input exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

pytestmark = pytest.mark.e2e


def demoforge(*args: str, home: Path, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "DEMOFORGE_"))}
    env["DEMOFORGE_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "demoforge.entrypoints.cli", *args], env=env, text=True,
                          capture_output=True, timeout=timeout, check=False)


def test_run_sample_offline_writes_a_complete_demo_pack(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    proc = demoforge("run", "--sample", "alpine-outfitters", "--out", str(out), "--quiet",
                     home=tmp_path / "home")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    job = json.loads((out / "job.json").read_text())
    assert job["status"] == "completed" and job["progress"] == 100
    assert all(p["status"] == "done" and p["duration_s"] is not None for p in job["phases"].values())
    assert job["results"]["research"]["industry"] == "retail_ecommerce"
    spec = json.loads((out / "spec.json").read_text())
    tables = {t["name"]: t for t in spec["tables"]}
    for name in tables:
        parquet = out / "data" / f"{name}.parquet"
        assert parquet.is_file(), name
        assert pq.read_metadata(parquet).num_rows > 0
    assert (out / "warehouse.duckdb").is_file()
    golden = json.loads((out / "golden_queries.json").read_text())
    assert len(golden) >= 12 and all(q["status"] == "passed" and q["row_count"] > 0 for q in golden)
    agent = json.loads((out / "agent.json").read_text())
    assert "Alpine Outfitters" in json.dumps(agent)
    html = (out / "index.html").read_text()
    assert "<svg" in html and "Alpine Outfitters" in html


def test_bad_url_exits_2(tmp_path: Path) -> None:
    proc = demoforge("run", "ftp://example.com/", "--quiet", home=tmp_path)
    assert proc.returncode == 2
    assert "http or https" in proc.stderr


def test_loopback_is_refused_without_the_flag(tmp_path: Path) -> None:
    proc = demoforge("run", "http://127.0.0.1:9/", "--quiet", "--out", str(tmp_path / "p"), home=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    # Refused by the URL policy before any job exists (the api's check): no pack, no job.
    assert "loopback address" in proc.stderr and "--allow-private-network" in proc.stderr
    assert not (tmp_path / "p").exists()


def test_unknown_sample_exits_2(tmp_path: Path) -> None:
    proc = demoforge("run", "--sample", "nope", home=tmp_path)
    assert proc.returncode == 2 and "alpine-outfitters" in proc.stderr
