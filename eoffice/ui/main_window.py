"""The main window, a shell: sidebar, stacked area, menus, toolbar, status bar, sync UI.

It names no capability: the sections listed in ``eoffice.ui.sections`` bring their
sidebar entries, actions and screens (``eoffice.ui.section``). After an operation
applied here (``DbWorker.applied``), a sync round or F5, every section is told which
tables changed, and refreshes only what those touch.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from eoffice.errors import DomainError
from eoffice.ops.changes import EVERYTHING, NOTHING, Changes
from eoffice.store import Store
from eoffice.store.blobs import BlobStore
from eoffice.sync.account import Account
from eoffice.sync.desk import Desk
from eoffice.sync.engine import RoundReport
from eoffice.ui import labels
from eoffice.ui.directory import OrgDirectory, load_directory
from eoffice.ui.i18n import current_language
from eoffice.ui.section import Menu, Placed, Section
from eoffice.ui.sections import section_classes
from eoffice.ui.tasks import DbWorker, TaskRunner

log = logging.getLogger(__name__)

#: Item data naming the section a sidebar entry belongs to.
SECTION_ROLE = Qt.UserRole + 1


class MainWindow(QMainWindow):
    """One user's desk. In demo mode a switcher re-opens it as another user."""

    # Emitted after an operation applied through this window reached the sections (Changes).
    changed = Signal(object)
    # Emitted after a sync round brought something and the sections had its changes.
    synced = Signal(object)
    # Synced mode: the demo switcher asks to open another user's account (user id).
    switch_requested = Signal(str)
    # Synced mode: the server wants the password again.
    sign_in_requested = Signal()
    # The window was closed (after its workers stopped).
    closed = Signal()

    def __init__(
        self,
        store: Store,
        blobs: BlobStore,
        user_id: str,
        demo_users: list[tuple[str, str]] | None = None,
        *,
        today: date | None = None,
        account: Account | None = None,
    ) -> None:
        super().__init__()
        self.account = account
        self.store = store
        self.blobs = blobs
        self.user_id = user_id
        self.demo_users = demo_users or []
        self.today = today
        self.last_message = ""
        self.message_box: QMessageBox | None = None
        #: Said before the window closes (the demo's serving window: others go offline); "" closes at once.
        self.close_warning = ""
        self._close_confirmed = False
        #: The question open before switching users or closing (tests answer it).
        self.confirm_box: QMessageBox | None = None
        # Open what the sections produce (printed registers, reports) in the system's
        # reader (tests turn it off).
        self.open_printed = True

        # A standalone database is its own authority: its desk checks signed files itself.
        self.worker = DbWorker(store, self, desk=account.desk if account is not None else Desk(blobs))
        self.worker.domain_error.connect(self.show_domain_error)
        self.worker.program_error.connect(self.show_program_error)
        self.worker.busy_changed.connect(self._busy)
        self.worker.applied.connect(self._applied)
        #: Network work (sign-out, fetching files) off the GUI thread.
        self.network = TaskRunner(self, threads=2)
        self.directory: OrgDirectory = self._load_directory(user_id)

        self._build_frame()
        self.sections: list[Section] = []
        for cls in section_classes():  # in order: a section may use the ones before it
            self.sections.append(cls(self))
        self.current_section: Section | None = None
        self._build_actions()
        self._assemble()
        if account is not None:
            self._build_sync(account)
        self._apply_user()
        first = next((s for s in self.sections if s.widget is not None), None)
        if first is not None:
            self.show_section(first)
        self.setAcceptDrops(True)
        self._fit_screen()

    def _fit_screen(self) -> None:
        """1500×900 where the screen has room; on a smaller one (1366×768, the common
        government laptop) the whole available area, never beyond it."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1500, 900)
            return
        area = screen.availableGeometry()
        width, height = min(1500, area.width()), min(900, area.height())
        self.resize(width, height)
        self.move(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2)

    # -- construction -----------------------------------------------------------------

    def _load_directory(self, user_id: str) -> OrgDirectory:
        with self.store.read() as session:
            return load_directory(session, user_id)

    def _build_frame(self) -> None:
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("boxes")
        self.sidebar.setMinimumWidth(170)
        self.sidebar.setStyleSheet("QListWidget#boxes::item { padding: 5px 4px; }")
        self.sidebar.setIconSize(QSize(16, 16))
        self.sidebar.currentRowChanged.connect(self._sidebar_row_changed)
        self.stack = QStackedWidget(self)
        self.splitter = QSplitter(Qt.Horizontal, self)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([175, 1325])
        self.setCentralWidget(self.splitter)

        self.busy_label = QLabel(self)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.hide()
        self.user_label = QLabel(self)
        self.statusBar().addWidget(self.busy_label, 1)
        self.statusBar().addPermanentWidget(self.busy_bar)
        self.statusBar().addPermanentWidget(self.user_label)

    def _build_actions(self) -> None:
        """The shell's own actions: refresh (F5) and quit (Ctrl+Q)."""
        own = Section(self)  # a holder for the shell's placements, not a section
        self.act_refresh = own.action(self.tr("Refresh"), self.refresh, "F5", menu="view", at=20, toolbar=1000)
        own.separator("file", 900)
        self.act_quit = own.action(self.tr("Quit"), self.close, "Ctrl+Q", menu="file", at=1000)
        own.menus += [Menu("file", self.tr("&File"), 0), Menu("view", self.tr("&View"), 50)]
        self._own = own

    def _assemble(self) -> None:
        """Put the sections' screens, sidebar entries, menus and toolbar actions in place."""
        for section in self.sections:
            if section.widget is not None:
                self.stack.addWidget(section.widget)
            for item in section.sidebar:
                item.setData(SECTION_ROLE, section.name)
                self.sidebar.addItem(item)

        everyone = [*self.sections, self._own]
        titles: dict[str, Menu] = {}
        for section in everyone:  # a section's title for a menu wins over the shell's
            for menu in section.menus:
                titles.setdefault(menu.key, menu)
        placed: dict[str, list[Placed]] = {}
        for section in everyone:
            for item in section.placed:
                placed.setdefault(item.menu, []).append(item)
        self.menus: dict[str, QMenu] = {}
        for menu in sorted(titles.values(), key=lambda m: m.order):
            items = sorted(placed.get(menu.key, []), key=lambda p: p.at)
            if not items:
                continue
            qmenu = self.menuBar().addMenu(menu.title)
            for item in items:
                if item.action is None:
                    qmenu.addSeparator()
                else:
                    qmenu.addAction(item.action)
            self.menus[menu.key] = qmenu

        self.toolbar = self.addToolBar(self.tr("Main"))
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        for _at, action in sorted((p for s in everyone for p in s.toolbar), key=lambda p: p[0]):
            self.toolbar.addAction(action)
        self.user_switcher: QComboBox | None = None
        if self.demo_users:
            spacer = QWidget(self.toolbar)
            spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
            self.toolbar.addWidget(spacer)
            self.toolbar.addWidget(QLabel(self.tr("Demo user: "), self.toolbar))
            self.user_switcher = QComboBox(self.toolbar)
            self.user_switcher.setObjectName("userSwitcher")
            # The toolbar keeps 30 characters; the list shows each person in full.
            self.user_switcher.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            self.user_switcher.setMinimumContentsLength(30)
            for uid, caption in self.demo_users:
                self.user_switcher.addItem(caption, uid)
                self.user_switcher.setItemData(self.user_switcher.count() - 1, caption, Qt.ToolTipRole)
            self.user_switcher.view().setMinimumWidth(self.user_switcher.view().sizeHintForColumn(0) + 24)
            self.user_switcher.setCurrentIndex(max(0, self.user_switcher.findData(self.user_id)))
            self.user_switcher.currentIndexChanged.connect(
                lambda i: self.switch_user(self.user_switcher.itemData(i))  # type: ignore[union-attr]
            )
            self.toolbar.addWidget(self.user_switcher)

    # -- sections ---------------------------------------------------------------------

    def section(self, name: str) -> Any:
        """The section called ``name`` (``window.section("documents")``)."""
        return next(s for s in self.sections if s.name == name)

    def menu(self, key: str) -> QMenu:
        return self.menus[key]

    def show_section(self, section: Section, item: QListWidgetItem | None = None) -> None:
        """Bring a section's screen to the front (and mark ``item`` in the sidebar)."""
        if section is not self.current_section and section.widget is not None:
            previous, self.current_section = self.current_section, section
            self.stack.setCurrentWidget(section.widget)
            # Only the screen in front sets how small the window may be (a stack takes its
            # largest page's minimum otherwise: a wide hidden panel kept the window wide).
            for i in range(self.stack.count()):
                page = self.stack.widget(i)
                own = page.property("ownSizePolicy") or page.sizePolicy()
                page.setProperty("ownSizePolicy", own)
                ignored = QSizePolicy(QSizePolicy.Ignored, QSizePolicy.Ignored)
                page.setSizePolicy(own if page is section.widget else ignored)
            if previous is not None:
                previous.hidden()
            section.shown()
        if item is not None:
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentItem(item)
            self.sidebar.blockSignals(False)

    def _sidebar_row_changed(self, row: int) -> None:
        item = self.sidebar.item(row)
        if item is None:
            return
        section = self.section(item.data(SECTION_ROLE))
        self.show_section(section)
        section.activate(item)

    def apply_changes(self, changes: Changes) -> None:
        """Tell every section which tables changed (shown ones refresh, hidden ones wait)."""
        if not changes:
            return
        for section in self.sections:
            section.on_changes(changes)

    def _applied(self, changes: Changes) -> None:
        self.apply_changes(changes)
        self.changed.emit(changes)

    def refresh(self) -> None:
        """F5: read everything again (hidden sections when they are shown)."""
        self.apply_changes(EVERYTHING)

    def update_actions(self) -> None:
        for section in self.sections:
            section.update_actions()

    # -- the user ---------------------------------------------------------------------

    def _apply_user(self) -> None:
        me = self.directory.user
        roles = ", ".join(labels.role_label(r) for r in sorted(me.roles))
        # Two people's windows side by side (or in the taskbar) tell who is who.
        title = self.tr("eOffice — %1 (%2)").replace("%1", me.full_name).replace("%2", roles)
        self.setWindowTitle(title if roles else self.tr("eOffice — %1").replace("%1", me.full_name))
        self.user_label.setText(f"{me.full_name} — {roles}")
        self.user_label.setToolTip(self.directory.organisation_name)
        self.update_actions()

    def _show_own_user_in_switcher(self) -> None:
        if self.user_switcher is not None:
            self.user_switcher.blockSignals(True)
            self.user_switcher.setCurrentIndex(max(0, self.user_switcher.findData(self.user_id)))
            self.user_switcher.blockSignals(False)

    def switch_user(self, user_id: str) -> None:
        """Re-open the window's state as another user (demo mode).

        Synced, another user is another account and another window: asked first, as this
        window closes.
        """
        if not user_id or user_id == self.user_id:
            return
        if self.account is not None:
            self._show_own_user_in_switcher()  # until the question is answered
            self._ask_to_switch(user_id)
            return
        self.user_id = user_id
        self.directory = self._load_directory(user_id)
        for section in self.sections:
            section.set_user(user_id)
        if self.user_switcher is not None:
            self.user_switcher.blockSignals(True)
            self.user_switcher.setCurrentIndex(max(0, self.user_switcher.findData(user_id)))
            self.user_switcher.blockSignals(False)
        self._apply_user()

    def _ask_to_switch(self, user_id: str) -> None:
        caption = next((c for uid, c in self.demo_users if uid == user_id), user_id)
        text = self.tr("Open the desk of %1?").replace("%1", caption)
        pending = self.sync_area.status.pending if self.sync_area.status is not None else 0
        more = self.tr("This window closes and %1's desk opens in its place.").replace(
            "%1", self.directory.user.full_name
        )
        if pending:
            more += " " + self.tr(
                "What waits to be sent (%1) stays on this computer and is sent when %2 opens eOffice again."
            ).replace("%1", str(pending)).replace("%2", self.directory.user.full_name)
        self._confirm(self.tr("Switch user"), text, more, self.tr("Open"), lambda: self.switch_requested.emit(user_id))

    def _confirm(self, title: str, text: str, informative: str, yes: str, on_yes: Any) -> QMessageBox:
        """A question that does not block the event loop; ``on_yes()`` when the user agrees."""
        box = QMessageBox(QMessageBox.Question, title, text, QMessageBox.NoButton, self)
        box.setInformativeText(informative)
        agree = box.addButton(yes, QMessageBox.AcceptRole)
        box.setDefaultButton(agree)
        box.setEscapeButton(box.addButton(self.tr("Cancel"), QMessageBox.RejectRole))
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: on_yes() if box.buttonRole(button) == QMessageBox.AcceptRole else None)
        self.confirm_box = box
        box.open()
        return box

    # -- drag and drop ----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(s.accepts_drop(event.mimeData()) for s in self.sections):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Dropped files go to the first section that takes them (PDFs: registering)."""
        if any(s.drop(event.mimeData()) for s in self.sections):
            event.acceptProposedAction()

    # -- messages ---------------------------------------------------------------------

    def show_message(self, icon: QMessageBox.Icon, title: str, text: str, details: str = "") -> QMessageBox:
        """A non-blocking message box (the event loop and the worker keep running)."""
        self.last_message = text
        box = QMessageBox(icon, title, text, QMessageBox.NoButton, self)
        box.addButton(self.tr("Close"), QMessageBox.AcceptRole)
        if details:
            box.setDetailedText(details)
        box.setAttribute(Qt.WA_DeleteOnClose)
        self.message_box = box
        box.open()
        return box

    def show_domain_error(self, err: DomainError) -> None:
        self.show_message(QMessageBox.Warning, self.tr("Cannot do this"), err.message(current_language()))

    def show_program_error(self, err: BaseException, trace: str) -> None:
        self.show_message(
            QMessageBox.Critical,
            self.tr("Program error"),
            self.tr("Something went wrong inside eOffice. Nothing was saved. "
                    "Please send the details below to the administrator."),
            f"{type(err).__name__}: {err}\n\n{trace}",
        )

    def _busy(self, busy: bool, label: str) -> None:
        self.busy_bar.setVisible(busy)
        self.busy_label.setText(self.tr("Working…") if busy else "")

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_warning and not self._close_confirmed:
            event.ignore()
            if self.confirm_box is None or not self.confirm_box.isVisible():
                self._confirm(
                    self.tr("Close eOffice"), self.tr("Close eOffice?"), self.close_warning, self.tr("Close eOffice"),
                    self.close_now,
                )
            return
        for section in self.sections:
            section.close()
        if self.account is not None:
            self.bridge.detach()
            self.sync_area.timer.stop()
        self.worker.shutdown()
        self.network.shutdown()
        super().closeEvent(event)
        self.closed.emit()

    def close_now(self) -> None:
        """Close without asking (the user agreed, or the app replaces this window)."""
        self._close_confirmed = True
        self.close()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.account is not None and self.toast.isVisible():
            self.toast.place()

    # -- sync (a client of the provincial server) -------------------------------------

    def _build_sync(self, account: Account) -> None:
        from eoffice.ui.sync.bridge import AccountBridge
        from eoffice.ui.sync.notifications import NotificationModel, Toast
        from eoffice.ui.sync.status_area import SyncStatusArea

        self.bridge = AccountBridge(account, self)
        self.bridge.round_done.connect(self._round_done)
        self.bridge.rows_pulled.connect(self.apply_changes)  # lists follow the rows, not the files
        self.bridge.live_event.connect(self._live_event)
        self.bridge.live_status.connect(lambda state, _m: self.sync_area.set_live(state == "online"))
        self.notifications = NotificationModel(self)
        self.toast = Toast(self)
        self.toast.clicked.connect(self.show_document)
        self.sync_area = SyncStatusArea(account.engine, self.worker, self)
        self.sync_area.rejected_clicked.connect(self.show_rejected)
        self.sync_area.pending_clicked.connect(self.show_pending)
        self.sync_area.notifications_clicked.connect(self.show_notifications)
        self.sync_area.sign_in_clicked.connect(self.sign_in_requested)
        bar = self.statusBar()
        bar.removeWidget(self.user_label)  # the sync area goes before the user's name
        bar.addPermanentWidget(self.sync_area)
        bar.addPermanentWidget(self.user_label)
        self.user_label.show()
        sync = Section(self)  # a holder for the sync menu's placements
        self.act_sync_now = sync.action(self.tr("Sync now"), self.sync_now, "F9")
        self.act_sign_out = sync.action(self.tr("Sign out"), self.sign_out)
        menu = self.menuBar().addMenu(self.tr("&Sync"))
        _fill(menu, (self.act_sync_now, None, self.act_sign_out))
        self.menus["sync"] = menu
        self.toast_kinds = frozenset().union(*(s.toast_kinds for s in self.sections))

    def sync_now(self) -> None:
        if self.account is not None:
            self.account.engine.wake()
            self.statusBar().showMessage(self.tr("Syncing with the server…"), 3000)

    def sign_out(self) -> None:
        """Forget the sign-in on this computer; the local database stays for next time."""
        if self.account is None:
            return
        account = self.account

        def done(_result: Any) -> None:
            self.sync_area.refresh()
            self.sign_in_requested.emit()

        def out() -> None:
            account.stop()
            account.sign_out()

        self.network.run("sign_out", out, done, self._network_failed)

    def _network_failed(self, err: BaseException) -> bool:
        self.show_program_error(err, "")
        return True

    def _round_done(self, report: RoundReport) -> None:
        from eoffice.ui.sync.notifications import answer_notification

        for answer in report.answers:
            item = answer_notification(answer.kind, answer.outcome, answer.reason, answer.result)
            if item is not None:
                self.notify(item, toast=not answer.accepted or answer.kind in self.toast_kinds)
        self.sync_area.refresh()
        brought = report.rows or report.pushed or report.downloaded
        changes = getattr(report, "changes", EVERYTHING if brought else NOTHING)
        if changes:
            self.apply_changes(changes)
            self.synced.emit(report)

    def _live_event(self, event: dict[str, Any]) -> None:
        from eoffice.ui.sync.notifications import event_notification, is_silent

        if not is_silent(str(event.get("kind", ""))):  # followed by the capability's own screens
            self.notify(event_notification(event))

    def notify(self, item: Any, *, toast: bool = True) -> None:
        """Keep a notification in the bell's list and show it for a moment."""
        self.notifications.add(item)
        self.sync_area.set_unread(self.notifications.unread())
        if toast:
            self.toast.show_notification(item)

    def show_notifications(self) -> None:
        from eoffice.ui.sync.notifications import NotificationsDialog

        dialog = NotificationsDialog(self.notifications, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.open_document.connect(self.show_document)
        dialog.finished.connect(lambda _r: (self.notifications.mark_all_read(), self.sync_area.set_unread(0)))
        self.notifications_dialog = dialog
        dialog.open()

    def show_rejected(self) -> None:
        """The operations the server refused (as the status area last read them)."""
        from eoffice.sync.client_state import dismiss_rejected
        from eoffice.ui.sync.rejected_dialog import RejectedDialog

        status = self.sync_area.status
        if self.account is None or status is None:
            return
        dialog = RejectedDialog(status.rejected, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.open_document.connect(self.show_document)
        dialog.dismiss.connect(
            lambda op_id: self.worker.write(
                "dismiss_rejected", lambda s: dismiss_rejected(s, op_id), lambda _: self.sync_area.refresh()
            )
        )
        self.rejected_dialog = dialog
        dialog.open()

    def show_pending(self) -> None:
        """What waits to be sent, following the outbox while the list is open."""
        from eoffice.ui.sync.pending_dialog import PendingDialog, pending_operations

        if self.account is None:
            return
        dialog = PendingDialog(self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.open_document.connect(self.show_document)
        dialog.send_now.connect(self.sync_now)
        shown: list[int] = [-1]  # the pending count the list was last read at
        open_: list[bool] = [True]

        def rows_read(rows: Any) -> None:
            if open_[0]:
                dialog.show_rows(rows)

        def read(status: Any = None) -> None:
            count = status.pending if status is not None else -1
            if status is not None and count == shown[0]:
                return
            shown[0] = count
            self.worker.read("pending_operations", pending_operations, rows_read)

        def closed(_result: int) -> None:
            open_[0] = False
            self.sync_area.status_shown.disconnect(read)

        self.sync_area.status_shown.connect(read)
        dialog.finished.connect(closed)
        read()
        self.pending_dialog = dialog
        dialog.open()

    def show_document(self, target_id: str) -> None:
        """Open what a notification names (a document) in the section it belongs to."""
        any(section.open(target_id) for section in self.sections)


def _fill(menu: QMenu, actions: tuple[QAction | None, ...]) -> None:
    """Add actions to a menu; None is a separator."""
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)
