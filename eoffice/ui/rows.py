"""A table model over a list of row objects, whose columns are declared once.

Most tables of the UI show a list of plain rows (dataclasses read off the GUI thread): a
model is then only its columns. A ``Column`` gives its header and its text, and when
needed its tooltip, alignment, colours, font, icon, sort key and ``Qt.ItemDataRole.UserRole`` data;
what concerns a whole row whatever the column (a conflict's background, say) goes in
``RowsModel.row_data``, which sees the model's own state.

Headers are English source texts marked with ``QT_TRANSLATE_NOOP(<context>, …)`` (this
module's, typed) and translated when shown, in the model's ``context`` (its class name
unless set): marking them with the class name keeps the entries ``pyside6-lupdate``
already knows.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
Cell = Callable[[Any], Any]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context``; it is translated where it is shown.

    PySide6's own is typed as returning ``object``; lupdate finds this one by its name.
    """
    return text


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: a header and how a row shows in it, role by role."""

    #: The English source text, marked ``QT_TRANSLATE_NOOP(model context, text)``; "" for none.
    header: str
    display: Callable[[R], Any]
    tooltip: Callable[[R], Any] | None = None
    alignment: Qt.AlignmentFlag | None = None
    foreground: Callable[[R], Any] | None = None
    background: Callable[[R], Any] | None = None
    font: Callable[[R], Any] | None = None
    decoration: Callable[[R], Any] | None = None
    #: What ``sort`` orders by (None: the displayed value); must be comparable across rows.
    sort_key: Callable[[R], Any] | None = None
    user: Callable[[R], Any] | None = None
    #: A name for code to find the column by (``RowsModel.column_of``).
    name: str = ""

    def roles(self) -> dict[int, Cell]:
        """The role → value getter table ``RowsModel.data`` looks in."""
        found: dict[int, Cell] = {int(Qt.ItemDataRole.DisplayRole): self.display}
        for role, getter in (
            (Qt.ItemDataRole.ToolTipRole, self.tooltip),
            (Qt.ItemDataRole.ForegroundRole, self.foreground),
            (Qt.ItemDataRole.BackgroundRole, self.background),
            (Qt.ItemDataRole.FontRole, self.font),
            (Qt.ItemDataRole.DecorationRole, self.decoration),
            (Qt.ItemDataRole.UserRole, self.user),
        ):
            if getter is not None:
                found[int(role)] = getter
        if self.alignment is not None:
            alignment = self.alignment
            found[int(Qt.ItemDataRole.TextAlignmentRole)] = lambda _row: alignment
        return found


def text_column(header: str, value: Callable[[R], Any], **more: Any) -> Column[R]:
    """A column whose tooltip repeats its text (long text a narrow column cuts)."""
    return Column(header, value, tooltip=value, **more)


def _sortable(value: Any) -> tuple[bool, Any]:
    return (value is None, value)  # None last, and never compared with a value


class RowsModel(QAbstractTableModel, Generic[R]):
    """The rows in ``self.rows``, shown through the class's ``columns``.

    ``set_rows`` replaces them: with a ``key`` (e.g. ``operator.attrgetter("id")``, read
    from the class so a plain function does not bind), rows with the same keys in the same
    order are only repainted, so the view keeps its selection, current row and scroll; otherwise
    the model resets, as a view expects of a new list. ``append_rows``, ``insert_row``
    and ``remove_rows`` are the row-level changes for lists that grow or shrink in place.
    """

    columns: ClassVar[Sequence[Column[Any]]] = ()
    #: The translation context of the headers; set to the class's name by default.
    context: ClassVar[str] = "RowsModel"
    key: ClassVar[Callable[..., Hashable] | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "columns" in cls.__dict__ and "context" not in cls.__dict__:
            cls.context = cls.__name__

    def __init__(self, parent: Any = None, rows: Iterable[R] = ()) -> None:
        super().__init__(parent)
        self.rows: list[R] = list(rows)
        self._cells = [column.roles() for column in self.columns]
        self._sorted: tuple[int, Qt.SortOrder] | None = None

    # -- the rows ---------------------------------------------------------------------

    def row(self, index: Index | int) -> R | None:
        """The row at a model index (or a row number); None outside the rows."""
        position = index if isinstance(index, int) else index.row()
        return self.rows[position] if 0 <= position < len(self.rows) else None

    def row_at(self, row: int) -> R | None:
        return self.row(row)

    def find_row(self, key: Hashable) -> int:
        """Position of the row whose ``key`` is ``key``, or -1."""
        get = type(self).key
        if get is None:
            raise TypeError(f"{type(self).__name__} declares no key")
        return next((i for i, row in enumerate(self.rows) if get(row) == key), -1)

    def column_of(self, name: str) -> int:
        return next(i for i, column in enumerate(self.columns) if column.name == name)

    def set_rows(self, rows: Iterable[R]) -> None:
        new = list(rows)
        if self._sorted is not None:
            new = self._ordered(new, *self._sorted)
        get = type(self).key
        if get is not None and new and len(new) == len(self.rows) and all(
            get(a) == get(b) for a, b in zip(new, self.rows, strict=True)
        ):
            self.rows = new
            self.dataChanged.emit(self.index(0, 0), self.index(len(new) - 1, max(0, self.columnCount() - 1)))
            return
        self.beginResetModel()
        self.rows = new
        self.endResetModel()

    def append_rows(self, rows: Iterable[R]) -> None:
        new = list(rows)
        if new:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(new) - 1)
            self.rows.extend(new)
            self.endInsertRows()

    def insert_row(self, position: int, row: R) -> None:
        self.beginInsertRows(QModelIndex(), position, position)
        self.rows.insert(position, row)
        self.endInsertRows()

    def remove_rows(self, first: int, last: int | None = None) -> None:
        """Remove rows ``first`` to ``last`` included (only ``first`` by default)."""
        last = first if last is None else last
        if 0 <= first <= last < len(self.rows):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self.rows[first : last + 1]
            self.endRemoveRows()

    def row_data(self, row: R, role: int) -> Any:
        """A role's value for the whole row, when its column gives none (none by default)."""
        return None

    # -- the table --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.columns):
            return None
        header = self.columns[section].header
        return QCoreApplication.translate(self.context, header) if header else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        position, column = index.row(), index.column()
        if not (0 <= position < len(self.rows) and 0 <= column < len(self._cells)):
            return None
        row = self.rows[position]
        getter = self._cells[column].get(role)
        return getter(row) if getter is not None else self.row_data(row, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by a column's sort key; later ``set_rows`` keep that order."""
        if not 0 <= column < len(self.columns):
            return
        self._sorted = (column, order)
        self.layoutAboutToBeChanged.emit()
        numbered = self._ordered(list(enumerate(self.rows)), column, order, numbered=True)
        moved_to = {old: new for new, (old, _row) in enumerate(numbered)}
        self.rows = [row for _old, row in numbered]
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent, [self.index(moved_to[i.row()], i.column()) if i.isValid() else i for i in persistent]
        )
        self.layoutChanged.emit()

    def _ordered(self, rows: list[Any], column: int, order: Qt.SortOrder, *, numbered: bool = False) -> list[Any]:
        declared = self.columns[column]
        get = declared.sort_key or declared.display
        key = (lambda pair: _sortable(get(pair[1]))) if numbered else (lambda row: _sortable(get(row)))
        return sorted(rows, key=key, reverse=order == Qt.SortOrder.DescendingOrder)


def list_table(table: QTableView, stretch: int, *, word_wrap: bool = True) -> None:
    """A read-only list of rows: whole rows selected one at a time, no row numbers,
    alternating colours, columns as wide as their contents but ``stretch``, which takes
    the rest of the width."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setWordWrap(word_wrap)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
