"""The client's background sync: push the outbox, pull pages, move attachments, retry.

``sync_once`` does one full round; ``run_forever`` repeats it in a plain thread, faster
when ``wake()`` is called (a local change) and backing off exponentially while the server
cannot be reached. The local database stays fully usable meanwhile: every step is its
own short transaction, and nothing here holds a write lock while waiting on the network.
``status()`` is what a status area shows.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import func, select

from eoffice.documents.models import Document, DocumentFile
from eoffice.errors import DomainError
from eoffice.store import Store
from eoffice.store.base import utcnow
from eoffice.store.blobs import BlobStore
from eoffice.sync import operations as ops
from eoffice.sync.changes import ChangePage, apply_bodies, apply_page
from eoffice.sync.client import (
    BlobCorrupt,
    NotSignedIn,
    Offline,
    ProtocolMismatchError,
    SyncClient,
    UntrustedServer,
)
from eoffice.sync.client_state import (
    PENDING,
    discard_rejected,
    get_cursor,
    mark_outcome,
    pending_operations,
    rejected_operations,
)
from eoffice.sync.models import OutboxEntry

log = logging.getLogger("eoffice.sync")


@dataclass(frozen=True)
class Rejected:
    """An operation the server refused, for the user to read (and open its document)."""

    op_id: str
    kind: str
    reason: str
    reason_en: str
    document_id: str | None = None


@dataclass(frozen=True)
class SyncStatus:
    """A snapshot of the engine for the status area."""

    online: bool | None = None  # None: not tried yet
    syncing: bool = False
    signed_in: bool = True
    pending: int = 0
    rejected: tuple[Rejected, ...] = ()
    last_error: str | None = None
    last_sync_at: datetime | None = None
    #: Progress of the first sync (from an empty client): pages and rows applied so far.
    first_sync: bool = False
    pages: int = 0
    rows: int = 0
    #: Attachments that could not be fetched, by digest, with the reason.
    blob_errors: dict[str, str] = field(default_factory=dict)


@dataclass
class RoundReport:
    """What one ``sync_once`` did."""

    pushed: int = 0
    accepted: int = 0
    rejected: int = 0
    uploaded: int = 0
    pages: int = 0
    rows: int = 0
    bodies: int = 0  # documents whose PDF text arrived
    downloaded: int = 0


def _files_of(op: ops.Operation) -> tuple[ops.FileRef, ...]:
    files = getattr(op, "files", None)
    return tuple(files) if files else ()


def _within(batch: list[ops.Operation], limit: int) -> list[ops.Operation]:
    """The first operations of ``batch`` whose JSON stays under ``limit`` bytes (at least one):
    the server refuses request bodies over its limit (10 MB), and PDF text can be long."""
    kept: list[ops.Operation] = []
    size = 0
    for op in batch:
        size += len(json.dumps(ops.to_json(op), ensure_ascii=False).encode())
        if kept and size > limit:
            break
        kept.append(op)
    return kept


def prefetched_pages(client: SyncClient, cursor: int, limit: int) -> Iterator[ChangePage]:
    """The pages above ``cursor`` in order, the next one fetched while the caller applies
    this one (the server and the client work at once).

    Only the fetching runs ahead: the caller still applies and commits each page, with its
    cursor, before it gets the next, so an interruption (a failed fetch raises when its
    page is due) leaves the client at its last committed page.
    """
    ahead = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eoffice-pull")
    coming: Future[ChangePage] = ahead.submit(client.pull, cursor, limit)
    try:
        while True:
            page = coming.result()
            if page.more:
                coming = ahead.submit(client.pull, page.next_cursor, limit)
            yield page
            if not page.more:
                return
    finally:
        coming.cancel()  # a fetch under way finishes in its thread; its page is dropped
        ahead.shutdown(wait=False)


def _document_of(op: ops.Operation) -> str | None:
    value = getattr(op, "document_id", None)
    return value if isinstance(value, str) else None


class SyncEngine:
    """Keeps one client database in step with the server for one user."""

    #: Rows per pull page: bigger pages mean fewer round trips and commits; 2000
    #: documents come to about 4 MB of JSON.
    DEFAULT_PAGE_LIMIT = 2000

    def __init__(
        self,
        store: Store,
        blobs: BlobStore,
        client: SyncClient,
        user_id: str,
        *,
        name: str = "server",
        page_limit: int = DEFAULT_PAGE_LIMIT,
        batch_size: int = 100,
        batch_bytes: int = 4 * 1024 * 1024,
        interval: float = 30.0,
        min_backoff: float = 1.0,
        max_backoff: float = 120.0,
    ) -> None:
        self.store = store
        self.blobs = blobs
        self.client = client
        self.user_id = user_id
        self.name = name
        self.page_limit = page_limit
        self.batch_size = batch_size
        self.batch_bytes = batch_bytes
        self.interval = interval
        self.min_backoff = min_backoff
        self.max_backoff = max_backoff
        self._status = SyncStatus()
        self._status_lock = threading.Lock()
        self._round = threading.Lock()  # one round at a time
        self._wake = threading.Event()
        self._hello_done = False

    # ------------------------------------------------------------------ status

    def _set(self, **changes: object) -> None:
        with self._status_lock:
            self._status = replace(self._status, **changes)  # type: ignore[arg-type]

    def status(self) -> SyncStatus:
        """The engine's state now, with the outbox counted from the database."""
        with self.store.read() as session:
            pending = session.scalar(
                select(func.count()).select_from(OutboxEntry).where(OutboxEntry.state == PENDING)
            ) or 0
            rejected = tuple(
                Rejected(
                    row.op_id, row.kind, row.reason_vi, row.reason_en,
                    _document_of(ops.from_json(json.loads(row.payload_json))),
                )
                for row in rejected_operations(session)
            )
        with self._status_lock:
            return replace(self._status, pending=int(pending), rejected=rejected)

    def wake(self) -> None:
        """Sync soon: something changed locally."""
        self._wake.set()

    # ------------------------------------------------------------------ one round

    def sync_once(self) -> RoundReport:
        """Push, pull, fetch attachments; raises Offline / NotSignedIn / ProtocolMismatchError."""
        with self._round:
            self._set(syncing=True)
            try:
                report = self._round_trip()
            except Offline as error:
                self._set(online=False, syncing=False, last_error=error.message_vi)
                self._hello_done = False
                raise
            except NotSignedIn as error:
                self._set(online=True, signed_in=False, syncing=False, last_error=error.message_vi)
                raise
            except DomainError as error:
                self._set(syncing=False, last_error=error.message_vi)
                raise
            except BaseException:
                self._set(syncing=False)
                raise
            self._set(
                online=True, signed_in=True, syncing=False, last_error=None, last_sync_at=utcnow(),
                first_sync=False,
            )
            return report

    def _round_trip(self) -> RoundReport:
        report = RoundReport()
        if not self._hello_done:
            self.client.hello()
            self._hello_done = True
        self._push(report)
        self._pull(report)
        self._pull_bodies(report)
        self._download(report)
        return report

    def _push(self, report: RoundReport) -> None:
        while True:
            with self.store.read() as session:
                batch = _within(pending_operations(session, limit=self.batch_size), self.batch_bytes)
            if not batch:
                return
            for op in batch:
                for ref in _files_of(op):
                    if self.blobs.has(ref.digest):
                        self.client.upload_blob(self.blobs.path_for(ref.digest), ref.digest)
                        report.uploaded += 1
            results = {r.op_id: r for r in self.client.push(batch)}
            self._set(online=True)
            refetch: set[str] = set()
            with self.store.write() as session:
                for op in batch:
                    result = results.get(op.op_id)
                    if result is None:  # the server did not answer for it: try again later
                        continue
                    mark_outcome(session, op.op_id, result.outcome, result.reason, result.reason_en)
                    report.pushed += 1
                    if result.accepted:
                        report.accepted += 1
                    else:
                        report.rejected += 1
                        refetch.update(discard_rejected(session, op))
                cursor = get_cursor(session, self.name)
            if refetch:
                page = self.client.refetch(sorted(refetch), cursor)
                with self.store.write() as session:
                    apply_page(session, page, name=self.name, store_cursor=False)
            if not any(op.op_id in results for op in batch):
                return

    def _pull(self, report: RoundReport) -> None:
        with self.store.read() as session:
            cursor = get_cursor(session, self.name)
        if cursor == 0:
            self._set(first_sync=True, pages=0, rows=0)
        with closing(prefetched_pages(self.client, cursor, self.page_limit)) as pages:
            for page in pages:
                self._apply_pulled(report, page)

    def _apply_pulled(self, report: RoundReport, page: ChangePage) -> None:
        """One page and its cursor, in one transaction."""
        with self.store.write() as session:
            applied = apply_page(session, page, name=self.name)
        report.pages += 1
        report.rows += applied
        with self._status_lock:
            self._status = replace(
                self._status, online=True, pages=self._status.pages + 1, rows=self._status.rows + applied
            )

    def _pull_bodies(self, report: RoundReport) -> None:
        """The PDF text of the documents pulled so far (searchable inside their PDFs),
        after the rows: a first sync's documents are there without waiting for it."""
        name = f"{self.name}.bodies"
        while True:
            with self.store.read() as session:
                cursor, upto = get_cursor(session, name), get_cursor(session, self.name)
            if cursor >= upto:
                return
            page = self.client.pull_bodies(cursor, upto, self.page_limit)
            with self.store.write() as session:
                report.bodies += apply_bodies(session, page, name=name)
            if not page.more:
                return

    def missing_blobs(self) -> list[str]:
        """Digests of the files of visible documents that are not here yet."""
        with self.store.read() as session:
            digests = session.scalars(
                select(DocumentFile.digest)
                .join(Document, Document.id == DocumentFile.document_id)
                .where(Document.deleted.is_(False))
                .distinct()
            ).all()
        return [d for d in digests if not self.blobs.has(d)]

    def _download(self, report: RoundReport) -> None:
        errors = dict(self._status.blob_errors)
        for digest in self.missing_blobs():
            try:
                self.client.download_blob(digest, self.blobs)
            except BlobCorrupt as error:
                errors[digest] = error.message_vi
                log.warning("attachment %s refused: %s", digest, error.message_en)
                continue
            except Offline:
                self._set(blob_errors=errors)
                raise
            except DomainError as error:  # e.g. no longer allowed: not this round's failure
                errors[digest] = error.message_vi
                continue
            errors.pop(digest, None)
            report.downloaded += 1
        self._set(blob_errors=errors)

    # ------------------------------------------------------------------ loop

    def _sleep(self, stop: threading.Event, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not stop.is_set() and not self._wake.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return
            stop.wait(min(left, 0.1))

    def run_forever(self, stop: threading.Event) -> None:
        """Sync until ``stop`` is set: every ``interval``, at once after ``wake()``,
        with exponential backoff (and jitter) while the server is unreachable."""
        backoff = self.min_backoff
        while not stop.is_set():
            self._wake.clear()
            try:
                self.sync_once()
            except Offline:
                delay = backoff * (0.5 + random.random() / 2)
                backoff = min(backoff * 2, self.max_backoff)
                self._sleep(stop, delay)
                continue
            except (NotSignedIn, ProtocolMismatchError, UntrustedServer):
                # A person must act (sign in, update): try again rarely.
                self._sleep(stop, self.max_backoff)
                continue
            except DomainError:
                self._sleep(stop, backoff)
                backoff = min(backoff * 2, self.max_backoff)
                continue
            except Exception as error:  # a bug: report it, keep the app alive
                log.exception("sync round failed")
                self._set(last_error=f"Lỗi đồng bộ ngoài dự kiến: {error}")
                self._sleep(stop, backoff)
                backoff = min(backoff * 2, self.max_backoff)
                continue
            backoff = self.min_backoff
            self._sleep(stop, self.interval)

    def start(self, stop: threading.Event) -> threading.Thread:
        """``run_forever`` in a daemon thread."""
        thread = threading.Thread(target=self.run_forever, args=(stop,), name="eoffice-sync", daemon=True)
        thread.start()
        return thread
