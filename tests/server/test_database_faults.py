"""A damaged, locked or unreachable database: one clear line and a non-zero exit at start,
a 503 with a message when a request meets a damaged page at run time.

The damage is real: bytes of a real server database overwritten in the middle (the pages
of one table, found with SQLite's ``dbstat``) or at its header; the lock is another
connection's exclusive transaction; the server is ``python -m eoffice server`` as an
operator starts it.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from eoffice.server.embedded import EmbeddedServer
from eoffice.server.settings import ServerSettings
from eoffice.store import Store
from eoffice.store.blobs import BlobStore
from tests.conftest import make_world
from tests.processes import die_with_parent
from tests.server.conftest import PASSWORD, api_client, bearer, give_passwords
from tests.sync.server_process import ROOT, free_port

#: Generous: the server must answer within seconds; this only bounds a hung test.
START_TIMEOUT = 90


def _server_database(folder: Path) -> Path:
    """A migrated server database with the test organisation, its WAL copied in."""
    path = folder / "server.sqlite3"
    store = Store(f"sqlite:///{path}")
    store.migrate()
    make_world(store)
    store.dispose()
    return path


def _pages_of(path: Path, *tables: str) -> list[int]:
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        marks = ",".join("?" * len(tables))
        return [row[0] for row in con.execute(f"SELECT pageno FROM dbstat WHERE name IN ({marks})", tables)]
    finally:
        con.close()


def _damage_pages(path: Path, pages: list[int]) -> None:
    """Overwrite whole pages in the middle of the file, as a failing disk does."""
    con = sqlite3.connect(path)
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with open(path, "r+b") as f:
        for page in pages:
            f.seek((page - 1) * size)
            f.write(b"\xde\xad\xbe\xef" * (size // 4))


def _start(database_url: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EOFFICE_DATA_DIR": str(data_dir.parent / "user-data")}
    return subprocess.run(
        [sys.executable, "-m", "eoffice", "server", "--database-url", database_url, "--data-dir", str(data_dir),
         "--port", str(free_port())],
        cwd=ROOT, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=START_TIMEOUT,
        preexec_fn=die_with_parent,
    )


def _one_line(result: subprocess.CompletedProcess[str], vi: str, en: str) -> str:
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert vi in lines[0] and en in lines[0], lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    return lines[0]


def test_a_database_damaged_mid_file_is_refused_at_start(tmp_path):
    path = _server_database(tmp_path)
    _damage_pages(path, _pages_of(path, "units"))
    line = _one_line(_start(f"sqlite:///{path}", tmp_path / "server"), "bị hỏng", "is damaged")
    assert "eoffice restore" in line and str(path) in line


def test_a_database_with_a_damaged_header_is_refused_at_start(tmp_path):
    path = _server_database(tmp_path)
    with open(path, "r+b") as f:
        f.write(b"not a database header!" * 4)
    line = _one_line(_start(f"sqlite:///{path}", tmp_path / "server"), "bị hỏng", "is damaged")
    assert "eoffice restore" in line


def test_a_locked_database_is_refused_within_seconds(tmp_path):
    path = _server_database(tmp_path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program in the middle of a long write
    try:
        result = _start(f"sqlite:///{path}", tmp_path / "server")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    _one_line(result, "chương trình khác khóa", "locked by another program")


def test_an_unreachable_postgresql_is_one_line(tmp_path):
    port = free_port()  # nobody listens there
    result = _start(f"postgresql+psycopg://postgres@127.0.0.1:{port}/eoffice", tmp_path / "server")
    _one_line(result, "Không mở được cơ sở dữ liệu", "Cannot open the database")


def test_a_sound_database_still_starts(tmp_path):
    """The check at start lets a whole database through (and the server serves it)."""
    from tests.sync.server_process import ServerProcess

    path = _server_database(tmp_path)
    server = ServerProcess(f"sqlite:///{path}", tmp_path / "server", tmp_path / "logs").start(timeout=START_TIMEOUT)
    try:
        assert httpx.get(f"{server.url}/api/v1/hello", timeout=10).status_code == 200
    finally:
        server.stop()
    server.assert_no_errors()


@pytest.fixture
def serving(sqlite_store: Store, tmp_path: Path):  # type: ignore[no-untyped-def]
    make_world(sqlite_store)
    give_passwords(sqlite_store, "chuyenvien")
    settings = ServerSettings(data_dir=tmp_path / "server")
    server = EmbeddedServer(sqlite_store, BlobStore(tmp_path / "server" / "blobs"), settings).start()
    try:
        yield server
    finally:
        server.stop()


def test_a_damaged_page_met_by_a_pull_is_a_503_with_a_message(serving, sqlite_store, caplog):
    api = f"{serving.url}/api/v1"
    with api_client(api) as c:
        tokens = c.post("/auth/login", json={"username": "chuyenvien", "password": PASSWORD}).json()
        assert c.get("/changes", params={"cursor": 0}, headers=bearer(tokens)).status_code == 200
    # The disk fails under the running server: its connections are renewed (as after any
    # restart of the pool) and meet the damaged pages on the next read.
    sqlite_store.dispose()
    path = Path(sqlite_store.engine.url.database)
    _damage_pages(path, _pages_of(path, "units", "organisations"))
    with caplog.at_level(logging.ERROR, logger="eoffice.server"), api_client(api) as c:
        pulled = c.get("/changes", params={"cursor": 0}, headers=bearer(tokens))
        hello = c.get("/hello")
    assert pulled.status_code == 503
    body = pulled.json()
    assert body["error"] == "database_damaged"
    assert "bị hỏng" in body["message"] and "sao lưu" in body["message"]
    assert "damaged" in body["message_en"] and "backup" in body["message_en"]
    assert int(pulled.headers["Retry-After"]) > 0
    assert hello.status_code == 200  # the server itself stays up
    assert any(r.levelno == logging.ERROR and "database_damaged" in r.getMessage() for r in caplog.records)
