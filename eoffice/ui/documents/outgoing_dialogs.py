"""Văn bản đi: draft, submit for signature (trình ký), issue (ban hành), deliver."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from eoffice.documents import operations as ops
from eoffice.documents.fields import LIMITS, DocumentFields
from eoffice.ops import FileRef
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore
from eoffice.ui.directory import OrgDirectory, Person
from eoffice.ui.documents.forms import FormDialog, date_edit, from_qdate
from eoffice.ui.documents.register_dialog import (
    FileList,
    field_problems,
    SubjectEdit,
    pdf_paths,
    priority_combo,
    secrecy_combo,
    type_combo,
)
from eoffice.ui.tasks import DbWorker


class DraftDialog(FormDialog):
    """A new outgoing draft: its fields and PDF, optionally a reply to an incoming document."""

    def __init__(
        self,
        worker: DbWorker,
        blobs: BlobStore,
        directory: OrgDirectory,
        parent: QWidget | None = None,
        *,
        reply_to: tuple[str, str] | None = None,
    ) -> None:
        super().__init__(worker, self.tr("New outgoing draft"), parent)
        self.setMinimumWidth(600)
        self.setAcceptDrops(True)
        self.blobs = blobs
        self.actor_id = directory.user.id
        self.reply_to_id = reply_to[0] if reply_to else None
        self.files = FileList(self)
        self.type_name = type_combo(self)
        self.subject = SubjectEdit(LIMITS["subject"], self)
        self.to_places = QLineEdit(self)
        self.signer_position = QLineEdit(self)
        self.signer_full_name = QLineEdit(self)
        self.priority = priority_combo(self)
        self.secrecy = secrecy_combo(self)
        self.issued_amount = QSpinBox(self)
        self.issued_amount.setRange(0, 10_000)
        self.issued_amount.setSpecialValueText(" ")
        self.form.addRow(self.tr("PDF files"), self.files)
        self.form.addRow(self.tr("Type"), self.type_name)
        self.form.addRow(self.tr("Subject"), self.subject)
        self.form.addRow(self.tr("Recipients"), self.to_places)
        self.form.addRow(self.tr("Signer's position"), self.signer_position)
        self.form.addRow(self.tr("Signer"), self.signer_full_name)
        self.form.addRow(self.tr("Urgency"), self.priority)
        self.form.addRow(self.tr("Secrecy"), self.secrecy)
        self.form.addRow(self.tr("Copies"), self.issued_amount)
        self.reply_check: QCheckBox | None = None
        if reply_to:
            self.reply_check = QCheckBox(self.tr("Reply to: %1").replace("%1", reply_to[1]), self)
            self.reply_check.setChecked(True)
            self.reply_check.setToolTip(self.tr("Issuing the reply closes your handling of that document."))
            self.form.addRow("", self.reply_check)
        self.field_widgets.update(
            files=self.files.list,
            type_name=self.type_name,
            subject=self.subject,
            to_places=self.to_places,
            signer_position=self.signer_position,
            signer_full_name=self.signer_full_name,
            issued_amount=self.issued_amount,
        )
        self.ok_button.setText(self.tr("Save draft"))
        for edit in (self.to_places, self.signer_position, self.signer_full_name):
            edit.textChanged.connect(self._recheck)
        self.subject.edit.textChanged.connect(self._recheck)
        self.files.changed.connect(self._recheck)

    def fields(self) -> DocumentFields:
        return DocumentFields(
            type_name=self.type_name.currentData(),
            subject=self.subject.text(),
            to_places=self.to_places.text(),
            signer_position=self.signer_position.text(),
            signer_full_name=self.signer_full_name.text(),
            priority=self.priority.currentData(),
            secrecy=self.secrecy.currentData(),
            issued_amount=self.issued_amount.value() or None,
        )

    def problems(self) -> list[tuple[str | None, str]]:
        """Every problem at once (as the register dialog shows them)."""
        found: list[tuple[str | None, str]] = []
        if not self.files.paths:
            found.append(("files", self.tr("Add the draft's PDF file.")))
        return found + field_problems(self.fields(), incoming=False)

    def _recheck(self, *_args: Any) -> None:
        if self.error_text and not self.busy:
            self.show_errors(self.problems(), focus=False)

    def dragEnterEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:
        self.files.add_paths(pdf_paths(event.mimeData()))
        event.acceptProposedAction()

    def submit(self) -> None:
        problems = self.problems()
        if problems:
            self.show_errors(problems)
            return
        fields = self.fields()
        paths, blobs, worker = list(self.files.paths), self.blobs, self.worker
        actor_id = self.actor_id
        reply_to_id = self.reply_to_id if self.reply_check is not None and self.reply_check.isChecked() else None

        def run() -> str:
            from eoffice.documents.incoming import prepare_files

            prepared = prepare_files(paths, blobs)  # slow: outside the transaction
            op = ops.CreateDraft(
                op_id=new_id(), document_id=new_id(), fields=ops.fields_json(fields),
                files=tuple(FileRef.of(p) for p in prepared), reply_to_id=reply_to_id,
            )
            worker.apply_operation(actor_id, lambda _session: op)
            return op.document_id

        self.run_call("create_draft", run)


def proposed_signer(directory: OrgDirectory, signer_id: str | None, signer_name: str) -> str | None:
    """The leader a draft names as its signer: the one chosen when it was last submitted,
    else the leader whose name the draft prints as signer, else none (the first leader)."""
    leaders = directory.leaders()
    if signer_id and any(p.id == signer_id for p in leaders):
        return signer_id
    wanted = " ".join(signer_name.split()).casefold()
    named = [p for p in leaders if wanted and " ".join(p.full_name.split()).casefold() == wanted]
    return named[0].id if named else None


def leader_combo(directory: OrgDirectory, chosen: str | None, parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    for person in directory.leaders():
        combo.addItem(f"{person.full_name} — {person.position}", person.id)
    index = combo.findData(chosen) if chosen else -1
    combo.setCurrentIndex(max(index, 0))
    return combo


class SubmitDialog(FormDialog):
    """Trình ký: send a draft to the leader who signs it, through the head of the unit
    first when the organisation reviews in two levels (the dialog says which)."""

    def __init__(
        self,
        worker: DbWorker,
        directory: OrgDirectory,
        document_id: str,
        parent: QWidget | None = None,
        *,
        signer_id: str | None = None,
        signer_name: str = "",
    ) -> None:
        super().__init__(worker, self.tr("Submit for signature"), parent)
        self.setMinimumWidth(480)
        self.directory = directory
        self.actor_id = directory.user.id
        self.document_id = document_id
        self.leader = leader_combo(directory, proposed_signer(directory, signer_id, signer_name), self)
        self.route = QLabel(self)
        self.route.setWordWrap(True)
        self.form.addRow(self.tr("Leader who signs"), self.leader)
        self.form.addRow("", self.route)
        self.field_widgets.update(approver_id=self.leader)
        self.leader.currentIndexChanged.connect(self._show_route)
        self._show_route()

    def reviewer(self) -> Person | None:
        """The head of unit the draft goes to first, for the leader chosen (None: straight to them)."""
        return self.directory.reviewer_for(self.leader.currentData())

    def _show_route(self) -> None:
        head = self.reviewer()
        if head is None:
            self.route.setText(self.tr("The draft goes straight to this leader to approve and sign."))
            self.ok_button.setText(self.tr("Submit"))
            return
        self.route.setText(
            self.tr("The draft goes first to %1, head of your unit, for review; they pass it on to this leader.")
            .replace("%1", head.full_name)
        )
        self.ok_button.setText(self.tr("Send to the head of unit"))

    def submit(self) -> None:
        approver = self.leader.currentData()
        if not approver:
            self.show_error(self.tr("Choose the leader who signs."), "approver_id")
            return
        document_id = self.document_id
        self.run_operation(
            "submit_draft", self.actor_id,
            lambda _s: ops.SubmitDraft(op_id=new_id(), document_id=document_id, approver_id=approver),
            lambda _op, result: result.data["state"],
        )


class PassReviewDialog(FormDialog):
    """Chuyển lãnh đạo ký: the head of unit passes a draft on, with a comment, to the leader
    the drafter chose (or another)."""

    def __init__(
        self,
        worker: DbWorker,
        directory: OrgDirectory,
        document_id: str,
        parent: QWidget | None = None,
        *,
        signer_id: str | None = None,
    ) -> None:
        super().__init__(worker, self.tr("Pass on for signature"), parent)
        self.setMinimumWidth(480)
        self.actor_id = directory.user.id
        self.document_id = document_id
        self.leader = leader_combo(directory, signer_id, self)
        self.comment = QPlainTextEdit(self)
        self.comment.setTabChangesFocus(True)
        self.comment.setMaximumHeight(120)
        self.comment.setPlaceholderText(self.tr("Your opinion for the leader (optional)"))
        self.form.addRow(self.tr("Leader who signs"), self.leader)
        self.form.addRow(self.tr("Comment"), self.comment)
        self.field_widgets.update(approver_id=self.leader, comment=self.comment)
        self.ok_button.setText(self.tr("Pass on"))

    def submit(self) -> None:
        approver = self.leader.currentData()
        if not approver:
            self.show_error(self.tr("Choose the leader who signs."), "approver_id")
            return
        comment, document_id = self.comment.toPlainText().strip(), self.document_id
        self.run_operation(
            "pass_review", self.actor_id,
            lambda _s: ops.PassReview(op_id=new_id(), document_id=document_id, comment=comment, approver_id=approver),
            lambda _op, _result: document_id,
        )


class IssueDialog(FormDialog):
    """Ban hành: the clerk gives the approved document its number; the number is shown after."""

    def __init__(
        self, worker: DbWorker, actor_id: str, document_id: str, subject: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(worker, self.tr("Issue document"), parent)
        self.actor_id = actor_id
        self.document_id = document_id
        heading = QLabel(subject, self)
        heading.setWordWrap(True)
        self.issued_date = date_edit(date.today(), self)
        self.form.addRow(self.tr("Document"), heading)
        self.form.addRow(self.tr("Issued date"), self.issued_date)
        self.field_widgets.update(issued_date=self.issued_date)
        self.ok_button.setText(self.tr("Issue"))

    def submit(self) -> None:
        day = from_qdate(self.issued_date.date()).isoformat()
        document_id = self.document_id
        self.run_operation(
            "issue", self.actor_id,
            lambda _s: ops.Issue(op_id=new_id(), document_id=document_id, issued_date=day),
            lambda _op, result: result.data["number_label"],
        )


class DeliverDialog(FormDialog):
    """Send an issued document to internal organisations; each enters it as incoming."""

    def __init__(
        self, worker: DbWorker, directory: OrgDirectory, document_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(worker, self.tr("Deliver to organisations"), parent)
        self.actor_id = directory.user.id
        self.document_id = document_id
        self.organisations = QListWidget(self)
        self.organisations.setMinimumSize(420, 200)
        for org_id, name in directory.organisations:
            item = QListWidgetItem(name)
            item.setData(Qt.UserRole, org_id)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked)
            self.organisations.addItem(item)
        self.form.addRow(self.tr("Recipients"), self.organisations)
        self.field_widgets.update(recipients=self.organisations)
        self.ok_button.setText(self.tr("Deliver"))

    def chosen(self) -> list[str]:
        items = (self.organisations.item(i) for i in range(self.organisations.count()))
        return [item.data(Qt.UserRole) for item in items if item.checkState() == Qt.Checked]

    def submit(self) -> None:
        chosen = tuple(self.chosen())
        if not chosen:
            self.show_error(self.tr("Tick at least one recipient organisation."), "recipients")
            return
        document_id = self.document_id
        self.run_operation(
            "deliver", self.actor_id,
            lambda _s: ops.Deliver(
                op_id=new_id(), document_id=document_id, recipient_organisation_ids=chosen,
                copy_ids=tuple(new_id() for _ in chosen),
            ),
            lambda _op, _result: len(chosen),
        )
