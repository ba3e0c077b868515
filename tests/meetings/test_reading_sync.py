"""Reading a meeting over the real server on loopback (SQLite and PostgreSQL): documents
reach their audience and predownload for reading offline; a file before its release
time and a meeting one is not in stay closed; private notes reach only their owner's
computers (the server refuses anyone else, over HTTP); read receipts reach the organiser.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from eoffice.audit.models import AuditEvent
from eoffice.meetings import meeting_files, receipts
from eoffice.meetings import operations as mo
from eoffice.meetings.models import MeetingDocument, MeetingDocumentVersion, PrivateNote, ReadReceipt
from eoffice.ops import FileRef
from eoffice.store.base import new_id, utcnow
from eoffice.sync.client import ServerRefused
from tests.meetings.factories import MeetingRows, make_meeting
from tests.server.conftest import give_passwords
from tests.sync.http_support import Device, Province

@dataclass
class Reading:
    province: Province
    meeting: MeetingRows
    clerk: Device
    released: str  # a document readable at once
    released_file: FileRef
    later: str  # a document released tomorrow
    later_file: FileRef


def _accepted(device: Device) -> None:
    report = device.engine.sync_once()
    assert all(a.outcome == "accepted" for a in report.answers), [a.reason for a in report.answers]


@pytest.fixture
def reading(province: Province, pdf_factory) -> Iterator[Reading]:  # type: ignore[no-untyped-def]
    yield _prepared(province, pdf_factory)


def _prepared(province: Province, pdf_factory) -> Reading:  # type: ignore[no-untyped-def]
    w = province.world
    meeting = make_meeting(province.store, province.world, start=utcnow() + timedelta(days=2))
    give_passwords(province.store, "daibieu", "khachmoi")
    clerk = province.device("vanthu", w.clerk_id)
    clerk.engine.sync_once()
    item = new_id()
    clerk.record(mo.AddAgendaItem(op_id=new_id(), item_id=item, meeting_id=meeting.meeting_id,
                                  sitting_id=meeting.sitting_id, title="Dự thảo Nghị quyết về giá đất",
                                  planned_minutes=30))
    files = [meeting_files.prepare_pdf(pdf_factory(subject), clerk.blobs) for subject in ("Tờ trình", "Dự thảo")]
    released, later = new_id(), new_id()
    clerk.record(mo.AddMeetingDocument(op_id=new_id(), document_id=released, version_id=new_id(),
                                       meeting_id=meeting.meeting_id, item_id=item, title="Tờ trình", file=files[0]))
    clerk.record(mo.AddMeetingDocument(op_id=new_id(), document_id=later, version_id=new_id(),
                                       meeting_id=meeting.meeting_id, item_id=item, title="Dự thảo Nghị quyết",
                                       file=files[1], release_at=(utcnow() + timedelta(days=1)).isoformat()))
    _accepted(clerk)
    return Reading(province, meeting, clerk, released, files[0], later, files[1])


def _held(device: Device, model: type) -> set[str]:  # type: ignore[type-arg]
    with device.store.read() as s:
        return set(s.scalars(select(model.id).where(model.deleted.is_(False))))


def _pulled_tables(device: Device) -> dict[str, list[dict[str, object]]]:
    """Every row the server sends the device's user from cursor 0, over HTTP."""
    found: dict[str, list[dict[str, object]]] = {}
    cursor = 0
    while True:
        page = device.client.pull(cursor)
        for table, rows in page.rows.items():
            found.setdefault(table, []).extend(rows)
        cursor = page.next_cursor
        if not page.more:
            return found


def _denied(province: Province, user_id: str) -> int:
    with province.store.read() as s:
        return len(list(s.scalars(
            select(AuditEvent.id).where(AuditEvent.action == "access.denied", AuditEvent.actor_id == user_id)
        )))


def test_documents_reach_their_audience_and_files_open_from_their_release(reading: Reading):
    province, w = reading.province, reading.province.world
    officer = province.device("chuyenvien", w.officer_id)
    progress: list[tuple[int, int]] = []
    officer.engine.on_download = lambda done, total: progress.append((done, total))
    officer.engine.sync_once()
    # Both rows arrive (the reader knows what is coming); only the released file downloads.
    assert _held(officer, MeetingDocument) == {reading.released, reading.later}
    assert officer.blobs.has(reading.released_file.digest) and not officer.blobs.has(reading.later_file.digest)
    assert progress == [(0, 1), (1, 1)] and officer.engine.status().blob_errors == {}
    with pytest.raises(ServerRefused) as refused:
        officer.client.download_blob(reading.later_file.digest, officer.blobs)
    assert refused.value.status == 403
    progress.clear()
    officer.engine.sync_once()
    assert progress == []  # nothing downloads twice

    stranger = province.device("chuyenvien2", w.officer2_id)  # Phòng Tài chính, not in the meeting
    stranger.engine.sync_once()
    assert _held(stranger, MeetingDocument) == set() and _held(stranger, MeetingDocumentVersion) == set()
    pulled = _pulled_tables(stranger)
    assert not any(pulled.get(t) for t in ("meeting_documents", "meeting_document_versions", "meeting_agenda_items"))
    before = _denied(province, w.officer2_id)
    for digest in (reading.released_file.digest, reading.later_file.digest):
        with pytest.raises(ServerRefused) as refused:
            stranger.client.download_blob(digest, stranger.blobs)
        assert refused.value.status == 403
    assert _denied(province, w.officer2_id) == before + 2

    # The secretary releases the draft now: the reader downloads it on the next round.
    reading.clerk.record(mo.SetDocumentAccess(op_id=new_id(), document_id=reading.later, release_at=None))
    _accepted(reading.clerk)
    officer.engine.sync_once()
    assert officer.blobs.has(reading.later_file.digest)
    with officer.store.read() as s:
        assert s.get(MeetingDocument, reading.later).release_at is None


def test_a_reader_newly_allowed_receives_the_versions_and_the_file(reading: Reading, pdf_factory):
    province, w = reading.province, reading.province.world
    with reading.clerk.store.read() as s:
        item = s.get(MeetingDocument, reading.released).item_id
    secret = new_id()
    file = meeting_files.prepare_pdf(pdf_factory("Báo cáo mật"), reading.clerk.blobs)
    reading.clerk.record(mo.AddMeetingDocument(
        op_id=new_id(), document_id=secret, version_id=new_id(), meeting_id=reading.meeting.meeting_id, item_id=item,
        title="Báo cáo riêng", file=file, audience="named", readers=(reading.meeting.delegate_id,),
    ))
    _accepted(reading.clerk)
    officer = province.device("chuyenvien", w.officer_id)
    officer.engine.sync_once()
    assert secret not in _held(officer, MeetingDocument) and not officer.blobs.has(file.digest)
    reading.clerk.record(mo.SetDocumentAccess(op_id=new_id(), document_id=secret, audience="all"))
    _accepted(reading.clerk)
    officer.engine.sync_once()  # the versions, unchanged themselves, were re-versioned for them
    assert secret in _held(officer, MeetingDocument)
    with officer.store.read() as s:
        assert [v.digest for v in meeting_files.versions_of(s, secret)] == [file.digest]
    assert officer.blobs.has(file.digest)


def test_a_meeting_scheduled_brings_its_documents_to_its_participants(province: Province, pdf_factory):
    w = province.world
    draft = make_meeting(province.store, w, state="draft", start=utcnow() + timedelta(days=2))
    clerk = province.device("vanthu", w.clerk_id)
    clerk.engine.sync_once()
    item, doc = new_id(), new_id()
    clerk.record(mo.AddAgendaItem(op_id=new_id(), item_id=item, meeting_id=draft.meeting_id,
                                  sitting_id=draft.sitting_id, title="Khai mạc"))
    file = meeting_files.prepare_pdf(pdf_factory("Chương trình"), clerk.blobs)
    clerk.record(mo.AddMeetingDocument(op_id=new_id(), document_id=doc, version_id=new_id(),
                                       meeting_id=draft.meeting_id, item_id=item, title="Chương trình", file=file))
    _accepted(clerk)
    officer = province.device("chuyenvien", w.officer_id)
    officer.engine.sync_once()
    assert _held(officer, MeetingDocument) == set()  # a draft meeting is its organisers' alone
    clerk.record(mo.ChangeMeetingState(new_id(), draft.meeting_id, "scheduled"))  # the invitations are out
    _accepted(clerk)
    officer.engine.sync_once()
    assert _held(officer, MeetingDocument) == {doc} and officer.blobs.has(file.digest)


def test_private_notes_reach_only_their_owners_computers(reading: Reading):
    province, w = reading.province, reading.province.world
    office = province.device("chuyenvien", w.officer_id)
    laptop = province.device("chuyenvien", w.officer_id)
    delegate = province.device("daibieu", reading.meeting.delegate_id)
    leader = province.device("lanhdao", w.leader_id)  # the chair, who organises the meeting
    for device in (office, laptop, delegate):
        device.engine.sync_once()
    note = mo.AddNote(new_id(), new_id(), reading.released, 1, 1, "text", json.dumps({"at": [100, 700]}),
                      "Hỏi về nguồn vốn", "#2196f3")
    office.record(note)
    _accepted(office)
    laptop.engine.sync_once()
    with laptop.store.read() as s:
        assert s.get(PrivateNote, note.note_id).text == "Hỏi về nguồn vốn"
    for device in (delegate, leader, reading.clerk):
        device.engine.sync_once()
        assert _held(device, PrivateNote) == set()
        assert not _pulled_tables(device).get("meeting_private_notes")  # the server sends none, over HTTP

    before = _denied(province, reading.meeting.delegate_id)
    forged = [
        mo.UpdateNote(new_id(), note.note_id, json.dumps({"at": [1, 1]}), "Tôi sửa được không?", "#000000"),
        mo.DeleteNote(new_id(), note.note_id),
        mo.AddNote(new_id(), note.note_id, reading.released, 1, 1, "text", json.dumps({"at": [1, 1]}), "Chiếm chỗ"),
    ]
    answers = delegate.client.push(forged)  # a program, not the UI: the server checks
    assert [a.outcome for a in answers] == ["rejected"] * 3
    assert all("chính người viết" in a.reason for a in answers)
    assert _denied(province, reading.meeting.delegate_id) == before + 3
    with province.store.read() as s:
        row = s.get(PrivateNote, note.note_id)
        assert (row.user_id, row.text, row.deleted) == (w.officer_id, "Hỏi về nguồn vốn", False)


def test_a_delegate_reads_offline_and_the_receipt_reaches_the_secretary(reading: Reading):
    province, w = reading.province, reading.province.world
    officer = province.device("chuyenvien", w.officer_id)
    officer.engine.sync_once()
    province.server.stop()  # the hall's Wi-Fi is gone
    path = officer.blobs.path_for(reading.released_file.digest)
    assert "Tờ trình" in PdfReader(str(path)).pages[0].extract_text()
    officer.record(mo.RecordRead(new_id(), reading.released, 1, utcnow().isoformat()))
    officer.record(mo.AddNote(new_id(), new_id(), reading.released, 1, 1, "highlight",
                              json.dumps({"rects": [[72, 700, 300, 714]]})))
    assert officer.engine.step() is None  # offline: the round fails, the work waits in the outbox
    assert officer.engine.status().pending == 2
    province.restart()
    _accepted(officer)
    reading.clerk.engine.sync_once()
    with reading.clerk.store.read() as s:
        [receipt] = s.scalars(select(ReadReceipt)).all()
        assert (receipt.user_id, receipt.meeting_document_id) == (w.officer_id, reading.released)
        table = receipts.who_has_read(s, w.clerk_id, reading.meeting.meeting_id)
        names = {r.participant_id: r.name for r in table.readers}
        opened = {names[p] for p, at in table.opened[reading.released].items() if at is not None}
        assert opened == {"Lê Minh Anh"} and table.counts(reading.released) == (1, 4)
