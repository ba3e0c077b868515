"""The whole state of a meeting's session for one user: what a screen draws when it opens
the session or reconnects, before applying the live events that follow (those with a
greater ``revision``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.directory.models import User
from eoffice.errors import NotFound
from eoffice.meetings import access
from eoffice.meetings.live import votes
from eoffice.meetings.live.attendance import attendance_view
from eoffice.meetings.live.models import MeetingSession
from eoffice.meetings.live.schemas import Me, SessionSnapshot
from eoffice.meetings.live.session import view
from eoffice.meetings.live.speakers import speakers_view
from eoffice.meetings.models import Meeting
from eoffice.store.base import utcnow


def seen(session: Session, meeting_id: str, user: User) -> tuple[Meeting, MeetingSession | None, bool]:
    """The meeting, its session row (None before it opens) and whether ``user`` organises
    it; NotFound unless they see it (``access.sees``)."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or not access.sees(session, user, meeting):
        raise NotFound("Không tìm thấy cuộc họp.", "Meeting not found.")
    row = session.scalars(select(MeetingSession).where(MeetingSession.meeting_id == meeting_id)).one_or_none()
    return meeting, row, access.organises(session, user, meeting)


def snapshot(session: Session, meeting_id: str, user: User, now: datetime | None = None) -> SessionSnapshot:
    """The session as ``user`` sees it (NotFound unless they see the meeting,
    ``access.sees``: its organisers, and once invitations are out its participants and
    the substitutes they sent). Reads only: a meeting never opened answers a waiting
    session at revision 0."""
    now = now or utcnow()
    meeting, row, organiser = seen(session, meeting_id, user)
    attendance = attendance_view(session, meeting_id)
    me = Me(user_id=user.id, organiser=organiser)
    person = access.participant_of(session, meeting_id, user.id)
    if person is not None:
        mine = next((r for r in attendance.rows if r.participant_id == person.id), None)
        me.participant_id, me.role, me.votes = person.id, person.role, person.votes
        me.presence = mine.presence if mine is not None else None
    me.may_vote, me.voted = votes.my_votes(session, meeting_id, user.id)
    return SessionSnapshot(
        meeting_id=meeting_id, title=meeting.title, revision=row.revision if row is not None else 0,
        server_time=now.isoformat(), session=view(row), attendance=attendance,
        speakers=speakers_view(session, meeting_id, now),
        votes=votes.vote_views(session, meeting_id, organiser=organiser), me=me,
    )
