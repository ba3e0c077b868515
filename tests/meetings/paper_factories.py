"""Rows for the papers' tests (invitation, passes, schedule), written straight into the
store: the meeting operations are another module's, and these tests are about what is
printed from the rows."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from eoffice.directory.admin import create_organisation, create_user
from eoffice.directory.models import Role
from eoffice.meetings.models import AgendaItem, Meeting, MeetingKind, Participant, ParticipantRole, Room, Sitting
from eoffice.store.base import new_id
from tests.conftest import World

VN = timezone(timedelta(hours=7))


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A Vietnam wall time, as the UTC instant the rows keep."""
    return datetime(year, month, day, hour, minute, tzinfo=VN).astimezone(timezone.utc)


def room(world: World, name: str = "Phòng họp số 1", address: str = "Tầng 3, trụ sở UBND tỉnh") -> str:
    with world.store.write() as s:
        row = Room(id=new_id(), organisation_id=world.org_id, name=name, address=address, capacity=40)
        s.add(row)
        return row.id


def meeting(
    world: World,
    *,
    title: str = "Phiên họp thường kỳ tháng 12 năm 2026 của UBND tỉnh",
    starts: datetime | None = None,
    minutes: int = 210,
    state: str = "draft",
    notes: str = "",
    room_id: str | None = None,
    place: str = "",
    secret: bool = False,
    created_by: str | None = None,
    chair_id: str | None = None,
    secretary_id: str | None = None,
    kind: MeetingKind = MeetingKind.UBND_REGULAR,
) -> tuple[str, str]:
    """A meeting and its first sitting (same times and place); (meeting id, sitting id).
    By default the leader chairs and the officer of the office is its secretary."""
    starts = starts or at(2026, 12, 7, 8)
    ends = starts + timedelta(minutes=minutes)
    with world.store.write() as s:
        row = Meeting(
            id=new_id(), organisation_id=world.org_id, unit_id=world.office_unit_id, title=title, kind=kind.value,
            state=state, starts_at=starts, ends_at=ends, room_id=room_id, place=place, secret=secret, notes=notes,
            chair_id=chair_id or world.leader_id, secretary_id=secretary_id or world.officer_id,
            created_by=created_by or world.officer_id,
        )
        sitting = Sitting(
            id=new_id(), meeting_id=row.id, number=1, starts_at=starts, ends_at=ends, room_id=room_id, place=place
        )
        s.add_all([row, sitting])
        return row.id, sitting.id


def sitting(world: World, meeting_id: str, number: int, starts: datetime, minutes: int = 180, title: str = "") -> str:
    with world.store.write() as s:
        row = Sitting(
            id=new_id(), meeting_id=meeting_id, number=number, title=title, starts_at=starts,
            ends_at=starts + timedelta(minutes=minutes),
        )
        s.add(row)
        return row.id


def participant(world: World, meeting_id: str, user_id: str, role: ParticipantRole = ParticipantRole.MEMBER) -> str:
    with world.store.write() as s:
        row = Participant(
            id=new_id(), meeting_id=meeting_id, user_id=user_id, role=role.value,
            votes=role == ParticipantRole.MEMBER,
        )
        s.add(row)
        return row.id


def item(
    world: World, meeting_id: str, sitting_id: str, title: str, position: int, *, parent_id: str | None = None,
    presenter_id: str | None = None,
) -> str:
    with world.store.write() as s:
        row = AgendaItem(
            id=new_id(), meeting_id=meeting_id, sitting_id=sitting_id, parent_id=parent_id, position=position,
            title=title, presenter_id=presenter_id, planned_minutes=30,
        )
        s.add(row)
        return row.id


def guest(world: World, username: str = "giamdoc_stc", full_name: str = "Võ Thị Hương") -> str:
    """A director of another organisation of the province, invited as a guest."""
    with world.store.write() as s:
        org = create_organisation(s, f"000.00.{len(username):02d}.H41", "Sở Tài chính tỉnh Nghệ An", "STC")
        return create_user(s, username, full_name, org.id, {Role.LEADER}, None, "Giám đốc Sở Tài chính").id


def deputy(world: World) -> str:
    """A second leader of the organisation (Phó Chủ tịch)."""
    with world.store.write() as s:
        return create_user(
            s, "phochutich", "Hoàng Văn Tư", world.org_id, {Role.LEADER}, world.office_unit_id, "Phó Chủ tịch"
        ).id
