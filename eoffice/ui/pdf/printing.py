"""Print a loaded PDF on a printer: Qt's print dialog, then the pages with their seals, with progress.

Shared by the reader window and the detail pane, so a document is printed straight from
eOffice (no other PDF program needed), as it shows on screen.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from eoffice.ui.pdf.render import PrintError, print_document

log = logging.getLogger(__name__)


class PdfPrinting(QObject):
    """Asks where and what to print, then prints; ``done(text)`` or ``failed(text)`` says how it went."""

    done = Signal(str)
    failed = Signal(str)

    def __init__(self, document: QPdfDocument, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.document = document
        self.title = title
        self.widget = parent
        #: Kept between prints: the printer and options chosen last time are proposed again.
        self.printer: QPrinter | None = None
        self.dialog: QPrintDialog | None = None
        self.progress: QProgressDialog | None = None

    def ask(self) -> None:
        """The print dialog (printer, pages, copies); printing starts when it is accepted."""
        if self.printer is None:
            self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setDocName(self.title)
        dialog = QPrintDialog(self.printer, self.widget)
        dialog.setWindowTitle(self.tr("Print"))
        dialog.setMinMax(1, max(1, self.document.pageCount()))
        dialog.accepted.connect(lambda: self.print_to(dialog.printer()))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog = dialog
        dialog.show()  # PySide's QPrintDialog.open wants a slot to call

    def print_to(self, printer: QPrinter) -> int:
        """Print on ``printer`` as set (range, copies); the number of pages printed (0: none)."""
        progress = QProgressDialog(self.tr("Printing…"), self.tr("Stop"), 0, 0, self.widget)
        progress.setWindowTitle(self.tr("Print"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(800)
        self.progress = progress
        stopped = False

        def step(done: int, total: int) -> bool:
            nonlocal stopped
            progress.setMaximum(total)
            progress.setValue(done)
            QCoreApplication.processEvents()
            stopped = progress.wasCanceled()
            return not stopped

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = print_document(self.document, printer, step)
        except PrintError:
            log.warning("cannot start printing on %s", printer.printerName() or printer.outputFileName())
            self.failed.emit(self.tr(
                "The printer cannot be used now; check that it is on and connected, then try again."
            ))
            return 0
        finally:
            QApplication.restoreOverrideCursor()
            progress.reset()
            progress.deleteLater()
            self.progress = None
        if stopped:
            self.done.emit(self.tr("Printing stopped."))
        elif printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
            self.done.emit(self.tr("%1 page(s) printed to the file %2.").replace("%1", str(pages)).replace(
                "%2", printer.outputFileName()))
        else:
            self.done.emit(self.tr("%1 page(s) sent to the printer.").replace("%1", str(pages)))
        return pages
