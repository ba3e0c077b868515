"""Góp ý dự thảo on the meeting page: a delegate writes an opinion on a document (on a
page or the whole text); the presenting unit and the organisers see the collected table
(author, document, page, text, time) and export it as a Word table
(``meetings.comments.export_docx``)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from eoffice.meetings.comments import CommentRow, export_docx
from eoffice.meetings.operations import CommentDocument
from eoffice.meetings.views import DocumentView
from eoffice.ops.values import Id
from eoffice.store.base import new_id
from eoffice.ui.meetings.labels import day_time

SAID_FOR = 6000


class CommentDialog(QDialog):
    """One opinion on a document: on a page (0: the whole document) and its text."""

    def __init__(self, doc: DocumentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commentDialog")
        self.setWindowTitle(self.tr("Comment on “%1”").replace("%1", doc.title))
        self.page = QSpinBox(self)
        self.page.setRange(0, max(doc.page_count, 0) or 9999)
        self.page.setSpecialValueText(self.tr("Whole document"))
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("commentText")
        self.text.setPlaceholderText(self.tr("Your opinion on the draft"))
        self.text.setMinimumSize(460, 160)
        form = QFormLayout()
        form.addRow(self.tr("&Page:"), self.page)
        form.addRow(self.tr("&Comment:"), self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.text.setFocus()

    def _accept(self) -> None:
        if not self.text.toPlainText().strip():
            self.text.setFocus()
            return
        self.accept()

    def values(self) -> tuple[str, int | None]:
        return self.text.toPlainText().strip(), (self.page.value() or None)


class CommentsPanel(QWidget):
    """The collected comments (the meeting page's "Comments" tab)."""

    def __init__(self, page: Any) -> None:
        super().__init__(page)
        self.page_ = page
        self.rows: list[CommentRow] = []
        self.dialog: CommentDialog | None = None
        self.caption = QLabel(self)
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("collectedComments")
        self.table.setHorizontalHeaderLabels([
            self.tr("Document"), self.tr("Page"), self.tr("Author"), self.tr("Position, unit"), self.tr("Comment"),
            self.tr("Time"),
        ])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.export_button = QPushButton(self.tr("Export to Word…"), self)
        self.export_button.setToolTip(self.tr("Save the collected comments as a Word table"))
        self.export_button.clicked.connect(self.choose_export)
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def set_rows(self, rows: list[CommentRow]) -> None:
        self.rows = rows
        self.caption.setText(self.tr("%1 comments collected").replace("%1", str(len(rows))))
        self.table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            who = ", ".join(p for p in (row.author_position, row.author_unit) if p)
            title = row.document_title + (f" (v{row.version})" if row.version > 1 else "")
            values = (title, str(row.page) if row.page else self.tr("Whole"), row.author, who, row.text,
                      day_time(row.at))
            for column, text in enumerate(values):
                self.table.setItem(n, column, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self.export_button.setEnabled(bool(rows))

    def _status(self, text: str) -> None:
        self.page_.window_.statusBar().showMessage(text, SAID_FOR)

    # -- writing -------------------------------------------------------------------

    def write_comment(self) -> None:
        """On the document selected in the agenda."""
        doc = self.page_.current_document()
        if doc is None:
            self._status(self.tr("Select a document first"))
            return
        self.dialog = CommentDialog(doc, self.page_)
        dialog = self.dialog
        dialog.accepted.connect(lambda: self.submit(doc.id, *dialog.values()))
        dialog.open()

    def submit(self, document_id: str, text: str, page: int | None) -> None:
        op = CommentDocument(op_id=Id(new_id()), comment_id=Id(new_id()), document_id=Id(document_id), text=text,
                             page=page)
        self.page_.worker.submit("meeting_comment", self.page_.user_id, lambda _s: op,
                                 lambda _r: self._status(self.tr("Comment sent")))

    # -- exporting -----------------------------------------------------------------

    def choose_export(self) -> None:
        title = self.page_.data.view.title if self.page_.data is not None else ""
        suggested = str(Path.home() / f"gop-y-{datetime.now():%Y%m%d}.docx")
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export the comments"), suggested,
                                              self.tr("Word document (*.docx)"))
        if name:
            self.export_to(Path(name if name.lower().endswith(".docx") else name + ".docx"), title)

    def export_to(self, path: Path, meeting_title: str) -> None:
        rows = list(self.rows)
        self.page_.worker.look(
            "meeting_export_comments", lambda: export_docx(rows, path, meeting_title),
            lambda saved: self._status(self.tr("Comments exported to %1").replace("%1", str(saved))),
        )
