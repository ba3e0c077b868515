"""Qt models of the diary: a week's (or a day's) entries, drafts waiting, a unit's people."""

from __future__ import annotations

from datetime import date
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from eoffice.ui.rows import QT_TRANSLATE_NOOP, Column, RowsModel
from eoffice.worklog.drafting import Draft
from eoffice.worklog.views import EntryView, PersonWeek, TimeWarning
from eoffice.worklog.weeks import hhmm

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


def _entry_text(entry: EntryView) -> str:
    marks = ""
    if entry.recurring:
        marks += " ↻"
    if entry.comments:
        marks += f" 💬{entry.comments}"
    return entry.text + marks


class EntriesModel(RowsModel[EntryView]):
    """The entries of a week, or of one day of it (``set_day``); conflicts stand out."""

    key = attrgetter("id")
    columns = (
        Column(QT_TRANSLATE_NOOP("EntriesModel", "Day"), lambda e: f"{weekday_label(e.day)} {e.day:%d/%m}", name="day"),
        Column(
            QT_TRANSLATE_NOOP("EntriesModel", "Time"), lambda e: time_label(e.start_minute, e.end_minute), name="time"
        ),
        Column(QT_TRANSLATE_NOOP("EntriesModel", "Duration"), lambda e: duration_label(e.minutes), name="duration"),
        Column(QT_TRANSLATE_NOOP("EntriesModel", "Work"), _entry_text, name="text"),
        Column(QT_TRANSLATE_NOOP("EntriesModel", "Category"), lambda e: category_label(e.category), name="category"),
        Column(QT_TRANSLATE_NOOP("EntriesModel", "Result"), attrgetter("result"), name="result"),
        Column(QT_TRANSLATE_NOOP("EntriesModel", "Document"), attrgetter("document_label"), name="document"),
    )
    COLUMNS = tuple(column.name for column in columns)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.all: list[EntryView] = []
        self.day: date | None = None
        self.warnings: list[TimeWarning] = []
        self.warned: set[str] = set()

    def set_entries(self, entries: list[EntryView], warnings: list[TimeWarning]) -> None:
        self.all = entries
        self.warnings = warnings
        self.warned = {i for w in warnings for i in w.entry_ids}
        self.set_rows(e for e in entries if self.day is None or e.day == self.day)

    def set_day(self, day: date | None) -> None:
        self.day = day
        self.set_entries(self.all, self.warnings)

    def row_data(self, entry: EntryView, role: int) -> Any:
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


def _draft_tooltip(draft: Draft) -> str:
    return draft.text + (f"\n{draft.result}" if draft.result else "")


class DraftsModel(RowsModel[Draft]):
    """Drafted entries waiting for acceptance."""

    key = attrgetter("source_key")
    columns = (
        Column(QT_TRANSLATE_NOOP("DraftsModel", "At"), lambda d: hhmm(d.at_minute), tooltip=_draft_tooltip),
        Column(QT_TRANSLATE_NOOP("DraftsModel", "Proposed entry"), attrgetter("text"), tooltip=_draft_tooltip),
        Column(
            QT_TRANSLATE_NOOP("DraftsModel", "Duration"), lambda d: duration_label(d.minutes), tooltip=_draft_tooltip
        ),
    )

    def set_drafts(self, drafts: list[Draft]) -> None:
        self.set_rows(drafts)


def _person_state(person: PersonWeek) -> str:
    if person.state == "approved":
        state = QCoreApplication.translate("PeopleModel", "Approved")
    else:
        state = QCoreApplication.translate("PeopleModel", "Not approved")
    if person.conflicts:
        state += " · " + QCoreApplication.translate("PeopleModel", "%1 to settle").replace("%1", str(person.conflicts))
    return state


class PeopleModel(RowsModel[PersonWeek]):
    """A leader's unit: each person's week at a glance."""

    key = attrgetter("user_id")
    columns = (
        Column(QT_TRANSLATE_NOOP("PeopleModel", "Person"), attrgetter("full_name")),
        Column(QT_TRANSLATE_NOOP("PeopleModel", "Unit"), attrgetter("unit_name")),
        Column(
            QT_TRANSLATE_NOOP("PeopleModel", "Week total"), lambda p: duration_label(p.minutes),
            sort_key=attrgetter("minutes"),
        ),
        Column(QT_TRANSLATE_NOOP("PeopleModel", "Entries"), lambda p: str(p.entries), sort_key=attrgetter("entries")),
        Column(QT_TRANSLATE_NOOP("PeopleModel", "State"), _person_state),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.monday: date | None = None

    def set_people(self, rows: list[PersonWeek], monday: date) -> None:
        self.monday = monday
        self.set_rows(rows)

    def row_data(self, person: PersonWeek, role: int) -> Any:
        if role == Qt.ToolTipRole:
            return " · ".join(duration_label(m) for m in person.day_minutes)
        if role == Qt.UserRole:
            return person.user_id
        return None
