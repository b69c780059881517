"""``cloudbuild.yaml`` lint (text level, no YAML dependency): Cloud Build expands ``$NAME``
itself, so every shell ``$`` must be written ``$$``; every user substitution is declared
and used; the deploy only runs after lint, Terraform checks and tests passed; every image
(and the uv pin) is pinned and recorded in ``cloudbuild-images.txt`` as checked to exist,
and not yet deleted by its registry; the Terraform variables it sets exist."""

from __future__ import annotations

import datetime as dt
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


# ------------------------------------------------------- images: pinned, recorded, alive

RECORD = ROOT / "cloudbuild-images.txt"
FLOATING = {"latest", "slim", "emulators", "stable", "alpine", "debian_component_based"}


def recorded(text: str) -> dict[str, tuple[dt.date, dt.date | None]]:
    """cloudbuild-images.txt: pin -> (day checked, day its registry deletes it or None)."""
    out: dict[str, tuple[dt.date, dt.date | None]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("|")]
        assert len(fields) == 4, f"want 'pin | checked DAY | retained-until DAY|never | how': {line}"
        pin, checked, until, how = fields
        assert checked.startswith("checked ") and until.startswith("retained-until "), line
        assert len(how) >= 20, f"say how {pin} was checked"
        kept = until.removeprefix("retained-until ")
        out[pin] = (dt.date.fromisoformat(checked.removeprefix("checked ")),
                    None if kept == "never" else dt.date.fromisoformat(kept))
    return out


def used_pins(cloudbuild: str) -> set[str]:
    images = set(re.findall(r"^    name: (\S+)$", cloudbuild, re.M))
    pips = {f"pypi:{m}" for m in re.findall(r"pip install [^\n]*?\b([A-Za-z0-9_.-]+==[\w.]+)", cloudbuild)}
    return images | pips


def image_problems(cloudbuild: str, record: str, today: dt.date) -> list[str]:
    problems: list[str] = []
    rec = recorded(record)
    used = used_pins(cloudbuild)
    for pin in sorted(used):
        if pin.startswith("pypi:"):
            if not re.fullmatch(r"pypi:[\w.-]+==\d+(\.\d+)+", pin):
                problems.append(f"{pin}: pin an exact version")
        else:
            name, _, tag = pin.rpartition(":")
            if not name or "/" in tag or tag in FLOATING or not re.search(r"\d+\.\d+", tag):
                problems.append(f"{pin}: floating or missing tag; pin a version")
            m = re.fullmatch(r"ghcr\.io/astral-sh/uv:(\d+)\.(\d+)\.\d+-.*bookworm.*", pin)
            if m and (int(m.group(1)), int(m.group(2))) >= (0, 10):
                problems.append(f"{pin}: uv publishes no bookworm images from 0.10 on")
        if pin not in rec:
            problems.append(f"{pin}: not in cloudbuild-images.txt (check it exists, then record it)")
            continue
        checked, until = rec[pin]
        if checked > today:
            problems.append(f"{pin}: checked in the future ({checked})")
        if until is not None and until <= today:
            problems.append(f"{pin}: its registry deletes it by {until}; pick a newer one and record it")
    problems += [f"{pin}: recorded but not used" for pin in sorted(set(rec) - used)]
    return problems


def test_every_image_is_pinned_recorded_and_still_kept() -> None:
    problems = image_problems((ROOT / "cloudbuild.yaml").read_text(), RECORD.read_text(),
                              dt.date.today())
    assert problems == []


def test_image_check_catches_what_broke_the_first_deploy() -> None:
    record = ("old:1.0.0 | checked 2026-01-02 | retained-until 2026-06-01 | was in a registry once\n"
              "gone:2.0.0 | checked 2026-01-02 | retained-until never | nobody uses this any more\n")
    cloudbuild = (
        "steps:\n"
        "  - id: a\n    name: ghcr.io/astral-sh/uv:0.13.8-bookworm-slim\n"
        "  - id: b\n    name: gcr.io/google.com/cloudsdktool/google-cloud-cli:emulators\n"
        "  - id: c\n    name: old:1.0.0\n"
        "  - id: d\n    args: [\"pip install uv==0.13\"]\n"
    )
    assert image_problems(cloudbuild, record, dt.date(2026, 12, 1)) == [
        "gcr.io/google.com/cloudsdktool/google-cloud-cli:emulators: floating or missing tag; pin a version",
        "gcr.io/google.com/cloudsdktool/google-cloud-cli:emulators: not in cloudbuild-images.txt "
        "(check it exists, then record it)",
        "ghcr.io/astral-sh/uv:0.13.8-bookworm-slim: uv publishes no bookworm images from 0.10 on",
        "ghcr.io/astral-sh/uv:0.13.8-bookworm-slim: not in cloudbuild-images.txt "
        "(check it exists, then record it)",
        "old:1.0.0: its registry deletes it by 2026-06-01; pick a newer one and record it",
        "pypi:uv==0.13: not in cloudbuild-images.txt (check it exists, then record it)",
        "gone:2.0.0: recorded but not used",
    ]


def test_terraform_variables_set_by_the_build_exist() -> None:
    text = (ROOT / "cloudbuild.yaml").read_text()
    variables = set(re.findall(r'^variable "(\w+)"', (ROOT / "terraform" / "variables.tf").read_text(), re.M))
    passed = set(re.findall(r"TF_VAR_(\w+)=", text))
    assert passed and passed <= variables, passed - variables
