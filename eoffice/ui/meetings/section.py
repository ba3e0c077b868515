"""The meetings' section ("Họp", Ctrl+M, also in the View menu): the calendar, and a
meeting's page (agenda with documents, participants, who has read) in its place; and
"Việc được giao từ cuộc họp", the tasks meetings gave me, with its counts in the sidebar
(waiting · due soon · overdue)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidgetItem, QStackedWidget

from eoffice.directory.models import Unit, User
from eoffice.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingComment,
    MeetingDocument,
    MeetingDocumentVersion,
    Participant,
    ReadReceipt,
    Room,
    Sitting,
)
from eoffice.meetings.task_views import TaskCounts
from eoffice.ops.changes import Changes
from eoffice.ui.meetings.calendar import CalendarPanel
from eoffice.ui.meetings import notices  # noqa: F401  (the live events' texts)
from eoffice.ui.meetings.meeting import MeetingPage
from eoffice.ui.meetings.opinions import TABLES as OPINION_TABLES, OpinionReminders
from eoffice.ui.meetings.tasks import TABLES as TASK_TABLES, TasksView, counts_text, load_counts
from eoffice.ui.meetings.meeting_editor import MeetingEditor
from eoffice.ui.meetings.papers import WeeklySchedule
from eoffice.ui.section import Section

MEETINGS_ROLE = "meetings"
TASKS_ROLE = "meeting_tasks"


class MeetingsSection(Section):
    """Calendar first; a meeting opens in its place, Esc goes back."""

    name = "meetings"
    tables = frozenset(
        m.__tablename__
        for m in (
            Meeting, Sitting, Participant, AgendaItem, MeetingDocument, MeetingDocumentVersion, ReadReceipt, Room,
            MeetingComment,
            User, Unit,
        )
    ) | OPINION_TABLES | TASK_TABLES

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.stack = QStackedWidget(window)
        self.stack.setObjectName("meetingsSection")
        self.calendar = CalendarPanel(window.worker, window.user_id, self.stack, today=window.today)
        self.page = MeetingPage(window, self.stack)
        self.stack.addWidget(self.calendar)
        self.stack.addWidget(self.page)
        self.calendar.open_meeting.connect(self.open_meeting)
        self.page.back.connect(self.show_calendar)
        self.tasks = TasksView(window, self.stack)
        self.stack.addWidget(self.tasks)
        self.tasks.open_meeting.connect(self.open_meeting)
        self.schedule = WeeklySchedule(window, self.stack)
        self.calendar.schedule_button.clicked.connect(lambda: self.schedule.open(self.calendar.day))
        self.widget = self.stack
        self.missed = Changes(everything=True)  # read when first shown
        title = QCoreApplication.translate("Meetings", "Meetings")
        self.item = QListWidgetItem(title)
        self.item.setData(Qt.ItemDataRole.UserRole, MEETINGS_ROLE)
        self.sidebar.append(self.item)
        self.tasks_title = QCoreApplication.translate("Meetings", "Tasks assigned in meetings")
        self.tasks_item = QListWidgetItem(self.tasks_title)
        self.tasks_item.setData(Qt.ItemDataRole.UserRole, TASKS_ROLE)
        self.tasks_item.setToolTip(QCoreApplication.translate(
            "Meetings", "The tasks meetings gave you or your unit: waiting · due soon · overdue"))
        self.sidebar.append(self.tasks_item)
        self.act_open = self.action(
            title, self.show, "Ctrl+M",
            QCoreApplication.translate("Meetings", "The meetings' calendar, agendas and documents"),
            menu="view", at=92,
        )
        self.reminders = OpinionReminders(window)
        self.counted: TaskCounts | None = None
        self.count_tasks()
        self.editor = MeetingEditor(window, self.stack)
        self.editor.saved.connect(self._saved)
        self.calendar.new_button.clicked.connect(self.new_meeting)
        self.act_new = self.action(
            QCoreApplication.translate("Meetings", "New meeting…"), self.new_meeting, "Ctrl+Shift+M",
            QCoreApplication.translate("Meetings", "Call a new meeting: title, times, place, chair and secretary"),
            menu="file", at=25,
        )

    def activate(self, item: QListWidgetItem) -> None:
        if item is self.tasks_item:
            self.show_tasks()
        elif self.stack.currentWidget() is self.tasks:
            self.show_calendar()

    def show_tasks(self) -> None:
        """"Việc được giao từ cuộc họp": the list in the section's place."""
        self.window.show_section(self, self.tasks_item)
        self.stack.setCurrentWidget(self.tasks)
        self.tasks.refresh()
        self.tasks.table.setFocus()

    def open_task(self, task_id: str) -> None:
        """A task opened from a documents' box: the list of mine, with it selected."""
        self.window.show_section(self, self.tasks_item)
        self.stack.setCurrentWidget(self.tasks)
        self.tasks.select_task(task_id)
        self.tasks.table.setFocus()

    def count_tasks(self) -> None:
        """The sidebar's line: "Việc được giao từ cuộc họp (3)", its colour and tooltip saying
        how many are due soon and overdue; read from this desk."""
        user_id, today = self.window.user_id, self.window.today or date.today()

        def show(counts: TaskCounts) -> None:
            self.counted = counts
            if counts.waiting or counts.overdue:
                self.tasks_item.setText(f"{self.tasks_title} ({counts.waiting})")
            else:
                self.tasks_item.setText(self.tasks_title)
            self.tasks_item.setToolTip(counts_text(counts))
            # red when one is overdue, amber when one is due soon (the list says how many)
            colour = "#b71c1c" if counts.overdue else "#8a4b00" if counts.due_soon else ""
            self.tasks_item.setData(Qt.ItemDataRole.ForegroundRole, QColor(colour) if colour else None)

        self.window.worker.read("meeting_task_counts", lambda s: load_counts(s, user_id, today), show)

    def new_meeting(self) -> None:
        """Ctrl+Shift+M: the editor for a new draft meeting, on the calendar's day."""
        self.window.show_section(self, self.item)
        self.editor.new_meeting(self.calendar.day)

    def _saved(self, meeting_id: str) -> None:
        """A new meeting opens on its page (to add its people and agenda)."""
        self.open_meeting(meeting_id)

    def show(self) -> None:
        """Ctrl+M: the section in front, the calendar's list focused."""
        self.window.show_section(self, self.item)
        if self.stack.currentWidget() is self.tasks:
            self.stack.setCurrentWidget(self.calendar)
        (self.page.tree if self.stack.currentWidget() is self.page else self.calendar.table).setFocus()

    def show_calendar(self) -> None:
        self.stack.setCurrentWidget(self.calendar)
        self.calendar.table.setFocus()
        self.calendar.refresh()  # answers and read states may have changed meanwhile

    def open_meeting(self, meeting_id: str) -> None:
        self.window.show_section(self, self.item)
        self.stack.setCurrentWidget(self.page)
        self.page.show_meeting(meeting_id)
        self.page.tree.setFocus()

    def refresh(self, changes: Changes) -> None:
        if self.stack.currentWidget() is self.tasks:
            self.tasks.refresh()
        elif self.stack.currentWidget() is self.page:
            self.page.refresh()
        else:
            self.calendar.refresh()

    def on_changes(self, changes: Changes) -> None:
        """Written opinions remind even when the section is not shown (a poll arrived, I answered)."""
        if changes.touches(*OPINION_TABLES):
            self.reminders.check()
        if changes.touches(*TASK_TABLES):
            self.count_tasks()
        super().on_changes(changes)

    def close(self) -> None:
        self.reminders.stop()
        super().close()

    def set_user(self, user_id: str) -> None:
        self.calendar.user_id = self.page.user_id = self.tasks.user_id = user_id
        self.count_tasks()
        self.reminders.told.clear()
        self.reminders.check()
        self.stack.setCurrentWidget(self.calendar)
        self.page.meeting_id = ""
        if self.visible:
            self.calendar.refresh()
        else:
            self.missed = Changes(everything=True)
