"""Who receives the written opinions' rows (``meetings.opinions``), and their files.

- a poll and its documents: its creator, the organisers of its meeting, and the members
  asked (frozen in the poll when it is sent, so nobody gains or loses sight of it later);
- an answer: its author, the poll's creator and the organisers of its meeting. A member
  never receives the others' answers: the result reaches them on the poll row once closed;
- a document's file: readable by whoever receives the poll, kept at hand on their desk
  (downloaded after each pull) so that the question is read offline.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from eoffice.directory.models import User
from eoffice.meetings.access import organised
from eoffice.meetings.opinion_models import OpinionAnswer, OpinionDocument, OpinionPoll
from eoffice.sync.blobaccess import Holder, register_holder
from eoffice.sync.tables import SyncedTable, register


def runs(user: User) -> ColumnElement[bool]:
    """SQL over ``OpinionPoll``: the polls ``user`` runs (sees every answer of)."""
    return or_(OpinionPoll.created_by == user.id, OpinionPoll.meeting_id.in_(organised(user)))


def polls_visible(user: User) -> ColumnElement[bool]:
    return or_(runs(user), OpinionPoll.asked.contains(f'"{user.id}"'))


def documents_visible(user: User) -> ColumnElement[bool]:
    return OpinionDocument.poll_id.in_(select(OpinionPoll.id).where(polls_visible(user)).scalar_subquery())


def answers_visible(user: User) -> ColumnElement[bool]:
    return or_(
        OpinionAnswer.user_id == user.id,
        OpinionAnswer.poll_id.in_(select(OpinionPoll.id).where(runs(user)).scalar_subquery()),
    )


def _referencing(session: Session, digests: list[str]) -> set[str]:
    return set(session.scalars(
        select(OpinionDocument.digest).where(OpinionDocument.digest.in_(digests)).distinct()
    ))


def _readable(session: Session, actor: User, digest: str) -> bool:
    return session.scalar(
        select(OpinionDocument.id).where(
            OpinionDocument.digest == digest, OpinionDocument.deleted.is_(False), documents_visible(actor)
        ).limit(1)
    ) is not None


def _pages(session: Session, digest: str) -> int | None:
    return session.scalar(select(OpinionDocument.page_count).where(OpinionDocument.digest == digest).limit(1))


def _wanted(session: Session, user_id: str) -> list[str]:
    """Every poll's file the desk holds (a desk holds only the polls its user receives)."""
    return list(session.scalars(
        select(OpinionDocument.digest).where(OpinionDocument.deleted.is_(False)).distinct()
    ))


register_holder(Holder("meeting_opinion_documents", _referencing, _readable, _pages, _wanted))
register(
    SyncedTable(OpinionPoll, visible=polls_visible, stable=False, order=90),
    SyncedTable(OpinionDocument, visible=documents_visible, stable=False, order=91),
    SyncedTable(OpinionAnswer, visible=answers_visible, stable=False, order=92),
)
