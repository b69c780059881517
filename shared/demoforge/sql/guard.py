"""The query guard: exactly one read-only SELECT whose every table is in the job's dataset.

Everything is decided on the parsed AST (sqlglot, BigQuery dialect): statement kinds,
forbidden nodes anywhere in the tree, and each ``exp.Table`` wherever it hides
(subqueries, CTE bodies, UNNEST arguments, joins, set operations). CTE names are
recognised by scope so ``WITH t AS (...) SELECT * FROM t`` is not mistaken for a table.
Unqualified and dataset-qualified names are rewritten to ``project.dataset.table``.
"""

from __future__ import annotations

import dataclasses
import re

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

from demoforge.domain.errors import PermanentError


class UnsafeQuery(PermanentError):
    """The query is not a single read-only SELECT on this job's dataset."""

    code = "unsafe_query"


def _node_types(*names: str) -> tuple[type[exp.Expression], ...]:
    # sqlglot renames/adds node classes between versions; resolve by name so the guard
    # keeps refusing every statement kind the installed version knows about.
    return tuple(t for n in names if isinstance(t := getattr(exp, n, None), type))


# Any of these anywhere in the tree makes the query a write, DDL, scripting or session
# statement (``WITH ... DELETE``, ``SELECT ... INTO`` and friends included).
_FORBIDDEN = _node_types(
    "Insert", "Update", "Delete", "Merge", "Create", "Drop", "Alter", "AlterTable",
    "Command", "Into", "LoadData", "Export", "TruncateTable", "Grant", "Revoke", "Set",
    "Transaction", "Commit", "Rollback", "Declare", "DeclareItem", "Use", "Copy",
    "Describe", "Pragma", "Analyze", "Refresh", "Cache", "Uncache", "Kill", "Summarize",
    "Block", "IfBlock", "WhileBlock", "Execute", "Call",
)

# Table-valued functions that read outside the dataset or have side effects.
_FORBIDDEN_FUNCTIONS = {
    "EXTERNAL_QUERY", "EXTERNAL_OBJECT_TRANSFORM", "VECTOR_SEARCH", "APPENDS", "CHANGES",
    "READ_CSV", "READ_PARQUET", "READ_JSON", "SESSION_USER",
}


_FORBIDDEN_NAMESPACES = {"ML", "AI", "VECTOR_SEARCH", "EXTERNAL_QUERY"}
# sqlglot node classes for model calls (ML.PREDICT, AI.GENERATE, ML.GENERATE_TEXT, ...).
_ML_CLASS = re.compile(r"^(AI[A-Z]|ML[A-Z]|Predict|Generate(Text|Embedding|Table)|Forecast|VectorSearch)")


@dataclasses.dataclass(frozen=True)
class GuardedQuery:
    sql: str  # BigQuery SQL with every table as project.dataset.table
    tables: tuple[str, ...]  # table names (inside the dataset) the query reads
    tree: exp.Expr


def _cte_names_in_scope(table: exp.Table) -> set[str]:
    """CTE names visible from ``table``: those of every enclosing WITH."""
    names: set[str] = set()
    node: exp.Expr | None = table.parent
    while node is not None:
        with_ = node.args.get("with_") or node.args.get("with")
        if isinstance(with_, exp.With):
            names.update(cte.alias_or_name.lower() for cte in with_.expressions)
        node = node.parent
    return names


def _refuse(message: str) -> UnsafeQuery:
    return UnsafeQuery(message)


def guard(sql: str, *, project: str, dataset: str) -> GuardedQuery:
    """Check ``sql`` and return it qualified with ``project.dataset``; raise ``UnsafeQuery``."""
    if not sql or not sql.strip():
        raise _refuse("empty query")
    try:
        statements = [s for s in sqlglot.parse(sql, read="bigquery") if s is not None]
    except (ParseError, TokenError) as e:
        raise _refuse(f"not valid BigQuery SQL: {str(e).splitlines()[0][:200]}") from e
    if len(statements) != 1:
        raise _refuse(f"exactly one statement allowed, found {len(statements)}")
    tree = statements[0]
    if not isinstance(tree, exp.Query):
        raise _refuse(f"only SELECT queries are allowed, not {tree.key.upper()}")
    for node in tree.walk():
        if isinstance(node, _FORBIDDEN):
            raise _refuse(f"{node.key.upper()} is not allowed in a read-only query")
        if isinstance(node, exp.Func):
            name = (node.name if isinstance(node, exp.Anonymous) else node.sql_name()).upper()
            if name in _FORBIDDEN_FUNCTIONS or _ML_CLASS.match(type(node).__name__):
                raise _refuse(f"function {name} is not allowed")
        if (isinstance(node, exp.Dot) and isinstance(node.this, exp.Identifier)
                and node.this.name.upper() in _FORBIDDEN_NAMESPACES):
            # ML.* / AI.* call models: external calls and costs a demo query must not make.
            raise _refuse(f"{node.this.name.upper()}.* functions are not allowed")

    # Two result columns with one name: BigQuery renames one, DuckDB's rows keep one;
    # either way the preview and the answer would describe the wrong column.
    seen: set[str] = set()
    for sel in tree.selects:
        out_name = sel.alias_or_name.lower()
        if out_name and out_name != "*" and out_name in seen:
            raise _refuse(f"duplicate result column name {sel.alias_or_name!r}")
        seen.add(out_name)

    tables: list[str] = []
    for table in list(tree.find_all(exp.Table)):
        if not isinstance(table.this, exp.Identifier):
            fn = table.this.sql(dialect="bigquery") if table.this is not None else "?"
            raise _refuse(f"table functions are not allowed: {fn[:80]}")
        name = table.name
        catalog, db = table.catalog, table.db
        parts = [p for p in (catalog, db, name) if p]
        if any("information_schema" in p.lower() for p in parts) or table.args.get("db") and "." in db:
            raise _refuse(f"metadata/other-scope reference {'.'.join(parts)} is not allowed")
        if not db and not catalog and name.lower() in _cte_names_in_scope(table):
            continue  # a CTE, not a table
        if "." in name:
            raise _refuse(f"table reference {'.'.join(parts)} is not allowed")
        if catalog and catalog != project:
            raise _refuse(f"table {'.'.join(parts)} is in another project (allowed: {project})")
        if db and db != dataset:
            raise _refuse(f"table {'.'.join(parts)} is outside dataset {dataset}")
        table.set("catalog", exp.to_identifier(project))
        table.set("db", exp.to_identifier(dataset))
        tables.append(name)
    if not tables:
        raise _refuse("the query reads no table of the dataset")
    return GuardedQuery(
        sql=tree.sql(dialect="bigquery"), tables=tuple(dict.fromkeys(tables)), tree=tree
    )
