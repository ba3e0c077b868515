"""Meetings in tests the way the desktop makes them: operations applied through the registry."""

from __future__ import annotations

from typing import Any

from eoffice import ops
from eoffice.meetings import operations as mops
from eoffice.store import Store
from eoffice.store.base import new_id


def at(hour: int, minute: int = 0, day: int = 7, month: int = 12) -> str:
    """A time in Hà Nội on a day of 2026, as operations carry it."""
    return f"2026-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00+07:00"


def apply(store: Store, actor_id: str, op: ops.Operation, *, authority: bool = True) -> ops.AppliedResult:
    with store.write() as s:
        return ops.apply(s, actor_id, op, authority=authority)


def create_op(**values: Any) -> mops.CreateMeeting:
    values.setdefault("title", "Họp giao ban Văn phòng")
    values.setdefault("kind_of_meeting", "briefing")
    values.setdefault("starts_at", at(8))
    values.setdefault("ends_at", at(10))
    return mops.CreateMeeting(op_id=new_id(), meeting_id=new_id(), sitting_id=new_id(), **values)


def create(store: Store, actor_id: str, **values: Any) -> mops.CreateMeeting:
    op = create_op(**values)
    apply(store, actor_id, op)
    return op


def people(meeting_id: str, *user_ids: str, role: str = "member") -> mops.AddParticipants:
    return mops.AddParticipants(
        new_id(), meeting_id, tuple(mops.NewParticipant(new_id(), u, role, role == "member") for u in user_ids)
    )


def state(meeting_id: str, to: str, reason: str = "") -> mops.ChangeMeetingState:
    return mops.ChangeMeetingState(new_id(), meeting_id, to, reason)


def update_op(create: mops.CreateMeeting, **changes: Any) -> mops.UpdateMeeting:
    values = {
        name: getattr(create, name)
        for name in ("title", "kind_of_meeting", "starts_at", "ends_at", "room_id", "place", "online_link",
                     "unit_id", "secret", "notes", "chair_id", "secretary_id")
    }
    values.update(changes)
    return mops.UpdateMeeting(op_id=new_id(), meeting_id=create.meeting_id, **values)
