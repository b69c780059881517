"""Embedded ``JobStore`` and ``ResearchCache`` on SQLite, for local runs and the CLI.

Documents are stored as JSON. ``transact`` uses ``BEGIN IMMEDIATE`` so two processes
(e.g. functions under ``demoforge up`` without Firestore) serialise their read-modify-write
just like a Firestore transaction would. Both live in one file (``jobs.sqlite``), each
with its own tables.
"""

from __future__ import annotations

import builtins
import datetime as dt
import json
import sqlite3
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from demoforge.domain.errors import Conflict
from demoforge.domain.job import Event, JobDoc, JobStatus
from demoforge.service.ports import R, TxFn

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    job_id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_created ON jobs(created_at DESC, job_id DESC);
CREATE TABLE IF NOT EXISTS events (
    job_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (job_id, event_id)
);
"""
_CACHE_SCHEMA = """
CREATE TABLE IF NOT EXISTS cache (
    key TEXT PRIMARY KEY,
    expires_at REAL NOT NULL,
    value TEXT NOT NULL
);
"""


def event_id(event: Event) -> str:
    # Sortable by time, unique across writers.
    return f"{event.at.strftime('%Y%m%dT%H%M%S.%f')}-{uuid.uuid4().hex[:8]}"


class _Database:
    """One SQLite file, one connection per thread (connections are not thread-safe)."""

    def __init__(self, path: Path | str, schema: str) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._conn() as c:
            c.executescript(schema)

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            self._local.conn = conn
        return conn


class SQLiteJobStore(_Database):
    def __init__(self, path: Path | str) -> None:
        super().__init__(path, _SCHEMA)

    def create(self, job: JobDoc) -> None:
        try:
            self._conn().execute(
                "INSERT INTO jobs(job_id, created_at, doc) VALUES (?, ?, ?)",
                (job.job_id, job.created_at.isoformat(), json.dumps(job.to_json())),
            )
        except sqlite3.IntegrityError as e:
            raise Conflict(f"job {job.job_id} already exists") from e

    def get(self, job_id: str) -> JobDoc | None:
        row = self._conn().execute("SELECT doc FROM jobs WHERE job_id = ?", (job_id,)).fetchone()
        return JobDoc.model_validate_json(row[0]) if row else None

    def list(
        self, limit: int = 20, cursor: str | None = None, *, owner: str | None = None
    ) -> tuple[builtins.list[JobDoc], str | None]:
        where, params = [], []
        if cursor:
            created, _, jid = cursor.partition("|")
            where.append("(created_at, job_id) < (?, ?)")
            params += [created, jid]
        if owner is not None:
            where.append("json_extract(doc, '$.created_by') = ?")
            params.append(owner)
        clause = f"WHERE {' AND '.join(where)} " if where else ""
        rows = self._conn().execute(
            f"SELECT doc, created_at, job_id FROM jobs {clause}"
            "ORDER BY created_at DESC, job_id DESC LIMIT ?",
            (*params, limit + 1),
        ).fetchall()
        docs = [JobDoc.model_validate_json(r[0]) for r in rows[:limit]]
        nxt = f"{rows[limit - 1][1]}|{rows[limit - 1][2]}" if len(rows) > limit else None
        return docs, nxt

    def transact(self, job_id: str, fn: TxFn[R]) -> R:
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            row = conn.execute("SELECT doc FROM jobs WHERE job_id = ?", (job_id,)).fetchone()
            current = JobDoc.model_validate_json(row[0]) if row else None
            new, value = fn(current)
            if new is not None:
                conn.execute(
                    "INSERT INTO jobs(job_id, created_at, doc) VALUES (?, ?, ?) "
                    "ON CONFLICT(job_id) DO UPDATE SET doc = excluded.doc",
                    (job_id, new.created_at.isoformat(), json.dumps(new.to_json())),
                )
            conn.execute("COMMIT")
            return value
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def stalled_candidates(self, before: dt.datetime, limit: int) -> builtins.list[JobDoc]:
        rows = self._conn().execute(
            "SELECT doc FROM jobs WHERE json_extract(doc, '$.status') IN (?, ?)",
            (JobStatus.QUEUED.value, JobStatus.RUNNING.value),
        ).fetchall()
        # Timestamps are compared as datetimes, not as their JSON text (which sorts
        # "…:00Z" after "…:00.5Z"); a local store holds few jobs.
        docs = [d for d in (JobDoc.model_validate_json(r[0]) for r in rows) if d.updated_at < before]
        return sorted(docs, key=lambda d: d.updated_at)[:limit]

    def expired_candidates(self, now: dt.datetime, limit: int) -> builtins.list[JobDoc]:
        rows = self._conn().execute(
            "SELECT doc FROM jobs WHERE json_extract(doc, '$.purge_at') IS NULL "
            "AND json_extract(doc, '$.expire_at') IS NOT NULL",
        ).fetchall()
        docs = [d for d in (JobDoc.model_validate_json(r[0]) for r in rows)
                if d.expire_at is not None and d.expire_at <= now]
        return sorted(docs, key=lambda d: d.expire_at or now)[:limit]

    def add_event(self, job_id: str, event: Event) -> None:
        self._conn().execute(
            "INSERT INTO events(job_id, event_id, doc) VALUES (?, ?, ?)",
            (job_id, event_id(event), event.model_dump_json()),
        )

    def events(
        self, job_id: str, limit: int = 100, cursor: str | None = None
    ) -> tuple[builtins.list[Event], str | None]:
        rows = self._conn().execute(
            "SELECT event_id, doc FROM events WHERE job_id = ? AND event_id > ? "
            "ORDER BY event_id LIMIT ?",
            (job_id, cursor or "", limit + 1),
        ).fetchall()
        evs = [Event.model_validate_json(r[1]) for r in rows[:limit]]
        return evs, (rows[limit - 1][0] if len(rows) > limit else None)


class SQLiteResearchCache(_Database):
    def __init__(self, path: Path | str) -> None:
        super().__init__(path, _CACHE_SCHEMA)

    def get(self, key: str) -> dict[str, Any] | None:
        row = self._conn().execute(
            "SELECT value FROM cache WHERE key = ? AND expires_at > ?", (key, time.time())
        ).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, key: str, value: dict[str, Any], ttl_s: int) -> None:
        self._conn().execute(
            "INSERT INTO cache(key, expires_at, value) VALUES (?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET expires_at = excluded.expires_at, value = excluded.value",
            (key, time.time() + ttl_s, json.dumps(value)),
        )
