"""The day of one document, through the real widgets: registered, directed, completed."""

from __future__ import annotations


from PySide6.QtCore import QDate, Qt

from eoffice.documents.boxes import Box
from eoffice.documents.types import LineRole
from eoffice.ui import labels
from tests.ui.helpers import click_row, drop_files, switch_user, type_text


def test_clerk_registers_leader_directs_officer_completes(qtbot, window, ui_world, pdf_factory):
    w = ui_world
    clerk_counts = dict(window.section("documents").counts)
    assert clerk_counts[Box.INCOMING] == 0

    # The clerk registers a dropped PDF through the register dialog (Ctrl+N).
    window.section("documents").act_register.trigger()
    dialog = window.section("documents").dialog
    drop_files(dialog, [pdf_factory(subject="Về việc chuyển đổi số năm 2026")])
    assert dialog.files.paths and dialog.page_amount.value() == 1  # page count read from the PDF
    type_text(dialog.organ_name, "Sở Nội vụ tỉnh Nghệ An")
    type_text(dialog.organ_id, "000.00.12.H41")
    type_text(dialog.code_number, "15")
    type_text(dialog.code_notation, "SNV-VP")
    dialog.issued_date.setDate(QDate.currentDate().addDays(-2))
    type_text(dialog.subject.edit, "Về việc chuyển đổi số năm 2026")
    assert dialog.subject.counter.text() == "30/500"
    type_text(dialog.signer_full_name, "Hoàng Văn Bình")
    with qtbot.waitSignal(dialog.succeeded, timeout=30_000):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
        # The PDF is checked and stored on the worker: the window shows it is busy meanwhile.
        assert window.busy_bar.isVisible() and not dialog.ok_button.isEnabled()
    assert not window.busy_bar.isVisible()
    document_id = dialog.document_id
    assert dialog.arrival_number == 1
    qtbot.waitUntil(lambda: window.section("documents").model.find_row(document_id) >= 0, timeout=10_000)
    qtbot.waitUntil(lambda: window.section("documents").counts.get(Box.INCOMING) == 1, timeout=10_000)

    # The leader directs it (bút phê): the officer leads, within 5 working days.
    switch_user(qtbot, window, w.leader_id)
    assert window.section("documents").model.box is Box.WAITING_FOR_ME
    assert window.section("documents").counts[Box.WAITING_FOR_ME] == 1
    click_row(qtbot, window, document_id)
    assert window.section("documents").act_direct.isEnabled()
    assert not window.section("documents").act_register.isEnabled()  # a leader does not keep the register
    window.section("documents").act_direct.trigger()
    direct = window.section("documents").dialog
    type_text(direct.text, "Giao đồng chí Anh chủ trì, báo cáo trước hạn.")
    direct.lines.select_role(LineRole.LEAD)
    direct.lines.select_assignee("user", w.officer_id)
    qtbot.mouseClick(direct.lines.add_button, Qt.LeftButton)
    assert direct.lines.list.count() == 1
    with qtbot.waitSignal(window.changed, timeout=30_000):
        qtbot.mouseClick(direct.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.section("documents").counts.get(Box.WAITING_FOR_ME) == 0, timeout=10_000)

    # The officer finds it waiting and completes the line (Ctrl+Enter).
    switch_user(qtbot, window, w.officer_id)
    assert window.section("documents").counts[Box.WAITING_FOR_ME] == 1
    click_row(qtbot, window, document_id)
    assert [line.role for line in window.section("documents").current.lines] == ["lead"]
    assert window.section("documents").act_complete_line.isEnabled()
    assert not window.section("documents").act_direct.isEnabled()
    window.section("documents").act_complete_line.trigger()
    complete = window.section("documents").dialog
    type_text(complete.text, "Đã tham mưu kế hoạch chuyển đổi số.")
    with qtbot.waitSignal(window.changed, timeout=30_000):
        qtbot.mouseClick(complete.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.section("documents").counts.get(Box.WAITING_FOR_ME) == 0, timeout=10_000)
    qtbot.waitUntil(
        lambda: window.section("documents").current is not None
        and window.section("documents").current.state == "done",
        timeout=10_000,
    )

    # In the incoming box the document now shows as done.
    window.section("documents").box_actions[0].trigger()  # Ctrl+1
    qtbot.waitUntil(
        lambda: window.section("documents").model.box is Box.INCOMING and not window.section("documents").model.loading
    )
    row = window.section("documents").model.find_row(document_id)
    assert row >= 0
    assert window.section("documents").model.row_at(row).state == "done"
    state_column = window.section("documents").model.COLUMNS.index("state")
    shown = window.section("documents").model.index(row, state_column).data()
    assert shown == labels.state_label("done") == "Đã hoàn thành"
    assert window.section("documents").detail_pane.field_labels["state"].text().startswith("Đã hoàn thành")
    history = window.section("documents").detail_pane.history_model.items
    assert len(history) >= 4  # registered, opened, directed, completed…


def test_pdfs_dropped_on_the_window_open_the_register_dialog(qtbot, window, pdf_factory):
    pdf = pdf_factory()
    drop_files(window, [pdf])
    dialog = window.section("documents").dialog
    assert dialog.isVisible() and dialog.files.paths == [pdf]
    assert dialog.page_amount.value() == 1


def test_keyboard_shortcuts_switch_boxes_and_focus_search(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    qtbot.keyClick(window.section("documents").table, Qt.Key_3, Qt.ControlModifier)
    assert window.section("documents").model.box is Box.WAITING_FOR_ME
    assert window.sidebar.currentRow() == 2
    qtbot.keyClick(window.section("documents").table, Qt.Key_F, Qt.ControlModifier)
    assert window.section("documents").search_bar.edit.hasFocus()
    qtbot.keyClick(window.section("documents").search_bar.edit, Qt.Key_1, Qt.ControlModifier)
    assert window.section("documents").model.box is Box.INCOMING
    assert window.section("documents").act_register.shortcut().toString() == "Ctrl+N"
    assert window.section("documents").act_direct.shortcut().toString() == "Ctrl+D"
    assert window.section("documents").act_new_draft.shortcut().toString() == "Ctrl+Shift+N"
    assert window.section("documents").act_print.shortcut().toString() == "Ctrl+P"
    assert window.act_refresh.shortcut().toString() == "F5"
    assert "Ctrl+Return" in [k.toString() for k in window.section("documents").act_complete_line.shortcuts()]
