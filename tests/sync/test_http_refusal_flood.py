"""A signed-in user cannot flood the audit chain with forbidden operations.

Pushing an operation on a document one may not see is refused and audited
(``access.denied``). The audit is a hash chain every later event is bound to: thousands
of forged operations must not append thousands of chained events. Over the real HTTP
server (SQLite and PostgreSQL), an officer pushes 300 forbidden operations of three
kinds in batches mixed with legitimate ones: each forbidden one is still rejected on its
own with its reason, the legitimate ones still apply, and the audit grows by one event
per kind at once (naming the first operation refused) and one per kind when the window
closes, whose counts add up to the 300; the chain verifies, by the auditor's command too.
Documents asked for by id (``GET /documents``) are counted the same way.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

from sqlalchemy import select

from eoffice.audit.chain import verify_chain
from eoffice.audit.models import AuditEvent
from eoffice.cli import main as eoffice_main
from eoffice.documents import operations as ops
from eoffice.ops import Operation
from eoffice.store.base import new_id
from eoffice.sync.applying import apply_once
from eoffice.sync.client import SyncClient
from eoffice.sync.credentials import Credentials
from eoffice.worklog import operations as diary
from eoffice.worklog.models import WorklogEntry
from tests.server.conftest import PASSWORD
from tests.sync.conftest import register_op
from tests.sync.http_support import Province, close_audit_windows

REFUSED = "Bạn không có quyền thực hiện thao tác này trên văn bản đó."


def denied_events(province: Province, actor_id: str) -> list[tuple[str, dict[str, object]]]:
    """(target id, details) of the actor's ``access.denied`` events, oldest first."""
    with province.store.read() as s:
        events = s.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "access.denied", AuditEvent.actor_id == actor_id)
            .order_by(AuditEvent.seq)
        )
        return [(e.target_id, json.loads(e.after_json or "{}")) for e in events]


def counted(events: list[tuple[str, dict[str, object]]], key: str = "kind") -> Counter[object]:
    """Refusals the events stand for, per ``key``: each event's count."""
    total: Counter[object] = Counter()
    for _target, after in events:
        total[after.get(key)] += int(after["count"])  # type: ignore[call-overload]
    return total


def audit_verifies(province: Province) -> None:
    with province.store.read() as s:
        assert verify_chain(s) == []
    assert eoffice_main(["--database-url", province.store.url, "audit-verify"]) == 0


def _secret_document(province: Province) -> tuple[str, str]:
    """A confidential incoming document directed to the office (not to the finance unit):
    its id and its line's."""
    w = province.world
    secret = register_op("Phương án bảo vệ mục tiêu trọng điểm", secrecy="confidential")
    line = new_id()
    direct = ops.Direct(new_id(), secret.document_id, new_id(), "Văn phòng chủ trì.", (
        ops.LineRef(line, "lead", unit_id=w.office_unit_id, deadline="2099-01-01"),
    ))
    with province.store.write() as s:
        assert apply_once(s, w.clerk_id, secret).accepted
        assert apply_once(s, w.leader_id, direct).accepted
    return secret.document_id, line


def test_hundreds_of_forbidden_operations_are_a_few_audit_events_with_their_count(province: Province):
    w = province.world
    document_id, line_id = _secret_document(province)
    today = date.today().isoformat()

    def forged(n: int) -> Operation:
        kind = n % 3
        if kind == 0:
            return ops.StartLine(new_id(), line_id)
        if kind == 1:
            return ops.ReturnDocument(new_id(), document_id, "Gửi nhầm nơi")
        return ops.Direct(new_id(), document_id, new_id(), "", (
            ops.LineRef(new_id(), "lead", user_id=w.officer2_id, deadline="2099-01-01"),))

    def own_entry(n: int) -> diary.AddEntry:
        return diary.AddEntry(op_id=new_id(), entry_id=new_id(), day=today, text=f"Việc thứ {n}", minutes=15)

    with SyncClient(province.url, credentials=Credentials(province.url, "chuyenvien2")) as officer:
        officer.login("chuyenvien2", PASSWORD)
        pushed: list[Operation] = []
        answers = []
        for batch in range(3):  # 100 forged and 5 of her own diary entries in each
            ops_ = [forged(100 * batch + n) for n in range(100)]
            for n in range(5):
                ops_.insert(20 * n + 7, own_entry(5 * batch + n))
            pushed += ops_
            answers += officer.push(ops_)

        # Every operation is answered on its own: each forged one rejected with the reason.
        assert [(a.op_id, a.outcome, a.reason) for a in answers] == [
            (op.op_id, "accepted", "") if isinstance(op, diary.AddEntry) else (op.op_id, "rejected", REFUSED)
            for op in pushed
        ]
        with province.store.read() as s:
            entries = set(s.scalars(select(WorklogEntry.id).where(WorklogEntry.user_id == w.officer2_id)))
        assert entries == {op.entry_id for op in pushed if isinstance(op, diary.AddEntry)}

        # The audit: one event per kind at once, naming the first operation refused and why.
        firsts = {}
        for op in pushed:
            if not isinstance(op, diary.AddEntry):
                firsts.setdefault(op.kind, op.op_id)
        events = denied_events(province, w.officer2_id)
        assert [(target, after["kind"], after["count"], after["reason"]) for target, after in events] == [
            (op_id, kind, 1, REFUSED) for kind, op_id in firsts.items()
        ]

        # When the window closes, the repeats are one event per kind with their count.
        close_audit_windows(province)
        events = denied_events(province, w.officer2_id)
        assert len(events) == 6
        assert all(after.get("repeated") for _target, after in events[3:])
        assert counted(events) == {"start_line": 100, "return_document": 100, "direct": 100}

        # The next forged operation opens a new window: audited at once again.
        [again] = officer.push([forged(0)])
        assert again.outcome == "rejected"
        events = denied_events(province, w.officer2_id)
        assert events[-1][0] == again.op_id and events[-1][1]["count"] == 1
        assert len(events) == 7

    audit_verifies(province)


def test_documents_asked_for_by_id_are_counted_the_same_way(province: Province):
    w = province.world
    secrets = [_secret_document(province)[0] for _ in range(3)]
    with SyncClient(province.url, credentials=Credentials(province.url, "chuyenvien2")) as officer:
        officer.login("chuyenvien2", PASSWORD)
        for _ in range(20):
            page = officer.refetch(secrets, 0)
            assert page.rows.get("documents", []) == [] and sorted(page.revoked) == sorted(secrets)
    [(target, first)] = denied_events(province, w.officer2_id)  # the first refusal, naming its document
    assert target in secrets and (first["reason"], first["count"]) == ("document_not_visible", 1)
    close_audit_windows(province)
    events = denied_events(province, w.officer2_id)
    assert len(events) == 2 and counted(events, "reason") == {"document_not_visible": 60}
    audit_verifies(province)
