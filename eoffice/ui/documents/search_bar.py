"""The search bar: words typed without diacritics, order, filters and saved searches."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMenu,
    QSpinBox,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from eoffice.documents.search import SearchFilters
from eoffice.documents.types import DOCUMENT_TYPES, DocState, Direction, Priority, Secrecy
from eoffice.ui import labels
from eoffice.ui.tasks import DbWorker

DEBOUNCE_MS = 200


class FilterPanel(QWidget):
    """The filters, shown in the filter button's popup."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        any_text = self.tr("(any)")
        self.direction = QComboBox(self)
        self.direction.addItem(any_text, None)
        for d in Direction:
            self.direction.addItem(labels.direction_label(d.value), d.value)
        self.year = QSpinBox(self)
        self.year.setRange(1999, 2100)
        self.year.setSpecialValueText(any_text)
        self.year.setValue(1999)
        self.type_name = QComboBox(self)
        self.type_name.addItem(any_text, None)
        for name in DOCUMENT_TYPES:
            self.type_name.addItem(name, name)
        self.priority = QComboBox(self)
        self.priority.addItem(any_text, None)
        for p in Priority:
            self.priority.addItem(labels.priority_label(p.value), p.value)
        self.secrecy = QComboBox(self)
        self.secrecy.addItem(any_text, None)
        for s in Secrecy:
            self.secrecy.addItem(labels.secrecy_label(s.value), s.value)
        self.state = QComboBox(self)
        self.state.addItem(any_text, None)
        for st in DocState:
            self.state.addItem(labels.state_label(st.value), st.value)
        self.overdue = QCheckBox(self.tr("Overdue only"), self)
        form = QFormLayout(self)
        form.addRow(self.tr("Direction"), self.direction)
        form.addRow(self.tr("Year"), self.year)
        form.addRow(self.tr("Type"), self.type_name)
        form.addRow(self.tr("Urgency"), self.priority)
        form.addRow(self.tr("Secrecy"), self.secrecy)
        form.addRow(self.tr("State"), self.state)
        form.addRow("", self.overdue)
        for combo in (self.direction, self.type_name, self.priority, self.secrecy, self.state):
            combo.currentIndexChanged.connect(self.changed)
        self.year.valueChanged.connect(self.changed)
        self.overdue.toggled.connect(self.changed)

    def filters(self) -> SearchFilters | None:
        """The chosen filters, or None when nothing narrows the search."""
        f = SearchFilters(
            direction=self.direction.currentData(),
            year=self.year.value() if self.year.value() != self.year.minimum() else None,
            type_name=self.type_name.currentData(),
            priority=self.priority.currentData(),
            secrecy=self.secrecy.currentData(),
            state=self.state.currentData(),
            overdue=self.overdue.isChecked(),
        )
        return None if f == SearchFilters() else f

    def set_filters(self, f: SearchFilters | None) -> None:
        f = f or SearchFilters()
        widgets = self.findChildren(QWidget)
        for w in widgets:
            w.blockSignals(True)
        for combo, value in (
            (self.direction, f.direction),
            (self.type_name, f.type_name),
            (self.priority, f.priority),
            (self.secrecy, f.secrecy),
            (self.state, f.state),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.year.setValue(f.year or self.year.minimum())
        self.overdue.setChecked(bool(f.overdue))
        for w in widgets:
            w.blockSignals(False)
        self.changed.emit()


class SearchBar(QWidget):
    """Emits ``search_changed(query, filters, order)`` ~200 ms after the user stops typing."""

    search_changed = Signal(str, object, str)

    def __init__(self, worker: DbWorker, user_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.user_id = user_id
        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.edit.setPlaceholderText(self.tr("Search documents — diacritics optional, e.g. chuyen doi so"))
        self.order = QComboBox(self)
        self.order.addItem(self.tr("Newest first"), "newest")
        self.order.addItem(self.tr("Most relevant"), "relevance")
        self.panel = FilterPanel()
        self.filter_button = QToolButton(self)
        self.filter_button.setText(self.tr("Filters"))
        self.filter_button.setPopupMode(QToolButton.InstantPopup)
        filter_menu = QMenu(self.filter_button)
        holder = QWidgetAction(filter_menu)
        holder.setDefaultWidget(self.panel)
        filter_menu.addAction(holder)
        self.filter_button.setMenu(filter_menu)
        self.saved_button = QToolButton(self)
        self.saved_button.setText(self.tr("Saved searches"))
        self.saved_button.setPopupMode(QToolButton.InstantPopup)
        self.saved_menu = QMenu(self.saved_button)
        self.saved_menu.aboutToShow.connect(self.load_saved)
        self.saved_button.setMenu(self.saved_menu)
        self._saved: list[tuple[str, str, str, Any]] = []  # id, name, query, filters

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.emit_now)
        self.edit.textChanged.connect(self.timer.start)
        self.edit.returnPressed.connect(self.emit_now)
        self.order.currentIndexChanged.connect(self.emit_now)
        self.panel.changed.connect(self._filters_changed)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.order)
        layout.addWidget(self.filter_button)
        layout.addWidget(self.saved_button)

    def _filters_changed(self) -> None:
        active = self.panel.filters() is not None
        self.filter_button.setText(self.tr("Filters •") if active else self.tr("Filters"))
        self.timer.start()

    def emit_now(self) -> None:
        self.timer.stop()
        self.search_changed.emit(self.edit.text().strip(), self.panel.filters(), self.order.currentData())

    def clear(self) -> None:
        self.edit.blockSignals(True)
        self.edit.clear()
        self.edit.blockSignals(False)
        self.panel.set_filters(None)
        self.timer.stop()

    # -- saved searches ---------------------------------------------------------------

    def load_saved(self) -> None:
        """Fill the menu from the database (a quick read; the menu is about to open)."""
        from eoffice.documents.saved_searches import list_saved_searches, saved_filters

        with self.worker.store.read() as session:
            self._saved = [
                (s.id, s.name, s.query, saved_filters(s)) for s in list_saved_searches(session, self.user_id)
            ]
        self.saved_menu.clear()
        save = self.saved_menu.addAction(self.tr("Save this search…"))
        save.triggered.connect(self.save_current)
        if self._saved:
            self.saved_menu.addSeparator()
        for _saved_id, name, query, filters in self._saved:
            action = self.saved_menu.addAction(name)
            action.triggered.connect(lambda _=False, q=query, f=filters: self.apply(q, f))
        if self._saved:
            delete = self.saved_menu.addMenu(self.tr("Delete"))
            for saved_id, name, _query, _filters in self._saved:
                action = delete.addAction(name)
                action.triggered.connect(lambda _=False, i=saved_id: self.delete_saved(i))

    def apply(self, query: str, filters: SearchFilters | None) -> None:
        self.edit.blockSignals(True)
        self.edit.setText(query)
        self.edit.blockSignals(False)
        self.panel.set_filters(filters)
        self.emit_now()

    def save_current(self) -> None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Save search"))
        dialog.setLabelText(self.tr("Name of the search:"))
        dialog.setOkButtonText(self.tr("Save"))
        dialog.setCancelButtonText(self.tr("Cancel"))
        dialog.textValueSelected.connect(self.save_as)
        dialog.open()

    def save_as(self, name: str) -> None:
        from eoffice.documents.saved_searches import save_search

        user_id, query, filters = self.user_id, self.edit.text().strip(), self.panel.filters()
        self.worker.write("save_search", lambda s: save_search(s, user_id, name, query, filters).id)

    def delete_saved(self, saved_id: str) -> None:
        from eoffice.documents.saved_searches import delete_saved_search

        user_id = self.user_id
        self.worker.write("delete_saved_search", lambda s: delete_saved_search(s, user_id, saved_id))
