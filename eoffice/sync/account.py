"""One user's account on one server, on this computer: their local database and its sync.

An ``Account`` is what the desktop opens after sign-in (or at start, offline, when the
user's database is already here): the client SQLite database and attachments of that user
for that server, the ``SyncClient`` with the refresh token in the keyring, the
``SyncEngine`` that pushes and pulls in the background, and the live channel whose events
wake the engine and reach the UI as notifications (long polls wake it while the live
channel is down). Each server and user has a folder of
its own, so two people sharing a computer, or one person on two servers, never mix rows.

Plain Python: the UI passes callbacks and is called back on these threads (engine, live);
it must hop to its own thread itself.
"""

from __future__ import annotations

import json
import logging
import re
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select

from eoffice.directory.models import User
from eoffice.errors import DomainError
from eoffice.store import Store
from eoffice.store.blobs import BlobStore
from eoffice.store.paths import data_dir
from eoffice.sync.client import NotSignedIn, Offline, SyncClient
from eoffice.sync.client_state import get_cursor, set_cursor
from eoffice.sync.credentials import Credentials
from eoffice.sync.desk import SyncedDesk
from eoffice.sync.engine import RoundReport, SyncEngine, SyncStatus
from eoffice.sync.live import UNAUTHORIZED, LiveClient
from eoffice.sync.models import SyncState
from eoffice.sync.watch import PullWatcher

log = logging.getLogger("eoffice.sync")

#: SyncState row holding the id of the last live event handled (or caught up to).
LIVE_CURSOR = "live"
#: Refresh the access token this long before it expires (clocks drift).
TOKEN_MARGIN_S = 30.0


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_") or "server"


@dataclass(frozen=True)
class Profile:
    """Where one user's client data for one server lives on this computer."""

    server_url: str
    username: str
    root: Path
    #: How the keyring names the server (None: its URL).
    server_key: str | None = None
    #: Soft certificates (PKCS#12) this user keeps on this computer, offered when signing.
    key_files: tuple[Path, ...] = ()

    @classmethod
    def of(cls, server_url: str, username: str, base: Path | None = None) -> Profile:
        """The folder ``<data dir>/accounts/<host_port>/<username>``."""
        parts = urlsplit(server_url.rstrip("/"))
        host = _slug(f"{parts.hostname or 'server'}_{parts.port or ''}{parts.path}")
        root = (base or data_dir()) / "accounts" / host / _slug(username.lower())
        return cls(server_url.rstrip("/"), username.lower(), root)

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.root / 'eoffice.sqlite3'}"

    @property
    def blobs_dir(self) -> Path:
        return self.root / "blobs"

    def exists(self) -> bool:
        """A database from an earlier session is here (the app can open offline)."""
        return (self.root / "eoffice.sqlite3").exists()


class Account:
    """A user's client database kept in step with the server in the background."""

    def __init__(
        self,
        profile: Profile,
        *,
        verify: bool | ssl.SSLContext | str | Path = True,
        interval: float = 30.0,
        locate: Callable[[], str | None] | None = None,
    ) -> None:
        self.profile = profile
        #: Finds the server's current address when it cannot be reached (the demo's
        #: server gets a new port each time it starts); None: the address never moves.
        self.locate = locate
        profile.root.mkdir(parents=True, exist_ok=True)
        self.store = Store(profile.database_url)
        self.store.migrate()
        self.blobs = BlobStore(profile.blobs_dir)
        self.credentials = Credentials(profile.server_url, profile.username, server_key=profile.server_key)
        self.client = SyncClient(profile.server_url, credentials=self.credentials, verify=verify)
        self._ssl = verify if isinstance(verify, ssl.SSLContext) else (
            ssl.create_default_context(cafile=str(verify)) if isinstance(verify, (str, Path)) else None
        )
        self.engine = SyncEngine(self.store, self.blobs, self.client, "", interval=interval)
        self.desk = SyncedDesk(self.engine.wake)
        self.live: LiveClient | None = None
        self.watcher: PullWatcher | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._force_refresh = False
        #: Callbacks, called on the engine's or the live channel's thread.
        self.on_event: Callable[[dict[str, Any]], None] | None = None
        self.on_round: Callable[[RoundReport], None] | None = None
        self.on_live_status: Callable[[str, str], None] | None = None

    # ------------------------------------------------------------------ who

    @property
    def user_id(self) -> str | None:
        """The user's id: from the server's answer at sign-in, else the local database."""
        if self.client.user:
            return str(self.client.user["id"])
        with self.store.read() as session:
            found = session.scalars(select(User.id).where(User.username == self.profile.username)).first()
        return found

    def has_user_row(self) -> bool:
        """The user's own row has been pulled (the window can open on this database)."""
        user_id = self.user_id
        if user_id is None:
            return False
        with self.store.read() as session:
            return session.get(User, user_id) is not None

    def signed_in(self) -> bool:
        """A refresh token is stored: sync can go on without asking for the password."""
        return self.credentials.refresh_token() is not None

    def sign_in(self, password: str) -> dict[str, Any]:
        """Check the password with the server; the refresh token goes to the keyring."""
        self.client.hello()
        user = self.client.login(self.profile.username, password)
        self.engine.user_id = str(user["id"])
        self.engine.wake()
        return user

    def sign_out(self) -> None:
        self.client.logout()

    # ------------------------------------------------------------------ the first sync

    def sync_until_ready(
        self, progress: Callable[[SyncStatus], None] | None = None, cancelled: Callable[[], bool] | None = None
    ) -> None:
        """Sync until the user's own row is here (the first sync of a new computer).

        Raises Offline / NotSignedIn and the other sync errors; pages already applied stay.
        """
        stop = threading.Event()
        reporter: threading.Thread | None = None
        if progress is not None:
            def report() -> None:
                while not stop.wait(0.2):
                    progress(self.engine.status())

            reporter = threading.Thread(target=report, name="eoffice-first-sync-progress", daemon=True)
            reporter.start()
        try:
            while not self.has_user_row():
                if cancelled is not None and cancelled():
                    return
                self.engine.sync_once(attachments=False)  # the PDFs follow in the background
                if not self.has_user_row():
                    raise DomainError(
                        "Máy chủ không gửi thông tin tài khoản của bạn; hãy liên hệ quản trị.",
                        "The server did not send your own user record; contact the administrator.",
                    )
        finally:
            stop.set()
            if reporter is not None:
                reporter.join(1)
        if progress is not None:
            progress(self.engine.status())

    # ------------------------------------------------------------------ running

    def access_token(self) -> str | None:
        """A current access token for the live channel (refreshed when close to expiry)."""
        token = self.client.access_token
        if token is None or self._force_refresh or _expires_soon(token):
            self._force_refresh = False
            try:
                self.client.refresh_access()
            except (Offline, NotSignedIn):
                return None
            except DomainError as error:
                log.warning("cannot renew the access token: %s", error.message_en)
                return None
            token = self.client.access_token
        return token

    def fetch_files(self, digests: list[str]) -> int:
        """Download these attachments now (the document on screen), before the engine's
        turn comes; returns how many arrived. Offline and refusals are left to the engine."""
        fetched = 0
        for digest in digests:
            if self.blobs.has(digest):
                continue
            try:
                self.client.download_blob(digest, self.blobs)
            except DomainError as error:
                log.info("attachment %s not fetched now: %s", digest[:12], error.message_en)
                return fetched
            fetched += 1
        return fetched

    def _live_cursor(self) -> int | None:
        """The live event id to resume from; None on a first start (nothing old is told)."""
        with self.store.read() as session:
            row = session.get(SyncState, LIVE_CURSOR)
            return int(row.cursor) if row is not None else None

    def _pull_cursor(self) -> int:
        with self.store.read() as session:
            return get_cursor(session)

    def _live_ready(self, event_id: int) -> None:
        """Keep the id the live channel is caught up to: the next start of the app asks
        for the events that came while it was closed (a new direction told at once)."""
        with self.store.write() as session:
            set_cursor(session, event_id, name=LIVE_CURSOR)

    def _handle_event(self, event: dict[str, Any]) -> None:
        with self.store.write() as session:
            set_cursor(session, int(event["id"]), name=LIVE_CURSOR)
        self.engine.wake()  # what the event talks about arrives by the next pull
        if self.on_event is not None:
            self.on_event(event)

    def _live_status(self, state: str, message: str) -> None:
        if state == UNAUTHORIZED:
            self._force_refresh = True
        if self.on_live_status is not None:
            self.on_live_status(state, message)

    def _relocate(self) -> None:
        """Offline: ask where the server is now, and follow it there."""
        if self.locate is None:
            return
        try:
            url = self.locate()
        except Exception:  # a locator is a convenience; never let it stop sync
            log.exception("locating the server failed")
            return
        if url and url.rstrip("/") != self.client.base_url:
            log.info("the server moved to %s", url)
            self.client.retarget(url)
            if self.live is not None:
                self.live.base_url = url
            self.engine.wake()

    def _loop(self) -> None:
        while not self._stop.is_set():
            report = self.engine.step()
            if report is None and self.engine.status().online is False:
                self._relocate()
            if report is not None and self.on_round is not None:
                try:
                    self.on_round(report)
                except Exception:  # a bug in the UI's callback must not stop sync
                    log.exception("sync round callback failed")
            self.engine.wait(self._stop)

    def start(self) -> None:
        """Sync in the background and listen to the live channel, until ``stop``."""
        if self._thread is not None:
            return
        if self.engine.user_id == "" and self.user_id:
            self.engine.user_id = self.user_id
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="eoffice-sync", daemon=True)
        self._thread.start()
        self.live = LiveClient(
            self.profile.server_url, self.access_token, self._live_cursor(), self._handle_event,
            on_status=self._live_status, on_ready=self._live_ready, ssl_context=self._ssl,
        ).start()
        # While the live channel is down (a proxy refusing WebSockets, say), long polls wake
        # the engine instead, so changes still arrive as they commit.
        live = self.live
        self.watcher = PullWatcher(
            self.client, self._pull_cursor, self.engine.wake, paused=lambda: live.ready.is_set()
        ).start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop syncing; what is queued stays in the outbox for the next start."""
        self._stop.set()
        self.engine.wake()
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None
        if self.live is not None:
            self.live.stop(timeout)
            self.live = None
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def close(self) -> None:
        self.stop()
        self.client.close()
        self.store.dispose()


def _expires_soon(token: str) -> bool:
    """Whether a JWT's ``exp`` is within TOKEN_MARGIN_S (read without checking it: the
    server checks; we only decide when to ask for a new one)."""
    import jwt

    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return True
    exp = claims.get("exp")
    return not isinstance(exp, (int, float)) or exp - time.time() < TOKEN_MARGIN_S


def describe_event(event: dict[str, Any]) -> dict[str, str]:
    """The fields of a live event a notification shows (kind, subject, document id)."""
    payload = event.get("payload") or {}
    if isinstance(payload, str):
        try:
            payload = json.loads(payload)
        except ValueError:
            payload = {}
    return {
        "kind": str(event.get("kind", "")),
        "subject": str(payload.get("subject", "")),
        "document_id": str(payload.get("document_id", "")),
        "number_label": str(payload.get("number_label", "")),
    }
