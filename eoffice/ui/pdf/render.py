"""Load and render PDF pages as an official reads them: with the signatures and seals.

A digital signature's visible part (the signer's image, the agency's red seal) is the
appearance stream of a widget annotation. QtPdf draws annotations only when asked
(``RenderFlag.Annotations``; ``QPdfView`` never asks) and even then skips widgets, so
every view of a PDF in eOffice loads it with ``load_pdf`` (see ``appearances``) and
renders it with ``render_page``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

#: Printing renders pages at most at this resolution (a 1200 dpi printer gets 300 dpi images).
PRINT_DPI = 300


class PrintError(Exception):
    """The printer could not be started (no printer, a file that cannot be written)."""


SHOWN = "eofficeShownPdf"


def load_pdf(document: QPdfDocument, path: str | Path) -> bool:
    """Load ``path`` into ``document`` with its signatures' and fields' appearances drawable.

    False when QtPdf cannot read the file. The bytes stay in a buffer owned by the
    document until the next load.
    """
    from eoffice.ui.pdf.appearances import shown_bytes

    old = document.findChildren(QBuffer, SHOWN)
    document.close()
    for buffer in old:
        buffer.close()
        buffer.deleteLater()
    try:
        data = shown_bytes(Path(path))
    except OSError:
        return False
    buffer = QBuffer(document)
    buffer.setObjectName(SHOWN)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document.status() == QPdfDocument.Status.Ready


def render_options() -> QPdfDocumentRenderOptions:
    """Options that draw the annotations (signatures, seals, filled fields)."""
    options = QPdfDocumentRenderOptions()
    options.setRenderFlags(QPdfDocumentRenderOptions.RenderFlag.Annotations)
    return options


def render_page(document: QPdfDocument, page: int, size: QSize) -> QImage:
    """Page ``page`` (from 0) of ``document`` as an image of ``size`` pixels, annotations drawn."""
    return document.render(page, size, render_options())


def page_pixels(document: QPdfDocument, page: int, dpi: float) -> QSize:
    """The pixel size of a page rendered at ``dpi``."""
    points = document.pagePointSize(page)
    return QSize(max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72)))


def printed_pages(document: QPdfDocument, printer: QPrinter) -> range:
    """The pages (from 0) the print dialog asked for: all, or its "from–to" range."""
    count = document.pageCount()
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage() - 1, min(printer.toPage() or count, count) - 1
        return range(max(0, first), last + 1)
    return range(count)


def print_document(
    document: QPdfDocument, printer: QPrinter, progress: Callable[[int, int], bool] | None = None
) -> int:
    """Print ``document`` on ``printer`` page by page, annotations drawn; the number of pages printed.

    ``progress(done, total)`` is called after each page; False stops (the job is aborted).

    Each page is scaled to fit the printable area, centred, at no more than
    ``PRINT_DPI`` (a page image at the printer's own 1200 dpi would take half a gigabyte).
    """
    pages = printed_pages(document, printer)
    if not pages:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(printer.outputFileName() or printer.printerName())
    try:
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        target_dpi = min(printer.resolution(), PRINT_DPI)
        for n, page in enumerate(pages):
            if n:
                printer.newPage()
            points = document.pagePointSize(page)
            if points.width() <= 0 or points.height() <= 0:
                continue
            fitted = QSizeF(points).scaled(QSizeF(area.size()), Qt.AspectRatioMode.KeepAspectRatio)
            image = render_page(document, page, page_pixels(document, page, target_dpi))
            if image.hasAlphaChannel():  # a page without its own background prints on white
                white = QImage(image.size(), QImage.Format.Format_RGB32)
                white.fill(Qt.GlobalColor.white)
                flatten = QPainter(white)
                flatten.drawImage(0, 0, image)
                flatten.end()
                image = white
            x = (area.width() - fitted.width()) / 2
            y = (area.height() - fitted.height()) / 2
            painter.drawImage(QRectF(x, y, fitted.width(), fitted.height()), image)
            if progress is not None and not progress(n + 1, len(pages)):
                printer.abort()
                return n + 1
    finally:
        painter.end()
    return len(pages)
