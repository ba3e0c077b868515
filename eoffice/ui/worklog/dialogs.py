"""The diary's dialogs: one entry (new, edited, or a draft being accepted) and the report."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTime, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from eoffice.ops import Operation
from eoffice.store.base import new_id
from eoffice.ui.documents.forms import FormDialog, date_edit, from_qdate
from eoffice.ui.tasks import DbWorker
from eoffice.ui.worklog.models import CATEGORIES, category_label
from eoffice.worklog import operations as wops
from eoffice.worklog.entries import EntryFields, checked
from eoffice.worklog.weeks import month_range, week_start

BuildOp = Callable[[EntryFields], Operation]


def _time(minute: int | None) -> QTime:
    minute = minute or 0
    return QTime(min(23, minute // 60), minute % 60)


class EntryDialog(FormDialog):
    """An entry's fields; OK submits the operation ``build(fields)`` makes."""

    def __init__(
        self,
        worker: DbWorker,
        actor_id: str,
        title: str,
        fields: EntryFields,
        build: BuildOp,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(worker, title, parent)
        self.actor_id = actor_id
        self.build = build
        self.original = fields
        self.day = date_edit(fields.day, self)
        self.timed = QCheckBox(self.tr("From – to"), self)
        self.start = QTimeEdit(_time(fields.start_minute or 8 * 60), self)
        self.end = QTimeEdit(_time(fields.end_minute or 9 * 60), self)
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        self.minutes = QSpinBox(self)
        self.minutes.setRange(1, 24 * 60)
        self.minutes.setSingleStep(15)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setValue(fields.minutes or 30)
        times = QWidget(self)
        row = QHBoxLayout(times)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.timed, self.start, self.end, self.minutes):
            row.addWidget(widget)
        self.timed.toggled.connect(self._timed)
        self.timed.setChecked(fields.start_minute is not None)
        self._timed(self.timed.isChecked())
        self.text = QPlainTextEdit(fields.text, self)
        self.text.setTabChangesFocus(True)
        self.text.setMinimumWidth(460)
        self.text.setMaximumHeight(90)
        self.category = QComboBox(self)
        for value in CATEGORIES:
            self.category.addItem(category_label(value), value)
        self.category.setCurrentIndex(max(0, self.category.findData(fields.category)))
        self.result_edit = QLineEdit(fields.result, self)
        self.recurring = QCheckBox(self.tr("Repeats most days (offered by “copy yesterday's”)"), self)
        self.recurring.setChecked(fields.recurring)
        self.form.addRow(self.tr("Day"), self.day)
        self.form.addRow(self.tr("Time"), times)
        self.form.addRow(self.tr("Work"), self.text)
        self.form.addRow(self.tr("Category"), self.category)
        self.form.addRow(self.tr("Result"), self.result_edit)
        self.form.addRow("", self.recurring)
        self.field_widgets.update({"day": self.day, "time": times, "text": self.text, "category": self.category})

    def _timed(self, on: bool) -> None:
        self.start.setEnabled(on)
        self.end.setEnabled(on)
        self.minutes.setEnabled(not on)

    def fields(self) -> EntryFields:
        timed = self.timed.isChecked()
        start = self.start.time().hour() * 60 + self.start.time().minute() if timed else None
        end = self.end.time().hour() * 60 + self.end.time().minute() if timed else None
        return EntryFields(
            day=from_qdate(self.day.date()), text=self.text.toPlainText(), category=str(self.category.currentData()),
            minutes=None if timed else self.minutes.value(), start_minute=start, end_minute=end,
            result=self.result_edit.text(), document_id=self.original.document_id,
            direction_line_id=self.original.direction_line_id, meeting_id=self.original.meeting_id,
            recurring=self.recurring.isChecked(),
        )

    def submit(self) -> None:
        from eoffice.errors import ValidationError
        from eoffice.ui.i18n import current_language

        try:
            fields = checked(self.fields())
        except ValidationError as error:
            self.show_error(error.message(current_language()), error.field)
            return
        build = self.build
        self.run_operation("diary_entry", self.actor_id, lambda _s: build(fields), lambda op, _r: op)


def add_op(fields: EntryFields, source_key: str | None = None) -> wops.AddEntry:
    return wops.AddEntry(op_id=new_id(), entry_id=new_id(), source_key=source_key, **wops.values_of(fields))


def update_op(entry_id: str, base_revision: str) -> BuildOp:
    return lambda fields: wops.UpdateEntry(
        op_id=new_id(), entry_id=entry_id, base_revision=base_revision, **wops.values_of(fields)
    )


class ReportDialog(FormDialog):
    """A weekly or monthly report of a person or a unit, written as PDF or DOCX."""

    def __init__(
        self,
        worker: DbWorker,
        viewer_id: str,
        day: date,
        people: list[tuple[str, str]],
        units: list[tuple[str, str]],
        parent: QWidget | None = None,
        *,
        open_after: bool = True,
    ) -> None:
        super().__init__(worker, self.tr("Diary report"), parent)
        self.viewer_id = viewer_id
        self.open_after = open_after
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("Weekly report"), "week")
        self.kind.addItem(self.tr("Monthly report"), "month")
        self.day = date_edit(day, self)
        self.scope = QComboBox(self)
        for user_id, name in people:
            self.scope.addItem(name, ("person", user_id))
        for unit_id, name in units:
            self.scope.addItem(self.tr("Unit: %1").replace("%1", name), ("unit", unit_id))
        self.format = QComboBox(self)
        self.format.addItem("PDF", "pdf")
        self.format.addItem(self.tr("Word (DOCX)"), "docx")
        self.path = QLineEdit(self)
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._browse)
        where = QWidget(self)
        row = QHBoxLayout(where)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.form.addRow(self.tr("Report"), self.kind)
        self.form.addRow(self.tr("Week or month of"), self.day)
        self.form.addRow(self.tr("Whose work"), self.scope)
        self.form.addRow(self.tr("Format"), self.format)
        self.form.addRow(self.tr("Save as"), where)
        self.field_widgets.update({"start": self.day, "end": self.day, "path": self.path})
        self.ok_button.setText(self.tr("Write report"))
        for combo in (self.kind, self.format):
            combo.currentIndexChanged.connect(self._suggest)
        self.day.dateChanged.connect(self._suggest)
        self._suggest()

    def period(self) -> tuple[date, date]:
        day = from_qdate(self.day.date())
        if self.kind.currentData() == "month":
            return month_range(day.year, day.month)
        monday = week_start(day)
        return monday, date.fromordinal(monday.toordinal() + 6)

    def _suggest(self) -> None:
        start, _end = self.period()
        stem = f"bao-cao-tuan-{start:%Y-%m-%d}" if self.kind.currentData() == "week" else f"bao-cao-thang-{start:%Y-%m}"
        folder = Path(self.path.text()).parent if self.path.text() else Path.home() / "Documents"
        if not folder.is_dir():
            folder = Path.home()
        self.path.setText(str(folder / f"{stem}.{self.format.currentData()}"))

    def _browse(self) -> None:
        dialog = QFileDialog(self, self.tr("Save the report as"), self.path.text())
        dialog.setAcceptMode(QFileDialog.AcceptSave)
        dialog.setOption(QFileDialog.DontUseNativeDialog, True)
        dialog.fileSelected.connect(self.path.setText)
        self._file_dialog = dialog
        dialog.open()

    def submit(self) -> None:
        from eoffice.worklog.export import write_docx, write_pdf
        from eoffice.worklog.report import build_report

        path = self.path.text().strip()
        if not path:
            self.show_error(self.tr("Choose where to save the report."), "path")
            return
        start, end = self.period()
        kind = str(self.kind.currentData())
        scope, target = self.scope.currentData()
        fmt = str(self.format.currentData())
        viewer, worker = self.viewer_id, self.worker

        def write() -> str:
            with worker.store.read() as session:
                report = build_report(
                    session, viewer, start, end, kind=kind,
                    owner_id=target if scope == "person" else None, unit_id=target if scope == "unit" else None,
                )
            out = (write_pdf if fmt == "pdf" else write_docx)(report, Path(path))
            return str(out)

        self.run_call("diary_report", write)

    def _done(self, result: Any) -> None:
        if self.open_after and isinstance(result, str) and not os.environ.get("EOFFICE_NO_OPEN"):
            QDesktopServices.openUrl(QUrl.fromLocalFile(result))
        super()._done(result)
