"""SQL safety and dialect handling for golden queries.

``guard`` proves (on the sqlglot AST, never with regexes) that a query is one read-only
SELECT confined to the job's dataset and returns it fully qualified; ``translate`` turns
that BigQuery SQL into DuckDB SQL for the local warehouse. Stored SQL is always BigQuery.
"""

from demoforge.sql.guard import GuardedQuery, UnsafeQuery, guard
from demoforge.sql.translate import to_duckdb

__all__ = ["GuardedQuery", "UnsafeQuery", "guard", "to_duckdb"]
