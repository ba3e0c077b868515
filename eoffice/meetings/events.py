"""Which meeting operations tell whom, live (``eoffice.server.events``' rules).

The participants (and the substitutes they sent) are told when a meeting is scheduled
(the invitation is out), postponed or cancelled (with the reason), opened and closed:
one event to the audience of the meeting's participants, not one per person (a council
has 95). People added to a meeting already scheduled are told they are invited. The
secretary (or, with none, whoever created the meeting) is told of every answer to the
invitation, so the table of answers fills in live. Every event is about its meeting
(``about=("meeting", id)``): it reaches only those who may see it when it is sent.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select, union_all
from sqlalchemy.orm import Session

from eoffice.directory.models import User
from eoffice.meetings.access import meeting_clause
from eoffice.meetings.values import VIETNAM
from eoffice.meetings.models import Meeting, MeetingState, Participant
from eoffice.meetings.values import aware
from eoffice.server.events import AudienceKey, Telling, on_operation, person, register_audience, register_subject

MEETING = "meeting"
#: The audience of a meeting's participants (ref: the meeting's id).
PARTICIPANTS = "meeting_participants"

# Event kinds.
MEETING_SCHEDULED = "meeting.scheduled"
MEETING_POSTPONED = "meeting.postponed"
MEETING_CANCELLED = "meeting.cancelled"
MEETING_STARTED = "meeting.started"
MEETING_CLOSED = "meeting.closed"
#: For people added to a meeting whose invitations are out.
MEETING_INVITED = "meeting.invited"
#: For the secretary: a participant answered the invitation.
MEETING_ANSWERED = "meeting.answered"

_STATE_EVENTS = {
    MeetingState.SCHEDULED.value: MEETING_SCHEDULED,
    MeetingState.POSTPONED.value: MEETING_POSTPONED,
    MeetingState.CANCELLED.value: MEETING_CANCELLED,
    MeetingState.IN_SESSION.value: MEETING_STARTED,
    MeetingState.CLOSED.value: MEETING_CLOSED,
}


def visible(session: Session, user: User, ids: set[str]) -> set[str]:
    """Which of the meetings ``ids`` the pull would send ``user`` now (one statement)."""
    return set(session.scalars(select(Meeting.id).where(Meeting.id.in_(sorted(ids)), meeting_clause(user))))


def _participants() -> Select[Any]:
    live = Participant.deleted.is_(False)
    people = select(Participant.meeting_id.label("ref"), Participant.user_id.label("user_id")).where(live)
    substitutes = select(Participant.meeting_id.label("ref"), Participant.substitute_id.label("user_id")).where(
        live, Participant.substitute_id.is_not(None)
    )
    return select(union_all(people, substitutes).subquery())


register_subject(MEETING, visible)
register_audience(PARTICIPANTS, _participants)


def participants(meeting_id: str) -> AudienceKey:
    """Everyone taking part in the meeting (and the substitutes they sent)."""
    return AudienceKey(PARTICIPANTS, meeting_id)


def summary(meeting: Meeting) -> dict[str, Any]:
    """What every event about a meeting says of it (a secret one's title stays out)."""
    return {
        "title": "" if meeting.secret else meeting.title,
        "secret": meeting.secret,
        "state": meeting.state,
        "starts_at": aware(meeting.starts_at).astimezone(VIETNAM).isoformat(),
        "ends_at": aware(meeting.ends_at).astimezone(VIETNAM).isoformat(),
        "place": meeting.place,
    }


@on_operation("meeting_change_state")
def _state_changed(telling: Telling, op: Any, result: Any) -> None:
    meeting = telling.session.get(Meeting, op.meeting_id)
    kind = _STATE_EVENTS.get(meeting.state) if meeting is not None else None
    if meeting is None or kind is None:
        return
    payload = {**summary(meeting), "reason": meeting.state_reason}
    telling.tell(kind, payload, to=participants(meeting.id), about=(MEETING, meeting.id))


@on_operation("meeting_add_participants")
def _invited(telling: Telling, op: Any, result: Any) -> None:
    meeting = telling.session.get(Meeting, op.meeting_id)
    if meeting is None or meeting.state not in (MeetingState.SCHEDULED.value, MeetingState.IN_SESSION.value):
        return
    for new in op.participants:
        telling.tell(MEETING_INVITED, summary(meeting), to=person(new.user_id), about=(MEETING, meeting.id))


@on_operation("meeting_answer")
def _answered(telling: Telling, op: Any, result: Any) -> None:
    row = telling.session.get(Participant, op.participant_id)
    meeting = telling.session.get(Meeting, row.meeting_id) if row is not None else None
    if row is None or meeting is None:
        return
    who = telling.session.get(User, row.user_id)
    payload = {
        **summary(meeting), "participant_id": row.id, "user_id": row.user_id,
        "full_name": who.full_name if who is not None else "", "answer": row.answer, "reason": row.answer_reason,
        "substitute_name": row.substitute_name,
        "answered_at": aware(row.answered_at).isoformat() if row.answered_at else None,
    }
    telling.tell(
        MEETING_ANSWERED, payload, to=person(meeting.secretary_id or meeting.created_by), about=(MEETING, meeting.id)
    )
