"""The secretary's minutes through the real widgets on a standalone desk (the desk runs
the session itself, so the editor reads the record from its own tables): she writes a
conclusion, exports the PDF, makes the BB draft and signs it first with her card, in the
THƯ KÝ block; the chair's turn comes after."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from PySide6.QtCore import Qt

from eoffice.documents.boxes import Box
from eoffice.documents.models import Document
from eoffice.meetings.minutes import texts
from eoffice.meetings.minutes.models import MinutesText
from eoffice.meetings.models import Meeting
from eoffice.signing import pki
from eoffice.signing.placement import find_signer_box
from eoffice.signing.trust import add_trusted_root
from tests.conftest import need
from tests.meetings.minutes.story import run_story
from tests.signing.conftest import PASSWORD, Pki, assert_pdfsig_valid, have_font
from tests.ui.helpers import click_row
from tests.ui.test_signing_desktop import WAIT, no_tokens, panel_shows, sign_in_dialog



def test_the_secretary_writes_exports_drafts_and_signs_the_minutes(qtbot, ui_world, blobs, test_pki: Pki,
                                                                    tmp_path: Path):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    need(shutil.which("pdftotext") is not None, "pdftotext is not installed (apt install poppler-utils)")
    from eoffice.ui.app import create_main_window

    w = ui_world
    story = run_story(w.store, w)
    card = tmp_path / "thuky.p12"
    card.write_bytes(pki.pkcs12_bytes(
        pki.issue_signer(test_pki.intermediate, pki.name("Trần Thị Thu", "UBND tỉnh Nghệ An")),
        [test_pki.intermediate.cert], PASSWORD, "thuky",
    ))
    with w.store.write() as s:
        add_trusted_root(s, test_pki.root.pem)
    window = create_main_window(w.store, blobs, w.clerk_id, [
        (w.clerk_id, "Trần Thị Thu — thư ký"), (w.leader_id, "Nguyễn Văn Đức — chủ tọa"),
    ])
    qtbot.addWidget(window)
    window.show()
    signing, documents, meetings = window.section("signing"), window.section("documents"), window.section("meetings")
    signing.settings_file = no_tokens(tmp_path)
    try:
        with qtbot.waitSignal(meetings.page.loaded, timeout=WAIT):
            meetings.open_meeting(story.meeting_id)
        page = meetings.page
        assert page.minutes_button.isVisible()
        qtbot.mouseClick(page.minutes_button, Qt.MouseButton.LeftButton)
        editor = page.minutes_window
        qtbot.waitUntil(lambda: len(editor.sections) == 4
                        and any("phát biểu" in b.text for b in editor.sections[1].blocks), timeout=WAIT)
        editor.list.setCurrentRow(1)
        conclusion = texts.item_part(story.items[0], "conclusion")
        field = editor.editors[conclusion]
        field.setFocus()
        field.insertPlainText("Thống nhất trình HĐND tỉnh Dự thảo Nghị quyết")
        qtbot.keyClicks(field, ".")

        def saved() -> str | None:
            with w.store.read() as s:
                row = s.get(MinutesText, texts.text_id(story.meeting_id, conclusion))
                return row.text if row is not None else None

        qtbot.waitUntil(lambda: saved() == "Thống nhất trình HĐND tỉnh Dự thảo Nghị quyết.", timeout=WAIT)

        pdf = tmp_path / "bien-ban.pdf"
        editor.export("pdf", pdf)
        qtbot.waitUntil(pdf.exists, timeout=WAIT)
        text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                                       text=True).stdout.split())
        assert "Kết luận: Thống nhất trình HĐND tỉnh Dự thảo Nghị quyết." in text
        assert "Biên bản kiểm phiếu" in text  # the secret ballot's record, from the desk's own session

        qtbot.mouseClick(editor.draft_button, Qt.MouseButton.LeftButton)

        def drafted() -> str | None:
            with w.store.read() as s:
                meeting = s.get(Meeting, story.meeting_id)
                return meeting.minutes_document_id if meeting is not None else None

        qtbot.waitUntil(lambda: drafted() is not None, timeout=WAIT)
        draft_id = drafted()
        assert draft_id is not None

        # Ký số: the secretary's signature first, in the left (THƯ KÝ) block
        window.activateWindow()
        signing.key_files = [card]
        qtbot.waitUntil(lambda: documents.counts.get(Box.DRAFTS_TO_APPROVE) == 1, timeout=WAIT)
        documents.box_actions[5].trigger()  # drafts to approve: hers to sign first
        click_row(qtbot, window, draft_id)
        assert documents.detail_pane.field_labels["cosigner"].text() == "THƯ KÝ, Trần Thị Thu — chưa ký số"
        assert signing.act_sign.isEnabled()
        signing.act_sign.trigger()
        qtbot.waitUntil(lambda: signing.sign_flow.dialog is not None and signing.sign_flow.dialog.box is not None,
                        timeout=WAIT)
        with w.store.read() as s:
            source = blobs.path_for(s.get(Document, draft_id).files[0].digest)
        assert signing.sign_flow.dialog.box.rect() == find_signer_box(source, "THƯ KÝ", "Trần Thị Thu").rect()
        sign_in_dialog(qtbot, window, 0)
        panel_shows(qtbot, window, 1)
        assert documents.detail_pane.field_labels["cosigner"].text() == "THƯ KÝ, Trần Thị Thu — đã ký số"
        with w.store.read() as s:
            main = s.get(Document, draft_id).files[0]
            assert main.signed_kinds == "cosigner"
            signed = blobs.path_for(main.digest)
        assert_pdfsig_valid(signed, 1)
    finally:
        for top in (getattr(page, "minutes_window", None),):
            if top is not None:
                top.close()
        window.close()
