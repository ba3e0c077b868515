"""The status bar's sync area: online or not, syncing (with the first sync's progress),
what waits to be sent (a button: the list), what the server refused, and the notifications bell.

It reads ``SyncEngine.status()`` (two indexed counts on the local database) on a timer and
when the engine reports a round, through the window's task runner: never on the GUI
thread, and never waiting on the network.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from eoffice.sync.engine import SyncEngine, SyncStatus
from eoffice.ui.tasks import DbWorker

POLL_MS = 1000


class SyncStatusArea(QWidget):
    """One line in the status bar; buttons open the rejections, the notifications and
    the sign-in when the server asks for it."""

    rejected_clicked = Signal()
    pending_clicked = Signal()
    notifications_clicked = Signal()
    sign_in_clicked = Signal()
    #: A fresh status is on screen (SyncStatus): an open list of what waits follows it.
    status_shown = Signal(object)

    def __init__(self, engine: SyncEngine, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.worker = worker
        self.status: SyncStatus | None = None
        self._reading = False  # a read is on its way: a tick meanwhile asks again after it
        self._again = False
        self.live_online = False
        self.dot = QLabel(self)
        self.state = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(110)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.downloads = QLabel(self)
        self.downloads.setObjectName("downloadProgress")
        self.downloads.hide()
        self.pending = QToolButton(self)
        self.pending.setAutoRaise(True)
        self.pending.setCursor(Qt.PointingHandCursor)
        self.pending.setToolTip(self.tr("Show what waits to be sent"))
        self.pending.clicked.connect(self.pending_clicked)
        self.pending.hide()
        self.rejected = QToolButton(self)
        self.rejected.setAutoRaise(True)
        self.rejected.setStyleSheet("QToolButton { color: #b71c1c; font-weight: bold; }")
        self.rejected.clicked.connect(self.rejected_clicked)
        self.rejected.hide()
        self.sign_in = QToolButton(self)
        self.sign_in.setText(self.tr("Sign in…"))
        self.sign_in.clicked.connect(self.sign_in_clicked)
        self.sign_in.hide()
        self.bell = QToolButton(self)
        self.bell.setAutoRaise(True)
        self.bell.clicked.connect(self.notifications_clicked)
        self.set_unread(0)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for widget in (self.dot, self.state, self.progress, self.downloads, self.pending, self.rejected,
                       self.sign_in, self.bell):
            layout.addWidget(widget)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def set_unread(self, count: int) -> None:
        self.bell.setText(
            self.tr("Notifications (%1)").replace("%1", str(count)) if count else self.tr("Notifications")
        )
        font = self.bell.font()
        font.setBold(bool(count))
        self.bell.setFont(font)

    def set_live(self, online: bool) -> None:
        self.live_online = online
        self.refresh()

    def refresh(self) -> None:
        """Read the engine's state (off the GUI thread) and show it when it comes."""
        if self._reading:
            self._again = True
            return
        self._reading = True
        self.worker.look("sync_status", self.engine.status, self._read, self._unread)

    def _read(self, status: SyncStatus) -> None:
        self._reading = False
        self.show_status(status)
        if self._again:
            self._again = False
            self.refresh()

    def _unread(self, _error: BaseException) -> bool:
        self._reading = self._again = False
        return True  # logged by the runner; the next tick tries again (no dialog each second)

    def show_status(self, status: SyncStatus) -> None:
        self.status = status
        if not status.signed_in:
            colour, text = "#f9a825", self.tr("Signed out: sign in to sync")
        elif status.syncing and status.first_sync:
            colour = "#1a73e8"
            text = self.tr("First sync: %1 rows").replace("%1", f"{status.rows:,}".replace(",", "."))
        elif status.syncing:
            colour, text = "#1a73e8", self.tr("Syncing…")
        elif status.online is None:
            colour, text = "#9aa0a6", self.tr("Connecting…")
        elif status.online:
            colour, text = "#188038", self.tr("Online")
        else:
            colour, text = "#9aa0a6", self.tr("Offline — working on this computer")
        self.dot.setText("●")
        self.dot.setStyleSheet(f"color: {colour};")
        self.state.setText(text)
        tip = status.last_error or ""
        if status.last_sync_at is not None:
            when = status.last_sync_at.astimezone().strftime("%H:%M:%S %d/%m/%Y")
            tip = (tip + "\n" if tip else "") + self.tr("Last synced at %1").replace("%1", when)
        self.state.setToolTip(tip)
        self.dot.setToolTip(tip)
        self.progress.setVisible(status.syncing and status.first_sync)
        downloading = 0 < status.downloads_total and status.downloads_done < status.downloads_total
        self.downloads.setText(
            self.tr("Downloading files: %1/%2").replace("%1", str(status.downloads_done))
            .replace("%2", str(status.downloads_total)) if downloading else ""
        )
        self.downloads.setVisible(downloading)
        self.pending.setText(
            self.tr("%1 waiting to be sent").replace("%1", str(status.pending)) if status.pending else ""
        )
        self.pending.setVisible(bool(status.pending))
        count = len(status.rejected)
        self.rejected.setText(self.tr("%1 refused by the server").replace("%1", str(count)))
        self.rejected.setVisible(bool(count))
        self.sign_in.setVisible(not status.signed_in)
        self.setToolTip("")
        self.state.setAlignment(Qt.AlignVCenter | Qt.AlignLeft)
        self.status_shown.emit(status)
