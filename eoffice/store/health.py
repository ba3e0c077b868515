"""Whether a database can be used: damaged, locked by another program, or out of reach.

Each kind of trouble is a DomainError whose message fits on one line, Vietnamese and
English, and says what to do: a command prints it and exits non-zero, the server answers
503 with it. ``database_problem`` recognises the trouble in an exception from SQLAlchemy,
sqlite3 or psycopg; ``check_database`` looks for it before a server starts, within
seconds (SQLite's ``PRAGMA quick_check`` reads every page of the file).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from sqlalchemy.engine import make_url

from eoffice.errors import DomainError

#: How long a start waits for a lock another program holds before saying so.
LOCK_TIMEOUT = 5.0

# sqlite3's primary result codes (the low byte of ``sqlite_errorcode``).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_CORRUPT, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 5, 6, 11, 14, 26


def _named(where: str) -> str:
    return f" {where}" if where else ""


class DatabaseProblem(DomainError):
    """The database cannot be used as it is; the message says what to do."""

    code = "database_problem"

    def line(self) -> str:
        """Both languages on one line, for a terminal or a log."""
        return f"{self.message_vi} / {self.message_en}"


class DatabaseDamaged(DatabaseProblem):
    code = "database_damaged"

    def __init__(self, where: str, detail: str) -> None:
        super().__init__(
            f"Cơ sở dữ liệu{_named(where)} bị hỏng ({detail}); hãy khôi phục bản sao lưu gần nhất "
            "(eoffice restore) rồi chạy lại.",
            f"The database{_named(where)} is damaged ({detail}); restore the latest backup (eoffice restore) "
            "and start again.",
        )


class DatabaseLocked(DatabaseProblem):
    code = "database_locked"

    def __init__(self, where: str) -> None:
        super().__init__(
            f"Cơ sở dữ liệu{_named(where)} đang bị một chương trình khác khóa; hãy đóng chương trình đó rồi chạy lại.",
            f"The database{_named(where)} is locked by another program; close that program and try again.",
        )


class DatabaseUnreachable(DatabaseProblem):
    code = "database_unreachable"

    def __init__(self, where: str, detail: str) -> None:
        super().__init__(
            f"Không mở được cơ sở dữ liệu{_named(where)} ({detail}); hãy kiểm tra địa chỉ và máy chủ cơ sở dữ liệu.",
            f"Cannot open the database{_named(where)} ({detail}); check its address and that its server runs.",
        )


def describe(url: str) -> str:
    """The database as a person names it: the file, or host/name (never the password)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return f"{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database or ''}"


def _first_line(text: object, limit: int = 160) -> str:
    line = next((part.strip() for part in str(text).splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def database_problem(error: BaseException, url: str = "") -> DatabaseProblem | None:
    """The trouble ``error`` (or the DBAPI error it wraps) means, or None for anything else."""
    where = describe(url) if url else ""
    if isinstance(error, DatabaseProblem):
        return error
    orig = getattr(error, "orig", None) or error
    if isinstance(orig, sqlite3.Error):
        code = (getattr(orig, "sqlite_errorcode", 0) or 0) & 0xFF
        text = str(orig).lower()
        if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in text or "not a database" in text:
            return DatabaseDamaged(where, _first_line(orig))
        if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in text:
            return DatabaseLocked(where)
        if code == _SQLITE_CANTOPEN or "unable to open" in text:
            return DatabaseUnreachable(where, _first_line(orig))
        return None
    sqlstate = getattr(orig, "sqlstate", None)
    if isinstance(sqlstate, str):
        if sqlstate.startswith("XX00"):  # data_corrupted, index_corrupted
            return DatabaseDamaged(where, _first_line(orig))
        if sqlstate == "55P03":  # lock_not_available
            return DatabaseLocked(where)
        if sqlstate.startswith("08") or sqlstate in ("3D000", "28000", "28P01"):  # connection, no database, auth
            return DatabaseUnreachable(where, _first_line(orig))
        return None
    module = type(orig).__module__
    if module.startswith("psycopg") and type(orig).__name__ == "OperationalError":
        return DatabaseUnreachable(where, _first_line(orig))  # refused before any SQLSTATE
    return None


def check_database(url: str, *, integrity: bool = True, timeout: float = LOCK_TIMEOUT) -> None:
    """Raise a DatabaseProblem unless the database opens, is whole, and can be written.

    SQLite: ``PRAGMA quick_check`` (every page of the file, without the slower index
    cross-checks of ``integrity_check``) unless ``integrity`` is False, then a write lock
    taken and given back, waiting ``timeout`` seconds at most for another program's.
    A file not yet created is fine. PostgreSQL: a connection and a query within
    ``timeout`` (its pages carry checksums only where the cluster was made with them).
    """
    where = describe(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database
        if not path or path == ":memory:" or not Path(path).exists():
            return
        try:
            con = sqlite3.connect(f"file:{quote(path)}?mode=rw", uri=True, timeout=timeout, isolation_level=None)
        except sqlite3.Error as error:
            raise database_problem(error, url) or DatabaseUnreachable(where, _first_line(error)) from None
        try:
            if integrity:
                rows = con.execute("PRAGMA quick_check").fetchall()
                if rows != [("ok",)]:
                    raise DatabaseDamaged(where, _first_line(rows[0][0] if rows else "quick_check"))
            con.execute("BEGIN IMMEDIATE")
            con.execute("ROLLBACK")
        except sqlite3.Error as error:
            raise database_problem(error, url) or DatabaseDamaged(where, _first_line(error)) from None
        finally:
            con.close()
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.pool import NullPool

    engine = create_engine(url, connect_args={"connect_timeout": max(1, int(timeout))}, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except DBAPIError as error:
        raise database_problem(error, url) or DatabaseUnreachable(where, _first_line(error.orig)) from None
    finally:
        engine.dispose()
