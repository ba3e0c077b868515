"""Follow-up of direction lines (theo dõi, đôn đốc): due soon and overdue.

Exposed for the box queries (``boxes.py``), all plain SQLAlchemy expressions over
``DirectionLine``/``Document``:

- ``held_by(user_id, unit_id)``: lines of that person or of their unit;
- ``open_line_condition(user=None)``: lines waiting or in progress (held by ``user`` when given);
- ``overdue_condition(today)`` and ``due_soon_condition(today, until)``;
- ``due_soon_until(session, today, soon_days)``: the last day that still counts as "soon";
- ``followup_document_ids(organisation_id, *conditions)``: a subquery of the ids of the
  documents that have a line matching every condition, for ``Document.id.in_(...)``.

A forwarded line is not open here: its children carry the work and the deadline, so a
document is not counted twice. Counts are of documents, so that a box's count matches
the list it opens.

Other work followed up like a direction line (a task assigned in a meeting) joins the
boxes "Chờ tôi xử lý", "Sắp đến hạn" and "Quá hạn" through a ``FollowupSource`` that its
capability registers (``register_followup_source``): the boxes add its counts and show
its items above their documents, without naming it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from eoffice.directory.models import User
from eoffice.documents.models import DirectionLine, Document
from eoffice.documents.types import LineState
from eoffice.documents.visibility import visible_documents
from eoffice.documents.workdays import add_working_days, holidays

#: Lines that still wait for their holder.
FOLLOWUP_STATES = (LineState.WAITING.value, LineState.IN_PROGRESS.value)


@dataclass
class FollowUp:
    """Numbers of documents with an open line due soon and overdue."""

    due_soon: int
    overdue: int


def held_by(user_id: str, unit_id: str | None) -> ColumnElement[bool]:
    """Lines assigned to the person, or to the unit they belong to."""
    if unit_id is None:
        return DirectionLine.user_id == user_id
    return or_(DirectionLine.user_id == user_id, DirectionLine.unit_id == unit_id)


def open_line_condition(user: User | None = None) -> ColumnElement[bool]:
    """Lines waiting or in progress; when ``user`` is given, only those they hold."""
    condition = and_(DirectionLine.state.in_(FOLLOWUP_STATES), DirectionLine.deleted.is_(False))
    if user is not None:
        condition = and_(condition, held_by(user.id, user.unit_id))
    return condition


def overdue_condition(today: date) -> ColumnElement[bool]:
    """The deadline is past (the deadline day itself is still in time)."""
    return and_(DirectionLine.deadline.is_not(None), DirectionLine.deadline < today)


def due_soon_condition(today: date, until: date) -> ColumnElement[bool]:
    """The deadline falls between today and ``until``, both included."""
    return and_(DirectionLine.deadline >= today, DirectionLine.deadline <= until)


def due_soon_until(session: Session, today: date, soon_days: int = 3) -> date:
    """The last day counted as "due soon": ``soon_days`` working days after today."""
    return add_working_days(today, soon_days, holidays(session))


def followup_document_ids(organisation_id: str, *conditions: ColumnElement[bool]) -> Select[Any]:
    """Ids of the organisation's documents having a line that matches every condition."""
    return (
        select(DirectionLine.document_id)
        .join(Document, Document.id == DirectionLine.document_id)
        .where(Document.organisation_id == organisation_id, Document.deleted.is_(False), *conditions)
        .distinct()
    )


def _count(session: Session, query: Select[Any]) -> int:
    return int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)


def followup_counts(
    session: Session,
    user_id: str | None,
    organisation_id: str,
    today: date,
    soon_days: int = 3,
) -> FollowUp:
    """Documents with an open line due within ``soon_days`` working days, and overdue.

    ``user_id`` None counts the whole organisation (the clerk's and leader's follow-up);
    otherwise the lines of that person and of their unit, on documents they may see
    (``visibility``): a secret document's line to their unit is not theirs to count.
    """
    user = session.get(User, user_id) if user_id is not None else None
    if user_id is not None and user is None:
        return FollowUp(due_soon=0, overdue=0)
    base = open_line_condition(user)
    until = due_soon_until(session, today, soon_days)

    def seen(ids: Select[Any]) -> Select[Any]:
        if user is None:
            return ids
        # Outside the lines' query: the rule's own subqueries over the lines must not
        # correlate with it.
        return select(Document.id).where(Document.id.in_(ids), visible_documents(user, session))

    return FollowUp(
        due_soon=_count(session, seen(followup_document_ids(organisation_id, base, due_soon_condition(today, until)))),
        overdue=_count(session, seen(followup_document_ids(organisation_id, base, overdue_condition(today)))),
    )


# --------------------------------------------------------------------------- other sources


@dataclass(frozen=True)
class FollowupTally:
    """A source's items held by the user and still to handle: all, due soon, overdue."""

    waiting: int
    due_soon: int
    overdue: int


@dataclass(frozen=True)
class FollowupItem:
    """One item of a source as a box lists it: what, where it comes from, its deadline."""

    source: str
    id: str
    what: str
    origin: str
    deadline: date | None
    state: str
    due_soon: bool
    overdue: bool


@dataclass(frozen=True)
class FollowupSource:
    """Work held by a person or their unit with a deadline, followed up in the boxes.

    ``tally(session, user, today, soon_days)`` counts the user's open items cheaply (the
    sidebar reads it after every change); ``items(...)`` lists them, nearest deadline
    first; ``tables`` are the tables whose changes move them.
    """

    name: str
    tables: frozenset[str]
    tally: Callable[[Session, User, date, int], FollowupTally]
    items: Callable[[Session, User, date, int], list[FollowupItem]]


_SOURCES: dict[str, FollowupSource] = {}


def register_followup_source(source: FollowupSource) -> None:
    """Called by a capability's ``capability`` module: its work joins the boxes."""
    _SOURCES[source.name] = source


def followup_sources() -> list[FollowupSource]:
    """Every registered source, in the order the capabilities registered them."""
    from eoffice.capabilities import load

    load()
    return list(_SOURCES.values())


def followup_tables() -> frozenset[str]:
    """The tables whose changes move some source's items."""
    return frozenset().union(*(source.tables for source in followup_sources()))
