"""Starting the desktop client: the application object, its language, the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from eoffice.heap import freeze_startup_heap
from eoffice.store import Store
from eoffice.store.blobs import BlobStore
from eoffice.ui.i18n import install_translator
from eoffice.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def application(language: str = "vi") -> QApplication:
    """The running QApplication (made if needed) with the UI translation installed."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("eoffice")
        QCoreApplication.setApplicationName("eOffice")
        app = QApplication(sys.argv[:1])
        font = app.font()
        if font.family() in ("", "Sans Serif"):
            app.setFont(QFont("DejaVu Sans", 10))
    install_translator(app, language)
    return app  # type: ignore[return-value]


def create_main_window(
    store: Store,
    blobs: BlobStore,
    user_id: str,
    demo_users: list[tuple[str, str]] | None = None,
) -> MainWindow:
    """The main window for ``user_id`` (not shown); needs a QApplication."""
    return MainWindow(store, blobs, user_id, demo_users)


def run_app(
    store: Store,
    blobs: BlobStore,
    user_id: str,
    *,
    demo_users: list[tuple[str, str]] | None = None,
    language: str = "vi",
) -> int:
    """Show the main window and run the event loop until it closes; returns the exit code."""
    app = application(language)
    window = create_main_window(store, blobs, user_id, demo_users)
    window.show()
    QTimer.singleShot(0, freeze_startup_heap)  # once the window is up
    return app.exec()


def run_desktop(
    *,
    server_url: str = "",
    username: str = "",
    password: str | None = None,
    profile_for: Any = None,
    demo_people: list[tuple[str, str, str]] | None = None,
    verify: bool | str | Path = True,
    language: str = "vi",
    locate: Any = None,
) -> int:
    """The synced desktop: sign in (or open offline), first sync, the window; until it closes."""
    from eoffice.ui.session import Desktop

    app = application(language)
    desktop = Desktop(
        server_url=server_url, username=username, password=password, profile_for=profile_for,
        demo_people=demo_people, verify=verify, locate=locate,
    )
    desktop.finished.connect(app.exit)
    desktop.start()
    QTimer.singleShot(0, freeze_startup_heap)  # once the event loop runs
    try:
        return app.exec()
    finally:
        desktop.shutdown()
