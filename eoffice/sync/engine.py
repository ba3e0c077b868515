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
from collections.abc import Callable, Generator
from contextlib import AbstractContextManager, closing, nullcontext
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import func, select

from eoffice import ops
from eoffice.errors import DomainError
from eoffice.ops.registry import entry_of
from eoffice.ops.changes import EVERYTHING, NOTHING, Changes
from eoffice.store import Store
from eoffice.store.base import utcnow
from eoffice.store.blobs import BlobStore
from eoffice.store.bulk import indexes_aside, restore_derived
from eoffice.sync.blobaccess import wanted_blobs
from eoffice.sync.changes import ChangePage, apply_page, apply_trailing
from eoffice.sync.client import (
    BlobCorrupt,
    NotSignedIn,
    Offline,
    ProtocolMismatchError,
    PushResult,
    ServerRefused,
    SyncClient,
    UntrustedServer,
)
from eoffice.sync.client_state import (
    PENDING,
    discard_rejected,
    get_cursor,
    mark_outcome,
    pending_operations,
    refetch_targets,
    rejected_operations,
    set_cursor,
)
from eoffice.sync.models import OutboxEntry
from eoffice.sync.tables import schema

log = logging.getLogger("eoffice.sync")

TOO_LARGE = (
    "Thao tác quá lớn để gửi lên máy chủ (vượt giới hạn dung lượng một lần gửi) nên chưa được gửi; "
    "hãy bớt hoặc chia nhỏ tệp đính kèm rồi làm lại.",
    "The operation is larger than the server accepts in one request; it was not sent.",
)


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
    #: Progress of this round's downloads of the files kept at hand (meeting documents
    #: read offline…): files fetched so far out of those missing when the round began.
    downloads_done: int = 0
    downloads_total: int = 0


@dataclass
class RoundReport:
    """What one ``sync_once`` did."""

    pushed: int = 0
    accepted: int = 0
    rejected: int = 0
    uploaded: int = 0
    pages: int = 0
    rows: int = 0
    bodies: int = 0  # rows whose trailing text (the PDFs') arrived
    downloaded: int = 0
    #: The server's answers to this round's pushed operations (numbers it gave, reasons).
    answers: list[PushResult] = field(default_factory=list)
    #: Which tables this round changed here (by SQL name; ``EVERYTHING`` on a first load,
    #: a pull started again, or a rejected operation undone): what a window refreshes.
    changes: Changes = NOTHING


def _files_of(op: ops.Operation) -> tuple[ops.FileRef, ...]:
    return ops.files_named(op)


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


def prefetched_pages(client: SyncClient, cursor: int, limit: int) -> Generator[ChangePage, None, None]:
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


def first_sync_load(store: Store, cursor: int) -> AbstractContextManager[None]:
    """How a pull from ``cursor`` writes: into a client that holds none of the big tables'
    rows yet (the synced tables declared ``bulk``: the documents), with their secondary
    indexes and the full-text index aside until it ends (``store.bulk``)."""
    if cursor != 0 or not store.is_sqlite:
        return nullcontext()
    s = schema()
    big = [t.model for t in s.tables if t.bulk]
    if not big:
        return nullcontext()
    with store.read() as session:
        if any(session.scalar(select(model.id).limit(1)) is not None for model in big):
            return nullcontext()
    return indexes_aside(store, s.bulk_tables(), full_text=True)


def _document_of(op: ops.Operation) -> str | None:
    """The document a rejected operation is about, for the rejections dialog to open."""
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
        #: Called (on the sync thread) once a round's pulled rows are committed, before its
        #: slower PDF text and files: a window shows what changed without waiting for them.
        self.on_rows: Callable[[Changes], None] | None = None
        #: Called (on the sync thread) as the files kept at hand download: (done, total),
        #: first with (0, total) when a round finds files missing. The same figures are
        #: in ``status()`` (``downloads_done``, ``downloads_total``).
        self.on_download: Callable[[int, int], None] | None = None
        self._backoff = min_backoff
        self._delay = 0.0

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

    def sync_once(self, *, attachments: bool = True) -> RoundReport:
        """Push, pull, fetch attachments; raises Offline / NotSignedIn / ProtocolMismatchError.

        ``attachments`` False leaves the files for a later round (the first sync opens the
        window once the rows are here; the PDFs follow in the background).
        """
        with self._round:
            self._set(syncing=True)
            try:
                report = self._round_trip(attachments)
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

    def _round_trip(self, attachments: bool = True) -> RoundReport:
        report = RoundReport()
        if not self._hello_done:
            self.client.hello()
            self._hello_done = True
        self._push(report)
        try:
            self._pull(report)
        except ServerRefused as error:
            if error.code != "cursor_ahead":
                raise
            # The server never handed out our cursor (its database was restored from a
            # backup, or replaced): from there we would skip rows for ever. Start again
            # from 0; rows are upserted by id, so what we hold is brought up to date.
            log.warning("sync cursor beyond the server's version; pulling everything again: %s", error.message_en)
            with self.store.write() as session:
                set_cursor(session, 0, name=self.name)
            self._pull(report)
        if attachments:  # the PDFs' text and files: after the rows, not needed to open the window
            if report.changes and self.on_rows is not None:
                try:
                    self.on_rows(report.changes)
                except Exception:  # a bug in the window's callback must not stop sync
                    log.exception("pulled rows callback failed")
            # What capabilities derive from the loaded tables, left aside by a first sync's
            # load (``store.bulk``): built once the window has the rows, not before it opens.
            restore_derived(self.store)
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
            batch, results = self._answers(batch)
            self._set(online=True)
            refused = [op for op in batch if op.op_id in results and not results[op.op_id].accepted]
            # Accepted as applied before (our first answer was lost): a pull may have passed
            # its version while the op was still pending here, its document kept local.
            replayed = [op for op in batch if op.op_id in results and results[op.op_id].accepted
                        and results[op.op_id].replayed]
            truth = self._servers_copy(refused, replayed) if refused or replayed else None
            # The answers, the undoing of what was refused and the server's copy of what it
            # touched, in one transaction: a crash before its commit leaves the operations
            # pending (pushed again, answered the same), never refused with the local copy
            # still showing their effect.
            with self.store.write() as session:
                for op in batch:
                    result = results.get(op.op_id)
                    if result is None:  # the server did not answer for it: try again later
                        continue
                    mark_outcome(session, op.op_id, result.outcome, result.reason, result.reason_en)
                    report.answers.append(result)
                    report.pushed += 1
                    if result.accepted:
                        report.accepted += 1
                    else:
                        report.rejected += 1
                        discard_rejected(session, op)
                        report.changes = EVERYTHING  # what it undid here is the operation's business
                if truth is not None:
                    apply_page(session, truth, name=self.name, store_cursor=False, blobs=self.blobs)
                    report.changes |= truth.changes
            if not any(op.op_id in results for op in batch):
                return

    def _answers(self, batch: list[ops.Operation]) -> tuple[list[ops.Operation], dict[str, PushResult]]:
        """The server's answers to ``batch`` — or to its first half, again and again, while
        the request is over the server's body limit (413). An operation over the limit on
        its own can never be sent: it is refused here, as the server would, so that the
        outbox behind it moves on and the user reads why."""
        while True:
            try:
                return batch, {r.op_id: r for r in self.client.push(batch)}
            except ServerRefused as error:
                if error.status != 413:
                    raise
                if len(batch) > 1:
                    batch = batch[: len(batch) // 2]
                    continue
                op = batch[0]
                return batch, {op.op_id: PushResult(op.op_id, op.kind, "rejected", *TOO_LARGE)}

    def _servers_copy(
        self, refused: list[ops.Operation], replayed: list[ops.Operation] | None = None
    ) -> ChangePage | None:
        """The server's current rows of the documents the refused (and replayed) operations
        changed here."""
        with self.store.read() as session:
            targets = {doc_id for op in refused for doc_id in refetch_targets(session, op)}
            for op in replayed or ():
                if entry_of(op).local_effect:  # the server makes its rows (a delivery's copies)
                    targets.update(refetch_targets(session, op))
            cursor = get_cursor(session, self.name)
        return self.client.refetch(sorted(targets), cursor) if targets else None

    def _pull(self, report: RoundReport) -> None:
        with self.store.read() as session:
            cursor = get_cursor(session, self.name)
        if cursor == 0:
            self._set(first_sync=True, pages=0, rows=0)
            report.changes = EVERYTHING
        with first_sync_load(self.store, cursor):
            while True:
                with closing(prefetched_pages(self.client, cursor, self.page_limit)) as pages:
                    for page in pages:
                        sent = page.next_cursor
                        self._apply_pulled(report, page)
                        if page.next_cursor != sent:
                            break  # the user's view changed: the pull starts again from 0
                    else:
                        return
                cursor = page.next_cursor  # the page fetched ahead is dropped with the generator

    def _apply_pulled(self, report: RoundReport, page: ChangePage) -> None:
        """One page and its cursor, in one transaction."""
        with self.store.write() as session:
            applied = apply_page(session, page, name=self.name, user_id=self.user_id, blobs=self.blobs)
        report.pages += 1
        report.rows += applied
        report.changes |= page.changes
        with self._status_lock:
            self._status = replace(
                self._status, online=True, pages=self._status.pages + 1, rows=self._status.rows + applied
            )

    def _pull_bodies(self, report: RoundReport) -> None:
        """The trailing streams (the PDF text of the documents pulled so far, searchable
        inside their PDFs), after the rows: a first sync's rows are there without waiting
        for them."""
        for stream in schema().trailing:
            name = f"{self.name}.{stream.name}"
            while True:
                with self.store.read() as session:
                    cursor, upto = get_cursor(session, name), get_cursor(session, self.name)
                if cursor >= upto:
                    break
                page = self.client.pull_trailing(stream.name, cursor, upto, self.page_limit)
                with self.store.write() as session:
                    applied = apply_trailing(stream.name, session, page, name=name)
                report.bodies += applied.rows
                report.changes |= applied.changes
                if not page.more:
                    break

    def missing_blobs(self) -> list[str]:
        """Digests of the files the user keeps at hand (``blobaccess.wanted_blobs``: the
        documents' files, their own signature and seal images) that are not here yet."""
        with self.store.read() as session:
            digests = wanted_blobs(session, self.user_id)
        return [d for d in digests if not self.blobs.has(d)]

    def _download(self, report: RoundReport) -> None:
        """Fetch the missing files, several at a time (``SyncClient.download_many``).
        Progress is told in the order downloads end; a cut stops the round (what was
        fetched stays), a file refused is noted and the others go on."""
        errors = dict(self._status.blob_errors)
        missing = self.missing_blobs()
        self._set(downloads_done=0, downloads_total=len(missing))
        if not missing:
            self._set(blob_errors=errors)
            return
        if self.on_download is not None:
            self.on_download(0, len(missing))
        done = 0
        offline: Offline | None = None
        for digest, error in self.client.download_many(missing, self.blobs):
            if isinstance(error, BlobCorrupt):
                errors[digest] = error.message_vi
                log.warning("attachment %s refused: %s", digest, error.message_en)
            elif isinstance(error, Offline):
                offline = offline or error
            elif isinstance(error, DomainError):  # e.g. no longer allowed: not this round's failure
                errors[digest] = error.message_vi
            elif error is not None:
                raise error
            else:
                errors.pop(digest, None)
                report.downloaded += 1
                done += 1
                self._set(downloads_done=done)
                if self.on_download is not None:
                    self.on_download(done, len(missing))
        self._set(blob_errors=errors)
        if offline is not None:
            raise offline

    # ------------------------------------------------------------------ loop

    def _sleep(self, stop: threading.Event, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not stop.is_set() and not self._wake.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return
            stop.wait(min(left, 0.1))

    def step(self) -> RoundReport | None:
        """One round now; its report, or None when it failed (then ``wait`` backs off).

        Offline: exponential backoff with jitter. Signed out, another protocol or an
        untrusted server: a person must act, so try again rarely. A bug is logged and
        reported in the status, and the loop goes on.
        """
        self._wake.clear()
        try:
            report = self.sync_once()
        except Offline:
            self._delay = self._backoff * (0.5 + random.random() / 2)
            self._backoff = min(self._backoff * 2, self.max_backoff)
            return None
        except (NotSignedIn, ProtocolMismatchError, UntrustedServer):
            self._delay = self.max_backoff
            return None
        except DomainError:
            self._delay = self._backoff
            self._backoff = min(self._backoff * 2, self.max_backoff)
            return None
        except Exception as error:  # a bug: report it, keep the app alive
            log.exception("sync round failed")
            self._set(last_error=f"Lỗi đồng bộ ngoài dự kiến: {error}")
            self._delay = self._backoff
            self._backoff = min(self._backoff * 2, self.max_backoff)
            return None
        self._backoff = self.min_backoff
        self._delay = self.interval
        return report

    def wait(self, stop: threading.Event) -> None:
        """Sleep until the next round is due, ``wake()`` is called or ``stop`` is set."""
        self._sleep(stop, self._delay)

    def run_forever(self, stop: threading.Event) -> None:
        """Sync until ``stop`` is set: every ``interval``, at once after ``wake()``,
        with exponential backoff (and jitter) while the server is unreachable."""
        while not stop.is_set():
            self.step()
            self.wait(stop)

    def start(self, stop: threading.Event) -> threading.Thread:
        """``run_forever`` in a daemon thread."""
        thread = threading.Thread(target=self.run_forever, args=(stop,), name="eoffice-sync", daemon=True)
        thread.start()
        return thread
