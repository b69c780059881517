"""Phase bodies, one module per phase, looked up by ``Phase``.

Imports are lazy so a function only loads the code (and SDKs) its own phase needs:
cold start time matters for Cloud Functions.
"""

from __future__ import annotations

import importlib

from demoforge.domain.job import Phase
from demoforge.service.cleanup import OutputRemover
from demoforge.service.phase import PhaseBody, PhaseContext, PhaseOutput

__all__ = ["PhaseBody", "PhaseContext", "PhaseOutput", "body_for", "outputs_for"]


def body_for(phase: Phase) -> PhaseBody:
    module = importlib.import_module(f"demoforge.phases.{phase.value}")
    body: PhaseBody = module.run
    return body


def outputs_for(phase: Phase) -> OutputRemover | None:
    """The phase module's ``remove_outputs`` (what it creates besides artifacts), if any."""
    module = importlib.import_module(f"demoforge.phases.{phase.value}")
    remover: OutputRemover | None = getattr(module, "remove_outputs", None)
    return remover
