"""``demoforge.devtools.packaging`` on a small throw-away repository: deterministic zips, names that
follow content, the manifest Terraform reads, and clear errors for bad layouts.
Requirements are passed in (one text per function), so these tests need neither uv nor the
network."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from demoforge.devtools.packaging import PackagingError, content_hash, package_all

ROOT = Path(__file__).resolve().parents[3]
API_REQS = "flask==3.1.3\nfunctions-framework==3.10.2\n"
REQS = {"api": API_REQS, "research": "functions-framework==3.10.2\n"}


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A minimal checkout: two functions and a tiny demoforge package (with cache junk)."""
    r = tmp_path / "repo"
    (r / "functions" / "api").mkdir(parents=True)
    (r / "functions" / "research").mkdir(parents=True)
    (r / "functions" / "api" / "main.py").write_text("def api(request):\n    return 'ok'\n")
    (r / "functions" / "research" / "main.py").write_text("def handle(event):\n    return None\n")
    (r / "functions" / "empty").mkdir()  # a folder without main.py is not a function
    pkg = r / "shared" / "demoforge"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text('"""pkg"""\n')
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "data.sql").write_text("select 1\n")
    (pkg / "__pycache__").mkdir()
    (pkg / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"junk")
    (pkg / "local.duckdb").write_bytes(b"junk")
    return r


def test_one_zip_per_function_with_code_package_and_requirements(repo: Path, tmp_path: Path) -> None:
    zips = package_all(repo, tmp_path / "out", requirements=REQS)
    assert [z.name for z in zips] == ["api", "research"]
    assert [z.entry_point for z in zips] == ["api", "handle"]
    with zipfile.ZipFile(zips[1].path) as zf:
        assert sorted(zf.namelist()) == [
            "demoforge/__init__.py", "demoforge/sub/__init__.py", "demoforge/sub/data.sql",
            "main.py", "requirements.txt",
        ]
        assert zf.read("requirements.txt").decode() == REQS["research"]
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["functions"]["research"] == {
        "zip": zips[1].path.name, "sha256": zips[1].sha256, "entry_point": "handle",
        "requirements_sha256": hashlib.sha256(REQS["research"].encode()).hexdigest(),
    }
    assert zips[1].path.name == f"research-{zips[1].sha256[:16]}.zip"


def test_zips_are_byte_identical_across_builds_and_mtimes(repo: Path, tmp_path: Path) -> None:
    a = package_all(repo, tmp_path / "a", requirements=REQS)
    for f in repo.rglob("*.py"):
        f.touch()  # new mtimes must not change anything
    b = package_all(repo, tmp_path / "b", requirements=REQS)
    assert [z.path.name for z in a] == [z.path.name for z in b]
    assert all(x.path.read_bytes() == y.path.read_bytes() for x, y in zip(a, b, strict=True))


def test_changed_code_or_requirements_gives_a_new_name(repo: Path, tmp_path: Path) -> None:
    before = {z.name: z.path.name for z in package_all(repo, tmp_path / "o", requirements=REQS)}
    (repo / "shared" / "demoforge" / "sub" / "data.sql").write_text("select 2\n")
    after = {z.name: z.path.name for z in package_all(repo, tmp_path / "o", requirements=REQS)}
    assert before["api"] != after["api"] and before["research"] != after["research"]
    # The old zips are gone: the folder holds exactly what the manifest lists.
    assert sorted(p.name for p in (tmp_path / "o").glob("*.zip")) == sorted(after.values())
    # Requirements are per function: a new pin for one changes that zip only.
    bumped = package_all(
        repo, tmp_path / "o", requirements={**REQS, "api": API_REQS + "httpx==0.28.1\n"}
    )
    assert bumped[0].path.name != after["api"] and bumped[1].path.name == after["research"]


def test_content_hash_depends_on_names_and_bytes() -> None:
    base = {"main.py": b"x", "a/b.py": b"y"}
    assert content_hash(base) == content_hash(dict(reversed(list(base.items()))))
    assert content_hash(base) != content_hash({"main.py": b"x", "a/c.py": b"y"})
    assert content_hash(base) != content_hash({"main.py": b"x", "a/b.py": b"z"})
    # Length-prefixing keeps (name, bytes) boundaries unambiguous.
    assert content_hash({"ab": b"c"}) != content_hash({"a": b"bc"})


def test_bad_layouts_are_refused_with_a_reason(repo: Path, tmp_path: Path) -> None:
    with pytest.raises(PackagingError, match=r"unknown function\(s\) \['nope'\]"):
        package_all(repo, tmp_path / "o", ["nope"], requirements=REQS)
    (repo / "functions" / "api" / "requirements.txt").write_text("requests\n")
    with pytest.raises(PackagingError, match="must not contain .*requirements.txt"):
        package_all(repo, tmp_path / "o", ["api"], requirements=REQS)
    with pytest.raises(PackagingError, match=r"no requirements given for \['research'\]"):
        package_all(repo, tmp_path / "o", requirements={"api": API_REQS})
    shutil.rmtree(repo / "shared")
    with pytest.raises(PackagingError, match="no demoforge package"):
        package_all(repo, tmp_path / "o", ["research"], requirements=REQS)


def test_cli_reports_bad_input_with_exit_code_2(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from demoforge.entrypoints.cli import main

    code = main(["package", "--repo", str(repo), "--out", str(tmp_path / "o"), "--only", "zzz"])
    assert code == 2
    assert "unknown function(s) ['zzz']" in capsys.readouterr().err


def test_real_checkout_exports_pinned_requirements() -> None:
    if shutil.which("uv") is None:
        pytest.skip("uv is not on PATH")
    from demoforge.devtools.packaging import export_requirements

    reqs = export_requirements(ROOT).splitlines()
    assert all("==" in ln for ln in reqs), "every requirement is pinned exactly"
    names = {ln.split("==")[0].lower() for ln in reqs}
    assert {"functions-framework", "pydantic", "google-cloud-firestore"} <= names
    assert not names & {"pytest", "ruff", "mypy", "demoforge"}, "no dev tools, not the project"
