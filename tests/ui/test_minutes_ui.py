"""The minutes editor through the real widgets, on a desk signed in to a real server: the
secretary opens it from the meeting page, the record arrives from the server, a conclusion
typed in its field is autosaved (an operation that reaches the server), the minutes export
to a PDF that says what happened and what was written, and become an outgoing draft of
type BB named on the meeting."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from sqlalchemy import select

from eoffice.documents.models import Document
from eoffice.meetings.minutes import texts
from eoffice.meetings.minutes.models import MinutesText
from eoffice.meetings.models import Meeting
from tests.conftest import need
from tests.meetings.live.helpers import scheduled_meeting
from tests.meetings.minutes.story import run_a_little
from tests.signing.conftest import have_font
from tests.ui.test_live_session_ui import open_page
from tests.ui.test_synced_desktop import WAIT, _close, _desk

pytestmark = pytest.mark.parametrize("store", ["sqlite"], indirect=True)


def _meeting(desk: Any, meeting_id: str) -> Meeting | None:
    with desk.store.read() as s:
        meeting = s.get(Meeting, meeting_id)
        if meeting is not None:
            s.expunge(meeting)
        return meeting


def test_the_secretary_writes_a_conclusion_exports_and_drafts_the_minutes(
    qtbot, store, province, tmp_path, pdf_factory
):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    need(shutil.which("pdftotext") is not None, "pdftotext is not installed (apt install poppler-utils)")
    w = province.world
    ids = scheduled_meeting(province, pdf_factory)
    run_a_little(province.store, w, ids)
    clerk = _desk(qtbot, province, tmp_path, "vanthu")
    try:
        qtbot.waitUntil(lambda: (m := _meeting(clerk, ids["meeting"])) is not None and m.state == "closed",
                        timeout=WAIT)
        page = open_page(qtbot, clerk, ids["meeting"])
        assert page.minutes_button.isVisible() and page.minutes_button.toolTip().endswith("(Ctrl+Shift+B)")
        qtbot.mouseClick(page.minutes_button, Qt.MouseButton.LeftButton)
        editor = page.minutes_window
        # the record from the server, composed: the speech under its item
        qtbot.waitUntil(lambda: len(editor.sections) == 3
                        and any("phát biểu" in b.text for b in editor.sections[1].blocks), timeout=WAIT)
        assert [s.title for s in editor.sections] == [
            "Thành phần, mở đầu", "1. Dự thảo Nghị quyết về giá đất", "Kết thúc, nơi nhận"]

        # the item: what the record says, and the fields the secretary writes
        editor.list.setCurrentRow(1)
        conclusion = texts.item_part(ids["item"], "conclusion")
        field = editor.editors[conclusion]
        facts = editor.facts.text()
        assert "Lê Minh Anh (Chuyên viên) phát biểu" in facts and "3 phút" in facts
        field.setFocus()
        field.insertPlainText("Thống nhất trình HĐND tỉnh")  # as an input method commits Vietnamese text
        qtbot.keyClicks(field, ".")  # QTest types only ASCII keys
        assert editor.saved.text() == "Chưa lưu"

        def saved() -> str | None:
            with clerk.store.read() as s:
                return s.scalar(select(MinutesText.text).where(MinutesText.part == conclusion))

        qtbot.waitUntil(lambda: saved() == "Thống nhất trình HĐND tỉnh.", timeout=WAIT)
        qtbot.waitUntil(lambda: editor.saved.text().startswith("Đã lưu lúc"), timeout=WAIT)

        def on_server() -> str | None:
            with province.store.read() as s:
                return s.scalar(select(MinutesText.text).where(MinutesText.part == conclusion))

        qtbot.waitUntil(lambda: on_server() == "Thống nhất trình HĐND tỉnh.", timeout=WAIT)

        # a new event of the session redraws the facts and keeps what was written
        editor.fetch()
        qtbot.waitUntil(lambda: editor.editors.get(conclusion) is not None
                        and editor.editors[conclusion].toPlainText() == "Thống nhất trình HĐND tỉnh.", timeout=WAIT)

        pdf = tmp_path / "bien-ban.pdf"
        editor.export("pdf", pdf)
        qtbot.waitUntil(pdf.exists, timeout=WAIT)
        text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                                       text=True).stdout.split())
        assert "Kết luận: Thống nhất trình HĐND tỉnh." in text and "BIÊN BẢN" in text

        qtbot.mouseClick(editor.draft_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: (m := _meeting(clerk, ids["meeting"])) is not None
                        and m.minutes_document_id is not None, timeout=WAIT)
        meeting = _meeting(clerk, ids["meeting"])
        assert meeting is not None
        with clerk.store.read() as s:
            doc = s.get(Document, meeting.minutes_document_id)
            assert doc is not None and doc.type_name == "Biên bản" and doc.state == "draft"
            assert doc.subject == "Biên bản Phiên họp UBND tỉnh tháng 12"
        def drafted_on_server() -> bool:
            with province.store.read() as s:
                return s.get(Document, meeting.minutes_document_id) is not None

        qtbot.waitUntil(drafted_on_server, timeout=WAIT)

        # the closed meeting's record for the archive
        folder = tmp_path / "ho-so"
        folder.mkdir()
        editor.export_record(folder)
        qtbot.waitUntil(lambda: editor.exported == folder, timeout=WAIT)
        with zipfile.ZipFile(folder / "ho-so-cuoc-hop.zip") as z:
            assert {"bien-ban.pdf", "bien-ban.docx", "manifest.json"} <= set(z.namelist())
        outline = PdfReader(str(folder / "ho-so-cuoc-hop.pdf")).outline
        assert "Hồ sơ cuộc họp" in [o.title for o in outline if not isinstance(o, list)]

        # a task from the item shown (Giao nhiệm vụ…): the minutes list it under the item
        editor.list.setCurrentRow(1)
        assert editor.task_button.toolTip().endswith("(Ctrl+Shift+G)")
        qtbot.mouseClick(editor.task_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: editor.task_dialog is not None and editor.task_dialog.isVisible(), timeout=WAIT)
        dialog = editor.task_dialog
        assert dialog.item.currentData() == ids["item"]
        dialog.what.insertPlainText("Hoàn thiện Dự thảo Nghị quyết về giá đất")
        dialog.lead.setCurrentIndex(next(n for n in range(dialog.lead.count())
                                         if dialog.lead.itemData(n).unit_id == w.finance_unit_id))
        dialog.days.setValue(5)
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: any(b.text.startswith("- Giao nhiệm vụ: Hoàn thiện Dự thảo Nghị quyết về giá đất; "
                                                      "đơn vị chủ trì: Phòng Tài chính; hạn xử lý: ")
                                    for b in editor.sections[1].blocks), timeout=WAIT)
    finally:
        _close(clerk)
