"""Rows for the meetings' read models, inserted directly (the operations that make them
are tested elsewhere): a meeting with sittings, participants, agenda, documents, receipts."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy.orm import Session

from eoffice.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingDocument,
    MeetingDocumentVersion,
    Participant,
    ReadReceipt,
    Room,
    Sitting,
)


def new_id() -> str:
    return str(uuid.uuid4())


def room(s: Session, org_id: str, name: str = "Phòng họp số 1") -> Room:
    r = Room(id=new_id(), organisation_id=org_id, name=name)
    s.add(r)
    s.flush()
    return r


def meeting(
    s: Session, org_id: str, creator_id: str, *, title: str = "Phiên họp UBND tỉnh thường kỳ tháng 12",
    starts_at: datetime = datetime(2026, 12, 10, 1, 0, tzinfo=timezone.utc), hours: int = 4,
    state: str = "scheduled", kind: str = "ubnd_regular", unit_id: str | None = None, room_id: str | None = None,
    chair_id: str | None = None, secretary_id: str | None = None, secret: bool = False, place: str = "",
) -> Meeting:
    """A meeting and its first sitting (same times), stored in UTC as the domain stores
    times (SQLite keeps no offset)."""
    starts_at = starts_at.astimezone(timezone.utc)
    m = Meeting(
        id=new_id(), organisation_id=org_id, unit_id=unit_id, title=title, kind=kind, state=state,
        starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours), room_id=room_id, place=place,
        chair_id=chair_id, secretary_id=secretary_id, secret=secret, created_by=creator_id,
    )
    s.add(m)
    s.add(Sitting(id=new_id(), meeting_id=m.id, number=1, starts_at=m.starts_at, ends_at=m.ends_at))
    s.flush()
    return m


def first_sitting(s: Session, meeting_id: str) -> Sitting:
    from sqlalchemy import select

    return s.scalars(select(Sitting).where(Sitting.meeting_id == meeting_id).order_by(Sitting.number)).first()  # type: ignore[return-value]


def participant(
    s: Session, meeting_id: str, user_id: str, role: str = "member", *, votes: bool = True, answer: str = "pending",
    substitute_id: str | None = None,
) -> Participant:
    p = Participant(
        id=new_id(), meeting_id=meeting_id, user_id=user_id, role=role, votes=votes, answer=answer,
        substitute_id=substitute_id,
    )
    s.add(p)
    s.flush()
    return p


def item(
    s: Session, meeting_id: str, sitting_id: str, title: str, *, parent_id: str | None = None, position: int = 0,
    minutes: int = 30, presenter_id: str | None = None, decision: str = "information",
) -> AgendaItem:
    i = AgendaItem(
        id=new_id(), meeting_id=meeting_id, sitting_id=sitting_id, parent_id=parent_id, position=position,
        title=title, planned_minutes=minutes, presenter_id=presenter_id, decision=decision,
    )
    s.add(i)
    s.flush()
    return i


def document(
    s: Session, meeting_id: str, item_id: str, title: str, added_by: str, *, digest: str = "", size: int = 1000,
    pages: int = 1, versions: int = 1, audience: str = "all", readers: list[str] | None = None,
    release_at: datetime | None = None, position: int = 0,
) -> MeetingDocument:
    """A document with ``versions`` versions (the newest is its file)."""
    d = MeetingDocument(
        id=new_id(), meeting_id=meeting_id, item_id=item_id, title=title, audience=audience,
        readers=json.dumps(readers or []), release_at=release_at, version=versions, added_by=added_by,
        position=position,
    )
    s.add(d)
    for v in range(1, versions + 1):
        s.add(MeetingDocumentVersion(
            id=new_id(), meeting_id=meeting_id, meeting_document_id=d.id, version=v, filename=f"tai-lieu-v{v}.pdf",
            digest=digest if v == versions and digest else f"{v:064x}", size=size, page_count=pages + v - 1,
            added_by=added_by,
        ))
    s.flush()
    return d


def receipt(
    s: Session, meeting_id: str, document_id: str, user_id: str, *, version: int = 1,
    at: datetime = datetime(2026, 12, 5, 2, 0, tzinfo=timezone.utc),
) -> ReadReceipt:
    r = ReadReceipt(
        id=new_id(), meeting_id=meeting_id, meeting_document_id=document_id, user_id=user_id, version=version,
        first_opened_at=at,
    )
    s.add(r)
    s.flush()
    return r
