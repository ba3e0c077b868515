"""``eoffice backup`` of a running server and ``eoffice restore`` into an empty database and
folder: the restored server serves the same rows and the same files (SQLite, PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eoffice.cli import main as eoffice_main
from eoffice.server.embedded import EmbeddedServer
from eoffice.server.process import open_server
from tests.conftest import _pg_database
from tests.server.conftest import api_client, bearer
from tests.sync.http_support import Province
from tests.sync.test_http_sync import _register


def _pull_all(api: str, tokens: dict) -> list[dict]:  # type: ignore[type-arg]
    """Every page of a pull from cursor 0, as the server sends them."""
    pages = []
    cursor = 0
    with api_client(api, headers=bearer(tokens)) as c:
        while True:
            response = c.get("/changes", params={"cursor": cursor, "limit": 50})
            assert response.status_code == 200, response.text
            page = response.json()
            pages.append(page)
            cursor = page["next_cursor"]
            if not page["more"]:
                return pages


def _digests(pages: list[dict]) -> set[str]:  # type: ignore[type-arg]
    return {f["digest"] for page in pages for doc in page["rows"].get("documents", []) for f in doc["files"]}


@pytest.fixture
def empty_database(province: Province, tmp_path: Path):  # type: ignore[no-untyped-def]
    """An empty database of the province's kind to restore into."""
    if province.store.is_sqlite:
        yield f"sqlite:///{tmp_path / 'restored' / 'server.sqlite3'}"
        return
    gen = _pg_database()
    try:
        yield next(gen)
    finally:
        gen.close()


def test_a_restored_server_serves_the_same_rows_and_files(province, pdf_factory, empty_database, tmp_path, capsys):
    clerk = province.device("vanthu", province.world.clerk_id)
    clerk.engine.sync_once()
    for n in range(3):
        _register(clerk, pdf_factory(f"Công văn số {n}"), f"Công văn số {n}")
    clerk.engine.sync_once()
    api = f"{province.url}/api/v1"
    with api_client(api) as c:
        tokens = c.post("/auth/login", json={"username": "vanthu", "password": "mat-khau-1234"}).json()
    before = _pull_all(api, tokens)
    digests = _digests(before)
    assert len(digests) == 3

    # Online: the server keeps running while it is copied.
    backup = tmp_path / "sao-luu"
    data_dir = province.settings.data_dir
    assert eoffice_main(["backup", "--database-url", province.store.url, "--data-dir", str(data_dir), str(backup)]) == 0
    manifest = json.loads((backup / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["blobs"] == 3 and manifest["database"] == ("sqlite" if province.store.is_sqlite else "postgresql")
    # Work after the backup is not in it.
    _register(clerk, pdf_factory("Sau sao lưu"), "Sau sao lưu")
    clerk.engine.sync_once()

    restored_dir = tmp_path / "restored-server"
    restore = ["restore", "--database-url", empty_database, "--data-dir", str(restored_dir), str(backup)]
    assert eoffice_main(restore) == 0
    store, blobs, settings = open_server(empty_database, restored_dir)
    server = EmbeddedServer(store, blobs, settings).start()
    try:
        restored_api = f"{server.url}/api/v1"
        # The token key came along: sign-ins made before the backup still work.
        assert _pull_all(restored_api, tokens) == before
        with api_client(restored_api, headers=bearer(tokens)) as restored, \
                api_client(api, headers=bearer(tokens)) as original:
            for digest in digests:
                copy = restored.get(f"/blobs/{digest}")
                assert copy.status_code == 200
                assert copy.content == original.get(f"/blobs/{digest}").content
        # The audit chain came along whole.
        assert eoffice_main(["--database-url", empty_database, "audit-verify"]) == 0
    finally:
        server.stop()
        store.dispose()

    # Restoring never overwrites: a database or folder already in use is refused in one line.
    capsys.readouterr()
    restore = ["restore", "--database-url", empty_database, "--data-dir", str(restored_dir), str(backup)]
    assert eoffice_main(restore) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "khôi phục" in err and "restore" in err


def test_a_backup_goes_only_into_a_new_folder_and_a_restore_needs_a_whole_backup(province, tmp_path, capsys):
    used = tmp_path / "used"
    used.mkdir()
    (used / "something").write_text("x")
    data_dir = str(province.settings.data_dir)
    assert eoffice_main(["backup", "--database-url", province.store.url, "--data-dir", data_dir, str(used)]) == 1
    assert "không trống" in capsys.readouterr().err
    half = tmp_path / "half"
    half.mkdir()  # a backup that stopped before its manifest was written
    target = tmp_path / "restored"
    assert eoffice_main(
        ["restore", "--database-url", f"sqlite:///{target / 'x.sqlite3'}", "--data-dir", str(target), str(half)]
    ) == 1
    assert "manifest.json" in capsys.readouterr().err
    assert not (target / "x.sqlite3").exists()


def test_restored_files_are_checked_against_their_digests(province, pdf_factory, empty_database, tmp_path, capsys):
    clerk = province.device("vanthu", province.world.clerk_id)
    clerk.engine.sync_once()
    _register(clerk, pdf_factory("Một văn bản"), "Một văn bản")
    clerk.engine.sync_once()
    backup = tmp_path / "sao-luu"
    data_dir = str(province.settings.data_dir)
    assert eoffice_main(["backup", "--database-url", province.store.url, "--data-dir", data_dir, str(backup)]) == 0
    [stored] = [p for p in (backup / "blobs").rglob("*") if p.is_file()]
    stored.write_bytes(stored.read_bytes()[:-10] + b"hong-mat-!")  # the backup disk fails
    capsys.readouterr()
    target = tmp_path / "restored"
    assert eoffice_main(["restore", "--database-url", empty_database, "--data-dir", str(target), str(backup)]) == 1
    assert stored.parent.name + stored.name in capsys.readouterr().err
