"""Other work followed up like a direction line, above a box's documents.

"Chờ tôi xử lý", "Sắp đến hạn" and "Quá hạn" count the items of the follow-up sources
(``documents.followup.FollowupSource``: a task assigned in a meeting, say) with their
documents; this panel lists them above the documents, so that the count and what the
box shows agree. Each source's screens register how its items are named and opened
(``register_followup_view``); this module names none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from eoffice.directory.models import User
from eoffice.documents.boxes import Box, followup_items
from eoffice.documents.followup import FollowupItem
from eoffice.ui.rows import QT_TRANSLATE_NOOP, Column, RowsModel, list_table, text_column

OVERDUE = QColor("#b71c1c")
DUE_SOON = QColor("#8a4b00")
#: Rows shown before the panel scrolls: the documents keep most of the height.
ROWS_SHOWN = 4
ORIGIN_WIDTH = 180


@dataclass(frozen=True)
class FollowupView:
    """How a source's items show: the heading of its rows ("Việc được giao từ cuộc họp"),
    a state's label, and what opens an item (``open(window, item_id)``)."""

    title: Callable[[], str]
    state_label: Callable[[str], str]
    open: Callable[[Any, str], None]


_VIEWS: dict[str, FollowupView] = {}


def register_followup_view(source: str, view: FollowupView) -> None:
    """Called by a capability's screens, for the source its domain registered."""
    _VIEWS[source] = view


def _state(item: FollowupItem) -> str:
    view = _VIEWS.get(item.source)
    text = view.state_label(item.state) if view else item.state
    if item.overdue:
        text += " — " + QCoreApplication.translate("FollowupPanel", "overdue")
    return text


def _colour(item: FollowupItem) -> QColor | None:
    return OVERDUE if item.overdue else DUE_SOON if item.due_soon else None


class FollowupModel(RowsModel[FollowupItem]):
    key = attrgetter("id")
    columns = (
        Column(QT_TRANSLATE_NOOP("FollowupModel", "Task"), lambda i: i.what, name="what", tooltip=lambda i: i.what),
        text_column(QT_TRANSLATE_NOOP("FollowupModel", "From"), lambda i: i.origin, name="origin"),
        Column(QT_TRANSLATE_NOOP("FollowupModel", "Deadline"),
               lambda i: f"{i.deadline:%d/%m/%Y}" if i.deadline else "", name="deadline", foreground=_colour),
        Column(QT_TRANSLATE_NOOP("FollowupModel", "State"), _state, name="state", foreground=_colour),
    )


def load_items(session: Any, user_id: str, box: Box, today: date) -> tuple[str, Box, list[FollowupItem]]:
    """The items ``box`` lists for the user (read off the GUI thread)."""
    user = session.get(User, user_id)
    return user_id, box, followup_items(session, box, user, today) if user is not None else []


class FollowupPanel(QWidget):
    """The sources' items of the box on screen: a heading per source with its number, and
    a short table (Enter or a double click opens the item where its source shows it)."""

    #: The items on screen changed (tests wait on it).
    loaded = Signal()

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.heading = QLabel(self)
        self.heading.setObjectName("followupHeading")
        self.model = FollowupModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("followupItems")
        self.table.setModel(self.model)
        list_table(self.table, self.model.column_of("what"), word_wrap=False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        # where it comes from (a meeting's long title) gives way to what to do
        header.setSectionResizeMode(self.model.column_of("origin"), QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(self.model.column_of("origin"), ORIGIN_WIDTH)
        self.table.activated.connect(lambda index: self.open_row(index.row()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        self.hide()

    def show_items(self, items: list[FollowupItem]) -> None:
        self.model.set_rows(items)
        by_source: dict[str, int] = {}
        for item in items:
            by_source[item.source] = by_source.get(item.source, 0) + 1
        self.heading.setText(" · ".join(
            f"<b>{_VIEWS[name].title() if name in _VIEWS else name}</b> ({n})" for name, n in by_source.items()))
        rows = min(len(items), ROWS_SHOWN)
        frame = 2 * self.table.frameWidth()
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + 24 * rows + frame)
        self.setVisible(bool(items))
        self.loaded.emit()

    def open_row(self, row: int) -> None:
        item = self.model.row(row)
        view = _VIEWS.get(item.source) if item is not None else None
        if item is not None and view is not None:
            view.open(self.window_, item.id)
