"""Meeting rooms (phòng họp): each organisation's list, and who books a room when.

A room is made by the organisation's clerks, leaders or admins; meetings and sittings
name it (``meetings.check_room`` keeps them to their own organisation's rooms). A room
booked twice is a warning, not a refusal (``calendar.conflicts``): the office decides.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.audit.chain import record
from eoffice.directory.models import Role
from eoffice.documents.snapshot import snapshot
from eoffice.errors import PermissionDenied, ValidationError
from eoffice.meetings.meetings import BOOKING, actor_of
from eoffice.meetings.models import Meeting, Room, Sitting

#: Who keeps the organisation's list of rooms.
KEEPERS = (Role.CLERK, Role.LEADER, Role.ADMIN)


def create_room(
    session: Session, actor_id: str, room_id: str, name: str, address: str = "", capacity: int = 0
) -> Room:
    """A new room of the actor's organisation."""
    actor = actor_of(session, actor_id)
    if not any(actor.has_role(role) for role in KEEPERS):
        raise PermissionDenied(
            "Chỉ văn thư, lãnh đạo hoặc quản trị được thêm phòng họp.",
            "Only clerks, leaders or administrators may add meeting rooms.",
        )
    if not name.strip():
        raise ValidationError("Hãy nhập tên phòng họp.", "Enter the room's name.", field="name")
    if capacity < 0:
        raise ValidationError("Số chỗ ngồi không được âm.", "The capacity cannot be negative.", field="capacity")
    if session.get(Room, room_id) is not None:
        raise ValidationError("Mã phòng họp đã được dùng; hãy tạo lại.", "The room's id is taken; try again.")
    taken = session.scalar(select(Room.id).where(
        Room.organisation_id == actor.organisation_id, Room.name == name.strip(), Room.deleted.is_(False)
    ))
    if taken is not None:
        raise ValidationError(
            f"Cơ quan đã có phòng họp “{name.strip()}”.", f"The organisation already has a room “{name.strip()}”.",
            field="name",
        )
    room = Room(
        id=room_id, organisation_id=actor.organisation_id, name=name.strip(), address=address.strip(),
        capacity=capacity,
    )
    session.add(room)
    session.flush()
    record(session, actor_id=actor.id, action="meeting.create_room", target_type="meeting_room", target_id=room.id,
           after=snapshot(room))
    return room


def rooms_of(session: Session, organisation_id: str) -> list[Room]:
    """The organisation's rooms, by name."""
    return list(session.scalars(
        select(Room).where(Room.organisation_id == organisation_id, Room.deleted.is_(False)).order_by(Room.name)
    ))


def bookings(session: Session, room_id: str, start: datetime, end: datetime) -> list[tuple[Sitting, Meeting]]:
    """The sittings held in ``room_id`` overlapping [start, end), with their meetings,
    by start (a postponed or cancelled meeting books nothing)."""
    return [
        (sitting, meeting)
        for sitting, meeting in session.execute(
            select(Sitting, Meeting)
            .join(Meeting, Meeting.id == Sitting.meeting_id)
            .where(
                Sitting.room_id == room_id, Sitting.deleted.is_(False), Meeting.deleted.is_(False),
                Meeting.state.in_(sorted(BOOKING)), Sitting.starts_at < end, Sitting.ends_at > start,
            )
            .order_by(Sitting.starts_at)
        )
    ]
