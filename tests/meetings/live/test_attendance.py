"""Check-in by the list, by the delegate, by the invitation's QR code; absences with their
reasons; leaving and coming back; the quorum by the meeting's rule; late arrivals."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, select

from eoffice.errors import PermissionDenied, StateError, ValidationError
from eoffice.meetings import passes
from eoffice.meetings.live import attendance, session as chairing
from eoffice.meetings.live.models import Attendance, AttendanceEntry
from eoffice.meetings.models import Participant
from eoffice.meetings.values import aware
from eoffice.store import Store
from eoffice.store.base import new_id
from tests.conftest import World
from tests.meetings.factories import MeetingRows, add_user, make_meeting
from tests.meetings.live.conftest import T0, at, told


def _row(store: Store, meeting: MeetingRows, user_id: str) -> dict[str, object]:
    with store.read() as s:
        rows = attendance.rows(s, meeting.meeting_id, [meeting.participants[user_id]])
    return rows[0].model_dump()


def test_staff_tick_the_list_and_a_delegate_checks_in_from_the_app(store: Store, world: World, meeting: MeetingRows):
    officer = meeting.participants[world.officer_id]
    with store.write() as s:
        row = attendance.mark(s, world.clerk_id, meeting.meeting_id, officer, "hall", at(-10))
    assert (row.presence, row.method, row.arrived_at) == ("hall", "list", at(-10).isoformat())
    with store.write() as s:
        row = attendance.check_in(s, meeting.delegate_id, meeting.meeting_id, True, at(-5))
    assert (row.presence, row.method) == ("online", "self")
    with store.read() as s:
        view = attendance.attendance_view(s, meeting.meeting_id)
    assert (view.hall, view.online, view.not_arrived) == (1, 1, 2)
    # The chair is a member in office too: 2 of 3 present, two thirds of 3 is 2.
    assert (view.quorum.members, view.quorum.present, view.quorum.needed, view.quorum.holds) == (3, 2, 2, True)
    assert view.quorum.percent == "66.67"

    # Participants who are not staff check in nobody but themselves; outsiders not even that.
    for who in (meeting.delegate_id, meeting.guest_id):
        with store.write() as s:
            with pytest.raises(PermissionDenied):
                attendance.mark(s, who, meeting.meeting_id, officer, "absent", at(0))
    with store.write() as s:
        with pytest.raises(PermissionDenied):
            attendance.check_in(s, world.officer2_id, meeting.meeting_id, False, at(0))

    events = told(store, meeting.meeting_id)
    assert [e["part"] for e in events] == ["attendance", "attendance"]
    assert events[1]["data"]["complete"] is False and events[1]["data"]["online"] == 1
    assert [r["participant_id"] for r in events[1]["data"]["rows"]] == [meeting.participants[meeting.delegate_id]]


def test_a_staff_participant_checks_others_in(store: Store, world: World, meeting: MeetingRows):
    with store.write() as s:
        staff = add_user(s, world, "phucvu", "Đinh Văn Phục")
        s.add(Participant(id=new_id(), meeting_id=meeting.meeting_id, user_id=staff, role="staff", votes=False))
    with store.write() as s:
        row = attendance.mark(s, staff, meeting.meeting_id, meeting.participants[world.officer_id], "hall", at(0))
    assert row.presence == "hall"


def test_the_invitation_pass_checks_in_its_person_of_this_meeting_only(
    store: Store, world: World, meeting: MeetingRows, tmp_path: Path
):
    key = passes.load_or_create_key(tmp_path)
    other = make_meeting(store, world, delegate="daibieu2", guest="khach2")
    good = passes.issue_pass(key, meeting.meeting_id, world.officer_id)
    with store.write() as s:
        row = attendance.check_in_pass(s, world.clerk_id, meeting.meeting_id, good, key.public_key(), at(0))
    assert (row.user_id, row.presence, row.method) == (world.officer_id, "hall", "pass")
    # The officer's pass checks the officer in, nobody else.
    assert _row(store, meeting, meeting.delegate_id)["presence"] == "not_arrived"
    with store.write() as s:  # a second scan of the same pass changes nothing
        again = attendance.check_in_pass(s, world.clerk_id, meeting.meeting_id, good, key.public_key(), at(1))
    assert again.arrived_at == at(0).isoformat()
    assert len(told(store, meeting.meeting_id)) == 1

    forged = passes.issue_pass(passes.load_or_create_key(tmp_path / "elsewhere"), meeting.meeting_id, world.leader_id)
    altered = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    refused = [
        (forged, passes.FORGED),
        (altered, passes.FORGED),
        (passes.issue_pass(key, other.meeting_id, world.leader_id), passes.OTHER_MEETING),
        (passes.issue_pass(key, meeting.meeting_id, world.officer2_id), passes.UNKNOWN_PERSON),
    ]
    for token, reason in refused:
        with store.write() as s:
            with pytest.raises(passes.PassRefused) as caught:
                attendance.check_in_pass(s, world.clerk_id, meeting.meeting_id, token, key.public_key(), at(2))
        assert caught.value.reason == reason
    assert _row(store, meeting, world.leader_id)["presence"] == "not_arrived"
    with store.write() as s:  # the delegate cannot scan passes
        with pytest.raises(PermissionDenied):
            attendance.check_in_pass(s, meeting.delegate_id, meeting.meeting_id, good, key.public_key(), at(3))


def test_an_absence_takes_the_reason_of_the_invitations_answer(store: Store, world: World, meeting: MeetingRows):
    answered = T0 - timedelta(days=2)
    with store.write() as s:
        person = s.get(Participant, meeting.participants[meeting.delegate_id])
        assert person is not None
        person.answer, person.answer_reason, person.answered_at = "absent", "Đi công tác tại Hà Nội", answered
    row = _row(store, meeting, meeting.delegate_id)  # counted absent before anything is recorded
    assert (row["presence"], row["reason"], row["reported_at"]) == ("absent", "Đi công tác tại Hà Nội",
                                                                     answered.isoformat())
    with store.read() as s:
        assert attendance.attendance_view(s, meeting.meeting_id).absent == 1
    with store.write() as s:  # recorded from the list: the answer's reason and time
        row2 = attendance.mark(s, world.clerk_id, meeting.meeting_id, meeting.participants[meeting.delegate_id],
                               "absent", at(0))
    assert (row2.reason, row2.reported_at) == ("Đi công tác tại Hà Nội", answered.isoformat())
    with store.write() as s:  # a reason entered on the day, reported then
        row3 = attendance.mark(s, world.clerk_id, meeting.meeting_id, meeting.participants[world.officer_id],
                               "absent", at(5), reason="Ốm")
    assert (row3.presence, row3.reason, row3.reported_at) == ("absent", "Ốm", at(5).isoformat())


def test_leaving_and_coming_back_are_logged_with_their_times(store: Store, world: World, meeting: MeetingRows):
    me = meeting.delegate_id
    with store.write() as s:
        chairing.open_session(s, world.leader_id, meeting.meeting_id, at(0))
    with store.write() as s:
        attendance.check_in(s, me, meeting.meeting_id, False, at(-3))
    with store.write() as s:
        left = attendance.check_out(s, me, meeting.meeting_id, at(45))
    assert (left.presence, left.left_at) == ("left", at(45).isoformat())
    with store.write() as s:
        back = attendance.check_in(s, me, meeting.meeting_id, False, at(70))
    assert (back.presence, back.arrived_at, back.left_at, back.late) == ("hall", at(-3).isoformat(), None, False)
    with store.write() as s:
        attendance.check_out(s, me, meeting.meeting_id, at(100))
    with store.write() as s:  # leaving twice is no departure
        with pytest.raises(StateError):
            attendance.check_out(s, me, meeting.meeting_id, at(101))
    with store.read() as s:
        log = s.execute(
            select(AttendanceEntry.presence, AttendanceEntry.at).where(
                AttendanceEntry.participant_id == meeting.participants[me]
            ).order_by(AttendanceEntry.at)
        ).all()
    assert [(p, aware(a)) for p, a in log] == [("hall", at(-3)), ("left", at(45)), ("hall", at(70)), ("left", at(100))]


def test_a_substitute_checks_in_as_the_substitute(store: Store, world: World, meeting: MeetingRows):
    with store.write() as s:
        person = s.get(Participant, meeting.participants[world.officer_id])
        assert person is not None
        person.answer, person.substitute_id = "substitute", world.officer2_id
    with store.write() as s:
        row = attendance.check_in(s, world.officer2_id, meeting.meeting_id, False, at(0))
    assert (row.presence, row.user_id, row.substitute_id) == ("substitute", world.officer_id, world.officer2_id)
    assert row.substitute_name == "Phạm Quốc Huy"
    with store.read() as s:
        q = attendance.quorum(s, meeting.meeting_id)
    assert (q.present, q.members) == (1, 3)  # the substitute holds the member's seat
    with store.write() as s:  # the delegate sent nobody
        with pytest.raises(ValidationError):
            attendance.mark(s, world.clerk_id, meeting.meeting_id, meeting.participants[meeting.delegate_id],
                            "substitute", at(1))


def test_late_arrivals_are_flagged(store: Store, world: World, meeting: MeetingRows):
    with store.write() as s:
        attendance.check_in(s, world.officer_id, meeting.meeting_id, False, at(-1))
    with store.write() as s:
        chairing.open_session(s, world.leader_id, meeting.meeting_id, at(0))
    with store.write() as s:
        late = attendance.check_in(s, meeting.delegate_id, meeting.meeting_id, False, at(12))
    assert late.late and not _row(store, meeting, world.officer_id)["late"]


def _council(store: Store, world: World, members: int) -> MeetingRows:
    """An HĐND session with ``members`` delegates in office (the chair and the delegate of
    the factory among them)."""
    rows = make_meeting(store, world, kind="hdnd_session", delegate="daibieu_hd", guest="khach_hd")
    with store.write() as s:
        s.get(Participant, rows.participants[world.officer_id]).votes = False  # type: ignore[union-attr]
        for n in range(members - 2):
            user_id = add_user(s, world, f"daibieu{n:03d}", f"Đại biểu số {n:03d}")
            row = Participant(id=new_id(), meeting_id=rows.meeting_id, user_id=user_id, role="member", votes=True)
            s.add(row)
            rows.participants[user_id] = row.id
    return rows


def _present(store: Store, rows: MeetingRows, count: int) -> None:
    with store.read() as s:
        ids = list(s.scalars(select(Participant.id).where(
            Participant.meeting_id == rows.meeting_id, Participant.role == "member", Participant.votes.is_(True)
        ).order_by(Participant.id)))
    with store.write() as s:
        for pid in ids[:count]:
            s.add(Attendance(meeting_id=rows.meeting_id, participant_id=pid,
                             user_id=s.get(Participant, pid).user_id, presence="hall"))  # type: ignore[union-attr]


@pytest.mark.parametrize(("members", "needed"), [(58, 39), (95, 64)])
def test_the_quorum_is_two_thirds_of_the_members_in_office(store: Store, world: World, members: int, needed: int):
    rows = _council(store, world, members)
    _present(store, rows, needed - 1)
    with store.read() as s:
        below = attendance.quorum(s, rows.meeting_id)
    assert (below.members, below.present, below.needed, below.holds) == (members, needed - 1, needed, False)
    assert "hai phần ba" in below.label
    with store.read() as s:
        last = s.scalars(select(Participant.id).where(
            Participant.meeting_id == rows.meeting_id, Participant.votes.is_(True), Participant.role == "member",
            Participant.id.not_in(select(Attendance.participant_id)),
        ).order_by(Participant.id)).first()
    assert last is not None
    with store.write() as s:
        attendance.mark(s, world.clerk_id, rows.meeting_id, last, "online", at(0))
    event_quorum = told(store, rows.meeting_id)[-1]["data"]["quorum"]
    assert (event_quorum["present"], event_quorum["needed"], event_quorum["holds"]) == (needed, needed, True)


def _statements(store: Store, meeting_id: str) -> int:
    """How many statements the attendance view of a meeting takes."""
    seen: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        with store.read() as s:
            attendance.attendance_view(s, meeting_id)
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    return len(seen)


def test_counting_is_a_constant_number_of_statements(store: Store, world: World):
    small = make_meeting(store, world)
    large = _council(store, world, 60)
    _present(store, small, 1)
    _present(store, large, 30)
    assert _statements(store, small.meeting_id) == _statements(store, large.meeting_id)


def test_a_closed_session_takes_no_check_in(store: Store, world: World, meeting: MeetingRows):
    with store.write() as s:
        chairing.open_session(s, world.leader_id, meeting.meeting_id, at(0))
    with store.write() as s:
        chairing.close(s, world.leader_id, meeting.meeting_id, at(60))
    with store.write() as s:
        with pytest.raises(StateError):
            attendance.check_in(s, meeting.delegate_id, meeting.meeting_id, False, at(61))
