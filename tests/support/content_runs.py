"""What content tests share: a query runner over a DuckDB connection to generated data
(the shape content's ``Run`` takes: SQL in, (SQL, rows) out, no rows is a failed query),
and a bundled sample's research read offline from its pages."""

from __future__ import annotations

from typing import Any

import duckdb

from demoforge.content.golden import QueryFailed
from demoforge.devtools import samples
from demoforge.domain.results import ResearchResult
from demoforge.research.extract import extract
from demoforge.research.offline import analyse
from demoforge.sql.translate import to_duckdb


def duckdb_runner(con: duckdb.DuckDBPyConnection) -> Any:
    def run(sql: str) -> tuple[str, list[dict[str, Any]]]:
        cur = con.cursor()
        cur.execute(to_duckdb(sql))
        cols = [d[0] for d in cur.description]
        rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
        if not rows:
            raise QueryFailed("result", "the query returned no rows")
        return sql, rows
    return run


def sample_research(name: str) -> ResearchResult:
    """The offline research of bundled sample ``name`` (its pages served as on loopback)."""
    folder = samples.ROOT / name
    files = sorted(folder.glob("*.html"), key=lambda f: (f.name != "index.html", f.name))
    return analyse([extract(f.read_text(encoding="utf-8"), f"http://127.0.0.1:8000/{f.name}") for f in files])
