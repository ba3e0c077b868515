"""A document's history on a desk that holds its rows but not the other desks' audit events."""

from __future__ import annotations

from sqlalchemy import delete

from eoffice.audit.models import AuditEvent
from eoffice.documents import directions as dirs
from eoffice.documents.directions import LineSpec
from eoffice.documents.history import document_timeline
from eoffice.documents.types import LineRole

from .test_directions import TODAY
from .workflow_helpers import register


def _names(world):  # type: ignore[no-untyped-def]
    return (
        {world.clerk_id: "Trần Thị Thu", world.leader_id: "Nguyễn Văn Đức", world.officer_id: "Lê Minh Anh"},
        {world.office_unit_id: "Văn phòng", world.finance_unit_id: "Phòng Tài chính"},
    )


def test_the_history_tells_what_other_desks_did_from_the_rows(world, blobs, pdf_factory):
    doc_id = register(world, blobs, pdf_factory)
    with world.store.write() as s:
        dirs.direct(
            s, world.leader_id, doc_id, "Giao đồng chí Anh chủ trì.",
            [
                LineSpec(LineRole.LEAD, user_id=world.officer_id),
                LineSpec(LineRole.COORDINATE, unit_id=world.finance_unit_id),
            ],
            today=TODAY,
        )
        line = next(ln for ln in dirs.lines_of(s, doc_id) if ln.role == "lead")
        dirs.complete_line(s, world.officer_id, line.id, "Đã tham mưu.")
    names, units = _names(world)
    with world.store.read() as s:
        told_by_events = [(e.actor_id, e.text) for e in document_timeline(s, doc_id, names, units)]
    # A synced desk: the rows came by pull, the events stayed where they were made.
    with world.store.write() as s:
        s.execute(delete(AuditEvent))
    with world.store.read() as s:
        told_by_rows = [(e.actor_id, e.actor, e.text) for e in document_timeline(s, doc_id, names, units)]
    texts = [text for _actor, _who, text in told_by_rows]
    assert texts[0] == "Vào sổ văn bản đến (số đến 01)" and told_by_rows[0][0] == world.clerk_id
    assert told_by_rows[1] == (
        world.leader_id, "", "Bút phê: Giao đồng chí Anh chủ trì. — giao Lê Minh Anh chủ trì, Phòng Tài chính phối hợp"
    )
    assert (world.officer_id, "Lê Minh Anh", "Hoàn thành xử lý: Đã tham mưu.") in told_by_rows
    # Where the events are here, they tell it (nothing told twice).
    assert sum("Bút phê" in text for _actor, text in told_by_events) == 1
    assert sum("Vào sổ" in text for _actor, text in told_by_events) == 1
