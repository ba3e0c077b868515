"""Opening a server's database, attachments and settings from a URL and a folder.

Used by ``eoffice server`` and the admin commands, and by every uvicorn worker process
(``app_from_environment``), which learn where to look from the environment.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from fastapi import FastAPI

from eoffice.server.settings import ServerSettings
from eoffice.store import Store
from eoffice.store.blobs import BlobStore
from eoffice.store.paths import data_dir as user_data_dir

ENV_DATABASE_URL = "EOFFICE_SERVER_DATABASE_URL"
ENV_DATA_DIR = "EOFFICE_SERVER_DATA_DIR"
#: ``eoffice server --upload-grace-days``, for its worker processes.
ENV_UPLOAD_GRACE_DAYS = "EOFFICE_SERVER_UPLOAD_GRACE_DAYS"


def server_data_dir(given: str | Path | None) -> Path:
    path = Path(given) if given else user_data_dir() / "server"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_server_database_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'server.sqlite3'}"


def open_server(
    database_url: str | None, data_dir: str | Path | None, *, migrate: bool = True
) -> tuple[Store, BlobStore, ServerSettings]:
    """The server's store (migrated unless told not to, versioned: the admin commands'
    rows carry server versions as the server's own do), attachments and settings."""
    from eoffice.sync.versioning import install_versioning

    folder = server_data_dir(data_dir)
    store = Store(database_url or default_server_database_url(folder))
    if migrate:
        store.migrate()
    install_versioning(store)
    settings = ServerSettings(data_dir=folder)
    grace = os.environ.get(ENV_UPLOAD_GRACE_DAYS)
    if grace:
        settings.upload_grace = timedelta(days=float(grace))
    return store, BlobStore(folder / "blobs"), settings


def app_from_environment() -> FastAPI:
    """The app of one uvicorn worker; the parent process already ran the migrations."""
    from eoffice.heap import freeze_startup_heap
    from eoffice.server.app import create_app

    store, blobs, settings = open_server(os.environ.get(ENV_DATABASE_URL), os.environ.get(ENV_DATA_DIR), migrate=False)
    app = create_app(store, blobs, settings)
    freeze_startup_heap()
    return app
