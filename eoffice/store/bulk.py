"""Loading many rows into empty SQLite tables: their secondary indexes stand aside.

A first sync writes a hundred thousand documents with their files, directions and lines.
Keeping a dozen secondary B-trees up to date row by row costs more than writing the rows
(measured: a third of the time); building each index once at the end, from sorted keys,
costs under a second. Primary keys and unique constraints stay: upserts rely on them.

Nothing needs remembering for a crash in between: the indexes are those the models
declare (a test holds the migrated schema to them), so ``restore_indexes`` recreates
whatever is missing, and ``Store.migrate`` calls it at every start.

On PostgreSQL (the server) nothing here does anything: a server never loads that way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Index, text

from eoffice.store.base import Base

if TYPE_CHECKING:
    from eoffice.store.engine import Store


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
    present = {str(n) for n in connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars()}
    dropped = 0
    for index in secondary_indexes(tables):
        if index.name in present:
            connection.execute(text(f'DROP INDEX "{index.name}"'))
            dropped += 1
    return dropped


def restore_indexes(connection: Connection, tables: Iterable[str] | None = None) -> int:
    """Create the models' secondary indexes that are missing (all tables by default)."""
    if connection.dialect.name != "sqlite":
        return 0
    rows = connection.execute(text("SELECT type, name FROM sqlite_master WHERE type IN ('index', 'table')")).all()
    indexes = {str(n) for kind, n in rows if kind == "index"}
    existing = {str(n) for kind, n in rows if kind == "table"}
    wanted = secondary_indexes(t for t in (tables or Base.metadata.tables) if t in existing)
    missing = [i for i in wanted if i.name not in indexes]
    for index in missing:
        index.create(connection)
    return len(missing)


@contextmanager
def indexes_aside(store: Store, tables: Iterable[str]) -> Iterator[None]:
    """Inside the block the secondary indexes of ``tables`` are gone; on leaving
    (normally or not) they are built again.

    Readers meanwhile still get right answers, only slower; nobody should be reading much
    (the first sync runs before the window opens).
    """
    if not store.is_sqlite:
        yield
        return
    tables = tuple(tables)
    with store.write() as session:
        set_indexes_aside(session.connection(), tables)
    try:
        yield
    finally:
        with store.write() as session:
            restore_indexes(session.connection(), tables)
