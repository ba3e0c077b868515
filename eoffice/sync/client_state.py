"""The client's side of sync bookkeeping: its pull cursor and its outbox of operations."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.sync.models import OutboxEntry, SyncState
from eoffice.sync.operations import AppliedResult, Operation, apply, from_json, to_json

PENDING = "pending"


def get_cursor(session: Session, name: str = "server") -> int:
    """The version up to which this client has applied the server's rows (0 at first)."""
    row = session.get(SyncState, name)
    return int(row.cursor) if row is not None else 0


def set_cursor(session: Session, cursor: int, name: str = "server") -> None:
    """Store the cursor in the caller's transaction (with the rows of its page)."""
    row = session.get(SyncState, name)
    if row is None:
        session.add(SyncState(name=name, cursor=cursor))
    else:
        row.cursor = cursor
    session.flush()


def record_local(session: Session, actor_id: str, op: Operation) -> AppliedResult:
    """Apply ``op`` on the client (numbers pending) and queue it for the server, together.

    A DomainError propagates and, with the caller's rollback, leaves neither.
    """
    result = apply(session, actor_id, op, authority=False)
    session.add(OutboxEntry(op_id=op.op_id, user_id=actor_id, kind=op.kind, payload_json=json.dumps(to_json(op), ensure_ascii=False)))
    session.flush()
    return result


def pending_operations(session: Session, limit: int = 100) -> list[Operation]:
    """The next operations to push, oldest first."""
    rows = session.scalars(
        select(OutboxEntry).where(OutboxEntry.state == PENDING).order_by(OutboxEntry.seq).limit(limit)
    )
    return [from_json(json.loads(row.payload_json)) for row in rows]


def mark_outcome(session: Session, op_id: str, status: str, reason_vi: str = "", reason_en: str = "") -> None:
    """Record the server's answer to a pushed operation (accepted or rejected)."""
    row = session.scalars(select(OutboxEntry).where(OutboxEntry.op_id == op_id)).first()
    if row is not None:
        row.state = status
        row.reason_vi = reason_vi
        row.reason_en = reason_en
        session.flush()


def rejected_operations(session: Session) -> list[OutboxEntry]:
    """Operations the server refused, with their reasons, for the status area."""
    return list(session.scalars(select(OutboxEntry).where(OutboxEntry.state == "rejected").order_by(OutboxEntry.seq)))
