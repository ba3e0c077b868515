"""The reader window through its real widgets: zoom, pages, search, save a copy, print."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from eoffice.ui.pdf.reader import PdfReader
from eoffice.ui.pdf.render import render_page
from tests.signing.conftest import Pki
from tests.ui.test_pdf_render import coloured, letter, sign_and_seal


@pytest.fixture
def sealed_letter(test_pki: Pki, tmp_path: Path) -> Path:
    """A letter of several pages, signed by the director and sealed by the agency on its last page."""
    _signed, stamped = sign_and_seal(letter(tmp_path / "cong-van.pdf", pages=4), test_pki, tmp_path)
    return stamped.output


@pytest.fixture
def reader(qtbot, sealed_letter) -> PdfReader:
    window = PdfReader(sealed_letter, "Công văn 12/UBND-VP.pdf")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.view.setFocus()
    return window


def test_zoom_in_out_and_fit_width_by_keyboard(qtbot, reader):
    assert reader.document.pageCount() >= 3
    assert reader.view.fits_width()
    fitted = reader.view.zoom_factor()
    qtbot.keyClick(reader.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert not reader.view.fits_width() and reader.view.zoom_factor() > fitted
    assert reader.zoom_label.text() == f"{round(reader.view.zoom_factor() * 100)}%"
    qtbot.keyClick(reader.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(reader.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert reader.view.zoom_factor() < fitted
    qtbot.keyClick(reader.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert reader.view.fits_width() and abs(reader.view.zoom_factor() - fitted) < 0.01


def test_pages_by_keyboard_and_by_the_page_box(qtbot, reader):
    last = reader.document.pageCount()
    assert reader.page() == 1 and reader.page_total.text().strip() == f"/ {last}"
    assert not reader.act_previous.isEnabled()
    qtbot.keyClick(reader.view, Qt.Key.Key_PageDown)
    assert reader.page() == 2 and reader.page_box.value() == 2
    qtbot.keyClick(reader.view, Qt.Key.Key_PageUp)
    assert reader.page() == 1
    reader.page_box.lineEdit().selectAll()
    qtbot.keyClicks(reader.page_box, str(last))
    qtbot.keyClick(reader.page_box, Qt.Key.Key_Return)
    assert reader.page() == last and not reader.act_next.isEnabled()
    assert reader.view.verticalScrollBar().value() > 0


def test_search_finds_a_word_and_goes_to_it(qtbot, reader):
    qtbot.keyClick(reader.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert reader.search.hasFocus()
    reader.search.insert("Nguyễn Văn Đức")  # as typed (QTest types no Vietnamese letters)
    qtbot.waitUntil(lambda: reader.result_count() >= 1)
    assert reader.page() == reader.document.pageCount()  # the signer's name is at the foot of the letter
    assert reader.found_label.text().startswith("1/")
    reader.search.clear()
    reader.search.insert("chuyển đổi số")
    qtbot.waitUntil(lambda: reader.result_count() > 100)  # every sentence of the body has it
    assert reader.page() == 1
    while reader.page() == 1 and reader.result < reader.result_count() - 1:
        qtbot.keyClick(reader.search, Qt.Key.Key_Return)  # Enter: the next match
    assert reader.page() == 2
    assert reader.found_label.text() == f"{reader.result + 1}/{reader.result_count()}"
    qtbot.keyClick(reader.search, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert reader.page() == 1
    reader.search.clear()
    reader.search.insert("không có trong văn bản")
    qtbot.waitUntil(lambda: reader.found_label.text() == "không tìm thấy")


def test_save_a_copy_writes_the_signed_file_unchanged(qtbot, reader, sealed_letter, tmp_path):
    from pypdf import PdfReader as Pdf

    target = tmp_path / "ban-sao.pdf"
    assert reader.act_save.shortcuts()[0].matches("Ctrl+S")
    reader.act_save.trigger()
    dialog = reader.save_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.selectedFiles()[0].endswith("Công văn 12_UBND-VP.pdf")
    dialog.selectFile(str(target))
    dialog.accept()
    assert target.read_bytes() == sealed_letter.read_bytes()  # byte for byte: the signatures stay valid
    assert len(Pdf(target).pages) == reader.document.pageCount()
    assert str(target) in reader.last_message


def test_print_to_a_pdf_printer_keeps_the_seal(qtbot, reader, tmp_path):
    out = tmp_path / "in.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setResolution(150)
    pages = reader.document.pageCount()
    assert reader.print_to(printer) == pages
    printed = QPdfDocument()
    assert printed.load(str(out)) == QPdfDocument.Error.None_
    assert printed.pageCount() == pages
    last = render_page(printed, pages - 1, QSize(595, 842))
    assert coloured(last, last.rect(), 0) > 100, "the red seal is printed"
    first = render_page(printed, 0, QSize(595, 842)).convertToFormat(QImage.Format.Format_RGB32)
    assert coloured(first, first.rect(), 0) == 0
    printed.close()


def test_the_print_dialog_prints_the_chosen_pages(qtbot, reader, tmp_path):
    out = tmp_path / "trang-2-3.pdf"
    assert reader.act_print.shortcuts()[0].matches("Ctrl+P")
    reader.act_print.trigger()
    dialog = reader.print_dialog
    assert dialog is not None and dialog.isVisible()
    printer = dialog.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    dialog.done(dialog.DialogCode.Accepted)
    qtbot.waitUntil(lambda: out.exists() and "2" in reader.last_message)
    printed = QPdfDocument()
    assert printed.load(str(out)) == QPdfDocument.Error.None_
    assert printed.pageCount() == 2
    printed.close()


def test_the_detail_pane_opens_the_file_full_size(qtbot, window, ui_world, blobs, sealed_letter):
    from datetime import date

    from tests.documents.workflow_helpers import register
    from tests.ui.helpers import click_row

    doc = register(ui_world, blobs, lambda **_: sealed_letter, subject="Về việc chuyển đổi số",
                   arrival_date=date.today())
    window.refresh()
    click_row(qtbot, window, doc)
    pane = window.section("documents").detail_pane
    qtbot.waitUntil(lambda: pane.full_button.isEnabled())
    assert pane.full_button.text() == "Toàn màn hình"
    qtbot.mouseClick(pane.full_button, Qt.MouseButton.LeftButton)
    reader = pane.reader
    assert reader is not None and reader.isVisible() and reader.loaded
    assert reader.document.pageCount() == pane.pdf.pageCount()
    assert reader.windowTitle() == "sealed.pdf — eOffice"  # the file's name, not its stored digest
    reader.close()
    qtbot.mouseDClick(pane.pdf_view.viewport(), Qt.MouseButton.LeftButton)
    assert pane.reader is not reader and pane.reader.isVisible()
    pane.reader.close()


def test_the_detail_pane_prints_the_file_straight_to_a_printer(qtbot, window, ui_world, blobs, sealed_letter, tmp_path):
    from datetime import date

    from tests.documents.workflow_helpers import register
    from tests.ui.helpers import click_row

    doc = register(ui_world, blobs, lambda **_: sealed_letter, subject="Về việc chuyển đổi số",
                   arrival_date=date.today())
    window.refresh()
    click_row(qtbot, window, doc)
    pane = window.section("documents").detail_pane
    qtbot.waitUntil(lambda: pane.print_button.isEnabled())
    qtbot.mouseClick(pane.print_button, Qt.MouseButton.LeftButton)
    dialog = pane.printing.dialog
    assert dialog is not None and dialog.isVisible()
    out = tmp_path / "ban-in.pdf"
    dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    dialog.printer().setOutputFileName(str(out))
    dialog.done(dialog.DialogCode.Accepted)
    qtbot.waitUntil(lambda: str(out) in window.statusBar().currentMessage())
    printed = QPdfDocument()
    assert printed.load(str(out)) == QPdfDocument.Error.None_
    last = render_page(printed, printed.pageCount() - 1, QSize(595, 842))
    assert printed.pageCount() == pane.pdf.pageCount() and coloured(last, last.rect(), 0) > 100  # with its seal
    printed.close()
