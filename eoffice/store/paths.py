"""Where eoffice keeps its files on this machine."""

from __future__ import annotations

import os
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
