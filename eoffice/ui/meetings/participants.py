"""The participants' tab for the organisers (add people from the province, change a role
or a vote, remove someone), answering the invitation (the delegate, or an organiser
noting an answer given by phone), and the meeting's changes of state (start, end,
postpone and cancel with a reason, mark as invited).

Each step is an operation of ``meetings.operations``; a refusal shows the domain's own
message. A change of state made where the desk has no authority (online, before the
server applies it) says so with the domain's words (``meeting_ops.NEEDS_SERVER``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from eoffice.errors import DomainError
from eoffice.meetings.meeting_ops import NEEDS_SERVER
from eoffice.meetings.meetings import TRANSITIONS
from eoffice.meetings.operations import (
    AddParticipants,
    AnswerInvitation,
    ChangeMeetingState,
    NewParticipant,
    RemoveParticipant,
    SetParticipantRole,
)
from eoffice.meetings.views import ParticipantView
from eoffice.ops.values import Id
from eoffice.store.base import new_id
from eoffice.ui.i18n import current_language
from eoffice.ui.meetings.labels import role_label
from eoffice.ui.meetings.meeting_editor import PersonChoice, people_of_province

SAID_FOR = 6000
ROLES = ("member", "guest", "staff", "chair", "secretary")
#: Who votes by default (guests and staff never do).
VOTING = ("member", "chair", "secretary")


def answer_counts(participants: list[ParticipantView]) -> str:
    """"12 sẽ dự, 2 vắng, 1 cử người thay, 5 chưa trả lời"."""
    from PySide6.QtCore import QCoreApplication

    counts = {a: 0 for a in ("attend", "absent", "substitute", "pending")}
    for p in participants:
        counts[p.answer] = counts.get(p.answer, 0) + 1
    return (
        QCoreApplication.translate("Participants", "%1 will attend, %2 absent, %3 send a substitute, %4 not answered")
        .replace("%1", str(counts["attend"])).replace("%2", str(counts["absent"]))
        .replace("%3", str(counts["substitute"])).replace("%4", str(counts["pending"]))
    )


def _role_combo(parent: QWidget, roles: tuple[str, ...] = ROLES) -> QComboBox:
    combo = QComboBox(parent)
    for role in roles:
        combo.addItem(role_label(role), role)
    return combo


class PeoplePicker(QDialog):
    """Everyone the desk holds (the province's users it was sent): search by name, unit or
    organisation, pick many, give them a role and say whether they vote."""

    def __init__(self, people: list[PersonChoice], already: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add participants"))
        self.setObjectName("peoplePicker")
        self.resize(720, 480)
        self.query = QLineEdit(self)
        self.query.setObjectName("peopleQuery")
        self.query.setPlaceholderText(self.tr("Search by name, unit or organisation"))
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Position"), self.tr("Unit"), self.tr("Organisation")]
        )
        for p in people:
            if p.id in already:
                continue
            row = [QStandardItem(p.name), QStandardItem(p.position), QStandardItem(p.unit),
                   QStandardItem(p.organisation)]
            row[0].setData(p.id, Qt.ItemDataRole.UserRole)
            row[0].setData(" ".join((p.name, p.unit, p.organisation)).casefold(), Qt.ItemDataRole.UserRole + 1)
            self.model.appendRow(row)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(Qt.ItemDataRole.UserRole + 1)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView(self)
        self.table.setObjectName("peopleTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.query.textChanged.connect(lambda text: self.proxy.setFilterFixedString(text.strip().casefold()))
        self.role = _role_combo(self, ("member", "guest", "staff"))
        self.votes = QCheckBox(self.tr("Votes"), self)
        self.votes.setChecked(True)
        self.role.currentIndexChanged.connect(lambda _i: self.votes.setChecked(self.role.currentData() in VOTING))
        self.chosen = QLabel(self)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._count())
        form = QFormLayout()
        form.addRow(self.tr("&Role:"), self.role)
        form.addRow("", self.votes)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.chosen)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._count()

    def _count(self) -> None:
        n = len(self.selected_ids())
        self.chosen.setText(self.tr("%1 chosen").replace("%1", str(n)))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(n > 0)

    def select(self, user_ids: list[str]) -> None:
        """Select these people among those shown (tests, and keyboard users after a search)."""
        selection = self.table.selectionModel()
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(Qt.ItemDataRole.UserRole) in user_ids:
                selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)

    def selected_ids(self) -> list[str]:
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in self.table.selectionModel().selectedRows(0)]

    def _accept(self) -> None:
        if self.selected_ids():
            self.accept()


class RoleDialog(QDialog):
    def __init__(self, participant: ParticipantView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Role of %1").replace("%1", participant.name))
        self.setObjectName("roleDialog")
        self.role = _role_combo(self)
        index = self.role.findData(participant.role)
        self.role.setCurrentIndex(max(0, index))
        self.votes = QCheckBox(self.tr("Votes"), self)
        self.votes.setChecked(participant.votes)
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()
        self.votes.setChecked(participant.votes and self.votes.isEnabled())
        form = QFormLayout()
        form.addRow(self.tr("&Role:"), self.role)
        form.addRow("", self.votes)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _role_changed(self) -> None:
        voting = self.role.currentData() in VOTING
        self.votes.setEnabled(voting)
        self.votes.setChecked(voting)


class AnswerDialog(QDialog):
    """"Trả lời giấy mời": will attend, absent with a reason (required), or a substitute
    (someone picked, or a name typed)."""

    def __init__(self, who: str, people: list[PersonChoice], on_behalf: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Record the answer of %1").replace("%1", who) if on_behalf else self.tr("Answer the invitation")
        )
        self.setObjectName("answerDialog")
        self.attend = QRadioButton(self.tr("I will &attend") if not on_behalf else self.tr("Will &attend"), self)
        self.absent = QRadioButton(self.tr("A&bsent"), self)
        self.substitute = QRadioButton(self.tr("Send a &substitute"), self)
        self.group = QButtonGroup(self)
        for button in (self.attend, self.absent, self.substitute):
            self.group.addButton(button)
        self.attend.setChecked(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("answerReason")
        self.reason.setPlaceholderText(self.tr("The reason (required when absent)"))
        self.reason.setMaximumHeight(70)
        self.person = QComboBox(self)
        self.person.setObjectName("substitutePerson")
        self.person.addItem(self.tr("(type a name below)"), None)
        for p in people:
            self.person.addItem(p.label(), p.id)
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("The substitute's name and position, when not in the list"))
        self.error = QLabel(self)
        self.error.setObjectName("answerError")
        self.error.setStyleSheet("color: #b71c1c")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("R&eason:"), self.reason)
        form.addRow(self.tr("Su&bstitute:"), self.person)
        form.addRow("", self.name)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Send answer"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for button in (self.attend, self.absent, self.substitute):
            layout.addWidget(button)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.group.buttonToggled.connect(lambda *_a: self._enable())
        self._enable()

    def answer(self) -> str:
        if self.absent.isChecked():
            return "absent"
        return "substitute" if self.substitute.isChecked() else "attend"

    def _enable(self) -> None:
        answer = self.answer()
        self.reason.setEnabled(answer != "attend")
        self.person.setEnabled(answer == "substitute")
        self.name.setEnabled(answer == "substitute")

    def _accept(self) -> None:
        """The domain's own messages, before anything is sent."""
        answer = self.answer()
        if answer == "absent" and not self.reason.toPlainText().strip():
            self._say(DomainError("Hãy nêu lý do vắng mặt.", "Give the reason for the absence."))
            self.reason.setFocus()
            return
        if answer == "substitute" and self.person.currentData() is None and not self.name.text().strip():
            self._say(DomainError("Hãy cho biết người dự thay.", "Name the substitute."))
            return
        self.accept()

    def _say(self, error: DomainError) -> None:
        self.error.setText(error.message(current_language()))
        self.error.show()

    def values(self) -> dict[str, Any]:
        answer = self.answer()
        person = self.person.currentData() if answer == "substitute" else None
        return {
            "answer": answer,
            "reason": self.reason.toPlainText().strip() if answer != "attend" else "",
            "substitute_id": Id(person) if person else None,
            "substitute_name": self.name.text().strip() if answer == "substitute" else "",
        }


class ReasonDialog(QDialog):
    """Postponing or cancelling: the reason is required (every participant is told it)."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("reasonDialog")
        self.prompt = QLabel(prompt, self)
        self.prompt.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("stateReason")
        self.error = QLabel(self)
        self.error.setObjectName("reasonError")
        self.error.setStyleSheet("color: #b71c1c")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _accept(self) -> None:
        if not self.reason.toPlainText().strip():
            self.error.setText(DomainError(
                "Hãy nêu lý do hoãn hoặc hủy cuộc họp; lý do được gửi tới mọi người dự họp.",
                "Give the reason for postponing or cancelling; every participant is told it.",
            ).message(current_language()))
            self.error.show()
            self.reason.setFocus()
            return
        self.accept()


class ParticipantsEditor(QObject):
    """The participants' and states' actions of the meeting page."""

    def __init__(self, page: Any) -> None:
        super().__init__(page)
        self.page = page
        self.dialog: QDialog | None = None
        table = page.people_table
        self.act_add = self._action(table, self.tr("Add participants…"), "Insert", self.add_people,
                                    self.tr("Add people from the province to the meeting (Insert)"))
        self.act_role = self._action(table, self.tr("Change role…"), "F2", self.change_role,
                                     self.tr("Change the selected participant's role or vote (F2)"))
        self.act_remove = self._action(table, self.tr("Remove participant"), "Del", self.remove_person,
                                       self.tr("Remove the selected participant (Delete)"))
        self.act_record = self._action(table, self.tr("Record answer…"), "Ctrl+R", self.record_answer,
                                       self.tr("Note the selected participant's answer, given by phone (Ctrl+R)"))
        self.actions = [self.act_add, self.act_role, self.act_remove, self.act_record]
        # The states (organisers), on the page's "Meeting" menu.
        self.act_schedule = QAction(self.tr("Mark as invited"), page)
        self.act_schedule.setToolTip(self.tr("The invitations went out another way: the meeting is scheduled"))
        self.act_schedule.triggered.connect(lambda: self.change_state("scheduled"))
        self.act_start = QAction(self.tr("Start meeting"), page)
        self.act_start.triggered.connect(lambda: self.change_state("in_session"))
        self.act_end = QAction(self.tr("End meeting"), page)
        self.act_end.triggered.connect(lambda: self.change_state("closed"))
        self.act_postpone = QAction(self.tr("Postpone meeting…"), page)
        self.act_postpone.triggered.connect(lambda: self.ask_reason("postponed"))
        self.act_cancel = QAction(self.tr("Cancel meeting…"), page)
        self.act_cancel.triggered.connect(lambda: self.ask_reason("cancelled"))
        self.state_actions = {
            "scheduled": self.act_schedule, "in_session": self.act_start, "closed": self.act_end,
            "postponed": self.act_postpone, "cancelled": self.act_cancel,
        }

    def _action(self, table: QTableView, text: str, keys: str, slot: Any, tip: str) -> QAction:
        action = QAction(text, self.page)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        table.addAction(action)
        return action

    def show_for(self, state: str, organiser: bool) -> None:
        for action in self.actions:
            action.setEnabled(organiser)
        for target, action in self.state_actions.items():
            action.setVisible(organiser and target in TRANSITIONS.get(state, frozenset()))

    # -- helpers -------------------------------------------------------------------

    def _status(self, text: str) -> None:
        self.page.window_.statusBar().showMessage(text, SAID_FOR)

    def _submit(self, op: Any, said: str, then: Any = None) -> None:
        def done(result: Any) -> None:
            self._status(said)
            if then is not None:
                then(result)

        self.page.worker.submit(op.kind, self.page.user_id, lambda _s: op, done)

    def current(self) -> ParticipantView | None:
        index = self.page.people_table.currentIndex()
        if not index.isValid():
            return None
        return self.page.people.rows[index.row()] if index.row() < len(self.page.people.rows) else None

    def _with_people(self, then: Any) -> None:
        self.page.worker.read("meeting_people", people_of_province, then)

    # -- participants ----------------------------------------------------------------

    def add_people(self) -> None:
        data = self.page.data
        if data is None or not data.view.organiser:
            return
        meeting_id = self.page.meeting_id
        already = {p.user_id for p in data.view.participants}

        def show(people: list[PersonChoice]) -> None:
            picker = PeoplePicker(people, already, self.page)
            self.dialog = picker

            def ok() -> None:
                role, votes = str(picker.role.currentData()), picker.votes.isChecked()
                chosen = picker.selected_ids()
                op = AddParticipants(
                    op_id=Id(new_id()), meeting_id=Id(meeting_id),
                    participants=tuple(
                        NewParticipant(Id(new_id()), Id(user_id), role, votes) for user_id in chosen
                    ),
                )
                self._submit(op, self.tr("%1 participants added").replace("%1", str(len(chosen))))

            picker.accepted.connect(ok)
            picker.open()

        self._with_people(show)

    def change_role(self) -> None:
        person = self.current()
        if person is None or self.page.data is None or not self.page.data.view.organiser:
            return
        dialog = RoleDialog(person, self.page)
        self.dialog = dialog

        def ok() -> None:
            op = SetParticipantRole(op_id=Id(new_id()), participant_id=Id(person.id),
                                    role=str(dialog.role.currentData()), votes=dialog.votes.isChecked())
            self._submit(op, self.tr("Role changed: %1").replace("%1", person.name))

        dialog.accepted.connect(ok)
        dialog.open()

    def remove_person(self) -> None:
        person = self.current()
        if person is None or self.page.data is None or not self.page.data.view.organiser:
            return
        op = RemoveParticipant(op_id=Id(new_id()), participant_id=Id(person.id))
        self.page.window_._confirm(
            self.tr("Remove participant"), self.tr("Remove %1 from the meeting?").replace("%1", person.name),
            self.tr("They no longer see the meeting or its documents."), self.tr("Remove"),
            lambda: self._submit(op, self.tr("Participant removed: %1").replace("%1", person.name)),
        )

    # -- answers ---------------------------------------------------------------------

    def answer_mine(self) -> None:
        data = self.page.data
        if data is None or data.view.me is None:
            return
        self._answer_for(data.view.me, on_behalf=False)

    def record_answer(self) -> None:
        person = self.current()
        if person is not None and self.page.data is not None and self.page.data.view.organiser:
            self._answer_for(person, on_behalf=person.user_id != self.page.user_id)

    def _answer_for(self, person: ParticipantView, on_behalf: bool) -> None:
        def show(people: list[PersonChoice]) -> None:
            others = [p for p in people if p.id != person.user_id]
            dialog = AnswerDialog(person.name, others, on_behalf, self.page)
            self.dialog = dialog

            def ok() -> None:
                op = AnswerInvitation(
                    op_id=Id(new_id()), participant_id=Id(person.id),
                    answered_at=datetime.now().astimezone().isoformat(timespec="seconds"), **dialog.values(),
                )
                self._submit(op, self.tr("Answer sent"))

            dialog.accepted.connect(ok)
            dialog.open()

        self._with_people(show)

    # -- states ----------------------------------------------------------------------

    def ask_reason(self, state: str) -> None:
        if state == "postponed":
            title = self.tr("Postpone meeting")
            prompt = self.tr("Why is the meeting postponed? Every participant is told.")
        else:
            title = self.tr("Cancel meeting")
            prompt = self.tr("Why is the meeting cancelled? Every participant is told.")
        dialog = ReasonDialog(title, prompt, self.page)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Postpone") if state == "postponed" else self.tr("Cancel the meeting")
        )
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.change_state(state, dialog.reason.toPlainText().strip()))
        dialog.open()

    def change_state(self, state: str, reason: str = "") -> None:
        op = ChangeMeetingState(op_id=Id(new_id()), meeting_id=Id(self.page.meeting_id), state=state, reason=reason)

        def done(result: Any) -> None:
            applied = result[1] if isinstance(result, tuple) else result
            if getattr(applied, "data", {}).get("pending"):
                window = self.page.window_
                window.show_message(QMessageBox.Icon.Information, self.tr("Needs the server"),
                                    NEEDS_SERVER[0] if current_language() == "vi" else NEEDS_SERVER[1])
            else:
                self._status(self.tr("Meeting state changed"))

        self.page.worker.submit(op.kind, self.page.user_id, lambda _s: op, done)

