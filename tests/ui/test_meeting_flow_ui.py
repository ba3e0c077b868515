"""From calling a meeting to a delegate reading its document, through the real widgets on
a real SQLite standalone desk: the meeting's editor (Ctrl+Shift+M), the participants'
picker, the agenda and a PDF, scheduling, the delegate's answer, the reader, the read
receipt in the organiser's who-has-read tab. Plus the editor's refusals and warnings,
the reason a postponement needs, and the live events' texts."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import func, select

from eoffice.meetings.values import VIETNAM
from eoffice.meetings.models import Meeting, Participant, ReadReceipt
from eoffice.meetings.rules import defaults_for
from tests.conftest import World
from tests.meetings import view_factories as f
from tests.ui.helpers import switch_user


def _day(days: int = 2, hour: int = 8) -> datetime:
    return datetime.combine(date.today() + timedelta(days=days), time(hour, 0), VIETNAM)


def _set_time(edit, value: datetime) -> None:  # type: ignore[no-untyped-def]
    edit.setDateTime(QDateTime(value.replace(tzinfo=None)))


def _open_new(qtbot, window, *, keys: bool = False):  # type: ignore[no-untyped-def]
    meetings = window.section("meetings")
    with qtbot.waitSignal(meetings.calendar.loaded):
        meetings.act_open.trigger()
    assert meetings.act_new.shortcut().toString() == "Ctrl+Shift+M"
    if keys:  # the real key press, as a user calls a meeting
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(meetings.calendar.table, Qt.Key.Key_M,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    else:
        meetings.calendar.new_button.click()
    qtbot.waitUntil(lambda: meetings.editor.dialog is not None and meetings.editor.dialog.isVisible())
    return meetings, meetings.editor.dialog


def _ok(dialog):  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_from_a_new_meeting_to_a_delegate_reading(  # type: ignore[no-untyped-def]
    qtbot, ui_world: World, window, pdf_factory
) -> None:
    w = ui_world
    meetings, dialog = _open_new(qtbot, window, keys=True)
    dialog.title.setText("Họp giao ban tháng 12")
    dialog.kind.setCurrentIndex(dialog.kind.findData("briefing"))
    assert dialog.kind.currentText() == "Họp giao ban"
    _set_time(dialog.starts, _day(3, 8))
    _set_time(dialog.ends, _day(3, 11))

    # A new room from the dialog (CreateRoom), chosen at once.
    dialog.add_room_button.click()
    qtbot.waitUntil(lambda: meetings.editor.room_dialog is not None and meetings.editor.room_dialog.isVisible())
    meetings.editor.room_dialog.name.setText("Phòng họp tầng 3")
    meetings.editor.room_dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.room.currentText() == "Phòng họp tầng 3")
    dialog.chair.setCurrentIndex(dialog.chair.findData(w.leader_id))
    dialog.secretary.setCurrentIndex(dialog.secretary.findData(w.clerk_id))
    with qtbot.waitSignal(meetings.page.loaded, timeout=10_000):
        dialog.buttons.accepted.emit()
    page = meetings.page
    assert page.data.view.title == "Họp giao ban tháng 12" and page.data.view.state == "draft"
    assert page.data.view.place == "Phòng họp tầng 3" and page.data.view.chair_name == "Nguyễn Văn Đức"
    meeting_id = page.meeting_id

    # Participants: the picker searches the province's people; the officer as a member.
    page.tabs.setCurrentIndex(1)
    page.participants.act_add.trigger()
    qtbot.waitUntil(lambda: page.participants.dialog is not None and page.participants.dialog.isVisible())
    picker = page.participants.dialog
    picker.query.setText("lê minh")
    assert picker.proxy.rowCount() == 1
    picker.select([w.officer_id])
    assert picker.chosen.text() == "Đã chọn 1 người" and picker.votes.isChecked()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        picker.buttons.accepted.emit()
    assert {p.user_id for p in page.data.view.participants} == {w.leader_id, w.clerk_id, w.officer_id}
    assert page.answers.text().endswith("0 sẽ dự, 0 vắng, 0 cử người thay, 3 chưa trả lời")

    # The agenda: an item and its PDF (the agenda editor's actions).
    page.tabs.setCurrentIndex(0)
    page.editor.act_add.trigger()
    qtbot.waitUntil(lambda: page.editor.dialog is not None and page.editor.dialog.isVisible())
    page.editor.dialog.title.setText("Kết quả công tác tháng 11")
    with qtbot.waitSignal(page.loaded):
        page.editor.dialog.buttons.accepted.emit()
    item = page.data.view.items()[0]
    with qtbot.waitSignal(page.loaded):
        page.documents.add_files(item.id, [pdf_factory("Báo cáo kết quả công tác tháng 11", name="bao-cao.pdf")])
    qtbot.waitUntil(lambda: bool(page.data.view.items()[0].documents))
    doc = page.data.view.items()[0].documents[0]

    # Scheduling (a standalone desk has the authority).
    assert page.participants.act_schedule.isVisible() and not page.participants.act_start.isVisible()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.participants.act_schedule.trigger()
    assert page.data.view.state == "scheduled" and page.participants.act_start.isVisible()

    # The delegate answers and reads.
    switch_user(qtbot, window, w.officer_id)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        meetings.open_meeting(meeting_id)
    assert page.answer_button.isVisible() and not page.edit_button.isVisible()
    assert not page.people_toolbar.isVisibleTo(page)
    page.answer_button.click()
    qtbot.waitUntil(lambda: page.participants.dialog is not None and page.participants.dialog.isVisible())
    answer = page.participants.dialog
    assert answer.attend.isChecked()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        answer.buttons.accepted.emit()
    assert page.data.view.me.answer == "attend"
    page.tree.setCurrentIndex(page.agenda.find(doc.id))
    with qtbot.waitSignal(page.document_opened, timeout=10_000):
        page.open_current()
    try:
        def receipt() -> bool:
            with w.store.read() as s:
                return s.scalar(select(func.count()).select_from(ReadReceipt).where(
                    ReadReceipt.user_id == w.officer_id, ReadReceipt.meeting_document_id == doc.id)) == 1

        qtbot.waitUntil(receipt, timeout=10_000)
    finally:
        page.reader.close()

    # The organiser sees the answer and who has read.
    switch_user(qtbot, window, w.clerk_id)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        meetings.open_meeting(meeting_id)
    assert page.answers.text().endswith("1 sẽ dự, 0 vắng, 0 cử người thay, 2 chưa trả lời")
    assert page.tabs.isTabVisible(page.reading_tab)
    page.tabs.setCurrentIndex(page.reading_tab)
    row = next(r for r in page.data.readers if r.document_id == doc.id)
    assert row.read_count == 1
    page.reading_table.selectRow(page.data.readers.index(row))
    names = {page.readers.data(page.readers.index(r, 0)): page.readers.data(page.readers.index(r, 3))
             for r in range(page.readers.rowCount())}
    assert names["Lê Minh Anh"] != "Chưa xem" and names["Nguyễn Văn Đức"] == "Chưa xem"


def test_end_before_start_is_refused_at_once(qtbot, ui_world: World, window) -> None:  # type: ignore[no-untyped-def]
    _meetings, dialog = _open_new(qtbot, window)
    dialog.title.setText("Họp cơ quan")
    _set_time(dialog.starts, _day(2, 14))
    _set_time(dialog.ends, _day(2, 9))
    assert dialog.error.isVisibleTo(dialog)
    assert dialog.error.text() == "Thời gian kết thúc phải sau thời gian bắt đầu."
    assert not _ok(dialog).isEnabled()
    dialog.buttons.accepted.emit()  # even forced, the dialog's own check keeps it
    _ok(dialog).click()
    qtbot.wait(50)
    with ui_world.store.read() as s:
        assert s.scalar(select(func.count()).select_from(Meeting)) == 0
    _set_time(dialog.ends, _day(2, 16))
    assert not dialog.error.isVisibleTo(dialog) and _ok(dialog).isEnabled()
    dialog.reject()


def test_conflicts_are_warned_not_refused(qtbot, ui_world: World, window) -> None:  # type: ignore[no-untyped-def]
    w = ui_world
    with w.store.write() as s:
        room = f.room(s, w.org_id, "Phòng họp số 1")
        other = f.meeting(s, w.org_id, w.clerk_id, title="Hội nghị triển khai nhiệm vụ", starts_at=_day(2, 8),
                          hours=3, state="scheduled", room_id=room.id)
        f.first_sitting(s, other.id).room_id = room.id
        f.participant(s, other.id, w.leader_id)
        room_id = room.id
    meetings, dialog = _open_new(qtbot, window)
    dialog.title.setText("Họp giao ban")
    _set_time(dialog.starts, _day(2, 9))
    _set_time(dialog.ends, _day(2, 10))
    dialog.room.setCurrentIndex(dialog.room.findData(room_id))
    dialog.chair.setCurrentIndex(dialog.chair.findData(w.leader_id))
    qtbot.waitUntil(lambda: dialog.warnings.isVisibleTo(dialog), timeout=5000)
    text = dialog.warnings.text()
    assert "Phòng họp số 1 đã có cuộc họp “Hội nghị triển khai nhiệm vụ” cùng giờ" in text
    assert "Nguyễn Văn Đức đã có lịch họp “Hội nghị triển khai nhiệm vụ” cùng giờ" in text
    assert _ok(dialog).isEnabled()
    with qtbot.waitSignal(meetings.page.loaded, timeout=10_000):
        dialog.buttons.accepted.emit()
    with w.store.read() as s:
        assert s.scalar(select(func.count()).select_from(Meeting).where(Meeting.room_id == room_id)) == 2


def test_postponing_needs_a_reason(qtbot, ui_world: World, window) -> None:  # type: ignore[no-untyped-def]
    w = ui_world
    with w.store.write() as s:
        m = f.meeting(s, w.org_id, w.clerk_id, title="Phiên họp UBND tỉnh", starts_at=_day(4, 8),
                      chair_id=w.leader_id, secretary_id=w.clerk_id, state="scheduled")
        m.vote_rules = defaults_for(m.kind).to_json()
        f.participant(s, m.id, w.leader_id, "chair")
        f.participant(s, m.id, w.clerk_id, "secretary", votes=False)
        meeting_id = m.id
    meetings = window.section("meetings")
    meetings.act_open.trigger()
    with qtbot.waitSignal(meetings.page.loaded):
        meetings.open_meeting(meeting_id)
    page = meetings.page
    assert page.participants.act_postpone.isVisible() and page.state_button.isVisible()
    page.participants.act_postpone.trigger()
    dialog = page.participants.dialog
    assert dialog.isVisible()
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and dialog.error.text().startswith("Hãy nêu lý do hoãn hoặc hủy cuộc họp")
    with w.store.read() as s:
        assert s.get(Meeting, meeting_id).state == "scheduled"  # type: ignore[union-attr]
    dialog.reason.setPlainText("Trùng lịch làm việc với đoàn công tác của Trung ương")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        dialog.buttons.accepted.emit()
    assert page.data.view.state == "postponed"
    assert page.notice.isVisibleTo(page)
    assert "Trùng lịch làm việc với đoàn công tác của Trung ương" in page.notice.text()
    # The calendar marks it.
    with qtbot.waitSignal(meetings.calendar.loaded, timeout=10_000):
        meetings.show_calendar()
    cell = meetings.calendar.month.index_of(_day(4).date())
    assert "[Hoãn] Phiên họp UBND tỉnh" in meetings.calendar.month.data(cell)


def test_an_absence_needs_its_reason_and_organiser_records_by_phone(  # type: ignore[no-untyped-def]
    qtbot, ui_world: World, window
) -> None:
    w = ui_world
    with w.store.write() as s:
        m = f.meeting(s, w.org_id, w.clerk_id, title="Họp cơ quan", starts_at=_day(5, 8), secretary_id=w.clerk_id,
                      state="scheduled", kind="agency")
        f.participant(s, m.id, w.clerk_id, "secretary", votes=False)
        p = f.participant(s, m.id, w.officer2_id)
        meeting_id, participant_id = m.id, p.id
    meetings = window.section("meetings")
    meetings.act_open.trigger()
    with qtbot.waitSignal(meetings.page.loaded):
        meetings.open_meeting(meeting_id)
    page = meetings.page
    page.tabs.setCurrentIndex(1)
    row = next(n for n, p in enumerate(page.people.rows) if p.id == participant_id)
    page.people_table.selectRow(row)
    page.participants.act_record.trigger()
    qtbot.waitUntil(lambda: page.participants.dialog is not None and page.participants.dialog.isVisible())
    dialog = page.participants.dialog
    assert dialog.windowTitle() == "Ghi câu trả lời của Phạm Quốc Huy"
    dialog.absent.setChecked(True)
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and dialog.error.text() == "Hãy nêu lý do vắng mặt."
    dialog.reason.setPlainText("Đi công tác tại huyện Quỳ Hợp")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        dialog.buttons.accepted.emit()
    with w.store.read() as s:
        row_ = s.get(Participant, participant_id)
        assert (row_.answer, row_.answer_reason) == ("absent", "Đi công tác tại huyện Quỳ Hợp")  # type: ignore[union-attr]
        assert row_.answered_at is not None  # type: ignore[union-attr]
    assert page.answers.text().endswith("0 sẽ dự, 1 vắng, 0 cử người thay, 1 chưa trả lời")


def test_meeting_events_read_properly(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from eoffice.ui.sync.notifications import event_notification

    start = datetime(2026, 12, 12, 8, 0, tzinfo=VIETNAM).isoformat()
    made = event_notification({"kind": "meeting.scheduled", "payload": {"title": "Họp giao ban", "starts_at": start}})
    assert made.text == "Giấy mời họp: Họp giao ban, 08:00 ngày 12/12"
    made = event_notification({"kind": "meeting.postponed",
                               "payload": {"title": "Họp giao ban", "starts_at": start, "reason": "Mưa bão"}})
    assert made.text == "Cuộc họp Họp giao ban đã hoãn: Mưa bão" and made.warning
    made = event_notification({"kind": "meeting.answered", "payload": {
        "title": "Họp giao ban", "full_name": "Lê Minh Anh", "answer": "absent", "reason": "Đi công tác"}})
    assert made.text == "Lê Minh Anh trả lời: vắng — Đi công tác (Họp giao ban)"
    secret = event_notification({"kind": "meeting.cancelled", "payload": {"title": "", "secret": True,
                                                                         "reason": "Thay đổi kế hoạch"}})
    assert secret.text == "Cuộc họp (cuộc họp mật) đã hủy: Thay đổi kế hoạch"


def test_a_desk_without_the_servers_authority_says_it_needs_the_server(  # type: ignore[no-untyped-def]
    qtbot, ui_world: World, window
) -> None:
    """A client of a server checks the change at once but leaves the state to the server:
    the desk says so with the domain's words."""
    from eoffice.meetings.meeting_ops import NEEDS_SERVER
    from eoffice.sync.desk import SyncedDesk

    w = ui_world
    with w.store.write() as s:
        m = f.meeting(s, w.org_id, w.clerk_id, title="Họp cơ quan tháng 12", starts_at=_day(6, 8),
                      secretary_id=w.clerk_id, state="scheduled", kind="agency")
        f.participant(s, m.id, w.clerk_id, "secretary", votes=False)
        meeting_id = m.id
    meetings = window.section("meetings")
    meetings.act_open.trigger()
    with qtbot.waitSignal(meetings.page.loaded):
        meetings.open_meeting(meeting_id)
    page = meetings.page
    page.worker.desk = SyncedDesk(lambda: None)
    page.participants.ask_reason("cancelled")
    dialog = page.participants.dialog
    dialog.reason.setPlainText("Thay đổi kế hoạch công tác")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: getattr(window, "last_message", "") == NEEDS_SERVER[0])
    with w.store.read() as s:
        assert s.get(Meeting, meeting_id).state == "scheduled"  # type: ignore[union-attr]


def test_a_session_gets_a_second_sitting_and_people_change(  # type: ignore[no-untyped-def]
    qtbot, ui_world: World, window
) -> None:
    from eoffice.meetings.models import Sitting

    w = ui_world
    with w.store.write() as s:
        m = f.meeting(s, w.org_id, w.clerk_id, title="Kỳ họp thứ 12 HĐND tỉnh", starts_at=_day(7, 8),
                      secretary_id=w.clerk_id, state="draft", kind="hdnd_session")
        f.participant(s, m.id, w.clerk_id, "secretary", votes=False)
        guest = f.participant(s, m.id, w.officer2_id)
        meeting_id, guest_id = m.id, guest.id
    meetings = window.section("meetings")
    meetings.act_open.trigger()
    with qtbot.waitSignal(meetings.page.loaded):
        meetings.open_meeting(meeting_id)
    page = meetings.page
    page.edit_button.click()
    editor = page.meeting_editor
    qtbot.waitUntil(lambda: editor.dialog is not None and editor.dialog.isVisible())
    assert editor.dialog.sittings_box.isVisible() and editor.dialog.sittings.count() == 1
    editor.dialog.add_sitting_button.click()
    sitting = editor.sitting_dialog
    assert sitting is not None and sitting.isVisible()
    sitting.title.setText("Phiên bế mạc")
    _set_time(sitting.starts, _day(8, 8))
    _set_time(sitting.ends, _day(8, 7))
    assert sitting.error.text() == "Thời gian kết thúc phải sau thời gian bắt đầu."
    _set_time(sitting.ends, _day(8, 11))
    sitting.buttons.accepted.emit()
    qtbot.waitUntil(lambda: editor.dialog.sittings.count() == 2)
    assert "Phiên bế mạc" in editor.dialog.sittings.item(1).text()
    assert not editor.dialog.starts.isEnabled()  # the span is the sittings'
    editor.dialog.reject()
    with w.store.read() as s:
        assert s.scalar(select(func.count()).select_from(Sitting).where(
            Sitting.meeting_id == meeting_id, Sitting.deleted.is_(False))) == 2

    # A member becomes a guest (who never votes), then is removed after the question.
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: any(p.id == guest_id for p in page.people.rows))
    page.people_table.selectRow(next(n for n, p in enumerate(page.people.rows) if p.id == guest_id))
    page.participants.act_role.trigger()
    role = page.participants.dialog
    role.role.setCurrentIndex(role.role.findData("guest"))
    assert not role.votes.isEnabled() and not role.votes.isChecked()
    role.buttons.accepted.emit()

    def role_of_guest() -> tuple[str, bool] | None:
        with w.store.read() as s:
            row = s.get(Participant, guest_id)
            return None if row is None else (row.role, row.votes)

    # The page may still be reloading after the sitting: wait for what the change wrote,
    # then for the page to show it, not for the next "loaded" (it may be the earlier one's).
    qtbot.waitUntil(lambda: role_of_guest() == ("guest", False))
    qtbot.waitUntil(lambda: any(p.id == guest_id and p.role == "guest" for p in page.people.rows))
    page.people_table.selectRow(next(n for n, p in enumerate(page.people.rows) if p.id == guest_id))
    page.participants.act_remove.trigger()
    next(b for b in window.confirm_box.buttons() if b.text() == "Xóa").click()
    qtbot.waitUntil(lambda: guest_id not in {p.id for p in page.data.view.participants})
