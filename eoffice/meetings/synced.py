"""The meetings' synced tables: rooms, meetings, their sittings and participants.

Rooms reach their organisation. A meeting reaches whoever ``access.meeting_clause`` lets
see it (its organisers; its participants once it is no longer a draft; a secret one only
its creator, chair, secretary and participants); its sittings and participants reach
whoever sees the meeting.

Losing sight of a meeting. Meetings are revocable: the steps that can hide one from
someone (a participant removed, secrecy raised, a chair replaced) re-version the meeting
(``meetings.touch``), and the pull tells each client holding it (a meeting of their
organisation, or one they are or were a participant of) that it is gone; the desk drops
the meeting with every row hanging on it (sittings, participants, agenda, documents,
comments, notes, receipts). The steps that let someone see it (scheduled, a participant
added, secrecy lifted) re-version every row of the meeting (``meetings.reveal``), so that
rows versioned while they could not see it still reach them. A change of the user's own
roles (made leader or clerk of the office) re-versions no meeting: ``_view_changed``
notices it on their pulled user row and the pull starts again.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import delete, or_, select, union
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from eoffice.directory.models import Role, User
from eoffice.directory.synced import share_users
from eoffice.meetings import access
from eoffice.meetings.meetings import MEETING_ROWS, PEOPLE_COLUMNS
from eoffice.meetings.models import Meeting, Participant, Room, Sitting
from eoffice.store.blobs import BlobStore
from eoffice.sync.tables import Rows, SyncedTable, register
from eoffice.sync.writing import chunks


def _view_key(user: User) -> tuple[str, str, bool, bool]:
    return user.id, user.organisation_id, user.has_role(Role.LEADER), user.has_role(Role.CLERK)


class _Viewer:
    """What ``access`` reads of a user, rebuilt from a view key (so clauses can be cached)."""

    def __init__(self, user_id: str, organisation_id: str, leader: bool, clerk: bool) -> None:
        self.id = user_id
        self.organisation_id = organisation_id
        self._roles = {Role.LEADER} if leader else set()
        if clerk:
            self._roles.add(Role.CLERK)

    def has_role(self, role: Any) -> bool:
        return role in self._roles


@lru_cache(maxsize=1024)
def _meetings(key: tuple[str, str, bool, bool]) -> ColumnElement[bool]:
    return access.meeting_clause(_Viewer(*key))  # type: ignore[arg-type]


@lru_cache(maxsize=1024)
def _seen(key: tuple[str, str, bool, bool], model: Any) -> ColumnElement[bool]:
    return model.meeting_id.in_(access.meetings_seen(_Viewer(*key)))  # type: ignore[arg-type, no-any-return]


@lru_cache(maxsize=1024)
def _held(user_id: str, organisation_id: str) -> ColumnElement[bool]:
    mine = select(Participant.meeting_id).where(
        or_(Participant.user_id == user_id, Participant.substitute_id == user_id)
    )
    return or_(Meeting.organisation_id == organisation_id, Meeting.id.in_(mine))


@lru_cache(maxsize=1024)
def _rooms(key: tuple[str, str, bool, bool]) -> ColumnElement[bool]:
    seen = access.meetings_seen(_Viewer(*key))  # type: ignore[arg-type]
    booked = union(
        select(Meeting.room_id).where(Meeting.id.in_(seen)),
        select(Sitting.room_id).where(Sitting.meeting_id.in_(seen)),
    )
    return or_(Room.organisation_id == key[1], Room.id.in_(booked))


def rooms_visible(user: User) -> ColumnElement[bool]:
    """The organisation's rooms, and those of the meetings the user sees (a guest from
    another organisation reads where the meeting is; ``meetings.reveal`` re-versions them)."""
    return _rooms(_view_key(user))


def meetings_visible(user: User) -> ColumnElement[bool]:
    """The meetings ``user`` receives (``access.meeting_clause``, one clause per view)."""
    return _meetings(_view_key(user))


def meetings_held(user: User) -> ColumnElement[bool]:
    """The meetings a desk may hold: its organisation's, and those its user is or was a
    participant (or substitute) of, removed rows included; the pull revokes those of them
    the user no longer sees."""
    return _held(user.id, user.organisation_id)


def of_meetings_seen(model: Any) -> Any:
    """Visibility of a table with ``meeting_id``: its rows of the meetings the user sees
    (one clause per view); for the tables hanging on a meeting."""

    def visible(user: User) -> ColumnElement[bool]:
        return _seen(_view_key(user), model)

    return visible


def drop_meetings(session: Session, ids: list[str], blobs: BlobStore | None = None) -> None:
    """Remove meetings from a desk with every row hanging on them."""
    for chunk in chunks(ids):
        for model in MEETING_ROWS:
            session.execute(delete(model).where(model.meeting_id.in_(chunk)))
        session.execute(delete(Meeting).where(Meeting.id.in_(chunk)))


def _pending_meetings(session: Session) -> set[str]:
    """Meetings the desk's pending operations changed: a pull keeps them as they are here."""
    from eoffice.sync.client_state import pending_payloads

    found: set[str] = set()
    for data in pending_payloads(session):
        if (
            isinstance(data.get("meeting_id"), str)
            and "sitting_id" not in data and "item_id" not in data and "part" not in data  # not the minutes' texts
        ):
            found.add(data["meeting_id"])
    return found


def _view_changed(session: Session, rows: Rows, user_id: str) -> bool:
    """Whether the page changes which meetings the user organises without re-versioning
    any: their organisation or their roles as leader or clerk (their own user row)."""
    local = session.get(User, user_id)
    mine = next((r for r in rows.get("users", []) if r["id"] == user_id), None)
    if local is None or mine is None or "roles" not in mine:
        return False
    before = _view_key(local)[1:]
    roles = set(mine["roles"])
    return (mine["organisation_id"], Role.LEADER.value in roles, Role.CLERK.value in roles) != before


def people_of_meetings_seen(user: User) -> Any:
    """The users named by the meetings ``user`` sees and by the rows that come with them
    (``meetings.PEOPLE_COLUMNS``: participants, removed ones too, their substitutes,
    creators, who added a document or wrote a comment): shared with them across
    organisations, so that a desk of another organisation can hold the rows naming them."""
    seen = access.meetings_seen(user)
    return union(*(
        select(column).where(
            (column.class_.id if column.class_ is Meeting else column.class_.meeting_id).in_(seen),
            column.is_not(None),
        )
        for column in PEOPLE_COLUMNS
    ))


share_users(people_of_meetings_seen)
register(
    SyncedTable(Room, visible=rooms_visible, stable=False, order=80),
    SyncedTable(
        Meeting, visible=meetings_visible, revocable=meetings_held, drop=drop_meetings,
        local_work=_pending_meetings, view_changed=_view_changed, order=81,
    ),
    SyncedTable(Sitting, visible=of_meetings_seen(Sitting), order=82),
    SyncedTable(Participant, visible=of_meetings_seen(Participant), order=83),
)
