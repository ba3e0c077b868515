"""The server's own check of a pushed operation before the domain runs it.

The domain functions check roles and organisations. A pushed operation is written by a
program, not picked from a screen, so the server also runs the check its kind registered
(``eoffice.ops.registry``: the documents' is ``documents.permissions``): every existing
row the operation names must be one the actor may see or touch. A kind that registered
no check is refused: nobody said who may push it. A refusal is rejected and, when it is
a PermissionDenied, audited like any other (``applying.audit_refused``).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from eoffice.audit.repeats import Repeats
from eoffice.directory.models import User
from eoffice.errors import DomainError, PermissionDenied
from eoffice.ops import Operation
from eoffice.ops.registry import entry_of
from eoffice.store.blobs import BlobStore
from eoffice.sync import blobaccess
from eoffice.sync.applying import Outcome, apply_once, audit_refused, keeping_rows
from eoffice.sync.models import AppliedOperation
from eoffice.sync.versioning import reserve_version


def check(session: Session, actor: User, op: Operation) -> None:
    """Raise PermissionDenied when ``op`` names an existing row ``actor`` may not see or
    touch (by its kind's registered check), or when its kind registered none."""
    entry = entry_of(op)
    if entry.check is None:
        raise PermissionDenied(
            "Máy chủ không nhận loại thao tác này vì chưa có quy định ai được thực hiện nó.",
            "The server does not accept this kind of operation: nothing says who may perform it.",
        )
    entry.check(session, actor, op)


def apply_checked(
    session: Session, actor: User, batch: list[Operation], blobs: BlobStore | None = None,
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


def _refusal(session: Session, actor: User, op: Operation, blobs: BlobStore | None) -> DomainError | None:
    """Why the server refuses a new ``op`` before running it (None: it may run)."""
    try:
        check(session, actor, op)
    except DomainError as error:  # a PermissionDenied, or a link to a row that is not there
        return error
    if blobs is not None:
        try:
            blobaccess.check_named(session, actor, op, blobs)
        except DomainError as error:
            return error
    return None


def _apply_each(
    session: Session, actor: User, batch: list[Operation], blobs: BlobStore | None,
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
