"""Visibility over the real HTTP server: downloads and refetches refused and audited, a
moved line dropped from one desk with its file and brought to another."""

from __future__ import annotations

from sqlalchemy import select

from eoffice.audit.models import AuditEvent
from eoffice.documents import operations as ops
from eoffice.documents.models import DirectionLine, Document, DocumentFile
from eoffice.ops import FileRef, Operation
from eoffice.store.base import new_id
from eoffice.sync.client_state import record_local
from tests.sync.conftest import doc_fields
from tests.sync.http_support import Device, Province


def _denied(province: Province, actor_id: str) -> list[AuditEvent]:
    with province.store.read() as s:
        return list(s.scalars(select(AuditEvent).where(
            AuditEvent.action == "access.denied", AuditEvent.actor_id == actor_id)))


def _act(device: Device, op: Operation) -> None:
    with device.store.write() as s:
        record_local(s, device.user_id, op)
    report = device.engine.sync_once()
    assert report.rejected == 0


def test_a_document_follows_its_line_from_desk_to_desk(province: Province, pdf_factory):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    leader = province.device("lanhdao", w.leader_id)
    office = province.device("chuyenvien", w.officer_id)
    finance = province.device("chuyenvien2", w.officer2_id)
    for device in (clerk, leader, office, finance):
        device.engine.sync_once()
    pdf = pdf_factory("Về việc rà soát biên chế")
    digest, size = clerk.blobs.put_file(pdf)
    doc_id, line_id = new_id(), new_id()
    _act(clerk, ops.RegisterIncoming(new_id(), doc_id, doc_fields("Về việc rà soát biên chế"),
                                     (FileRef(digest, pdf.name, size, 1, ""),), "2026-03-03"))
    leader.engine.sync_once()
    _act(leader, ops.Direct(new_id(), doc_id, new_id(), "Văn phòng chủ trì.",
                            (ops.LineRef(line_id, "lead", unit_id=w.office_unit_id),)))
    office.engine.sync_once()
    finance.engine.sync_once()
    with office.store.read() as s:
        assert s.get(Document, doc_id) is not None
    assert office.blobs.has(digest)
    with finance.store.read() as s:
        assert s.get(Document, doc_id) is None

    # Another unit's officer asks for the file and the document: refused, audited.
    before = len(_denied(province, w.officer2_id))
    response = finance.client._send("GET", f"/blobs/{digest}")
    assert response.status_code == 403
    page = finance.client.refetch([doc_id], 0)
    assert page.rows["documents"] == [] and page.revoked == [doc_id]
    denied = _denied(province, w.officer2_id)[before:]
    assert any(f"/blobs/{digest}" in (e.after_json or "") for e in denied)
    assert any(e.target_type == "document" and e.target_id == doc_id for e in denied)

    # The line is given to the finance unit instead: the office's desk drops the
    # document and its file, the finance desk receives both.
    with province.store.write() as s:
        s.get(DirectionLine, line_id).unit_id = w.finance_unit_id
    office.engine.sync_once()
    finance.engine.sync_once()
    with office.store.read() as s:
        assert s.get(Document, doc_id) is None
        assert s.scalars(select(DocumentFile).where(DocumentFile.digest == digest)).first() is None
    assert not office.blobs.has(digest)
    with finance.store.read() as s:
        assert s.get(DirectionLine, line_id).unit_id == w.finance_unit_id
    assert finance.blobs.has(digest)
    # The clerk, who keeps every ordinary document, still has it.
    clerk.engine.sync_once()
    with clerk.store.read() as s:
        assert s.get(Document, doc_id) is not None
