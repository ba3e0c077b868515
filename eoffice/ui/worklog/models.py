"""Qt models of the diary: a week's (or a day's) entries, drafts waiting, a unit's people."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from eoffice.worklog.drafting import Draft
from eoffice.worklog.views import EntryView, PersonWeek, TimeWarning
from eoffice.worklog.weeks import hhmm

Index = QModelIndex | QPersistentModelIndex
CONFLICT_BACKGROUND = QColor("#fdecea")
WARNING_BACKGROUND = QColor("#fff3e0")


def category_label(category: str) -> str:
    names = {
        "regular": QCoreApplication.translate("Diary", "Regular duty"),
        "adhoc": QCoreApplication.translate("Diary", "Ad-hoc task"),
        "document": QCoreApplication.translate("Diary", "Assigned by a document"),
        "meeting": QCoreApplication.translate("Diary", "Meeting"),
    }
    return names.get(category, category)


CATEGORIES = ("regular", "adhoc", "document", "meeting")


def weekday_label(day: date) -> str:
    names = (
        QCoreApplication.translate("Diary", "Mon"),
        QCoreApplication.translate("Diary", "Tue"),
        QCoreApplication.translate("Diary", "Wed"),
        QCoreApplication.translate("Diary", "Thu"),
        QCoreApplication.translate("Diary", "Fri"),
        QCoreApplication.translate("Diary", "Sat"),
        QCoreApplication.translate("Diary", "Sun"),
    )
    return names[day.weekday()]


def duration_label(minutes: int) -> str:
    hours, rest = divmod(max(0, minutes), 60)
    if hours and rest:
        return QCoreApplication.translate("Diary", "%1 h %2 min").replace("%1", str(hours)).replace("%2", str(rest))
    if hours:
        return QCoreApplication.translate("Diary", "%1 h").replace("%1", str(hours))
    return QCoreApplication.translate("Diary", "%1 min").replace("%1", str(rest))


def time_label(start: int | None, end: int | None) -> str:
    return f"{hhmm(start)}–{hhmm(end)}" if start is not None and end is not None else ""


def conflict_label(conflict: str) -> str:
    names = {
        "edited": QCoreApplication.translate("Diary", "Edited on another computer too: choose a version"),
        "deleted": QCoreApplication.translate("Diary", "Deleted on another computer: keep or drop this version"),
        "locked": QCoreApplication.translate("Diary", "Arrived after the week was approved: kept aside"),
    }
    return names.get(conflict, "")


class EntriesModel(QAbstractTableModel):
    """The entries of a week, or of one day of it (``set_day``); conflicts stand out."""

    COLUMNS = ("day", "time", "duration", "text", "category", "result", "document")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.all: list[EntryView] = []
        self.rows: list[EntryView] = []
        self.day: date | None = None
        self.warnings: list[TimeWarning] = []
        self.warned: set[str] = set()

    def set_entries(self, entries: list[EntryView], warnings: list[TimeWarning]) -> None:
        self.beginResetModel()
        self.all = entries
        self.warnings = warnings
        self.warned = {i for w in warnings for i in w.entry_ids}
        self.rows = [e for e in entries if self.day is None or e.day == self.day]
        self.endResetModel()

    def set_day(self, day: date | None) -> None:
        self.day = day
        self.set_entries(self.all, self.warnings)

    def row_at(self, row: int) -> EntryView | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def find_row(self, entry_id: str) -> int:
        return next((i for i, e in enumerate(self.rows) if e.id == entry_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Horizontal or role != Qt.DisplayRole:
            return None
        titles = (
            self.tr("Day"), self.tr("Time"), self.tr("Duration"), self.tr("Work"), self.tr("Category"),
            self.tr("Result"), self.tr("Document"),
        )
        return titles[section]

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        entry = self.row_at(index.row())
        if entry is None:
            return None
        column = self.COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            if column == "day":
                return f"{weekday_label(entry.day)} {entry.day:%d/%m}"
            if column == "time":
                return time_label(entry.start_minute, entry.end_minute)
            if column == "duration":
                return duration_label(entry.minutes)
            if column == "text":
                marks = ""
                if entry.recurring:
                    marks += " ↻"
                if entry.comments:
                    marks += f" 💬{entry.comments}"
                return entry.text + marks
            if column == "category":
                return category_label(entry.category)
            if column == "result":
                return entry.result
            if column == "document":
                return entry.document_label
        if role == Qt.ToolTipRole:
            if entry.conflict:
                return conflict_label(entry.conflict)
            if entry.id in self.warned:
                return self.tr("Overlaps another entry, or the day passes 24 hours")
        if role == Qt.BackgroundRole:
            if entry.conflict:
                return QBrush(CONFLICT_BACKGROUND)
            if entry.id in self.warned:
                return QBrush(WARNING_BACKGROUND)
        if role == Qt.UserRole:
            return entry.id
        return None


class DraftsModel(QAbstractTableModel):
    """Drafted entries waiting for acceptance."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Draft] = []

    def set_drafts(self, drafts: list[Draft]) -> None:
        self.beginResetModel()
        self.rows = list(drafts)
        self.endResetModel()

    def row_at(self, row: int) -> Draft | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Horizontal or role != Qt.DisplayRole:
            return None
        return (self.tr("At"), self.tr("Proposed entry"), self.tr("Duration"))[section]

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        draft = self.row_at(index.row())
        if draft is None:
            return None
        if role == Qt.DisplayRole:
            return (hhmm(draft.at_minute), draft.text, duration_label(draft.minutes))[index.column()]
        if role == Qt.ToolTipRole:
            return draft.text + (f"\n{draft.result}" if draft.result else "")
        return None


class PeopleModel(QAbstractTableModel):
    """A leader's unit: each person's week at a glance."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[PersonWeek] = []
        self.monday: date | None = None

    def set_people(self, rows: list[PersonWeek], monday: date) -> None:
        self.beginResetModel()
        self.rows = rows
        self.monday = monday
        self.endResetModel()

    def row_at(self, row: int) -> PersonWeek | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Horizontal or role != Qt.DisplayRole:
            return None
        return (self.tr("Person"), self.tr("Unit"), self.tr("Week total"), self.tr("Entries"), self.tr("State"))[section]

    def data(self, index: Index, role: int = Qt.DisplayRole) -> Any:
        person = self.row_at(index.row())
        if person is None:
            return None
        if role == Qt.DisplayRole:
            state = self.tr("Approved") if person.state == "approved" else self.tr("Not approved")
            if person.conflicts:
                state += " · " + self.tr("%1 to settle").replace("%1", str(person.conflicts))
            return (person.full_name, person.unit_name, duration_label(person.minutes), str(person.entries), state)[
                index.column()
            ]
        if role == Qt.ToolTipRole:
            return " · ".join(duration_label(m) for m in person.day_minutes)
        if role == Qt.UserRole:
            return person.user_id
        return None
