"""Read and write sessions: reads never write, writes commit whole or not at all."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from eoffice.directory.admin import create_organisation
from eoffice.directory.models import Organisation
from eoffice.store import Store
from eoffice.store import engine as engine_module
from tests.conftest import drop_connections


@pytest.mark.parametrize("store", ["postgresql"], indirect=True)
def test_a_write_slipped_into_a_read_session_fails_and_changes_nothing(store: Store):
    """On PostgreSQL (the server) reads run on read-only connections, without a
    transaction of their own: a write there fails instead of committing."""
    with pytest.raises(DBAPIError, match="read-only"):
        with store.read() as s:
            create_organisation(s, "000.00.01.H41", "Ủy ban nhân dân tỉnh Nghệ An", "UBND")
            s.flush()
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Organisation)) == 0


def test_a_read_session_sees_what_committed_after_it_began(store: Store):
    """Each statement of a read sees the latest commits (READ COMMITTED): what the pull's
    cursor logic is written for, on both databases."""
    with store.read() as reader:
        assert reader.scalar(select(func.count()).select_from(Organisation)) == 0
        if store.dialect == "sqlite":
            reader.rollback()  # SQLite keeps a read's snapshot until its transaction ends
        with store.write() as writer:
            create_organisation(writer, "000.00.01.H41", "Ủy ban nhân dân tỉnh Nghệ An", "UBND")
        assert reader.scalar(select(func.count()).select_from(Organisation)) == 1


def test_a_write_session_rolls_back_whole_on_an_error(store: Store):
    with pytest.raises(RuntimeError):
        with store.write() as s:
            create_organisation(s, "000.00.01.H41", "Ủy ban nhân dân tỉnh Nghệ An", "UBND")
            s.flush()
            raise RuntimeError("the second half failed")
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Organisation)) == 0
        assert s.execute(text("SELECT 1")).scalar() == 1


@pytest.mark.parametrize("store", ["postgresql"], indirect=True)
def test_a_connection_that_died_while_idle_is_replaced_before_use(store: Store, monkeypatch):
    monkeypatch.setattr(engine_module, "IDLE_BEFORE_PING", 0.0)  # every pooled connection counts as idle
    for i in range(2):
        with store.read() as s:
            assert s.scalar(select(func.count()).select_from(Organisation)) == i
        with store.write() as s:
            create_organisation(s, f"000.00.0{i}.H41", "Ủy ban nhân dân", f"UB{i}")
        assert drop_connections(store.engine.url.database) >= 2  # the read pool's and the write pool's
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Organisation)) == 2


@pytest.mark.parametrize("store", ["postgresql"], indirect=True)
def test_a_connection_that_died_in_use_fails_once_and_the_pool_recovers(store: Store):
    """A connection used a moment ago is not pinged: its death fails one request per pool
    (the server answers it with an error, the client retries), then the pool is new."""
    with store.read() as s:
        s.scalar(select(func.count()).select_from(Organisation))
    assert drop_connections(store.engine.url.database) >= 2
    with pytest.raises(DBAPIError):
        with store.read() as s:
            s.scalar(select(func.count()).select_from(Organisation))
    with pytest.raises(DBAPIError):
        with store.write() as s:
            create_organisation(s, "000.00.01.H41", "Ủy ban nhân dân tỉnh Nghệ An", "UBND")
    with store.write() as s:
        create_organisation(s, "000.00.01.H41", "Ủy ban nhân dân tỉnh Nghệ An", "UBND")
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Organisation)) == 1
