"""``demoforge synth`` and ``demoforge templates`` through the real CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from demoforge.entrypoints.cli import main
from demoforge.spec.model import DatasetSpec
from demoforge.synth.templates import template_names


def test_synth_writes_spec_and_parquet_and_prints_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "pack"
    assert main(["synth", "--template", "telecom", "--rows", "20000", "--seed", "5", "--out", str(out), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert set(figures) == {"rows", "tables", "seconds", "rows_per_second", "peak_rss_mb"}
    spec = DatasetSpec.model_validate_json((out / "spec.json").read_text())
    assert spec.seed == 5 and spec.industry == "telecom"
    files = sorted(p.stem for p in (out / "data").glob("*.parquet"))
    assert files == sorted(t.name for t in spec.tables) and figures["tables"] == len(files)
    assert figures["rows"] == sum(pq.ParquetFile(p).metadata.num_rows for p in (out / "data").glob("*.parquet"))
    assert 18_000 <= figures["rows"] <= 22_000 and figures["rows_per_second"] > 0 and figures["peak_rss_mb"] > 10


def test_synth_rejects_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["synth", "--template", "spaceships", "--out", str(tmp_path)]) == 2
    assert "unknown template 'spaceships'" in capsys.readouterr().err
    assert main(["synth", "--template", "telecom", "--rows", "3", "--out", str(tmp_path)]) == 2
    assert "rows must be between" in capsys.readouterr().err


def test_templates_lists_every_template(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert [i["name"] for i in items] == template_names()
    assert all(i["industry"] == i["name"] and 6 <= i["tables"] <= 15 and i["golden_queries"] >= 12 for i in items)
    assert main(["templates"]) == 0
    assert "retail_ecommerce" in capsys.readouterr().out
