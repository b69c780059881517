"""The demo script a CE presents: opening, a simple -> expert question arc, objections, close.

Built from the research result (who the prospect is), the spec (tables, stories, KPIs)
and the executed golden queries (the numbers quoted are the results' numbers). The
structure is kept as data so the Markdown file and the report render the same script.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from demoforge.content.golden import order_column
from demoforge.content.industry import opening_sentence
from demoforge.content.shape import mentions, result_shape
from demoforge.content.values import fmt
from demoforge.domain import untrusted
from demoforge.domain.results import GoldenQuery
from demoforge.spec.model import DatasetSpec

DIFFICULTY_RANK = {"simple": 0, "medium": 1, "hard": 2, "expert": 3}
# How many questions of each difficulty the arc aims for (6 in all; 5-7 when short).
_QUOTA = {"simple": 1, "medium": 2, "hard": 2, "expert": 1}


@dataclasses.dataclass
class Step:
    question: str
    difficulty: str
    answer: str
    insight: str
    pattern: str | None


@dataclasses.dataclass
class DemoScript:
    title: str
    opening: list[str]
    steps: list[Step]
    objections: list[tuple[str, str]]
    close: list[str]


def pick_arc(passed: Sequence[GoldenQuery], target: int = 6) -> list[GoldenQuery]:
    """5-7 questions from simple to expert, preferring ones that reveal a planted story."""
    order = {id(q): i for i, q in enumerate(passed)}
    chosen: list[GoldenQuery] = []
    for diff, quota in _QUOTA.items():
        pool = sorted((q for q in passed if q.difficulty == diff),
                      key=lambda q: (q.pattern is None, order[id(q)]))
        chosen.extend(pool[:quota])
    rest = sorted((q for q in passed if all(q is not c for c in chosen)),
                  key=lambda q: (q.pattern is None, order[id(q)]))
    while len(chosen) < min(target, len(passed)) and rest:
        chosen.append(rest.pop(0))
    # Every planted story gets a slot if there is room (up to 7 questions).
    for q in rest:
        if len(chosen) >= 7:
            break
        if q.pattern and all(q.pattern != c.pattern for c in chosen):
            chosen.append(q)
    return sorted(chosen, key=lambda q: (DIFFICULTY_RANK.get(q.difficulty, 9), order[id(q)]))


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _story_insight(q: GoldenQuery, description: str) -> str:
    """The story's description, led by what this result shows when the story speaks of another measure.

    A story can be told by several questions ("Backpacks" is returned often *and* rated
    low); the insight must not quote a return rate under a rating question. The measure
    is the one the answer and the chart use (``result_shape``).
    """
    rows = q.preview
    if not rows:
        return f"Why it matters: {description}"
    shape = result_shape(rows, q.question, order_column(q.sql, list(rows[0])))
    if shape.metric is None or shape.label is None or mentions(description, shape.metric):
        return f"Why it matters: {description}"
    top = rows[0]
    return (f"Why it matters: {shape.key(shape.label, top.get(shape.label))} stands out on "
            f"{shape.metric_label} ({shape.value(top.get(shape.metric))}), part of a wider story: {description}")


def build_script(
    *, company: str, research: Mapping[str, Any], spec: DatasetSpec,
    passed: Sequence[GoldenQuery], row_counts: Mapping[str, int], dataset: str,
    max_bytes_billed: int,
) -> DemoScript:
    stories = {s.name: s for s in spec.stories}
    kpis = [str(k) for k in (research.get("kpis") or spec.kpis)][:4]
    evidence = [e for e in research.get("evidence", []) if isinstance(e, Mapping)]
    total_rows = sum(row_counts.values())
    opening = [
        opening_sentence(company, research, spec.industry),
        f"Today we ask plain-English questions of a BigQuery dataset modelled on {possessive(company)} "
        f"business: {len(spec.tables)} tables ({', '.join(t.name for t in spec.tables)}) with "
        f"{fmt(total_rows)} rows, in dataset `{dataset}`.",
    ]
    if kpis:
        opening.append(f"We will look at the numbers {company} runs on: {', '.join(kpis)}.")
    if evidence:
        quote = str(evidence[0].get("quote", ""))[:200]
        opening.append(f'From {possessive(company)} own site: "{quote}"')

    steps = []
    for q in pick_arc(passed):
        story = stories.get(q.pattern or "")
        if story is not None:
            insight = _story_insight(q, story.description)
        elif q.difficulty in ("simple", "medium"):
            insight = "Sets the baseline the later questions are compared against."
        else:
            insight = "Shows the agent joining tables and reasoning over time, not just counting."
        steps.append(Step(question=q.question, difficulty=q.difficulty, answer=q.answer,
                          insight=insight, pattern=q.pattern))

    objections = [
        ("\"Can I trust the numbers?\"",
         f"Every suggested question here ran against this dataset before the demo: "
         f"{len(passed)} of them returned the results shown. The agent shows its SQL, so "
         "each answer can be checked."),
        ("\"Is this our data?\"",
         f"No: it is synthetic data shaped like {possessive(company)} business, built from public "
         "information. The same agent points at your real BigQuery tables in a pilot."),
        ("\"What about security and cost?\"",
         "The agent only reads the tables it is given (read-only, one dataset), uses "
         f"your IAM, and each query is capped at {fmt(max_bytes_billed)} bytes billed."),
        ("\"Our questions are harder than this.\"",
         "The last questions joined several tables and compared periods; the glossary and "
         "table descriptions teach the agent your vocabulary, and it asks when unsure."),
    ]
    close = [
        f"In a few minutes we went from a simple count to the stories in {possessive(company)} data, "
        "without writing SQL.",
        "Next step: a pilot on one of your own datasets, with your KPIs and glossary, "
        "and your analysts' top ten questions as the acceptance test.",
    ]
    return DemoScript(title=f"{company}: Conversational Analytics demo", opening=opening,
                      steps=steps, objections=objections, close=close)


def to_markdown(script: DemoScript) -> str:
    """The script as Markdown. Every text is shown as written (``untrusted.markdown``): a
    company name, page quote or LLM-written question cannot add HTML, links or sections."""
    md = untrusted.markdown
    out = [f"# {md(script.title)}", "", "## Opening", ""]
    out += [md(p) + "\n" for p in script.opening]
    out += ["## The questions", ""]
    for i, s in enumerate(script.steps, 1):
        out += [f"### {i}. {md(s.question)}", "", f"*Level: {md(s.difficulty)}*", "",
                f"**Answer:** {md(s.answer)}", "", f"**Insight:** {md(s.insight)}", ""]
    out += ["## Objection handling", ""]
    out += [f"- **{md(o)}** {md(a)}" for o, a in script.objections]
    out += ["", "## Close", ""]
    out += [md(p) + "\n" for p in script.close]
    return "\n".join(out).rstrip() + "\n"
