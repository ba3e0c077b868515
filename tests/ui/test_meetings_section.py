"""The Họp section through the real widgets on a real SQLite store: a delegate opens the
calendar, finds a meeting, opens it, sees the agenda and its documents with their read
state, and reads one in the reader; the secretary sees who has read what."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from eoffice.meetings.values import VIETNAM
from eoffice.meetings.models import ReadReceipt
from eoffice.meetings.operations import RecordRead
from eoffice.meetings.views import DocumentView, ItemView
from eoffice.ops import registry
from tests.conftest import World
from tests.meetings import view_factories as f


def _seed(w: World, blobs, pdf_factory) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Tomorrow at 08:00 (local time), the leader chairs, the clerk is secretary, the officer is a member."""
    digest, size = blobs.put_file(pdf_factory("Báo cáo tình hình kinh tế - xã hội tháng 11"))
    start = datetime.combine(date.today() + timedelta(days=1), time(8, 0), VIETNAM)
    with w.store.write() as s:
        hall = f.room(s, w.org_id, "Phòng họp tầng 2")
        m = f.meeting(s, w.org_id, w.clerk_id, title="Phiên họp UBND tỉnh thường kỳ", starts_at=start,
                      chair_id=w.leader_id, secretary_id=w.clerk_id, room_id=hall.id)
        sitting = f.first_sitting(s, m.id)
        f.participant(s, m.id, w.leader_id, "chair", answer="attend")
        f.participant(s, m.id, w.clerk_id, "secretary", votes=False, answer="attend")
        f.participant(s, m.id, w.officer_id, answer="attend")
        one = f.item(s, m.id, sitting.id, "Tình hình kinh tế - xã hội", minutes=30)
        sub = f.item(s, m.id, sitting.id, "Báo cáo tháng 11", parent_id=one.id, minutes=20, presenter_id=w.officer2_id)
        f.item(s, m.id, sitting.id, "Các vấn đề khác", position=1, minutes=15)
        doc = f.document(s, m.id, sub.id, "Báo cáo kinh tế - xã hội tháng 11", w.clerk_id, digest=digest, size=size)
        return {"meeting": m.id, "document": doc.id, "day": start.date().isoformat()}


@pytest.fixture
def delegate_window(qtbot, ui_world, blobs):  # type: ignore[no-untyped-def]
    from eoffice.ui.app import create_main_window

    w = ui_world
    demo = [(w.officer_id, "Lê Minh Anh — chuyên viên"), (w.clerk_id, "Trần Thị Thu — văn thư")]
    win = create_main_window(w.store, blobs, w.officer_id, demo)
    qtbot.addWidget(win)
    win.show()
    yield win
    if (reader := win.section("meetings").page.reader) is not None:
        reader.close()
    win.close()


def test_delegate_opens_a_meeting_and_reads_a_document(  # type: ignore[no-untyped-def]
    qtbot, ui_world, blobs, pdf_factory, delegate_window
):
    ids = _seed(ui_world, blobs, pdf_factory)
    win = delegate_window
    meetings = win.section("meetings")
    cal = meetings.calendar
    with qtbot.waitSignal(cal.loaded):
        meetings.act_open.trigger()  # Ctrl+M
    assert win.stack.currentWidget() is meetings.widget
    assert meetings.item.text() == "Họp"
    day = date.fromisoformat(ids["day"])
    if day.month != cal.day.month:  # tomorrow is next month: PgDn
        with qtbot.waitSignal(cal.loaded):
            cal.step(1)
    assert [r.title for r in cal.month.by_day.get(day, [])] == ["Phiên họp UBND tỉnh thường kỳ"]
    assert cal.upcoming.item(0).data(Qt.ItemDataRole.UserRole) == ids["meeting"]

    # The day's meetings in the list below the grid; a double-click opens the meeting.
    cell = cal.grid.visualRect(cal.month.index_of(day)).center()
    qtbot.mouseClick(cal.grid.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert cal.list.rowCount() == 1
    rect = cal.table.visualRect(cal.list.index(0, cal.list.column_of("title")))
    qtbot.mouseClick(cal.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(meetings.page.loaded):
        qtbot.mouseDClick(cal.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    page = meetings.page
    assert meetings.stack.currentWidget() is page
    assert page.title.text() == "Phiên họp UBND tỉnh thường kỳ"
    assert "Phòng họp tầng 2" in page.facts.text() and "Nguyễn Văn Đức" in page.facts.text()

    agenda = page.agenda
    top = [agenda.index(r, 0) for r in range(agenda.rowCount())]
    assert [agenda.data(i) for i in top] == ["1", "2"]
    first = agenda.node(top[0])
    assert isinstance(first, ItemView) and first.children[0].number == "1.1"
    doc_index = agenda.find(ids["document"])
    doc = agenda.node(doc_index)
    assert isinstance(doc, DocumentView)
    assert agenda.data(doc_index.siblingAtColumn(4)) == "Chưa xem"
    assert agenda.data(agenda.index(0, 1, top[0])) == "Báo cáo tháng 11"
    assert not page.tabs.isTabVisible(page.reading_tab)  # a delegate does not see who has read
    assert page.people.rowCount() == 3

    # Enter on the document: the reader shows its PDF.
    page.tree.setCurrentIndex(doc_index)
    page.tree.setFocus()
    with qtbot.waitSignal(page.document_opened):
        qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert page.reader is not None and page.reader.loaded
    assert page.reader.document.pageCount() >= 1
    assert "Báo cáo kinh tế - xã hội tháng 11" in page.reader.windowTitle()
    if RecordRead.kind in registry.kinds():  # applied by the agenda's operations (another module)
        def recorded() -> bool:
            with ui_world.store.read() as s:
                return s.scalar(select(ReadReceipt.id).where(ReadReceipt.user_id == ui_world.officer_id)) is not None

        qtbot.waitUntil(recorded)
        qtbot.waitUntil(lambda: agenda.data(agenda.find(ids["document"]).siblingAtColumn(4)) == "Đã xem")
    page.reader.close()
    page.reader = None

    # Esc: back to the calendar (the reader had the focus: the window takes it back first).
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Escape)
    assert meetings.stack.currentWidget() is cal


def test_calendar_keys_and_modes(qtbot, ui_world, blobs, pdf_factory, delegate_window):  # type: ignore[no-untyped-def]
    _seed(ui_world, blobs, pdf_factory)
    meetings = delegate_window.section("meetings")
    cal = meetings.calendar
    with qtbot.waitSignal(cal.loaded):
        meetings.act_open.trigger()
    month = cal.day.replace(day=1)
    cal.table.setFocus()
    with qtbot.waitSignal(cal.loaded):
        qtbot.keyClick(cal.table, Qt.Key.Key_PageDown)
    assert cal.day.replace(day=1) == (month + timedelta(days=32)).replace(day=1)
    with qtbot.waitSignal(cal.loaded):
        qtbot.keyClick(cal.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert cal.day == cal.today
    with qtbot.waitSignal(cal.loaded):
        cal.set_mode("week")
    assert not cal.grid.isVisible()
    tomorrow = cal.today + timedelta(days=1)
    if tomorrow.isocalendar()[1] == cal.today.isocalendar()[1]:
        assert cal.list.rowCount() == 1
    with qtbot.waitSignal(cal.loaded):
        cal.set_scope("organisation")
    assert cal.scope.currentText() == "Của cơ quan tôi"


def test_secretary_sees_who_has_read(qtbot, ui_world, blobs, pdf_factory, delegate_window):  # type: ignore[no-untyped-def]
    ids = _seed(ui_world, blobs, pdf_factory)
    with ui_world.store.write() as s:
        f.receipt(s, ids["meeting"], ids["document"], ui_world.officer_id)
    win = delegate_window
    meetings = win.section("meetings")
    win.user_switcher.setCurrentIndex(win.user_switcher.findData(ui_world.clerk_id))
    assert win.user_id == ui_world.clerk_id
    with qtbot.waitSignal(meetings.page.loaded):
        meetings.open_meeting(ids["meeting"])
    page = meetings.page
    assert page.tabs.isTabVisible(page.reading_tab)
    page.tabs.setCurrentIndex(page.reading_tab)
    row = page.reading.row_at(0)
    assert row is not None and (row.read_count, row.unread_count) == (1, 2)
    names = [page.readers.data(page.readers.index(r, 0)) for r in range(page.readers.rowCount())]
    assert names[0] == "Lê Minh Anh"
    assert page.readers.data(page.readers.index(1, 3)) == "Chưa xem"


def test_agenda_model_is_a_consistent_tree(qtmodeltester, w_agenda) -> None:  # type: ignore[no-untyped-def]
    """Qt's own model checker walks the agenda tree (parents, rows, indexes) without a fault."""
    qtmodeltester.check(w_agenda, force_py=True)


@pytest.fixture
def w_agenda(ui_world, blobs, pdf_factory):  # type: ignore[no-untyped-def]
    from datetime import timezone

    from eoffice.directory.access import load_actor
    from eoffice.meetings.views import meeting_view
    from eoffice.ui.meetings.models import AgendaModel

    ids = _seed(ui_world, blobs, pdf_factory)
    with ui_world.store.write() as s:
        sitting = f.first_sitting(s, ids["meeting"])
        parent = f.item(s, ids["meeting"], sitting.id, "Mục có tài liệu và mục con", position=2)
        f.document(s, ids["meeting"], parent.id, "Tài liệu của mục", ui_world.clerk_id)
        f.item(s, ids["meeting"], sitting.id, "Mục con", parent_id=parent.id)
    with ui_world.store.read() as s:
        view = meeting_view(s, load_actor(s, ui_world.clerk_id), ids["meeting"], datetime.now(timezone.utc))
    model = AgendaModel()
    model.set_agenda([i for sitting in view.sittings for i in view.agenda[sitting.id]])
    return model
