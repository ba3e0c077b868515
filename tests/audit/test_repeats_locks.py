"""Counting repeated refusals never deadlocks a push that audits them (PostgreSQL).

A push holds the audit chain's lock once it audited an accepted operation, then counts a
refused one in its tally. Meanwhile a refusal elsewhere (a wrong password) sweeps the
windows that closed, that tally's among them, and writes their counts into the chain.
Had the sweep locked the tally before waiting for the chain, the two would wait on each
other until PostgreSQL killed one: a sign-in or a whole batch lost. The sweep takes the
chain first, so the push goes through and the sweep follows it.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import select, text

from eoffice.audit.chain import record, verify_chain
from eoffice.audit.models import AuditEvent, AuditTally
from eoffice.audit.repeats import record_repeated
from eoffice.store import Store
from eoffice.store.base import utcnow
from tests.waiting import until

WINDOW = timedelta(minutes=5)


def _refuse(session, now, actor: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    record_repeated(
        session, now=now, window=WINDOW, same=("kind",), actor_id=actor, action="access.denied",
        target_type="operation", target_id="", after={"kind": kind},
    )


def _waiting_on_a_lock(store: Store, pid: int) -> bool:
    engine = sa.create_engine(store.url)
    try:
        with engine.connect() as conn:
            wait = conn.execute(text("SELECT wait_event_type FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid})
            return wait.scalar() == "Lock"
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_sweep_waits_for_a_push_holding_the_chain_instead_of_deadlocking(pg_store: Store):
    start = utcnow()
    with pg_store.write() as s:  # the officer's forged operations: a window with repeats
        for _ in range(3):
            _refuse(s, start, "officer", "start_line")
    later = start + WINDOW + timedelta(seconds=1)  # that window has closed

    errors: list[BaseException] = []
    pid: list[int] = []

    def stranger_guessing_a_password() -> None:
        try:
            with pg_store.write() as s:
                pid.append(s.execute(text("SELECT pg_backend_pid()")).scalar_one())
                _refuse(s, later, "stranger", "login")  # sweeps the closed window
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    with pg_store.write() as push:
        record(push, actor_id="officer", action="worklog.add", target_type="t", target_id="1")  # holds the chain
        sweeper = threading.Thread(target=stranger_guessing_a_password)
        sweeper.start()
        until(lambda: bool(pid and _waiting_on_a_lock(pg_store, pid[0])) or not sweeper.is_alive(),
              "the sweep waiting on a lock")
        assert sweeper.is_alive(), errors
        _refuse(push, later, "officer", "start_line")  # the push's next refusal
    sweeper.join(30)
    assert not sweeper.is_alive() and errors == []

    with pg_store.read() as s:
        events = [
            (e.actor_id, e.after_json)
            for e in s.scalars(select(AuditEvent).where(AuditEvent.action == "access.denied").order_by(AuditEvent.seq))
        ]
        assert verify_chain(s) == []
        assert s.scalar(select(AuditTally.repeats).where(AuditTally.actor_id == "officer")) == 0
    officer = [after for actor, after in events if actor == "officer"]
    # Its first refusal, the two repeats of the closed window, the first of the new one.
    assert len(officer) == 3 and '"count":2' in officer[1] and '"count":1' in officer[2]
    assert [actor for actor, _after in events].count("stranger") == 1
