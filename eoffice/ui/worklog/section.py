"""The work diary's section: the last sidebar entry ("Nhật ký công việc", Ctrl+J, also in
the View menu); its panel takes the whole stacked area."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QListWidgetItem

from eoffice.directory.models import Unit, User, UserRole
from eoffice.documents.models import DirectionLine, Document
from eoffice.ops.changes import Changes
from eoffice.ui.section import Section
from eoffice.ui.worklog.panel import DiaryPanel
from eoffice.worklog.models import WorklogComment, WorklogEntry, WorklogWeek

DIARY_ROLE = "diary"


class DiarySection(Section):
    """The diary panel (and, for a leader, the diaries of the people they lead)."""

    name = "diary"
    #: The diary, its people, and the handled documents it proposes entries from.
    tables = frozenset(
        m.__tablename__
        for m in (WorklogEntry, WorklogWeek, WorklogComment, User, UserRole, Unit, DirectionLine, Document)
    )

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.panel = DiaryPanel(window.worker, window.user_id, window, today=window.today, load=False)
        self.panel.open_reports = window.open_printed
        self.missed = Changes(everything=True)  # read when first shown
        self.widget = self.panel
        title = QCoreApplication.translate("Diary", "Work diary")
        self.item = QListWidgetItem(title)
        self.item.setData(Qt.UserRole, DIARY_ROLE)
        self.sidebar.append(self.item)
        self.separator("view", 90)
        self.act_open = self.action(
            title, self.show, "Ctrl+J",
            QCoreApplication.translate("Diary", "Write today's work, see the week, export reports"),
            menu="view", at=91,
        )

    def show(self) -> None:
        """Ctrl+J: the diary in front, the cursor in the quick entry."""
        self.panel.open_reports = self.window.open_printed
        self.window.show_section(self, self.item)
        self.panel.focus_quick()

    def refresh(self, changes: Changes) -> None:
        self.panel.refresh()

    def set_user(self, user_id: str) -> None:
        if self.visible:
            self.panel.set_user(user_id)
        else:
            self.panel.user_id = self.panel.owner_id = user_id
            self.missed = Changes(everything=True)
