"""Refusals that repeat: one audit event per window with a count, not one per refusal.

A refusal anyone can provoke (a wrong password, a locked account tried again, a request
without a token) must not append one chained event each: a single client made 15,865 in
90 s. The first refusal of a kind in a window is an event at once (``count`` 1), so an
auditor sees an attack start when it starts; the ones that repeat it inside the window
are counted in ``audit_tallies``, and become one event with their ``count`` (and the
first and last time) when the window closes: at the next refusal of that kind, at the
next refusal or sign-in of any kind (a sweep), or when the server starts. The counts of
a kind's events add up to the refusals there were.

Two refusals are "the same" when their action, actor, target and the detail fields the
caller names (``same``) are equal: the reason, the source address, the username tried.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from eoffice.audit.chain import record
from eoffice.audit.models import AuditEvent, AuditTally

#: Closed windows written by one sweep at most: a sweep rides on another request.
SWEEP_LIMIT = 100


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def tally_key(action: str, actor_id: str | None, target_type: str, target_id: str, same: dict[str, Any]) -> str:
    return hashlib.sha256(_json([action, actor_id, target_type, target_id, same]).encode("utf-8")).hexdigest()


def insert_or_ignore(session: Session, table: Any, values: dict[str, Any]) -> None:
    """INSERT one row unless its primary key is taken (SQLite and PostgreSQL)."""
    if session.get_bind().dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        from sqlalchemy.dialects.postgresql import insert  # type: ignore[assignment]
    session.execute(insert(table).values(**values).on_conflict_do_nothing())


def _tally_row(session: Session, key: str, now: datetime, action: str) -> AuditTally:
    """The key's tally, created closed (so the caller opens a window) and locked until commit."""
    insert_or_ignore(
        session, AuditTally.__table__,
        {"key": key, "window_end": now, "repeats": 0, "action": action, "target_type": "", "target_id": "",
         "after_json": ""},
    )
    return session.scalars(select(AuditTally).where(AuditTally.key == key).with_for_update()).one()


def _write_repeats(session: Session, tally: AuditTally) -> None:
    after = json.loads(tally.after_json) if tally.after_json else {}
    first = _aware(tally.first_at) if tally.first_at else None
    last = _aware(tally.last_at) if tally.last_at else None
    record(
        session, actor_id=tally.actor_id, action=tally.action, target_type=tally.target_type,
        target_id=tally.target_id,
        after={**after, "count": tally.repeats, "repeated": True,
               "first_at": first.isoformat() if first else None, "last_at": last.isoformat() if last else None},
    )


def flush_closed(session: Session, now: datetime, *, keep: str | None = None, limit: int = SWEEP_LIMIT) -> int:
    """Write the counts of windows closed by ``now`` and forget them; returns how many.

    Tallies another transaction holds are skipped (it is writing them): a sweep never
    waits for a lock, so it cannot deadlock with the refusal it rides on.
    """
    query = (
        select(AuditTally).where(AuditTally.window_end <= now).order_by(AuditTally.window_end).limit(limit)
        .with_for_update(skip_locked=True)
    )
    if keep is not None:
        query = query.where(AuditTally.key != keep)
    closed = list(session.scalars(query))
    for tally in closed:
        if tally.repeats:
            _write_repeats(session, tally)
    if closed:
        session.execute(delete(AuditTally).where(AuditTally.key.in_([t.key for t in closed])))
        for tally in closed:
            session.expunge(tally)
    return len(closed)


def record_repeated(
    session: Session,
    *,
    now: datetime,
    window: timedelta,
    same: Sequence[str],
    actor_id: str | None,
    action: str,
    target_type: str,
    target_id: str,
    after: dict[str, Any],
) -> AuditEvent | None:
    """Audit a refusal that may repeat; the event written now, or None when it only counted.

    ``now`` is the caller's clock (a server's may be injected); ``same`` names the fields
    of ``after`` that, with the action and actor, tell one kind of refusal from another.
    Call it before any other audit write of the transaction: it locks the tally first and
    the chain second, as every caller does, so two refusals never wait on each other.
    """
    key = tally_key(action, actor_id, target_type, target_id, {f: after.get(f) for f in same})
    tally = _tally_row(session, key, now, action)
    flush_closed(session, now, keep=key)
    if now < _aware(tally.window_end):
        tally.repeats += 1
        tally.first_at = tally.first_at or now
        tally.last_at = now
        session.flush()
        return None
    if tally.repeats:
        _write_repeats(session, tally)
    tally.window_end = now + window
    tally.repeats = 0
    tally.first_at = tally.last_at = None
    tally.actor_id, tally.action, tally.target_type, tally.target_id = actor_id, action, target_type, target_id
    tally.after_json = _json(after)
    session.flush()
    return record(
        session, actor_id=actor_id, action=action, target_type=target_type, target_id=target_id,
        after={**after, "count": 1},
    )
