"""Cấp số, ban hành as one action with visible steps, through the real widgets.

The leader has signed the draft (which certifies it and leaves the number and date fields
open); the clerk's "Cấp số, ban hành…" numbers it, writes the number and date into the PDF,
opens the seal's dialog (the PIN), and the document is issued — only then. Closing the
seal's dialog leaves it numbered, still waiting for the clerk, and opening issuing again
goes on with the seal, over the same filled file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from eoffice.documents import operations as ops
from eoffice.documents.boxes import Box, box_condition
from eoffice.documents.models import Document
from eoffice.ops import FileRef
from eoffice.signing import images
from eoffice.signing.appearance import Appearance, Kind
from eoffice.signing.filling import issue_fields
from eoffice.signing.keys import open_pkcs12
from eoffice.signing.pades import sign_pdf
from eoffice.signing.trust import add_trusted_root
from eoffice.signing.verify import verify_pdf
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore
from eoffice.sync.desk import Desk
from tests.conftest import World
from tests.signing.conftest import PASSWORD, Pki, assert_pdfsig_valid, have_font, need, qpdf_check
from tests.ui.helpers import click_row
from tests.ui.signing.test_signing_widgets import answer_pin
from tests.ui.test_signing_desktop import no_tokens, set_image, submitted_draft

WAIT = 30_000


def dated_letter(path: Path) -> Path:
    """A letter whose header leaves the number and the date blank, as a draft does."""
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    from eoffice.demo.pdfs import write_document

    return write_document(
        path, organ_name="Ủy ban nhân dân tỉnh Nghệ An", number_label="", type_name="Công văn",
        subject="Về việc chuyển đổi số", body="Nội dung dự thảo. " * 10, signer_position="Chủ tịch",
        signer_full_name="Nguyễn Văn Đức", place_date="Nghệ An, ngày      tháng      năm 2026",
    )


def signed_by_the_leader(w: World, blobs: BlobStore, pki: Pki, tmp_path: Path) -> str:
    """The officer's draft, signed by the leader on the desk (which checks it as the server would)."""
    with w.store.write() as s:
        add_trusted_root(s, pki.root.pem)
    doc_id = submitted_draft(w, blobs, dated_letter(tmp_path / "du-thao.pdf"))
    with w.store.read() as s:
        main = s.get(Document, doc_id).files[0]
        file_id, digest = main.id, main.digest
    appearance = Appearance(
        Kind.SIGNER, image=images.signature_image("Nguyễn Văn Đức"), title="Chủ tịch", name="Nguyễn Văn Đức",
        seal_image=images.seal_image("Ủy ban nhân dân tỉnh Nghệ An"),
    )
    out = sign_pdf(blobs.path_for(digest), tmp_path / "signed.pdf", open_pkcs12(pki.p12("signer"), PASSWORD),
                   appearance).output
    signed, size = blobs.put_file(out)
    op = ops.SignFile(new_id(), doc_id, file_id, digest, FileRef(signed, "du-thao.pdf", size, 1), "signer")
    with w.store.write() as s:
        Desk(blobs).apply(s, w.leader_id, op)
    return doc_id


def waiting_for_clerk(w: World, doc_id: str) -> bool:
    from sqlalchemy import select

    from eoffice.directory.models import User

    with w.store.read() as s:
        clerk = s.get(User, w.clerk_id)
        today = date.today()
        found = s.scalars(select(Document.id).where(box_condition(Box.WAITING_FOR_ME, clerk, today, today)))
        return doc_id in set(found)


def open_issuing(qtbot, window, doc_id: str):  # type: ignore[no-untyped-def]
    window.section("documents").box_actions[2].trigger()  # waiting for me
    click_row(qtbot, window, doc_id)
    documents = window.section("documents")
    qtbot.waitUntil(lambda: documents.act_issue.isEnabled(), timeout=WAIT)
    documents.act_issue.trigger()
    dialog = window.section("signing").issue_dialog
    qtbot.waitUntil(lambda: dialog.progress is not None and dialog.continue_button.isEnabled(), timeout=WAIT)
    return dialog


def seal_dialog(qtbot, dialog):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: dialog.sign_flow is not None and dialog.sign_flow.dialog is not None, timeout=WAIT)
    sign = dialog.sign_flow.dialog
    qtbot.waitUntil(lambda: sign.box_item is not None, timeout=WAIT)
    return sign


def seal(qtbot, dialog, pki: Pki) -> None:  # type: ignore[no-untyped-def]
    sign = seal_dialog(qtbot, dialog)
    assert sign.chooser.current().path == pki.p12("agency")  # the organisation's card first
    answer_pin(qtbot, PASSWORD)
    with qtbot.waitSignal(dialog.issued, timeout=WAIT):
        qtbot.mouseClick(sign.sign_button, Qt.LeftButton)


def prepare_clerk(qtbot, window, pki: Pki, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    signing = window.section("signing")
    signing.key_files = [pki.p12("signer"), pki.p12("agency")]
    signing.settings_file = no_tokens(tmp_path)
    seal_png = tmp_path / "con-dau.png"
    seal_png.write_bytes(images.seal_image("Ủy ban nhân dân tỉnh Nghệ An"))
    set_image(qtbot, window, seal_png, "seal")


@pytest.fixture
def other_organisation(ui_world: World) -> str:
    """A second organisation of the province, to deliver to (made before the window reads the directory)."""
    from eoffice.directory.admin import create_organisation

    with ui_world.store.write() as s:
        return create_organisation(s, "000.00.12.H41", "Sở Nội vụ tỉnh Nghệ An", "SNV").id


def test_issuing_numbers_fills_in_and_seals_in_one_action(
    qtbot, other_organisation, window, ui_world, blobs, test_pki: Pki, tmp_path
):
    w = ui_world
    doc_id = signed_by_the_leader(w, blobs, test_pki, tmp_path)
    prepare_clerk(qtbot, window, test_pki, tmp_path)
    dialog = open_issuing(qtbot, window, doc_id)
    assert dialog.details["number"].text() == "Chưa cấp số."
    assert dialog.states == {"number": "current", "fill": "waiting", "seal": "waiting", "issued": "waiting",
                             "deliver": "waiting"}
    qtbot.keyClick(dialog.continue_button, Qt.Key_Space)  # keyboard: the default button

    # numbered, filled, and the seal's dialog opens at once: the PIN is the only thing asked
    sign = seal_dialog(qtbot, dialog)
    assert dialog.states["number"] == "done" and "01/UBND-VP" in dialog.details["number"].text()
    assert dialog.states["fill"] == "done" and dialog.states["seal"] == "current"
    assert sign.reason.text().startswith("Đóng dấu, ban hành văn bản số 01/UBND-VP ngày ")
    with w.store.read() as s:
        assert s.get(Document, doc_id).state == "numbered"  # not "Đã ban hành" before the seal
    assert waiting_for_clerk(w, doc_id)
    seal(qtbot, dialog, test_pki)

    qtbot.waitUntil(lambda: dialog.states.get("issued") == "done", timeout=WAIT)
    assert "01/UBND-VP" in dialog.details["issued"].text()
    assert not dialog.continue_button.isEnabled()
    # the last step: Phát hành to the other organisation, from the same dialog
    assert dialog.states["deliver"] == "current" and dialog.deliver_button.isEnabled()
    qtbot.mouseClick(dialog.deliver_button, Qt.LeftButton)
    deliver = window.section("documents").dialog
    deliver.organisations.item(0).setCheckState(Qt.Checked)
    qtbot.mouseClick(deliver.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.states.get("deliver") == "done", timeout=WAIT)
    assert "1" in dialog.details["deliver"].text()
    with w.store.read() as s:
        from sqlalchemy import select

        copies = s.scalars(select(Document).where(Document.organisation_id == other_organisation)).all()
        assert [c.direction for c in copies] == ["incoming"]
    with w.store.read() as s:
        doc = s.get(Document, doc_id)
        assert (doc.state, doc.number_label) == ("issued", "01/UBND-VP")
        assert doc.files[0].signed_kinds == "signer,agency"
        final = blobs.path_for(doc.files[0].digest)
    assert not waiting_for_clerk(w, doc_id)
    day = date.today()
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    assert issue_fields(final).filled == {
        "number": "01/UBND-VP", "date": f"ngày {day.day:02d} tháng {month} năm {day.year}"
    }
    report = verify_pdf(final, [test_pki.root.cert])
    assert report.ok, [s.problems for s in report.signatures]
    leader, agency = report.signatures
    assert leader.changes_after == "form_filling" and leader.filled_after == ("number", "date", "agency-seal")
    assert agency.changes_after == "none"
    assert_pdfsig_valid(final, 2)
    qpdf_check(final)
    dialog.close()


def test_issuing_resumes_at_the_seal_with_the_same_filled_file(
    qtbot, window, ui_world, blobs, test_pki: Pki, tmp_path
):
    w = ui_world
    doc_id = signed_by_the_leader(w, blobs, test_pki, tmp_path)
    prepare_clerk(qtbot, window, test_pki, tmp_path)
    dialog = open_issuing(qtbot, window, doc_id)
    qtbot.mouseClick(dialog.continue_button, Qt.LeftButton)
    sign = seal_dialog(qtbot, dialog)
    filled = dialog.progress.filled_digest
    assert filled is not None and blobs.has(filled)
    filled_bytes = blobs.path_for(filled).read_bytes()
    sign.reject()  # the clerk closes the seal's dialog: numbered, filled, not sealed
    qtbot.waitUntil(lambda: dialog.continue_button.isEnabled(), timeout=WAIT)
    assert dialog.states["seal"] == "current"
    dialog.close()
    with w.store.read() as s:
        assert s.get(Document, doc_id).state == "numbered"
    assert waiting_for_clerk(w, doc_id)  # still in "Chờ tôi xử lý", and counted there in the sidebar
    qtbot.waitUntil(lambda: window.section("documents").counts.get(Box.WAITING_FOR_ME) == 1, timeout=WAIT)

    # "Ký số" on it again (still on screen): issuing goes on with the seal, over the file already filled
    assert window.section("documents").current.id == doc_id
    signing = window.section("signing")
    qtbot.waitUntil(lambda: signing.act_sign.isEnabled(), timeout=WAIT)
    signing.act_sign.trigger()
    again = signing.issue_dialog
    assert again is not dialog
    qtbot.waitUntil(lambda: again.progress is not None, timeout=WAIT)
    assert again.states["number"] == "done" and again.states["fill"] == "done" and again.states["seal"] == "current"
    assert again.progress.filled_digest == filled
    qtbot.mouseClick(again.continue_button, Qt.LeftButton)
    seal(qtbot, again, test_pki)
    with w.store.read() as s:
        doc = s.get(Document, doc_id)
        assert doc.state == "issued"
        final = blobs.path_for(doc.files[0].digest)
    assert final.read_bytes().startswith(filled_bytes)  # sealed over the file filled before
    assert verify_pdf(final, [test_pki.root.cert]).ok
    qtbot.waitUntil(lambda: window.section("documents").counts.get(Box.WAITING_FOR_ME) == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: not blobs.has(filled), timeout=WAIT)  # the filled copy is not kept once sealed


def test_on_a_synced_desktop_the_number_needs_the_server_then_issuing_goes_on_to_the_seal(
    qtbot, store, province, tmp_path, test_pki: Pki
):
    from tests.ui.test_synced_desktop import _close, _desk

    w = province.world
    doc_id = signed_by_the_leader(w, province.blobs, test_pki, tmp_path)  # on the server
    clerk = _desk(qtbot, province, tmp_path, "vanthu")
    try:
        prepare_clerk(qtbot, clerk, test_pki, tmp_path)
        area = clerk.sync_area
        qtbot.waitUntil(lambda: clerk.account.engine.status().pending == 0, timeout=WAIT)  # the seal image sent
        clerk.section("documents").box_actions[2].trigger()  # waiting for me
        click_row(qtbot, clerk, doc_id)
        panel = clerk.section("documents").detail_pane.signatures
        qtbot.waitUntil(lambda: panel.report is not None and len(panel.report.signatures) == 1, timeout=WAIT)

        # Offline: the number is the server's, and the dialog says so; nothing is queued.
        province.server.stop()
        clerk.account.engine.wake()
        qtbot.waitUntil(lambda: area.state.text().startswith("Ngoại tuyến"), timeout=WAIT)
        clerk.section("documents").act_issue.trigger()
        dialog = clerk.section("signing").issue_dialog
        qtbot.waitUntil(lambda: dialog.progress is not None and dialog.continue_button.isEnabled(), timeout=WAIT)
        qtbot.mouseClick(dialog.continue_button, Qt.LeftButton)
        assert dialog.error_text.startswith("Cần kết nối máy chủ để cấp số")
        assert dialog.states["number"] == "failed" and dialog.banner.isVisible()
        assert clerk.account.engine.status().pending == 0
        with clerk.account.store.read() as s:
            assert s.get(Document, doc_id).state == "approved"

        # Online again: Continue asks the number, waits for the server's answer, fills, opens the seal.
        province.restart()
        clerk.account.engine.wake()
        qtbot.waitUntil(lambda: area.state.text() == "Trực tuyến", timeout=WAIT)
        qtbot.mouseClick(dialog.continue_button, Qt.LeftButton)
        assert not dialog.banner.isVisible()
        sign = seal_dialog(qtbot, dialog)
        assert "01/UBND-VP" in dialog.details["number"].text() and dialog.states["fill"] == "done"
        assert sign.reason.text().startswith("Đóng dấu, ban hành văn bản số 01/UBND-VP ngày ")
        seal(qtbot, dialog, test_pki)

        # The server checked the sealed file and accepted it: issued there, both signatures valid.
        qtbot.waitUntil(lambda: clerk.account.engine.status().pending == 0, timeout=WAIT)
        assert clerk.account.engine.status().rejected == ()
        with province.store.read() as s:
            doc = s.get(Document, doc_id)
            assert (doc.state, doc.number_label) == ("issued", "01/UBND-VP")
            final = province.blobs.path_for(doc.files[0].digest)
        assert issue_fields(final).filled["number"] == "01/UBND-VP"
        report = verify_pdf(final, [test_pki.root.cert])
        assert report.ok and report.signatures[0].filled_after == ("number", "date", "agency-seal")
        assert_pdfsig_valid(final, 2)
        dialog.close()
    finally:
        _close(clerk)
