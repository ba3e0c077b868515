"""Shared fixtures: real SQLite files, real PostgreSQL databases, a small organisation.

Tests that need something this machine may lack (PostgreSQL, a font, poppler) skip with
the reason; with ``EOFFICE_TEST_REQUIRE_ALL=1`` (CI) such a skip is a failure instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from eoffice.directory.admin import create_organisation, create_unit, create_user
from eoffice.directory.models import Role
from eoffice.store import Store
from eoffice.store.blobs import BlobStore

PG_URL = os.environ.get("EOFFICE_TEST_POSTGRES_URL", "")
REQUIRE_ALL = os.environ.get("EOFFICE_TEST_REQUIRE_ALL") == "1"


def need(condition: bool, reason: str) -> None:
    """Skip with ``reason`` unless ``condition``; in CI (REQUIRE_ALL) fail instead."""
    if condition:
        return
    if REQUIRE_ALL:
        pytest.fail(f"required by EOFFICE_TEST_REQUIRE_ALL but missing: {reason}")
    pytest.skip(reason)


def _pg_database() -> Iterator[str]:
    need(bool(PG_URL), "PostgreSQL not configured: set EOFFICE_TEST_POSTGRES_URL")
    name = f"eoffice_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.engine.make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def drop_connections(database: str | None) -> int:
    """End every connection to ``database`` but ours, as a PostgreSQL restart does to a
    server's pooled connections; returns how many there were."""
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            return len(conn.execute(sa.text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :db AND pid <> pg_backend_pid()"
            ), {"db": database}).all())
    finally:
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A migrated, empty database: a SQLite file, and a fresh PostgreSQL database."""
    if request.param == "sqlite":
        s = Store(f"sqlite:///{tmp_path / 'eoffice.sqlite3'}")
        s.migrate()
        yield s
        s.dispose()
    else:
        gen = _pg_database()
        url = next(gen)
        s = Store(url)
        s.migrate()
        try:
            yield s
        finally:
            s.dispose()
            gen.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path / 'eoffice.sqlite3'}")
    s.migrate()
    yield s
    s.dispose()


@pytest.fixture
def blobs(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "blobs")


@dataclass
class World:
    """One organisation with two units and a user in every role."""

    store: Store
    org_id: str
    office_unit_id: str  # Văn phòng (VP)
    finance_unit_id: str  # Phòng Tài chính (TC)
    clerk_id: str
    leader_id: str
    officer_id: str  # in VP
    officer2_id: str  # in TC
    admin_id: str


def make_world(store: Store) -> World:
    with store.write() as s:
        org = create_organisation(s, "000.00.01.H41", "Ủy ban nhân dân tỉnh Nghệ An", "UBND")
        vp = create_unit(s, org.id, "VP", "Văn phòng")
        tc = create_unit(s, org.id, "TC", "Phòng Tài chính")
        clerk = create_user(s, "vanthu", "Trần Thị Thu", org.id, {Role.CLERK}, vp.id, "Văn thư")
        leader = create_user(s, "lanhdao", "Nguyễn Văn Đức", org.id, {Role.LEADER}, vp.id, "Chủ tịch")
        officer = create_user(s, "chuyenvien", "Lê Minh Anh", org.id, {Role.OFFICER}, vp.id, "Chuyên viên")
        officer2 = create_user(s, "chuyenvien2", "Phạm Quốc Huy", org.id, {Role.OFFICER}, tc.id, "Chuyên viên")
        admin = create_user(s, "quantri", "Đỗ Hải Nam", org.id, {Role.ADMIN}, vp.id, "Quản trị")
        return World(store, org.id, vp.id, tc.id, clerk.id, leader.id, officer.id, officer2.id, admin.id)


@pytest.fixture
def world(store: Store) -> World:
    return make_world(store)


@pytest.fixture
def pdf_factory(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Writes a real one-page Vietnamese PDF and returns its path."""
    from eoffice.demo.pdfs import write_document

    counter = iter(range(1, 10_000))

    def make(subject: str = "Về việc chuyển đổi số", body: str = "Nội dung văn bản.", name: str | None = None) -> Path:
        n = next(counter)
        path = tmp_path / (name or f"doc{n}.pdf")
        return write_document(
            path,
            organ_name="Sở Nội vụ",
            number_label=f"{n:02d}/SNV-VP",
            type_name="Công văn",
            subject=subject,
            body=f"{body} ({n})",
        )

    return make
