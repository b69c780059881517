"""A language without an offline phrase builder goes through Claude: fixed sentences and
generated questions are translated through the forced tool, each translation checked (the
same count, every number and placeholder kept); without Claude the demo stays English."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from demoforge.content.translate import translate
from demoforge.domain.errors import LLMInvalidOutput, LLMUnavailable
from demoforge.domain.job import JobDoc, JobOptions, Phase
from demoforge.stories import plant
from tests.support.demo_dataset import local_deps, run_phase
from tests.support.semantic_fixtures import online_shop_spec


class FakeTranslator:
    """Speaks the translate tool: "[it] " before each text; can drop a number to be caught."""

    def __init__(self, *, break_numbers: bool = False, fail: Exception | None = None) -> None:
        self.calls: list[dict[str, Any]] = []
        self.break_numbers = break_numbers
        self.fail = fail

    def structured(self, **kw: Any) -> dict[str, Any]:
        self.calls.append(kw)
        if self.fail is not None:
            raise self.fail
        assert kw["tool_name"] == "translated_texts" and "Target language: it" in kw["messages"][0]["content"]
        body = kw["messages"][0]["content"].split("\n\n")[1]
        texts = re.findall(r"^\d+\. (.*)$", body, flags=re.M)
        out = [f"[it] {t}" for t in texts]
        if self.break_numbers:
            out = [re.sub(r"\d", "", t) for t in out]
        return {"texts": out}


def test_translations_that_drop_a_number_or_a_placeholder_keep_the_original() -> None:
    llm = FakeTranslator(break_numbers=True)
    assert translate(llm, ["Revenue was 1.234 €.", "Hello {company}."], "it") == ["Revenue was 1.234 €.",
                                                                                 "[it] Hello {company}."]
    with pytest.raises(LLMInvalidOutput):
        translate(type("Short", (), {"structured": lambda self, **kw: {"texts": []}})(), ["a"], "it")


def _run(tmp_path: Path, llm: Any) -> tuple[Any, Path]:
    deps = local_deps(tmp_path, llm=llm)
    spec = plant(online_shop_spec(orders=3000), 2)
    research = {"company_name": "Torrefazione Sud", "industry": "retail_ecommerce", "confidence": 0.9,
                "language": "it", "products_services": ["Espresso Napoli"], "kpis": ["revenue"]}
    deps.store.create(JobDoc(job_id="it1", customer_url="https://x.example/", options=JobOptions(language="it-IT"),
                             results={"research": research}))
    deps.artifacts.put("it1", "spec.json", spec.model_dump_json().encode())
    run_phase(deps, "it1", Phase.WAREHOUSE)
    out = run_phase(deps, "it1", Phase.CONTENT)
    return out, deps.artifacts.workdir("it1")


def test_any_language_through_claude(tmp_path: Path) -> None:
    llm = FakeTranslator()
    out, art = _run(tmp_path, llm)
    assert out.summary["language"] == "it" and len(llm.calls) >= 2
    golden = json.loads((art / "golden_queries.json").read_text())
    assert golden and all(q["question"].startswith("[it] ") and q["answer"].startswith("[it] ") for q in golden)
    script = (art / "demo_script.md").read_text()
    assert script.startswith("# [it] Torrefazione Sud")
    assert re.search(r"\d\.\d{3}", script)  # Italian thousands separators in the numbers
    assert '<html lang="it">' in (art / "index.html").read_text()


@pytest.mark.parametrize("llm", [None, FakeTranslator(fail=LLMUnavailable("overloaded"))], ids=["no-claude", "down"])
def test_without_claude_the_demo_is_english_and_says_so(tmp_path: Path, llm: Any) -> None:
    out, art = _run(tmp_path, llm)
    assert out.summary["language"] == "en"
    assert (art / "demo_script.md").read_text().startswith("# Torrefazione Sud: Conversational Analytics demo")
