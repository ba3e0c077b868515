"""Secondary indexes set aside while a first sync loads, and always built again."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.schema import CreateIndex

from eoffice.documents.models import Document
from eoffice.store import Store
from eoffice.store.base import Base
from eoffice.store.bulk import (
    indexes_aside,
    restore_indexes,
    secondary_indexes,
    set_indexes_aside,
)
from eoffice.sync.tables import schema


def _index_sql(store: Store) -> dict[str, str]:
    with store.read() as s:
        rows = s.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
        return {name: re.sub(r"\s+", " ", sql).strip() for name, sql in rows}


def test_the_migrated_indexes_are_the_ones_the_models_declare(sqlite_store):
    """What ``restore_indexes`` builds from the models is what the migrations made."""
    present = _index_sql(sqlite_store)
    dialect = sqlite_store.engine.dialect
    for index in secondary_indexes(Base.metadata.tables):
        made = re.sub(r"\s+", " ", str(CreateIndex(index).compile(dialect=dialect))).strip()
        assert present.get(str(index.name)) == made, index.name


def test_indexes_stand_aside_inside_the_block_and_come_back_after(sqlite_store):
    names = {str(i.name) for i in secondary_indexes(schema().bulk_tables())}
    assert names and names <= set(_index_sql(sqlite_store))
    with indexes_aside(sqlite_store, schema().bulk_tables()):
        assert not names & set(_index_sql(sqlite_store))
        with sqlite_store.read() as s:  # the tables still answer, unique keys and all
            assert s.scalar(select(Document.id).limit(1)) is None
    assert names <= set(_index_sql(sqlite_store))


def test_indexes_come_back_when_the_block_fails(sqlite_store):
    names = {str(i.name) for i in secondary_indexes(schema().bulk_tables())}
    try:
        with indexes_aside(sqlite_store, schema().bulk_tables()):
            raise ConnectionError("offline in the middle of a first sync")
    except ConnectionError:
        pass
    assert names <= set(_index_sql(sqlite_store))


def test_a_load_killed_with_indexes_aside_gets_them_back_at_the_next_start(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'client.sqlite3'}"
    store = Store(url)
    store.migrate()
    before = _index_sql(store)
    with store.write() as s:  # what a process killed inside indexes_aside leaves behind
        assert set_indexes_aside(s.connection(), schema().bulk_tables()) > 0
    assert set(_index_sql(store)) < set(before)
    store.dispose()

    again = Store(url)
    again.migrate()  # every start
    assert _index_sql(again) == before
    with again.write() as s:
        assert restore_indexes(s.connection()) == 0  # nothing left to do
    again.dispose()


def _write_megabytes(store: Store, count: int) -> None:
    """``count`` transactions of a megabyte each, in a scratch table."""
    with store.write() as s:
        s.execute(text("CREATE TABLE IF NOT EXISTS scratch (data BLOB)"))
    for _ in range(count):
        with store.write() as s:
            s.execute(text("INSERT INTO scratch (data) VALUES (randomblob(1048576))"))


def test_a_load_copies_the_wal_back_once_when_it_ends(sqlite_store: Store, tmp_path: Path):
    """Inside ``checkpoint_at_end`` the WAL keeps every page (no checkpoint every 1000
    pages, two fsyncs each); leaving it copies them into the database, in a thread."""
    wal = tmp_path / "eoffice.sqlite3-wal"
    _write_megabytes(sqlite_store, 8)
    assert wal.stat().st_size < 6 * 1048576  # ordinary writes: checkpointed about every 4 MB
    with sqlite_store.checkpoint_at_end():
        _write_megabytes(sqlite_store, 12)
        assert wal.stat().st_size > 12 * 1048576  # all of it still in the WAL
    sqlite_store.wait_for_checkpoint(30)
    raw = sqlite_store.engine.raw_connection()
    try:  # (busy, frames in the WAL, frames copied back): all of them copied
        busy, frames, copied = raw.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    finally:
        raw.close()
    assert busy == 0 and frames == copied > 3000
    with sqlite_store.read() as s:
        assert s.scalar(text("SELECT count(*) FROM scratch")) == 20
    size = wal.stat().st_size
    _write_megabytes(sqlite_store, 8)  # ordinary writes start the WAL over, checkpointed again
    assert wal.stat().st_size <= size
    with sqlite_store.checkpoint_at_end():
        pass  # a second load waits for the first one's copy
    sqlite_store.dispose()  # and disposing waits for it too
