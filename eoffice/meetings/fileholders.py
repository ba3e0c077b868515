"""Meeting documents' files as holders of blobs (``sync.blobaccess``).

A version's file is readable by whoever may read its document *now*
(``access.reads``: in its audience and past its release time; organisers and the
presenter at once). Holders are asked without the server's injected clock, so "now" is
the wall clock's.

On a client, the files of the released documents it holds (every version: notes stay
on the old ones) are ``wanted``: the sync engine downloads them after each pull, once
(it skips the blobs it has), so a delegate reads the meeting offline.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from eoffice.directory.models import User
from eoffice.meetings import access
from eoffice.meetings.models import AgendaItem, MeetingDocument, MeetingDocumentVersion
from eoffice.store.base import utcnow
from eoffice.sync.blobaccess import Holder, register_holder


def _referencing(session: Session, digests: list[str]) -> set[str]:
    return set(session.scalars(
        select(MeetingDocumentVersion.digest).where(MeetingDocumentVersion.digest.in_(digests)).distinct()
    ))


def _readable(session: Session, actor: User, digest: str) -> bool:
    docs = session.scalars(
        select(MeetingDocument)
        .join(MeetingDocumentVersion, MeetingDocumentVersion.meeting_document_id == MeetingDocument.id)
        .where(MeetingDocumentVersion.digest == digest, MeetingDocumentVersion.deleted.is_(False),
               MeetingDocument.deleted.is_(False))
        .distinct()
    )
    now = utcnow()
    return any(access.reads(session, actor, doc, now) for doc in docs)


def _pages(session: Session, digest: str) -> int | None:
    return session.scalar(
        select(MeetingDocumentVersion.page_count).where(MeetingDocumentVersion.digest == digest).limit(1)
    )


def _wanted(session: Session, user_id: str) -> list[str]:
    """The files of the released documents the client holds (organisers' and presenters': all)."""
    now = utcnow()
    early = [AgendaItem.presenter_id == user_id]
    user = session.get(User, user_id)
    if user is not None:
        early.append(MeetingDocument.meeting_id.in_(access.organised(user)))
    return list(session.scalars(
        select(MeetingDocumentVersion.digest)
        .join(MeetingDocument, MeetingDocument.id == MeetingDocumentVersion.meeting_document_id)
        .outerjoin(AgendaItem, AgendaItem.id == MeetingDocument.item_id)
        .where(
            MeetingDocument.deleted.is_(False), MeetingDocumentVersion.deleted.is_(False),
            or_(MeetingDocument.release_at.is_(None), MeetingDocument.release_at <= now, *early),
        )
        .order_by(MeetingDocument.meeting_id, MeetingDocument.position, MeetingDocumentVersion.version.desc())
        .distinct()
    ))


register_holder(Holder("meeting_document_versions", _referencing, _readable, _pages, _wanted))
