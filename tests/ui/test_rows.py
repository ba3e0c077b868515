"""The generic rows model: declared columns, translated headers, sorting, minimal updates."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from operator import attrgetter

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView

from eoffice.ui import i18n
from eoffice.ui.rows import QT_TRANSLATE_NOOP, Column, RowsModel, text_column


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    minutes: int | None


class PeopleTable(RowsModel[Person]):
    # Headers borrowed from an existing context, whose Vietnamese is shipped.
    context = "PeopleModel"
    key = attrgetter("id")
    columns = (
        text_column(QT_TRANSLATE_NOOP("PeopleModel", "Person"), attrgetter("name"), name="person"),
        Column(
            QT_TRANSLATE_NOOP("PeopleModel", "Week total"),
            lambda p: "—" if p.minutes is None else f"{p.minutes} min",
            sort_key=attrgetter("minutes"),
            alignment=Qt.AlignRight,
            foreground=lambda p: QColor("red") if not p.minutes else None,
            user=attrgetter("minutes"),
            name="total",
        ),
    )

    def row_data(self, row: Person, role: int) -> object:
        return row.id if role == Qt.UserRole else None


PEOPLE = [Person("a", "Lan", 90), Person("b", "Bình", None), Person("c", "Chi", 30)]


def test_headers_are_translated_in_the_models_context(qapp):
    model = PeopleTable()
    assert model.columnCount() == 2
    assert [model.headerData(i, Qt.Horizontal) for i in range(2)] == ["Người", "Cả tuần"]
    assert model.headerData(0, Qt.Vertical) is None
    assert model.headerData(5, Qt.Horizontal) is None
    assert model.column_of("total") == 1


def test_cells_role_by_role(qapp):
    model = PeopleTable(rows=PEOPLE)
    assert model.rowCount() == 3
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.index(0, 0).data() == "Lan"
    assert model.index(0, 0).data(Qt.ToolTipRole) == "Lan"
    assert model.index(1, 1).data() == "—"
    assert model.index(0, 1).data(Qt.TextAlignmentRole) == Qt.AlignRight
    assert model.index(1, 1).data(Qt.ForegroundRole) == QColor("red")
    assert model.index(0, 1).data(Qt.ForegroundRole) is None
    # A column's user data first, the whole row's otherwise.
    assert model.index(0, 1).data(Qt.UserRole) == 90
    assert model.index(0, 0).data(Qt.UserRole) == "a"
    assert model.data(QModelIndex()) is None
    assert model.row(model.index(2, 0)) == PEOPLE[2]
    assert model.row(3) is None and model.row_at(-1) is None
    assert model.find_row("b") == 1 and model.find_row("z") == -1


def test_sort_by_the_columns_key_keeps_persistent_indexes_and_later_rows(qapp):
    model = PeopleTable(rows=PEOPLE)
    chi = QPersistentModelIndex(model.index(2, 0))
    model.sort(1)
    assert [p.name for p in model.rows] == ["Chi", "Lan", "Bình"]  # no total: last
    assert chi.row() == 0
    model.sort(0, Qt.DescendingOrder)
    assert [p.name for p in model.rows] == ["Lan", "Chi", "Bình"]
    model.set_rows([Person("d", "An", 5), *PEOPLE])
    assert [p.name for p in model.rows] == ["Lan", "Chi", "Bình", "An"]


def test_set_rows_repaints_the_same_rows_and_resets_for_others(qtbot):
    model = PeopleTable(rows=PEOPLE)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.selectRow(1)
    resets, changes = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda first, last: changes.append((first.row(), last.row(), last.column())))

    model.set_rows([Person("a", "Lan", 120), Person("b", "Bình", 15), Person("c", "Chi", 30)])
    assert model.rowCount() == 3 and not resets and changes == [(0, 2, 1)]
    assert model.index(1, 1).data() == "15 min"
    assert [i.row() for i in view.selectionModel().selectedRows()] == [1]  # the selection stays

    model.set_rows(PEOPLE[:2])
    assert model.rowCount() == 2 and resets == [1]
    model.set_rows([])
    assert model.rowCount() == 0 and resets == [1, 1]
    model.set_rows([])
    assert resets == [1, 1, 1]


def test_row_level_changes(qtbot):
    model = PeopleTable()
    with qtbot.waitSignal(model.rowsInserted):
        model.append_rows(PEOPLE)
    model.append_rows([])
    model.insert_row(0, Person("d", "An", 5))
    assert [p.id for p in model.rows] == ["d", "a", "b", "c"]
    with qtbot.waitSignal(model.rowsRemoved):
        model.remove_rows(1, 2)
    model.remove_rows(7)
    assert [p.id for p in model.rows] == ["d", "c"]


def test_every_converted_models_headers_have_vietnamese():
    from eoffice.ui.documents import detail, list_model
    from eoffice.ui.signing import admin, key_chooser, signatures_panel
    from eoffice.ui.sync import notifications, rejected_dialog
    from eoffice.ui.worklog import models

    modules = (detail, list_model, admin, key_chooser, signatures_panel, notifications, rejected_dialog, models)
    converted = [
        value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, RowsModel) and value is not RowsModel
    ]
    assert converted
    root = ET.parse(i18n.ts_path("vi")).getroot()
    shipped = {
        (context.findtext("name"), message.findtext("source")): (message.findtext("translation") or "")
        for context in root.iter("context")
        for message in context.iter("message")
    }
    headers = [(model.context, c.header) for model in converted for c in model.columns if c.header]
    assert [key for key in headers if not shipped.get(key, "").strip()] == []
