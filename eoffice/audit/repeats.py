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
What differs from one repeat to the next (the operation refused, the document asked
for) is named only in the event of the refusal that opens a window (``first_target_id``,
``detail``): a flood of distinct ids would otherwise be a flood of tallies.

Locks, on PostgreSQL, are taken in one order so that two writers never wait on each
other: a refusal's own tally, then the audit chain, then the closed tallies a sweep
writes (skipping those another transaction holds). A push that audited an operation
holds the chain already when a refusal in it takes its tally: that is safe because its
tallies are locked by no one else before the chain (pushes take the version lock first,
and a sweep locks a closed tally only once it holds the chain).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from eoffice.audit.chain import lock_chain, record
from eoffice.audit.models import AuditEvent, AuditTally
from eoffice.store.base import utcnow

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
    waits for a tally's lock, so it cannot deadlock with the refusal it rides on. It
    takes the chain's lock before locking any tally (only when one is closed: most
    sweeps find none), so that a push holding the chain never waits for a tally held by
    a sweep that waits for the chain.
    """
    closed_now = AuditTally.window_end <= now
    if keep is not None:
        closed_now = closed_now & (AuditTally.key != keep)
    if session.scalar(select(AuditTally.key).where(closed_now).limit(1)) is None:
        return 0
    lock_chain(session)
    query = (
        select(AuditTally).where(closed_now).order_by(AuditTally.window_end).limit(limit)
        .with_for_update(skip_locked=True)
    )
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
    first_target_id: str | None = None,
    detail: Mapping[str, Any] | None = None,
) -> AuditEvent | None:
    """Audit a refusal that may repeat; the event written now, or None when it only counted.

    ``now`` is the caller's clock (a server's may be injected); ``same`` names the fields
    of ``after`` that, with the action and actor, tell one kind of refusal from another.
    The event of a window's first refusal names this refusal's own target and details
    (``first_target_id`` instead of ``target_id``, ``detail`` beside ``after``); the
    event of its repeats carries only ``target_id``, ``after`` and their count.
    Call it before any other audit write of the transaction (it locks the tally first and
    the chain second, as every caller does, so two refusals never wait on each other),
    or with the chain held, for tallies only such transactions lock (see above).
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
        session, actor_id=actor_id, action=action, target_type=target_type,
        target_id=target_id if first_target_id is None else first_target_id,
        after={**after, **(detail or {}), "count": 1},
    )


@dataclass(frozen=True)
class Repeats:
    """The clock and window by which repeated refusals are counted (a server's settings:
    ``audit_repeat_window`` and its injectable clock); ``record`` is ``record_repeated``
    with them."""

    clock: Callable[[], datetime] = field(default=utcnow)
    window: timedelta = timedelta(minutes=5)

    def record(
        self,
        session: Session,
        *,
        same: Sequence[str],
        actor_id: str | None,
        action: str,
        target_type: str,
        target_id: str,
        after: dict[str, Any],
        first_target_id: str | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> AuditEvent | None:
        return record_repeated(
            session, now=self.clock(), window=self.window, same=same, actor_id=actor_id, action=action,
            target_type=target_type, target_id=target_id, after=after, first_target_id=first_target_id,
            detail=detail,
        )
