"""Outgoing documents: draft → submit → return → resubmit → approve → issue → deliver."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from eoffice.audit.chain import history, verify_chain
from eoffice.directory.admin import create_organisation, create_user
from eoffice.directory.models import Role
from eoffice.documents import outgoing
from eoffice.documents.delivery import deliver
from eoffice.documents.fields import DocumentFields
from eoffice.documents.incoming import prepare_files, register_incoming
from eoffice.documents.models import Document, DocumentSearch
from eoffice.documents.types import Direction, DocState
from eoffice.errors import DuplicateError, PermissionDenied, StateError, ValidationError

from .workflow_helpers import incoming_fields, plain, register


def draft_fields(
    type_name: str = "Công văn", subject: str = "Về việc triển khai chuyển đổi số", **kw: object
) -> DocumentFields:
    return DocumentFields(type_name=type_name, subject=subject, **kw)  # type: ignore[arg-type]


def _doc(world, doc_id):  # type: ignore[no-untyped-def]
    with world.store.read() as s:
        return plain(s.get(Document, doc_id))


def _act(world, fn, *args, **kw):  # type: ignore[no-untyped-def]
    with world.store.write() as s:
        return fn(s, *args, **kw)


@pytest.fixture
def files(blobs, pdf_factory):  # type: ignore[no-untyped-def]
    return prepare_files([pdf_factory("Về việc triển khai chuyển đổi số", "Kế hoạch thực hiện năm 2026.")], blobs)


@pytest.fixture
def other_org(world):  # type: ignore[no-untyped-def]
    """Sở Nội vụ, a second organisation with its own registers and clerk."""
    with world.store.write() as s:
        org = create_organisation(s, "000.00.12.H41", "Sở Nội vụ tỉnh Nghệ An", "SNV")
        clerk = create_user(s, "vanthu.snv", "Hồ Thị Mai", org.id, {Role.CLERK}, None, "Văn thư")
        return org.id, clerk.id


def approved(world, files, type_name: str = "Công văn", **kw: object) -> str:  # type: ignore[no-untyped-def]
    doc = _act(world, outgoing.create_draft, world.officer_id, draft_fields(type_name, **kw), files)
    _act(world, outgoing.submit_draft, world.officer_id, doc.id, world.leader_id)
    _act(world, outgoing.approve_draft, world.leader_id, doc.id)
    return doc.id


def test_the_full_flow(world, files, other_org, blobs, pdf_factory):
    other_org_id, other_clerk = other_org

    # Draft: no number yet, in the drafter's unit, searchable, audited.
    draft = _act(world, outgoing.create_draft, world.officer_id, draft_fields(), files)
    assert draft.direction == Direction.OUTGOING.value
    assert draft.state == DocState.DRAFT.value
    assert draft.code_number is None and draft.number_label == "chờ cấp số"
    assert draft.drafting_unit_id == world.office_unit_id
    assert draft.organ_id == "000.00.01.H41"
    with world.store.read() as s:
        row = s.scalar(select(DocumentSearch).where(DocumentSearch.document_id == draft.id))
        assert row is not None and "chuyen doi so" in row.fields_text
        assert "ke hoach thuc hien" in row.body_text

    # Submit to a leader; the officer cannot approve.
    _act(world, outgoing.submit_draft, world.officer_id, draft.id, world.leader_id)
    assert _doc(world, draft.id).state == DocState.SUBMITTED.value
    with pytest.raises(StateError), world.store.write() as s:
        outgoing.update_draft(s, world.officer_id, draft.id, draft_fields(subject="Sửa khi đã trình"))
    with pytest.raises(PermissionDenied), world.store.write() as s:
        outgoing.approve_draft(s, world.officer_id, draft.id)

    # Returned with a comment (required).
    with pytest.raises(ValidationError) as err, world.store.write() as s:
        outgoing.return_draft(s, world.leader_id, draft.id, "  ")
    assert "ý kiến" in err.value.message_vi
    _act(world, outgoing.return_draft, world.leader_id, draft.id, "Bổ sung thời hạn báo cáo.")
    returned = _doc(world, draft.id)
    assert returned.state == DocState.RETURNED.value
    assert returned.review_comment == "Bổ sung thời hạn báo cáo."

    # The drafter edits (new file too) and resubmits; the leader approves.
    new_files = prepare_files([pdf_factory("Về việc triển khai chuyển đổi số", "Báo cáo trước ngày 15.")], blobs)
    _act(
        world, outgoing.update_draft, world.officer_id, draft.id,
        draft_fields(subject="Về việc triển khai chuyển đổi số năm 2026"), new_files,
    )
    _act(world, outgoing.submit_draft, world.officer_id, draft.id, world.leader_id)
    _act(world, outgoing.approve_draft, world.leader_id, draft.id, "Đồng ý.")
    assert _doc(world, draft.id).state == DocState.APPROVED.value

    # The clerk numbers and issues it: a công văn carries the drafting unit's code.
    with pytest.raises(PermissionDenied), world.store.write() as s:
        outgoing.issue(s, world.officer_id, draft.id, date(2026, 3, 5))
    issued = _act(world, outgoing.issue, world.clerk_id, draft.id, date(2026, 3, 5))
    assert issued.state == DocState.ISSUED.value
    assert issued.number_label == "01/UBND-VP"
    assert (issued.register_number, issued.year) == (1, 2026)
    assert issued.signer_full_name == "Nguyễn Văn Đức"
    with world.store.read() as s:
        doc = s.get(Document, draft.id)
        assert [f.digest for f in doc.files] == [new_files[0].digest]
        row = s.scalar(select(DocumentSearch).where(DocumentSearch.document_id == draft.id))
        assert "01/ubnd-vp" in row.fields_text and "nam 2026" in row.fields_text
        assert "bao cao truoc ngay 15" in row.body_text
        actions = [e.action for e in history(s, "document", draft.id)]
        assert actions == [
            "document.create_draft", "document.submit_draft", "document.return_draft",
            "document.update_draft", "document.submit_draft", "document.approve_draft", "document.issue",
        ]

    # Delivered: Sở Nội vụ gets an incoming document in its own register, linked to ours.
    # It has registered one document of its own this year already: ours is its số đến 02.
    earlier_files = prepare_files([pdf_factory("Văn bản khác")], blobs)
    with world.store.write() as s:
        register_incoming(
            s, other_clerk, incoming_fields(organ_id="000.00.20.H41", organ_name="Sở Tài chính"),
            earlier_files, arrival_date=date(2026, 3, 4),
        )
    [copy] = _act(world, deliver, world.clerk_id, draft.id, [other_org_id], arrival_date=date(2026, 3, 6))
    received = _doc(world, copy.id)
    assert received.organisation_id == other_org_id
    assert received.direction == Direction.INCOMING.value
    assert received.state == DocState.REGISTERED.value
    assert received.arrival_number == 2 and received.arrival_date == date(2026, 3, 6)
    assert received.source_document_id == draft.id
    assert (received.code_number, received.code_notation) == ("01", "UBND-VP")
    assert received.organ_name == "Ủy ban nhân dân tỉnh Nghệ An" and received.organ_id == "000.00.01.H41"
    assert received.issued_date == date(2026, 3, 5)
    assert received.subject == "Về việc triển khai chuyển đổi số năm 2026"
    with world.store.read() as s:
        assert [f.digest for f in s.get(Document, copy.id).files] == [new_files[0].digest]
        row = s.scalar(select(DocumentSearch).where(DocumentSearch.document_id == copy.id))
        assert "bao cao truoc ngay 15" in row.body_text
        assert verify_chain(s) == []

    # Not twice to the same organisation, not to ourselves.
    with pytest.raises(DuplicateError), world.store.write() as s:
        deliver(s, world.clerk_id, draft.id, [other_org_id], arrival_date=date(2026, 3, 6))
    with pytest.raises(ValidationError), world.store.write() as s:
        deliver(s, world.clerk_id, draft.id, [world.org_id], arrival_date=date(2026, 3, 6))


def test_notation_by_type_and_secret_series(world, files):
    decision = _act(world, outgoing.issue, world.clerk_id, approved(world, files, "Quyết định"), date(2026, 3, 5))
    assert decision.number_label == "01/QĐ-UBND"
    letter = _act(world, outgoing.issue, world.clerk_id, approved(world, files), date(2026, 3, 6))
    assert letter.number_label == "02/UBND-VP"
    secret = _act(
        world, outgoing.issue, world.clerk_id, approved(world, files, "Báo cáo", secrecy="confidential"),
        date(2026, 3, 6),
    )
    assert secret.number_label == "01/BC-UBND"
    assert secret.register_id != letter.register_id
    # A clerk typing the number from the paper register must type the next one.
    with pytest.raises(ValidationError), world.store.write() as s:
        outgoing.issue(s, world.clerk_id, approved(world, files, "Thông báo"), date(2026, 3, 7), requested_number=9)


def test_who_may_do_what(world, files):
    with pytest.raises(PermissionDenied), world.store.write() as s:
        outgoing.create_draft(s, world.admin_id, draft_fields(), files)
    doc = _act(world, outgoing.create_draft, world.officer_id, draft_fields(), files)
    with pytest.raises(PermissionDenied), world.store.write() as s:  # not the drafter
        outgoing.update_draft(s, world.officer2_id, doc.id, draft_fields(subject="Khác"))
    with pytest.raises(PermissionDenied), world.store.write() as s:
        outgoing.submit_draft(s, world.officer2_id, doc.id, world.leader_id)
    with pytest.raises(ValidationError) as err, world.store.write() as s:  # approver must be a leader
        outgoing.submit_draft(s, world.officer_id, doc.id, world.officer2_id)
    assert "lãnh đạo" in err.value.message_vi
    with pytest.raises(StateError), world.store.write() as s:  # not approved yet
        outgoing.issue(s, world.clerk_id, doc.id, date(2026, 3, 5))
    with pytest.raises(StateError), world.store.write() as s:  # a draft is not delivered
        deliver(s, world.clerk_id, doc.id, [world.org_id])
    with world.store.write() as s:
        other_leader = create_user(s, "phochutich", "Hoàng Văn Bình", world.org_id, {Role.LEADER}, None, "Phó Chủ tịch")
    _act(world, outgoing.submit_draft, world.officer_id, doc.id, world.leader_id)
    with pytest.raises(PermissionDenied), world.store.write() as s:  # only the leader it went to
        outgoing.approve_draft(s, other_leader.id, doc.id)
    with pytest.raises(StateError), world.store.write() as s:  # submitted twice
        outgoing.submit_draft(s, world.officer_id, doc.id, world.leader_id)
    assert _doc(world, doc.id).state == DocState.SUBMITTED.value


def test_a_draft_without_a_file_cannot_be_submitted(world):
    doc = _act(world, outgoing.create_draft, world.officer_id, draft_fields(), [])
    with pytest.raises(ValidationError) as err, world.store.write() as s:
        outgoing.submit_draft(s, world.officer_id, doc.id, world.leader_id)
    assert "PDF" in err.value.message_vi


def test_a_bad_field_saves_nothing(world, files):
    with world.store.read() as s:
        before = s.scalar(select(func.count()).select_from(Document))
    with pytest.raises(ValidationError), world.store.write() as s:
        outgoing.create_draft(s, world.officer_id, draft_fields(subject="x" * 501), files)
    with pytest.raises(ValidationError), world.store.write() as s:
        outgoing.create_draft(s, world.officer_id, draft_fields(type_name="Thư tay"), files)
    with world.store.read() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == before


def test_reply_to_must_be_an_incoming_document_of_ours(world, files, blobs, pdf_factory):
    with pytest.raises(ValidationError), world.store.write() as s:
        outgoing.create_draft(s, world.officer_id, draft_fields(), files, reply_to_id="nothing")
    incoming_id = register(world, blobs, pdf_factory)
    doc = _act(world, outgoing.create_draft, world.officer_id, draft_fields(), files, reply_to_id=incoming_id)
    assert doc.reply_to_id == incoming_id


def test_two_clerks_issuing_the_same_document_at_once_take_one_number(world, files):
    """The second clerk is refused; the register keeps no gap (no number lost)."""
    import threading

    from eoffice.documents.numbering import numbers_in_use

    with world.store.write() as s:
        second_clerk = create_user(s, "vanthu2", "Lý Thị Hoa", world.org_id, {Role.CLERK}, None, "Văn thư")
    doc_ids = [approved(world, files) for _ in range(3)]
    for doc_id in doc_ids:
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def run(
            clerk: str, doc_id: str = doc_id, barrier: threading.Barrier = barrier,
            errors: list[BaseException] = errors,
        ) -> None:
            try:
                barrier.wait()
                with world.store.write() as s:
                    outgoing.issue(s, clerk, doc_id, date(2026, 3, 5))
            except BaseException as exc:  # noqa: BLE001 - a thread's failure, whatever it is, is asserted below
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(c,)) for c in (world.clerk_id, second_clerk.id)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [type(e) for e in errors] == [StateError]
    with world.store.read() as s:
        register_id = s.get(Document, doc_ids[0]).register_id
        assert numbers_in_use(s, register_id, 2026) == [1, 2, 3]


def test_a_signed_reply_is_numbered_then_issued_by_the_seal_which_closes_what_it_answers(
    world, files, blobs, pdf_factory
):
    """Cấp số gives a digitally signed document its number (NUMBERED, still the clerk's);
    "Đã ban hành", and the reply's effect on the answered document, come with the seal."""
    import hashlib

    from eoffice.documents import directions as dirs
    from eoffice.documents import signing
    from eoffice.documents.incoming import PreparedFile
    from eoffice.documents.types import LineRole, LineState

    incoming_id = register(world, blobs, pdf_factory)
    with world.store.write() as s:
        dirs.direct(s, world.leader_id, incoming_id, "", [
            dirs.LineSpec(LineRole.LEAD, unit_id=world.office_unit_id, deadline=date(2026, 3, 4)),
        ], today=date(2026, 3, 2))
    reply = _act(world, outgoing.create_draft, world.officer_id, draft_fields(), files, reply_to_id=incoming_id)
    _act(world, outgoing.submit_draft, world.officer_id, reply.id, world.leader_id)

    def version(n: int) -> PreparedFile:
        return PreparedFile(hashlib.sha256(f"v{n}".encode()).hexdigest(), "du-thao.pdf", 2000, 1, "")

    main = _doc(world, reply.id)
    with world.store.read() as s:
        file_id, digest = next((f.id, f.digest) for f in s.get(Document, reply.id).files if f.is_main)
    with world.store.write() as s:  # the leader's signature approves it (as a client applies it)
        signing.sign_file(s, world.leader_id, reply.id, file_id, digest, version(1), "signer", authority=False)
    numbered = _act(world, outgoing.issue, world.clerk_id, reply.id, date(2026, 3, 5))
    assert (numbered.state, numbered.number_label) == (DocState.NUMBERED.value, "01/UBND-VP")
    with world.store.read() as s:
        assert [ln.state for ln in dirs.lines_of(s, incoming_id)] == [LineState.WAITING.value]  # not yet
    with world.store.write() as s:  # the seal, over the filled-in number and date
        signing.sign_file(
            s, world.clerk_id, reply.id, file_id, version(1).digest, version(2), "agency", authority=False
        )
    assert _doc(world, reply.id).state == DocState.ISSUED.value
    with world.store.read() as s:
        [line] = dirs.lines_of(s, incoming_id)
        assert (line.state, line.reply_document_id) == (LineState.DONE.value, reply.id)
    assert main.state == DocState.SUBMITTED.value
