"""The rules a dataset spec must satisfy, as structured ``SpecIssue``s: BigQuery naming
and reserved words, unique names, keys (primary keys unique by construction, foreign keys
that point at keys, no foreign-key cycles except self-references), no column cycles, row
and size bounds, and golden queries that name stories. Per-column generator and effect
rules are in ``column_rules``. Every issue names the table and column to fix."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from demoforge.spec.column_rules import column_issues, effect_issues
from demoforge.spec.generators import ForeignKeyGen, SequenceGen, UuidGen
from demoforge.spec.graph import ColumnCycle, column_order, cycle_tables, table_order
from demoforge.spec.issues import At, SpecIssue
from demoforge.spec.planning import expected_rows
from demoforge.spec.rules import rule_issues, table_rule_issues
from demoforge.spec.tables import ColumnSpec, SpecQuery, StoryPattern, TableSpec

# Size bounds: a demo dataset must load in minutes and cost cents.
MAX_TABLES = 30
MAX_COLUMNS = 100
MAX_TABLE_ROWS = 100_000_000
MAX_TOTAL_ROWS = 200_000_000
MAX_TOTAL_CELLS = 3_000_000_000
MAX_CHILDREN = 100_000

# https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#reserved_keywords
BQ_RESERVED = frozenset(
    """ALL AND ANY ARRAY AS ASC ASSERT_ROWS_MODIFIED AT BETWEEN BY CASE CAST COLLATE CONTAINS
    CREATE CROSS CUBE CURRENT DEFAULT DEFINE DESC DISTINCT ELSE END ENUM ESCAPE EXCEPT EXCLUDE
    EXISTS EXTRACT FALSE FETCH FOLLOWING FOR FROM FULL GROUP GROUPING GROUPS HASH HAVING IF
    IGNORE IN INNER INTERSECT INTERVAL INTO IS JOIN LATERAL LEFT LIKE LIMIT LOOKUP MERGE NATURAL
    NEW NO NOT NULL NULLS OF ON OR ORDER OUTER OVER PARTITION PRECEDING PROTO QUALIFY RANGE
    RECURSIVE RESPECT RIGHT ROLLUP ROWS SELECT SET SOME STRUCT TABLESAMPLE THEN TO TREAT TRUE
    UNBOUNDED UNION UNNEST USING WHEN WHERE WINDOW WITH WITHIN""".split()  # noqa: SIM905
)
# Column-name prefixes BigQuery reserves for pseudo-columns.
BQ_RESERVED_PREFIXES = ("_TABLE_", "_FILE_", "_PARTITION", "_ROW_TIMESTAMP", "__ROOT__", "_COLIDENTIFIER")
_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class SpecParts(Protocol):
    """What validation reads of a ``DatasetSpec`` (which is built on top of this module)."""

    @property
    def tables(self) -> Sequence[TableSpec]: ...

    @property
    def stories(self) -> Sequence[StoryPattern]: ...

    @property
    def golden_queries(self) -> Sequence[SpecQuery]: ...


def spec_issues(spec: SpecParts) -> list[SpecIssue]:
    """Every problem in the spec, each naming its table (and column) and what to do."""
    if not spec.tables:
        return [At().issue("spec", "add at least one table")]
    issues: list[SpecIssue] = []
    if len(spec.tables) > MAX_TABLES:
        issues.append(At().issue("spec", f"{len(spec.tables)} tables; at most {MAX_TABLES} are allowed"))
    seen_tables: set[str] = set()
    by_name: dict[str, TableSpec] = {}
    for t in spec.tables:
        issues += name_issues("table", t.name, At(t.name))
        if t.name.lower() in seen_tables:
            issues.append(At(t.name).issue("duplicate", "duplicate table name (names are case-insensitive)"))
        seen_tables.add(t.name.lower())
        by_name[t.name] = t
    for t in spec.tables:
        issues += table_issues(t, by_name)
    if table_order(spec.tables) is None:
        issues.append(At().issue(
            "table_cycle",
            f"foreign keys form a cycle between tables {sorted(cycle_tables(spec.tables))}; only "
            "self-references are allowed. Remove one foreign key of the cycle (e.g. keep the "
            "reference on the child side only)",
        ))
    elif not any(i.kind == "row_count" for i in issues):  # sizes of broken counts mean nothing
        issues += size_issues(spec.tables)
    story_names = {s.name for s in spec.stories}
    for i, q in enumerate(spec.golden_queries, 1):
        if q.pattern is not None and q.pattern not in story_names:
            issues.append(SpecIssue(
                "golden_query", None, None,
                f"pattern {q.pattern!r} is not a story name ({sorted(story_names)})", query=i,
            ))
    return issues


def size_issues(tables: Sequence[TableSpec]) -> list[SpecIssue]:
    rows = expected_rows(tables)
    total = sum(rows.values())
    cells = sum(rows[t.name] * len(t.columns) for t in tables)
    issues: list[SpecIssue] = []
    for t in tables:
        if rows[t.name] > MAX_TABLE_ROWS:
            issues.append(At(t.name).issue(
                "size",
                f"about {rows[t.name]:,} rows planned; at most {MAX_TABLE_ROWS:,} per table "
                "(lower row_count or children_per_parent)",
            ))
    if total > MAX_TOTAL_ROWS:
        issues.append(At().issue("size", f"about {total:,} rows planned in total; at most {MAX_TOTAL_ROWS:,}"))
    if cells > MAX_TOTAL_CELLS:
        issues.append(At().issue("size", f"about {cells:,} cells planned in total; at most {MAX_TOTAL_CELLS:,}"))
    return issues


def name_issues(kind: str, name: str, at: At) -> list[SpecIssue]:
    """BigQuery's rules for a table or column name."""
    if not _NAME_RE.match(name):
        return [at.issue(
            "name",
            f"name {name!r} is not a valid BigQuery {kind} name (use letters, digits and "
            "underscores, starting with a letter or underscore)",
        )]
    if len(name) > (1024 if kind == "table" else 300):
        return [at.issue("name", f"name is too long for a BigQuery {kind}")]
    if name.upper() in BQ_RESERVED:
        return [at.issue("name", f"{name!r} is a BigQuery reserved word; rename it (e.g. {name.lower()}_value)")]
    if kind == "column" and name.upper().startswith(BQ_RESERVED_PREFIXES):
        return [at.issue("name", f"column names may not start with {name.split('_')[1]!r} (reserved)")]
    return []


def table_issues(t: TableSpec, tables: dict[str, TableSpec]) -> list[SpecIssue]:
    at = At(t.name)
    if not t.columns:
        return [at.issue("spec", "add at least one column")]
    issues: list[SpecIssue] = []
    if len(t.columns) > MAX_COLUMNS:
        issues.append(at.issue("size", f"{len(t.columns)} columns; at most {MAX_COLUMNS}"))
    cols: dict[str, ColumnSpec] = {}
    lower: dict[str, str] = {}
    for c in t.columns:
        issues += name_issues("column", c.name, at.on(c.name))
        if c.name.lower() in lower:
            issues.append(at.on(c.name).issue(
                "duplicate", f"duplicate of column {lower[c.name.lower()]!r} (names are case-insensitive)"
            ))
        lower.setdefault(c.name.lower(), c.name)
        cols[c.name] = c
    issues += _row_issues(t)
    issues += _primary_key_issues(t, cols)
    fk_cols, fk_issues = _foreign_key_issues(t, cols, tables)
    issues += fk_issues
    for c in t.columns:
        issues += column_issues(t, c, cols, tables, fk_cols)
        issues += rule_issues(t, c, cols, tables)
    issues += table_rule_issues(t, tables)
    for i, e in enumerate(t.effects):
        issues += effect_issues(t, i, e, cols, tables)
    try:
        column_order(t)
    except ColumnCycle as e:
        issues.append(at.on(e.path[0]).issue("column_cycle", f"columns depend on each other in a cycle: {e}"))
    return issues


def _row_issues(t: TableSpec) -> list[SpecIssue]:
    at = At(t.name)
    cpp = t.children_per_parent
    if cpp is None:
        if t.row_count is not None and not 1 <= t.row_count <= MAX_TABLE_ROWS:
            return [at.issue("row_count", f"row_count {t.row_count} must be between 1 and {MAX_TABLE_ROWS:,}")]
        return []
    issues: list[SpecIssue] = []
    fk = t.fk(cpp.foreign_key)
    if fk is None:
        issues.append(at.on(cpp.foreign_key).issue(
            "row_count", "children_per_parent.foreign_key must be a column listed in foreign_keys"
        ))
    elif fk.references_table == t.name:
        issues.append(at.on(cpp.foreign_key).issue("row_count", "children_per_parent cannot use a self-reference"))
    if cpp.max is not None and cpp.max < cpp.min:
        issues.append(at.issue("row_count", "children_per_parent.max must be >= min"))
    if cpp.max is not None and cpp.max > MAX_CHILDREN:
        issues.append(at.issue("row_count", f"children_per_parent.max must be <= {MAX_CHILDREN}"))
    return issues


def _primary_key_issues(t: TableSpec, cols: dict[str, ColumnSpec]) -> list[SpecIssue]:
    if t.primary_key is None:
        return []
    pk = cols.get(t.primary_key)
    at = At(t.name, t.primary_key)
    if pk is None:
        return [at.issue("primary_key", "primary_key is not a column of the table")]
    issues: list[SpecIssue] = []
    if pk.nullable > 0:
        issues.append(at.issue("primary_key", "a primary key cannot be nullable (set nullable 0)"))
    if pk.generator is not None and not isinstance(pk.generator, SequenceGen | UuidGen):
        issues.append(at.issue(
            "primary_key",
            "a primary key needs a 'sequence' or 'uuid' generator (unique by construction), "
            f"not {pk.generator.kind!r}",
        ))
    if pk.type not in ("INT64", "STRING"):
        issues.append(at.issue("primary_key", "a primary key must be INT64 or STRING"))
    return issues


def _foreign_key_issues(
    t: TableSpec, cols: dict[str, ColumnSpec], tables: dict[str, TableSpec]
) -> tuple[set[str], list[SpecIssue]]:
    """(the table's foreign-key columns, the problems with its foreign keys)."""
    fk_cols: set[str] = set()
    issues: list[SpecIssue] = []
    for f in t.foreign_keys:
        at = At(t.name, f.column)
        if f.column in fk_cols:
            issues.append(at.issue("duplicate", "declared twice in foreign_keys"))
        fk_cols.add(f.column)
        col = cols.get(f.column)
        if col is None:
            issues.append(at.issue("foreign_key", "foreign key column is not a column of the table"))
            continue
        parent = tables.get(f.references_table)
        if parent is None:
            issues.append(at.issue(
                "foreign_key",
                f"references table {f.references_table!r}, which is not in the spec (tables: {sorted(tables)})",
            ))
            continue
        if parent.primary_key is None or f.references_column != parent.primary_key:
            issues.append(at.issue(
                "foreign_key",
                f"references {f.references_table}.{f.references_column}, which is not the primary "
                f"key of {f.references_table!r} (its key is {parent.primary_key!r})",
            ))
            continue
        pcol = next((c for c in parent.columns if c.name == parent.primary_key), None)
        if pcol is not None and pcol.type != col.type:
            issues.append(at.issue(
                "foreign_key", f"type {col.type} differs from {f.references_table}.{pcol.name} ({pcol.type})"
            ))
        if col.generator is not None and not isinstance(col.generator, ForeignKeyGen):
            issues.append(at.issue(
                "foreign_key",
                f"a foreign key column needs the 'foreign_key' generator, not {col.generator.kind!r}",
            ))
        # A self-reference points at an earlier row's id, so the key must be computable from
        # the row number: a sequence (an INT64 key without a generator defaults to one).
        if f.references_table == t.name and pcol is not None and not (
            isinstance(pcol.generator, SequenceGen) or (pcol.generator is None and pcol.type == "INT64")
        ):
            issues.append(at.issue("foreign_key", "a self-reference needs a 'sequence' primary key"))
    return fk_cols, issues
