"""Engines and sessions for SQLite (client, small office) and PostgreSQL (province).

SQLite runs in WAL mode: readers never wait for the writer. Write sessions start with
``BEGIN IMMEDIATE`` so that two writers queue on the database lock at the start of their
transactions instead of failing half-way when one tries to upgrade a stale read snapshot.
That queueing is what keeps register numbers gapless and unique under concurrent callers.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

from eoffice.store.bulk import restore_indexes

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
log = logging.getLogger("eoffice.store")


#: SQLite's default: the WAL is copied back into the database file every 1000 pages.
CHECKPOINT_PAGES = 1000
#: Bytes a WAL file keeps on disk once it starts over (a first sync grows it to hundreds of MB).
WAL_SIZE_LIMIT = 64 * 1024 * 1024


#: Connections an SQLite engine keeps open. The pool opens them only as they are needed (a
#: desktop uses a few), and one more than it keeps is closed as soon as it is given back:
#: with 8 kept, a server answering 500 delegates from its 40 worker threads opened and
#: closed a connection (and ran its pragmas) for most requests, which was most of its time
#: during a vote (``bench/meetings_live.py``). Kept connections cost only the pages they read.
SQLITE_POOL_SIZE = 48


def _sqlite_engine(url: str, begin: str, checkpoint_pages: Callable[[], int] = lambda: CHECKPOINT_PAGES) -> Engine:
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": 60},
        pool_size=SQLITE_POOL_SIZE,
        max_overflow=16,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves
        cur = dbapi_conn.cursor()
        # WAL is kept in the database file: asked only of a database not yet in it, since
        # asking waits on the database's locks.
        if str(cur.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.execute("PRAGMA cache_size=-65536")
        # A WAL grown by a bulk load is cut back to this size once it starts over.
        cur.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        conn.exec_driver_sql(f"BEGIN {begin}")
        pages = checkpoint_pages()
        if conn.info.get("wal_autocheckpoint", CHECKPOINT_PAGES) != pages:
            conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint = {int(pages)}")
            conn.info["wal_autocheckpoint"] = pages

    return engine


def defer_references(session: Session) -> None:
    """On SQLite, check foreign keys when the transaction commits, not at each statement,
    until it ends (nothing elsewhere: PostgreSQL's are checked as declared).

    Ask only where a transaction needs it: SQLite expires every prepared statement of the
    connection when the pragma is set, and an insert whose triggers keep the sidebar's
    counts (``documents.boxcounts``) took 1.5 to 2 ms to prepare again."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA defer_foreign_keys = ON"))


#: A pooled PostgreSQL connection unused for longer than this is pinged before use.
IDLE_BEFORE_PING = 10.0


def _ping_when_idle(engine: Engine) -> Engine:
    """Check a pooled connection before use only when it sat idle for a while.

    SQLAlchemy's ``pool_pre_ping`` pings at every checkout: a round trip for each request
    of the server, most of whose connections were in use a moment ago. A connection idle
    for longer than ``IDLE_BEFORE_PING`` (the database restarted overnight, a firewall
    dropped it) is pinged and replaced when dead, as PgBouncer's ``server_check_delay``
    does; one that dies while in use fails its request once, and SQLAlchemy then replaces
    every connection of the pool.
    """

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_conn, record) -> None:  # type: ignore[no-untyped-def]
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_conn, record, _proxy) -> None:  # type: ignore[no-untyped-def]
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since <= IDLE_BEFORE_PING:
            return
        try:
            engine.dialect.do_ping(dbapi_conn)
        except Exception as error:
            raise DisconnectionError(f"a pooled connection was dead after {IDLE_BEFORE_PING:.0f} s idle") from error

    return engine


class Store:
    """One database: how to open sessions on it and bring its schema up to date."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        self._checkpoint_pages = CHECKPOINT_PAGES
        self._checkpointer: threading.Thread | None = None
        if self.is_sqlite:
            self.engine = _sqlite_engine(url, "DEFERRED")
            self._write_engine = _sqlite_engine(url, "IMMEDIATE", lambda: self._checkpoint_pages)
        else:
            # PostgreSQL reads run without BEGIN and COMMIT (autocommit), on connections
            # whose every transaction is read only. A read transaction bought nothing: at
            # READ COMMITTED each statement takes its own snapshot anyway (versions commit
            # in order, which is what the pull relies on), while its BEGIN and COMMIT were
            # two round trips of every request (measured: a one-statement read took 0.9 ms
            # against 0.5). A write slipped into a read session fails loudly, and nothing
            # rolls back: psycopg forgets its prepared statements at every ROLLBACK, so
            # the server's statements would be parsed and planned anew each time.
            self.engine = _ping_when_idle(create_engine(
                url, pool_size=8, max_overflow=16, isolation_level="AUTOCOMMIT",
                connect_args={"options": "-c default_transaction_read_only=on"},
            ))
            self._write_engine = _ping_when_idle(create_engine(url, pool_size=4, max_overflow=12))
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(self._write_engine, expire_on_commit=False)
        #: SQLite's writers of this process take turns here before ``BEGIN IMMEDIATE``.
        #: SQLite's own wait for its lock sleeps in growing steps (up to 100 ms) between
        #: tries, so under a burst of writers (500 ballots in a few seconds) the ones
        #: asleep were passed again and again: a ballot waited two seconds at the 95th
        #: percentile for a lock free most of the time. A thread waiting here wakes as soon
        #: as the lock is released. Re-entrant: a nested write in one thread behaves as
        #: before (it waits on SQLite). Other processes still meet SQLite's own wait.
        self._write_turn = threading.RLock()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading: it writes nothing (on PostgreSQL its statements run
        each on their own, read only, see ``__init__``).

        The loaded objects stay readable, detached, after the block.
        """
        session = self._reader()
        try:
            yield session
            if not self.is_sqlite:
                session.commit()
        finally:
            session.close()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work commits as one transaction, or rolls back whole."""
        if not self.is_sqlite:
            yield from self._write()
            return
        with self._write_turn:
            yield from self._write()

    def _write(self) -> Iterator[Session]:
        session = self._writer()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def checkpoint_at_end(self) -> Iterator[None]:
        """Inside the block, SQLite's WAL is not copied back into the database as it
        grows; on leaving it is, once, in a thread of its own.

        For a bulk load: a first sync writes a couple of hundred megabytes, and a
        checkpoint every 1000 pages (two fsyncs each) cost a sixth of it, measured; a page
        written again and again is copied back once. SQLite's documentation suggests the
        thread for large checkpoints: the copy (a second or two of disk writes) does not
        hold up the window that opens once the rows are in, and a PASSIVE checkpoint
        waits for no reader and blocks no writer. Automatic checkpoints resume when it
        ends. Nothing is less safe meanwhile: the WAL holds every committed transaction,
        and a crash replays it as always.
        """
        if not self.is_sqlite:
            yield
            return
        self.wait_for_checkpoint()
        self._checkpoint_pages = 0
        try:
            yield
        finally:
            self._checkpointer = threading.Thread(target=self._checkpoint, name="eoffice-wal-checkpoint", daemon=True)
            self._checkpointer.start()

    def _checkpoint(self) -> None:
        try:
            raw = self._write_engine.raw_connection()  # outside any transaction
            try:
                raw.execute("PRAGMA wal_checkpoint(PASSIVE)")
            finally:
                raw.close()
        except Exception:  # the next automatic checkpoint copies what is left
            log.exception("copying the WAL back after a bulk load failed")
        finally:
            self._checkpoint_pages = CHECKPOINT_PAGES

    def wait_for_checkpoint(self, timeout: float | None = None) -> None:
        """Wait for the copy a bulk load left running (``checkpoint_at_end``), if any."""
        thread = self._checkpointer
        if thread is not None:
            thread.join(timeout)

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        with self._write_engine.connect() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
        if self.is_sqlite:  # a first sync killed while loading left some indexes aside
            with self.write() as session:
                restore_indexes(session.connection())

    def dispose(self) -> None:
        self.wait_for_checkpoint()
        self.engine.dispose()
        self._write_engine.dispose()
