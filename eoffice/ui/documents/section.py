"""The documents' section: the boxes in the sidebar, the list, the document on the right,
and what a clerk, a leader or an officer does to a document."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelection, QMimeData, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidgetItem,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from eoffice.directory.models import Holiday, Organisation, Role, Unit, User, UserRole
from eoffice.documents.boxes import Box
from eoffice.documents.followup import followup_tables
from eoffice.documents.models import (
    Delegation,
    DirectionLine,
    Document,
    DocumentDirection,
    DocumentFile,
    Register,
)
from eoffice.ops import ISODate
from eoffice.ops.changes import Changes
from eoffice.store.base import new_id
from eoffice.documents import operations as ops
from eoffice.ui import labels
from eoffice.ui.documents.detail import (
    DetailPane,
    DocumentDetail,
    LineView,
    load_detail,
)
from eoffice.ui.documents.delegates import MatchDelegate
from eoffice.ui.documents.followup import FollowupPanel, load_items
from eoffice.ui.documents.forms import FormDialog, TextDialog
from eoffice.ui.documents.list_model import DocumentListModel
from eoffice.ui.documents.search_bar import SearchBar
from eoffice.ui.section import Menu, Section

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
#: The list's columns: width at 1366×768 first, and the order in which they give way
#: when the list is narrow (the subject stretches and keeps at least SUBJECT_AT_LEAST).
COLUMN_WIDTHS = {"number": 140, "date": 84, "organ": 140, "type": 88, "priority": 74, "due": 84, "state": 100}
GIVE_WAY = ("priority", "type", "due", "organ", "date")
SUBJECT_AT_LEAST = 260
SUBJECT_SHARE = 0.4
#: How long a message of the status bar stays (ms).
SAID_FOR = 8000

_PEOPLE = frozenset(m.__tablename__ for m in (Organisation, Unit, User, UserRole, Delegation))
#: What the list and the boxes' counts show.
LIST_TABLES = _PEOPLE | {
    m.__tablename__ for m in (Document, DocumentDirection, DirectionLine, DocumentFile, Register, Holiday)
}
#: Besides the sources' own tables, what the follow-up panel's items depend on.
FOLLOWUP_INPUTS = _PEOPLE | {Holiday.__tablename__}
#: What the document on screen shows: its history and its signatures' trust too.
DETAIL_TABLES = LIST_TABLES | {"audit_events", "trusted_roots"}


class DocumentsSection(Section):
    """Boxes, list and detail; the document actions (menus Document and Handling)."""

    name = "documents"
    tables = DETAIL_TABLES
    toast_kinds = frozenset({"register_incoming", "issue"})

    # Emitted when a document's detail is on screen (id).
    detail_loaded = Signal(str)
    # Emitted when the sidebar counts were refreshed.
    counts_loaded = Signal(object)
    # Emitted after the actions were enabled for the document on screen (others follow it).
    actions_updated = Signal()

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.worker = window.worker
        self.counts: dict[Box, int] = {}
        #: The absent leaders this user acts for today (ủy quyền): id → name.
        self.acting: dict[str, str] = {}
        self.current: DocumentDetail | None = None
        self.dialog: QWidget | None = None
        #: Who runs "Cấp số, ban hành…" (the signing section sets it: number, fill in, seal, in steps).
        self.issue_handler: Any = None
        self._pending_detail: str | None = None
        self._reselect: str | None = None  # keep this row selected across a refresh
        #: A document registered while its number is pending: its number is said when it comes.
        self._awaiting_number: str | None = None
        #: A document just made: opened once the list is read, if the list does not hold it.
        self._open_unlisted: str | None = None
        self._select_next: str | None = None  # select (and open) this row once it is listed

        self.model = DocumentListModel(
            window.store, window.user_id, self._start_box(), window.today, worker=self.worker
        )
        self._build_widgets()
        self._build_actions()
        self.counts_timer = QTimer(self)
        self.counts_timer.setInterval(COUNTS_EVERY_MS)
        self.counts_timer.timeout.connect(self.refresh_counts)
        self.counts_timer.start()
        self.detail_timer = QTimer(self)
        self.detail_timer.setSingleShot(True)
        self.detail_timer.setInterval(150)
        self.detail_timer.timeout.connect(self._load_selected)
        self._set_list_title()
        self.refresh_counts()
        self.refresh_followup()

    @property
    def directory(self) -> Any:
        return self.window.directory

    @property
    def user_id(self) -> str:
        return str(self.window.user_id)

    def _start_box(self) -> Box:
        return Box.INCOMING if self.window.directory.has_role(Role.CLERK) else Box.WAITING_FOR_ME

    # -- construction -----------------------------------------------------------------

    def _build_widgets(self) -> None:
        for box in BOXES:
            item = QListWidgetItem(labels.box_label(box))
            item.setData(Qt.UserRole, box)
            self.sidebar.append(item)

        self.search_bar = SearchBar(self.worker, self.user_id, self.window)
        self.search_bar.search_changed.connect(self._search)

        self.table = QTableView(self.window)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.ElideRight)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # columns give way instead
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setMinimumSectionSize(48)
        header.setTextElideMode(Qt.ElideRight)
        for name, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(self.model.column_of(name), width)
        header.setSectionResizeMode(self.model.column_of("subject"), QHeaderView.Stretch)
        self.table.setItemDelegateForColumn(self.model.column_of("subject"), MatchDelegate(self.table))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.page_loaded.connect(self._page_loaded)
        self.model.modelReset.connect(self._show_placeholder)
        self.model.modelReset.connect(self._fit_columns)  # a reset shows every column again
        self._headed_for = ""
        self._widths = dict(COLUMN_WIDTHS)
        # A finished document's state ("Đã hoàn thành"), the commonest of a year, is read whole.
        done = self.table.fontMetrics().horizontalAdvance(labels.state_label("done")) + 24
        self._widths["state"] = max(COLUMN_WIDTHS["state"], done)
        self.table.setColumnWidth(self.model.column_of("state"), self._widths["state"])
        #: Over an empty list: what the box holds, and that it is empty.
        self.placeholder = QLabel(self.table.viewport())
        self.placeholder.setObjectName("emptyList")
        self.placeholder.setAlignment(Qt.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("QLabel#emptyList { color: #5f6368; padding: 24px; }")
        self.placeholder.hide()
        self._fitter = _Resized(self._table_resized, self.table)
        self.table.viewport().installEventFilter(self._fitter)

        self.list_title = QLabel(self.window)
        font = self.list_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.list_title.setFont(font)
        middle = QWidget(self.window)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.search_bar)
        middle_layout.addWidget(self.list_title)
        # A box's other followed-up work (a meeting's tasks), above its documents.
        self.followup = FollowupPanel(self.window, middle)
        middle_layout.addWidget(self.followup)
        middle_layout.addWidget(self.table, 1)

        self.detail_pane = DetailPane(self.window)
        # "Ký số" acts on the file on screen: a leader's main file, a clerk's attachment.
        self.detail_pane.file_combo.currentIndexChanged.connect(lambda _i: self.update_actions())
        self.splitter = QSplitter(Qt.Horizontal, self.window)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.detail_pane)
        # 1366×768 first: the list keeps the larger part, the document enough to read its page.
        self.splitter.setStretchFactor(0, 7)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([680, 480])
        self.splitter.setChildrenCollapsible(False)
        middle.setMinimumWidth(380)
        self.detail_pane.setMinimumWidth(300)
        self.widget = self.splitter
        self._fit_sidebar()

    def _build_actions(self) -> None:
        self.menus += [Menu("file", self.tr("&Document"), 10), Menu("handling", self.tr("&Handling"), 20)]
        self.act_register = self.action(
            self.tr("Register incoming…"), self.register_incoming, "Ctrl+N",
            self.tr("Enter a received document in the incoming register"), menu="file", at=10, toolbar=10,
        )
        self.act_new_draft = self.action(
            self.tr("New draft…"), self.new_draft, "Ctrl+Shift+N", menu="file", at=20, toolbar=40
        )
        self.separator("file", 30)
        self.act_print = self.action(
            self.tr("Print register…"), self.print_register, "Ctrl+P", menu="file", at=40, toolbar=90
        )
        self.act_delegate = self.action(
            self.tr("Delegate…"), self.delegate, menu="file", at=50,
            tip=self.tr("Name a deputy to act for you while you are away"),
        )

        self.act_direct = self.action(
            self.tr("Direct…"), self.direct_document, "Ctrl+D", menu="handling", at=10, toolbar=20
        )
        self.act_return_document = self.action(
            self.tr("Return document…"), self.return_document, menu="handling", at=20
        )
        self.separator("handling", 30)
        self.act_start_line = self.action(self.tr("Start handling"), self.start_line, menu="handling", at=40)
        self.act_complete_line = self.action(
            self.tr("Complete…"), self.complete_line, ["Ctrl+Return", "Ctrl+Enter"], menu="handling", at=50, toolbar=30
        )
        self.act_return_line = self.action(self.tr("Return line…"), self.return_line, menu="handling", at=60)
        self.act_forward_line = self.action(self.tr("Forward down…"), self.forward_line, menu="handling", at=70)
        self.separator("handling", 80)
        self.act_submit = self.action(
            self.tr("Submit for signature…"), self.submit_draft, menu="handling", at=90, toolbar=50
        )
        self.act_approve = self.action(self.tr("Approve…"), self.approve_draft, menu="handling", at=100, toolbar=60)
        self.act_pass_review = self.action(
            self.tr("Pass on for signature…"), self.pass_review, menu="handling", at=95, toolbar=55
        )
        self.act_return_draft = self.action(self.tr("Return draft…"), self.return_draft, menu="handling", at=110)
        self.act_issue = self.action(self.tr("Issue…"), self.issue_document, menu="handling", at=120, toolbar=80)
        self.act_deliver = self.action(self.tr("Deliver…"), self.deliver_document, menu="handling", at=130)

        self.act_search = self.action(self.tr("Search"), self.focus_search, "Ctrl+F", menu="view", at=10)
        self.separator("view", 30)
        self.box_actions: list[QAction] = []
        for n, box in enumerate(BOXES, start=1):
            action = self.action(
                labels.box_label(box), lambda _=False, b=box: self.show_box(b), f"Ctrl+{n}", menu="view", at=30 + n
            )
            self.box_actions.append(action)

    # -- the section in the window ----------------------------------------------------

    def activate(self, item: QListWidgetItem) -> None:
        box = item.data(Qt.UserRole)
        if box in BOXES:
            self.show_box(box)

    def shown(self) -> None:
        super().shown()
        self._mark_box()

    def on_changes(self, changes: Changes) -> None:
        """The sidebar's counts are always in sight: they follow every change."""
        followed = changes.touches(*followup_tables())
        if changes.touches(*LIST_TABLES) or followed:
            self.refresh_counts()
            self._check_awaited_number()
        # The box's other work moves with its own tables, its holders and the working
        # days; a change of documents leaves it as it is.
        if followed or changes.touches(*FOLLOWUP_INPUTS):
            self.refresh_followup()
        super().on_changes(changes)

    def refresh(self, changes: Changes) -> None:
        """Read the list again (keeping the selection) and the document on screen."""
        keep = self.current.id if self.current else None
        if changes.touches(*LIST_TABLES):
            self._reselect = keep
            self.model.refresh()
        if keep is not None:
            self.load_document(keep, audited=False)

    def set_user(self, user_id: str) -> None:
        if isinstance(self.dialog, FormDialog) and self.dialog.isVisible() and not self.dialog.busy:
            self.dialog.close()  # a dialog belongs to the user who opened it
        self.search_bar.user_id = user_id
        self.search_bar.clear()
        self.current = None
        self._pending_detail = self._select_next = self._reselect = None
        self._open_unlisted = self._awaiting_number = None
        self.detail_timer.stop()
        self.detail_pane.clear()
        self.model.user_id = user_id
        self.model.set_box(self._start_box())
        self._mark_box()
        self._set_list_title()
        self.refresh_counts()
        self.refresh_followup()

    def close(self) -> None:
        self.counts_timer.stop()

    def open(self, target_id: str) -> bool:
        """Open a document by id (from a notification), selecting it if it is listed."""
        self.window.show_section(self)
        self._mark_box()
        if not self.select_document(target_id):
            self.load_document(target_id)
        return True

    def accepts_drop(self, mime: QMimeData) -> bool:
        return mime.hasUrls() and self.act_register.isEnabled()

    def drop(self, mime: QMimeData) -> bool:
        """PDFs dropped on the window open the register dialog with them."""
        from eoffice.ui.documents.register_dialog import (
            RegisterIncomingDialog,
            pdf_paths,
        )

        paths = pdf_paths(mime)
        if not paths or not self.act_register.isEnabled():
            return False
        if not isinstance(self.dialog, RegisterIncomingDialog) or not self.dialog.isVisible():
            self.register_incoming()
        self.dialog.add_files(paths)  # type: ignore[union-attr]
        return True

    # -- boxes, list, search ----------------------------------------------------------

    def _mark_box(self) -> None:
        """Show the list's box as the sidebar's current entry."""
        if self.visible:
            self.window.show_section(self, self.sidebar[BOXES.index(self.model.box)])

    def show_box(self, box: Box) -> None:
        self.search_bar.clear()
        self.model.set_box(box)
        self.window.show_section(self, self.sidebar[BOXES.index(box)])
        self._set_list_title()
        self.refresh_followup()
        self._fit_columns()
        self._show_placeholder()

    def _search(self, query: str, filters: Any, order: str) -> None:
        self.model.set_search(query, filters, order)
        self._set_list_title()
        self.refresh_followup()
        self._fit_columns()
        self._show_placeholder()

    # -- the list's layout ------------------------------------------------------------

    def _table_resized(self) -> None:
        self._fit_columns()
        self.placeholder.setGeometry(self.table.viewport().rect())

    def _fit_columns(self) -> None:
        """Show the columns that fit beside a readable subject, the others give way.

        An outgoing list has no issuing organ column (the organisation itself issues).
        """
        model, table = self.model, self.table
        width = table.viewport().width()
        hidden = {"organ"} if model.holds == "outgoing" else set()
        subject = max(SUBJECT_AT_LEAST, int(width * SUBJECT_SHARE))
        if self._headed_for != model.holds:  # their headers follow the box ("Ngày đến", "Ngày ban hành")
            self._headed_for = model.holds
            metrics = table.horizontalHeader().fontMetrics()
            for name in ("number", "date"):
                header = str(model.headerData(model.column_of(name), Qt.Horizontal))
                self._widths[name] = max(COLUMN_WIDTHS[name], metrics.horizontalAdvance(header) + 20)
                table.setColumnWidth(model.column_of(name), self._widths[name])

        def needed() -> int:  # by the widths set (a hidden column's width reads 0)
            return subject + sum(self._widths[n] for n in COLUMN_WIDTHS if n not in hidden)

        for name in GIVE_WAY:
            if needed() <= width:
                break
            hidden.add(name)
        for name in COLUMN_WIDTHS:
            column = model.column_of(name)
            if table.isColumnHidden(column) and name not in hidden:
                table.setColumnHidden(column, False)
                table.setColumnWidth(column, self._widths[name])
            else:
                table.setColumnHidden(column, name in hidden)

    def _fit_sidebar(self) -> None:
        """The boxes' names and counts fit the sidebar: no scrollbar hides a count."""
        bar = getattr(self.window, "sidebar", None)
        if bar is None:
            return
        bar.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        metrics = bar.fontMetrics()
        bold = bar.font()
        bold.setBold(True)
        widest = max(
            QFontMetrics(bold).horizontalAdvance(f"{labels.box_label(box)}  (999)") for box in BOXES
        )
        widest = max([widest, *(metrics.horizontalAdvance(bar.item(i).text()) for i in range(bar.count()))])
        bar.setMinimumWidth(max(bar.minimumWidth(), widest + 24))

    def _show_placeholder(self) -> None:
        """Over an empty list, say what it holds and that it is empty (nothing while it loads)."""
        model = self.model
        empty = model.rowCount() == 0 and not model.loading
        if empty:
            if model.searching:
                text = self.tr("No document matches this search.")
                if model.query:
                    text = self.tr("No document matches “%1”.").replace("%1", model.query)
                text += "<br>" + self.tr("Try fewer words, or other filters.")
            else:
                text = "<b>" + labels.box_label(model.box) + "</b><br>" + box_description(model.box)
                text += "<br><br>" + self.tr("There is no document here now.")
            self.placeholder.setText(text)
            self.placeholder.setGeometry(self.table.viewport().rect())
        self.placeholder.setVisible(empty)

    def _set_list_title(self) -> None:
        if self.model.searching:
            text = self.tr("Search results")
            if self.model.query:
                text += f": “{self.model.query}”"
        else:
            text = labels.box_label(self.model.box)
        self.list_title.setText(text)

    def focus_search(self) -> None:
        self.window.show_section(self)
        self._mark_box()
        self.search_bar.edit.setFocus()
        self.search_bar.edit.selectAll()

    def refresh_counts(self) -> None:
        from eoffice.documents.boxes import box_counts
        from eoffice.ui.documents.delegation_dialog import load_acting

        user_id, today = self.user_id, self.window.today or date.today()

        def count(session: Any) -> tuple[str, dict[Box, int], dict[str, str]]:
            user = session.get(User, user_id)
            return user_id, box_counts(session, user, today), load_acting(session, user_id, today)

        self.worker.read("box_counts", count, self._show_counts)

    def refresh_followup(self) -> None:
        """The box's other followed-up work (``FollowupPanel``); none over search results."""
        user_id, box, today = self.user_id, self.model.box, self.window.today or date.today()
        if self.model.searching:
            self.followup.show_items([])
            return

        def show(result: tuple[str, Box, list[Any]]) -> None:
            if result[:2] == (self.user_id, self.model.box) and not self.model.searching:
                self.followup.show_items(result[2])

        self.worker.read("followup_items", lambda s: load_items(s, user_id, box, today), show)

    def _show_counts(self, result: tuple[str, dict[Box, int], dict[str, str]]) -> None:
        user_id, counts, acting = result
        if user_id != self.user_id:
            return
        self.counts = counts
        if acting != self.acting:
            self.acting = acting
            self.update_actions()
        for box, item in zip(BOXES, self.sidebar, strict=True):
            n = counts.get(box, 0)
            name = labels.box_label(box)
            item.setText(f"{name}  ({n})" if n else name)
            font = item.font()
            font.setBold(bool(n) and box in (Box.WAITING_FOR_ME, Box.OVERDUE, Box.DRAFTS_TO_APPROVE))
            item.setFont(font)
            if box is Box.OVERDUE:
                item.setForeground(Qt.red if n else Qt.black)
            item.setToolTip(f"{name}: {box_description(box)}")
        self._fit_sidebar()
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
        self._show_placeholder()
        unlisted, self._open_unlisted = self._open_unlisted, None
        if self._select_next and self.model.find_row(self._select_next) >= 0:
            document_id, self._select_next, self._reselect = self._select_next, None, None
            self.select_document(document_id)
        elif unlisted is not None and unlisted == self._select_next:
            self._select_next = None
            self.load_document(unlisted, audited=False)
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
        blobs, user_id = self.window.blobs, self.user_id
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
        if self.window.account is not None:
            self._fetch_missing_files(detail)

    def _fetch_missing_files(self, detail: DocumentDetail) -> None:
        """A synced document's PDF not here yet: fetch it now, ahead of the engine."""
        missing = [d for d, (_n, path, _m) in zip(detail.digests, detail.files, strict=True) if not path.exists()]
        account = self.window.account
        if not missing or account is None:
            return
        document_id = detail.id

        def fetched(count: int) -> None:
            if count and self.current is not None and self.current.id == document_id:
                self.load_document(document_id, audited=False)

        self.window.network.run("fetch_files", lambda: account.fetch_files(missing), fetched, lambda _e: True)

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
        self.act_delegate.setEnabled(leader)
        self.act_direct.setEnabled(leader and incoming and state in ("registered", "directed"))
        self.act_return_document.setEnabled((clerk or leader) and incoming and state in ("registered", "directed"))
        self.act_start_line.setEnabled(line is not None and line.state == "waiting")
        self.act_complete_line.setEnabled(line is not None)
        self.act_return_line.setEnabled(line is not None)
        self.act_forward_line.setEnabled(line is not None)
        mine = outgoing and doc is not None and doc.created_by == d.user.id
        self.act_submit.setEnabled(mine and state in ("draft", "returned"))
        approver = (
            outgoing and doc is not None and leader
            and (doc.approver_id in (None, d.user.id) or doc.approver_id in self.acting)
        )
        self.act_approve.setEnabled(bool(approver) and state == "submitted")
        # The head of unit a draft awaits (named on it): pass it on or return it.
        reviewer = outgoing and doc is not None and state == "reviewing" and doc.approver_id == d.user.id
        self.act_pass_review.setEnabled(reviewer)
        self.act_pass_review.setVisible(reviewer or d.draft_review_levels > 1)
        self.act_return_draft.setEnabled((bool(approver) and state == "submitted") or reviewer)
        self.act_issue.setEnabled(clerk and outgoing and state in ("approved", "numbered"))
        self.act_deliver.setEnabled(clerk and outgoing and state == "issued" and bool(d.organisations))
        self.actions_updated.emit()

    # -- dialogs ----------------------------------------------------------------------

    def _open(self, dialog: FormDialog, on_done: Any = None) -> FormDialog:
        """Open a document dialog; what its operation changed reaches the sections by itself."""
        if isinstance(self.dialog, FormDialog) and not self.dialog.isVisible() and not self.dialog.busy:
            self.dialog.deleteLater()  # keep one finished dialog at most (tests read it)
        self.dialog = dialog
        if on_done is not None:
            dialog.succeeded.connect(on_done)
        dialog.open()
        return dialog

    def register_incoming(self) -> None:
        from eoffice.ui.documents.register_dialog import RegisterIncomingDialog

        dialog = RegisterIncomingDialog(
            self.worker, self.window.blobs, self.user_id, self.window, today=self.window.today
        )

        def registered(result: tuple[str, int | None]) -> None:
            document_id, number = result
            if dialog.returned:
                text = self.tr("Registered and returned to the sender, with the reason.")
            elif number:
                text = self.tr("Registered with arrival number %1.").replace("%1", f"{number:02d}")
            else:
                text = self.tr("Registered; the server gives the arrival number when it syncs (number pending).")
                self._awaiting_number = document_id  # say the number when it arrives
            self.window.statusBar().showMessage(text, 0 if self._awaiting_number == document_id else SAID_FOR)
            self._show_new(document_id, Box.INCOMING)

        self._open(dialog, registered)

    def _show_new(self, document_id: str, box: Box) -> None:
        """A document just made: open it, and select its row in its box as soon as it is listed."""
        if self.model.searching or self.model.box is not box:
            self.show_box(box)
        if not self.select_document(document_id):
            # Listed by the refresh its change brings; opened then even if its box does not
            # list it yet (an arrival number still to come).
            self._select_next = self._open_unlisted = document_id

    def _check_awaited_number(self) -> None:
        """The arrival number of the document registered "chờ cấp số" came: say it."""
        document_id = self._awaiting_number
        if document_id is None:
            return

        def read(session: Any) -> int | None:
            doc = session.get(Document, document_id)
            return doc.arrival_number if doc is not None else None

        def got(number: int | None) -> None:
            if number is not None and self._awaiting_number == document_id:
                self._awaiting_number = None
                text = self.tr("The server gave arrival number %1 to the document just registered.")
                self.window.statusBar().showMessage(text.replace("%1", f"{number:02d}"), SAID_FOR)

        self.worker.read("awaited_number", read, got)

    def direct_document(self) -> None:
        from eoffice.ui.documents.direct_dialog import DirectDialog

        if self.current is not None:
            subject = self.current.fields["subject"]
            leads = [
                line.assignee
                for line in self.current.lines
                if line.role == "lead"
                and line.parent_line_id is None
                and line.state in (*OPEN_LINE_STATES, "forwarded")
            ]
            dialog = DirectDialog(
                self.worker, self.directory, self.current.id, subject, self.window,
                on_behalf_of=self._acting_for(self.current), current_lead=", ".join(leads) or None,
            )
            self._open(dialog, lambda _id: self.say(self.tr("Directed: the people given the task are told at once.")))

    def say(self, text: str) -> None:
        """What an action did, in the status bar (its row and the document follow the change)."""
        self.window.statusBar().showMessage(text, SAID_FOR)

    def forward_line(self) -> None:
        from eoffice.ui.documents.direct_dialog import ForwardDialog

        line = self.my_line()
        if line is not None:
            self._open(ForwardDialog(self.worker, self.directory, line.id, self.window))

    def _text_dialog(
        self, title: str, caption: str, build: Any, *, document_id: str, required: bool, label: str,
        done: str | None = None,
    ) -> None:
        """A dialog asking one text for an operation; ``done`` is said in the status bar after it."""
        self._open(
            TextDialog(
                self.worker, title, caption, build, actor_id=self.user_id, document_id=document_id,
                required=required, label=label, parent=self.window,
            ),
            (lambda _id: self.say(done)) if done else None,
        )

    def start_line(self) -> None:
        line = self.my_line()
        if line is not None:

            def refused(_err: BaseException) -> bool:
                self.window.refresh()  # the window was behind: show the line as it is now
                return False  # and let the message be shown

            self.worker.submit(
                "start_line", self.user_id, lambda _s: ops.StartLine(op_id=new_id(), line_id=line.id),
                lambda _done: self.say(self.tr("Handling started.")), refused,
            )

    def complete_line(self) -> None:
        line = self.my_line()
        if line is None or self.current is None:
            return
        self._text_dialog(
            self.tr("Complete handling"), self.tr("Result"),
            lambda note: ops.CompleteLine(op_id=new_id(), line_id=line.id, result_note=note),
            document_id=self.current.id, required=False, label="complete_line",
            done=self.tr("Marked done; the leader who directed sees it."),
        )

    def return_line(self) -> None:
        line = self.my_line()
        if line is None or self.current is None:
            return
        self._text_dialog(
            self.tr("Return line"), self.tr("Reason"),
            lambda reason: ops.ReturnLine(op_id=new_id(), line_id=line.id, reason=reason),
            document_id=self.current.id, required=True, label="return_line",
            done=self.tr("Returned to the leader, with the reason."),
        )

    def return_document(self) -> None:
        if self.current is None:
            return
        document_id = self.current.id
        self._text_dialog(
            self.tr("Return document"), self.tr("Reason"),
            lambda reason: ops.ReturnDocument(op_id=new_id(), document_id=document_id, reason=reason),
            document_id=document_id, required=True, label="return_document",
            done=self.tr("Returned to the sender, with the reason."),
        )

    def new_draft(self) -> None:
        from eoffice.ui.documents.outgoing_dialogs import DraftDialog

        reply_to = None
        if self.current is not None and self.current.direction == "incoming":
            f = self.current.fields
            reply_to = (self.current.id, f"{f['number_label']} — {f['subject']}")

        def saved(document_id: str) -> None:
            self.say(self.tr("Draft saved in “My drafts”; submit it for signature when it is ready."))
            self._show_new(document_id, Box.MY_DRAFTS)

        self._open(
            DraftDialog(self.worker, self.window.blobs, self.directory, self.window, reply_to=reply_to), saved
        )

    def submit_draft(self) -> None:
        from eoffice.ui.documents.outgoing_dialogs import SubmitDialog

        if self.current is None:
            return
        current = self.current

        def submitted(state: str) -> None:
            if state == "reviewing":
                text = self.tr("The draft was sent to the head of your unit for review.")
            else:
                text = self.tr("The draft was submitted to the leader for signature.")
            self.say(text)

        dialog = SubmitDialog(
            self.worker, self.directory, current.id, self.window,
            signer_id=current.signer_id, signer_name=str(current.fields.get("signer_full_name") or ""),
        )
        self._open(dialog, submitted)

    def pass_review(self) -> None:
        from eoffice.ui.documents.outgoing_dialogs import PassReviewDialog

        if self.current is None:
            return

        def passed(_document_id: str) -> None:
            self.say(self.tr("The draft was passed on to the leader for signature."))

        dialog = PassReviewDialog(self.worker, self.directory, self.current.id, self.window,
                                  signer_id=self.current.signer_id)
        self._open(dialog, passed)

    def approve_draft(self) -> None:
        if self.current is None:
            return
        document_id = self.current.id
        self._text_dialog(
            self.tr("Approve draft"), self.tr("Comment"),
            lambda comment: ops.ApproveDraft(
                op_id=new_id(), document_id=document_id, comment=comment, on_date=self._today_iso()
            ),
            document_id=document_id, required=False, label="approve_draft",
            done=self.tr("Approved; the clerk can now number and issue it."),
        )

    def return_draft(self) -> None:
        if self.current is None:
            return
        document_id = self.current.id
        if self.current.state == "reviewing":  # the head of unit returns it to its drafter
            self._text_dialog(
                self.tr("Return draft"), self.tr("Comment"),
                lambda comment: ops.ReturnReview(op_id=new_id(), document_id=document_id, comment=comment),
                document_id=document_id, required=True, label="return_review",
            )
            return
        self._text_dialog(
            self.tr("Return draft"), self.tr("Comment"),
            lambda comment: ops.ReturnDraft(
                op_id=new_id(), document_id=document_id, comment=comment, on_date=self._today_iso()
            ),
            document_id=document_id, required=True, label="return_draft",
            done=self.tr("Returned to the drafter, with the comment."),
        )

    def issue_document(self, *, announce: bool = True, cancelled: Any = None) -> None:
        """Issue (number) the approved document on screen.

        ``announce`` False: say nothing once numbered, as what follows (sealing it) speaks;
        ``cancelled()`` runs if the clerk cancels the dialog.
        """
        from eoffice.ui.documents.outgoing_dialogs import IssueDialog

        if self.current is None:
            return
        if self.issue_handler is not None:  # the signing section's steps: number, fill in, seal
            self.issue_handler()
            return
        document_id = self.current.id

        def issued(number_label: str) -> None:
            if number_label == PENDING_NUMBER:
                text = self.tr("The document was issued; the server gives its number when it syncs.")
            else:
                text = self.tr("The document was issued with number %1.").replace("%1", number_label)
            self.window.show_message(QMessageBox.Information, self.tr("Issued"), text)

        dialog = IssueDialog(self.worker, self.user_id, document_id, self.current.fields["subject"], self.window)
        if cancelled is not None:
            dialog.rejected.connect(cancelled)
        self._open(dialog, issued if announce else None)

    def deliver_document(self) -> None:
        if self.current is not None:
            self.deliver_document_dialog(self.current.id)

    def deliver_document_dialog(self, document_id: str) -> Any:
        """Phát hành: the open dialog (None when there is no other organisation to send to)."""
        from eoffice.ui.documents.outgoing_dialogs import DeliverDialog

        if not self.directory.organisations:
            return None
        return self._open(DeliverDialog(self.worker, self.directory, document_id, self.window))

    def _acting_for(self, doc: DocumentDetail) -> str | None:
        """The absent leader a deputy acts for on ``doc`` (the audit names both): the one
        its row is marked for, else, for a document waiting for direction, the first."""
        by_name = {name: leader_id for leader_id, name in self.acting.items()}
        marked = self.model.marks.get(doc.id)
        if marked in by_name:
            return by_name[marked]
        if doc.state == "registered" and self.acting:
            return next(iter(self.acting))
        return None

    def _today_iso(self) -> ISODate:
        """The day of an action: a deputy's right to act for a leader is checked by it."""
        return ISODate((self.window.today or date.today()).isoformat())

    def delegate(self) -> None:
        """Ủy quyền: name a deputy for the days away; the delegations given and received."""
        from eoffice.ui.documents.delegation_dialog import DelegationDialog, delegated_message

        def delegated(result: Any) -> None:
            self.window.statusBar().showMessage(delegated_message(result), 8000)

        self._open(DelegationDialog(self.worker, self.directory, self.window.today, self.window), delegated)

    def print_register(self) -> None:
        from eoffice.ui.documents.print_dialog import PrintRegisterDialog

        self._open(PrintRegisterDialog(
            self.worker, self.directory, self.window, open_after=self.window.open_printed, box=self.model.box
        ))


def box_description(box: Box) -> str:
    """What a box holds, in a sentence (the empty list and the sidebar's tooltip say it)."""
    if box is Box.INCOMING:
        return QCoreApplication.translate(
            "DocumentsSection", "The documents received and entered in the incoming register."
        )
    if box is Box.OUTGOING:
        return QCoreApplication.translate(
            "DocumentsSection", "The organisation's outgoing documents: approved, numbered and issued."
        )
    if box is Box.WAITING_FOR_ME:
        return QCoreApplication.translate(
            "DocumentsSection", "What waits for you: tasks given to you or your unit, documents to direct or issue."
        )
    if box is Box.DUE_SOON:
        return QCoreApplication.translate(
            "DocumentsSection", "Tasks whose deadline comes within the next working days."
        )
    if box is Box.OVERDUE:
        return QCoreApplication.translate("DocumentsSection", "Tasks past their deadline and not finished.")
    if box is Box.DRAFTS_TO_APPROVE:
        return QCoreApplication.translate(
            "DocumentsSection",
            "Drafts submitted to you for approval and signature, or awaiting your signature before the leader's.",
        )
    if box is Box.MY_DRAFTS:
        return QCoreApplication.translate("DocumentsSection", "The outgoing drafts you wrote.")
    return ""


class _Resized(QObject):
    """Calls ``then()`` when the watched widget changes size."""

    def __init__(self, then: Any, parent: QObject) -> None:
        super().__init__(parent)
        self.then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.then()
        return False
