"""The meetings' calendar (Lịch họp): a day, a week or a month of the user's meetings, their
unit's or their organisation's, and "my next meetings" beside it.

One read job per refresh (``load``); Ctrl+T goes to today, PgUp/PgDn to the previous or
next period, Enter (or a double-click) opens the meeting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from eoffice.meetings.values import VIETNAM
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from eoffice.directory.access import load_actor
from eoffice.meetings.views import CalendarRow, calendar, next_meetings
from eoffice.ui.meetings.labels import local, state_label, weekday_label
from eoffice.ui.meetings.models import CalendarModel, MonthModel, month_bounds
from eoffice.ui.tasks import DbWorker

MODES = ("day", "week", "month")


@dataclass
class CalendarData:
    rows: list[CalendarRow]
    upcoming: list[CalendarRow]
    first: date
    last: date  # exclusive


def period(mode: str, day: date) -> tuple[date, date]:
    """The days a mode shows around ``day``: [first, last)."""
    if mode == "day":
        return day, day + timedelta(days=1)
    if mode == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=7)
    first, _after = month_bounds(day)
    grid = first - timedelta(days=first.weekday())
    return grid, grid + timedelta(days=42)  # the grid's six weeks, days of the months around too


def _moment(day: date) -> datetime:
    """Midnight of ``day`` in Vietnam's time (the calendar's days are the province's)."""
    return datetime.combine(day, time(), VIETNAM)


def load(session: Session, user_id: str, mode: str, day: date, scope: str, now: datetime) -> CalendarData:
    user = load_actor(session, user_id)
    first, last = period(mode, day)
    rows = calendar(session, user, _moment(first), _moment(last), scope)
    return CalendarData(rows, next_meetings(session, user, now, 8), first, last)


class CalendarPanel(QWidget):
    """The calendar page of the Họp section."""

    #: A meeting was chosen (its id).
    open_meeting = Signal(str)
    #: A refresh's rows are on screen (tests wait on it).
    loaded = Signal()

    def __init__(
        self, worker: DbWorker, user_id: str, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self.user_id = user_id
        self.today = today or date.today()
        self.day = self.today
        self.data: CalendarData | None = None
        self._generation = 0
        self._pending = 0
        self._build()

    def _build(self) -> None:
        self.prev_button = QToolButton(self)
        self.prev_button.setText("◀")
        self.prev_button.setToolTip(self.tr("Previous (PgUp)"))
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QToolButton(self)
        self.next_button.setText("▶")
        self.next_button.setToolTip(self.tr("Next (PgDn)"))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button = QPushButton(self.tr("Today"), self)
        self.today_button.setToolTip(self.tr("Go to today (Ctrl+T)"))
        self.today_button.clicked.connect(self.go_today)
        self.title = QLabel(self)
        self.title.setObjectName("calendarTitle")
        bold = self.title.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        self.title.setFont(bold)
        self.mode = QComboBox(self)
        self.mode.addItem(self.tr("Day"), "day")
        self.mode.addItem(self.tr("Week"), "week")
        self.mode.addItem(self.tr("Month"), "month")
        self.mode.setCurrentIndex(2)
        self.mode.currentIndexChanged.connect(lambda _i: self.refresh())
        self.scope = QComboBox(self)
        self.scope.addItem(self.tr("My meetings"), "mine")
        self.scope.addItem(self.tr("My unit's"), "unit")
        self.scope.addItem(self.tr("My organisation's"), "organisation")
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        top = QHBoxLayout()
        for widget in (self.prev_button, self.today_button, self.next_button, self.title):
            top.addWidget(widget)
        top.addStretch(1)
        self.new_button = QPushButton(self.tr("New meeting…"), self)
        self.new_button.setObjectName("newMeetingButton")
        self.new_button.setToolTip(self.tr("Call a new meeting (Ctrl+Shift+M)"))
        top.addWidget(self.new_button)
        self.schedule_button = QPushButton(self.tr("Weekly schedule"), self)
        self.schedule_button.setToolTip(self.tr("The leaders' schedule of the shown week, as a PDF"))
        top.addWidget(self.schedule_button)
        top.addWidget(QLabel(self.tr("Show:"), self))
        top.addWidget(self.scope)
        top.addWidget(self.mode)

        self.month = MonthModel(self)
        self.grid = QTableView(self)
        self.grid.setObjectName("monthGrid")
        self.grid.setModel(self.month)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setWordWrap(False)  # one line per meeting, cut with …
        self.grid.verticalHeader().hide()
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.clicked.connect(lambda index: self.pick_day(self.month.day_of(index)))
        self.grid.doubleClicked.connect(self._grid_double_clicked)

        self.list = CalendarModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("meetingList")
        self.table.setModel(self.list)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.list.column_of("title"), QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.activated.connect(lambda _index: self.open_selected())
        self.list_caption = QLabel(self)

        self.upcoming = QListWidget(self)
        self.upcoming.setObjectName("nextMeetings")
        self.upcoming.setWordWrap(True)
        self.upcoming.setSpacing(4)
        self.upcoming.itemActivated.connect(lambda item: self.open_meeting.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.upcoming.itemDoubleClicked.connect(
            lambda item: self.open_meeting.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(self.tr("My next meetings"), side)
        caption.setFont(bold)
        side_layout.addWidget(caption)
        side_layout.addWidget(self.upcoming, 1)

        main = QWidget(self)
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(0, 0, 0, 0)
        self.split = QSplitter(Qt.Orientation.Vertical, main)
        self.split.addWidget(self.grid)
        below = QWidget(self.split)
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.list_caption)
        below_layout.addWidget(self.table, 1)
        self.split.addWidget(below)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        main_layout.addWidget(self.split)
        across = QSplitter(Qt.Orientation.Horizontal, self)
        across.addWidget(main)
        across.addWidget(side)
        across.setStretchFactor(0, 4)
        across.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(across, 1)

        for keys, slot in (
            ("Ctrl+T", self.go_today),
            (QKeySequence.StandardKey.MoveToPreviousPage, lambda: self.step(-1)),
            (QKeySequence.StandardKey.MoveToNextPage, lambda: self.step(1)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # ------------------------------------------------------------------ navigation

    @property
    def mode_name(self) -> str:
        return str(self.mode.currentData())

    def set_mode(self, mode: str) -> None:
        self.mode.setCurrentIndex(MODES.index(mode))

    def set_scope(self, scope: str) -> None:
        self.scope.setCurrentIndex(max(0, self.scope.findData(scope)))

    def go_today(self) -> None:
        self.go(self.today)

    def go(self, day: date) -> None:
        self.day = day
        self.refresh()

    def step(self, direction: int) -> None:
        mode = self.mode_name
        if mode == "day":
            self.go(self.day + timedelta(days=direction))
        elif mode == "week":
            self.go(self.day + timedelta(days=7 * direction))
        else:
            first = self.day.replace(day=1)
            moved = (first + timedelta(days=32)).replace(day=1) if direction > 0 else (first - timedelta(days=1))
            self.go(moved.replace(day=1))

    def pick_day(self, day: date) -> None:
        """A day chosen in the month grid: its meetings in the list below."""
        self.day = day
        self._show_list()

    def _grid_double_clicked(self, index: Any) -> None:
        day = self.month.day_of(index)
        rows = self.month.by_day.get(day, [])
        if len(rows) == 1:
            self.open_meeting.emit(rows[0].id)
        else:
            self.set_mode("day")
            self.go(day)

    def open_selected(self) -> None:
        row = self.list.row(self.table.currentIndex())
        if row is not None:
            self.open_meeting.emit(row.id)

    # ------------------------------------------------------------------ reading

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def refresh(self) -> None:
        user_id, mode, day, scope = self.user_id, self.mode_name, self.day, str(self.scope.currentData())
        now = datetime.now(VIETNAM)
        self._generation += 1
        self._pending += 1
        generation = self._generation

        def show(data: CalendarData) -> None:
            self._pending -= 1
            if generation == self._generation:
                self._show(data)

        def failed(_error: BaseException) -> bool:
            self._pending -= 1
            return False

        self.worker.read("meeting_calendar", lambda s: load(s, user_id, mode, day, scope, now), show, failed)

    def _show(self, data: CalendarData) -> None:
        self.data = data
        mode = self.mode_name
        if mode == "month":
            self.title.setText(self.tr("Month %1").replace("%1", f"{self.day:%m/%Y}"))
        elif mode == "week":
            self.title.setText(
                self.tr("Week %1 – %2").replace("%1", f"{data.first:%d/%m}")
                .replace("%2", f"{data.last - timedelta(days=1):%d/%m/%Y}")
            )
        else:
            self.title.setText(f"{self.day:%d/%m/%Y}")
        self.grid.setVisible(mode == "month")
        self.month.set_month(self.day, data.rows if mode == "month" else [], self.today)
        if mode == "month":
            self.grid.setCurrentIndex(self.month.index_of(self.day))
        self._show_list()
        self.upcoming.clear()
        for row in data.upcoming:
            start = local(row.starts_at)
            item = QListWidgetItem(f"{weekday_label(start)} {start:%d/%m %H:%M}\n{row.title}\n{row.place}")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setToolTip(state_label(row.state))
            self.upcoming.addItem(item)
        if not data.upcoming:
            self.upcoming.addItem(QListWidgetItem(self.tr("No meetings coming.")))
        self.loaded.emit()

    def _show_list(self) -> None:
        if self.data is None:
            return
        mode = self.mode_name
        if mode == "month":
            rows = [r for r in self.data.rows if local(r.starts_at).date() <= self.day <= local(r.ends_at).date()]
            self.list_caption.setText(self.tr("Meetings on %1").replace("%1", f"{self.day:%d/%m/%Y}"))
        else:
            rows = self.data.rows
            self.list_caption.setText(self.tr("%1 meetings").replace("%1", str(len(rows))))
        self.list.set_rows(rows)
        if rows:
            self.table.selectRow(0)
