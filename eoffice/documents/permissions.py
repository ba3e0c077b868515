"""The server's check of a pushed operation that names documents, lines, units or people.

The domain functions check roles and organisations. A pushed operation is written by a
program, not picked from a screen, so the server also checks that every existing row the
operation names is one the actor may see: the documents it acts on or links (by the rule
of ``eoffice.documents.visibility``, the one pull follows), the line it acts on (through
its document), and the units and people it names (only of the actor's organisation).
Rows that do not exist are left to the domain (a new id is created, an unknown one is
NotFound): only someone else's row is a permission matter.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, select
from sqlalchemy.orm import Session, lazyload

from eoffice.directory.models import Unit, User
from eoffice.documents.models import DirectionLine, Document
from eoffice.documents.visibility import visible_documents
from eoffice.errors import PermissionDenied
from eoffice.store.statements import STATEMENTS


def _denied() -> PermissionDenied:
    return PermissionDenied(
        "Bạn không có quyền thực hiện thao tác này trên văn bản đó.",
        "You may not perform this operation on that document.",
    )


def _exists_unseen(session: Session, actor: User, document_id: str, today: date | None = None) -> bool:
    """Whether the document exists and ``actor`` may not see it (on ``today``): one
    statement, nothing loaded (the operation loads what it acts on itself)."""
    visible = visible_documents(actor, session, today=today)
    seen = session.execute(_seen_query(visible), {"document_id": document_id}).first()
    return seen is not None and not seen[0]


def _seen_query(visible: ColumnElement[bool]) -> Select[Any]:
    """``SELECT <visible> WHERE id = :document_id`` for one view's clause, built once
    (``store.statements``)."""
    return STATEMENTS.get(
        "seen", (visible,), lambda: select(visible.label("seen")).where(Document.id == bindparam("document_id"))
    )


def check_names(
    session: Session,
    actor: User,
    *,
    documents: Iterable[str] = (),
    lines: Iterable[str] = (),
    units: Iterable[str] = (),
    users: Iterable[str] = (),
    today: date | None = None,
) -> None:
    """Raise PermissionDenied when one of the rows named exists and ``actor`` may not see it.

    ``today`` is the day the operation was made (a deputy sees the drafts submitted to
    the leader they act for on that day), by default the server's."""
    for doc_id in documents:
        if _exists_unseen(session, actor, doc_id, today):
            raise _denied()
    for line_id in lines:
        line = session.get(DirectionLine, line_id)
        if line is not None and _exists_unseen(session, actor, line.document_id):
            raise _denied()
    for unit_id in units:
        unit = session.get(Unit, unit_id)
        if unit is not None and unit.organisation_id != actor.organisation_id:
            raise _denied()
    for user_id in users:
        # Not the roles: nothing here reads them (a lazy load if something later does).
        user = session.get(User, user_id, options=[lazyload(User.role_rows)])
        if user is not None and user.organisation_id != actor.organisation_id:
            raise _denied()
