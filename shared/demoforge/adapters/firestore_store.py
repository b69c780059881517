"""``JobStore`` and ``ResearchCache`` on Cloud Firestore (native mode), for the cloud and
``demoforge up``.

Layout (what a person sees in the Firestore console):

- ``jobs/{job_id}``: ``JobDoc.to_store()`` with real timestamps, enum values as strings and
  the per-phase map keyed by phase name.
- ``jobs/{job_id}/events/{event_id}``: one log line each; ids sort by time (see
  ``sqlite_store.event_id``) and ``expire_at`` drives the TTL policy Terraform sets on the
  ``events`` collection group.
- ``research_cache/{sha256(key)}``: ``{key, value_json, expire_at}``; ``expire_at`` drives a TTL
  policy, and reads check it too because TTL deletion can lag by a day or more.

``transact`` runs the caller's pure function inside a Firestore transaction. Firestore
retries on contention by re-running it, and so do we when the emulator (or a busy
document) answers ABORTED during the read. Google API errors that mean "try again later"
become ``TransientError`` so the runner lets Pub/Sub redeliver.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from google.api_core import exceptions as gexc
from google.auth.credentials import AnonymousCredentials
from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter
from google.cloud.firestore_v1.field_path import FieldPath
from google.cloud.firestore_v1.query import Query
from pydantic import BaseModel

from demoforge.adapters.google_errors import TRANSIENT, transient_errors
from demoforge.adapters.sqlite_store import event_id
from demoforge.domain.errors import Conflict, InvalidInput, TransientError
from demoforge.domain.job import Event, JobDoc, JobStatus, utcnow
from demoforge.service.ports import R, TxFn
from demoforge.settings import Settings

# Aliases: inside the class, ``list`` names the method, not the builtin.
_Jobs = list[JobDoc]
_Events = list[Event]

JOBS = "jobs"
EVENTS = "events"
CACHE = "research_cache"

def _mapped(what: str) -> AbstractContextManager[None]:
    return transient_errors("Firestore", what)


def _overlay_datetimes(model: BaseModel, data: dict[str, Any]) -> dict[str, Any]:
    """Put real ``datetime`` objects back into a ``mode="json"`` dump, for the model's
    typed fields only (free-form dicts like ``summary`` stay JSON, as in SQLite), so the
    console shows timestamps and the TTL policy can read ``expire_at``."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, dt.datetime):
            data[name] = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        elif isinstance(value, BaseModel) and isinstance(data.get(name), dict):
            _overlay_datetimes(value, data[name])
        elif isinstance(value, dict) and isinstance(data.get(name), dict):
            # Keys were turned into strings by the JSON dump (e.g. Phase -> "research");
            # both dumps keep insertion order, so pair them up positionally.
            for (_, sub), key in zip(value.items(), list(data[name]), strict=True):
                if isinstance(sub, BaseModel) and isinstance(data[name][key], dict):
                    _overlay_datetimes(sub, data[name][key])
    return data


# Firestore cannot store an array directly inside an array, but phase summaries and event
# data are free-form JSON (e.g. a small table preview). Such inner arrays are stored as
# {NESTED_ARRAY: [...]} maps and turned back into lists on read, so documents round-trip
# exactly as they do in SQLite.
NESTED_ARRAY = "nested_array"


def _wrap_nested(value: Any, in_list: bool = False) -> Any:
    if isinstance(value, dict):
        return {k: _wrap_nested(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_wrap_nested(v, True) for v in value]
        return {NESTED_ARRAY: items} if in_list else items
    return value


def _unwrap_nested(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) == 1 and isinstance(value.get(NESTED_ARRAY), list):
            return [_unwrap_nested(v) for v in value[NESTED_ARRAY]]
        return {k: _unwrap_nested(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unwrap_nested(v) for v in value]
    return value


def encode_job(job: JobDoc) -> dict[str, Any]:
    """The Firestore document for a job: JSON-safe values with real timestamps."""
    return _overlay_datetimes(job, _wrap_nested(job.to_json()))


def decode_job(data: dict[str, Any]) -> JobDoc:
    return JobDoc.model_validate(_unwrap_nested(data))


def encode_event(event: Event) -> dict[str, Any]:
    return _overlay_datetimes(event, _wrap_nested(event.model_dump(mode="json")))


def decode_event(data: dict[str, Any]) -> Event:
    return Event.model_validate(_unwrap_nested(data))


def cache_doc_id(key: str) -> str:
    # Cache keys are URLs: '/' is not allowed in a document id and ids are capped at
    # 1500 bytes, so use a fixed-length hash (the key itself is stored in the document).
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _parse_cursor(cursor: str) -> tuple[dt.datetime, str]:
    created, sep, job_id = cursor.partition("|")
    try:
        if not sep or not job_id:
            raise ValueError("missing separator")
        at = dt.datetime.fromisoformat(created)
    except ValueError as e:
        raise InvalidInput(f"invalid list cursor {cursor!r}") from e
    return (at if at.tzinfo else at.replace(tzinfo=dt.UTC)), job_id


def make_client(settings: Settings) -> firestore.Client:
    host = settings.firestore_emulator_host
    if host:
        client = firestore.Client(
            project=settings.project,
            database=settings.firestore_database,
            credentials=AnonymousCredentials(),
        )
    else:
        client = firestore.Client(project=settings.project, database=settings.firestore_database)
    # The SDK only looks at FIRESTORE_EMULATOR_HOST in os.environ. Make Settings the
    # single source of truth: set (or clear) the emulator target before the first RPC
    # creates the channel, so nothing below the composition root depends on the env.
    client._emulator_host = host or None
    return client


class FirestoreJobStore:
    def __init__(
        self,
        settings: Settings,
        *,
        client: firestore.Client | None = None,
        max_tx_attempts: int = 12,
        clock: Callable[[], dt.datetime] = utcnow,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.max_tx_attempts = max_tx_attempts
        self.client = client or make_client(settings)

    # --- helpers ---------------------------------------------------------------------------

    def _job_ref(self, job_id: str) -> Any:
        return self.client.collection(JOBS).document(job_id)

    def _expire_at(self) -> dt.datetime:
        return self.clock() + dt.timedelta(days=self.settings.job_ttl_days)

    # --- JobStore ---------------------------------------------------------------------------

    def create(self, job: JobDoc) -> None:
        with _mapped(f"create job {job.job_id}"):
            try:
                self._job_ref(job.job_id).create(encode_job(job))
            except gexc.AlreadyExists as e:
                raise Conflict(f"job {job.job_id} already exists") from e
            except gexc.Conflict as e:
                raise Conflict(f"job {job.job_id} already exists") from e

    def get(self, job_id: str) -> JobDoc | None:
        with _mapped(f"get job {job_id}"):
            snap = self._job_ref(job_id).get()
        data = snap.to_dict() if snap.exists else None
        return decode_job(data) if data is not None else None

    def list(
        self, limit: int = 20, cursor: str | None = None, *, owner: str | None = None
    ) -> tuple[_Jobs, str | None]:
        if limit < 1:
            raise InvalidInput("limit must be at least 1")
        # Ordering by created_at desc then document id desc matches Firestore's implicit
        # tie-break, so the single-field index on created_at serves this query (with an
        # owner, the composite index (created_by, created_at desc) in terraform/firestore.tf).
        base: Any = self.client.collection(JOBS)  # a CollectionReference is a query too
        if owner is not None:
            base = base.where(filter=FieldFilter("created_by", "==", owner))
        q: Query = (
            base
            .order_by("created_at", direction=firestore.Query.DESCENDING)
            .order_by(FieldPath.document_id(), direction=firestore.Query.DESCENDING)
        )
        if cursor:
            at, job_id = _parse_cursor(cursor)
            q = q.start_after({"created_at": at, FieldPath.document_id(): job_id})
        with _mapped("list jobs"):
            snaps = list(q.limit(limit + 1).stream())
        docs = [decode_job(s.to_dict() or {}) for s in snaps[:limit]]
        nxt = None
        if len(snaps) > limit:
            last = docs[-1]
            nxt = f"{last.created_at.isoformat()}|{last.job_id}"
        return docs, nxt

    def transact(self, job_id: str, fn: TxFn[R]) -> R:
        ref = self._job_ref(job_id)

        @firestore.transactional
        def body(tx: firestore.Transaction) -> R:
            snap = ref.get(transaction=tx)
            data = snap.to_dict() if snap.exists else None
            new, value = fn(decode_job(data) if data is not None else None)
            if new is not None:
                tx.set(ref, encode_job(new))
            return value

        last: BaseException | None = None
        for attempt in range(self.max_tx_attempts):
            try:
                # The SDK retries ABORTED commits itself (re-running fn); we add an outer
                # loop with jittered backoff because a read that loses a lock race also
                # answers ABORTED, and the SDK does not retry errors raised inside the body.
                return body(self.client.transaction(max_attempts=3))
            except gexc.Aborted as e:
                last = e
            except ValueError as e:
                # "Failed to commit transaction in N attempts" (the SDK's contention give-up).
                if not isinstance(e.__cause__, gexc.Aborted):
                    raise
                last = e
            except TRANSIENT as e:
                raise TransientError(f"Firestore transaction on job {job_id}: {e}") from e
            time.sleep(min(1.0, 0.02 * 2**attempt) * (0.5 + random.random()))
        raise TransientError(
            f"Firestore transaction on job {job_id} kept hitting contention "
            f"({self.max_tx_attempts} attempts): {last}"
        ) from last

    def stalled_candidates(self, before: dt.datetime, limit: int) -> _Jobs:
        # Composite index (status, updated_at): terraform/firestore.tf.
        q: Query = (
            self.client.collection(JOBS)
            .where(filter=FieldFilter("status", "in", [JobStatus.QUEUED.value, JobStatus.RUNNING.value]))
            .where(filter=FieldFilter("updated_at", "<", before))
            .order_by("updated_at")
            .limit(limit)
        )
        with _mapped("list stalled jobs"):
            return [decode_job(s.to_dict() or {}) for s in q.stream()]

    def expired_candidates(self, now: dt.datetime, limit: int) -> _Jobs:
        # Composite index (purge_at, expire_at): terraform/firestore.tf. purge_at is stored
        # as an explicit null until the teardown is done, so equality finds the open ones.
        q: Query = (
            self.client.collection(JOBS)
            .where(filter=FieldFilter("purge_at", "==", None))
            .where(filter=FieldFilter("expire_at", "<=", now))
            .order_by("expire_at")
            .limit(limit)
        )
        with _mapped("list expired jobs"):
            return [decode_job(s.to_dict() or {}) for s in q.stream()]

    def add_event(self, job_id: str, event: Event) -> None:
        data = encode_event(event)
        data["expire_at"] = self._expire_at()
        with _mapped(f"add event to job {job_id}"):
            self._job_ref(job_id).collection(EVENTS).document(event_id(event)).set(data)

    def events(
        self, job_id: str, limit: int = 100, cursor: str | None = None
    ) -> tuple[_Events, str | None]:
        if limit < 1:
            raise InvalidInput("limit must be at least 1")
        q: Query = self._job_ref(job_id).collection(EVENTS).order_by(FieldPath.document_id())
        if cursor:
            q = q.start_after({FieldPath.document_id(): cursor})
        with _mapped(f"list events of job {job_id}"):
            snaps = list(q.limit(limit + 1).stream())
        evs = [decode_event(s.to_dict() or {}) for s in snaps[:limit]]
        return evs, (snaps[limit - 1].id if len(snaps) > limit else None)



class FirestoreResearchCache:
    """``research_cache/{sha256(key)}`` documents (see the module docstring)."""

    def __init__(
        self,
        settings: Settings,
        *,
        client: firestore.Client | None = None,
        clock: Callable[[], dt.datetime] = utcnow,
    ) -> None:
        self.clock = clock
        # Shares the job store's client when the composition root has one (one channel).
        self.client = client or make_client(settings)

    def get(self, key: str) -> dict[str, Any] | None:
        with _mapped("read research cache"):
            snap = self.client.collection(CACHE).document(cache_doc_id(key)).get()
        data = snap.to_dict() if snap.exists else None
        if not data or data.get("key") != key:
            return None
        expire_at = data.get("expire_at")
        # TTL deletion is eventual (up to ~24 h late): an expired entry may still be there.
        if not isinstance(expire_at, dt.datetime) or expire_at <= self.clock():
            return None
        try:
            value = json.loads(data.get("value_json", ""))
        except ValueError:
            return None  # an entry we cannot read is a miss; the next put overwrites it
        return value if isinstance(value, dict) else None

    def put(self, key: str, value: dict[str, Any], ttl_s: int) -> None:
        doc = {
            "key": key,
            # JSON text, not a map: Firestore rejects nested arrays and the cache holds
            # arbitrary extraction output; nobody reads this document in the console.
            "value_json": json.dumps(value, separators=(",", ":")),
            "expire_at": self.clock() + dt.timedelta(seconds=ttl_s),
            "updated_at": self.clock(),
        }
        with _mapped("write research cache"):
            self.client.collection(CACHE).document(cache_doc_id(key)).set(doc)
