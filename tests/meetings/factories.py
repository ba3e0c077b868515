"""Meetings, sittings and participants written straight into a database: the meetings'
own operations (``meetings.meeting_ops``) are another module's, not needed to test the
agenda, the documents and reading.

``meeting_tables`` makes meetings, sittings and participants sync for the HTTP
tests when no module registered them yet (the meetings' ``synced`` module will).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy.orm import Session

from eoffice.directory.admin import create_user
from eoffice.directory.models import Role
from eoffice.meetings import rules
from eoffice.meetings.models import Meeting, MeetingKind, MeetingState, Participant, Sitting
from eoffice.store import Store
from eoffice.store.base import new_id
from tests.conftest import World

START = datetime(2026, 12, 7, 1, 0, tzinfo=timezone.utc)  # 08:00 in Vietnam


@dataclass
class MeetingRows:
    meeting_id: str
    sitting_id: str
    #: user id -> participant id
    participants: dict[str, str]
    delegate_id: str  # a member of the meeting with no role in the organisation's office
    guest_id: str  # an invited guest (no vote)


def add_user(session: Session, world: World, username: str, name: str, unit_id: str | None = None) -> str:
    user = create_user(session, username, name, world.org_id, {Role.OFFICER}, unit_id or world.office_unit_id,
                       "Đại biểu")
    return user.id


def make_meeting(
    store: Store, world: World, *, state: str = MeetingState.SCHEDULED.value, secret: bool = False,
    kind: str = MeetingKind.UBND_REGULAR.value, start: datetime = START, hours: int = 4,
    delegate: str = "daibieu", guest: str = "khachmoi",
) -> MeetingRows:
    """A meeting created by the clerk, chaired by the leader, with the officer and a delegate
    as voting members and a guest; the second officer (Phòng Tài chính) is not in it."""
    with store.write() as s:
        delegate_id = add_user(s, world, delegate, "Hoàng Thị Lan")
        guest_id = add_user(s, world, guest, "Vũ Đình Khách")
        meeting = Meeting(
            id=new_id(), organisation_id=world.org_id, unit_id=world.office_unit_id,
            title="Phiên họp UBND tỉnh thường kỳ tháng 12", kind=kind, state=state, starts_at=start,
            ends_at=start + timedelta(hours=hours), place="Phòng họp số 1", chair_id=world.leader_id,
            secretary_id=world.clerk_id, secret=secret, vote_rules=rules.defaults_for(kind).to_json(),
            created_by=world.clerk_id,
        )
        sitting = Sitting(id=new_id(), meeting_id=meeting.id, number=1, starts_at=start,
                          ends_at=start + timedelta(hours=hours))
        s.add_all([meeting, sitting])
        people = {
            world.leader_id: ("chair", True), world.officer_id: ("member", True), delegate_id: ("member", True),
            guest_id: ("guest", False),
        }
        participants = {}
        for user_id, (role, votes) in people.items():
            row = Participant(id=new_id(), meeting_id=meeting.id, user_id=user_id, role=role, votes=votes)
            s.add(row)
            participants[user_id] = row.id
        return MeetingRows(meeting.id, sitting.id, participants, delegate_id, guest_id)


def add_sitting(store: Store, meeting_id: str, number: int = 2, start: datetime = START + timedelta(days=1)) -> str:
    with store.write() as s:
        sitting = Sitting(id=new_id(), meeting_id=meeting_id, number=number, starts_at=start,
                          ends_at=start + timedelta(hours=4))
        s.add(sitting)
        return sitting.id
