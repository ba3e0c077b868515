"""Fan-out of live events to the sockets connected to this server process.

One ``Hub`` per app. It remembers the highest event ``seq`` it has dispatched, and when
woken reads the events above it from the database once and hands each to the connected
sockets whose user its audience holds and who may see what it is about
(``events.deliveries``: audiences and visibility resolved at that moment). Because event
seqs become visible in commit order (see ``eoffice.server.events``), "read above the last
seen" never skips one.

What wakes it:
- PostgreSQL: a thread LISTENs on ``eoffice_events``. Every transaction that records an
  event runs ``pg_notify`` in itself, so PostgreSQL tells every server process — this one
  and the others sharing the database — exactly when such a transaction commits. After
  (re)connecting the listener wakes the hub once, to catch up on what it missed meanwhile.
- Any database: commits of events in this process (``events.on_commit``), and on SQLite a
  slow poll too (another process, e.g. an admin command, may write the file).

The hub also counts commits of new server versions (``commits``), in this process
(``versioning.VERSION_COMMITS``) and, on PostgreSQL, in every process (the
``eoffice_versions`` channel): a long-polling pull waits on that count. A NOTIFY names the
process that sent it (``commits.origin``): the listener skips this process's own, which
its CommitSignal told already, so each commit wakes the waiting pulls once.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import make_url, select
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from eoffice.server import events
from eoffice.server.events import LiveEvent
from eoffice.store import Store
from eoffice.store.commits import sent_by_this_process
from eoffice.sync import versioning

log = logging.getLogger("eoffice.server.live")

READ_CHUNK = 500
SQLITE_POLL_SECONDS = 10.0


@dataclass(eq=False)
class Subscriber:
    """One connected socket: whose it is and the events waiting to be sent to it, each as
    ``(seq, the JSON text of its message)`` (made once per event, whoever many hear it)."""

    user_id: str
    queue: asyncio.Queue[tuple[int, str]] = field(default_factory=asyncio.Queue)


class Hub:
    """Connected sockets of one server process and the events that reach them."""

    def __init__(self, store: Store, *, poll_seconds: float | None = None, listen: bool | None = None) -> None:
        self.store = store
        self.poll_seconds = poll_seconds if poll_seconds is not None else (
            SQLITE_POLL_SECONDS if store.is_sqlite else None
        )
        self.listen = (not store.is_sqlite) if listen is None else listen
        self.last_seq = 0
        self.listening = threading.Event()
        self._subscribers: set[Subscriber] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._starting: asyncio.Future[None] | None = None
        self._thread: threading.Thread | None = None
        self._closed = threading.Event()
        #: Commits of new server versions seen so far (only read and changed in the loop).
        self.commits = 0
        self._committed: asyncio.Event | None = None

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Start dispatching in the running loop (once, however many sockets ask at once)."""
        if self._starting is None:
            self._starting = asyncio.ensure_future(self._start())
        await asyncio.shield(self._starting)

    async def _start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self._committed = asyncio.Event()
        versioning.VERSION_COMMITS.connect(self.version_committed)
        self.last_seq = await run_in_threadpool(self._latest)
        self._task = self._loop.create_task(self._pump(), name="eoffice-live-hub")
        events.on_commit(self.notify)
        if self.listen:
            self._thread = threading.Thread(target=self._listen, name="eoffice-live-listen", daemon=True)
            self._thread.start()

    def close(self) -> None:
        self._closed.set()
        events.off_commit(self.notify)
        versioning.VERSION_COMMITS.disconnect(self.version_committed)
        if self._loop is not None and not self._loop.is_closed():
            if self._task is not None:
                self._loop.call_soon_threadsafe(self._task.cancel)
            self._loop.call_soon_threadsafe(self._count_commit)  # long polls answer now

    def _is_closed(self) -> bool:
        return self._closed.is_set() or self._loop is None or self._loop.is_closed()

    # ------------------------------------------------------------------ subscribers

    def subscribe(self, user_id: str) -> Subscriber:
        sub = Subscriber(user_id)
        self._subscribers.add(sub)
        return sub

    def unsubscribe(self, sub: Subscriber) -> None:
        self._subscribers.discard(sub)

    # ------------------------------------------------------------------ waking

    def notify(self, _seq: int | None = None) -> None:
        """Wake the hub from any thread: new events may be committed."""
        wake = self._wake
        if wake is not None:
            self._in_loop(wake.set)

    def version_committed(self, _version: int | None = None) -> None:
        """From any thread: a transaction with a new server version committed."""
        self._in_loop(self._count_commit)

    def _in_loop(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` in the hub's loop, from any thread (nothing before it started)."""
        loop = self._loop
        if loop is None:
            return
        try:
            loop.call_soon_threadsafe(callback)
        except RuntimeError:  # the loop is closed: this server stopped
            self._closed.set()
            events.off_commit(self.notify)
            versioning.VERSION_COMMITS.disconnect(self.version_committed)

    def _count_commit(self) -> None:
        self.commits += 1
        committed, self._committed = self._committed, asyncio.Event()
        if committed is not None:
            committed.set()

    async def commit_after(self, commits: int, timeout: float) -> bool:
        """Wait until a version commits after ``commits`` were counted; False on timeout.

        A caller reads ``commits``, then reads the database, then waits here: a commit
        between the two is counted already, so it is never slept through.
        """
        if self.commits != commits:
            return True
        if self._closed.is_set():
            return False
        assert self._committed is not None
        try:
            await asyncio.wait_for(self._committed.wait(), timeout)
        except TimeoutError:
            return False
        return True

    def _latest(self) -> int:
        with self.store.read() as session:
            return events.latest_seq(session)

    def _read_after(self, seq: int) -> list[LiveEvent]:
        with self.store.read() as session:
            return list(
                session.scalars(select(LiveEvent).where(LiveEvent.seq > seq).order_by(LiveEvent.seq).limit(READ_CHUNK))
            )

    async def _pump(self) -> None:
        assert self._wake is not None
        backoff = 0.5
        while True:
            try:
                if self.poll_seconds is None:
                    await self._wake.wait()
                else:
                    await asyncio.wait_for(self._wake.wait(), self.poll_seconds)
            except TimeoutError:
                pass
            self._wake.clear()
            try:
                await self._dispatch_new()
            except asyncio.CancelledError:
                raise
            except (SQLAlchemyError, OSError) as error:  # the database is away for a moment: try again
                log.warning("reading live events failed (%s); retrying in %.1fs", error, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 10.0)
                self._wake.set()
            else:
                backoff = 0.5

    def _deliveries(self, rows: list[LiveEvent], user_ids: set[str]) -> dict[str, list[LiveEvent]]:
        """Of ``rows``, what each connected user receives now (``events.deliveries``)."""
        with self.store.read() as session:
            return events.deliveries(session, rows, user_ids)

    async def _dispatch_new(self) -> None:
        while True:
            rows = await run_in_threadpool(self._read_after, self.last_seq)
            # Sockets are taken after the read, as a socket reads its backlog after subscribing.
            subscribers = list(self._subscribers)
            if rows and subscribers:
                heard = await run_in_threadpool(self._deliveries, rows, {sub.user_id for sub in subscribers})
                texts: dict[int, str] = {}
                for sub in subscribers:
                    for ev in heard.get(sub.user_id, ()):
                        text = texts.get(ev.seq)
                        if text is None:
                            text = texts[ev.seq] = json.dumps(ev.to_message(), ensure_ascii=False)
                        sub.queue.put_nowait((ev.seq, text))
            if rows:
                self.last_seq = rows[-1].seq
            if len(rows) < READ_CHUNK:
                return

    # ------------------------------------------------------------------ PostgreSQL LISTEN

    def _conninfo(self) -> str:
        url = make_url(self.store.url).set(drivername="postgresql")
        return url.render_as_string(hide_password=False)

    def _listen(self) -> None:
        import psycopg

        backoff = 0.5
        while not self._is_closed():
            try:
                with psycopg.connect(self._conninfo(), autocommit=True) as conn:
                    conn.execute(f"LISTEN {events.CHANNEL}")
                    conn.execute(f"LISTEN {versioning.CHANNEL}")
                    self.listening.set()
                    self.notify()  # catch up on what committed while we were not listening
                    self.version_committed()
                    backoff = 0.5
                    while not self._is_closed():
                        for note in conn.notifies(timeout=1.0):
                            if sent_by_this_process(note.payload):
                                continue  # told at its commit already, by the CommitSignal
                            if note.channel == versioning.CHANNEL:
                                self.version_committed()
                            else:
                                self.notify()
            except psycopg.Error as error:
                self.listening.clear()
                if self._is_closed():
                    return
                log.warning("live listener lost its connection (%s); retrying in %.1fs", error, backoff)
                self._closed.wait(backoff)
                backoff = min(backoff * 2, 10.0)
        self.listening.clear()


async def hub_of(app: Any) -> Hub:
    """The app's hub, started on first use in the app's event loop."""
    hub: Hub | None = getattr(app.state, "live_hub", None)
    if hub is None:
        hub = Hub(app.state.store)
        app.state.live_hub = hub
    await hub.start()
    return hub
