"""The organisers' work on an agenda item's documents (Tài liệu): add PDFs from disk
(button or drop on the item), add a document from the registers, replace the file with a
new version (the old one kept; readers see "Đã cập nhật"), who may read it and from when
(Quyền xem), remove it, and compare its versions.

Files are checked and stored by ``meetings.meeting_files.prepare_pdf`` on the worker,
outside any transaction; a non-PDF or damaged file is refused with the domain's message.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from eoffice.meetings.values import VIETNAM, vietnam
from PySide6.QtCore import QDateTime, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from eoffice.directory.access import load_actor
from eoffice.directory.models import User
from eoffice.meetings.meeting_files import prepare_pdf, register_file, versions_of
from eoffice.meetings.models import MeetingDocument
from eoffice.meetings.operations import (
    AddMeetingDocument,
    RemoveMeetingDocument,
    ReplaceMeetingDocument,
    SetDocumentAccess,
)
from eoffice.meetings.views import DocumentView, ItemView, ParticipantView
from eoffice.ops.values import Id
from eoffice.store.base import new_id
from eoffice.ui.meetings.labels import day_time

SAID_FOR = 6000


# --------------------------------------------------------------------------- access


@dataclass(frozen=True)
class AccessNow:
    audience: str
    readers: list[str]
    release_at: datetime | None


def load_access(session: Session, document_id: str) -> AccessNow:
    doc = session.get(MeetingDocument, document_id)
    if doc is None:
        return AccessNow("all", [], None)
    return AccessNow(doc.audience, list(json.loads(doc.readers or "[]")), doc.release_at)


class AccessDialog(QDialog):
    """Quyền xem: every participant, the voting members, or the people named; from when."""

    def __init__(self, title: str, now: AccessNow, people: list[ParticipantView], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("accessDialog")
        self.setWindowTitle(self.tr("Who may read “%1”").replace("%1", title))
        self.audience = QComboBox(self)
        self.audience.addItem(self.tr("Every participant"), "all")
        self.audience.addItem(self.tr("Voting members"), "voting")
        self.audience.addItem(self.tr("The people ticked below"), "named")
        self.people = QListWidget(self)
        self.people.setObjectName("accessPeople")
        seen: set[str] = set()
        for p in people:
            if p.user_id in seen:
                continue
            seen.add(p.user_id)
            row = QListWidgetItem(p.name + (f" — {p.position}" if p.position else ""), self.people)
            row.setData(Qt.ItemDataRole.UserRole, p.user_id)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked if p.user_id in now.readers else Qt.CheckState.Unchecked)
        self.released = QCheckBox(self.tr("Only from:"), self)
        self.release = QDateTimeEdit(self)
        self.release.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.release.setCalendarPopup(True)
        moment = vietnam(now.release_at) if now.release_at is not None else datetime.now(VIETNAM)
        self.release.setDateTime(QDateTime(moment.replace(microsecond=0, tzinfo=None)))
        self.released.setChecked(now.release_at is not None)
        self.released.toggled.connect(self.release.setEnabled)
        self.release.setEnabled(now.release_at is not None)
        index = self.audience.findData(now.audience)
        self.audience.setCurrentIndex(max(0, index))
        self.audience.currentIndexChanged.connect(self._audience_changed)
        form = QFormLayout()
        form.addRow(self.tr("&Readers:"), self.audience)
        form.addRow("", self.people)
        form.addRow(self.released, self.release)
        note = QLabel(self.tr("The organisers and the presenter always read it. "
                              "The change takes effect when the server accepts it."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._audience_changed()

    def _audience_changed(self) -> None:
        self.people.setEnabled(self.audience.currentData() == "named")

    def tick(self, user_id: str, on: bool = True) -> None:
        for row in range(self.people.count()):
            item = self.people.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == user_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def values(self) -> tuple[str, tuple[str, ...], str | None]:
        audience = str(self.audience.currentData())
        readers = tuple(
            str(self.people.item(r).data(Qt.ItemDataRole.UserRole)) for r in range(self.people.count())
            if self.people.item(r).checkState() == Qt.CheckState.Checked
        ) if audience == "named" else ()
        release = None
        if self.released.isChecked():
            picked = self.release.dateTime().toPython()
            assert isinstance(picked, datetime)
            release = picked.replace(tzinfo=VIETNAM).isoformat(timespec="seconds")
        return audience, readers, release


# --------------------------------------------------------------------------- versions


@dataclass(frozen=True)
class VersionRow:
    version: int
    added_at: datetime
    page_count: int
    size: int
    filename: str
    added_by: str


def load_versions(session: Session, document_id: str) -> list[VersionRow]:
    rows = versions_of(session, document_id)
    names = {u.id: u.full_name for u in session.query(User).filter(User.id.in_({r.added_by for r in rows}))}
    return [VersionRow(r.version, r.added_at, r.page_count, r.size, r.filename, names.get(r.added_by, ""))
            for r in rows]


class VersionsDialog(QDialog):
    """The document's versions side by side: compare page counts and dates."""

    def __init__(self, title: str, rows: list[VersionRow], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("versionsDialog")
        self.setWindowTitle(self.tr("Versions of “%1”").replace("%1", title))
        self.table = QTableWidget(len(rows), 5, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Version"), self.tr("Added"), self.tr("Pages"), self.tr("File"), self.tr("Added by")]
        )
        newest = rows[0].page_count if rows else 0
        for n, row in enumerate(rows):
            pages = str(row.page_count)
            if n and row.page_count != newest:
                pages += f" ({row.page_count - newest:+d})"
            for column, text in enumerate((str(row.version), day_time(row.added_at), pages, row.filename,
                                           row.added_by)):
                self.table.setItem(n, column, QTableWidgetItem(text))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumWidth(640)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)


# --------------------------------------------------------------------------- from the registers


@dataclass(frozen=True)
class RegisterHit:
    id: str
    label: str
    subject: str


def search_registers(session: Session, user_id: str, query: str) -> list[RegisterHit]:
    """The documents' own search (what the user may see), the newest fifty."""
    from eoffice.documents.search import search

    user = load_actor(session, user_id)
    rows = search(session, user, query, limit=50, today=date.today())
    return [RegisterHit(r.id, f"{r.number_label} — {r.type_name}", r.subject) for r in rows]


class RegisterPicker(QDialog):
    """A document of the registers to attach: type words, Enter, pick one."""

    def __init__(self, page: Any) -> None:
        super().__init__(page)
        self.page = page
        self.setObjectName("registerPicker")
        self.setWindowTitle(self.tr("Add a document from the registers"))
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(self.tr("Number, subject or words of the text — Enter to search"))
        self.query.returnPressed.connect(self.search)
        self.find_button = QPushButton(self.tr("Search"), self)
        self.find_button.setAutoDefault(False)
        self.find_button.clicked.connect(self.search)
        self.results = QTableWidget(0, 2, self)
        self.results.setHorizontalHeaderLabels([self.tr("Number"), self.tr("Subject")])
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().hide()
        self.results.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.results.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.results.doubleClicked.connect(lambda _i: self.accept())
        self.results.setMinimumSize(640, 300)
        self.hits: list[RegisterHit] = []
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.find_button)
        layout.addWidget(self.results, 1)
        layout.addWidget(buttons)

    def search(self) -> None:
        user_id, query = self.page.user_id, self.query.text()
        self.page.worker.read("meeting_register_search", lambda s: search_registers(s, user_id, query), self._show)

    def _show(self, hits: list[RegisterHit]) -> None:
        self.hits = hits
        self.results.setRowCount(len(hits))
        for n, hit in enumerate(hits):
            self.results.setItem(n, 0, QTableWidgetItem(hit.label))
            self.results.setItem(n, 1, QTableWidgetItem(hit.subject))
        if hits:
            self.results.selectRow(0)

    def chosen(self) -> RegisterHit | None:
        row = self.results.currentRow()
        return self.hits[row] if 0 <= row < len(self.hits) else None


# --------------------------------------------------------------------------- the actions


class DocumentActions(QObject):
    """The documents' actions on the meeting page (organisers)."""

    def __init__(self, page: Any) -> None:
        super().__init__(page)
        self.page = page
        self.dialog: QDialog | None = None
        self.act_add = self._action(self.tr("Add PDF…"), "Ctrl+O", self.choose_files,
                                    self.tr("Add PDF files to the selected item (Ctrl+O; or drop them on it)"))
        self.act_register = self._action(self.tr("From the registers…"), "", self.pick_from_registers,
                                         self.tr("Add a document from the registers to the selected item"))
        self.act_replace = self._action(self.tr("Replace document…"), "", self.choose_replacement,
                                        self.tr("Replace the selected document with a new version (the old is kept)"))
        self.act_access = self._action(self.tr("Who may read…"), "", self.edit_access,
                                       self.tr("Who may read the selected document, and from when"))
        self.act_versions = self._action(self.tr("Versions…"), "", self.show_versions,
                                         self.tr("Compare the selected document's versions"))
        self.act_remove = self._action(self.tr("Remove document"), "", self.remove_document,
                                       self.tr("Remove the selected document"))
        self.actions = [self.act_add, self.act_register, self.act_replace, self.act_access, self.act_versions,
                        self.act_remove]
        page.agenda.files_dropped.connect(lambda item_id, paths: self.add_files(item_id, [Path(p) for p in paths]))

    def _action(self, text: str, keys: str, slot: Any, tip: str) -> QAction:
        action = QAction(text, self.page)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.page.tree.addAction(action)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _status(self, text: str) -> None:
        self.page.window_.statusBar().showMessage(text, SAID_FOR)

    def _item(self) -> ItemView | None:
        return self.page.editor.current_item() if self.page.editor is not None else None

    def _document(self) -> DocumentView | None:
        doc = self.page.current_document()
        if doc is None:
            self._status(self.tr("Select a document first"))
        return doc if isinstance(doc, DocumentView) else None

    # -- adding --------------------------------------------------------------------

    def choose_files(self) -> None:
        item = self._item()
        if item is None:
            self._status(self.tr("Select an agenda item first"))
            return
        names, _ = QFileDialog.getOpenFileNames(self.page, self.tr("Add PDF documents"), "", self.tr("PDF (*.pdf)"))
        if names:
            self.add_files(item.id, [Path(n) for n in names])

    def add_files(self, item_id: str, paths: list[Path]) -> None:
        """Each file checked and stored, then one operation per file, all or none."""
        page = self.page
        blobs, worker, user_id, meeting_id = page.window_.blobs, page.worker, page.user_id, page.meeting_id

        def job() -> int:
            refs = [prepare_pdf(path, blobs) for path in paths]  # refuses a non-PDF before anything is added
            ops = [
                AddMeetingDocument(
                    op_id=Id(new_id()), document_id=Id(new_id()), version_id=Id(new_id()),
                    meeting_id=Id(meeting_id), item_id=Id(item_id), title=Path(ref.filename).stem[:500], file=ref,
                )
                for ref in refs
            ]
            worker.apply_operations(user_id, list(ops))
            return len(ops)

        worker.call("meeting_add_documents", job,
                    lambda n: self._status(self.tr("%1 documents added").replace("%1", str(n))))

    def pick_from_registers(self) -> None:
        item = self._item()
        if item is None:
            self._status(self.tr("Select an agenda item first"))
            return
        picker = RegisterPicker(self.page)
        self.dialog = picker
        picker.accepted.connect(lambda: self._add_from_register(item.id, picker.chosen()))
        picker.open()
        picker.search()

    def _add_from_register(self, item_id: str, hit: RegisterHit | None) -> None:
        if hit is None:
            return
        user_id, meeting_id = self.page.user_id, self.page.meeting_id

        def build(session: Session) -> AddMeetingDocument:
            ref = register_file(session, user_id, hit.id)
            return AddMeetingDocument(
                op_id=Id(new_id()), document_id=Id(new_id()), version_id=Id(new_id()), meeting_id=Id(meeting_id),
                item_id=Id(item_id), title=hit.subject[:500] or ref.filename, file=ref, source_document_id=Id(hit.id),
            )

        self.page.worker.submit("meeting_add_document", user_id, build,
                                lambda _r: self._status(self.tr("Document added: %1").replace("%1", hit.subject)))

    # -- a document ----------------------------------------------------------------

    def choose_replacement(self) -> None:
        doc = self._document()
        if doc is None:
            return
        name, _ = QFileDialog.getOpenFileName(
            self.page, self.tr("Replace “%1”").replace("%1", doc.title), "", self.tr("PDF (*.pdf)")
        )
        if name:
            self.replace(doc.id, Path(name))

    def replace(self, document_id: str, path: Path) -> None:
        """A new version; the old one stays for those who annotated it."""
        page = self.page
        blobs, worker, user_id = page.window_.blobs, page.worker, page.user_id

        def job() -> Any:
            ref = prepare_pdf(path, blobs)
            op = ReplaceMeetingDocument(Id(new_id()), Id(document_id), Id(new_id()), ref)
            return worker.apply_operation(user_id, lambda _s: op)

        def done(result: Any) -> None:
            version = result[1].data.get("version", "")
            self._status(self.tr("Document replaced: version %1; readers see it as updated").replace(
                "%1", str(version)))

        worker.call("meeting_replace_document", job, done)

    def edit_access(self) -> None:
        doc = self._document()
        if doc is None or self.page.data is None:
            return
        people = self.page.data.view.participants

        def show(now: AccessNow) -> None:
            dialog = AccessDialog(doc.title, now, people, self.page)
            self.dialog = dialog
            dialog.accepted.connect(lambda: self.set_access(doc.id, *dialog.values()))
            dialog.open()

        self.page.worker.read("meeting_document_access", lambda s: load_access(s, doc.id), show)

    def set_access(self, document_id: str, audience: str, readers: tuple[str, ...], release_at: str | None) -> None:
        op = SetDocumentAccess(
            op_id=Id(new_id()), document_id=Id(document_id), audience=audience,
            readers=tuple(Id(r) for r in readers), release_at=release_at,
        )

        def done(result: Any) -> None:
            pending = result[1].data.get("pending")
            self._status(
                self.tr("Access sent; it takes effect when the server accepts it") if pending
                else self.tr("Access saved")
            )

        self.page.worker.submit("meeting_set_document_access", self.page.user_id, lambda _s: op, done)

    def show_versions(self) -> None:
        doc = self._document()
        if doc is None:
            return

        def show(rows: list[VersionRow]) -> None:
            self.dialog = VersionsDialog(doc.title, rows, self.page)
            self.dialog.open()

        self.page.worker.read("meeting_document_versions", lambda s: load_versions(s, doc.id), show)

    def remove_document(self) -> None:
        doc = self._document()
        if doc is None:
            return
        op = RemoveMeetingDocument(Id(new_id()), Id(doc.id))
        self.page.window_._confirm(
            self.tr("Remove document"),
            self.tr("Remove “%1” from the agenda?").replace("%1", doc.title),
            self.tr("It is kept in the record, but nobody sees it on the agenda any more."),
            self.tr("Remove"),
            lambda: self.page.worker.submit(
                "meeting_remove_document", self.page.user_id, lambda _s: op,
                lambda _r: self._status(self.tr("Document removed: %1").replace("%1", doc.title)),
            ),
        )
