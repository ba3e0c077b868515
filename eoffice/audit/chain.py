"""Writing audit events into a hash chain and checking the chain."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from eoffice.audit.models import AuditEvent
from eoffice.store.base import new_id, utcnow

GENESIS = "0" * 64


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def _event_hash(event: AuditEvent) -> str:
    payload = _canonical(
        [
            event.seq,
            event.id,
            event.at.isoformat() if isinstance(event.at, datetime) else str(event.at),
            event.actor_id,
            event.action,
            event.target_type,
            event.target_id,
            event.before_json,
            event.after_json,
            event.prev_hash,
        ]
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _normalise_time(at: datetime) -> datetime:
    # SQLite hands back naive datetimes; hash what we will read back, to the microsecond.
    return at.replace(tzinfo=None)


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
    """Append one event to the chain inside the caller's transaction.

    Appends are serialised: SQLite write transactions already hold the database lock;
    on PostgreSQL a transaction-scoped advisory lock orders concurrent writers.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(742001)"))
    last = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    event = AuditEvent(
        seq=(last.seq + 1) if last else 1,
        id=new_id(),
        at=_normalise_time(utcnow()),
        actor_id=actor_id,
        action=action,
        target_type=target_type,
        target_id=target_id,
        before_json=_canonical(before) if before is not None else "",
        after_json=_canonical(after) if after is not None else "",
        prev_hash=last.hash if last else GENESIS,
    )
    event.hash = _event_hash(event)
    session.add(event)
    session.flush()
    return event


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
    while True:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.seq > last_seq).order_by(AuditEvent.seq).limit(batch)
        ).all()
        if not rows:
            break
        for event in rows:
            if event.seq != expected_seq or event.prev_hash != prev:
                problems.append(ChainProblem(event.seq, "link"))
            event.at = _normalise_time(event.at)
            if _event_hash(event) != event.hash:
                problems.append(ChainProblem(event.seq, "hash"))
            prev = event.hash
            expected_seq = event.seq + 1
            last_seq = event.seq
        session.expunge_all()
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
