"""The main window: boxes on the left, the document list, the document on the right."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from eoffice.directory.models import Role, User
from eoffice.documents.boxes import Box
from eoffice.errors import DomainError
from eoffice.store import Store
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore
from eoffice.sync import operations as ops
from eoffice.sync.account import Account
from eoffice.sync.desk import Desk
from eoffice.sync.engine import RoundReport
from eoffice.ui import labels
from eoffice.ui.documents.detail import DetailPane, DocumentDetail, LineView, load_detail
from eoffice.ui.documents.forms import FormDialog, OrgDirectory, TextDialog, load_directory
from eoffice.ui.documents.list_model import DocumentListModel
from eoffice.ui.documents.search_bar import SearchBar
from eoffice.ui.i18n import current_language
from eoffice.ui.tasks import DbWorker, TaskRunner

log = logging.getLogger(__name__)

# Sidebar order; Ctrl+1…Ctrl+7 follow it.
BOXES = (
    Box.INCOMING,
    Box.OUTGOING,
    Box.WAITING_FOR_ME,
    Box.DUE_SOON,
    Box.OVERDUE,
    Box.DRAFTS_TO_APPROVE,
    Box.MY_DRAFTS,
)
COUNTS_EVERY_MS = 60_000
OPEN_LINE_STATES = ("waiting", "in_progress")
#: ``Document.number_label`` of a document whose number the server has yet to give.
PENDING_NUMBER = "chờ cấp số"


class MainWindow(QMainWindow):
    """One user's desk. In demo mode a switcher re-opens it as another user."""

    # Emitted when a document's detail is on screen (id).
    detail_loaded = Signal(str)
    # Emitted when the sidebar counts were refreshed.
    counts_loaded = Signal(object)
    # Emitted after a change made through this window was applied and the views refreshed.
    changed = Signal(str)
    # Emitted after a sync round brought something and the views were refreshed.
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
        self.counts: dict[Box, int] = {}
        self.current: DocumentDetail | None = None
        self.dialog: QWidget | None = None
        self.last_message = ""
        self.message_box: QMessageBox | None = None
        self._pending_detail: str | None = None
        self._reselect: str | None = None  # keep this row selected across a refresh
        self._select_next: str | None = None  # select (and open) this row once it is listed
        # Open a printed register in the system's PDF reader (tests turn it off).
        self.open_printed = True
        #: Soft certificates to offer when signing (the demo's cards); this machine's
        #: signing settings (PKCS#11 modules, timestamp server); None: the data dir's.
        self.key_files: list[Path] = list(account.profile.key_files) if account is not None else []
        self.signing_settings_file: Path | None = None
        self.sign_flow: Any = None
        self._seal_after_issue: str | None = None  # open the seal's dialog once this one is numbered

        # A standalone database is its own authority: its desk checks signed files itself.
        self.worker = DbWorker(store, self, desk=account.desk if account is not None else Desk(blobs))
        self.worker.domain_error.connect(self.show_domain_error)
        self.worker.program_error.connect(self.show_program_error)
        self.worker.busy_changed.connect(self._busy)
        self.directory: OrgDirectory = self._load_directory(user_id)

        self.model = DocumentListModel(store, user_id, self._start_box(), today, worker=self.worker)
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        if account is not None:
            self._build_sync(account)
        self._apply_user()

        self.counts_timer = QTimer(self)
        self.counts_timer.setInterval(COUNTS_EVERY_MS)
        self.counts_timer.timeout.connect(self.refresh_counts)
        self.counts_timer.start()
        self.detail_timer = QTimer(self)
        self.detail_timer.setSingleShot(True)
        self.detail_timer.setInterval(150)
        self.detail_timer.timeout.connect(self._load_selected)
        self.refresh_counts()
        self.setAcceptDrops(True)
        self.resize(1500, 900)
        from eoffice.ui.worklog.install import install_diary

        install_diary(self)  # the work diary section (eoffice/ui/worklog), Ctrl+J

    # -- construction -----------------------------------------------------------------

    def _load_directory(self, user_id: str) -> OrgDirectory:
        with self.store.read() as session:
            return load_directory(session, user_id)

    def _start_box(self) -> Box:
        return Box.INCOMING if self.directory.has_role(Role.CLERK) else Box.WAITING_FOR_ME

    def _build_widgets(self) -> None:
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("boxes")
        self.sidebar.setMinimumWidth(170)
        self.sidebar.setStyleSheet("QListWidget#boxes::item { padding: 5px 4px; }")
        self.sidebar.setIconSize(QSize(16, 16))
        for box in BOXES:
            item = QListWidgetItem(labels.box_label(box))
            item.setData(Qt.UserRole, box)
            self.sidebar.addItem(item)
        self.sidebar.currentRowChanged.connect(self._box_row_changed)

        self.search_bar = SearchBar(self.worker, self.user_id, self)
        self.search_bar.search_changed.connect(self._search)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setMinimumSectionSize(60)
        for column, width in enumerate((150, 82, 130, 80, 300, 90, 82, 96)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(4, QHeaderView.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.page_loaded.connect(self._page_loaded)

        self.list_title = QLabel(self)
        font = self.list_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.list_title.setFont(font)
        middle = QWidget(self)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.search_bar)
        middle_layout.addWidget(self.list_title)
        middle_layout.addWidget(self.table, 1)

        self.detail_pane = DetailPane(self)
        # "Ký số" acts on the file on screen: a leader's main file, a clerk's attachment.
        self.detail_pane.file_combo.currentIndexChanged.connect(lambda _i: self.update_actions())
        self.splitter = QSplitter(Qt.Horizontal, self)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.detail_pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([175, 925, 400])
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

    def _action(self, text: str, slot: Any, shortcut: str | list[str] | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, list):
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.act_register = self._action(
            self.tr("Register incoming…"), self.register_incoming, "Ctrl+N",
            self.tr("Enter a received document in the incoming register"),
        )
        self.act_direct = self._action(self.tr("Direct…"), self.direct_document, "Ctrl+D")
        self.act_new_draft = self._action(self.tr("New draft…"), self.new_draft, "Ctrl+Shift+N")
        self.act_search = self._action(self.tr("Search"), self.focus_search, "Ctrl+F")
        self.act_start_line = self._action(self.tr("Start handling"), self.start_line)
        self.act_complete_line = self._action(
            self.tr("Complete…"), self.complete_line, ["Ctrl+Return", "Ctrl+Enter"]
        )
        self.act_return_line = self._action(self.tr("Return line…"), self.return_line)
        self.act_forward_line = self._action(self.tr("Forward down…"), self.forward_line)
        self.act_return_document = self._action(self.tr("Return document…"), self.return_document)
        self.act_submit = self._action(self.tr("Submit for signature…"), self.submit_draft)
        self.act_approve = self._action(self.tr("Approve…"), self.approve_draft)
        self.act_return_draft = self._action(self.tr("Return draft…"), self.return_draft)
        self.act_issue = self._action(self.tr("Issue…"), self.issue_document)
        self.act_deliver = self._action(self.tr("Deliver…"), self.deliver_document)
        self.act_sign = self._action(
            self.tr("Digital signature…"), self.sign_document, "Ctrl+Shift+S",
            self.tr("Sign the file on screen with your e-card (leader), or seal it for the agency (clerk)"),
        )
        self.act_profile = self._action(self.tr("Signature and seal images…"), self.edit_signing_profile)
        self.act_trusted_roots = self._action(self.tr("Trusted root certificates…"), lambda: self.open_admin(0))
        self.act_pkcs11 = self._action(self.tr("E-card drivers (PKCS#11)…"), lambda: self.open_admin(1))
        self.act_print = self._action(self.tr("Print register…"), self.print_register, "Ctrl+P")
        self.act_refresh = self._action(self.tr("Refresh"), self.refresh, "F5")
        self.act_quit = self._action(self.tr("Quit"), self.close, "Ctrl+Q")
        self.box_actions: list[QAction] = []
        for n, box in enumerate(BOXES, start=1):
            action = self._action(
                labels.box_label(box), lambda _=False, b=box: self.show_box(b), f"Ctrl+{n}"
            )
            self.box_actions.append(action)

    def _build_menus(self) -> None:
        menus = self.menuBar()
        document = menus.addMenu(self.tr("&Document"))
        _fill(document, (self.act_register, self.act_new_draft, None, self.act_print, None, self.act_quit))
        handle = menus.addMenu(self.tr("&Handling"))
        _fill(
            handle,
            (
                self.act_direct, self.act_return_document, None,
                self.act_start_line, self.act_complete_line, self.act_return_line, self.act_forward_line, None,
                self.act_submit, self.act_approve, self.act_return_draft, self.act_issue, self.act_deliver,
            ),
        )
        signing_menu = menus.addMenu(self.tr("Si&gning"))
        _fill(signing_menu, (self.act_sign, None, self.act_profile))
        self.admin_menu = menus.addMenu(self.tr("&Administration"))
        _fill(self.admin_menu, (self.act_trusted_roots, self.act_pkcs11))
        view = menus.addMenu(self.tr("&View"))
        view.addAction(self.act_search)
        view.addAction(self.act_refresh)
        view.addSeparator()
        for action in self.box_actions:
            view.addAction(action)

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        for action in (
            self.act_register, self.act_direct, self.act_complete_line, self.act_new_draft, self.act_submit,
            self.act_approve, self.act_sign, self.act_issue, self.act_print, self.act_refresh,
        ):
            toolbar.addAction(action)
        self.user_switcher: QComboBox | None = None
        if self.demo_users:
            spacer = QWidget(toolbar)
            spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
            toolbar.addWidget(spacer)
            toolbar.addWidget(QLabel(self.tr("Demo user: "), toolbar))
            self.user_switcher = QComboBox(toolbar)
            self.user_switcher.setMinimumContentsLength(30)
            for uid, caption in self.demo_users:
                self.user_switcher.addItem(caption, uid)
            self.user_switcher.setCurrentIndex(max(0, self.user_switcher.findData(self.user_id)))
            self.user_switcher.currentIndexChanged.connect(
                lambda i: self.switch_user(self.user_switcher.itemData(i))  # type: ignore[union-attr]
            )
            toolbar.addWidget(self.user_switcher)

    # -- the user ---------------------------------------------------------------------

    def _apply_user(self) -> None:
        me = self.directory.user
        roles = ", ".join(labels.role_label(r) for r in sorted(me.roles))
        self.setWindowTitle(self.tr("eOffice — %1").replace("%1", self.directory.organisation_name))
        self.user_label.setText(f"{me.full_name} — {roles}")
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(BOXES.index(self.model.box))
        self.sidebar.blockSignals(False)
        self._set_list_title()
        self.update_actions()

    def switch_user(self, user_id: str) -> None:
        """Re-open the window's state as another user (demo mode)."""
        if not user_id or user_id == self.user_id:
            return
        if self.account is not None:
            # Another user is another account: their own database, signed in as them.
            if self.user_switcher is not None:
                self.user_switcher.blockSignals(True)
                self.user_switcher.setCurrentIndex(max(0, self.user_switcher.findData(self.user_id)))
                self.user_switcher.blockSignals(False)
            self.switch_requested.emit(user_id)
            return
        if isinstance(self.dialog, FormDialog) and self.dialog.isVisible() and not self.dialog.busy:
            self.dialog.close()  # a dialog belongs to the user who opened it
        self.user_id = user_id
        self.sign_flow, self._seal_after_issue = None, None  # a signature belongs to who began it
        self.directory = self._load_directory(user_id)
        self.search_bar.user_id = user_id
        self.search_bar.clear()
        self.current = None
        self._pending_detail = self._select_next = self._reselect = None
        self.detail_timer.stop()
        self.detail_pane.clear()
        self.model.user_id = user_id
        self.model.set_box(self._start_box())
        if self.user_switcher is not None:
            self.user_switcher.blockSignals(True)
            self.user_switcher.setCurrentIndex(max(0, self.user_switcher.findData(user_id)))
            self.user_switcher.blockSignals(False)
        self._apply_user()
        self.refresh_counts()

    # -- boxes, list, search ----------------------------------------------------------

    def show_box(self, box: Box) -> None:
        self.search_bar.clear()
        self.model.set_box(box)
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(BOXES.index(box))
        self.sidebar.blockSignals(False)
        self._set_list_title()

    def _box_row_changed(self, row: int) -> None:
        if 0 <= row < len(BOXES):
            self.show_box(BOXES[row])

    def _search(self, query: str, filters: Any, order: str) -> None:
        self.model.set_search(query, filters, order)
        self._set_list_title()

    def _set_list_title(self) -> None:
        if self.model.searching:
            text = self.tr("Search results")
            if self.model.query:
                text += f": “{self.model.query}”"
        else:
            text = labels.box_label(self.model.box)
        self.list_title.setText(text)

    def focus_search(self) -> None:
        self.search_bar.edit.setFocus()
        self.search_bar.edit.selectAll()

    def refresh(self) -> None:
        """F5: read the list, the counts and the shown document again."""
        self._reselect = self.current.id if self.current else None
        self.model.refresh()
        self.refresh_counts()
        if self.current is not None:
            self.load_document(self.current.id, audited=False)

    def refresh_counts(self) -> None:
        from eoffice.documents.boxes import box_counts

        user_id, today = self.user_id, self.today or date.today()

        def count(session: Any) -> tuple[str, dict[Box, int]]:
            user = session.get(User, user_id)
            return user_id, box_counts(session, user, today)

        self.worker.read("box_counts", count, self._show_counts)

    def _show_counts(self, result: tuple[str, dict[Box, int]]) -> None:
        user_id, counts = result
        if user_id != self.user_id:
            return
        self.counts = counts
        for row, box in enumerate(BOXES):
            n = counts.get(box, 0)
            name = labels.box_label(box)
            item = self.sidebar.item(row)
            item.setText(f"{name}  ({n})" if n else name)
            font = item.font()
            font.setBold(bool(n) and box in (Box.WAITING_FOR_ME, Box.OVERDUE, Box.DRAFTS_TO_APPROVE))
            item.setFont(font)
            if box is Box.OVERDUE:
                item.setForeground(Qt.red if n else Qt.black)
        self.counts_loaded.emit(counts)

    # -- the selected document --------------------------------------------------------

    def select_document(self, document_id: str) -> bool:
        """Select a row by id, now or as soon as the page being read arrives."""
        row = self.model.find_row(document_id)
        if row < 0:
            if self.model.loading:
                self._select_next = document_id  # select it when its page arrives
                return True
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _page_loaded(self) -> None:
        if self._select_next and self.model.find_row(self._select_next) >= 0:
            document_id, self._select_next, self._reselect = self._select_next, None, None
            self.select_document(document_id)
        elif self._reselect and self.model.find_row(self._reselect) >= 0:
            self._restore_selection(self._reselect)
        self._reselect = None

    def _restore_selection(self, document_id: str) -> None:
        row = self.model.find_row(document_id)
        if row >= 0:
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(row)
            self.table.selectionModel().blockSignals(False)
            self.table.viewport().update()

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        self._pending_detail = self.model.row_at(rows[0]).id
        self.detail_timer.start()

    def _load_selected(self) -> None:
        if self._pending_detail:
            self.load_document(self._pending_detail)

    def load_document(self, document_id: str, *, audited: bool = True) -> None:
        """Open a document in the detail pane; the opening is an audit event."""
        blobs, user_id = self.blobs, self.user_id
        self._pending_detail = document_id
        self.worker.write(
            "open_document",
            lambda session: load_detail(session, blobs, user_id, document_id, audited=audited),
            self._show_detail,
        )

    def _show_detail(self, detail: DocumentDetail) -> None:
        if detail.id != self._pending_detail:
            return
        self.current = detail
        self.detail_pane.show_detail(detail)
        self.update_actions()
        self.detail_loaded.emit(detail.id)
        self._after_issue(detail)
        if self.account is not None:
            self._fetch_missing_files(detail)

    def _fetch_missing_files(self, detail: DocumentDetail) -> None:
        """A synced document's PDF not here yet: fetch it now, ahead of the engine."""
        missing = [d for d, (_n, path, _m) in zip(detail.digests, detail.files) if not path.exists()]
        if not missing or self.account is None:
            return
        account, document_id = self.account, detail.id
        if not hasattr(self, "_fetcher"):
            self._fetcher = TaskRunner(self, threads=2)

        def fetched(count: int) -> None:
            if count and self.current is not None and self.current.id == document_id:
                self.load_document(document_id, audited=False)

        self._fetcher.run("fetch_files", lambda: account.fetch_files(missing), fetched, lambda _e: True)

    def my_line(self, states: tuple[str, ...] = OPEN_LINE_STATES) -> LineView | None:
        """The current document's line this user holds (personally, or through the unit)."""
        if self.current is None:
            return None
        me = self.directory.user
        mine = [line for line in self.current.lines if line.state in states and line.user_id == me.id]
        ours = [
            line
            for line in self.current.lines
            if line.state in states and line.user_id is None and me.unit_id and line.unit_id == me.unit_id
        ]
        return (mine + ours)[0] if mine or ours else None

    def update_actions(self) -> None:
        """Enable what this user may do to the selected document in its state."""
        d, doc = self.directory, self.current
        clerk, leader, officer = d.has_role(Role.CLERK), d.has_role(Role.LEADER), d.has_role(Role.OFFICER)
        incoming = doc is not None and doc.direction == "incoming"
        outgoing = doc is not None and doc.direction == "outgoing"
        state = doc.state if doc else ""
        line = self.my_line()
        self.act_register.setEnabled(clerk)
        self.act_new_draft.setEnabled(clerk or leader or officer)
        self.act_print.setEnabled(clerk or leader)
        self.act_direct.setEnabled(leader and incoming and state in ("registered", "directed"))
        self.act_return_document.setEnabled((clerk or leader) and incoming and state in ("registered", "directed"))
        self.act_start_line.setEnabled(line is not None and line.state == "waiting")
        self.act_complete_line.setEnabled(line is not None)
        self.act_return_line.setEnabled(line is not None)
        self.act_forward_line.setEnabled(line is not None)
        mine = outgoing and doc is not None and doc.created_by == d.user.id
        self.act_submit.setEnabled(mine and state in ("draft", "returned"))
        approver = outgoing and doc is not None and leader and doc.approver_id in (None, d.user.id)
        self.act_approve.setEnabled(bool(approver) and state == "submitted")
        self.act_return_draft.setEnabled(bool(approver) and state == "submitted")
        self.act_issue.setEnabled(clerk and outgoing and state == "approved")
        self.act_deliver.setEnabled(clerk and outgoing and state == "issued" and bool(d.organisations))
        self.act_sign.setEnabled(self.signature_due() is not None or self._issue_then_seal())
        admin = d.has_role(Role.ADMIN)
        self.admin_menu.menuAction().setVisible(admin)
        self.act_trusted_roots.setEnabled(admin)
        self.act_pkcs11.setEnabled(admin)

    # -- digital signatures -----------------------------------------------------------

    def signature_due(self) -> str | None:
        """The signature this user may add now to the file on screen (signer, agency, attachment)."""
        from eoffice.documents.signing import signature_due

        doc, view = self.current, self.detail_pane.current_file()
        if doc is None or view is None or doc.direction != "outgoing":
            return None
        return signature_due(
            state=doc.state, is_main=view.is_main, kinds=list(view.signed_kinds),
            approver=self.directory.has_role(Role.LEADER) and doc.approver_id == self.directory.user.id,
            clerk=self.directory.has_role(Role.CLERK), numbered=doc.register_number is not None,
        )

    def _issue_then_seal(self) -> bool:
        """A clerk's "Ký số" on an approved document the leader signed: number it first."""
        doc, view = self.current, self.detail_pane.current_file()
        return (
            doc is not None and view is not None and view.is_main and doc.direction == "outgoing"
            and doc.state == "approved" and "signer" in view.signed_kinds and self.directory.has_role(Role.CLERK)
        )

    def sign_document(self) -> None:
        """Ký số on the file on screen; a clerk's on an approved document numbers it first.

        The agency's signature seals the numbered document (the number is in it), and the
        number is the server's: issued offline, the document waits "chờ cấp số" and the
        clerk signs once the server's answer came.
        """
        from eoffice.ui.signing.flow import SignFlow

        kind, view = self.signature_due(), self.detail_pane.current_file()
        if self.current is None or view is None:
            return
        if kind is None:
            if self._issue_then_seal():
                self._seal_after_issue = self.current.id
                self.issue_document()
            return
        flow = SignFlow(
            self.worker, self.blobs, self.user_id, self, key_files=self.key_files,
            settings_file=self.signing_settings_file,
        )
        flow.done.connect(self._signed)
        self.sign_flow = flow
        flow.start(self.current.id, view.id, kind)

    def _signed(self, document_id: str) -> None:
        text = self.tr("Signed.")
        if self.account is not None:
            text = self.tr("Signed; the server checks the signatures when it receives the file.")
        self.statusBar().showMessage(text, 8000)
        self.after_change(document_id)

    def _after_issue(self, detail: DocumentDetail) -> None:
        """Once the document issued for sealing is on screen again: seal it, or say why not yet."""
        if self._seal_after_issue != detail.id or detail.state != "issued":
            return
        self._seal_after_issue = None
        if self.signature_due() == "agency":
            self.sign_document()
        else:
            self.show_message(
                QMessageBox.Information, self.tr("Waiting for the number"),
                self.tr("The document waits for its number from the server. The agency signature carries the "
                        "number: sign again once the number has come (a notification tells you)."),
            )

    def edit_signing_profile(self) -> None:
        from eoffice.ui.signing.profile_dialog import ProfileDialog

        dialog = ProfileDialog(self.worker, self.blobs, self.directory, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.profile_dialog = dialog
        dialog.open()

    def open_admin(self, tab: int = 0) -> None:
        from eoffice.ui.signing.admin import AdminDialog

        dialog = AdminDialog(self.worker, self.user_id, self.signing_settings_file, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.tabs.setCurrentIndex(tab)
        dialog.roots.changed.connect(self.refresh)
        self.admin_dialog = dialog
        dialog.open()

    # -- after a change ---------------------------------------------------------------

    def after_change(self, document_id: str | None = None) -> None:
        """Refresh the list (keeping the selection), the counts and the shown document."""
        keep = self.current.id if self.current else None
        self._reselect = keep
        self.model.refresh()
        self.refresh_counts()
        if keep:
            self.load_document(keep, audited=False)
        self.changed.emit(document_id or keep or "")

    # -- dialogs ----------------------------------------------------------------------

    def _open(self, dialog: FormDialog, on_done: Any = None) -> FormDialog:
        if isinstance(self.dialog, FormDialog) and not self.dialog.isVisible() and not self.dialog.busy:
            self.dialog.deleteLater()  # keep one finished dialog at most (tests read it)
        self.dialog = dialog

        def done(result: Any) -> None:
            if on_done is not None:
                on_done(result)
            self.after_change(result if isinstance(result, str) else None)

        dialog.succeeded.connect(done)
        dialog.open()
        return dialog

    def register_incoming(self) -> None:
        from eoffice.ui.documents.register_dialog import RegisterIncomingDialog

        dialog = RegisterIncomingDialog(self.worker, self.blobs, self.user_id, self, today=self.today)

        def registered(result: tuple[str, int | None]) -> None:
            document_id, number = result
            if dialog.returned:
                text = self.tr("Registered and returned to the sender, with the reason.")
            elif number:
                text = self.tr("Registered with arrival number %1.").replace("%1", f"{number:02d}")
            else:
                text = self.tr("Registered; the server gives the arrival number when it syncs (number pending).")
            self.statusBar().showMessage(text, 8000)
            self._select_next = document_id

        self._open(dialog, registered)

    def direct_document(self) -> None:
        from eoffice.ui.documents.direct_dialog import DirectDialog

        if self.current is not None:
            self._open(DirectDialog(self.worker, self.directory, self.current.id, self.current.fields["subject"], self))

    def forward_line(self) -> None:
        from eoffice.ui.documents.direct_dialog import ForwardDialog

        line = self.my_line()
        if line is not None:
            self._open(ForwardDialog(self.worker, self.directory, line.id, self))

    def _text_dialog(
        self, title: str, caption: str, build: Any, *, document_id: str, required: bool, label: str
    ) -> None:
        self._open(
            TextDialog(
                self.worker, title, caption, build, actor_id=self.user_id, document_id=document_id,
                required=required, label=label, parent=self,
            )
        )

    def start_line(self) -> None:
        line = self.my_line()
        if line is not None:
            document_id = self.current.id  # type: ignore[union-attr]

            def refused(_err: BaseException) -> bool:
                self.refresh()  # the window was behind: show the line as it is now
                return False  # and let the message be shown

            self.worker.submit(
                "start_line", self.user_id, lambda _s: ops.StartLine(op_id=new_id(), line_id=line.id),
                lambda _: self.after_change(document_id), refused,
            )

    def complete_line(self) -> None:
        line = self.my_line()
        if line is None or self.current is None:
            return
        self._text_dialog(
            self.tr("Complete handling"), self.tr("Result"),
            lambda note: ops.CompleteLine(op_id=new_id(), line_id=line.id, result_note=note),
            document_id=self.current.id, required=False, label="complete_line",
        )

    def return_line(self) -> None:
        line = self.my_line()
        if line is None or self.current is None:
            return
        self._text_dialog(
            self.tr("Return line"), self.tr("Reason"),
            lambda reason: ops.ReturnLine(op_id=new_id(), line_id=line.id, reason=reason),
            document_id=self.current.id, required=True, label="return_line",
        )

    def return_document(self) -> None:
        if self.current is None:
            return
        document_id = self.current.id
        self._text_dialog(
            self.tr("Return document"), self.tr("Reason"),
            lambda reason: ops.ReturnDocument(op_id=new_id(), document_id=document_id, reason=reason),
            document_id=document_id, required=True, label="return_document",
        )

    def new_draft(self) -> None:
        from eoffice.ui.documents.outgoing_dialogs import DraftDialog

        reply_to = None
        if self.current is not None and self.current.direction == "incoming":
            f = self.current.fields
            reply_to = (self.current.id, f"{f['number_label']} — {f['subject']}")
        self._open(DraftDialog(self.worker, self.blobs, self.directory, self, reply_to=reply_to))

    def submit_draft(self) -> None:
        from eoffice.ui.documents.outgoing_dialogs import SubmitDialog

        if self.current is not None:
            self._open(SubmitDialog(self.worker, self.directory, self.current.id, self))

    def approve_draft(self) -> None:
        if self.current is None:
            return
        document_id = self.current.id
        self._text_dialog(
            self.tr("Approve draft"), self.tr("Comment"),
            lambda comment: ops.ApproveDraft(op_id=new_id(), document_id=document_id, comment=comment),
            document_id=document_id, required=False, label="approve_draft",
        )

    def return_draft(self) -> None:
        if self.current is None:
            return
        document_id = self.current.id
        self._text_dialog(
            self.tr("Return draft"), self.tr("Comment"),
            lambda comment: ops.ReturnDraft(op_id=new_id(), document_id=document_id, comment=comment),
            document_id=document_id, required=True, label="return_draft",
        )

    def issue_document(self) -> None:
        from eoffice.ui.documents.outgoing_dialogs import IssueDialog

        if self.current is None:
            return
        document_id = self.current.id

        def issued(number_label: str) -> None:
            if number_label == PENDING_NUMBER:
                text = self.tr("The document was issued; the server gives its number when it syncs.")
            else:
                text = self.tr("The document was issued with number %1.").replace("%1", number_label)
            self.show_message(QMessageBox.Information, self.tr("Issued"), text)

        dialog = IssueDialog(self.worker, self.user_id, document_id, self.current.fields["subject"], self)
        if self._seal_after_issue == document_id:
            dialog.rejected.connect(lambda: setattr(self, "_seal_after_issue", None))
            self._open(dialog)  # the seal's dialog follows (``_after_issue``)
            return
        self._open(dialog, issued)

    def deliver_document(self) -> None:
        from eoffice.ui.documents.outgoing_dialogs import DeliverDialog

        if self.current is not None:
            self._open(DeliverDialog(self.worker, self.directory, self.current.id, self))

    def print_register(self) -> None:
        from eoffice.ui.documents.print_dialog import PrintRegisterDialog

        self._open(PrintRegisterDialog(self.worker, self.directory, self, open_after=self.open_printed))

    # -- drag and drop ----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and self.act_register.isEnabled():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """PDFs dropped on the window open the register dialog with them."""
        from eoffice.ui.documents.register_dialog import RegisterIncomingDialog, pdf_paths

        paths = pdf_paths(event.mimeData())
        if not paths or not self.act_register.isEnabled():
            return
        event.acceptProposedAction()
        if not isinstance(self.dialog, RegisterIncomingDialog) or not self.dialog.isVisible():
            self.register_incoming()
        self.dialog.add_files(paths)  # type: ignore[union-attr]

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
        self.counts_timer.stop()
        if self.account is not None:
            self.bridge.detach()
            self.sync_area.timer.stop()
        self.worker.shutdown()
        super().closeEvent(event)
        self.closed.emit()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
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
        self.bridge.live_event.connect(self._live_event)
        self.bridge.live_status.connect(lambda state, _m: self.sync_area.set_live(state == "online"))
        self.notifications = NotificationModel(self)
        self.toast = Toast(self)
        self.toast.clicked.connect(self.show_document)
        self.sync_area = SyncStatusArea(account.engine, self.worker, self)
        self.sync_area.rejected_clicked.connect(self.show_rejected)
        self.sync_area.notifications_clicked.connect(self.show_notifications)
        self.sync_area.sign_in_clicked.connect(self.sign_in_requested)
        bar = self.statusBar()
        bar.removeWidget(self.user_label)  # the sync area goes before the user's name
        bar.addPermanentWidget(self.sync_area)
        bar.addPermanentWidget(self.user_label)
        self.user_label.show()
        self.act_sync_now = self._action(self.tr("Sync now"), self.sync_now, "F9")
        self.act_sign_out = self._action(self.tr("Sign out"), self.sign_out)
        menu = self.menuBar().addMenu(self.tr("&Sync"))
        _fill(menu, (self.act_sync_now, None, self.act_sign_out))

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

        def failed(err: BaseException) -> bool:
            self.show_program_error(err, "")
            return True

        self._background = TaskRunner(self, threads=2)
        self._background.run("sign_out", out, done, failed)

    def _round_done(self, report: RoundReport) -> None:
        from eoffice.ui.sync.notifications import answer_notification

        for answer in report.answers:
            item = answer_notification(answer.kind, answer.outcome, answer.reason, answer.result)
            if item is not None:
                self.notify(item, toast=not answer.accepted or answer.kind in ("register_incoming", "issue", "sign_file"))
        self.sync_area.refresh()
        if report.rows or report.pushed or report.downloaded:
            self.refresh()
            self.synced.emit(report)

    def _live_event(self, event: dict[str, Any]) -> None:
        from eoffice.ui.sync.notifications import event_notification

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
        from eoffice.sync.client_state import dismiss_rejected
        from eoffice.ui.sync.rejected_dialog import RejectedDialog

        status = self.sync_area.status  # as the status area last read it (off the GUI thread)
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

    def show_document(self, document_id: str) -> None:
        """Open a document by id (from a notification), selecting it if it is listed."""
        if not self.select_document(document_id):
            self.load_document(document_id)


def _fill(menu: QMenu, actions: tuple[QAction | None, ...]) -> None:
    """Add actions to a menu; None is a separator."""
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)
