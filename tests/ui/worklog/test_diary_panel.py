"""The Diary section driven as people use it: keys, clicks, the leader's review, a report."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from eoffice.documents.directions import LineSpec, complete_line, direct, lines_of, start_line
from eoffice.documents.types import LineRole
from eoffice.worklog.models import WorklogEntry
from tests.documents.workflow_helpers import register
from tests.ui.helpers import switch_user, type_text


def _open_diary(qtbot, window):  # type: ignore[no-untyped-def]
    panel = window.section("diary").panel
    QTest.keySequence(window, QKeySequence("Ctrl+J"))
    _settled(qtbot, panel, lambda: panel.data is not None and panel.data.user_id == window.user_id)
    assert window.section("diary").visible and window.sidebar.currentItem().text() == "Nhật ký công việc"
    return panel


def _settled(qtbot, panel, condition=lambda: True) -> None:  # type: ignore[no-untyped-def]
    """Wait until the worker is idle, the last refresh is on screen and ``condition`` holds."""
    qtbot.waitUntil(lambda: panel.worker.idle and not panel.busy and condition(), timeout=15_000)


def _quick(qtbot, panel, text: str) -> None:  # type: ignore[no-untyped-def]
    panel.quick.clear()
    type_text(panel.quick, text)
    before = len(panel.entries.all)
    QTest.keyClick(panel.quick, Qt.Key_Return)
    _settled(qtbot, panel, lambda: len(panel.entries.all) == before + 1)


def test_an_officer_writes_the_day_from_the_keyboard_and_accepts_what_eoffice_proposes(
    qtbot, window, ui_world, blobs, pdf_factory
):
    w = ui_world
    doc = register(w, blobs, pdf_factory, subject="Về việc kiểm tra công tác văn thư", arrival_date=date.today())
    with w.store.write() as s:
        direct(s, w.leader_id, doc, "Giao chuyên viên Anh.", [LineSpec(LineRole.LEAD, user_id=w.officer_id)])
        line = lines_of(s, doc)[0]
        start_line(s, w.officer_id, line.id)
        complete_line(s, w.officer_id, line.id, "Đã báo cáo lãnh đạo")
    switch_user(qtbot, window, w.officer_id)
    panel = _open_diary(qtbot, window)

    type_text(panel.quick, "8h30-10h họp giao ban")
    assert "08:30–10:00" in panel.preview.text() and "Họp, hội nghị" in panel.preview.text()
    QTest.keyClick(panel.quick, Qt.Key_Return)
    _settled(qtbot, panel, lambda: panel.quick.text() == "" and len(panel.entries.rows) == 1)
    assert [(e.text, e.minutes, e.category) for e in panel.entries.rows] == [("Họp giao ban", 90, "meeting")]

    _quick(qtbot, panel, "9h30-11h tiếp công dân")  # overlaps the meeting
    assert panel.warnings.isVisible()
    assert "“Họp giao ban” (08:30–10:00) và “Tiếp công dân” (09:30–11:00) bị trùng nhau" in panel.warnings.text()

    panel.quick.clear()
    type_text(panel.quick, "họp chi bộ")  # no time: refused, nothing saved
    QTest.keyClick(panel.quick, Qt.Key_Return)
    _settled(qtbot, panel)
    assert panel.banner.isVisible() and "Hãy ghi thời gian" in panel.banner.text()
    assert len(panel.entries.rows) == 2

    # the drafted entry from this morning's work waits; nothing was added by itself
    assert panel.tabs.tabText(0) == "Việc gợi ý (1)"
    [draft] = panel.drafts.rows
    assert draft.text.startswith("Hoàn thành xử lý văn bản") and draft.result == "Đã báo cáo lãnh đạo"
    panel.draft_table.selectRow(0)
    qtbot.mouseClick(panel.accept_button, Qt.LeftButton)
    _settled(qtbot, panel, lambda: panel.drafts.rows == []) and panel.tabs.tabText(0) == "Việc gợi ý (0)"
    accepted = [e for e in panel.entries.rows if e.source_key]
    assert accepted and accepted[0].document_id == doc and accepted[0].category == "document"

    # the day view shows the selected day only; the week total adds the day up
    panel.mode.setCurrentIndex(panel.mode.findData("day"))
    assert {e.day for e in panel.entries.rows} == {date.today()}
    assert panel.week_total.text() == "Cả tuần: 3 giờ 45 phút"

    # editing an entry through its dialog
    panel.table.selectRow(panel.entries.find_row(next(e.id for e in panel.entries.rows if e.text == "Tiếp công dân")))
    qtbot.mouseClick(panel.edit_button, Qt.LeftButton)
    dialog = panel.dialog
    dialog.start.setTime(dialog.start.time().fromString("10:00", "HH:mm"))
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    _settled(qtbot, panel, lambda: not panel.warnings.isVisible())  # 10:00–11:00 no longer overlaps
    with w.store.read() as s:
        assert s.query(WorklogEntry).filter_by(text="Tiếp công dân").one().start_minute == 600


def test_the_leader_reviews_approves_and_the_officer_finds_the_week_locked(qtbot, window, ui_world):
    w = ui_world
    switch_user(qtbot, window, w.officer_id)
    panel = _open_diary(qtbot, window)
    _quick(qtbot, panel, "2 tiếng soạn báo cáo tháng")
    assert not panel.approve_button.isVisible()  # nobody approves their own week

    switch_user(qtbot, window, w.leader_id)
    _settled(qtbot, panel, lambda: panel.data is not None and panel.data.user_id == w.leader_id)
    assert panel.tabs.isTabVisible(panel.unit_tab)
    row = next(i for i, p in enumerate(panel.people.rows) if p.user_id == w.officer_id)
    assert panel.people.data(panel.people.index(row, 2)) == "2 giờ"
    panel.people_table.doubleClicked.emit(panel.people.index(row, 0))
    _settled(qtbot, panel, lambda: panel.data.view.owner_id == w.officer_id)
    assert panel.owner_id == w.officer_id and panel.approve_button.isEnabled()
    assert not panel.quick.isEnabled()  # a leader reads, does not write, someone's diary

    qtbot.mouseClick(panel.comment_button, Qt.LeftButton)
    type_text(panel.dialog.text, "Đề nghị ghi rõ kết quả.")
    qtbot.mouseClick(panel.dialog.ok_button, Qt.LeftButton)
    _settled(qtbot, panel, lambda: panel.comments.count() == 1)
    assert panel.comments.item(0).text() == "Nguyễn Văn Đức: Đề nghị ghi rõ kết quả."

    qtbot.mouseClick(panel.approve_button, Qt.LeftButton)
    _settled(qtbot, panel, lambda: panel.data.view.state == "approved")
    assert panel.state_label.text() == "Đã được Nguyễn Văn Đức duyệt — đã khóa"
    assert panel.reopen_button.isEnabled() and not panel.approve_button.isEnabled()

    switch_user(qtbot, window, w.officer_id)
    _settled(qtbot, panel, lambda: panel.data is not None and panel.data.user_id == w.officer_id)
    assert not panel.quick.isEnabled() and "đã khóa" in panel.state_label.text()
    assert panel.tabs.tabText(1) == "Ý kiến (1)"

    switch_user(qtbot, window, w.leader_id)
    _settled(qtbot, panel, lambda: panel.data is not None and panel.data.user_id == w.leader_id)
    panel.show_person(w.officer_id)
    _settled(qtbot, panel, lambda: panel.data.view.owner_id == w.officer_id)
    qtbot.mouseClick(panel.reopen_button, Qt.LeftButton)
    qtbot.mouseClick(panel.dialog.ok_button, Qt.LeftButton)
    assert panel.dialog.error_text == "Không được để trống nội dung này."  # a reason is required
    type_text(panel.dialog.text, "Bổ sung công việc ngày thứ Sáu")
    qtbot.mouseClick(panel.dialog.ok_button, Qt.LeftButton)
    _settled(qtbot, panel, lambda: panel.data.view.state == "open")
    assert panel.state_label.text() == "Đã mở lại: Bổ sung công việc ngày thứ Sáu"


def test_a_report_is_written_from_the_dialog(qtbot, window, ui_world, tmp_path):
    from docx import Document

    w = ui_world
    switch_user(qtbot, window, w.officer_id)
    panel = _open_diary(qtbot, window)
    _quick(qtbot, panel, "8h-11h30 thẩm định hồ sơ")
    panel.open_reports = False
    qtbot.mouseClick(panel.report_button, Qt.LeftButton)
    dialog = panel.dialog
    dialog.format.setCurrentIndex(dialog.format.findData("docx"))
    dialog.path.setText(str(tmp_path / "bao-cao.docx"))
    with qtbot.waitSignal(dialog.succeeded, timeout=20_000):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert panel.banner.text() == f"Đã ghi báo cáo: {tmp_path / 'bao-cao.docx'}"
    texts = [p.text for p in Document(str(tmp_path / "bao-cao.docx")).paragraphs]
    assert "Tổng cộng: 3 giờ 30 phút (1 việc)" in texts


def test_a_version_edited_on_another_computer_is_chosen_in_the_panel(qtbot, window, ui_world):
    from eoffice import ops
    from eoffice.store.base import new_id
    from eoffice.worklog import operations as wops

    w = ui_world
    today = date.today().isoformat()
    entry = wops.AddEntry(op_id=new_id(), entry_id=new_id(), day=today, text="Soạn báo cáo", minutes=60)
    edits = [
        wops.UpdateEntry(op_id=new_id(), entry_id=entry.entry_id, base_revision=entry.op_id, day=today,
                         text=text, minutes=minutes)
        for text, minutes in (("Soạn báo cáo quý", 90), ("Soạn báo cáo năm", 120))
    ]
    with w.store.write() as s:
        for op in (entry, *edits):  # as the server applied them, the second one late
            ops.apply(s, w.officer_id, op, authority=True)
    switch_user(qtbot, window, w.officer_id)
    panel = _open_diary(qtbot, window)
    assert "1 mục đang chờ bạn chọn" in panel.warnings.text()
    assert panel.week_total.text() == "Cả tuần: 1 giờ 30 phút"  # only the original counts
    row = next(i for i, e in enumerate(panel.entries.rows) if e.conflict)
    panel.table.selectRow(row)
    assert panel.keep_this.isVisible() and panel.keep_other.text() == "Giữ bản kia"
    qtbot.mouseClick(panel.keep_this, Qt.LeftButton)
    _settled(qtbot, panel, lambda: not panel.data.view.conflicts)
    assert [(e.id, e.text, e.conflict) for e in panel.entries.rows] == [(entry.entry_id, "Soạn báo cáo năm", "")]
    assert not panel.warnings.isVisible() and panel.week_total.text() == "Cả tuần: 2 giờ"
