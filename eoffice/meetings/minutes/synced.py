"""Who receives the secretary's texts: the meeting's organisers (chair, secretary, the
office), and nobody else until the minutes are issued as a document."""

from __future__ import annotations

from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from eoffice.directory.models import User
from eoffice.meetings.access import organised
from eoffice.meetings.minutes.models import MinutesText
from eoffice.meetings.minutes.texts import text_id
from eoffice.sync.tables import SyncedTable, register


def texts_visible(user: User) -> ColumnElement[bool]:
    return MinutesText.meeting_id.in_(organised(user))


def _pending_texts(session: Session) -> set[str]:
    """The parts this desk wrote and has not sent yet: a pull keeps them as written here."""
    from eoffice.sync.client_state import pending_payloads

    return {
        text_id(data["meeting_id"], data["part"])
        for data in pending_payloads(session)
        if isinstance(data.get("meeting_id"), str) and isinstance(data.get("part"), str)
    }


register(SyncedTable(MinutesText, visible=texts_visible, stable=False, local_work=_pending_texts, order=93))
