"""The meetings' calendar: a user's meetings in a day, week or month, seen as "mine",
"my unit's" or "my organisation's", and the conflicts to warn of.

Periods are in Vietnam's time (UTC+7, no summer time): a day runs from local midnight
to local midnight, a week from Monday. Every query also applies the pull's rule
(``access.meeting_clause``), so the server and a desk (which holds only what its user
may see) answer the same.

A conflict (a participant or a room booked twice at overlapping times) is returned for
the screen to warn about, never refused: an official may well leave one meeting for
another, and the office decides about its rooms.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from eoffice.directory.models import User
from eoffice.meetings.access import meeting_clause
from eoffice.meetings.meetings import BOOKING
from eoffice.meetings.models import Meeting, Participant, Sitting
from eoffice.meetings.values import VIETNAM, aware, utc


class Scope(str, enum.Enum):
    MINE = "mine"  # I take part in it or organise it
    UNIT = "unit"  # my unit organises it
    ORGANISATION = "organisation"  # my organisation organises it (those I may see)


class Period(str, enum.Enum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


def period_range(day: date, period: Period) -> tuple[datetime, datetime]:
    """[start, end) of the day, week (Monday first) or month holding ``day``, local time."""
    if period is Period.DAY:
        first, last = day, day + timedelta(days=1)
    elif period is Period.WEEK:
        first = day - timedelta(days=day.weekday())
        last = first + timedelta(days=7)
    else:
        first = day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1)
    return datetime.combine(first, time(), VIETNAM), datetime.combine(last, time(), VIETNAM)


def _mine(user: User) -> ColumnElement[bool]:
    takes_part = exists().where(
        Participant.meeting_id == Meeting.id,
        or_(Participant.user_id == user.id, Participant.substitute_id == user.id),
        Participant.deleted.is_(False),
    )
    return or_(
        Meeting.created_by == user.id, Meeting.chair_id == user.id, Meeting.secretary_id == user.id, takes_part
    )


def scope_clause(user: User, scope: Scope) -> ColumnElement[bool]:
    if scope is Scope.MINE:
        return _mine(user)
    if scope is Scope.UNIT:
        return and_(Meeting.unit_id.is_not(None), Meeting.unit_id == user.unit_id)
    return Meeting.organisation_id == user.organisation_id


def meetings_between(
    session: Session, user: User, start: datetime, end: datetime, scope: Scope = Scope.MINE
) -> list[Meeting]:
    """The meetings ``user`` may see, of ``scope``, overlapping [start, end), by start."""
    return list(session.scalars(
        select(Meeting)
        .where(
            Meeting.deleted.is_(False), Meeting.starts_at < utc(end), Meeting.ends_at > utc(start),
            scope_clause(user, scope), meeting_clause(user),
        )
        .order_by(Meeting.starts_at, Meeting.title)
    ))


def calendar(session: Session, user: User, day: date, period: Period, scope: Scope = Scope.MINE) -> list[Meeting]:
    """The day's, week's or month's meetings holding ``day``."""
    start, end = period_range(day, period)
    return meetings_between(session, user, start, end, scope)


def sittings_between(
    session: Session, user: User, start: datetime, end: datetime, scope: Scope = Scope.MINE
) -> list[tuple[Sitting, Meeting]]:
    """The sittings (with their meetings) overlapping [start, end): what a week's grid shows
    of a kỳ họp over several days."""
    return [
        (sitting, meeting)
        for sitting, meeting in session.execute(
            select(Sitting, Meeting)
            .join(Meeting, Meeting.id == Sitting.meeting_id)
            .where(
                Sitting.deleted.is_(False), Meeting.deleted.is_(False), Sitting.starts_at < utc(end),
                Sitting.ends_at > utc(start), scope_clause(user, scope), meeting_clause(user),
            )
            .order_by(Sitting.starts_at, Meeting.title)
        )
    ]


# --------------------------------------------------------------------------- conflicts


class ConflictKind(str, enum.Enum):
    PERSON = "person"  # a participant in two meetings at once
    ROOM = "room"  # a room booked twice


@dataclass(frozen=True)
class Conflict:
    """Two sittings that overlap and share a person or a room."""

    kind: ConflictKind
    #: The person (user id) or room id booked twice.
    who: str
    sitting_id: str | None
    other_meeting_id: str
    other_title: str
    other_sitting_id: str
    starts_at: datetime
    ends_at: datetime


def conflicts_at(
    session: Session, *, starts_at: datetime, ends_at: datetime, room_id: str | None = None,
    user_ids: list[str] | tuple[str, ...] = (), exclude_meeting_id: str | None = None, sitting_id: str | None = None,
) -> list[Conflict]:
    """The bookings a sitting at [starts_at, ends_at) in ``room_id`` with ``user_ids``
    would clash with: before saving (the editor warns), or for a saved sitting."""
    start, end = utc(starts_at), utc(ends_at)
    base = [
        Sitting.deleted.is_(False), Meeting.deleted.is_(False), Meeting.state.in_(sorted(BOOKING)),
        Sitting.starts_at < end, Sitting.ends_at > start,
    ]
    if exclude_meeting_id is not None:
        base.append(Meeting.id != exclude_meeting_id)
    found: list[Conflict] = []
    if room_id is not None:
        for other, meeting in session.execute(
            select(Sitting, Meeting).join(Meeting, Meeting.id == Sitting.meeting_id)
            .where(*base, Sitting.room_id == room_id).order_by(Sitting.starts_at)
        ):
            found.append(Conflict(
                ConflictKind.ROOM, room_id, sitting_id, meeting.id, meeting.title, other.id,
                aware(other.starts_at), aware(other.ends_at),
            ))
    people = sorted(set(user_ids))
    if people:
        rows = session.execute(
            select(Sitting, Meeting, Participant.user_id, Participant.substitute_id)
            .join(Meeting, Meeting.id == Sitting.meeting_id)
            .join(Participant, Participant.meeting_id == Meeting.id)
            .where(
                *base, Participant.deleted.is_(False),
                or_(Participant.user_id.in_(people), Participant.substitute_id.in_(people)),
            )
            .order_by(Sitting.starts_at)
        )
        for other, meeting, user_id, substitute_id in rows:
            # Someone who sent a substitute is not there; their substitute is.
            who = substitute_id if substitute_id in people else user_id
            if who not in people or (who == user_id and substitute_id is not None):
                continue
            found.append(Conflict(
                ConflictKind.PERSON, who, sitting_id, meeting.id, meeting.title, other.id,
                aware(other.starts_at), aware(other.ends_at),
            ))
    return found


def conflicts(session: Session, meeting_id: str) -> list[Conflict]:
    """Every clash of a saved meeting's sittings with other meetings (its people, its rooms)."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted or meeting.state not in BOOKING:
        return []
    people: list[str] = []
    for user_id, substitute_id in session.execute(
        select(Participant.user_id, Participant.substitute_id).where(
            Participant.meeting_id == meeting_id, Participant.deleted.is_(False)
        )
    ):
        people.append(substitute_id or user_id)
    found: list[Conflict] = []
    for sitting in session.scalars(
        select(Sitting).where(Sitting.meeting_id == meeting_id, Sitting.deleted.is_(False)).order_by(Sitting.number)
    ):
        found.extend(conflicts_at(
            session, starts_at=aware(sitting.starts_at), ends_at=aware(sitting.ends_at),
            room_id=sitting.room_id or meeting.room_id, user_ids=people, exclude_meeting_id=meeting_id,
            sitting_id=sitting.id,
        ))
    return found
