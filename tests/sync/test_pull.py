"""Pull: pages above a cursor, applied with their cursor; offline numbers arrive from the server."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import event, func, select

from eoffice.directory.admin import create_organisation, create_user
from eoffice.directory.models import Role, User, UserRole
from eoffice.documents import operations as ops
from eoffice.documents.models import (
    DirectionLine,
    Document,
    DocumentFile,
    DocumentSearch,
)
from eoffice.documents.search import search
from eoffice.errors import NotFound
from eoffice.ops import FileRef
from eoffice.store.base import new_id
from eoffice.sync import changes as changes_module
from eoffice.sync.applying import apply_batch, apply_once
from eoffice.sync.changes import apply_page, changes_since
from eoffice.sync.client_state import get_cursor, mark_outcome, pending_operations, record_local
from eoffice.sync.tables import schema
from tests.sync.conftest import pull, register_op, wire


def _register_many(server, n: int, per_batch: int = 1) -> list[ops.RegisterIncoming]:  # type: ignore[no-untyped-def]
    made = [register_op(f"Văn bản số {i}") for i in range(n)]
    for start in range(0, n, per_batch):
        with server.store.write() as s:
            assert all(o.accepted for o in apply_batch(s, server.clerk_id, made[start:start + per_batch]))
    return made


def _documents(store) -> dict[str, tuple[object, ...]]:  # type: ignore[no-untyped-def]
    with store.read() as s:
        return {
            row[0]: tuple(row[1:])
            for row in s.execute(
                select(Document.id, Document.arrival_number, Document.state, Document.server_version, Document.subject)
            )
        }


def test_offline_registration_waits_for_its_number_then_pulls_it_back(server, client):
    pull(server.store, client, server.clerk_id)
    op = register_op("Về việc kiểm tra hồ sơ", text="Biên bản kiểm tra hồ sơ đất đai")
    with client.write() as c:
        result = record_local(c, server.clerk_id, op)
    assert result.data["number_pending"] is True
    with client.read() as c:
        doc = c.get(Document, op.document_id)
        assert (doc.register_id, doc.year, doc.register_number, doc.arrival_number) == (None, None, None, None)
        assert doc.server_version is None
        assert [o.op_id for o in pending_operations(c)] == [op.op_id]
        # Searchable offline, body text included.
        clerk = c.get(User, server.clerk_id)
        assert [r.id for r in search(c, clerk, "dat dai")] == [op.document_id]

    with client.read() as c:
        pushed = pending_operations(c)
    with server.store.write() as s:
        outcome = apply_batch(s, server.clerk_id, pushed)[0]
    assert outcome.accepted and outcome.result["arrival_number"] == 1
    with client.write() as c:
        mark_outcome(c, op.op_id, "accepted")  # as the engine does with the server's answer

    pull(server.store, client, server.clerk_id)
    with client.read() as c:
        assert c.scalar(select(func.count()).select_from(Document)) == 1
        doc = c.get(Document, op.document_id)
        assert doc.arrival_number == 1 and doc.register_id is not None and doc.year == 2026
        assert doc.server_version is not None
        assert [f.digest for f in doc.files] == [op.files[0].digest]
        assert c.scalar(select(func.count()).select_from(DocumentFile)) == 1
        clerk = c.get(User, server.clerk_id)
        assert [r.id for r in search(c, clerk, "dat dai")] == [op.document_id]
        assert [r.id for r in search(c, clerk, "kiem tra ho so")] == [op.document_id]
        assert c.scalar(select(func.count()).select_from(DocumentSearch)) == 1


def _approved_draft(server) -> str:  # type: ignore[no-untyped-def]
    """An officer's draft, submitted and approved on the server; returns its id."""
    draft_id = new_id()
    steps = [
        (server.officer_id, ops.CreateDraft(
            new_id(), draft_id, {"type_name": "Quyết định", "subject": "Về việc khen thưởng"},
            (FileRef("b" * 64, "qd.pdf", 10, 1),),
        )),
        (server.officer_id, ops.SubmitDraft(new_id(), draft_id, server.leader_id)),
        (server.leader_id, ops.ApproveDraft(new_id(), draft_id)),
    ]
    with server.store.write() as s:
        assert all(apply_once(s, actor, op).accepted for actor, op in steps)
    return draft_id


def test_offline_issue_is_pending_until_the_server_numbers_it(server, client):
    draft_id = _approved_draft(server)
    pull(server.store, client, server.clerk_id)
    issue = ops.Issue(new_id(), draft_id, "2026-03-05")
    with client.write() as c:
        record_local(c, server.clerk_id, issue)
    with client.read() as c:
        doc = c.get(Document, draft_id)
        assert doc.state == "issued" and doc.code_number is None and doc.number_label == "chờ cấp số"
    with server.store.write() as s:
        assert apply_batch(s, server.clerk_id, [issue])[0].result["code_number"] == "01"
    with client.write() as c:
        mark_outcome(c, issue.op_id, "accepted")
    pull(server.store, client, server.clerk_id)
    with client.read() as c:
        assert c.get(Document, draft_id).number_label == "01/QĐ-UBND"


def test_pulled_search_text_and_times_are_what_the_client_would_write_itself(server, client):
    """A first sync folds the search text from the page's rows and slices the server's ISO
    times: both must equal what the client's own ORM path writes for the same documents."""
    from datetime import UTC, datetime, timedelta, timezone

    from eoffice.documents.indexing import fields_text
    from eoffice.sync.writing import _sqlite_datetime

    made = _register_many(server, 3)
    draft_id = _approved_draft(server)
    with server.store.write() as s:
        assert apply_once(s, server.clerk_id, ops.Issue(new_id(), draft_id, "2026-03-05")).accepted
    pull(server.store, client, server.clerk_id)
    with client.read() as c:
        docs = {d.id: d for d in c.scalars(select(Document))}
        assert set(docs) == {o.document_id for o in made} | {draft_id}
        assert docs[draft_id].issued_date is not None and docs[made[0].document_id].arrival_number == 1
        indexed = dict(c.execute(select(DocumentSearch.document_id, DocumentSearch.fields_text)).all())
        assert indexed == {doc_id: fields_text(doc) for doc_id, doc in docs.items()}
    with server.store.read() as s:
        times = {d.id: (d.created_at, d.updated_at) for d in s.scalars(select(Document))}
    assert {d.id: (d.created_at, d.updated_at) for d in docs.values()} == {
        i: tuple(t.astimezone(UTC).replace(tzinfo=None) if t.tzinfo else t for t in pair) for i, pair in times.items()
    }
    for moment in (datetime(2026, 3, 4, 5, 6, 7, 89, tzinfo=UTC), datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC),
                   datetime(987, 1, 2, tzinfo=UTC), datetime(2026, 3, 4, 5, 6, 7, 1), datetime(2026, 3, 4, 5, 6, 7),
                   datetime(2026, 3, 4, 5, 6, 7, 8, tzinfo=timezone(timedelta(hours=7)))):
        text = moment.isoformat()
        assert _sqlite_datetime(text) == (
            datetime.fromisoformat(text).replace(tzinfo=None).isoformat(" ", "microseconds")
        )


def test_small_pages_bring_every_row_exactly_once_and_never_split_a_version(server, client):
    _register_many(server, 7, per_batch=1)
    _register_many(server, 6, per_batch=3)  # versions holding three documents each
    pages = pull(server.store, client, server.clerk_id, limit=2)
    assert len(pages) > 5
    sent: Counter[str] = Counter()
    version_pages: dict[int, set[int]] = {}
    for n, page in enumerate(pages):
        for table, rows in page.rows.items():
            for row in rows:
                if table in schema().versioned and row["server_version"] <= page.next_cursor:
                    sent[f"{table}:{row['id']}"] += 1
                    version_pages.setdefault(row["server_version"], set()).add(n)
        assert page.more == (n < len(pages) - 1)
    assert max(sent.values()) == 1
    assert all(len(p) == 1 for p in version_pages.values())
    server_docs = _documents(server.store)
    assert _documents(client) == server_docs and len(server_docs) == 13
    assert sorted(v[0] for v in server_docs.values()) == list(range(1, 14))
    with server.store.read() as s:
        users = s.scalar(select(func.count()).select_from(User))
    with client.read() as c:
        assert c.scalar(select(func.count()).select_from(User)) == users
        assert c.get(User, server.clerk_id).password_hash is None
        assert c.get(User, server.clerk_id).roles == {Role.CLERK}
        assert c.scalar(select(func.count()).select_from(UserRole)) == users
    # Nothing new: an empty last page keeps the cursor.
    with server.store.read() as s:
        page = changes_since(s, s.get(User, server.clerk_id), pages[-1].next_cursor, 2)
    assert page.count() == 0 and page.next_cursor == pages[-1].next_cursor and not page.more


def test_an_interrupted_pull_resumes_from_the_stored_cursor(server, client, monkeypatch):
    _register_many(server, 9, per_batch=1)
    real_apply = changes_module.apply_page
    applied = []

    def failing_apply(session, page, **kw):  # type: ignore[no-untyped-def]
        real_apply(session, page, **kw)
        applied.append(page.next_cursor)
        if len(applied) == 3:
            raise ConnectionError("mất kết nối giữa chừng")

    monkeypatch.setattr("tests.sync.conftest.apply_page", failing_apply)
    with pytest.raises(ConnectionError):
        pull(server.store, client, server.clerk_id, limit=3)
    with client.read() as c:
        # Page 3 rolled back with its cursor; pages 1 and 2 stand.
        assert get_cursor(c) == applied[1]
        kept = c.scalar(select(func.count()).select_from(Document))
    assert 0 < kept < 9
    # Meanwhile the world moves on.
    _register_many(server, 2)
    monkeypatch.setattr("tests.sync.conftest.apply_page", real_apply)
    pull(server.store, client, server.clerk_id, limit=3)
    assert _documents(client) == _documents(server.store)
    with client.read() as c:
        assert c.scalar(select(func.count()).select_from(Document)) == 11


def test_line_changes_reach_the_client(server, client):
    reg = register_op()
    line_id = new_id()
    direct = ops.Direct(
        new_id(), reg.document_id, new_id(), "Chủ trì", (ops.LineRef(line_id, "lead", user_id=server.officer_id),)
    )
    with server.store.write() as s:
        apply_once(s, server.clerk_id, reg)
        apply_once(s, server.leader_id, direct)
    pull(server.store, client, server.officer_id)
    with server.store.write() as s:
        apply_once(s, server.officer_id, ops.CompleteLine(new_id(), line_id, "Đã báo cáo"))
    pull(server.store, client, server.officer_id, limit=1)
    with client.read() as c:
        assert c.get(DirectionLine, line_id).state == "done"
        assert c.get(DirectionLine, line_id).result_note == "Đã báo cáo"
        assert c.get(Document, reg.document_id).state == "done"


def _secret_doc(server, **line_users: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    reg = register_op("Về công tác bảo vệ bí mật", secrecy="confidential")
    line_id = new_id()
    direct = ops.Direct(
        new_id(), reg.document_id, new_id(), "Chủ trì thực hiện",
        (ops.LineRef(line_id, "lead", user_id=line_users["lead"]),),
    )
    with server.store.write() as s:
        assert apply_once(s, server.clerk_id, reg).accepted
        assert apply_once(s, server.leader_id, direct).accepted
    return reg.document_id, line_id


def _visible_docs(server, user_id: str) -> set[str]:  # type: ignore[no-untyped-def]
    with server.store.read() as s:
        page = changes_since(s, s.get(User, user_id), 0, 10_000)
    return {d["id"] for d in page.rows["documents"]}


def test_secret_documents_reach_only_the_people_named_on_them(server):
    ordinary = register_op("Văn bản thường")
    with server.store.write() as s:
        apply_once(s, server.clerk_id, ordinary)
        apply_once(s, server.leader_id, ops.Direct(new_id(), ordinary.document_id, new_id(), "", (
            ops.LineRef(new_id(), "lead", unit_id=server.office_unit_id),)))
    secret_id, line_id = _secret_doc(server, lead=server.officer_id)
    # Named (line), the clerk who registered it, the leaders it is addressed to: yes.
    for user in (server.officer_id, server.clerk_id, server.leader_id):
        assert _visible_docs(server, user) == {ordinary.document_id, secret_id}
    # Not named: an officer of another unit, and the admin for being an admin.
    for user in (server.officer2_id, server.admin_id):
        assert _visible_docs(server, user) == set()

    # A refused forward shows nothing; a second direction naming officer2 brings them the
    # document, with all its lines, at their next pull.
    with server.store.read() as s:
        cursor = changes_since(s, s.get(User, server.officer2_id), 0, 10_000).next_cursor
    child = new_id()
    with server.store.write() as s:
        assert apply_once(
            s, server.officer_id,
            ops.ForwardLine(new_id(), line_id, (ops.LineRef(child, "lead", user_id=server.officer_id),)),
        ).reason_vi != ""  # one cannot forward to oneself
    with server.store.write() as s:
        forward = ops.Direct(new_id(), secret_id, new_id(), "Phối hợp", (
            ops.LineRef(child, "coordinate", user_id=server.officer2_id),
        ))
        assert apply_once(s, server.leader_id, forward).accepted
    with server.store.read() as s:
        page = changes_since(s, s.get(User, server.officer2_id), cursor, 10_000)
    assert [d["id"] for d in page.rows["documents"]] == [secret_id]
    assert {ln["id"] for ln in page.rows["direction_lines"]} >= {line_id, child}
    assert len(page.rows["document_directions"]) == 2


def test_references_to_another_organisation_are_sent_empty(server, client):
    with server.store.write() as s:
        other = create_organisation(s, "000.00.02.H41", "Sở Tài chính", "STC")
        other_clerk = create_user(s, "vanthu_stc", "Hồ Thị Lan", other.id, {Role.CLERK}, None, "Văn thư").id
    draft_id, copy_id = new_id(), new_id()
    steps = [
        (server.officer_id, ops.CreateDraft(new_id(), draft_id, {"type_name": "Công văn", "subject": "Về việc báo cáo"},
                                            (FileRef("c" * 64, "cv.pdf", 10, 1),))),
        (server.officer_id, ops.SubmitDraft(new_id(), draft_id, server.leader_id)),
        (server.leader_id, ops.ApproveDraft(new_id(), draft_id)),
        (server.clerk_id, ops.Issue(new_id(), draft_id, "2026-03-05")),
        (server.clerk_id, ops.Deliver(new_id(), draft_id, (other.id,), (copy_id,), "2026-03-06")),
    ]
    with server.store.write() as s:
        assert [apply_once(s, actor, op).reason_vi for actor, op in steps] == [""] * 5
    pull(server.store, client, other_clerk, limit=2)
    with client.read() as c:
        copy = c.get(Document, copy_id)
        assert copy.arrival_number == 1 and copy.organ_name == "Ủy ban nhân dân tỉnh Nghệ An"
        assert copy.source_document_id is None and copy.created_by is None
        assert c.get(Document, draft_id) is None
        assert [f.digest for f in copy.files] == ["c" * 64]
        assert {u.username for u in c.scalars(select(User))} == {"vanthu_stc"}


def test_client_side_deliver_waits_for_the_server(server, client):
    pull(server.store, client, server.clerk_id)
    with pytest.raises(NotFound), client.write() as c:
        record_local(c, server.clerk_id, ops.Deliver(new_id(), new_id(), (server.org_id,), (new_id(),)))
    reg = register_op()
    with server.store.write() as s:
        apply_once(s, server.clerk_id, reg)
    pull(server.store, client, server.clerk_id)
    deliver = ops.Deliver(new_id(), reg.document_id, (new_id(),), (new_id(),))
    with client.write() as c:
        # The copies belong to other organisations: nothing is made locally, the op waits.
        assert record_local(c, server.clerk_id, deliver).data["pending"] is True
    with client.read() as c:
        assert c.scalar(select(func.count()).select_from(Document)) == 1
        assert [o.op_id for o in pending_operations(c)] == [deliver.op_id]


def test_a_first_sync_builds_the_full_text_index_once_when_it_ends(server, client, tmp_path):
    """A first sync leaves the FTS index aside and builds it once from the search rows; a
    load killed before that (the marker left behind) gets it built at the next start."""
    from sqlalchemy import text

    from eoffice.store import Store
    from eoffice.store.bulk import full_text_aside, set_full_text_aside
    from eoffice.sync.engine import first_sync_load

    made = _register_many(server, 3)
    with client.write() as c:
        set_full_text_aside(c.connection())  # what a load killed half-way leaves behind
    pull(server.store, client, server.clerk_id)
    with client.read() as c:
        clerk = c.get(User, server.clerk_id)
        assert c.scalar(select(func.count()).select_from(DocumentSearch)) == 3
        assert search(c, clerk, "van ban so") == []  # the index waits
    client.migrate()  # the next start
    with client.read() as c:
        assert full_text_aside(c.connection()) is False
        assert sorted(r.id for r in search(c, clerk, "van ban so")) == sorted(o.document_id for o in made)

    fresh = Store(f"sqlite:///{tmp_path / 'second.sqlite3'}")
    fresh.migrate()
    try:
        with first_sync_load(fresh, 0):
            pull(server.store, fresh, server.clerk_id)
            with fresh.read() as c:
                assert full_text_aside(c.connection())
                assert c.scalar(text("SELECT count(*) FROM document_fts_docsize")) == 0
        with fresh.read() as c:
            assert not full_text_aside(c.connection())
            clerk = c.get(User, server.clerk_id)
            assert sorted(r.id for r in search(c, clerk, "van ban so")) == sorted(o.document_id for o in made)
        _register_many(server, 1)  # later pulls write the index as they go
        pull(server.store, fresh, server.clerk_id)
        with fresh.read() as c:
            assert len(search(c, clerk, "van ban so")) == 4
    finally:
        fresh.dispose()


def test_a_page_whose_row_refers_to_a_later_row_applies_and_a_plain_page_checks_references_at_once(server, client):
    """A client takes a page's rows in any order: references inside a page are checked at
    commit when a row refers to one the page writes after it, and only then: SQLite's
    deferral expires every prepared statement of the connection, which made each small
    page prepare its trigger-laden inserts again."""
    incoming = register_op()
    reply = new_id()
    with server.store.write() as s:
        assert apply_once(s, server.clerk_id, incoming).accepted
        assert apply_once(s, server.clerk_id, ops.CreateDraft(
            new_id(), reply, {"type_name": "Công văn", "subject": "Trả lời"}, reply_to_id=incoming.document_id
        )).reason_vi == ""
    deferred: list[str] = []

    def watch(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        if "defer_foreign_keys" in statement:
            deferred.append(statement)

    event.listen(client._write_engine, "before_cursor_execute", watch)
    try:
        with server.store.read() as s:
            page = wire(changes_since(s, s.get(User, server.clerk_id), 0))
        documents = page.rows["documents"]
        page.rows["documents"] = sorted(documents, key=lambda row: row["id"] != reply)  # the reply first
        with client.write() as c:
            apply_page(c, page)
        assert len(deferred) == 1
        with client.read() as c:
            assert c.get(Document, reply).reply_to_id == incoming.document_id

        deferred.clear()
        with server.store.write() as s:
            assert apply_once(s, server.clerk_id, ops.UpdateDraft(
                new_id(), reply, {"type_name": "Công văn", "subject": "Trả lời, sửa"}
            )).accepted
        pull(server.store, client, server.clerk_id)
        assert deferred == []
        with client.read() as c:
            assert c.get(Document, reply).subject == "Trả lời, sửa"
    finally:
        event.remove(client._write_engine, "before_cursor_execute", watch)
