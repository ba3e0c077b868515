"""The operations the server refused, each with its reason; open the document or dismiss.

A refused operation was undone on this computer already (the document shows the server's
truth again); this list is where the user learns why, in the server's own words.
"""

from __future__ import annotations

from operator import attrgetter

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from eoffice.sync.engine import Rejected
from eoffice.ui import labels
from eoffice.ui.i18n import current_language
from eoffice.ui.rows import QT_TRANSLATE_NOOP, RowsModel, text_column


def _reason(row: Rejected) -> str:
    return row.reason_en if current_language() == "en" and row.reason_en else row.reason


class RejectedModel(RowsModel[Rejected]):
    key = attrgetter("op_id")
    columns = (
        text_column(QT_TRANSLATE_NOOP("RejectedModel", "Action"), lambda row: labels.operation_label(row.kind)),
        text_column(QT_TRANSLATE_NOOP("RejectedModel", "Why the server refused it"), _reason),
    )

    def __init__(self, rows: tuple[Rejected, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent, rows)

    def remove(self, op_id: str) -> None:
        self.remove_rows(self.find_row(op_id))


class RejectedDialog(QDialog):
    """Refusals, newest last; "Open document" and "Dismiss" act on the selected one."""

    open_document = Signal(str)
    dismiss = Signal(str)

    def __init__(self, rows: tuple[Rejected, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Refused by the server"))
        self.resize(720, 320)
        self.model = RejectedModel(rows, self)
        intro = QLabel(
            self.tr("These actions were not accepted by the server and were undone on this computer."), self
        )
        intro.setWordWrap(True)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        if rows:
            self.view.selectRow(0)
        buttons = QDialogButtonBox(self)
        self.open_button = QPushButton(self.tr("Open document"), self)
        self.dismiss_button = QPushButton(self.tr("Dismiss"), self)
        buttons.addButton(self.open_button, QDialogButtonBox.ActionRole)
        buttons.addButton(self.dismiss_button, QDialogButtonBox.ActionRole)
        close = buttons.addButton(QDialogButtonBox.Close)
        close.setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(self._open)
        self.dismiss_button.clicked.connect(self._dismiss)
        self.view.selectionModel().selectionChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self._update()

    def selected(self) -> Rejected | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _update(self) -> None:
        row = self.selected()
        self.open_button.setEnabled(bool(row and row.document_id))
        self.dismiss_button.setEnabled(row is not None)

    def _open(self) -> None:
        row = self.selected()
        if row is not None and row.document_id:
            self.open_document.emit(row.document_id)
            self.accept()

    def _dismiss(self) -> None:
        row = self.selected()
        if row is not None:
            self.dismiss.emit(row.op_id)
            self.model.remove(row.op_id)
            if self.model.rows:
                self.view.selectRow(0)
            self._update()
