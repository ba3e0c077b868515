"""Private notes in the reader through the real widgets on a real SQLite store: a delegate
highlights a passage with the mouse, draws with the pen, pins a text note, undoes the
last with Ctrl+Z; the notes come back when the document is opened again, those on an
older version are listed apart after a new version arrives (with the notice of the
update), and "Export with my notes" writes a PDF that qpdf accepts, with the notes as
annotations. The status area shows the files downloading."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import select

from eoffice.meetings.values import VIETNAM
from eoffice.meetings.models import MeetingDocument, MeetingDocumentVersion, PrivateNote, ReadReceipt
from eoffice.sync.engine import SyncStatus
from tests.conftest import World, need
from tests.meetings import view_factories as f


def _seed(w: World, blobs, pdf_factory) -> dict[str, str]:  # type: ignore[no-untyped-def]
    digest, size = blobs.put_file(pdf_factory("Báo cáo tình hình kinh tế - xã hội tháng 11",
                                              "Tăng trưởng kinh tế đạt 8,2 phần trăm."))
    start = datetime.combine(date.today() + timedelta(days=1), time(8, 0), VIETNAM)
    with w.store.write() as s:
        m = f.meeting(s, w.org_id, w.clerk_id, title="Phiên họp UBND tỉnh thường kỳ", starts_at=start,
                      chair_id=w.leader_id, secretary_id=w.clerk_id)
        sitting = f.first_sitting(s, m.id)
        f.participant(s, m.id, w.leader_id, "chair", answer="attend")
        f.participant(s, m.id, w.clerk_id, "secretary", votes=False, answer="attend")
        f.participant(s, m.id, w.officer_id, answer="attend")
        item = f.item(s, m.id, sitting.id, "Tình hình kinh tế - xã hội", minutes=30)
        doc = f.document(s, m.id, item.id, "Báo cáo kinh tế - xã hội", w.clerk_id, digest=digest, size=size)
        return {"meeting": m.id, "document": doc.id}


@pytest.fixture
def delegate_window(qtbot, ui_world, blobs):  # type: ignore[no-untyped-def]
    from eoffice.ui.app import create_main_window

    w = ui_world
    win = create_main_window(w.store, blobs, w.officer_id, [(w.officer_id, "Lê Minh Anh — chuyên viên")])
    qtbot.addWidget(win)
    win.show()
    yield win
    page = win.section("meetings").page
    if page.notes is not None and page.notes.other_reader is not None:
        page.notes.other_reader.close()
    if page.reader is not None:
        page.reader.close()
    win.close()


def _open(qtbot, win, ids):  # type: ignore[no-untyped-def]
    meetings = win.section("meetings")
    page = meetings.page
    with qtbot.waitSignal(page.loaded):
        meetings.open_meeting(ids["meeting"])
    if page.reader is not None:
        page.reader.close()
    page.tree.setCurrentIndex(page.agenda.find(ids["document"]))
    with qtbot.waitSignal(page.document_opened):
        page.open_current()
    notes = page.notes
    assert notes is not None
    qtbot.waitUntil(lambda: not notes.busy)
    return page.reader, notes


def _rows(w: World) -> list[PrivateNote]:
    with w.store.read() as s:
        rows = list(s.scalars(select(PrivateNote).where(PrivateNote.deleted.is_(False))
                              .order_by(PrivateNote.created_at)))
        s.expunge_all()
        return rows


def _view_pos(reader, page: int, x: float, y: float) -> QPoint:  # type: ignore[no-untyped-def]
    """A point given in PDF points from the page's top left, on the viewport."""
    from PySide6.QtCore import QPointF

    return reader.view.to_view(page, QPointF(x, y)).toPoint()


def _drag(qtbot, reader, points: list[QPoint]) -> None:  # type: ignore[no-untyped-def]
    viewport = reader.view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=points[0])
    for p in points[1:]:
        qtbot.mouseMove(viewport, p)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=points[-1])


def test_highlight_pen_text_undo_and_reopen(qtbot, ui_world, blobs, pdf_factory, delegate_window):  # type: ignore[no-untyped-def]
    w = ui_world
    ids = _seed(w, blobs, pdf_factory)
    reader, notes = _open(qtbot, delegate_window, ids)
    assert "Only you" in notes.private_label.text() or "Chỉ mình bạn" in notes.private_label.text()
    height = reader.view.page_points(0).height()
    reader.view.go_to_page(0)

    # Highlight: a rectangle dragged over an empty stretch of the page (no text there).
    notes.set_tool("highlight")
    _drag(qtbot, reader, [_view_pos(reader, 0, 300, 760), _view_pos(reader, 0, 400, 770),
                          _view_pos(reader, 0, 500, 780)])
    qtbot.waitUntil(lambda: len(_rows(w)) == 1)
    row = _rows(w)[0]
    assert (row.user_id, row.page, row.kind, row.version) == (w.officer_id, 1, "highlight", 1)
    (x0, y0, x1, y1), = json.loads(row.shape)["rects"]
    assert x0 == pytest.approx(300, abs=1.5) and x1 == pytest.approx(500, abs=1.5)
    assert y0 == pytest.approx(height - 780, abs=1.5) and y1 == pytest.approx(height - 760, abs=1.5)

    # A rectangle dragged around a line of text (the body's, the lowest) highlights that line's text.
    line = max((b.boundingRect() for b in reader.document.getAllText(0).bounds()), key=lambda r: r.top())
    left, top = line.left() - 30, line.top() - 4
    _drag(qtbot, reader, [_view_pos(reader, 0, left, top), _view_pos(reader, 0, line.right() + 30, line.bottom() + 4)])
    qtbot.waitUntil(lambda: len(_rows(w)) == 2)
    (tx0, ty0, tx1, ty1), = json.loads(_rows(w)[1].shape)["rects"]
    assert tx0 == pytest.approx(line.left(), abs=1) and tx1 == pytest.approx(line.right(), abs=1)
    assert ty1 == pytest.approx(height - line.top(), abs=1) and ty0 == pytest.approx(height - line.bottom(), abs=1)
    notes.undo()  # Ctrl+Z's action: the last note made goes
    qtbot.waitUntil(lambda: len(_rows(w)) == 1)

    # The pen, in red.
    notes.set_color("#e53935")
    notes.set_tool("pen")
    _drag(qtbot, reader, [_view_pos(reader, 0, 100 + 10 * n, 700 + (n % 3) * 5) for n in range(8)])
    qtbot.waitUntil(lambda: len(_rows(w)) == 2)
    pen = _rows(w)[1]
    assert pen.kind == "pen" and pen.color == "#e53935"
    points = json.loads(pen.shape)["points"]
    assert len(points) >= 2 and points[0][0] == pytest.approx(100, abs=1.5)
    assert points[0][1] == pytest.approx(height - 700, abs=1.5)

    # A text note pinned where clicked; the dialog takes its text.
    notes.set_tool("text")
    where = _view_pos(reader, 0, 80, 200)
    qtbot.mouseClick(reader.view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    dialog = notes.text_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.edit.setPlainText("Hỏi lại số liệu quý III")
    dialog.accept()
    qtbot.waitUntil(lambda: len(_rows(w)) == 3)
    text = _rows(w)[2]
    assert text.kind == "text" and text.text == "Hỏi lại số liệu quý III"
    at = json.loads(text.shape)["at"]
    assert at[0] == pytest.approx(80, abs=1.5)
    qtbot.waitUntil(lambda: not notes.busy)
    assert notes.current_group.childCount() == 3
    assert notes.current_group.child(0).text(0) == "1"
    # A click on a row of the list selects its note (and shows its page).
    item = notes.current_group.child(1)
    rect = notes.tree.visualItemRect(item)
    qtbot.mouseClick(notes.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert notes.selected == item.data(0, Qt.ItemDataRole.UserRole)

    # A click on the note's icon (with the Select tool) shows its text to edit.
    notes.set_tool("select")
    qtbot.mouseClick(reader.view.viewport(), Qt.MouseButton.LeftButton, pos=_view_pos(reader, 0, 85, 205))
    dialog = notes.text_dialog
    assert dialog is not None and dialog.isVisible() and dialog.edit.toPlainText() == "Hỏi lại số liệu quý III"
    dialog.edit.setPlainText("Hỏi lại số liệu quý III và quý IV")
    dialog.accept()
    qtbot.waitUntil(lambda: _rows(w)[2].text == "Hỏi lại số liệu quý III và quý IV")
    qtbot.waitUntil(lambda: not notes.busy)

    # Ctrl+Z: the text note goes.
    reader.activateWindow()
    qtbot.waitUntil(reader.isActiveWindow)
    reader.view.setFocus()
    qtbot.keyClick(reader.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(_rows(w)) == 2)
    assert {r.kind for r in _rows(w)} == {"highlight", "pen"}

    # Select the highlight with the reading tool, Delete removes it.
    notes.set_tool("select")
    qtbot.mouseClick(reader.view.viewport(), Qt.MouseButton.LeftButton, pos=_view_pos(reader, 0, 400, 770))
    assert notes.selected == row.id
    qtbot.keyClick(reader.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: len(_rows(w)) == 1)
    qtbot.waitUntil(lambda: not notes.busy)

    # Opening the document again shows the note left.
    reader, notes = _open(qtbot, delegate_window, ids)
    assert [m.kind for m in notes.shown_marks()] == ["pen"]
    assert notes.current_group.childCount() == 1


def test_note_on_an_old_version_and_the_update_notice(  # type: ignore[no-untyped-def]
    qtbot, ui_world, blobs, pdf_factory, delegate_window
):
    w = ui_world
    ids = _seed(w, blobs, pdf_factory)
    reader, notes = _open(qtbot, delegate_window, ids)
    notes.set_tool("highlight")
    _drag(qtbot, reader, [_view_pos(reader, 0, 300, 760), _view_pos(reader, 0, 500, 780)])
    qtbot.waitUntil(lambda: len(_rows(w)) == 1)
    qtbot.waitUntil(lambda: not notes.busy)
    assert not notes.version_bar.isVisible()

    # A new version (two pages) replaces the file.
    digest, size = blobs.put_file(pdf_factory("Báo cáo (bản sửa)", "Đoạn một.\f" * 1 + "Đoạn hai."))
    with w.store.write() as s:
        doc = s.get(MeetingDocument, ids["document"])
        doc.version = 2
        s.add(MeetingDocumentVersion(id=f.new_id(), meeting_id=ids["meeting"], meeting_document_id=doc.id,
                                     version=2, filename="v2.pdf", digest=digest, size=size, page_count=2,
                                     added_by=w.clerk_id))

    reader, notes = _open(qtbot, delegate_window, ids)
    assert notes.version == 2 and notes.shown_marks() == []
    assert notes.old_group.childCount() == 1 and not notes.old_group.isHidden()
    assert notes.old_group.text(0) in ("Notes on older versions (1)", "Ghi chú trên phiên bản cũ (1)")
    assert notes.old_group.child(0).text(0) in ("v1, p. 1", "v1, tr. 1")
    assert notes.version_bar.isVisible()
    assert "2" in notes.version_label.text() and ("1 " in notes.version_label.text())

    # The old version opens in its own reader with its note.
    notes.old_button.click()
    assert notes.other_reader is not None and notes.other_notes is not None
    qtbot.waitUntil(lambda: not notes.other_notes.busy)
    assert notes.other_notes.version == 1 and len(notes.other_notes.shown_marks()) == 1

    # Version 2 is now the one last opened: the next opening has no notice.
    def opened_v2() -> bool:
        with w.store.read() as s:
            return s.scalar(select(ReadReceipt.version).where(ReadReceipt.user_id == w.officer_id)) == 2

    qtbot.waitUntil(opened_v2)
    notes.other_reader.close()
    reader, notes = _open(qtbot, delegate_window, ids)
    assert not notes.version_bar.isVisible() and notes.old_group.childCount() == 1


def test_export_with_my_notes(qtbot, ui_world, blobs, pdf_factory, delegate_window, tmp_path):  # type: ignore[no-untyped-def]
    w = ui_world
    ids = _seed(w, blobs, pdf_factory)
    reader, notes = _open(qtbot, delegate_window, ids)
    notes.set_tool("highlight")
    _drag(qtbot, reader, [_view_pos(reader, 0, 300, 760), _view_pos(reader, 0, 500, 780)])
    notes.set_tool("pen")
    _drag(qtbot, reader, [_view_pos(reader, 0, 100 + 10 * n, 700) for n in range(5)])
    notes.set_tool("text")
    qtbot.mouseClick(reader.view.viewport(), Qt.MouseButton.LeftButton, pos=_view_pos(reader, 0, 80, 200))
    notes.text_dialog.edit.setPlainText("Ghi chú riêng")
    notes.text_dialog.accept()
    qtbot.waitUntil(lambda: len(_rows(w)) == 3)
    qtbot.waitUntil(lambda: not notes.busy)

    notes.export()
    dialog = notes.export_dialog
    assert dialog is not None and dialog.isVisible()
    target = tmp_path / "ban-cua-toi.pdf"
    dialog.selectFile(str(target))
    dialog.accept()
    qtbot.waitUntil(lambda: not notes.busy and target.exists())
    assert str(target) in reader.last_message

    from pypdf import PdfReader

    annots = [a.get_object() for a in PdfReader(str(target)).pages[0]["/Annots"]]
    assert sorted(str(a["/Subtype"]) for a in annots) == ["/Highlight", "/Ink", "/Text"]
    assert any(a.get("/Contents") == "Ghi chú riêng" for a in annots)
    need(shutil.which("qpdf") is not None, "qpdf is not installed (apt install qpdf)")
    check = subprocess.run(["qpdf", "--check", str(target)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


class _Engine:
    """Stands in for the sync engine: the area only reads ``status()``."""

    def status(self) -> SyncStatus:
        return SyncStatus(online=True)


def test_status_area_shows_files_downloading(qtbot, delegate_window) -> None:  # type: ignore[no-untyped-def]
    from eoffice.ui.sync.status_area import SyncStatusArea

    area = SyncStatusArea(_Engine(), delegate_window.worker)  # type: ignore[arg-type]
    qtbot.addWidget(area)
    area.show()
    area.timer.stop()
    qtbot.waitUntil(lambda: area.status is not None)
    area.show_status(SyncStatus(online=True, downloads_done=12, downloads_total=40))
    assert area.downloads.isVisible()
    assert area.downloads.text() in ("Đang tải tệp: 12/40", "Downloading files: 12/40")
    area.show_status(SyncStatus(online=True, downloads_done=40, downloads_total=40))
    assert not area.downloads.isVisible()


def test_a_file_not_downloaded_offline_says_so(qtbot, ui_world, blobs, pdf_factory, delegate_window):  # type: ignore[no-untyped-def]
    """Without a connection (this window has no account), a file not on this computer is not opened:
    the delegate is told it needs a connection to download."""
    w = ui_world
    ids = _seed(w, blobs, pdf_factory)
    with w.store.write() as s:
        version = s.scalars(select(MeetingDocumentVersion).where(
            MeetingDocumentVersion.meeting_document_id == ids["document"])).one()
        version.digest = "f" * 64  # a file this computer never fetched
    meetings = delegate_window.section("meetings")
    page = meetings.page
    with qtbot.waitSignal(page.loaded):
        meetings.open_meeting(ids["meeting"])
    page.tree.setCurrentIndex(page.agenda.find(ids["document"]))
    page.open_current()
    assert page.reader is None
    assert delegate_window.last_message in (
        "Tài liệu chưa tải về máy; cần kết nối để tải.",
        "The document is not downloaded to this computer yet; a connection is needed to fetch it.",
    )
