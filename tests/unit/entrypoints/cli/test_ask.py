"""The industry question on a terminal: a bad answer is asked again (not the end of the
run), the progress display is paused while asking, an empty answer leaves the job waiting
with the command that answers it later."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest

from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.adapters.memory_bus import MemoryBus
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.bootstrap import Container
from demoforge.domain.job import Clarification, JobDoc, JobStatus, Phase, PhaseStatus
from demoforge.entrypoints.cli import run
from demoforge.settings import Settings

ARGS = argparse.Namespace(json=False)


@pytest.fixture
def waiting(tmp_path: Path) -> tuple[Container, JobDoc]:
    deps = Container(Settings(home=tmp_path), store=SQLiteJobStore(tmp_path / "jobs.sqlite"),
                     bus=MemoryBus(), artifacts=LocalArtifactStore(tmp_path))
    job = JobDoc(job_id="w1", customer_url="https://e.com/", status=JobStatus.WAITING,
                 clarification=Clarification(question="Which industry?",
                                             candidates=["insurance", "healthcare"]))
    job.phase(Phase.RESEARCH).status = PhaseStatus.WAITING
    deps.store.create(job)
    return deps, job


def test_a_typo_is_asked_again_then_the_answer_resumes(waiting, capsys) -> None:
    deps, job = waiting
    answers = iter(["insurence", "7", "2"])
    asked: list[str] = []

    def read(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    assert run.ask(deps, job, ARGS, read=read, interactive=True) is True
    assert len(asked) == 3
    err = capsys.readouterr().err
    assert "'insurence' is neither" in err and "'7' is neither" in err
    stored = deps.store.get("w1")
    assert stored is not None and stored.status == JobStatus.RUNNING
    assert stored.results["research"]["industry"] == "healthcare"


def test_empty_answer_or_eof_leaves_it_waiting_with_the_answer_command(waiting, capsys) -> None:
    deps, job = waiting
    assert run.ask(deps, job, ARGS, read=lambda p: "", interactive=True) is False

    def eof(prompt: str) -> str:
        raise EOFError

    assert run.ask(deps, job, ARGS, read=eof, interactive=True) is False
    assert "demoforge answer w1 --industry NAME" in capsys.readouterr().err
    assert deps.store.get("w1").status == JobStatus.WAITING


def test_not_a_terminal_never_reads(waiting, capsys) -> None:
    deps, job = waiting

    def never(prompt: str) -> str:
        raise AssertionError("must not read stdin when it is not a terminal")

    assert run.ask(deps, job, ARGS, read=never, interactive=False) is False
    assert "Candidates: insurance, healthcare" in capsys.readouterr().err


def test_the_progress_display_pauses_while_asking() -> None:
    from rich.console import Console
    from rich.progress import Progress

    show = run._Display(enabled=True)
    show.progress = Progress(console=Console(force_terminal=True, file=io.StringIO()))
    show.progress.start()
    live = show.progress.live
    with show.paused():
        assert show.is_paused and not live.is_started  # no redraw over the question
    assert not show.is_paused and live.is_started
    show.progress.stop()
