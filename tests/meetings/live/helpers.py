"""A meeting whose session the tests run: made and scheduled on the server by its secretary."""

from __future__ import annotations

from typing import Any

from eoffice.meetings import meeting_files
from eoffice.meetings import operations as mops
from eoffice.store.base import new_id
from tests.meetings.helpers import create_op, people, state


def scheduled_meeting(province: Any, pdf_factory: Any) -> dict[str, str]:
    """A UBND meeting (the clerk its secretary, the leader its chair, two members), one item
    with a draft of a few pages, scheduled on the server; the ids."""
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    clerk.engine.sync_once()  # the directory first
    made = create_op(
        title="Phiên họp UBND tỉnh tháng 12", kind_of_meeting="ubnd_regular", secretary_id=w.clerk_id,
        chair_id=w.leader_id,
    )
    item_id = new_id()
    long = "Nội dung dự thảo nghị quyết về giá đất. " * 250  # a few pages
    pdf = meeting_files.prepare_pdf(pdf_factory("Dự thảo Nghị quyết về giá đất", body=long), clerk.blobs)
    assert pdf.page_count >= 3
    document_id = new_id()
    for op in (
        made,
        people(made.meeting_id, w.officer_id, w.officer2_id),
        mops.AddAgendaItem(op_id=new_id(), item_id=item_id, meeting_id=made.meeting_id, sitting_id=made.sitting_id,
                           title="Dự thảo Nghị quyết về giá đất", decision="vote", vote_rule="majority"),
        mops.AddMeetingDocument(op_id=new_id(), document_id=document_id, version_id=new_id(),
                                meeting_id=made.meeting_id, item_id=item_id, title="Dự thảo Nghị quyết", file=pdf),
        state(made.meeting_id, "scheduled"),
    ):
        clerk.record(op)
    report = clerk.engine.sync_once()
    assert report.accepted == 5, report
    return {"meeting": made.meeting_id, "item": item_id, "document": document_id}
