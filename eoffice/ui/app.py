"""Starting the desktop client: the application object, its language, the main window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from eoffice.heap import freeze_startup_heap
from eoffice.startup import prepare
from eoffice.store import Store
from eoffice.store.blobs import BlobStore
from eoffice.ui.i18n import current_language, install_translator
from eoffice.ui.main_window import MainWindow
from eoffice.ui.sections import section_classes

log = logging.getLogger(__name__)


def prepare_desktop() -> None:
    """Every section's code loaded, then ``eoffice.startup.prepare``: the window's code
    is frozen with the rest, out of the collector's full passes (``startup`` says why)."""
    section_classes()
    prepare()


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


Progress = Callable[[int, int, str], None]
T = TypeVar("T")


class StartupProgress(QProgressDialog):
    """The window a starting demo shows at once: which step runs, the documents counted.

    The first start seeds the demo province (about a minute): without it the user sees
    nothing but a terminal line.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("eOffice — starting"))
        self.setCancelButton(None)  # a half-seeded database is worse than waiting
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(460)
        self.setRange(0, 0)
        self.setWindowFlag(Qt.WindowCloseButtonHint, False)
        self.first_time = False
        self.setLabelText(self.tr("Starting eOffice…"))

    def step(self, done: int, total: int, what: str) -> None:
        """One report from the preparing job (on the GUI thread)."""
        if what in ("people", "documents"):
            self.first_time = True
        texts = {
            "database": self.tr("Opening the demo database…"),
            "people": self.tr("Creating the province: organisations, units and people…"),
            "documents": self.tr("Creating demo documents: %1 of %2"),
            "diaries": self.tr("Writing the demo work diaries…"),
            "cards": self.tr("Issuing the demo e-cards…"),
            "server": self.tr("Starting the demo server…"),
            "connect": self.tr("Connecting to the demo server of the other eOffice window…"),
        }
        grouping = "," if current_language() == "en" else "."  # 1.200 in Vietnamese, 1,200 in English
        text = texts.get(what, what).replace("%1", f"{done:,}".replace(",", grouping)).replace(
            "%2", f"{total:,}".replace(",", grouping)
        )
        if self.first_time:
            text = self.tr("The first start creates the demo data (about a minute).") + "\n\n" + text
        self.setLabelText(text)
        if total:
            self.setRange(0, total)
            self.setValue(done)
        else:
            self.setRange(0, 0)

    def closeEvent(self, event: Any) -> None:
        event.ignore()  # the preparing job ends it; there is nothing to cancel safely

    def reject(self) -> None:
        """Escape does not hide it either: the desktop opens when the job is done."""


def prepare_with_progress(work: Callable[[Progress], T]) -> T:
    """Run ``work(progress)`` on a worker thread behind a progress window shown at once.

    Returns its result, or raises what it raised, once it is done; the window closes then
    (the caller opens the desktop). Needs the QApplication (``application()``).
    """
    from eoffice.ui.tasks import Task, TaskRunner

    dialog = StartupProgress()
    dialog.show()
    runner = TaskRunner(threads=1)
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def job(task: Task) -> T:
        return work(lambda done, total, what: task.progress((done, total, what)))

    def done(result: T) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(error: BaseException) -> bool:
        outcome["error"] = error
        loop.quit()
        return True

    runner.start("prepare", job, done, failed, lambda value: dialog.step(*value))
    loop.exec()
    runner.shutdown()
    dialog.hide()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return cast(T, outcome["result"])


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
    hosts_server: bool = False,
) -> int:
    """The synced desktop: sign in (or open offline), first sync, the window; until it closes."""
    from eoffice.ui.session import Desktop

    app = application(language)
    desktop = Desktop(
        server_url=server_url, username=username, password=password, profile_for=profile_for,
        demo_people=demo_people, verify=verify, locate=locate, hosts_server=hosts_server,
    )
    desktop.finished.connect(app.exit)
    desktop.start()
    QTimer.singleShot(0, freeze_startup_heap)  # once the event loop runs
    try:
        return app.exec()
    finally:
        desktop.shutdown()
