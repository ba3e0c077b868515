"""The meeting's record, read from the live session's tables: what the minutes say
happened. A read only: a few statements whatever the number of speeches or votes (the
attendance in one, the log in one, the speeches in one, the votes as ``live.votes``
reads them)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.directory.models import User
from eoffice.meetings.live import votes
from eoffice.meetings.live.attendance import attendance_view
from eoffice.meetings.live.models import AttendanceEntry, Speech, SpeechState, VoteState
from eoffice.meetings.live.session import iso
from eoffice.meetings.live.snapshot import seen
from eoffice.meetings.live.speakers import elapsed
from eoffice.meetings.minutes.schemas import LogEntry, MeetingRecord, SpeechRecord
from eoffice.meetings.models import Participant
from eoffice.store.base import utcnow

_GIVEN = (SpeechState.SPEAKING.value, SpeechState.DONE.value)
_COUNTED = (VoteState.CLOSED.value, VoteState.PUBLISHED.value)


def _log(session: Session, meeting_id: str) -> list[LogEntry]:
    rows = session.execute(
        select(AttendanceEntry, User.full_name)
        .join(Participant, Participant.id == AttendanceEntry.participant_id)
        .join(User, User.id == Participant.user_id)
        .where(AttendanceEntry.meeting_id == meeting_id)
        .order_by(AttendanceEntry.at, AttendanceEntry.id)
    )
    return [
        LogEntry(participant_id=e.participant_id, full_name=name, presence=e.presence, reason=e.reason,
                 at=iso(e.at) or "")
        for e, name in rows
    ]


def _speeches(session: Session, meeting_id: str, now: datetime) -> list[SpeechRecord]:
    rows = session.execute(
        select(Speech, User.full_name, User.position)
        .join(User, User.id == Speech.user_id)
        .where(Speech.meeting_id == meeting_id, Speech.state.in_(_GIVEN), Speech.started_at.is_not(None))
        .order_by(Speech.started_at, Speech.id)
    )
    return [
        SpeechRecord(
            id=s.id, item_id=s.item_id, user_id=s.user_id, full_name=name, position=position or "", kind=s.kind,
            started_at=iso(s.started_at) or "", ended_at=iso(s.ended_at), seconds=elapsed(s, now),
        )
        for s, name, position in rows
    ]


def meeting_record(session: Session, meeting_id: str, user: User, now: datetime | None = None) -> MeetingRecord:
    """The record as ``user`` may read it (NotFound unless they see the meeting); the
    votes' results as the live session shows them to that user (the organisers from the
    close, the others once published)."""
    now = now or utcnow()
    _meeting, row, organiser = seen(session, meeting_id, user)
    counted = [v for v in votes.vote_views(session, meeting_id, organiser=organiser) if v.state in _COUNTED]
    return MeetingRecord(
        meeting_id=meeting_id, revision=row.revision if row is not None else 0, server_time=now.isoformat(),
        state=row.state if row is not None else "waiting",
        opened_at=iso(row.opened_at) if row is not None else None,
        closed_at=iso(row.closed_at) if row is not None else None,
        attendance=attendance_view(session, meeting_id), log=_log(session, meeting_id),
        speeches=_speeches(session, meeting_id, now), votes=counted,
    )
