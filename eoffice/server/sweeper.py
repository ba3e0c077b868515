"""The server's housekeeping of attachments: what cut-off and unclaimed uploads leave.

A client killed mid-upload leaves its ``.upload-*`` temporary file; a client that uploads
and never pushes (or whose operation is refused) leaves a blob no row references. Both
are removed, by every server process, as it starts and then every ``sweep_every``: the
temporary files last written more than ``upload_temp_max_age`` ago, the uploads nobody
claimed within ``upload_grace`` (``eoffice.sync.blobaccess.sweep_uploads``).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

from eoffice.server.settings import ServerSettings
from eoffice.store import Store
from eoffice.store.blobs import BlobStore
from eoffice.sync.blobaccess import sweep_uploads

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Swept:
    """What one sweep removed."""

    temporary: list[str] = field(default_factory=list)
    uploads: list[str] = field(default_factory=list)


def sweep(store: Store, blobs: BlobStore, settings: ServerSettings) -> Swept:
    """Remove stale temporary files and unclaimed uploads, as of ``settings.clock()``."""
    now = settings.clock()
    temporary = blobs.sweep_temporary(now - settings.upload_temp_max_age)
    uploads = sweep_uploads(store, blobs, now, settings.upload_grace)
    if temporary or uploads:
        log.info("removed %d cut-off upload files and %d unclaimed uploads", len(temporary), len(uploads))
    return Swept(temporary, uploads)


class Sweeper:
    """Runs ``sweep`` in a thread of its own: at once, then every ``settings.sweep_every``."""

    def __init__(self, store: Store, blobs: BlobStore, settings: ServerSettings) -> None:
        self.store, self.blobs, self.settings = store, blobs, settings
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="eoffice-sweeper", daemon=True)
        #: Sweeps done so far (tests wait for the next one instead of sleeping).
        self.rounds = 0
        self._done = threading.Condition()

    def start(self) -> Sweeper:
        self._thread.start()
        return self

    def close(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=10)

    def wait_rounds(self, rounds: int, timeout: float) -> bool:
        """Whether ``rounds`` sweeps were done within ``timeout`` seconds."""
        with self._done:
            return self._done.wait_for(lambda: self.rounds >= rounds, timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                sweep(self.store, self.blobs, self.settings)
            except Exception:  # a database restarting, a disk hiccup: the next round tries again
                log.exception("sweeping uploads failed")
            with self._done:
                self.rounds += 1
                self._done.notify_all()
            self._stop.wait(self.settings.sweep_every.total_seconds())
