"""Line actions as the officer: a return needs a reason; forwarding passes the line down."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from eoffice.documents.directions import LineSpec, direct, lines_of
from eoffice.documents.types import LineRole
from tests.documents.workflow_helpers import register
from tests.ui.helpers import click_row, switch_user, type_text


def directed_to_officer(w, blobs, pdf_factory) -> str:  # type: ignore[no-untyped-def]
    doc = register(w, blobs, pdf_factory, arrival_date=date.today(), issued_date=date.today())
    with w.store.write() as s:
        direct(s, w.leader_id, doc, "Giao chuyên viên Anh.", [LineSpec(LineRole.LEAD, user_id=w.officer_id)])
    return doc


def test_returning_a_line_needs_a_reason(qtbot, window, ui_world, blobs, pdf_factory):
    w = ui_world
    doc = directed_to_officer(w, blobs, pdf_factory)
    switch_user(qtbot, window, w.officer_id)
    click_row(qtbot, window, doc)
    assert window.section("documents").act_start_line.isEnabled()
    with qtbot.waitSignal(window.changed, timeout=20_000):
        window.section("documents").act_start_line.trigger()
    qtbot.waitUntil(lambda: window.section("documents").current.lines[0].state == "in_progress", timeout=10_000)
    assert not window.section("documents").act_start_line.isEnabled()

    window.section("documents").act_return_line.trigger()
    dialog = window.section("documents").dialog
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert dialog.error_text == "Không được để trống nội dung này."
    assert dialog.isVisible()
    type_text(dialog.text, "Không thuộc thẩm quyền của Văn phòng.")
    with qtbot.waitSignal(window.changed, timeout=20_000):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    with w.store.read() as s:
        (line,) = lines_of(s, doc)
        assert line.state == "returned" and line.return_reason == "Không thuộc thẩm quyền của Văn phòng."
    qtbot.waitUntil(
        lambda: window.section("documents").detail_pane.lines_model.lines[0].state == "returned", timeout=10_000
    )


def test_a_domain_refusal_is_shown_in_vietnamese(qtbot, window, ui_world, blobs, pdf_factory):
    w = ui_world
    doc = directed_to_officer(w, blobs, pdf_factory)
    switch_user(qtbot, window, w.officer_id)
    click_row(qtbot, window, doc)
    with w.store.write() as s:  # meanwhile the leader completes it from another desk
        from eoffice.documents.directions import complete_line

        complete_line(s, w.leader_id, lines_of(s, doc)[0].id, "Lãnh đạo đã xử lý.")
    with qtbot.waitSignal(window.worker.finished, timeout=20_000):
        window.section("documents").act_start_line.trigger()  # the window still shows the line as waiting
    assert window.message_box is not None and window.message_box.windowTitle() == "Không thực hiện được"
    assert "đã hoàn thành" in window.last_message
    qtbot.waitUntil(lambda: window.section("documents").current.lines[0].state == "done", timeout=10_000)
    assert not window.section("documents").act_start_line.isEnabled()


def test_saved_search_round_trip(qtbot, window, ui_world, blobs, pdf_factory):
    bar = window.section("documents").search_bar
    qtbot.keyClicks(bar.edit, "chuyen doi so")
    with qtbot.waitSignal(window.worker.finished, timeout=10_000):
        bar.save_as("Chuyển đổi số")
    bar.clear()
    bar.load_saved()
    names = [a.text() for a in bar.saved_menu.actions()]
    assert "Chuyển đổi số" in names
    next(a for a in bar.saved_menu.actions() if a.text() == "Chuyển đổi số").trigger()
    assert bar.edit.text() == "chuyen doi so"
    qtbot.waitUntil(
        lambda: window.section("documents").model.searching
        and window.section("documents").model.query == "chuyen doi so"
    )
