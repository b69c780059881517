"""localbq: finding Python 3.13 and its clear error when there is none."""

from __future__ import annotations

from pathlib import Path

import pytest

from demoforge.devtools import localbq


def test_missing_python_313_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(localbq.LocalBigQueryUnavailable, match=r"needs Python 3\.13"):
        localbq.find_python313(home=tmp_path, path=str(tmp_path))


def test_finds_a_pyenv_python_313(tmp_path: Path) -> None:
    exe = tmp_path / ".pyenv" / "versions" / "3.13.2" / "bin" / "python"
    exe.parent.mkdir(parents=True)
    exe.write_text("")
    assert localbq.find_python313(home=tmp_path, path=str(tmp_path)) == exe


def test_pinned_packages_include_every_extension_it_loads() -> None:
    assert "local-bigquery==0.3.1" in localbq.PACKAGES and "duckdb==1.5.5" in localbq.PACKAGES
    for ext in ("icu", "json", "parquet", "ducklake", "spatial"):
        assert f"duckdb-extension-{ext}==1.5.5" in localbq.PACKAGES
