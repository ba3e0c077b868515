"""Long polls that wake the sync engine while the live channel is down.

The live channel (``eoffice.sync.live``) is how a client learns at once that something
changed for it. Where it cannot connect (a proxy that refuses WebSockets, a server
restarting), the engine would otherwise see a change only on its next round, up to
``SyncEngine.interval`` later. ``PullWatcher`` asks ``/changes`` with ``wait`` from the
client's cursor meanwhile: the server holds the request until something the user may see
commits, and the watcher wakes the engine, which pulls (and pushes) as usual. It reads
one row and applies nothing: rows reach the database only through the engine.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from eoffice.errors import DomainError
from eoffice.sync.client import SyncClient

log = logging.getLogger("eoffice.sync.watch")

#: Seconds a long poll asks the server to hold it (the server may cut it shorter).
WAIT = 25.0


class PullWatcher:
    """A background thread long-polling for changes above the local cursor.

    ``cursor()`` reads the client's pull cursor; ``wake()`` starts an engine round;
    ``paused()`` says when not to poll (the live channel is connected, and wakes the
    engine itself). After a change it waits for the engine's round to move the cursor, so
    one change is one wake, not a poll answered again and again with the same rows.
    """

    def __init__(
        self,
        client: SyncClient,
        cursor: Callable[[], int],
        wake: Callable[[], None],
        *,
        paused: Callable[[], bool] = lambda: False,
        wait: float = WAIT,
        min_backoff: float = 1.0,
        max_backoff: float = 30.0,
    ) -> None:
        self.client = client
        self.cursor = cursor
        self.wake = wake
        self.paused = paused
        self.wait = wait
        self.min_backoff = min_backoff
        self.max_backoff = max_backoff
        #: Long polls answered with something new (each woke the engine).
        self.wakes = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> PullWatcher:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="eoffice-pull-watch", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 1.0) -> None:
        """Stop polling; a long poll in flight ends with its request (the thread is a daemon)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        backoff = self.min_backoff
        while not self._stop.is_set():
            if self.paused():
                self._stop.wait(0.5)
                continue
            try:
                asked = self.cursor()
                page = self.client.pull(asked, 1, wait=self.wait)
            except DomainError as error:  # offline, signed out, a server refusing: try later
                log.debug("long poll failed: %s", error.message_en)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, self.max_backoff)
                continue
            except Exception:  # never let a bug here take the client down; the engine still runs
                log.exception("long poll failed")
                self._stop.wait(self.max_backoff)
                continue
            backoff = self.min_backoff
            if page.count() or page.revoked or page.more:
                self.wakes += 1
                self.wake()
                self._await_round(asked)

    def _await_round(self, asked: int, longest: float = 10.0) -> None:
        """Until the engine's pull moved the cursor past ``asked`` (or ``longest`` passed)."""
        waited = 0.0
        while not self._stop.is_set() and waited < longest:
            try:
                if self.cursor() != asked:
                    return
            except Exception:
                log.exception("reading the cursor failed")
                return
            self._stop.wait(0.05)
            waited += 0.05
