"""The sidebar boxes: who sees which document where, and the counts beside them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from eoffice.directory.models import User
from eoffice.documents.boxes import Box, box_counts, box_page
from eoffice.documents.indexing import index_document
from eoffice.documents.models import DirectionLine, Document, DocumentDirection
from eoffice.documents.numbering import register_for
from eoffice.store.base import new_id
from eoffice.store.sequences import next_value

TODAY = date(2026, 3, 20)


def add_doc(world, direction, state, *, created_by=None, year=2026, numbered=None, secrecy="none", **kw):
    """A document inserted directly (the outgoing flow is tested elsewhere)."""
    with world.store.write() as s:
        if numbered is None:
            numbered = direction == "incoming" or state == "issued"
        register_id = number = None
        if numbered:
            register = register_for(s, kw.get("organisation_id", world.org_id), direction, secrecy != "none")
            register_id = register.id
            number = next_value(s, f"test.{register.id}.{year}")
        doc = Document(
            id=new_id(), organisation_id=kw.pop("organisation_id", world.org_id), direction=direction,
            state=state, sort_key=next_value(s, "documents.sort_key"), type_name="Công văn",
            subject=kw.pop("subject", f"Văn bản {direction} {state}"), secrecy=secrecy,
            created_by=created_by or world.clerk_id, register_id=register_id, year=year if numbered else None,
            register_number=number, **kw,
        )
        s.add(doc)
        s.flush()
        index_document(s, doc, "")
        return doc.id


def add_line(world, document_id, *, user_id=None, unit_id=None, state="waiting", deadline=None, role="lead"):
    with world.store.write() as s:
        direction = DocumentDirection(id=new_id(), document_id=document_id, leader_id=world.leader_id)
        s.add(direction)
        s.flush()
        s.add(DirectionLine(id=new_id(), document_id=document_id, direction_id=direction.id, role=role,
                            user_id=user_id, unit_id=unit_id, state=state, deadline=deadline))


def page(world, box, user_id, **kw):
    with world.store.read() as s:
        return [r.id for r in box_page(s, box, s.get(User, user_id), TODAY, **kw)]


def counts(world, user_id):
    with world.store.read() as s:
        return box_counts(s, s.get(User, user_id), TODAY)


@pytest.fixture
def other_org(world):
    from eoffice.directory.admin import create_organisation

    with world.store.write() as s:
        return create_organisation(s, "000.00.99.H41", "Sở Xây dựng", "SXD").id


def test_incoming_box_is_the_organisations_for_clerks_and_leaders_the_units_for_officers(world, other_org):
    a = add_doc(world, "incoming", "registered")
    b = add_doc(world, "incoming", "done")
    add_doc(world, "outgoing", "issued")
    add_doc(world, "incoming", "registered", organisation_id=other_org)
    assert page(world, Box.INCOMING, world.clerk_id) == [b, a]
    assert page(world, Box.INCOMING, world.leader_id) == [b, a]
    assert page(world, Box.INCOMING, world.officer_id) == []  # nothing for their unit yet
    add_line(world, a, unit_id=world.office_unit_id)
    assert page(world, Box.INCOMING, world.officer_id) == [a]
    assert page(world, Box.INCOMING, world.officer2_id) == []
    assert page(world, Box.INCOMING, world.admin_id) == []


def test_outgoing_box_shows_only_issued_documents(world):
    issued = add_doc(world, "outgoing", "issued", created_by=world.officer_id)
    add_doc(world, "outgoing", "draft", created_by=world.officer_id)
    add_doc(world, "outgoing", "approved", created_by=world.officer_id)
    assert page(world, Box.OUTGOING, world.clerk_id) == [issued]
    assert page(world, Box.OUTGOING, world.officer_id) == [issued]
    assert page(world, Box.OUTGOING, world.officer2_id) == []  # another unit's


def test_secret_documents_only_for_creator_clerks_leaders_and_named_people(world):
    secret = add_doc(world, "incoming", "directed", secrecy="secret")
    plain = add_doc(world, "incoming", "directed")
    add_line(world, plain, unit_id=world.office_unit_id)
    assert page(world, Box.INCOMING, world.clerk_id) == [plain, secret]  # the clerk registered it
    assert page(world, Box.INCOMING, world.leader_id) == [plain, secret]
    assert page(world, Box.INCOMING, world.officer_id) == [plain]
    # a line to the officer's unit does not reveal it; a line naming the officer does
    add_line(world, secret, unit_id=world.office_unit_id)
    assert page(world, Box.INCOMING, world.officer_id) == [plain]
    add_line(world, secret, user_id=world.officer_id, role="inform", state="done")
    assert page(world, Box.INCOMING, world.officer_id) == [plain, secret]
    assert page(world, Box.INCOMING, world.officer2_id) == []
    draft = add_doc(world, "outgoing", "draft", created_by=world.officer2_id, secrecy="confidential")
    assert page(world, Box.MY_DRAFTS, world.officer2_id) == [draft]


def test_waiting_for_me_open_lines_of_the_user_or_the_users_unit(world):
    mine = add_doc(world, "incoming", "directed")
    add_line(world, mine, user_id=world.officer_id, state="in_progress")
    unit = add_doc(world, "incoming", "directed")
    add_line(world, unit, unit_id=world.office_unit_id)
    finished = add_doc(world, "incoming", "directed")
    add_line(world, finished, user_id=world.officer_id, state="done")
    taken = add_doc(world, "incoming", "directed")  # the unit's line given to a colleague
    add_line(world, taken, unit_id=world.office_unit_id, user_id=world.leader_id)
    assert page(world, Box.WAITING_FOR_ME, world.officer_id) == [unit, mine]
    assert page(world, Box.WAITING_FOR_ME, world.officer2_id) == []  # other unit


def test_waiting_for_a_leader_includes_documents_awaiting_direction(world):
    registered = add_doc(world, "incoming", "registered")
    add_doc(world, "incoming", "directed")
    assert page(world, Box.WAITING_FOR_ME, world.leader_id) == [registered]
    assert page(world, Box.WAITING_FOR_ME, world.officer_id) == []


def test_waiting_for_a_clerk_includes_approved_outgoing_awaiting_a_number(world):
    approved = add_doc(world, "outgoing", "approved", created_by=world.officer_id)
    add_doc(world, "outgoing", "submitted", created_by=world.officer_id, approver_id=world.leader_id)
    assert page(world, Box.WAITING_FOR_ME, world.clerk_id) == [approved]


def test_due_soon_and_overdue_by_line_deadline(world):
    soon = add_doc(world, "incoming", "directed")
    add_line(world, soon, user_id=world.officer_id, deadline=TODAY + timedelta(days=2))
    today = add_doc(world, "incoming", "directed")
    add_line(world, today, user_id=world.officer_id, deadline=TODAY)
    late = add_doc(world, "incoming", "directed")
    add_line(world, late, unit_id=world.office_unit_id, deadline=TODAY - timedelta(days=1))
    far = add_doc(world, "incoming", "directed")
    add_line(world, far, user_id=world.officer_id, deadline=TODAY + timedelta(days=10))
    done_late = add_doc(world, "incoming", "directed")
    add_line(world, done_late, user_id=world.officer_id, state="done", deadline=TODAY - timedelta(days=5))
    others_late = add_doc(world, "incoming", "directed")
    add_line(world, others_late, user_id=world.officer2_id, deadline=TODAY - timedelta(days=3))

    assert page(world, Box.DUE_SOON, world.officer_id) == [today, soon]
    assert page(world, Box.OVERDUE, world.officer_id) == [late]
    assert page(world, Box.OVERDUE, world.officer2_id) == [others_late]
    # clerks and leaders follow the whole organisation
    assert page(world, Box.OVERDUE, world.clerk_id) == [others_late, late]
    assert page(world, Box.OVERDUE, world.leader_id) == [others_late, late]
    assert page(world, Box.DUE_SOON, world.leader_id) == [today, soon]
    with world.store.read() as s:
        officer = s.get(User, world.officer_id)
        wide = box_page(s, Box.DUE_SOON, officer, TODAY, soon_days=10)
    assert [r.id for r in wide] == [far, today, soon]


def test_due_soon_counts_working_days_like_the_follow_up(world):
    """Friday 20/03: three working days reach Wednesday 25/03 over the weekend."""
    assert TODAY.weekday() == 4
    wednesday = add_doc(world, "incoming", "directed")
    add_line(world, wednesday, user_id=world.officer_id, deadline=date(2026, 3, 25))
    thursday = add_doc(world, "incoming", "directed")
    add_line(world, thursday, user_id=world.officer_id, deadline=date(2026, 3, 26))
    assert page(world, Box.DUE_SOON, world.officer_id) == [wednesday]
    with world.store.read() as s:
        officer = s.get(User, world.officer_id)
        assert box_counts(s, officer, TODAY)[Box.DUE_SOON] == 1


def test_drafts_to_approve_and_my_drafts(world):
    submitted = add_doc(world, "outgoing", "submitted", created_by=world.officer_id, approver_id=world.leader_id)
    draft = add_doc(world, "outgoing", "draft", created_by=world.officer_id)
    returned = add_doc(world, "outgoing", "returned", created_by=world.officer_id, approver_id=world.leader_id)
    add_doc(world, "outgoing", "approved", created_by=world.officer_id, approver_id=world.leader_id)
    add_doc(world, "outgoing", "draft", created_by=world.officer2_id)
    assert page(world, Box.DRAFTS_TO_APPROVE, world.leader_id) == [submitted]
    assert page(world, Box.DRAFTS_TO_APPROVE, world.officer_id) == []
    assert page(world, Box.MY_DRAFTS, world.officer_id) == [returned, draft, submitted]


def test_keyset_pages_cover_a_box_once(world):
    ids = [add_doc(world, "incoming", "done") for _ in range(7)]
    got: list[str] = []
    before = None
    with world.store.read() as s:
        user = s.get(User, world.clerk_id)
        while rows := box_page(s, Box.INCOMING, user, TODAY, before_key=before, limit=3):
            got.extend(r.id for r in rows)
            before = rows[-1].sort_key
    assert got == list(reversed(ids))


def test_counts_match_the_lists(world, other_org):
    add_doc(world, "incoming", "registered")
    add_doc(world, "incoming", "registered", year=2025)  # last year: not in this year's count
    secret = add_doc(world, "incoming", "directed", secrecy="secret")
    add_doc(world, "incoming", "registered", organisation_id=other_org)
    add_doc(world, "outgoing", "issued", created_by=world.officer_id)
    add_doc(world, "outgoing", "submitted", created_by=world.officer_id, approver_id=world.leader_id)
    late = add_doc(world, "incoming", "directed")
    add_line(world, late, user_id=world.officer_id, deadline=TODAY - timedelta(days=1))
    add_line(world, late, unit_id=world.office_unit_id, deadline=TODAY - timedelta(days=1))
    add_line(world, secret, unit_id=world.finance_unit_id, deadline=TODAY + timedelta(days=1))

    officer = counts(world, world.officer_id)
    assert officer == {
        Box.INCOMING: 1,  # this year's of their unit or naming them, not the secret one
        Box.OUTGOING: 1,
        Box.WAITING_FOR_ME: 1,  # two open lines on one document count once
        Box.DUE_SOON: 0,
        Box.OVERDUE: 1,
        Box.DRAFTS_TO_APPROVE: 0,
        Box.MY_DRAFTS: 1,
    }
    leader = counts(world, world.leader_id)
    assert leader[Box.INCOMING] == 3
    assert leader[Box.WAITING_FOR_ME] == 3  # the two still registered + the VP unit line
    assert leader[Box.DRAFTS_TO_APPROVE] == 1
    assert leader[Box.DUE_SOON] == 1 and leader[Box.OVERDUE] == 1
    for user_id in (world.officer_id, world.officer2_id, world.leader_id, world.clerk_id):
        got = counts(world, user_id)
        for box in (Box.WAITING_FOR_ME, Box.DUE_SOON, Box.OVERDUE, Box.DRAFTS_TO_APPROVE, Box.MY_DRAFTS):
            assert got[box] == len(page(world, box, user_id)), (user_id, box)
