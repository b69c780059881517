"""One realism check's outcome (shared by ``realism`` and ``consistency_checks``)."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class CheckResult:
    name: str
    passed: bool
    detail: str
