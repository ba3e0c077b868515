"""Meetings over the real server (SQLite and PostgreSQL) with real desks: who receives a
meeting and when, answers reaching the secretary, a postponement told to everyone, a
removed participant or a meeting made secret leaving the desks that may no longer see it,
refusals audited."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from eoffice.audit.models import AuditEvent
from eoffice.directory.admin import create_organisation, create_user
from eoffice.directory.models import Role, User
from eoffice.meetings import operations as mops
from eoffice.meetings.models import Room, Meeting, Participant, Sitting
from eoffice.server import events
from eoffice.store.base import new_id
from tests.server.conftest import give_passwords
from tests.meetings.helpers import at, create_op, people, state, update_op
from tests.sync.http_support import Device, Province


def _meetings(device: Device) -> dict[str, Meeting]:
    with device.store.read() as s:
        found = {m.id: m for m in s.scalars(select(Meeting).where(Meeting.deleted.is_(False)))}
        for m in found.values():
            s.expunge(m)
        return found


def _count(device: Device, model: Any, meeting_id: str) -> int:
    with device.store.read() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(model.meeting_id == meeting_id)) or 0)


def _told(province: Province, user_id: str, kind: str) -> list[dict[str, Any]]:
    with province.store.read() as s:
        return [e.to_message()["payload"] for e in events.events_after(s, user_id, 0) if e.kind == kind]


def _sync(*devices: Device) -> None:
    for d in devices:
        d.engine.sync_once()


def test_a_meeting_reaches_its_participants_once_scheduled_and_answers_reach_the_secretary(province: Province):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    officer = province.device("chuyenvien", w.officer_id)
    outsider = province.device("chuyenvien2", w.officer2_id)
    admin = province.device("quantri", w.admin_id)
    _sync(clerk, officer, outsider, admin)

    made = create_op(title="Họp giao ban Văn phòng tuần 50", secretary_id=w.clerk_id)
    clerk.record(made)
    clerk.record(people(made.meeting_id, w.officer_id))
    assert clerk.engine.sync_once().accepted == 2
    _sync(officer, outsider, admin)
    assert _meetings(officer) == {} and _meetings(outsider) == {} and _meetings(admin) == {}

    # Scheduling needs the server: the desk leaves it pending until the server applies it.
    clerk.record(state(made.meeting_id, "scheduled"))
    assert _meetings(clerk)[made.meeting_id].state == "draft"
    assert clerk.engine.sync_once().accepted == 1
    assert _meetings(clerk)[made.meeting_id].state == "scheduled"
    [invited] = _told(province, w.officer_id, "meeting.scheduled")
    assert invited["title"] == "Họp giao ban Văn phòng tuần 50" and invited["meeting_id"] == made.meeting_id

    _sync(officer, outsider, admin)
    assert list(_meetings(officer)) == [made.meeting_id]
    # The rows versioned while it was a draft come with it: its sitting and its people.
    assert _count(officer, Sitting, made.meeting_id) == 1 and _count(officer, Participant, made.meeting_id) == 2
    assert _meetings(outsider) == {} and _meetings(admin) == {}
    assert _count(outsider, Participant, made.meeting_id) == 0 and _count(admin, Sitting, made.meeting_id) == 0

    with officer.store.read() as s:
        mine = s.scalars(select(Participant.id).where(Participant.user_id == w.officer_id)).one()
    officer.record(mops.AnswerInvitation(new_id(), mine, "absent", "Đi kiểm tra cơ sở tại huyện Quỳ Hợp",
                                         answered_at=at(9, day=5)))
    assert officer.engine.sync_once().accepted == 1
    [answered] = _told(province, w.clerk_id, "meeting.answered")
    assert (answered["full_name"], answered["answer"], answered["reason"]) == (
        "Lê Minh Anh", "absent", "Đi kiểm tra cơ sở tại huyện Quỳ Hợp",
    )
    clerk.engine.sync_once()
    with clerk.store.read() as s:
        row = s.get(Participant, mine)
        assert row is not None and (row.answer, row.answer_reason) == ("absent", "Đi kiểm tra cơ sở tại huyện Quỳ Hợp")
        assert row.answered_at is not None

    clerk.record(state(made.meeting_id, "postponed", "Lãnh đạo Văn phòng họp với Bộ Nội vụ"))
    assert clerk.engine.sync_once().accepted == 1
    [postponed] = _told(province, w.officer_id, "meeting.postponed")
    assert postponed["reason"] == "Lãnh đạo Văn phòng họp với Bộ Nội vụ"
    assert _told(province, w.officer2_id, "meeting.postponed") == []
    officer.engine.sync_once()
    assert _meetings(officer)[made.meeting_id].state_reason == "Lãnh đạo Văn phòng họp với Bộ Nội vụ"

    # Someone not organising it cannot change it, even by forging the operation: audited.
    results = outsider.client.push([
        update_op(made, title="Sửa cuộc họp người khác"),
        state(made.meeting_id, "cancelled", "Tôi muốn hủy"),
    ])
    assert [r.outcome for r in results] == ["rejected", "rejected"]
    assert all("không có quyền" in r.reason for r in results)
    with province.store.read() as s:
        assert s.get(Meeting, made.meeting_id).title == "Họp giao ban Văn phòng tuần 50"  # type: ignore[union-attr]
        denied = s.scalars(
            select(AuditEvent).where(AuditEvent.action == "access.denied", AuditEvent.actor_id == w.officer2_id)
        ).all()
        assert denied  # counted per kind (``audit.repeats``): the first of each is an event at once
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.target_id == made.meeting_id)).all()
    assert {"meeting.create", "meeting.add_participants", "meeting.change_state", "meeting.answer"} <= set(actions)

    # Taken out of the meeting, the officer's desk drops it and all that hangs on it.
    clerk.record(mops.RemoveParticipant(new_id(), mine))
    assert clerk.engine.sync_once().accepted == 1
    officer.engine.sync_once()
    assert _meetings(officer) == {}
    assert _count(officer, Sitting, made.meeting_id) == 0 and _count(officer, Participant, made.meeting_id) == 0


def test_a_secret_meeting_reaches_only_its_participants(province: Province):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    officer = province.device("chuyenvien", w.officer_id)
    leader = province.device("lanhdao", w.leader_id)
    _sync(clerk, officer, leader)

    secret = create_op(title="Họp về công tác cán bộ", secret=True, starts_at=at(14), ends_at=at(16))
    open_one = create_op(title="Họp chuẩn bị Tết", starts_at=at(8, day=8), ends_at=at(9, day=8))
    for op in (secret, open_one):
        clerk.record(op)
        clerk.record(people(op.meeting_id, w.officer_id))
        clerk.record(state(op.meeting_id, "scheduled"))
    assert clerk.engine.sync_once().accepted == 6
    _sync(officer, leader)
    assert set(_meetings(officer)) == {secret.meeting_id, open_one.meeting_id}
    # The leader runs the office's meetings, but not a secret one they are not in.
    assert set(_meetings(leader)) == {open_one.meeting_id}
    assert _count(leader, Participant, secret.meeting_id) == 0
    assert _told(province, w.leader_id, "meeting.scheduled") == []

    # Made secret, the meeting leaves the leader's desk with its rows.
    clerk.record(update_op(open_one, secret=True))
    assert clerk.engine.sync_once().accepted == 1
    leader.engine.sync_once()
    assert _meetings(leader) == {}
    assert _count(leader, Sitting, open_one.meeting_id) == 0
    officer.engine.sync_once()
    assert _meetings(officer)[open_one.meeting_id].secret is True

    # Secrecy lifted, it comes back whole.
    clerk.record(update_op(open_one, secret=False))
    assert clerk.engine.sync_once().accepted == 1
    leader.engine.sync_once()
    assert set(_meetings(leader)) == {open_one.meeting_id}
    assert _count(leader, Sitting, open_one.meeting_id) == 1 and _count(leader, Participant, open_one.meeting_id) == 1

    # Someone added once the invitations are out is told, and receives the meeting whole.
    admin = province.device("quantri", w.admin_id)
    admin.engine.sync_once()
    assert _meetings(admin) == {}
    clerk.record(people(open_one.meeting_id, w.admin_id))
    assert clerk.engine.sync_once().accepted == 1
    [invited] = _told(province, w.admin_id, "meeting.invited")
    assert invited["meeting_id"] == open_one.meeting_id and invited["title"] == "Họp chuẩn bị Tết"
    admin.engine.sync_once()
    assert set(_meetings(admin)) == {open_one.meeting_id}
    assert _count(admin, Sitting, open_one.meeting_id) == 1 and _count(admin, Participant, open_one.meeting_id) == 2


def test_a_participant_from_another_organisation_receives_the_meeting_and_its_people(province: Province):
    w = province.world
    with province.store.write() as s:
        org = create_organisation(s, "000.00.12.H41", "Sở Nội vụ tỉnh Nghệ An", "SNV")
        director_id = create_user(s, "giamdocsnv", "Hoàng Văn Thái", org.id, {Role.LEADER}, None, "Giám đốc").id
    give_passwords(province.store, "giamdocsnv")
    clerk = province.device("vanthu", w.clerk_id)
    director = province.device("giamdocsnv", director_id)
    _sync(clerk, director)

    room = mops.CreateRoom(new_id(), new_id(), "Phòng họp số 2", "Tầng 4, trụ sở UBND tỉnh", 30)
    made = create_op(title="Họp bàn phương án sắp xếp đơn vị hành chính", secretary_id=w.clerk_id,
                     room_id=room.room_id)
    # The clerk's desk does not know the other organisation's people: pushed to the server.
    answers = clerk.client.push(
        [room, made, people(made.meeting_id, director_id), state(made.meeting_id, "scheduled")]
    )
    assert [a.outcome for a in answers] == ["accepted"] * 4
    director.engine.sync_once()
    assert list(_meetings(director)) == [made.meeting_id]
    with director.store.read() as s:
        held_room = s.get(Room, room.room_id)  # the guest reads where the meeting is
        assert held_room is not None and held_room.name == "Phòng họp số 2"
        rows = s.scalars(select(Participant).where(Participant.meeting_id == made.meeting_id))
        held = {p.user_id: p.role for p in rows}
        assert held == {w.clerk_id: "secretary", director_id: "member"}
        clerk_row = s.get(User, w.clerk_id)
        assert clerk_row is not None and clerk_row.full_name == "Trần Thị Thu"
    clerk.engine.sync_once()  # the host's desk learns who the guest organisation's director is
    with clerk.store.read() as s:
        assert s.get(User, director_id) is not None


def test_made_a_clerk_an_officer_receives_the_offices_meetings_and_loses_them_with_the_role(province: Province):
    from eoffice.directory.models import UserRole

    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    officer = province.device("chuyenvien", w.officer_id)
    _sync(clerk, officer)
    draft = create_op(title="Chuẩn bị hội nghị cán bộ công chức")
    clerk.record(draft)
    assert clerk.engine.sync_once().accepted == 1
    officer.engine.sync_once()
    assert _meetings(officer) == {}

    with province.store.write() as s:
        made_clerk = s.get(User, w.officer_id)
        assert made_clerk is not None
        made_clerk.role_rows.append(UserRole(role=Role.CLERK.value))
    officer.engine.sync_once()
    assert list(_meetings(officer)) == [draft.meeting_id]  # the office runs it: the draft too
    assert _count(officer, Sitting, draft.meeting_id) == 1

    with province.store.write() as s:
        officer_row = s.get(User, w.officer_id)
        assert officer_row is not None
        officer_row.role_rows[:] = [r for r in officer_row.role_rows if r.role != Role.CLERK.value]
    officer.engine.sync_once()
    assert _meetings(officer) == {} and _count(officer, Sitting, draft.meeting_id) == 0


def test_a_change_refused_by_the_server_leaves_the_desk_and_says_why(province: Province):
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    leader = province.device("lanhdao", w.leader_id)
    _sync(clerk, leader)
    made = create_op(title="Họp rà soát thủ tục hành chính")
    clerk.record(made)
    clerk.record(people(made.meeting_id, w.officer_id))
    assert clerk.engine.sync_once().accepted == 2
    # The leader cancels it while the clerk, offline, adds someone.
    [cancelled] = leader.client.push([state(made.meeting_id, "cancelled", "Đã lồng ghép vào giao ban tháng")])
    assert cancelled.outcome == "accepted"
    late = people(made.meeting_id, w.officer2_id)
    clerk.record(late)
    with clerk.store.read() as s:
        assert s.get(Participant, late.participants[0].participant_id) is not None  # on the desk at once
    report = clerk.engine.sync_once()
    assert report.rejected == 1
    [answer] = [a for a in report.answers if a.op_id == late.op_id]
    assert "Hủy" in answer.reason and "không thể thêm người dự họp" in answer.reason
    with clerk.store.read() as s:
        assert s.get(Participant, late.participants[0].participant_id) is None
    m = _meetings(clerk)[made.meeting_id]
    assert (m.state, m.state_reason) == ("cancelled", "Đã lồng ghép vào giao ban tháng")
