"""The derived-expression language, in one place: parsed, checked and evaluated here.

A derived column is arithmetic over its table's numeric columns, e.g.
``round(quantity * unit_price, 2)``: numbers, column names, ``+ - * / // % **``, unary
minus and the functions in ``FUNCTIONS`` with their arities. ``parse`` refuses anything
else with a message that says what is wrong, including arguments of the wrong kind
(``round(quantity, quantity)``: the number of decimals must be a whole number), so an
expression that parses is one ``evaluate`` can compute. ``evaluate`` works on numpy arrays
(and plain numbers) and returns float64 values; division by zero gives inf/NaN, which the
engine turns into NULL.

The grammar is a subset of Python expressions read with ``ast``; nothing is ever executed.
"""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Mapping
from typing import Any

# name -> (fewest, most) arguments; the engine maps each to its numpy ufunc.
FUNCTIONS: dict[str, tuple[int, int]] = {
    "round": (1, 2), "abs": (1, 1), "min": (2, 2), "max": (2, 2), "floor": (1, 1), "ceil": (1, 1),
}
_BINARY_OPS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)
_UNARY_OPS = (ast.USub, ast.UAdd)


class ExpressionError(ValueError):
    """The expression is not in the language; the message quotes it and says why."""


@dataclasses.dataclass(frozen=True)
class Expression:
    """A checked expression: its source, syntax tree and the column names it reads."""

    source: str
    body: ast.expr
    names: frozenset[str]


def parse(source: str) -> Expression:
    """The checked expression; raises ``ExpressionError`` when it is not allowed."""
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as e:
        raise ExpressionError(f"expression {source!r} does not parse: {e.msg}") from None
    names: set[str] = set()
    _check(tree.body, source, names)
    return Expression(source=source, body=tree.body, names=frozenset(names))


def column_names(source: str) -> set[str]:
    """Column names an expression reads; raises ``ExpressionError`` when it is not allowed."""
    return set(parse(source).names)


def _refuse(source: str, node: ast.AST) -> ExpressionError:
    return ExpressionError(
        f"expression {source!r} uses {type(node).__name__}; only arithmetic on "
        f"columns, numbers and {sorted(FUNCTIONS)} is allowed"
    )


def _check(node: ast.expr, source: str, names: set[str]) -> None:
    if isinstance(node, ast.Constant):
        if not isinstance(node.value, int | float):
            raise ExpressionError(f"expression {source!r} contains a non-numeric constant")
    elif isinstance(node, ast.Name):
        if node.id in FUNCTIONS:
            raise ExpressionError(
                f"expression {source!r} uses the function {node.id!r} as a value; call it, "
                f"e.g. {node.id}(x)"
            )
        names.add(node.id)
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, _UNARY_OPS):
            raise _refuse(source, node.op)
        _check(node.operand, source, names)
    elif isinstance(node, ast.BinOp):
        if not isinstance(node.op, _BINARY_OPS):
            raise _refuse(source, node.op)
        _check(node.left, source, names)
        _check(node.right, source, names)
    elif isinstance(node, ast.Call):
        _check_call(node, source, names)
    else:
        raise _refuse(source, node)


def _check_call(node: ast.Call, source: str, names: set[str]) -> None:
    if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
        raise ExpressionError(
            f"expression {source!r} calls an unknown function; allowed: {sorted(FUNCTIONS)}"
        )
    name = node.func.id
    if node.keywords:
        raise ExpressionError(f"expression {source!r}: {name}() takes no keyword arguments")
    for arg in node.args:
        if isinstance(arg, ast.Starred):
            raise _refuse(source, arg)
    lo, hi = FUNCTIONS[name]
    if not lo <= len(node.args) <= hi:
        want = str(lo) if lo == hi else f"{lo} or {hi}"
        raise ExpressionError(
            f"expression {source!r}: {name}() takes {want} argument(s), not {len(node.args)}"
        )
    if name == "round" and len(node.args) == 2 and _whole_number(node.args[1]) is None:
        raise ExpressionError(
            f"expression {source!r}: the second argument of round() is the number of decimals "
            f"and must be a whole number such as 2, not {ast.unparse(node.args[1])!r}"
        )
    for arg in node.args:
        _check(arg, source, names)


def _whole_number(node: ast.expr) -> int | None:
    """The integer a literal like ``2`` or ``-1`` stands for, else None."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _whole_number(node.operand)
        return None if inner is None else -inner
    if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return node.value
    return None


def evaluate(expression: Expression, columns: Mapping[str, Any]) -> Any:
    """The expression over ``columns`` (name -> numpy array or number) as float64: an
    array when it reads a column, a number when it is constant."""
    # numpy only here: the spec package is read by functions that never generate data.
    import numpy as np

    functions: dict[str, Any] = {
        "abs": np.abs, "floor": np.floor, "ceil": np.ceil, "min": np.minimum, "max": np.maximum,
    }

    def ev(node: ast.expr) -> Any:
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return float(node.value)
        if isinstance(node, ast.Name):
            return np.asarray(columns[node.id], dtype=np.float64)
        if isinstance(node, ast.UnaryOp):
            v = ev(node.operand)
            return -v if isinstance(node.op, ast.USub) else v
        if isinstance(node, ast.BinOp):
            a, b = ev(node.left), ev(node.right)
            op = node.op
            if isinstance(op, ast.Add):
                return a + b
            if isinstance(op, ast.Sub):
                return a - b
            if isinstance(op, ast.Mult):
                return a * b
            if isinstance(op, ast.Div):
                return a / b
            if isinstance(op, ast.FloorDiv):
                return np.floor_divide(a, b)
            if isinstance(op, ast.Mod):
                return np.mod(a, b)
            if isinstance(op, ast.Pow):
                return np.power(a, b)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            args = [ev(x) for x in node.args]
            if node.func.id == "round":
                return np.round(args[0], int(args[1]) if len(args) > 1 else 0)
            return functions[node.func.id](*args)
        # parse() admits nothing else; reaching here means the grammar and evaluator disagree.
        raise ExpressionError(f"expression {expression.source!r}: cannot evaluate {type(node).__name__}")

    return ev(expression.body)
