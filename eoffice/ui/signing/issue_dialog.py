"""Cấp số, ban hành as one action with visible steps, resumed where it stopped.

1. the number, from the server (online only: the number is the server's);
2. the number and the date written into the PDF's "Số:" and date fields (``signing.filling``);
3. the agency's signature (the seal, with the PIN) over them: the document is issued;
4. issued ("Đã ban hành");
5. delivered (Phát hành) to the recipient organisations.

Each step is read back from the desk (the document's state, its number, its files) and this
computer (the filled file's record), so closing the dialog, a crash or a lost connection
costs nothing: opening it again continues with the step that is due. A document the
leader approved without a digital signature (signed on paper) has no seal: it is issued
with its number.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from eoffice.documents import operations as ops
from eoffice.errors import DomainError
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore
from eoffice.ui.documents.forms import date_edit, from_qdate
from eoffice.ui.i18n import current_language
from eoffice.ui.signing.flow import IssueProgress, SignFlow, fill_for_issue, forget_issuing, read_issue_progress
from eoffice.ui.tasks import DbWorker

STEPS = ("number", "fill", "seal", "issued", "deliver")
DONE, CURRENT, WAITING, FAILED, SKIPPED = "done", "current", "waiting", "failed", "skipped"
MARKS = {DONE: "✔", CURRENT: "➜", WAITING: "○", FAILED: "✖", SKIPPED: "–"}


class IssueFlowDialog(QDialog):
    """The clerk's "Cấp số, ban hành" on one approved (or numbered) document."""

    #: The step (one of STEPS) and its state changed (tests wait on it).
    step_changed = Signal(str, str)
    #: The document is issued (sealed, or numbered when signed on paper).
    issued = Signal(str)

    def __init__(
        self,
        worker: DbWorker,
        blobs: BlobStore,
        user_id: str,
        document_id: str,
        parent: QWidget,
        *,
        synced: bool = False,
        online: Any = None,
        key_files: list[Path] | None = None,
        settings_file: Path | None = None,
        deliver: Any = None,
        today: date | None = None,
        changed: Any = None,
    ) -> None:
        super().__init__(parent)
        self.worker, self.blobs, self.user_id, self.document_id = worker, blobs, user_id, document_id
        self.synced = synced
        #: ``online()``: True/None (not known yet) lets the number be asked; False says why not.
        self.online = online or (lambda: True)
        self.key_files = list(key_files or [])
        self.settings_file = settings_file
        self.deliver_fn = deliver
        self.progress: IssueProgress | None = None
        self.sign_flow: SignFlow | None = None
        self.running = False
        self.waiting_number = False
        self.delivered = 0
        self.error_text = ""
        self.setWindowTitle(self.tr("Number and issue"))
        self.setMinimumWidth(700)

        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.PlainText)
        self.issued_date = date_edit(today or date.today(), self)
        form = QFormLayout()
        form.addRow(self.tr("Document"), self.heading)
        date_label = QLabel(self.tr("&Issued date"), self)
        date_label.setBuddy(self.issued_date)
        form.addRow(date_label, self.issued_date)

        titles = {
            "number": self.tr("Number from the server"),
            "fill": self.tr("Number and date written into the document"),
            "seal": self.tr("Agency signature (seal)"),
            "issued": self.tr("Issued"),
            "deliver": self.tr("Delivery"),
        }
        grid = QGridLayout()
        grid.setColumnStretch(2, 1)
        self.marks: dict[str, QLabel] = {}
        self.details: dict[str, QLabel] = {}
        self.states: dict[str, str] = {}
        for row, step in enumerate(STEPS):
            mark, title, detail = QLabel(self), QLabel(f"{row + 1}. {titles[step]}", self), QLabel(self)
            mark.setFixedWidth(22)
            detail.setWordWrap(True)
            detail.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
            detail.setFocusPolicy(Qt.TabFocus)  # a screen reader reaches each step's state by Tab
            grid.addWidget(mark, row, 0)
            grid.addWidget(title, row, 1)
            grid.addWidget(detail, row, 2)
            self.marks[step], self.details[step] = mark, detail
        self.titles = titles

        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setObjectName("errorBanner")
        self.banner.setStyleSheet(
            "QLabel#errorBanner { background: #fdecea; color: #8e0000; padding: 6px; border-radius: 3px; }"
        )
        self.banner.hide()

        self.buttons = QDialogButtonBox(self)
        self.continue_button = QPushButton(self.tr("&Continue"), self)
        self.continue_button.setDefault(True)
        self.continue_button.clicked.connect(self.advance)
        self.deliver_button = QPushButton(self.tr("&Deliver…"), self)
        self.deliver_button.clicked.connect(self.deliver)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.reject)
        self.buttons.addButton(self.continue_button, QDialogButtonBox.ActionRole)
        self.buttons.addButton(self.deliver_button, QDialogButtonBox.ActionRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.RejectRole)
        self.continue_button.setEnabled(False)  # until it is known which step is due
        self.deliver_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(grid)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)
        #: What tells the dialog the desk changed: the window's ``changed`` (sync rounds too).
        self.changed_signal = changed if changed is not None else worker.applied
        self.changed_signal.connect(self._desk_changed)
        #: While the number is awaited, the desk is read again now and then too: a sync round
        #: that brings it may announce only the tables it changed.
        self.poll = QTimer(self)
        self.poll.setInterval(1000)
        self.poll.timeout.connect(lambda: self._desk_changed(None))
        self.refresh()

    # -- reading where it stands --------------------------------------------------------

    def refresh(self, then: Any = None) -> None:
        blobs, document_id = self.blobs, self.document_id

        def shown(progress: IssueProgress) -> None:
            self._show(progress)
            if then is not None:
                then(progress)

        self.worker.read("issue_progress", lambda s: read_issue_progress(s, blobs, document_id), shown, self._failed)

    def _desk_changed(self, _changes: object) -> None:
        """Something was applied (a sync round too): the number may have come."""
        if self.waiting_number and not self.running:
            self.refresh(self._number_came)

    def _number_came(self, progress: IssueProgress) -> None:
        if progress.step != "wait_number":
            self.poll.stop()
        if progress.step == "number" and self.waiting_number:
            self.waiting_number = False
            self.show_error(self.tr("The server did not give the number: see the notifications."))
        elif progress.step not in ("number", "wait_number") and self.waiting_number:
            self.waiting_number = False
            self.advance()

    def _set(self, step: str, state: str, detail: str) -> None:
        self.states[step] = state
        self.marks[step].setText(MARKS[state])
        self.marks[step].setAccessibleName(state)
        self.details[step].setText(detail)
        self.details[step].setAccessibleName(f"{self.titles[step]}: {detail}")
        self.step_changed.emit(step, state)

    def _show(self, p: IssueProgress) -> None:
        self.progress = p
        self.heading.setText(p.subject)
        step = p.step
        self.issued_date.setEnabled(step == "number")
        if p.issued_date is not None:
            self.issued_date.setDate(p.issued_date)
        number = self.tr("Number %1").replace("%1", p.number_label)
        if step == "number":
            self._set("number", CURRENT, self.tr("Not numbered yet."))
        elif step == "wait_number":
            self._set("number", CURRENT, self.tr("Waiting for the server to give the number…"))
        else:
            self._set("number", DONE, number)
        paper = not p.signed_by_leader
        if paper:
            note = self.tr("Approved without a digital signature: nothing to fill in or seal.")
            self._set("fill", SKIPPED, note)
            self._set("seal", SKIPPED, "")
        else:
            if p.sealed or p.filled_digest is not None:
                self._set("fill", DONE, self.tr("Written: %1, %2").replace("%1", p.number_label).replace(
                    "%2", _date_text(p.issued_date)))
            elif p.no_fields:
                self._set("fill", SKIPPED, self.tr(
                    "The file has no places for the number and date; the agency signature names the number."))
            else:
                self._set("fill", CURRENT if step == "fill" else WAITING, "")
            if p.sealed:
                self._set("seal", DONE, self.tr("Sealed."))
            elif step == "seal":
                self._set("seal", CURRENT, self.tr("Press Continue to sign with the agency's card (PIN)."))
            else:
                self._set("seal", WAITING, "")
        if step == "deliver":
            self._set("issued", DONE, self.tr("Issued as %1.").replace("%1", p.number_label))
        else:
            self._set("issued", WAITING, "")
        if self.delivered:
            self._set("deliver", DONE, self.tr("Delivered to %1 organisation(s).").replace("%1", str(self.delivered)))
        elif self.deliver_fn is None:
            self._set("deliver", SKIPPED, self.tr("No other organisation in eOffice to deliver to."))
        else:
            self._set("deliver", CURRENT if step == "deliver" else WAITING, "")
        self._buttons()

    def _buttons(self) -> None:
        step = self.progress.step if self.progress is not None else ""
        self.continue_button.setEnabled(not self.running and step in ("number", "wait_number", "fill", "seal"))
        self.deliver_button.setEnabled(not self.running and step == "deliver" and self.deliver_fn is not None)
        if step == "deliver" and self.deliver_fn is not None and not self.delivered:
            self.deliver_button.setDefault(True)
            self.deliver_button.setFocus()
        elif self.continue_button.isEnabled():
            self.continue_button.setFocus()

    # -- doing the next step --------------------------------------------------------------

    def advance(self) -> None:
        """Do the step that is due, and the ones after it up to the seal's PIN."""
        p = self.progress
        if p is None or self.running:
            return
        self.clear_error()
        step = p.step
        if step == "number":
            self._number(p)
        elif step == "wait_number":
            self._wait_number()
        elif step == "fill":
            self._fill(p)
        elif step == "seal":
            self._seal(p)

    def _busy(self, on: bool) -> None:
        self.running = on
        self._buttons()

    def _number(self, p: IssueProgress) -> None:
        if self.synced and self.online() is False:
            self._set("number", FAILED, self.tr("No connection to the server."))
            self.show_error(self.tr(
                "The number is given by the server: connect to the server to number the document, then "
                "press Continue."
            ))
            return
        day = from_qdate(self.issued_date.date()).isoformat()
        document_id = self.document_id
        self._busy(True)
        self._set("number", CURRENT, self.tr("Asking the server for the number…"))

        def numbered(_result: object) -> None:
            self._busy(False)
            self.refresh(self._after_number)

        self.worker.submit(
            "issue", self.user_id,
            lambda _s: ops.Issue(op_id=new_id(), document_id=document_id, issued_date=day),
            numbered, self._failed,
        )

    def _after_number(self, p: IssueProgress) -> None:
        if p.step == "wait_number":
            self._wait_number()
        elif p.step == "deliver":
            self.issued.emit(p.document_id)
        else:
            self.advance()

    def _wait_number(self) -> None:
        self.waiting_number = True
        self.poll.start()
        self._set("number", CURRENT, self.tr("Waiting for the server to give the number…"))
        self.refresh(self._number_came)

    def _fill(self, p: IssueProgress) -> None:
        blobs = self.blobs
        self._busy(True)
        self._set("fill", CURRENT, self.tr("Writing the number and date…"))

        def filled(_progress: IssueProgress) -> None:
            self._busy(False)
            self.refresh(lambda q: self.advance() if q.step == "seal" else None)

        self.worker.look("fill_issue", lambda: fill_for_issue(blobs, p), filled, self._failed)

    def _seal(self, p: IssueProgress) -> None:
        if p.main_file_id is None:
            return
        source = self.blobs.path_for(p.filled_digest) if p.filled_digest else None
        flow = SignFlow(
            self.worker, self.blobs, self.user_id, self, key_files=self.key_files, settings_file=self.settings_file
        )
        flow.dialog_opened.connect(self._seal_dialog_opened)
        flow.done.connect(self._sealed)
        self.sign_flow = flow
        self._busy(True)
        self._set("seal", CURRENT, self.tr("Sign with the agency's card (PIN)…"))
        flow.start(p.document_id, p.main_file_id, "agency", source=source)

    def _seal_dialog_opened(self, dialog: Any) -> None:
        def closed(_code: int) -> None:
            if dialog.result is None:  # cancelled: the seal is the step due again
                self._busy(False)
                self.refresh()

        dialog.finished.connect(closed)

    def _sealed(self, document_id: str) -> None:
        blobs = self.blobs

        def after(p: IssueProgress) -> None:
            self._busy(False)
            if p.sealed:
                self.worker.look("forget_issuing", lambda: forget_issuing(blobs, document_id))
            if p.step == "deliver":
                self.issued.emit(document_id)

        self.refresh(after)

    def deliver(self) -> None:
        if self.deliver_fn is None:
            return
        dialog = self.deliver_fn(self.document_id)
        if dialog is None:
            return

        def done(count: object) -> None:
            self.delivered = int(count) if isinstance(count, int) else 1
            self.refresh()

        dialog.succeeded.connect(done)

    # -- errors ------------------------------------------------------------------------

    def _failed(self, err: BaseException) -> bool:
        self._busy(False)
        if isinstance(err, DomainError):
            step = self.progress.step if self.progress is not None else "number"
            step = {"wait_number": "number"}.get(step, step)
            if step in self.marks:
                self._set(step, FAILED, self.tr("Not done."))
            self.show_error(err.message(current_language()))
            return True
        return False

    def show_error(self, text: str) -> None:
        self.error_text = text
        self.banner.setText(text)
        self.banner.show()
        self.continue_button.setFocus()

    def clear_error(self) -> None:
        self.error_text = ""
        self.banner.hide()

    def done(self, code: int) -> None:
        self.poll.stop()
        try:
            self.changed_signal.disconnect(self._desk_changed)
        except (RuntimeError, TypeError):
            pass
        super().done(code)


def _date_text(day: date | None) -> str:
    from eoffice.signing.filling import date_text

    return date_text(day) if day is not None else ""
