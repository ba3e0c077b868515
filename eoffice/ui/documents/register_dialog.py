"""Vào sổ văn bản đến: the clerk registers a received document from its PDF files."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from eoffice.documents.fields import LIMITS, DocumentFields
from eoffice.documents.types import CONG_VAN, DOCUMENT_TYPES, Priority, Secrecy
from eoffice.errors import DomainError, InvalidFileError
from eoffice.signing.verify import VerificationReport
from eoffice.store.blobs import BlobStore
from eoffice.ui import labels
from eoffice.ui.documents.forms import FormDialog, OptionalDate, date_edit, from_qdate
from eoffice.ui.i18n import current_language
from eoffice.ui.pdf.render import load_pdf
from eoffice.ui.pdf.view import PdfPageView
from eoffice.ui.tasks import TaskRunner
from eoffice.ui.tasks import DbWorker


def pdf_paths(mime: QMimeData) -> list[Path]:
    """Local files among dropped URLs (every file: the domain says which is not a PDF)."""
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def field_problems(fields: DocumentFields, *, incoming: bool) -> list[tuple[str | None, str]]:
    """Every problem ``fields.clean`` finds, not only the first: each field it refuses is
    set aside (given a harmless value in a copy) and the check runs again."""
    import copy

    from eoffice.documents.fields import clean
    from eoffice.errors import ValidationError

    harmless: dict[str, Any] = {
        "subject": "-", "organ_name": "-", "organ_id": "", "code_number": None, "code_notation": "",
        "type_name": CONG_VAN, "priority": Priority.NORMAL.value, "secrecy": Secrecy.NONE.value,
        "page_amount": None, "issued_amount": None, "issued_date": date.today(), "due_date": None,
        "signer_position": "", "signer_full_name": "", "to_places": "", "recipients_note": "", "note": "",
    }
    trial = copy.deepcopy(fields)
    found: list[tuple[str | None, str]] = []
    for _ in range(len(harmless) + 1):
        try:
            clean(copy.deepcopy(trial), incoming=incoming)
            break
        except ValidationError as err:
            found.append((err.field, err.message(current_language())))
            if err.field not in harmless:
                break
            setattr(trial, err.field, harmless[err.field])
    return found


class FileList(QWidget):
    """The document's files, main file first; files come by dialog or by drag and drop."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths: list[Path] = []
        self.list = QListWidget(self)
        self.list.setMaximumHeight(90)
        self.list.setToolTip(self.tr("Drop PDF files here. The first file is the main document."))
        self.add_button = QPushButton(self.tr("Add PDF…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.add_button.clicked.connect(self.choose)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.setAcceptDrops(True)
        self._show()

    def choose(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose the document's PDF files"), "", self.tr("PDF files (*.pdf);;All files (*)")
        )
        self.add_paths([Path(n) for n in names])

    def add_paths(self, paths: list[Path]) -> None:
        for path in paths:
            if path not in self.paths:
                self.paths.append(path)
        self._show()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.paths):
            del self.paths[row]
            self._show()

    def _show(self) -> None:
        self.list.clear()
        if not self.paths:
            hint = QListWidgetItem(self.tr("Drop the PDF files here, or press “Add PDF…”."))
            hint.setFlags(Qt.NoItemFlags)
            self.list.addItem(hint)
        for position, path in enumerate(self.paths):
            prefix = self.tr("Main file") if position == 0 else self.tr("Attachment")
            self.list.addItem(f"{prefix}: {path.name}")
        self.changed.emit()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.add_paths(pdf_paths(event.mimeData()))
        event.acceptProposedAction()


def page_count(path: Path) -> int:
    """Pages of a PDF as QtPdf reads it; 0 when it cannot (the domain will say why)."""
    document = QPdfDocument()
    try:
        if document.load(str(path)) != QPdfDocument.Error.None_:
            return 0
        return document.pageCount()
    finally:
        document.close()


class SubjectEdit(QWidget):
    """Trích yếu with a live "n/500" counter that turns red past the limit."""

    def __init__(self, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        self.edit.setMaximumHeight(80)
        self.counter = QLabel(self)
        self.counter.setAlignment(Qt.AlignRight)
        self.edit.textChanged.connect(self._count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.edit)
        layout.addWidget(self.counter)
        self._count()

    def text(self) -> str:
        return self.edit.toPlainText()

    def _count(self) -> None:
        n = len(self.edit.toPlainText().strip())
        self.counter.setText(f"{n}/{self.limit}")
        self.counter.setStyleSheet("color: #c62828; font-weight: bold;" if n > self.limit else "color: gray;")

    def setStyleSheet(self, sheet: str) -> None:  # highlight the editor itself
        self.edit.setStyleSheet(sheet)

    def setFocus(self) -> None:
        self.edit.setFocus()


def priority_combo(parent: QWidget | None = None) -> QComboBox:
    combo = QComboBox(parent)
    for p in Priority:
        combo.addItem(labels.priority_label(p.value), p.value)
    return combo


def secrecy_combo(parent: QWidget | None = None) -> QComboBox:
    combo = QComboBox(parent)
    for s in Secrecy:
        combo.addItem(labels.secrecy_label(s.value), s.value)
    return combo


def type_combo(parent: QWidget | None = None) -> QComboBox:
    combo = QComboBox(parent)
    for name, abbreviation in DOCUMENT_TYPES.items():
        combo.addItem(f"{name} ({abbreviation})" if abbreviation else name, name)
    combo.setCurrentIndex(combo.findData(CONG_VAN))
    return combo


class RegisterIncomingDialog(FormDialog):
    """The decree's input fields of a received document, its PDFs and the arrival date."""

    def __init__(
        self,
        worker: DbWorker,
        blobs: BlobStore,
        actor_id: str,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(worker, self.tr("Register incoming document"), parent)
        self.blobs = blobs
        self.actor_id = actor_id
        self.setAcceptDrops(True)
        self.setMinimumWidth(640)
        self.files = FileList(self)
        self.files.changed.connect(self._files_changed)
        #: The received PDF's signatures, verified off the GUI thread against the trusted roots.
        self.signatures = QLabel(self.tr("No file yet."), self)
        self.signatures.setWordWrap(True)
        self.signatures.setObjectName("receivedSignatures")
        self.return_reason = QLineEdit(self)
        self.return_reason.setMaxLength(500)
        self.runner = TaskRunner(self)
        self.report: VerificationReport | None = None
        self._checking: Path | None = None
        self.returned = False
        self._return_with: str | None = None
        self.organ_name = QLineEdit(self)
        self.organ_name.setMaxLength(LIMITS["organ_name"] + 50)
        self.organ_id = QLineEdit(self)
        self.organ_id.setPlaceholderText("000.00.01.H41")
        self.code_number = QLineEdit(self)
        self.code_notation = QLineEdit(self)
        self.code_notation.setPlaceholderText("QĐ-UBND")
        number_row = QWidget(self)
        number_layout = QHBoxLayout(number_row)
        number_layout.setContentsMargins(0, 0, 0, 0)
        number_layout.addWidget(self.code_number, 1)
        number_layout.addWidget(QLabel("/", number_row))
        number_layout.addWidget(self.code_notation, 3)
        self.issued_date = date_edit(today, self)
        self.type_name = type_combo(self)
        self.subject = SubjectEdit(LIMITS["subject"], self)
        self.signer_position = QLineEdit(self)
        self.signer_full_name = QLineEdit(self)
        self.priority = priority_combo(self)
        self.secrecy = secrecy_combo(self)
        self.page_amount = QSpinBox(self)
        self.page_amount.setRange(0, 100_000)
        self.page_amount.setSpecialValueText(" ")
        self.due_date = OptionalDate(self.tr("has a deadline"), self)
        self.recipients_note = QLineEdit(self)
        self.arrival_date = date_edit(today, self)

        self.form.addRow(self.tr("PDF files"), self.files)
        self.form.addRow(self.tr("Digital signatures"), self.signatures)
        self.form.addRow(self.tr("Reason to return"), self.return_reason)
        self.form.addRow(self.tr("Issuing organ"), self.organ_name)
        self.form.addRow(self.tr("Organ identifier"), self.organ_id)
        self.form.addRow(self.tr("Number / notation"), number_row)
        self.form.addRow(self.tr("Issued date"), self.issued_date)
        self.form.addRow(self.tr("Type"), self.type_name)
        self.form.addRow(self.tr("Subject"), self.subject)
        self.form.addRow(self.tr("Signer's position"), self.signer_position)
        self.form.addRow(self.tr("Signer"), self.signer_full_name)
        self.form.addRow(self.tr("Urgency"), self.priority)
        self.form.addRow(self.tr("Secrecy"), self.secrecy)
        self.form.addRow(self.tr("Pages"), self.page_amount)
        self.form.addRow(self.tr("Due date"), self.due_date)
        self.form.addRow(self.tr("Receiving unit / person"), self.recipients_note)
        self.form.addRow(self.tr("Arrival date"), self.arrival_date)
        self.field_widgets.update(
            files=self.files.list,
            return_reason=self.return_reason,
            reason=self.return_reason,
            organ_name=self.organ_name,
            organ_id=self.organ_id,
            code_number=self.code_number,
            code_notation=self.code_notation,
            issued_date=self.issued_date,
            type_name=self.type_name,
            subject=self.subject,
            signer_position=self.signer_position,
            signer_full_name=self.signer_full_name,
            priority=self.priority,
            secrecy=self.secrecy,
            page_amount=self.page_amount,
            due_date=self.due_date,
            recipients_note=self.recipients_note,
            arrival_date=self.arrival_date,
        )
        self._add_preview()
        self.ok_button.setText(self.tr("Register"))
        self.return_button = self.buttons.addButton(self.tr("Register and return"), QDialogButtonBox.ActionRole)
        self.return_button.setToolTip(self.tr(
            "The document is entered in the register (it arrived) and returned to the sender with the reason."
        ))
        self.return_button.clicked.connect(self.register_and_return)
        self._show_return(False)
        self.document_id: str | None = None
        self.arrival_number: int | None = None
        self._watch_fields()
        self._load_known_organs()

    # -- helping the clerk type ---------------------------------------------------------

    def _load_known_organs(self) -> None:
        """Complete the issuing organ from those already entered here (most frequent first)."""
        from sqlalchemy import func, select

        from eoffice.documents.models import Document

        def read(session: Any) -> list[tuple[str, str]]:
            count = func.count().label("n")
            rows = session.execute(
                select(Document.organ_name, Document.organ_id, count)
                .where(Document.direction == "incoming", Document.organ_name != "", Document.deleted.is_(False))
                .group_by(Document.organ_name, Document.organ_id)
                .order_by(count.desc())
                .limit(2000)
            )
            return [(name, organ_id) for name, organ_id, _n in rows]

        self.worker.read("known_organs", read, self._set_known_organs)

    def _set_known_organs(self, organs: list[tuple[str, str]]) -> None:
        self.known_organs: dict[str, str] = {}
        for name, organ_id in organs:
            self.known_organs.setdefault(name, organ_id)
        completer = QCompleter(list(self.known_organs), self)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setFilterMode(Qt.MatchContains)  # "nội vụ" finds "Sở Nội vụ tỉnh Nghệ An"
        completer.activated.connect(self._organ_chosen)
        self.organ_name.setCompleter(completer)

    def _organ_chosen(self, name: str) -> None:
        """A known organ chosen: its identifier too, when the clerk has not typed one."""
        organ_id = getattr(self, "known_organs", {}).get(name, "")
        if organ_id and not self.organ_id.text().strip():
            self.organ_id.setText(organ_id)

    # -- every problem at once, cleared as it is fixed ----------------------------------

    def _watch_fields(self) -> None:
        for edit in (self.organ_name, self.organ_id, self.code_number, self.code_notation, self.signer_position,
                     self.signer_full_name, self.recipients_note, self.return_reason):
            edit.textChanged.connect(self._recheck)
        self.subject.edit.textChanged.connect(self._recheck)
        for combo in (self.type_name, self.priority, self.secrecy):
            combo.currentIndexChanged.connect(self._recheck)
        for day in (self.issued_date, self.arrival_date, self.due_date.edit):
            day.dateChanged.connect(self._recheck)
        self.due_date.check.toggled.connect(self._recheck)
        self.page_amount.valueChanged.connect(self._recheck)
        self.files.changed.connect(self._recheck)

    def _recheck(self, *_args: Any) -> None:
        """While problems are shown, show those that remain (none: the banner goes)."""
        if self.error_text and not self.busy:
            self.show_errors(self.problems(), focus=False)

    def problems(self) -> list[tuple[str | None, str]]:
        """What stops the registration, every field at once (the domain's own checks)."""
        found: list[tuple[str | None, str]] = []
        if not self.files.paths:
            found.append(("files", self.tr("Add the document's PDF file (choose it or drop it here).")))
        return found + field_problems(self.fields(), incoming=True)

    # -- files ------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.files.add_paths(pdf_paths(event.mimeData()))
        event.acceptProposedAction()

    def add_files(self, paths: list[Path]) -> None:
        self.files.add_paths([Path(p) for p in paths])

    def _add_preview(self) -> None:
        """The main file's pages beside the form, signatures and seals drawn, to copy the fields from."""
        self.preview_pdf = QPdfDocument(self)
        self.preview = PdfPageView(self)
        self.preview.setDocument(self.preview_pdf)
        self.preview.setMinimumWidth(380)
        self.preview.hide()
        form = self.layout_.takeAt(self.layout_.indexOf(self.banner) + 1)  # the form
        row = QHBoxLayout()
        row.addLayout(form.layout(), 3)
        row.addWidget(self.preview, 2)
        self.layout_.insertLayout(1, row, 1)

    def _show_preview(self) -> None:
        shown = bool(self.files.paths) and load_pdf(self.preview_pdf, self.files.paths[0])
        if not shown:
            self.preview_pdf.close()
        elif self.preview.isHidden():  # room for the page beside the form, within the screen
            screen = self.screen().availableGeometry()
            width, height = max(self.width(), 1080), max(self.height(), 680)
            self.resize(min(width, screen.width() - 40), min(height, screen.height() - 60))
        self.preview.setVisible(shown)

    def _files_changed(self) -> None:
        if self.files.paths and self.page_amount.value() == 0:
            self.page_amount.setValue(page_count(self.files.paths[0]))
        self._show_preview()
        self._verify_main()

    # -- the received file's signatures -----------------------------------------------

    def _show_return(self, shown: bool) -> None:
        self.return_button.setVisible(shown)
        self.return_reason.setVisible(shown)
        label = self.form.labelForField(self.return_reason)
        if label is not None:
            label.setVisible(shown)

    def _verify_main(self) -> None:
        """Check the main file's signatures (the trusted roots read from this computer's database)."""
        from eoffice.signing.trust import trusted_roots

        self.report = None
        self._show_return(False)
        path = self.files.paths[0] if self.files.paths else None
        self._checking = path
        if path is None:
            self.signatures.setText(self.tr("No file yet."))
            self.signatures.setStyleSheet("")
            return
        self.signatures.setText(self.tr("Checking the digital signatures…"))
        self.signatures.setStyleSheet("")
        self.worker.read("trusted roots", trusted_roots, lambda roots: self._check(path, roots))

    def _check(self, path: Path, roots: list[Any]) -> None:
        from eoffice.signing.verify import verify_pdf

        if path != self._checking:
            return
        self.runner.run(
            "verify received", lambda: verify_pdf(path, roots),
            lambda report: self._checked(path, report), lambda err: self._unreadable(path, err),
        )

    def _unreadable(self, path: Path, err: BaseException) -> bool:
        if path == self._checking:
            self.signatures.setText(self.tr("The signatures cannot be read: the file may not be a PDF."))
            self.signatures.setStyleSheet("color: #8e0000;")
        return True

    def _checked(self, path: Path, report: VerificationReport) -> None:
        if path != self._checking:
            return
        self.report = report
        lang = current_language()
        signers = ", ".join(s.signer or "?" for s in report.signatures)
        if not report.signatures:
            text = self.tr("The file carries no digital signature (a paper scan, or not signed).")
            style = "color: #5f6368;"
        elif report.ok:
            text = self.tr("Valid: %1 signature(s), signed by %2.").replace("%1", str(len(report.signatures)))
            text, style = text.replace("%2", signers), "color: #006e28; font-weight: bold;"
        else:
            bad = next(s for s in report.signatures if not s.ok)
            untrusted = {p.code for p in bad.problems} == {"untrusted"}
            what = self.tr("UNTRUSTED") if untrusted else self.tr("NOT valid")
            text = self.tr("%1: signed by %2. %3").replace("%1", what).replace("%2", signers)
            text = text.replace("%3", " ".join(p.message(lang) for p in bad.problems))
            style = "color: #b00020; font-weight: bold;"
            self.return_reason.setText(self.reason_to_return(report))
            self._show_return(True)
        self.signatures.setText(text)
        self.signatures.setStyleSheet(style)

    @staticmethod
    def reason_to_return(report: VerificationReport) -> str:
        """The return's reason, in the sender's language (Vietnamese), from the verification."""
        bad = next(s for s in report.signatures if not s.ok)
        problems = " ".join(p.message_vi for p in bad.problems)
        return f"Văn bản điện tử có chữ ký số không hợp lệ (chữ ký của {bad.signer or 'không rõ'}): {problems}"

    def register_and_return(self) -> None:
        """Register the document (it arrived), then return it to its sender with the reason."""
        reason = self.return_reason.text().strip()
        if not reason:
            self.show_error(self.tr("Write the reason to return the document."), "return_reason")
            return
        self.submit(return_reason=reason)

    # -- submitting -------------------------------------------------------------------

    def fields(self) -> DocumentFields:
        return DocumentFields(
            type_name=self.type_name.currentData(),
            subject=self.subject.text(),
            organ_name=self.organ_name.text(),
            organ_id=self.organ_id.text(),
            code_number=self.code_number.text() or None,
            code_notation=self.code_notation.text(),
            issued_date=from_qdate(self.issued_date.date()),
            signer_position=self.signer_position.text(),
            signer_full_name=self.signer_full_name.text(),
            priority=self.priority.currentData(),
            secrecy=self.secrecy.currentData(),
            page_amount=self.page_amount.value() or None,
            due_date=self.due_date.value(),
            recipients_note=self.recipients_note.text(),
        )

    def submit(self, allow_duplicate: bool = False, return_reason: str | None = None) -> None:
        self._return_with = return_reason
        problems = self.problems()
        if problems:
            self.show_errors(problems)
            return
        paths = list(self.files.paths)
        fields = self.fields()
        arrival = from_qdate(self.arrival_date.date())
        blobs, worker, actor_id = self.blobs, self.worker, self.actor_id

        def register() -> tuple[str, int | None]:
            from eoffice.documents import operations as ops
            from eoffice.documents.incoming import prepare_files
            from eoffice.ops import FileRef
            from eoffice.store.base import new_id

            prepared = prepare_files(paths, blobs)  # slow: outside the transaction
            op = ops.RegisterIncoming(
                op_id=new_id(), document_id=new_id(), fields=ops.fields_json(fields),
                files=tuple(FileRef.of(p) for p in prepared), arrival_date=arrival.isoformat(),
                allow_duplicate=allow_duplicate,
            )
            if return_reason is None:
                _op, result = worker.apply_operation(actor_id, lambda _session: op)
            else:  # one transaction: registered and returned, or neither
                back = ops.ReturnDocument(op_id=new_id(), document_id=op.document_id, reason=return_reason)
                result = worker.apply_operations(actor_id, [op, back])[0]
            return result.data["document_id"], result.data["arrival_number"]

        self.run_call("register_incoming", register)

    def _done(self, result: Any) -> None:
        self.document_id, self.arrival_number = result
        self.returned = self._return_with is not None
        super()._done(result)

    def handle_domain_error(self, err: DomainError) -> bool:
        from eoffice.documents.incoming import DuplicateWarning

        if isinstance(err, DuplicateWarning):
            self.ask_duplicate(err.message(current_language()))
            return True
        if isinstance(err, InvalidFileError) or (err.field is None and "PDF" in err.message_vi):
            self.show_error(err.message(current_language()), "files")
            return True
        return super().handle_domain_error(err)

    def ask_duplicate(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Warning, self.tr("Possible duplicate"), text, parent=self)
        box.setInformativeText(self.tr("Register it anyway?"))
        yes = box.addButton(self.tr("Register anyway"), QMessageBox.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.RejectRole)
        self.duplicate_box = box

        def answered() -> None:
            if box.clickedButton() is yes:
                self.submit(allow_duplicate=True, return_reason=self._return_with)

        box.finished.connect(answered)
        box.open()
