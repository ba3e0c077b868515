"""Bad input in the register dialog: a clear Vietnamese message, the field outlined, nothing saved."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from sqlalchemy import func, select

from eoffice.documents.models import Document
from eoffice.ui.documents.forms import ERROR_STYLE
from tests.ui.helpers import drop_files, type_text


def documents_in(store) -> int:  # type: ignore[no-untyped-def]
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(Document))


def fill_valid(dialog) -> None:  # type: ignore[no-untyped-def]
    type_text(dialog.organ_name, "Sở Nội vụ")
    type_text(dialog.code_number, "07")
    type_text(dialog.code_notation, "SNV-VP")
    type_text(dialog.subject.edit, "Về việc tăng cường kỷ luật hành chính")
    dialog.issued_date.setDate(QDate(2026, 3, 2))
    dialog.arrival_date.setDate(QDate(2026, 3, 3))


def submit_and_wait_for_error(qtbot, dialog) -> str:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.error_text) and dialog.ok_button.isEnabled(), timeout=20_000)
    assert dialog.banner.isVisible() and dialog.banner.text() == dialog.error_text
    assert dialog.isVisible()  # the dialog stays open for a correction
    return dialog.error_text


def test_a_file_that_is_not_a_pdf(qtbot, window, ui_world, tmp_path):
    letter = tmp_path / "cong-van.pdf"
    letter.write_text("Kính gửi: Sở Nội vụ. Đây là thư, không phải PDF.", encoding="utf-8")
    window.section("documents").act_register.trigger()
    dialog = window.section("documents").dialog
    drop_files(dialog, [letter])
    fill_valid(dialog)
    message = submit_and_wait_for_error(qtbot, dialog)
    assert message == "Tệp “cong-van.pdf” không phải là tệp PDF."
    assert dialog.files.list.styleSheet() == ERROR_STYLE
    assert documents_in(ui_world.store) == 0
    assert not any(p.is_file() and not p.name.startswith(".") for p in window.blobs.root.rglob("*"))


def test_arrival_before_issue_outlines_the_arrival_date(qtbot, window, ui_world, pdf_factory):
    window.section("documents").act_register.trigger()
    dialog = window.section("documents").dialog
    drop_files(dialog, [pdf_factory()])
    fill_valid(dialog)
    dialog.arrival_date.setDate(QDate(2026, 3, 1))
    message = submit_and_wait_for_error(qtbot, dialog)
    assert message == "Ngày đến không thể trước ngày ban hành."
    assert dialog.arrival_date.styleSheet() == ERROR_STYLE
    assert documents_in(ui_world.store) == 0


def test_subject_over_500_characters(qtbot, window, ui_world, pdf_factory):
    window.section("documents").act_register.trigger()
    dialog = window.section("documents").dialog
    drop_files(dialog, [pdf_factory()])
    fill_valid(dialog)
    dialog.subject.edit.setPlainText("Về việc " + "chuyển đổi số " * 40)
    assert dialog.subject.counter.text().endswith("/500")
    assert "c62828" in dialog.subject.counter.styleSheet()  # the live counter turns red
    message = submit_and_wait_for_error(qtbot, dialog)
    assert message.startswith("Trích yếu dài") and "500" in message
    assert dialog.subject.edit.styleSheet() == ERROR_STYLE
    assert documents_in(ui_world.store) == 0


def test_no_file_at_all(qtbot, window, ui_world):
    window.section("documents").act_register.trigger()
    dialog = window.section("documents").dialog
    fill_valid(dialog)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert dialog.error_text == "Cần có tệp PDF của văn bản (chọn tệp hoặc kéo thả vào đây)."
    assert documents_in(ui_world.store) == 0


def test_a_duplicate_asks_before_registering_again(qtbot, window, ui_world, pdf_factory):
    pdf = pdf_factory()
    for attempt in range(2):
        window.section("documents").act_register.trigger()
        dialog = window.section("documents").dialog
        drop_files(dialog, [pdf])
        fill_valid(dialog)
        if attempt == 0:
            with qtbot.waitSignal(dialog.succeeded, timeout=20_000):
                qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: getattr(dialog, "duplicate_box", None) is not None, timeout=20_000)
    box = dialog.duplicate_box
    assert "Văn bản có thể đã được vào sổ" in box.text()
    assert documents_in(ui_world.store) == 1
    with qtbot.waitSignal(dialog.succeeded, timeout=20_000):
        qtbot.mouseClick(box.buttons()[0], Qt.LeftButton)  # "Vẫn vào sổ"
    assert documents_in(ui_world.store) == 2


def test_a_duplicate_the_clerk_may_not_see_is_told_without_its_number(qtbot, window, ui_world, blobs, pdf_factory):
    """Another clerk registered the same document as confidential: the warning says only
    that it is registered where this clerk may not read, and whom to ask; they may still
    register it."""
    from datetime import date

    from eoffice.directory.admin import create_user
    from eoffice.directory.models import Role
    from eoffice.documents.fields import DocumentFields
    from eoffice.documents.incoming import prepare_files, register_incoming

    w = ui_world
    with w.store.write() as s:
        other = create_user(s, "vanthu2", "Hoàng Văn Sơn", w.org_id, {Role.CLERK}, w.office_unit_id, "Văn thư").id
        fields = DocumentFields(
            type_name="Công văn", subject="Phương án bảo vệ mục tiêu trọng điểm", organ_name="Sở Nội vụ",
            code_number="07", code_notation="SNV-VP", issued_date=date(2026, 3, 2), secrecy="confidential",
        )
        files = prepare_files([pdf_factory()], blobs)
        hidden = register_incoming(s, other, fields, files, arrival_date=date(2026, 3, 3))
        hidden_id = hidden.id
    window.section("documents").act_register.trigger()
    dialog = window.section("documents").dialog
    drop_files(dialog, [pdf_factory()])
    fill_valid(dialog)  # 07/SNV-VP of Sở Nội vụ, as the confidential one
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: getattr(dialog, "duplicate_box", None) is not None, timeout=20_000)
    box = dialog.duplicate_box
    assert box.text() == (
        "Văn bản cùng số, ký hiệu và cơ quan ban hành (hoặc cùng tệp) đã được vào sổ, trong sổ mà bạn "
        "không được xem; hãy hỏi văn thư đã vào sổ văn bản đó hoặc lãnh đạo cơ quan."
    )
    shown = box.text() + box.informativeText() + box.detailedText()
    assert [word for word in ("07", "01", "mục tiêu", hidden_id) if word in shown] == []
    assert documents_in(ui_world.store) == 1
    with qtbot.waitSignal(dialog.succeeded, timeout=20_000):
        qtbot.mouseClick(box.buttons()[0], Qt.LeftButton)  # "Vẫn vào sổ"
    assert documents_in(ui_world.store) == 2 and dialog.arrival_number == 1
