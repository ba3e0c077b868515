"""Which operation tells whom: each workflow step reaches the person who must act next."""

from __future__ import annotations

from eoffice.directory.admin import create_organisation, create_user
from eoffice.directory.models import Role
from eoffice.documents import operations as ops
from eoffice.server import events
from eoffice.store import Store
from eoffice.store.base import new_id
from eoffice.sync.applying import apply_batch, apply_once
from tests.conftest import World
from tests.server.live_helpers import direct, direct_op, registered
from tests.sync.conftest import file_ref


def heard(store: Store, user_id: str) -> list[tuple[str, str]]:
    """(kind, document id) of every event the user would receive, in order."""
    with store.read() as s:
        return [(e.kind, e.to_message()["payload"]["document_id"]) for e in events.events_after(s, user_id, 0)]


def test_each_step_of_the_workflow_tells_the_one_who_acts_next(world: World):
    store, w = world.store, world
    doc = registered(store, w)
    op = direct(store, w, doc, user_id=w.officer_id)
    line = op.lines[0].line_id
    draft_id = new_id()
    steps = [
        (w.officer_id, ops.ReturnLine(new_id(), line, "Không thuộc thẩm quyền")),
        (w.officer_id, ops.CreateDraft(
            new_id(), draft_id, {"type_name": "Công văn", "subject": "Trả lời"}, (file_ref(),)
        )),
        (w.officer_id, ops.SubmitDraft(new_id(), draft_id, w.leader_id)),
        (w.leader_id, ops.ReturnDraft(new_id(), draft_id, "Ghi rõ thời hạn")),
        (w.officer_id, ops.SubmitDraft(new_id(), draft_id, w.leader_id)),
        (w.leader_id, ops.ApproveDraft(new_id(), draft_id, "Đồng ý")),
        (w.clerk_id, ops.Issue(new_id(), draft_id, "2026-03-05")),
    ]
    with store.write() as s:
        outcomes = [apply_once(s, actor, step) for actor, step in steps]
    assert [o.reason_vi for o in outcomes] == [""] * len(steps)

    assert heard(store, w.officer_id) == [
        ("direction.assigned", doc), ("draft.returned", draft_id), ("draft.approved", draft_id),
        ("document.issued", draft_id),
    ]
    assert heard(store, w.leader_id) == [
        ("line.returned", doc), ("draft.submitted", draft_id), ("draft.submitted", draft_id),
    ]
    assert heard(store, w.officer2_id) == []  # another unit
    assert heard(store, w.admin_id) == []  # same unit, but nothing was addressed to them


def test_a_returned_document_reaches_its_clerk_and_a_unit_line_its_members(world: World):
    store, w = world.store, world
    doc = registered(store, w)
    with store.write() as s:
        assert apply_once(s, w.leader_id, ops.ReturnDocument(new_id(), doc, "Gửi nhầm cơ quan")).accepted
    assert heard(store, w.clerk_id) == [("document.returned", doc)]

    other = registered(store, w)
    direct(store, w, other, unit_id=w.finance_unit_id)
    assert heard(store, w.officer2_id) == [("direction.assigned", other)]
    assert heard(store, w.officer_id) == []


def test_a_delivered_document_reaches_the_clerks_of_the_receiving_organisation(world: World):
    store, w = world.store, world
    with store.write() as s:
        other_org = create_organisation(s, "000.00.12.H41", "Sở Nội vụ tỉnh Nghệ An", "SNV")
        their_clerk = create_user(s, "vanthu_snv", "Hồ Thị Lan", other_org.id, {Role.CLERK}, None, "Văn thư")
        their_officer = create_user(s, "cv_snv", "Võ Văn Bình", other_org.id, {Role.OFFICER}, None, "Chuyên viên")
        their_clerk_id, their_officer_id = their_clerk.id, their_officer.id
    draft_id = new_id()
    steps = [
        (w.officer_id, ops.CreateDraft(
            new_id(), draft_id, {"type_name": "Công văn", "subject": "Mời họp"}, (file_ref(),)
        )),
        (w.officer_id, ops.SubmitDraft(new_id(), draft_id, w.leader_id)),
        (w.leader_id, ops.ApproveDraft(new_id(), draft_id)),
        (w.clerk_id, ops.Issue(new_id(), draft_id, "2026-03-05")),
        (w.clerk_id, ops.Deliver(new_id(), draft_id, (other_org.id,), (copy_id := new_id(),))),
    ]
    with store.write() as s:
        assert [apply_once(s, actor, step).reason_vi for actor, step in steps] == [""] * len(steps)
    assert heard(store, their_clerk_id) == [("document.received", copy_id)]
    assert heard(store, their_officer_id) == []
    assert all(kind != "document.received" for kind, _ in heard(store, w.clerk_id))


def test_a_rejected_operation_tells_no_one_and_a_replay_tells_no_one_twice(world: World):
    store, w = world.store, world
    doc = registered(store, w)
    op = direct_op(doc, user_id=w.officer_id)
    with store.write() as s:
        assert not apply_batch(s, w.officer_id, [direct_op(doc, user_id=w.officer_id)])[0].accepted  # not a leader
    assert heard(store, w.officer_id) == []
    for _ in range(2):
        with store.write() as s:
            assert apply_batch(s, w.leader_id, [op])[0].accepted
    assert heard(store, w.officer_id) == [("direction.assigned", doc)]


def test_a_secret_documents_subject_stays_out_of_the_event(world: World):
    store, w = world.store, world
    doc = registered(store, w)
    with store.write() as s:
        from eoffice.documents.models import Document

        s.get(Document, doc).secrecy = "confidential"  # type: ignore[union-attr]
    direct(store, w, doc, user_id=w.officer_id)
    with store.read() as s:
        [event] = events.events_after(s, w.officer_id, 0)
        payload = event.to_message()["payload"]
    assert payload["secret"] is True and payload["subject"] == ""


def test_an_event_reaches_only_those_of_its_audience_who_may_see_its_document(world: World):
    """The unit's members hear of a line to it only if the pull sends them the document."""
    store, w = world.store, world
    from eoffice.documents.models import Document

    secret = registered(store, w, "Về công tác bảo vệ bí mật")
    with store.write() as s:
        s.get(Document, secret).secrecy = "confidential"  # type: ignore[union-attr]
    op = ops.Direct(new_id(), secret, new_id(), "Nội dung chỉ đạo mật", (
        ops.LineRef(new_id(), "lead", user_id=w.officer2_id),
        ops.LineRef(new_id(), "inform", unit_id=w.office_unit_id),  # the clerk, an officer, the admin
    ))
    with store.write() as s:
        assert apply_batch(s, w.leader_id, [op])[0].accepted
    assert heard(store, w.officer2_id) == [("direction.assigned", secret)]  # named on it
    assert heard(store, w.clerk_id) == [("direction.assigned", secret)]  # registered it
    assert heard(store, w.officer_id) == []  # an officer of the informed unit: not named
    assert heard(store, w.admin_id) == []

    ordinary = registered(store, w)
    direct(store, w, ordinary, unit_id=w.office_unit_id)
    assert heard(store, w.officer_id) == [("direction.assigned", ordinary)]
    assert heard(store, w.admin_id) == []  # an admin's role gives no document

    # Asked when the event is sent: once the document is no longer secret, the unit's
    # officer may see it, and a client catching up is told.
    with store.write() as s:
        s.get(Document, secret).secrecy = "none"  # type: ignore[union-attr]
    assert heard(store, w.officer_id) == [("direction.assigned", secret), ("direction.assigned", ordinary)]


def test_a_two_level_review_tells_the_head_of_unit_then_the_leader(world: World):
    from eoffice.documents import review

    store, w = world.store, world
    with store.write() as s:
        head = create_user(s, "chanhvp", "Võ Thành Trung", w.org_id, {Role.OFFICER}, w.office_unit_id, "Chánh VP")
        review.set_unit_head(s, w.office_unit_id, head.id)
        review.set_draft_review_levels(s, w.org_id, 2)
    draft_id = new_id()
    steps = [
        (w.officer_id, ops.CreateDraft(
            new_id(), draft_id, {"type_name": "Công văn", "subject": "Báo cáo"}, (file_ref(),)
        )),
        (w.officer_id, ops.SubmitDraft(new_id(), draft_id, w.leader_id)),
        (head.id, ops.ReturnReview(new_id(), draft_id, "Bổ sung số liệu")),
        (w.officer_id, ops.SubmitDraft(new_id(), draft_id, w.leader_id)),
        (head.id, ops.PassReview(new_id(), draft_id, "Đề nghị ký")),
    ]
    with store.write() as s:
        outcomes = [apply_once(s, actor, step) for actor, step in steps]
    assert [o.reason_vi for o in outcomes] == [""] * len(steps)
    assert heard(store, head.id) == [("draft.to_review", draft_id), ("draft.to_review", draft_id)]
    assert heard(store, w.officer_id) == [("draft.returned", draft_id)]
    assert heard(store, w.leader_id) == [("draft.submitted", draft_id)]
