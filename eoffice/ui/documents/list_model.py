"""The document list: a lazy table model over a box or a search.

Rows arrive 200 at a time by keyset (``before_key`` = the last row's sort_key), so the
model never counts nor loads a whole box: a million-row inbox costs one small query to
show and one more per screenful scrolled. Given a DbWorker the pages are read on its
reader pool, so a slow box (a big overdue list) never freezes the window; without one
(tests, the benchmark) they are read at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from operator import attrgetter
from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPixmap
from sqlalchemy.orm import Session

from eoffice.directory.models import User
from eoffice.documents.boxes import Box, acting_marks, box_page
from eoffice.documents.listing import DocumentRow
from eoffice.store import Store
from eoffice.ui import labels
from eoffice.ui.rows import QT_TRANSLATE_NOOP, Column, RowsModel
from eoffice.ui.tasks import DbWorker

PAGE = 200

Index = QModelIndex | QPersistentModelIndex

URGENT_COLOURS = {
    "flash": QColor("#b71c1c"),
    "very_urgent": QColor("#d84315"),
    "urgent": QColor("#ef6c00"),
}
OVERDUE_BACKGROUND = QColor("#fdecea")
DUE_SOON_BACKGROUND = QColor("#fff8e1")
SECRET_COLOUR = QColor("#b71c1c")
#: ``Qt.UserRole + 1`` of the subject column: the search's ``MatchHint`` (None outside a search).
HINT_ROLE = int(Qt.ItemDataRole.UserRole) + 1


def _number(row: DocumentRow) -> str:
    if row.direction == "incoming" and row.arrival_number is not None:
        number = f"{row.arrival_number:02d}"
        return f"{number} — {row.number_label}" if row.code_number else number
    return labels.pending_number_label() if row.code_number is None else row.number_label


def _date(row: DocumentRow) -> str:
    day = row.arrival_date if row.direction == "incoming" else row.issued_date
    return labels.format_date(day or row.issued_date)


def is_secret(row: DocumentRow) -> bool:
    return row.secrecy not in ("", "none")


@cache
def secret_badge(text: str) -> QPixmap:
    """A small red "Mật" badge (the secrecy's name) drawn once per name."""
    font = QFont()
    font.setBold(True)
    font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
    metrics = QFontMetrics(font)
    width, height = metrics.horizontalAdvance(text) + 8, metrics.height() + 2
    pixmap = QPixmap(width, height)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(SECRET_COLOUR)
    painter.setBrush(QColor("#fdecea"))
    painter.drawRoundedRect(QRectF(0.5, 0.5, width - 1, height - 1), 3, 3)
    painter.setFont(font)
    painter.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return pixmap


def _secret_decoration(row: DocumentRow) -> QPixmap | None:
    return secret_badge(labels.secrecy_label(row.secrecy)) if is_secret(row) else None


def _number_tooltip(row: DocumentRow) -> str:
    text = _number(row)
    if is_secret(row):
        note = QCoreApplication.translate("DocumentListModel", "%1 document: numbered in the secret register")
        text += "\n" + note.replace("%1", labels.secrecy_label(row.secrecy))
    return text


def _subject_tooltip(row: DocumentRow) -> str:
    """The whole subject, with the type and the issuing organ (columns a narrow list hides)."""
    more = " — ".join(p for p in (row.type_name, row.organ_name if row.direction == "incoming" else "") if p)
    return f"{row.subject}\n{more}" if more else row.subject


def _urgent_colour(row: DocumentRow) -> QBrush | None:
    colour = URGENT_COLOURS.get(row.priority)
    return QBrush(colour) if colour is not None else None


@cache  # made on first use: a QFont needs a QGuiApplication
def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class DocumentListModel(RowsModel[DocumentRow]):
    """Rows of a box (or of a search) for ``user_id``, newest first, fetched lazily.

    Its columns are declared as any ``RowsModel``'s; the rows come by pages, appended as
    they arrive, and a new first page resets the model (the window restores its
    selection after a reset). No ``sort``: the order is the query's, which keyset
    paging relies on.
    """

    key = attrgetter("id")
    columns = (
        Column(
            QT_TRANSLATE_NOOP("DocumentListModel", "Arrival no. / Number"), _number, name="number",
            tooltip=_number_tooltip, decoration=_secret_decoration,
            foreground=lambda row: QBrush(SECRET_COLOUR) if is_secret(row) else None,
        ),
        Column(QT_TRANSLATE_NOOP("DocumentListModel", "Date"), _date, name="date"),
        Column(
            QT_TRANSLATE_NOOP("DocumentListModel", "Issuing organ"), attrgetter("organ_name"), name="organ",
            tooltip=attrgetter("organ_name"),
        ),
        Column(
            QT_TRANSLATE_NOOP("DocumentListModel", "Type"), attrgetter("type_name"), name="type",
            tooltip=attrgetter("type_name"),
        ),
        Column(
            QT_TRANSLATE_NOOP("DocumentListModel", "Subject"), attrgetter("subject"),
            tooltip=_subject_tooltip, foreground=_urgent_colour, name="subject",
        ),
        Column(
            QT_TRANSLATE_NOOP("DocumentListModel", "Urgency"),
            lambda row: "" if row.priority == "normal" else labels.priority_label(row.priority),
            foreground=_urgent_colour,
            font=lambda row: _bold() if row.priority in ("flash", "very_urgent") else None,
            name="priority",
        ),
        Column(QT_TRANSLATE_NOOP("DocumentListModel", "Due"), lambda row: labels.format_date(row.due_date), name="due"),
        Column(
            QT_TRANSLATE_NOOP("DocumentListModel", "State"), lambda row: labels.state_label(row.state), name="state",
            tooltip=lambda row: labels.state_label(row.state),
        ),
    )
    COLUMNS = tuple(column.name for column in columns)
    #: Headers that follow what the list holds: incoming, outgoing, or both.
    HEADERS: ClassVar[dict[str, dict[str, str]]] = {
        "incoming": {
            "number": QT_TRANSLATE_NOOP("DocumentListModel", "Arrival no., number and notation"),
            "date": QT_TRANSLATE_NOOP("DocumentListModel", "Arrival date"),
        },
        "outgoing": {
            "number": QT_TRANSLATE_NOOP("DocumentListModel", "Number and notation"),
            "date": QT_TRANSLATE_NOOP("DocumentListModel", "Issued date"),
        },
        "both": {
            "number": QT_TRANSLATE_NOOP("DocumentListModel", "Number"),
            "date": QT_TRANSLATE_NOOP("DocumentListModel", "Date"),
        },
    }

    # Emitted after a page of rows arrived (the first page after a reset included).
    page_loaded = Signal()

    def __init__(
        self,
        store: Store,
        user_id: str,
        box: Box = Box.INCOMING,
        today: date | None = None,
        *,
        worker: DbWorker | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.user_id = user_id
        self.box = box
        self.worker = worker
        self._today = today
        self.query = ""
        self.filters: Any = None
        self.order = "newest"
        self._more = True
        self._loading = False
        self._generation = 0
        #: Rows in the box for an absent leader the user acts for: id → the leader's name.
        self.marks: dict[str, str] = {}
        #: Why each search result matched, by document id (empty outside a search).
        self.hints: dict[str, Any] = {}
        self.refresh()

    # -- what to show -----------------------------------------------------------------

    @property
    def today(self) -> date:
        return self._today or date.today()

    @property
    def searching(self) -> bool:
        return bool(self.query.strip()) or self.filters is not None

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def holds(self) -> str:
        """What the list holds: "incoming", "outgoing" or "both" (a search, a box of tasks)."""
        if self.searching:
            direction = getattr(self.filters, "direction", None)
            return direction if direction in ("incoming", "outgoing") else "both"
        if self.box is Box.INCOMING:
            return "incoming"
        if self.box in (Box.OUTGOING, Box.DRAFTS_TO_APPROVE, Box.MY_DRAFTS):
            return "outgoing"
        return "both"

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self.headerData(section, orientation, Qt.ItemDataRole.DisplayRole)  # a narrow column cuts it
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            name = self.columns[section].name if 0 <= section < len(self.columns) else ""
            header = self.HEADERS[self.holds].get(name)
            if header is not None:
                return QCoreApplication.translate(self.context, header)
        return super().headerData(section, orientation, role)

    def set_box(self, box: Box) -> None:
        """Show a box; leaves any search."""
        self.box = box
        self.query, self.filters = "", None
        self.refresh()

    def set_search(self, query: str, filters: Any = None, order: str = "newest") -> None:
        """Show search results; an empty query without filters goes back to the box."""
        self.query, self.filters, self.order = query, filters, order
        self.refresh()

    def set_user(self, user_id: str) -> None:
        self.user_id = user_id
        self.refresh()

    def refresh(self) -> None:
        """Read the first page again; the old rows stay on screen until it arrives."""
        self._generation += 1
        self._loading = False
        self._request(self._query(before=None, offset=0), replace=True)

    def row_at(self, index: Index | int) -> DocumentRow:  # type: ignore[override]
        row = index if isinstance(index, int) else index.row()
        return self.rows[row]

    # -- lazy fetching ----------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid() or not self._more or self._loading:
            return
        by_relevance = self.searching and self.order == "relevance"
        before = self.rows[-1].sort_key if self.rows and not by_relevance else None
        self._request(self._query(before, offset=len(self.rows) if by_relevance else 0), replace=False)

    def _query(self, before: int | None, offset: int) -> _PageQuery:
        return _PageQuery(
            user_id=self.user_id,
            box=self.box,
            today=self.today,
            query=self.query if self.searching else None,
            filters=self.filters,
            order=self.order,
            before=before,
            offset=offset,
        )

    def _request(self, query: _PageQuery, *, replace: bool) -> None:
        """Read a page: on the reader pool when a worker is given, else right here."""
        generation = self._generation
        if self.worker is None:
            with self.store.read() as session:
                self._arrived(generation, replace, query.run(session))
            return
        self._loading = True
        self.worker.read(
            "document_page",
            query.run,
            lambda page: self._arrived(generation, replace, page),
            lambda _err: self._failed(generation),
        )

    def _failed(self, generation: int) -> bool:
        if generation == self._generation:
            self._loading = False
            self._more = False
        return False  # let the window report it

    def _arrived(self, generation: int, replace: bool, found: tuple[list[DocumentRow], dict[str, Any]]) -> None:
        if generation != self._generation:
            return  # the user moved on to another box or search meanwhile
        page, hints = found
        self._loading = False
        self._more = len(page) == PAGE
        marks = getattr(page, "marks", {})
        if replace:
            self.beginResetModel()
            self.rows = list(page)
            self.marks = dict(marks)
            self.hints = dict(hints)
            self.endResetModel()
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        else:
            self.marks.update(marks)
            self.hints.update(hints)
            self.append_rows(page)
        self.page_loaded.emit()

    # -- table ------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = super().data(index, role)
        if self.marks and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) and index.isValid():
            leader = self.marks.get(self.rows[index.row()].id) if index.row() < len(self.rows) else None
            if leader and self.columns[index.column()].name == "subject":
                mark = QCoreApplication.translate("DocumentListModel", "For: %1").replace("%1", leader)
                value = f"{mark} — {value}"
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.column_of("subject"):
            hint = self.hints.get(self.rows[index.row()].id) if 0 <= index.row() < len(self.rows) else None
            if hint is not None and hint.snippet:
                from eoffice.ui.documents.delegates import snippet_text

                found = QCoreApplication.translate("DocumentListModel", "Found in the file: %1")
                value = f"{value}\n\n" + found.replace("%1", snippet_text(hint.snippet))
        return value

    def row_data(self, row: DocumentRow, role: int) -> Any:
        if role == Qt.BackgroundRole:
            if not self.searching and self.box is Box.OVERDUE:
                return QBrush(OVERDUE_BACKGROUND)  # overdue by a direction line's deadline
            if not self.searching and self.box is Box.DUE_SOON:
                return QBrush(DUE_SOON_BACKGROUND)
            if self.is_overdue(row):
                return QBrush(OVERDUE_BACKGROUND)
            if self.is_due_soon(row):
                return QBrush(DUE_SOON_BACKGROUND)
        if role == Qt.UserRole:
            return row.id
        if role == HINT_ROLE:
            return self.hints.get(row.id)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        """Nothing: the rows keep the query's order (see the class)."""

    def is_overdue(self, row: DocumentRow) -> bool:
        return row.due_date is not None and row.state not in OPEN_END_STATES and row.due_date < self.today

    def is_due_soon(self, row: DocumentRow) -> bool:
        return (
            row.due_date is not None
            and row.state not in OPEN_END_STATES
            and 0 <= (row.due_date - self.today).days <= 3
        )


@dataclass(frozen=True)
class _PageQuery:
    """What one page read needs, copied from the model so the read can run on any thread."""

    user_id: str
    box: Box
    today: date
    query: str | None  # None: the box, not a search
    filters: Any
    order: str
    before: int | None
    offset: int

    def run(self, session: Session) -> tuple[list[DocumentRow], dict[str, Any]]:
        """The page's rows, and for a search why each matched (``search.MatchHint`` by id)."""
        user = session.get(User, self.user_id)
        if user is None:
            return [], {}
        if self.query is not None:
            from eoffice.documents.search import match_hints, search

            rows = search(
                session,
                user,
                self.query,
                self.filters,
                order=self.order,
                limit=PAGE,
                before_key=self.before,
                today=self.today,
                offset=self.offset,
            )
            return rows, match_hints(session, self.query, rows)
        rows = box_page(session, self.box, user, self.today, before_key=self.before, limit=PAGE)
        if self.box in (Box.WAITING_FOR_ME, Box.DRAFTS_TO_APPROVE):
            return _Page(rows, acting_marks(session, user, self.today, [r.id for r in rows])), {}
        return rows, {}


class _Page(list[DocumentRow]):
    """A page of rows with the marks of those the user has for an absent leader."""

    def __init__(self, rows: list[DocumentRow], marks: dict[str, str]) -> None:
        super().__init__(rows)
        self.marks = marks


# States in which a due date no longer matters.
OPEN_END_STATES = frozenset({"done", "returned", "issued"})
