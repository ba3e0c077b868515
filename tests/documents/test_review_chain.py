"""Review before the leader: drafter → head of the drafting unit → the leader who signs.

An organisation reviews in one level (as before) or two; the head of unit passes the
draft on or returns it, each with a comment kept in the document's history; the draft
waits in the head's "Chờ tôi xử lý" and the sidebar's count agrees with the list.
"""

from __future__ import annotations

from datetime import date

import pytest

from eoffice.audit.chain import verify_chain
from eoffice.audit.report import describe
from eoffice.directory.admin import create_user
from eoffice.directory.models import Role, User
from eoffice.documents import outgoing, review
from eoffice.documents.boxes import Box, box_counts, box_page, counts_by_condition
from eoffice.documents.fields import DocumentFields
from eoffice.documents.followup import due_soon_until
from eoffice.documents.history import document_history
from eoffice.documents.incoming import prepare_files
from eoffice.documents.models import Document
from eoffice.documents.types import DocState
from eoffice.documents.visibility import may_see
from eoffice.errors import PermissionDenied, StateError, ValidationError

from .test_box_counts import check

TODAY = date(2026, 3, 20)


@pytest.fixture
def files(blobs, pdf_factory):  # type: ignore[no-untyped-def]
    return prepare_files([pdf_factory("Về việc kiểm tra", "Nội dung dự thảo.")], blobs)


@pytest.fixture
def head_id(world):  # type: ignore[no-untyped-def]
    """Chánh Văn phòng heads the drafting officer's unit; the organisation reviews in two levels."""
    with world.store.write() as s:
        head = create_user(s, "chanhvp", "Võ Thành Trung", world.org_id, {Role.OFFICER}, world.office_unit_id,
                           "Chánh Văn phòng")
        review.set_unit_head(s, world.office_unit_id, head.id)
        review.set_draft_review_levels(s, world.org_id, 2)
        return head.id


def _draft(world, files, **fields: object) -> str:  # type: ignore[no-untyped-def]
    with world.store.write() as s:
        values = {"type_name": "Công văn", "subject": "Về việc kiểm tra công vụ", **fields}
        return outgoing.create_draft(s, world.officer_id, DocumentFields(**values), files).id  # type: ignore[arg-type]


def _act(world, fn, *args, **kw):  # type: ignore[no-untyped-def]
    with world.store.write() as s:
        fn(s, *args, **kw)


def _doc(world, doc_id: str) -> tuple[str, str | None, str | None, str]:  # type: ignore[no-untyped-def]
    with world.store.read() as s:
        doc = s.get(Document, doc_id)
        return doc.state, doc.approver_id, doc.signer_id, doc.review_comment


def _box(world, user_id: str, box: Box) -> tuple[list[str], int]:  # type: ignore[no-untyped-def]
    with world.store.read() as s:
        user = s.get(User, user_id)
        ids = [row.id for row in box_page(s, box, user, TODAY)]
        counts = box_counts(s, user, TODAY)
        assert counts == counts_by_condition(s, user, TODAY, due_soon_until(s, TODAY, 3))
        return ids, counts[box]


def test_two_levels_head_passes_on_then_leader_approves(world, files, head_id):
    doc_id = _draft(world, files)
    _act(world, outgoing.submit_draft, world.officer_id, doc_id, world.leader_id)
    state, approver, signer, _ = _doc(world, doc_id)
    assert (state, approver, signer) == (DocState.REVIEWING.value, head_id, world.leader_id)

    # The head has it in "Chờ tôi xử lý", counted; the leader does not yet have it to approve.
    assert _box(world, head_id, Box.WAITING_FOR_ME) == ([doc_id], 1)
    assert _box(world, world.leader_id, Box.DRAFTS_TO_APPROVE) == ([], 0)
    assert _box(world, world.officer_id, Box.MY_DRAFTS) == ([doc_id], 1)
    check(world, head_id)

    # Nobody but the head acts on it now; the drafter cannot edit it.
    with pytest.raises(StateError), world.store.write() as s:
        outgoing.approve_draft(s, world.leader_id, doc_id)
    with pytest.raises(PermissionDenied), world.store.write() as s:
        outgoing.pass_review(s, world.officer2_id, doc_id, "")
    with pytest.raises(StateError), world.store.write() as s:
        outgoing.update_draft(s, world.officer_id, doc_id, DocumentFields(type_name="Công văn", subject="Sửa"))

    _act(world, outgoing.pass_review, head_id, doc_id, "Nội dung đạt, đề nghị đồng chí Chủ tịch ký.")
    state, approver, signer, comment = _doc(world, doc_id)
    assert (state, approver, signer) == (DocState.SUBMITTED.value, world.leader_id, world.leader_id)
    assert comment == "Nội dung đạt, đề nghị đồng chí Chủ tịch ký."
    assert _box(world, head_id, Box.WAITING_FOR_ME) == ([], 0)
    assert _box(world, world.leader_id, Box.DRAFTS_TO_APPROVE) == ([doc_id], 1)
    with pytest.raises(StateError), world.store.write() as s:
        outgoing.pass_review(s, head_id, doc_id, "lần nữa")

    _act(world, outgoing.approve_draft, world.leader_id, doc_id, "Đồng ý")
    assert _doc(world, doc_id)[0] == DocState.APPROVED.value
    check(world, head_id)

    # Every step in the history, with the head's comment; the chain holds.
    with world.store.read() as s:
        events = document_history(s, doc_id)
        lines = [describe(e) for e in events]
        actors = [e.actor_id for e in events]
        assert verify_chain(s) == []
    assert [e.action for e in events] == [
        "document.create_draft", "document.submit_draft", "document.pass_review", "document.approve_draft",
    ]
    assert lines[2] == "Trưởng đơn vị cho ý kiến, chuyển lãnh đạo ký: Nội dung đạt, đề nghị đồng chí Chủ tịch ký."
    assert actors[2] == head_id


def test_head_returns_with_a_comment_and_the_resubmitted_draft_comes_back(world, files, head_id):
    doc_id = _draft(world, files)
    _act(world, outgoing.submit_draft, world.officer_id, doc_id, world.leader_id)
    with pytest.raises(ValidationError), world.store.write() as s:
        outgoing.return_review(s, head_id, doc_id, "   ")
    _act(world, outgoing.return_review, head_id, doc_id, "Bổ sung số liệu quý I.")
    state, _approver, signer, comment = _doc(world, doc_id)
    assert (state, signer, comment) == (DocState.RETURNED.value, world.leader_id, "Bổ sung số liệu quý I.")
    assert _box(world, head_id, Box.WAITING_FOR_ME) == ([], 0)

    # Edited and submitted again: to the head again, not straight to the leader.
    _act(world, outgoing.update_draft, world.officer_id, doc_id,
         DocumentFields(type_name="Công văn", subject="Về việc kiểm tra công vụ quý I"))
    _act(world, outgoing.submit_draft, world.officer_id, doc_id, world.leader_id)
    assert _doc(world, doc_id)[:2] == (DocState.REVIEWING.value, head_id)
    with world.store.read() as s:
        history = [describe(e) for e in document_history(s, doc_id)]
    assert "Trưởng đơn vị trả lại dự thảo: Bổ sung số liệu quý I." in history
    check(world, head_id)


def test_a_secret_draft_reaches_the_head_only_while_they_review_it(world, files, head_id):
    doc_id = _draft(world, files, secrecy="confidential")
    with world.store.read() as s:
        assert not may_see(s, s.get(User, head_id), doc_id)
    _act(world, outgoing.submit_draft, world.officer_id, doc_id, world.leader_id)
    with world.store.read() as s:
        assert may_see(s, s.get(User, head_id), doc_id)
    assert _box(world, head_id, Box.WAITING_FOR_ME) == ([doc_id], 1)
    check(world, head_id)
    _act(world, outgoing.pass_review, head_id, doc_id, "", world.leader_id)
    with world.store.read() as s:
        assert not may_see(s, s.get(User, head_id), doc_id)
        assert may_see(s, s.get(User, world.leader_id), doc_id)
    check(world, head_id)


def test_one_level_and_the_cases_without_review(world, files, head_id):
    # One level: straight to the leader, as before.
    with world.store.write() as s:
        review.set_draft_review_levels(s, world.org_id, 1)
    doc_id = _draft(world, files)
    _act(world, outgoing.submit_draft, world.officer_id, doc_id, world.leader_id)
    assert _doc(world, doc_id)[:3] == (DocState.SUBMITTED.value, world.leader_id, world.leader_id)

    with world.store.write() as s:
        review.set_draft_review_levels(s, world.org_id, 2)
        with pytest.raises(ValidationError):
            review.set_draft_review_levels(s, world.org_id, 3)
    # The head's own draft, and a unit without a head, go to the leader directly.
    with world.store.write() as s:
        own = outgoing.create_draft(s, head_id, DocumentFields(type_name="Công văn", subject="Của trưởng"), files)
        outgoing.submit_draft(s, head_id, own.id, world.leader_id)
        assert own.state == DocState.SUBMITTED.value
        other = outgoing.create_draft(s, world.officer2_id, DocumentFields(type_name="Công văn", subject="TC"), files)
        outgoing.submit_draft(s, world.officer2_id, other.id, world.leader_id)
        assert other.state == DocState.SUBMITTED.value

    # The head may pass it on to another leader; never to someone who is not a leader.
    with world.store.write() as s:
        deputy = create_user(s, "phochutich", "Hoàng Văn Tâm", world.org_id, {Role.LEADER}, world.office_unit_id,
                             "Phó Chủ tịch")
    doc2 = _draft(world, files)
    _act(world, outgoing.submit_draft, world.officer_id, doc2, world.leader_id)
    with pytest.raises(ValidationError), world.store.write() as s:
        outgoing.pass_review(s, head_id, doc2, "", world.officer2_id)
    _act(world, outgoing.pass_review, head_id, doc2, "Chuyển đồng chí Phó Chủ tịch", deputy.id)
    assert _doc(world, doc2)[:3] == (DocState.SUBMITTED.value, deputy.id, deputy.id)


def test_the_head_of_a_unit_belongs_to_its_organisation(world, head_id, other_org_user):
    with pytest.raises(ValidationError), world.store.write() as s:
        review.set_unit_head(s, world.office_unit_id, other_org_user)


@pytest.fixture
def other_org_user(world):  # type: ignore[no-untyped-def]
    from eoffice.directory.admin import create_organisation

    with world.store.write() as s:
        org = create_organisation(s, "000.00.12.H41", "Sở Nội vụ", "SNV")
        return create_user(s, "vanthu.snv", "Hồ Thị Mai", org.id, {Role.CLERK}, None, "Văn thư").id
