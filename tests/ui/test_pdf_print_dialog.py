"""Printing a register: it opens in eOffice's reader, says where the file is, prints on a printer."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from tests.documents.workflow_helpers import register
from tests.ui.helpers import switch_user


def open_print_dialog(window):  # type: ignore[no-untyped-def]
    window.section("documents").act_print.trigger()  # Ctrl+P
    dialog = window.section("documents").dialog
    dialog.start.setDate(QDate(2026, 1, 1))
    dialog.end.setDate(QDate(2026, 12, 31))
    return dialog


def test_the_register_opens_in_the_reader_with_its_folder(qtbot, window, ui_world, blobs, pdf_factory, tmp_path,
                                                          monkeypatch):
    monkeypatch.setenv("EOFFICE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("EOFFICE_NO_OPEN", "1")
    register(ui_world, blobs, pdf_factory, subject="Về việc chuyển đổi số", arrival_date=date(2026, 3, 3))
    window.open_printed = True
    dialog = open_print_dialog(window)
    assert dialog.register.currentText() == "Sổ đăng ký văn bản đến"  # viewing incoming documents
    with qtbot.waitSignal(dialog.succeeded):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    reader = dialog.reader
    assert reader is not None and reader.isVisible() and reader.loaded
    assert reader.notice.isVisible() and str(dialog.output) in reader.notice_label.text()
    assert reader.folder_button.text() == "Mở thư mục"
    assert dialog.output.parent == tmp_path / "data" / "registers"
    reader.search.insert("chuyển đổi số")
    qtbot.waitUntil(lambda: reader.result_count() >= 1)
    reader.close()


def test_printing_straight_to_a_printer(qtbot, window, ui_world, blobs, pdf_factory, tmp_path, monkeypatch):
    monkeypatch.setenv("EOFFICE_DATA_DIR", str(tmp_path / "data"))
    register(ui_world, blobs, pdf_factory, subject="Về việc chuyển đổi số", arrival_date=date(2026, 3, 3))
    window.open_printed = False
    dialog = open_print_dialog(window)
    with qtbot.waitSignal(dialog.succeeded):
        qtbot.mouseClick(dialog.print_button, Qt.LeftButton)
    reader = dialog.reader
    printing = reader.print_dialog
    assert printing is not None and printing.isVisible()
    out = tmp_path / "so-den.pdf"
    printing.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printing.printer().setOutputFileName(str(out))
    printing.done(printing.DialogCode.Accepted)
    qtbot.waitUntil(lambda: out.exists())
    printed = QPdfDocument()
    assert printed.load(str(out)) == QPdfDocument.Error.None_ and printed.pageCount() >= 1
    printed.close()
    reader.close()


def test_the_outgoing_box_proposes_the_outgoing_register_and_secret_ones_are_offered_to_whom_they_concern(
    qtbot, window, ui_world
):
    window.open_printed = False
    section = window.section("documents")
    section.box_actions[1].trigger()  # Ctrl+2: outgoing documents
    dialog = open_print_dialog(window)
    assert dialog.register.currentText() == "Sổ đăng ký văn bản đi"
    names = [dialog.register.itemText(i) for i in range(dialog.register.count())]
    assert "Sổ đăng ký văn bản đi mật" in names and "Sổ đăng ký văn bản đến mật" in names  # a clerk's
    dialog.reject()
    switch_user(qtbot, window, ui_world.leader_id)
    window.section("documents").box_actions[0].trigger()  # Ctrl+1: incoming documents
    dialog = open_print_dialog(window)
    assert dialog.register.currentText() == "Sổ đăng ký văn bản đến"
    assert dialog.register.findText("Sổ đăng ký văn bản đến mật") >= 0  # a leader receives secret documents
    dialog.reject()
    switch_user(qtbot, window, ui_world.officer_id)
    assert not window.section("documents").act_print.isEnabled()  # registers are the clerks' and leaders'
