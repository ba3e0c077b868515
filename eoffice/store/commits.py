"""Telling this process's listeners what a transaction wrote, once it has committed."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from typing import Any
from weakref import WeakSet

from sqlalchemy import event
from sqlalchemy.orm import Session

_origin: tuple[int, str] | None = None


def origin() -> str:
    """This process, as the NOTIFYs it sends name it (payload ``<number> <origin>``).

    A listener skips its own process's notifications: the CommitSignal told this process
    already, at the commit itself, and a second wake per commit cost every waiting pull a
    page read and the live hub a read of events. A pid with a random token, made again in
    a forked child, so that no two processes on any host share it.
    """
    global _origin
    pid = os.getpid()
    if _origin is None or _origin[0] != pid:
        _origin = (pid, f"{pid}-{uuid.uuid4().hex[:12]}")
    return _origin[1]


def sent_by_this_process(payload: str) -> bool:
    """Whether a NOTIFY payload (``<number> <origin>``) came from this process."""
    return payload.partition(" ")[2] == origin()


class CommitSignal:
    """Listeners called with a number a transaction noted, after that transaction commits.

    A write notes a number in its session (a live event's, a new server version); when
    the whole transaction commits (not a savepoint's release, not after a rollback) each
    listener is called with the last number noted. It wakes what waits on such commits in
    this process; other processes hear of them by PostgreSQL NOTIFY.
    """

    def __init__(self, name: str) -> None:
        self._key = f"eoffice.commit.{name}"
        self._listeners: list[Callable[[int], None]] = []
        self._installed: WeakSet[Any] = WeakSet()

    def connect(self, fn: Callable[[int], None]) -> None:
        if fn not in self._listeners:
            self._listeners.append(fn)

    def disconnect(self, fn: Callable[[int], None]) -> None:
        if fn in self._listeners:
            self._listeners.remove(fn)

    def note(self, session: Session, value: int) -> None:
        """``value`` is told to the listeners when this session's transaction commits."""
        session.info[self._key] = value

    def install(self, target: Any) -> None:
        """Watch the commits of ``target``: the Session class, a sessionmaker or a session.

        Not ``event.contains``: for a sessionmaker it also answers True when an earlier,
        since dropped one had the listener, which would leave the new one unwatched.
        """
        if target not in self._installed:
            event.listen(target, "after_commit", self._after_commit)
            event.listen(target, "after_soft_rollback", self._after_soft_rollback)
            self._installed.add(target)

    def _after_commit(self, session: Session) -> None:
        # SQLAlchemy fires this when a SAVEPOINT is released too: wait for the real commit.
        if session.in_nested_transaction():
            return
        value = session.info.pop(self._key, None)
        if value is not None:
            for fn in self._listeners[:]:  # a listener may remove itself
                fn(value)

    def _after_soft_rollback(self, session: Session, previous_transaction: Any) -> None:
        if previous_transaction.parent is None:  # the whole transaction, not a savepoint
            session.info.pop(self._key, None)
