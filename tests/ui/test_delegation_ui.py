"""Ủy quyền through the widgets: the leader names a deputy for some days, the deputy finds
the leader's waiting documents marked "Thay: <leader>" and approves the leader's draft in
their stead, and the leader revokes the delegation, which empties the deputy's boxes of them."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from eoffice.audit.models import AuditEvent
from eoffice.directory.admin import create_user
from eoffice.directory.models import Role, User
from eoffice.documents import operations as ops
from eoffice.documents.boxes import Box
from eoffice.documents.directions import LineSpec, direct
from eoffice.documents.models import Document
from eoffice.documents.types import LineRole
from eoffice.ops import ISODate
from eoffice.store.base import new_id
from tests.documents.workflow_helpers import register
from tests.ui.helpers import click_row, switch_user, type_text

#: Where the screenshots of the screens go, when set (to look at them).
SHOTS = os.environ.get("EOFFICE_SHOTS")


def shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


@pytest.fixture
def deputy_id(ui_world) -> str:  # type: ignore[no-untyped-def]
    with ui_world.store.write() as s:
        return create_user(
            s, "phochutich", "Hoàng Văn Phúc", ui_world.org_id, {Role.LEADER}, ui_world.office_unit_id, "Phó Chủ tịch"
        ).id


@pytest.fixture
def leader_window(qtbot, ui_world, blobs, deputy_id):  # type: ignore[no-untyped-def]
    from eoffice.ui.app import create_main_window

    w = ui_world
    demo = [(w.leader_id, "Nguyễn Văn Đức — lãnh đạo"), (deputy_id, "Hoàng Văn Phúc — lãnh đạo")]
    win = create_main_window(w.store, blobs, w.leader_id, demo)
    win.resize(1366, 768)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: bool(win.section("documents").counts), timeout=10_000)
    yield win
    win.close()


def test_a_deputy_acts_for_the_absent_leader_until_the_delegation_is_revoked(
    qtbot, leader_window, ui_world, deputy_id, blobs, pdf_factory
):
    w, window = ui_world, leader_window
    docs = window.section("documents")
    today = date.today()
    # the leader's own line on an incoming document, and a draft submitted to the leader
    incoming = register(w, blobs, pdf_factory, arrival_date=today, issued_date=today - timedelta(days=1))
    with w.store.write() as s:
        direct(s, w.leader_id, incoming, "Tôi trực tiếp xử lý.", [LineSpec(LineRole.LEAD, user_id=w.leader_id)])
    from eoffice.documents.incoming import prepare_files
    from eoffice.ops import FileRef, registry

    prepared = prepare_files([pdf_factory(subject="Về việc báo cáo quý")], blobs)[0]
    draft_id = new_id()
    with w.store.write() as s:
        registry.apply(s, w.officer_id, ops.CreateDraft(
            new_id(), draft_id, {"type_name": "Công văn", "subject": "Về việc báo cáo quý"},
            (FileRef(prepared.digest, prepared.filename, prepared.size, prepared.page_count, prepared.text),),
        ), authority=True)
        registry.apply(s, w.officer_id, ops.SubmitDraft(new_id(), draft_id, w.leader_id), authority=True)

    # the deputy has nothing of the leader's yet
    switch_user(qtbot, window, deputy_id)
    assert docs.counts[Box.DRAFTS_TO_APPROVE] == 0
    switch_user(qtbot, window, w.leader_id)

    # the leader: Văn bản → Ủy quyền…
    assert docs.act_delegate.isEnabled()
    docs.act_delegate.trigger()
    dialog = docs.dialog
    assert dialog.windowTitle() == "Ủy quyền xử lý thay"
    assert dialog.deputy.findData(w.leader_id) < 0, "one does not delegate to oneself"
    assert dialog.deputy.findData(w.officer_id) < 0, "only a leader is a deputy"
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert dialog.error_text == "Hãy chọn người được ủy quyền."
    dialog.deputy.setCurrentIndex(dialog.deputy.findData(deputy_id))
    dialog.ends.setDate(dialog.ends.date().addDays(3))
    type_text(dialog.reason, "Đi công tác Hà Nội")
    shot(dialog, "delegation-dialog")
    with qtbot.waitSignal(window.changed, timeout=30_000):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert "Đã ủy quyền cho Hoàng Văn Phúc" in window.statusBar().currentMessage()

    # the deputy: the leader's waiting documents are in their boxes, marked
    switch_user(qtbot, window, deputy_id)
    qtbot.waitUntil(lambda: docs.counts.get(Box.DRAFTS_TO_APPROVE) == 1 and bool(docs.acting))
    assert docs.counts[Box.WAITING_FOR_ME] >= 1
    docs.box_actions[2].trigger()  # Ctrl+3: waiting for me
    qtbot.waitUntil(lambda: not docs.model.loading and docs.model.find_row(incoming) >= 0)
    subject = docs.model.index(docs.model.find_row(incoming), docs.model.column_of("subject")).data()
    assert subject.startswith("Thay: Nguyễn Văn Đức — ")
    shot(window, "deputy-waiting")
    click_row(qtbot, window, incoming)
    assert docs.act_direct.isEnabled()
    docs.act_direct.trigger()
    assert docs.dialog.on_behalf_of == w.leader_id, "the deputy directs in the leader's stead"
    docs.dialog.reject()
    docs.box_actions[5].trigger()  # Ctrl+6: drafts to approve
    click_row(qtbot, window, draft_id)
    subject = docs.model.index(docs.model.find_row(draft_id), docs.model.column_of("subject")).data()
    assert subject == "Thay: Nguyễn Văn Đức — Về việc báo cáo quý"
    assert docs.act_approve.isEnabled() and docs.act_return_draft.isEnabled()
    docs.act_approve.trigger()
    type_text(docs.dialog.text, "Đồng ý, ký thay.")
    with qtbot.waitSignal(window.changed, timeout=30_000):
        qtbot.mouseClick(docs.dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: any("Hoàng Văn Phúc (thay Nguyễn Văn Đức)" in h for h in docs.current.history))
    with w.store.read() as s:
        assert s.get(Document, draft_id).state == "approved"
        approved = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "document.approve_draft").order_by(AuditEvent.seq.desc())
        ).first()
        assert approved.actor_id == deputy_id
        assert json.loads(approved.after_json)["on_behalf_of"] == w.leader_id
    # the deputy sees the delegation received, and may not revoke it
    docs.act_delegate.trigger()
    received = docs.dialog
    qtbot.waitUntil(lambda: received.model.rowCount() == 1)
    received.table.selectRow(0)
    assert not received.revoke_button.isEnabled()
    received.reject()

    # the leader revokes it: the deputy's boxes no longer hold the leader's documents
    switch_user(qtbot, window, w.leader_id)
    docs.act_delegate.trigger()
    dialog = docs.dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    state = dialog.model.column_of("status")
    assert dialog.model.index(0, state).data() == "Đang hiệu lực"
    assert dialog.model.index(0, dialog.model.column_of("deputy")).data() == "Hoàng Văn Phúc"
    dialog.table.selectRow(0)
    assert dialog.revoke_button.isEnabled()
    shot(dialog, "delegation-list")
    qtbot.mouseClick(dialog.revoke_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1 and dialog.model.index(0, state).data() == "Đã thu hồi")
    assert not dialog.revoke_button.isEnabled()
    dialog.reject()
    switch_user(qtbot, window, deputy_id)
    qtbot.waitUntil(lambda: not docs.acting)
    assert docs.counts[Box.DRAFTS_TO_APPROVE] == 0


def test_the_deputy_signs_kt_with_their_own_card_through_the_sign_dialog(
    qtbot, window, ui_world, blobs, test_pki, tmp_path
):
    from eoffice.demo.pdfs import write_document
    from eoffice.signing import images
    from eoffice.signing.trust import add_trusted_root
    from tests.conftest import need
    from tests.signing.conftest import assert_pdfsig_valid, have_font
    from tests.signing.test_sign import pdftotext
    from tests.ui.test_signing_desktop import no_tokens, set_image, sign_in_dialog

    need(have_font(), "no Vietnamese font (apt install fonts-liberation2)")
    w = ui_world
    today = date.today()
    # the absent chairman; the test leader (whose card the test PKI holds) is his deputy
    with w.store.write() as s:
        add_trusted_root(s, test_pki.root.pem)
        chairman = create_user(s, "chutich", "Trần Quốc Hùng", w.org_id, {Role.LEADER}, w.office_unit_id, "Chủ tịch")
        chairman_id = chairman.id
        s.get(User, w.leader_id).position = "Phó Chủ tịch"
    letter = write_document(
        tmp_path / "du-thao.pdf", organ_name="Ủy ban nhân dân tỉnh Nghệ An", number_label="", type_name="Công văn",
        subject="Về việc chuyển đổi số", body="Nội dung dự thảo. " * 10, signer_position="Chủ tịch",
        signer_full_name="Trần Quốc Hùng",
    )
    with w.store.write() as s:
        from eoffice.documents import outgoing
        from eoffice.documents.fields import DocumentFields
        from eoffice.documents.incoming import prepare_files

        files = prepare_files([letter], blobs)
        fields = DocumentFields(type_name="Công văn", subject="Về việc ký thay")
        doc = outgoing.create_draft(s, w.officer_id, fields, files)
        outgoing.submit_draft(s, w.officer_id, doc.id, chairman_id)
        draft_id = doc.id
        until = ISODate((today + timedelta(days=2)).isoformat())
        registry_apply(s, chairman_id, ops.Delegate(
            new_id(), new_id(), w.leader_id, ISODate(today.isoformat()), until, "Nghỉ phép"
        ))
    window.section("signing").key_files = [test_pki.p12("signer")]
    window.section("signing").settings_file = no_tokens(tmp_path)
    signature_png = tmp_path / "chu-ky.png"
    signature_png.write_bytes(images.signature_image("Nguyễn Văn Đức"))

    switch_user(qtbot, window, w.leader_id)
    docs = window.section("documents")
    qtbot.waitUntil(lambda: bool(docs.acting))
    set_image(qtbot, window, signature_png, "signature")
    docs.box_actions[5].trigger()  # drafts to approve
    click_row(qtbot, window, draft_id)
    assert window.section("signing").act_sign.isEnabled()
    window.section("signing").act_sign.trigger()
    flow = window.section("signing")
    qtbot.waitUntil(lambda: flow.sign_flow.dialog is not None and flow.sign_flow.dialog.box is not None)
    assert flow.sign_flow.plan.appearance.acting_title == "KT. CHỦ TỊCH"
    assert flow.sign_flow.dialog.reason.text() == "Ký thay Chủ tịch Trần Quốc Hùng: ký duyệt văn bản"
    assert flow.sign_flow.dialog.box.found, "the deputy's block covers the chairman's block on the page"
    shot(flow.sign_flow.dialog, "deputy-sign-dialog")
    sign_in_dialog(qtbot, window, 0)
    qtbot.waitUntil(lambda: docs.current is not None and docs.current.state == "approved")
    with w.store.read() as s:
        doc = s.get(Document, draft_id)
        assert (doc.signer_full_name, doc.signer_position) == ("Nguyễn Văn Đức", "Phó Chủ tịch")
        signed = blobs.path_for(doc.files[0].digest)
        event = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "document.sign").order_by(AuditEvent.seq.desc())
        ).first()
        assert (event.actor_id, json.loads(event.after_json)["on_behalf_of"]) == (w.leader_id, chairman_id)
    assert_pdfsig_valid(signed, 1)
    flat = tmp_path / "flat.pdf"
    import subprocess

    subprocess.run(["qpdf", "--flatten-annotations=all", str(signed), str(flat)], check=False)
    text = " ".join(pdftotext(flat).split())
    assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text and "Nguyễn Văn Đức" in text
    # the history names both
    qtbot.waitUntil(lambda: any("Nguyễn Văn Đức (thay Trần Quốc Hùng)" in h for h in docs.current.history))
    if SHOTS:
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(signed), str(Path(SHOTS) / "kt-page")])


def registry_apply(session, actor_id: str, op) -> None:  # type: ignore[no-untyped-def]
    from eoffice.ops import registry

    registry.apply(session, actor_id, op, authority=True)
