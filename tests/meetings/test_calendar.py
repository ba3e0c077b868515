"""The calendar: a user's meetings by day, week and month, as mine, my unit's or my
organisation's; and the clashes it warns of (a person or a room booked twice)."""

from __future__ import annotations

from datetime import date, datetime

from eoffice.directory.models import User
from eoffice.meetings import operations as mops
from eoffice.meetings.values import VIETNAM
from eoffice.meetings.calendar import (
    ConflictKind,
    Period,
    Scope,
    calendar,
    conflicts,
    conflicts_at,
    period_range,
)
from eoffice.meetings.rooms import bookings, rooms_of
from eoffice.meetings.values import moment
from eoffice.store.base import new_id
from tests.conftest import World
from tests.meetings.helpers import apply, at, create, people, state


def _titles(world: World, user_id: str, day: date, period: Period, scope: Scope) -> list[str]:
    with world.store.read() as s:
        user = s.get(User, user_id)
        assert user is not None
        return [m.title for m in calendar(s, user, day, period, scope)]


def test_periods_run_in_vietnams_time_and_weeks_start_on_monday():
    assert period_range(date(2026, 12, 9), Period.WEEK) == (
        datetime(2026, 12, 7, tzinfo=VIETNAM), datetime(2026, 12, 14, tzinfo=VIETNAM)
    )
    assert period_range(date(2026, 12, 31), Period.MONTH) == (
        datetime(2026, 12, 1, tzinfo=VIETNAM), datetime(2027, 1, 1, tzinfo=VIETNAM)
    )
    assert period_range(date(2026, 2, 3), Period.DAY)[1] == datetime(2026, 2, 4, tzinfo=VIETNAM)


def test_mine_my_units_and_my_organisations_meetings_in_a_day_a_week_a_month(world):
    vp = create(world.store, world.clerk_id, title="Giao ban Văn phòng", starts_at=at(7, 30), ends_at=at(8, 30))
    tc = create(world.store, world.officer2_id, title="Họp Phòng Tài chính", unit_id=world.finance_unit_id,
                starts_at=at(14, day=9), ends_at=at(16, day=9))
    create(world.store, world.clerk_id, title="Hội nghị tổng kết năm", kind_of_meeting="conference",
           starts_at=at(8, day=28), ends_at=at(11, day=28))
    create(world.store, world.clerk_id, title="Họp tháng sau", starts_at=at(8, day=4, month=1).replace("2026", "2027"),
           ends_at=at(9, day=4, month=1).replace("2026", "2027"))
    # 23:30 on the 6th in Hà Nội is the 6th, although it is 16:30 UTC.
    create(world.store, world.clerk_id, title="Họp khuya", starts_at=at(23, 0, day=6), ends_at=at(23, 30, day=6))
    apply(world.store, world.clerk_id, people(vp.meeting_id, world.officer_id))
    apply(world.store, world.officer2_id, people(tc.meeting_id, world.officer_id))

    # A draft is the organisers' alone: the officer sees neither meeting yet.
    assert _titles(world, world.officer_id, date(2026, 12, 7), Period.WEEK, Scope.MINE) == []
    apply(world.store, world.clerk_id, state(vp.meeting_id, "scheduled"))
    apply(world.store, world.officer2_id, state(tc.meeting_id, "scheduled"))
    assert _titles(world, world.officer_id, date(2026, 12, 7), Period.DAY, Scope.MINE) == ["Giao ban Văn phòng"]
    assert _titles(world, world.officer_id, date(2026, 12, 10), Period.WEEK, Scope.MINE) == [
        "Giao ban Văn phòng", "Họp Phòng Tài chính",
    ]
    assert _titles(world, world.officer_id, date(2026, 12, 6), Period.DAY, Scope.MINE) == []
    # The clerk's unit (Văn phòng) organised all but the finance unit's.
    assert _titles(world, world.clerk_id, date(2026, 12, 1), Period.MONTH, Scope.UNIT) == [
        "Họp khuya", "Giao ban Văn phòng", "Hội nghị tổng kết năm",
    ]
    assert _titles(world, world.clerk_id, date(2026, 12, 6), Period.DAY, Scope.MINE) == ["Họp khuya"]
    # The organisation's month, as its leader (who organises what is not secret) sees it.
    assert _titles(world, world.leader_id, date(2026, 12, 15), Period.MONTH, Scope.ORGANISATION) == [
        "Họp khuya", "Giao ban Văn phòng", "Họp Phòng Tài chính", "Hội nghị tổng kết năm",
    ]
    # An admin is in none of them and sees none.
    assert _titles(world, world.admin_id, date(2026, 12, 15), Period.MONTH, Scope.ORGANISATION) == []


def test_a_person_or_a_room_booked_twice_is_a_warning_not_a_refusal(world):
    room_id = new_id()
    apply(world.store, world.clerk_id, mops.CreateRoom(new_id(), room_id, "Phòng họp số 1", "Tầng 2", 30))
    first = create(world.store, world.clerk_id, title="Giao ban", room_id=room_id, starts_at=at(8), ends_at=at(10))
    apply(world.store, world.clerk_id, people(first.meeting_id, world.officer_id, world.officer2_id))
    second = create(world.store, world.leader_id, title="Làm việc với Sở Xây dựng", room_id=room_id,
                    starts_at=at(9, 30), ends_at=at(11))
    apply(world.store, world.leader_id, people(second.meeting_id, world.officer_id))
    later = create(world.store, world.leader_id, title="Họp chiều", room_id=room_id, starts_at=at(10), ends_at=at(11))
    apply(world.store, world.leader_id, people(later.meeting_id, world.officer2_id))

    with world.store.read() as s:
        found = conflicts(s, second.meeting_id)
        assert {(c.kind, c.who, c.other_title) for c in found} == {
            (ConflictKind.ROOM, room_id, "Giao ban"), (ConflictKind.PERSON, world.officer_id, "Giao ban"),
            (ConflictKind.ROOM, room_id, "Họp chiều"),
        }
        # Touching end to start is no clash: "Họp chiều" starts when "Giao ban" ends.
        assert {c.other_title for c in conflicts(s, later.meeting_id)} == {"Làm việc với Sở Xây dựng"}
        # Before saving: the editor asks about the times and people it is about to set.
        before = conflicts_at(
            s, starts_at=moment(at(7), ""), ends_at=moment(at(8, 15), ""), user_ids=[world.officer2_id],
        )
        assert [(c.kind, c.other_title) for c in before] == [(ConflictKind.PERSON, "Giao ban")]
        assert [m.title for _, m in bookings(s, room_id, moment(at(0), ""), moment(at(23), ""))] == [
            "Giao ban", "Làm việc với Sở Xây dựng", "Họp chiều",
        ]
        assert [r.name for r in rooms_of(s, world.org_id)] == ["Phòng họp số 1"]

    # A postponed meeting books nobody; someone who sends a substitute is not there.
    apply(world.store, world.clerk_id, state(first.meeting_id, "scheduled"))
    apply(world.store, world.clerk_id, state(first.meeting_id, "postponed", "Chờ ý kiến Thường trực"))
    with world.store.read() as s:
        assert {c.other_title for c in conflicts(s, second.meeting_id)} == {"Họp chiều"}
