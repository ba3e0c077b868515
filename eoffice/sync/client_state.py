"""The client's side of sync bookkeeping: its pull cursor and its outbox of operations."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from eoffice.ops import AppliedResult, Operation, apply, checked, from_json, to_json
from eoffice.ops.registry import entry_of, kinds
from eoffice.store.base import utcnow
from eoffice.sync.models import OutboxEntry, SyncState

PENDING = "pending"


def get_cursor(session: Session, name: str = "server") -> int:
    """The version up to which this client has applied the server's rows (0 at first)."""
    row = session.get(SyncState, name)
    return int(row.cursor) if row is not None else 0


def set_cursor(session: Session, cursor: int, name: str = "server") -> None:
    """Store the cursor in the caller's transaction (with the rows of its page).

    One upsert, not a load and a flush: every page applied ends here. A row the session
    holds is expired, so that it reads the new cursor.
    """
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = insert(SyncState.__table__).values(name=name, cursor=cursor, updated_at=utcnow())
    session.execute(stmt.on_conflict_do_update(
        index_elements=["name"], set_={"cursor": stmt.excluded.cursor, "updated_at": stmt.excluded.updated_at}
    ))
    held = session.identity_map.get(session.identity_key(SyncState, name))
    if held is not None:
        session.expire(held)


def record_local(session: Session, actor_id: str, op: Operation) -> AppliedResult:
    """Apply ``op`` on the client (numbers pending) and queue it for the server, together.

    A DomainError propagates and, with the caller's rollback, leaves neither; so does the
    codec's refusal of a value the server would not store (``ops.checked``).
    """
    op = checked(op)
    result = apply(session, actor_id, op, authority=False)
    payload = json.dumps(to_json(op), ensure_ascii=False)
    session.add(OutboxEntry(op_id=op.op_id, user_id=actor_id, kind=op.kind, payload_json=payload))
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


def refetch_targets(session: Session, op: Operation) -> list[str]:
    """The server documents whose local copy a rejected ``op`` changed (read only; its
    kind says which, ``registry.Kind.refetch``).

    Their server rows are fetched (``changes.refetch_page``) and applied together with
    ``discard_rejected``, so that the local copy returns to the server's truth in the same
    transaction that records the rejection.
    """
    refetch = entry_of(op).refetch
    return refetch(session, op) if refetch is not None else []


def discard_rejected(session: Session, op: Operation) -> list[str]:
    """Undo on the client what a rejected ``op`` made that the server never had (its
    kind says how, ``registry.Kind.discard``).

    Returns ``refetch_targets``, read before the undoing: the ids of server documents
    whose local copy the op changed; apply their server rows to return to the server's
    truth.
    """
    entry = entry_of(op)
    targets = refetch_targets(session, op)
    if entry.discard is not None:
        entry.discard(session, op)
    return targets


DISMISSED = "dismissed"


def dismiss_rejected(session: Session, op_id: str) -> None:
    """The user has read why the server refused an operation: stop listing it."""
    row = session.scalars(select(OutboxEntry).where(OutboxEntry.op_id == op_id)).first()
    if row is not None and row.state == "rejected":
        row.state = DISMISSED
        session.flush()


def has_pending(session: Session) -> bool:
    """Whether any operation still waits to reach the server (one index probe)."""
    return session.scalar(select(OutboxEntry.seq).where(OutboxEntry.state == PENDING).limit(1)) is not None


def pending_payloads(session: Session) -> Iterator[dict[str, Any]]:
    """The payloads of the operations still waiting to reach the server that changed rows
    on this client (kinds without a local effect left out), oldest first.

    A capability reads from them which of its rows hold the user's offline work, so that
    a pull leaves those as they are until the server has applied it (``SyncedTable``'s
    ``local_work``).
    """
    no_local_effect = {name for name, entry in kinds().items() if not entry.local_effect}
    for kind, payload in session.execute(
        select(OutboxEntry.kind, OutboxEntry.payload_json)
        .where(OutboxEntry.state == PENDING)
        .order_by(OutboxEntry.seq)
    ):
        if kind not in no_local_effect:
            yield json.loads(payload)
