"""The server process killed (SIGKILL) in the middle of pushes and pulls and restarted,
then stopped for a while: the client keeps working offline — it records operations and
says it is offline — and once the server is back, client and server converge with every
operation applied once.

The client here is the app's own arrangement in the test process: ``SyncEngine.start``
syncing in its thread while the user records operations in another. The server is
``eoffice server`` in its own process, restarted on the same port.
"""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import pytest

from eoffice.store import Store
from eoffice.store.blobs import BlobStore
from eoffice.sync.client import SyncClient
from eoffice.sync.credentials import Credentials
from eoffice.sync.engine import SyncEngine
from tests.server.conftest import PASSWORD
from tests.sync import fault_client
from tests.sync.convergence import (
    assert_applied_once,
    assert_files_complete,
    assert_numbers_gapless,
    assert_same_rows,
)
from tests.sync.faults_support import CHIEF, Colleague, make_office, write_pdfs
from tests.sync.request_taps import tap_requests
from tests.sync.server_process import ServerProcess
from tests.waiting import PATIENCE, until

SEED = 20260304
#: Where each kill of the server lands: inside a push or a pull of the client (its request
#: wholly sent, the answer not read: held there until the server is dead), or at a moment.
KILLS = ("push", "pull", "push", "pull", "moment")


class Held:
    """Holds the engine inside its next push or pull (``arm``) once the request is wholly
    sent and before its answer is read, until the test has killed the server: the kill
    lands inside the request by construction, not by the luck of a sleep. Counts the
    requests the client attempts (``attempts``), answered or not."""

    def __init__(self, client: SyncClient) -> None:
        self._lock = threading.Lock()
        self._armed: str | None = None
        self.reached, self.release = threading.Event(), threading.Event()
        self.attempts = 0
        tap_requests(client, attempted=self._attempted, sent=self._sent)

    def arm(self, kind: str) -> None:
        with self._lock:
            self.reached.clear()
            self.release.clear()
            self._armed = kind

    def _attempted(self, kind: str) -> None:
        with self._lock:
            self.attempts += 1

    def _sent(self, kind: str) -> None:
        with self._lock:
            if kind != self._armed:
                return
            self._armed = None
        self.reached.set()
        self.release.wait(PATIENCE)


@pytest.mark.slow
def test_the_server_killed_mid_sync_then_stopped_a_while_the_client_works_offline_and_converges(
    store: Store, tmp_path: Path, memory_keyring
):
    office = make_office(store)
    pdfs = write_pdfs(tmp_path / "pdfs", 24, "server")
    server = ServerProcess(store.url, tmp_path / "server", tmp_path / "logs").start()
    colleague = Colleague(server.url, tmp_path / "colleague", SEED)
    desk_store = Store(f"sqlite:///{tmp_path / 'desk.sqlite3'}")
    desk_store.migrate()
    blobs = BlobStore(tmp_path / "desk-blobs")
    client = SyncClient(server.url, credentials=Credentials(server.url, CHIEF), timeout=60)
    client.login(CHIEF, PASSWORD)
    engine = SyncEngine(
        desk_store, blobs, client, office.chief_id, page_limit=1, batch_size=20, interval=0.2,
        min_backoff=0.05, max_backoff=0.3,
    )
    config = fault_client.Config(
        server_url=server.url, database="", blobs="", journal="", username=CHIEF, password=PASSWORD,
        user_id=office.chief_id, colleague_id=office.world.clerk_id, pdfs=pdfs, seed=SEED,
    )
    steps = fault_client.plan(config)
    desk = fault_client.Desk(desk_store, blobs, engine, office.chief_id, steps)
    held = Held(client)
    rng = random.Random(SEED)
    todo = list(steps)

    def work(n: int) -> int:
        """The user acts ``n`` times (what is left of the plan); returns how many."""
        burst = todo[:n]
        for step in burst:
            desk.record(step)
        del todo[: len(burst)]
        engine.wake()
        return len(burst)

    stop = threading.Event()
    thread: threading.Thread | None = None
    try:
        engine.sync_once()  # the directory first: registering needs the register
        thread = engine.start(stop)
        colleague.start(every=0.3)
        for where in KILLS:
            if where == "moment":
                work(rng.randint(4, 10))
                time.sleep(rng.uniform(0.0, 0.6))  # a random moment, not a wait for something
                server.kill()
            else:
                held.arm(where)  # the user's work makes a round: a push, then a pull
                work(rng.randint(4, 10))
                assert held.reached.wait(PATIENCE), f"the engine never sent a {where}"
                server.kill()
                held.release.set()
            made = work(2)  # the user goes on while the server is gone
            until(lambda: engine.status().online is False, "the engine notices")
            assert engine.status().pending >= made
            server.start()

        # Stopped for a while: the desk records, queues and says it is offline.
        server.stop()
        until(lambda: engine.status().online is False, "the engine notices the stop")
        pending = engine.status().pending
        for _ in range(4):
            made = work(2)
            tried = held.attempts
            until(lambda tried=tried: held.attempts >= tried + 2, "two more rounds try the server")
            status = engine.status()
            assert status.online is False and "ngoại tuyến" in (status.last_error or "")
            assert status.pending == pending + made
            pending = status.pending
        server.start()
        work(len(todo))
        until(lambda: engine.status().pending == 0, "the outbox empties", 300)
        colleague.stop()
        stop.set()
        thread.join(timeout=PATIENCE)
        assert not thread.is_alive()
        until(lambda: fault_client.settled(desk), "nothing left to sync", 300)
        assert engine.status().online is True and engine.status().rejected == ()
        server.assert_no_errors()
    finally:
        stop.set()
        held.release.set()
        if thread is not None:
            thread.join(timeout=PATIENCE)
        colleague.close()
        client.close()
        server.stop()
    try:
        assert server.kills == len(KILLS) and server.starts == len(KILLS) + 2
        assert_applied_once(store, desk_store, office.chief_id, [s.op.op_id for s in steps])
        assert_numbers_gapless(store, len(pdfs) + len(colleague.registered))
        assert_same_rows(store, desk_store, office.chief_id)
        assert_files_complete(desk_store, blobs)
    finally:
        desk_store.dispose()
