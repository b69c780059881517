"""``cloudbuild.yaml`` lint (text level, no YAML dependency): Cloud Build expands ``$NAME``
itself, so every shell ``$`` must be written ``$$``; every user substitution is declared
and used; the deploy only runs after lint, Terraform checks and tests passed."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
BUILTINS = {"PROJECT_ID", "BUILD_ID", "PROJECT_NUMBER", "LOCATION", "COMMIT_SHA", "SHORT_SHA"}


def substitution_problems(text: str) -> list[str]:
    problems: list[str] = []
    body = "\n".join(ln.split(" #", 1)[0] for ln in text.splitlines() if not ln.lstrip().startswith("#"))
    for m in re.finditer(r"\$(\$|\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*|.)", body):
        tok = m.group(1)
        if tok == "$":
            continue
        name = tok.strip("{}")
        if not (name.startswith("_") or name in BUILTINS):
            problems.append(f"${tok} would be expanded (or rejected) by Cloud Build: write $${tok}")
    declared = set(re.findall(r"^  (_[A-Z0-9_]+):", text, re.M))
    used = set(re.findall(r"\$\{(_[A-Z0-9_]+)\}", body))
    if declared != used:
        problems.append(f"declared {sorted(declared)} but used {sorted(used)}")
    return problems


def test_cloudbuild_substitutions_are_escaped_declared_and_used() -> None:
    text = (ROOT / "cloudbuild.yaml").read_text()
    assert substitution_problems(text) == []


def test_lint_catches_an_unescaped_shell_variable() -> None:
    bad = 'substitutions:\n  _REGION: x\nsteps:\n  - args: ["echo $PATH ${_REGION}"]\n'
    assert substitution_problems(bad) == [
        "$PATH would be expanded (or rejected) by Cloud Build: write $$PATH"
    ]


def test_deploy_waits_for_every_check() -> None:
    text = (ROOT / "cloudbuild.yaml").read_text()
    ids = re.findall(r"^  - id: ([\w-]+)", text, re.M)
    assert ids.index("package") > max(ids.index(s) for s in ("lint", "terraform-checks", "tests"))
    assert ids[-3:] == ["terraform-init", "terraform-plan", "terraform-apply"]
    waits = dict(re.findall(r"^  - id: ([\w-]+)\n(?:(?!^  - id:).*\n)*?    waitFor: \[(.*)\]", text, re.M))
    assert set(waits["package"].replace(" ", "").split(",")) == {"lint", "terraform-checks", "tests"}
    assert waits["terraform-init"] == "package"
    assert waits["terraform-apply"] == "terraform-plan"
