"""Tasks assigned in meetings on screen: the meeting page's "Nhiệm vụ" tab (its tasks'
progress, "Giao nhiệm vụ…" for the organisers, Ctrl+Shift+G), the section's "Việc được
giao từ cuộc họp" list with its filters and counts (waiting for me, due soon, overdue),
and the holder's actions on a task: start, forward (Chuyển xử lý), return, complete.

Each action is one operation (``meetings.task_ops``): offline it is applied on the desk
and waits in the outbox, as a direction line's actions do.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from eoffice.directory.access import load_actor
from eoffice.documents.workdays import add_working_days, holidays
from eoffice.meetings import task_views
from eoffice.meetings.operations import (
    AssignMeetingTask,
    CompleteMeetingTask,
    ForwardMeetingTask,
    ReturnMeetingTask,
    StartMeetingTask,
    TaskHolder,
)
from eoffice.meetings.task_models import MeetingTask
from eoffice.ui.documents.followup import FollowupView, register_followup_view
from eoffice.ui.meetings.buttons import ok_cancel
from eoffice.meetings.task_views import AssignChoices, Choice, Progress, TaskCounts, TaskFilter, TaskRow
from eoffice.ops.values import Id, ISODate
from eoffice.store.base import new_id
from eoffice.ui.rows import QT_TRANSLATE_NOOP, Column, RowsModel, list_table, text_column
from eoffice.ui.sync.notifications import Notification, register_event_text

#: The tables these screens show.
TABLES = frozenset({MeetingTask.__tablename__})
SAID_FOR = 6000
OVERDUE = QColor("#b71c1c")
DUE_SOON = QColor("#8a4b00")
#: "Giao nhiệm vụ…" on the meeting page (free in the window: checked against ``eoffice/ui``).
ASSIGN_SHORTCUT = "Ctrl+Shift+G"
#: The deadline a new task proposes, in working days.
DEFAULT_DAYS = 10


def state_label(state: str) -> str:
    return {
        "waiting": QCoreApplication.translate("MeetingTasks", "Waiting"),
        "in_progress": QCoreApplication.translate("MeetingTasks", "In progress"),
        "done": QCoreApplication.translate("MeetingTasks", "Completed"),
        "returned": QCoreApplication.translate("MeetingTasks", "Returned"),
        "forwarded": QCoreApplication.translate("MeetingTasks", "Forwarded for handling"),
    }.get(state, state)


def filter_label(which: TaskFilter) -> str:
    return {
        TaskFilter.MINE: QCoreApplication.translate("MeetingTasks", "Waiting for me"),
        TaskFilter.COORDINATING: QCoreApplication.translate("MeetingTasks", "I coordinate"),
        TaskFilter.CHAIRED: QCoreApplication.translate("MeetingTasks", "Open tasks of meetings I chaired"),
        TaskFilter.ASSIGNED: QCoreApplication.translate("MeetingTasks", "Assigned or forwarded by me"),
        TaskFilter.DONE: QCoreApplication.translate("MeetingTasks", "Completed by me or my unit"),
    }[which]


def counts_text(counts: TaskCounts) -> str:
    """"3 chờ xử lý · 1 sắp đến hạn · 1 quá hạn" (the sidebar's and the view's line)."""
    text = QCoreApplication.translate("MeetingTasks", "%1 waiting · %2 due soon · %3 overdue")
    text = text.replace("%1", str(counts.waiting)).replace("%2", str(counts.due_soon))
    return text.replace("%3", str(counts.overdue))


def progress_text(progress: Progress) -> str:
    text = QCoreApplication.translate("MeetingTasks", "Completed %1/%2 tasks")
    text = text.replace("%1", str(progress.done)).replace("%2", str(progress.total))
    if progress.overdue:
        text += " · " + QCoreApplication.translate("MeetingTasks", "%1 overdue").replace("%1", str(progress.overdue))
    return text


def _deadline(row: TaskRow) -> str:
    return f"{row.deadline:%d/%m/%Y}" if row.deadline is not None else ""


def _colour(row: TaskRow) -> QColor | None:
    return OVERDUE if row.overdue else DUE_SOON if row.due_soon else None


def _tip(row: TaskRow) -> str:
    lines = [row.what]
    if row.result_note:
        lines.append(QCoreApplication.translate("MeetingTasks", "Result: %1").replace("%1", row.result_note))
    if row.return_reason:
        lines.append(QCoreApplication.translate("MeetingTasks", "Returned: %1").replace("%1", row.return_reason))
    return "\n".join(lines)


class TasksModel(RowsModel[TaskRow]):
    key = attrgetter("id")
    columns = (
        Column(QT_TRANSLATE_NOOP("TasksModel", "Task"), lambda r: ("↳ " if r.parent_id else "") + r.what,
               name="what", tooltip=_tip),
        text_column(QT_TRANSLATE_NOOP("TasksModel", "Meeting"), lambda r: r.meeting_title, name="meeting"),
        text_column(QT_TRANSLATE_NOOP("TasksModel", "Lead"), lambda r: r.lead, name="lead"),
        text_column(QT_TRANSLATE_NOOP("TasksModel", "Coordinating"), lambda r: r.coordinators, name="coordinators"),
        Column(QT_TRANSLATE_NOOP("TasksModel", "Deadline"), _deadline, name="deadline", foreground=_colour,
               sort_key=lambda r: r.deadline or date.max),
        Column(QT_TRANSLATE_NOOP("TasksModel", "State"),
               lambda r: state_label(r.state) + (" — " + QCoreApplication.translate("MeetingTasks", "overdue")
                                                 if r.overdue else ""),
               name="state", foreground=_colour),
    )


# --------------------------------------------------------------------------- reading


@dataclass
class MeetingTasksData:
    rows: list[TaskRow]
    progress: Progress
    choices: AssignChoices | None


def load_meeting(session: Session, user_id: str, meeting_id: str, today: date, organiser: bool) -> MeetingTasksData:
    user = load_actor(session, user_id)
    return MeetingTasksData(
        task_views.meeting_rows(session, meeting_id, user, today), task_views.progress(session, meeting_id, today),
        task_views.assign_choices(session, meeting_id) if organiser else None,
    )


@dataclass
class TasksData:
    rows: list[TaskRow]
    counts: TaskCounts


def load_view(session: Session, user_id: str, which: TaskFilter, today: date) -> TasksData:
    user = load_actor(session, user_id)
    return TasksData(task_views.rows(session, user, which, today), task_views.counts(session, user, today))


def load_counts(session: Session, user_id: str, today: date) -> TaskCounts:
    return task_views.counts(session, load_actor(session, user_id), today)


# --------------------------------------------------------------------------- dialogs


def _holders(combo: QComboBox, choices: list[Choice]) -> None:
    for choice in choices:
        prefix = QCoreApplication.translate("MeetingTasks", "Unit: ") if choice.unit else ""
        combo.addItem(prefix + choice.label, choice.holder)


def _error(dialog: QDialog) -> QLabel:
    label = QLabel(dialog)
    label.setStyleSheet("color: #b71c1c")
    label.setWordWrap(True)
    label.hide()
    return label


class AssignDialog(QDialog):
    """"Giao nhiệm vụ": what, under which agenda item, who leads, who coordinates, the
    deadline in working days (the date it gives is shown beside)."""

    def __init__(self, choices: AssignChoices, days_off: set[date], today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assign a task"))
        self.setObjectName("taskAssignDialog")
        self.setMinimumWidth(560)
        self.today, self.days_off = today, days_off
        self.what = QPlainTextEdit(self)
        self.what.setObjectName("taskWhat")
        self.what.setTabChangesFocus(True)
        self.what.setMaximumHeight(80)
        self.item = QComboBox(self)
        self.item.addItem(self.tr("(the meeting as a whole)"), None)
        for item_id, label in choices.items:
            self.item.addItem(label, item_id)
        self.lead = QComboBox(self)
        self.lead.setObjectName("taskLead")
        _holders(self.lead, choices.people)
        self.coordinators = QListWidget(self)
        self.coordinators.setObjectName("taskCoordinators")
        self.coordinators.setMaximumHeight(140)
        for choice in choices.people:
            prefix = self.tr("Unit: ") if choice.unit else ""
            entry = QListWidgetItem(prefix + choice.label, self.coordinators)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            entry.setData(Qt.ItemDataRole.UserRole, choice.holder)
        self.days = QSpinBox(self)
        self.days.setObjectName("taskDays")
        self.days.setRange(0, 2_600)
        self.days.setValue(DEFAULT_DAYS)
        self.days.setSuffix(self.tr(" working days"))
        self.due = QLabel(self)
        self.due.setObjectName("taskDue")
        self.days.valueChanged.connect(lambda _v: self._show_due())
        row = QHBoxLayout()
        row.addWidget(self.days)
        row.addWidget(self.due, 1)
        self.error = _error(self)
        form = QFormLayout()
        form.addRow(self.tr("&Task:"), self.what)
        form.addRow(self.tr("Agenda &item:"), self.item)
        form.addRow(self.tr("&Lead (unit or person):"), self.lead)
        form.addRow(self.tr("&Coordinating:"), self.coordinators)
        form.addRow(self.tr("&Deadline:"), row)
        self.buttons = ok_cancel(self, self.tr("Assign"))
        self.buttons.accepted.connect(self._accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._show_due()

    def _show_due(self) -> None:
        day = add_working_days(self.today, self.days.value(), self.days_off)
        self.due.setText(self.tr("deadline %1").replace("%1", f"{day:%d/%m/%Y}"))

    def chosen_coordinators(self) -> list[Any]:
        return [
            self.coordinators.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.coordinators.count())
            if self.coordinators.item(n).checkState() == Qt.CheckState.Checked
        ]

    def _accept(self) -> None:
        if not self.what.toPlainText().strip():
            self.error.setText(self.tr("Say what the task is."))
        elif self.lead.currentData() is None:
            self.error.setText(self.tr("Choose who leads the task."))
        elif any(h.key == self.lead.currentData().key for h in self.chosen_coordinators()):
            self.error.setText(self.tr("The lead cannot coordinate as well."))
        else:
            self.accept()
            return
        self.error.show()


class TextDialog(QDialog):
    """A text asked for one action: the return's reason."""

    def __init__(self, title: str, label: str, ok: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.error = _error(self)
        self.buttons = ok_cancel(self, ok)
        self.buttons.accepted.connect(self._accept)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(label, self))
        layout.addWidget(self.text)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _accept(self) -> None:
        if not self.text.toPlainText().strip():
            self.error.setText(self.tr("Write the reason."))
            self.error.show()
            return
        self.accept()


class CompleteDialog(QDialog):
    """"Hoàn thành": the result (kết quả xử lý) and, optionally, the reply document."""

    def __init__(self, replies: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Complete the task"))
        self.setObjectName("taskCompleteDialog")
        self.setMinimumWidth(520)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("taskResult")
        self.note.setTabChangesFocus(True)
        self.reply = QComboBox(self)
        self.reply.setObjectName("taskReply")
        self.reply.addItem(self.tr("(no reply document)"), None)
        for document_id, label in replies:
            self.reply.addItem(label, document_id)
        form = QFormLayout()
        form.addRow(self.tr("&Result:"), self.note)
        form.addRow(self.tr("Reply &document:"), self.reply)
        self.buttons = ok_cancel(self, self.tr("Completed"))
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)


class ForwardDialog(QDialog):
    """"Chuyển xử lý": a unit below or a person of the unit; the deadline kept or new."""

    def __init__(self, choices: list[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Forward for handling"))
        self.setObjectName("taskForwardDialog")
        self.setMinimumWidth(460)
        self.lead = QComboBox(self)
        self.lead.setObjectName("taskForwardTo")
        _holders(self.lead, choices)
        self.own_deadline = QCheckBox(self.tr("New deadline:"), self)
        self.days = QSpinBox(self)
        self.days.setRange(0, 2_600)
        self.days.setValue(5)
        self.days.setSuffix(self.tr(" working days"))
        self.days.setEnabled(False)
        self.own_deadline.toggled.connect(self.days.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.own_deadline)
        row.addWidget(self.days, 1)
        form = QFormLayout()
        form.addRow(self.tr("&To:"), self.lead)
        form.addRow("", row)
        self.buttons = ok_cancel(self, self.tr("Forward"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(choices))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)


# --------------------------------------------------------------------------- the holder's actions


class TaskActions(QWidget):
    """The actions on the selected task (Bắt đầu xử lý, Chuyển xử lý…, Trả lại…, Hoàn thành…),
    shared by the meeting's tab and the section's list; the host gives ``current()``."""

    def __init__(self, host: Any, window: Any) -> None:
        super().__init__(host)
        self.host, self.window_ = host, window
        self.dialog: QDialog | None = None
        self.act_start = QAction(self.tr("Start handling"), self)
        self.act_start.triggered.connect(self.start)
        self.act_forward = QAction(self.tr("Forward for handling…"), self)
        self.act_forward.setToolTip(self.tr("Pass the task to a unit below or a person of the unit"))
        self.act_forward.triggered.connect(self.forward)
        self.act_return = QAction(self.tr("Return…"), self)
        self.act_return.setToolTip(self.tr("Hand the task back, with the reason"))
        self.act_return.triggered.connect(self.return_task)
        self.act_complete = QAction(self.tr("Complete…"), self)
        self.act_complete.setToolTip(self.tr("Report the task done, with its result and the reply document"))
        self.act_complete.triggered.connect(self.complete)
        self.actions_ = (self.act_start, self.act_forward, self.act_return, self.act_complete)
        self.enable(None)

    @property
    def user_id(self) -> str:
        return str(self.window_.user_id)

    def enable(self, row: TaskRow | None) -> None:
        held = row is not None and row.held
        self.act_start.setEnabled(held and row is not None and row.state == "waiting")
        for action in (self.act_forward, self.act_return, self.act_complete):
            action.setEnabled(held)

    def _said(self, text: str) -> None:
        self.window_.statusBar().showMessage(text, SAID_FOR)

    def _submit(self, op: Any, said: str) -> None:
        self.window_.worker.submit(op.kind, self.user_id, lambda _s: op, lambda _r: self._said(said))

    def start(self) -> None:
        row = self.host.current()
        if row is not None and row.held and row.state == "waiting":
            self._submit(StartMeetingTask(Id(new_id()), Id(row.id)), self.tr("Task in progress"))

    def forward(self) -> None:
        row = self.host.current()
        if row is None or not row.held:
            return
        task_id = row.id

        def show(choices: list[Choice]) -> None:
            dialog = ForwardDialog(choices, self)
            self.dialog = dialog

            def ok() -> None:
                holder = dialog.lead.currentData()
                days = dialog.days.value() if dialog.own_deadline.isChecked() else None
                op = ForwardMeetingTask(Id(new_id()), Id(task_id), Id(new_id()),
                                        TaskHolder(holder.unit_id, holder.user_id), (), days,
                                        ISODate(self._today().isoformat()))
                self._submit(op, self.tr("Task forwarded for handling"))

            dialog.accepted.connect(ok)
            dialog.open()

        self.window_.worker.read("meeting_task_forward", lambda s: task_views.forward_choices(s, task_id), show)

    def return_task(self) -> None:
        row = self.host.current()
        if row is None or not row.held:
            return
        dialog = TextDialog(self.tr("Return the task"), self.tr("Why is the task returned?"), self.tr("Return"), self)
        self.dialog = dialog
        task_id = row.id
        dialog.accepted.connect(lambda: self._submit(
            ReturnMeetingTask(Id(new_id()), Id(task_id), dialog.text.toPlainText().strip()),
            self.tr("Task returned")))
        dialog.open()

    def complete(self) -> None:
        row = self.host.current()
        if row is None or not row.held:
            return
        task_id, user_id = row.id, self.user_id

        def show(replies: list[tuple[str, str]]) -> None:
            dialog = CompleteDialog(replies, self)
            self.dialog = dialog
            dialog.accepted.connect(lambda: self._submit(
                CompleteMeetingTask(Id(new_id()), Id(task_id), dialog.note.toPlainText().strip(),
                                    dialog.reply.currentData()),
                self.tr("Task completed")))
            dialog.open()

        self.window_.worker.read(
            "meeting_task_replies", lambda s: task_views.reply_choices(s, load_actor(s, user_id)), show)

    def _today(self) -> date:
        return self.window_.today or date.today()


# --------------------------------------------------------------------------- the meeting's tab


class MeetingTasksPanel(QWidget):
    """The meeting page's "Nhiệm vụ" tab: its tasks with their progress, the overdue in red."""

    #: A refresh is on screen (tests wait on it).
    loaded = Signal()

    def __init__(self, page: Any) -> None:
        super().__init__(page)
        self.page = page
        self.meeting_id = ""
        self.organiser = False
        self.data: MeetingTasksData | None = None
        self.dialog: AssignDialog | None = None
        self._generation = 0
        self.model = TasksModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("meetingTasks")
        self.table.setModel(self.model)
        list_table(self.table, self.model.column_of("what"), word_wrap=False)
        self.table.setColumnHidden(self.model.column_of("meeting"), True)
        self.progress = QLabel(self)
        self.progress.setObjectName("taskProgress")
        self.handling = TaskActions(self, page.window_)
        self.act_assign = QAction(self.tr("Assign a task…"), self)
        self.act_assign.setObjectName("assignTask")
        self.act_assign.setShortcut(QKeySequence(ASSIGN_SHORTCUT))
        self.act_assign.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_assign.setToolTip(self.tr("What, who leads, who coordinates, the deadline in working days (%1)")
                                   .replace("%1", ASSIGN_SHORTCUT))
        self.act_assign.triggered.connect(self.assign)
        # The page's shortcut: it works on every tab of the meeting.
        page.addAction(self.act_assign)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("tasksToolbar")
        self.toolbar.addAction(self.act_assign)
        for action in self.handling.actions_:
            self.toolbar.addAction(action)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self.handling.enable(self.current()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)

    def show_meeting(self, meeting_id: str, organiser: bool, assigning: bool) -> None:
        self.meeting_id, self.organiser = meeting_id, organiser
        self.act_assign.setVisible(assigning)
        self.act_assign.setEnabled(assigning)
        self.refresh()

    def refresh(self) -> None:
        if not self.meeting_id:
            return
        user_id, meeting_id, organiser = self.page.user_id, self.meeting_id, self.act_assign.isEnabled()
        today = self.page.window_.today or date.today()
        self._generation += 1
        generation = self._generation

        def show(data: MeetingTasksData) -> None:
            if generation == self._generation:
                self._show(data)

        self.page.worker.read("meeting_tasks",
                              lambda s: load_meeting(s, user_id, meeting_id, today, organiser), show)

    def _show(self, data: MeetingTasksData) -> None:
        keep = self.current()
        self.data = data
        self.model.set_rows(data.rows)
        self.progress.setText(progress_text(data.progress) if data.progress.total
                              else self.tr("No task assigned in this meeting yet."))
        self.progress.setStyleSheet("color: #b71c1c" if data.progress.overdue else "")
        if keep is not None and (row := self.model.find_row(keep.id)) >= 0:
            self.table.selectRow(row)
        elif data.rows:
            self.table.selectRow(0)
        self.handling.enable(self.current())
        self.loaded.emit()

    def current(self) -> TaskRow | None:
        index = self.table.currentIndex()
        return self.model.row(index) if index.isValid() else None

    def assign(self) -> None:
        if self.data is None or self.data.choices is None or not self.act_assign.isEnabled():
            return
        page = self.page

        def opened(dialog: AssignDialog) -> None:
            self.dialog = dialog

        open_assign(self, page.worker, page.user_id, self.meeting_id, page.window_.today or date.today(),
                    lambda _r: page.window_.statusBar().showMessage(self.tr("Task assigned"), SAID_FOR),
                    opened=opened, choices=self.data.choices)


def open_assign(
    parent: QWidget, worker: Any, user_id: str, meeting_id: str, today: date, sent: Any, *,
    item_id: str | None = None, opened: Any = None, choices: AssignChoices | None = None,
) -> None:
    """"Giao nhiệm vụ…" over ``parent`` (the meeting's tab, the minutes editor): the choices
    and the holidays read, the dialog opened (``opened(dialog)``), the task assigned as one
    operation when it is accepted (``sent(result)``)."""

    def read(session: Session) -> tuple[AssignChoices, set[date]]:
        return choices or task_views.assign_choices(session, meeting_id), holidays(session)

    def show(found: tuple[AssignChoices, set[date]]) -> None:
        dialog = AssignDialog(found[0], found[1], today, parent)
        if item_id is not None and (index := dialog.item.findData(item_id)) >= 0:
            dialog.item.setCurrentIndex(index)
        dialog.accepted.connect(lambda: worker.submit(
            AssignMeetingTask.kind, user_id, lambda _s: assign_op(dialog, meeting_id), sent))
        if opened is not None:
            opened(dialog)
        dialog.open()

    worker.read("meeting_task_assign", read, show)


def assign_op(dialog: AssignDialog, meeting_id: str) -> AssignMeetingTask:
    """The operation an accepted "Giao nhiệm vụ" dialog makes."""
    lead = dialog.lead.currentData()
    return AssignMeetingTask(
        Id(new_id()), Id(new_id()), Id(meeting_id), dialog.what.toPlainText().strip(),
        TaskHolder(lead.unit_id, lead.user_id), dialog.days.value(),
        tuple(TaskHolder(h.unit_id, h.user_id) for h in dialog.chosen_coordinators()),
        dialog.item.currentData(), ISODate(dialog.today.isoformat()),
    )


# --------------------------------------------------------------------------- the section's list


class TasksView(QWidget):
    """"Việc được giao từ cuộc họp": my tasks (or another filter), nearest deadline first."""

    #: A refresh is on screen (tests wait on it).
    loaded = Signal()
    #: Open the meeting of the selected task (its id).
    open_meeting = Signal(str)

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.user_id: str = window.user_id
        self._generation = 0
        #: Select this task once the list holds it (opened from a documents' box).
        self._select: str | None = None
        self.title = QLabel(self.tr("Tasks assigned in meetings"), self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.which = QComboBox(self)
        self.which.setObjectName("taskFilter")
        for which in TaskFilter:
            self.which.addItem(filter_label(which), which)
        self.which.currentIndexChanged.connect(lambda _i: self.refresh())
        self.counts = QLabel(self)
        self.counts.setObjectName("taskCounts")
        self.model = TasksModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("myTasks")
        self.table.setModel(self.model)
        list_table(self.table, self.model.column_of("what"), word_wrap=False)
        self.handling = TaskActions(self, window)
        self.act_meeting = QAction(self.tr("Open the meeting"), self)
        self.act_meeting.triggered.connect(self._open_meeting)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("myTasksToolbar")
        for action in (*self.handling.actions_, self.act_meeting):
            self.toolbar.addAction(action)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._enable())
        self.table.activated.connect(lambda _i: self._open_meeting())
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.which)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.counts)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.table, 1)

    def current(self) -> TaskRow | None:
        index = self.table.currentIndex()
        return self.model.row(index) if index.isValid() else None

    def show_filter(self, which: TaskFilter) -> None:
        self.which.setCurrentIndex(self.which.findData(which))
        self.refresh()

    def refresh(self) -> None:
        user_id, which = self.user_id, TaskFilter(self.which.currentData() or TaskFilter.MINE)
        today = self.window_.today or date.today()
        self._generation += 1
        generation = self._generation

        def show(data: TasksData) -> None:
            if generation == self._generation:
                self._show(data)

        self.window_.worker.read("meeting_tasks_view", lambda s: load_view(s, user_id, which, today), show)

    def select_task(self, task_id: str) -> None:
        """"Chờ tôi xử lý" with ``task_id`` selected (from a documents' box)."""
        self._select = task_id
        self.show_filter(TaskFilter.MINE)

    def _show(self, data: TasksData) -> None:
        keep = self.current()
        self.model.set_rows(data.rows)
        self.counts.setText(counts_text(data.counts))
        wanted, self._select = self._select, None
        if wanted is not None and (row := self.model.find_row(wanted)) >= 0:
            self.table.selectRow(row)
        elif keep is not None and (row := self.model.find_row(keep.id)) >= 0:
            self.table.selectRow(row)
        elif data.rows:
            self.table.selectRow(0)
        self._enable()
        self.loaded.emit()

    def _enable(self) -> None:
        row = self.current()
        self.handling.enable(row)
        self.act_meeting.setEnabled(row is not None and row.meeting_seen)

    def _open_meeting(self) -> None:
        row = self.current()
        if row is not None and row.meeting_seen:
            self.open_meeting.emit(row.meeting_id)


# --------------------------------------------------------------------------- live events


def _event_text(kind: str, payload: dict[str, Any]) -> Notification:
    what, meeting = str(payload.get("what") or ""), str(payload.get("meeting_title") or "")
    if kind == "meeting.task_settled":
        if payload.get("state") == "returned":
            text = QCoreApplication.translate("MeetingTasks", "Task returned (%1): %2 — %3")
            return Notification(text.replace("%1", str(payload.get("reason") or "")).replace("%2", what)
                                .replace("%3", meeting), warning=True)
        text = QCoreApplication.translate("MeetingTasks", "Task completed: %1 — %2")
        return Notification(text.replace("%1", what).replace("%2", meeting))
    try:
        deadline = f"{date.fromisoformat(str(payload.get('deadline'))):%d/%m/%Y}"
    except ValueError:
        deadline = ""
    text = QCoreApplication.translate("MeetingTasks", "Task assigned to you at the meeting %1 (deadline %2): %3")
    return Notification(text.replace("%1", meeting).replace("%2", deadline).replace("%3", what))


register_event_text(("meeting.task_assigned", "meeting.task_settled"), _event_text)


# --------------------------------------------------------------------------- in the documents' boxes


def _open_from_box(window: Any, task_id: str) -> None:
    window.section("meetings").open_task(task_id)


register_followup_view(task_views.FOLLOWUP_NAME, FollowupView(
    title=lambda: QCoreApplication.translate("Meetings", "Tasks assigned in meetings"),
    state_label=state_label,
    open=_open_from_box,
))
