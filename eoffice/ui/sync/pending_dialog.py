"""What waits to be sent: the operations made on this computer the server has not had yet.

"1 thao tác chờ gửi" in the status bar opens it. Each row says what the user did (the
label its capability registered), when, and opens the document it concerns; "Gửi ngay"
asks for a sync round. The list is read off the GUI thread and follows the outbox while
the dialog is open: a row leaves once the server has it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
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
from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.ops import codec
from eoffice.sync.client_state import PENDING
from eoffice.sync.models import OutboxEntry
from eoffice.ui import labels
from eoffice.ui.rows import QT_TRANSLATE_NOOP, RowsModel, text_column


@dataclass(frozen=True)
class Pending:
    """One operation in the outbox, as the list shows it."""

    op_id: str
    kind: str
    created_at: datetime
    document_id: str | None = None


def pending_operations(session: Session) -> list[Pending]:
    """The outbox's waiting operations, oldest first (the order they will be sent in)."""
    rows = session.execute(
        select(OutboxEntry.op_id, OutboxEntry.kind, OutboxEntry.created_at, OutboxEntry.payload_json)
        .where(OutboxEntry.state == PENDING)
        .order_by(OutboxEntry.seq)
    )
    out = []
    for op_id, kind, created_at, payload in rows:
        try:
            document_id = getattr(codec.from_json(json.loads(payload)), "document_id", None)
        except Exception:  # noqa: BLE001 - an operation an older version left: listed, not opened
            document_id = None
        out.append(Pending(op_id, kind, created_at, document_id if isinstance(document_id, str) else None))
    return out


def _when(row: Pending) -> str:
    moment = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=timezone.utc)
    return moment.astimezone().strftime("%H:%M %d/%m/%Y")


class PendingModel(RowsModel[Pending]):
    key = attrgetter("op_id")
    columns = (
        text_column(QT_TRANSLATE_NOOP("PendingModel", "Made at"), _when),
        text_column(QT_TRANSLATE_NOOP("PendingModel", "Action"), lambda row: labels.operation_label(row.kind)),
    )


class PendingDialog(QDialog):
    """The waiting operations; "Open document" on the selected one, "Send now" for all."""

    open_document = Signal(str)
    send_now = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Waiting to be sent"))
        self.resize(620, 340)
        self.model = PendingModel(self)
        self.intro = QLabel(
            self.tr(
                "These actions are done on this computer and will be sent to the server as soon as it can be "
                "reached. Nothing needs to be done again."
            ),
            self,
        )
        self.intro.setWordWrap(True)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.empty = QLabel(self.tr("Everything has been sent."), self)
        self.empty.hide()
        buttons = QDialogButtonBox(self)
        self.open_button = QPushButton(self.tr("Open document"), self)
        self.send_button = QPushButton(self.tr("Send now"), self)
        buttons.addButton(self.open_button, QDialogButtonBox.ActionRole)
        buttons.addButton(self.send_button, QDialogButtonBox.ActionRole)
        close = buttons.addButton(QDialogButtonBox.Close)
        close.setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        self.open_button.clicked.connect(self._open)
        self.send_button.clicked.connect(self.send_now)
        self.view.selectionModel().selectionChanged.connect(self._update)
        self.view.doubleClicked.connect(lambda _index: self._open())
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self._update()

    def show_rows(self, rows: list[Pending]) -> None:
        """The outbox as last read; the selection stays on the same operation if it still waits."""
        chosen = self.selected()
        self.model.set_rows(rows)
        keep = self.model.find_row(chosen.op_id) if chosen is not None else -1
        if keep >= 0 or rows:
            self.view.selectRow(max(keep, 0))
        self.empty.setVisible(not rows)
        self.view.setVisible(bool(rows))
        self._update()

    def selected(self) -> Pending | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _update(self) -> None:
        row = self.selected()
        self.open_button.setEnabled(bool(row and row.document_id))
        self.send_button.setEnabled(bool(self.model.rows))

    def _open(self) -> None:
        row = self.selected()
        if row is not None and row.document_id:
            self.open_document.emit(row.document_id)
            self.accept()
