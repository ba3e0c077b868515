"""Who receives what: every role's documents on the server, after a pull, and on a standalone database.

The rule is ``eoffice.documents.visibility``; these tests hold one organisation with a
unit tree (VP with its team TH below it, and TC), two clerks, two leaders, three
officers and an admin, and nine documents that tell the roles apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from eoffice.audit.models import AuditEvent
from eoffice.directory.admin import create_unit, create_user
from eoffice.directory.models import Role, Unit, User
from eoffice.documents import operations as ops
from eoffice.documents.boxes import Box, box_page
from eoffice.documents.models import DirectionLine, Document, DocumentFile, DocumentSearch
from eoffice.documents.search import search
from eoffice.ops import FileRef, Operation
from eoffice.store import Store
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore
from eoffice.sync.applying import apply_once
from eoffice.sync.changes import apply_page, changes_since, refetch_page
from eoffice.sync.client_state import get_cursor, record_local
from eoffice.sync.permissions import apply_checked
from tests.conftest import World
from tests.sync.conftest import doc_fields, pull, wire

TODAY = date(2026, 3, 20)


@dataclass
class Town:
    """The test organisation grown for visibility: who is who, and the documents by name."""

    world: World
    team_unit_id: str  # TH, below VP
    clerk2_id: str
    leader2_id: str
    officer3_id: str  # in TH
    docs: dict[str, str]
    lines: dict[str, str]

    def users(self) -> dict[str, str]:
        w = self.world
        return {
            "clerk": w.clerk_id, "clerk2": self.clerk2_id, "leader": w.leader_id, "leader2": self.leader2_id,
            "officer": w.officer_id, "officer2": w.officer2_id, "officer3": self.officer3_id, "admin": w.admin_id,
        }


def _ok(server_store: Store, actor: str, op: Operation) -> None:
    with server_store.write() as s:
        outcome = apply_once(s, actor, op)
    assert outcome.accepted, outcome.reason_vi


def _file(content: str) -> FileRef:
    import hashlib

    return FileRef(hashlib.sha256(content.encode()).hexdigest(), f"{abs(hash(content))}.pdf", len(content), 1)


def register(town_or_world: World, subject: str, *, secrecy: str = "none", content: str | None = None) -> str:
    op = ops.RegisterIncoming(
        op_id=new_id(), document_id=new_id(), fields=doc_fields(subject, secrecy=secrecy),
        files=(_file(content or f"tệp {subject} {new_id()}"),), arrival_date="2026-03-03", allow_duplicate=True,
    )
    _ok(town_or_world.store, town_or_world.clerk_id, op)
    return op.document_id


def direct(world: World, doc_id: str, *lines: ops.LineRef) -> None:
    _ok(world.store, world.leader_id, ops.Direct(new_id(), doc_id, new_id(), "Đề nghị xử lý.", lines))


def draft(world: World, author: str, subject: str, *, secrecy: str = "none", submit_to: str | None = None,
          approve: bool = False) -> str:
    doc_id = new_id()
    _ok(world.store, author, ops.CreateDraft(new_id(), doc_id, {"type_name": "Công văn", "subject": subject,
                                                               "secrecy": secrecy}, (_file(f"dự thảo {doc_id}"),)))
    if submit_to:
        _ok(world.store, author, ops.SubmitDraft(new_id(), doc_id, submit_to))
        if approve:
            _ok(world.store, submit_to, ops.ApproveDraft(new_id(), doc_id))
    return doc_id


@pytest.fixture
def town(server: World) -> Town:
    w = server
    with w.store.write() as s:
        team = create_unit(s, w.org_id, "TH", "Tổ tổng hợp", parent_id=w.office_unit_id)
        clerk2 = create_user(s, "vanthu2", "Vũ Thị Hạnh", w.org_id, {Role.CLERK}, w.office_unit_id, "Văn thư")
        leader2 = create_user(s, "lanhdao2", "Hoàng Văn Nam", w.org_id, {Role.LEADER}, w.office_unit_id, "Phó Chủ tịch")
        officer3 = create_user(s, "chuyenvien3", "Đinh Thu Trang", w.org_id, {Role.OFFICER}, team.id, "Chuyên viên")
        ids = (team.id, clerk2.id, leader2.id, officer3.id)
    town = Town(w, *ids, docs={}, lines={})
    d, ln = town.docs, town.lines
    d["unit_vp"] = register(w, "Giao Văn phòng chủ trì")
    ln["unit_vp"] = new_id()
    direct(w, d["unit_vp"], ops.LineRef(ln["unit_vp"], "lead", unit_id=w.office_unit_id))
    d["unit_th"] = register(w, "Giao Tổ tổng hợp chủ trì")
    direct(w, d["unit_th"], ops.LineRef(new_id(), "lead", unit_id=town.team_unit_id))
    d["person_tc"] = register(w, "Giao riêng chuyên viên Tài chính")
    ln["person_tc"] = new_id()
    direct(w, d["person_tc"], ops.LineRef(ln["person_tc"], "lead", user_id=w.officer2_id))
    d["undirected"] = register(w, "Chờ bút phê")
    d["draft_tc"] = draft(w, w.officer2_id, "Dự thảo của Phòng Tài chính")
    d["secret_registered"] = register(w, "Mật, chờ bút phê", secrecy="confidential")
    d["secret_directed"] = register(w, "Mật, đã giao", secrecy="secret")
    ln["secret_directed"] = new_id()
    direct(w, d["secret_directed"], ops.LineRef(ln["secret_directed"], "lead", user_id=town.officer3_id),
           ops.LineRef(new_id(), "inform", unit_id=w.office_unit_id))
    d["secret_draft"] = draft(w, w.officer_id, "Dự thảo mật", secrecy="confidential", submit_to=w.leader_id)
    d["secret_approved"] = draft(w, town.officer3_id, "Dự thảo mật đã duyệt", secrecy="top_secret",
                                 submit_to=w.leader_id, approve=True)
    return town


#: Who sees each document (the module docstring of ``visibility`` says why).
EXPECTED = {
    "unit_vp": {"clerk", "clerk2", "leader", "leader2", "officer"},
    "unit_th": {"clerk", "clerk2", "leader", "leader2", "officer", "officer3"},  # VP sees the units below it
    "person_tc": {"clerk", "clerk2", "leader", "leader2", "officer2"},
    "undirected": {"clerk", "clerk2", "leader", "leader2"},
    "draft_tc": {"clerk", "clerk2", "leader", "leader2", "officer2"},
    # secret: the clerk who registered it, the leaders it is addressed to
    "secret_registered": {"clerk", "leader", "leader2"},
    # ... and the person on its line; not the informed unit's members, nor the other clerk
    "secret_directed": {"clerk", "leader", "leader2", "officer3"},
    # a secret draft: its drafter and the leader it is submitted to
    "secret_draft": {"officer", "leader"},
    # approved: the clerks, who number and issue it
    "secret_approved": {"officer3", "leader", "clerk", "clerk2"},
}


def expected_for(town: Town, who: str) -> set[str]:
    return {town.docs[name] for name, people in EXPECTED.items() if who in people}


def _received(town: Town, user_id: str) -> set[str]:
    with town.world.store.read() as s:
        page = changes_since(s, s.get(User, user_id), 0, 10_000)
    assert not page.more
    return {d["id"] for d in page.rows["documents"]}


def _listed(store: Store, user_id: str) -> set[str]:
    """What the desktop lists for the user on ``store``: every document search finds, and the boxes."""
    with store.read() as s:
        user = s.get(User, user_id)
        found = {r.id for r in search(s, user, "", limit=1000, today=TODAY)}
        boxed = {r.id for box in (Box.INCOMING, Box.OUTGOING, Box.MY_DRAFTS, Box.DRAFTS_TO_APPROVE, Box.WAITING_FOR_ME)
                 for r in box_page(s, box, user, TODAY)}
    assert boxed <= found
    return found


def test_each_role_receives_exactly_its_documents(town, tmp_path: Path):
    for who, user_id in town.users().items():
        assert _received(town, user_id) == expected_for(town, who), who


def test_a_standalone_database_lists_what_a_synced_one_holds(town, tmp_path: Path):
    for who, user_id in town.users().items():
        # Standalone: the server's own database read as a desktop would.
        assert _listed(town.world.store, user_id) == expected_for(town, who), who
        # Synced: a fresh client for this user, after its pull.
        client = Store(f"sqlite:///{tmp_path / f'{who}.sqlite3'}")
        client.migrate()
        try:
            pull(town.world.store, client, user_id, limit=3)
            with client.read() as c:
                held = set(c.scalars(select(Document.id)))
            assert held == expected_for(town, who), who
            assert _listed(client, user_id) == expected_for(town, who), who
        finally:
            client.dispose()


def test_an_admin_receives_the_directory_but_no_document(town):
    with town.world.store.read() as s:
        page = changes_since(s, s.get(User, town.world.admin_id), 0, 10_000)
        units = s.scalar(select(func.count()).select_from(Unit).where(Unit.organisation_id == town.world.org_id))
        users = s.scalar(select(func.count()).select_from(User).where(User.organisation_id == town.world.org_id))
    assert page.rows["documents"] == [] and page.rows["direction_lines"] == []
    assert len(page.rows["units"]) == units and len(page.rows["users"]) == users


def _denied(store: Store, actor_id: str) -> list[AuditEvent]:
    with store.read() as s:
        return list(s.scalars(select(AuditEvent).where(
            AuditEvent.action == "access.denied", AuditEvent.actor_id == actor_id)))


@pytest.mark.parametrize(("who", "make"), [
    # another unit's line
    ("officer2", lambda t: ops.CompleteLine(new_id(), t.lines["unit_vp"], "Xong")),
    # a secret document's line, seen by the informed unit's member? no
    ("officer", lambda t: ops.StartLine(new_id(), t.lines["secret_directed"])),
    # a secret draft the clerk may not see yet (not approved)
    ("clerk2", lambda t: ops.Issue(new_id(), t.docs["secret_draft"], "2026-03-20")),
    # the admin, for being an admin
    ("admin", lambda t: ops.ReturnDocument(new_id(), t.docs["undirected"], "Sai nơi nhận")),
    # a reply linking another unit's document
    ("officer3", lambda t: ops.CreateDraft(new_id(), new_id(), {"type_name": "Công văn", "subject": "Trả lời"},
                                            (), reply_to_id=t.docs["person_tc"])),
])
def test_a_pushed_operation_on_an_invisible_document_is_refused_and_audited(town, who, make):
    op = make(town)
    actor = town.users()[who]
    before = len(_denied(town.world.store, actor))
    with town.world.store.write() as s:
        outcome = apply_checked(s, s.get(User, actor), [op])[0]
    assert outcome.status == "rejected"
    assert outcome.reason_vi == "Bạn không có quyền thực hiện thao tác này trên văn bản đó."
    denied = _denied(town.world.store, actor)
    assert len(denied) == before + 1 and denied[-1].target_id == op.op_id


def test_the_people_the_rule_names_may_act(town):
    """The same check lets through what each role is there to do."""
    t, w = town, town.world
    allowed = [
        (t.officer3_id, ops.StartLine(new_id(), t.lines["secret_directed"])),
        (w.officer2_id, ops.CompleteLine(new_id(), t.lines["person_tc"], "Đã xong")),
        (t.clerk2_id, ops.Issue(new_id(), t.docs["secret_approved"], "2026-03-20")),
        (t.leader2_id, ops.Direct(new_id(), t.docs["secret_registered"], new_id(), "",
                                  (ops.LineRef(new_id(), "lead", user_id=w.officer_id),))),
        (w.leader_id, ops.ApproveDraft(new_id(), t.docs["secret_draft"])),
    ]
    for actor, op in allowed:
        with w.store.write() as s:
            outcome = apply_checked(s, s.get(User, actor), [op])[0]
        assert outcome.status == "accepted", (op.kind, outcome.reason_vi)


def test_a_refetch_revokes_documents_no_longer_visible(town):
    with town.world.store.read() as s:
        officer = s.get(User, town.world.officer_id)
        page = refetch_page(s, officer, [town.docs["unit_vp"], town.docs["person_tc"], new_id()], 5)
    assert [d["id"] for d in page.rows["documents"]] == [town.docs["unit_vp"]]
    assert page.revoked == [town.docs["person_tc"]]  # exists, not theirs; the unknown id is not mentioned
    assert page.next_cursor == 5


# --------------------------------------------------------------------------- losing sight


def _held(client: Store) -> set[str]:
    with client.read() as c:
        return set(c.scalars(select(Document.id)))


def _leftovers(client: Store, doc_id: str) -> int:
    with client.read() as c:
        return sum(
            c.scalar(select(func.count()).select_from(model).where(model.document_id == doc_id)) or 0
            for model in (DirectionLine, DocumentFile, DocumentSearch)
        )


def test_raised_secrecy_drops_the_draft_where_nobody_named_holds_it(town, client, tmp_path: Path):
    w = town.world
    doc_id = draft(w, w.officer_id, "Dự thảo sẽ thành mật")
    clerk2 = client
    officer = Store(f"sqlite:///{tmp_path / 'officer.sqlite3'}")
    officer.migrate()
    try:
        pull(w.store, clerk2, town.clerk2_id)
        pull(w.store, officer, w.officer_id)
        assert doc_id in _held(clerk2) and doc_id in _held(officer)
        register(w, "Một văn bản khác, để trang sau có hàng")  # pages must carry revocations past rows
        _ok(w.store, w.officer_id, ops.UpdateDraft(new_id(), doc_id, {
            "type_name": "Công văn", "subject": "Dự thảo sẽ thành mật", "secrecy": "confidential"}))
        pages = pull(w.store, clerk2, town.clerk2_id, limit=1)
        assert any(doc_id in p.revoked for p in pages)
        assert doc_id not in _held(clerk2) and _leftovers(clerk2, doc_id) == 0
        pull(w.store, officer, w.officer_id, limit=1)
        with officer.read() as c:
            assert c.get(Document, doc_id).secrecy == "confidential"  # the drafter keeps it
    finally:
        officer.dispose()


def test_a_line_moved_to_another_unit_moves_the_document(town, client, tmp_path: Path):
    w = town.world
    officer2 = Store(f"sqlite:///{tmp_path / 'officer2.sqlite3'}")
    officer2.migrate()
    try:
        pull(w.store, client, w.officer_id)
        pull(w.store, officer2, w.officer2_id)
        assert town.docs["unit_vp"] in _held(client) and town.docs["unit_vp"] not in _held(officer2)
        with w.store.write() as s:  # reassigned (an admin's correction, straight on the server)
            s.get(DirectionLine, town.lines["unit_vp"]).unit_id = w.finance_unit_id
        pull(w.store, client, w.officer_id, limit=1)
        pull(w.store, officer2, w.officer2_id, limit=1)
        assert town.docs["unit_vp"] not in _held(client) and _leftovers(client, town.docs["unit_vp"]) == 0
        assert town.docs["unit_vp"] in _held(officer2)
        assert _held(client) == expected_for(town, "officer") - {town.docs["unit_vp"]}
    finally:
        officer2.dispose()


def test_a_withdrawn_line_drops_a_secret_document_but_keeps_a_shared_file(town, client, tmp_path: Path):
    w = town.world
    blobs = BlobStore(tmp_path / "client-blobs")
    shared = "nội dung chung của hai văn bản"
    first = register(w, "Văn bản mật có tệp chung", secrecy="confidential", content=shared)
    second = register(w, "Văn bản mật khác, cùng tệp", secrecy="confidential", content=shared)
    own = register(w, "Văn bản mật, tệp riêng", secrecy="confidential", content="tệp riêng")
    lines = {}
    for doc_id in (first, second, own):
        lines[doc_id] = new_id()
        direct(w, doc_id, ops.LineRef(lines[doc_id], "lead", user_id=w.officer2_id))
    pull(w.store, client, w.officer2_id, blobs=blobs)
    digests = {}
    with client.read() as c:
        for doc_id in (first, own):
            digests[doc_id] = c.get(Document, doc_id).files[0].digest
    for content in (shared, "tệp riêng"):
        blobs.put_bytes(content.encode())  # downloaded, as the engine would
    assert blobs.has(digests[first]) and blobs.has(digests[own])
    with w.store.write() as s:
        for doc_id in (first, own):
            s.get(DirectionLine, lines[doc_id]).deleted = True
    pull(w.store, client, w.officer2_id, blobs=blobs)
    assert _held(client) >= {second} and not _held(client) & {first, own}
    assert blobs.has(digests[first])  # still the file of the second document
    assert not blobs.has(digests[own])


def test_an_officer_moved_to_another_unit_pulls_their_new_view(town, client):
    w = town.world
    pull(w.store, client, w.officer_id, limit=2)
    assert _held(client) == expected_for(town, "officer")
    with w.store.write() as s:
        s.get(User, w.officer_id).unit_id = w.finance_unit_id
    pages = pull(w.store, client, w.officer_id, limit=2)
    assert pages[0].next_cursor == 0  # the view changed: pulled again from the start
    expected = {town.docs["draft_tc"], town.docs["secret_draft"]}  # TC has no unit line; the drafter keeps theirs
    assert _held(client) == expected
    with client.read() as c:
        assert get_cursor(c) == pages[-1].next_cursor > 0
        assert c.get(User, w.officer_id).unit_id == w.finance_unit_id
    assert _listed(client, w.officer_id) == expected


def test_a_clerk_made_admin_too_keeps_their_documents_without_a_restart(town, client):
    """A role that adds nothing to the view does not start the pull again."""
    w = town.world
    pull(w.store, client, w.clerk_id)
    with w.store.write() as s:
        from eoffice.directory.models import UserRole

        clerk = s.get(User, w.clerk_id)
        clerk.role_rows.append(UserRole(role=Role.ADMIN.value))
    pages = pull(w.store, client, w.clerk_id)
    assert all(p.next_cursor > 0 for p in pages)
    assert _held(client) == expected_for(town, "clerk")


# --------------------------------------------------------------------------- local work


def test_a_pull_does_not_undo_a_line_completed_offline(town, client):
    w = town.world
    pull(w.store, client, w.officer2_id)
    complete = ops.CompleteLine(new_id(), town.lines["person_tc"], "Đã báo cáo")
    with client.write() as c:
        record_local(c, w.officer2_id, complete)
    # Meanwhile the leader directs the same document again, the office coordinating.
    extra = new_id()
    direct(w, town.docs["person_tc"], ops.LineRef(extra, "coordinate", unit_id=w.office_unit_id))
    pull(w.store, client, w.officer2_id)
    with client.read() as c:
        line = c.get(DirectionLine, town.lines["person_tc"])
        assert (line.state, line.result_note) == ("done", "Đã báo cáo")
        assert c.get(Document, town.docs["person_tc"]).state == "done"
        assert c.get(DirectionLine, extra) is None  # comes with the server's truth, after the push
    # Pushed, then pulled: the server's truth.
    from eoffice.sync.client_state import mark_outcome, pending_operations

    with client.read() as c:
        pushed = pending_operations(c)
    with w.store.write() as s:
        outcome = apply_checked(s, s.get(User, w.officer2_id), pushed)[0]
    assert outcome.status == "accepted"
    with client.write() as c:
        mark_outcome(c, complete.op_id, outcome.status)
    pull(w.store, client, w.officer2_id)
    with w.store.read() as s:
        truth = {ln.id: ln.state for ln in s.scalars(select(DirectionLine).where(
            DirectionLine.document_id == town.docs["person_tc"]))}
    with client.read() as c:
        held = {ln.id: ln.state for ln in c.scalars(select(DirectionLine).where(
            DirectionLine.document_id == town.docs["person_tc"]))}
    assert held == truth and truth[town.lines["person_tc"]] == "done" and extra in truth
    with w.store.read() as s:
        state = s.get(Document, town.docs["person_tc"]).state
    with client.read() as c:
        assert c.get(Document, town.docs["person_tc"]).state == state  # the server's, not the desk's guess


def test_a_refetch_page_through_json_keeps_its_revocations(town):
    with town.world.store.read() as s:
        page = wire(refetch_page(s, s.get(User, town.world.officer_id), [town.docs["person_tc"]], 0))
    assert page.revoked == [town.docs["person_tc"]] and page.rows["documents"] == []


def test_apply_page_drops_a_revoked_document_with_its_children(town, client):
    pull(town.world.store, client, town.world.officer2_id)
    with town.world.store.read() as s:
        page = wire(refetch_page(s, s.get(User, town.world.officer_id), [town.docs["person_tc"]], 0))
    with client.write() as c:
        apply_page(c, page, store_cursor=False)
    assert town.docs["person_tc"] not in _held(client) and _leftovers(client, town.docs["person_tc"]) == 0
