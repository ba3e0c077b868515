"""Signing work off the GUI thread, one job at a time.

A PKCS#11 session is not to be used by two threads at once, and a 150 MB file takes a
second: jobs run in order on one thread of their own (not the database writer, which
must not wait for a signature), and their outcome comes back on the GUI thread.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from eoffice.errors import DomainError

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(int, object)
    failed = Signal(int, object, str)


class _Task(QRunnable):
    def __init__(self, ticket: int, label: str, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.ticket, self.label, self.fn, self.signals = ticket, label, fn, signals

    def run(self) -> None:
        try:
            result = self.fn()
        except DomainError as err:
            self.signals.failed.emit(self.ticket, err, "")
        except BaseException as err:  # a bug: keep the traceback
            trace = traceback.format_exc()
            log.error("signing job %r failed:\n%s", self.label, trace)
            self.signals.failed.emit(self.ticket, err, trace)
        else:
            self.signals.done.emit(self.ticket, result)


class SigningRunner(QObject):
    """``run(label, fn, on_done, on_error)``; ``busy_changed(bool)`` drives a spinner."""

    busy_changed = Signal(bool)
    finished = Signal(str, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals()
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._jobs: dict[int, tuple[str, Callable[[Any], None] | None, Callable[[BaseException, str], None] | None]] = {}
        self._next = 0

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def run(
        self,
        label: str,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException, str], None] | None = None,
    ) -> None:
        self._next += 1
        self._jobs[self._next] = (label, on_done, on_error)
        if len(self._jobs) == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Task(self._next, label, fn, self._signals))

    def _finish(self, ticket: int) -> tuple[str, Any, Any]:
        entry = self._jobs.pop(ticket)
        if not self._jobs:
            self.busy_changed.emit(False)
        return entry

    @Slot(int, object)
    def _on_done(self, ticket: int, result: Any) -> None:
        label, on_done, _ = self._finish(ticket)
        if on_done is not None:
            on_done(result)
        self.finished.emit(label, True)

    @Slot(int, object, str)
    def _on_failed(self, ticket: int, err: BaseException, trace: str) -> None:
        label, _, on_error = self._finish(ticket)
        if on_error is not None:
            on_error(err, trace)
        self.finished.emit(label, False)

    def wait(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)
