"""Writing audit events into a hash chain and checking the chain."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy import select, text
from sqlalchemy.orm import Session, SessionTransaction

from eoffice.audit.models import AuditEvent
from eoffice.store.base import new_id, utcnow

GENESIS = "0" * 64


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


_HASHED = (
    AuditEvent.seq,
    AuditEvent.id,
    AuditEvent.at,
    AuditEvent.actor_id,
    AuditEvent.action,
    AuditEvent.target_type,
    AuditEvent.target_id,
    AuditEvent.before_json,
    AuditEvent.after_json,
    AuditEvent.prev_hash,
)


def _utc_text(at: datetime | str) -> str:
    """The event time as naive UTC ISO text, identical whatever the database hands back.

    SQLite returns the naive UTC value we stored; PostgreSQL returns an aware value in the
    session's time zone, which need not be UTC.
    """
    if not isinstance(at, datetime):
        return str(at)
    if at.tzinfo is not None:
        at = at.astimezone(timezone.utc).replace(tzinfo=None)
    return at.isoformat()


def _hash_values(seq: int, id: str, at: datetime | str, *rest: Any) -> str:
    payload = _canonical([seq, id, _utc_text(at), *rest])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


#: The event's INSERT: built once; a plain statement, not the unit of work (every
#: operation writes one or two events, and a flush of one object cost more than the rest
#: of writing it).
_INSERT = AuditEvent.__table__.insert()
_HEAD_QUERY = select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
_LOCK = text("SELECT pg_advisory_xact_lock(742001)")


def record(
    session: Session,
    *,
    actor_id: str | None,
    action: str,
    target_type: str,
    target_id: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain inside the caller's transaction; returns it (not
    added to the session: the chain is written, never edited).

    Appends are serialised: SQLite write transactions already hold the database lock;
    on PostgreSQL a transaction-scoped advisory lock orders concurrent writers.
    """
    last = session.info.get(_HEAD)
    if last is None:
        if session.get_bind().dialect.name == "postgresql":
            session.execute(_LOCK)
        last = session.execute(_HEAD_QUERY).first()
    values: dict[str, Any] = {
        "seq": (last.seq + 1) if last else 1,
        "id": new_id(),
        # Aware UTC: PostgreSQL stores the right instant whatever its session time zone.
        "at": utcnow(),
        "actor_id": actor_id,
        "action": action,
        "target_type": target_type,
        "target_id": target_id,
        "before_json": _canonical(before) if before is not None else "",
        "after_json": _canonical(after) if after is not None else "",
        "prev_hash": last.hash if last else GENESIS,
    }
    values["hash"] = _hash_values(*(values[column.key] for column in _HASHED))
    session.flush()  # what the caller changed goes first, as the event says it happened
    session.execute(_INSERT, values)
    # This transaction holds the chain's lock until it ends: its next event follows this
    # one without asking the database (an operation often writes two).
    session.info[_HEAD] = _Head(values["seq"], values["hash"])
    return AuditEvent(**values)


_HEAD = "eoffice.audit.head"


def lock_chain(session: Session) -> None:
    """Take the chain's append lock now, held until the transaction ends.

    For a writer that locks other rows it will audit (``audit.repeats``): taking the
    chain first, as a push that audited an operation already holds it, keeps every
    writer's locks in one order. SQLite's write transaction holds the database already;
    PostgreSQL's advisory lock may be taken again by its holder.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_LOCK)


@dataclass(frozen=True)
class _Head:
    seq: int
    hash: str


@sa_event.listens_for(Session, "after_transaction_end")
def _forget_head(session: Session, transaction: SessionTransaction) -> None:
    """A transaction or savepoint ending (a rolled-back one may have taken the event back)
    makes the next event read the head again; a flush's inner unit of work does not."""
    if transaction.nested or transaction.parent is None:
        session.info.pop(_HEAD, None)


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    problem: str  # "hash" (content edited), "link" (event removed or reordered)


def verify_chain(session: Session, batch: int = 5000) -> list[ChainProblem]:
    """Recompute every hash; an empty list means the history is untouched."""
    problems: list[ChainProblem] = []
    prev = GENESIS
    expected_seq = 1
    last_seq = 0
    # Plain rows, not entities: nothing lands in (or is evicted from) the caller's session.
    while True:
        rows = session.execute(
            select(*_HASHED, AuditEvent.hash)
            .where(AuditEvent.seq > last_seq)
            .order_by(AuditEvent.seq)
            .limit(batch)
        ).all()
        if not rows:
            break
        for row in rows:
            seq, prev_hash, stored = row[0], row[9], row[10]
            if seq != expected_seq or prev_hash != prev:
                problems.append(ChainProblem(seq, "link"))
            if _hash_values(*row[:10]) != stored:
                problems.append(ChainProblem(seq, "hash"))
            prev = stored
            expected_seq = seq + 1
            last_seq = seq
    return problems


def history(session: Session, target_type: str, target_id: str) -> list[AuditEvent]:
    """Events about one object, oldest first."""
    return list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.target_type == target_type, AuditEvent.target_id == target_id)
            .order_by(AuditEvent.seq)
        )
    )
