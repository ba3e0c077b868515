"""The server's own check of a pushed operation before the domain runs it.

The domain functions check roles and organisations. A pushed operation is written by a
program, not picked from a screen, so the server also checks that every existing row the
operation names is one the actor may see: the documents it acts on or links (by the rule
of ``eoffice.documents.visibility``, the one pull follows), the line it acts on (through
its document), and the units and people it names (only of the actor's organisation). A
refusal is a PermissionDenied: rejected and audited like any other (``applying.audit_refused``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, select
from sqlalchemy.orm import Session, lazyload

from eoffice.audit.repeats import Repeats
from eoffice.directory.models import Unit, User
from eoffice.documents.models import DirectionLine, Document
from eoffice.documents.visibility import visible_documents
from eoffice.errors import DomainError, PermissionDenied
from eoffice.store.blobs import BlobStore
from eoffice.store.statements import STATEMENTS
from eoffice.sync import blobaccess
from eoffice.sync import operations as ops
from eoffice.sync.applying import Outcome, apply_once, audit_refused, keeping_rows
from eoffice.sync.models import AppliedOperation
from eoffice.sync.versioning import reserve_version


def _denied() -> PermissionDenied:
    return PermissionDenied(
        "Bạn không có quyền thực hiện thao tác này trên văn bản đó.",
        "You may not perform this operation on that document.",
    )


def _documents_named(op: ops.Operation) -> list[str]:
    names = ("document_id", "reply_to_id", "reply_document_id")
    return [value for name in names if isinstance(value := getattr(op, name, None), str)]


def _lines_named(op: ops.Operation) -> list[str]:
    ids = [op.line_id] if isinstance(getattr(op, "line_id", None), str) else []  # type: ignore[attr-defined]
    return ids


def _people_named(op: ops.Operation) -> tuple[list[str], list[str]]:
    """(unit ids, user ids) the operation assigns or asks."""
    units: list[str] = []
    users: list[str] = []
    for line in getattr(op, "lines", ()) or ():
        if line.unit_id:
            units.append(line.unit_id)
        if line.user_id:
            users.append(line.user_id)
    if isinstance(op, ops.SubmitDraft):
        users.append(op.approver_id)
    return units, users


def _exists_unseen(session: Session, actor: User, document_id: str) -> bool:
    """Whether the document exists and ``actor`` may not see it: one statement, nothing
    loaded (the operation loads what it acts on itself)."""
    seen = session.execute(_seen_query(visible_documents(actor, session)), {"document_id": document_id}).first()
    return seen is not None and not seen[0]


def _seen_query(visible: ColumnElement[bool]) -> Select[Any]:
    """``SELECT <visible> WHERE id = :document_id`` for one view's clause, built once
    (``store.statements``)."""
    return STATEMENTS.get(
        "seen", (visible,), lambda: select(visible.label("seen")).where(Document.id == bindparam("document_id"))
    )


def check(session: Session, actor: User, op: ops.Operation) -> None:
    """Raise PermissionDenied when ``op`` names an existing row ``actor`` may not see.

    Rows that do not exist are left to the domain (a new id is created, an unknown one is
    NotFound): only someone else's row is a permission matter.
    """
    for doc_id in _documents_named(op):
        if _exists_unseen(session, actor, doc_id):
            raise _denied()
    for line_id in _lines_named(op):
        line = session.get(DirectionLine, line_id)
        if line is not None and _exists_unseen(session, actor, line.document_id):
            raise _denied()
    units, users = _people_named(op)
    for unit_id in units:
        unit = session.get(Unit, unit_id)
        if unit is not None and unit.organisation_id != actor.organisation_id:
            raise _denied()
    for user_id in users:
        # Not the roles: nothing here reads them (a lazy load if something later does).
        user = session.get(User, user_id, options=[lazyload(User.role_rows)])
        if user is not None and user.organisation_id != actor.organisation_id:
            raise _denied()
    ops.check_registered(session, actor, op)  # other capabilities' own rules (the diary…)


def apply_checked(
    session: Session, actor: User, batch: list[ops.Operation], blobs: BlobStore | None = None,
    repeats: Repeats | None = None,
) -> list[Outcome]:
    """``applying.apply_batch`` with ``check`` before each new operation, in one transaction.

    A replayed op_id is answered from its stored outcome as before; a refused one is
    rejected, audited (``access.denied``) and not applied. Each op is checked after the
    ones before it in the batch ran, so an operation may act on what an earlier one made.
    With ``blobs`` (the server's), every file an operation names must be one the actor
    uploaded or may read, as the server holds it (``blobaccess.check_named``): a document
    whose PDF nobody can download must not exist, nor one that makes someone else's file
    readable. An accepted operation claims the blobs it names. ``repeats``: the server's
    clock and window by which repeated refusals become one audit event with a count.
    """
    if batch:
        reserve_version(session)
    with keeping_rows(session):
        return _apply_each(session, actor, batch, blobs, repeats)


def _refusal(session: Session, actor: User, op: ops.Operation, blobs: BlobStore | None) -> DomainError | None:
    """Why the server refuses a new ``op`` before running it (None: it may run)."""
    try:
        check(session, actor, op)
    except PermissionDenied as error:
        return error
    if blobs is not None:
        try:
            blobaccess.check_named(session, actor, op, blobs)
        except DomainError as error:
            return error
    return None


def _apply_each(
    session: Session, actor: User, batch: list[ops.Operation], blobs: BlobStore | None,
    repeats: Repeats | None,
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for op in batch:
        unseen = session.get(AppliedOperation, op.op_id) is None
        refused = _refusal(session, actor, op, blobs) if unseen else None
        if refused is not None:
            if isinstance(refused, PermissionDenied):
                audit_refused(session, actor.id, op, refused.message_vi, repeats)
            outcomes.append(Outcome(op.op_id, op.kind, "rejected", refused.message_vi, refused.message_en))
            continue
        outcome = apply_once(session, actor.id, op, authority=True, unseen=unseen, repeats=repeats)
        if blobs is not None and outcome.accepted and not outcome.replayed:
            blobaccess.claim(session, op)
        outcomes.append(outcome)
    return outcomes
