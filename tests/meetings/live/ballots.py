"""Meetings with members present, written straight into the database (attendance rows
too: the attendance module is another's), for the votes' tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import select, update

from eoffice.directory.admin import create_user
from eoffice.directory.models import Role
from eoffice.meetings import rules
from eoffice.meetings.live.models import Attendance
from eoffice.meetings.models import Meeting, Participant
from eoffice.store import Store
from eoffice.store.base import new_id
from tests.conftest import World
from tests.meetings.factories import MeetingRows, make_meeting

NOW = datetime(2026, 12, 7, 2, 0, tzinfo=timezone.utc)


def attend(store: Store, rows: MeetingRows, user_id: str, presence: str = "hall") -> None:
    """The participant's attendance now (made or changed)."""
    participant_id = rows.participants[user_id]
    with store.write() as s:
        found = s.scalar(select(Attendance.id).where(Attendance.participant_id == participant_id))
        if found is None:
            s.add(Attendance(meeting_id=rows.meeting_id, participant_id=participant_id, user_id=user_id,
                             presence=presence))
        else:
            s.execute(update(Attendance).where(Attendance.id == found).values(presence=presence))


@dataclass
class Council:
    rows: MeetingRows
    members: list[str]  # every voting member's user id (the chair first)

    @property
    def meeting_id(self) -> str:
        return self.rows.meeting_id


def council(store: Store, world: World, extra: int = 0, *, kind: str = "ubnd_regular", present: bool = True,
            substitutes_vote: bool = False, tag: str = "") -> Council:
    """The factories' meeting (chair = the leader, the officer and a delegate voting, a
    guest; the clerk is its secretary and organises it, without a vote) with ``extra``
    more voting members, all in the hall when ``present``; ``tag`` tells apart the
    usernames of a second council in the same database."""
    rows = make_meeting(store, world, kind=kind, delegate=f"daibieu{tag}", guest=f"khachmoi{tag}")
    with store.write() as s:
        for n in range(extra):
            user = create_user(s, f"daibieu{tag}{n:03d}", f"Đại biểu {n:03d}", world.org_id, {Role.OFFICER},
                               world.office_unit_id, "Đại biểu")
            participant = Participant(id=new_id(), meeting_id=rows.meeting_id, user_id=user.id, role="member",
                                      votes=True)
            s.add(participant)
            rows.participants[user.id] = participant.id
        if substitutes_vote:
            meeting = s.get(Meeting, rows.meeting_id)
            assert meeting is not None
            ruleset = rules.RuleSet.from_json(meeting.vote_rules)
            meeting.vote_rules = rules.RuleSet(ruleset.quorum, ruleset.votes, ruleset.options,
                                               substitutes_vote=True).to_json()
        if present:
            s.add_all(Attendance(meeting_id=rows.meeting_id, participant_id=pid, user_id=uid, presence="hall")
                      for uid, pid in rows.participants.items())
    members = [u for u in rows.participants if u != rows.guest_id]
    return Council(rows, members)
