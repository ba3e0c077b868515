"""Review before the leader over the real server: the drafter's desk submits, the head of
unit's desk receives the draft in its waiting box and passes it on, the leader's desk has
it to approve; the server refuses anyone else's review."""

from __future__ import annotations

from datetime import date

from eoffice.directory.admin import create_user
from eoffice.directory.models import Organisation, Role, Unit, User
from eoffice.documents import operations as ops
from eoffice.documents import review
from eoffice.documents.history import document_history
from eoffice.documents.boxes import Box, box_counts, box_page
from eoffice.documents.models import Document
from eoffice.ops import FileRef
from eoffice.store.base import new_id
from tests.server.conftest import give_passwords
from tests.sync.http_support import Device, Province


def _box(device: Device, box: Box) -> tuple[list[str], int]:
    with device.store.read() as s:
        user = s.get(User, device.user_id)
        ids = [row.id for row in box_page(s, box, user, date.today())]
        return ids, box_counts(s, user, date.today())[box]


def _state(device: Device | Province, doc_id: str) -> tuple[str, str | None, str]:
    with device.store.read() as s:
        doc = s.get(Document, doc_id)
        return doc.state, doc.approver_id, doc.review_comment


def test_a_draft_goes_through_the_head_of_unit_between_desks(province, pdf_factory):
    w = province.world
    with province.store.write() as s:
        head = create_user(s, "chanhvp", "Võ Thành Trung", w.org_id, {Role.OFFICER}, w.office_unit_id, "Chánh VP")
        review.set_unit_head(s, w.office_unit_id, head.id)
        review.set_draft_review_levels(s, w.org_id, 2)
        head_id = head.id
    give_passwords(province.store, "chanhvp")

    officer = province.device("chuyenvien", w.officer_id)
    officer.engine.sync_once()
    with officer.store.read() as s:  # the setting and the head reached the drafter's desk
        assert s.get(Organisation, w.org_id).draft_review_levels == 2
        assert s.get(Unit, w.office_unit_id).head_user_id == head_id

    pdf = pdf_factory("Về việc kiểm tra công vụ")
    digest, size = officer.blobs.put_file(pdf)
    doc_id = new_id()
    officer.record(ops.CreateDraft(
        op_id=new_id(), document_id=doc_id, fields={"type_name": "Công văn", "subject": "Về việc kiểm tra công vụ"},
        files=(FileRef(digest, pdf.name, size, 1, ""),),
    ))
    officer.record(ops.SubmitDraft(op_id=new_id(), document_id=doc_id, approver_id=w.leader_id))
    assert _state(officer, doc_id)[:2] == ("reviewing", head_id)  # offline: the desk knows the chain
    report = officer.engine.sync_once()
    assert (report.accepted, report.rejected) == (2, 0)
    assert _state(province, doc_id)[:2] == ("reviewing", head_id)

    # Another officer of the unit may not review it: the server refuses.
    other = province.device("chuyenvien2", w.officer2_id)
    [answer] = other.client.push([ops.PassReview(op_id=new_id(), document_id=doc_id, comment="Tôi duyệt")])
    assert answer.outcome == "rejected"

    head_desk = province.device("chanhvp", head_id)
    head_desk.engine.sync_once()
    assert _box(head_desk, Box.WAITING_FOR_ME) == ([doc_id], 1)
    head_desk.record(ops.PassReview(op_id=new_id(), document_id=doc_id, comment="Đề nghị đồng chí Chủ tịch ký."))
    assert _box(head_desk, Box.WAITING_FOR_ME) == ([], 0)
    assert head_desk.engine.sync_once().accepted == 1
    assert _state(province, doc_id) == ("submitted", w.leader_id, "Đề nghị đồng chí Chủ tịch ký.")

    leader = province.device("lanhdao", w.leader_id)
    leader.engine.sync_once()
    assert _box(leader, Box.DRAFTS_TO_APPROVE) == ([doc_id], 1)
    officer.engine.sync_once()
    assert _state(officer, doc_id)[0] == "submitted"
    with province.store.read() as s:  # each step audited on the server, by whom it was done
        steps = [(e.action, e.actor_id) for e in document_history(s, doc_id)]
    assert steps == [
        ("document.create_draft", w.officer_id), ("document.submit_draft", w.officer_id),
        ("document.pass_review", head_id),
    ]
