"""Database work off the GUI thread: one serial writer, a small pool of readers.

Writes go through a single thread in submission order, so two clicks can never race for
a register number and the GUI thread never waits on the database lock. Each job opens its
own session (sessions are never shared between threads); results and errors come back to
the GUI thread by queued signals, where the caller's callbacks run.
"""

from __future__ import annotations

import atexit
import itertools
import logging
import queue
import traceback
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThread, QThreadPool, Signal, Slot

from eoffice.errors import DomainError
from eoffice.store import Store
from eoffice.sync.desk import Desk
from eoffice.sync.operations import AppliedResult, Operation

log = logging.getLogger(__name__)

_live_workers: weakref.WeakSet[DbWorker] = weakref.WeakSet()

OnDone = Callable[[Any], None]
# An error callback returns True when it has shown the error itself.
OnError = Callable[[BaseException], bool]


@dataclass
class _Job:
    ticket: int
    label: str
    fn: Callable[[], Any]


class _Signals(QObject):
    done = Signal(int, object)
    failed = Signal(int, object, str)


class _WriterThread(QThread):
    """Runs jobs one at a time, in the order they were queued."""

    def __init__(self, signals: _Signals, jobs: queue.Queue[_Job | None]) -> None:
        super().__init__()
        self._signals = signals
        self._jobs = jobs

    def run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            _run_job(job, self._signals)


class _ReadTask(QRunnable):
    def __init__(self, job: _Job, signals: _Signals) -> None:
        super().__init__()
        self._job = job
        self._signals = signals

    def run(self) -> None:
        _run_job(self._job, self._signals)


def _run_job(job: _Job, signals: _Signals) -> None:
    try:
        result = job.fn()
    except DomainError as err:
        signals.failed.emit(job.ticket, err, "")
    except BaseException as err:  # a bug: keep the traceback for the report
        trace = traceback.format_exc()
        log.error("operation %r failed:\n%s", job.label, trace)
        signals.failed.emit(job.ticket, err, trace)
    else:
        signals.done.emit(job.ticket, result)


class DbWorker(QObject):
    """Submits database jobs and delivers their outcome back on the GUI thread.

    ``busy_changed(busy, label)`` drives the status bar; ``finished(label, ok)`` fires after
    every job's callbacks ran (views refresh on it, tests wait on it).
    """

    busy_changed = Signal(bool, str)
    finished = Signal(str, bool)
    # A DomainError nobody handled: (message shown to the user).
    domain_error = Signal(object)
    # A bug: (exception, traceback text).
    program_error = Signal(object, str)

    def __init__(self, store: Store, parent: QObject | None = None, *, desk: Desk | None = None) -> None:
        super().__init__(parent)
        self.store = store
        #: Where operations go: applied with authority, or queued for the server.
        self.desk = desk or Desk()
        self._signals = _Signals()
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._callbacks: dict[int, tuple[str, OnDone | None, OnError | None, bool]] = {}
        self._tickets = itertools.count(1)
        self._pending_writes = 0
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._writer = _WriterThread(self._signals, self._jobs)
        self._writer.start()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(3)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        _live_workers.add(self)

    # -- submitting -------------------------------------------------------------------

    def write(
        self,
        label: str,
        fn: Callable[[Any], Any],
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
    ) -> int:
        """Run ``fn(session)`` in one write transaction on the serial writer."""

        def job() -> Any:
            with self.store.write() as session:
                return fn(session)

        return self.call(label, job, on_done, on_error)

    def call(
        self,
        label: str,
        fn: Callable[[], Any],
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
    ) -> int:
        """Run ``fn()`` on the serial writer; it opens its own sessions (slow file work first)."""
        ticket = next(self._tickets)
        self._callbacks[ticket] = (label, on_done, on_error, True)
        self._pending_writes += 1
        if self._pending_writes == 1:
            self.busy_changed.emit(True, label)
        self._jobs.put(_Job(ticket, label, fn))
        return ticket

    def apply_operation(
        self, actor_id: str, build: Callable[[Any], Operation]
    ) -> tuple[Operation, AppliedResult]:
        """Build an operation in a write transaction and hand it to the desk (any thread).

        ``build(session)`` may read what it needs (deadlines, holidays) to make the value.
        """
        with self.store.write() as session:
            op = build(session)
            result = self.desk.apply(session, actor_id, op)
        self.desk.committed()
        return op, result

    def apply_operations(self, actor_id: str, operations: list[Operation]) -> list[AppliedResult]:
        """Several operations of one user action, in order, in one transaction (any thread):
        all are applied (and queued for the server) or none."""
        with self.store.write() as session:
            results = [self.desk.apply(session, actor_id, op) for op in operations]
        self.desk.committed()
        return results

    def submit(
        self,
        label: str,
        actor_id: str,
        build: Callable[[Any], Operation],
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
    ) -> int:
        """One user action as an operation, on the serial writer; ``on_done((op, result))``."""
        return self.call(label, lambda: self.apply_operation(actor_id, build), on_done, on_error)

    def read(
        self,
        label: str,
        fn: Callable[[Any], Any],
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
    ) -> int:
        """Run ``fn(session)`` in a read session on the reader pool."""
        ticket = next(self._tickets)
        self._callbacks[ticket] = (label, on_done, on_error, False)

        def job() -> Any:
            with self.store.read() as session:
                return fn(session)

        self._pool.start(_ReadTask(_Job(ticket, label, job), self._signals))
        return ticket

    @property
    def idle(self) -> bool:
        return not self._callbacks

    # -- results ----------------------------------------------------------------------

    def _finish(self, ticket: int) -> tuple[str, OnDone | None, OnError | None]:
        label, on_done, on_error, is_write = self._callbacks.pop(ticket)
        if is_write:
            self._pending_writes -= 1
            if self._pending_writes == 0:
                self.busy_changed.emit(False, "")
        return label, on_done, on_error

    @Slot(int, object)
    def _on_done(self, ticket: int, result: Any) -> None:
        label, on_done, _ = self._finish(ticket)
        try:
            if on_done is not None:
                on_done(result)
        except Exception as err:
            trace = traceback.format_exc()
            log.error("callback of %r failed:\n%s", label, trace)
            self.program_error.emit(err, trace)
        self.finished.emit(label, True)

    @Slot(int, object, str)
    def _on_failed(self, ticket: int, err: BaseException, trace: str) -> None:
        label, _, on_error = self._finish(ticket)
        handled = False
        try:
            handled = bool(on_error(err)) if on_error is not None else False
        except Exception as cb_err:
            log.error("error callback of %r failed:\n%s", label, traceback.format_exc())
            err, trace = cb_err, traceback.format_exc()
        if not handled:
            if isinstance(err, DomainError):
                self.domain_error.emit(err)
            else:
                self.program_error.emit(err, trace or "".join(traceback.format_exception(err)))
        self.finished.emit(label, False)

    def shutdown(self) -> None:
        """Let queued writes finish, then stop the threads."""
        if self._writer.isRunning():
            self._jobs.put(None)
            self._writer.wait()
        self._pool.waitForDone()


@atexit.register
def _stop_workers() -> None:
    """A worker left running at exit would abort the process ("QThread destroyed")."""
    for worker in list(_live_workers):
        try:
            worker.shutdown()
        except RuntimeError:  # its Qt object is already gone
            pass
