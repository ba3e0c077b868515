"""Tasks from a meeting through the real widgets on a real SQLite desk: the secretary
assigns a task from the meeting page's "Nhiệm vụ" tab (Ctrl+Shift+G), with a deadline in
working days; the officer finds it under "Việc được giao từ cuộc họp" with its count,
completes it with a result and a reply document; the meeting shows it done."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import Qt
from sqlalchemy import select

from eoffice.directory.models import User
from eoffice.documents.boxes import Box, box_page
from eoffice.documents.operations import CreateDraft
from eoffice.documents.workdays import add_working_days
from eoffice.meetings.task_models import MeetingTask
from eoffice.meetings.values import VIETNAM
from eoffice.ops import registry
from eoffice.store.base import new_id
from eoffice.ui.meetings.tasks import AssignDialog, CompleteDialog
from tests.conftest import World
from tests.meetings import view_factories as f

WHAT = "Tham mưu kế hoạch sắp xếp trụ sở làm việc"
REPLY = "Báo cáo phương án sắp xếp trụ sở"


def _seed(w: World) -> tuple[str, str]:
    start = datetime.combine(date.today() + timedelta(days=1), time(8, 0), VIETNAM)
    reply_id = new_id()
    with w.store.write() as s:
        m = f.meeting(s, w.org_id, w.clerk_id, starts_at=start, chair_id=w.leader_id, secretary_id=w.clerk_id)
        sitting = f.first_sitting(s, m.id)
        f.participant(s, m.id, w.leader_id, "chair")
        f.participant(s, m.id, w.officer_id)
        f.item(s, m.id, sitting.id, "Phương án sắp xếp trụ sở")
        registry.apply(s, w.officer_id, CreateDraft(new_id(), reply_id, {"type_name": "Công văn", "subject": REPLY}),
                       authority=True)
        return m.id, reply_id


def test_assigned_from_the_meeting_page_and_completed_by_the_assignee(  # type: ignore[no-untyped-def]
    qtbot, ui_world, blobs
):
    from eoffice.ui.app import create_main_window

    w = ui_world
    meeting_id, reply_id = _seed(w)
    demo = [(w.clerk_id, "Trần Thị Thu — văn thư"), (w.officer_id, "Lê Minh Anh — chuyên viên")]
    win = create_main_window(w.store, blobs, w.clerk_id, demo)
    qtbot.addWidget(win)
    win.show()
    try:
        meetings = win.section("meetings")
        panel = meetings.page.tasks
        with qtbot.waitSignal(panel.loaded, timeout=10_000):
            meetings.open_meeting(meeting_id)
        meetings.page.tabs.setCurrentWidget(panel)
        assert panel.act_assign.isVisible() and panel.model.rowCount() == 0

        # Ctrl+Shift+G on the meeting page: the dialog, with the item and the deadline's date.
        qtbot.waitUntil(lambda: panel.data is not None and panel.data.choices is not None, timeout=10_000)
        panel.table.setFocus()
        shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        qtbot.keyClick(panel.table, Qt.Key.Key_G, shift_ctrl)
        qtbot.waitUntil(lambda: isinstance(panel.dialog, AssignDialog) and panel.dialog.isVisible(), timeout=10_000)
        dialog = panel.dialog
        assert isinstance(dialog, AssignDialog)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        assert dialog.isVisible() and dialog.error.isVisibleTo(dialog)  # nothing said: not sent
        dialog.what.insertPlainText(WHAT)
        dialog.item.setCurrentIndex(1)
        lead = next(n for n in range(dialog.lead.count()) if dialog.lead.itemData(n).user_id == w.officer_id)
        dialog.lead.setCurrentIndex(lead)
        finance = next(n for n in range(dialog.coordinators.count())
                       if dialog.coordinators.item(n).data(Qt.ItemDataRole.UserRole).unit_id == w.finance_unit_id)
        dialog.coordinators.item(finance).setCheckState(Qt.CheckState.Checked)
        dialog.days.setValue(5)
        due = add_working_days(date.today(), 5, set())
        assert f"{due:%d/%m/%Y}" in dialog.due.text()
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10_000)
        row = panel.model.rows[0]
        assert (row.what, row.lead, row.coordinators, row.deadline) == (WHAT, "Lê Minh Anh", "Phòng Tài chính", due)
        assert "0/1" in panel.progress.text()
        assert not panel.handling.act_complete.isEnabled()  # the secretary does not hold it

        # The officer: the count in the sidebar, the list, "Hoàn thành…" with the reply.
        win.switch_user(w.officer_id)
        qtbot.waitUntil(lambda: meetings.tasks_item.text().endswith("(1)"), timeout=10_000)

        # Followed up like a direction line: in the documents' "Chờ tôi xử lý", counted
        # with its documents and listed above them; Enter opens it among the meetings' tasks.
        documents = win.section("documents")
        with w.store.read() as s:
            officer = s.get(User, w.officer_id)
            only_documents = len(box_page(s, Box.WAITING_FOR_ME, officer, date.today()))
        qtbot.waitUntil(lambda: documents.counts.get(Box.WAITING_FOR_ME) == only_documents + 1, timeout=10_000)
        documents.show_box(Box.WAITING_FOR_ME)
        strip = documents.followup
        qtbot.waitUntil(lambda: strip.isVisibleTo(win) and strip.model.rowCount() == 1, timeout=10_000)
        assert strip.model.rows[0].what == WHAT and meetings.tasks_title in strip.heading.text()
        documents.show_box(Box.OUTGOING)
        qtbot.waitUntil(lambda: not strip.isVisibleTo(win), timeout=10_000)
        documents.show_box(Box.WAITING_FOR_ME)
        qtbot.waitUntil(lambda: strip.model.rowCount() == 1, timeout=10_000)
        strip.table.setFocus()
        strip.table.selectRow(0)
        with qtbot.waitSignal(meetings.tasks.loaded, timeout=10_000):
            qtbot.keyClick(strip.table, Qt.Key.Key_Return)
        assert meetings.stack.currentWidget() is meetings.tasks
        current = meetings.tasks.current()
        assert current is not None and current.what == WHAT
        view = meetings.tasks
        with qtbot.waitSignal(view.loaded, timeout=10_000):
            meetings.show_tasks()
        assert [r.what for r in view.model.rows] == [WHAT] and view.model.rows[0].held
        assert "1" in view.counts.text()
        view.table.selectRow(0)
        view.handling.act_complete.trigger()
        qtbot.waitUntil(lambda: isinstance(view.handling.dialog, CompleteDialog), timeout=10_000)
        done = view.handling.dialog
        assert isinstance(done, CompleteDialog)
        done.note.insertPlainText("Đã trình phương án")
        done.reply.setCurrentIndex(done.reply.findData(reply_id))
        assert REPLY in done.reply.currentText()
        done.buttons.button(done.buttons.StandardButton.Ok).click()

        def completed() -> bool:
            with w.store.read() as s:
                task = s.scalars(select(MeetingTask)).one()
                return (task.state, task.result_note, task.reply_document_id) == ("done", "Đã trình phương án",
                                                                                    reply_id)

        qtbot.waitUntil(completed, timeout=10_000)
        qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=10_000)  # no longer waiting for me
        qtbot.waitUntil(lambda: meetings.tasks_item.text() == meetings.tasks_title, timeout=10_000)
        qtbot.waitUntil(lambda: documents.counts.get(Box.WAITING_FOR_ME) == only_documents, timeout=10_000)
        qtbot.waitUntil(lambda: strip.model.rowCount() == 0, timeout=10_000)

        # Back on the meeting page: done 1/1.
        with qtbot.waitSignal(panel.loaded, timeout=10_000):
            meetings.open_meeting(meeting_id)
        qtbot.waitUntil(lambda: "1/1" in panel.progress.text(), timeout=10_000)
        assert panel.model.rows[0].state == "done"
    finally:
        win.close()
