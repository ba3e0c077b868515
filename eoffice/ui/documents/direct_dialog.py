"""Bút phê: a leader directs a document — who leads, who coordinates, who is informed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from eoffice.documents import operations as ops
from eoffice.documents.directions import LineSpec
from eoffice.documents.types import LineRole
from eoffice.store.base import new_id
from eoffice.ui import labels
from eoffice.ui.directory import OrgDirectory
from eoffice.ui.documents.forms import FormDialog, date_edit, from_qdate
from eoffice.ui.tasks import DbWorker


class LinesEditor(QWidget):
    """Builds the recipient lines: part, unit or person, deadline in working days or a date.

    Picking a unit or a person adds its line with the part and deadline chosen beside
    it (picking again changes that line); "Add line" does the same from the keyboard.

    ``one_lead`` (a direction: one chủ trì per document): a second lead picked takes the
    lead, the previous one becomes phối hợp and a note beside the list says so; once a
    lead is picked the part proposed for the next pick is phối hợp.
    """

    def __init__(
        self,
        directory: OrgDirectory,
        parent: QWidget | None = None,
        *,
        below_unit: str | None = None,
        one_lead: bool = False,
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self.one_lead = one_lead
        self.specs: list[LineSpec] = []
        self._captions: list[tuple[str, str]] = []  # per line: who, and when (the list item's text)
        self.role = QComboBox(self)
        for role in LineRole:
            self.role.addItem(labels.line_role_label(role.value), role.value)
        self.assignee = QComboBox(self)
        self.assignee.setMinimumContentsLength(28)
        self.assignee.setPlaceholderText(self.tr("Choose a unit or a person…"))
        for unit_id, name, _parent in directory.units:
            self.assignee.addItem(self.tr("Unit: %1").replace("%1", name), f"unit:{unit_id}")
        for person in directory.people:
            unit = directory.unit_name(person.unit_id)
            caption = f"{person.full_name} — {person.position}" + (f" ({unit})" if unit else "")
            self.assignee.addItem(caption, f"user:{person.id}")
        self.assignee.setCurrentIndex(-1)
        self.assignee.activated.connect(lambda _index: self.add_current())
        self.by_days = QRadioButton(self.tr("working days"), self)
        self.by_date = QRadioButton(self.tr("date"), self)
        self.by_days.setChecked(True)
        self.days = QSpinBox(self)
        self.days.setRange(0, 365)
        self.days.setValue(5)
        self.days.setSpecialValueText(self.tr("no deadline"))
        self.deadline = date_edit(parent=self)
        self.deadline.setEnabled(False)
        self.by_date.toggled.connect(self.deadline.setEnabled)
        self.by_date.toggled.connect(lambda on: self.days.setEnabled(not on))
        self.add_button = QPushButton(self.tr("Add line"), self)
        self.add_button.clicked.connect(self.add_current)
        self.remove_button = QPushButton(self.tr("Remove line"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list = QListWidget(self)
        self.list.setMinimumHeight(110)
        # Says which line stopped leading when another lead was picked.
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.hide()

        pick = QHBoxLayout()
        pick.addWidget(self.role)
        pick.addWidget(self.assignee, 1)
        when = QHBoxLayout()
        when.addWidget(QLabel(self.tr("Deadline:"), self))
        when.addWidget(self.by_days)
        when.addWidget(self.days)
        when.addWidget(self.by_date)
        when.addWidget(self.deadline)
        when.addStretch(1)
        when.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(pick)
        layout.addLayout(when)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.remove_button, 0, Qt.AlignRight)

    def select_assignee(self, kind: str, ident: str) -> None:
        self.assignee.setCurrentIndex(self.assignee.findData(f"{kind}:{ident}"))

    def select_role(self, role: LineRole) -> None:
        self.role.setCurrentIndex(self.role.findData(role.value))

    def add_current(self) -> None:
        if not self.assignee.currentData():
            return
        kind, ident = str(self.assignee.currentData()).split(":", 1)
        role = LineRole(self.role.currentData())
        deadline: date | None = None
        days: int | None = None
        if self.by_date.isChecked():
            deadline = from_qdate(self.deadline.date())
        elif self.days.value() > 0:
            days = self.days.value()
        spec = LineSpec(
            role=role,
            unit_id=ident if kind == "unit" else None,
            user_id=ident if kind == "user" else None,
            deadline=deadline,
            deadline_days=days,
        )
        if deadline:
            when = labels.format_date(deadline)
        else:
            when = self.tr("%1 working days").replace("%1", str(days)) if days else ""
        caption = (self.assignee.currentText(), when)
        same = next(
            (i for i, s in enumerate(self.specs) if (s.unit_id, s.user_id) == (spec.unit_id, spec.user_id)), -1
        )
        if same >= 0:  # picked again: the line takes the new part and deadline
            self.specs[same] = spec
            self._captions[same] = caption
            self.list.item(same).setText(self._line_text(same))
        else:
            self.specs.append(spec)
            self._captions.append(caption)
            self.list.addItem(self._line_text(len(self.specs) - 1))
        self.note.hide()
        if self.one_lead and role is LineRole.LEAD:
            self._keep_one_lead(spec)
            self.select_role(LineRole.COORDINATE)  # the next pick usually helps the lead
        self.list.setStyleSheet("")
        self.assignee.setCurrentIndex(-1)  # ready for the next pick

    def _line_text(self, row: int) -> str:
        who, when = self._captions[row]
        return f"{labels.line_role_label(LineRole(self.specs[row].role).value)}: {who}  {when}".rstrip()

    def _keep_one_lead(self, lead: LineSpec) -> None:
        """The other lead lines become coordinating ones; the note names them."""
        moved = []
        for row, spec in enumerate(self.specs):
            if spec is not lead and LineRole(spec.role) is LineRole.LEAD:
                self.specs[row] = replace(spec, role=LineRole.COORDINATE)
                self.list.item(row).setText(self._line_text(row))
                moved.append(self._captions[row][0])
        if moved:
            self.note.setText(
                self.tr("%1 now coordinates: a document has one lead.").replace("%1", ", ".join(moved))
            )
            self.note.show()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.specs):
            del self.specs[row]
            del self._captions[row]
            self.list.takeItem(row)
            self.note.hide()


class DirectDialog(FormDialog):
    """A leader's direction: free text plus recipient lines."""

    def __init__(
        self,
        worker: DbWorker,
        directory: OrgDirectory,
        document_id: str,
        subject: str,
        parent: QWidget | None = None,
        *,
        on_behalf_of: str | None = None,
        current_lead: str | None = None,
    ) -> None:
        super().__init__(worker, self.tr("Direct document"), parent)
        self.on_behalf_of = on_behalf_of  # the absent leader a deputy directs for
        self.setMinimumWidth(620)
        self.document_id = document_id
        self.actor_id = directory.user.id
        heading = QLabel(subject, self)
        heading.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(90)
        self.text.setPlaceholderText(self.tr("e.g. Assign the Finance office to lead, report before the deadline."))
        self.lines = LinesEditor(directory, self, one_lead=True)
        self.form.addRow(self.tr("Document"), heading)
        self.form.addRow(self.tr("Direction"), self.text)
        self.form.addRow(self.tr("Recipients"), self.lines)
        #: "Thay người chủ trì": offered when the document already has a lead at work.
        self.replace_lead = QCheckBox(self.tr("Replace the lead"), self)
        self.current_lead = current_lead
        if current_lead:
            self.replace_lead.setToolTip(
                self.tr("The new lead takes over; %1 is told the task was given to someone else.").replace(
                    "%1", current_lead
                )
            )
            self.form.addRow(self.tr("Current lead: %1").replace("%1", current_lead), self.replace_lead)
            self.lines.select_role(LineRole.COORDINATE)  # a later direction usually adds help
        else:
            self.replace_lead.hide()
        self.field_widgets.update(text=self.text, lines=self.lines.list)
        self.ok_button.setText(self.tr("Direct"))

    def submit(self) -> None:
        if not self.lines.specs and self.lines.assignee.currentIndex() >= 0:
            self.lines.add_current()  # picked but not added: the pick is the line
        if not self.lines.specs:
            self.show_error(self.tr("Add at least one line: who leads the handling."), "lines")
            return
        text, lines = self.text.toPlainText(), tuple(ops.LineRef.of(spec) for spec in self.lines.specs)
        document_id, today, for_leader = self.document_id, date.today().isoformat(), self.on_behalf_of
        replace = bool(self.current_lead) and self.replace_lead.isChecked()
        self.run_operation(
            "direct", self.actor_id,
            lambda _s: ops.Direct(
                op_id=new_id(), document_id=document_id, direction_id=new_id(), text=text, lines=lines, on_date=today,
                on_behalf_of=for_leader,
                replace_lead=replace,
            ),
            lambda _op, _result: document_id,
        )


class ForwardDialog(FormDialog):
    """The holder of a line passes it down the org tree (chuyển xuống)."""

    def __init__(self, worker: DbWorker, directory: OrgDirectory, line_id: str, parent: QWidget | None = None) -> None:
        super().__init__(worker, self.tr("Forward line"), parent)
        self.setMinimumWidth(600)
        self.line_id = line_id
        self.actor_id = directory.user.id
        self.lines = LinesEditor(directory, self)
        self.form.addRow(self.tr("Forward to"), self.lines)
        self.field_widgets.update(lines=self.lines.list)
        self.ok_button.setText(self.tr("Forward"))

    def submit(self) -> None:
        if not self.lines.specs and self.lines.assignee.currentIndex() >= 0:
            self.lines.add_current()
        if not self.lines.specs:
            self.show_error(self.tr("Add at least one line."), "lines")
            return
        lines = tuple(ops.LineRef.of(spec) for spec in self.lines.specs)
        line_id, today = self.line_id, date.today().isoformat()
        self.run_operation(
            "forward_line", self.actor_id,
            lambda _s: ops.ForwardLine(op_id=new_id(), line_id=line_id, lines=lines, on_date=today),
            lambda _op, _result: line_id,
        )
