"""The work diary's drafts from meetings: a meeting the user attended proposes "Dự họp
<meeting>" with the time from their check-in to the close (or their departure), read
from their participant row (``Participant.attended_from`` / ``attended_until``, set by
the server when the session closes, so every desk of theirs has it)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from eoffice.directory.models import User
from eoffice.meetings.models import Meeting, Participant
from eoffice.meetings.values import aware
from eoffice.worklog.drafting import Fact, day_bounds, register_finder

#: A day's diary never proposes more than this for one meeting (a two-day session's day).
MAX_MINUTES = 600


@register_finder
def meetings_attended(session: Session, user: User, day: date) -> list[Fact]:
    """The meetings the user (or the substitute they were) attended, arriving on ``day``."""
    start, end = day_bounds(day)
    rows = session.execute(
        select(Participant.meeting_id, Participant.attended_from, Participant.attended_until, Meeting.title)
        .join(Meeting, Meeting.id == Participant.meeting_id)
        .where(
            or_(Participant.user_id == user.id, Participant.substitute_id == user.id),
            Participant.deleted.is_(False), Meeting.deleted.is_(False),
            Participant.attended_from >= start, Participant.attended_from < end,
        )
    )
    facts = []
    for meeting_id, came, went, title in rows:
        if came is None:
            continue
        came = aware(came)
        minutes = int((aware(went) - came).total_seconds() // 60) if went is not None else 0
        facts.append(Fact("meeting.attended", came, meeting_id=meeting_id, text=title,
                          minutes=max(0, min(minutes, MAX_MINUTES))))
    return facts
