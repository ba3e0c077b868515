"""Qt models of the meetings' screens: the calendar's list and month grid, the agenda tree
with its documents, the participants, and who has read each document."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, datetime, timedelta
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from eoffice.meetings.views import (
    UNREAD,
    UPDATED,
    CalendarRow,
    DocumentReaders,
    DocumentView,
    ItemView,
    ParticipantView,
)
from eoffice.ui.meetings.labels import (
    answer_label,
    day_time,
    decision_label,
    hm,
    kind_label,
    local,
    read_label,
    role_label,
    state_label,
    weekday_label,
)
from eoffice.ui.rows import QT_TRANSLATE_NOOP, Column, RowsModel

Index = QModelIndex | QPersistentModelIndex

UNREAD_COLOUR = QColor("#0d47a1")
UPDATED_COLOUR = QColor("#b26a00")
MUTED = QColor("#777777")
TODAY_BACKGROUND = QColor("#e3f2fd")
OTHER_MONTH = QColor("#9e9e9e")


def _when(row: CalendarRow) -> str:
    start = local(row.starts_at)
    return f"{weekday_label(start)} {start:%d/%m} {start:%H:%M}–{hm(row.ends_at)}"


class CalendarModel(RowsModel[CalendarRow]):
    """Meetings of a day, a week or a month, by start time."""

    key = attrgetter("id")
    columns = (
        Column(QT_TRANSLATE_NOOP("CalendarModel", "When"), _when, name="when"),
        Column(QT_TRANSLATE_NOOP("CalendarModel", "Meeting"), attrgetter("title"), name="title"),
        Column(QT_TRANSLATE_NOOP("CalendarModel", "Place"), attrgetter("place"), name="place"),
        Column(QT_TRANSLATE_NOOP("CalendarModel", "Chair"), attrgetter("chair_name"), name="chair"),
        Column(QT_TRANSLATE_NOOP("CalendarModel", "Kind"), lambda r: kind_label(r.kind), name="kind"),
        Column(QT_TRANSLATE_NOOP("CalendarModel", "State"), lambda r: state_label(r.state), name="state"),
        Column(
            QT_TRANSLATE_NOOP("CalendarModel", "My answer"),
            lambda r: f"{role_label(r.role)} · {answer_label(r.answer)}" if r.role else "",
            name="answer",
        ),
    )

    def row_data(self, row: CalendarRow, role: int) -> Any:
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and row.state in ("cancelled", "postponed"):
            return QBrush(MUTED)
        if role == Qt.ItemDataRole.FontRole and row.state in ("cancelled", "postponed"):
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None


def _marked(row: CalendarRow) -> str:
    """A postponed or cancelled meeting says so in the month's cell ("[Hoãn] …")."""
    if row.state in ("cancelled", "postponed"):
        return f"[{state_label(row.state)}] {row.title}"
    return row.title


class MonthModel(QAbstractTableModel):
    """A month as six weeks of seven days (Monday first); a cell lists its meetings."""

    DAY_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.first = date.today().replace(day=1)
        self.today = date.today()
        self.by_day: dict[date, list[CalendarRow]] = {}

    def grid_start(self) -> date:
        return self.first - timedelta(days=self.first.weekday())

    def set_month(self, first: date, rows: list[CalendarRow], today: date) -> None:
        self.beginResetModel()
        self.first, self.today = first.replace(day=1), today
        self.by_day = {}
        for row in rows:
            day = local(row.starts_at).date()
            last = local(row.ends_at).date()
            while day <= last:  # a session of several days shows on each of them
                self.by_day.setdefault(day, []).append(row)
                day += timedelta(days=1)
        self.endResetModel()

    def day_of(self, index: Index) -> date:
        return self.grid_start() + timedelta(days=index.row() * 7 + index.column())

    def index_of(self, day: date) -> QModelIndex:
        n = (day - self.grid_start()).days
        return self.index(n // 7, n % 7) if 0 <= n < 42 else QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return weekday_label(datetime(2026, 11, 30) + timedelta(days=section))  # a Monday
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        day = self.day_of(index)
        rows = self.by_day.get(day, [])
        if role == Qt.ItemDataRole.DisplayRole:
            lines = [str(day.day) if day.day != 1 else f"{day.day}/{day.month}"]
            lines += [f"{hm(r.starts_at)} {_marked(r)}" for r in rows[:4]]
            if len(rows) > 4:
                lines.append(self.tr("+%1 more").replace("%1", str(len(rows) - 4)))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ToolTipRole and rows:
            return "\n".join(f"{hm(r.starts_at)}–{hm(r.ends_at)} {_marked(r)} — {r.place}" for r in rows)
        if role == Qt.ItemDataRole.BackgroundRole and day == self.today:
            return QBrush(TODAY_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and day.month != self.first.month:
            return QBrush(OTHER_MONTH)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == self.DAY_ROLE:
            return day
        return None


def month_bounds(day: date) -> tuple[date, date]:
    """The first day of ``day``'s month and the first of the next."""
    first = day.replace(day=1)
    return first, first + timedelta(days=monthrange(day.year, day.month)[1])


# --------------------------------------------------------------------------- agenda tree


def _icon(which: QStyle.StandardPixmap) -> QIcon:
    """One of the style's own icons (a document, a vote), drawn in every theme."""
    return QApplication.style().standardIcon(which)


class AgendaModel(QAbstractItemModel):
    """The agenda as a tree: items (numbered, with their planned times), their sub-items,
    and under each item its documents with the reader's state ("Chưa xem", "Đã cập nhật")."""

    HEADERS = (
        QT_TRANSLATE_NOOP("AgendaModel", "No."),
        QT_TRANSLATE_NOOP("AgendaModel", "Item / document"),
        QT_TRANSLATE_NOOP("AgendaModel", "Time"),
        QT_TRANSLATE_NOOP("AgendaModel", "Presenter"),
        QT_TRANSLATE_NOOP("AgendaModel", "Read"),
    )
    ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
    #: What an agenda item carries while dragged (its id).
    ITEM_MIME = "application/x-eoffice-agenda-item"
    #: An organiser dropped an item: (item id, new parent id or "", position among its new
    #: siblings, sitting id).
    move_requested = Signal(str, str, int, str)
    #: PDF files dropped on an item: (item id, local paths).
    files_dropped = Signal(str, list)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        #: Organisers drag items and drop files (set by the meeting page).
        self.editable = False
        self.roots: list[ItemView] = []
        #: Every node (an item or a document) → (its parent node or None, its row).
        self._parent: dict[int, tuple[ItemView | None, int]] = {}
        self._nodes: dict[int, ItemView | DocumentView] = {}
        self.dated = False

    def set_agenda(self, roots: list[ItemView], dated: bool = False) -> None:
        """``dated``: the times carry their day (a kỳ họp's sittings over several days
        number their items each from 1; the day tells them apart)."""
        self.beginResetModel()
        self.roots = roots
        self.dated = dated
        self._parent, self._nodes = {}, {}

        def walk(parent: ItemView | None, children: list[ItemView]) -> None:
            for row, item in enumerate(children):
                self._parent[id(item)] = (parent, row)
                self._nodes[id(item)] = item
                for n, doc in enumerate(item.documents):  # an item's own documents before its sub-items
                    self._parent[id(doc)] = (item, n)
                    self._nodes[id(doc)] = doc
                walk(item, item.children)

        walk(None, roots)
        self.endResetModel()

    def _when(self, item: ItemView) -> str:
        hours = f"{hm(item.starts_at)}–{hm(item.ends_at)}"
        return f"{local(item.starts_at):%d/%m} {hours}" if self.dated else hours

    def node(self, index: Index) -> ItemView | DocumentView | None:
        return self._nodes.get(index.internalId()) if index.isValid() else None

    @staticmethod
    def _children(node: ItemView | None, roots: list[ItemView]) -> list[Any]:
        if node is None:
            return list(roots)
        return [*node.documents, *node.children]

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        owner = self.node(parent) if parent.isValid() else None
        if parent.isValid() and not isinstance(owner, ItemView):
            return QModelIndex()
        children = self._children(owner if isinstance(owner, ItemView) else None, self.roots)
        if not 0 <= row < len(children) or not 0 <= column < len(self.HEADERS):
            return QModelIndex()
        return self.createIndex(row, column, id(children[row]))

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        owner, _row = self._parent.get(index.internalId(), (None, 0))
        if owner is None:
            return QModelIndex()
        _grand, row = self._parent[id(owner)]
        return self.createIndex(row, 0, id(owner))

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        owner = self.node(parent) if parent.isValid() else None
        if parent.isValid() and not isinstance(owner, ItemView):
            return 0
        return len(self._children(owner if isinstance(owner, ItemView) else None, self.roots))

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if role == self.ITEM_ROLE:
            return node
        if isinstance(node, ItemView):
            if role == Qt.ItemDataRole.DisplayRole:
                return (
                    node.number,
                    node.title,
                    self._when(node),
                    node.presenter_name,
                    "",
                )[column]
            if role == Qt.ItemDataRole.FontRole and node.depth == 0:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                planned = self.tr("%1 minutes planned").replace("%1", str(node.planned_minutes))
                return f"{decision_label(node.decision)} · {planned}" if node.planned_minutes else decision_label(
                    node.decision
                )
            if role == Qt.ItemDataRole.DecorationRole and column == 1 and node.decision == "vote":
                return _icon(QStyle.StandardPixmap.SP_DialogApplyButton)
            return None
        doc = node
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 1:
                return doc.title + (f" (v{doc.version})" if doc.version > 1 else "")
            if column == 2 and not doc.readable and doc.release_at is not None:
                return self.tr("from %1").replace("%1", day_time(doc.release_at))
            if column == 2 and doc.page_count:
                return self.tr("%1 pages").replace("%1", str(doc.page_count))
            if column == 4:
                return read_label(doc.state)
            return ""
        if role == Qt.ItemDataRole.DecorationRole and column == 1:
            return _icon(QStyle.StandardPixmap.SP_FileIcon)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not doc.readable:
                return QBrush(MUTED)
            if column == 4 and doc.state == UNREAD:
                return QBrush(UNREAD_COLOUR)
            if column == 4 and doc.state == UPDATED:
                return QBrush(UPDATED_COLOUR)
        if role == Qt.ItemDataRole.FontRole and doc.state != "read" and doc.readable:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [doc.filename]
            if doc.opened_at is not None:
                parts.append(self.tr("First opened %1 (version %2)").replace("%1", day_time(doc.opened_at))
                             .replace("%2", str(doc.opened_version)))
            if doc.state == UPDATED and doc.version_added_at is not None:
                parts.append(self.tr("Version %1 of %2").replace("%1", str(doc.version))
                             .replace("%2", day_time(doc.version_added_at)))
            return "\n".join(p for p in parts if p)
        return None

    def find(self, document_id: str) -> QModelIndex:
        """The index of a document by id (tests, and keeping the selection)."""
        for key, node in self._nodes.items():
            if isinstance(node, DocumentView) and node.id == document_id:
                _owner, row = self._parent[key]
                return self.createIndex(row, 0, key)
        return QModelIndex()

    def find_item(self, item_id: str) -> QModelIndex:
        """The index of an agenda item by id (keeping the selection after an edit)."""
        for key, node in self._nodes.items():
            if isinstance(node, ItemView) and node.id == item_id:
                _owner, row = self._parent[key]
                return self.createIndex(row, 0, key)
        return QModelIndex()

    # -- drag and drop (organisers): items are moved, PDFs dropped on an item ---------

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not self.editable:
            return flags
        if not index.isValid():
            return flags | Qt.ItemFlag.ItemIsDropEnabled
        node = self.node(index)
        if isinstance(node, ItemView):
            return flags | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return flags | Qt.ItemFlag.ItemIsDropEnabled  # a file dropped on a document goes to its item

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [self.ITEM_MIME, "text/uri-list"]

    def mimeData(self, indexes: Any) -> QMimeData:
        data = QMimeData()
        for index in indexes:
            node = self.node(index)
            if isinstance(node, ItemView):
                data.setData(self.ITEM_MIME, node.id.encode())
                break
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if not self.editable:
            return False
        if data.hasFormat(self.ITEM_MIME):
            return not isinstance(self.node(parent), DocumentView)
        return data.hasUrls() and parent.isValid()

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        """Says what the organiser asked (``move_requested``, ``files_dropped``); the
        operation is the page's, and the tree follows once it is applied."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = self.node(parent)
        if data.hasFormat(self.ITEM_MIME):
            item_id = bytes(data.data(self.ITEM_MIME).data()).decode()
            moved = next((n for n in self._nodes.values() if isinstance(n, ItemView) and n.id == item_id), None)
            if moved is None or not isinstance(target, ItemView | None):
                return False
            siblings = target.children if target is not None else self.roots
            offset = len(target.documents) if target is not None else 0
            at = len(siblings) if row < 0 else max(0, min(row - offset, len(siblings)))
            if target is None:  # top level: the sitting of the row dropped next to
                near = siblings[min(at, len(siblings) - 1)] if siblings else moved
                sitting_id = near.sitting_id if at < len(siblings) or not siblings else siblings[-1].sitting_id
                siblings = [s for s in siblings if s.sitting_id == sitting_id]
                at = sum(1 for s in self.roots[:at] if s.sitting_id == sitting_id)
            else:
                sitting_id = target.sitting_id
            before = [s.id for s in siblings[:at]]
            if moved.id in before:  # the positions are counted without the item itself
                at -= 1
            self.move_requested.emit(item_id, target.id if target is not None else "", at, sitting_id)
            return True
        item = target if isinstance(target, ItemView) else self._parent.get(id(target), (None, 0))[0]
        paths = [url.toLocalFile() for url in data.urls() if url.isLocalFile()]
        if item is None or not paths:
            return False
        self.files_dropped.emit(item.id, paths)
        return True


# --------------------------------------------------------------------------- people


class ParticipantsModel(RowsModel[ParticipantView]):
    key = attrgetter("id")
    columns = (
        Column(QT_TRANSLATE_NOOP("ParticipantsModel", "Name"), attrgetter("name"), name="name"),
        Column(QT_TRANSLATE_NOOP("ParticipantsModel", "Position"), attrgetter("position"), name="position"),
        Column(QT_TRANSLATE_NOOP("ParticipantsModel", "Unit"), attrgetter("unit_name"), name="unit"),
        Column(QT_TRANSLATE_NOOP("ParticipantsModel", "Role"), lambda p: role_label(p.role), name="role"),
        Column(QT_TRANSLATE_NOOP("ParticipantsModel", "Answer"), lambda p: answer_label(p.answer), name="answer"),
        Column(
            QT_TRANSLATE_NOOP("ParticipantsModel", "Reason / substitute"),
            lambda p: p.substitute_name or p.answer_reason,
            name="reason",
        ),
        Column(
            QT_TRANSLATE_NOOP("ParticipantsModel", "Answered"),
            lambda p: day_time(p.answered_at) if p.answered_at else "",
            name="answered",
        ),
    )


class ReadingModel(RowsModel[DocumentReaders]):
    """The organisers' table: per document, how many of its audience have opened it."""

    key = attrgetter("document_id")
    columns = (
        Column(QT_TRANSLATE_NOOP("ReadingModel", "Document"), attrgetter("title"), name="title"),
        Column(QT_TRANSLATE_NOOP("ReadingModel", "Read"), attrgetter("read_count"), name="read"),
        Column(QT_TRANSLATE_NOOP("ReadingModel", "Not read"), attrgetter("unread_count"), name="unread"),
    )


class ReadersModel(QAbstractTableModel):
    """One document's audience: who opened it and when, then who has not."""

    HEADERS = (
        QT_TRANSLATE_NOOP("ReadersModel", "Name"),
        QT_TRANSLATE_NOOP("ReadersModel", "Unit"),
        QT_TRANSLATE_NOOP("ReadersModel", "Answer"),
        QT_TRANSLATE_NOOP("ReadersModel", "Opened"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[Any, datetime | None, int | None]] = []

    def set_document(self, readers: DocumentReaders | None) -> None:
        self.beginResetModel()
        self.rows = [] if readers is None else [*readers.read, *((r, None, None) for r in readers.unread)]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        reader, opened, version = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 3:
                if opened is None:
                    return self.tr("Not read")
                return day_time(opened) + (f" (v{version})" if version and version > 1 else "")
            return (reader.name, reader.unit_name, answer_label(reader.answer))[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and opened is None:
            return QBrush(UNREAD_COLOUR)
        return None
