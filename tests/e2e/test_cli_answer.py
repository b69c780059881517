"""The CLI answers its own questions: a job research is unsure about exits 3 (waiting,
not failed), `demoforge jobs` lists it with its question, and `demoforge answer` resumes
the same job, in the same demo pack, without researching again. A bad URL exits 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def demoforge(*args: str, home: Path, env: dict[str, str] | None = None,
              timeout: float = 180) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "DEMOFORGE_"))}
    base.update(DEMOFORGE_HOME=str(home), **(env or {}))
    return subprocess.run([sys.executable, "-m", "demoforge.entrypoints.cli", *args], env=base,
                          text=True, capture_output=True, timeout=timeout, check=False,
                          stdin=subprocess.DEVNULL)


def test_waiting_exits_3_then_answer_resumes_the_same_job(tmp_path: Path) -> None:
    home, out = tmp_path / "home", tmp_path / "pack"
    # No offline analysis is ever fully sure: with a threshold of 1 research always asks.
    unsure = {"DEMOFORGE_CONFIDENCE_THRESHOLD": "1"}
    run = demoforge("run", "--sample", "ledgerly", "--out", str(out), "--quiet", "--rows", "20000",
                    home=home, env=unsure)
    assert run.returncode == 3, run.stdout + run.stderr
    job = json.loads((out / "job.json").read_text())
    job_id = job["job_id"]
    assert job["status"] == "waiting" and job["phases"]["research"]["status"] == "waiting"
    assert f"demoforge answer {job_id} --industry NAME" in run.stderr

    listed = demoforge("jobs", home=home)
    assert listed.returncode == 0, listed.stderr
    assert job_id in listed.stdout and "waiting" in listed.stdout
    assert f"demoforge answer {job_id}" in listed.stdout

    bad = demoforge("answer", job_id, "--industry", "spaceships", home=home)
    assert bad.returncode == 2
    unknown = demoforge("answer", "nosuchjob", "--industry", "saas_software", home=home)
    assert unknown.returncode == 2 and "no local job" in unknown.stderr

    answered = demoforge("answer", job_id, "--industry", "saas_software", "--notes", "B2B invoicing",
                         "--quiet", home=home, env=unsure)
    assert answered.returncode == 0, answered.stdout + answered.stderr
    job = json.loads((out / "job.json").read_text())
    assert job["job_id"] == job_id and job["status"] == "completed"
    assert job["phases"]["research"]["attempts"] == 1  # not researched again
    assert job["results"]["research"]["source"] == "answer"
    assert job["results"]["modeling"]["template"] == "saas_software"
    assert (out / "index.html").is_file()
    again = demoforge("answer", job_id, "--industry", "saas_software", home=home)
    assert again.returncode == 2 and "not waiting" in again.stderr

    listed = demoforge("jobs", "--json", home=home)
    assert [j["status"] for j in json.loads(listed.stdout)] == ["completed"]


@pytest.mark.parametrize("url", ["not a url", "ftp://example.com/", "http://169.254.169.254/latest/"])
def test_bad_url_exits_2(tmp_path: Path, url: str) -> None:
    proc = demoforge("run", url, "--quiet", "--out", str(tmp_path / "p"), home=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
