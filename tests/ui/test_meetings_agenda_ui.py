"""The organisers' tools on the meeting page through the real widgets on a real SQLite
store: the agenda editor (add, sub-item, edit, drag to reparent, Alt+Up, remove), the
documents of an item (a PDF added, refused when broken, replaced, its access, its
versions), comments collected and exported, the invitation draft (GM), the cards offline."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from sqlalchemy import select

from eoffice.meetings.values import VIETNAM
from eoffice.documents.models import Document
from eoffice.meetings.models import AgendaItem, Meeting, MeetingComment, MeetingDocument, MeetingDocumentVersion
from eoffice.meetings.invitation import TYPE_NAME
from eoffice.meetings.rules import defaults_for
from eoffice.meetings.views import DocumentView, ItemView
from tests.conftest import World
from tests.meetings import view_factories as f


def _seed(w: World, state: str = "scheduled") -> dict[str, str]:
    start = datetime.combine(date.today() + timedelta(days=2), time(8, 0), VIETNAM)
    with w.store.write() as s:
        m = f.meeting(s, w.org_id, w.clerk_id, title="Phiên họp UBND tỉnh thường kỳ", starts_at=start,
                      chair_id=w.leader_id, secretary_id=w.clerk_id, place="Phòng họp tầng 2", state=state)
        m.vote_rules = defaults_for(m.kind).to_json()  # as CreateMeeting copies them
        f.participant(s, m.id, w.leader_id, "chair", answer="attend")
        f.participant(s, m.id, w.clerk_id, "secretary", votes=False, answer="attend")
        f.participant(s, m.id, w.officer_id, answer="attend")
        return {"meeting": m.id}


@pytest.fixture
def page(qtbot, ui_world, window, request):  # type: ignore[no-untyped-def]
    """The clerk (the meeting's secretary, so an organiser) on the meeting's page; a
    draft meeting (no invitation yet) for the tests named so."""
    ids = _seed(ui_world, "draft" if "invitation" in request.node.name else "scheduled")
    meetings = window.section("meetings")
    meetings.act_open.trigger()
    with qtbot.waitSignal(meetings.page.loaded):
        meetings.open_meeting(ids["meeting"])
    p = meetings.page
    p.ids = ids
    yield p
    if p.reader is not None:
        p.reader.close()


def _titles(page) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(i.number, i.title) for i in page.data.view.items()]


def _add(qtbot, page, title: str, minutes: int, *, sub: bool = False) -> None:  # type: ignore[no-untyped-def]
    editor = page.editor
    (editor.act_add_sub if sub else editor.act_add).trigger()
    qtbot.waitUntil(lambda: editor.dialog is not None and editor.dialog.isVisible())
    editor.dialog.title.setText(title)
    editor.dialog.minutes.setValue(minutes)
    with qtbot.waitSignal(page.loaded):
        editor.dialog.buttons.accepted.emit()
    editor.dialog = None


def _select_item(page, title: str) -> None:  # type: ignore[no-untyped-def]
    item = next(i for i in page.data.view.items() if i.title == title)
    page.tree.setCurrentIndex(page.agenda.find_item(item.id))


def test_organiser_builds_the_agenda(qtbot, ui_world, page, window) -> None:  # type: ignore[no-untyped-def]
    assert page.toolbar.isVisibleTo(page) and page.agenda.editable
    assert page.editor.act_add.shortcut().toString() == "Ins"
    _add(qtbot, page, "Tình hình kinh tế - xã hội", 30)
    _add(qtbot, page, "Các vấn đề khác", 15)  # after the selected one
    _select_item(page, "Tình hình kinh tế - xã hội")
    _add(qtbot, page, "Báo cáo tháng 11", 20, sub=True)
    assert _titles(page) == [("1", "Tình hình kinh tế - xã hội"), ("1.1", "Báo cáo tháng 11"),
                             ("2", "Các vấn đề khác")]
    assert window.statusBar().currentMessage() == "Đã thêm nội dung: Báo cáo tháng 11"
    items = page.data.view.items()
    assert items[2].starts_at == items[0].starts_at + timedelta(minutes=30)  # planned times follow

    # Edit (F2): the presenter from the directory; the unit follows the presenter.
    _select_item(page, "Các vấn đề khác")
    page.editor.act_edit.trigger()
    qtbot.waitUntil(lambda: page.editor.dialog is not None and page.editor.dialog.isVisible())
    dialog = page.editor.dialog
    assert dialog.title.text() == "Các vấn đề khác" and dialog.minutes.value() == 15
    dialog.presenter.setCurrentIndex(dialog.presenter.findData(ui_world.officer_id))
    assert dialog.unit.currentData() is not None
    dialog.title.setText("Các vấn đề phát sinh")
    assert not dialog.rule.isEnabled()  # a vote rule only for a vote
    dialog.decision.setCurrentIndex(dialog.decision.findData("vote"))
    assert dialog.rule.isEnabled() and dialog.rule.currentText() == "Quá nửa tổng số thành viên tán thành"
    with qtbot.waitSignal(page.loaded):
        dialog.buttons.accepted.emit()
    with ui_world.store.read() as s:
        row = s.scalars(select(AgendaItem).where(AgendaItem.title == "Các vấn đề phát sinh")).one()
        assert (row.presenter_id, row.decision, row.vote_rule) == (ui_world.officer_id, "vote", "majority")

    # Drag "2" onto "1": it becomes 1.2 (the model's drop, as the tree hands it).
    moved = next(i for i in page.data.view.items() if i.number == "2")
    target = page.agenda.find_item(page.data.view.items()[0].id)
    data = page.agenda.mimeData([page.agenda.find_item(moved.id)])
    with qtbot.waitSignal(page.loaded):
        assert page.agenda.dropMimeData(data, 2, -1, 0, target)  # 2 = MoveAction
    assert _titles(page) == [("1", "Tình hình kinh tế - xã hội"), ("1.1", "Báo cáo tháng 11"),
                             ("1.2", "Các vấn đề phát sinh")]
    assert page.agenda.node(page.tree.currentIndex()).id == moved.id  # the moved item stays selected

    # Alt+Up (a real key press on the tree): back above its sibling.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.tree.setFocus()
    with qtbot.waitSignal(page.loaded):
        qtbot.keyClick(page.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [t for _n, t in _titles(page)][1] == "Các vấn đề phát sinh"

    # A refused move (an item under its own sub-item) says the domain's message.
    parent, child = page.data.view.items()[0], page.data.view.items()[0].children[0]
    shown: list[str] = []
    window.show_domain_error = lambda err: shown.append(err.message("vi"))  # type: ignore[method-assign]
    data = page.agenda.mimeData([page.agenda.find_item(parent.id)])
    page.agenda.dropMimeData(data, 2, -1, 0, page.agenda.find_item(child.id))
    qtbot.waitUntil(lambda: bool(shown))
    assert "chính nó" in shown[0]

    # Remove (Delete) asks first, saying the sub-items go too.
    _select_item(page, "Tình hình kinh tế - xã hội")
    page.editor.act_remove.trigger()
    box = window.confirm_box
    assert box.informativeText() == "2 nội dung con và 0 tài liệu của nội dung này cũng bị xóa."
    with qtbot.waitSignal(page.loaded):
        next(b for b in box.buttons() if b.text() == "Xóa").click()
    assert _titles(page) == []


def test_documents_of_an_item(qtbot, ui_world, page, window, pdf_factory, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _add(qtbot, page, "Dự thảo nghị quyết", 30)
    item: ItemView = page.data.view.items()[0]

    # A PDF dropped on the item becomes its document.
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(pdf_factory("Dự thảo Nghị quyết về kế hoạch 2027", name="du-thao.pdf")))])
    with qtbot.waitSignal(page.loaded):
        assert page.agenda.dropMimeData(data, 1, -1, 0, page.agenda.find_item(item.id))
    doc: DocumentView = page.data.view.items()[0].documents[0]
    assert doc.title == "du-thao" and doc.page_count >= 1
    assert window.statusBar().currentMessage() == "Đã thêm 1 tài liệu"

    # A broken file is refused with the domain's message; nothing is added.
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"not a pdf at all")
    shown: list[str] = []
    window.show_domain_error = lambda err: shown.append(err.message("vi"))  # type: ignore[method-assign]
    page.documents.add_files(item.id, [broken])
    qtbot.waitUntil(lambda: bool(shown))
    assert "PDF" in shown[0]

    # Replace: a new version, the old one kept.
    page.tree.setCurrentIndex(page.agenda.find(doc.id))
    with qtbot.waitSignal(page.loaded):
        page.documents.replace(doc.id, pdf_factory("Dự thảo Nghị quyết (sửa)", body="Nội dung mới. " * 400))
    new = page.data.view.items()[0].documents[0]
    assert new.version == 2
    assert window.statusBar().currentMessage().startswith("Đã thay tài liệu: phiên bản 2")
    assert page.agenda.data(page.agenda.find(doc.id).siblingAtColumn(1)) == "du-thao (v2)"
    with ui_world.store.read() as s:
        assert s.scalar(select(MeetingDocumentVersion.version).where(
            MeetingDocumentVersion.meeting_document_id == doc.id).order_by(MeetingDocumentVersion.version)) == 1

    # Versions: both, newest first, with their pages and who added them.
    page.tree.setCurrentIndex(page.agenda.find(doc.id))
    page.documents.act_versions.trigger()
    qtbot.waitUntil(lambda: page.documents.dialog is not None and page.documents.dialog.isVisible())
    table = page.documents.dialog.table
    assert table.rowCount() == 2 and table.item(0, 0).text() == "2" and table.item(1, 0).text() == "1"
    assert table.item(0, 4).text() == "Trần Thị Thu"
    page.documents.dialog.close()

    # Access: the people named; this desk has the authority (standalone), so it applies.
    page.documents.act_access.trigger()
    qtbot.waitUntil(lambda: page.documents.dialog is not None and page.documents.dialog.objectName() == "accessDialog"
                    and page.documents.dialog.isVisible())
    dialog = page.documents.dialog
    dialog.audience.setCurrentIndex(dialog.audience.findData("named"))
    dialog.tick(ui_world.officer_id)
    with qtbot.waitSignal(page.loaded):
        dialog.accept()
    with ui_world.store.read() as s:
        row = s.get(MeetingDocument, doc.id)
        assert row.audience == "named" and ui_world.officer_id in row.readers

    # Remove, after the question.
    page.tree.setCurrentIndex(page.agenda.find(doc.id))
    page.documents.act_remove.trigger()
    with qtbot.waitSignal(page.loaded):
        next(b for b in window.confirm_box.buttons() if b.text() == "Xóa").click()
    assert page.data.view.items()[0].documents == []


def test_comments_are_collected_and_exported(  # type: ignore[no-untyped-def]
    qtbot, ui_world, page, window, pdf_factory, tmp_path
) -> None:
    _add(qtbot, page, "Dự thảo nghị quyết", 30)
    item = page.data.view.items()[0]
    page.documents.add_files(item.id, [pdf_factory("Dự thảo Nghị quyết")])
    qtbot.waitUntil(lambda: bool(page.data.view.items()[0].documents))
    doc = page.data.view.items()[0].documents[0]

    # The officer (a delegate) writes an opinion on page 1.
    window.user_switcher.setCurrentIndex(window.user_switcher.findData(ui_world.officer_id))
    meetings = window.section("meetings")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        meetings.open_meeting(page.ids["meeting"])
    assert not page.toolbar.isVisibleTo(page) and not page.invitation_button.isVisibleTo(page)
    page.tree.setCurrentIndex(page.agenda.find(doc.id))
    page.comment_button.click()
    dialog = page.comments.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.page.setValue(1)
    dialog.text.setPlainText("Đề nghị bổ sung chỉ tiêu chuyển đổi số.")
    shown: list[str] = []
    window.show_domain_error = lambda err: shown.append(err.message("vi"))  # type: ignore[method-assign]
    done: list[tuple[str, bool]] = []
    page.worker.finished.connect(lambda label, ok: done.append((label, ok)))
    dialog.accept()
    qtbot.waitUntil(lambda: any(label == "meeting_comment" for label, _ok in done), timeout=10_000)
    assert shown == [] and done[-1][1], (done, shown)
    with ui_world.store.read() as s:
        assert s.scalar(select(MeetingComment.text)) == "Đề nghị bổ sung chỉ tiêu chuyển đổi số."
    assert not page.tabs.isTabVisible(page.comments_tab)  # a delegate does not collect

    # The secretary sees the table and exports it.
    window.user_switcher.setCurrentIndex(window.user_switcher.findData(ui_world.clerk_id))
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        meetings.open_meeting(page.ids["meeting"])
    assert page.tabs.isTabVisible(page.comments_tab)
    table = page.comments.table
    assert table.rowCount() == 1
    assert table.item(0, 2).text() == "Lê Minh Anh" and table.item(0, 1).text() == "1"
    out = tmp_path / "gop-y.docx"
    page.comments.export_to(out, page.data.view.title)
    qtbot.waitUntil(lambda: "gop-y.docx" in window.statusBar().currentMessage())
    from docx import Document as Docx

    cells = [c.text for row in Docx(str(out)).tables[0].rows for c in row.cells]
    assert "Đề nghị bổ sung chỉ tiêu chuyển đổi số." in cells and "Lê Minh Anh" in cells


def test_invitation_draft_and_cards_offline(qtbot, ui_world, page, window) -> None:  # type: ignore[no-untyped-def]
    _add(qtbot, page, "Tình hình kinh tế - xã hội", 30)
    errors: list[str] = []
    window.show_domain_error = lambda err: errors.append(err.message("vi"))  # type: ignore[method-assign]
    window.show_program_error = lambda err, trace: errors.append(trace)  # type: ignore[method-assign]
    page.invitation_button.click()
    qtbot.waitUntil(lambda: bool(errors) or "Dự thảo" in window.statusBar().currentMessage(), timeout=10_000)
    assert errors == []

    def made() -> bool:
        with ui_world.store.read() as s:
            return s.get(Meeting, page.ids["meeting"]).invitation_document_id is not None  # type: ignore[union-attr]

    qtbot.waitUntil(made)
    with ui_world.store.read() as s:
        draft = s.get(Document, s.get(Meeting, page.ids["meeting"]).invitation_document_id)  # type: ignore[union-attr]
        assert draft is not None and draft.state == "draft" and draft.type_name == TYPE_NAME
    qtbot.waitUntil(lambda: "Dự thảo của tôi" in window.statusBar().currentMessage())

    # Attendance cards need the server: offline, a clear message.
    shown: list[str] = []
    window.show_domain_error = lambda err: shown.append(err.message("vi"))  # type: ignore[method-assign]
    page.cards_button.click()
    assert shown and "máy chủ" in shown[0]


def test_weekly_schedule_opens_in_the_reader(qtbot, ui_world, window) -> None:  # type: ignore[no-untyped-def]
    _seed(ui_world)
    meetings = window.section("meetings")
    with qtbot.waitSignal(meetings.calendar.loaded):
        meetings.act_open.trigger()
    opened: list[object] = []
    meetings.schedule.open(meetings.calendar.day, opened.append)
    qtbot.waitUntil(lambda: bool(opened))
    reader = meetings.schedule.reader
    try:
        assert reader.document.pageCount() >= 1
        assert reader.windowTitle().startswith("Lịch công tác tuần từ")
    finally:
        reader.close()


def test_document_from_the_registers(qtbot, ui_world, page, window, blobs, pdf_factory) -> None:  # type: ignore[no-untyped-def]
    from tests.documents.workflow_helpers import register

    source = register(ui_world, blobs, pdf_factory, subject="Kế hoạch chuyển đổi số năm 2027")
    _add(qtbot, page, "Chuyển đổi số", 20)
    page.documents.act_register.trigger()
    picker = page.documents.dialog
    qtbot.waitUntil(lambda: picker.results.rowCount() >= 1)
    picker.query.setText("chuyển đổi số 2027")
    picker.search()
    qtbot.waitUntil(lambda: picker.results.rowCount() == 1 and picker.hits[0].id == source)
    with qtbot.waitSignal(page.loaded):
        picker.accept()
    doc = page.data.view.items()[0].documents[0]
    assert doc.title == "Kế hoạch chuyển đổi số năm 2027"
    with ui_world.store.read() as s:
        assert s.get(MeetingDocument, doc.id).source_document_id == source  # type: ignore[union-attr]
