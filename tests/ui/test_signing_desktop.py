"""Ký số through the real widgets: the leader signs a draft, the clerk numbers and seals it,
the signatures panel shows each step, and a received PDF is verified on registration.

On a standalone database (the desk is the authority and checks the signed bytes itself)
and, for the leader's part, on a desktop synced with a real server over loopback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from eoffice.documents import outgoing
from eoffice.documents.fields import DocumentFields
from eoffice.documents.incoming import prepare_files
from eoffice.documents.models import Document, DocumentFile
from eoffice.signing import images
from eoffice.signing.appearance import Appearance, Kind
from eoffice.signing.keys import open_pkcs12
from eoffice.signing.pades import sign_pdf
from eoffice.signing.settings import SigningSettings, save_settings
from eoffice.signing.trust import add_trusted_root
from eoffice.store.blobs import BlobStore
from tests.conftest import World
from tests.signing.conftest import PASSWORD, Pki, assert_pdfsig_valid, qpdf_check
from tests.ui.helpers import click_row, drop_files, switch_user, type_text
from tests.ui.signing.test_signing_widgets import answer_pin

WAIT = 30_000


def submitted_draft(world: World, blobs: BlobStore, pdf: Path) -> str:
    """The officer's draft with ``pdf``, submitted to the leader."""
    files = prepare_files([pdf], blobs)
    with world.store.write() as s:
        fields = DocumentFields(type_name="Công văn", subject="Về việc chuyển đổi số")
        doc = outgoing.create_draft(s, world.officer_id, fields, files)
        outgoing.submit_draft(s, world.officer_id, doc.id, world.leader_id)
        return doc.id


def no_tokens(tmp_path: Path) -> Path:
    """This machine's signing settings: no PKCS#11 module to scan (the cards are files here)."""
    return save_settings(SigningSettings(pkcs11_modules=()), tmp_path / "signing.json")


def set_image(qtbot, window, png: Path, which: str) -> None:  # type: ignore[no-untyped-def]
    window.section("signing").act_profile.trigger()
    dialog = window.section("signing").profile_dialog
    dialog.ask_file = lambda: str(png)
    box = dialog.signature if which == "signature" else dialog.seal
    assert box.isVisible()
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        qtbot.mouseClick(box.choose_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: box.has_image, timeout=WAIT)
    dialog.close()


def sign_in_dialog(qtbot, window, key_row: int) -> None:  # type: ignore[no-untyped-def]
    """The sign dialog the flow opened: wait for the preview, pick the key, sign with the PIN."""
    qtbot.waitUntil(
        lambda: window.section("signing").sign_flow is not None
        and window.section("signing").sign_flow.dialog is not None,
        timeout=WAIT,
    )
    dialog = window.section("signing").sign_flow.dialog
    qtbot.waitUntil(lambda: dialog.box_item is not None, timeout=WAIT)
    dialog.chooser.select(key_row)
    assert dialog.sign_button.isEnabled()
    answer_pin(qtbot, PASSWORD)
    with qtbot.waitSignal(window.changed, timeout=WAIT):
        qtbot.mouseClick(dialog.sign_button, Qt.LeftButton)


def panel_shows(qtbot, window, count: int) -> None:  # type: ignore[no-untyped-def]
    panel = window.section("documents").detail_pane.signatures
    qtbot.waitUntil(lambda: panel.report is not None and len(panel.report.signatures) == count, timeout=WAIT)
    assert panel.report.ok and "hợp lệ" in panel.banner.text() and "KHÔNG" not in panel.banner.text()


def test_the_leader_signs_the_draft_and_the_clerk_issues_and_seals_it(
    qtbot, window, ui_world, blobs, letter, test_pki: Pki, tmp_path
):
    w = ui_world
    with w.store.write() as s:
        add_trusted_root(s, test_pki.root.pem)
    draft_id = submitted_draft(w, blobs, letter)
    window.section("signing").key_files = [test_pki.p12("signer"), test_pki.p12("agency")]
    window.section("signing").settings_file = no_tokens(tmp_path)
    signature_png, seal_png = tmp_path / "chu-ky.png", tmp_path / "con-dau.png"
    signature_png.write_bytes(images.signature_image("Nguyễn Văn Đức"))
    seal_png.write_bytes(images.seal_image("Ủy ban nhân dân tỉnh Nghệ An"))

    # The leader keeps a signature image in their profile, opens the draft: it is unsigned.
    switch_user(qtbot, window, w.leader_id)
    assert not window.menu("admin").menuAction().isVisible()  # not an admin
    set_image(qtbot, window, signature_png, "signature")
    window.section("documents").box_actions[5].trigger()  # drafts to approve
    click_row(qtbot, window, draft_id)
    panel = window.section("documents").detail_pane.signatures
    qtbot.waitUntil(lambda: panel.report is not None, timeout=WAIT)
    assert panel.report.signatures == () and "không có chữ ký số" in panel.banner.text()
    assert window.section("signing").act_sign.isEnabled()

    # Ký số: the box sits on the signature block; the PIN dialog asks for the card's password.
    window.section("signing").act_sign.trigger()
    qtbot.waitUntil(
        lambda: window.section("signing").sign_flow.dialog is not None
        and window.section("signing").sign_flow.dialog.box is not None,
        timeout=WAIT,
    )
    assert window.section("signing").sign_flow.dialog.box.found
    assert window.section("signing").sign_flow.dialog.reason.text() == "Ký duyệt văn bản"
    sign_in_dialog(qtbot, window, 0)
    qtbot.waitUntil(
        lambda: window.section("documents").current is not None
        and window.section("documents").current.state == "approved",
        timeout=WAIT,
    )
    panel_shows(qtbot, window, 1)
    assert panel.model.index(0, 0).data() == "Nguyễn Văn Đức"
    assert not window.section("signing").act_sign.isEnabled()  # signed once

    # The clerk: "Ký số" on the approved document opens issuing's steps: the number, then the seal.
    switch_user(qtbot, window, w.clerk_id)
    set_image(qtbot, window, seal_png, "seal")
    window.section("documents").box_actions[2].trigger()  # waiting for me
    click_row(qtbot, window, draft_id)
    assert window.section("signing").act_sign.isEnabled() and window.section("documents").act_issue.isEnabled()
    window.section("signing").act_sign.trigger()
    issuing = window.section("signing").issue_dialog
    qtbot.waitUntil(lambda: issuing.continue_button.isEnabled(), timeout=WAIT)
    qtbot.mouseClick(issuing.continue_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: issuing.sign_flow is not None and issuing.sign_flow.dialog is not None, timeout=WAIT)
    seal_dialog = issuing.sign_flow.dialog
    assert seal_dialog.reason.text().startswith("Đóng dấu, ban hành văn bản số 01/UBND-VP ngày ")
    assert seal_dialog.chooser.current().path == test_pki.p12("agency")  # the organisation's card first
    qtbot.waitUntil(lambda: seal_dialog.box_item is not None, timeout=WAIT)
    answer_pin(qtbot, PASSWORD)
    with qtbot.waitSignal(issuing.issued, timeout=WAIT):
        qtbot.mouseClick(seal_dialog.sign_button, Qt.LeftButton)
    issuing.close()
    panel_shows(qtbot, window, 2)
    assert [panel.model.index(i, 0).data() for i in range(2)] == ["Nguyễn Văn Đức", "Ủy ban nhân dân tỉnh Nghệ An"]
    assert not window.section("signing").act_sign.isEnabled()

    with w.store.read() as s:
        doc = s.get(Document, draft_id)
        assert (doc.state, doc.number_label) == ("issued", "01/UBND-VP")
        main = doc.files[0]
        assert main.signed_kinds == "signer,agency"
        final = blobs.path_for(main.digest)
    assert_pdfsig_valid(final, 2)
    qpdf_check(final)


def test_a_received_pdf_is_verified_on_registration_and_an_untrusted_one_returned(
    qtbot, window, ui_world, blobs, letter, test_pki: Pki, tmp_path
):
    w = ui_world
    with w.store.write() as s:
        add_trusted_root(s, test_pki.root.pem)
    signer = open_pkcs12(test_pki.p12("signer"), PASSWORD)
    trusted = sign_pdf(letter, tmp_path / "tin-cay.pdf", signer, Appearance(Kind.SIGNER)).output
    stranger = open_pkcs12(test_pki.p12("stranger"), PASSWORD)
    untrusted = sign_pdf(letter, tmp_path / "la.pdf", stranger, Appearance(Kind.SIGNER)).output

    window.section("documents").act_register.trigger()
    dialog = window.section("documents").dialog
    drop_files(dialog, [trusted])
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT)
    assert dialog.signatures.text().startswith("Hợp lệ") and "Nguyễn Văn Đức" in dialog.signatures.text()
    assert not dialog.return_button.isVisible()

    dialog.files.list.setCurrentRow(0)
    qtbot.mouseClick(dialog.files.remove_button, Qt.LeftButton)
    drop_files(dialog, [untrusted])
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.files.paths == [untrusted], timeout=WAIT)
    text = dialog.signatures.text()
    assert text.startswith("KHÔNG TIN CẬY") and "Người Lạ" in text and "tin cậy" in text
    assert dialog.return_button.isVisible() and "tin cậy" in dialog.return_reason.text()

    type_text(dialog.organ_name, "Sở Nội vụ tỉnh Nghệ An")
    type_text(dialog.code_number, "31")
    type_text(dialog.code_notation, "SNV-VP")
    type_text(dialog.subject.edit, "Về việc chuyển đổi số")
    with qtbot.waitSignal(window.changed, timeout=WAIT):
        qtbot.mouseClick(dialog.return_button, Qt.LeftButton)
    assert dialog.returned
    with w.store.read() as s:
        doc = s.get(Document, dialog.document_id)
        assert doc.state == "returned" and doc.arrival_number == 1  # in the register, with the reason
        assert "không thuộc tổ chức chứng thực được tin cậy" in doc.return_reason
        assert s.query(DocumentFile).filter_by(document_id=doc.id).count() == 1


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_on_a_synced_desktop_the_server_checks_the_leaders_signature(
    qtbot, store, province, tmp_path, letter, test_pki: Pki
):
    from tests.ui.test_synced_desktop import _close, _desk

    w = province.world
    with province.store.write() as s:
        add_trusted_root(s, test_pki.root.pem)
    draft_id = submitted_draft(w, province.blobs, letter)  # the officer's, on the server
    leader = _desk(qtbot, province, tmp_path, "lanhdao")
    try:
        leader.section("signing").key_files = [test_pki.p12("signer")]
        leader.section("signing").settings_file = no_tokens(tmp_path)
        leader.section("documents").box_actions[5].trigger()  # drafts to approve
        click_row(qtbot, leader, draft_id)
        panel = leader.section("documents").detail_pane.signatures
        qtbot.waitUntil(lambda: panel.report is not None, timeout=WAIT)  # its PDF fetched from the server
        current = leader.section("documents").current
        assert current is not None and current.trust_roots == [test_pki.root.cert]  # pulled
        leader.section("signing").act_sign.trigger()
        sign_in_dialog(qtbot, leader, 0)
        panel_shows(qtbot, leader, 1)
        # Applied here at once; the server verifies the uploaded PDF, then says so.
        qtbot.waitUntil(lambda: leader.account.engine.status().pending == 0, timeout=WAIT)
        assert leader.account.engine.status().rejected == ()
        qtbot.waitUntil(
            lambda: any("kiểm tra và chấp nhận" in n.text for n in leader.notifications.items), timeout=WAIT
        )
        with province.store.read() as s:
            doc = s.get(Document, draft_id)
            assert doc.state == "approved" and doc.files[0].signed_kinds == "signer"
            assert_pdfsig_valid(province.blobs.path_for(doc.files[0].digest), 1)
    finally:
        _close(leader)
