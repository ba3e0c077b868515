"""Follow-up: due soon and overdue counts; a reply closes its follow-up line."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from eoffice.directory.models import User
from eoffice.documents import directions as dirs
from eoffice.documents import followup, outgoing
from eoffice.documents.directions import LineSpec
from eoffice.documents.fields import DocumentFields
from eoffice.documents.followup import FollowUp, followup_counts
from eoffice.documents.incoming import prepare_files
from eoffice.documents.models import Document
from eoffice.documents.types import DocState, LineRole, LineState

from .workflow_helpers import plain, register

DIRECTED_ON = date(2026, 3, 2)  # Monday
LEAD, COORD = LineRole.LEAD, LineRole.COORDINATE


def _direct(world, doc_id, specs):  # type: ignore[no-untyped-def]
    with world.store.write() as s:
        dirs.direct(s, world.leader_id, doc_id, "", specs, today=DIRECTED_ON)


def _counts(world, user_id, today):  # type: ignore[no-untyped-def]
    with world.store.read() as s:
        return followup_counts(s, user_id, world.org_id, today)


def test_due_soon_and_overdue(world, blobs, pdf_factory):
    a = register(world, blobs, pdf_factory)  # VP leads, due Wed 4 March
    b = register(world, blobs, pdf_factory)  # officer2 (TC) leads, due Mon 9 March
    c = register(world, blobs, pdf_factory)  # VP leads, due Fri 20 March
    d = register(world, blobs, pdf_factory)  # no deadline: never due
    _direct(world, a, [LineSpec(LEAD, unit_id=world.office_unit_id, deadline=date(2026, 3, 4)),
                       LineSpec(COORD, user_id=world.officer2_id, deadline=date(2026, 3, 4))])
    _direct(world, b, [LineSpec(LEAD, user_id=world.officer2_id, deadline=date(2026, 3, 9))])
    _direct(world, c, [LineSpec(LEAD, unit_id=world.office_unit_id, deadline=date(2026, 3, 20))])
    _direct(world, d, [LineSpec(LEAD, unit_id=world.office_unit_id)])

    # Thu 5 March: a is overdue; b is due within 3 working days (Fri, Mon, Tue).
    assert _counts(world, None, date(2026, 3, 5)) == FollowUp(due_soon=1, overdue=1)
    # The VP officer sees his unit's lines: a overdue, nothing due soon.
    assert _counts(world, world.officer_id, date(2026, 3, 5)) == FollowUp(due_soon=0, overdue=1)
    # officer2 holds b (due soon) and a coordinating line of a (overdue).
    assert _counts(world, world.officer2_id, date(2026, 3, 5)) == FollowUp(due_soon=1, overdue=1)
    # The deadline day itself is still in time.
    assert _counts(world, None, date(2026, 3, 4)) == FollowUp(due_soon=2, overdue=0)
    # Mon 23 March: everything with a deadline is overdue, counted per document.
    assert _counts(world, None, date(2026, 3, 23)) == FollowUp(due_soon=0, overdue=3)

    # Completing the lead closes the document and its coordinating line with it.
    with world.store.read() as s:
        a_lead = next(ln.id for ln in dirs.lines_of(s, a) if ln.role == "lead")
    with world.store.write() as s:
        dirs.complete_line(s, world.officer_id, a_lead, "Xong.")
    assert _counts(world, None, date(2026, 3, 5)) == FollowUp(due_soon=1, overdue=0)
    assert _counts(world, world.officer2_id, date(2026, 3, 5)) == FollowUp(due_soon=1, overdue=0)


def test_a_secret_documents_line_to_the_unit_is_not_counted_for_its_members(world, blobs, pdf_factory):
    """A secret document reaches only the people named on it, never a unit's members for
    its line: their follow-up does not count it (nor its deadline); the named officer's does."""
    plain_doc = register(world, blobs, pdf_factory)
    secret = register(world, blobs, pdf_factory, secrecy="confidential")
    _direct(world, plain_doc, [LineSpec(LEAD, unit_id=world.office_unit_id, deadline=date(2026, 3, 4))])
    _direct(world, secret, [LineSpec(LEAD, unit_id=world.office_unit_id, deadline=date(2026, 3, 4)),
                            LineSpec(COORD, user_id=world.officer2_id, deadline=date(2026, 3, 9))])
    assert _counts(world, world.officer_id, date(2026, 3, 5)) == FollowUp(due_soon=0, overdue=1)
    assert _counts(world, world.officer2_id, date(2026, 3, 5)) == FollowUp(due_soon=1, overdue=0)
    assert _counts(world, None, date(2026, 3, 5)) == FollowUp(due_soon=1, overdue=2)


def test_a_forwarded_line_is_followed_through_its_child(world, blobs, pdf_factory):
    doc_id = register(world, blobs, pdf_factory)
    _direct(world, doc_id, [LineSpec(LEAD, unit_id=world.office_unit_id, deadline=date(2026, 3, 4))])
    with world.store.read() as s:
        [line_id] = [ln.id for ln in dirs.lines_of(s, doc_id)]
    with world.store.write() as s:
        dirs.forward_line(s, world.officer_id, line_id, [LineSpec(LEAD, user_id=world.officer_id)], today=DIRECTED_ON)
    assert _counts(world, None, date(2026, 3, 5)) == FollowUp(due_soon=0, overdue=1)


def test_conditions_for_the_boxes(world, blobs, pdf_factory):
    doc_id = register(world, blobs, pdf_factory)
    _direct(world, doc_id, [LineSpec(LEAD, user_id=world.officer2_id, deadline=date(2026, 3, 3))])
    with world.store.read() as s:
        officer2 = s.get(User, world.officer2_id)
        officer = s.get(User, world.officer_id)
        waiting_for_officer2 = s.scalars(
            select(Document.id).where(
                Document.id.in_(followup.followup_document_ids(world.org_id, followup.open_line_condition(officer2)))
            )
        ).all()
        assert waiting_for_officer2 == [doc_id]
        assert s.scalars(
            followup.followup_document_ids(world.org_id, followup.open_line_condition(officer))
        ).all() == []
        overdue = s.scalars(
            followup.followup_document_ids(
                world.org_id, followup.open_line_condition(), followup.overdue_condition(date(2026, 3, 4))
            )
        ).all()
        assert overdue == [doc_id]


def test_an_issued_reply_closes_the_follow_up_line(world, blobs, pdf_factory):
    incoming_id = register(world, blobs, pdf_factory)
    _direct(world, incoming_id, [
        LineSpec(LEAD, unit_id=world.office_unit_id, deadline=date(2026, 3, 4)),
        LineSpec(COORD, unit_id=world.finance_unit_id, deadline=date(2026, 3, 4)),
    ])
    assert _counts(world, world.officer_id, date(2026, 3, 5)) == FollowUp(due_soon=0, overdue=1)

    files = prepare_files([pdf_factory("Trả lời về việc chuyển đổi số")], blobs)
    with world.store.write() as s:
        reply = outgoing.create_draft(
            s, world.officer_id, DocumentFields(type_name="Công văn", subject="Trả lời về việc chuyển đổi số"),
            files, reply_to_id=incoming_id,
        )
        outgoing.submit_draft(s, world.officer_id, reply.id, world.leader_id)
        outgoing.approve_draft(s, world.leader_id, reply.id)
    # Approval alone closes nothing: the reply exists only once it is issued.
    assert _counts(world, world.officer_id, date(2026, 3, 5)) == FollowUp(due_soon=0, overdue=1)
    with world.store.write() as s:
        outgoing.issue(s, world.clerk_id, reply.id, date(2026, 3, 5))

    assert _counts(world, world.officer_id, date(2026, 3, 5)) == FollowUp(due_soon=0, overdue=0)
    assert _counts(world, None, date(2026, 3, 5)) == FollowUp(due_soon=0, overdue=0)
    with world.store.read() as s:
        lines = {ln.role: plain(ln) for ln in dirs.lines_of(s, incoming_id)}
        answered = plain(s.get(Document, incoming_id))
    assert lines["lead"].state == LineState.DONE.value
    assert lines["lead"].reply_document_id == reply.id
    assert "01/UBND-VP" in lines["lead"].result_note
    assert lines["coordinate"].state == LineState.DONE.value
    assert answered.state == DocState.DONE.value


def test_a_reply_by_someone_else_leaves_other_lines_open(world, blobs, pdf_factory):
    incoming_id = register(world, blobs, pdf_factory)
    _direct(world, incoming_id, [
        LineSpec(LEAD, unit_id=world.office_unit_id, deadline=date(2026, 3, 4)),
        LineSpec(COORD, unit_id=world.finance_unit_id, deadline=date(2026, 3, 4)),
    ])
    files = prepare_files([pdf_factory("Trả lời")], blobs)
    with world.store.write() as s:  # officer2 is in TC, which only coordinates: its reply closes no line
        reply = outgoing.create_draft(
            s, world.officer2_id, DocumentFields(type_name="Báo cáo", subject="Báo cáo kết quả"),
            files, reply_to_id=incoming_id,
        )
        outgoing.submit_draft(s, world.officer2_id, reply.id, world.leader_id)
        outgoing.approve_draft(s, world.leader_id, reply.id)
        outgoing.issue(s, world.clerk_id, reply.id, date(2026, 3, 5))
    with world.store.read() as s:
        states = {ln.unit_id: ln.state for ln in dirs.lines_of(s, incoming_id)}
        assert s.get(Document, incoming_id).state == DocState.DIRECTED.value
    assert states == {world.finance_unit_id: "waiting", world.office_unit_id: "waiting"}
    assert _counts(world, world.officer_id, date(2026, 3, 5)) == FollowUp(due_soon=0, overdue=1)
