"""Fixtures for sync tests: a versioned server database, a separate client SQLite file."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest

from eoffice.directory.models import User
from eoffice.documents.operations import RegisterIncoming
from eoffice.ops import FileRef
from eoffice.store import Store
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore
from eoffice.sync.changes import ChangePage, apply_page, changes_since
from eoffice.sync.client_state import get_cursor
from eoffice.sync.versioning import install_versioning
from tests.conftest import World, make_world
from tests.signing.conftest import test_pki  # noqa: F401  (fixture of the signing and certificate tests)
from tests.sync.http_support import memory_keyring, province  # noqa: F401  (fixtures of the HTTP tests)

_serial = count(1)


@pytest.fixture
def server(store: Store) -> World:
    """The server: versioning on before the first row is written, one organisation."""
    install_versioning(store)
    return make_world(store)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Store]:
    """A client's own SQLite database (empty until it pulls)."""
    s = Store(f"sqlite:///{tmp_path / 'client.sqlite3'}")
    s.migrate()
    yield s
    s.dispose()


def file_ref(text: str = "") -> FileRef:
    n = next(_serial)
    return FileRef(hashlib.sha256(f"file {n}".encode()).hexdigest(), f"van-ban-{n}.pdf", 1000 + n, 1, text)


def doc_fields(subject: str = "Về việc chuyển đổi số", **overrides: object) -> dict[str, object]:
    n = next(_serial)
    values: dict[str, object] = {
        "type_name": "Công văn",
        "subject": subject,
        "organ_name": "Sở Nội vụ",
        "organ_id": "000.00.12.H41",
        "code_number": f"{n:02d}",
        "code_notation": "SNV-VP",
        "issued_date": "2026-03-02",
    }
    values.update(overrides)
    return values


def register_op(subject: str = "Về việc chuyển đổi số", text: str = "", **overrides: object) -> RegisterIncoming:
    return RegisterIncoming(
        op_id=new_id(),
        document_id=new_id(),
        fields=doc_fields(subject, **overrides),
        files=(file_ref(text),),
        arrival_date="2026-03-03",
    )


def wire(page: ChangePage) -> ChangePage:
    """The page as it would cross HTTP: through JSON and back."""
    return ChangePage.from_json(json.loads(json.dumps(page.to_json(), ensure_ascii=False)))


def pull(
    server_store: Store, client_store: Store, user_id: str, limit: int = 1000, blobs: BlobStore | None = None
) -> list[ChangePage]:
    """Pull everything new into the client, page by page, as ``user_id``'s engine does;
    returns the pages applied."""
    pages = []
    while True:
        with client_store.read() as c:
            cursor = get_cursor(c)
        with server_store.read() as s:
            user = s.get(User, user_id)
            assert user is not None
            page = wire(changes_since(s, user, cursor, limit))
        with client_store.write() as c:
            apply_page(c, page, user_id=user_id, blobs=blobs)
        pages.append(page)
        if not page.more:
            return pages


@pytest.fixture
def pg_server() -> Iterator[World]:
    """A versioned server on its own fresh PostgreSQL database (concurrency tests)."""
    from tests.conftest import _pg_database

    gen = _pg_database()
    url = next(gen)
    s = Store(url)
    s.migrate()
    install_versioning(s)
    try:
        yield make_world(s)
    finally:
        s.dispose()
        gen.close()
