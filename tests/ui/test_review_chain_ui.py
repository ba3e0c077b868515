"""Review before the leader through the widgets: the officer's Trình ký proposes the
draft's signer and says the head of unit reviews first; the head finds the draft in
"Chờ tôi xử lý" and passes it on with a comment or returns it; the leader has it to approve."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from eoffice.directory.admin import create_user
from eoffice.directory.models import Role
from eoffice.documents import review
from eoffice.documents.boxes import Box
from eoffice.documents.models import Document
from tests.ui.helpers import click_row, drop_files, switch_user, type_text


@pytest.fixture
def people(ui_world):  # type: ignore[no-untyped-def]
    """The head of the officer's unit, and a deputy leader listed before the director."""
    w = ui_world
    with w.store.write() as s:
        head = create_user(s, "chanhvp", "Võ Thành Trung", w.org_id, {Role.OFFICER}, w.office_unit_id,
                           "Chánh Văn phòng")
        deputy = create_user(s, "phochutich", "Hoàng Văn Tâm", w.org_id, {Role.LEADER}, w.office_unit_id,
                             "Phó Chủ tịch")
        review.set_unit_head(s, w.office_unit_id, head.id)
        review.set_draft_review_levels(s, w.org_id, 2)
        return head.id, deputy.id


@pytest.fixture
def window(qtbot, ui_world, blobs, people):  # type: ignore[no-untyped-def]
    from eoffice.ui.app import create_main_window

    w = ui_world
    head_id, deputy_id = people
    demo = [
        (w.officer_id, "Lê Minh Anh — chuyên viên"),
        (head_id, "Võ Thành Trung — chuyên viên (Chánh Văn phòng)"),
        (w.leader_id, "Nguyễn Văn Đức — lãnh đạo"),
        (deputy_id, "Hoàng Văn Tâm — lãnh đạo"),
    ]
    win = create_main_window(w.store, blobs, w.officer_id, demo)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: bool(win.section("documents").counts), timeout=10_000)
    yield win
    win.close()


def _draft(qtbot, window, pdf_factory, subject: str) -> str:  # type: ignore[no-untyped-def]
    docs = window.section("documents")
    docs.act_new_draft.trigger()
    draft = docs.dialog
    drop_files(draft, [pdf_factory(subject=subject)])
    type_text(draft.subject.edit, subject)
    type_text(draft.signer_position, "Chủ tịch")
    type_text(draft.signer_full_name, "Nguyễn Văn Đức")
    with qtbot.waitSignal(window.changed, timeout=30_000):
        qtbot.mouseClick(draft.ok_button, Qt.LeftButton)
    return str(draft.result_value)


def _submit(qtbot, window, draft_id: str, leader_id: str, head_name: str) -> None:  # type: ignore[no-untyped-def]
    docs = window.section("documents")
    docs.box_actions[6].trigger()  # Ctrl+7: my drafts
    click_row(qtbot, window, draft_id)
    docs.act_submit.trigger()
    submit = docs.dialog
    # The draft names the director as its signer: proposed, not the first leader listed.
    assert submit.leader.itemData(0) != leader_id
    assert submit.leader.currentData() == leader_id
    assert head_name in submit.route.text() and "trưởng đơn vị" in submit.route.text()
    assert submit.ok_button.text() == "Trình trưởng đơn vị"
    with qtbot.waitSignal(window.changed, timeout=30_000):
        qtbot.mouseClick(submit.ok_button, Qt.LeftButton)
    assert window.statusBar().currentMessage() == "Đã trình dự thảo để trưởng đơn vị cho ý kiến."


def test_the_head_of_unit_passes_a_draft_on_to_the_leader_with_a_comment(
    qtbot, window, ui_world, people, pdf_factory
):
    w = ui_world
    head_id, _deputy_id = people
    draft_id = _draft(qtbot, window, pdf_factory, "Về việc kiểm tra công vụ năm 2026")
    _submit(qtbot, window, draft_id, w.leader_id, "Võ Thành Trung")

    # The head of unit: the draft waits in "Chờ tôi xử lý", with its two actions.
    switch_user(qtbot, window, head_id)
    docs = window.section("documents")
    assert docs.counts[Box.WAITING_FOR_ME] == 1
    docs.box_actions[2].trigger()  # Ctrl+3: waiting for me
    click_row(qtbot, window, draft_id)
    assert docs.act_pass_review.isEnabled() and docs.act_pass_review.isVisible()
    assert docs.act_return_draft.isEnabled()
    assert not docs.act_approve.isEnabled()
    assert docs.act_pass_review.text() == "Chuyển lãnh đạo ký…"
    assert "Chờ trưởng đơn vị cho ý kiến" in docs.detail_pane.field_labels["state"].text()

    docs.act_pass_review.trigger()
    passing = docs.dialog
    assert passing.leader.currentData() == w.leader_id  # the drafter's choice
    type_text(passing.comment, "Nội dung đạt, đề nghị đồng chí Chủ tịch ký.")
    with qtbot.waitSignal(window.changed, timeout=30_000):
        qtbot.mouseClick(passing.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: docs.counts.get(Box.WAITING_FOR_ME) == 0, timeout=10_000)

    # The leader has it to approve, with the head's opinion on screen and in the history.
    switch_user(qtbot, window, w.leader_id)
    assert docs.counts[Box.DRAFTS_TO_APPROVE] == 1
    docs.box_actions[5].trigger()  # Ctrl+6: drafts to approve
    click_row(qtbot, window, draft_id)
    assert docs.act_approve.isEnabled()
    assert "Nội dung đạt, đề nghị đồng chí Chủ tịch ký." in docs.detail_pane.field_labels["state"].text()
    assert any(
        "Trưởng đơn vị cho ý kiến, chuyển lãnh đạo ký: Nội dung đạt" in item for item in docs.current.history
    )
    with w.store.read() as s:
        doc = s.get(Document, draft_id)
        assert (doc.state, doc.approver_id) == ("submitted", w.leader_id)


def test_the_head_of_unit_returns_a_draft_with_a_required_comment(qtbot, window, ui_world, people, pdf_factory):
    w = ui_world
    head_id, _deputy_id = people
    draft_id = _draft(qtbot, window, pdf_factory, "Về việc báo cáo quý I")
    _submit(qtbot, window, draft_id, w.leader_id, "Võ Thành Trung")

    switch_user(qtbot, window, head_id)
    docs = window.section("documents")
    docs.box_actions[2].trigger()
    click_row(qtbot, window, draft_id)
    docs.act_return_draft.trigger()
    returning = docs.dialog
    qtbot.mouseClick(returning.ok_button, Qt.LeftButton)
    assert returning.isVisible() and returning.error_text  # a comment is required
    type_text(returning.text, "Bổ sung số liệu quý I.")
    with qtbot.waitSignal(window.changed, timeout=30_000):
        qtbot.mouseClick(returning.ok_button, Qt.LeftButton)

    # Back on the drafter's desk, returned with the head's comment, to submit again.
    switch_user(qtbot, window, w.officer_id)
    docs.box_actions[6].trigger()
    click_row(qtbot, window, draft_id)
    assert "Bổ sung số liệu quý I." in docs.detail_pane.field_labels["state"].text()
    assert docs.act_submit.isEnabled()
    with w.store.read() as s:
        assert s.get(Document, draft_id).state == "returned"


def test_the_notifications_of_the_review_speak_vietnamese(qapp):  # type: ignore[no-untyped-def]
    from eoffice.ui.sync.notifications import event_notification

    payload = {"document_id": "d", "subject": "Về việc kiểm tra", "by": "Lê Minh Anh"}
    sent = event_notification({"kind": "draft.to_review", "payload": payload})
    assert sent.text == "Lê Minh Anh trình dự thảo chờ bạn cho ý kiến: Về việc kiểm tra"
    passed = event_notification(
        {"kind": "draft.submitted", "payload": {**payload, "by": "Võ Thành Trung", "comment": "Đề nghị ký"}}
    )
    assert passed.text.endswith("— ý kiến: Đề nghị ký")
