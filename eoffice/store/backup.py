"""Online backup of a database and its attachments to a folder, and restoring one.

A backup folder holds ``manifest.json``, the database (``database.sqlite3``, made with
SQLite's online backup API, or ``database.dump``, PostgreSQL's ``pg_dump`` custom
format), the attachments under ``blobs/`` by digest, and any extra files named by the
caller (the server's token key). Both databases are copied as one consistent snapshot
while the server keeps working: SQLite's backup reads inside one read transaction (the
WAL lets writers go on); ``pg_dump`` runs in one repeatable-read transaction.

PostgreSQL goes through ``pg_dump``/``pg_restore`` rather than a copy of the rows by
SQLAlchemy: they carry the schema exactly (types, indexes, constraints, the Alembic
revision) and need no knowledge of the tables. The database is copied before the
attachments, and an attachment is stored before any row names it, so every file the
copied rows need is in the copy.

Restoring wants an empty database (an absent SQLite file, or a PostgreSQL database
without tables: create it first) and a folder without attachments, so that nothing is
ever overwritten; each attachment is checked against its digest on the way in and out.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

import eoffice
from eoffice.errors import DomainError
from eoffice.store.blobs import CHUNK

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
BLOBS = "blobs"


class BackupError(DomainError):
    """A backup or a restore that cannot be done as asked; nothing was overwritten."""

    def line(self) -> str:
        return f"{self.message_vi} / {self.message_en}"


@dataclass
class BackupReport:
    folder: Path
    dialect: str
    blobs: int = 0
    blob_bytes: int = 0
    damaged: list[str] = field(default_factory=list)  # digests whose content no longer matches


def _is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("Cần một tệp cơ sở dữ liệu SQLite.", "A SQLite database file is needed.")
    return Path(database)


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq address for pg_dump/pg_restore, and the environment carrying the password
    (kept off the command line, which every user of the machine can read)."""
    parsed: URL = make_url(url)
    env = dict(os.environ)
    if parsed.password is not None:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"Không tìm thấy {name}; hãy cài gói postgresql-client (cùng phiên bản với máy chủ PostgreSQL trở lên).",
            f"{name} was not found; install postgresql-client (the PostgreSQL server's version or newer).",
        )
    return found


def _run(command: list[str], env: dict[str, str], what_vi: str, what_en: str) -> None:
    result = subprocess.run(command, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if result.returncode != 0:
        detail = next((line for line in result.stderr.splitlines() if line.strip()), f"exit {result.returncode}")
        raise BackupError(f"{what_vi} không thành công: {detail}", f"{what_en} failed: {detail}")


def _blob_files(root: Path) -> Iterator[tuple[str, Path]]:
    """Every stored attachment as (digest, path), skipping files still being written."""
    if not root.is_dir():
        return
    for prefix in sorted(root.iterdir()):
        if not prefix.is_dir() or len(prefix.name) != 2:
            continue
        for path in sorted(prefix.iterdir()):
            if path.is_file() and not path.name.startswith("."):
                yield prefix.name + path.name, path


def _copy_checked(source: Path, target: Path) -> tuple[bool, int]:
    """Copy a content-addressed file; whether its content still matches its name, and its size."""
    hasher = hashlib.sha256()
    size = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    with open(source, "rb") as src, open(partial, "wb") as out:
        while chunk := src.read(CHUNK):
            hasher.update(chunk)
            out.write(chunk)
            size += len(chunk)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, target)
    return hasher.hexdigest() == source.parent.name + source.name, size


def backup(
    url: str, blob_root: Path, folder: Path, *, extra_files: tuple[Path, ...] = (),
    progress: Callable[[str], None] = lambda _: None,
) -> BackupReport:
    """Copy the database at ``url`` and the attachments under ``blob_root`` into
    ``folder`` (absent or empty), while the server keeps running."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(
            f"Thư mục {folder} không trống; hãy chọn một thư mục mới cho bản sao lưu.",
            f"{folder} is not empty; choose a new folder for the backup.",
        )
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # it holds password hashes and the token key
    report = BackupReport(folder, "sqlite" if _is_sqlite(url) else "postgresql")
    progress("database")
    if report.dialect == "sqlite":
        source_path = _sqlite_path(url)
        if not source_path.exists():
            raise BackupError(f"Không có tệp {source_path}.", f"{source_path} does not exist.")
        source = sqlite3.connect(source_path, timeout=60)
        target = sqlite3.connect(folder / SQLITE_FILE)
        try:
            source.execute("PRAGMA query_only = ON")
            source.backup(target)  # all pages in one step: one consistent snapshot
            target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            check = target.execute("PRAGMA quick_check").fetchall()
        finally:
            target.close()
            source.close()
        if check != [("ok",)]:
            raise BackupError(
                f"Bản sao cơ sở dữ liệu không toàn vẹn ({check[0][0]}); cơ sở dữ liệu gốc có thể đã hỏng.",
                f"The copy of the database is not whole ({check[0][0]}); the database itself may be damaged.",
            )
    else:
        address, env = _libpq(url)
        _run(
            [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(folder / PG_FILE),
             "--dbname", address],
            env, "Sao lưu bằng pg_dump", "pg_dump",
        )
    progress("blobs")
    for digest, path in _blob_files(Path(blob_root)):
        whole, size = _copy_checked(path, folder / BLOBS / digest[:2] / digest[2:])
        report.blobs += 1
        report.blob_bytes += size
        if not whole:
            report.damaged.append(digest)
    for extra in extra_files:
        if extra.exists():
            shutil.copy2(extra, folder / extra.name)
    manifest = {
        "format": FORMAT,
        "made_at": datetime.now(timezone.utc).isoformat(),
        "eoffice": eoffice.__version__,
        "database": report.dialect,
        "file": SQLITE_FILE if report.dialect == "sqlite" else PG_FILE,
        "blobs": report.blobs,
        "blob_bytes": report.blob_bytes,
        "damaged_blobs": report.damaged,
        "extra_files": [extra.name for extra in extra_files if extra.exists()],
    }
    # Written last: a folder without a manifest is a backup that did not finish.
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return report


def _read_manifest(folder: Path) -> dict[str, object]:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupError(
            f"{folder} không phải một bản sao lưu hoàn chỉnh của eoffice (thiếu {MANIFEST}).",
            f"{folder} is not a complete eoffice backup (no readable {MANIFEST}).",
        ) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"Bản sao lưu dùng định dạng {manifest.get('format')}, phiên bản eoffice này đọc định dạng {FORMAT}.",
            f"The backup's format is {manifest.get('format')}; this eoffice reads format {FORMAT}.",
        )
    return manifest  # type: ignore[no-any-return]


def _require_empty_database(url: str) -> None:
    if _is_sqlite(url):
        path = _sqlite_path(url)
        if path.exists() and path.stat().st_size > 0:
            raise BackupError(
                f"Đã có tệp cơ sở dữ liệu {path}; chỉ khôi phục vào một tệp chưa có.",
                f"{path} already exists; restore only into a new file.",
            )
        return
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            tables = inspect(conn).get_table_names()
    finally:
        engine.dispose()
    if tables:
        raise BackupError(
            f"Cơ sở dữ liệu {make_url(url).database} đã có bảng; chỉ khôi phục vào một cơ sở dữ liệu trống.",
            f"The database {make_url(url).database} has tables; restore only into an empty database.",
        )


def restore(
    folder: Path, url: str, blob_root: Path, *, extra_dir: Path | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> BackupReport:
    """Put a backup made by ``backup`` into an empty database and an empty blob folder;
    the extra files go to ``extra_dir`` where none of the same name is."""
    folder = Path(folder)
    manifest = _read_manifest(folder)
    dialect = "sqlite" if _is_sqlite(url) else "postgresql"
    if manifest["database"] != dialect:
        raise BackupError(
            f"Bản sao lưu là của {manifest['database']}, không khôi phục vào {dialect} được.",
            f"The backup is of a {manifest['database']} database; it cannot be restored into {dialect}.",
        )
    blob_root = Path(blob_root)
    if any(True for _ in _blob_files(blob_root)):
        raise BackupError(
            f"Thư mục tệp đính kèm {blob_root} không trống; chỉ khôi phục vào một thư mục trống.",
            f"The attachments folder {blob_root} is not empty; restore only into an empty one.",
        )
    _require_empty_database(url)
    report = BackupReport(folder, dialect)
    progress("database")
    if dialect == "sqlite":
        path = _sqlite_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(folder / SQLITE_FILE)
        target = sqlite3.connect(path)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=WAL")
        finally:
            target.close()
            source.close()
    else:
        address, env = _libpq(url)
        _run(
            [_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
             "--dbname", address, str(folder / PG_FILE)],
            env, "Khôi phục bằng pg_restore", "pg_restore",
        )
    progress("blobs")
    for digest, path in _blob_files(folder / BLOBS):
        whole, size = _copy_checked(path, blob_root / digest[:2] / digest[2:])
        report.blobs += 1
        report.blob_bytes += size
        if not whole:
            report.damaged.append(digest)
    if extra_dir is not None:
        extra = manifest.get("extra_files", [])
        for name in extra if isinstance(extra, list) else []:
            target_file = Path(extra_dir) / str(name)
            if not target_file.exists():
                target_file.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(folder / str(name), target_file)
    return report
