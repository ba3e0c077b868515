"""Telling a meeting's participants, live, what changed in its session.

Every session action runs in one transaction: it changes the session's rows, bumps
``MeetingSession.revision`` and records one event of kind ``LIVE`` for the audience of
the meeting's participants (``meetings.events.participants``, resolved when the event is
delivered: participants come from several organisations) or for one person. The event
exists exactly when the action committed, and the live channel delivers events in order,
each once (``eoffice.server.events``).

An event's payload is ``{"meeting_id", "revision", "part", "data", "server_time"}``:
``part`` names which part of the snapshot (``schemas.SessionSnapshot``) ``data`` replaces
or updates. A ``vote_progress`` event carries no revision (it is superseded by the next
one: ``coalesce`` lets the server drop the older ones of a burst, see
``server.events.record_event``).

Events are about nothing registered (``about=None``): the audience is the meeting's
participants at delivery, who may all see a meeting in session, and a secret meeting's
session events carry no title. The payload says so (``events.ABOUT_NOTHING``), as its
``meeting_id`` would otherwise make each event "about" the meeting: measured with 500
delegates, asking each of them whether they may see the meeting took a chair's action
from about 80 ms to about 800 ms before anyone heard it (``bench/meetings_live.py``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from eoffice.meetings.events import participants
from eoffice.meetings.live.models import MeetingSession
from eoffice.server.events import ABOUT_NOTHING, AudienceKey, LiveEvent, person, record_event
from eoffice.store.base import utcnow

LIVE = "meeting.live"

# Parts of the snapshot an event may carry.
SESSION = "session"  # schemas.SessionView
ATTENDANCE = "attendance"  # schemas.AttendanceView
SPEAKERS = "speakers"  # schemas.SpeakersView
VOTE = "vote"  # schemas.VoteView (one vote, replacing the one with its id)
VOTE_PROGRESS = "vote_progress"  # schemas.VoteProgress (no revision; superseded by the next)


def session_row(session: Session, meeting_id: str, *, lock: bool = False) -> MeetingSession:
    """The meeting's session row, made (waiting) when first asked."""
    query = session.query(MeetingSession).filter(MeetingSession.meeting_id == meeting_id)
    row = (query.with_for_update() if lock else query).one_or_none()
    if row is None:
        row = MeetingSession(meeting_id=meeting_id)
        session.add(row)
        session.flush()
    return row


def bump(session: Session, meeting_id: str) -> int:
    """The next revision of the meeting's session (one UPDATE; the row stays locked until
    commit, so revisions follow commit order)."""
    session_row(session, meeting_id)
    return int(session.execute(
        update(MeetingSession).where(MeetingSession.meeting_id == meeting_id)
        .values(revision=MeetingSession.revision + 1, updated_at=utcnow()).returning(MeetingSession.revision)
    ).scalar_one())


def announce(
    session: Session,
    meeting_id: str,
    part: str,
    data: Any,
    *,
    to_user: str | None = None,
    coalesce: str | None = None,
) -> LiveEvent:
    """Record one live event of the session in the caller's transaction.

    ``data`` is a pydantic model or a JSON-able value; ``to_user`` narrows the audience to
    one person (the chair's queue of requests, a ballot's receipt); ``coalesce``: see the
    module's docstring (for ``VOTE_PROGRESS`` only: no revision is taken).
    """
    body = data.model_dump(mode="json") if hasattr(data, "model_dump") else data
    revision = 0 if coalesce is not None else bump(session, meeting_id)
    payload = {
        "meeting_id": meeting_id, "revision": revision, "part": part, "data": body,
        "server_time": utcnow().isoformat(), ABOUT_NOTHING: True,
    }
    audience: AudienceKey | None = person(to_user) if to_user else participants(meeting_id)
    assert audience is not None
    return record_event(session, LIVE, payload, to=audience, about=None, coalesce=coalesce)
