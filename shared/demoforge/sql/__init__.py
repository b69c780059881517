"""SQL safety and dialect handling for golden queries.

``check_select`` (``guard`` when the project is known) proves, on the sqlglot AST and
never with regexes, that a query is one read-only SELECT confined to the job's dataset
that calls only BigQuery built-ins, and returns it fully qualified; ``translate`` turns
that BigQuery SQL into DuckDB SQL for the local warehouse. Stored SQL is always BigQuery.
"""

from demoforge.sql.guard import GuardedQuery, UnsafeQuery, check_select, guard
from demoforge.sql.translate import to_duckdb

__all__ = ["GuardedQuery", "UnsafeQuery", "check_select", "guard", "to_duckdb"]
