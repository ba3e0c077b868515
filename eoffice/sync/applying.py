"""Applying pushed operations exactly once, each accepted or rejected on its own.

The server remembers every op_id it has seen in ``applied_operations`` with its outcome.
A retried push (the client never heard the answer) is answered from that table and
changes nothing. A refused operation (DomainError) is rolled back alone — a SAVEPOINT
around each one — and remembered as rejected with its Vietnamese reason; the others of
its batch stand. So is one the database itself refuses (a constraint, a value its column
cannot hold) although the codec passed it: a rule missing there, logged as the bug it
is, never the failure of its neighbours.

A refusal of access (``access.denied``) is audited through ``audit_refused``: anyone
signed in can push thousands of forbidden operations, and each must not append a
chained event. Each is still answered on its own.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, event, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from eoffice.audit.repeats import Repeats
from eoffice.errors import DomainError, PermissionDenied
from eoffice.ops import Operation, apply
from eoffice.store.base import utcnow
from eoffice.sync.models import AppliedOperation
from eoffice.sync.versioning import reserve_version

log = logging.getLogger(__name__)

ACCEPTED = "accepted"
REJECTED = "rejected"

#: Called as ``fn(session, actor_id, op, result)`` inside each operation the server accepts
#: (in its savepoint, so what they write stands or falls with it): the live events.
_listeners: list[Callable[[Session, str, Operation, Any], object]] = []


def add_listener(fn: Callable[[Session, str, Operation, Any], object]) -> None:
    """Run ``fn`` for every operation accepted with authority (the server), in its transaction."""
    if fn not in _listeners:
        _listeners.append(fn)


@dataclass(frozen=True)
class Outcome:
    """The server's answer to one operation; ``replayed`` when it was applied before."""

    op_id: str
    kind: str
    status: str  # ACCEPTED / REJECTED
    reason_vi: str = ""
    reason_en: str = ""
    result: dict[str, Any] = field(default_factory=dict)
    replayed: bool = False

    @property
    def accepted(self) -> bool:
        return self.status == ACCEPTED

    def to_json(self) -> dict[str, Any]:
        return {
            "op_id": self.op_id, "kind": self.kind, "status": self.status, "reason_vi": self.reason_vi,
            "reason_en": self.reason_en, "result": self.result, "replayed": self.replayed,
        }


_KEEP = "eoffice.applying.keep"


@contextmanager
def keeping_rows(session: Session) -> Iterator[None]:
    """Hold every row loaded or written inside the block until it ends.

    The session's identity map holds rows weakly: a line an operation made and let go of
    would be read again from the database by the listener that announces it, and a user
    the permission check loaded by the operation that names them.
    """
    if _KEEP in session.info:  # an outer caller keeps them already
        yield
        return
    session.info[_KEEP] = []
    try:
        yield
    finally:
        session.info.pop(_KEEP, None)


@event.listens_for(Session, "loaded_as_persistent")
@event.listens_for(Session, "pending_to_persistent")
def _keep(session: Session, instance: object) -> None:
    kept = session.info.get(_KEEP)
    if kept is not None:
        kept.append(instance)


#: Repeats counted by the defaults (a caller without a server's settings: tests, tools).
DEFAULT_REPEATS = Repeats()


def audit_refused(
    session: Session, actor_id: str, op: Operation, reason: str, repeats: Repeats | None = None
) -> None:
    """Audit the refusal of ``op`` (``access.denied``), counted with its repeats.

    Refusals by one actor of one kind of operation are the same for the count
    (``audit.repeats``): the first in a window is an event at once, naming the operation
    (its op_id as target) and the reason; the rest become one event with their count
    when the window closes. The kinds are few, so however many operations a user forges,
    the chain grows by a few events per window.
    """
    (repeats or DEFAULT_REPEATS).record(
        session, same=("kind",), actor_id=actor_id, action="access.denied", target_type="operation",
        target_id="", after={"kind": op.kind}, first_target_id=op.op_id, detail={"reason": reason},
    )


def _stored(row: AppliedOperation) -> Outcome:
    return Outcome(
        row.op_id, row.kind, row.outcome, row.reason_vi, row.reason_en, json.loads(row.result_json or "{}"),
        replayed=True,
    )


def _claim(session: Session, actor_id: str, op: Operation) -> bool:
    """Insert the op's row; False if another transaction already holds it.

    On PostgreSQL a concurrent insert of the same op_id waits for the other transaction
    and then does nothing, so two pushes of one operation racing apply it once.
    """
    values = {
        "op_id": op.op_id, "user_id": actor_id, "kind": op.kind, "applied_at": utcnow(),
        "outcome": ACCEPTED, "reason_vi": "", "reason_en": "", "result_json": "{}",
    }
    stmt = _CLAIM_PG if session.get_bind().dialect.name == "postgresql" else _CLAIM_SQLITE
    return bool(session.connection().execute(stmt, values).rowcount)


# Built once (every pushed operation runs them): a plain INSERT that gives way to a row
# already there, and the outcome's UPDATE.
_CLAIM_PG = pg_insert(AppliedOperation.__table__).on_conflict_do_nothing(index_elements=["op_id"])
_CLAIM_SQLITE = sqlite_insert(AppliedOperation.__table__).on_conflict_do_nothing(index_elements=["op_id"])
_STORE_OUTCOME = (
    update(AppliedOperation.__table__)
    .where(AppliedOperation.__table__.c.op_id == bindparam("b_op_id"))
    .values(
        outcome=bindparam("b_outcome"), reason_vi=bindparam("b_reason_vi"), reason_en=bindparam("b_reason_en"),
        result_json=bindparam("b_result_json"),
    )
)


def _existing(session: Session, op_id: str) -> AppliedOperation | None:
    return session.scalars(
        select(AppliedOperation)
        .where(AppliedOperation.op_id == op_id)
        .execution_options(populate_existing=True)
    ).first()


def apply_once(
    session: Session, actor_id: str, op: Operation, *, authority: bool = True, unseen: bool = False,
    repeats: Repeats | None = None,
) -> Outcome:
    """Apply ``op`` unless its op_id was seen before; never raises a DomainError.

    A replay returns the stored outcome. An op_id stored for another user is refused,
    audited and not stored again (it is someone else's operation). ``unseen``: the caller
    looked in this transaction and found no row for the op_id (the claim still decides).
    ``repeats``: the server's clock and window for counting refusals (``audit_refused``).
    """
    existing = None if unseen else _existing(session, op.op_id)
    if existing is None and not _claim(session, actor_id, op):
        existing = _existing(session, op.op_id)
    if existing is not None:
        if existing.user_id != actor_id:
            # Someone else's operation id: a forged or copied operation, refused and audited.
            audit_refused(session, actor_id, op, "op_id of another user", repeats)
        if existing.user_id != actor_id or existing.kind != op.kind:
            return Outcome(
                op.op_id, op.kind, REJECTED,
                "Mã thao tác này đã được dùng cho một thao tác khác.",
                "This operation id was already used by another operation.",
            )
        return _stored(existing)
    try:
        with session.begin_nested(), keeping_rows(session):
            result = apply(session, actor_id, op, authority=authority)
            session.flush()
            if authority:
                for listener in _listeners:
                    listener(session, actor_id, op, result)
    except DomainError as error:
        if isinstance(error, PermissionDenied):
            audit_refused(session, actor_id, op, error.message_vi, repeats)
        outcome = Outcome(op.op_id, op.kind, REJECTED, error.message_vi, error.message_en)
    except (IntegrityError, DataError):
        # Batches hold the version lock (``reserve_version``), so this is no race with
        # another push: the codec let through what the database refuses.
        log.exception("the database refused operation %s (%s); rejected alone", op.op_id, op.kind)
        outcome = Outcome(
            op.op_id, op.kind, REJECTED,
            "Máy chủ không lưu được thao tác này vì dữ liệu không phù hợp; hãy báo quản trị hệ thống.",
            "The server could not store this operation: its data does not fit; tell the administrator.",
        )
    else:
        outcome = Outcome(op.op_id, op.kind, ACCEPTED, result=result.data)
    # One statement, not a load and a flush: the row was claimed above by a plain insert.
    stored = session.execute(_STORE_OUTCOME, {
        "b_op_id": op.op_id, "b_outcome": outcome.status, "b_reason_vi": outcome.reason_vi,
        "b_reason_en": outcome.reason_en, "b_result_json": json.dumps(outcome.result, ensure_ascii=False, default=str),
    })
    assert stored.rowcount == 1  # type: ignore[attr-defined]
    return outcome


def apply_batch(session: Session, actor_id: str, ops: list[Operation]) -> list[Outcome]:
    """Apply a pushed batch in order, in the caller's one transaction.

    The server version is reserved first, so every batch takes its locks in the same order
    (version, then register and sort counters, then the audit chain) and two batches can
    never deadlock on them.
    """
    if ops:
        reserve_version(session)
    return [apply_once(session, actor_id, op, authority=True) for op in ops]
