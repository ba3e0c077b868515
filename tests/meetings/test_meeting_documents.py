"""A meeting's documents: real PDFs only, from a file or from the registers; replaced
without losing the old version; read by their audience from their release time; and
the comments on drafts collected for the presenting unit, exported as a Word table."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from eoffice.directory.models import User
from eoffice.errors import DomainError, InvalidFileError, PermissionDenied, ValidationError
from eoffice.meetings import access, comments, meeting_files
from eoffice.meetings import operations as mo
from eoffice.meetings.models import MeetingComment, MeetingDocument
from eoffice.ops import FileRef, registry
from eoffice.store import Store
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore
from tests.conftest import World, make_world
from tests.meetings.factories import START, MeetingRows, make_meeting
from tests.sync.conftest import register_op


@pytest.fixture
def world(sqlite_store: Store) -> World:
    return make_world(sqlite_store)


@pytest.fixture
def meeting(world: World) -> MeetingRows:
    return make_meeting(world.store, world)


def _apply(world: World, actor_id: str, op: mo.Operation, authority: bool = True) -> None:
    with world.store.write() as s:
        registry.apply(s, actor_id, op, authority=authority)


def _refused(world: World, actor_id: str, op: mo.Operation) -> DomainError:
    with pytest.raises(DomainError) as caught, world.store.write() as s:
        registry.apply(s, actor_id, op, authority=True)
    return caught.value


def _item(world: World, m: MeetingRows, presenter_unit: str | None = None, presenter: str | None = None) -> str:
    item_id = new_id()
    _apply(world, world.clerk_id, mo.AddAgendaItem(
        op_id=new_id(), item_id=item_id, meeting_id=m.meeting_id, sitting_id=m.sitting_id,
        title="Dự thảo Nghị quyết về giá đất", presenter_unit_id=presenter_unit, presenter_id=presenter,
    ))
    return item_id


def _add_doc(world: World, m: MeetingRows, item: str, file: FileRef, **access_values: object) -> str:
    doc_id = new_id()
    _apply(world, world.clerk_id, mo.AddMeetingDocument(
        op_id=new_id(), document_id=doc_id, version_id=new_id(), meeting_id=m.meeting_id, item_id=item,
        title="Dự thảo Nghị quyết", file=file, **access_values,  # type: ignore[arg-type]
    ))
    return doc_id


def test_only_a_readable_pdf_becomes_a_meeting_document(world: World, meeting: MeetingRows, blobs: BlobStore,
                                                         pdf_factory, tmp_path: Path):
    text = tmp_path / "bien-ban.pdf"
    text.write_text("Đây không phải PDF", encoding="utf-8")
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(pdf_factory().read_bytes()[:300])
    with pytest.raises(InvalidFileError, match="không phải là tệp PDF"):
        meeting_files.prepare_pdf(text, blobs)
    with pytest.raises(InvalidFileError, match="bị hỏng"):
        meeting_files.prepare_pdf(broken, blobs)
    assert not any(blobs.root.rglob("*")) or all(p.is_dir() for p in blobs.root.rglob("*"))  # nothing stored

    item = _item(world, meeting)
    zero = FileRef("b" * 64, "anh-chup.pdf", 1200, 0)  # what a program could declare for an image
    error = _refused(world, world.clerk_id, mo.AddMeetingDocument(
        op_id=new_id(), document_id=new_id(), version_id=new_id(), meeting_id=meeting.meeting_id, item_id=item,
        title="Ảnh chụp", file=zero,
    ))
    assert isinstance(error, InvalidFileError) and "không phải là tệp PDF hoặc bị hỏng" in error.message_vi

    good = meeting_files.prepare_pdf(pdf_factory("Dự thảo Nghị quyết"), blobs)
    assert good.page_count == 1 and blobs.has(good.digest)
    doc = _add_doc(world, meeting, item, good)
    with world.store.read() as s:
        [version] = meeting_files.versions_of(s, doc)
        assert (version.version, version.digest, version.page_count) == (1, good.digest, 1)


def test_a_document_from_the_registers_references_its_main_file(world: World, meeting: MeetingRows):
    incoming = register_op("Báo cáo của Sở Tài chính")
    _apply(world, world.clerk_id, incoming)
    with world.store.read() as s:
        ref = meeting_files.register_file(s, world.clerk_id, incoming.document_id)
    assert ref.digest == incoming.files[0].digest
    item = _item(world, meeting)
    doc_id = new_id()
    _apply(world, world.clerk_id, mo.AddMeetingDocument(
        op_id=new_id(), document_id=doc_id, version_id=new_id(), meeting_id=meeting.meeting_id, item_id=item,
        title="Báo cáo của Sở Tài chính", file=ref, source_document_id=incoming.document_id,
    ))
    with world.store.read() as s:
        assert s.get(MeetingDocument, doc_id).source_document_id == incoming.document_id
    error = _refused(world, world.clerk_id, mo.AddMeetingDocument(
        op_id=new_id(), document_id=new_id(), version_id=new_id(), meeting_id=meeting.meeting_id, item_id=item,
        title="Tệp khác", file=FileRef("c" * 64, "khac.pdf", 100, 1), source_document_id=incoming.document_id,
    ))
    assert "không thuộc văn bản" in error.message_vi


def test_replacing_keeps_the_old_version(world: World, meeting: MeetingRows):
    item = _item(world, meeting)
    doc = _add_doc(world, meeting, item, FileRef("1" * 64, "du-thao.pdf", 1000, 4))
    _apply(world, world.clerk_id, mo.ReplaceMeetingDocument(new_id(), doc, new_id(),
                                                            FileRef("2" * 64, "du-thao-sua.pdf", 1500, 6)))
    with world.store.read() as s:
        row = s.get(MeetingDocument, doc)
        assert row.version == 2 and meeting_files.is_updated(row)
        assert [(v.version, v.page_count, v.filename) for v in meeting_files.versions_of(s, doc)] == [
            (2, 6, "du-thao-sua.pdf"), (1, 4, "du-thao.pdf"),
        ]
    error = _refused(world, world.officer_id, mo.ReplaceMeetingDocument(new_id(), doc, new_id(),
                                                                        FileRef("3" * 64, "x.pdf", 1, 1)))
    assert isinstance(error, PermissionDenied)


def test_who_reads_and_from_when(world: World, meeting: MeetingRows):
    item = _item(world, meeting)
    release = START - timedelta(days=3)
    voting = _add_doc(world, meeting, item, FileRef("4" * 64, "a.pdf", 10, 1), audience="voting",
                      release_at=release.isoformat())
    named = _add_doc(world, meeting, item, FileRef("5" * 64, "b.pdf", 10, 1), audience="named",
                     readers=(meeting.delegate_id,))
    with world.store.read() as s:
        def reads(user_id: str, doc_id: str, hours: float) -> bool:
            return access.reads(s, s.get(User, user_id), s.get(MeetingDocument, doc_id),
                                release + timedelta(hours=hours))

        assert not reads(world.officer_id, voting, -1) and reads(world.officer_id, voting, 1)
        assert reads(world.clerk_id, voting, -1)  # the organisers read before the release
        assert not reads(meeting.guest_id, voting, 1)  # no vote
        assert not reads(world.officer2_id, voting, 1)  # not a participant
        assert reads(meeting.delegate_id, named, 0) and not reads(world.officer_id, named, 0)

    late = (START + timedelta(hours=5)).isoformat()  # the meeting ends after 4 hours
    error = _refused(world, world.clerk_id, mo.SetDocumentAccess(op_id=new_id(), document_id=voting,
                                                                 release_at=late))
    assert isinstance(error, ValidationError) and "sau khi cuộc họp kết thúc" in error.message_vi
    error = _refused(world, world.clerk_id, mo.SetDocumentAccess(op_id=new_id(), document_id=voting,
                                                                 audience="named", readers=(world.officer2_id,)))
    assert "phải là người dự họp" in error.message_vi
    # A desk offline changes nothing: access needs the server's authority.
    _apply(world, world.clerk_id, mo.SetDocumentAccess(op_id=new_id(), document_id=voting, audience="all"),
           authority=False)
    with world.store.read() as s:
        assert s.get(MeetingDocument, voting).audience == "voting"
    _apply(world, world.clerk_id, mo.SetDocumentAccess(op_id=new_id(), document_id=voting, audience="all"))
    with world.store.read() as s:
        row = s.get(MeetingDocument, voting)
        assert (row.audience, row.release_at) == ("all", None)


def test_comments_are_collected_for_the_presenting_unit_and_exported(world: World, meeting: MeetingRows,
                                                                      tmp_path: Path):
    item = _item(world, meeting, presenter_unit=world.finance_unit_id)  # Phòng Tài chính presents
    doc = _add_doc(world, meeting, item, FileRef("6" * 64, "du-thao.pdf", 10, 5), audience="voting")
    _apply(world, world.officer_id, mo.CommentDocument(new_id(), new_id(), doc, "Đề nghị bổ sung số liệu năm 2025", 2))
    _apply(world, meeting.delegate_id, mo.CommentDocument(new_id(), new_id(), doc, "Thống nhất với dự thảo"))
    error = _refused(world, meeting.guest_id, mo.CommentDocument(new_id(), new_id(), doc, "Khách mời góp ý"))
    assert isinstance(error, PermissionDenied)
    error = _refused(world, world.officer_id, mo.CommentDocument(new_id(), new_id(), doc, "Trang 9", 9))
    assert "chỉ có 5 trang" in error.message_vi
    error = _refused(world, world.officer_id, mo.CommentDocument(new_id(), new_id(), doc, "   "))
    assert "nội dung góp ý" in error.message_vi

    with world.store.read() as s:
        # officer2 is in the presenting unit, not in the meeting; the clerk organises it.
        for viewer in (world.officer2_id, world.clerk_id):
            rows = comments.collected(s, viewer, meeting.meeting_id)
            assert [(r.author, r.page, r.text) for r in rows] == [
                ("Lê Minh Anh", 2, "Đề nghị bổ sung số liệu năm 2025"),
                ("Hoàng Thị Lan", None, "Thống nhất với dự thảo"),
            ]
        with pytest.raises(PermissionDenied):
            comments.collected(s, meeting.delegate_id, meeting.meeting_id, doc)
        assert comments.collected(s, meeting.delegate_id, meeting.meeting_id) == []
        assert s.scalar(select(MeetingComment.version)) == 1
        path = comments.export_docx(rows, tmp_path / "gop-y.docx", "Phiên họp UBND tỉnh thường kỳ tháng 12")

    from docx import Document as Docx

    table = Docx(str(path)).tables[0]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["STT", "Tài liệu", "Trang", "Người góp ý", "Chức vụ, đơn vị", "Nội dung góp ý", "Thời gian"]
    assert cells[1][:6] == ["1", "Dự thảo Nghị quyết", "2", "Lê Minh Anh", "Chuyên viên, Văn phòng",
                            "Đề nghị bổ sung số liệu năm 2025"]
    assert cells[2][2] == "Toàn văn"
