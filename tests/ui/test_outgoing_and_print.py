"""A reply drafted, submitted, approved and issued through the widgets; a register printed."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt

from eoffice.documents.boxes import Box
from eoffice.documents.directions import LineSpec, direct
from eoffice.documents.models import Document
from eoffice.documents.types import LineRole
from tests.documents.workflow_helpers import register
from tests.ui.helpers import click_row, drop_files, switch_user, type_text


def test_a_reply_goes_from_draft_to_issued_and_closes_the_incoming_line(qtbot, window, ui_world, blobs, pdf_factory):
    w = ui_world
    today = date.today()
    incoming = register(w, blobs, pdf_factory, arrival_date=today, issued_date=today - timedelta(days=1))
    with w.store.write() as s:
        direct(
            s, w.leader_id, incoming, "Giao chuyên viên Anh trả lời.",
            [LineSpec(LineRole.LEAD, user_id=w.officer_id)],
        )

    # The officer drafts the reply from the incoming document (Ctrl+Shift+N) and submits it.
    switch_user(qtbot, window, w.officer_id)
    click_row(qtbot, window, incoming)
    window.section("documents").act_new_draft.trigger()
    draft = window.section("documents").dialog
    assert draft.reply_to_id == incoming
    drop_files(draft, [pdf_factory(subject="Về việc trả lời Sở Nội vụ")])
    type_text(draft.subject.edit, "Về việc trả lời Sở Nội vụ về chuyển đổi số")
    type_text(draft.to_places, "Sở Nội vụ")
    with qtbot.waitSignal(window.changed, timeout=30_000):
        qtbot.mouseClick(draft.ok_button, Qt.LeftButton)
    draft_id = draft.result_value
    window.section("documents").box_actions[6].trigger()  # Ctrl+7: my drafts
    click_row(qtbot, window, draft_id)
    assert window.section("documents").act_submit.isEnabled()
    window.section("documents").act_submit.trigger()
    submit = window.section("documents").dialog
    assert submit.leader.currentData() == w.leader_id
    with qtbot.waitSignal(window.changed, timeout=30_000):
        qtbot.mouseClick(submit.ok_button, Qt.LeftButton)

    # The leader approves it.
    switch_user(qtbot, window, w.leader_id)
    assert window.section("documents").counts[Box.DRAFTS_TO_APPROVE] == 1
    window.section("documents").box_actions[5].trigger()  # Ctrl+6: drafts to approve
    click_row(qtbot, window, draft_id)
    assert window.section("documents").act_approve.isEnabled()
    assert window.section("documents").act_return_draft.isEnabled()
    window.section("documents").act_approve.trigger()
    approve = window.section("documents").dialog
    type_text(approve.text, "Đồng ý ban hành.")
    with qtbot.waitSignal(window.changed, timeout=30_000):
        qtbot.mouseClick(approve.ok_button, Qt.LeftButton)

    # The clerk issues it (approved on paper: numbered and issued, no seal) and sees its number.
    switch_user(qtbot, window, w.clerk_id)
    window.section("documents").box_actions[2].trigger()  # Ctrl+3: waiting for me
    click_row(qtbot, window, draft_id)
    assert window.section("documents").act_issue.isEnabled()
    window.section("documents").act_issue.trigger()
    issuing = window.section("signing").issue_dialog
    qtbot.waitUntil(lambda: issuing.continue_button.isEnabled(), timeout=30_000)
    with qtbot.waitSignal(issuing.issued, timeout=30_000):
        qtbot.mouseClick(issuing.continue_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: issuing.states.get("issued") == "done", timeout=30_000)
    assert issuing.details["issued"].text().startswith("Đã ban hành: số 01/")
    assert issuing.states["seal"] == "skipped"
    with w.store.read() as s:
        assert s.get(Document, draft_id).state == "issued"
        assert s.get(Document, incoming).state == "done"  # the reply closed the lead line


def test_the_clerk_prints_the_incoming_register(qtbot, window, ui_world, blobs, pdf_factory, tmp_path, monkeypatch):
    from pypdf import PdfReader

    monkeypatch.setenv("EOFFICE_DATA_DIR", str(tmp_path / "data"))
    register(ui_world, blobs, pdf_factory, subject="Về việc chuyển đổi số", arrival_date=date(2026, 3, 3))
    window.open_printed = False
    window.section("documents").act_print.trigger()  # Ctrl+P
    dialog = window.section("documents").dialog
    dialog.register.setCurrentIndex(dialog.register.findText("Sổ đăng ký văn bản đến"))
    dialog.start.setDate(QDate(2026, 1, 1))
    dialog.end.setDate(QDate(2026, 12, 31))
    with qtbot.waitSignal(dialog.succeeded, timeout=30_000):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert dialog.output is not None and dialog.output.parent == tmp_path / "data" / "registers"
    text = "\n".join(page.extract_text() for page in PdfReader(dialog.output).pages)
    assert "chuyển đổi số" in text



def test_a_leader_prints_only_the_secret_documents_they_may_see(qtbot, window, ui_world, tmp_path, monkeypatch):
    from eoffice.directory.admin import create_user
    from eoffice.directory.models import Role
    from eoffice.documents.numbering import register_for
    from tests.printing.test_register_visibility import text_of
    from tests.printing.test_registers import add_outgoing

    w = ui_world
    monkeypatch.setenv("EOFFICE_DATA_DIR", str(tmp_path / "data"))
    with w.store.write() as s:
        # A confidential reply of the finance unit, approved by the vice-chairman: the
        # chairman is not named on it, the clerks number and issue every approved one.
        deputy = create_user(s, "phochutich", "Hồ Văn Phó", w.org_id, {Role.LEADER}, w.office_unit_id, "Phó Chủ tịch")
        doc = add_outgoing(s, w, "Về việc bảo vệ bí mật nhà nước", date(2026, 3, 10), secrecy="confidential",
                           drafting_unit_id=w.finance_unit_id, created_by=w.officer2_id, approver_id=deputy.id)
        secret_register = register_for(s, w.org_id, "outgoing", True)
        doc.register_id, register_name = secret_register.id, secret_register.name
    window.open_printed = False

    def print_secret_outgoing() -> str:
        window.section("documents").act_print.trigger()  # Ctrl+P
        dialog = window.section("documents").dialog
        dialog.register.setCurrentIndex(dialog.register.findText(register_name))
        dialog.start.setDate(QDate(2026, 1, 1))
        dialog.end.setDate(QDate(2026, 12, 31))
        with qtbot.waitSignal(dialog.succeeded, timeout=30_000):
            qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
        return text_of(dialog.output)

    switch_user(qtbot, window, w.leader_id)
    leader = print_secret_outgoing()
    assert register_name.upper() in leader and "Người in: Nguyễn Văn Đức" in leader
    assert "bảo vệ bí mật nhà nước" not in leader
    switch_user(qtbot, window, w.clerk_id)
    clerk = print_secret_outgoing()
    assert "bảo vệ bí mật nhà nước" in clerk and "Người in: Trần Thị Thu" in clerk
