"""Loading many rows into empty SQLite tables: their secondary indexes stand aside.

A first sync writes a hundred thousand documents with their files, directions and lines.
Keeping a dozen secondary B-trees up to date row by row costs more than writing the rows
(measured: a third of the time); building each index once at the end, from sorted keys,
costs under a second. Primary keys and unique constraints stay: upserts rely on them.

Nothing needs remembering for a crash in between: the indexes are those the models
declare (a test holds the migrated schema to them), so ``restore_indexes`` recreates
whatever is missing, and ``Store.migrate`` calls it at every start.

The full-text index (SQLite's FTS5 ``document_fts``) stands aside the same way: fed a
page at a time, it flushes and merges its segments at every commit, twice the cost of
building it once from the search rows when the load ends (FTS5's 'rebuild'). While a row
with ``LOADING`` stands in ``search_bulk_writes`` (a marker that outlives commits, unlike
the one a page's own writes set), nobody writes the index: its triggers stand aside and
the pull's own writer skips it. A load killed in between leaves the marker, and
``restore_indexes`` (at every start) rebuilds the index and removes it.

Data a capability keeps from the loaded tables by triggers (the sidebar's counts,
``register_derived``) stands aside too: its triggers are dropped while the load runs, and
it is rebuilt once, after the load (``restore_derived``: the sync engine's next round, the
window already open on the rows; read by the lists' conditions meanwhile, as slow as
before it was kept and as right). A load killed in between leaves it aside, and
``restore_indexes`` rebuilds it at the next start. A server's database (SQLite in a small
office) keeps none of it (``drop_derived``): only a desktop's screens read it, and its
triggers cost every write the server makes.

On PostgreSQL (the server) nothing here does anything: a server never loads that way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Index, text

from eoffice.store.base import Base

if TYPE_CHECKING:
    from eoffice.store.engine import Store


@dataclass(frozen=True)
class Derived:
    """Rows a capability's triggers keep from loaded tables (SQLite): how to stop keeping
    them, whether they are stopped, how to rebuild them (which starts keeping them), and
    how to drop them with their tables (a server's database)."""

    set_aside: Callable[[Connection], None]
    is_aside: Callable[[Connection], bool]
    rebuild: Callable[[Connection], None]
    uninstall: Callable[[Connection], None]


_DERIVED: dict[str, Derived] = {}


def register_derived(name: str, derived: Derived) -> None:
    """Called by a capability's registrations (``eoffice.capabilities``)."""
    _DERIVED[name] = derived


def _derived() -> list[Derived]:
    from eoffice.capabilities import load

    load()
    return list(_DERIVED.values())


def drop_derived(connection: Connection) -> None:
    """Drop every capability's derived rows, tables and triggers: the database is a
    server's. Nothing there reads them (the server shows no sidebar), and on SQLite each
    write paid their triggers; ``restore_indexes`` leaves absent ones absent."""
    if connection.dialect.name != "sqlite":
        return
    for derived in _derived():
        derived.uninstall(connection)


def secondary_indexes(tables: Iterable[str]) -> list[Index]:
    """The non-unique indexes the models declare on ``tables``."""
    found: list[Index] = []
    for name in tables:
        found.extend(i for i in Base.metadata.tables[name].indexes if not i.unique)
    return sorted(found, key=lambda i: str(i.name))


def set_indexes_aside(connection: Connection, tables: Iterable[str]) -> int:
    """Drop the secondary indexes of ``tables`` (SQLite only); returns how many."""
    if connection.dialect.name != "sqlite":
        return 0
    present = {
        str(n) for n in connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars()
    }
    dropped = 0
    for index in secondary_indexes(tables):
        if index.name in present:
            connection.execute(text(f'DROP INDEX "{index.name}"'))
            dropped += 1
    return dropped


def restore_indexes(connection: Connection, tables: Iterable[str] | None = None, *, derived: bool = True) -> int:
    """Create the models' secondary indexes that are missing (all tables by default),
    rebuild the full-text index if a load left it aside, and with ``derived`` the derived
    rows a load left aside; returns how many were made."""
    if connection.dialect.name != "sqlite":
        return 0
    rows = connection.execute(text("SELECT type, name FROM sqlite_master WHERE type IN ('index', 'table')")).all()
    indexes = {str(n) for kind, n in rows if kind == "index"}
    existing = {str(n) for kind, n in rows if kind == "table"}
    wanted = secondary_indexes(t for t in (tables or Base.metadata.tables) if t in existing)
    missing = [i for i in wanted if i.name not in indexes]
    for index in missing:
        index.create(connection)
    rebuilt = _rebuild_aside(connection) if derived else 0
    return len(missing) + rebuilt + (_restore_full_text(connection) if "search_bulk_writes" in existing else 0)


#: The id of the marker row in ``search_bulk_writes`` that sets the full-text index aside
#: until a load ends (the row a page's own writes set and remove is 1).
LOADING = 2


def full_text_aside(connection: Connection) -> bool:
    """Whether a load has set the full-text index aside (its writers skip it meanwhile)."""
    if connection.dialect.name != "sqlite":
        return False
    return connection.execute(text(f"SELECT 1 FROM search_bulk_writes WHERE id = {LOADING}")).first() is not None


def set_full_text_aside(connection: Connection) -> None:
    """Stop writing the full-text index until ``restore_indexes`` rebuilds it (SQLite only)."""
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"INSERT OR IGNORE INTO search_bulk_writes(id) VALUES ({LOADING})"))


def _restore_full_text(connection: Connection) -> int:
    if not full_text_aside(connection):
        return 0
    connection.execute(text("INSERT INTO document_fts(document_fts) VALUES ('rebuild')"))
    connection.execute(text(f"DELETE FROM search_bulk_writes WHERE id = {LOADING}"))
    return 1


def restore_derived(store: Store) -> int:
    """Rebuild the derived rows a load left aside, in one write transaction; returns how
    many were. Asked at every sync round (``SyncEngine``): one look at the
    schema when nothing is aside."""
    if not store.is_sqlite:
        return 0
    with store.read() as session:
        if not any(d.is_aside(session.connection()) for d in _derived()):
            return 0
    with store.write() as session:
        return _rebuild_aside(session.connection())


def _rebuild_aside(connection: Connection) -> int:
    """Rebuild the derived rows a load left aside; returns how many were."""
    aside = [d for d in _derived() if d.is_aside(connection)]
    for derived in aside:
        derived.rebuild(connection)
    return len(aside)


@contextmanager
def indexes_aside(store: Store, tables: Iterable[str], *, full_text: bool = False) -> Iterator[None]:
    """Inside the block the secondary indexes of ``tables`` are gone, the derived rows
    (``register_derived``) are not kept, and with ``full_text`` the full-text index is not
    written; on leaving (normally or not) the indexes are built again, and the derived
    rows stay aside for ``restore_derived``.

    Readers meanwhile still get right answers, only slower (a search, only over what was
    indexed before); nobody should be reading much (the first sync runs before the window
    opens).
    """
    if not store.is_sqlite:
        yield
        return
    tables = tuple(tables)
    with store.checkpoint_at_end():
        with store.write() as session:
            set_indexes_aside(session.connection(), tables)
            for derived in _derived():
                derived.set_aside(session.connection())
            if full_text:
                set_full_text_aside(session.connection())
        try:
            yield
        finally:
            with store.write() as session:
                restore_indexes(session.connection(), tables, derived=False)
