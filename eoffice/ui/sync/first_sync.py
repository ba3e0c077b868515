"""The first sync of a new computer: the window opens once the user's own records are here.

Runs ``Account.sync_until_ready`` on a background thread and shows how many rows arrived.
Cancelling stops after the page being applied (every applied page is kept: the next start
resumes where this one stopped).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from eoffice.errors import DomainError
from eoffice.sync.account import Account
from eoffice.sync.engine import SyncStatus
from eoffice.ui.i18n import current_language
from eoffice.ui.tasks import Task, TaskRunner


class FirstSyncDialog(QDialog):
    """``ready()`` once the window can open; ``failed(error)`` otherwise."""

    ready = Signal()
    failed = Signal(object)

    def __init__(self, account: Account, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self.setWindowTitle(self.tr("Getting your documents"))
        self.setMinimumWidth(440)
        self.text = QLabel(self.tr("Downloading your documents from the server for the first time…"), self)
        self.text.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.count = QLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.bar)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        self._background = TaskRunner(self)
        self.task: Task | None = None
        self.error: BaseException | None = None

    def start(self) -> None:
        account = self.account
        self.task = self._background.start(
            "first sync", lambda task: account.sync_until_ready(task.progress, lambda: task.cancelled),
            self._done, self._failed, self._show,
        )

    def _show(self, status: SyncStatus) -> None:
        if status.rows:
            self.count.setText(self.tr("%1 rows received").replace("%1", f"{status.rows:,}".replace(",", ".")))

    def _done(self, _result: object) -> None:
        if self.task is not None and self.task.cancelled:
            super().reject()
            return
        self.accept()
        self.ready.emit()

    def _failed(self, error: BaseException) -> bool:
        self.error = error
        text = error.message(current_language()) if isinstance(error, DomainError) else str(error)
        self.text.setText(text)
        self.bar.hide()
        self.hide()  # not reject(): that means "cancelled", and the app would end silently
        self.failed.emit(error)
        return True

    def reject(self) -> None:
        """Cancel: stop after the current page (the window does not open)."""
        if self.task is not None:
            self.task.cancel()
        self.buttons.setEnabled(False)
        self.text.setText(self.tr("Stopping after the current page…"))
