"""Read receipts: when each participant first opened each meeting document, and the
who-has-read table the secretary and the chair use to remind people before the meeting.

One row per (document, reader), its id derived from both (``receipt_id``), so the same
opening reported by two computers (each offline) is one row, and the earliest time wins.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.directory.access import load_actor
from eoffice.directory.models import User
from eoffice.errors import ValidationError
from eoffice.meetings import access
from eoffice.meetings.models import AgendaItem, Audience, MeetingDocument, Participant, ReadReceipt
from eoffice.meetings.organising import document_of, meeting_of, not_organiser, not_reader
from eoffice.meetings.values import aware

#: The namespace of receipt ids (fixed: every computer derives the same id).
_NAMESPACE = uuid.UUID("0f8c4a52-8a5e-5f0e-9a57-6d1c3b7e2a90")


def receipt_id(document_id: str, user_id: str) -> str:
    """The one id of ``user_id``'s receipt for ``document_id``."""
    return str(uuid.uuid5(_NAMESPACE, f"{document_id}/{user_id}"))


def record_read(
    session: Session, actor_id: str, document_id: str, version: int, opened_at: datetime, now: datetime
) -> ReadReceipt:
    """The actor opened the document at ``opened_at`` (no later than ``now``); the earliest is kept."""
    actor = load_actor(session, actor_id)
    doc = document_of(session, document_id)
    if not access.reads(session, actor, doc, now):
        raise not_reader()
    if version < 1 or version > doc.version:
        raise ValidationError("Phiên bản tài liệu không hợp lệ.", "Unknown document version.", field="version")
    opened = min(opened_at, now)  # a clock ahead never records a reading in the future
    rid = receipt_id(doc.id, actor.id)
    row = session.get(ReadReceipt, rid)
    if row is None:
        row = ReadReceipt(id=rid, meeting_id=doc.meeting_id, meeting_document_id=doc.id, user_id=actor.id,
                          version=version, first_opened_at=opened)
        session.add(row)
    else:  # the earliest opening, and the newest version opened (a newer one is then "read", no longer "updated")
        if opened < aware(row.first_opened_at):
            row.first_opened_at = opened
        row.version = max(row.version, version)
    session.flush()
    return row


@dataclass(frozen=True)
class Reader:
    participant_id: str
    user_id: str
    name: str
    role: str
    votes: bool


@dataclass(frozen=True)
class ReadTable:
    """Per document, for each participant in its audience: when they first opened it
    (None: not yet). Substitutes read for the person they stand in for."""

    documents: list[MeetingDocument]
    readers: list[Reader]
    #: document id -> participant id -> first opening (None: not yet), audience only.
    opened: dict[str, dict[str, datetime | None]]

    def counts(self, document_id: str) -> tuple[int, int]:
        """(opened, in the audience) for a document."""
        cells = self.opened.get(document_id, {})
        return sum(1 for v in cells.values() if v is not None), len(cells)

    def not_yet(self, document_id: str) -> list[Reader]:
        cells = self.opened.get(document_id, {})
        return [r for r in self.readers if r.participant_id in cells and cells[r.participant_id] is None]


def who_has_read(session: Session, viewer_id: str, meeting_id: str) -> ReadTable:
    """The whole meeting's table for an organiser: three queries (documents, participants,
    receipts), none per document or per person, for 500 × 300 at once."""
    viewer = load_actor(session, viewer_id)
    meeting = meeting_of(session, meeting_id)
    if not access.organises(session, viewer, meeting):
        raise not_organiser()
    documents = list(session.scalars(
        select(MeetingDocument)
        .join(AgendaItem, AgendaItem.id == MeetingDocument.item_id)
        .where(MeetingDocument.meeting_id == meeting_id, MeetingDocument.deleted.is_(False),
               AgendaItem.deleted.is_(False))
        .order_by(AgendaItem.sitting_id, AgendaItem.position, MeetingDocument.position)
    ))
    people = session.execute(
        select(Participant.id, Participant.user_id, Participant.substitute_id, Participant.role, Participant.votes,
               User.full_name)
        .join(User, User.id == Participant.user_id)
        .where(Participant.meeting_id == meeting_id, Participant.deleted.is_(False))
        .order_by(User.full_name)
    ).all()
    first: dict[tuple[str, str], datetime] = {}
    for doc_id, user_id, at in session.execute(
        select(ReadReceipt.meeting_document_id, ReadReceipt.user_id, ReadReceipt.first_opened_at)
        .where(ReadReceipt.meeting_id == meeting_id, ReadReceipt.deleted.is_(False))
    ):
        first[(doc_id, user_id)] = aware(at)
    readers = [Reader(p.id, p.user_id, p.full_name, p.role, p.votes) for p in people]
    opened: dict[str, dict[str, datetime | None]] = defaultdict(dict)
    for doc in documents:
        named = set(json.loads(doc.readers or "[]")) if doc.audience == Audience.NAMED.value else set()
        cells = opened[doc.id]
        for p in people:
            if doc.audience == Audience.VOTING.value and not p.votes:
                continue
            if doc.audience == Audience.NAMED.value and p.user_id not in named and p.substitute_id not in named:
                continue
            times = [t for t in (first.get((doc.id, p.user_id)),
                                 first.get((doc.id, p.substitute_id)) if p.substitute_id else None) if t]
            cells[p.id] = min(times) if times else None
    return ReadTable(documents, readers, dict(opened))
