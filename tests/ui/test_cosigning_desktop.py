"""Ký số of minutes by two people through the real widgets: the secretary (the draft's
co-signer, THƯ KÝ) signs first, then the chair (CHỦ TỌA) — on a standalone database,
whose desk is the authority and checks the signed bytes and whose card it was."""

from __future__ import annotations

from pathlib import Path

from eoffice.directory.admin import create_user
from eoffice.directory.models import Role
from eoffice.documents import outgoing
from eoffice.documents.boxes import Box
from eoffice.documents.fields import DocumentFields
from eoffice.documents.incoming import prepare_files
from eoffice.documents.models import Document
from eoffice.signing import pki
from eoffice.signing.placement import existing_signatures, find_signer_box
from eoffice.signing.trust import add_trusted_root
from tests.conftest import need
from tests.signing.conftest import PASSWORD, Pki, assert_pdfsig_valid, have_font
from tests.signing.minutes_pdf import CHAIR, CHAIR_TITLE, SECRETARY, SECRETARY_TITLE, write_minutes
from tests.ui.helpers import click_row, switch_user
from tests.ui.test_signing_desktop import WAIT, no_tokens, panel_shows, sign_in_dialog


def test_the_secretary_signs_the_minutes_first_then_the_chair(qtbot, ui_world, blobs, test_pki: Pki, tmp_path: Path):
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    from eoffice.ui.app import create_main_window

    w = ui_world
    card = tmp_path / "thuky.p12"
    card.write_bytes(pki.pkcs12_bytes(
        pki.issue_signer(test_pki.intermediate, pki.name(SECRETARY, "UBND tỉnh Nghệ An")),
        [test_pki.intermediate.cert], PASSWORD, "thuky",
    ))
    minutes = write_minutes(tmp_path / "bien-ban.pdf")
    with w.store.write() as s:
        add_trusted_root(s, test_pki.root.pem)
        secretary_id = create_user(
            s, "thuky", SECRETARY, w.org_id, {Role.OFFICER}, w.office_unit_id, "Chánh Văn phòng"
        ).id
        fields = DocumentFields(
            type_name="Biên bản", subject="Phiên họp thường kỳ tháng 12", signer_position=CHAIR_TITLE
        )
        doc = outgoing.create_draft(
            s, secretary_id, fields, prepare_files([minutes], blobs),
            cosigner_id=secretary_id, cosigner_position=SECRETARY_TITLE,
        )
        outgoing.submit_draft(s, secretary_id, doc.id, w.leader_id)
        draft_id = doc.id
    window = create_main_window(w.store, blobs, w.leader_id, [
        (w.leader_id, "Nguyễn Văn Đức — lãnh đạo"), (secretary_id, "Trần Thị Thẻ — thư ký"),
    ])
    qtbot.addWidget(window)
    window.show()
    signing, documents = window.section("signing"), window.section("documents")
    signing.settings_file = no_tokens(tmp_path)
    try:
        # the chair sees the minutes awaiting the secretary: not his turn yet
        qtbot.waitUntil(lambda: bool(documents.counts), timeout=WAIT)
        documents.box_actions[5].trigger()  # drafts to approve
        click_row(qtbot, window, draft_id)
        assert documents.detail_pane.field_labels["cosigner"].text() == "THƯ KÝ, Trần Thị Thẻ — chưa ký số"
        assert not signing.act_sign.isEnabled()

        # the secretary, in her drafts: Ký số puts her signature in the left block
        switch_user(qtbot, window, secretary_id)
        signing.key_files = [card]
        qtbot.waitUntil(lambda: documents.counts.get(Box.DRAFTS_TO_APPROVE) == 1, timeout=WAIT)  # awaits her
        documents.box_actions[5].trigger()  # drafts to approve: hers to sign first
        click_row(qtbot, window, draft_id)
        assert signing.act_sign.isEnabled()
        signing.act_sign.trigger()
        qtbot.waitUntil(lambda: signing.sign_flow.dialog is not None and signing.sign_flow.dialog.box is not None,
                        timeout=WAIT)
        dialog = signing.sign_flow.dialog
        assert dialog.windowTitle() == "Ký số dự thảo trước lãnh đạo"
        assert dialog.reason.text() == "Ký văn bản (người ký trước)"
        assert dialog.box.rect() == find_signer_box(minutes, SECRETARY_TITLE, SECRETARY).rect()
        sign_in_dialog(qtbot, window, 0)
        panel_shows(qtbot, window, 1)
        assert documents.current.state == "submitted"
        assert documents.detail_pane.field_labels["cosigner"].text() == "THƯ KÝ, Trần Thị Thẻ — đã ký số"
        assert not signing.act_sign.isEnabled()  # signed once
        qtbot.waitUntil(lambda: documents.counts.get(Box.DRAFTS_TO_APPROVE) == 0, timeout=WAIT)

        # the chair now signs, into the right block, which approves the minutes
        switch_user(qtbot, window, w.leader_id)
        signing.key_files = [test_pki.p12("signer")]
        documents.box_actions[5].trigger()
        click_row(qtbot, window, draft_id)
        assert signing.act_sign.isEnabled()
        signing.act_sign.trigger()
        qtbot.waitUntil(lambda: signing.sign_flow.dialog is not None and signing.sign_flow.dialog.box is not None,
                        timeout=WAIT)
        chair_box = signing.sign_flow.dialog.box
        assert chair_box.fixed and chair_box.rect() == find_signer_box(minutes, CHAIR_TITLE, CHAIR).rect()
        sign_in_dialog(qtbot, window, 0)
        qtbot.waitUntil(lambda: documents.current is not None and documents.current.state == "approved",
                        timeout=WAIT)
        panel_shows(qtbot, window, 2)
        panel = documents.detail_pane.signatures
        assert [panel.model.index(i, 0).data() for i in range(2)] == [SECRETARY, CHAIR]
        with w.store.read() as s:
            main = s.get(Document, draft_id).files[0]
            assert main.signed_kinds == "cosigner,signer"
            final = blobs.path_for(main.digest)
        assert_pdfsig_valid(final, 2)
        assert [sig.field_name.split("-")[0] for sig in existing_signatures(final)] == ["cosigner", "approver"]
    finally:
        window.close()


def test_the_co_signers_plan_finds_the_leaders_block_before_the_draft_is_submitted(
    ui_world, blobs, tmp_path: Path
):
    """On a draft not yet submitted (or under review by a head of unit) the leader who is to
    sign is not known but from the draft's signer fields: they name the approver's block."""
    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    from eoffice.signing.appearance import Kind
    from eoffice.ui.signing.flow import plan_signature

    w = ui_world
    minutes = write_minutes(tmp_path / "bien-ban.pdf")
    with w.store.write() as s:
        secretary_id = create_user(
            s, "thuky", SECRETARY, w.org_id, {Role.OFFICER}, w.office_unit_id, "Chánh Văn phòng"
        ).id
        fields = DocumentFields(
            type_name="Biên bản", subject="Phiên họp", signer_position=CHAIR_TITLE, signer_full_name=CHAIR
        )
        doc = outgoing.create_draft(
            s, w.officer_id, fields, prepare_files([minutes], blobs),
            cosigner_id=secretary_id, cosigner_position=SECRETARY_TITLE,
        )
        plan = plan_signature(s, blobs, secretary_id, doc.id, doc.files[0].id, "cosigner")
    look = plan.appearance
    assert (look.kind, look.title, look.name) == (Kind.COSIGNER, SECRETARY_TITLE, SECRETARY)
    assert (look.approver_title, look.approver_name) == (CHAIR_TITLE, CHAIR)
    assert plan.reason == "Ký văn bản (người ký trước)"
