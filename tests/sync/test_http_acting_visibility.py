"""Nobody acts on a document their pull would not send them, over the real HTTP server.

A confidential incoming document is directed to a unit and to one officer of it by name;
the unit's other officer, another unit's officer, a second clerk, the admin and every
user of another organisation may not see it (``documents.visibility``), and so may not
start, complete, return or forward its unit line, return it, reply to it, link it from
their diary or name it as their reply — although the domain alone would let a member of
the unit act on the unit's line and a clerk return a document of the organisation. The
same holds for drafts: a confidential draft is its drafter's until it is submitted, and
an ordinary one is not another unit's. Each refusal is one operation's rejection with a
reason that names nothing of the document, is audited (its repeats counted into one
event, not chained one by one) and changes nothing on the server; those the rule lets
see the document act on it as before, and a person the line is forwarded to may act on
it from then on.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date

import pytest
from sqlalchemy import select

from eoffice.audit.models import AuditEvent
from eoffice.directory.admin import create_organisation, create_unit, create_user
from eoffice.directory.models import Role
from eoffice.documents import operations as ops
from eoffice.ops import Operation
from eoffice.store.base import new_id
from eoffice.sync.applying import apply_once
from eoffice.sync.client import SyncClient
from eoffice.sync.credentials import Credentials
from eoffice.worklog import operations as diary
from tests.server.conftest import PASSWORD, give_passwords
from tests.sync.conftest import doc_fields, file_ref, register_op
from tests.sync.convergence import server_state
from tests.sync.http_support import Province, close_audit_windows

SECRET_SUBJECT = "Phương án bảo vệ mục tiêu trọng điểm"
DRAFT_SUBJECT = "Dự thảo báo cáo an ninh nội bộ"
PLAIN_SUBJECT = "Về việc rà soát biên chế"

#: The server's refusal of an operation naming a row the pusher may not see
#: (``sync.permissions``), and the diary's of a link to such a line (``worklog.entries``).
REFUSED = ("rejected", "Bạn không có quyền thực hiện thao tác này trên văn bản đó.",
           "You may not perform this operation on that document.")
REFUSED_LINK = ("rejected", "Bạn không xem được văn bản này.", "You may not see that document.")


@dataclass
class Scene:
    """The people (signed in over HTTP) and the rows they act on."""

    province: Province
    clients: dict[str, SyncClient]
    ids: dict[str, str] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)

    def push(self, username: str, op: Operation) -> tuple[str, str, str]:
        [result] = self.clients[username].push([op])
        return result.outcome, result.reason, result.reason_en

    def accepted(self, username: str, op: Operation) -> None:
        outcome, reason, _ = self.push(username, op)
        assert outcome == "accepted", (username, op.kind, reason)


def _as(province: Province, user_id: str, op: Operation) -> None:
    """Set the scene on the server as the rightful user (the probes go over HTTP)."""
    with province.store.write() as s:
        outcome = apply_once(s, user_id, op)
        assert outcome.accepted, (op.kind, outcome.reason_vi)


@pytest.fixture
def scene(province: Province) -> Iterator[Scene]:
    w = province.world
    with province.store.write() as s:
        vp2 = create_user(s, "chuyenvien3", "Vũ Thị Lan", w.org_id, {Role.OFFICER}, w.office_unit_id, "Chuyên viên")
        clerk2 = create_user(s, "vanthu2", "Hoàng Văn Sơn", w.org_id, {Role.CLERK}, w.office_unit_id, "Văn thư")
        other = create_organisation(s, "000.00.02.H41", "Sở Tài chính", "STC")
        other_unit = create_unit(s, other.id, "VP", "Văn phòng Sở")
        stranger = create_user(
            s, "lanhdaostc", "Ngô Thị Lạ", other.id, {Role.CLERK, Role.LEADER, Role.OFFICER}, other_unit.id, "Giám đốc"
        )
        users = {"chuyenvien3": vp2.id, "vanthu2": clerk2.id, "lanhdaostc": stranger.id}
    names = ("vanthu", "lanhdao", "chuyenvien", "chuyenvien2", "quantri", "chuyenvien3", "vanthu2", "lanhdaostc")
    give_passwords(province.store, *names)
    users.update(vanthu=w.clerk_id, lanhdao=w.leader_id, chuyenvien=w.officer_id, chuyenvien2=w.officer2_id,
                 quantri=w.admin_id)
    ids: dict[str, str] = {}

    # A confidential incoming document, directed to the office (VP) and to one of its
    # officers by name; a second one the registering clerk will return.
    secret = register_op(SECRET_SUBJECT, secrecy="confidential")
    _as(province, w.clerk_id, secret)
    ids["secret"], ids["unit_line"], ids["named_line"] = secret.document_id, new_id(), new_id()
    _as(province, w.leader_id, ops.Direct(new_id(), secret.document_id, new_id(), "Văn phòng chủ trì.", (
        ops.LineRef(ids["unit_line"], "lead", unit_id=w.office_unit_id, deadline="2099-01-01"),
        ops.LineRef(ids["named_line"], "coordinate", user_id=w.officer_id, deadline="2099-01-01"),
    )))
    second = register_op(SECRET_SUBJECT + " (bổ sung)", secrecy="secret")
    _as(province, w.clerk_id, second)
    ids["secret2"] = second.document_id

    # An ordinary incoming document directed to the office: the other organisation's
    # people may not see it, the finance officer neither.
    plain = register_op(PLAIN_SUBJECT)
    _as(province, w.clerk_id, plain)
    ids["plain"], ids["plain_line"] = plain.document_id, new_id()
    _as(province, w.leader_id, ops.Direct(new_id(), plain.document_id, new_id(), "", (
        ops.LineRef(ids["plain_line"], "lead", unit_id=w.office_unit_id, deadline="2099-01-01"),
    )))

    # Drafts of the office's officer: a confidential one not yet submitted (only hers),
    # and an ordinary one (the office's, not the finance unit's).
    for key, secrecy in (("secret_draft", "confidential"), ("plain_draft", "none")):
        ids[key] = new_id()
        _as(province, w.officer_id, ops.CreateDraft(
            new_id(), ids[key], doc_fields(DRAFT_SUBJECT, secrecy=secrecy, code_number=None, issued_date=None),
            (file_ref(),),
        ))
    with ExitStack() as stack:
        clients: dict[str, SyncClient] = {}
        for name in names:
            client = stack.enter_context(SyncClient(province.url, credentials=Credentials(province.url, name)))
            client.login(name, PASSWORD)
            clients[name] = client
        yield Scene(province, clients, ids, users)


def _probes(scene: Scene) -> list[tuple[str, Operation]]:
    """(who, operation) pairs naming a document, line or draft the pusher may not see."""
    w, i, u = scene.province.world, scene.ids, scene.users
    today = date.today().isoformat()

    def on_line(line_id: str, to_user: str) -> list[Operation]:
        return [
            ops.StartLine(new_id(), line_id),
            ops.CompleteLine(new_id(), line_id, "Đã xong"),
            ops.ReturnLine(new_id(), line_id, "Không đúng chức năng"),
            ops.ForwardLine(
                new_id(), line_id, (ops.LineRef(new_id(), "lead", user_id=to_user, deadline="2099-01-01"),)
            ),
        ]

    def on_document(document_id: str, pusher: str) -> list[Operation]:
        return [
            ops.ReturnDocument(new_id(), document_id, "Gửi nhầm nơi"),
            ops.Direct(new_id(), document_id, new_id(), "Giao xử lý", (
                ops.LineRef(new_id(), "lead", user_id=u[pusher], deadline="2099-01-01"),)),
            ops.CreateDraft(new_id(), new_id(), doc_fields("Trả lời", code_number=None, issued_date=None),
                            (file_ref(),), reply_to_id=document_id),
            diary.AddEntry(op_id=new_id(), entry_id=new_id(), day=today, text="Xử lý văn bản", minutes=30,
                           document_id=document_id),
        ]

    def on_draft(document_id: str) -> list[Operation]:
        return [
            ops.UpdateDraft(new_id(), document_id, doc_fields("Sửa dự thảo", code_number=None, issued_date=None)),
            ops.SubmitDraft(new_id(), document_id, w.leader_id),
            ops.ApproveDraft(new_id(), document_id, "Đồng ý"),
            ops.ReturnDraft(new_id(), document_id, "Chưa đạt"),
            ops.Issue(new_id(), document_id, today),
            ops.Deliver(new_id(), document_id, (w.org_id,), (new_id(),)),
            ops.SignFile(new_id(), document_id, new_id(), "0" * 64, file_ref(), "signer"),
        ]

    probes: list[tuple[str, Operation]] = []
    # The office's other officer: a member of the unit the confidential line is for.
    probes += [("chuyenvien3", op) for op in on_line(i["unit_line"], u["chuyenvien3"])]
    probes += [("chuyenvien3", op) for op in on_line(i["named_line"], u["chuyenvien3"])]
    probes += [("chuyenvien3", op) for op in on_document(i["secret"], "chuyenvien3")]
    probes += [("chuyenvien3", ops.CompleteLine(new_id(), i["plain_line"], "Xong", reply_document_id=i["secret"]))]
    probes += [("chuyenvien3", diary.AddEntry(op_id=new_id(), entry_id=new_id(), day=today, text="Dòng giao việc",
                                              minutes=15, direction_line_id=i["unit_line"]))]
    # Another unit's officer, a clerk who did not register it, the admin.
    for who in ("chuyenvien2", "vanthu2", "quantri"):
        probes += [(who, op) for op in on_line(i["unit_line"], u[who])]
        probes += [(who, op) for op in on_document(i["secret"], who)]
    # A clerk returns a document of the organisation: not one registered by another clerk.
    probes += [("vanthu2", ops.ReturnDocument(new_id(), i["secret2"], "Gửi nhầm nơi"))]
    # The other organisation, on the secret and the ordinary document alike.
    for key, line in (("secret", "unit_line"), ("plain", "plain_line")):
        probes += [("lanhdaostc", op) for op in on_line(i[line], u["lanhdaostc"])]
        probes += [("lanhdaostc", op) for op in on_document(i[key], "lanhdaostc")]
    # Drafts: the confidential one is its drafter's alone until submitted; the ordinary
    # one is the office's, not the finance unit's nor the other organisation's.
    for who in ("chuyenvien3", "lanhdao", "vanthu", "chuyenvien2", "lanhdaostc"):
        probes += [(who, op) for op in on_draft(i["secret_draft"])]
    for who in ("chuyenvien2", "lanhdaostc"):
        probes += [(who, op) for op in on_draft(i["plain_draft"])]
    return probes


def _denied(scene: Scene) -> list[tuple[str, str, dict[str, object]]]:
    with scene.province.store.read() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "access.denied").order_by(AuditEvent.seq))
        return [(e.actor_id, e.target_id, json.loads(e.after_json or "{}")) for e in events]


def test_nobody_may_act_on_a_document_they_may_not_see(scene: Scene):
    province = scene.province
    before, audited = server_state(province.store, province.blobs), len(_denied(scene))
    probes = _probes(scene)
    answers = [(who, op.kind, *scene.push(who, op)) for who, op in probes]
    expected = [
        (who, op.kind, *(REFUSED_LINK if getattr(op, "direction_line_id", None) else REFUSED)) for who, op in probes
    ]
    assert [a for a in answers if a not in expected] == []
    assert answers == expected
    # Audited: each pusher's first refusal of each kind at once, naming the operation;
    # their repeats counted, and written with their count when the window closes.
    firsts: dict[tuple[str, str], str] = {}
    for who, op in probes:
        firsts.setdefault((scene.users[who], op.kind), op.op_id)
    assert [(actor, target) for actor, target, _after in _denied(scene)[audited:]] == list(
        (actor, op_id) for (actor, _kind), op_id in firsts.items()
    )
    assert server_state(province.store, province.blobs) == before
    close_audit_windows(province)
    refusals = Counter((scene.users[who], op.kind) for who, op in probes)
    counted: Counter[tuple[str, str]] = Counter()
    for actor, _target, after in _denied(scene)[audited:]:
        counted[(actor, str(after["kind"]))] += int(after["count"])  # type: ignore[call-overload]
    assert counted == refusals


def test_those_who_may_see_it_act_on_it_and_a_forwarded_line_brings_its_holder_in(scene: Scene):
    w, i, u = scene.province.world, scene.ids, scene.users
    # The officer named on the document works on her own line.
    scene.accepted("chuyenvien", ops.StartLine(new_id(), i["named_line"]))
    scene.accepted("chuyenvien", diary.AddEntry(op_id=new_id(), entry_id=new_id(), day=date.today().isoformat(),
                                                text="Phối hợp", minutes=30, document_id=i["secret"]))
    scene.accepted("chuyenvien", ops.CompleteLine(new_id(), i["named_line"], "Đã phối hợp"))
    # The unit line: its unit's other officer may not start it ...
    refused = scene.push("chuyenvien3", ops.StartLine(new_id(), i["unit_line"]))
    assert refused == REFUSED
    # ... until the leader, who sees every incoming document, forwards it to her by name.
    child = new_id()
    scene.accepted("lanhdao", ops.StartLine(new_id(), i["unit_line"]))
    scene.accepted("lanhdao", ops.ForwardLine(new_id(), i["unit_line"], (
        ops.LineRef(child, "lead", user_id=u["chuyenvien3"], deadline="2099-01-01"),)))
    scene.accepted("chuyenvien3", ops.StartLine(new_id(), child))
    scene.accepted("chuyenvien3", ops.CompleteLine(new_id(), child, "Đã xong"))
    # The clerk who registered the second confidential document returns it.
    assert scene.push("vanthu2", ops.ReturnDocument(new_id(), i["secret2"], "Gửi nhầm"))[0] == "rejected"
    scene.accepted("vanthu", ops.ReturnDocument(new_id(), i["secret2"], "Gửi nhầm nơi"))
    # The ordinary document: the office's officers act on the office's line.
    scene.accepted("chuyenvien3", ops.StartLine(new_id(), i["plain_line"]))
    # The drafter edits and submits her confidential draft; the leader then sees it and approves.
    edited = doc_fields(DRAFT_SUBJECT + " (sửa)", secrecy="confidential", code_number=None, issued_date=None)
    scene.accepted("chuyenvien", ops.UpdateDraft(new_id(), i["secret_draft"], edited))
    scene.accepted("chuyenvien", ops.SubmitDraft(new_id(), i["secret_draft"], w.leader_id))
    scene.accepted("lanhdao", ops.ApproveDraft(new_id(), i["secret_draft"], "Đồng ý"))
    # Approved, it reaches the clerks, who number and issue it.
    scene.accepted("vanthu2", ops.Issue(new_id(), i["secret_draft"], date.today().isoformat()))
