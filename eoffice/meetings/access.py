"""Who sees and who runs a meeting: one rule, as SQL for the pull and as Python for the
operations.

- The **organisers** run it (edit, agenda, documents, participants, invitation): its
  creator, chair and secretary; for a meeting that is not secret, also the leaders and
  the clerks (văn phòng, secretariat) of the organising organisation.
- A meeting is **seen** by its organisers and, once it is no longer a draft, by its
  participants (and a participant's named substitute). A secret meeting is seen only by
  its creator and its participants. An admin sees none unless one of those.
- A meeting document is seen by whoever sees the meeting and is in its audience (every
  participant, the members with a vote, or the people named); organisers and the item's
  presenter see every document. Its *file* is readable by the same people once
  ``release_at`` has passed (organisers and the presenter at once): the row (title,
  release time) reaches readers early so that they know what is coming.
- Private notes are their owner's alone; a read receipt is seen by its reader and the
  organisers; a comment by its author, the organisers and the presenting unit.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from eoffice.directory.models import Role, User
from eoffice.meetings.values import aware
from eoffice.meetings.models import (
    AgendaItem,
    Audience,
    Meeting,
    MeetingDocument,
    MeetingState,
    Participant,
)

_ORGANISING_ROLES = (Role.LEADER, Role.CLERK)


def _office_of(user: User) -> bool:
    """Whether ``user`` organises the meetings of their organisation that are not secret."""
    return any(user.has_role(role) for role in _ORGANISING_ROLES)


def _participant_clause(user: User) -> ColumnElement[bool]:
    return exists().where(
        Participant.meeting_id == Meeting.id,
        or_(Participant.user_id == user.id, Participant.substitute_id == user.id),
        Participant.deleted.is_(False),
    )


def organiser_clause(user: User, meeting: type[Meeting] = Meeting) -> ColumnElement[bool]:
    """SQL: ``meeting`` is run by ``user``."""
    own = or_(meeting.created_by == user.id, meeting.chair_id == user.id, meeting.secretary_id == user.id)
    if not _office_of(user):
        return own
    return or_(own, and_(meeting.secret.is_(False), meeting.organisation_id == user.organisation_id))


def meeting_clause(user: User) -> ColumnElement[bool]:
    """SQL over ``Meeting``: the meetings ``user`` may see."""
    participant = and_(Meeting.state != MeetingState.DRAFT.value, _participant_clause(user))
    return or_(organiser_clause(user), participant)


def meetings_seen(user: User) -> ColumnElement[bool]:
    """SQL over any table with ``meeting_id``: use as ``Model.meeting_id.in_(...)``."""
    return select(Meeting.id).where(meeting_clause(user)).scalar_subquery()


def organised(user: User) -> ColumnElement[bool]:
    """A subquery of the ids of the meetings ``user`` organises."""
    return select(Meeting.id).where(organiser_clause(user)).scalar_subquery()


def document_clause(user: User) -> ColumnElement[bool]:
    """SQL over ``MeetingDocument``: the documents ``user`` may see (not yet the file)."""
    me = Participant
    in_audience = exists().where(
        me.meeting_id == MeetingDocument.meeting_id,
        or_(me.user_id == user.id, me.substitute_id == user.id),
        me.deleted.is_(False),
        or_(
            MeetingDocument.audience == Audience.ALL.value,
            and_(MeetingDocument.audience == Audience.VOTING.value, me.votes.is_(True)),
            and_(MeetingDocument.audience == Audience.NAMED.value, MeetingDocument.readers.contains(f'"{user.id}"')),
        ),
    )
    presenter = exists().where(
        AgendaItem.id == MeetingDocument.item_id, AgendaItem.presenter_id == user.id
    )
    return and_(
        MeetingDocument.meeting_id.in_(meetings_seen(user)),
        or_(MeetingDocument.meeting_id.in_(organised(user)), presenter, in_audience),
    )


# --------------------------------------------------------------------------- in Python


def participant_of(session: Session, meeting_id: str, user_id: str) -> Participant | None:
    """The user's live participant row in the meeting (as the person or their substitute)."""
    return session.scalars(
        select(Participant).where(
            Participant.meeting_id == meeting_id,
            or_(Participant.user_id == user_id, Participant.substitute_id == user_id),
            Participant.deleted.is_(False),
        ).order_by(Participant.user_id != user_id)
    ).first()


def organises(session: Session, user: User, meeting: Meeting) -> bool:
    """Whether ``user`` runs ``meeting`` (see the module's docstring)."""
    if user.id in (meeting.created_by, meeting.chair_id, meeting.secretary_id):
        return True
    return not meeting.secret and _office_of(user) and meeting.organisation_id == user.organisation_id


def sees(session: Session, user: User, meeting: Meeting) -> bool:
    """Whether ``user`` may see ``meeting``."""
    if meeting.deleted:
        return False
    if organises(session, user, meeting):
        return True
    return meeting.state != MeetingState.DRAFT.value and participant_of(session, meeting.id, user.id) is not None


def reads(session: Session, user: User, document: MeetingDocument, now: datetime) -> bool:
    """Whether ``user`` may read ``document``'s file at ``now`` (audience and release time)."""
    meeting = session.get(Meeting, document.meeting_id)
    if meeting is None or document.deleted or not sees(session, user, meeting):
        return False
    item = session.get(AgendaItem, document.item_id)
    if organises(session, user, meeting) or (item is not None and item.presenter_id == user.id):
        return True
    if document.release_at is not None and aware(document.release_at) > now:
        return False
    me = participant_of(session, meeting.id, user.id)
    if me is None:
        return False
    if document.audience == Audience.VOTING.value:
        return me.votes
    if document.audience == Audience.NAMED.value:
        return user.id in json.loads(document.readers or "[]")
    return True
