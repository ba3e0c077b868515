"""Where eoffice keeps its files on this machine."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    """The user's data dir; ``EOFFICE_DATA_DIR`` overrides it (tests, demos, portable use)."""
    override = os.environ.get("EOFFICE_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir("eoffice", "eoffice"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_url(base: Path | None = None) -> str:
    return f"sqlite:///{(base or data_dir()) / 'eoffice.sqlite3'}"


def create_private_once(path: Path, make: Callable[[], bytes]) -> bytes:
    """The bytes of ``path``, made by ``make`` and written readable by its owner only when
    the file does not exist yet (a server's key or secret).

    Written whole under a temporary name, then linked into place: a process starting at
    the same moment sees no file or the whole one, and both end up with the same bytes.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)  # mode 0600
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(make())
                out.flush()
                os.fsync(out.fileno())
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass
        finally:
            os.unlink(tmp)
    return path.read_bytes()
