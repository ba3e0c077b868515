"""Who receives the agenda, the documents, the comments, the notes and the receipts
(``meetings.access``, as SQL): each row only to those who may see it.

- agenda items: whoever sees the meeting;
- documents and their versions: ``access.document_clause`` (the audience; a row reaches
  its readers before its release time, so they know what is coming; its *file* is
  readable only from then: ``meetings.fileholders``);
- comments: their author, the organisers, the item's presenter and presenting unit;
- private notes: their owner, and nobody else, ever;
- read receipts: their reader and the organisers.
"""

from __future__ import annotations

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.sql.elements import ColumnElement

from eoffice.directory.models import User
from eoffice.meetings.access import document_clause, organised
from eoffice.meetings.models import (
    AgendaItem,
    MeetingComment,
    MeetingDocument,
    MeetingDocumentVersion,
    PrivateNote,
    ReadReceipt,
)
from eoffice.meetings.synced import of_meetings_seen
from eoffice.sync.tables import SyncedTable, register


def versions_visible(user: User) -> ColumnElement[bool]:
    return MeetingDocumentVersion.meeting_document_id.in_(
        select(MeetingDocument.id).where(document_clause(user)).scalar_subquery()
    )


def comments_visible(user: User) -> ColumnElement[bool]:
    presenting = exists().where(
        MeetingDocument.id == MeetingComment.meeting_document_id,
        AgendaItem.id == MeetingDocument.item_id,
        or_(
            AgendaItem.presenter_id == user.id,
            and_(AgendaItem.presenter_unit_id.is_not(None), AgendaItem.presenter_unit_id == user.unit_id),
        ),
    )
    return or_(MeetingComment.author_id == user.id, MeetingComment.meeting_id.in_(organised(user)), presenting)


def notes_visible(user: User) -> ColumnElement[bool]:
    """A private note goes to its owner's computers and nowhere else."""
    return PrivateNote.user_id == user.id


def receipts_visible(user: User) -> ColumnElement[bool]:
    return or_(ReadReceipt.user_id == user.id, ReadReceipt.meeting_id.in_(organised(user)))


register(
    SyncedTable(AgendaItem, visible=of_meetings_seen(AgendaItem), order=84),
    SyncedTable(MeetingDocument, visible=document_clause, stable=False, order=85),
    SyncedTable(MeetingDocumentVersion, visible=versions_visible, stable=False, order=86),
    SyncedTable(MeetingComment, visible=comments_visible, stable=False, order=87),
    SyncedTable(PrivateNote, visible=notes_visible, stable=False, order=88),
    SyncedTable(ReadReceipt, visible=receipts_visible, stable=False, order=89),
)


