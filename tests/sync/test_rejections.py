"""A rejected operation comes back with its reason; the client returns to the server's truth."""

from __future__ import annotations

from sqlalchemy import func, select

from eoffice.directory.models import User
from eoffice.documents import operations as ops
from eoffice.documents.models import (
    DirectionLine,
    Document,
    DocumentFile,
    DocumentSearch,
)
from eoffice.store.base import new_id
from eoffice.sync.applying import apply_batch, apply_once
from eoffice.sync.changes import apply_page, refetch_page
from eoffice.sync.client_state import (
    discard_rejected,
    get_cursor,
    mark_outcome,
    pending_operations,
    record_local,
    rejected_operations,
)
from tests.sync.conftest import pull, register_op, wire


def test_a_duplicate_registered_offline_is_rejected_and_disappears_locally(server, client):
    pull(server.store, client, server.clerk_id)
    first = register_op("Về việc tuyển dụng")
    # Another clerk registered the same document on the server meanwhile.
    same = ops.RegisterIncoming(new_id(), new_id(), first.fields, first.files, first.arrival_date)
    with server.store.write() as s:
        assert apply_once(s, server.clerk_id, first).accepted
    with client.write() as c:
        record_local(c, server.clerk_id, same)
    with client.read() as c:
        pushed = pending_operations(c)
    with server.store.write() as s:
        outcome = apply_batch(s, server.clerk_id, pushed)[0]
    assert not outcome.accepted and outcome.reason_vi.startswith("Văn bản có thể đã được vào sổ")
    with client.write() as c:
        mark_outcome(c, outcome.op_id, outcome.status, outcome.reason_vi, outcome.reason_en)
        assert discard_rejected(c, same) == []
    with client.read() as c:
        assert c.get(Document, same.document_id) is None
        assert c.scalar(select(func.count()).select_from(DocumentFile)) == 0
        assert c.scalar(select(func.count()).select_from(DocumentSearch)) == 0
        assert [(r.op_id, r.reason_vi) for r in rejected_operations(c)] == [(same.op_id, outcome.reason_vi)]
        assert pending_operations(c) == []
    pull(server.store, client, server.clerk_id)
    with client.read() as c:
        assert [d.id for d in c.scalars(select(Document))] == [first.document_id]


def test_a_rejected_state_change_is_replaced_by_the_servers_row(server, client):
    reg = register_op()
    line = new_id()
    with server.store.write() as s:
        apply_once(s, server.clerk_id, reg)
        apply_once(s, server.leader_id, ops.Direct(new_id(), reg.document_id, new_id(), "",
                                                   (ops.LineRef(line, "lead", user_id=server.officer_id),)))
    pull(server.store, client, server.officer_id)
    # Offline, the officer starts the line; from another device they had returned it.
    start = ops.StartLine(new_id(), line)
    with client.write() as c:
        record_local(c, server.officer_id, start)
    with server.store.write() as s:
        assert apply_once(s, server.officer_id, ops.ReturnLine(new_id(), line, "Không thuộc phạm vi")).accepted
    with server.store.write() as s:
        outcome = apply_batch(s, server.officer_id, [start])[0]
    assert not outcome.accepted and "đã trả lại" in outcome.reason_vi
    with client.write() as c:
        mark_outcome(c, start.op_id, "rejected", outcome.reason_vi)  # as the engine does
        refetch = discard_rejected(c, start)
        cursor = get_cursor(c)
    assert refetch == [reg.document_id]
    with server.store.read() as s:
        page = wire(refetch_page(s, s.get(User, server.officer_id), refetch, cursor))
    with client.write() as c:
        apply_page(c, page, store_cursor=False)
        assert get_cursor(c) == cursor
    with client.read() as c:
        assert c.get(DirectionLine, line).state == "returned"
        assert c.get(Document, reg.document_id).state == "registered"


def test_tombstones_are_kept_as_deleted_rows(server, client):
    reg = register_op()
    with server.store.write() as s:
        apply_once(s, server.clerk_id, reg)
    pull(server.store, client, server.clerk_id)
    with server.store.write() as s:
        s.get(Document, reg.document_id).deleted = True
    pull(server.store, client, server.clerk_id)
    with client.read() as c:
        assert c.get(Document, reg.document_id).deleted is True
        assert c.scalar(select(func.count()).select_from(Document)) == 1
