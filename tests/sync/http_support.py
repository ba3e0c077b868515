"""A live server over the test database and client devices that sync with it over HTTP.

Each device is what one desktop would hold: its own SQLite file, its own blob folder, a
``SyncClient`` and a ``SyncEngine``. The OS keychain is replaced by an in-memory keyring
backend installed in-process (a test double of the keychain, never a file).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import keyring
import pytest
from sqlalchemy import select

from eoffice.documents.models import DocumentFile
from eoffice.ops import Operation
from eoffice.server.embedded import EmbeddedServer
from eoffice.server.fanout import Hub
from eoffice.server.settings import ServerSettings
from eoffice.store import Store
from eoffice.store.blobs import BlobStore
from eoffice.sync.client import SyncClient
from eoffice.sync.client_state import record_local
from eoffice.sync.credentials import Credentials
from eoffice.sync.engine import SyncEngine
from eoffice.sync.versioning import install_versioning
from tests.conftest import World, make_world
from tests.server.conftest import PASSWORD, FakeClock, give_passwords
from tests.sync.keyring_double import MemoryKeyring
from tests.waiting import PATIENCE, until


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        yield ring
    finally:
        keyring.set_keyring(previous)


class CountingHub(Hub):
    """The server's hub as it is, and what a test needs to act at the right moment instead
    of sleeping: how many long polls it holds now (``waiting``) and held so far
    (``waits``), how many NOTIFYs from
    other processes its listener passed on (``heard``), and ``settled``: its loop has run
    every callback handed to it before the call (commits counted, wakes done)."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.waiting = 0
        #: Waits begun so far (a pull woken by a change it may not see waits again).
        self.waits = 0
        self.heard = 0

    async def commit_after(self, commits: int, timeout: float) -> bool:
        if self.commits != commits or self._closed.is_set():
            return await super().commit_after(commits, timeout)  # answers at once
        self.waiting += 1  # the loop's own thread: no lock needed, nothing in between
        self.waits += 1
        try:
            return await super().commit_after(commits, timeout)
        finally:
            self.waiting -= 1

    def notify(self, _seq: int | None = None) -> None:
        if threading.current_thread() is self._thread:  # the listener: another process's NOTIFY
            self.heard += 1
        super().notify(_seq)

    def settled(self, timeout: float = PATIENCE) -> bool:
        done = threading.Event()
        self._in_loop(done.set)
        return done.wait(timeout)


def serve(store: Store, blobs: BlobStore, settings: ServerSettings, port: int = 0) -> EmbeddedServer:
    """The embedded server with a ``CountingHub`` (the app makes a plain one otherwise)."""
    server = EmbeddedServer(store, blobs, settings, port=port)
    server.app.state.live_hub = CountingHub(store)
    return server.start(timeout=PATIENCE)


@dataclass
class Device:
    """One user's desktop: its database, attachments, client and engine."""

    user_id: str
    store: Store
    blobs: BlobStore
    client: SyncClient
    engine: SyncEngine

    def record(self, op: Operation) -> None:
        """The user's action applied on the desk and queued, as the app records it."""
        with self.store.write() as s:
            record_local(s, self.user_id, op)

    def file_of(self, document_id: str, main: bool = True) -> tuple[str, str, Path]:
        """The document's main file (or its one attachment): id, digest, path on this desk."""
        with self.store.read() as s:
            f = s.scalars(
                select(DocumentFile).where(DocumentFile.document_id == document_id, DocumentFile.is_main.is_(main))
            ).one()
            return f.id, f.digest, self.blobs.path_for(f.digest)


@dataclass
class Province:
    """The server and the devices made against it."""

    world: World
    store: Store
    blobs: BlobStore
    settings: ServerSettings
    clock: FakeClock
    server: EmbeddedServer
    tmp: Path
    devices: list[Device] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.server.url

    def device(self, username: str, user_id: str, *, url: str | None = None, **engine_options: object) -> Device:
        """A new desktop signed in as ``username``."""
        n = len(self.devices) + 1
        store = Store(f"sqlite:///{self.tmp / f'device{n}.sqlite3'}")
        store.migrate()
        blobs = BlobStore(self.tmp / f"device{n}-blobs")
        base = url or self.url
        client = SyncClient(base, credentials=Credentials(base, username))
        client.login(username, PASSWORD)
        engine = SyncEngine(store, blobs, client, user_id, min_backoff=0.05, max_backoff=0.5, **engine_options)  # type: ignore[arg-type]
        device = Device(user_id, store, blobs, client, engine)
        self.devices.append(device)
        return device

    def restart(self) -> None:
        """The same server on the same port, after a stop."""
        self.server = serve(self.store, self.blobs, self.settings, port=self.server.port)

    @property
    def hub(self) -> CountingHub:
        hub = self.server.app.state.live_hub
        assert isinstance(hub, CountingHub), hub
        return hub

    def until_a_pull_waits(self, n: int = 1) -> None:
        """Until ``n`` long polls are held on the server, waiting for a commit."""
        until(lambda: self.hub.waiting >= n, f"{n} long poll(s) held on the server")

    def close(self) -> None:
        for d in self.devices:
            d.client.close()
            d.store.dispose()
        self.server.stop()


def close_audit_windows(province: Province) -> None:
    """Move the server's clock past the window of repeated refusals and sign someone in:
    a sign-in writes the counts of the windows that closed (as any request that audits)."""
    province.clock.advance(seconds=province.settings.audit_repeat_window.total_seconds() + 1)
    with SyncClient(province.url, credentials=Credentials(province.url, "lanhdao")) as leader:
        leader.login("lanhdao", PASSWORD)


@pytest.fixture
def province(store: Store, tmp_path: Path, memory_keyring: MemoryKeyring) -> Iterator[Province]:
    """A versioned server (SQLite or PostgreSQL) with the test organisation, on loopback."""
    install_versioning(store)
    world = make_world(store)
    give_passwords(store, "vanthu", "lanhdao", "chuyenvien", "chuyenvien2", "quantri")
    clock = FakeClock()
    settings = ServerSettings(data_dir=tmp_path / "server", clock=clock)
    blobs = BlobStore(tmp_path / "server" / "blobs")
    server = serve(store, blobs, settings)
    province = Province(world, store, blobs, settings, clock, server, tmp_path)
    try:
        yield province
    finally:
        province.close()


class CuttingProxy:
    """A loopback TCP proxy that cuts the first connection once it has relayed ``cut_after``
    bytes from the server: a network failing in the middle of a download."""

    def __init__(self, target_port: int, cut_after: int) -> None:
        self.target_port = target_port
        self.cut_after: int | None = cut_after
        self.requests: list[bytes] = []
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen()
        self.port = self._listener.getsockname()[1]
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self._closed:
            try:
                downstream, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self._up, args=(downstream, upstream), daemon=True).start()
            threading.Thread(target=self._down, args=(upstream, downstream), daemon=True).start()

    def _up(self, downstream: socket.socket, upstream: socket.socket) -> None:
        try:
            while data := downstream.recv(65536):
                self.requests.append(data)
                upstream.sendall(data)
        except OSError:
            pass

    def _down(self, upstream: socket.socket, downstream: socket.socket) -> None:
        relayed = 0
        try:
            while data := upstream.recv(65536):
                if self.cut_after is not None and relayed + len(data) > self.cut_after:
                    downstream.sendall(data[: self.cut_after - relayed])
                    self.cut_after = None  # later connections pass whole
                    break
                relayed += len(data)
                downstream.sendall(data)
        except OSError:
            pass
        for s in (downstream, upstream):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def close(self) -> None:
        self._closed = True
        self._listener.close()
