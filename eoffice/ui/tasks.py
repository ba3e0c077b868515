"""The UI's one task runner: slow work off the GUI thread, its outcome back on it.

A ``TaskRunner`` runs jobs on a lane of threads (one thread: in submission order) and
delivers each result to its ``on_done`` on the GUI thread. An error goes to ``on_error``,
which returns True when it has shown the error itself; otherwise a ``DomainError``
comes out of ``domain_error`` (a message a clerk understands) and anything else, a bug,
out of ``program_error`` with its traceback, which is also logged. ``busy_changed`` drives
a busy indicator; ``finished`` fires after every job's callbacks ran (views refresh on
it, tests wait on it). ``start`` gives the job a ``Task`` to report progress and to see
whether it was cancelled.

``DbWorker`` is the runner of database work: writes go through a single thread in
submission order, so two clicks can never race for a register number and the GUI thread
never waits on the database lock; reads go to a small pool. Each job opens its own
session (sessions are never shared between threads). Operations applied through it are
announced by ``applied(changes)`` (which tables they touched), after their callbacks ran.
"""

from __future__ import annotations

import atexit
import itertools
import logging
import threading
import traceback
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    QThreadPool,
    Signal,
    Slot,
)

from eoffice.errors import DomainError
from eoffice.ops.changes import EVERYTHING, NOTHING, Changes
from eoffice.store import Store
from eoffice.sync.desk import Desk
from eoffice.ops import AppliedResult, Operation

log = logging.getLogger(__name__)

OnDone = Callable[[Any], None]
#: An error callback returns True when it has shown the error itself.
OnError = Callable[[BaseException], bool | None]
OnProgress = Callable[[Any], None]

_live_runners: weakref.WeakSet[TaskRunner] = weakref.WeakSet()
_job = threading.local()  # the job running on this thread (for the changes it made)


class _Signals(QObject):
    done = Signal(int, object, object)  # ticket, result, changes
    failed = Signal(int, object, str)  # ticket, error, traceback ("" for a domain error)
    progress = Signal(int, object)


class Task:
    """A job's handle: the job reports progress and checks ``cancelled``; the GUI cancels.

    Cancelling tells the job, which stops where it checks ``cancelled``; its outcome is
    still delivered (the caller sees ``task.cancelled``), as a half-done job may have
    kept what it did.
    """

    def __init__(self, ticket: int, label: str, signals: _Signals) -> None:
        self.ticket = ticket
        self.label = label
        self._signals = signals
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def progress(self, value: Any) -> None:
        """From the job's thread: deliver ``value`` to ``on_progress`` on the GUI thread."""
        self._signals.progress.emit(self.ticket, value)


@dataclass
class _Callbacks:
    task: Task
    on_done: OnDone | None
    on_error: OnError | None
    on_progress: OnProgress | None
    busy: bool
    changes: Changes = field(default=NOTHING)


class _Job(QRunnable):
    def __init__(self, task: Task, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.task, self.fn = task, fn

    def run(self) -> None:
        signals = self.task._signals
        _job.changes = NOTHING
        try:
            result = self.fn()
        except DomainError as err:
            signals.failed.emit(self.task.ticket, err, "")
        except BaseException as err:  # noqa: BLE001  (a bug: keep the traceback for the report)
            trace = traceback.format_exc()
            log.error("task %r failed:\n%s", self.task.label, trace)
            signals.failed.emit(self.task.ticket, err, trace)
        else:
            signals.done.emit(self.task.ticket, result, _job.changes)
        finally:
            _job.changes = NOTHING


def note_changes(changes: Changes) -> None:
    """From inside a job: the job changed these tables (announced once it is done)."""
    _job.changes = getattr(_job, "changes", NOTHING) | changes


class TaskRunner(QObject):
    """Runs jobs on ``threads`` threads (1: one at a time, in order); callbacks on the GUI thread."""

    busy_changed = Signal(bool, str)
    finished = Signal(str, bool)
    #: A DomainError nobody handled.
    domain_error = Signal(object)
    #: A bug: (exception, traceback text).
    program_error = Signal(object, str)

    def __init__(self, parent: QObject | None = None, *, threads: int = 1) -> None:
        super().__init__(parent)
        self._signals = _Signals()
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._signals.progress.connect(self._on_progress)
        self._jobs: dict[int, _Callbacks] = {}
        self._tickets = itertools.count(1)
        self._busy = 0
        self._pools: list[QThreadPool] = []
        self._pool = self._lane(threads)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        _live_runners.add(self)

    def _lane(self, threads: int) -> QThreadPool:
        pool = QThreadPool(self)
        pool.setMaxThreadCount(threads)
        self._pools.append(pool)
        return pool

    # -- submitting -------------------------------------------------------------------

    def run(
        self,
        label: str,
        fn: Callable[[], Any],
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
    ) -> int:
        """Run ``fn()`` off the GUI thread; returns the job's ticket."""
        return self._submit(self._pool, label, lambda _task: fn(), on_done, on_error, None, True).ticket

    def start(
        self,
        label: str,
        fn: Callable[[Task], Any],
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
        on_progress: OnProgress | None = None,
    ) -> Task:
        """Run ``fn(task)``: the job may call ``task.progress(value)`` and check ``task.cancelled``."""
        return self._submit(self._pool, label, fn, on_done, on_error, on_progress, True)

    def _submit(
        self,
        pool: QThreadPool,
        label: str,
        fn: Callable[[Task], Any],
        on_done: OnDone | None,
        on_error: OnError | None,
        on_progress: OnProgress | None,
        busy: bool,
    ) -> Task:
        task = Task(next(self._tickets), label, self._signals)
        self._jobs[task.ticket] = _Callbacks(task, on_done, on_error, on_progress, busy)
        if busy:
            self._busy += 1
            if self._busy == 1:
                self.busy_changed.emit(True, label)
        pool.start(_Job(task, lambda: fn(task)))
        return task

    def cancel(self, ticket: int) -> None:
        """Tell a job to stop (if it checks ``task.cancelled``)."""
        entry = self._jobs.get(ticket)
        if entry is not None:
            entry.task.cancel()

    @property
    def idle(self) -> bool:
        return not self._jobs

    @property
    def busy(self) -> bool:
        return self._busy > 0

    # -- results ----------------------------------------------------------------------

    def _finish(self, ticket: int) -> _Callbacks | None:
        entry = self._jobs.pop(ticket, None)
        if entry is not None and entry.busy:
            self._busy -= 1
            if self._busy == 0:
                self.busy_changed.emit(False, "")
        return entry

    @Slot(int, object)
    def _on_progress(self, ticket: int, value: Any) -> None:
        entry = self._jobs.get(ticket)
        if entry is not None and entry.on_progress is not None:
            entry.on_progress(value)

    @Slot(int, object, object)
    def _on_done(self, ticket: int, result: Any, changes: Changes) -> None:
        entry = self._finish(ticket)
        if entry is None:
            return
        label = entry.task.label
        try:
            if entry.on_done is not None:
                entry.on_done(result)
        except Exception as err:  # noqa: BLE001  (a bug in a callback: report it)
            trace = traceback.format_exc()
            log.error("callback of %r failed:\n%s", label, trace)
            self.program_error.emit(err, trace)
        if changes:
            self._announce(changes)
        self.finished.emit(label, True)

    @Slot(int, object, str)
    def _on_failed(self, ticket: int, err: BaseException, trace: str) -> None:
        entry = self._finish(ticket)
        if entry is None:
            return
        label = entry.task.label
        handled = False
        try:
            handled = bool(entry.on_error(err)) if entry.on_error is not None else False
        except Exception as cb_err:  # noqa: BLE001  (a bug in a callback: report it)
            log.error("error callback of %r failed:\n%s", label, traceback.format_exc())
            err, trace = cb_err, traceback.format_exc()
        if not handled:
            if isinstance(err, DomainError):
                self.domain_error.emit(err)
            else:
                self.program_error.emit(err, trace or "".join(traceback.format_exception(err)))
        self.finished.emit(label, False)

    def _announce(self, changes: Changes) -> None:
        """A job changed tables (only ``DbWorker`` says so)."""

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait until every queued job ran (tests, closing)."""
        return all(pool.waitForDone(msecs) for pool in self._pools)

    def shutdown(self) -> None:
        """Let queued jobs finish (writes are not abandoned), then return."""
        for pool in self._pools:
            pool.waitForDone()


class DbWorker(TaskRunner):
    """Database jobs: one serial writer, a small pool of readers; ``applied(changes)``
    after an operation's callbacks ran.

    Only writes count as busy (a read never shows the busy indicator).
    """

    applied = Signal(object)  # Changes

    def __init__(self, store: Store, parent: QObject | None = None, *, desk: Desk | None = None) -> None:
        super().__init__(parent, threads=1)
        self.store = store
        #: Where operations go: applied with authority, or queued for the server.
        self.desk = desk or Desk()
        self._readers = self._lane(3)

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
        return self.run(label, fn, on_done, on_error)

    def read(
        self,
        label: str,
        fn: Callable[[Any], Any],
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
    ) -> int:
        """Run ``fn(session)`` in a read session on the reader pool."""

        def job(_task: Task) -> Any:
            with self.store.read() as session:
                return fn(session)

        return self._submit(self._readers, label, job, on_done, on_error, None, False).ticket

    def look(
        self,
        label: str,
        fn: Callable[[], Any],
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
    ) -> int:
        """Run ``fn()``, which reads through its own sessions, on the reader pool."""
        return self._submit(self._readers, label, lambda _task: fn(), on_done, on_error, None, False).ticket

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
        note_changes(changes_of(result))
        return op, result

    def apply_operations(self, actor_id: str, operations: list[Operation]) -> list[AppliedResult]:
        """Several operations of one user action, in order, in one transaction (any thread):
        all are applied (and queued for the server) or none."""
        with self.store.write() as session:
            results = [self.desk.apply(session, actor_id, op) for op in operations]
        self.desk.committed()
        for result in results:
            note_changes(changes_of(result))
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

    def _announce(self, changes: Changes) -> None:
        self.applied.emit(changes)


def changes_of(result: Any) -> Changes:
    """The tables an applied operation (or a sync round) changed; everything when it cannot say."""
    changes = getattr(result, "changes", EVERYTHING)
    return changes if isinstance(changes, Changes) else EVERYTHING


@atexit.register
def _stop_runners() -> None:
    """A runner left running at exit would abort the process ("QThread destroyed")."""
    for runner in list(_live_runners):
        try:
            runner.shutdown()
        except RuntimeError:  # its Qt object is already gone
            pass
