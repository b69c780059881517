"""The derived-expression language: what parses, what is refused with a reason, and that
evaluation over numpy columns matches numpy arithmetic."""

from __future__ import annotations

import numpy as np
import pytest

from demoforge.spec.expressions import ExpressionError, column_names, evaluate, parse


def test_names_are_the_columns_read() -> None:
    assert column_names("round(quantity * unit_price, 2) - abs(discount)") == {"quantity", "unit_price", "discount"}
    assert parse("-a ** 2 + +b // 3 % c").names == frozenset({"a", "b", "c"})
    assert column_names("round(x, -1) + max(1, 2)") == {"x"}


@pytest.mark.parametrize(("expression", "why"), [
    ("a +", "does not parse"),
    ("__import__('os')", "unknown function"),
    ("a.b", "uses Attribute"),
    ("a < b", "uses Compare"),
    ("a & b", "uses BitAnd"),
    ("not a", "uses Not"),
    ("lambda: 1", "uses Lambda"),
    ("a if b else c", "uses IfExp"),
    ("'text'", "non-numeric constant"),
    ("1j * a", "non-numeric constant"),
    ("sqrt(a)", "unknown function"),
    ("round(a, b)", "whole number"),
    ("round(a, 1.0)", "whole number"),
    ("min(*a)", "uses Starred"),
    ("min(a)", "takes 2 argument(s)"),
    ("abs()", "takes 1 argument(s), not 0"),
    ("round(a, ndigits=2)", "no keyword arguments"),
    ("max + 1", "as a value"),
])
def test_outside_the_language_is_refused_with_a_reason(expression: str, why: str) -> None:
    with pytest.raises(ExpressionError, match="expression") as err:
        parse(expression)
    assert why in str(err.value)
    assert repr(expression) in str(err.value)


def test_evaluation_matches_numpy() -> None:
    a = np.array([1.234, -2.5, 7.0, 0.0])
    b = np.array([2, 3, 4, 5], dtype=np.int64)
    cols = {"a": a, "b": b}
    bf = b.astype(np.float64)
    cases = {
        "round(a * b, 2)": np.round(a * bf, 2),
        "round(a)": np.round(a, 0),
        "round(a * 1000, -1)": np.round(a * 1000, -1),
        "a // b + a % b": np.floor_divide(a, bf) + np.mod(a, bf),
        "-a ** 2": -np.power(a, 2.0),
        "+a - b / 2": a - bf / 2,
        "min(a, b) + max(a, 0) + abs(a) + floor(a) + ceil(a)":
            np.minimum(a, bf) + np.maximum(a, 0.0) + np.abs(a) + np.floor(a) + np.ceil(a),
    }
    for source, want in cases.items():
        got = evaluate(parse(source), cols)
        assert isinstance(got, np.ndarray) and got.dtype == np.float64, source
        np.testing.assert_array_equal(got, want, err_msg=source)


def test_constant_expressions_and_division_by_zero() -> None:
    assert float(evaluate(parse("7 // 2 + 0.5"), {})) == 3.5
    with np.errstate(all="ignore"):
        out = evaluate(parse("a / (a - a)"), {"a": np.array([1.0, 0.0])})
    assert np.isinf(out[0]) and np.isnan(out[1])  # the engine turns these into NULL
