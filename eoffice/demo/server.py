"""The demo's provincial server: seeded once, served by the first app that opens it.

``make run`` starts the app with an embedded server on a free loopback port over the demo
database, and signs the demo user in over HTTP like any client would. A second app
started meanwhile (``eoffice demo --user lanhdao``) finds that server and connects to
it, so the two people see each other's work arrive live.

Who serves is decided by a lock on ``server.lock`` that the serving process holds while it
lives (the OS releases it when the process ends, however it ends); the server's address is
in ``server.json`` beside it. Each demo user's client database lives in
``accounts/<username>`` under the demo folder, whatever port the server got this time.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

import httpx
from sqlalchemy import func, select

from eoffice.directory.models import User
from eoffice.server.protocol import API_PREFIX
from eoffice.server.settings import ServerSettings
from eoffice.store import Store
from eoffice.store.blobs import BlobStore
from eoffice.store.paths import data_dir

#: Every demo user signs in with this password (the demo only: printed in the README).
DEMO_PASSWORD = "demo-eoffice"

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class DemoFolder:
    """The demo's files: the server's database and attachments, and the users' clients."""

    root: Path

    @classmethod
    def at(cls, base: Path | None = None) -> DemoFolder:
        root = (base or data_dir()) / "demo"
        root.mkdir(parents=True, exist_ok=True)
        return cls(root)

    @property
    def server_dir(self) -> Path:
        return self.root / "server"

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.server_dir / 'eoffice.sqlite3'}"

    @property
    def cards_dir(self) -> Path:
        """The demo's soft e-cards (PKCS#12, password 123456) and the demo CA's root."""
        return self.root / "cards"

    @property
    def accounts(self) -> Path:
        return self.root / "accounts"

    @property
    def address_file(self) -> Path:
        return self.root / "server.json"

    @property
    def lock_file(self) -> Path:
        return self.root / "server.lock"

    def account_root(self, username: str) -> Path:
        return self.accounts / username.lower()

    def wipe(self) -> None:
        """Throw the server and every client database away (``--reset``).

        The clients go too: their cursors count versions of the old server database.
        """
        for path in (self.server_dir, self.accounts, self.cards_dir):
            shutil.rmtree(path, ignore_errors=True)
        for legacy in ("eoffice.sqlite3", "eoffice.sqlite3-wal", "eoffice.sqlite3-shm"):
            (self.root / legacy).unlink(missing_ok=True)
        shutil.rmtree(self.root / "blobs", ignore_errors=True)


class ServerLock:
    """An exclusive, non-blocking lock on a file, held until ``release`` or process end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[bytes] | None = None

    def acquire(self) -> bool:
        handle = open(self.path, "a+b")
        try:
            if sys.platform == "win32":
                import msvcrt

                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._file = handle
        return True

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # closing drops the lock
            self._file = None


def open_server_database(
    folder: DemoFolder, *, documents: int, progress: Progress | None = None
) -> tuple[Store, BlobStore, ServerSettings]:
    """The demo server's database, seeded with the province on first use; every demo user
    gets the demo password and a soft e-card (``demo.cards``), at every start if missing."""
    from eoffice.demo.cards import give_cards
    from eoffice.sync.versioning import install_versioning

    step = progress or (lambda done, total, what: None)
    step(0, 0, "database")
    folder.server_dir.mkdir(parents=True, exist_ok=True)
    store = Store(folder.database_url)
    store.migrate()
    install_versioning(store)
    blobs = BlobStore(folder.server_dir / "blobs")
    with store.read() as session:
        seeded = session.scalar(select(func.count()).select_from(User)) or 0
    if not seeded:
        print(f"Đang tạo dữ liệu mẫu ({documents} văn bản) tại {folder.root} …", file=sys.stderr)
        seed_server(store, blobs, documents=documents, progress=progress)
    step(0, 0, "cards")
    give_cards(store, blobs, folder.cards_dir)
    return store, blobs, ServerSettings(data_dir=folder.server_dir)


def seed_server(
    store: Store, blobs: BlobStore, *, documents: int, today: date | None = None, progress: Progress | None = None
) -> None:
    """Fill an empty, migrated server database as the demo does: the province and its
    documents, a few weeks of work diaries (some reviewed), three months of meetings, the
    demo password for all."""
    from eoffice.demo.diaries import seed_diaries
    from eoffice.demo.meetings import seed_meetings
    from eoffice.demo.seed import seed_demo
    from eoffice.server.admin import set_password

    step = progress or (lambda done, total, what: None)
    seed_demo(store, blobs, documents=documents, today=today, progress=progress)
    step(0, 0, "diaries")
    seed_diaries(store, today=today)
    step(0, 0, "meetings")
    seed_meetings(store, blobs, today=today or date.today(), progress=progress)
    with store.write() as session:
        for user in session.scalars(select(User).where(User.deleted.is_(False))):
            set_password(session, user, DEMO_PASSWORD)


def publish(folder: DemoFolder, url: str) -> None:
    """Tell other demo apps where the server listens (written whole, then renamed)."""
    tmp = folder.address_file.with_suffix(".tmp")
    tmp.write_text(json.dumps({"url": url, "pid": os.getpid()}))
    os.replace(tmp, folder.address_file)


def unpublish(folder: DemoFolder) -> None:
    try:
        data = json.loads(folder.address_file.read_text())
    except (OSError, ValueError):
        return
    if data.get("pid") == os.getpid():
        folder.address_file.unlink(missing_ok=True)


def _answers(url: str) -> bool:
    try:
        response = httpx.get(f"{url}{API_PREFIX}/hello", timeout=1.0)
    except httpx.HTTPError:
        return False
    return response.status_code == 200


def running_server(folder: DemoFolder, *, wait: float = 0.0) -> str | None:
    """The address of the demo server another app serves, waiting up to ``wait`` seconds
    for it (the other app may still be seeding)."""
    deadline = time.monotonic() + wait
    while True:
        try:
            data: dict[str, Any] = json.loads(folder.address_file.read_text())
        except (OSError, ValueError):
            data = {}
        url = data.get("url")
        if isinstance(url, str) and _answers(url):
            return url
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.5)


def demo_people(store: Store) -> list[tuple[str, str, str]]:
    """(user id, username, caption) of every demo user, one per role first."""
    from eoffice.demo.seed import demo_users

    with store.read() as session:
        names = dict(session.execute(select(User.id, User.username)).all())
    return [(user_id, names[user_id], caption) for user_id, caption in demo_users(store)]
