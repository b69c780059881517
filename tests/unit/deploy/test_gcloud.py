"""The gcloud commands the deploy relies on, checked against gcloud itself (installed on
this image; the tests skip, saying so, where it is not):

- the documented ``gcloud builds submit --substitutions=...`` lines parse, with gcloud's own
  flag definition (``ArgDict``), into the substitutions cloudbuild.yaml declares; the comma
  form the README used to show fails exactly as it did for users ("Bad syntax for dict arg");
- every flag ``terraform/scripts/set-dead-letter.sh`` passes exists in ``gcloud ... --help``
  of its command, and so does every gcloud command and flag ``terraform/README.md`` shows.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "terraform" / "scripts" / "set-dead-letter.sh"
ANSI = re.compile(r"\x1b\[[0-9;]*m")

PARSE = r"""
import argparse, json, sys
sys.path[:0] = [sys.argv[1] + "/lib", sys.argv[1] + "/lib/third_party"]
from googlecloudsdk.command_lib.builds import flags

class Parser(argparse.ArgumentParser):
    def add_argument(self, *args, hidden=False, **kwargs):  # calliope's extra keyword
        return super().add_argument(*args, **kwargs)
    def error(self, message):
        print(json.dumps({"error": message})); sys.exit(0)

parser = Parser()
flags.AddSubstitutionsFlag(parser)  # the real --substitutions definition of `builds submit`
ns = parser.parse_args(["--substitutions=" + sys.argv[2]])
print(json.dumps({"value": dict(ns.substitutions)}))
"""


@pytest.fixture(scope="module")
def sdk() -> tuple[Path, Path]:
    """(the SDK's root, the Python gcloud runs on)."""
    gcloud = shutil.which("gcloud")
    if gcloud is None:
        pytest.skip("gcloud is not installed here: the gcloud flag checks need it")
    root = Path(os.path.realpath(gcloud)).parent.parent
    python = root / "platform" / "bundledpythonunix" / "bin" / "python3"
    if not python.exists():
        found = os.environ.get("CLOUDSDK_PYTHON") or shutil.which("python3")
        assert found, "no Python for gcloud"
        python = Path(found)
    if not (root / "lib" / "googlecloudsdk").is_dir():
        pytest.skip(f"no googlecloudsdk library under {root}")
    return root, python


class Help:
    """``gcloud WORDS --help``, run once per command (each run takes a second or two)."""

    def __init__(self, config_dir: Path) -> None:
        self.env = {**os.environ, "CLOUDSDK_CONFIG": str(config_dir),
                    "CLOUDSDK_CORE_DISABLE_PROMPTS": "1",
                    "CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK": "1"}
        self._seen: dict[tuple[str, ...], tuple[int, str, str]] = {}

    def __call__(self, words: list[str]) -> tuple[int, str, str]:
        """(exit code, help text without colours, stderr)."""
        key = tuple(words)
        if key not in self._seen:
            out = subprocess.run(["gcloud", *words, "--help"], capture_output=True, text=True,
                                 env=self.env, timeout=120)
            self._seen[key] = (out.returncode, ANSI.sub("", out.stdout), out.stderr)
        return self._seen[key]


@pytest.fixture(scope="module")
def gcloud_help(sdk: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Help:
    return Help(tmp_path_factory.mktemp("gcloud-config"))


def parse_substitutions(sdk: tuple[Path, Path], value: str) -> dict[str, Any]:
    root, python = sdk
    out = subprocess.run([str(python), "-c", PARSE, str(root), value], capture_output=True,
                         text=True, timeout=60, check=True)
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def documented_substitutions() -> list[tuple[str, str]]:
    """(where, --substitutions value) of every `gcloud builds submit` command we document."""
    found: list[tuple[str, str]] = []
    sources = {
        "cloudbuild.yaml": "\n".join(ln.lstrip("# ") for ln in
                                     (ROOT / "cloudbuild.yaml").read_text().splitlines()
                                     if ln.startswith("#")),
        "terraform/README.md": (ROOT / "terraform" / "README.md").read_text(),
    }
    for where, text in sources.items():
        joined = re.sub(r"\\\n\s*", " ", text)
        for line in joined.splitlines():
            if "gcloud builds submit" not in line or "--substitutions" not in line:
                continue
            words = shlex.split(line[line.index("gcloud builds submit"):])
            for w in words:
                if w.startswith("--substitutions="):
                    found.append((where, w.split("=", 1)[1]))
    return found


def declared_substitutions() -> set[str]:
    return set(re.findall(r"^  (_[A-Z0-9_]+):", (ROOT / "cloudbuild.yaml").read_text(), re.M))


def test_documented_deploy_commands_parse_with_gcloud(sdk: tuple[Path, Path]) -> None:
    docs = documented_substitutions()
    assert {w for w, _ in docs} == {"cloudbuild.yaml", "terraform/README.md"}, docs
    for where, value in docs:
        parsed = parse_substitutions(sdk, value)
        assert "value" in parsed, f"{where}: gcloud refuses {value!r}: {parsed.get('error')}"
        subs = parsed["value"]
        assert set(subs) <= declared_substitutions(), f"{where}: undeclared {set(subs)}"
        invokers = json.loads(subs["_API_INVOKERS"])  # what TF_VAR_api_invoker_principals gets
        assert len(invokers) >= 2 and all(":" in m for m in invokers), invokers


def test_the_comma_form_fails_as_it_did_for_users(sdk: tuple[Path, Path]) -> None:
    parsed = parse_substitutions(
        sdk, '_REGION=europe-west1,_API_INVOKERS=["user:you@example.com","group:ces@example.com"]')
    assert "Bad syntax for dict arg" in parsed["error"]


def gcloud_calls(script: str) -> list[tuple[list[str], set[str]]]:
    """(command words, flags) of every gcloud invocation in a shell script: commands that
    start a line or a ``$(...)``; comments and messages that merely name gcloud are not."""
    joined = re.sub(r"\\\n\s*", " ", script)
    calls: list[tuple[list[str], set[str]]] = []
    for line in joined.splitlines():
        m = re.match(r"\s*(?:[\w]+=\"\$\()?gcloud((?:\s+[a-z][a-z0-9-]*)+)(.*)", line)
        if not m:
            continue
        rest = re.split(r"\)\"|\s>|\s\|", m.group(2), maxsplit=1)[0]
        calls.append((m.group(1).split(), set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*)", rest))))
    return calls


def missing_flags(help_text: str, used: set[str]) -> set[str]:
    text = ANSI.sub("", help_text)
    return {f for f in used if not re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", text)}


def test_dead_letter_script_flags_exist_in_gcloud_help(gcloud_help: Help) -> None:
    calls = gcloud_calls(SCRIPT.read_text())
    assert [w for w, _ in calls] == [
        ["eventarc", "triggers", "describe"],
        ["pubsub", "subscriptions", "add-iam-policy-binding"],
        ["pubsub", "subscriptions", "update"],
    ]
    for words, used in calls:
        rc, text, err = gcloud_help(words)
        assert rc == 0, f"gcloud {' '.join(words)} --help: {err[-400:]}"
        assert missing_flags(text, used) == set(), f"gcloud {' '.join(words)}"
        if words[-1] == "update":
            # the check can fail: a misspelt flag is reported
            assert missing_flags(text, {"--dead-letter-topics"}) == {"--dead-letter-topics"}


def test_builds_submit_takes_the_flags_we_document(gcloud_help: Help) -> None:
    rc, text, err = gcloud_help(["builds", "submit"])
    assert rc == 0, err[-400:]
    assert missing_flags(text, {"--config", "--substitutions"}) == set()


def code_spans(markdown: str) -> list[str]:
    """Fenced code blocks (continuation lines joined) and inline `code` of a Markdown page."""
    spans: list[str] = []
    fenced = re.findall(r"```[a-z]*\n(.*?)```", markdown, re.S)
    for block in fenced:
        spans += re.sub(r"\\\n\s*", " ", block).splitlines()
    rest = re.sub(r"```[a-z]*\n.*?```", "", markdown, flags=re.S)
    spans += re.findall(r"`([^`\n]+)`", re.sub(r"\n(?=[^\n])", " ", rest))
    return spans


def readme_calls(markdown: str) -> list[tuple[list[str], set[str]]]:
    calls: list[tuple[list[str], set[str]]] = []
    for span in code_spans(markdown):
        for m in re.finditer(r"(?<![\w-])gcloud((?:\s+[a-z][a-z0-9-]*(?=[\s)|;&`]|$))+)([^|)&;#`]*)", span):
            rest = m.group(2)
            calls.append((m.group(1).split(), set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*)", rest))))
    return calls


@pytest.fixture(scope="module")
def cli_tree(sdk: tuple[Path, Path]) -> dict[str, Any]:
    """The SDK's own static command tree (commands and their flags, as ``--help`` shows
    them), so a guide's dozen commands need no dozen one-to-seven-second ``--help`` runs."""
    path = sdk[0] / "data" / "cli" / "gcloud_completions.py"
    if not path.exists():
        pytest.skip(f"{path} is absent from this SDK")
    text = path.read_text()
    tree: dict[str, Any] = ast.literal_eval(text[text.index("=", text.index("STATIC_COMPLETION_CLI_TREE")) + 1:])
    return tree


def resolve(words: list[str], tree: dict[str, Any]) -> tuple[list[str], set[str]]:
    """The longest prefix of ``words`` that is a gcloud command (the rest are positional
    arguments) and the flags it takes, gcloud-wide ones included."""
    node: dict[str, Any] = tree
    path: list[str] = []
    for w in words:
        if w not in node.get("commands", {}):
            break
        node, path = node["commands"][w], [*path, w]
    assert path and not node.get("commands"), f"gcloud {' '.join(words)}: no such command"
    return path, set(node.get("flags", {})) | set(tree.get("flags", {}))


def test_gcloud_commands_in_the_deploy_guide_exist(cli_tree: dict[str, Any], gcloud_help: Help) -> None:
    calls = readme_calls((ROOT / "terraform" / "README.md").read_text())
    assert len(calls) >= 5, calls
    for words, used in calls:
        command, flags = resolve(words, cli_tree)
        assert used - flags == set(), f"gcloud {' '.join(command)}: unknown flags"
    # the tree and --help agree (on a command whose flags the guide uses)
    rc, text, _ = gcloud_help(["builds", "submit"])
    _, flags = resolve(["builds", "submit"], cli_tree)
    assert rc == 0 and missing_flags(text, flags - set(cli_tree["flags"])) == set()
    with pytest.raises(AssertionError, match="no such command"):
        resolve(["builds", "sumbit"], cli_tree)
