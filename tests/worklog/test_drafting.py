"""The day's actions come back as drafted entries, waiting to be accepted, edited or dropped."""

from __future__ import annotations

from datetime import date

from eoffice.documents import directions, outgoing
from eoffice.documents.directions import LineSpec
from eoffice.documents.fields import DocumentFields
from eoffice.documents.incoming import prepare_files
from eoffice.documents.types import LineRole
from eoffice.store.base import new_id
from eoffice.worklog import drafting
from eoffice.worklog import operations as wops
from tests.documents.workflow_helpers import register
from tests.worklog.helpers import apply


def _drafts(store, user_id):
    with store.read() as s:
        return drafting.propose(s, user_id, date.today())


def _handle(world, doc_id, note="Đã tham mưu văn bản trả lời"):
    w = world
    with w.store.write() as s:
        directions.direct(
            s, w.leader_id, doc_id, "Giao chuyên viên xử lý.", [LineSpec(LineRole.LEAD, user_id=w.officer_id)]
        )
        line = next(ln for ln in directions.lines_of(s, doc_id) if ln.user_id == w.officer_id)
        directions.start_line(s, w.officer_id, line.id)
        directions.complete_line(s, w.officer_id, line.id, note)
        return line.id


def test_each_person_is_offered_what_they_did_today(world, blobs, pdf_factory):
    w = world
    first = register(w, blobs, pdf_factory, subject="Về việc kiểm tra công tác văn thư")
    register(w, blobs, pdf_factory, subject="Về việc tập huấn chuyển đổi số")
    line_id = _handle(w, first)
    with w.store.write() as s:
        draft = outgoing.create_draft(
            s, w.officer_id, DocumentFields(type_name="Công văn", subject="Về việc báo cáo kết quả kiểm tra"),
            prepare_files([pdf_factory()], blobs),
        )
        outgoing.submit_draft(s, w.officer_id, draft.id, w.leader_id)

    [clerk] = _drafts(w.store, w.clerk_id)
    assert clerk.text.startswith("Vào sổ 2 văn bản đến: ")
    assert "(số đến 01)" in clerk.text and "(số đến 02)" in clerk.text
    assert clerk.category == "regular" and clerk.minutes == 10 and clerk.document_id is None

    [leader] = _drafts(w.store, w.leader_id)
    assert leader.text.startswith("Cho ý kiến chỉ đạo (bút phê) văn bản ")
    assert "kiểm tra công tác văn thư" in leader.text
    assert leader.document_id == first

    officer = {d.document_id: d for d in _drafts(w.store, w.officer_id)}
    handled = officer[first]
    assert handled.text.startswith("Hoàn thành xử lý văn bản ")
    assert handled.text.endswith("Về việc kiểm tra công tác văn thư")
    assert (handled.category, handled.direction_line_id, handled.result) == (
        "document", line_id, "Đã tham mưu văn bản trả lời"
    )
    assert handled.actions == ("direction_line.start", "direction_line.complete")  # one draft for the day's work on it
    drafted = officer[draft.id]
    assert drafted.text == "Soạn và trình ký dự thảo chờ cấp số: Về việc báo cáo kết quả kiểm tra"
    assert len(officer) == 2


def test_accepted_or_dropped_drafts_are_not_proposed_again(world, blobs, pdf_factory):
    w = world
    doc = register(w, blobs, pdf_factory)
    _handle(w, doc)
    [handled] = _drafts(w.store, w.officer_id)
    accept = wops.AddEntry(
        op_id=new_id(), entry_id=new_id(), day=handled.day.isoformat(), text=handled.text + " (đã chỉnh)",
        category=handled.category, minutes=50, document_id=handled.document_id,
        direction_line_id=handled.direction_line_id, result=handled.result, source_key=handled.source_key,
    )
    apply(w.store, w.officer_id, accept)
    assert _drafts(w.store, w.officer_id) == []

    [batch] = _drafts(w.store, w.clerk_id)
    apply(w.store, w.clerk_id, wops.DropDraft(op_id=new_id(), entry_id=new_id(), day=batch.day.isoformat(),
                                                source_key=batch.source_key))
    assert _drafts(w.store, w.clerk_id) == []
    later = register(w, blobs, pdf_factory, subject="Về việc đến sau")
    [fresh] = _drafts(w.store, w.clerk_id)  # only what came after the dropped batch
    assert fresh.document_id == later and "Về việc đến sau" in fresh.text


def test_a_secret_documents_subject_stays_out_of_the_diary(world, blobs, pdf_factory):
    w = world
    register(w, blobs, pdf_factory, subject="Về việc nhân sự (mật)", secrecy="confidential")
    [draft] = _drafts(w.store, w.clerk_id)
    assert "(văn bản mật)" in draft.text and "nhân sự" not in draft.text


def test_a_clerk_issuing_a_reply_is_not_offered_the_officers_work(world, blobs, pdf_factory):
    w = world
    doc = register(w, blobs, pdf_factory)
    with w.store.write() as s:
        directions.direct(s, w.leader_id, doc, "", [LineSpec(LineRole.LEAD, user_id=w.officer_id)])
        reply = outgoing.create_draft(
            s, w.officer_id, DocumentFields(type_name="Công văn", subject="Về việc trả lời"),
            prepare_files([pdf_factory()], blobs), reply_to_id=doc,
        )
        outgoing.submit_draft(s, w.officer_id, reply.id, w.leader_id)
        outgoing.approve_draft(s, w.leader_id, reply.id)
        outgoing.issue(s, w.clerk_id, reply.id, date.today())
    clerk = _drafts(w.store, w.clerk_id)
    assert sorted(d.source_key.split(":")[0] for d in clerk) == ["document.issue", "document.register_incoming"]
    assert all("Hoàn thành" not in d.text for d in clerk)


def test_other_capabilities_add_sources(world, blobs, pdf_factory):
    """Signing (and meetings) plug their actions into the table; the drafting follows."""
    from eoffice.audit.chain import record

    w = world
    doc = register(w, blobs, pdf_factory, subject="Về việc ký số")
    source = drafting.Source(
        "signature.sign_test", "Ký số văn bản", "regular", 5, batch=True, plural="Ký số {n} văn bản"
    )
    drafting.register_source(source)
    try:
        with w.store.write() as s:
            record(s, actor_id=w.leader_id, action="signature.sign_test", target_type="document", target_id=doc)
        texts = [d.text for d in _drafts(w.store, w.leader_id)]
        assert any(t.startswith("Ký số văn bản ") and t.endswith("Về việc ký số") for t in texts)
    finally:
        drafting.SOURCES.pop(source.action)
