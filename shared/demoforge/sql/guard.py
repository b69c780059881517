"""The query guard: exactly one read-only SELECT that reads only the job's dataset and
calls only BigQuery built-ins (or routines inside that dataset).

``check_select`` is the one entry point (golden queries, the modeling phase's checks of
LLM-written SQL, the agent); ``guard`` is the same check with a required project.
Everything is decided on the parsed AST (sqlglot), never with regexes:

- size first: length, token count and nesting depth (parentheses, brackets, CASE, runs
  of prefix operators) are bounded *before* parsing, because sqlglot's parser recurses
  about twenty frames per nesting level and 50 parentheses would raise RecursionError;
  any recursion or parser defect left is still turned into a refusal, never a crash;
- statement kinds and forbidden nodes anywhere in the tree (writes, DDL, scripting);
- every function call against an allowlist: the functions sqlglot types for BigQuery
  (``sqlglot.typing.bigquery``, maintained with the dialect) plus the explicit
  additions below, minus identity functions and model calls; a qualified call
  (``ds.fn``, ```p.ds.fn```) is a user routine and allowed only inside the job's dataset,
  so remote functions, ``OBJ.*``, ``ML.*``, ``AI.*``, ``KEYS.*`` and friends are refused;
- system variables (``@@project_id``) and query parameters, recursive CTEs, and
  cartesian products of more than two relations (the cost bombs that ran until killed);
- each ``exp.Table`` wherever it hides (subqueries, CTE bodies, UNNEST arguments, joins,
  set operations). CTE names are recognised by scope so ``WITH t AS (...) SELECT * FROM t``
  is not mistaken for a table. Unqualified and dataset-qualified names are rewritten to
  ``project.dataset.table``.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Literal

import sqlglot
from sqlglot import exp
from sqlglot.tokens import TokenType

from demoforge.domain.errors import PermanentError

Rule = Literal[
    "syntax", "size", "depth", "statement", "table", "function", "variable",
    "recursive", "cartesian", "columns",
]
Dialect = Literal["bigquery", "duckdb"]

# Bounds checked on tokens before the parser sees the text. Golden queries of the 22
# templates are under 700 characters and nest at most 4 deep; LLM-written ones are of
# the same kind, so these leave ample room while keeping the recursive parser far from
# Python's recursion limit.
MAX_SQL_CHARS = 20_000
MAX_TOKENS = 4_000
MAX_NESTING = 20
MAX_PREFIX_RUN = 8  # NOT NOT NOT ... / - - - x: each one is a parser recursion too
# Unconditioned joins (CROSS JOIN, comma, ON TRUE) of relations other than UNNEST or a
# single-row aggregate: one (a spine x a dimension) is ordinary, two multiply three
# tables and a 4-way cross join over a demo dataset runs until killed.
MAX_CARTESIAN_JOINS = 1


class UnsafeQuery(PermanentError):
    """The query is not a single read-only SELECT on this job's dataset."""

    code = "unsafe_query"

    def __init__(self, message: str, *, rule: Rule) -> None:
        super().__init__(message)
        self.rule: Rule = rule


@dataclasses.dataclass(frozen=True)
class GuardedQuery:
    sql: str  # the query with every table as project.dataset.table (dataset.table without a project)
    tables: tuple[str, ...]  # table names (inside the dataset) the query reads
    tree: exp.Expr
    routines: tuple[str, ...] = ()  # user routines called, all inside the dataset


def _node_types(*names: str) -> tuple[type[exp.Expr], ...]:
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
    "Block", "IfBlock", "WhileBlock", "Execute", "Call", "Attach", "Detach", "Install",
)
# @@project_id, @@script.job_id, @param, ?: values from outside the query text.
_VARIABLES = _node_types("Parameter", "SessionParameter", "Placeholder")

# sqlglot node classes for model calls (ML.PREDICT, AI.GENERATE, ML.GENERATE_TEXT, ...):
# external calls and costs a demo query must not make, even if a future sqlglot types them.
_MODEL_CLASS = re.compile(r"^(AI[A-Z]|ML[A-Z]|Predict|Generate(Text|Embedding|Table|Bool|Double|Int)"
                          r"|Forecast|VectorSearch|FeaturesAtTime)")
# Typed by sqlglot but not for a demo query: who is running it and where (identity and
# environment leak into results and prompts).
_DENIED_CLASSES = _node_types(
    "CurrentUser", "SessionUser", "CurrentRole", "CurrentSchema", "CurrentCatalog",
    "CurrentVersion", "CurrentDatabase", "CurrentSchemas",
)
# BigQuery built-ins sqlglot parses into a node class it does not type (yet).
_EXTRA_CLASSES = _node_types(
    "TsOrDsToTimestamp", "TsOrDsToDatetime", "Trunc", "StDistance", "WeekStart", "Pivot", "Unpivot",
    "ArrayConcatAgg", "GroupConcat", "PercentileCont", "PercentileDisc", "Tuple",
)
# BigQuery built-ins sqlglot keeps as anonymous calls: a short, deliberate list (array
# subscripts, bucketing, geography) -- not a DuckDB name such as READ_TEXT or ST_READ.
_EXTRA_FUNCTIONS = frozenset({
    "OFFSET", "ORDINAL", "SAFE_OFFSET", "SAFE_ORDINAL",
    "DATE_BUCKET", "DATETIME_BUCKET", "TIMESTAMP_BUCKET", "RANGE", "GENERATE_RANGE_ARRAY",
    "IEEE_DIVIDE",
    "ST_GEOGPOINT", "ST_DWITHIN", "ST_X", "ST_Y", "ST_AREA", "ST_LENGTH", "ST_PERIMETER",
    "ST_CENTROID", "ST_CENTROID_AGG", "ST_ASTEXT", "ST_GEOGFROMTEXT", "ST_MAKELINE",
    "ST_CONTAINS", "ST_INTERSECTS", "ST_WITHIN", "ST_BUFFER", "ST_UNION_AGG",
    "ST_MAXDISTANCE", "ST_GEOHASH", "ST_NUMPOINTS", "ST_ASGEOJSON",
})
# NET.* built-ins; sqlglot models HOST and REG_DOMAIN, the others stay anonymous.
_NET_FUNCTIONS = frozenset({
    "HOST", "REG_DOMAIN", "PUBLIC_SUFFIX", "IP_FROM_STRING", "SAFE_IP_FROM_STRING",
    "IP_TO_STRING", "IP_NET_MASK", "IP_TRUNC", "IPV4_FROM_INT64", "IPV4_TO_INT64",
})


@functools.cache
def allowed_function_classes() -> frozenset[type[exp.Func]]:
    """Node classes of the BigQuery built-ins a query may call."""
    from sqlglot.typing.bigquery import EXPRESSION_METADATA

    typed = {c for c in EXPRESSION_METADATA if isinstance(c, type) and issubclass(c, exp.Func)}
    typed |= {c for c in _EXTRA_CLASSES if issubclass(c, exp.Func)}
    return frozenset(
        c for c in typed
        if c not in _DENIED_CLASSES and c is not exp.Anonymous and not _MODEL_CLASS.match(c.__name__)
    )


def _refuse(message: str, rule: Rule) -> UnsafeQuery:
    return UnsafeQuery(message, rule=rule)


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


# ---------------------------------------------------------------------------- size


_OPEN = {TokenType.L_PAREN, TokenType.L_BRACKET, TokenType.CASE}
_CLOSE = {TokenType.R_PAREN, TokenType.R_BRACKET, TokenType.END}
_PREFIX = {TokenType.NOT, TokenType.DASH, TokenType.PLUS, TokenType.TILDE}


def _tokens(sql: str, dialect: Dialect) -> list[sqlglot.tokens.Token]:
    if len(sql) > MAX_SQL_CHARS:
        raise _refuse(f"query is {len(sql)} characters long, above the {MAX_SQL_CHARS} limit", "size")
    try:
        tokens = sqlglot.Dialect.get_or_raise(dialect).tokenize(sql)
    except sqlglot.errors.TokenError as e:
        raise _refuse(f"not valid {_NAMES[dialect]} SQL: {_first_line(e)}", "syntax") from e
    if len(tokens) > MAX_TOKENS:
        raise _refuse(f"query has {len(tokens)} tokens, above the {MAX_TOKENS} limit", "size")
    depth = deepest = run = 0
    for tok in tokens:
        if tok.token_type in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif tok.token_type in _CLOSE:
            depth -= 1
        run = run + 1 if tok.token_type in _PREFIX else 0
        if deepest > MAX_NESTING or run > MAX_PREFIX_RUN:
            raise _refuse(
                f"query nests deeper than {MAX_NESTING} levels (parentheses, brackets, CASE) "
                f"or chains more than {MAX_PREFIX_RUN} prefix operators; simplify it", "depth")
    return tokens


_NAMES = {"bigquery": "BigQuery", "duckdb": "DuckDB"}


def _first_line(e: BaseException) -> str:
    return (str(e).splitlines() or [type(e).__name__])[0][:200]


# ----------------------------------------------------------------------- functions


def _dot_parts(node: exp.Expr) -> list[str] | None:
    """``a.b.c`` as ['a', 'b', 'c'] when every part is a plain name, else None."""
    if isinstance(node, exp.Identifier):
        return node.name.split(".")
    if isinstance(node, exp.Column):
        return [p for part in node.parts for p in part.name.split(".")]
    if isinstance(node, exp.Dot):
        left, right = _dot_parts(node.this), _dot_parts(node.expression)
        return None if left is None or right is None else left + right
    return None


def _call_path(fn: exp.Anonymous) -> list[str] | None:
    """The name of an anonymous call with its qualifiers: ['other_ds', 'my_udf']."""
    name = fn.this
    parts = name.name.split(".") if isinstance(name, exp.Identifier) else str(name).split(".")
    parent = fn.parent
    if isinstance(parent, exp.Dot) and parent.expression is fn:
        qualifier = _dot_parts(parent.this)
        return None if qualifier is None else qualifier + parts
    return parts


def _check_routine(path: list[str], *, project: str | None, dataset: str) -> str:
    """A qualified call is a user routine: allowed only inside the job's dataset."""
    shown = ".".join(path)
    if path[0].upper() == "SAFE" and len(path) > 2:
        path = path[1:]  # SAFE.ds.fn: the SAFE prefix, then the routine
    inside = (len(path) == 2 and path[0] == dataset) or (
        len(path) == 3 and project is not None and path[0] == project and path[1] == dataset)
    if not inside:
        head = path[0].upper()
        what = (f"{head}.* functions are not allowed" if len(path) == 2 and head in _NAMESPACES
                else f"routine {shown} is outside dataset {dataset}")
        raise _refuse(f"{what}; a query may call BigQuery built-ins and routines of "
                      f"{dataset} only", "function")
    return ".".join(path)


# Namespaces of BigQuery built-ins that reach outside the query (models, object tables,
# KMS, external connections): named in the refusal so the reason is clear.
_NAMESPACES = {"ML", "AI", "OBJ", "KEYS", "AEAD", "DLP", "VECTOR_SEARCH", "EXTERNAL_QUERY",
               "BQ", "APPENDS", "CHANGES", "HLL_COUNT", "KLL_QUANTILES"}


def _check_functions(tree: exp.Expr, *, project: str | None, dataset: str) -> list[str]:
    allowed = allowed_function_classes()
    routines: list[str] = []
    for node in tree.walk():
        if isinstance(node, _VARIABLES):
            raise _refuse(f"system variables and query parameters are not allowed: "
                          f"{node.sql(dialect='bigquery')[:80]}", "variable")
        if not isinstance(node, exp.Func):
            continue
        if not isinstance(node, exp.Anonymous):
            if type(node) not in allowed:
                name = node.sql_name() if hasattr(node, "sql_name") else type(node).__name__
                raise _refuse(f"function {name} is not allowed", "function")
            continue
        path = _call_path(node)
        if path is None or not all(path):
            raise _refuse(f"function call {node.sql(dialect='bigquery')[:80]} is not allowed",
                          "function")
        quoted = isinstance(node.this, exp.Identifier) and node.this.quoted
        if isinstance(node.parent, exp.NetFunc):
            if path[-1].upper() not in _NET_FUNCTIONS or len(path) > 1:
                raise _refuse(f"function NET.{'.'.join(path)} is not allowed", "function")
        elif len(path) == 1 and not quoted:
            if path[0].upper() not in _EXTRA_FUNCTIONS:
                raise _refuse(f"function {path[0].upper()} is not allowed", "function")
        elif len(path) == 2 and path[0].upper() == "NET" and path[1].upper() in _NET_FUNCTIONS:
            continue
        elif len(path) == 1:
            # `fn`(x): a quoted single name is a user routine BigQuery would look up in the
            # default dataset; without one configured that is not ours to allow.
            raise _refuse(f"routine `{path[0]}` must be qualified with dataset {dataset}",
                          "function")
        else:
            routines.append(_check_routine(path, project=project, dataset=dataset))
    return routines


# ------------------------------------------------------------------------ structure


def _single_row(rel: exp.Expr) -> bool:
    """A subquery that aggregates without GROUP BY: exactly one row."""
    query = rel.this if isinstance(rel, exp.Subquery) else None
    return (isinstance(query, exp.Select) and not query.args.get("group")
            and not query.args.get("joins") and bool(query.selects)
            and all(s.find(exp.AggFunc) is not None for s in query.selects))


def _cartesian_joins(tree: exp.Expr) -> int:
    count = 0
    for join in tree.find_all(exp.Join):
        rel = join.this
        if isinstance(rel, exp.Unnest) or (isinstance(rel, exp.Table) and isinstance(rel.this, exp.Unnest)):
            continue  # UNNEST(o.tags): bounded by each row's array
        if _single_row(rel):
            continue
        on = join.args.get("on")
        if join.args.get("using") or (on is not None and on.find(exp.Column) is not None):
            continue
        count += 1
    return count


def _check_structure(tree: exp.Query) -> None:
    for node in tree.walk():
        if isinstance(node, _FORBIDDEN):
            raise _refuse(f"{node.key.upper()} is not allowed in a read-only query", "statement")
        if isinstance(node, exp.With) and node.args.get("recursive"):
            raise _refuse("recursive CTEs (WITH RECURSIVE) are not allowed", "recursive")
    products = _cartesian_joins(tree)
    if products > MAX_CARTESIAN_JOINS:
        raise _refuse(
            f"{products} joins without a join condition (CROSS JOIN, comma or ON TRUE) multiply "
            f"{products + 1} tables; join on keys instead", "cartesian")
    # Two result columns with one name: BigQuery renames one, DuckDB's rows keep one;
    # either way the preview and the answer would describe the wrong column.
    seen: set[str] = set()
    for sel in tree.selects:
        out_name = sel.alias_or_name.lower()
        if out_name and out_name != "*" and out_name in seen:
            raise _refuse(f"duplicate result column name {sel.alias_or_name!r}", "columns")
        seen.add(out_name)


def _qualify_tables(tree: exp.Expr, *, project: str | None, dataset: str) -> list[str]:
    tables: list[str] = []
    for table in list(tree.find_all(exp.Table)):
        if not isinstance(table.this, exp.Identifier):
            fn = table.this.sql(dialect="bigquery") if table.this is not None else "?"
            raise _refuse(f"table functions are not allowed: {fn[:80]}", "table")
        name = table.name
        catalog, db = table.catalog, table.db
        parts = [p for p in (catalog, db, name) if p]
        if any("information_schema" in p.lower() for p in parts) or table.args.get("db") and "." in db:
            raise _refuse(f"metadata/other-scope reference {'.'.join(parts)} is not allowed", "table")
        if not db and not catalog and name.lower() in _cte_names_in_scope(table):
            continue  # a CTE, not a table
        if not name or any(c in name for c in "./\\:"):
            # a path or URL (DuckDB reads FROM '/etc/passwd' as a file), not a table name
            raise _refuse(f"table reference {'.'.join(parts)!r} is not allowed", "table")
        if catalog and catalog != project:
            allowed = f"allowed: {project}" if project else "name tables without a project"
            raise _refuse(f"table {'.'.join(parts)} is in another project ({allowed})", "table")
        if db and db != dataset:
            raise _refuse(f"table {'.'.join(parts)} is outside dataset {dataset}", "table")
        table.set("catalog", exp.to_identifier(project) if project else None)
        table.set("db", exp.to_identifier(dataset))
        tables.append(name)
    return tables


# ---------------------------------------------------------------------- entry point


def check_select(
    sql: str, *, dataset: str, project: str | None = None, dialect: Dialect = "bigquery"
) -> GuardedQuery:
    """Prove ``sql`` is one read-only SELECT confined to ``dataset``; return it qualified.

    Raises ``UnsafeQuery`` (with ``rule`` saying which check refused) for anything else,
    including text too long, too deep or unparseable; no other exception escapes.
    ``project=None`` (modeling, before a project is known) refuses project-qualified
    tables and qualifies tables as ``dataset.table``.
    """
    if dialect not in _NAMES:
        raise ValueError(f"dialect must be one of {sorted(_NAMES)}, not {dialect!r}")
    if not isinstance(sql, str) or not sql.strip():
        raise _refuse("empty query", "syntax")
    try:
        return _check(sql, dataset=dataset, project=project, dialect=dialect)
    except RecursionError:
        # The token bounds keep the parser well inside the limit; a caller that is
        # itself deep in the stack can still hit it, and that must not fail the job.
        raise _refuse("query nests too deeply to analyse; simplify it", "depth") from None


def _check(sql: str, *, dataset: str, project: str | None, dialect: Dialect) -> GuardedQuery:
    tokens = _tokens(sql, dialect)
    try:
        statements = [
            s for s in sqlglot.Dialect.get_or_raise(dialect).parser().parse(tokens, sql)
            if s is not None
        ]
    except RecursionError:
        raise
    except Exception as e:
        # ParseError for bad SQL, but sqlglot also raises AttributeError/ValueError/...
        # on some malformed input (e.g. DATE_ADD(a, b)); every one of them is a refusal.
        raise _refuse(f"not valid {_NAMES[dialect]} SQL: {_first_line(e)}", "syntax") from e
    if len(statements) != 1:
        raise _refuse(f"exactly one statement allowed, found {len(statements)}", "statement")
    tree = statements[0]
    if not isinstance(tree, exp.Query):
        raise _refuse(f"only SELECT queries are allowed, not {tree.key.upper()}", "statement")
    _check_structure(tree)
    routines = _check_functions(tree, project=project, dataset=dataset)
    tables = _qualify_tables(tree, project=project, dataset=dataset)
    if not tables:
        raise _refuse("the query reads no table of the dataset", "table")
    out = tree.sql(dialect=dialect)
    # What runs is this text, not the tree: it must parse back to itself, or the engine
    # could read something other than what was checked (sqlglot accepts some malformed
    # input, e.g. ``JOIN FROM t``, and prints it as different SQL).
    try:
        reread = sqlglot.parse_one(out, read=dialect)
        again = reread.sql(dialect=dialect)
    except RecursionError:
        raise
    except Exception as e:
        raise _refuse(f"not valid {_NAMES[dialect]} SQL once qualified: {_first_line(e)}",
                      "syntax") from e
    # Same text is not enough: sqlglot prints some malformed input (a JOIN with no FROM)
    # as text that reads back with the table turned into a column. The tables read back
    # must be the tables checked.
    reread_tables = [t.name for t in reread.find_all(exp.Table) if t.db == dataset]
    if again != out or sorted(reread_tables) != sorted(tables):
        raise _refuse(f"not valid {_NAMES[dialect]} SQL: it does not read back as written", "syntax")
    return GuardedQuery(
        sql=out, tables=tuple(dict.fromkeys(tables)), tree=tree,
        routines=tuple(dict.fromkeys(routines)),
    )


def guard(sql: str, *, project: str, dataset: str) -> GuardedQuery:
    """``check_select`` for BigQuery SQL of a job whose project is known."""
    return check_select(sql, dataset=dataset, project=project)
