"""In sổ: print a register (Phụ lục IV) for a date range as a PDF, then open it."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QWidget
from sqlalchemy import select

from eoffice.documents.folding import fold
from eoffice.documents.models import Register
from eoffice.ui.directory import OrgDirectory
from eoffice.ui.documents.forms import FormDialog, date_edit, from_qdate
from eoffice.ui.tasks import DbWorker

FOLLOWUP = "followup"


def output_dir() -> Path:
    try:
        from eoffice.store.paths import data_dir

        folder = data_dir() / "registers"
    except OSError:
        folder = Path(tempfile.gettempdir()) / "eoffice-registers"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class PrintRegisterDialog(FormDialog):
    """Choose a register and a date range; the PDF is written and opened."""

    def __init__(
        self,
        worker: DbWorker,
        directory: OrgDirectory,
        parent: QWidget | None = None,
        *,
        open_after: bool = True,
    ) -> None:
        super().__init__(worker, self.tr("Print register"), parent)
        self.organisation_id = directory.organisation_id
        #: The register holds what this user may see, and names them (``printing.registers``).
        self.printed_by = directory.user.id
        self.open_after = open_after
        self.output: Path | None = None
        self.register = QComboBox(self)
        with worker.store.read() as session:
            for register in session.scalars(
                select(Register)
                .where(Register.organisation_id == directory.organisation_id, Register.deleted.is_(False))
                .order_by(Register.kind, Register.secret)
            ):
                self.register.addItem(register.name, register.id)
        self.register.addItem(self.tr("Follow-up register (incoming)"), FOLLOWUP)
        today = date.today()
        self.start = date_edit(date(today.year, 1, 1), self)
        self.end = date_edit(today, self)
        self.form.addRow(self.tr("Register"), self.register)
        self.form.addRow(self.tr("From"), self.start)
        self.form.addRow(self.tr("To"), self.end)
        self.field_widgets.update(register=self.register, start=self.start, end=self.end)
        self.ok_button.setText(self.tr("Print"))

    def submit(self) -> None:
        start, end = from_qdate(self.start.date()), from_qdate(self.end.date())
        if end < start:
            self.show_error(self.tr("The end date is before the start date."), "end")
            return
        register_id = self.register.currentData()
        slug = re.sub(r"[^a-z0-9]+", "-", fold(self.register.currentText()).lower()).strip("-")
        out = output_dir() / f"{slug}_{start:%Y%m%d}-{end:%Y%m%d}.pdf"
        store, organisation_id, printed_by = self.worker.store, self.organisation_id, self.printed_by

        def run() -> str:
            from eoffice.printing.registers import print_followup_register, print_register

            with store.read() as session:
                if register_id == FOLLOWUP:
                    print_followup_register(session, organisation_id, start, end, out, printed_by=printed_by)
                else:
                    print_register(session, register_id, start, end, out, printed_by=printed_by)
            return str(out)

        self.run_call("print_register", run)

    def _done(self, result: object) -> None:
        self.output = Path(str(result))
        if self.open_after:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.output)))
        super()._done(result)
