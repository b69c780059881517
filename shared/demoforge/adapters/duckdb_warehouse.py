"""``Warehouse`` on DuckDB for local runs: one ``warehouse.duckdb`` file per job.

The file lives in the job's artifact folder (so it is part of the demo pack), the
BigQuery dataset becomes a DuckDB schema, and queries arrive as BigQuery SQL that is
translated with sqlglot plus the corrective rules in ``demoforge.sql.translate``.
A connection is opened and closed per operation: DuckDB allows one writer process per
file, and the CLI, the local agent adapter and tests use the same file in turn.

Queries and dry runs get a read-only connection with external access off (no file,
URL or extension access: ``read_text``/``read_csv``/``COPY``/``ATTACH``/``INSTALL`` fail
even if one slipped past the guard), no extension autoloading, a memory limit without
spilling to disk (``/tmp`` is memory in Cloud Functions), the configuration locked, an
interrupt after ``settings.query_timeout_s`` and at most ``settings.query_max_rows`` rows
fetched (results stream, so the cap bounds memory too).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import sqlglot
from sqlglot import exp

from demoforge.domain.artifacts import LOCAL_WAREHOUSE
from demoforge.domain.errors import PermanentError, TransientError
from demoforge.service.ports import ArtifactStore, DatasetRef, QueryUsage
from demoforge.settings import Settings
from demoforge.sql.translate import to_duckdb

if TYPE_CHECKING:
    from demoforge.spec.model import TableSpec

DB_FILE = LOCAL_WAREHOUSE

# BigQuery column type -> DuckDB type, so the local tables have the same shape the
# cloud ones get from their schema (Parquet alone would leave NUMERIC as a decimal of
# whatever scale the writer chose).
_TYPES = {
    "STRING": "VARCHAR", "INT64": "BIGINT", "FLOAT64": "DOUBLE", "NUMERIC": "DECIMAL(38, 9)",
    "BOOL": "BOOLEAN", "DATE": "DATE", "TIMESTAMP": "TIMESTAMPTZ",
}


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class DuckDBWarehouse:
    def __init__(self, settings: Settings, artifacts: ArtifactStore) -> None:
        self.settings = settings
        self.artifacts = artifacts
        # The warehouse phase loads tables in parallel threads; DuckDB has one writer per
        # file, so writes are serialised here instead of failing on the file lock.
        self._write_lock = threading.Lock()

    def path(self, ref: DatasetRef) -> Path:
        return self.artifacts.workdir(ref.job_id) / DB_FILE

    def _sandbox(self) -> dict[str, Any]:
        """Connection settings for running SQL that came from an LLM or a user."""
        return {
            "enable_external_access": False,
            "autoload_known_extensions": False,
            "autoinstall_known_extensions": False,
            "memory_limit": f"{self.settings.query_memory_mb}MB",
            "temp_directory": "",
        }

    @contextlib.contextmanager
    def _connect(self, ref: DatasetRef, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        path = self.path(ref)
        if read_only and not path.exists():
            raise PermanentError(f"dataset {ref.dataset} has not been loaded (no {path.name})")
        # Read-only connections only ever run queries: sandbox them. (Loads need file
        # access for read_parquet; they run our own SQL.)
        config = self._sandbox() if read_only else {}
        deadline = time.monotonic() + 10.0
        while True:
            try:
                con = duckdb.connect(str(path), read_only=read_only, config=config)
                break
            except duckdb.IOException as e:
                # Another process holds the file lock: wait briefly, then let the
                # runner redeliver rather than fail the job.
                if time.monotonic() > deadline:
                    raise TransientError(f"warehouse file busy: {e}") from e
                time.sleep(0.2)
        try:
            if read_only:
                _lock_sandbox(con)
            else:
                con.execute("SET TimeZone = 'UTC'")
            yield con
        finally:
            con.close()

    def ensure_dataset(
        self, ref: DatasetRef, *, labels: Mapping[str, str], description: str, ttl_days: int
    ) -> None:
        # Labels and expiry have no local meaning; the schema is the dataset.
        with self._write_lock, self._connect(ref) as con:
            con.execute(f"CREATE SCHEMA IF NOT EXISTS {_q(ref.dataset)}")

    def load_table(self, ref: DatasetRef, table: TableSpec, parquet: Path) -> int:
        if not Path(parquet).is_file():
            raise PermanentError(f"Parquet file for table {table.name} not found: {parquet}")
        target = f"{_q(ref.dataset)}.{_q(table.name)}"
        select = ", ".join(
            f"CAST({_q(c.name)} AS {_TYPES[c.type]}) AS {_q(c.name)}"
            if c.type in _TYPES and c.mode != "REPEATED" else _q(c.name)
            for c in table.columns
        )
        with self._write_lock, self._connect(ref) as con:
            con.execute(f"CREATE SCHEMA IF NOT EXISTS {_q(ref.dataset)}")
            try:
                # CREATE OR REPLACE: a redelivery overwrites (WRITE_TRUNCATE semantics).
                con.execute(
                    f"CREATE OR REPLACE TABLE {target} AS SELECT {select} "
                    f"FROM read_parquet({_lit(str(parquet))})"
                )
            except duckdb.BinderException as e:
                raise PermanentError(
                    f"Parquet for table {table.name} does not match its spec: {e}"
                ) from e
            con.execute(f"COMMENT ON TABLE {target} IS {_lit(table.description)}")
            for c in table.columns:
                con.execute(f"COMMENT ON COLUMN {target}.{_q(c.name)} IS {_lit(c.description)}")
            row = con.execute(f"SELECT count(*) FROM {target}").fetchone()
        return int(row[0]) if row else 0

    def row_count(self, ref: DatasetRef, table: str) -> int:
        with self._connect(ref, read_only=True) as con:
            try:
                row = con.execute(f"SELECT count(*) FROM {_q(ref.dataset)}.{_q(table)}").fetchone()
            except duckdb.CatalogException as e:
                raise PermanentError(f"table {ref.dataset}.{table} not found") from e
        return int(row[0]) if row else 0

    def _translate(self, sql: str) -> str:
        try:
            return to_duckdb(sql)
        except sqlglot.errors.ParseError as e:
            raise PermanentError(f"query does not parse as BigQuery SQL: {e}") from e

    def _estimate_bytes(self, con: duckdb.DuckDBPyConnection, ref: DatasetRef, sql: str) -> int:
        # BigQuery bills the columns read of the tables referenced; approximate that with
        # rows x 8 bytes x columns of every table the query names.
        names = {t.name for t in sqlglot.parse_one(sql, read="bigquery").find_all(exp.Table)}
        total = 0
        for name in names:
            row = con.execute(
                "SELECT estimated_size, column_count FROM duckdb_tables() "
                "WHERE schema_name = ? AND table_name = ?",
                [ref.dataset, name],
            ).fetchone()
            if row:
                total += int(row[0] or 0) * int(row[1] or 0) * 8
        return total

    def dry_run(self, ref: DatasetRef, sql: str) -> int:
        duck = self._translate(sql)
        with self._connect(ref, read_only=True) as con:
            try:
                con.execute(f"EXPLAIN {duck}")
            except duckdb.Error as e:
                raise PermanentError(f"dry run failed: {str(e).splitlines()[0]}") from e
            return self._estimate_bytes(con, ref, sql)

    def query(self, ref: DatasetRef, sql: str, *, max_bytes_billed: int) -> list[dict[str, Any]]:
        return self.query_with_usage(ref, sql, max_bytes_billed=max_bytes_billed)[0]

    def query_with_usage(
        self, ref: DatasetRef, sql: str, *, max_bytes_billed: int
    ) -> tuple[list[dict[str, Any]], QueryUsage]:
        """Processed bytes are the estimate the bound checks; nothing is billed."""
        duck = self._translate(sql)
        # read_only: even a query that slipped past the guard cannot write.
        with self._connect(ref, read_only=True) as con:
            # Unqualified names resolve in the dataset, like a BigQuery default dataset.
            con.execute(f"SET search_path = {_lit(ref.dataset + ',main')}")
            estimate = self._estimate_bytes(con, ref, sql)
            if max_bytes_billed and estimate > max_bytes_billed:
                raise PermanentError(
                    f"query would process ~{estimate} bytes, above the {max_bytes_billed} limit"
                )
            timeout_s = self.settings.query_timeout_s
            # DuckDB has no statement timeout; interrupt the connection from a timer.
            timer = threading.Timer(timeout_s, con.interrupt)
            timer.daemon = True
            timer.start()
            try:
                cur = con.execute(duck)
                cols = [d[0] for d in cur.description or []]
                rows = cur.fetchmany(self.settings.query_max_rows)
            except duckdb.InterruptException as e:
                raise PermanentError(f"query did not finish within {timeout_s:g} s and was "
                                     "interrupted", code="query_timeout") from e
            except duckdb.OutOfMemoryException as e:
                raise PermanentError(
                    f"query needs more than {self.settings.query_memory_mb} MB of memory: "
                    f"{str(e).splitlines()[0]}", code="query_too_large") from e
            except duckdb.Error as e:
                raise PermanentError(f"query failed: {str(e).splitlines()[0]}") from e
            finally:
                timer.cancel()
        return ([dict(zip(cols, (_normalise(v) for v in r), strict=True)) for r in rows],
                QueryUsage(bytes_processed=estimate, bytes_billed=0))

    def delete_dataset(self, ref: DatasetRef) -> None:
        path = self.path(ref)
        if not path.exists():
            return
        with self._write_lock, self._connect(ref) as con:
            con.execute(f"DROP SCHEMA IF EXISTS {_q(ref.dataset)} CASCADE")


# Read-only connections to one file in one process share a DuckDB instance, and its
# settings: the first one sets the time zone and locks the configuration, later ones find
# it locked (setting it again would fail). The lock makes that check-then-set atomic.
_SANDBOX_LOCK = threading.Lock()


def _lock_sandbox(con: duckdb.DuckDBPyConnection) -> None:
    with _SANDBOX_LOCK:
        row = con.execute("SELECT current_setting('lock_configuration')").fetchone()
        if not (row and row[0]):
            con.execute("SET TimeZone = 'UTC'")
            con.execute("SET lock_configuration = true")  # the SQL cannot undo the sandbox


def _normalise(v: Any) -> Any:
    # Match what the BigQuery client returns: naive DuckDB timestamps are UTC.
    if isinstance(v, dt.datetime) and v.tzinfo is None:
        return v.replace(tzinfo=dt.UTC)
    return v
