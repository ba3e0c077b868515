"""The chair opens the session, shows items and pages, pauses, resumes and closes; the
meeting's own state follows through its operation, and every change is told live."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from eoffice.audit.models import AuditEvent
from eoffice.errors import NotFound, PermissionDenied, StateError, ValidationError
from eoffice.meetings.live import session as chairing
from eoffice.meetings.live import speakers
from eoffice.meetings.live.snapshot import snapshot
from eoffice.meetings.models import Meeting, MeetingDocument, Participant
from eoffice.store.base import new_id
from eoffice.directory.models import User
from eoffice.store import Store
from eoffice.sync.versioning import install_versioning
from tests.conftest import World
from tests.meetings import paper_factories as make
from tests.meetings.factories import MeetingRows, make_meeting
from tests.meetings.live.conftest import at, told


def test_open_pause_resume_close_move_the_session_and_the_meeting(store: Store, world: World):
    install_versioning(store)
    rows = make_meeting(store, world)
    with store.read() as s:
        version_before = s.get(Meeting, rows.meeting_id).server_version  # type: ignore[union-attr]
    with store.write() as s:
        opened = chairing.open_session(s, world.leader_id, rows.meeting_id, at(0))
    assert opened.state == "running" and opened.sitting_id == rows.sitting_id
    assert opened.opened_at == at(0).isoformat()
    with store.read() as s:
        meeting = s.get(Meeting, rows.meeting_id)
        assert meeting is not None and meeting.state == "in_session"
        assert meeting.server_version > version_before  # synced to the desks
    with store.write() as s:
        assert chairing.pause(s, world.clerk_id, rows.meeting_id, at(30)).state == "paused"
    with store.write() as s:
        assert chairing.resume(s, world.clerk_id, rows.meeting_id, at(40)).paused_at is None
    with store.write() as s:
        closed = chairing.close(s, world.leader_id, rows.meeting_id, at(90))
    assert closed.state == "closed" and closed.closed_at == at(90).isoformat()
    with store.read() as s:
        assert s.get(Meeting, rows.meeting_id).state == "closed"  # type: ignore[union-attr]
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.target_id == rows.meeting_id)).all()
    assert "meeting.session_open" in actions and "meeting.session_close" in actions
    assert actions.count("meeting.change_state") == 2

    events = told(store, rows.meeting_id)
    assert [(e["part"], e["data"]["state"]) for e in events] == [
        ("session", "running"), ("session", "paused"), ("session", "running"), ("session", "closed"),
    ]
    assert [e["revision"] for e in events] == [1, 2, 3, 4]


def test_a_closed_session_is_never_reopened_nor_changed(store: Store, world: World, meeting: MeetingRows):
    with store.write() as s:
        chairing.open_session(s, world.leader_id, meeting.meeting_id, at(0))
    with store.write() as s:
        with pytest.raises(StateError):
            chairing.open_session(s, world.leader_id, meeting.meeting_id, at(1))  # already open
    with store.write() as s:
        with pytest.raises(StateError):
            chairing.resume(s, world.leader_id, meeting.meeting_id, at(1))  # not paused
    with store.write() as s:
        chairing.close(s, world.leader_id, meeting.meeting_id, at(60))
    for act in (
        lambda s: chairing.open_session(s, world.leader_id, meeting.meeting_id, at(61)),
        lambda s: chairing.pause(s, world.leader_id, meeting.meeting_id, at(61)),
        lambda s: chairing.close(s, world.leader_id, meeting.meeting_id, at(61)),
        lambda s: chairing.show(s, world.leader_id, meeting.meeting_id, page=3),
    ):
        with store.write() as s:
            with pytest.raises(StateError):
                act(s)


def test_only_the_organisers_run_the_session(store: Store, world: World, meeting: MeetingRows):
    for who in (world.officer_id, meeting.delegate_id, world.officer2_id):
        with store.write() as s:
            with pytest.raises(PermissionDenied):
                chairing.open_session(s, who, meeting.meeting_id, at(0))
    with store.write() as s:
        with pytest.raises(StateError):
            chairing.close(s, world.leader_id, meeting.meeting_id, at(0))  # never opened
    with store.read() as s:
        assert s.get(Meeting, meeting.meeting_id).state == "scheduled"  # type: ignore[union-attr]
    assert told(store, meeting.meeting_id) == []


def test_a_draft_or_cancelled_meeting_does_not_open(store: Store, world: World):
    rows = make_meeting(store, world, state="draft")
    with store.write() as s:
        with pytest.raises(StateError):
            chairing.open_session(s, world.leader_id, rows.meeting_id, at(0))


def test_the_chair_shows_an_item_a_document_and_its_page(store: Store, world: World, meeting: MeetingRows):
    first = make.item(world, meeting.meeting_id, meeting.sitting_id, "Báo cáo kinh tế - xã hội", 0)
    second = make.item(world, meeting.meeting_id, meeting.sitting_id, "Tờ trình dự toán ngân sách", 1)
    document = new_id()
    with store.write() as s:
        s.add(MeetingDocument(id=document, meeting_id=meeting.meeting_id, item_id=second, title="Dự thảo nghị quyết",
                              added_by=world.clerk_id))
    other = make_meeting(store, world, delegate="daibieu2", guest="khach2")
    foreign = make.item(world, other.meeting_id, other.sitting_id, "Việc của cuộc họp khác", 0)
    with store.write() as s:
        chairing.open_session(s, world.leader_id, meeting.meeting_id, at(0))
    with store.write() as s:
        shown = chairing.show(s, world.leader_id, meeting.meeting_id, item_id=first)
    assert (shown.item_id, shown.document_id, shown.page) == (first, None, 0)
    with store.write() as s:
        assert chairing.show(s, world.clerk_id, meeting.meeting_id, page=4).page == 4
    with store.write() as s:  # the document's item comes with it
        shown = chairing.show(s, world.leader_id, meeting.meeting_id, document_id=document, page=2)
    assert (shown.item_id, shown.document_id, shown.page) == (second, document, 2)
    with store.write() as s:  # the same item again: the document stays
        shown = chairing.show(s, world.leader_id, meeting.meeting_id, item_id=second)
    assert (shown.item_id, shown.document_id, shown.page) == (second, document, 2)
    with store.write() as s:  # another item: its first view, no document
        shown = chairing.show(s, world.leader_id, meeting.meeting_id, item_id=first)
    assert (shown.item_id, shown.document_id, shown.page) == (first, None, 0)
    with store.write() as s:
        with pytest.raises(ValidationError):
            chairing.show(s, world.leader_id, meeting.meeting_id, item_id=foreign)
    with store.write() as s:
        with pytest.raises(PermissionDenied):
            chairing.show(s, world.officer_id, meeting.meeting_id, page=1)
    shown_parts = [(e["data"]["item_id"], e["data"]["page"]) for e in told(store, meeting.meeting_id)[1:]]
    assert shown_parts[0] == (first, 0) and shown_parts[1] == (first, 4)


def test_the_speech_limit_is_the_chairs(store: Store, world: World, meeting: MeetingRows):
    with store.write() as s:
        chairing.open_session(s, world.leader_id, meeting.meeting_id, at(0))
    with store.write() as s:
        assert chairing.set_speech_limit(s, world.leader_id, meeting.meeting_id, 180, at(1)).limit_seconds == 180
    for bad in (-1, chairing.MAX_LIMIT + 1):
        with store.write() as s:
            with pytest.raises(ValidationError):
                chairing.set_speech_limit(s, world.leader_id, meeting.meeting_id, bad, at(1))
    with store.write() as s:
        with pytest.raises(PermissionDenied):
            chairing.set_speech_limit(s, world.officer_id, meeting.meeting_id, 60, at(1))
    with store.read() as s:
        assert speakers.speakers_view(s, meeting.meeting_id, at(2)).limit_seconds == 180


def test_the_snapshot_is_for_those_who_see_the_meeting(store: Store, world: World, meeting: MeetingRows):
    with store.write() as s:
        chairing.open_session(s, world.leader_id, meeting.meeting_id, at(0))
    with store.read() as s:
        delegate = s.get(User, meeting.delegate_id)
        outsider = s.get(User, world.officer2_id)
        clerk = s.get(User, world.clerk_id)
        assert delegate is not None and outsider is not None and clerk is not None
        mine = snapshot(s, meeting.meeting_id, delegate, at(1))
        assert mine.session.state == "running" and mine.revision == 1
        assert mine.me.participant_id == meeting.participants[meeting.delegate_id] and not mine.me.organiser
        assert mine.me.presence == "not_arrived" and mine.attendance.complete
        assert len(mine.attendance.rows) == 4 and mine.attendance.not_arrived == 4
        assert snapshot(s, meeting.meeting_id, clerk, at(1)).me.organiser  # secretary, not a participant
        with pytest.raises(NotFound):
            snapshot(s, meeting.meeting_id, outsider, at(1))


def test_a_substitute_sees_the_snapshot_and_a_drafts_participants_do_not(store: Store, world: World):
    rows = make_meeting(store, world)
    draft = make_meeting(store, world, state="draft", delegate="daibieu_nhap", guest="khach_nhap")
    with store.write() as s:
        person = s.get(Participant, rows.participants[world.officer_id])
        assert person is not None
        person.answer, person.substitute_id = "substitute", world.officer2_id
    with store.read() as s:
        substitute, officer = s.get(User, world.officer2_id), s.get(User, world.officer_id)
        assert substitute is not None and officer is not None
        mine = snapshot(s, rows.meeting_id, substitute, at(0))
        assert mine.me.participant_id == rows.participants[world.officer_id] and mine.revision == 0
        assert mine.session.state == "waiting"
        with pytest.raises(NotFound):
            snapshot(s, draft.meeting_id, officer, at(0))
