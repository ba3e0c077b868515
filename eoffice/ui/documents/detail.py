"""The detail pane: the PDF, the fields, the direction lines and the history of a document."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.directory.models import Unit, User
from eoffice.store.blobs import BlobStore
from eoffice.ui import labels
from eoffice.ui.documents.extension_dialog import ExtensionBar, ExtensionView, extension_text, extension_views
from eoffice.ui.pdf.render import load_pdf
from eoffice.ui.pdf.view import PdfPageView
from eoffice.ui.rows import QT_TRANSLATE_NOOP, RowsModel, text_column

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LineView:
    """A direction line as the pane shows it, read inside the worker's session."""

    id: str
    role: str
    assignee: str
    unit_id: str | None
    user_id: str | None
    deadline: Any
    state: str
    reason: str
    note: str
    parent_line_id: str | None
    #: Its latest deadline extension request (``extension_dialog``), if any.
    extension: ExtensionView | None = None


@dataclass(frozen=True)
class FileView:
    """One PDF of the shown document, with what signing needs to know of it."""

    id: str
    filename: str
    digest: str
    path: Path
    is_main: bool
    page_count: int
    signed_kinds: tuple[str, ...] = ()


@dataclass
class DocumentDetail:
    """Everything the pane shows of one document; plain data, safe to hand across threads."""

    id: str
    direction: str
    state: str
    fields: dict[str, Any]
    files: list[tuple[str, Path, bool]] = field(default_factory=list)
    #: The files' SHA-256 digests, in the same order (to fetch the missing ones).
    digests: list[str] = field(default_factory=list)
    lines: list[LineView] = field(default_factory=list)
    directions: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)
    created_by: str | None = None
    approver_id: str | None = None
    #: Outgoing draft: the leader chosen to sign it (``Document.signer_id``).
    signer_id: str | None = None
    #: Outgoing draft: who signs it before the leader (``Document.cosigner_id``).
    cosigner_id: str | None = None
    review_comment: str = ""
    return_reason: str = ""
    #: The files with their ids and signatures, in the same order as ``files``.
    file_views: list[FileView] = field(default_factory=list)
    #: The number the register gave (None while "chờ cấp số").
    register_number: int | None = None
    organisation_id: str = ""
    #: The trusted roots on this computer, to verify the files' signatures against.
    trust_roots: list[Any] = field(default_factory=list)


def load_detail(
    session: Session, blobs: BlobStore, actor_id: str, document_id: str, *, audited: bool = True
) -> DocumentDetail:
    """Open the document (an audited reading) and gather what the pane needs.

    ``audited=False`` re-reads a document already open on screen after a change made to
    it, which is not a new opening.
    """
    from eoffice.documents.history import document_timeline
    from eoffice.ui.i18n import current_language
    from eoffice.documents.incoming import open_document
    from eoffice.documents.models import Document
    from eoffice.errors import NotFound
    from eoffice.signing.trust import trusted_roots

    if audited:
        doc = open_document(session, actor_id, document_id)
    else:
        found = session.get(Document, document_id)
        if found is None or found.deleted:
            raise NotFound("Không tìm thấy văn bản.", "Document not found.")
        doc = found
    org = doc.organisation_id
    names = {
        uid: name for uid, name in session.execute(select(User.id, User.full_name).where(User.organisation_id == org))
    }
    units = {uid: name for uid, name in session.execute(select(Unit.id, Unit.name).where(Unit.organisation_id == org))}
    detail = DocumentDetail(
        id=doc.id,
        direction=doc.direction,
        state=doc.state,
        fields={
            "number_label": doc.number_label,
            "arrival_number": doc.arrival_number,
            "arrival_date": doc.arrival_date,
            "issued_date": doc.issued_date,
            "organ_name": doc.organ_name,
            "organ_id": doc.organ_id,
            "type_name": doc.type_name,
            "subject": doc.subject,
            "signer": ", ".join(p for p in (doc.signer_position, doc.signer_full_name) if p),
            "signer_full_name": doc.signer_full_name,
            "cosigner": ", ".join(
                p for p in (doc.cosigner_position, names.get(doc.cosigner_id or "", "")) if p
            ) if doc.cosigner_id else "",
            "approver_name": names.get(doc.approver_id or "", ""),
            "priority": doc.priority,
            "secrecy": doc.secrecy,
            "page_amount": doc.page_amount,
            "due_date": doc.due_date,
            "to_places": doc.to_places,
            "recipients_note": doc.recipients_note,
        },
        files=[(f.filename, blobs.path_for(f.digest), f.is_main) for f in doc.files],
        digests=[f.digest for f in doc.files],
        created_by=doc.created_by,
        approver_id=doc.approver_id,
        signer_id=doc.signer_id,
        cosigner_id=doc.cosigner_id,
        review_comment=doc.review_comment,
        return_reason=doc.return_reason,
        file_views=[
            FileView(
                f.id, f.filename, f.digest, blobs.path_for(f.digest), f.is_main, f.page_count,
                tuple(k for k in (f.signed_kinds or "").split(",") if k),
            )
            for f in doc.files
        ],
        register_number=doc.register_number,
        organisation_id=doc.organisation_id,
        trust_roots=trusted_roots(session),
    )
    try:
        from eoffice.documents.directions import directions_of, lines_of
    except ImportError:  # pragma: no cover - while directions are being written
        lines_of = directions_of = None  # type: ignore[assignment]
    if lines_of is not None and directions_of is not None:
        for direction in directions_of(session, doc.id):
            if direction.text:
                detail.directions.append(f"{names.get(direction.leader_id, '')}: {direction.text}")
        extensions = extension_views(session, doc.id, names)
        for line in lines_of(session, doc.id):
            who = names.get(line.user_id or "", "") if line.user_id else units.get(line.unit_id or "", "")
            if line.user_id and line.unit_id:
                who = f"{who} ({units.get(line.unit_id, '')})"
            detail.lines.append(
                LineView(
                    id=line.id,
                    role=line.role,
                    assignee=who,
                    unit_id=line.unit_id,
                    user_id=line.user_id,
                    deadline=line.deadline,
                    state=line.state,
                    reason=line.return_reason,
                    note=line.result_note,
                    parent_line_id=line.parent_line_id,
                    extension=extensions.get(line.id),
                )
            )
    try:
        timeline = document_timeline(session, doc.id, names, units, current_language())
    except Exception:  # a description must never hide the document
        log.exception("cannot tell the history of document %s", doc.id)
        timeline = []
    for entry in timeline:
        when = entry.at.astimezone().strftime("%d/%m/%Y %H:%M") if entry.at else ""
        actor = names.get(entry.actor_id or "", "") or entry.actor
        if entry.on_behalf_of:  # a deputy acting for an absent leader
            actor = QCoreApplication.translate("DocumentDetail", "%1 (for %2)").replace("%1", actor).replace(
                "%2", names.get(entry.on_behalf_of, "")
            )
        detail.history.append(f"{when}  {actor}  {entry.text}".strip())
    return detail



class LinesModel(RowsModel[LineView]):
    """The direction lines of the shown document."""

    key = attrgetter("id")  # a refresh of the same lines keeps the selected one
    columns = (
        text_column(
            QT_TRANSLATE_NOOP("LinesModel", "Part"),
            lambda line: ("  ↳ " if line.parent_line_id else "") + labels.line_role_label(line.role),
        ),
        text_column(QT_TRANSLATE_NOOP("LinesModel", "Unit / person"), attrgetter("assignee")),
        text_column(QT_TRANSLATE_NOOP("LinesModel", "Deadline"), lambda line: labels.format_date(line.deadline)),
        text_column(
            QT_TRANSLATE_NOOP("LinesModel", "State"),
            lambda line: " — ".join(
                t for t in (labels.line_state_label(line.state), extension_text(line)) if t
            ),
        ),
        text_column(QT_TRANSLATE_NOOP("LinesModel", "Reason / result"), lambda line: line.reason or line.note),
    )

    @property
    def lines(self) -> list[LineView]:
        return self.rows

    def set_lines(self, lines: list[LineView]) -> None:
        self.set_rows(lines)


class HistoryModel(RowsModel[str]):
    """The audit events of the shown document, oldest first (one line of text each)."""

    columns = (text_column("", str),)

    @property
    def items(self) -> list[str]:
        return self.rows

    def set_items(self, items: list[str]) -> None:
        self.set_rows(items)


class DetailPane(QWidget):
    """The right side of the window: PDF viewer above, tabs of fields, lines and history."""

    file_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: DocumentDetail | None = None
        #: Verification reports by (digest, roots): a refresh does not check a file again.
        self._verified: dict[tuple[str, tuple[bytes, ...]], Any] = {}
        #: The document and files the viewer shows (a refresh keeps the page in view).
        self._shown_files: tuple[str, list[tuple[str, str, bool]]] = ("", [])
        self.pdf = QPdfDocument(self)
        #: The pages with their signatures and seals drawn (QPdfView draws neither).
        self.pdf_view = PdfPageView(self)
        self.pdf_view.setDocument(self.pdf)
        self.file_combo = QComboBox(self)
        self.file_combo.currentIndexChanged.connect(self._show_file)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        #: "Mật", "Tối mật", "Tuyệt mật" beside the title of a secret document.
        self.secret_badge = QLabel(self)
        self.secret_badge.setObjectName("secretBadge")
        self.secret_badge.setStyleSheet(
            "QLabel#secretBadge { color: #b71c1c; background: #fdecea; border: 1px solid #b71c1c;"
            " border-radius: 3px; padding: 1px 6px; font-weight: bold; }"
        )
        self.secret_badge.hide()

        viewer = QWidget(self)
        viewer_layout = QVBoxLayout(viewer)
        viewer_layout.setContentsMargins(0, 0, 0, 0)
        files_row = QHBoxLayout()
        self.files_label = QLabel(self.tr("File:"), viewer)
        files_row.addWidget(self.files_label)
        files_row.addWidget(self.file_combo, 1)
        self.full_button = QPushButton(self.tr("Open full size"), viewer)
        self.full_button.setToolTip(self.tr("Read, zoom, search, save a copy or print (or double-click the page)"))
        self.full_button.setEnabled(False)
        self.reader: Any = None  # the last reader window opened
        self.full_button.clicked.connect(self.open_reader)
        self.pdf_view.double_clicked.connect(self.open_reader)
        files_row.addWidget(self.full_button)
        self.print_button = QPushButton(self.tr("Print…"), viewer)
        self.print_button.setToolTip(self.tr("Print the file on a printer, with its signatures and seals"))
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_file)
        self.printing: Any = None  # the printing of the file on screen
        files_row.addWidget(self.print_button)
        viewer_layout.addLayout(files_row)
        self.file_missing = QLabel(viewer)
        self.file_missing.setAlignment(Qt.AlignCenter)
        self.file_missing.setStyleSheet("color: #5f6368; padding: 24px;")
        self.file_missing.hide()
        viewer_layout.addWidget(self.file_missing)
        viewer_layout.addWidget(self.pdf_view, 1)

        self.form_widget = _FormPage()
        self.form = QFormLayout(self.form_widget)
        self.form.setRowWrapPolicy(QFormLayout.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.field_labels: dict[str, QLabel] = {}
        for key, caption in self._captions().items():
            value = QLabel()
            value.setWordWrap(True)
            value.setAlignment(Qt.AlignTop | Qt.AlignLeft)
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.field_labels[key] = value
            self.form.addRow(caption, value)
        form_scroll = QScrollArea()
        form_scroll.setWidgetResizable(True)
        form_scroll.setWidget(self.form_widget)

        self.lines_model = LinesModel()
        self.lines_view = QTableView()
        self.lines_view.setModel(self.lines_model)
        self.lines_view.setSelectionBehavior(QTableView.SelectRows)
        self.lines_view.setSelectionMode(QTableView.SingleSelection)
        self.lines_view.verticalHeader().hide()
        self.lines_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.lines_view.horizontalHeader().setStretchLastSection(True)
        self.directions_label = QLabel()
        self.directions_label.setWordWrap(True)
        lines_box = QWidget()
        lines_layout = QVBoxLayout(lines_box)
        lines_layout.addWidget(self.directions_label)
        lines_layout.addWidget(self.lines_view, 1)
        #: Ask for, approve or refuse a deadline extension of a line.
        self.extensions = ExtensionBar(self)
        lines_layout.addWidget(self.extensions)

        self.history_model = HistoryModel()
        self.history_view = QListView()
        self.history_view.setModel(self.history_model)
        self.history_view.setWordWrap(True)

        from eoffice.ui.signing.signatures_panel import SignaturesPanel

        #: The signatures of the PDF on screen, verified off the GUI thread.
        self.signatures = SignaturesPanel(parent=self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(form_scroll, self.tr("Fields"))
        self.tabs.addTab(lines_box, self.tr("Direction"))
        self.tabs.addTab(self.signatures, self.tr("Digital signatures"))
        self.tabs.addTab(self.history_view, self.tr("History"))
        self.signatures.verified.connect(self._count_signatures)

        self.body = splitter = QSplitter(Qt.Vertical, self)
        splitter.addWidget(viewer)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.tabs.setUsesScrollButtons(False)  # every tab in sight: their names shorten instead
        self.tabs.setElideMode(Qt.ElideRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.secret_badge, 0, Qt.AlignTop)
        heading.addWidget(self.title, 1)
        layout.addLayout(heading)
        layout.addWidget(splitter, 1)
        self.clear()

    def _captions(self) -> dict[str, str]:
        return {
            "number_label": self.tr("Number and notation"),
            "arrival_number": self.tr("Arrival number"),
            "arrival_date": self.tr("Arrival date"),
            "issued_date": self.tr("Issued date"),
            "organ_name": self.tr("Issuing organ"),
            "organ_id": self.tr("Organ identifier"),
            "type_name": self.tr("Type"),
            "subject": self.tr("Subject"),
            "signer": self.tr("Signer"),
            "cosigner": self.tr("Co-signer (signs first)"),
            "priority": self.tr("Urgency"),
            "secrecy": self.tr("Secrecy"),
            "page_amount": self.tr("Pages"),
            "due_date": self.tr("Due date"),
            "to_places": self.tr("Recipients"),
            "recipients_note": self.tr("Receiving unit / person"),
            "state": self.tr("State"),
        }

    #: Fields that only an incoming or only an outgoing document has.
    INCOMING_ONLY = ("arrival_number", "arrival_date", "organ_name", "organ_id", "recipients_note")
    OUTGOING_ONLY = ("to_places", "cosigner")

    def _show_fields_of(self, direction: str) -> None:
        """Incoming fields for an incoming document, outgoing ones for an outgoing one."""
        hidden = self.OUTGOING_ONLY if direction == "incoming" else self.INCOMING_ONLY
        for key, value in self.field_labels.items():
            # the co-signer's row only where a draft names one
            self.form.setRowVisible(value, key not in hidden and (key != "cosigner" or bool(value.text())))

    def _show_secrecy(self, secrecy: str) -> None:
        secret = secrecy not in ("", "none")
        self.secret_badge.setText(labels.secrecy_label(secrecy).upper() if secret else "")
        self.secret_badge.setToolTip(self.tr("Secret document: numbered in the secret register") if secret else "")
        self.secret_badge.setVisible(secret)
        value = self.field_labels["secrecy"]
        value.setStyleSheet("color: #b71c1c; font-weight: bold;" if secret else "")

    def _cosigner_text(self, detail: DocumentDetail) -> str:
        """"THƯ KÝ, Trần Thị Thẻ — signed" (or "not signed yet") for a draft with a co-signer."""
        text = str(detail.fields.get("cosigner") or "")
        if not text:
            return ""
        main = next((v for v in detail.file_views if v.is_main), None)
        if main is not None and "cosigner" in main.signed_kinds:
            state = self.tr("signed")
        else:
            state = self.tr("not signed yet")
        return f"{text} — {state}"

    def clear(self) -> None:
        self.detail = None
        self.secret_badge.hide()
        self.title.setText(self.tr("Select a document in the list to read it."))
        self.tabs.setEnabled(False)
        self.file_combo.blockSignals(True)
        self.file_combo.clear()
        self.file_combo.blockSignals(False)
        self.pdf.close()
        self._file_shown(False)
        self._shown_files = ("", [])
        self.file_missing.hide()
        for value in self.field_labels.values():
            value.clear()
        self.lines_model.set_lines([])
        self.history_model.set_items([])
        self.directions_label.clear()
        self.signatures.clear()
        self.tabs.setTabText(self.tabs.indexOf(self.signatures), self.tr("Digital signatures"))

    def show_detail(self, detail: DocumentDetail) -> None:
        self.detail = detail
        self.tabs.setEnabled(True)
        f = detail.fields
        self.title.setText(f"{f['type_name']} {f['number_label']} — {f['subject']}")
        texts: dict[str, str] = {
            "number_label": labels.pending_number_label() if f["number_label"] == "chờ cấp số" else f["number_label"],
            "arrival_number": f"{f['arrival_number']:02d}" if f["arrival_number"] else "",
            "arrival_date": labels.format_date(f["arrival_date"]),
            "issued_date": labels.format_date(f["issued_date"]),
            "organ_name": f["organ_name"],
            "organ_id": f["organ_id"],
            "type_name": f["type_name"],
            "subject": f["subject"],
            "signer": f["signer"],
            "cosigner": self._cosigner_text(detail),
            "priority": labels.priority_label(f["priority"]),
            "secrecy": labels.secrecy_label(f["secrecy"]),
            "page_amount": str(f["page_amount"] or ""),
            "due_date": labels.format_date(f["due_date"]),
            "to_places": f["to_places"],
            "recipients_note": f["recipients_note"],
            "state": labels.state_label(detail.state),
        }
        if detail.state in ("reviewing", "submitted") and f.get("approver_name"):
            texts["state"] += f": {f['approver_name']}"  # whom it waits for
        comment = detail.review_comment or detail.return_reason
        if comment:
            texts["state"] += f" — {comment}"
        for key, value in texts.items():
            self.field_labels[key].setText(value)
        self._show_fields_of(detail.direction)
        self.form_widget.fit()
        self._show_secrecy(f["secrecy"])
        self.lines_model.set_lines(detail.lines)
        self.history_model.set_items(detail.history)
        self.directions_label.setText("\n".join(detail.directions))
        self.directions_label.setVisible(bool(detail.directions))
        files = [(name, str(path), is_main) for name, path, is_main in detail.files]
        self._verified = {k: v for k, v in self._verified.items() if k[0] in {f.digest for f in detail.file_views}}
        same_document = self._shown_files[0] == detail.id
        if same_document and self._shown_files[1] == files and self._shown_path_ready():
            self._verify(self.file_combo.currentIndex())  # the roots may have changed
            return  # a refresh of the document on screen: keep the page the user is reading
        keep = self.file_combo.currentIndex() if same_document and self._shown_files[1] == files else 0
        self._shown_files = (detail.id, files)
        self.file_combo.blockSignals(True)
        self.file_combo.clear()
        for name, path, is_main in files:
            caption = name if is_main else self.tr("Attachment: %1").replace("%1", name)
            self.file_combo.addItem(caption, path)
        self.file_combo.setCurrentIndex(max(0, keep))
        self.file_combo.blockSignals(False)
        self._show_file(max(0, keep))

    def _shown_path_ready(self) -> bool:
        path = self.file_combo.currentData()
        return not path or (Path(path).exists() and not self.file_missing.isVisible())

    def _show_file(self, position: int) -> None:
        path = self.file_combo.itemData(position) if position >= 0 else None
        self.pdf.close()
        self._file_shown(False)
        # Another file: nothing of the previous one's signatures stays on screen.
        self.signatures.clear()
        self.tabs.setTabText(self.tabs.indexOf(self.signatures), self.tr("Digital signatures"))
        if path and not Path(path).exists():
            # A synced document whose PDF is still on its way from the server.
            self.file_missing.setText(self.tr("The file is being downloaded from the server…"))
            self.file_missing.show()
            return
        self.file_missing.hide()
        if path:
            self._file_shown(load_pdf(self.pdf, path))
            self._verify(position)
            self.file_changed.emit(path)

    def _file_shown(self, shown: bool) -> None:
        self.full_button.setEnabled(shown)
        self.print_button.setEnabled(shown)

    def print_file(self) -> None:
        """The print dialog for the file on screen; it prints as shown, seals included."""
        from eoffice.ui.pdf.printing import PdfPrinting

        shown = self.current_file()
        self.printing = PdfPrinting(self.pdf, shown.filename if shown is not None else "", self)
        window = self.window()
        if hasattr(window, "statusBar"):
            self.printing.done.connect(lambda text: window.statusBar().showMessage(text, 10_000))
        if hasattr(window, "show_message"):
            self.printing.failed.connect(lambda text: window.show_message(QMessageBox.Warning, self.tr("Print"), text))
        self.printing.ask()

    def open_reader(self) -> None:
        """The file on screen in a reader window, full size."""
        from eoffice.ui.pdf.reader import open_reader

        path = self.file_combo.currentData()
        if not path or not Path(path).exists():
            return
        shown = self.current_file()
        self.reader = open_reader(path, shown.filename if shown is not None else "", self.window())

    def _count_signatures(self, report: Any) -> None:
        """The tab says how many signatures the file on screen has, and whether one is bad."""
        index = self.tabs.indexOf(self.signatures)
        n = len(report.signatures)
        mark = "" if not n else (" ✓" if report.ok else " ✗")
        self.tabs.setTabText(index, self.tr("Digital signatures") + (f" ({n}){mark}" if n else ""))

    def current_file(self) -> FileView | None:
        """The file on screen, with its id and signatures."""
        views = self.detail.file_views if self.detail is not None else []
        position = self.file_combo.currentIndex()
        return views[position] if 0 <= position < len(views) else None

    def _verify(self, position: int) -> None:
        """Check the signatures of the file on screen (once per version and set of roots)."""
        if self.detail is None or not (0 <= position < len(self.detail.file_views)):
            return
        view = self.detail.file_views[position]
        if not view.path.exists():
            return
        from cryptography.hazmat.primitives.serialization import Encoding

        roots = tuple(sorted(c.public_bytes(Encoding.DER) for c in self.detail.trust_roots))
        key = (view.digest, roots)
        known = self._verified.get(key)
        if known is not None:
            self.signatures.set_report(known)
            return

        def keep(report: Any) -> None:
            self._verified[key] = report

        self.signatures.verify(view.path, self.detail.trust_roots, on_report=keep)


class _FormPage(QWidget):
    """The fields' page in its scroll area: as tall as its rows need at its width.

    A form gives a word-wrapped value the height of one line: a long subject overlapped
    the next row.
    """

    def fit(self) -> None:
        """Each wrapped value asks the height of its lines at its width (the form would
        give it one line's)."""
        for label in self.findChildren(QLabel):
            if label.wordWrap() and label.width() > 0:
                height = max(0, label.heightForWidth(label.width())) if label.text() else 0
                if height != label.minimumHeight():
                    label.setMinimumHeight(height)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.fit()
