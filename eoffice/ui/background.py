"""Slow work that is not a database job (sign-in, the first sync) off the GUI thread.

``Background.run(fn, on_done, on_error)`` runs ``fn()`` on a pool thread and calls back on
the GUI thread, like ``DbWorker`` does for database jobs. A DomainError goes to
``on_error``; a bug is logged with its traceback and goes there too.
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
    failed = Signal(int, object)


class _Task(QRunnable):
    def __init__(self, ticket: int, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.ticket, self.fn, self.signals = ticket, fn, signals

    def run(self) -> None:
        try:
            result = self.fn()
        except DomainError as error:
            self.signals.failed.emit(self.ticket, error)
        except BaseException as error:  # a bug: keep the traceback in the log
            log.error("background task failed:\n%s", traceback.format_exc())
            self.signals.failed.emit(self.ticket, error)
        else:
            self.signals.done.emit(self.ticket, result)


class Background(QObject):
    """A small pool for network work; results come back on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._signals = _Signals()
        self._signals.done.connect(self._done)
        self._signals.failed.connect(self._failed)
        self._callbacks: dict[int, tuple[Callable[[Any], None] | None, Callable[[BaseException], None] | None]] = {}
        self._next = 0

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._next += 1
        self._callbacks[self._next] = (on_done, on_error)
        self._pool.start(_Task(self._next, fn, self._signals))

    @property
    def idle(self) -> bool:
        return not self._callbacks

    @Slot(int, object)
    def _done(self, ticket: int, result: Any) -> None:
        on_done, _ = self._callbacks.pop(ticket, (None, None))
        if on_done is not None:
            on_done(result)

    @Slot(int, object)
    def _failed(self, ticket: int, error: BaseException) -> None:
        _, on_error = self._callbacks.pop(ticket, (None, None))
        if on_error is not None:
            on_error(error)

    def shutdown(self) -> None:
        self._pool.waitForDone()
