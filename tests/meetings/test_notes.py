"""Private notes: their owner's alone, kept on their version when a new one arrives,
exported as an annotated PDF that qpdf finds sound."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from eoffice.directory.models import User
from eoffice.errors import DomainError, NotFound, PermissionDenied, ValidationError
from eoffice.meetings import meeting_files, notes
from eoffice.meetings import operations as mo
from eoffice.meetings.models import PrivateNote
from eoffice.ops import registry
from eoffice.store import Store
from eoffice.store.base import new_id
from eoffice.store.blobs import BlobStore
from tests.conftest import World, make_world, need
from tests.meetings.factories import MeetingRows, make_meeting


@pytest.fixture
def world(sqlite_store: Store) -> World:
    return make_world(sqlite_store)


@pytest.fixture
def meeting(world: World) -> MeetingRows:
    return make_meeting(world.store, world)


def _apply(world: World, actor_id: str, op: mo.Operation) -> None:
    with world.store.write() as s:
        registry.apply(s, actor_id, op, authority=True)


def _refused(world: World, actor_id: str, op: mo.Operation) -> DomainError:
    with pytest.raises(DomainError) as caught, world.store.write() as s:
        registry.apply(s, actor_id, op, authority=True)
    return caught.value


def _document(world: World, m: MeetingRows, blobs: BlobStore, pdf: Path) -> str:
    item_id, doc_id = new_id(), new_id()
    _apply(world, world.clerk_id, mo.AddAgendaItem(op_id=new_id(), item_id=item_id, meeting_id=m.meeting_id,
                                                   sitting_id=m.sitting_id, title="Tờ trình"))
    _apply(world, world.clerk_id, mo.AddMeetingDocument(
        op_id=new_id(), document_id=doc_id, version_id=new_id(), meeting_id=m.meeting_id, item_id=item_id,
        title="Tờ trình", file=meeting_files.prepare_pdf(pdf, blobs),
    ))
    return doc_id


def _highlight(doc: str, version: int = 1) -> mo.AddNote:
    return mo.AddNote(new_id(), new_id(), doc, version, 1, "highlight", json.dumps({"rects": [[72, 700, 300, 714]]}),
                      "Xem lại số liệu", "#ffeb3b")


def test_a_note_is_its_owners_alone(world: World, meeting: MeetingRows, blobs: BlobStore, pdf_factory):
    doc = _document(world, meeting, blobs, pdf_factory())
    mine = _highlight(doc)
    _apply(world, world.officer_id, mine)
    for op in (mo.UpdateNote(new_id(), mine.note_id, '{"rects":[[0,0,1,1]]}', "Sửa", "#ff0000"),
               mo.DeleteNote(new_id(), mine.note_id)):
        error = _refused(world, meeting.delegate_id, op)
        assert isinstance(error, NotFound) and error.message_vi == "Không tìm thấy ghi chú."
        with world.store.write() as s:  # the server's own check says it plainly (and audits it)
            with pytest.raises(PermissionDenied, match="chính người viết"):
                registry.entry_of(op).check(s, s.get(User, meeting.delegate_id), op)
    error = _refused(world, world.officer2_id, _highlight(doc))  # not in the meeting
    assert isinstance(error, PermissionDenied)
    _apply(world, world.officer_id, mo.UpdateNote(new_id(), mine.note_id, '{"rects":[[72,650,200,664]]}',
                                                  "Đã hỏi Sở Tài chính", "#00ff00"))
    with world.store.read() as s:
        note = s.get(PrivateNote, mine.note_id)
        assert (note.text, note.color, json.loads(note.shape)) == (
            "Đã hỏi Sở Tài chính", "#00ff00", {"rects": [[72.0, 650.0, 200.0, 664.0]]}
        )
    _apply(world, world.officer_id, mo.DeleteNote(new_id(), mine.note_id))
    with world.store.read() as s:
        assert notes.notes_on(s, world.officer_id, doc) == []


def test_bad_notes_are_refused_plainly(world: World, meeting: MeetingRows, blobs: BlobStore, pdf_factory):
    doc = _document(world, meeting, blobs, pdf_factory())
    cases = [
        (mo.AddNote(new_id(), new_id(), doc, 1, 1, "highlight", '{"rects": []}'), "Vị trí ghi chú"),
        (mo.AddNote(new_id(), new_id(), doc, 1, 1, "pen", '{"points": [[1, 2]]}'), "Vị trí ghi chú"),
        (mo.AddNote(new_id(), new_id(), doc, 1, 1, "text", '{"at": [1, 2]}', ""), "nội dung ghi chú"),
        (mo.AddNote(new_id(), new_id(), doc, 1, 1, "stamp", "{}"), "Loại ghi chú"),
        (mo.AddNote(new_id(), new_id(), doc, 1, 3, "text", '{"at": [1, 2]}', "x"), "chỉ có 1 trang"),
        (mo.AddNote(new_id(), new_id(), doc, 2, 1, "text", '{"at": [1, 2]}', "x"), "phiên bản"),
        (mo.AddNote(new_id(), new_id(), doc, 1, 1, "text", '{"at": [1, 2]}', "x", "yellow"), "Màu"),
    ]
    for op, words in cases:
        error = _refused(world, world.officer_id, op)
        assert isinstance(error, (ValidationError, NotFound)) and words in error.message_vi, error.message_vi


def test_notes_stay_on_their_version_and_export_as_an_annotated_pdf(
    world: World, meeting: MeetingRows, blobs: BlobStore, pdf_factory, tmp_path: Path
):
    doc = _document(world, meeting, blobs, pdf_factory("Dự thảo lần 1"))
    _apply(world, world.officer_id, _highlight(doc))
    _apply(world, world.officer_id, mo.AddNote(new_id(), new_id(), doc, 1, 1, "pen",
                                               json.dumps({"points": [[100, 500], [150, 520], [200, 480]]}),
                                               "", "#ff0000"))
    _apply(world, world.officer_id, mo.AddNote(new_id(), new_id(), doc, 1, 1, "text", json.dumps({"at": [400, 600]}),
                                               "Hỏi về nguồn kinh phí", "#2196f3"))
    _apply(world, world.clerk_id, mo.ReplaceMeetingDocument(
        new_id(), doc, new_id(), meeting_files.prepare_pdf(pdf_factory("Dự thảo lần 2"), blobs)
    ))
    _apply(world, world.officer_id, _highlight(doc, version=2))
    with world.store.read() as s:
        lines = notes.notes_on(s, world.officer_id, doc)
        assert [(n.note.version, n.outdated) for n in lines] == [(2, False), (1, True), (1, True), (1, True)]
        assert notes.notes_on(s, meeting.delegate_id, doc) == []
        out = notes.export_annotated(s, world.officer_id, doc, 1, blobs, tmp_path / "co-ghi-chu.pdf")

    need(subprocess.run(["which", "qpdf"], capture_output=True).returncode == 0, "qpdf is not installed")
    check = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    page = PdfReader(str(out)).pages[0]
    annotations = {a.get_object()["/Subtype"]: a.get_object() for a in page["/Annots"]}
    assert set(annotations) == {"/Highlight", "/Ink", "/Text"}
    assert annotations["/Text"]["/Contents"] == "Hỏi về nguồn kinh phí"
    assert len(annotations["/Highlight"]["/QuadPoints"]) == 8
    assert len(annotations["/Ink"]["/InkList"][0]) == 6
