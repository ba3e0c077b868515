"""Server versions: every change of a synced row gets the number of its transaction.

A client pulls "rows whose ``server_version`` is above my cursor". That only works if a
reader can never see version N+1 committed while version N is still to come: the reader
would move its cursor past N and skip N's rows for ever.

How this module guarantees it: the first flush of a transaction that touches a ``Synced``
row takes the next value of the ``server_version`` counter with
``eoffice.store.sequences.next_value``, an ``UPDATE … RETURNING`` that keeps the counter
row locked until the transaction ends. Every synced row the transaction writes (before
or after) carries that same version. A second writer asking for a version waits on the
row lock until the first commits (or rolls back, giving the value back), so versions
become visible strictly in the order they were handed out: at any instant the committed
versions are all versions up to some N (less the rolled-back ones, which no row carries).
A pager reading ``server_version > cursor`` in one snapshot therefore sees, for every
version it sees, every smaller version too. On SQLite writers are serialised by
``BEGIN IMMEDIATE`` already; the counter gives the same order.

The price is that writers of synced rows are serialised from their first synced flush to
commit. Lock order matters to avoid deadlocks on PostgreSQL: a server transaction that
may take other counters (register numbers, sort keys) should take its version first —
``reserve_version`` — as ``eoffice.sync.applying.apply_batch`` does.

Rows that are not ``Synced`` travel with a synced parent, which is re-versioned when they
change: the children a capability declares nested in a synced table's rows or riding with
them (``sync.tables``): a DocumentFile bumps its Document, a UserRole its User.
Directions and lines also bump their document, so that a person newly named on a
(secret) document receives it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any
from weakref import WeakSet

from sqlalchemy import event, exists, or_, select, text, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session, sessionmaker

from eoffice.store.base import Synced
from eoffice.store.commits import CommitSignal, origin
from eoffice.store.sequences import Counter, next_value
from eoffice.sync.tables import schema

COUNTER = "server_version"
_INFO_KEY = "eoffice.sync.version"

def synced_models() -> tuple[type[Any], ...]:
    """Synced models in the order a client applies them (parents before children): every
    table a capability declares (``sync.tables``), those riding with a parent too."""
    return tuple(t.model for t in schema().tables)


def reserve_version(session: Session) -> int:
    """This transaction's server version, taken now if not yet (locks the counter row)."""
    session.connection()  # begin the transaction now: its identity keys the cache
    cached = session.info.get(_INFO_KEY)
    root = session.get_transaction()
    if cached is not None and cached[0] is root:
        version, in_savepoint = cached[1], cached[2]
        if not in_savepoint:  # taken by the transaction itself: only its end gives it back
            return int(version)
        # A savepoint that took the version and rolled back gave it back; take it again.
        current = session.execute(
            select(Counter.value).where(Counter.name == COUNTER)
        ).scalar_one_or_none()
        if current == version:
            return int(version)
    if session.get_bind().dialect.name == "postgresql":
        # The same upsert, plus a NOTIFY that PostgreSQL delivers when (if) this commits:
        # how long-polling pulls on every server process learn of the new rows.
        version = int(session.execute(_PG_TAKE, {"n": COUNTER, "channel": CHANNEL, "origin": origin()}).scalar_one())
    else:
        version = next_value(session, COUNTER)
    session.info[_INFO_KEY] = (root, version, session.get_nested_transaction() is not None)
    VERSION_COMMITS.note(session, version)
    return version


_PG_TAKE = text(
    "WITH v AS (INSERT INTO counters(name, value) VALUES (:n, 1) "
    "ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value) "
    "SELECT value, pg_notify(:channel, value::text || ' ' || :origin) FROM v"
)

# --------------------------------------------------------------------------- commits of new versions

#: The PostgreSQL channel told of every committed version (its number as the payload).
CHANNEL = "eoffice_versions"
#: This process's commits of new versions (what a long-polling pull waits on).
VERSION_COMMITS = CommitSignal("version")


@dataclass(frozen=True)
class _Parent:
    """How a child row (riding with a synced parent, or nested in its rows) finds it."""

    column: str
    model: type[Any]
    relationship: str | None


@cache
def _children() -> dict[type[Any], _Parent]:
    """Per child model, its synced parent: the nested children (a document's files, a
    user's roles) and the tables riding with a parent (a document's directions, lines)."""
    s = schema()
    found: dict[type[Any], _Parent] = {}

    def add(model: type[Any], column: str, parent: type[Any]) -> None:
        local = model.__table__.c[column]
        relation = next(
            (r.key for r in sa_inspect(model).relationships if r.mapper.class_ is parent and local in r.local_columns),
            None,
        )
        found[model] = _Parent(column, parent, relation)

    for t in s.tables:
        for nested in t.nested:
            add(nested.model, nested.parent_column, t.model)
        if t.rides_with is not None:
            column, parent = t.rides_with
            add(t.model, column, s[parent].model)
    return found


def _parents_of(session: Session, obj: object) -> list[Synced]:
    """The synced rows a changed child row travels with.

    A child whose key is not set yet is new together with its parent (found through the
    relationship, or stamped as a new row anyway).
    """
    how = _children().get(type(obj))
    if how is None:
        return []
    parent: Any = getattr(obj, how.relationship) if how.relationship is not None else None
    if parent is None:
        key = getattr(obj, how.column)
        if key is not None:
            parent = session.get(how.model, key)
    return [parent] if parent is not None else []


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    touched: list[Synced] = []
    extra: list[object] = []
    children = _children()
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        if not (obj in session.new or obj in session.deleted or session.is_modified(obj)):
            continue
        if isinstance(obj, Synced):
            touched.append(obj)
        if type(obj) in children:
            extra.append(obj)
    if not touched and not extra:
        return
    with session.no_autoflush:
        for obj in extra:
            touched.extend(_parents_of(session, obj))
        version = reserve_version(session)
        for row in touched:
            if row.server_version != version:
                row.server_version = version


#: The sessionmakers and sessions whose flushes stamp versions (held weakly).
_versioned: WeakSet[Any] = WeakSet()


def install_versioning(target: Any) -> None:
    """Stamp server versions on every write through ``target``.

    ``target`` is a ``Store`` (its write sessions), a ``sessionmaker`` or a ``Session``.
    Install it on the server only: a client keeps the server's versions it pulled and
    leaves its own offline rows unversioned.
    """
    from eoffice.store.engine import Store

    targets: list[Any]
    if isinstance(target, Store):
        targets = [target._writer]
    elif isinstance(target, (sessionmaker, Session)):
        targets = [target]
    else:
        raise TypeError(f"cannot install versioning on {target!r}")
    for t in targets:
        # Not event.contains: for a sessionmaker it also answers True when an earlier,
        # since dropped one had the listener (measured: nearly always), which would leave a
        # new server's writes without versions.
        if t not in _versioned:
            event.listen(t, "before_flush", _before_flush)
            _versioned.add(t)
        VERSION_COMMITS.install(t)


def stamp_unversioned(session: Session, chunk: int = 1000) -> int:
    """Give a version to synced rows written without one (e.g. before versioning was on).

    One version per ``chunk`` rows, so that a large backlog still pulls in pages. Run it on
    server start; returns the number of rows stamped.
    """
    stamped = 0
    for model in synced_models():
        table = model.__table__
        while True:
            ids = list(
                session.scalars(
                    select(table.c.id).where(table.c.server_version.is_(None)).order_by(table.c.id).limit(chunk)
                )
            )
            if not ids:
                break
            version = next_value(session, COUNTER)
            # Still unversioned: another server process may have stamped them meanwhile.
            session.execute(
                update(table)
                .where(table.c.id.in_(ids), table.c.server_version.is_(None))
                .values(server_version=version)
            )
            stamped += len(ids)
    return stamped


def has_unversioned(session: Session) -> bool:
    """Whether some synced row carries no version: one statement, an index probe per table."""
    probes = [exists().where(model.__table__.c.server_version.is_(None)) for model in synced_models()]
    return bool(session.scalar(select(or_(*probes))))


def version_store(store: Any) -> int:
    """Versioning on for every write of ``store`` (a server's), and a version for rows
    written without one before; returns how many were stamped. Run where a server starts."""
    install_versioning(store)
    with store.read() as session:
        if not has_unversioned(session):
            return 0
    with store.write() as session:
        return stamp_unversioned(session)


def current_version(session: Session) -> int:
    """The highest version handed out so far (0 before any)."""
    value = session.execute(_CURRENT, {"n": COUNTER}).scalar_one_or_none()
    return int(value or 0)


_CURRENT = text("SELECT value FROM counters WHERE name = :n")  # every pull asks it
