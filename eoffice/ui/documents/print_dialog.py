"""In sổ: print a register (Phụ lục IV) for a date range as a PDF, shown in the reader window.

The file is written in eOffice's data folder; the reader says where, with "Mở thư mục",
and prints it on a printer (Qt's print dialog) without any other PDF program.
"""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QWidget
from sqlalchemy import select

from eoffice.directory.models import Role, User
from eoffice.documents.boxes import Box, visible_to
from eoffice.documents.folding import fold
from eoffice.documents.models import Document, Register
from eoffice.ui.directory import OrgDirectory
from eoffice.ui.documents.forms import FormDialog, date_edit, from_qdate
from eoffice.ui.tasks import DbWorker

FOLLOWUP = "followup"
#: The boxes whose documents are outgoing: printing from them proposes the outgoing register.
OUTGOING_BOXES = (Box.OUTGOING, Box.DRAFTS_TO_APPROVE, Box.MY_DRAFTS)


def output_dir() -> Path:
    try:
        from eoffice.store.paths import data_dir

        folder = data_dir() / "registers"
    except OSError:
        folder = Path(tempfile.gettempdir()) / "eoffice-registers"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class PrintRegisterDialog(FormDialog):
    """Choose a register and a date range; the PDF is written, then shown (or printed)."""

    def __init__(
        self,
        worker: DbWorker,
        directory: OrgDirectory,
        parent: QWidget | None = None,
        *,
        open_after: bool = True,
        box: Box | None = None,
    ) -> None:
        super().__init__(worker, self.tr("Print register"), parent)
        self.organisation_id = directory.organisation_id
        #: The register holds what this user may see, and names them (``printing.registers``).
        self.printed_by = directory.user.id
        self.open_after = open_after
        self.output: Path | None = None
        self.reader: QWidget | None = None
        self._then_print = False
        self.register = QComboBox(self)
        kind = "outgoing" if box in OUTGOING_BOXES else "incoming"
        with worker.store.read() as session:
            for register in session.scalars(
                select(Register)
                .where(Register.organisation_id == directory.organisation_id, Register.deleted.is_(False))
                .order_by(Register.kind, Register.secret)
            ):
                if register.secret and not self._may_see_secret(session, directory, register.id):
                    continue
                self.register.addItem(register.name, register.id)
                if register.kind == kind and not register.secret and self.register.count():
                    self.register.setCurrentIndex(self.register.count() - 1)
        self.register.addItem(self.tr("Follow-up register (incoming)"), FOLLOWUP)
        today = date.today()
        self.start = date_edit(date(today.year, 1, 1), self)
        self.end = date_edit(today, self)
        self.form.addRow(self.tr("Register"), self.register)
        self.form.addRow(self.tr("From"), self.start)
        self.form.addRow(self.tr("To"), self.end)
        self.field_widgets.update(register=self.register, start=self.start, end=self.end)
        self.ok_button.setText(self.tr("View and save"))
        self.ok_button.setToolTip(self.tr("Write the register as a PDF file and show it"))
        self.print_button = self.buttons.addButton(self.tr("Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setToolTip(self.tr("Choose a printer and print the register"))
        self.print_button.clicked.connect(self.print_on_printer)

    @staticmethod
    def _may_see_secret(session, directory: OrgDirectory, register_id: str) -> bool:  # type: ignore[no-untyped-def]
        """A secret register is offered to clerks and leaders, and to whoever a secret document in it names."""
        if directory.has_role(Role.CLERK) or directory.has_role(Role.LEADER):
            return True
        user = session.get(User, directory.user.id)
        if user is None:
            return False
        found = session.scalar(
            select(Document.id).where(Document.register_id == register_id, visible_to(user)).limit(1)
        )
        return found is not None

    def print_on_printer(self) -> None:
        """Write the register, then open the print dialog on it."""
        self._then_print = True
        self.submit()

    def submit(self) -> None:
        start, end = from_qdate(self.start.date()), from_qdate(self.end.date())
        if end < start:
            self._then_print = False
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
        if self.open_after or self._then_print:
            from eoffice.ui.pdf.reader import open_reader

            reader = open_reader(self.output, self.register.currentText(), self.parentWidget())
            reader.show_file_notice(self.tr("The register was saved as %1").replace("%1", str(self.output)))
            if self._then_print:
                reader.print_pages()
            self.reader = reader
        super()._done(result)
