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
from eoffice.directory.models import Role
from eoffice.documents import operations as ops
from eoffice.documents.boxes import Box
from eoffice.documents.directions import LineSpec, direct
from eoffice.documents.models import Document
from eoffice.documents.types import LineRole
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
    docs.box_actions[5].trigger()  # Ctrl+6: drafts to approve
    click_row(qtbot, window, draft_id)
    subject = docs.model.index(docs.model.find_row(draft_id), docs.model.column_of("subject")).data()
    assert subject == "Thay: Nguyễn Văn Đức — Về việc báo cáo quý"
    assert docs.act_approve.isEnabled() and docs.act_return_draft.isEnabled()
    docs.act_approve.trigger()
    type_text(docs.dialog.text, "Đồng ý, ký thay.")
    with qtbot.waitSignal(window.changed, timeout=30_000):
        qtbot.mouseClick(docs.dialog.ok_button, Qt.LeftButton)
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
