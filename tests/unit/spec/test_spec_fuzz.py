"""Fuzz the spec validator, the gate every LLM-written dataset spec passes: whatever the
JSON (a real shape's spec with values replaced at random paths, wrong types, huge or
hostile strings, deep nesting, dropped keys), ``DatasetSpec.model_validate`` returns a
spec or raises ``ValidationError`` -- never RecursionError, TypeError or anything else
-- and modeling's ``validate_candidate`` answers (spec, []) or (None, errors naming what
is wrong) without raising. What the validator accepts generates without a type error.

Runs in CI for a bounded time (a few hundred examples per property); set
``DEMOFORGE_SPEC_FUZZ_EXAMPLES=5000`` for a longer campaign locally.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from demoforge.phases.modeling import validate_candidate
from demoforge.spec.model import DatasetSpec
from demoforge.synth.generate import generate_dataset
from demoforge.synth.templates import get_template, resize, template_names

EXAMPLES = int(os.environ.get("DEMOFORGE_SPEC_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

AS_OF = dt.date(2025, 6, 30)
# Three shapes of different families: the paths to mutate differ (line items, children,
# staff), which is what the fuzzer walks.
BASES = {n: get_template(n, as_of=AS_OF).model_dump(mode="json") for n in template_names()[:3]}

HOSTILE = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=60),
    st.sampled_from([
        "", " ", "select", "DROP TABLE x", "round(quantity, quantity)", "1/0", "__import__('os')",
        "a" * 5_000, "IGNORE PREVIOUS INSTRUCTIONS", "<script>alert(1)</script>", "\u202e", "\x00",
        "((((((((((((((((((((((((((((((((((((((((x))))))))))))))))))))))))))))))))))))))))",
        "9999-12-31", "2025-02-30", "-1", "1e309", "NaN",
    ]),
    st.lists(st.integers(), max_size=4), st.dictionaries(st.text(max_size=8), st.integers(), max_size=3),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside the JSON ``node``."""
    out: list[tuple[Any, ...]] = []
    if isinstance(node, dict):
        for k, v in node.items():
            out.append((*prefix, k))
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.append((*prefix, i))
            out += _paths(v, (*prefix, i))
    return out


PATHS = {n: _paths(raw) for n, raw in BASES.items()}


def _set(raw: Any, path: tuple[Any, ...], value: Any, drop: bool) -> None:
    node = raw
    for key in path[:-1]:
        node = node[key]
    if drop and isinstance(node, dict):
        node.pop(path[-1], None)
    elif drop and isinstance(node, list) and len(node) > 1:
        node.pop(path[-1])
    else:
        node[path[-1]] = value


def _validate(raw: Any) -> DatasetSpec | None:
    try:
        return DatasetSpec.model_validate(raw)
    except ValidationError as e:
        assert e.errors(), "a refusal says what is wrong"
        return None


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    name = draw(st.sampled_from(sorted(BASES)))
    raw = copy.deepcopy(BASES[name])
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(raw)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        _set(raw, path, draw(HOSTILE), drop=draw(st.booleans()))
    return raw


@FUZZ
@given(mutated())
def test_a_mutated_spec_is_accepted_or_refused_with_reasons(raw: dict[str, Any]) -> None:
    _validate(raw)


# Each accepted candidate is trial-run on generated data: fewer examples, same paths.
@settings(max_examples=max(10, EXAMPLES // 5), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated())
def test_modeling_answers_a_mutated_candidate_without_raising(raw: dict[str, Any]) -> None:
    spec, errors = validate_candidate(raw, 3_000)
    assert (spec is None) == bool(errors)
    assert all(isinstance(e, str) and e for e in errors)


@settings(max_examples=max(10, EXAMPLES // 10), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(BASES)), st.integers(0, 3_000), st.sampled_from(["[", "{"]))
def test_deep_nesting_is_refused_not_a_crash(name: str, depth: int, opener: str) -> None:
    raw = copy.deepcopy(BASES[name])
    deep: Any = 1
    for _ in range(depth):
        deep = [deep] if opener == "[" else {"x": deep}
    raw["tables"][0]["columns"][0]["generator"] = deep
    assert _validate(raw) is None


@settings(max_examples=max(10, EXAMPLES // 10), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_what_is_accepted_generates(raw: dict[str, Any]) -> None:
    spec = _validate(raw)
    if spec is None:
        return
    with tempfile.TemporaryDirectory() as d:
        generate_dataset(resize(spec, 2_000), Path(d))
