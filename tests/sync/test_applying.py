"""Pushed operations apply exactly once; a refused one leaves nothing and says why."""

from __future__ import annotations

from sqlalchemy import func, select

from eoffice.audit.models import AuditEvent
from eoffice.directory.models import User
from eoffice.documents import operations as ops
from eoffice.documents.models import (
    DirectionLine,
    Document,
    DocumentDirection,
    DocumentFile,
    RegisterCounter,
)
from eoffice.documents.search import search
from eoffice.ops import FileRef
from eoffice.store.base import new_id
from eoffice.sync.applying import ACCEPTED, REJECTED, apply_batch, apply_once
from eoffice.sync.models import AppliedOperation
from tests.sync.conftest import register_op


def _counts(store) -> dict[str, object]:  # type: ignore[no-untyped-def]
    with store.read() as s:
        return {
            "documents": s.scalar(select(func.count()).select_from(Document)),
            "files": s.scalar(select(func.count()).select_from(DocumentFile)),
            "directions": s.scalar(select(func.count()).select_from(DocumentDirection)),
            "lines": s.scalar(select(func.count()).select_from(DirectionLine)),
            "audit": s.scalar(select(func.count()).select_from(AuditEvent)),
            "numbers": sorted(s.execute(select(RegisterCounter.year, RegisterCounter.last_number)).all()),
            "states": sorted(s.execute(select(DirectionLine.id, DirectionLine.state)).all()),
        }


def _direct(world, document_id: str) -> ops.Direct:  # type: ignore[no-untyped-def]
    return ops.Direct(
        new_id(), document_id, new_id(), "Văn phòng chủ trì",
        (ops.LineRef(new_id(), "lead", user_id=world.officer_id, deadline="2099-01-01"),),
    )


def test_applying_an_operation_twice_changes_nothing_the_second_time(server):
    op = register_op()
    with server.store.write() as s:
        first = apply_once(s, server.clerk_id, op)
    assert first.status == ACCEPTED and not first.replayed
    assert first.result["arrival_number"] == 1
    before = _counts(server.store)
    with server.store.write() as s:
        again = apply_once(s, server.clerk_id, op)
    assert again.replayed
    assert (again.status, again.result) == (first.status, first.result)
    assert _counts(server.store) == before

    direct = _direct(server, op.document_id)
    with server.store.write() as s:
        assert apply_batch(s, server.leader_id, [direct])[0].accepted
    before = _counts(server.store)
    with server.store.write() as s:
        replay = apply_batch(s, server.leader_id, [direct]) + apply_batch(s, server.clerk_id, [op])
    assert [(o.replayed, o.status) for o in replay] == [(True, ACCEPTED), (True, ACCEPTED)]
    assert _counts(server.store) == before


def test_a_rejected_operation_says_why_in_vietnamese_and_leaves_nothing(server):
    reg = register_op()
    direct = _direct(server, reg.document_id)
    with server.store.write() as s:
        assert all(o.accepted for o in apply_batch(s, server.leader_id, [])) is True
        apply_once(s, server.clerk_id, reg)
        apply_once(s, server.leader_id, direct)
    before = _counts(server.store)
    bad = ops.ReturnLine(new_id(), direct.lines[0].line_id, "   ")
    with server.store.write() as s:
        outcome = apply_once(s, server.officer_id, bad)
    assert outcome.status == REJECTED
    assert outcome.reason_vi == "Cần ghi lý do trả lại."
    assert _counts(server.store) == before
    with server.store.write() as s:
        again = apply_once(s, server.officer_id, bad)
        stored = s.get(AppliedOperation, bad.op_id)
        assert stored is not None and stored.outcome == REJECTED
    assert again.replayed and again.reason_vi == outcome.reason_vi


def test_a_batch_keeps_the_operations_around_a_rejected_one(server):
    first, third = register_op("Văn bản thứ nhất"), register_op("Văn bản thứ ba")
    # The officer may not register: the second operation is refused.
    second = register_op("Văn bản thứ hai")
    with server.store.write() as s:
        outcomes = [
            apply_once(s, server.clerk_id, first),
            apply_once(s, server.officer_id, second),
            apply_once(s, server.clerk_id, third),
        ]
    assert [o.status for o in outcomes] == [ACCEPTED, REJECTED, ACCEPTED]
    assert outcomes[1].reason_vi == "Chỉ văn thư mới được làm việc này."
    with server.store.read() as s:
        numbers = dict(s.execute(select(Document.subject, Document.arrival_number)).all())
        denied = s.scalars(select(AuditEvent).where(AuditEvent.action == "access.denied")).all()
    assert numbers == {"Văn bản thứ nhất": 1, "Văn bản thứ ba": 2}
    assert [e.target_id for e in denied] == [second.op_id]


def test_a_batch_is_one_transaction_of_the_caller(server):
    a, b = register_op(), register_op()
    try:
        with server.store.write() as s:
            apply_batch(s, server.clerk_id, [a, b])
            raise RuntimeError("connection lost before commit")
    except RuntimeError:
        pass
    with server.store.read() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 0
        assert s.scalar(select(func.count()).select_from(AppliedOperation)) == 0
    with server.store.write() as s:
        assert [o.result["arrival_number"] for o in apply_batch(s, server.clerk_id, [a, b])] == [1, 2]


def test_an_op_id_of_another_user_is_refused(server):
    op = register_op()
    with server.store.write() as s:
        apply_once(s, server.clerk_id, op)
    with server.store.write() as s:
        stolen = apply_once(s, server.leader_id, op)
    assert stolen.status == REJECTED and "đã được dùng" in stolen.reason_vi


def test_client_chosen_ids_must_be_new(server):
    op = register_op()
    with server.store.write() as s:
        apply_once(s, server.clerk_id, op)
    reuse = ops.RegisterIncoming(new_id(), op.document_id, op.fields, op.files, op.arrival_date, True)
    with server.store.write() as s:
        outcome = apply_once(s, server.clerk_id, reuse)
    assert outcome.status == REJECTED and "đã được dùng" in outcome.reason_vi


def test_the_whole_outgoing_and_line_workflow_runs_as_operations(server):
    reg = register_op(text="Báo cáo chuyển đổi số quý một")
    direct = _direct(server, reg.document_id)
    line = direct.lines[0].line_id
    draft_id = new_id()
    draft = ops.CreateDraft(
        new_id(), draft_id, {"type_name": "Công văn", "subject": "Trả lời về chuyển đổi số"},
        (FileRef("a" * 64, "du-thao.pdf", 10, 1),), reply_to_id=reg.document_id,
    )
    steps = [
        (server.clerk_id, reg),
        (server.leader_id, direct),
        (server.officer_id, ops.StartLine(new_id(), line)),
        (server.officer_id, draft),
        (server.officer_id, ops.UpdateDraft(new_id(), draft_id, {**draft.fields, "subject": "Trả lời: chuyển đổi số"})),
        (server.officer_id, ops.SubmitDraft(new_id(), draft_id, server.leader_id)),
        (server.leader_id, ops.ReturnDraft(new_id(), draft_id, "Ghi rõ thời hạn")),
        (server.officer_id, ops.SubmitDraft(new_id(), draft_id, server.leader_id)),
        (server.leader_id, ops.ApproveDraft(new_id(), draft_id, "Đồng ý")),
        (server.clerk_id, ops.Issue(new_id(), draft_id, "2026-03-05")),
    ]
    with server.store.write() as s:
        outcomes = [apply_once(s, actor, op) for actor, op in steps]
    assert [o.reason_vi for o in outcomes] == [""] * len(steps)
    assert outcomes[-1].result["code_number"] == "01"
    with server.store.read() as s:
        assert s.get(DirectionLine, line).state == "done"
        assert s.get(Document, reg.document_id).state == "done"
        clerk = s.get(User, server.clerk_id)
        assert reg.document_id in [r.id for r in search(s, clerk, "chuyen doi so quy mot")]
